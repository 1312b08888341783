"""Dates: the --since/--until parser, partial periods, and the window rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from briefcli.dates import Period, Window, iso_period, month_end, parse_date_arg, window_from
from briefcli.errors import UsageProblem
from briefcli.i18n import _MONTHS

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
}


@pytest.mark.parametrize(("text", "expected"), EXAMPLES.items())
def test_accepted_forms(text: str, expected: tuple[date, date]) -> None:
    assert parse_date_arg(text, anchor=ANCHOR) == Period(*expected)


REFUSED = {
    "julyish": "is not a date brief can read",
    "2025-02-30": "is not a real date",
    "0000-01-01": "is not a real date",
    "03/07/2025": "reads two ways: 3 July 2025 (day first) or 7 March 2025 (month first)",
    "31/31/2025": "is not a real date",
    "may": "has no year",
    "14 juillet": "has no year",
    "0": "is not a date brief can read",
    "99999": "is not a date brief can read",
    "1" * 40: "is not a date brief can read",
    "9" * 41: "too long",
    "": "the date is empty",
    "13/2025": "has no month 13",
    "99999999y": "",
}


@pytest.mark.parametrize(("text", "words"), REFUSED.items())
def test_refused_forms_are_usage_problems_that_show_the_accepted_forms(text: str, words: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date_arg(text, anchor=ANCHOR)
    assert words in refused.value.message
    if "reads two ways" not in words:
        assert "Accepted: 2025-07-01, 2025-07, 2025" in refused.value.message


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
def test_written_dates_mean_what_iso_means(day: date, lang: str) -> None:
    month = _MONTHS[lang][day.month - 1]  # the names brief itself writes
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
