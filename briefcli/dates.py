"""Dates: the briefing's partial ISO dates, the --since/--until arguments, and windows.

A date may be partial: `2025-07` is the whole of July and `2025` the whole year,
so every date is a Period. Nothing is ever filled from today's date. ISO dates and
durations are read here by hand, so that the common case never imports
dateutil's parser (about 17 ms); only written dates ("1er juillet 2025") pay for it.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, timedelta
from functools import lru_cache

import msgspec

from briefcli.choices import Precision
from briefcli.errors import UsageProblem

ACCEPTED_FORMS = (
    "2025-07-01, 2025-07, 2025, 'July 1, 2025', '1 July 2025', 'June 2025', "
    "'1er juillet 2025', 'juin 2025', or a span back from the publication date "
    "(10d, 3w, 2m, 1y)"
)


class Period(msgspec.Struct, frozen=True):
    """The days from `start` to `end`, both included."""

    start: date
    end: date


class Window(msgspec.Struct, frozen=True):
    """The --since/--until window, as whole ISO days ('2025-07-01'), both included;
    open where a bound is None."""

    since: str | None = None
    until: str | None = None

    def keeps(self, start: str, end: str | None = None) -> bool:
        """Whether an event dated `start` (to `end`) overlaps the window.

        The rule: the event's days (from the start of `start` to the end of `end`) and the window's share a day. It is
        computed on the ISO strings, without parsing a date: a partial date sorts before every day it holds
        ("2025-07" < "2025-07-01"), so it stands for its first day; with "~" appended
        (after every digit) it sorts after them ("2025-07~" > "2025-07-31"), so it
        stands for its last. A large timeline is filtered in a fraction of the time.
        """
        return (self.until is None or start <= self.until) and (
            self.since is None or (end or start) + "~" >= self.since
        )


_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


@lru_cache(maxsize=8192)  # a large briefing repeats its dates; validation and filtering share
def iso_period(text: str) -> Period:
    """The period a whole or partial ISO date names. Raises ValueError if it names none."""
    match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not an ISO date (2025-07-14, 2025-07 or 2025)")
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if day_s is not None:
        day = date(year, int(month_s), int(day_s))
        return Period(day, day)
    if month_s is not None:
        month = int(month_s)
        return Period(date(year, month, 1), month_end(year, month))
    return Period(date(year, 1, 1), date(year, 12, 31))


#: How long an ISO date is at each precision: 2025-07-14, 2025-07, 2025.
LENGTH_AT: dict[Precision, int] = {"day": 10, "month": 7, "year": 4}


def precision_of(text: str) -> Precision:
    """The precision an ISO date is written at (assumes it matched the model's pattern)."""
    return next(precision for precision, length in LENGTH_AT.items() if length == len(text))


def event_period(start: str, end: str | None) -> Period:
    """The days an event covers: from the start of `start` to the end of `end` (or `start`)."""
    first = iso_period(start)
    return first if end is None else Period(first.start, iso_period(end).end)


# --- --since / --until ---------------------------------------------------------------

# Patterns compile on first use (re caches them): most runs need none of them.
_DURATION = r"([0-9]{1,6})\s*(d|days?|j|jours?|w|weeks?|sem|semaines?|m|months?|mois|y|years?|ans?)"
_DAY_FIRST = r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})"
_YEAR_FIRST = r"([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})"
_MONTH_YEAR = r"([0-9]{1,2})[/.]([0-9]{4})"
_NUMERIC = r"[0-9\s/.,:+-]+"
_WORD = r"[^\W\d_]+\.?"

_FRENCH_WORDS = {
    "janvier": "January", "janv": "January",
    "février": "February", "fevrier": "February", "févr": "February", "fevr": "February",
    "mars": "March",
    "avril": "April", "avr": "April",
    "mai": "May",
    "juin": "June",
    "juillet": "July", "juil": "July",
    "août": "August", "aout": "August",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December", "decembre": "December", "déc": "December",
    # Weekdays add nothing to a date that has a day; "le" and "er" ("1er") are grammar.
    "lundi": "", "mardi": "", "mercredi": "", "jeudi": "", "vendredi": "", "samedi": "",
    "dimanche": "", "le": "", "er": "",
}  # fmt: skip


def _bad(why: str) -> UsageProblem:
    return UsageProblem(f"{why}. Accepted: {ACCEPTED_FORMS}")


def _day(text: str, year: int, month: int, day: int) -> Period:
    try:
        d = date(year, month, day)
    except ValueError as exc:
        raise _bad(f"{text!r} is not a real date ({exc})") from None
    return Period(d, d)


_UNIT = {"d": "d", "j": "d", "w": "w", "s": "w", "m": "m", "y": "y", "a": "y"}  # by first letter


def _back_from(anchor: date, count: int, unit_word: str) -> date:
    unit = _UNIT[unit_word[0]]
    if unit == "d":
        return anchor - timedelta(days=count)
    if unit == "w":
        return anchor - timedelta(weeks=count)
    months = count if unit == "m" else 12 * count
    total = anchor.year * 12 + anchor.month - 1 - months
    year, month0 = divmod(total, 12)
    if year < 1:
        raise ValueError("before year 1")
    return date(year, month0 + 1, min(anchor.day, month_end(year, month0 + 1).day))


def parse_date_arg(text: str, *, anchor: date) -> Period:
    """Read a --since/--until value as the period it names.

    `anchor` is the briefing's publication date, from which durations count back.
    Raises UsageProblem, whose message shows the accepted forms.
    """
    value = " ".join(text.split())
    if not value:
        raise _bad("the date is empty")
    if len(value) > 40:
        raise _bad("that is too long to be a date")
    folded = value.casefold()

    if _ISO.fullmatch(value):
        try:
            return iso_period(value)
        except ValueError as exc:
            raise _bad(f"{value!r} is not a real date ({exc})") from None

    if duration := re.fullmatch(_DURATION, folded):
        try:
            day = _back_from(anchor, int(duration[1]), duration[2])
        except (ValueError, OverflowError):
            raise _bad(f"{value!r} reaches back before year 1") from None
        return Period(day, day)

    if m := re.fullmatch(_YEAR_FIRST, value):
        return _day(value, int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(_DAY_FIRST, value):
        return _numeric_day_month(value, int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(_MONTH_YEAR, value):
        month, year = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise _bad(f"{value!r} has no month {month}")
        return Period(date(year, month, 1), month_end(year, month))
    if re.fullmatch(_NUMERIC, value):
        raise _bad(f"{value!r} is not a date brief can read")
    return _parse_written(value, folded)


def _numeric_day_month(text: str, first: int, second: int, year: int) -> Period:
    """03/07/2025 reads two ways; refuse rather than guess. 13/07/2025 reads one way."""
    readings: dict[date, str] = {}
    for day, month, order in ((first, second, "day first"), (second, first, "month first")):
        with suppress(ValueError):  # not a date read this way
            readings.setdefault(date(year, month, day), order)
    if not readings:
        raise _bad(f"{text!r} is not a real date")
    if len(readings) > 1:
        (a, a_order), (b, b_order) = readings.items()
        raise UsageProblem(
            f"{text!r} reads two ways: {_spoken(a)} ({a_order}) or {_spoken(b)} ({b_order}); "
            f"write {a.isoformat()} or {b.isoformat()}"
        )
    (only,) = readings
    return Period(only, only)


def _spoken(day: date) -> str:
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _parse_written(value: str, folded: str) -> Period:
    """A written date in English or French, by dateutil, which may not fill any part."""
    from dateutil import parser  # ~17 ms: only written dates pay for it

    english = re.sub(_WORD, lambda w: _FRENCH_WORDS.get(w[0].rstrip(".").casefold(), w[0]), folded)
    english = english.replace(",", " ")
    # dateutil fills what is missing from its default; two different defaults tell
    # which parts the text really gave.
    try:
        a = parser.parse(english, default=datetime(2000, 1, 1))
        b = parser.parse(english, default=datetime(2004, 2, 2))
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        raise _bad(f"{value!r} is not a date brief can read") from None
    if a.year != b.year:
        raise _bad(f"{value!r} has no year (brief never guesses it)")
    if a.month != b.month:
        return Period(date(a.year, 1, 1), date(a.year, 12, 31))
    if a.day != b.day:
        return Period(date(a.year, a.month, 1), month_end(a.year, a.month))
    return Period(a.date(), a.date())


def window_from(since: str | None, until: str | None, *, anchor: date) -> Window:
    """The window two arguments name: from the start of --since to the end of --until."""
    start = _option(since, "--since", anchor).start if since is not None else None
    end = _option(until, "--until", anchor).end if until is not None else None
    if start is not None and end is not None and start > end:
        raise UsageProblem(
            f"--since {since} ({start.isoformat()}) comes after --until {until} ({end.isoformat()})"
        )
    return Window(None if start is None else start.isoformat(), None if end is None else end.isoformat())


def _option(value: str, option: str, anchor: date) -> Period:
    try:
        return parse_date_arg(value, anchor=anchor)
    except UsageProblem as exc:
        raise UsageProblem(f"{option}: {exc.message}") from None
