"""`brief timeline --chart`, and the aid status rule it draws (briefcli/aid_status.py)."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.aid_status import STATUS_AFTER, Status, aid_status, changes_status
from briefcli.choices import DIRECTIONS, EVENT_KINDS, Direction, Lang, Precision
from briefcli.dates import Period, event_period
from briefcli.i18n import label
from briefcli.load import load_briefing
from briefcli.model import Event, Evidence, Text
from briefcli.render.chart import (
    ASCII,
    READABLE_NAME,
    UNICODE,
    Marker,
    collide,
    entries,
    event_columns,
    fit,
    lane_markers,
    name_column,
    number_start,
    place_labels,
    place_markers,
)
from briefcli.timescale import (
    Lane,
    axis_ticks,
    briefing_span,
    column_of,
    days_in_column,
    lanes,
    month_starts,
    status_band,
)
from tests.conftest import MINI, brief, brief_process, clean_environment
from tests.test_process import imported_modules, on_terminal

# --- the status rule, on made-up sequences ----------------------------------------

DAY0 = date(2024, 1, 1)


@st.composite
def events(draw: st.DrawFn) -> Event:
    """An event anywhere in 2024-2025, at any precision, a span or not, any kind and direction."""
    precision: Precision = draw(st.sampled_from(["day", "day", "day", "month", "year"]))
    start = DAY0 + timedelta(days=draw(st.integers(0, 700)))
    end: str | None = None
    if precision == "day":
        text = start.isoformat()
        if draw(st.booleans()):
            end = (start + timedelta(days=draw(st.integers(0, 40)))).isoformat()
    elif precision == "month":
        text = start.isoformat()[:7]
    else:
        text = str(start.year)
    kind = draw(st.sampled_from(["policy-change", "policy-change", *EVENT_KINDS]))
    direction: Direction | None = draw(st.sampled_from([None, *DIRECTIONS]))
    return Event(
        id=f"e{draw(st.integers(0, 10**6))}",
        date=text,
        end=end,
        precision=precision,
        basis="article",
        kind=kind,
        direction=direction,
        title=Text(en="t"),
        detail=Text(en="d"),
        evidence=[Evidence(para=1, quote="q")],
    )


def reference_status(sequence: list[Event], day: date, known_until: date) -> Status:
    """The rule as the docstring states it, day by day: the change that started last on
    or before `day` (ties: the later end, then the later in the file) sets the status."""
    if day > known_until:
        return "unknown"
    started = [
        (event_period(e.date, e.end).start, event_period(e.date, e.end).end, index, e)
        for index, e in enumerate(sequence)
        if changes_status(e) and event_period(e.date, e.end).start <= day
    ]
    if not started:
        return "unknown"
    return STATUS_AFTER[max(started, key=lambda item: item[:3])[3].direction or ""]


@settings(max_examples=150, deadline=None)
@given(st.lists(events(), max_size=12, unique_by=lambda e: e.id), st.integers(0, 800))
def test_the_band_follows_the_rule_on_every_day(sequence: list[Event], horizon: int) -> None:
    known_until = DAY0 + timedelta(days=horizon)
    band = aid_status(sequence, known_until=known_until)
    vague = [event_period(e.date, e.end) for e in sequence if changes_status(e) and e.precision != "day"]
    for offset in range(-5, 830, 3):
        day = DAY0 + timedelta(days=offset)
        expected = reference_status(sequence, day, known_until)
        assert band.status_on(day) == expected, day
        if expected != "unknown":
            assert band.certain_on(day) == (not any(p.start <= day <= p.end for p in vague)), day


@settings(max_examples=150, deadline=None)
@given(st.lists(events(), max_size=12, unique_by=lambda e: e.id), st.integers(0, 800))
def test_stretches_are_ordered_contiguous_and_start_at_the_first_change(
    sequence: list[Event], horizon: int
) -> None:
    known_until = DAY0 + timedelta(days=horizon)
    band = aid_status(sequence, known_until=known_until)
    for stretch in band.stretches:
        assert stretch.start <= stretch.end <= known_until
    for before, after in zip(band.stretches, band.stretches[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)  # no gap, no overlap
        assert (before.status, before.certain, before.event_id) != (
            after.status,
            after.certain,
            after.event_id,
        )
    starts = [event_period(e.date, e.end).start for e in sequence if changes_status(e)]
    if band.stretches:
        assert band.stretches[0].start == min(starts)  # nothing is drawn before the first change
    else:
        assert not starts or min(starts) > known_until


@settings(max_examples=100, deadline=None)
@given(st.lists(events(), max_size=12, unique_by=lambda e: e.id))
def test_only_policy_changes_change_the_status_and_the_rest_are_marks(sequence: list[Event]) -> None:
    known_until = date(2026, 1, 1)
    band = aid_status(sequence, known_until=known_until)
    changing = [e for e in sequence if changes_status(e)]
    assert band.stretches == aid_status(changing, known_until=known_until).stretches
    marked = sorted(e.id for e in sequence if e.direction is not None and not changes_status(e))
    assert sorted(mark.event_id for mark in band.marks) == marked


def made_up(date_text: str, direction: str, *, end: str | None = None, precision: str = "day") -> Event:
    return Event(
        id=f"{direction}-{date_text}",
        date=date_text,
        end=end,
        precision=precision,  # type: ignore[arg-type]
        basis="article",
        kind="policy-change",
        direction=direction,  # type: ignore[arg-type]
        title=Text(en="t"),
        detail=Text(en="d"),
        evidence=[Evidence(para=1, quote="q")],
    )


def test_a_month_precise_change_is_uncertain_over_its_month() -> None:
    band = aid_status(
        [made_up("2025-01-10", "resume"), made_up("2025-03", "suspend", precision="month")],
        known_until=date(2025, 4, 30),
    )
    assert band.status_on(date(2025, 1, 9)) == "unknown"  # before the first change: not known
    assert (band.status_on(date(2025, 2, 28)), band.certain_on(date(2025, 2, 28))) == ("flowing", True)
    assert (band.status_on(date(2025, 3, 15)), band.certain_on(date(2025, 3, 15))) == ("paused", False)
    assert (band.status_on(date(2025, 4, 1)), band.certain_on(date(2025, 4, 1))) == ("paused", True)
    assert band.status_on(date(2025, 5, 1)) == "unknown"  # past what the briefing knows


def test_overlapping_changes_hand_over_at_each_start() -> None:
    band = aid_status(
        [made_up("2025-01-01", "suspend", end="2025-01-31"), made_up("2025-01-10", "increase")],
        known_until=date(2025, 2, 28),
    )
    assert band.status_on(date(2025, 1, 9)) == "paused"
    assert band.status_on(date(2025, 1, 10)) == band.status_on(date(2025, 2, 1)) == "increased"


# --- the status rule, on the bundled briefing ---------------------------------------


def test_the_bundled_band_tells_the_story() -> None:
    briefing = load_briefing(None)
    band = status_band(briefing)
    spans = [(s.start.isoformat(), s.end.isoformat(), s.status, s.certain) for s in band.stretches]
    assert spans == [
        ("2025-03-03", "2025-03-10", "paused", True),
        ("2025-03-11", "2025-06-30", "flowing", True),
        ("2025-07-01", "2025-07-06", "paused", True),
        ("2025-07-07", briefing_span(briefing).end.isoformat(), "increased", True),
    ]
    assert band.status_on(date(2025, 3, 2)) == "unknown"
    assert [(m.direction, m.start.isoformat()) for m in band.marks] == [("restructure", "2025-07-10")]


@given(st.integers(1, 4000), st.integers(1, 200))
def test_a_column_holds_exactly_the_days_drawn_in_it(length: int, width: int) -> None:
    window = Period(DAY0, DAY0 + timedelta(days=length - 1))
    for column in range(width):
        held = days_in_column(column, window, width)
        assert window.start <= held.start <= held.end <= window.end
        if length >= width:  # each day in one column, and each column its own days
            for offset in range((held.start - DAY0).days, (held.end - DAY0).days + 1):
                assert column_of(DAY0 + timedelta(days=offset), window, width) == column
        else:  # a day wider than a column: the day drawn across this column
            assert held.start == held.end
            after = held.end + timedelta(days=1)
            assert column_of(held.start, window, width) <= column
            assert after > window.end or column < column_of(after, window, width)
    assert days_in_column(width - 1, window, width).end == window.end


# --- the chart, through the CLI ------------------------------------------------------


def chart(*args: str, columns: int = 100, **env: str) -> str:
    run = brief("timeline", "--chart", *args, env={"COLUMNS": str(columns), **env})
    assert run.exit_code == 0 and run.stderr == "", run
    return run.stdout


def legend_numbers(text: str) -> list[int]:
    after = text.split("\n\n", 1)[1]
    return [int(m[1]) for m in re.finditer(r"^ *([0-9]+) ", after, re.MULTILINE)]


def test_the_chart_draws_the_band_the_lanes_the_axis_and_a_legend() -> None:
    text = chart()
    rows = text.splitlines()
    assert rows[0] == "Timeline · 10 events"
    assert rows[1].startswith("3 March 2025 to 15 July 2025: 135 days")
    band = rows[2]
    assert band.startswith("aid ")
    # The story's on/off pattern, in order: paused, flowing, paused, increased.
    assert band.count("⇄") == 1  # the proposed restructuring, marked where it appears
    runs = [glyph for glyph, _ in re.findall(r"(([░─═])\2*)", band.replace("⇄", "═"))]
    assert [r[0] for r in runs] == ["░", "─", "░", "═"]
    assert len(runs[1]) > 10 * len(runs[0])  # three and a half months against a week: to scale
    for lane in ("policy change", "meeting", "call", "summit", "statement", "proposal"):
        assert any(row.startswith(lane) for row in rows), lane
    assert "Apr 2025" in text and "Jul" in text and "◆ 14 July 2025 · article published" in text
    assert sorted(set(legend_numbers(text))) == list(range(1, max(legend_numbers(text)) + 1))
    for title in ("First suspension of US military aid to Ukraine", "NATO summit in The Hague"):
        assert title in text


def test_events_too_close_to_tell_apart_share_a_marker_with_a_count() -> None:
    text = chart(columns=60)
    meeting = next(row for row in text.splitlines() if row.startswith("meeting"))
    assert "2" in meeting  # the two meetings of 14 and 14-15 July, one marker
    assert "●" not in meeting


@pytest.mark.parametrize("columns", range(40, 201, 16))
def test_every_width_from_40_to_200_draws_an_honest_chart(columns: int) -> None:
    text = chart(columns=columns)
    rows = text.splitlines()
    assert all(len(row) <= columns for row in rows), max(rows, key=len)
    band = band_row(text)
    assert "░" in band and "═" in band
    assert "◆" in text and "First suspension" in " ".join(text.split())


def test_below_the_minimum_width_a_clear_message() -> None:
    run = brief("timeline", "--chart", env={"COLUMNS": "39"})
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr == (
        "brief: the chart needs at least 40 columns and has 39: widen the terminal, set COLUMNS, "
        "or leave out --chart\n"
    )


@pytest.mark.parametrize("environment", [{"TERM": "dumb"}, {"LANG": "C"}, {"LC_ALL": "C"}])
def test_ascii_only_on_a_dumb_terminal_or_in_the_c_locale(environment: dict[str, str]) -> None:
    for lang in ("en", "fr"):
        run = brief_process("timeline", "--chart", "--lang", lang, env=clean_environment(**environment))
        assert run.returncode == 0
        assert run.stdout.isascii() and b"\x1b" not in run.stdout
        text = run.stdout.decode()
        assert "aid" in text or "aide" in text
        band = text.splitlines()[2]
        assert set(band.split(None, 1)[1]) <= {
            ASCII[g] for g in ("paused", "flowing", "increased", "restructure")
        }
        assert {ASCII["paused"], ASCII["flowing"], ASCII["increased"]} <= set(band)
        assert ("Premiere suspension" if lang == "fr" else "First suspension") in " ".join(text.split())
        assert "?" not in text.replace("? ", "")  # nothing made '?' but the band's own key
        if lang == "fr":
            assert "au 15 juillet 2025 :" in text


def test_colour_on_a_terminal_and_the_same_glyphs_without() -> None:
    status, coloured = on_terminal("timeline", "--chart")
    assert status == 0 and b"\x1b[" in coloured
    plain = chart()
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", coloured).decode().replace("\r\n", "\n") == plain
    status, no_colour = on_terminal("timeline", "--chart", env=clean_environment(NO_COLOR="1"))
    assert status == 0 and b"\x1b" not in no_colour
    for glyph in "░─═▼▲⇑●⇄◆":  # every mark a distinct glyph, no colour needed
        assert glyph in plain


BAND_GLYPHS = ("flowing", "increased", "paused", "uncertain", "restructure")
LANE_GLYPHS = (
    "point",
    "span",
    "period",
    "group",
    "suspend",
    "resume",
    "increase",
    "restructure",
    "published_line",
)


@pytest.mark.parametrize("glyphs", [UNICODE, ASCII], ids=["unicode", "ascii"])
def test_every_glyph_is_distinct_within_its_row(glyphs: dict[str, str]) -> None:
    for row in (BAND_GLYPHS, LANE_GLYPHS, ("axis", "tick", "published")):
        shown = [glyphs[name] for name in row]
        assert len(set(shown)) == len(shown), row
        assert not any(glyph.isdigit() or glyph == " " for glyph in shown)  # never a count or a gap
    assert all(len(glyph) == 1 for glyph in glyphs.values())
    if glyphs is ASCII:
        assert "".join(glyphs.values()).isascii()
    # the key lines name the band's and the lanes' glyphs side by side: distinct there too
    assert glyphs["span"] != glyphs["increased"] and glyphs["group"] != glyphs["flowing"]


def briefing_with_events(tmp_path: Path, *events: tuple[str, str | None, str, str | None]) -> Path:
    """The mini briefing with only `events`: (date, end, kind, direction) each."""
    import json

    from tests.conftest import write_json

    document = json.loads(MINI.read_text(encoding="utf-8"))
    template = document["events"][1]
    document["events"] = []
    for index, (start, end, kind, direction) in enumerate(events):
        event = {**template, "id": f"e{index}", "date": start, "precision": "day", "kind": kind}
        event.pop("direction", None)
        if end is not None:
            event["end"] = end
        if direction is not None:
            event["direction"] = direction
        event["title"] = {"en": f"Event {index}"}
        document["events"].append(event)
    return write_json(tmp_path / "events.json", document)


def plot(text: str) -> tuple[list[str], int, int]:
    """The chart's rows down to its axis, where the axis row is, and the column the
    lanes start at (0 when each name is on a line of its own above its lane)."""
    rows = text.splitlines()
    axis = next(i for i, row in enumerate(rows) if re.fullmatch(r" *([─┬◆]{10,}|[-+P]{10,})", row))
    return rows[:axis], axis, len(rows[axis]) - len(rows[axis].lstrip(" "))


def lane_rows(text: str, lane: str) -> tuple[str, str]:
    """The marks and the numbers of the first lane whose name starts with `lane`, without
    its name, whether the name is beside the lane or above it (the band: its marks and
    the next row)."""
    rows, _, offset = plot(text)
    at = next(index for index, row in enumerate(rows) if row.startswith(lane))
    if offset == 0:
        return rows[at + 1], rows[at + 2]
    return rows[at][offset:], rows[at + 1][offset:]


def band_row(text: str) -> str:
    return lane_rows(text, "aid")[0]  # "aid", "aide"


def test_a_shared_marker_is_never_drawn_as_a_span(tmp_path: Path) -> None:
    # two one-day meetings a day apart, in a year: one column at any width
    path = briefing_with_events(
        tmp_path,
        ("2024-01-01", None, "other", None),
        ("2024-06-10", None, "meeting", None),
        ("2024-06-11", None, "meeting", None),
        ("2024-12-31", None, "other", None),
    )
    for columns in (40, 80, 200):
        marks, _ = lane_rows(chart("--data", str(path), columns=columns), "meeting")
        assert "2" in marks and UNICODE["span"] not in marks and UNICODE["point"] not in marks
    # a real span and a point a day into it: the span keeps its own bar inside the shared marker
    path = briefing_with_events(
        tmp_path,
        ("2024-01-01", None, "other", None),
        ("2024-06-10", "2024-06-30", "meeting", None),
        ("2024-06-11", None, "meeting", None),
        ("2024-12-31", None, "other", None),
    )
    marks, _ = lane_rows(chart("--data", str(path), columns=60), "meeting")
    assert "2" in marks and UNICODE["span"] in marks


def test_events_a_few_columns_apart_keep_their_own_markers() -> None:
    # 3 and 11 March are three columns apart at 60 columns: two markers, two numbers
    marks, numbers = lane_rows(chart(columns=60), "policy chan")
    assert marks.startswith("▼ ▲") and numbers.split()[:2] == ["1", "2"]


def test_a_one_day_pause_is_never_drawn_away(tmp_path: Path) -> None:
    path = briefing_with_events(
        tmp_path,
        ("2024-01-01", None, "policy-change", "resume"),
        ("2024-06-10", None, "policy-change", "suspend"),
        ("2024-06-11", None, "policy-change", "resume"),
        ("2024-12-31", None, "other", None),
    )
    for columns in (40, 57, 80, 123, 200):
        band = band_row(chart("--data", str(path), columns=columns))
        assert band.count("░") == 1, (columns, band)


def test_french_months_and_words() -> None:
    text = chart("--lang", "fr")
    assert text.startswith("Chronologie · 10 événements\ndu 3 mars 2025 au 15 juillet 2025")
    assert "avr. 2025" in text and "juil." in text and "aide" in text
    assert "Première suspension de l'aide militaire américaine à l'Ukraine" in " ".join(text.split())


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "2025-07"],
        ["--since", "2025-07-01", "--until", "2025-07-10"],
        ["--kind", "meeting"],
        ["--kind", "call", "--kind", "summit"],
        ["--policy"],
        ["--actor", "poutine"],
        ["--since", "3w"],
        ["--until", "juin 2025", "--lang", "fr"],
    ],
)
def test_the_chart_works_with_every_filter(args: list[str]) -> None:
    text = chart(*args)
    listed = brief("timeline", *args, "--json").json()
    assert 0 < len(listed) < 10
    counts = tuple(f"· {label('n_events', lang, n=len(listed))}" for lang in ("en", "fr"))  # "1 event"
    assert text.splitlines()[0].endswith(counts)
    for record in listed:
        assert record["title"][:30] in " ".join(text.split())


def test_the_key_names_only_the_marks_drawn() -> None:
    one = chart("--kind", "call", columns=80)
    assert one.startswith("Timeline · 1 event\n")
    assert "an event" in one and "a span" not in one and "known only to the month" not in one
    assert "too close to draw apart" not in one
    full = chart(columns=80)
    assert "● an event  ●━━ a span" in full and "too close to draw apart" in full  # the two 14 July meetings
    mini = chart("--data", str(MINI), columns=80)
    assert "┄●┄ a date known only to the month or year" in mini
    # the band's key too: only the statuses drawn, and "not known" only where it is blank
    band_key = next(row for row in full.splitlines() if row.startswith("aid: "))
    assert "? not certain" not in band_key and "blank" not in band_key and "═ increased" in band_key
    spring = next(
        row for row in chart("--until", "2025-04", columns=80).splitlines() if row.startswith("aid: ")
    )
    assert spring == "aid: ─ flowing  ░ paused"
    assert "? not certain" in mini and "blank: not known" in " ".join(mini.split())


def test_a_window_scales_the_chart_to_itself() -> None:
    text = chart("--since", "2025-07-01", "--until", "2025-07-10")
    assert "1 July 2025 to 10 July 2025: 10 days, one day ≈" in text
    assert "Apr" not in text


def test_by_actor_gives_one_lane_per_actor() -> None:
    text = chart("--by", "actor")
    rows = [row.split("  ")[0] for row in text.splitlines()]
    for name in ("Donald Trump", "Mark Rutte", "Vladimir Putin", "Ukraine"):
        assert name in rows
    assert "policy change" not in rows


def test_no_match_is_a_notice_and_an_empty_chart_is_never_drawn() -> None:
    run = brief("timeline", "--chart", "--since", "2030-01-01")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "No events match.\n")


@pytest.mark.parametrize("args", [["--json"], ["--format", "json"], ["--format", "csv"]])
def test_chart_with_a_machine_format_is_refused(args: list[str]) -> None:
    run = brief("timeline", "--chart", *args)
    assert run.exit_code == 2 and run.stdout == ""
    assert "--chart draws the timeline for people" in run.stderr


def test_by_without_chart_is_refused() -> None:
    run = brief("timeline", "--by", "actor")
    assert run.exit_code == 2 and "give --chart too" in run.stderr


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_mini_briefing_partial_dates_are_drawn_over_their_period(lang: str) -> None:
    text = chart("--data", str(MINI), "--lang", lang)
    other = next(row for row in text.splitlines() if row.startswith(("other", "autre")))
    assert other.count("┄") > 20  # 2023, a year: dotted across its months
    band = text.splitlines()[2]
    assert "?" in band and "═" in band  # June 2024, month-precise: uncertain, then increased


def test_the_chart_imports_nothing_heavier_than_the_human_timeline() -> None:
    chart_modules = imported_modules("timeline", "--chart")
    timeline_modules = imported_modules("timeline")
    extra = {m for m in chart_modules - timeline_modules if not m.startswith("briefcli")}
    assert extra == set(), extra
    assert "dateutil.parser" not in chart_modules


def test_hostile_text_in_the_chart_is_inert(tmp_path: Path) -> None:
    from tests.conftest import write_json
    from tests.test_html import hostile_document

    document = hostile_document()
    document["events"][0]["title"]["en"] += " \x1b[2J\x1b]0;title\x07 \u202eevil"
    document["actors"][0]["name"]["en"] = "[bold red]Zoë[/] \x1b[31m"
    path = write_json(tmp_path / "hostile.json", document)
    for args in (["--chart"], ["--chart", "--by", "actor"]):
        status, shown = on_terminal("timeline", *args, "--data", str(path))
        assert status == 0
        text = re.sub(rb"\x1b\[[0-9;]*m", b"", shown).decode()
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
        assert "\\x1b[2J" in " ".join(text.split())
    assert "[bold red]Zoë[/]" in chart("--by", "actor", "--data", str(path))


def test_by_actor_gives_events_with_no_actor_a_lane_of_their_own(tmp_path: Path) -> None:
    import json

    from tests.conftest import write_json

    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["events"][0]["actors"] = []
    path = write_json(tmp_path / "alone.json", document)
    rows = chart("--by", "actor", "--data", str(path)).splitlines()
    alone = next(row for row in rows if row.startswith("no actor"))
    assert "┄" in alone  # 2023, the event with no actor, over its year
    assert chart("--by", "actor", "--data", str(path), "--lang", "fr").count("aucun acteur") == 1


@given(
    columns=st.integers(min_value=40, max_value=200),
    start=st.dates(min_value=date(2025, 3, 1), max_value=date(2025, 7, 15)),
    length=st.integers(min_value=0, max_value=140),
    lang=st.sampled_from(["en", "fr"]),
)
@settings(max_examples=60, deadline=None)
def test_the_scale_line_agrees_in_number_with_its_figures(
    columns: int, start: date, length: int, lang: Lang
) -> None:
    """'1 day', '135 days'; a decimal is plural in English ('1.0 days'), and in French
    by its whole part ('1,7 jour', '2,1 jours')."""
    until = min(start + timedelta(days=length), date(2025, 7, 15))
    shown = brief("timeline", "--chart", "--since", start.isoformat(), "--until", until.isoformat(), "--lang", lang,
                  env={"COLUMNS": str(columns)})  # fmt: skip
    if not shown.stdout:  # no event in the window: nothing drawn
        return
    text = " ".join(shown.stdout.split())
    span = re.search(r": (\d+) (\w+), ", text)
    if until == start:  # one day: its date once, "1 day", and no scale to give
        head = text.split(f" {label('chart_band', lang)} ")[0]  # the title and the scale line
        assert span is not None and span.group(1, 2) == ("1", {"en": "day", "fr": "jour"}[lang]), head
        assert head.count(str(start.year)) == 1 and "≈" not in head, head
        return
    per = re.search(r"≈ (\d+)[.,](\d) (\w+)", text)
    assert span is not None and per is not None, text[:200]
    days, day_word = int(span[1]), span[2]
    assert day_word == {"en": "day" if days == 1 else "days", "fr": "jour" if days < 2 else "jours"}[lang]
    whole, unit = int(per[1]), per[3]
    singular = lang == "fr" and whole < 2
    stem = unit.rstrip("s")
    assert unit == (stem if singular else stem + "s"), (lang, per[0])


# --- the chart's layout rules, on made-up events and names --------------------------


def window_of(length: int) -> Period:
    return Period(DAY0, DAY0 + timedelta(days=length - 1))


def alone(event: Event, window: Period, width: int) -> Marker | None:
    columns = event_columns(window, width, event)
    return Marker(0, *columns, [event]) if columns else None


@settings(max_examples=120, deadline=None)
@given(
    st.lists(events(), max_size=14, unique_by=lambda e: e.id),
    st.integers(31, 200),
    st.integers(1, 3),
    st.integers(1, 800),
)
def test_markers_merge_only_events_that_would_collide(
    sequence: list[Event], width: int, number_width: int, length: int
) -> None:
    window = window_of(length)
    markers = lane_markers(0, Lane("k", sequence), window, width, number_width)
    shown = [e.id for e in sequence if event_columns(window, width, e) is not None]
    assert sorted(e.id for m in markers for e in m.events) == sorted(shown)  # each event once
    for a, b in itertools.combinations(markers, 2):  # what is drawn apart never collides
        assert not collide(a, b, number_width, width), (a, b)
    singles = {e.id: single for e in sequence if (single := alone(e, window, width))}
    for marker in markers:
        for event in marker.events:
            own = singles[event.id]
            clear = all(
                abs(number_start(own, number_width, width) - number_start(other, number_width, width))
                > number_width
                for other in singles.values()
                if other is not own
            )
            if clear and own.first == own.last:  # no bar, and no number near its own
                assert marker.events == [event], marker


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 500), max_size=20),
    st.integers(31, 200),
    st.integers(1, 3),
    st.integers(1, 800),
)
def test_one_day_events_merge_exactly_when_their_numbers_would_touch(
    offsets: list[int], width: int, number_width: int, length: int
) -> None:
    """For one-day events the rule, left to right: an event joins the marker before it
    when its number would start within `number_width` columns of that marker's (which
    is under the marker's first glyph); else it starts a marker of its own."""
    window = window_of(length)
    sequence = [made_up((DAY0 + timedelta(days=o)).isoformat(), "resume") for o in sorted(set(offsets))]
    markers = lane_markers(0, Lane("k", sequence), window, width, number_width)
    starts = sorted(
        number_start(single, number_width, width)
        for e in sequence
        if (single := alone(e, window, width)) is not None
    )
    expected: list[list[int]] = []
    for start in starts:
        if expected and start - expected[-1][0] <= number_width:
            expected[-1].append(start)
        else:
            expected.append([start])
    assert [len(m.events) for m in markers] == [len(found) for found in expected]


ACTOR_IDS = ("a", "b", "c", "d")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(events(), st.lists(st.sampled_from(ACTOR_IDS), max_size=4, unique=True)),
        min_size=1,
        max_size=14,
        unique_by=lambda pair: pair[0].id,
    ),
    st.integers(31, 200),
    st.integers(1, 800),
    st.sampled_from(["actor", "kind"]),
)
def test_the_legend_numbers_each_event_once(
    drawn: list[tuple[Event, list[str]]], width: int, length: int, by: str
) -> None:
    """However events share markers across lanes (--by actor), each event is one entry of
    the legend and has that entry's number in every lane it is drawn in; the entries are
    numbered 1 to n, left to right (in one column, in timeline order); no two markers of a
    lane collide."""
    window = window_of(length)
    sequence = [msgspec.structs.replace(event, actors=actors) for event, actors in drawn]
    rows = lanes(sequence, by, ACTOR_IDS)
    markers = place_markers(window, width, rows)
    listed = entries(markers, sequence)
    in_window = [e.id for e in sequence if event_columns(window, width, e) is not None]
    assert sorted(e.id for _, found in listed for e in found) == sorted(in_window)  # each once
    assert [number for number, _ in listed] == list(range(1, len(listed) + 1))
    number_of = {e.id: number for number, found in listed for e in found}
    for marker in markers:
        assert {number_of[e.id] for e in marker.events} == {marker.number}
    # Numbered left to right; in one column, in timeline order, then lane by lane
    from briefcli.query import date_order

    firsts = [
        min((m.at, min(map(date_order, m.events)), m.lane) for m in markers if m.number == number)
        for number, _ in listed
    ]
    assert firsts == sorted(firsts)
    number_width = len(str(len(listed)))
    for a, b in itertools.combinations(markers, 2):
        assert a.lane != b.lane or not collide(a, b, number_width, width)


@given(
    st.lists(st.text(alphabet="abcdé ÉXY-'", min_size=1, max_size=60), min_size=1, max_size=15),
    st.integers(40, 200),
)
def test_a_name_beside_its_lane_is_never_cut_below_a_readable_length(names: list[str], width: int) -> None:
    column = name_column(names, width)
    if column == 0:  # each name on its own line, whole up to the terminal's width
        assert width < 5 * READABLE_NAME
        return
    assert column <= max(6, width // 5)
    for name in names:
        shown = fit(name, column, "…")
        assert shown == name or len(shown) >= READABLE_NAME, (name, shown)
    if width < 60:  # at 40 columns: beside the lanes only when every name fits whole
        assert all(len(name) <= column for name in names)


@given(
    st.lists(
        st.tuples(st.integers(0, 199), st.text(alphabet="abc. 0123", min_size=1, max_size=12)), max_size=12
    ),
    st.integers(31, 200),
)
def test_axis_labels_never_touch_and_the_first_and_last_come_first(
    drawn: list[tuple[int, str]], width: int
) -> None:
    ticks = sorted({column % width: name for column, name in drawn}.items())
    placed = place_labels(ticks, width)
    for start, name in placed:  # at its tick, or moved left to end at the edge, over its tick
        assert start >= 0 and start + len(name) <= width
        assert any(
            shown == name and (start == column or (start + len(name) == width and start <= column))
            for column, shown in ticks
        )
    for (start, name), (after, _) in itertools.pairwise(placed):
        assert after - (start + len(name) - 1) > 2  # two free columns between labels
    if ticks:  # the first and the last tick are labelled whatever lies between them
        assert set(place_labels([ticks[0], ticks[-1]], width)) <= set(placed)
        assert (ticks[0][0], ticks[0][1]) in placed or len(ticks[0][1]) > width - ticks[0][0]


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
    st.integers(0, 800),
    st.integers(31, 200),
    st.sampled_from(["en", "fr"]),
)
def test_every_axis_names_a_day_of_its_window(start: date, length: int, width: int, lang: Lang) -> None:
    window = Period(start, start + timedelta(days=length))
    ticks = axis_ticks(window, width, 6, 4, lang)
    assert ticks and all(window.start <= day <= window.end for day, _ in ticks)
    by_day = len(month_starts(window)) < 2  # months when the window holds two month starts
    assert all(name[0].isdigit() == (by_day or name.isdigit()) for _, name in ticks)  # "14 Jul", "2025"
    assert by_day or all(day.day == 1 for day, _ in ticks)
    columns = [(column_of(day, window, width), name) for day, name in ticks]
    placed = place_labels(columns, width)
    assert placed[0][1] == ticks[0][1] and str(ticks[0][0].year) in ticks[0][1]  # named, with its year
    if len(place_labels([columns[0], columns[-1]], width)) == 2:  # room for the last as well
        assert placed[-1][1] == ticks[-1][1]


# --- the layout rules, through the CLI at 40, 80 and 200 columns ---------------------

WIDTHS = (40, 80, 200)


def lanes_drawn(text: str) -> list[tuple[str, str, str]]:
    """Each lane's name, marks and numbers, the names beside the lanes or above them."""
    rows, axis, offset = plot(text)
    band = next(index for index, row in enumerate(rows) if row.startswith("aid"))
    if offset == 0:
        return [(rows[i].rstrip(" ┊"), rows[i + 1], rows[i + 2]) for i in range(band + 2, axis, 3)]
    return [
        (rows[i][:offset].rstrip(), rows[i][offset:], rows[i + 1][offset:]) for i in range(band + 1, axis, 2)
    ]


def legend_entries(text: str) -> dict[int, str]:
    """The legend: each number and all its lines, in one line."""
    found: dict[int, list[str]] = {}
    rows = text.split("\n\n", 1)[1].splitlines()
    width = rows[0].index("1") + 1  # the numbers' column, right-justified: " 1" when up to 99
    for row in rows:
        if row[:width].strip():  # a number starts an entry; under it, its events go on
            found[int(row[:width])] = []
        found[max(found)].append(row[width:])
    return {number: " ".join(" ".join(rows).split()) for number, rows in found.items()}


def titles(lang: str, *args: str) -> list[str]:
    return [record["title"] for record in brief("timeline", "--json", "--lang", lang, *args).json()]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_the_axis_names_the_first_and_the_last_month_it_reaches(columns: int, lang: Lang) -> None:
    text = chart("--lang", lang, columns=columns)
    _, axis, _ = plot(text)
    names = text.splitlines()[axis + 1].split()
    assert names[:2] == [{"en": "Apr", "fr": "avr."}[lang], "2025"]  # the first tick: April
    assert names[-1] == {"en": "Jul", "fr": "juil."}[lang]  # the window ends on 15 July


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("by", ["kind", "actor"])
def test_at_40_columns_every_lane_is_named_whole_on_a_line_of_its_own(by: str, lang: Lang) -> None:
    text = chart("--by", by, "--lang", lang, columns=40)
    drawn = [name for name, _, _ in lanes_drawn(text)]
    if by == "actor":
        actors = brief("actors", "--json", "--lang", lang).json()
        expected = [actor["name"] for actor in actors if actor["events"]]
    else:
        kinds = {record["kind"] for record in brief("timeline", "--json").json()}
        expected = [label(f"event_kind.{kind}", lang) for kind in EVENT_KINDS if kind in kinds]
    assert drawn == expected
    assert plot(text)[2] == 0 and "…" not in "\n".join(plot(text)[0])
    assert all(len(row) <= 40 for row in text.splitlines())


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("by", ["kind", "actor"])
@pytest.mark.parametrize("columns", [80, 200])
def test_from_80_columns_names_stay_beside_their_lanes_readable(columns: int, by: str, lang: Lang) -> None:
    text = chart("--by", by, "--lang", lang, columns=columns)
    assert plot(text)[2] > 0
    for name, _, _ in lanes_drawn(text):
        assert not name.endswith("…") or len(name) >= READABLE_NAME, name
    if columns == 200:
        assert "…" not in "\n".join(plot(text)[0])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_by_actor_the_legend_lists_each_event_once_under_one_number(columns: int, lang: Lang) -> None:
    text = chart("--by", "actor", "--lang", lang, columns=columns)
    legend = legend_entries(text)
    assert list(legend) == list(range(1, len(legend) + 1))
    for title in titles(lang):
        assert sum(entry.count(title) for entry in legend.values()) == 1, title
    drawn = {int(n) for _, _, numbers in lanes_drawn(text) for n in re.findall(r"\d+", numbers)}
    assert drawn == set(legend)  # every number drawn leads to the legend, and back
    # The 3 July call is drawn in Trump's lane and in Putin's, under the same number.
    call = next(n for n, entry in legend.items() if entry.count(titles(lang, "--kind", "call")[0]))
    putin = next(numbers for name, _, numbers in lanes_drawn(text) if name.startswith("Vladimir"))
    assert re.findall(r"\d+", putin) == [str(call)]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_a_one_day_window_reads_as_that_day(columns: int, lang: Lang) -> None:
    text = chart("--since", "2025-07-14", "--until", "2025-07-14", "--lang", lang, columns=columns)
    head = " ".join(text.split(f"\n{label('chart_band', lang)}")[0].split())
    day = {"en": "14 July 2025: 1 day,", "fr": "14 juillet 2025 : 1 jour,"}[lang]
    assert head.split(" · ", 1)[1].split(" ", 2)[2].startswith(day), head
    assert head.count("2025") == 1 and "≈" not in head
    _, axis, _ = plot(text)
    assert text.splitlines()[axis + 1].strip() == {"en": "14 Jul 2025", "fr": "14 juil. 2025"}[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_the_july_suspension_and_increase_are_two_markers(columns: int, lang: Lang) -> None:
    """1-7 July and 7 July: the increase's glyph sits on the suspension's last day, apart
    from its ▼ at every width from 40 columns, so each keeps its own marker and number."""
    text = chart("--lang", lang, columns=columns)
    marks, numbers = lane_rows(text, label("event_kind.policy-change", lang)[:10])
    assert re.search("▼━+⇑", marks), marks
    suspension, increase = (titles(lang, "--since", "2025-07")[i] for i in (0, 2))
    numbered = {
        title: n
        for n, entry in legend_entries(text).items()
        for title in (suspension, increase)
        if title in entry
    }
    assert numbered[suspension] != numbered[increase]
    assert len(re.findall(r"\d+", numbers)) == 4  # 3 March, 11 March, 1 July, 7 July


def test_each_direction_has_one_mark_in_every_view_and_no_two_share_one() -> None:
    """The list, the chart, Markdown and the page draw a direction alike: resume ▲ and
    increase ⇑ apart, as the chart always had them."""
    from briefcli.choices import DIRECTIONS
    from briefcli.render.chart import UNICODE
    from briefcli.render.wording import DIRECTION_MARKS

    assert all(DIRECTION_MARKS[direction] == UNICODE[direction] for direction in DIRECTIONS)
    assert len(set(DIRECTION_MARKS.values())) == len(DIRECTIONS)
    shown = brief("timeline", "--policy", env={"COLUMNS": "100"}).stdout
    chart = brief("timeline", "--policy", "--chart", env={"COLUMNS": "100"}).stdout
    for direction in ("increase", "resume", "suspend"):
        assert f"{DIRECTION_MARKS[direction]} {direction}" in shown
        assert DIRECTION_MARKS[direction] in chart


def test_events_in_one_column_are_numbered_in_timeline_order() -> None:
    """Over the mini briefing and its follow-up, the works from 30 June and the 1 July
    meeting share a column at 100: numbered as the timeline lists them."""
    from tests.conftest import FOLLOWUP, MINI

    shown = brief("timeline", "--chart", "--data", str(FOLLOWUP), "--data", str(MINI), env={"COLUMNS": "100"})
    legend = [line for line in shown.stdout.splitlines() if line[:2] in ("3 ", "4 ")]
    assert legend[0].startswith("3 30 June – 5 July 2024") and legend[1].startswith("4 1 July 2024")


@pytest.mark.parametrize("width", ["40", "100", "200"])
def test_the_chart_over_several_briefings_marks_each_article_published(width: str) -> None:
    from tests.conftest import FOLLOWUP, MINI

    shown = brief("timeline", "--chart", "--data", str(FOLLOWUP), "--data", str(MINI), env={"COLUMNS": width})
    lines = shown.stdout.splitlines()
    assert any(line.startswith("From 2 briefings: mini-town-budget (July") for line in lines)
    marks = [line for line in lines if line.startswith("◆ ")]
    expected = [
        "◆ July 2024 · article published (mini-town-budget)",
        "◆ 2 July 2024 · article published (mini-town-budget-followup)",
    ]
    if width == "40":  # each wraps after its words
        assert [mark.split(" · ")[0] for mark in marks] == ["◆ July 2024", "◆ 2 July 2024"]
    else:
        assert marks == expected
    alone = brief("timeline", "--chart", "--data", str(MINI), env={"COLUMNS": width}).stdout.splitlines()
    assert [line for line in alone if line.startswith("◆ ")] == ["◆ July 2024 · article published"]
