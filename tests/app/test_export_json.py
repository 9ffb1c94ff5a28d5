"""The JSON export: the fast encoding gives, byte for byte, what json.dumps(indent=2) gives."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from microalign.app.export import COLUMNS, to_json
from microalign.core.safetext import for_json
from microalign.ports.records import Answer

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
row = st.builds(
    lambda fields: Answer(**fields),
    st.fixed_dictionaries(
        {"day": st.dates(), "id": st.integers()}
        | {k: scalar for k in COLUMNS if k not in ("day", "id")}
    ),
)


def reference(rows) -> str:
    stored = [r.to_row() for r in sorted(rows, key=lambda r: (r.day, r.id))]
    data = [{k: r[k] for k in COLUMNS} for r in stored]
    return for_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


@settings(max_examples=200)
@given(st.lists(row, max_size=5))
def test_export_json_any_rows_same_text_as_indented_dumps(rows):
    assert to_json(rows) == reference(rows)


def test_export_json_line_breaks_and_quotes_in_text_stay_escaped():
    text = 'a,\n    "b": 1\u2028}'
    rows = [Answer(1, "feeling", day=date(2026, 1, 1), text=text, prompt="…")]
    assert to_json(rows) == reference(rows)
    assert json.loads(to_json(rows))[0]["text"] == 'a,\n    "b": 1\u2028}'


def test_export_json_from_store_tuples_same_text_as_from_rows(cli, home):
    """The JSON export reads tuples straight from the store; it must equal what the rows give."""
    from microalign.adapters.paths import resolve
    from microalign.adapters.store import SqliteStore
    from microalign.app.export import export_text

    cli("goals", "add", "Smile at one person", "--value", "respect")
    cli("checkin", "morning", "--text", stdin='be "kind"\n')
    cli("checkin", "evening", "--text", stdin="yes\nwarm, then {tired}\n\n\n")
    with SqliteStore.open(resolve().database) as store:
        text, count = export_text(store, "json", None)
        assert (text, count) == (to_json(store.history()), len(store.history()))
    texts = [row["text"] for row in json.loads(text)]
    assert count == len(texts) >= 2 and 'be "kind"' in texts
    assert cli("export", "--format", "json").out == text
