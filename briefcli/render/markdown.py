"""Markdown: listing tables, the summary, and the whole briefing as one document.

Every text from the briefing passes through `markdown_inline`, so that it renders
as itself: no link, no HTML, no heading can be smuggled in by a briefing file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from briefcli.i18n import label, term
from briefcli.render.records import Cast, snippet
from briefcli.render.safe import markdown_inline as md
from briefcli.render.wording import PUBLIC_RECORD_MARK, event_date, event_kind, paras, quoted, source_line

if TYPE_CHECKING:
    from briefcli.model import Actor, Briefing, Event, Lang, Quote
    from briefcli.query import Hit


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
        [
            actor_name(a, lang),
            term("actor_kind", a.kind, lang),
            md(a.role.pick(lang)),
            md(cast.name(a.affiliation) or ""),
        ]
        for a in actors
    )
    return table(headers, rows)


def events_table(events: Iterable[Event], lang: Lang, cast: Cast) -> Iterator[str]:
    headers = [label(key, lang) for key in ("date", "kind", "title", "actors", "basis")]
    rows = (
        [
            md(event_date(event, lang)),
            md(event_kind(event, lang)),
            md(event.title.pick(lang)),
            md(", ".join(cast.name(actor_id) or actor_id for actor_id in event.actors)),
            md(term("basis", event.basis, lang)),
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
        [term("hit_kind", hit.kind, lang), md(hit.id), md(hit.field), md(snippet(hit)[0])] for hit in hits
    )
    return table(headers, rows)


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
            yield f"- {md(actor.correction.note.pick(lang))} ({md(actor.correction.source)})"


def export_lines(briefing: Briefing, lang: Lang, cast: Cast) -> Iterator[str]:
    """The whole briefing: summary, who is who, timeline, quotes, sources."""
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
    for event in briefing.events:
        yield (
            f"- **{md(event_date(event, lang))}** {md(event_kind(event, lang))}: "
            f"{md(event.title.pick(lang))}. {md(event.detail.pick(lang))} ({paras(event.evidence)})"
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
    yield f"- {md(quoted(source.headline, lang))} ({md(source_line(briefing, lang, cast))}; sha256 `{source.sha256}`)"
    for where in public_sources(briefing):
        yield f"- {label('public_record', lang)}: {md(where)}"


def public_sources(briefing: Briefing) -> list[str]:
    """Every public-record source the briefing names, once, in order of first use."""
    found: list[str | None] = [briefing.source.published_source]
    found += [event.source for event in briefing.events if event.basis == "public-record"]
    for actor in briefing.actors:
        found += [fact.source for fact in actor.public_record]
        if actor.correction is not None:
            found.append(actor.correction.source)
    return [source for source in dict.fromkeys(found) if source]
