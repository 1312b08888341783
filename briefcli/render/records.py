"""The records every machine format is made of: plain dicts with stable field names.

One record per actor, event, quote or search hit, its texts in the chosen language.
JSON, jsonl, CSV and Markdown are all written from these; the README documents them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import msgspec

from briefcli.model import Actor, Briefing, Citation, Event, Evidence, Lang, Quote

if TYPE_CHECKING:
    from briefcli.search import Hit

Record = dict[str, Any]


class _Out(msgspec.Struct, kw_only=True, gc=False):
    """An output record: every field always present (null when empty), in this order."""


class CitationRecord(_Out):
    outlet: str
    title: str
    url: str | None
    date: str | None


class CorrectionRecord(_Out):
    as_written: str
    corrected: str
    note: str
    sources: list[CitationRecord]


class FactRecord(_Out):
    fact: str
    sources: list[CitationRecord]


class ActorRecord(_Out):
    id: str
    name: str
    kind: str
    role: str
    affiliation: str | None
    affiliation_name: str | None
    aliases: list[str]
    story: str
    correction: CorrectionRecord | None
    public_record: list[FactRecord]
    events: list[str]
    quotes: list[str]
    evidence: list[Evidence]
    briefing: str
    briefings: list[str]


class EventRecord(_Out):
    id: str
    date: str
    end: str | None
    precision: str
    basis: str
    sources: list[CitationRecord]
    kind: str
    direction: str | None
    actors: list[str]
    title: str
    detail: str
    evidence: list[Evidence]
    briefing: str
    briefings: list[str]


class QuoteRecord(_Out):
    id: str
    speaker: str
    speaker_name: str | None
    original: str
    translation: str
    context: str
    evidence: list[Evidence]
    briefing: str
    briefings: list[str]


class HitRecord(_Out):
    kind: str
    id: str
    field: str
    lang: str | None
    snippet: str
    match: tuple[int, int]
    para: int | None
    briefing: str


def fields(record_type: type[_Out]) -> tuple[str, ...]:
    """A record's field names, in order: the CSV header."""
    return record_type.__struct_fields__


class Cast:
    """Who is who, for views that show names next to ids. Built once per call."""

    def __init__(self, briefing: Briefing, lang: Lang) -> None:
        self.briefing = briefing
        self.names = {actor.id: actor.name.pick(lang) for actor in briefing.actors}
        # Several briefings merged (merge.MergedBriefing) say where each record appears.
        self.appears_in: dict[str, list[str]] = getattr(briefing, "appears_in", {})
        self.only = [briefing.id]

    def briefings_of(self, section: str, record_id: str) -> list[str]:
        """The ids of the briefings a record appears in, oldest first: its values are the last's."""
        return self.appears_in.get(f"{section}:{record_id}", self.only)

    def name(self, actor_id: str | None) -> str | None:
        return None if actor_id is None else self.names.get(actor_id, actor_id)

    def events_of(self) -> dict[str, list[Event]]:
        by_actor: dict[str, list[Event]] = defaultdict(list)
        for event in self.briefing.events:
            for actor_id in event.actors:
                by_actor[actor_id].append(event)
        return by_actor

    def event_ids_of(self) -> dict[str, list[str]]:
        """events_of, by id: what actor records list (no list of events made on the way)."""
        by_actor: dict[str, list[str]] = defaultdict(list)
        for event in self.briefing.events:
            event_id = event.id
            for actor_id in event.actors:
                by_actor[actor_id].append(event_id)
        return by_actor

    def quotes_of(self) -> dict[str, list[Quote]]:
        from briefcli.query import in_article_order

        by_actor: dict[str, list[Quote]] = defaultdict(list)
        for quote in in_article_order(self.briefing.quotes):
            by_actor[quote.speaker].append(quote)
        return by_actor


def actor_records(actors: Sequence[Actor], lang: Lang, cast: Cast) -> Iterator[ActorRecord]:
    event_ids, quotes_of = cast.event_ids_of(), cast.quotes_of()
    for actor in actors:
        correction = actor.correction
        yield ActorRecord(
            id=actor.id,
            name=actor.name.pick(lang),
            kind=actor.kind,
            role=actor.role.pick(lang),
            affiliation=actor.affiliation,
            affiliation_name=cast.name(actor.affiliation),
            aliases=actor.aliases,
            story=actor.story.pick(lang),
            correction=None
            if correction is None
            else CorrectionRecord(
                as_written=correction.as_written,
                corrected=correction.corrected,
                note=correction.note.pick(lang),
                sources=citation_records(correction.sources),
            ),
            public_record=[
                FactRecord(fact=fact.fact.pick(lang), sources=citation_records(fact.sources))
                for fact in actor.public_record
            ],
            events=event_ids.get(actor.id) or [],
            quotes=[quote.id for quote in quotes_of.get(actor.id, ())],
            evidence=actor.evidence,
            briefing=(held := cast.briefings_of("actors", actor.id))[-1],
            briefings=held,
        )


def citation_records(citations: Iterable[Citation]) -> list[CitationRecord]:
    return [CitationRecord(outlet=c.outlet, title=c.title, url=c.url, date=c.date) for c in citations]


def citation_text(citation: Citation | CitationRecord) -> str:
    """A source on one line, the same in every language: outlet · title · date · URL."""
    parts = (citation.outlet, citation.title, citation.date, citation.url)
    return " · ".join(part for part in parts if part)


def event_records(events: Iterable[Event], lang: Lang, cast: Cast) -> Iterator[EventRecord]:
    # A timeline can be 100,000 records: Text.pick spelled out, fields given by position
    # (in EventRecord's order), and one briefing's ids worked out once, not per record.
    first, second = (_EN, _FR) if lang == "en" else (_FR, _EN)
    several = bool(cast.appears_in)
    held = cast.only
    for event in events:
        if several:
            held = cast.briefings_of("events", event.id)
        title, detail, sources = event.title, event.detail, event.sources
        yield EventRecord(
            event.id,
            event.date,
            event.end,
            event.precision,
            event.basis,
            [CitationRecord(c.outlet, c.title, c.url, c.date) for c in sources] if sources else [],
            event.kind,
            event.direction,
            event.actors,
            first(title) or second(title) or "",
            first(detail) or second(detail) or "",
            event.evidence,
            held[-1],
            held,
        )


_EN, _FR = attrgetter("en"), attrgetter("fr")


def quote_records(quotes: Iterable[Quote], lang: Lang, cast: Cast) -> Iterator[QuoteRecord]:
    for quote in quotes:
        held = cast.briefings_of("quotes", quote.id)
        yield QuoteRecord(
            id=quote.id,
            speaker=quote.speaker,
            speaker_name=cast.name(quote.speaker),
            original=quote.original,
            translation=quote.translation,
            context=quote.context.pick(lang),
            evidence=quote.evidence,
            briefing=held[-1],
            briefings=held,
        )


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


def hit_place(hit: Hit) -> str:
    """Where a hit is: the record's field, or the paragraph its evidence quotes; over
    several briefings, a summary's hit names its briefing first."""
    place = f"{hit.id} ¶{hit.para}" if hit.para is not None else f"{hit.id}.{hit.field}"
    return place if hit.briefing is None else f"{hit.briefing}: {place}"


_SECTION_OF = {"actor": "actors", "event": "events", "quote": "quotes"}


def hit_records(hits: Iterable[Hit], cast: Cast) -> Iterator[HitRecord]:
    for hit in hits:
        text, start, end = snippet(hit)
        section = _SECTION_OF.get(hit.kind)
        held = cast.briefings_of(section, hit.id) if section else cast.only  # the summary's: the latest
        yield HitRecord(
            kind=hit.kind,
            id=hit.id,
            field=hit.field,
            lang=hit.lang,
            snippet=text,
            match=(start, end),
            para=hit.para,
            briefing=hit.briefing or held[-1],
        )


def summary_record(briefing: Briefing, lang: Lang, cast: Cast) -> Record:
    source, summary = briefing.source, briefing.summary
    return {
        "id": briefing.id,
        "briefing": briefing.id,
        "headline": summary.headline.pick(lang),
        "date": source.published,
        "date_basis": source.published_basis,
        "date_sources": citation_records(source.published_sources),
        "source": {
            "language": source.language,
            "headline": source.headline,
            "paragraphs": source.paragraphs,
            "sha256": source.sha256,
            "correspondent": source.correspondent,
            "correspondent_name": cast.name(source.correspondent),
        },
        "bottom_line": summary.bottom_line.pick(lang),
        "key_points": [{"text": p.text.pick(lang), "evidence": p.evidence} for p in summary.key_points],
        "watch": [{"text": p.text.pick(lang), "evidence": p.evidence} for p in summary.watch],
        "corrections": [
            {"actor": actor.id, "as_written": actor.correction.as_written, "corrected": actor.correction.corrected,
             "note": actor.correction.note.pick(lang), "sources": citation_records(actor.correction.sources)}
            for actor in briefing.actors if actor.correction is not None
        ],
    }  # fmt: skip


def short_summary_record(briefing: Briefing, lang: Lang) -> Record:
    return {
        "id": briefing.id,
        "briefing": briefing.id,
        "date": briefing.source.published,
        "headline": briefing.summary.headline.pick(lang),
    }


# --- flat forms, for CSV ----------------------------------------------------------


def flat(value: Any) -> str:
    """A record field as one CSV cell: lists joined with '; ', evidence as '¶N quote',
    a correction as 'as written -> corrected', a fact as 'fact (sources)', a source as
    'outlet · title · date · URL'."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(flat(item) for item in value)
    if isinstance(value, Evidence):
        return f"¶{value.para} {value.quote}"
    if isinstance(value, CorrectionRecord):
        return f"{value.as_written} -> {value.corrected}"
    if isinstance(value, FactRecord):
        return f"{value.fact} ({flat(value.sources)})"
    if isinstance(value, CitationRecord):
        return citation_text(value)
    return str(value)
