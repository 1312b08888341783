"""`brief export --format sqlite`: briefings as a normalised SQLite database.

For SQL tools (sqlite3, datasette, DuckDB): one row per briefing, and each record
keyed by (briefing_id, id), so that the same actor in two briefings is two rows, each
as its briefing gives it. Foreign keys tie them together; `texts` is a full-text
index (FTS5) over every text in both languages, evidence quotes included.

The standard library's sqlite3, not sqlite-utils: the schema is fixed DDL with
composite foreign keys and an FTS5 table, which sqlite3 writes directly, while
sqlite-utils would add click, pluggy, tabulate and sqlite-fts4 to every install.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from briefcli.model import Briefing, Citation, Evidence, Text

SCHEMA = """
CREATE TABLE briefings (
    id TEXT PRIMARY KEY,
    published TEXT NOT NULL,
    published_basis TEXT NOT NULL,
    language TEXT NOT NULL,
    headline_as_printed TEXT NOT NULL,
    paragraphs INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    correspondent TEXT,
    headline_en TEXT, headline_fr TEXT,
    bottom_line_en TEXT, bottom_line_fr TEXT
);
CREATE TABLE actors (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    id TEXT NOT NULL,
    name_en TEXT, name_fr TEXT,
    kind TEXT NOT NULL,
    role_en TEXT, role_fr TEXT,
    affiliation TEXT,
    aliases TEXT NOT NULL,  -- a JSON array
    story_en TEXT, story_fr TEXT,
    correction_as_written TEXT, correction_corrected TEXT,
    correction_note_en TEXT, correction_note_fr TEXT,
    PRIMARY KEY (briefing_id, id),
    FOREIGN KEY (briefing_id, affiliation) REFERENCES actors(briefing_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE events (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    id TEXT NOT NULL,
    date TEXT NOT NULL,
    "end" TEXT,
    precision TEXT NOT NULL,
    basis TEXT NOT NULL,
    kind TEXT NOT NULL,
    direction TEXT,
    title_en TEXT, title_fr TEXT,
    detail_en TEXT, detail_fr TEXT,
    PRIMARY KEY (briefing_id, id)
);
CREATE TABLE event_actors (
    briefing_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (briefing_id, event_id, actor_id),
    FOREIGN KEY (briefing_id, event_id) REFERENCES events(briefing_id, id),
    FOREIGN KEY (briefing_id, actor_id) REFERENCES actors(briefing_id, id)
);
CREATE TABLE quotes (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    id TEXT NOT NULL,
    speaker TEXT NOT NULL,
    original TEXT NOT NULL,
    translation TEXT NOT NULL,
    context_en TEXT, context_fr TEXT,
    PRIMARY KEY (briefing_id, id),
    FOREIGN KEY (briefing_id, speaker) REFERENCES actors(briefing_id, id)
);
CREATE TABLE key_points (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    position INTEGER NOT NULL,
    text_en TEXT, text_fr TEXT,
    PRIMARY KEY (briefing_id, position)
);
CREATE TABLE watch_items (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    position INTEGER NOT NULL,
    text_en TEXT, text_fr TEXT,
    PRIMARY KEY (briefing_id, position)
);
CREATE TABLE evidence (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    record_kind TEXT NOT NULL,  -- actor, event, quote, key_point, watch_item
    record_id TEXT NOT NULL,    -- the record's id, or a key point's or watch item's position
    position INTEGER NOT NULL,
    para INTEGER NOT NULL,
    quote TEXT NOT NULL,
    PRIMARY KEY (briefing_id, record_kind, record_id, position)
);
CREATE TABLE sources (
    briefing_id TEXT NOT NULL REFERENCES briefings(id),
    record_kind TEXT NOT NULL,  -- briefing (its date), event, correction, or public_record (an actor's fact)
    record_id TEXT NOT NULL,    -- the briefing's, event's or actor's id
    position INTEGER NOT NULL,  -- the source's place in its list
    outlet TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    date TEXT,
    fact_en TEXT, fact_fr TEXT  -- for an actor's public-record fact: the fact it supports
);
CREATE INDEX events_by_date ON events(date);
CREATE INDEX event_actors_by_actor ON event_actors(briefing_id, actor_id);
CREATE VIRTUAL TABLE texts USING fts5(
    text,
    briefing_id UNINDEXED, record_kind UNINDEXED, record_id UNINDEXED, field UNINDEXED, lang UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


def write_archive(briefings: Sequence[Briefing], stream: BinaryIO) -> None:
    """The database's bytes, written to `stream` (atomic_output's: whole or nothing).

    SQLite writes to a file of its own, in a private temporary directory; its bytes
    are then copied to `stream`."""
    with tempfile.TemporaryDirectory(prefix="brief-archive-") as directory:
        path = Path(directory) / "archive.db"
        connection = sqlite3.connect(path)
        try:
            # A private file, copied whole at the end: no journal, no sync. The foreign keys
            # are checked once, after every row is in, rather than row by row.
            connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            connection.executescript(SCHEMA)
            with connection:  # one transaction
                for briefing in briefings:
                    _insert(connection, briefing)
            problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # load.py checks every reference: this would be a bug in brief
                raise AssertionError(f"archive foreign keys broken: {problems[:3]}")
        finally:
            connection.close()
        with open(path, "rb") as database:
            while chunk := database.read(1 << 20):
                stream.write(chunk)


def _texts(text: Text) -> tuple[str | None, str | None]:
    return text.en, text.fr


def _insert(db: sqlite3.Connection, briefing: Briefing) -> None:
    import json

    bid, source, summary = briefing.id, briefing.source, briefing.summary
    fts: list[tuple[str, str, str, str, str, str]] = []

    def index(kind: str, record_id: str, field: str, text: Text) -> None:
        for lang, value in (("en", text.en), ("fr", text.fr)):
            if value:
                fts.append((value, bid, kind, record_id, field, lang))

    def index_one(kind: str, record_id: str, field: str, lang: str, value: str) -> None:
        fts.append((value, bid, kind, record_id, field, lang))

    evidence: list[tuple[Any, ...]] = []

    def cite(kind: str, record_id: str, items: Iterable[Evidence]) -> None:
        for position, item in enumerate(items):
            evidence.append((bid, kind, record_id, position, item.para, item.quote))
            index_one(kind, record_id, "evidence", source.language, item.quote)

    db.execute(
        "INSERT INTO briefings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (bid, source.published, source.published_basis, source.language,
         source.headline, source.paragraphs, source.sha256, source.correspondent,
         *_texts(summary.headline), *_texts(summary.bottom_line)),
    )  # fmt: skip
    index("briefing", bid, "headline", summary.headline)
    index_one(
        "briefing", bid, "headline_as_printed", source.language, source.headline
    )  # the article's own words
    index("briefing", bid, "bottom_line", summary.bottom_line)
    sources: list[tuple[Any, ...]] = []

    def cited(kind: str, record_id: str, citations: Iterable[Citation], fact: Text | None = None) -> None:
        for position, c in enumerate(citations):
            facts = _texts(fact) if fact is not None else (None, None)
            sources.append((bid, kind, record_id, position, c.outlet, c.title, c.url, c.date, *facts))

    cited("briefing", bid, source.published_sources)
    for table, kind, points in (
        ("key_points", "key_point", summary.key_points),
        ("watch_items", "watch_item", summary.watch),
    ):
        db.executemany(
            f"INSERT INTO {table} VALUES (?,?,?,?)",
            [(bid, position, *_texts(point.text)) for position, point in enumerate(points)],
        )
        for position, point in enumerate(points):
            index(kind, str(position), "text", point.text)
            cite(kind, str(position), point.evidence)  # fmt: skip
    rows = []
    for actor in briefing.actors:
        fix = actor.correction
        rows.append(
            (bid, actor.id, *_texts(actor.name), actor.kind, *_texts(actor.role), actor.affiliation,
             json.dumps(actor.aliases, ensure_ascii=False), *_texts(actor.story),
             fix and fix.as_written, fix and fix.corrected, *(_texts(fix.note) if fix else (None, None)))
        )  # fmt: skip
        for field, text in (("name", actor.name), ("role", actor.role), ("story", actor.story)):
            index("actor", actor.id, field, text)
        if actor.aliases:
            index_one("actor", actor.id, "aliases", "", " ".join(actor.aliases))
        if fix is not None:
            cited("correction", actor.id, fix.sources)
        for fact in actor.public_record:
            cited("public_record", actor.id, fact.sources, fact.fact)
            index("actor", actor.id, "public_record", fact.fact)
        cite("actor", actor.id, actor.evidence)
    db.executemany(f"INSERT INTO actors VALUES ({','.join('?' * 15)})", rows)
    db.executemany(
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (bid, e.id, e.date, e.end, e.precision, e.basis, e.kind, e.direction,
             *_texts(e.title), *_texts(e.detail))
            for e in briefing.events
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO event_actors VALUES (?,?,?,?)",
        [
            (bid, event.id, actor_id, position)
            for event in briefing.events
            for position, actor_id in enumerate(dict.fromkeys(event.actors))
        ],
    )
    for event in briefing.events:
        index("event", event.id, "title", event.title)
        index("event", event.id, "detail", event.detail)
        cited("event", event.id, event.sources)
        cite("event", event.id, event.evidence)
    db.executemany(
        "INSERT INTO quotes VALUES (?,?,?,?,?,?,?)",
        [(bid, q.id, q.speaker, q.original, q.translation, *_texts(q.context)) for q in briefing.quotes],
    )
    for quote in briefing.quotes:
        index_one("quote", quote.id, "original", source.language, quote.original)
        index_one("quote", quote.id, "translation", "en", quote.translation)
        index("quote", quote.id, "context", quote.context)
        cite("quote", quote.id, quote.evidence)
    db.executemany("INSERT INTO evidence VALUES (?,?,?,?,?,?)", evidence)
    db.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?)", sources)
    db.executemany("INSERT INTO texts VALUES (?,?,?,?,?,?)", fts)
