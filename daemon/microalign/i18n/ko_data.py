"""Korean texts of the store's files: `backup`, `restore` and `import`. Part of ko.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "cli.backup_progress": "백업하는 중: {total} MB 중 {done} MB ({percent}%)",
    "cli.restore_progress": "복원하는 중: {total} MB 중 {done} MB ({percent}%)",
    "cli.backup_done": (
        "{path}에 백업했어요: 데이터베이스와 녹음 {count}개, {size} "
        "(확인 완료, 나만 읽을 수 있어요)."
    ),
    "cli.restore_done": (
        "{file}을(를) {data}에 복원했어요. 데이터베이스 무결성 검사를 통과했어요."
    ),
    "cli.restore_aside": "바뀌기 전의 저장소는 {aside}에 보관했어요.",
    "error.backup_not_backup": "{path}은(는) microalign 백업이 아니에요 ({reason}).",
    "hint.backup_not_backup": (
        "아무것도 바뀌지 않았어요. `microalign backup -o 파일` 로 만든 파일을 주세요."
    ),
    "error.backup_damaged": "백업 {path}이(가) 손상됐어요: {reason}.",
    "hint.backup_damaged": (
        "아무것도 바뀌지 않았어요. 다른 백업을 쓰거나 `microalign backup -o 파일` 로 새로 만드세요."
    ),
    "error.backup_unsafe": "백업 {path}에 microalign 저장소의 파일이 아닌 항목이 있어요: {name}.",
    "hint.backup_unsafe": (
        "아무것도 바뀌지 않았어요. `microalign backup` 으로 만든 백업만 복원하세요."
    ),
    "error.backup_newer": (
        "백업 {path}은(는) 더 새로운 microalign에서 왔어요 (데이터베이스 버전 {version}, "
        "이 버전은 {known} 까지 알아요)."
    ),
    "hint.backup_newer": "아무것도 바뀌지 않았어요. microalign 을 업데이트한 뒤 다시 복원하세요.",
    "error.backup_inside_audio": "{path}이(가) 녹음 폴더 {audio} 안에 있어요.",
    "hint.backup_inside_audio": "다른 곳에 백업하세요. 예: -o ~/microalign.backup",
    "error.restore_exists": "{path}에 이미 microalign 저장소가 있어요.",
    "hint.restore_exists": (
        "바꾸려면 같은 명령에 --force 를 붙이세요. 지금 저장소는 {path} 안의 폴더에 보관돼요."
    ),
    "error.restore_journal_broken": "중단된 복원의 기록 {path}이(가) 손상됐어요: {error}.",
    "hint.restore_journal_broken": (
        "이전 저장소는 옆의 replaced- 폴더에 있어요. {path}을(를) 지운 뒤 --force 로 "
        "백업을 다시 복원하세요."
    ),
    "error.restore_busy": "microalign 이 실행 중이라 저장소를 바꿀 수 없어요 (pid {holder}).",
    "hint.restore_busy": (
        "먼저 멈추세요 (`systemctl --user stop microalign`, 또는 체크인 끝내기). "
        "그다음 다시 복원하세요."
    ),
    "cli.backup_not_due": "아직 백업할 때가 아니에요 (설정의 [backup] every_days).",
    "error.backup_target": "-o 파일 또는 --scheduled 중 하나를 주세요.",
    "hint.backup_target": "예: microalign backup -o ~/microalign.backup",
    "error.import_unreadable": "{path}을(를) {kind}(으)로 읽을 수 없어요: {reason}.",
    "hint.import_unreadable": "아무것도 가져오지 않았어요. 내보낸 그대로의 파일을 주세요.",
    "error.import_bad": "{path}, {where}: {reason}.",
    "hint.import_bad": "아무것도 가져오지 않았어요. 파일의 그 부분을 고치거나 다시 내보내세요.",
    "cli.import_dry_run": "미리 보기: 아무것도 쓰지 않았어요. {path}에서 가져올 것:",
    "cli.import_done": "{path}에서 가져왔어요:",
    "cli.import_nothing": "{path}에 새로운 것이 없어요: 모두 이미 가져왔어요.",
    "cli.import_goal": (
        "  {goal} ({start} 부터): {days}일: 지킴 {kept}, 조금 {partly}, 놓침 {missed}, "
        "쉼 {rest}{new}"
    ),
    "cli.import_goal_new": ", 새 목표",
    "cli.import_notes": "  메모와 일기 {count}개",
}
