"""The status of US aid over time, derived from the briefing's policy changes.

The rule, in one pure function (`aid_status`):

- Only an event of kind `policy-change` with a direction `suspend`, `resume` or
  `increase` changes the status: after a `suspend` aid is *paused*, after a `resume`
  it is *flowing*, after an `increase` it is *increased*.
- A change takes effect on the first day of its date: a span (1–2 July) from its first
  day, a partial date (July 2025) from the first day of the period it names.
- On any day, the status is the one set by the change that started last on or before
  that day (ties: the later end wins, then the later one in the file), the same order
  as `brief timeline`. Overlapping changes therefore hand over at each start.
- A day is *uncertain* when it falls inside the period of a change whose date is not a
  whole day (a month or a year): the change happened somewhere in that period, so on
  such a day the status may still be the earlier one.
- Before the first change, the status is *unknown*: the briefing does not say, and the
  band is not drawn there. After the last change, the status holds until `known_until`
  (the caller passes the end of what the briefing covers), and is not drawn past it.
- A `restructure`, or any direction on an event that is not a `policy-change` (a
  proposal, a statement), changes nothing: it is a *mark*, shown where it appears.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

import msgspec

from briefcli.dates import event_period
from briefcli.model import Event

Status = Literal["unknown", "flowing", "paused", "increased"]

STATUS_AFTER: dict[str, Status] = {"suspend": "paused", "resume": "flowing", "increase": "increased"}


class Stretch(msgspec.Struct, frozen=True):
    """Days `start` to `end` (both included) with one status, certain or not."""

    start: date
    end: date
    status: Status
    certain: bool
    event_id: str  # the change that set the status


class Mark(msgspec.Struct, frozen=True):
    """A policy direction that changes no status (a proposed restructuring), where it appears."""

    start: date
    end: date
    direction: str
    event_id: str


class StatusBand(msgspec.Struct, frozen=True):
    stretches: list[Stretch]  # in date order, contiguous, never overlapping
    marks: list[Mark]

    def status_on(self, day: date) -> Status:
        """The status on `day`: unknown before the first change and after `known_until`."""
        for stretch in self.stretches:
            if stretch.start <= day <= stretch.end:
                return stretch.status
        return "unknown"

    def certain_on(self, day: date) -> bool:
        return any(s.start <= day <= s.end and s.certain for s in self.stretches)


def changes_status(event: Event) -> bool:
    return event.kind == "policy-change" and event.direction in STATUS_AFTER


def aid_status(events: Iterable[Event], *, known_until: date) -> StatusBand:
    """The status band the rule in this module's docstring derives from `events`."""
    changes: list[tuple[date, date, int, Event]] = []
    marks: list[Mark] = []
    for index, event in enumerate(events):
        if event.direction is None:
            continue
        period = event_period(event.date, event.end)
        if changes_status(event):
            changes.append((period.start, period.end, index, event))
        else:
            marks.append(Mark(period.start, period.end, event.direction, event.id))
    changes.sort(key=lambda item: item[:3])
    marks.sort(key=lambda mark: (mark.start, mark.end))
    # Days inside an imprecise change's period: where the status is not certain.
    vague = [(start, end) for start, end, _, event in changes if event.precision != "day"]
    stretches: list[Stretch] = []
    for position, (start, _, _, event) in enumerate(changes):
        # This change holds until the next one starts (the day before), or to known_until.
        later = [s for s, _, _, _ in changes[position + 1 :] if s > start]
        until = (later[0] - timedelta(days=1)) if later else known_until
        if any(s == start for s, _, _, _ in changes[position + 1 :]):
            continue  # a later change starting the same day wins that day and after
        until = min(until, known_until)
        if until < start:
            continue
        status = STATUS_AFTER[event.direction or ""]
        stretches += _split_by_certainty(start, until, status, event.id, vague)
    return StatusBand(stretches, marks)


def _split_by_certainty(
    start: date, end: date, status: Status, event_id: str, vague: list[tuple[date, date]]
) -> list[Stretch]:
    """[start, end] cut where it enters or leaves an uncertain period."""
    cuts = {start, end + timedelta(days=1)}
    for low, high in vague:
        for cut in (low, high + timedelta(days=1)):
            if start < cut <= end:
                cuts.add(cut)
    bounds = sorted(cuts)
    pieces: list[Stretch] = []
    for low, next_start in pairwise(bounds):
        high = next_start - timedelta(days=1)
        certain = not any(v_low <= low <= v_high for v_low, v_high in vague)
        if pieces and pieces[-1].certain == certain:
            pieces[-1] = Stretch(pieces[-1].start, high, status, certain, event_id)
        else:
            pieces.append(Stretch(low, high, status, certain, event_id))
    return pieces
