"""A mistyped command or check-in name gets a "did you mean": another letter case is simply
understood, a near name is suggested, and the config is never suggested a section name it
would refuse."""

from __future__ import annotations

import re

HANGUL = re.compile("[가-힣]")


def korean(home) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\n')


def test_typos_swapped_letters_command_suggests_status(cli):
    result = cli("stauts")
    assert result.code == 2, result
    assert "No such command 'stauts'" in result.err
    # Click's own suggestion: the closest names, sorted.
    assert "(Did you mean one of: 'stats', 'status'?)" in result.err


def test_typos_singular_group_suggests_plural(cli):
    result = cli("goal", "add", "Drink water")
    assert result.code == 2, result
    assert "Did you mean 'goals'?" in result.err


def test_typos_subcommand_typo_suggests_within_group(cli):
    result = cli("goals", "ad", "Drink water")
    assert result.code == 2, result
    assert "Did you mean 'add'?" in result.err


def test_typos_unrelated_word_gets_no_suggestion_but_help(cli):
    result = cli("xyzzy")
    assert result.code == 2, result
    assert "No such command 'xyzzy'" in result.err
    assert "Did you mean" not in result.err
    assert "microalign --help" in result.err


def test_typos_command_in_capitals_is_understood(cli):
    result = cli("Status")
    assert result.code == 0, result
    assert "No micro-goals yet" in result.out


def test_typos_checkin_near_name_suggests_it_not_a_new_section(cli):
    result = cli("checkin", "evenin", "--text")
    assert result.code == 2, result
    assert "There is no check-in named 'evenin'" in result.err
    assert "Did you mean 'evening'?" in result.err
    assert "microalign checkin evening --text" in result.err
    assert "[checkins.evenin]" not in result.err


def test_typos_checkin_other_case_runs_that_checkin(cli):
    result = cli("checkin", "Morning", "--text", stdin="Be kind\n")
    assert result.code == 0, result
    assert "Noted: Be kind." in result.out
    status = cli("status", "--json")
    assert '"morning": "done"' in status.out, status.out


def test_typos_checkin_unknown_valid_name_suggests_its_section(cli):
    result = cli("checkin", "lunch", "--text")
    assert result.code == 2, result
    assert "Did you mean" not in result.err
    assert "[checkins.lunch]" in result.err


def test_typos_checkin_name_config_refuses_gets_no_section_suggestion(cli):
    result = cli("checkin", "Lunch Break", "--text")
    assert result.code == 2, result
    assert "[checkins.Lunch Break]" not in result.err
    assert "lower-case letters" in result.err


def test_typos_korean_config_checkin_suggestion_in_korean(cli, home):
    korean(home)
    result = cli("checkin", "evenin", "--text")
    assert result.code == 2, result
    assert "'evening'" in result.err and HANGUL.search(result.err), result.err
    assert "Did you mean" not in result.err and "[checkins.evenin]" not in result.err


def test_typos_real_process_command_and_checkin_suggestions(cli_process):
    command = cli_process("stauts")
    assert command.code == 2, command
    assert "Did you mean" in command.err and "'status'" in command.err
    checkin = cli_process("checkin", "evenin", "--text")
    assert checkin.code == 2, checkin
    assert "Did you mean 'evening'?" in checkin.err
