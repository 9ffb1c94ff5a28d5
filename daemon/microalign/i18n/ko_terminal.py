"""터미널에 보이는 한국어 texts: 명령의 출력, 표, 질문. Part of ko.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    # -- terminal ------------------------------------------------------------------------
    "cli.init_done": """\
microalign 준비가 끝났어요.
  설정:     {config}
  데이터:   {data}""",
    "cli.init_next": """\
다음 단계:
  1. 저녁 돌아보기를 글로 해 보세요:    microalign checkin evening --text
  2. 지금 상태를 확인하세요:            microalign status
  3. 매일 자동으로 실행하세요:          microalign service install
  (`microalign doctor` 로 모두 다시 확인할 수 있어요)""",
    "cli.init_ask_language": "체크인 언어 (en = 영어, ko = 한국어)",
    "cli.init_ask_goal": "첫 번째 작은 목표, 매일 할 수 있을 만큼 작게 (비우면 나중에)",
    "cli.init_ask_value": "이 목표가 따르는 가치 ({values}; 비우면 없음)",
    "cli.init_language_kept": (
        "기존 설정을 그대로 두어서 언어는 {language} 그대로예요 (general.language 를 고치세요)."
    ),
    "cli.init_exists": "기존 설정 {config}을(를) 그대로 두었어요 (기본값으로 덮어쓰려면 --force).",
    "cli.config_ok": "{path}: 정상",
    "cli.config_defaults": (
        "{path} 파일이 없어서 기본값을 쓰고 있어요 (`microalign init` 으로 만들 수 있어요)."
    ),
    "cli.no_goals": (
        '아직 작은 목표가 없어요. 추가해 보세요: microalign goals add "한 사람에게 웃어 주기" '
        "--value 존중"
    ),
    "cli.checkin_done": (
        "{day} {checkin} 체크인은 이미 끝났어요. 한 번 더 답하려면 --again 을 쓰세요 "
        "(새 답이 반영돼요)."
    ),
    "cli.checkin_end.done": "저장했어요. 연속 기록은 `microalign status` 에서 볼 수 있어요.",
    "cli.checkin_end.stopped": (
        "중단했어요. 지금까지의 답은 모두 저장됐어요. 같은 명령으로 이어서 할 수 있어요."
    ),
    "cli.checkin_end.unanswered": (
        "저장했어요. 답하지 않은 작은 목표가 있어요. 같은 명령을 다시 실행해 답하세요."
    ),
    "cli.checkin_end.no_speech": "대답 없이 끝났어요. 같은 명령으로 다시 해 보세요.",
    "cli.checkin_end.snoozed": "미뤘어요. 준비되면 같은 명령을 다시 실행하세요.",
    "cli.checkin_end.already_done": "다른 체크인이 먼저 끝냈어요. 아무것도 묻지 않았어요.",
    "cli.value_added": "가치 “{name}”을(를) 추가했어요.",
    "cli.value_removed": "가치 “{name}”을(를) 지웠어요.",
    "cli.exported": {"other": "답 {count}개를 {path}에 저장했어요."},
    "cli.report_written": "보고서를 {path}에 저장했어요. 브라우저로 열어 보세요.",
    "cli.report_png_written": "보고서 그림을 {path}에 저장했어요 ({width}×{height} 픽셀).",
    "cli.goal.added": "목표 {id} 추가: {text} [{state}]",
    "cli.goal.changed": "목표 {id} 변경: {text} [{state}]",
    "cli.goal.paused": "목표 {id} 일시정지: {text} [{state}]",
    "cli.goal.resumed": "목표 {id} 다시 시작: {text} [{state}]",
    "cli.goal.retired": "목표 {id} 그만둠: {text} [{state}]",
    "cli.goal.mastered": "목표 {id} 달성: {text} [{state}]",
    "cli.goal.levelled_up": "한 단계 올린 목표 {id}: {text} [{state}]",
    "cli.goal.asks": "  질문: {question}",
    "cli.goal.chain": "이어진 목표: {chain}",
    "cli.goal.from": "{id}번에서",
    "cli.note": "참고: {warning}",
    "cli.status.heading": "{year}년 {month} {day}일 {weekday} — {checkins}",
    "cli.status.checkin": "{checkin} {state}",
    "cli.history.heading": "{day} {checkin}",
    "cli.history.audio_pending": "(음성, 아직 글로 옮기지 않음)",
    "cli.history.none": {"other": "최근 {count}일 동안 답이 없어요."},
    "cli.stats.heading": "{id}. {text}  [{state}]",
    "cli.stats.line": {
        "other": (
            "   연속 {streak}일 · 최고 {best}일 · 습관 강도 {strength} · {count}일 중 {kept}일 지킴"
        ),
    },
    "cli.stats.ended_line": {
        "other": (
            "   {day}에 {state} · 최고 {best}일 · 습관 강도 {strength} · {count}일 중 {kept}일 지킴"
        ),
    },
    "cli.stats.levelled_from": {"other": "   “{goal}”을(를) {count}일 지킨 뒤 한 단계 올림"},
    "cli.stats.chain": "   이어진 목표: {chain}",
    "cli.heatmap.kept": "지킴",
    "cli.heatmap.partly": "조금",
    "cli.heatmap.frozen": "보호",
    "cli.heatmap.missed": "놓침",
    "cli.heatmap.rest": "쉼",
    "cli.heatmap.none": "예정 없음",
    "cli.heatmap.pending": "오늘, 아직 답 없음",
    "cli.column.id": "번호",
    "cli.column.goal": "목표",
    "cli.column.value": "가치",
    "cli.column.area": "영역",
    "cli.column.days": "요일",
    "cli.column.state": "상태",
    "cli.column.today": "오늘",
    "cli.column.streak": "연속",
    "cli.column.best": "최고",
    "cli.column.strength": "강도",
    "cli.column.levelled_up": "이전 단계",
    "cli.column.active_goals": "진행 중인 목표",
    "cli.column.this_week": "이번 주",
    "cli.column.this_month": "이번 달",
    "cli.interrupted": "중단했어요.",
    "cli.internal_error": (
        "내부 오류: {error}\n  → --debug 를 붙여 다시 실행하고 traceback 을 알려 주세요."
    ),
    "cli.tz_warning": "{problem}.",
}
