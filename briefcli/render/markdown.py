"""Markdown: listing tables, the summary, and the whole briefing as one document.

Every text from the briefing passes through `markdown_inline`, so that it renders
as itself: no link, no HTML, no heading can be smuggled in by a briefing file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from briefcli.i18n import colon, human_span, label, term
from briefcli.merge import articles_read
from briefcli.render.records import Cast, citation_text, snippet
from briefcli.render.safe import inert
from briefcli.render.safe import markdown_inline as md
from briefcli.render.wording import (
    DIRECTION_MARKS,
    PUBLIC_RECORD_MARK,
    event_date,
    event_kind,
    paras,
    quoted,
    source_line,
)

if TYPE_CHECKING:
    from briefcli.model import Actor, Briefing, Citation, Event, Lang, Quote
    from briefcli.search import Hit


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """A Markdown table; cells must already be escaped."""
    yield "| " + " | ".join(headers) + " |"
    yield "|" + "|".join("---" for _ in headers) + "|"
    for row in rows:
        yield "| " + " | ".join(row) + " |"


def actor_name(actor: Actor, lang: Lang) -> str:
    if actor.correction is None:
        return md(actor.name.pick(lang))
    return f"{md(actor.name.pick(lang))} ({md(label('as_written', lang, name=actor.correction.as_written))})"


def actors_table(actors: Sequence[Actor], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("name", "kind", "role", "affiliation", "briefing")]
    rows = (
        [
            actor_name(a, lang),
            term("actor_kind", a.kind, lang),
            md(a.role.pick(lang)),
            md(cast.name(a.affiliation) or ""),
            held(cast, "actors", a.id),
        ]
        for a in actors
    )
    return table(headers, rows)


def events_table(events: Iterable[Event], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("date", "kind", "title", "actors", "basis", "briefing")]
    rows = (
        [
            md(event_date(event, lang)),
            md(event_kind(event, lang)),
            md(event.title.pick(lang)),
            md(", ".join(cast.name(actor_id) or actor_id for actor_id in event.actors)),
            md(term("basis", event.basis, lang)),
            held(cast, "events", event.id),
        ]
        for event in events
    )
    return table(headers, rows)


def quotes_table(quotes: Sequence[Quote], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("speaker", "original", "translation", "context", "briefing")]
    rows = (
        [
            md(cast.name(q.speaker) or q.speaker),
            md(q.original),
            md(q.translation),
            md(q.context.pick(lang)),
            held(cast, "quotes", q.id),
        ]
        for q in quotes
    )
    return table(headers, rows)


def hits_table(hits: Sequence[Hit], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("kind", "id", "field", "snippet", "briefing")]
    sections = {"actor": "actors", "event": "events", "quote": "quotes"}
    rows = (
        [
            term("hit_kind", hit.kind, lang),
            md(hit.id),
            md(hit.field if hit.para is None else f"¶{hit.para}"),
            md(snippet(hit)[0]),
            held(cast, sections[hit.kind], hit.id)
            if hit.kind in sections
            else md(hit.briefing or cast.briefing.id),
        ]
        for hit in hits
    )
    return table(headers, rows)


def held(cast: Cast, section: str, record_id: str) -> str:
    """The briefings a record appears in, the one whose values are shown last."""
    return md(", ".join(cast.briefings_of(section, record_id)))


def summary_lines(briefing: Briefing, lang: Lang, cast: Cast) -> Iterator[str]:
    summary = briefing.summary
    yield f"# {md(summary.headline.pick(lang))}"
    yield ""
    yield f"*{md(source_line(briefing, lang, cast))}*"
    if summary.bottom_line.en or summary.bottom_line.fr:  # a briefing just started may not have one yet
        yield ""
        yield f"## {label('bottom_line', lang)}"
        yield ""
        yield md(summary.bottom_line.pick(lang))
    for key, points in (("key_points", summary.key_points), ("watch", summary.watch)):
        if points:
            yield ""
            yield f"## {label(key, lang)}"
            yield ""
            for point in points:
                yield f"- {md(point.text.pick(lang))} ({paras(point.evidence)})"
    corrected = [actor for actor in briefing.actors if actor.correction is not None]
    if corrected:
        yield ""
        yield f"## {label('corrections', lang)}"
        yield ""
        for actor in corrected:
            assert actor.correction is not None
            yield f"- {md(actor.correction.note.pick(lang))} ({md(citations_text(actor.correction.sources, lang))})"


def export_lines(briefing: Briefing, lang: Lang, cast: Cast) -> Iterator[str]:
    """The whole briefing: summary, who is who, timeline, quotes, sources."""
    colon = " : " if lang == "fr" else ": "  # French puts a space before a colon

    def outlets(event: Event) -> str:
        """Who the public record's date comes from; the Sources section lists them in full."""
        names = dict.fromkeys(citation.outlet for citation in event.sources)
        return f" · {md(', '.join(names))}" if names else ""

    yield from summary_lines(briefing, lang, cast)
    yield ""
    yield f"## {label('actors_title', lang)}"
    yield ""
    yield from actors_table(briefing.actors, lang, cast)
    yield ""
    yield f"## {label('timeline', lang)}"
    yield ""
    yield md(label("legend_public_record", lang, mark=PUBLIC_RECORD_MARK))
    yield ""
    yield from mermaid_timeline(briefing.events, lang)
    yield ""
    for event in briefing.events:
        yield (
            f"- **{md(event_date(event, lang))}** {md(event_kind(event, lang))}{colon}"
            f"{md(event.title.pick(lang))}. {md(event.detail.pick(lang))} ({paras(event.evidence)}{outlets(event)})"
        )
    if briefing.quotes:
        yield ""
        yield f"## {label('quotes', lang)}"
        for quote in select_quotes(briefing):
            yield ""
            yield from quote_block(quote, briefing, lang, cast)
        yield ""
    yield f"## {label('sources', lang)}"
    yield ""
    semicolon = " ; " if lang == "fr" else "; "
    for each in articles_read(briefing):  # over several briefings, every article read
        source = each.source
        line = md(source_line(each, lang, cast if each is briefing else Cast(each, lang)))
        yield f"- {md(quoted(source.headline, lang))} ({line}{semicolon}sha256 `{source.sha256}`)"
    for citation in public_sources(briefing):
        yield f"- {label('public_record', lang)}{colon}{md(citation_text(citation))}"


def quote_block(quote: Quote, briefing: Briefing, lang: Lang, cast: Cast) -> Iterator[str]:
    """A quote as printed, who said it and where, then its translation and its context,
    each on a line of its own: no field runs into the next, in either language."""
    speaker = md(cast.name(quote.speaker) or quote.speaker)
    yield f"> {md(quoted(quote.original, 'fr' if briefing.source.language == 'fr' else lang))}"
    yield ">"
    yield f"> — {speaker} ({paras(quote.evidence)})"
    yield ""
    yield f"- {label('translation', lang)}{colon(lang)}{md(quoted(quote.translation, 'en'))}"
    yield f"- {label('context', lang)}{colon(lang)}{md(quote.context.pick(lang))}"


def select_quotes(briefing: Briefing) -> list[Quote]:
    from briefcli.query import select_quotes as in_order

    return in_order(briefing)


# Characters Mermaid reads as syntax (":" separates a timeline's events, "#" starts an
# entity, "%%" a comment, "<" markup, "`" the fence): written as its numeric entities.
_MERMAID_SPECIAL = '#:;<>&"%`\\'


def mermaid_text(text: str) -> str:
    """Text that a Mermaid diagram shows as itself, on one line."""
    return "".join(f"#{ord(char)};" if char in _MERMAID_SPECIAL else char for char in inert(text))


def mermaid_timeline(events: Sequence[Event], lang: Lang) -> Iterator[str]:
    """The events as a Mermaid `timeline` block (GitHub and GitLab draw it), one period
    per date, the events of a date side by side."""
    if not events:
        return
    yield "```mermaid"
    yield "timeline"
    yield f"    title {mermaid_text(label('timeline', lang))}"
    by_date: dict[str, list[str]] = {}
    for event in events:
        mark = f"{DIRECTION_MARKS[event.direction]} " if event.direction else ""
        by_date.setdefault(human_span(event.date, event.end, lang), []).append(mark + event.title.pick(lang))
    for when, titles in by_date.items():
        yield f"    {mermaid_text(when)} : " + " : ".join(mermaid_text(title) for title in titles)
    yield "```"


def citations_text(citations: Sequence[Citation], lang: Lang) -> str:
    """Several sources on one line, each as `citation_text` gives it."""
    return (" ; " if lang == "fr" else "; ").join(map(citation_text, citations))


def public_sources(briefing: Briefing) -> list[Citation]:
    """Every public-record source the briefing names, once, in order of first use."""
    found = list(briefing.source.published_sources)
    for event in briefing.events:
        found += event.sources
    for actor in briefing.actors:
        for fact in actor.public_record:
            found += fact.sources
        if actor.correction is not None:
            found += actor.correction.sources
    unique: dict[tuple[str, str, str | None, str | None], Citation] = {}
    for citation in found:
        unique.setdefault((citation.outlet, citation.title, citation.url, citation.date), citation)
    return list(unique.values())
