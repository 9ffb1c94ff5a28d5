"""Every language has every text, with the same fields; plurals pick the right form."""

import re
from pathlib import Path

import pytest

from microalign.adapters.speech.download import http_kind
from microalign.app import notes
from microalign.app.notes import milestone_text
from microalign.errors import GoalLimitError, NotFoundError
from microalign.i18n import EN, KO, PACKS, RAW_FIELDS, Keyed, placeholders

SOURCE = Path(__file__).parents[2] / "daemon" / "microalign"
OTHERS = [pack for pack in PACKS.values() if pack is not EN]


@pytest.mark.parametrize("lang", OTHERS, ids=lambda p: p.code)
def test_i18n_every_language_has_every_key_with_same_fields(lang):
    assert sorted(lang.texts) == sorted(EN.texts)
    for key, text in EN.texts.items():
        left_out = placeholders(text) - placeholders(lang.texts[key])
        assert placeholders(lang.texts[key]) <= placeholders(text), key
        assert left_out <= RAW_FIELDS, key


@pytest.mark.parametrize("lang", PACKS.values(), ids=lambda p: p.code)
def test_i18n_no_text_is_empty_and_plural_forms_agree(lang):
    for key, text in lang.texts.items():
        forms = text.values() if isinstance(text, dict) else [text]
        assert all(form.strip() for form in forms), key
        if isinstance(text, dict):
            assert {lang.plural(n) for n in range(200)} <= set(text), key
            assert len({frozenset(placeholders(form)) for form in forms}) == 1, key
    for group in (lang.intention_prompts, lang.extra_prompts, lang.weekdays, lang.months):
        assert group and all(item.strip() for item in group)
    assert len(lang.weekdays) == len(lang.weekdays_short) == 7 and len(lang.months) == 12
    assert set(lang.answers) == set(EN.answers) and set(lang.commands) == set(EN.commands)


def test_i18n_every_key_named_in_the_code_exists():
    named = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        named |= set(re.findall(r'\.t\(\s*"([a-z_.]+)"', text))
        named |= {f"error.{k}" for k in re.findall(r'\.keyed\(\s*"([a-z_]+)"', text)}
        named |= set(re.findall(r'Keyed\(\s*"([a-z_.]+)"', text))
    assert named and named <= set(EN.texts), sorted(named - set(EN.texts))


def test_i18n_plural_english_one_and_other_korean_one_form():
    assert EN.t("say.summary_streak", goal="Walk", count=1) == "Walk: 1 day in a row."
    assert EN.t("say.summary_streak", goal="Walk", count=2) == "Walk: 2 days in a row."
    assert EN.t("say.summary_streak", goal="Walk", count=0) == "Walk: 0 days in a row."
    assert KO.t("say.summary_streak", goal="걷기", count=1) == "걷기: 1일 연속입니다."
    assert KO.t("say.summary_streak", goal="걷기", count=2) == "걷기: 2일 연속입니다."


def test_i18n_milestone_text_korean_and_english_plural():
    assert milestone_text(EN, "streak", 1, "Walk")[0] == "1 day in a row!"
    assert milestone_text(EN, "streak", 21.0, "Walk")[0] == "21 days in a row!"
    title, body = milestone_text(KO, "streak", 21.0, "걷기")
    assert title == "21일 연속!" and "걷기" in body
    assert milestone_text(KO, "unknown-kind", 3, "걷기") == ("이정표", "걷기")


def test_i18n_keyed_error_english_message_korean_rendering():
    error = NotFoundError.keyed("no_goal", goal_id=7)
    assert str(error) == "There is no goal 7.\n  → See `microalign goals list --all`."
    assert error.render(KO).startswith("7번 목표가 없어요.\n  → ")
    assert error.render(EN) == str(error)


def test_i18n_domain_refusal_renders_nested_texts_in_korean():
    from microalign.core.goals import GoalState, check_transition

    with pytest.raises(GoalLimitError) as caught:
        check_transition(GoalState.RETIRED, "resume", goal_id=3)
    shown = caught.value.render(KO)
    assert "3번 목표" in shown and "그만둠" in shown and "retired" not in shown


def test_i18n_keyed_warning_is_english_text_and_translatable():
    warning = Keyed("warning.many_goals", count=4, limit=3)
    assert "4 active goals" in warning
    assert KO.render(warning).startswith("진행 중인 목표가 4개")
    assert KO.render("plain") == "plain"


@pytest.mark.parametrize(
    "note",
    [
        lambda lang: notes.checkin_start(lang, "morning"),
        lambda lang: notes.checkin_waiting(lang, "evening", 15),
        lambda lang: notes.checkin_missed(lang, "morning", 15),
        lambda lang: notes.checkin_missed(lang, "evening", 15, "note.no_answer"),
        lambda lang: notes.checkin_missed(lang, "evening", 15, "note.failed"),
        lambda lang: notes.checkin_typed(lang, "evening", "문제."),
        lambda lang: notes.busy(lang, "evening"),
        lambda lang: notes.milestone(lang, *milestone_text(lang, "streak", 7, "걷기"), True),
        lambda lang: notes.level_up_suggestion(lang, "걷기", 21),
        lambda lang: notes.level_up_how(lang, 3),
    ],
)
def test_i18n_every_notification_kind_korean_has_no_english(note):
    korean, english = note(KO), note(EN)
    for ko_text, en_text in [
        (korean.title, english.title),
        (korean.body, english.body),
        *((a.label, b.label) for a, b in zip(korean.actions, english.actions, strict=True)),
    ]:
        assert re.search("[가-힣]", ko_text), ko_text
        assert ko_text != en_text


def test_i18n_adapter_errors_english_message_korean_rendering():
    import errno
    import os

    from microalign.adapters.speech.models import Entry, locate
    from microalign.errors import ModelError, access_error

    denied = access_error(OSError(errno.EACCES, os.strerror(errno.EACCES)), "/x/y.md", "write")
    assert str(denied).startswith("Cannot write /x/y.md: Permission denied.\n  → Check the")
    shown = denied.render(KO)
    assert shown.startswith("/x/y.md를 쓸 수 없어요") and "/x의 권한" in shown
    english = [Entry("small-en", "en")]
    with pytest.raises(ModelError) as caught:
        locate("small-en", "ko", Path("/nonexistent"), english)
    assert "is English, but the check-in language is Korean" in str(caught.value)
    assert "영어 모델인데 체크인 언어는 한국어" in caught.value.render(KO)


def test_i18n_unknown_tz_refusal_english_config_error_korean_rendering(monkeypatch):
    from microalign.core.clock import check_tz
    from microalign.errors import ConfigError

    monkeypatch.setenv("TZ", "Foo/Bar")
    with pytest.raises(ConfigError) as caught:
        check_tz()
    assert caught.value.message == (
        "Invalid configuration in the TZ environment variable:\n  - TZ='Foo/Bar' is not a "
        "time zone this system knows, so the day would be taken in UTC"
    )
    assert caught.value.render(KO).startswith("TZ 환경 변수의 설정이 올바르지 않아요:\n  - ")


MARKER_LEFT = re.compile(r"\((을|를|이|가|은|는|와|과|으|이에요|예요|나|이나|라고|이라고)\)")
PARTICLE_KEYS = [
    key
    for key, text in KO.texts.items()
    if any(
        re.search(r"\}[”’'`)]* ?(을\(를\)|이\(가\)|은\(는\)|[와과]\([와과]\)|\(으\)로|\(이\))", f)
        for f in (text.values() if isinstance(text, dict) else [text])
    )
]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("용기", "“용기”를"), ("책임", "“책임”을"), ("file", "“file”을"), ("Vosk", "“Vosk”를")],
)
def test_i18n_particle_after_quoted_value_fits_the_word(word, expected):
    assert KO.t("error.unknown_value", name=word, known="용기").startswith(f"가치 {expected} ")


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("용기", "를가는와로"),
        ("책임", "을이은과으로"),
        ("서울", "을이은과로"),
        ("microalign.toml", "을이은과로"),
        ("PortAudio", "를가는와로"),
        ("app", "을이은과으로"),
        ("time", "을이은과으로"),
        ("server", "를가는와로"),
        ("USB", "를가는와로"),
        ("HTML", "을이은과로"),
        ("10", "을이은과으로"),
        ("2", "를가는와로"),
        ("7", "을이은과로"),
    ],
)
def test_i18n_particle_hangul_latin_and_digits_read_aloud(word, forms):
    from microalign.i18n.particles import fill

    shown = fill("{w}을(를) {w}이(가) {w}은(는) {w}와(과) {w}(으)로", {"w": word})
    assert shown.replace(word, "").replace(" ", "") == forms


def _fields(key: str, word: str) -> dict[str, object]:
    return {name: 3 if name == "count" else word for name in placeholders(KO.texts[key])}


@pytest.mark.parametrize("word", ["걷기", "용기", "책임", "file", "Vosk", "/tmp/x.md", "42"])
def test_i18n_every_korean_particle_key_resolves_for_hangul_and_latin_words(word):
    assert len(PARTICLE_KEYS) >= 60
    for key in PARTICLE_KEYS:
        shown = KO.t(key, **_fields(key, word))
        assert not MARKER_LEFT.search(shown), (key, shown)


@pytest.mark.parametrize(
    ("hour", "minute", "korean", "english"),
    [
        (21, 20, "오후 9시 20분", "21:20"),
        (9, 0, "오전 9시", "09:00"),
        (0, 30, "오전 12시 30분", "00:30"),
        (12, 5, "오후 12시 5분", "12:05"),
    ],
)
def test_i18n_clock_korean_half_day_hour_minute_english_hh_mm(hour, minute, korean, english):
    assert KO.clock(hour, minute) == korean and EN.clock(hour, minute) == english


def test_i18n_snooze_time_korean_printed_with_digits_spoken_with_native_hour():
    shown = KO.t("say.snoozed_until", time=KO.clock(21, 20))
    assert shown == "알겠어요, 오후 9시 20분에 다시 물어볼게요."
    assert KO.spoken(shown) == "알겠어요, 오후 아홉 시 20분에 다시 물어볼게요."
    assert EN.spoken("at 21:20") == "at 21:20"


HTTP_404, HTTP_503 = (Keyed(f"http.{http_kind(code)}") for code in (404, 503))
# What other programs say, in their own English words: a web server's reason, Chromium's
# last words, systemctl's and systemd-analyze's output.
RAW_ERRORS = {
    "model_http": {"url": "https://x/m.zip", "code": 404, "kept": 0, "reason": HTTP_404},
    "model_http_kept": {"url": "https://x/m.zip", "code": 503, "kept": 10, "reason": HTTP_503},
    "chromium_failed": {"binary": "chromium", "detail": "Failed to open display: bad"},
    "service_verify": {"path": "/u/microalign.service", "output": "Unknown key Foo in Unit"},
    "service_systemctl": {"command": "systemctl", "output": "Failed to connect to bus"},
}


@pytest.mark.parametrize("key", sorted(RAW_ERRORS))
def test_i18n_raw_program_words_never_inside_korean_error(key):
    from microalign.errors import MicroalignError

    error = MicroalignError.keyed(key, **RAW_ERRORS[key])
    korean = error.render(KO)
    words = set(re.findall(r"[A-Za-z]+", re.sub(r"`[^`]*`|https?://\S+|/\S+", " ", korean)))
    assert not words - {"HTTP", "HTML", "PATH", "chromium"}, korean  # names
    assert re.search("[가-힣]", korean), korean
