"""The records every machine format is made of: plain dicts with stable field names.

One record per actor, event, quote or search hit, its texts in the chosen language.
JSON, jsonl, CSV and Markdown are all written from these; the README documents them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefcli.model import Actor, Briefing, Event, Evidence, Lang, Quote
from briefcli.query import Hit

Record = dict[str, Any]

# The fields of each record, in order: the CSV header, and the README's reference.
ACTOR_FIELDS = ("id", "name", "kind", "role", "affiliation", "affiliation_name", "aliases", "story",
                "correction", "public_record", "events", "quotes", "evidence")  # fmt: skip
EVENT_FIELDS = ("id", "date", "end", "precision", "basis", "source", "kind", "direction", "actors",
                "title", "detail", "evidence")  # fmt: skip
QUOTE_FIELDS = ("id", "speaker", "speaker_name", "original", "translation", "context", "evidence")
HIT_FIELDS = ("kind", "id", "field", "lang", "snippet", "match")


def evidence(items: Sequence[Evidence]) -> list[Record]:
    return [{"para": item.para, "quote": item.quote} for item in items]


@dataclass
class Cast:
    """Who is who, for views that show names next to ids. Built once per call."""

    briefing: Briefing
    names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = {actor.id: actor.name for actor in self.briefing.actors}

    def name(self, actor_id: str | None) -> str | None:
        return None if actor_id is None else self.names.get(actor_id, actor_id)

    def events_of(self) -> dict[str, list[Event]]:
        by_actor: dict[str, list[Event]] = defaultdict(list)
        for event in self.briefing.events:
            for actor_id in event.actors:
                by_actor[actor_id].append(event)
        return by_actor

    def quotes_of(self) -> dict[str, list[Quote]]:
        by_actor: dict[str, list[Quote]] = defaultdict(list)
        for quote in self.briefing.quotes:
            by_actor[quote.speaker].append(quote)
        return by_actor


def actor_record(
    actor: Actor, lang: Lang, cast: Cast, events: Sequence[Event], quotes: Sequence[Quote]
) -> Record:
    correction = actor.correction
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "role": actor.role.pick(lang),
        "affiliation": actor.affiliation,
        "affiliation_name": cast.name(actor.affiliation),
        "aliases": list(actor.aliases),
        "story": actor.story.pick(lang),
        "correction": None
        if correction is None
        else {
            "as_written": correction.as_written,
            "corrected": correction.corrected,
            "note": correction.note.pick(lang),
            "source": correction.source,
        },
        "public_record": [
            {"fact": fact.fact.pick(lang), "source": fact.source} for fact in actor.public_record
        ],
        "events": [event.id for event in events],
        "quotes": [quote.id for quote in quotes],
        "evidence": evidence(actor.evidence),
    }


def actor_records(actors: Sequence[Actor], lang: Lang, cast: Cast) -> list[Record]:
    events_of, quotes_of = cast.events_of(), cast.quotes_of()
    return [
        actor_record(actor, lang, cast, events_of.get(actor.id, ()), quotes_of.get(actor.id, ()))
        for actor in actors
    ]


def event_record(event: Event, lang: Lang) -> Record:
    return {
        "id": event.id,
        "date": event.date,
        "end": event.end,
        "precision": event.precision,
        "basis": event.basis,
        "source": event.source,
        "kind": event.kind,
        "direction": event.direction,
        "actors": list(event.actors),
        "title": event.title.pick(lang),
        "detail": event.detail.pick(lang),
        "evidence": evidence(event.evidence),
    }


def quote_record(quote: Quote, lang: Lang, cast: Cast) -> Record:
    return {
        "id": quote.id,
        "speaker": quote.speaker,
        "speaker_name": cast.name(quote.speaker),
        "original": quote.original,
        "translation": quote.translation,
        "context": quote.context.pick(lang),
        "evidence": evidence(quote.evidence),
    }


SNIPPET_CONTEXT = 40


def snippet(hit: Hit, context: int = SNIPPET_CONTEXT) -> tuple[str, int, int]:
    """Up to `context` characters either side of the match, cut at spaces, with '…'
    where text was left out; and the match's offsets in the snippet."""
    text = hit.text
    left = max(0, hit.start - context)
    right = min(len(text), hit.end + context)
    if left > 0 and (space := text.find(" ", left, hit.start)) >= 0:
        left = space + 1
    if right < len(text) and (space := text.rfind(" ", hit.end, right)) >= 0:
        right = space
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    start = len(prefix) + hit.start - left
    return f"{prefix}{text[left:right]}{suffix}", start, start + hit.end - hit.start


def hit_record(hit: Hit) -> Record:
    text, start, end = snippet(hit)
    return {
        "kind": hit.kind,
        "id": hit.id,
        "field": hit.field,
        "lang": hit.lang,
        "snippet": text,
        "match": [start, end],
    }


def summary_record(briefing: Briefing, lang: Lang, cast: Cast) -> Record:
    source, summary = briefing.source, briefing.summary
    return {
        "id": briefing.id,
        "headline": summary.headline.pick(lang),
        "date": source.published,
        "date_basis": source.published_basis,
        "date_source": source.published_source,
        "source": {
            "language": source.language,
            "headline": source.headline,
            "paragraphs": source.paragraphs,
            "sha256": source.sha256,
            "correspondent": source.correspondent,
            "correspondent_name": cast.name(source.correspondent),
        },
        "bottom_line": summary.bottom_line.pick(lang),
        "key_points": [{"text": p.text.pick(lang), "evidence": evidence(p.evidence)} for p in summary.key_points],
        "watch": [{"text": p.text.pick(lang), "evidence": evidence(p.evidence)} for p in summary.watch],
        "corrections": [
            {"actor": actor.id, "as_written": actor.correction.as_written, "corrected": actor.correction.corrected,
             "note": actor.correction.note.pick(lang), "source": actor.correction.source}
            for actor in briefing.actors if actor.correction is not None
        ],
    }  # fmt: skip


def short_summary_record(briefing: Briefing, lang: Lang) -> Record:
    return {
        "id": briefing.id,
        "date": briefing.source.published,
        "headline": briefing.summary.headline.pick(lang),
    }


# --- flat forms, for CSV ----------------------------------------------------------


def flat(value: Any) -> str:
    """A record field as one CSV cell: lists joined with '; ', evidence as '¶N quote'."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(flat(item) for item in value)
    if isinstance(value, dict):
        if "para" in value:
            return f"¶{value['para']} {value['quote']}"
        if "corrected" in value:
            return f"{value['as_written']} -> {value['corrected']}"
        return " ".join(flat(item) for item in value.values())
    return str(value)
