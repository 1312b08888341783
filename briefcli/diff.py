"""What changed between two briefings (or two sets of them, each merged first).

A pure function. Actors, events and quotes are matched by id; key points and watch
items have no id, so they are matched by their text: a reworded one is one removed
and one added. The result is a stable structure: `brief diff --json` writes it as is.
"""

from __future__ import annotations

from typing import Any

import msgspec

from briefcli.merge import field_changes
from briefcli.model import Actor, Briefing, Event, Lang, Point, Quote


class Item(msgspec.Struct, kw_only=True):
    id: str
    label: str


class FieldChange(msgspec.Struct, kw_only=True):
    field: str
    old: Any
    new: Any


class Changed(msgspec.Struct, kw_only=True):
    id: str
    label: str
    fields: list[FieldChange]


class Moved(msgspec.Struct, kw_only=True):
    """An event whose date or end changed."""

    id: str
    label: str
    old_date: str
    old_end: str | None
    new_date: str
    new_end: str | None


class Records(msgspec.Struct, kw_only=True):
    added: list[Item]
    removed: list[Item]
    changed: list[Changed]


class Events(Records, kw_only=True):
    moved: list[Moved]


class Texts(msgspec.Struct, kw_only=True):
    added: list[str]
    removed: list[str]


class Side(msgspec.Struct, kw_only=True):
    briefings: list[str]
    published: str


class Diff(msgspec.Struct, kw_only=True):
    same: bool
    old: Side
    new: Side
    summary: list[FieldChange]
    actors: Records
    events: Events
    quotes: Records
    key_points: Texts
    watch: Texts


def side(briefing: Briefing) -> Side:
    merged = getattr(briefing, "briefings", None) or [briefing]  # a merge.MergedBriefing
    return Side(briefings=[b.id for b in merged], published=briefing.source.published)


def _label(record: Actor | Event | Quote, lang: Lang) -> str:
    if isinstance(record, Actor):
        return record.name.pick(lang)
    if isinstance(record, Event):
        return record.title.pick(lang)
    return record.original


def _records(old: list[Any], new: list[Any], lang: Lang) -> tuple[Records, list[tuple[Any, Any]]]:
    before = {record.id: record for record in old}
    after = {record.id: record for record in new}
    added = [Item(id=r.id, label=_label(r, lang)) for r in new if r.id not in before]
    removed = [Item(id=r.id, label=_label(r, lang)) for r in old if r.id not in after]
    changed, pairs = [], []
    for record in new:
        previous = before.get(record.id)
        if previous is not None and previous != record:  # Struct equality first: cheap
            fields = [FieldChange(field=f, old=o, new=n) for f, o, n in field_changes(previous, record)]
            if fields:  # none: equal values in types of different kinds (see field_changes)
                changed.append(Changed(id=record.id, label=_label(record, lang), fields=fields))
                pairs.append((previous, record))
    return Records(added=added, removed=removed, changed=changed), pairs


def _texts(old: list[Point], new: list[Point], lang: Lang) -> Texts:
    before = {(point.text.en, point.text.fr) for point in old}
    after = {(point.text.en, point.text.fr) for point in new}
    return Texts(
        added=[p.text.pick(lang) for p in new if (p.text.en, p.text.fr) not in before],
        removed=[p.text.pick(lang) for p in old if (p.text.en, p.text.fr) not in after],
    )


def diff(old: Briefing, new: Briefing, lang: Lang) -> Diff:
    """What changed from `old` to `new`; texts (labels, key points) in `lang`."""
    actors, _ = _records(old.actors, new.actors, lang)
    event_records, pairs = _records(old.events, new.events, lang)
    moved = [
        Moved(
            id=after.id,
            label=after.title.pick(lang),
            old_date=before.date,
            old_end=before.end,
            new_date=after.date,
            new_end=after.end,
        )
        for before, after in pairs
        if (before.date, before.end) != (after.date, after.end)
    ]
    events = Events(**msgspec.structs.asdict(event_records), moved=moved)
    quotes, _ = _records(old.quotes, new.quotes, lang)
    summary = [
        FieldChange(field=f"{name}.{code}", old=getattr(getattr(old.summary, name), code), new=value)
        for name in ("headline", "bottom_line")
        for code in ("en", "fr")
        if (value := getattr(getattr(new.summary, name), code)) != getattr(getattr(old.summary, name), code)
    ]
    key_points = _texts(old.summary.key_points, new.summary.key_points, lang)
    watch = _texts(old.summary.watch, new.summary.watch, lang)
    same = not (
        summary
        or any((r.added, r.removed, r.changed) != ([], [], []) for r in (actors, events, quotes))
        or any((t.added, t.removed) != ([], []) for t in (key_points, watch))
    )
    return Diff(
        same=same,
        old=side(old),
        new=side(new),
        summary=summary,
        actors=actors,
        events=events,
        quotes=quotes,
        key_points=key_points,
        watch=watch,
    )
