"""체크인과 주간 돌아보기에서 말하는 한국어 texts. Part of ko.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    # -- spoken ------------------------------------------------------------------------
    "say.greeting_morning": "좋은 아침입니다. 오늘을 위해 잠깐 생각해 봐요.",
    "say.greeting_evening": "좋은 저녁입니다. 오늘 하루를 돌아봐요.",
    "say.noted": "기록했어요: {text}.",
    "say.reminders_intro": "오늘의 작은 목표입니다:",
    "say.no_goals": "아직 작은 목표가 없어요. microalign goals add 로 추가하세요.",
    "say.no_goals_yet": (
        "{day}에는 아직 시작한 작은 목표가 없었어요. 첫 목표는 {start}에 시작해요. "
        "그날을 기록하려면 시작일을 앞당기세요: microalign goals edit {goal_id} --since {day}"
    ),
    "say.no_goals_due": "{day} {weekday}에는 예정된 작은 목표가 없어요.",
    "say.intention_check": "오늘 아침 다짐은 {intention} 이었어요. 지켰나요?",
    "say.goal_question": "오늘 {goal}, 하셨나요?",
    "say.skip_reason": (
        "알겠어요, 쉬는 날이에요. 이유가 있으면 말해 주세요. 없으면 다음 이라고 하세요."
    ),
    "say.skip_reason_again": "이유가 무엇인가요? 말해 주세요. 없으면 다음 이라고 하세요.",
    "say.didnt_understand_typed": "잘 이해하지 못했어요. {choices} 중에서 대답해 주세요.",
    "say.weekly.didnt_understand_typed": (
        "잘 이해하지 못했어요. {choices} 중에서 하나를 골라 주세요."
    ),
    "say.summary_unanswered": (
        "{goal}: 아직 답하지 않았어요. 체크인을 다시 시작하면 답할 수 있어요."
    ),
    "say.skip_reason_resumed": (
        "아까 이 질문은 넘기셨어요: {question} 이유가 있으면 말해 주세요. "
        "없으면 다음 이라고 하세요."
    ),
    "say.feeling_prompt": "기분이 어땠나요?",
    "say.summary_streak": {"other": "{goal}: {count}일 연속입니다."},
    "say.summary_none": "매일 나타나는 것이 중요해요. 내일 봬요.",
    "say.goodbye": "고마워요. 푹 쉬세요.",
    # -- 주간 돌아보기와 다음 주 아침에 전하는 초점 ----------------------------------------
    "say.weekly.greeting": "좋은 저녁입니다. 이번 한 주를 돌아봐요.",
    "say.weekly.value_line": {"other": "{value}: {count}일 중 {aligned}일 지켰어요."},
    "say.weekly.no_values": "이번 주에는 가치와 연결된 작은 목표가 없었어요.",
    "say.weekly.no_answers": "이번 주에는 아직 가치와 연결된 목표에 답한 날이 없어요.",
    "say.weekly.streaks_intro": "가장 긴 연속 기록입니다:",
    "say.weekly.no_streaks": "아직 이어지는 연속 기록이 없어요. 매일이 새로운 시작이에요.",
    "say.weekly.focus_prompt": "다음 주에는 어떤 가치에 집중하고 싶나요?",
    "say.weekly.didnt_understand": "잘 못 들었어요. {choices} 중에서 하나를 말해 주세요.",
    "say.weekly.carry_prompt": "무엇을 이어 가고 싶나요?",
    "say.weekly.goodbye": "고마워요. 좋은 한 주 보내세요.",
    "say.weekly.focus_morning": "이번 주의 초점: {value}.",
    "say.weekly.carry_morning": "이어 가기로 한 것: {text}.",
    "say.didnt_understand": "잘 못 들었어요. {choices} 중에서 대답해 주세요.",
    "say.choice_hint": "{outcomes}   (또는 {commands})",
    "say.no_speech_retry": "아무 말도 들리지 않았어요. 한 번 더요:",
    "say.no_speech_end": "대답이 없어서 나중에 다시 할게요.",
    "say.stopped": "네, 말씀하신 것을 저장했어요.",
    "say.snoozed": "알겠어요, 나중에 다시 물어볼게요.",
    "say.snoozed_until": "알겠어요, {time}에 다시 물어볼게요.",
    "say.snooze_out_of_range": (
        "{shortest}분에서 {longest}시간 사이로 기다릴 수 있어요. 언제 다시 물어볼까요?"
    ),
    "say.confirm": "{text}(이)라고 들었어요. 맞나요?",
    "say.milestone": "이정표: {title}",
    "say.level_up_question": (
        "“{goal}” 목표를 한 단계 올려 봐요. 조금 더 어려운 목표는 무엇인가요? "
        "신호음이 울린 뒤에 말해 주세요."
    ),
    "say.level_up_done": "새 목표: {goal}. 이전 목표는 기록에 남아 있어요.",
}
