"""Several briefings as one: the same id is the same actor, event or quote.

A pure function of the briefings given. Records keep the place where they first
appear; their values come from the briefing published last (on a tie, the one given
last), and each remembers the briefings it appears in. Where briefings disagree on a
field, `disagreements` says so: `validate` lists them as notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import msgspec

from briefcli.model import Actor, Briefing, Event, Lang, Quote, Text

SECTIONS = ("actors", "events", "quotes")


class MergedBriefing(Briefing, kw_only=True, frozen=True):
    """The latest briefing's id, source and summary, with every briefing's records.

    `appears_in` maps "actors:ID" (or events:, quotes:) to the ids of the briefings
    holding that record, oldest first; `briefings` are the inputs, oldest first."""

    appears_in: dict[str, list[str]]
    briefings: list[Briefing]


class Disagreement(msgspec.Struct, frozen=True):
    """Two briefings give one record's field different values; the later one wins."""

    section: str
    id: str
    field: str
    older: str  # the briefing whose value lost
    older_value: Any
    newer: str  # the briefing whose value is used
    newer_value: Any
    same_day: bool = False  # published the same day: the one given last counts as the later

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: Lang) -> str:
        """The note `validate` shows, in `lang`."""
        from briefcli.i18n import label
        from briefcli.messages import say

        section = label(self.section, lang).lower() if lang == "fr" else self.section
        old, new = _shown(self.older_value, lang), _shown(self.newer_value, lang)
        key = "note.disagree_same_day" if self.same_day else "note.disagree"
        return say(key, lang, section=section, id=self.id, field=self.field, older=self.older,
                   old=old, newer=self.newer, new=new)  # fmt: skip


def _shown(value: Any, lang: Lang) -> str:
    """A value bare (not in quotation marks: nobody said it); a list joined; nothing as such."""
    if value is None or value == []:
        from briefcli.messages import say

        return say("note.nothing", lang)
    if isinstance(value, list):
        return ", ".join(_shown(item, lang) for item in value)
    if isinstance(value, dict):
        return msgspec.json.encode(value).decode("utf-8")
    return str(value)


def articles_read(briefing: Briefing) -> list[Briefing]:
    """The briefings read, each once (a file given twice is one), oldest first: those a
    MergedBriefing was made of, or this one alone. Each is one article published."""
    return list({b.id: b for b in getattr(briefing, "briefings", [])}.values()) or [briefing]


def by_publication(briefings: Sequence[Briefing]) -> list[Briefing]:
    """Oldest first; a stable sort, so that of two published the same day the one given
    last counts as the later. ISO dates, partial or whole, sort as text."""
    return sorted(briefings, key=lambda briefing: briefing.source.published)


def merge(briefings: Sequence[Briefing]) -> MergedBriefing:
    """The briefings as one; see the module's docstring."""
    if not briefings:
        raise ValueError("merge needs at least one briefing")
    ordered = by_publication(briefings)
    latest = ordered[-1]
    holders: dict[str, dict[str, None]] = {}  # an ordered set of briefing ids per record
    merged: dict[str, dict[str, Any]] = {section: {} for section in SECTIONS}
    for briefing in ordered:
        for section in SECTIONS:
            records = merged[section]
            for record in getattr(briefing, section):
                records[record.id] = record  # a dict keeps the first key's place
                holders.setdefault(f"{section}:{record.id}", {})[briefing.id] = None
    appears_in = {key: list(ids) for key, ids in holders.items()}
    return MergedBriefing(
        schema_=latest.schema_,
        schema_version=latest.schema_version,
        id=latest.id,
        source=latest.source,
        summary=latest.summary,
        actors=list(merged["actors"].values()),
        events=list(merged["events"].values()),
        quotes=list(merged["quotes"].values()),
        appears_in=appears_in,
        briefings=ordered,
    )


def field_changes(old: Actor | Event | Quote, new: Actor | Event | Quote) -> Iterator[tuple[str, Any, Any]]:
    """(field, old value, new value) for each field that differs, values as JSON would
    give them; a text's languages are fields of their own (role.en, role.fr), a missing
    field is null. Only differing fields are converted: a large diff compares many."""
    for name in type(new).__struct_fields__:
        before, after = getattr(old, name, None), getattr(new, name, None)
        # Struct equality is cheap, but a record decoded with the pattern-free twin types
        # (unchecked.py) is never == its model-typed equal: then the JSON values decide.
        if before == after or msgspec.to_builtins(before) == msgspec.to_builtins(after):
            continue
        if isinstance(before, Text) or isinstance(after, Text):
            for lang in ("en", "fr"):
                was, now = getattr(before, lang, None), getattr(after, lang, None)
                if was != now:
                    yield f"{name}.{lang}", was, now
        else:
            yield name, msgspec.to_builtins(before), msgspec.to_builtins(after)


def disagreements(briefings: Sequence[Briefing]) -> list[Disagreement]:
    """Each field on which a record's value in some briefing differs from the value used."""
    ordered = by_publication(briefings)
    # The briefing itself, not its id: two files may hold one id (two versions of a briefing)
    winner: dict[tuple[str, str], tuple[Briefing, Any]] = {}
    for briefing in ordered:
        for section in SECTIONS:
            for record in getattr(briefing, section):
                winner[section, record.id] = (briefing, record)
    found: list[Disagreement] = []
    for briefing in ordered:
        for section in SECTIONS:
            for record in getattr(briefing, section):
                newer, used = winner[section, record.id]
                if newer is briefing:
                    continue
                same_day = newer.source.published == briefing.source.published
                for name, old_value, new_value in field_changes(record, used):
                    if name != "evidence":  # another article's evidence cites other paragraphs
                        found.append(
                            Disagreement(
                                section,
                                record.id,
                                name,
                                briefing.id,
                                old_value,
                                newer.id,
                                new_value,
                                same_day,
                            )
                        )
    return found
