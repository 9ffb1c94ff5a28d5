"""Korean texts of `microalign service`: the systemd user unit. Part of ko.TEXTS, with the
keys of en_service.py."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "service.written": "{path}을(를) 썼어요\n  ExecStart={command}",
    "service.verified": "`systemd-analyze --user verify` 로 확인했어요: 문제 없음.",
    "service.not_verified": (
        "주의: systemd-analyze 가 설치되어 있지 않아 유닛을 확인하지 못했어요 "
        "(apt install systemd)."
    ),
    "service.check_not_run": (
        "주의: 여기서는 `systemd-analyze --user verify` 를 실행할 수 없어 유닛을 확인하지 "
        "못했지만 설치는 했어요 (확인 도구의 출력은 `-v` 를 붙이면 보여요).\n"
        "  나중에 데스크톱 세션에서 확인하세요: systemd-analyze --user verify {path}"
    ),
    "service.enabled": (
        "활성화하고 시작했어요: 이제 세션마다 데몬이 시작돼요.\n"
        "  로그: journalctl --user -u microalign"
    ),
    "service.no_manager": (
        "여기서는 systemd 사용자 관리자에 연결할 수 없어요. 데스크톱 세션에서 데몬을 "
        "활성화하고 시작하려면 다음을 실행하세요:\n{commands}"
    ),
    "service.removed": "{path}을(를) 지웠어요.",
    "service.disabled": "microalign.service 를 멈추고 비활성화했어요.",
    "service.not_installed": "microalign.service 가 설치되어 있지 않아요 ({path}).",
    "service.status.installed": "{path}: 설치됨",
    "service.status.missing": (
        "{path}: 설치되지 않음. 세션마다 데몬을 시작하려면 `microalign service install` 을 "
        "실행하세요."
    ),
    "service.status.this_installation": "이 설치본을 실행해요: {command}",
    "service.status.other_installation": (
        "다른 설치본을 실행해요: {found}\n"
        "  이 설치본으로 바꾸려면 `microalign service install` 을 실행하세요: {command}"
    ),
    "service.status.outdated": (
        "`microalign service install` 이 지금 쓸 내용과 달라요 (설정이나 데이터 폴더가 "
        "바뀌었나요?). 다시 실행하세요."
    ),
    "service.status.manager": "활성화: {enabled}, 실행 상태: {active}",
    "service.status.no_manager": (
        "여기서는 systemd 사용자 관리자에 연결할 수 없어서 활성화·실행 상태를 알 수 없어요."
    ),
    "file.doing.remove": "지울",
    "file.doing.read": "읽을",
    "error.service_verify": (
        "`systemd-analyze --user verify` 가 {path}에서 문제를 찾았어요 (그 출력은 "
        "`microalign -v service install` 로 볼 수 있어요)."
    ),
    "hint.service_verify": (
        "아무것도 설치하지 않았어요. 나온 경로를 확인하고 `microalign service install` 을 다시 "
        "실행하세요. 그동안은 터미널에서 `microalign run` 을 쓸 수 있어요."
    ),
    "error.service_systemctl": (
        "`{command}`이(가) 실패했어요 (다시 실행할 때 `microalign -v` 로 시작하면 그 출력이 "
        "보여요)."
    ),
    "hint.service_systemctl": (
        "`systemctl --user status microalign` 과 `journalctl --user -u microalign` 을 보세요."
    ),
}
