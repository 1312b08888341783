"""The words and marks every view shares: the human views and Markdown say the same
things the same way (a date with its public-record mark, a kind, a quotation, the
paragraphs cited, the source line). Plain text here; each view styles or escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefcli.i18n import human_date, human_span, label, term

if TYPE_CHECKING:
    from briefcli.model import Briefing, Event, Evidence, Lang
    from briefcli.render.records import Cast

DIRECTION_MARKS = {"suspend": "▼", "resume": "▲", "increase": "⇑", "restructure": "⇄"}  # the chart's too
PUBLIC_RECORD_MARK = "◇"


def quoted(text: str, lang: Lang) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def paras(evidence: Sequence[Evidence]) -> str:
    return ", ".join(f"¶{para}" for para in dict.fromkeys(item.para for item in evidence))


def event_date(event: Event, lang: Lang) -> str:
    """The event's date or span, marked when it comes from the public record."""
    mark = f" {PUBLIC_RECORD_MARK}" if event.basis == "public-record" else ""
    return human_span(event.date, event.end, lang) + mark


def event_kind(event: Event, lang: Lang) -> str:
    """A policy change by its direction ('▼ suspend'), any other event by its kind."""
    if event.direction is None:
        return term("event_kind", event.kind, lang)
    return f"{DIRECTION_MARKS[event.direction]} {term('direction', event.direction, lang)}"


def source_line(briefing: Briefing, lang: Lang, cast: Cast) -> str:
    source = briefing.source
    parts = [
        human_date(source.published, lang),
        label("article_in", lang, language=term("lang", source.language, lang), paragraphs=source.paragraphs),
    ]
    if source.correspondent is not None:
        parts.append(label("correspondent", lang, name=cast.name(source.correspondent)))
    if source.published_basis == "public-record":
        parts.append(label("published_public_record", lang))
    return " · ".join(parts)


def short_line(briefing: Briefing, lang: Lang) -> str:
    """The one-line summary, as plain text: the date and the headline."""
    return f"{human_date(briefing.source.published, lang)} · {briefing.summary.headline.pick(lang)}"


def events_counted(lang: Lang, shown: int, total: int | None = None) -> str:
    """'10 events', or '1 of 10 events' when --limit kept fewer than there were (`total`)."""
    if total is not None and total > shown:
        return label("n_of_events", lang, shown=shown, n=total)
    return label("n_events", lang, n=shown)
