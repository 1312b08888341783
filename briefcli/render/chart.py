"""`brief timeline --chart`: the timeline drawn to scale across the terminal, with Rich.

Rows, top to bottom: the aid status band (`aid_status`), one lane per kind of event
(or per actor), the time axis with its month (or day) ticks and the publication date,
then a numbered legend. Each column stands for the same number of days. Events that
would collide at this width (`collide`) share one marker, which shows how many they
are; a number under every marker leads to the legend, where each event is listed once.
Lane names sit beside their lanes, or on a line of their own above each lane when the
terminal is too narrow to show them whole beside it. Without colour every mark is still
a distinct glyph; under TERM=dumb, LANG=C or an ASCII stream the chart is ASCII only.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from datetime import date
from itertools import groupby

import msgspec
from rich.table import Column, Table
from rich.text import Text

from briefcli.aid_status import Status, StatusBand
from briefcli.choices import Lang
from briefcli.dates import Period, event_period, iso_period
from briefcli.errors import BriefError
from briefcli.i18n import colon, human_date, human_span, label, term
from briefcli.merge import articles_read
from briefcli.model import Briefing, Event
from briefcli.query import date_order
from briefcli.render.human import ASCII_MARKS, View, bind_spacing, briefings_legend
from briefcli.render.records import Cast
from briefcli.render.safe import inert
from briefcli.render.wording import DIRECTION_MARKS, PUBLIC_RECORD_MARK, events_counted
from briefcli.terminal import Terminal
from briefcli.timescale import (
    Lane,
    axis_ticks,
    clip,
    column_of,
    days,
    days_in_column,
    lanes,
    marks_shown,
    statuses_shown,
    unknown_shown,
)

MIN_CHART_WIDTH = 40  # below this, a clear message instead of a chart
WIDE_LEGEND = 90  # from this width the legend is a table; below it, two lines an entry
TICK_ROOM = 6  # columns between labelled month ticks: a short month and a space
DAY_TICK_ROOM = 4  # columns between labelled day ticks: a day, a space, and air
READABLE_NAME = 12  # columns: beside its lane, a name is never cut shorter than this

UNICODE = {
    "flowing": "─",
    "increased": "═",
    "paused": "░",
    "uncertain": "?",
    "restructure": DIRECTION_MARKS["restructure"],
    "span": "━",
    "period": "┄",
    "point": "●",
    "axis": "─",
    "tick": "┬",
    "published": "◆",
    "published_line": "┊",
    "suspend": DIRECTION_MARKS["suspend"],  # the marks every view shares
    "resume": DIRECTION_MARKS["resume"],
    "increase": DIRECTION_MARKS["increase"],
    "more": "+",
    "group": "·",
    "cut": "…",
}
ASCII = {
    "flowing": "-",
    "increased": "#",
    "paused": "x",
    "uncertain": "?",
    "restructure": "*",
    "span": "=",
    "period": ".",
    "point": "o",
    "axis": "-",
    "tick": "+",
    "published": "P",
    "published_line": ":",
    "suspend": "v",
    "resume": "^",
    "increase": "A",
    "more": "+",
    "group": "_",
    "cut": "~",
}
STYLES = {
    "flowing": "green",
    "increased": "bold green",
    "paused": "bold red",
    "uncertain": "yellow",
    "restructure": "bold yellow",
    "published": "bold magenta",
    "suspend": "bold red",
    "resume": "bold green",
    "increase": "bold green",
}
_ASCII_TEXT = {"«": '"', "»": '"', "“": '"', "”": '"', "’": "'", "‘": "'", "≈": "~", "¶": "p."}


def ascii_only(terminal: Terminal) -> bool:
    """ASCII when the stream cannot show more, on a dumb terminal, or in the C locale
    (which Python itself would read as UTF-8). LC_CTYPE is not read: Python sets it
    to C.UTF-8 when it coerces the C locale (PEP 538)."""
    if not terminal.unicode or os.environ.get("TERM", "") in {"dumb", "unknown"}:
        return True
    for variable in ("LC_ALL", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value in {"C", "POSIX"}
    return False


def to_ascii(text: str) -> str:
    """Text in ASCII: quotes, dashes and marks by their ASCII forms, accents dropped."""
    for fancy, plain in {**_ASCII_TEXT, **ASCII_MARKS}.items():
        text = text.replace(fancy, plain)
    text = text.replace("…", "...").replace("·", "-")
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.encode("ascii", "replace").decode("ascii")


class Marker(msgspec.Struct):
    """One mark on a lane: one event, or several that would collide at this width."""

    lane: int
    first: int  # first column it covers
    last: int  # last column it covers
    at: int  # the column of its glyph and, below it, its number
    events: list[Event]
    number: int = 0


def name_column(names: Sequence[str], width: int) -> int:
    """The width of the column of names beside the lanes, up to a fifth of the terminal's
    `width`; 0 when that would cut a name shorter than READABLE_NAME, and the names go on
    lines of their own above their lanes instead."""
    longest = max(map(len, names))
    column = min(longest, max(6, width // 5))
    return 0 if column < min(longest, READABLE_NAME) else column


class ChartGeometry:
    """The geometry: which column each day falls in, where the names go, and the glyphs
    to draw with. `label_width` 0: each name on a line of its own, the lanes full width."""

    def __init__(self, view: View, window: Period, label_width: int) -> None:
        self.view = view
        self.window = window
        self.label_width = label_width
        self.width = view.terminal.width - (label_width + 1 if label_width else 0)
        self.ascii = ascii_only(view.terminal)
        self.glyphs = ASCII if self.ascii else UNICODE
        self.color = view.terminal.color

    def column(self, day: date) -> int:
        return column_of(day, self.window, self.width)

    def days_of(self, column: int) -> Period:
        return days_in_column(column, self.window, self.width)

    def text(self, value: str, style: str = "") -> Text:
        value = to_ascii(inert(value)) if self.ascii else inert(value)
        # bound after the ASCII pass, which would turn the binding character into '?'
        value = bind_spacing(value)  # French spacing never breaks a line (see human.py)
        return Text(value, style=style if self.color else "")

    def cells(self, cells: Sequence[tuple[str, str]], line: Text | None = None) -> Text:
        line = Text() if line is None else line
        # one span per run of cells in the same style: far fewer for Rich to lay out
        for style, run in groupby(cells, key=lambda cell: cell[1] if self.color else ""):
            line.append("".join(char for char, _ in run), style=style)
        return line

    def row(
        self,
        name: str,
        cells: Sequence[tuple[str, str]],
        name_style: str = "bold",
        published_at: Sequence[int] = (),
    ) -> list[Text]:
        """A row of the chart, its name beside it or, when the names are stacked, on the
        line above (with the publication dates' dotted lines carried through it)."""
        if not self.label_width:
            if not name:
                return [self.cells(cells)]
            shown = fit(inert(name), self.width, self.glyphs["cut"])
            above = self.text(shown, name_style)
            for column in sorted(published_at):
                if column >= above.cell_len:
                    above.append(" " * (column - above.cell_len))
                    above.append(self.glyphs["published_line"], "magenta" if self.color else "")
            return [above, self.cells(cells)]
        shown = fit(inert(name), self.label_width, self.glyphs["cut"])  # cut what the reader will see
        line = self.text(shown.ljust(self.label_width), name_style)
        line.append(" ")
        return [self.cells(cells, line)]

    def show(self, lines: Sequence[Text]) -> None:
        for line in lines:
            self.view.show(line)


def fit(text: str, width: int, cut: str) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + cut


def chart(
    view: View,
    briefing: Briefing,
    events: Sequence[Event],
    cast: Cast,
    *,
    window: Period,
    band: StatusBand,
    by: str,
    total: int | None = None,
) -> None:
    """Draw the chart of `events` over `window`; raise BriefError below the minimum width.
    `total`: how many events there were before --limit kept these."""
    lang = view.lang
    width = view.terminal.width
    if width < MIN_CHART_WIDTH:
        raise BriefError(  # put into the language of messages by messages.translated
            f"the chart needs at least {MIN_CHART_WIDTH} columns and has {width}: "
            "widen the terminal, set COLUMNS, or leave out --chart"
        )
    rows = lanes(events, by, [actor.id for actor in briefing.actors])
    names = [lane_name(lane.key, by, lang, cast) for lane in rows]
    band_name = label("chart_band", lang)
    geometry = ChartGeometry(view, window, name_column([inert(n) for n in [band_name, *names]], width))
    glyph = geometry.glyphs

    markers = place_markers(window, geometry.width, rows)
    counted = events_counted(lang, len(events), total)
    view.show(geometry.text(f"{label('timeline', lang)} · {counted}", "bold"))
    view.show(geometry.text(scale_line(window, geometry.width, lang), "dim"))
    briefings_legend(view, cast)  # over several: which were read
    # Each briefing read is an article published: a mark for each, in the window
    read = articles_read(briefing)
    published = [
        (day, each)
        for each in read
        if window.start <= (day := iso_period(each.source.published).start) <= window.end
    ]
    published_at = sorted({geometry.column(day) for day, _ in published})

    geometry.show(geometry.row(band_name, band_cells(geometry, band), "bold"))
    for index, name in enumerate(names):
        marks, numbers = lane_cells(geometry, [m for m in markers if m.lane == index], published_at)
        geometry.show(geometry.row(name, marks, "cyan", published_at))
        geometry.show(geometry.row("", numbers))
    axis, ticks = axis_cells(geometry, lang, published_at)
    geometry.show(geometry.row("", axis))
    geometry.show(geometry.row("", ticks))
    key = [f"{glyph[status]} {label('status_' + status, lang)}" for status in statuses_shown(band, window)]
    if marks_shown(band, window):
        key.append(f"{glyph['restructure']} {label('restructure_mark', lang)}")
    unknown = (
        ((" ; " if lang == "fr" else "; ") + label("status_unknown", lang))
        if unknown_shown(band, window)
        else ""
    )
    view.show(
        geometry.text(
            band_name + colon(lang) + "  ".join(key) + unknown,
            "dim",
        )
    )
    view.show(geometry.text("  ".join(lane_key(geometry, events, markers, lang)), "dim"))
    for _, each in published:
        named = f" ({each.id})" if len(read) > 1 else ""
        view.show(
            geometry.text(
                f"{glyph['published']} {human_date(each.source.published, lang)} · {label('published_mark', lang)}"
                + named,
                "magenta",
            )
        )
    if any(event.basis == "public-record" for event in events):
        view.show(geometry.text(label("legend_public_record", lang, mark=PUBLIC_RECORD_MARK), "dim"))
    view.show()
    legend(view, geometry, entries(markers, events))


def scale_line(window: Period, width: int, lang: Lang) -> str:
    """The window and the scale: '3 March 2025 to 15 July 2025: 135 days, one column ≈
    2.0 days'; a one-day window as the one day it is."""
    span = label("n_days", lang, n=days(window))
    if days(window) == 1:
        return label("chart_scale_one_day", lang, day=human_date(window.start.isoformat(), lang), span=span)
    per = days(window) / width
    scale_key, unit, per = (
        ("chart_scale", "n_days", per) if per >= 1 else ("chart_scale_wide", "n_columns", 1 / per)
    )
    shown_per = round(per, 1)  # as printed: its plural is the printed figure's
    figure = label(unit, lang, n=shown_per)
    figure = figure if lang == "en" else figure.replace(".", ",")
    return label(
        scale_key,
        lang,
        start=human_date(window.start.isoformat(), lang),
        end=human_date(window.end.isoformat(), lang),
        span=span,
        per=figure,
    )


def lane_key(
    geometry: ChartGeometry, events: Sequence[Event], markers: Sequence[Marker], lang: Lang
) -> list[str]:
    """What the lanes' marks mean, for the marks this chart draws."""
    glyph = geometry.glyphs
    key = [f"{glyph['point']} {label('key_event', lang)}"]
    if any(e.end is not None and e.end != e.date and e.precision == "day" for e in events):
        key.append(f"{glyph['point']}{glyph['span'] * 2} {label('key_span', lang)}")
    if any(e.precision != "day" for e in events):
        key.append(f"{glyph['period']}{glyph['point']}{glyph['period']} {label('key_period', lang)}")
    if any(len(m.events) > 1 for m in markers):
        key.append(f"2{glyph['group'] * 2} {label('key_group', lang)}")
    return key


def lane_name(key: str, by: str, lang: Lang, cast: Cast) -> str:
    if by == "actor":
        return cast.name(key) or label("no_actor", lang)
    return term("event_kind", key, lang)


def event_columns(window: Period, width: int, event: Event) -> tuple[int, int, int] | None:
    """The first and last columns an event covers in the window, and its glyph's column
    (the first for a day or a span; the middle of the period a partial date names)."""
    shown = clip(event_period(event.date, event.end), window)
    if shown is None:
        return None
    first, last = column_of(shown.start, window, width), column_of(shown.end, window, width)
    at = first if event.precision == "day" else (first + last) // 2
    return first, last, at


def number_start(marker: Marker, number_width: int, width: int) -> int:
    """Where a marker's number starts: under its glyph, or moved left to show whole."""
    return max(0, min(marker.at, width - number_width))


def collide(a: Marker, b: Marker, number_width: int, width: int) -> bool:
    """Whether two markers of a lane would run into each other drawn apart: their glyphs
    or numbers would touch (a free column between two numbers, so that 1 and 2 never read
    as 12), or their bars would overlap. A glyph drawn over another marker's bar is no
    collision: the bar still shows on either side of it, as a day does inside a span."""
    if abs(number_start(a, number_width, width) - number_start(b, number_width, width)) <= number_width:
        return True
    shared = range(max(a.first, b.first), min(a.last, b.last) + 1)
    return any(column not in (a.at, b.at) for column in shared)


def combine(a: Marker, b: Marker) -> Marker:
    """One marker for both, its glyph where the earlier-starting one's was."""
    at = a.at if (a.first, a.last) <= (b.first, b.last) else b.at
    return Marker(a.lane, min(a.first, b.first), max(a.last, b.last), at, a.events + b.events)


def lane_markers(lane_index: int, lane: Lane, window: Period, width: int, number_width: int) -> list[Marker]:
    """A lane's markers: its events, those that would collide sharing one. No two of the
    markers returned collide (each marker added is combined with every one it would hit)."""
    placed = sorted(
        (
            Marker(lane_index, *columns, [event])
            for event in lane.events
            if (columns := event_columns(window, width, event))
        ),
        key=lambda m: (m.first, m.last, m.at),
    )
    markers: list[Marker] = []
    for marker in placed:
        while hit := next((m for m in markers if collide(m, marker, number_width, width)), None):
            markers.remove(hit)
            marker = combine(hit, marker)
        markers.append(marker)
    return sorted(markers, key=lambda m: (m.first, m.at))


def place_markers(window: Period, width: int, rows: Sequence[Lane]) -> list[Marker]:
    """Markers lane by lane, numbered left to right. An event has one number wherever it
    is drawn: with --by actor, events that share a marker in any lane share a number in
    every lane. The numbers' width is the widest number they end up with."""
    number_width = 1
    while True:
        markers = [
            marker
            for lane_index, lane in enumerate(rows)
            for marker in lane_markers(lane_index, lane, window, width, number_width)
        ]
        number_markers(markers)
        widest = len(str(max((m.number for m in markers), default=0)))
        if widest <= number_width:
            return sorted(markers, key=lambda m: (m.lane, m.at))
        number_width = widest


def number_markers(markers: Sequence[Marker]) -> None:
    """Give each marker the number of its entry in the legend: the events linked by
    sharing a marker in some lane are one entry, numbered in order of their first
    marker, left to right (in one column, in timeline order, then lane by lane)."""
    parent: dict[str, str] = {}

    def root(event_id: str) -> str:
        while parent.setdefault(event_id, event_id) != event_id:
            event_id = parent[event_id]
        return event_id

    for marker in markers:
        first = root(marker.events[0].id)
        for event in marker.events[1:]:
            parent[root(event.id)] = first
    numbers: dict[str, int] = {}
    # Left to right; in one column, in timeline order (30 June–5 July before 1 July), as the list
    for marker in sorted(markers, key=lambda m: (m.at, min(map(date_order, m.events)), m.lane)):
        marker.number = numbers.setdefault(root(marker.events[0].id), len(numbers) + 1)


def entries(markers: Sequence[Marker], events: Sequence[Event]) -> list[tuple[int, list[Event]]]:
    """The legend's entries: each number once, with its events, each event once and in
    timeline order."""
    number_of = {event.id: marker.number for marker in markers for event in marker.events}
    grouped: dict[int, list[Event]] = {}
    for event in events:  # in timeline order
        if event.id in number_of:
            grouped.setdefault(number_of[event.id], []).append(event)
    return sorted(grouped.items())


def event_glyph(geometry: ChartGeometry, event: Event) -> tuple[str, str]:
    if event.direction is not None:
        return geometry.glyphs[event.direction], STYLES[event.direction]
    return geometry.glyphs["point"], "cyan"


def lane_cells(
    geometry: ChartGeometry, markers: Sequence[Marker], published_at: Sequence[int]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A lane's marks and, under them, its numbers. Bars first, glyphs over them: a
    glyph may sit on another marker's bar (see `collide`), never the other way round."""
    glyph = geometry.glyphs
    marks = [(" ", "")] * geometry.width
    numbers = [(" ", "")] * geometry.width
    for column in published_at:
        marks[column] = numbers[column] = (glyph["published_line"], "magenta")
    for found in markers:
        if len(found.events) > 1:  # the days the shared marker reaches over, not a span
            for column in range(found.first, found.last + 1):
                marks[column] = (glyph["group"], "cyan")
    for found in markers:
        for event in found.events:  # each event's own span or period
            columns = event_columns(geometry.window, geometry.width, event)
            if columns is not None and (event.end is not None or event.precision != "day"):
                fill = glyph["span"] if event.precision == "day" else glyph["period"]
                for column in range(columns[0], columns[1] + 1):
                    marks[column] = (fill, "cyan")
    for found in markers:
        if len(found.events) == 1:
            marks[found.at] = event_glyph(geometry, found.events[0])
        else:
            count = str(len(found.events)) if len(found.events) < 10 else glyph["more"]
            marks[found.at] = (count, "bold reverse")
        number = str(found.number)
        start = min(found.at, geometry.width - len(number))  # whole, even at the right edge
        for offset, char in enumerate(number):
            numbers[start + offset] = (char, "dim")
    return marks, numbers


def band_cells(geometry: ChartGeometry, band: StatusBand) -> list[tuple[str, str]]:
    """Each column shows the status on its last day ('?' when that is not certain), except
    that a stretch too short to hold a column's last day still shows, in the column it
    ends in: a pause of one day is never drawn away."""
    cells: list[tuple[str, str]] = []
    for column in range(geometry.width):
        day = geometry.days_of(column).end
        status: Status = band.status_on(day)
        if status == "unknown":
            cells.append((" ", ""))
        elif not band.certain_on(day):
            cells.append((geometry.glyphs["uncertain"], STYLES["uncertain"]))
        else:
            cells.append((geometry.glyphs[status], STYLES[status]))
    for stretch in band.stretches:
        shown = clip(Period(stretch.start, stretch.end), geometry.window)
        if shown is None:
            continue
        first, last = geometry.column(shown.start), geometry.column(shown.end)
        if not any(geometry.days_of(column).end <= shown.end for column in range(first, last + 1)):
            glyph = stretch.status if stretch.certain else "uncertain"
            cells[last] = (geometry.glyphs[glyph], STYLES[glyph])
    for mark in band.marks:
        shown = clip(Period(mark.start, mark.end), geometry.window)
        if shown is not None:
            cells[geometry.column(shown.start)] = (geometry.glyphs["restructure"], STYLES["restructure"])
    return cells


def place_labels(ticks: Sequence[tuple[int, str]], width: int) -> list[tuple[int, str]]:
    """Where each tick's label starts: at its tick, or moved left as far as it must to end
    within the axis (never so far that it leaves its tick). The first and the last tick
    are labelled first, so that the axis names where it starts and the last month (or
    day) it reaches; then the others, left to right, each where it leaves two free
    columns on either side of the labels already placed (with one, 'Apr 2025 May'
    would read as one label)."""
    order = [*ticks[:1], *ticks[-1:], *ticks[1:-1]] if len(ticks) > 1 else list(ticks)
    placed: list[tuple[int, str]] = []
    for column, name in order:
        start = max(0, min(column, width - len(name)))
        end = start + len(name) - 1
        if end >= width or end < column:
            continue
        if all(end + 2 < other or other + len(shown) + 1 < start for other, shown in placed):
            placed.append((start, name))
    return sorted(placed)


def axis_cells(
    geometry: ChartGeometry, lang: Lang, published_at: Sequence[int]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    glyph = geometry.glyphs
    axis = [(glyph["axis"], "dim")] * geometry.width
    names = [(" ", "")] * geometry.width
    ticks: list[tuple[int, str]] = []
    for first, name in axis_ticks(geometry.window, geometry.width, TICK_ROOM, DAY_TICK_ROOM, lang):
        column = geometry.column(first)
        axis[column] = (glyph["tick"], "dim")
        ticks.append((column, to_ascii(name) if geometry.ascii else name))
    for start, name in place_labels(ticks, geometry.width):
        for offset, char in enumerate(name):
            names[start + offset] = (char, "")
    for column in published_at:
        axis[column] = (glyph["published"], STYLES["published"])
    return axis, names


def legend_kind(geometry: ChartGeometry, event: Event, lang: Lang) -> Text:
    """The event's glyph as the chart draws it, and its direction or kind in words."""
    glyph, style = event_glyph(geometry, event)
    words = (
        term("direction", event.direction, lang) if event.direction else term("event_kind", event.kind, lang)
    )
    return geometry.text(f"{glyph} {words}", style)


def legend(view: View, geometry: ChartGeometry, numbered: Sequence[tuple[int, list[Event]]]) -> None:
    """Under the chart: each number, then its events' dates, kinds and titles."""
    lang = view.lang
    mark = PUBLIC_RECORD_MARK
    wide = view.terminal.width >= WIDE_LEGEND
    columns = [Column(no_wrap=True, justify="right")]
    columns += [Column(no_wrap=True), Column(no_wrap=True), Column(ratio=1)] if wide else [Column(ratio=1)]
    grid = Table.grid(*columns, padding=(0, 1), expand=True)
    for entry, entry_events in numbered:
        for index, event in enumerate(entry_events):
            number = geometry.text(str(entry) if index == 0 else "", "bold")
            when = human_span(event.date, event.end, lang) + (
                f" {mark}" if event.basis == "public-record" else ""
            )
            date_text = geometry.text(when, "green")
            kind = legend_kind(geometry, event, lang)
            title = geometry.text(event.title.pick(lang))
            if wide:
                grid.add_row(number, date_text, kind, title)
            else:
                grid.add_row(number, Text.assemble(date_text, "  ", kind, "\n", title))
    view.show(grid)
