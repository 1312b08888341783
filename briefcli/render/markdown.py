"""Markdown: listing tables, the summary, and the whole briefing as one document.

Every text from the briefing passes through `markdown_inline`, so that it renders
as itself: no link, no HTML, no heading can be smuggled in by a briefing file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from briefcli.i18n import human_date, human_span, label
from briefcli.render.records import Cast, citation_text, snippet
from briefcli.render.safe import inert
from briefcli.render.safe import markdown_inline as md

if TYPE_CHECKING:
    from briefcli.model import Actor, Briefing, Citation, Event, Evidence, Lang, Quote
    from briefcli.search import Hit

DIRECTION_MARKS = {"suspend": "▼", "resume": "▲", "increase": "▲", "restructure": "⇄"}
PUBLIC_RECORD_MARK = "◇"


def quoted(text: str, lang: Lang) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def paras(evidence: Sequence[Evidence]) -> str:
    return ", ".join(f"¶{para}" for para in dict.fromkeys(item.para for item in evidence))


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
    headers = [label(key, lang) for key in ("name", "kind", "role", "affiliation")]
    rows = (
        [actor_name(a, lang), label(a.kind, lang), md(a.role.pick(lang)), md(cast.name(a.affiliation) or "")]
        for a in actors
    )
    return table(headers, rows)


def event_date(event: Event, lang: Lang) -> str:
    mark = f" {PUBLIC_RECORD_MARK}" if event.basis == "public-record" else ""
    return human_span(event.date, event.end, lang) + mark


def event_kind(event: Event, lang: Lang) -> str:
    if event.direction is None:
        return label(event.kind, lang)
    return f"{DIRECTION_MARKS[event.direction]} {label(event.direction, lang)}"


def events_table(events: Iterable[Event], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("date", "kind", "title", "actors", "basis")]
    rows = (
        [
            md(event_date(event, lang)),
            md(event_kind(event, lang)),
            md(event.title.pick(lang)),
            md(", ".join(cast.name(actor_id) or actor_id for actor_id in event.actors)),
            md(label(f"basis_{event.basis}", lang)),
        ]
        for event in events
    )
    return table(headers, rows)


def quotes_table(quotes: Sequence[Quote], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("speaker", "original", "translation", "context")]
    rows = (
        [md(cast.name(q.speaker) or q.speaker), md(q.original), md(q.translation), md(q.context.pick(lang))]
        for q in quotes
    )
    return table(headers, rows)


def hits_table(hits: Sequence[Hit], lang: Lang) -> Iterator[str]:
    headers = [label(key, lang) for key in ("kind", "id", "field", "snippet")]
    rows = (
        [label(f"hit_{hit.kind}", lang), md(hit.id), md(hit.field if hit.para is None else f"¶{hit.para}"),
         md(snippet(hit)[0])]
        for hit in hits
    )  # fmt: skip
    return table(headers, rows)


def source_line(briefing: Briefing, lang: Lang, cast: Cast) -> str:
    source = briefing.source
    language = (
        label(f"language_{source.language}", lang) if source.language in ("en", "fr") else source.language
    )
    parts = [
        human_date(source.published, lang),
        label("article_in", lang, language=language, paragraphs=source.paragraphs),
    ]
    if source.correspondent is not None:
        parts.append(label("correspondent", lang, name=cast.name(source.correspondent)))
    if source.published_basis == "public-record":
        parts.append(label("published_public_record", lang))
    return " · ".join(parts)


def short_line(briefing: Briefing, lang: Lang) -> str:
    """The one-line summary, as plain text: the date and the headline."""
    return f"{human_date(briefing.source.published, lang)} · {briefing.summary.headline.pick(lang)}"


def summary_lines(briefing: Briefing, lang: Lang, cast: Cast) -> Iterator[str]:
    summary = briefing.summary
    yield f"# {md(summary.headline.pick(lang))}"
    yield ""
    yield f"*{md(source_line(briefing, lang, cast))}*"
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
    yield from mermaid_timeline(sorted_events(briefing), lang)
    yield ""
    for event in sorted_events(briefing):
        yield (
            f"- **{md(event_date(event, lang))}** {md(event_kind(event, lang))}{colon}"
            f"{md(event.title.pick(lang))}. {md(event.detail.pick(lang))} ({paras(event.evidence)}{outlets(event)})"
        )
    if briefing.quotes:
        yield ""
        yield f"## {label('quotes', lang)}"
        yield ""
        for quote in briefing.quotes:
            speaker = md(cast.name(quote.speaker) or quote.speaker)
            yield f"> {md(quoted(quote.original, 'fr' if briefing.source.language == 'fr' else lang))}"
            yield ">"
            yield f"> — {speaker}, {paras(quote.evidence)}. {md(quote.translation)} {md(quote.context.pick(lang))}"
            yield ""
    yield f"## {label('sources', lang)}"
    yield ""
    source = briefing.source
    semicolon = " ; " if lang == "fr" else "; "
    yield f"- {md(quoted(source.headline, lang))} ({md(source_line(briefing, lang, cast))}{semicolon}sha256 `{source.sha256}`)"
    for citation in public_sources(briefing):
        yield f"- {label('public_record', lang)}{colon}{md(citation_text(citation))}"


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


def sorted_events(briefing: Briefing) -> list[Event]:
    from briefcli.query import select_events

    return select_events(briefing)


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
