"""Dates: the --since/--until parser, partial periods, and the window rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from briefcli.choices import Lang
from briefcli.dates import (
    MONTH_NAMES,
    RELATIVE_PHRASES,
    DayOrder,
    Period,
    Window,
    event_period,
    iso_period,
    month_end,
    parse_date_arg,
    window_from,
    window_words,
)
from briefcli.errors import UsageProblem
from briefcli.i18n import human_span
from tests.conftest import brief

ANCHOR = date(2025, 7, 14)  # the bundled briefing's publication date

EXAMPLES = {
    "2025-07-01": (date(2025, 7, 1), date(2025, 7, 1)),
    "2025-07": (date(2025, 7, 1), date(2025, 7, 31)),
    "2025": (date(2025, 1, 1), date(2025, 12, 31)),
    "2024-02": (date(2024, 2, 1), date(2024, 2, 29)),
    "July 1, 2025": (date(2025, 7, 1), date(2025, 7, 1)),
    "1 July 2025": (date(2025, 7, 1), date(2025, 7, 1)),
    "June 2025": (date(2025, 6, 1), date(2025, 6, 30)),
    "Jul 2025": (date(2025, 7, 1), date(2025, 7, 31)),
    "1er juillet 2025": (date(2025, 7, 1), date(2025, 7, 1)),
    "juin 2025": (date(2025, 6, 1), date(2025, 6, 30)),
    "lundi 14 juillet 2025": (ANCHOR, ANCHOR),
    "14 juil. 2025": (ANCHOR, ANCHOR),
    "1er août 2025": (date(2025, 8, 1), date(2025, 8, 1)),
    "aout 2025": (date(2025, 8, 1), date(2025, 8, 31)),
    "févr 2024": (date(2024, 2, 1), date(2024, 2, 29)),
    "13/07/2025": (date(2025, 7, 13), date(2025, 7, 13)),  # reads one way only
    "07/07/2025": (date(2025, 7, 7), date(2025, 7, 7)),  # both readings agree
    "2025/7/1": (date(2025, 7, 1), date(2025, 7, 1)),
    "07/2025": (date(2025, 7, 1), date(2025, 7, 31)),
    "10d": (date(2025, 7, 4), date(2025, 7, 4)),
    "3w": (date(2025, 6, 23), date(2025, 6, 23)),
    "2m": (date(2025, 5, 14), date(2025, 5, 14)),
    "1y": (date(2024, 7, 14), date(2024, 7, 14)),
    "5 jours": (date(2025, 7, 9), date(2025, 7, 9)),
    "  2025-07  ": (date(2025, 7, 1), date(2025, 7, 31)),
    "2025-7-1": (date(2025, 7, 1), date(2025, 7, 1)),
    "2025-7": (date(2025, 7, 1), date(2025, 7, 31)),
    "le mois dernier": (date(2025, 6, 1), date(2025, 6, 30)),  # the article's own words
    "last month": (date(2025, 6, 1), date(2025, 6, 30)),
    "this month": (date(2025, 7, 1), date(2025, 7, 31)),
    "ce mois-ci": (date(2025, 7, 1), date(2025, 7, 31)),
    "last week": (date(2025, 7, 7), date(2025, 7, 13)),  # 14 July 2025 is a Monday
    "la semaine dernière": (date(2025, 7, 7), date(2025, 7, 13)),
    "cette semaine": (date(2025, 7, 14), date(2025, 7, 20)),
    "l'an dernier": (date(2024, 1, 1), date(2024, 12, 31)),
    "l'année dernière": (date(2024, 1, 1), date(2024, 12, 31)),
    "le trimestre dernier": (date(2025, 4, 1), date(2025, 6, 30)),
    "yesterday": (date(2025, 7, 13), date(2025, 7, 13)),
    "hier": (date(2025, 7, 13), date(2025, 7, 13)),
    "avant-hier": (date(2025, 7, 12), date(2025, 7, 12)),
    "today": (ANCHOR, ANCHOR),
    "demain": (date(2025, 7, 15), date(2025, 7, 15)),  # "aujourd'hui et demain", as the article says
    "next week": (date(2025, 7, 21), date(2025, 7, 27)),
    "la semaine prochaine": (date(2025, 7, 21), date(2025, 7, 27)),
    "le mois prochain": (date(2025, 8, 1), date(2025, 8, 31)),
    "next year": (date(2026, 1, 1), date(2026, 12, 31)),
    "3 weeks ago": (date(2025, 6, 23), date(2025, 6, 23)),
    "il y a 3 semaines": (date(2025, 6, 23), date(2025, 6, 23)),
    "24–25 June 2025": (date(2025, 6, 24), date(2025, 6, 25)),  # as brief writes it
    "24–25 June 2025 ◇": (date(2025, 6, 24), date(2025, 6, 25)),  # with the public-record mark
    "24-25 June 2025": (date(2025, 6, 24), date(2025, 6, 25)),
    "1er–2 juillet 2025": (date(2025, 7, 1), date(2025, 7, 2)),
    "30 June – 2 July 2025": (date(2025, 6, 30), date(2025, 7, 2)),
    "June 2025 – July 2025": (date(2025, 6, 1), date(2025, 7, 31)),
    "2025-W28": (date(2025, 7, 7), date(2025, 7, 13)),
    "2025w28": (date(2025, 7, 7), date(2025, 7, 13)),
    "2025-W29-1": (ANCHOR, ANCHOR),
    "Q3 2025": (date(2025, 7, 1), date(2025, 9, 30)),
    "T3 2025": (date(2025, 7, 1), date(2025, 9, 30)),
    "2025-Q1": (date(2025, 1, 1), date(2025, 3, 31)),
    "0001-07": (date(1, 7, 1), date(1, 7, 31)),  # the first year there is
    "24–24 June 2025": (date(2025, 6, 24), date(2025, 6, 24)),  # a span of one day
    "2025-07 ◇": (date(2025, 7, 1), date(2025, 7, 31)),
    "AD 2025": (date(2025, 1, 1), date(2025, 12, 31)),  # a written date that gives a year only
    "2024y": (date(1, 7, 14), date(1, 7, 14)),  # back to year 1, not before
    "3 ans": (date(2022, 7, 14), date(2022, 7, 14)),
    "2 j": (date(2025, 7, 12), date(2025, 7, 12)),
    "July 30,2025": (date(2025, 7, 30), date(2025, 7, 30)),  # no space after the comma
}


@pytest.mark.parametrize(("text", "expected"), EXAMPLES.items())
def test_accepted_forms(text: str, expected: tuple[date, date]) -> None:
    assert parse_date_arg(text, anchor=ANCHOR) == Period(*expected)


ACCEPTED = "Accepted: 2025-07-01, 2025-07, 2025"
REFUSED = {  # text: (what the message says, whether it lists the accepted forms)
    "julyish": ("is not a date brief can read", True),
    "2025-02-30": ("is not a real date", False),
    "2025-2-30": ("is not a real date", False),
    "0000-01-01": ("is not a real date", False),
    "03/07/2025": (
        "reads two ways: 3 July 2025 (day first) or 7 March 2025 (month first), "
        "and neither --lang nor the locale says which comes first; write 2025-07-03 or 2025-03-07",
        False,
    ),
    "31/31/2025": ("is not a real date", False),
    "may": ("has no year", True),
    "14 juillet": ("has no year", True),
    "0": ("is not a date brief can read", True),
    "99999": ("is not a date brief can read", True),
    "1" * 40: ("is not a date brief can read", True),
    "9" * 41: ("too long", True),
    "": ("the date is empty", True),
    "13/2025": ("has no month 13", False),
    "2025-13": ("has no month 13", False),
    "99999999y": ("reaches back before year 1", False),
    "1.5m": ("'1.5m': a span back counts whole months; write a whole number, such as 46d", False),
    "0,5 y": ("counts whole years; write a whole number, such as 183d", False),
    "-3w": ("a span already counts back from the publication date (write 3w)", False),
    "3h": ("brief counts back in days, weeks, months or years", False),
    "2025-W53": ("2025 has no ISO week 53", False),
    "25–24 June 2025": ("ends before it starts", False),
    "24–25 2025": ("is not a date brief can read", True),
    "03 07 2025": ("is not a date brief can read", True),  # numbers alone: never a guess
    "2025 07 14": ("is not a date brief can read", True),
    "0000": ("is not a real date", False),
    "0000-07": ("is not a real date", False),
    "0000-7": ("is not a real date", False),
    "07/0000": ("is not a real date", False),
    "2025-00": ("has no month 0", False),
    "24–juin 2025": ("is not a date brief can read", True),  # a lone day before a whole month
    "0000-W01": ("is not a real date", False),
    "0000-W60": ("is not a real date", False),
    "0001-W60": ("1 has no ISO week 60", False),
    "9999-W60": ("9999 has no ISO week 60", False),
    "2025X": ("is not a date brief can read", True),  # only the public-record mark is dropped
    "2025-07 X": ("is not a date brief can read", True),
    "av 2025": ("is not a date brief can read", True),  # two letters name no month
    "de 2025": ("is not a date brief can read", True),
    "29 février": ("has no year", True),  # a leap day without a year still has none
    "30th": ("has no year", True),  # a day of any month, without a year
    "31st": ("has no year", True),
    "2025y": ("reaches back before year 1", False),
}


@pytest.mark.parametrize(("text", "refusal"), REFUSED.items())
def test_refused_forms_say_what_is_wrong(text: str, refusal: tuple[str, bool]) -> None:
    """A refusal says what is wrong; one that cannot name a fault shows the accepted forms."""
    words, lists_forms = refusal
    with pytest.raises(UsageProblem) as refused:
        parse_date_arg(text, anchor=ANCHOR)
    assert words in refused.value.message
    assert (ACCEPTED in refused.value.message) == lists_forms
    assert "has no year" not in refused.value.message or words == "has no year"


def test_day_first_where_the_language_or_locale_says_so() -> None:
    assert parse_date_arg("01/07/2025", anchor=ANCHOR, order="day-first") == Period(
        date(2025, 7, 1), date(2025, 7, 1)
    )
    assert parse_date_arg("01/07/2025", anchor=ANCHOR, order="month-first") == Period(
        date(2025, 1, 7), date(2025, 1, 7)
    )
    # a date that reads one way only is read that way, whatever the custom
    assert parse_date_arg("07/13/2025", anchor=ANCHOR, order="day-first") == Period(
        date(2025, 7, 13), date(2025, 7, 13)
    )


# --- properties --------------------------------------------------------------------

days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(days)
def test_an_iso_day_is_itself(day: date) -> None:
    assert parse_date_arg(day.isoformat(), anchor=ANCHOR) == Period(day, day)


@given(days)
def test_a_partial_date_is_the_whole_period_it_names(day: date) -> None:
    month = parse_date_arg(day.isoformat()[:7], anchor=ANCHOR)
    year = parse_date_arg(day.isoformat()[:4], anchor=ANCHOR)
    assert month == Period(day.replace(day=1), month_end(day.year, day.month))
    assert year == Period(date(day.year, 1, 1), date(day.year, 12, 31))
    assert month.start <= day <= month.end and year.start <= day <= year.end


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from(["en", "fr"]))
def test_written_dates_mean_what_iso_means(day: date, lang: Lang) -> None:
    month = MONTH_NAMES[lang][day.month - 1]  # the names brief itself writes
    prefix = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    assert parse_date_arg(f"{prefix} {month} {day.year}", anchor=ANCHOR) == Period(day, day)
    assert parse_date_arg(f"{month} {day.year}", anchor=ANCHOR) == iso_period(day.isoformat()[:7])
    if lang == "en":
        assert parse_date_arg(f"{month} {day.day}, {day.year}", anchor=ANCHOR) == Period(day, day)


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1000, 9999))
def test_numeric_dates_are_read_only_when_they_read_one_way(first: int, second: int, year: int) -> None:
    text = f"{first:02d}/{second:02d}/{year}"
    if first != second:
        with pytest.raises(UsageProblem, match="reads two ways"):
            parse_date_arg(text, anchor=ANCHOR)
    else:
        assert parse_date_arg(text, anchor=ANCHOR) == Period(
            date(year, first, first), date(year, first, first)
        )


@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(1000, 9999),
    st.sampled_from(["day-first", "month-first"]),
)
def test_numeric_dates_follow_the_order_they_are_given(
    first: int, second: int, year: int, order: DayOrder
) -> None:
    day, month = (first, second) if order == "day-first" else (second, first)
    text = f"{first:02d}/{second:02d}/{year}"
    assert parse_date_arg(text, anchor=ANCHOR, order=order) == Period(
        date(year, month, day), date(year, month, day)
    )


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(days)
def test_unpadded_year_first_dates_mean_what_iso_means(day: date) -> None:
    text = f"{day.year:04d}-{day.month}-{day.day}"
    assert parse_date_arg(text, anchor=ANCHOR) == Period(day, day)
    assert parse_date_arg(f"{day.year:04d}-{day.month}", anchor=ANCHOR) == iso_period(day.isoformat()[:7])


def _in_range(day: date, offset: int) -> bool:
    return date.min.toordinal() <= day.toordinal() + offset <= date.max.toordinal()


def days_where(rule: Callable[[date], bool], around: date, reach: int) -> Period:
    """The reference, day by day: the first and last day near `around` that `rule` holds for."""
    near = (
        around + timedelta(days=offset) for offset in range(-reach, reach + 1) if _in_range(around, offset)
    )
    held = [day for day in near if rule(day)]
    assert held, "the rule holds for no day"
    return Period(held[0], held[-1])


anchors = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(anchors, st.sampled_from(["last month", "le mois dernier", "mois dernier", "le mois passé"]))
def test_last_month_is_the_month_before_the_publication_dates(anchor: date, words: str) -> None:
    a_day_of_last_month = anchor.replace(day=1) - timedelta(days=1)
    expected = days_where(
        lambda d: (d.year, d.month) == (a_day_of_last_month.year, a_day_of_last_month.month), anchor, reach=70
    )
    assert parse_date_arg(words, anchor=anchor) == expected


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(anchors, st.sampled_from(["last week", "la semaine dernière", "semaine passée", "previous week"]))
def test_last_week_is_the_iso_week_before_the_publication_dates(anchor: date, words: str) -> None:
    week = (anchor - timedelta(weeks=1)).isocalendar()[:2]
    assert parse_date_arg(words, anchor=anchor) == days_where(
        lambda d: d.isocalendar()[:2] == week, anchor, reach=21
    )


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(
    anchors,
    st.sampled_from(["this week", "cette semaine", "this month", "ce mois-ci", "this year", "cette année"]),
)
def test_this_period_holds_the_publication_date(anchor: date, words: str) -> None:
    unit = words.split()[-1].removesuffix("-ci")
    key: Callable[[date], object] = {
        "week": lambda d: d.isocalendar()[:2], "semaine": lambda d: d.isocalendar()[:2],
        "month": lambda d: (d.year, d.month), "mois": lambda d: (d.year, d.month),
        "year": lambda d: d.year, "année": lambda d: d.year,
    }[unit]  # fmt: skip
    assert parse_date_arg(words, anchor=anchor) == days_where(
        lambda d: key(d) == key(anchor), anchor, reach=370
    )


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(anchors, st.sampled_from(["yesterday", "hier"]))
def test_yesterday_is_the_day_before_publication(anchor: date, words: str) -> None:
    assert parse_date_arg(words, anchor=anchor) == days_where(
        lambda d: (anchor - d).days == 1, anchor, reach=3
    )


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(st.dates(min_value=date(1000, 1, 8), max_value=date(9999, 12, 20)))
def test_an_iso_week_is_its_seven_days(day: date) -> None:
    year, week, weekday = day.isocalendar()
    expected = days_where(lambda d: d.isocalendar()[:2] == (year, week), day, reach=7)
    assert parse_date_arg(f"{year}-W{week:02d}", anchor=ANCHOR) == expected
    assert parse_date_arg(f"{year}-W{week:02d}-{weekday}", anchor=ANCHOR) == Period(day, day)


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from(["Q{q} {y}", "T{q} {y}", "{y}-Q{q}"]),
)
def test_a_quarter_is_its_three_months(day: date, form: str) -> None:
    quarter = (day.month - 1) // 3 + 1
    expected = days_where(lambda d: d.year == day.year and (d.month - 1) // 3 + 1 == quarter, day, reach=100)
    assert parse_date_arg(form.format(q=quarter, y=day.year), anchor=ANCHOR) == expected


@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(0, 800),
    st.sampled_from(["en", "fr"]),
)
def test_a_span_brief_writes_reads_back_as_itself(start: date, length: int, lang: Lang) -> None:
    end = date.fromordinal(min(start.toordinal() + length, date.max.toordinal()))
    written = human_span(start.isoformat(), end.isoformat(), lang)
    assert parse_date_arg(written, anchor=ANCHOR) == Period(start, end)
    assert parse_date_arg(f"{written} ◇", anchor=ANCHOR) == Period(start, end)
    window = window_from(written, written, anchor=ANCHOR)  # --since: its start; --until: its end
    assert window == Window(start.isoformat(), end.isoformat())


@given(st.integers(0, 5000), st.sampled_from(["d", "w"]))
def test_durations_count_back_from_the_publication_date(count: int, unit: str) -> None:
    expected = ANCHOR - timedelta(days=count * (7 if unit == "w" else 1))
    assert parse_date_arg(f"{count}{unit}", anchor=ANCHOR) == Period(expected, expected)


@given(st.text(max_size=60))
@example("2025-13-01")
@example("1er")
@example("\x00")
@example("July 32, 2025")
@example("2025-07-01T10:00")
def test_any_text_is_a_period_or_a_usage_problem(text: str) -> None:
    reason: str | None = None
    try:
        period = parse_date_arg(text, anchor=ANCHOR)
    except UsageProblem as problem:  # the only error that may come out
        reason = problem.message
    else:
        assert period.start <= period.end
    assert reason is None or reason.strip()  # a refusal always says why


def iso_dates() -> st.SearchStrategy[str]:
    """Whole and partial ISO dates around the story."""
    day = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))
    return st.one_of(
        day.map(date.isoformat), day.map(lambda d: d.isoformat()[:7]), day.map(lambda d: d.isoformat()[:4])
    )


@st.composite
def events(draw: st.DrawFn) -> tuple[str, str | None]:
    start = draw(iso_dates())
    end = draw(st.one_of(st.none(), iso_dates()))
    if end is not None and iso_period(end).end < iso_period(start).start:
        start, end = end, start
    return start, end


@given(events(), st.one_of(st.none(), iso_dates()), st.one_of(st.none(), iso_dates()))
def test_an_event_is_kept_when_its_period_overlaps_the_window(
    event: tuple[str, str | None], since: str | None, until: str | None
) -> None:
    if since is not None and until is not None and iso_period(since).start > iso_period(until).end:
        since, until = until, since
    window = window_from(since, until, anchor=ANCHOR)
    start, end = event
    covered = Period(iso_period(start).start, iso_period(end or start).end)  # the event's days
    # The rule, day by day: some day of the event lies inside the window.
    low = iso_period(since).start if since else date.min
    high = iso_period(until).end if until else date.max
    overlaps = covered.start <= high and low <= covered.end
    assert window.keeps(*event) == overlaps


@given(iso_dates(), iso_dates())
def test_the_window_includes_both_ends(since: str, until: str) -> None:
    if iso_period(since).start > iso_period(until).end:
        since, until = until, since
    window = window_from(since, until, anchor=ANCHOR)
    first, last = iso_period(since).start, iso_period(until).end
    assert window.keeps(first.isoformat()) and window.keeps(last.isoformat())
    assert not window.keeps((first - timedelta(days=1)).isoformat())
    assert not window.keeps((last + timedelta(days=1)).isoformat())


def test_since_after_until_is_a_usage_problem() -> None:
    with pytest.raises(
        UsageProblem, match=r"--since 2025-08 \(2025-08-01\) comes after --until 2025-07 \(2025-07-31\)"
    ):
        window_from("2025-08", "2025-07", anchor=ANCHOR)
    assert window_from("2025-07", "2025-07", anchor=ANCHOR) == Window("2025-07-01", "2025-07-31")
    with pytest.raises(UsageProblem) as refused:  # a day as typed is not repeated
        window_from("2025-07-10", "2025-07-01", anchor=ANCHOR)
    assert str(refused.value.message) == "--since 2025-07-10 comes after --until 2025-07-01"


def test_dateutil_is_only_imported_for_written_dates() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from datetime import date; from briefcli.dates import parse_date_arg as p; "
        "p('2025-07', anchor=date(2025,7,14)); p('10d', anchor=date(2025,7,14)); "
        "p('13/07/2025', anchor=date(2025,7,14)); a = 'dateutil.parser' in sys.modules; "
        "p('juin 2025', anchor=date(2025,7,14)); print(a, 'dateutil.parser' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "True"]


@settings(deadline=None)  # a day-by-day reference
@given(
    anchors,
    st.sampled_from(["next week", "la semaine prochaine", "next month", "le mois prochain", "demain"]),
)
def test_next_periods_follow_the_publication_dates(anchor: date, words: str) -> None:
    if "week" in words or "semaine" in words:
        week = (anchor + timedelta(weeks=1)).isocalendar()[:2]
        expected = days_where(lambda d: d.isocalendar()[:2] == week, anchor, reach=21)
    elif "month" in words or "mois" in words:
        after = anchor.replace(day=28) + timedelta(days=4)  # a day of the next month
        expected = days_where(lambda d: (d.year, d.month) == (after.year, after.month), anchor, reach=70)
    else:
        expected = days_where(lambda d: (d - anchor).days == 1, anchor, reach=3)
    assert parse_date_arg(words, anchor=anchor) == expected


# --- every word of the relative vocabulary (mutation testing found them unpinned) ---------

PUBLISHED = date(2025, 7, 14)  # a Monday
_WEEK_BEFORE = (date(2025, 7, 7), date(2025, 7, 13))
_JUNE = (date(2025, 6, 1), date(2025, 6, 30))
_Q2 = (date(2025, 4, 1), date(2025, 6, 30))
_2024 = (date(2024, 1, 1), date(2024, 12, 31))
_2025 = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("words", "days_back"),
    [
        ("today", 0), ("aujourd'hui", 0), ("aujourd’hui", 0), ("aujourdhui", 0),
        ("yesterday", 1), ("hier", 1), ("the day before yesterday", 2), ("day before yesterday", 2),
        ("avant-hier", 2), ("avant hier", 2), ("tomorrow", -1), ("demain", -1),
    ],
)  # fmt: skip
def test_every_day_word_counts_from_publication(words: str, days_back: int) -> None:
    day = date.fromordinal(PUBLISHED.toordinal() - days_back)
    period = parse_date_arg(words, anchor=PUBLISHED)
    assert (period.start, period.end) == (day, day)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("last week", _WEEK_BEFORE), ("la semaine dernière", _WEEK_BEFORE), ("la semaine passee", _WEEK_BEFORE),
        ("last month", _JUNE), ("le mois dernier", _JUNE), ("previous month", _JUNE),
        ("last quarter", _Q2), ("le trimestre dernier", _Q2),
        ("last year", _2024), ("l'an dernier", _2024), ("l'année dernière", _2024), ("l'annee derniere", _2024),
        ("this year", _2025), ("cette année", _2025), ("cet an", _2025),
        ("this month", (date(2025, 7, 1), date(2025, 7, 31))), ("ce mois-ci", (date(2025, 7, 1), date(2025, 7, 31))),
        ("next week", (date(2025, 7, 21), date(2025, 7, 27))), ("la semaine prochaine", (date(2025, 7, 21), date(2025, 7, 27))),
        ("this quarter", (date(2025, 7, 1), date(2025, 9, 30))), ("ce trimestre", (date(2025, 7, 1), date(2025, 9, 30))),
        ("la semaine suivante", (date(2025, 7, 21), date(2025, 7, 27))), ("le mois suivant", (date(2025, 8, 1), date(2025, 8, 31))),
    ],
)  # fmt: skip
def test_every_period_word_names_its_period(words: str, expected: tuple[date, date]) -> None:
    period = parse_date_arg(words, anchor=PUBLISHED)
    assert (period.start, period.end) == expected


@pytest.mark.parametrize(
    ("unit", "days"),
    [
        ("d", 1),
        ("w", 7),
        ("m", 30.44),
        ("y", 365.25),
        (" j", 1),
        (" sem", 7),
        (" mois", 30.44),
        (" an", 365.25),
    ],
)
def test_a_fraction_of_a_unit_is_refused_with_a_whole_number_of_days_to_write(unit: str, days: float) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date_arg(f"1.5{unit}", anchor=PUBLISHED)
    assert f"such as {round(1.5 * days)}d" in str(refused.value)


@pytest.mark.parametrize(
    ("since", "until", "header"),
    [
        ("2025-07-01", None, "since 1 July 2025"),
        (None, "2025-03-31", "until 31 March 2025"),
        ("2025-07-01", "2025-07-10", "from 1 July 2025 to 10 July 2025"),
        ("2025-07-01", "2025-07-01", "on 1 July 2025"),
    ],
)
def test_the_timeline_header_names_the_window_it_used(
    since: str | None, until: str | None, header: str
) -> None:
    window = window_from(since, until, anchor=PUBLISHED)
    words = window_words(window)
    assert words is not None and words.text("en") == header


def test_an_open_window_is_not_named() -> None:
    assert window_words(window_from(None, None, anchor=PUBLISHED)) is None


@pytest.mark.parametrize("weekday", ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
def test_a_french_weekday_before_a_date_is_grammar(weekday: str) -> None:
    """Copied from a French text: "mardi 1er juillet 2025" (the weekday is not checked)."""
    period = parse_date_arg(f"{weekday} 1er juillet 2025", anchor=PUBLISHED)
    assert (period.start, period.end) == (date(2025, 7, 1), date(2025, 7, 1))
    period = parse_date_arg(f"le {weekday} 1er juillet 2025", anchor=PUBLISHED)
    assert (period.start, period.end) == (date(2025, 7, 1), date(2025, 7, 1))


# --- found unpinned by mutation testing: month arithmetic, month words, the records ------


def _months_back(anchor: date, months: int) -> date | None:
    """The reference: the same day `months` calendar months earlier, the month's last day
    when it is shorter; None before year 1."""
    year, month = anchor.year, anchor.month
    for _ in range(months):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if year < 1:
        return None
    return date(year, month, min(anchor.day, month_end(year, month).day))


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 40), st.sampled_from("my")
)
@example(date(2025, 3, 31), 1, "m")  # February is shorter: its last day
@example(date(2024, 2, 29), 1, "y")  # no 29 February in 2023
@example(date(2, 12, 31), 1, "y")  # back to year 1, no further
@example(date(2, 12, 31), 2, "y")
def test_months_and_years_back_keep_the_day_where_the_month_has_it(
    anchor: date, count: int, unit: str
) -> None:
    expected = _months_back(anchor, count * (12 if unit == "y" else 1))
    if expected is None:
        with pytest.raises(UsageProblem, match="reaches back before year 1"):
            parse_date_arg(f"{count}{unit}", anchor=anchor)
    else:
        assert parse_date_arg(f"{count}{unit}", anchor=anchor) == Period(expected, expected)


def _fr_spellings(month: int) -> set[str]:
    name = MONTH_NAMES["fr"][month - 1]
    return {name, name.replace("é", "e").replace("û", "u")}


@given(st.integers(1, 12), st.integers(2, 9), st.booleans(), st.integers(1000, 9999))
def test_a_french_month_reads_whole_or_cut_to_three_letters_or_more_when_only_it_starts_so(
    month: int, length: int, with_dot: bool, year: int
) -> None:
    for spelling in _fr_spellings(month):
        if length > len(spelling):
            continue
        word = spelling[:length]
        others = [m for m in range(1, 13) if m != month and any(s.startswith(word) for s in _fr_spellings(m))]
        english = [name.casefold() for name in MONTH_NAMES["en"]]
        text = f"{word}{'.' if with_dot and length < len(spelling) else ''} {year}"
        if length >= 3 and not others:
            assert parse_date_arg(text, anchor=ANCHOR) == iso_period(f"{year:04d}-{month:02d}")
        elif not any(name.startswith(word) for name in english):  # dateutil knows English's own
            with pytest.raises(UsageProblem):
                parse_date_arg(text, anchor=ANCHOR)


def test_periods_and_windows_are_values_a_cache_can_hold() -> None:
    """iso_period hands the same Period to every caller: nobody can change it."""
    period = iso_period("2025-07")
    with pytest.raises(AttributeError):
        period.start = date(2025, 1, 1)  # type: ignore[misc]
    window = Window("2025-07-01", None)
    with pytest.raises(AttributeError):
        window.since = None  # type: ignore[misc]
    assert len({period, iso_period("2025-07"), Period(date(2025, 7, 1), date(2025, 7, 31))}) == 1
    assert len({window, Window("2025-07-01")}) == 1


@pytest.mark.parametrize(
    ("since", "until", "option"), [("julyish", None, "--since"), (None, "2025-13", "--until")]
)
def test_a_refused_bound_names_its_option(since: str | None, until: str | None, option: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        window_from(since, until, anchor=ANCHOR)
    assert str(refused.value).startswith(f"{option}: '{since or until}' ")


def test_an_event_covers_from_the_start_of_its_date_to_the_end_of_its_end() -> None:
    assert event_period("2025-07", None) == Period(date(2025, 7, 1), date(2025, 7, 31))
    assert event_period("2025-06-30", "2025-07") == Period(date(2025, 6, 30), date(2025, 7, 31))
    assert event_period("2024", "2025-02") == Period(date(2024, 1, 1), date(2025, 2, 28))


@settings(deadline=None)  # a day-by-day reference: slow on a loaded machine, never wrong
@given(
    anchors,
    st.sampled_from([("this quarter", 0), ("ce trimestre", 0), ("last quarter", -1), ("next quarter", 1)]),
)
def test_a_quarter_word_names_the_quarter_of_the_publication_date_or_a_neighbour(
    anchor: date, words: tuple[str, int]
) -> None:
    text, step = words
    index = anchor.year * 4 + (anchor.month - 1) // 3 + step  # quarters counted from year 0
    expected = days_where(lambda d: d.year * 4 + (d.month - 1) // 3 == index, anchor, reach=190)
    assert parse_date_arg(text, anchor=anchor) == expected


def test_a_text_too_long_is_shown_cut_to_forty_characters() -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date_arg("1234567890" * 5, anchor=ANCHOR)
    assert str(refused.value).startswith(f"'{'1234567890' * 4}…' is too long to be a date.")


@pytest.mark.parametrize("phrase", RELATIVE_PHRASES)
def test_every_period_word_offered_as_a_suggestion_is_read(phrase: str) -> None:
    assert parse_date_arg(phrase, anchor=ANCHOR)


@given(st.sampled_from(RELATIVE_PHRASES), st.data())
def test_a_typo_of_a_period_word_is_read_or_gets_the_closest_one_offered(
    phrase: str, data: st.DataObject
) -> None:
    """One letter dropped, doubled or changed: either still a date brief reads, or the
    refusal offers a period word that it reads, the closest one."""
    import difflib

    at = data.draw(st.integers(0, len(phrase) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    typo = data.draw(
        st.sampled_from(
            [
                phrase[:at] + phrase[at + 1 :],
                phrase[:at] + letter + phrase[at:],
                phrase[:at] + letter + phrase[at + 1 :],
            ]
        )
    )
    assume(typo.strip() and "–" not in typo and " - " not in typo)
    try:
        parse_date_arg(typo, anchor=ANCHOR)
    except UsageProblem as refused:
        text = refused.message.text("en") if hasattr(refused.message, "text") else str(refused.message)
        offered = re.findall(r"did you mean '([^']+)'\?$", text)
        closest = difflib.get_close_matches(
            " ".join(typo.split()).casefold(), RELATIVE_PHRASES, n=1, cutoff=0.8
        )
        if offered:
            assert offered == closest and parse_date_arg(offered[0], anchor=ANCHOR)


def test_a_mistyped_period_word_gets_a_suggestion_in_the_message_s_language() -> None:
    english = brief("timeline", "--since", "last monht")
    assert (english.exit_code, english.stderr) == (
        2,
        "brief: --since: 'last monht' is not a date brief can read; did you mean 'last month'?\n",
    )
    french = brief("timeline", "--since", "le mois derner", "--lang", "fr")
    assert french.stderr.endswith("vouliez-vous dire « le mois dernier » ?\n")
