"""`brief export --format timelinejs`: the timeline in Knight Lab's TimelineJS JSON format.

A title slide (the headline and the bottom line), then one slide per event: its date
as year, month and day at the event's own precision (a month-precise date has no day,
a year-precise one no month), a span as start and end, `display_date` in words, the
`group` its kind, and as text its detail, its evidence with paragraph numbers and its
source. TimelineJS shows `headline` and `text` as HTML, so every text from the
briefing is escaped and only http and https URLs become links (`autolink` is off, so
TimelineJS links nothing else). The aid status band of `timeline --chart` becomes the
document's `eras`, one per stretch of one status. No Rich.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from briefcli.aid_status import StatusBand
from briefcli.choices import Lang
from briefcli.i18n import colon, human_date, human_span, label, term
from briefcli.model import Briefing, Event
from briefcli.render.html import cited, esc
from briefcli.render.wording import event_kind, quoted

# The format's shapes (https://timeline.knightlab.com/docs/json-format.html), for mypy.


class _Year(TypedDict):
    year: int


class DateParts(_Year, total=False):
    month: int
    day: int


class SlideText(TypedDict):
    headline: str  # HTML
    text: str  # HTML


class _SlideBase(TypedDict):
    unique_id: str
    text: SlideText
    autolink: bool


class Slide(_SlideBase, total=False):  # the title slide has no date
    start_date: DateParts
    end_date: DateParts
    display_date: str
    group: str


class Era(TypedDict):
    start_date: DateParts
    end_date: DateParts
    text: SlideText


class Document(TypedDict):
    title: Slide
    events: list[Slide]
    eras: list[Era]


def date_parts(iso: str) -> DateParts:
    """{year, month, day} with only the parts the ISO date gives."""
    year, *rest = (int(part) for part in iso.split("-"))
    found = DateParts(year=year)
    if rest:
        found["month"] = rest[0]
    if len(rest) > 1:
        found["day"] = rest[1]
    return found


def slide(event: Event, lang: Lang, names: dict[str, str], article_lang: Lang) -> Slide:
    paragraphs = [f"<p>{esc(event.detail.pick(lang))}</p>"]
    if event.direction is not None:
        direction = event_kind(event, lang)
        paragraphs.insert(0, f"<p>{esc(direction)}</p>")
    if event.actors:
        who = ", ".join(names.get(actor_id, actor_id) for actor_id in event.actors)
        paragraphs.append(f"<p>{esc(label('actors', lang))}{colon(lang)}{esc(who)}</p>")
    for item in event.evidence:
        paragraphs.append(
            f"<blockquote>{esc(quoted(item.quote, article_lang))} "
            f"({esc(label('evidence_para', lang, para=item.para))})</blockquote>"
        )
    basis = term("basis", event.basis, lang)
    source = f"{esc(basis)}{colon(lang)}{cited(event.sources, lang)}" if event.sources else esc(basis)
    paragraphs.append(f"<p>{esc(label('source', lang))}{colon(lang)}{source}</p>")
    found = Slide(
        unique_id=event.id,
        start_date=date_parts(event.date),
        display_date=human_span(event.date, event.end, lang),
        group=term("event_kind", event.kind, lang),
        text=SlideText(headline=esc(event.title.pick(lang)), text="".join(paragraphs)),
        autolink=False,
    )
    if event.end is not None and event.end != event.date:
        found["end_date"] = date_parts(event.end)
    return found


def day_parts(day: date) -> DateParts:
    return DateParts(year=day.year, month=day.month, day=day.day)


def eras(band: StatusBand, lang: Lang) -> list[Era]:
    """One era per stretch of the aid status band: "aid: paused", from its first day to
    its last, "not certain" where the band is."""
    found: list[Era] = []
    for stretch in band.stretches:
        status = label(f"status_{stretch.status}", lang)
        if not stretch.certain:
            status += f" ({label('status_uncertain', lang)})"
        headline = label("chart_band", lang) + colon(lang) + status
        found.append(
            Era(
                start_date=day_parts(stretch.start),
                end_date=day_parts(stretch.end),
                text=SlideText(headline=esc(headline[:1].upper() + headline[1:]), text=""),
            )
        )
    return found


def document(briefing: Briefing, lang: Lang) -> Document:
    """The TimelineJS document: a title slide, the events in timeline order, and the
    aid status periods as eras."""
    from briefcli.query import select_events
    from briefcli.timescale import status_band

    names = {actor.id: actor.name.pick(lang) for actor in briefing.actors}
    summary = briefing.summary
    source = briefing.source
    title_text = (
        f"<p>{esc(summary.bottom_line.pick(lang))}</p>"
        f"<p>{esc(human_date(source.published, lang))} · {esc(quoted(source.headline, lang))}</p>"
    )
    article: Lang = "en" if source.language == "en" else "fr"
    return Document(
        title=Slide(
            unique_id=f"{briefing.id}-title",
            text=SlideText(headline=esc(summary.headline.pick(lang)), text=title_text),
            autolink=False,
        ),
        events=[slide(event, lang, names, article) for event in select_events(briefing)],
        eras=eras(status_band(briefing), lang),
    )
