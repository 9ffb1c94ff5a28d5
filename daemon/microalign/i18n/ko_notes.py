"""알림과 이정표의 한국어 texts. Part of ko.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    # -- notifications -------------------------------------------------------------------
    "note.missed_title": "{checkin} 놓침",
    "note.action.start_now": "지금 시작",
    "note.action.snooze": "{minutes}분 미루기",
    "note.action.skip_today": "오늘은 건너뛰기",
    "note.action.level_up": "한 단계 올리기",
    "note.checkin_start": "체크인할 시간이에요. 신호음이 울린 뒤에 들을게요.",
    "note.checkin_waiting": "체크인이 준비됐어요. 컴퓨터 앞으로 돌아오면 시작해요.",
    "note.checkin_missed": "체크인을 하지 못했어요. 괜찮아요 — 편할 때 다시 하세요.",
    "note.no_answer": "대답이 들리지 않아서 여기서 멈췄어요.",
    "note.failed": "오류 때문에 멈췄어요. 지금까지의 답은 모두 저장됐어요.",
    "note.checkin_typed": "{problem} 대신 글로 답하세요: microalign checkin {checkin} --text",
    "note.checkin_typed_invite": (
        "체크인할 시간이에요. 터미널에서 글로 답하세요: microalign checkin {checkin} --text "
        "({problem})"
    ),
    "note.missing_title": {"other": "microalign: 준비할 것 {count}가지"},
    "note.missing_line": "{problem} → {fix}",
    "note.busy": "다른 체크인이 진행 중이에요. 그게 끝나면 시작할게요.",
    "note.level_up_how": (
        '더 어려운 목표를 적어 주세요: microalign goals level-up {goal_id} "새 목표"'
    ),
    # -- milestones ----------------------------------------------------------------------
    "milestone.goal_title": "“{goal}” — {title}",
    "milestone.streak.title": {"other": "{count}일 연속!"},
    "milestone.streak.body": {
        "other": "“{goal}” — {count}일 연속이에요. 작은 걸음이 진짜 변화를 만들어요."
    },
    "milestone.strength.title": "튼튼한 습관",
    "milestone.strength.body": (
        "“{goal}”의 습관 강도가 {percent}%가 됐어요. 이제 당신의 일부가 되고 있어요."
    ),
    "milestone.perfect_week.title": "완벽한 한 주",
    "milestone.perfect_week.body": "한 주 내내 모든 작은 목표를 지켰어요. 잘했어요.",
    "milestone.checkins.title": {"other": "체크인 {count}번"},
    "milestone.checkins.body": {"other": "{count}번이나 함께했어요. 그게 가장 중요해요."},
    "milestone.mastered.title": "목표 달성",
    "milestone.mastered.body": "“{goal}”은(는) 이제 자연스러운 당신의 모습이에요.",
    "milestone.levelled_up.title": "한 단계 올림",
    "milestone.levelled_up.body": "“{goal}”에서 더 어려운 목표로 나아갔어요. 계속 가요.",
    "milestone.other.title": "이정표",
    "milestone.other.body": "{goal}",
    "milestone.level_up_suggestion.title": "한 단계 올려 볼까요?",
    "milestone.level_up_suggestion.body": {
        "other": "“{goal}”을(를) {count}일 동안 지켰어요. 조금 더 어려운 목표에 도전해 볼까요?"
    },
}
