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
from typing import Literal

import msgspec

from briefcli.choices import Lang, Precision
from briefcli.errors import UsageProblem
from briefcli.messages import Message


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

#: Which comes first in a numeric date such as 03/07/2025, when both readings are real
#: dates: the language's or the locale's custom (terminal.numeric_date_order), or None
#: when nothing says, and brief refuses to guess.
DayOrder = Literal["day-first", "month-first"] | None

#: The month names, the one table: brief writes them (i18n.human_date) and reads them.
MONTH_NAMES: dict[Lang, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}  # fmt: skip

# Patterns compile on first use (re caches them): most runs need none of them.
_UNITS = r"d|days?|j|jours?|w|weeks?|sem|semaines?|m|months?|mois|y|years?|ans?|années?|annees?"
_DURATION = rf"(?:il y a\s*)?([0-9]+)\s*({_UNITS})(?:\s+ago)?"
_FRACTION = rf"(?:il y a\s*)?([0-9]*[.,][0-9]+)\s*({_UNITS})(?:\s+ago)?"
_NEGATIVE = rf"[-−]\s*([0-9]+)\s*({_UNITS})"
_OTHER_UNIT = (
    r"[0-9]{1,6}\s*(?:h|hours?|heures?|min|minutes?|s|secs?|seconds?|secondes?|fortnights?|q|quarters?)"
)
_LOOSE_YEAR_FIRST = r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?"
_ISO_WEEK = r"([0-9]{4})-?w([0-9]{1,2})(?:-?([1-7]))?"
_QUARTER = r"(?:[qt]([1-4])\s*-?\s*([0-9]{4}))|(?:([0-9]{4})\s*-?\s*[qt]([1-4]))"
_DAY_FIRST = r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})"
_MONTH_YEAR = r"([0-9]{1,2})[/.]([0-9]{4})"
_NUMERIC = r"[0-9\s/.,:+-]+"
_WORD = r"[^\W\d_]+\.?"
# A span, as brief writes one ("24–25 June 2025", "30 June – 2 July 2025") or typed with a
# hyphen between two days ("24-25 June 2025"): never an ISO date's hyphens.
_SPAN = r"(.+?)\s*[–—]\s*(.+)|(.+?)\s+-\s+(.+)|([0-9]{1,2}(?:er)?)-([0-9]{1,2}(?:er)?\s+[^\W\d_].*)"
_LONE_DAY = r"([0-9]{1,2})(?:er)?"

# The publication date's own periods, as the article's words name them ("le mois dernier").
_THIS_OR_LAST_EN = r"(this|last|previous|next) (week|month|quarter|year)"
_LAST_FR = (
    r"(?:(?:le|la|l['’]?)\s*)?(semaine|mois|trimestre|ann[ée]e|an)\s+"
    r"(derni[eè]re?|pass[ée]e?|pr[ée]c[ée]dente?|prochaine?|suivante?)"
)
_THIS_FR = r"(ce|cet|cette)\s+(semaine|mois|trimestre|ann[ée]e|an)(?:[- ]?ci)?"
_UNIT_OF_WORD = {  # the French words' units (English names its units itself)
    "semaine": "week", "mois": "month", "trimestre": "quarter", "an": "year", "année": "year", "annee": "year",
}  # fmt: skip
_DAYS_BACK = {
    "today": 0, "aujourd'hui": 0, "aujourd’hui": 0, "aujourdhui": 0,
    "yesterday": 1, "hier": 1, "the day before yesterday": 2, "day before yesterday": 2,
    "avant-hier": 2, "avant hier": 2, "tomorrow": -1, "demain": -1,
}  # fmt: skip


@lru_cache(maxsize=1)
def _month_words() -> dict[str, str]:
    """French month words to the English names dateutil reads: every name, with or without
    its accents, and every abbreviation of at least three letters that names one month
    ("juil", "févr", "sept"; not "jui"). Weekdays, "le" and "er" ("1er") are grammar."""
    prefixes: dict[str, set[int]] = {}
    for index, name in enumerate(MONTH_NAMES["fr"]):
        for spelling in {name, name.translate(str.maketrans("éû", "eu"))}:
            for length in range(3, len(spelling) + 1):
                prefixes.setdefault(spelling[:length], set()).add(index)
    words = {
        word: MONTH_NAMES["en"][next(iter(months))] for word, months in prefixes.items() if len(months) == 1
    }
    grammar = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "le", "er")
    return words | dict.fromkeys(grammar, "")


class _NoYear(UsageProblem):
    """A written date without a year: refused alone, completed inside a span."""


def _bad(why: Message) -> UsageProblem:
    return UsageProblem(Message("date.accepted", why=why))


def _one_day(text: str, year: int, month: int, day: int) -> Period:
    try:
        d = date(year, month, day)
    except ValueError:
        raise UsageProblem(Message("date.not_real", text=text)) from None
    return Period(d, d)


_DAYS_IN = {"d": 1, "w": 7, "m": 30.44, "y": 365.25}  # on average: for an example only
_UNIT = {"d": "d", "j": "d", "w": "w", "s": "w", "m": "m", "y": "y", "a": "y"}  # by first letter


def _back_from(anchor: date, count: int, unit_word: str) -> date:
    unit = _UNIT[unit_word[0]]
    if unit == "d":
        return anchor - timedelta(days=count)
    if unit == "w":
        return anchor - timedelta(weeks=count)
    months = count if unit == "m" else 12 * count
    total = anchor.year * 12 + anchor.month - 1 - months
    year, month0 = divmod(total, 12)  # before year 1, date() raises ValueError
    return date(year, month0 + 1, min(anchor.day, month_end(year, month0 + 1).day))


def _months_from(year: int, month: int, step: int) -> tuple[int, int]:
    year, month0 = divmod(year * 12 + month - 1 + step, 12)
    return year, month0 + 1


def relative_period(unit: str, anchor: date, step: int) -> Period:
    """The calendar week (Monday to Sunday), month, quarter or year `step` away from the
    one holding `anchor`: step 0 is "this month", -1 "last month"."""
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return Period(monday, monday + timedelta(days=6))
    if unit == "month":
        year, month = _months_from(anchor.year, anchor.month, step)
        return Period(date(year, month, 1), month_end(year, month))
    if unit == "quarter":
        year, first = _months_from(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 3 * step)
        return Period(date(year, first, 1), month_end(year, first + 2))
    return Period(date(anchor.year + step, 1, 1), date(anchor.year + step, 12, 31))


def parse_date_arg(text: str, *, anchor: date, order: DayOrder = None) -> Period:
    """Read a --since/--until value as the period it names.

    `anchor` is the briefing's publication date, from which "3w" and "last month" count;
    `order` says how to read a numeric date that reads two ways. Raises UsageProblem,
    whose message says what is wrong and shows the accepted forms.
    """
    value = " ".join(text.split())
    if not value:
        raise _bad(Message("date.empty"))
    if len(value) > 40:
        raise _bad(Message("date.too_long", text=value[:40] + "…"))
    value = value.rstrip("◇ ").strip() or value  # the public-record mark, copied with a date
    if span := re.fullmatch(_SPAN, value):
        left, right = (part for part in span.groups() if part is not None)
        return _span(value, left, right, anchor, order)
    return _single(value, anchor, order)


def _span(value: str, left: str, right: str, anchor: date, order: DayOrder) -> Period:
    """'24–25 June 2025': from the start of the first date to the end of the second, the
    first taking what it leaves out (month, year) from the second."""
    end = _single(right, anchor, order)
    if lone := re.fullmatch(_LONE_DAY, left, re.IGNORECASE):
        if end.start != end.end:
            raise _bad(Message("date.unreadable", text=value))
        start = _one_day(value, end.start.year, end.start.month, int(lone[1]))
    else:
        try:
            start = _single(left, anchor, order)
        except _NoYear:
            start = _single(f"{left} {end.end.year}", anchor, order)
    if start.start > end.end:
        raise UsageProblem(Message("date.span_reversed", text=value))
    return Period(start.start, end.end)


def _single(value: str, anchor: date, order: DayOrder) -> Period:
    folded = value.casefold()
    if _ISO.fullmatch(value):
        if len(value) == 7:
            return _month(value, int(value[:4]), int(value[5:]))
        try:
            return iso_period(value)
        except ValueError:
            raise UsageProblem(Message("date.not_real", text=value)) from None
    if m := re.fullmatch(_LOOSE_YEAR_FIRST, value):
        if m[3] is not None:
            return _one_day(value, int(m[1]), int(m[2]), int(m[3]))
        return _month(value, int(m[1]), int(m[2]))
    if m := re.fullmatch(_ISO_WEEK, folded):
        return _iso_week(value, int(m[1]), int(m[2]), None if m[3] is None else int(m[3]))
    if m := re.fullmatch(_QUARTER, folded):
        quarter, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return Period(date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter))
    if duration := re.fullmatch(_DURATION, folded):
        try:
            day = _back_from(anchor, int(duration[1]), duration[2])
        except (ValueError, OverflowError):
            raise UsageProblem(Message("date.before_year_1", text=value)) from None
        return Period(day, day)
    _refuse_bad_duration(value, folded)
    if relative := _relative(folded, anchor):
        return relative
    if m := re.fullmatch(_DAY_FIRST, value):
        return _numeric_day_month(value, int(m[1]), int(m[2]), int(m[3]), order)
    if m := re.fullmatch(_MONTH_YEAR, value):
        return _month(value, int(m[2]), int(m[1]))
    if re.fullmatch(_NUMERIC, value):
        raise _bad(Message("date.unreadable", text=value))
    return _parse_written(value, folded)


def _month(text: str, year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise UsageProblem(Message("date.no_month", text=text, month=month))
    if year < 1:
        raise UsageProblem(Message("date.not_real", text=text))
    return Period(date(year, month, 1), month_end(year, month))


def _iso_week(text: str, year: int, week: int, weekday: int | None) -> Period:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        if 1 <= year <= 9999:
            raise UsageProblem(Message("date.no_week", year=year, week=week)) from None
        raise UsageProblem(Message("date.not_real", text=text)) from None
    if weekday is not None:
        day = monday + timedelta(days=weekday - 1)
        return Period(day, day)
    return Period(monday, monday + timedelta(days=6))


def _refuse_bad_duration(value: str, folded: str) -> None:
    """'1.5m', '-3w', '3h': say what is wrong with a span back, not that it has no year."""
    if m := re.fullmatch(_FRACTION, folded):
        unit = _UNIT[m[2][0]]
        days = round(float(m[1].replace(",", ".")) * _DAYS_IN[unit])
        raise UsageProblem(
            Message("date.fraction", text=value, unit=Message(f"unit.{unit}"), example=f"{days}d")
        )
    if m := re.fullmatch(_NEGATIVE, folded):
        raise UsageProblem(Message("date.negative", text=value, example=f"{m[1]}{m[2]}"))
    if re.fullmatch(_OTHER_UNIT, folded):
        raise UsageProblem(Message("date.unit", text=value))


def _relative(folded: str, anchor: date) -> Period | None:
    """'last month', 'le mois dernier', 'this week', 'next week', 'hier': the periods around the
    publication date, as the article's own words name them."""
    if folded in _DAYS_BACK:
        day = anchor - timedelta(days=_DAYS_BACK[folded])
        return Period(day, day)
    if m := re.fullmatch(_THIS_OR_LAST_EN, folded):
        return relative_period(m[2], anchor, {"this": 0, "next": 1}.get(m[1], -1))
    if m := re.fullmatch(_LAST_FR, folded):
        return relative_period(_UNIT_OF_WORD[m[1]], anchor, 1 if m[2].startswith(("proch", "suiv")) else -1)
    if m := re.fullmatch(_THIS_FR, folded):
        return relative_period(_UNIT_OF_WORD[m[2]], anchor, 0)
    return None


#: The periods around the publication date in the words brief reads, both languages:
#: what a mistyped one ("last monht") is offered as.
RELATIVE_PHRASES: tuple[str, ...] = (
    *(f"{which} {unit}" for which in ("this", "last", "next") for unit in ("week", "month", "quarter", "year")),
    "cette semaine", "ce mois-ci", "ce trimestre", "cette année",
    "la semaine dernière", "le mois dernier", "le trimestre dernier", "l'année dernière",
    "la semaine prochaine", "le mois prochain", "le trimestre prochain", "l'année prochaine",
    "today", "yesterday", "the day before yesterday", "tomorrow",
    "aujourd'hui", "hier", "avant-hier", "demain",
)  # fmt: skip


def _unreadable(value: str, folded: str) -> UsageProblem:
    """A text brief cannot read as a date: the period words it is closest to, if any."""
    import difflib

    close = difflib.get_close_matches(folded, RELATIVE_PHRASES, n=1, cutoff=0.8)
    if close:
        return UsageProblem(Message("date.did_you_mean", text=value, suggestion=close[0]))
    return _bad(Message("date.unreadable", text=value))


def _numeric_day_month(text: str, first: int, second: int, year: int, order: DayOrder) -> Period:
    """03/07/2025 reads two ways: the language's or locale's order decides, else brief
    refuses rather than guess. 13/07/2025 reads one way, whatever the order."""
    readings: dict[str, date] = {}
    for day, month, way in ((first, second, "day-first"), (second, first, "month-first")):
        with suppress(ValueError):  # not a date read this way
            readings[way] = date(year, month, day)
    if not readings:
        raise UsageProblem(Message("date.not_real", text=text))
    if len(readings) > 1 and readings["day-first"] != readings["month-first"]:
        if order is not None:
            return Period(readings[order], readings[order])
        a, b = readings["day-first"], readings["month-first"]
        raise UsageProblem(
            Message("date.two_ways", text=text, a=a, b=b, a_iso=a.isoformat(), b_iso=b.isoformat())
        )
    only = next(iter(readings.values()))
    return Period(only, only)


def _parse_written(value: str, folded: str) -> Period:
    """A written date in English or French, by dateutil, which may not fill any part."""
    from dateutil import parser  # ~17 ms: only written dates pay for it

    words = _month_words()
    english = re.sub(_WORD, lambda w: words.get(w[0].rstrip("."), w[0]), folded)
    english = english.replace(",", " ")
    # dateutil fills what is missing from its default; two different defaults tell
    # which parts the text really gave. Both months have 31 days ("the 30th" has a day
    # and no year) and both years a 29 February.
    try:
        a = parser.parse(english, default=datetime(2000, 1, 1))
        b = parser.parse(english, default=datetime(2004, 3, 2))
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        raise _unreadable(value, folded) from None
    if a.year != b.year:
        raise _NoYear(Message("date.accepted", why=Message("date.no_year", text=value)))
    if a.month != b.month:
        return Period(date(a.year, 1, 1), date(a.year, 12, 31))
    if a.day != b.day:
        return Period(date(a.year, a.month, 1), month_end(a.year, a.month))
    return Period(a.date(), a.date())


def window_from(since: str | None, until: str | None, *, anchor: date, order: DayOrder = None) -> Window:
    """The window two arguments name: from the start of --since to the end of --until."""
    start = _option(since, "--since", anchor, order).start if since is not None else None
    end = _option(until, "--until", anchor, order).end if until is not None else None
    if start is not None and end is not None and start > end:
        # Each as typed, and the day it stands for when that is not what was typed
        raise UsageProblem(
            Message(
                "date.since_after_until",
                since=since if since == start.isoformat() else f"{since} ({start.isoformat()})",
                until=until if until == end.isoformat() else f"{until} ({end.isoformat()})",
            )
        )
    return Window(None if start is None else start.isoformat(), None if end is None else end.isoformat())


def _option(value: str, option: str, anchor: date, order: DayOrder) -> Period:
    try:
        return parse_date_arg(value, anchor=anchor, order=order)
    except UsageProblem as exc:
        raise UsageProblem(Message("date.option", option=option, problem=exc.said)) from None


def window_words(window: Window) -> Message | None:
    """How a timeline names its window: 'since 23 June 2025', 'from … to …'; None if open."""
    since = None if window.since is None else date.fromisoformat(window.since)
    until = None if window.until is None else date.fromisoformat(window.until)
    if since is not None and until is not None:
        return Message("window.on" if since == until else "window.between", start=since, end=until)
    if since is not None:
        return Message("window.since", start=since)
    if until is not None:
        return Message("window.until", end=until)
    return None
