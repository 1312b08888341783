"""`brief export --format timelinejs`: the timeline in Knight Lab's TimelineJS JSON format.

A title slide (the headline and the bottom line), then one slide per event: its date
as year, month and day at the event's own precision (a month-precise date has no day,
a year-precise one no month), a span as start and end, `display_date` in words, the
`group` its kind, and as text its detail, its evidence with paragraph numbers and its
source. TimelineJS shows `headline` and `text` as HTML, so every text from the
briefing is escaped and only http and https URLs become links. No Rich.
"""

from __future__ import annotations

from typing import Any

from briefcli.choices import Lang
from briefcli.i18n import colon, human_date, human_span, label, term
from briefcli.model import Briefing, Event
from briefcli.render.html import cited, esc
from briefcli.render.wording import event_kind, quoted


def date_parts(iso: str) -> dict[str, int]:
    """{year, month, day} with only the parts the ISO date gives."""
    parts = [int(part) for part in iso.split("-")]
    return dict(zip(("year", "month", "day")[: len(parts)], parts, strict=True))


def slide(event: Event, lang: Lang, names: dict[str, str]) -> dict[str, Any]:
    paragraphs = [f"<p>{esc(event.detail.pick(lang))}</p>"]
    if event.direction is not None:
        direction = event_kind(event, lang)
        paragraphs.insert(0, f"<p>{esc(direction)}</p>")
    if event.actors:
        who = ", ".join(names.get(actor_id, actor_id) for actor_id in event.actors)
        paragraphs.append(f"<p>{esc(label('actors', lang))}{colon(lang)}{esc(who)}</p>")
    for item in event.evidence:
        paragraphs.append(
            f"<blockquote>{esc(quoted(item.quote, 'fr'))} "
            f"({esc(label('evidence_para', lang, para=item.para))})</blockquote>"
        )
    basis = term("basis", event.basis, lang)
    source = f"{esc(basis)}{colon(lang)}{cited(event.sources, lang)}" if event.sources else esc(basis)
    paragraphs.append(f"<p>{esc(label('source', lang))}{colon(lang)}{source}</p>")
    found: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_parts(event.date),
        "display_date": human_span(event.date, event.end, lang),
        "group": term("event_kind", event.kind, lang),
        "text": {"headline": esc(event.title.pick(lang)), "text": "".join(paragraphs)},
    }
    if event.end is not None and event.end != event.date:
        found["end_date"] = date_parts(event.end)
    return found


def document(briefing: Briefing, lang: Lang) -> dict[str, Any]:
    """The TimelineJS document: a title slide and the events in timeline order."""
    from briefcli.query import select_events

    names = {actor.id: actor.name.pick(lang) for actor in briefing.actors}
    summary = briefing.summary
    source = briefing.source
    title_text = (
        f"<p>{esc(summary.bottom_line.pick(lang))}</p>"
        f"<p>{esc(human_date(source.published, lang))} · {esc(quoted(source.headline, lang))}</p>"
    )
    return {
        "title": {
            "unique_id": f"{briefing.id}-title",
            "text": {"headline": esc(summary.headline.pick(lang)), "text": title_text},
        },
        "events": [slide(event, lang, names) for event in select_events(briefing)],
    }
