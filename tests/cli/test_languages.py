"""The CLI speaks the configured language (general.language), and goals ask their own
question in the evening (goals add --ask)."""

import json
import re

HANGUL = re.compile("[가-힣]")


def korean(home) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\n')


def test_languages_korean_status_history_summary_in_korean(cli_process, home):
    korean(home)
    added = cli_process("goals", "add", "Drink water", "--value", "commitment")
    assert added.code == 0 and HANGUL.search(added.out), added
    review = cli_process("checkin", "evening", "--text", stdin="네\n좋았어요\n\n\n")
    assert review.code == 0, review.err
    assert "Drink water: 1일 연속입니다." in review.out  # the spoken summary
    assert "days in a row" not in review.out and "Thank you" not in review.out
    assert HANGUL.search(review.err) and "Saved" not in review.err
    status = cli_process("status")
    assert status.code == 0 and HANGUL.search(status.out)
    for english in ("evening", "morning", "not yet", "streak", "strength", "active", "goal"):
        assert english not in status.out, (english, status.out)
    history = cli_process("history")
    assert history.code == 0 and "저녁" in history.out
    assert "evening" not in history.out
    stats = cli_process("stats")
    assert "연속 1일" in stats.out and "streak" not in stats.out


def test_languages_korean_errors_in_korean_english_without_config(cli_process, home):
    missing = cli_process("goals", "pause", "9")
    assert missing.code == 5 and "There is no goal 9." in missing.err
    korean(home)
    missing = cli_process("goals", "pause", "9")
    assert missing.code == 5 and "9번 목표가 없어요." in missing.err
    assert "There is no goal" not in missing.err
    bad_date = cli_process("checkin", "evening", "--text", "--date", "someday")
    assert bad_date.code == 2 and HANGUL.search(bad_date.err) and "not a date" not in bad_date.err


def test_languages_broken_config_errors_in_the_language_it_names(cli_process, home):
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\nsoft_goal_limit = "many"\n')
    korean = cli_process("status")
    assert korean.code == 3 and "설정이 올바르지 않아요" in korean.err, korean.err
    assert "general.soft_goal_limit: 정수여야 해요. 지금 값: 'many'" in korean.err
    path.write_text('[general]\nlanguage = "fr"\nsoft_goal_limit = "many"\n')
    unknown = cli_process("status")  # no such language: English
    assert unknown.code == 3 and "Invalid configuration" in unknown.err
    assert "general.language: Input should be 'en' or 'ko', got 'fr'" in unknown.err


def test_languages_english_summary_plural_one_day_then_two_days(cli, app):
    from datetime import date

    app.goals.add("Drink water", None, None, None, date.fromisoformat(_days_ago(1)))
    app.close()
    first = cli("checkin", "evening", "--text", "--date", _days_ago(1), stdin="yes\n\n\n\n")
    assert "Drink water: 1 day in a row." in first.out
    second = cli("checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert "Drink water: 2 days in a row." in second.out


def _days_ago(n: int) -> str:
    from datetime import date, timedelta

    return (date.today() - timedelta(days=n)).isoformat()


def test_languages_goal_ask_question_asked_in_evening_listed_and_exported(cli_process):
    added = cli_process(
        "goals", "add", "I will call mum", "--ask", "Did you call mum\x1b[2J today?\n"
    )
    assert added.code == 0, added.err
    review = cli_process("checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert "Did you call mum today?" in review.out
    assert "Did you I will call mum" not in review.out
    listed = json.loads(cli_process("goals", "list", "--json").out)
    assert listed[0]["question"] == "Did you call mum today?"  # cleaned: one plain line
    exported = json.loads(cli_process("export", "--format", "json").out)
    assert {r["goal_question"] for r in exported if r["step"] == "goal:1"} == {
        "Did you call mum today?"
    }


def test_languages_goal_edit_ask_changes_and_empty_restores_default(cli):
    cli("goals", "add", "Stretch")
    assert cli("goals", "edit", "1", "--ask", "Did you stretch for a minute?").code == 0
    asked = cli("checkin", "evening", "--text", stdin="stop\n")
    assert "Did you stretch for a minute?" in asked.out
    assert cli("goals", "edit", "1", "--ask", "").code == 0
    again = cli("checkin", "evening", "--text", stdin="stop\n")
    assert "Did you stretch today?" in again.out


def test_languages_goal_ask_empty_on_add_is_refused(cli):
    result = cli("goals", "add", "Stretch", "--ask", "  \n ")
    assert result.code == 2 and "The question is empty." in result.err


def test_languages_korean_doctor_labels_details_and_fixes_in_korean(cli_process, home):
    korean(home)
    result = cli_process("doctor")
    assert "[정상] 설정:" in result.out and "[주의] 데이터베이스:" in result.out, result.out
    assert "마이크" in result.out and "`microalign init` 을 실행해서 만드세요." in result.out
    for english in ("[ok", "[warn]", "[FAIL]", "] config:", "microphone", "audio output"):
        assert english not in result.out, (english, result.out)
    for english in ("does not exist", "is valid", "Run `microalign init`"):
        assert english not in result.out, (english, result.out)


def test_languages_korean_models_list_and_model_error_in_korean(cli_process, home):
    korean(home)
    listed = cli_process("models", "list")
    assert listed.code == 0, listed.err
    assert "이름" in listed.out and "설치 위치" in listed.out
    assert "NAME" not in listed.out and "INSTALLED" not in listed.out
    unknown = cli_process("models", "use", "no-such-model")
    assert unknown.code == 9
    assert "목록에 'no-such-model' 이라는 모델이 없어요." in unknown.err
    assert "있는 모델: " in unknown.err
    assert "No model named" not in unknown.err and "Known models" not in unknown.err


def test_languages_korean_report_headings_in_korean_lang_ko(cli_process, home):
    korean(home)
    assert cli_process("goals", "add", "Drink water", "--value", "commitment").code == 0
    page = home / "report.html"
    result = cli_process("report", "-o", str(page))
    assert result.code == 0, result.err
    html = page.read_text()
    assert '<html lang="ko">' in html
    assert "<h2>주별 가치</h2>" in html and "<h3>습관 강도</h3>" in html and "범례" in html
    assert "<h2>Drink water</h2>" in html  # the user's own words stay as they are
    for english in ("Values, week by week", "Strength", "streak", "Not enough days", "lang='en'"):
        assert english not in html, english


def test_languages_korean_file_access_error_in_korean(cli_process, home):
    korean(home)
    result = cli_process("export", "-o", "/nonexistent/dir/x.md")
    assert result.code == 12
    assert "/nonexistent/dir/x.md를 쓸 수 없어요" in result.err, result.err
    assert "/nonexistent/dir 폴더가 있고" in result.err
    assert "Cannot write" not in result.err and "Check that the folder" not in result.err


def test_languages_korean_unknown_tz_warning_and_refusal_in_korean(cli_process, home, monkeypatch):
    korean(home)
    monkeypatch.setenv("TZ", "Foo/Bar")
    refused = cli_process("status")
    assert refused.code == 3
    assert "TZ 환경 변수의 설정이 올바르지 않아요" in refused.err and "Asia/Seoul" in refused.err
    assert "Invalid configuration" not in refused.err
    warned = cli_process("config", "path")
    assert warned.code == 0, warned.err
    assert "TZ='Foo/Bar'는 이 시스템이 모르는 시간대" in warned.err
    assert "not a time zone" not in warned.err


def test_languages_english_file_access_error_unchanged(cli_process, home):
    result = cli_process("export", "-o", "/nonexistent/dir/x.md")
    assert result.code == 12
    assert result.err == (
        "microalign: Cannot write /nonexistent/dir/x.md: No such file or directory.\n"
        "  → Check that the folder /nonexistent/dir exists and can hold files, or choose "
        "another.\n"
    )
