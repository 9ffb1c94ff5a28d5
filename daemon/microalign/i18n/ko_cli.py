"""Korean texts that help with a command-line slip. Part of ko.TEXTS, with the keys of
en_cli.py."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "error.unknown_checkin_near": "“{name}” 체크인은 설정에 없어요. '{near}'을(를) 말씀하셨나요?",
    "hint.unknown_checkin_near": "`{command}`을(를) 실행하세요. 설정된 체크인: {known}.",
    "error.unknown_checkin_bad_name": "“{name}” 체크인은 설정에 없어요.",
    "hint.unknown_checkin_bad_name": (
        "설정된 체크인: {known}. 새 체크인은 설정 파일에 [checkins.이름] 으로 추가해요. "
        '이름은 영어 소문자로 시작하고 소문자, 숫자, "-", "_" 만 쓸 수 있어요 '
        "(예: [checkins.lunch])."
    ),
    "cli.init_backup": "이전 설정은 {backup}에 남겨 두었어요 (본인만 읽을 수 있어요).",
    "checkin_state.upcoming": "{at} 예정",
    "checkin_state.open": "{until}까지 가능",
}
