"""The timeline drawn to scale, before it is drawn: the window, its ticks, the lanes.

Shared by the terminal chart (`render/chart.py`) and the page's SVG (`render/html.py`),
so both show the same window, the same status band and the same lanes. Pure functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

import msgspec

from briefcli.aid_status import StatusBand, aid_status
from briefcli.choices import EVENT_KINDS, Lang
from briefcli.dates import Period, Window, event_period, iso_period
from briefcli.i18n import day_of_month, short_month
from briefcli.model import Briefing, Event


class Lane(msgspec.Struct, frozen=True):
    key: str  # an event kind, or an actor id
    events: list[Event]


def briefing_span(briefing: Briefing) -> Period:
    """Every day the briefing covers: its events and its publication date."""
    published = iso_period(briefing.source.published)
    periods = [event_period(e.date, e.end) for e in briefing.events] + [published]
    return Period(min(p.start for p in periods), max(p.end for p in periods))


def chart_window(briefing: Briefing, window: Window) -> Period:
    """The days the chart shows: --since/--until where given, else the briefing's span."""
    span = briefing_span(briefing)
    start = date.fromisoformat(window.since) if window.since else span.start
    end = date.fromisoformat(window.until) if window.until else span.end
    if end < start:  # --since after everything the briefing holds: one day, honestly empty
        end = start
    return Period(start, end)


def status_band(briefing: Briefing) -> StatusBand:
    """The aid status from every policy change in the briefing (filters choose the lanes,
    not the history), known up to the end of what the briefing covers."""
    return aid_status(briefing.events, known_until=briefing_span(briefing).end)


KEY_STATUSES = ("flowing", "increased", "paused", "uncertain")


def statuses_shown(band: StatusBand, window: Period) -> list[str]:
    """The band's statuses drawn in `window` ("uncertain" for a stretch that is not
    certain), in the key's order: what the key under a chart names."""
    drawn = {
        stretch.status if stretch.certain else "uncertain"
        for stretch in band.stretches
        if clip(Period(stretch.start, stretch.end), window) is not None
    }
    return [status for status in KEY_STATUSES if status in drawn]


def unknown_shown(band: StatusBand, window: Period) -> bool:
    """Whether the band is blank (status not known) on some day of `window`."""
    stretches = band.stretches  # contiguous, in date order
    return not stretches or stretches[0].start > window.start or stretches[-1].end < window.end


def marks_shown(band: StatusBand, window: Period) -> bool:
    return any(clip(Period(mark.start, mark.end), window) is not None for mark in band.marks)


def days(period: Period) -> int:
    return (period.end - period.start).days + 1


def fraction(day: date, period: Period) -> float:
    """Where `day` starts, from 0 (the window's first day) to 1 (after its last)."""
    return (day - period.start).days / days(period)


def column_of(day: date, window: Period, width: int) -> int:
    """The column, of `width`, that `day` falls in (days outside the window: the edge)."""
    offset = (day - window.start).days
    return max(0, min(width - 1, offset * width // days(window)))


def days_in_column(column: int, window: Period, width: int) -> Period:
    """The days `column_of` puts in `column`; when a day is wider than a column, the day
    drawn across it."""
    total = days(window)
    last = -(-(column + 1) * total // width) - 1  # ceil: the inverse of column_of's floor
    first = min(-(-column * total // width), last)
    return Period(window.start + timedelta(days=first), window.start + timedelta(days=last))


def clip(inner: Period, outer: Period) -> Period | None:
    start, end = max(inner.start, outer.start), min(inner.end, outer.end)
    return Period(start, end) if start <= end else None


def month_starts(period: Period, step: int = 1) -> list[date]:
    """The first days of months within `period`, every `step` months (counted from January)."""
    found: list[date] = []
    year, month = period.start.year, period.start.month
    while True:
        first = date(year, month, 1)
        if first > period.end:
            return found
        if first >= period.start and (month - 1) % step == 0:
            found.append(first)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)  # months between labelled ticks, fewest first
DAYS_PER_MONTH = 30.44


def tick_step(window: Period, width: float, room: float) -> int:
    """Months between labelled ticks when `window` is drawn `width` units wide: the
    fewest that leave `room` units for each label."""
    per_month = width * DAYS_PER_MONTH / days(window)
    for step in TICK_STEPS:
        if per_month * step >= room:
            return step
    return TICK_STEPS[-1] * math.ceil(room / (per_month * TICK_STEPS[-1]))


def month_ticks(window: Period, width: float, room: float, lang: Lang) -> list[tuple[date, str]]:
    """The labelled ticks of the time axis: each tick's first day and its name (a month,
    with its year on the first tick and in January; only the year when ticks are a
    year or more apart)."""
    step = tick_step(window, width, room)
    found: list[tuple[date, str]] = []
    for index, first in enumerate(month_starts(window, step)):
        name = str(first.year) if step >= 12 else short_month(first.month, lang)
        if step < 12 and (index == 0 or first.month == 1):
            name += f" {first.year}"
        found.append((first, name))
    return found


DAY_STEPS = (1, 2, 5, 10)  # days between labelled ticks when the window holds under two month starts


def day_ticks(window: Period, width: float, room: float, lang: Lang) -> list[tuple[date, str]]:
    """The labelled ticks of a window too short for month ticks: days of the month every
    `step` days from the 1st (the fewest that leave `room` units each), named by their
    day, with the month on the first tick and on each month's first tick, and the year
    on the first tick and in January. A one-day window gets its day."""
    per_day = width / days(window)
    step = next((step for step in DAY_STEPS if per_day * step >= room), DAY_STEPS[-1])
    found: list[tuple[date, str]] = []
    day = window.start
    while day <= window.end:
        month_length = (date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)).day
        # a month's last tick is dropped when the next 1st follows it within a step
        if (day.day - 1) % step == 0 and month_length + 1 - day.day >= step:
            name = day_of_month(day.day, lang)
            if not found or found[-1][0].month != day.month:
                name += f" {short_month(day.month, lang)}"
                if not found or day.month == 1:
                    name += f" {day.year}"
            found.append((day, name))
        day += timedelta(days=1)
    if not found:  # too short to hold a tick at this step: its first day, named
        start = window.start
        found.append(
            (start, f"{day_of_month(start.day, lang)} {short_month(start.month, lang)} {start.year}")
        )
    return found


def axis_ticks(
    window: Period, width: float, room: float, day_room: float, lang: Lang
) -> list[tuple[date, str]]:
    """The time axis's labelled ticks: months (`month_ticks`) when the window holds two
    month starts or more, else days (`day_ticks`), so that every axis names a date."""
    if len(month_starts(window)) >= 2:
        return month_ticks(window, width, room, lang)
    return day_ticks(window, width, day_room, lang)


def lanes(events: Sequence[Event], by: str, actor_order: Sequence[str] = ()) -> list[Lane]:
    """One lane per kind of event (in the vocabulary's order) or per actor (in the
    briefing's order, then a lane "" for events with no actor), each with its events in
    timeline order; empty lanes left out."""
    if by == "actor":
        order = list(actor_order) + sorted(
            {a for e in events for a in e.actors} - set(actor_order)
        )  # an unknown id still gets a lane
        per_actor = [
            Lane(actor, found)
            for actor in order
            if (found := [event for event in events if actor in event.actors])
        ]
        alone = [event for event in events if not event.actors]
        return per_actor + ([Lane("", alone)] if alone else [])  # "": the lane of events with no actor
    return [Lane(kind, found) for kind in EVENT_KINDS if (found := [e for e in events if e.kind == kind])]


def day_after(day: date) -> date:
    return day + timedelta(days=1)
