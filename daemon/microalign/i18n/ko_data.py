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
    "backup.not_tar": "tar 아카이브가 아니에요",
    "backup.no_header": "microalign 백업의 머리말로 시작하지 않아요",
    "backup.unknown_header": "알 수 없는 머리말이에요: {header}",
    "backup.ends_early": "파일이 너무 일찍 끝나요",
    "backup.no_listing": "파일이 너무 일찍 끝나요 (파일 목록이 없어요)",
    "backup.member_too_large": "{name}이(가) 너무 커요",
    "backup.member_not_json": "{name}이(가) 올바른 JSON 이 아니에요",
    "backup.member_unreadable": "{name}: {error}",
    "backup.member_not_object": "{name}이(가) JSON 객체가 아니에요",
    "backup.listing_unreadable": "파일 목록을 읽을 수 없어요",
    "backup.listing_bad_entry": "파일 목록에서 {name}의 항목이 잘못됐어요",
    "backup.no_database": "데이터베이스가 들어 있지 않아요",
    "backup.member_twice": "{name}이(가) 두 번 들어 있어요",
    "backup.member_mismatch": "{name}이(가) 파일 목록과 맞지 않아요",
    "backup.member_missing": "{name}이(가) 빠져 있어요",
    "backup.member_short": "{name}이(가) 너무 일찍 끝나요",
    "backup.database_changed": "{name}이(가) 백업한 그대로가 아니에요",
    "backup.key_but_plain": "키가 들어 있는데 데이터베이스는 암호화되어 있지 않아요",
    "backup.database_unreadable": "데이터베이스를 읽을 수 없어요",
    "backup.database_error": "데이터베이스를 읽을 수 없어요: {error}",
    "backup.database_check": "데이터베이스가 무결성 검사를 통과하지 못해요",
    "backup.key_missing": "키 파일이 빠져 있어요",
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
    "import.kind.jrnl": "jrnl 내보내기 파일",
    "import.kind.own": "microalign JSON 내보내기 파일",
    "import.kind.loop": "Loop Habit Tracker CSV 내보내기 파일",
    "import.at_line": "{line}행",
    "import.at_column": "{line}행 {column}열",
    "import.at_member_line": "{member} {line}행",
    "import.at_item": "{number}번째 항목",
    "import.field": "{field} 필드",
    "import.at_field": "{where}, {field} 필드",
    "import.at_either_field": "{where}, {first} 또는 {second} 필드",
    "import.too_large": "너무 커요",
    "import.too_large_bytes": "너무 커요 ({size}바이트)",
    "import.not_utf8": "UTF-8 텍스트가 아니에요",
    "import.nul": "NUL 문자가 들어 있어요",
    "import.not_json": "올바른 JSON 이 아니에요",
    "import.too_deep": "너무 깊이 중첩돼 있어요",
    "import.no_jrnl_entry": 'jrnl 항목이 없어요 ("[YYYY-MM-DD HH:MM] " 로 시작하는 줄)',
    "import.not_jrnl_json": "없어요. jrnl JSON 내보내기 파일이 아니에요",
    "import.not_own_json": "microalign JSON 내보내기 파일(답의 목록)이 아니에요",
    "import.not_object": "객체가 아니에요",
    "import.not_text": "텍스트가 아니에요",
    "import.wrong_type": "없거나 형식이 맞지 않아요",
    "import.not_date_time": "{day} {time}은(는) 날짜와 시간이 아니에요",
    "import.not_date": "{value}은(는) 날짜가 아니에요",
    "import.not_checkin": "{value}은(는) 체크인 이름이 아니에요",
    "import.not_outcome": "{value}은(는) 답의 결과가 아니에요",
    "import.not_zip": "zip 파일이 아니에요",
    "import.no_habits": "Habits.csv 파일이 들어 있지 않아요",
    "import.member_unreadable": "읽을 수 없어요 ({error})",
    "import.not_csv": "올바른 CSV 가 아니에요",
    "import.not_number": "숫자가 아니에요",
    "import.not_loop_value": "{value}은(는) Loop 의 값이 아니에요",
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
