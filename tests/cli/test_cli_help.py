import pytest

from microalign import __version__
from microalign.cli import COMMANDS


def test_cli_version_prints_project_version(cli):
    result = cli("--version")
    assert result.code == 0 and __version__ in result.out and __version__ != "0+unknown"


def test_cli_help_lists_every_command(cli):
    result = cli("--help")
    assert result.code == 0
    for name in COMMANDS:
        assert name in result.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["init", "--help"], "default config"),
        (["config", "check", "--help"], "every problem"),
        (["goals", "add", "--help"], "--value"),
        (["goals", "level-up", "--help"], "harder one"),
        (["checkin", "--help"], "--text"),
        (["status", "--help"], "streak"),
        (["today", "--help"], "status"),
        (["history", "--help"], "--days"),
        (["stats", "--help"], "calendar"),
        (["export", "--help"], "jrnl"),
        (["values", "--help"], "alignment"),
    ],
)
def test_cli_subcommand_help_explains_itself(cli, args, expected):
    result = cli(*args)
    assert result.code == 0 and expected in result.out


def test_cli_unknown_command_is_usage_error(cli):
    result = cli("frobnicate")
    assert result.code == 2 and "No such command" in result.err


def test_cli_internal_error_hides_traceback_without_debug(cli, monkeypatch):
    from microalign.cli import progress_cmd

    def boom(app):  # fault injection
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(progress_cmd, "status_data", boom)
    result = cli("status")
    assert result.code == 70 and "--debug" in result.err and "Traceback" not in result.err
