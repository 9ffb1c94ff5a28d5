"""Values are stored by a key and shown by their name in the language of the moment."""

import sqlite3
from datetime import date

import pytest

from microalign.adapters.store import SqliteStore
from microalign.errors import NotFoundError, UsageError

DAY = date(2026, 11, 2)


def korean(home) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\n')


def test_values_korean_store_starts_with_korean_names(app, home):
    korean(home)
    assert app.values.labels() == ["연민", "용기", "정직", "존중", "헌신"]


def test_values_goal_added_with_korean_value_name_links_the_key(app, home):
    korean(home)
    goal = app.goals.add("회의에서 질문 하나 하기", "용기", None, None, DAY).goal
    assert goal.value == "courage"
    assert app.values.label(goal.value) == "용기"


def test_values_keep_their_key_when_the_language_changes(app, home, cli):
    korean(home)
    cli("goals", "add", "한 사람에게 웃어 주기", "--value", "존중")
    cli("values", "add", "감사")
    korean_list = cli("goals", "list").out
    (home / "xdg_config_home" / "microalign" / "microalign.toml").write_text(
        '[general]\nlanguage = "en"\n'
    )
    english_list = cli("goals", "list").out
    assert "존중" in korean_list and "respect" not in korean_list
    assert "respect" in english_list and "존중" not in english_list
    assert cli("goals", "add", "Say thanks", "--value", "감사").code == 0
    assert cli("goals", "add", "Be brave", "--value", "용기").code == 0  # any language's name
    assert [g.value for g in app.goals.list()] == ["respect", "감사", "courage"]


def test_values_unknown_korean_value_lists_korean_names(app, home):
    korean(home)
    with pytest.raises(NotFoundError) as caught:
        app.goals.add("걷기", "인내", None, None, DAY)
    assert "연민, 용기, 정직, 존중, 헌신" in caught.value.render(app.pack)


def test_values_builtin_added_again_by_another_name_exists(app, home):
    korean(home)
    with pytest.raises(UsageError) as caught:
        app.values.add("Courage")
    assert "“용기”는 이미 있어요" in caught.value.render(app.pack)


def test_values_store_of_an_older_version_names_its_builtin_values(tmp_path):
    path = tmp_path / "m.db"
    SqliteStore.open(path, ["courage", "patience"]).close()
    conn = sqlite3.connect(path)  # back to schema 7: no names yet
    conn.execute("DROP TABLE value_names")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm008_value_names'")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with SqliteStore.open(path) as store:
        rows = store.value_rows()
    assert rows["courage"] == {"en": "courage", "ko": "용기"}
    assert rows["patience"] == {}
