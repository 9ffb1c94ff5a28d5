"""설정 문제의 한국어 글: 문제의 종류마다 하나, 모두 키의 이름을 말해요."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "error.config_invalid": "{path}의 설정이 올바르지 않아요:\n{problems}",
    "hint.config_invalid": "{path}을(를) 고친 뒤 `microalign config check` 를 다시 실행하세요.",
    "config.problem.unknown_key": "{key}: 알 수 없는 키예요. 지우거나 철자를 확인하세요",
    "config.problem.missing": "{key}: 꼭 있어야 하는 키가 없어요",
    "config.problem.missing_flow": (
        '{key}: 꼭 있어야 하는 키가 없어요. `flow = "morning"`, `"evening"`, `"weekly"` 중 '
        "하나를 주세요"
    ),
    "config.problem.time_format": (
        "{key}: 00:00부터 23:59까지의 `HH:MM` 시각이어야 해요. 지금 값: {got}"
    ),
    "config.problem.checkin_name": (
        "{key}: 체크인 이름으로 {got}은(는) 쓸 수 없어요. 영문 소문자로 시작하는 1~32자의 "
        "소문자, 숫자, `-`, `_` 를 쓰세요 (예: [checkins.lunch])"
    ),
    "config.problem.one_of": "{key}: {expected} 중 하나여야 해요. 지금 값: {got}",
    "config.problem.integer": "{key}: 정수여야 해요. 지금 값: {got}",
    "config.problem.boolean": "{key}: `true` 또는 `false` 여야 해요. 지금 값: {got}",
    "config.problem.text": '{key}: 따옴표("...")로 묶은 글이어야 해요. 지금 값: {got}',
    "config.problem.list": "{key}: 대괄호([...])로 묶은 목록이어야 해요. 지금 값: {got}",
    "config.problem.table": "{key}: 키를 담은 표([{key}])여야 해요. 지금 값: {got}",
    "config.problem.at_least": "{key}: {limit} 이상이어야 해요. 지금 값: {got}",
    "config.problem.at_most": "{key}: {limit} 이하여야 해요. 지금 값: {got}",
    "config.problem.other": "{key}: {message}{got}",
    "config.problem.at_key": "{key}: {problem}",
    "config.problem.legacy_twice": (
        "schedule.{name}: checkins.{name}에도 있어요. [checkins.{name}]만 남기세요"
    ),
    "config.problem.no_file": "파일이 없어요",
    "config.problem.unreadable": "파일을 읽을 수 없어요: {error}",
    "config.problem.not_utf8": "`UTF-8` 글 파일이 아니에요",
    "config.problem.toml": "{line}행 {column}열이 TOML 문법에 맞지 않아요: {what}",
    # The kinds of slip tomllib reports (its own words go to the log).
    "config.toml.value": '값을 읽을 수 없어요. 글은 "큰따옴표" 안에 써야 해요',
    "config.toml.equals": "키 뒤에 '='가 있어야 해요",
    "config.toml.newline": "한 줄에는 항목 하나만 쓸 수 있어요",
    "config.toml.unclosed": "괄호가 닫히지 않았어요",
    "config.toml.string": "따옴표로 연 글이 닫히지 않았거나 쓸 수 없는 '\\'가 있어요",
    "config.toml.twice": "같은 키나 표가 두 번 나와요",
    "config.toml.character": "쓸 수 없는 글자가 있어요",
    "config.toml.statement": "키 = 값 또는 [표]로 시작해야 해요",
    "config.toml.other": "문법이 틀렸어요",
    "config.hint.no_file": (
        "`microalign --config {path} init` 로 만들거나, --config 와 MICROALIGN_CONFIG 를 빼고 "
        "기본 위치를 쓰세요."
    ),
    "config.hint.is_folder": "{path}은(는) 폴더예요. 설정 파일 자체를 주거나 폴더를 옮기세요.",
    "config.hint.permission": "읽을 수 있게 하세요: chmod 600 {path} (내 파일이어야 해요).",
    "config.hint.not_dir": "{path}의 일부가 폴더가 아니라 파일이에요. 경로를 고치세요.",
}
