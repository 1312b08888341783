"""`brief export --format sqlite`: a normalised archive for SQL tools, written atomically."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, FOLLOWUP, MINI, brief, brief_process

TABLES = {
    "briefings", "actors", "events", "event_actors", "quotes", "key_points", "watch_items", "evidence", "sources", "texts",
}  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "archive.db"
    run = brief_process(
        "export",
        "--format",
        "sqlite",
        "-o",
        str(path),
        "--data",
        str(BUNDLED),
        "--data",
        str(MINI),
        "--data",
        str(FOLLOWUP),
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == b"" and run.stderr == f"brief: wrote {path}\n".encode()
    return path


def query(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, args).fetchall()


def test_every_table_is_there_with_every_record(archive: Path) -> None:
    names = {row[0] for row in query(archive, "SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert names >= TABLES
    assert query(archive, "SELECT id FROM briefings ORDER BY published") == [
        ("mini-town-budget",), ("mini-town-budget-followup",), ("rutte-trump-nato-weapons-ukraine-2025-07-14",),
    ]  # fmt: skip
    counts = {row[0]: row[1] for row in query(archive, "SELECT briefing_id, count(*) FROM events GROUP BY 1")}
    assert counts == {
        "mini-town-budget": 3,
        "mini-town-budget-followup": 4,
        "rutte-trump-nato-weapons-ukraine-2025-07-14": 10,
    }
    assert query(archive, "SELECT text_en FROM watch_items WHERE briefing_id = 'mini-town-budget'") == [
        ("Whether the works end on 2 July.",)
    ]
    assert query(
        archive, "SELECT count(*) FROM watch_items WHERE briefing_id = 'mini-town-budget-followup'"
    ) == [(0,)]


def test_the_same_actor_in_two_briefings_is_two_rows_each_as_given(archive: Path) -> None:
    rows = query(archive, "SELECT briefing_id, role_en FROM actors WHERE id = 'zoe-angstrom' ORDER BY 1")
    assert rows == [
        ("mini-town-budget", "Mayor"),
        ("mini-town-budget-followup", "Mayor and council president"),
    ]


def test_foreign_keys_hold_and_are_declared(archive: Path) -> None:
    assert query(archive, "PRAGMA foreign_key_check") == []
    targets = {row[2] for row in query(archive, "PRAGMA foreign_key_list(event_actors)")}
    assert targets == {"events", "actors"}
    with sqlite3.connect(archive) as db:
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO quotes VALUES ('mini-town-budget', 'x', 'nobody', 'a', 'b', NULL, NULL)")


def test_full_text_search_in_both_languages_without_accents(archive: Path) -> None:
    french = query(
        archive, "SELECT DISTINCT record_kind, record_id FROM texts WHERE texts MATCH 'pourparlers'"
    )
    assert ("actor", "nato") in french
    english = query(archive, "SELECT DISTINCT lang FROM texts WHERE texts MATCH 'budget'")
    assert {"en", "fr"} <= {row[0] for row in english}
    assert query(archive, "SELECT count(*) FROM texts WHERE texts MATCH 'angstrom'") != [(0,)]
    # each article's headline as printed, in its own language: "présente" only it holds
    printed = query(archive, "SELECT briefing_id, field, lang FROM texts WHERE texts MATCH 'presente'")
    assert ("mini-town-budget", "headline_as_printed", "fr") in printed


def test_sqlite_needs_a_file(tmp_path: Path) -> None:
    run = brief("export", "--format", "sqlite")
    assert run.exit_code == 2 and "give it with -o FILE" in run.stderr and run.stdout == ""
    assert brief("export", "--format", "sqlite", "-o", "-").exit_code == 2


def test_never_the_file_read_and_whole_or_nothing(tmp_path: Path) -> None:
    source = tmp_path / "mine.json"
    source.write_bytes(MINI.read_bytes())
    run = brief("export", "--format", "sqlite", "--data", str(source), "-o", str(source))
    assert run.exit_code == 2 and source.read_bytes() == MINI.read_bytes()
    target = tmp_path / "archive.db"
    target.write_bytes(b"previous")
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert (
        brief(
            "export", "--format", "sqlite", "--data", str(MINI), "--data", str(bad), "-o", str(target)
        ).exit_code
        == 1
    )
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_two_briefings_with_one_id_are_refused(tmp_path: Path) -> None:
    run = brief(
        "export", "--format", "sqlite", "--data", str(MINI), "--data", str(MINI), "-o", str(tmp_path / "a.db")
    )
    assert run.exit_code == 1 and "two briefings have the id 'mini-town-budget'" in run.stderr
    assert not (tmp_path / "a.db").exists()


def test_sources_are_one_row_per_citation(archive: Path) -> None:
    from briefcli.load import load_briefing

    bundled = load_briefing(BUNDLED)
    expected = len(bundled.source.published_sources) + sum(len(e.sources) for e in bundled.events)
    expected += sum(len(a.correction.sources) for a in bundled.actors if a.correction is not None)
    expected += sum(len(f.sources) for a in bundled.actors for f in a.public_record)
    rows = query(archive, "SELECT outlet, title, url FROM sources WHERE briefing_id = ?", bundled.id)
    assert len(rows) == expected > 0
    assert all(outlet and title for outlet, title, _ in rows) and any(url for _, _, url in rows)
