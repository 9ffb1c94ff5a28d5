"""Help and README coverage generated from the command registry: every command and
subcommand the click group offers, found by walking it, not listed by hand."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from microalign.cli import cli as root

README = Path(__file__).resolve().parents[2] / "README.md"


def _walk(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every command below `group`, depth first (subcommands after theirs)."""
    ctx = click.Context(group, info_name="microalign")
    found: list[tuple[str, ...]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"{' '.join((*path, name))} is listed but not found"
        found.append((*path, name))
        if isinstance(command, click.Group):
            found += _walk(command, (*path, name))
    return found


COMMANDS = _walk(root)
TOP_LEVEL = sorted({path[0] for path in COMMANDS})


def test_command_walk_finds_groups_and_subcommands():
    # The walk must reach into groups, or the help test below covers too little.
    assert {("goals", "add"), ("config", "check"), ("models", "list")} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_cli_every_command_help_exits_0_with_usage(cli, path):
    result = cli(*path, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Usage: microalign {' '.join(path)} "), result.out[:200]


def test_cli_help_as_process_lists_every_top_level_command(cli_process):
    result = cli_process("--help")
    assert result.code == 0, result.err
    assert result.out.startswith("Usage: microalign ")
    listed = re.findall(r"^  (\S+)", result.out.split("Commands:", 1)[1], re.MULTILINE)
    assert sorted(listed) == TOP_LEVEL


def test_readme_mentions_every_top_level_command():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in TOP_LEVEL if not re.search(rf"microalign (\S+ )*{name}\b", text)]
    assert missing == [], f"README.md never shows these commands: {missing}"
