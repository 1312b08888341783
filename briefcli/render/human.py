"""The human views, drawn with Rich. The only module that imports Rich.

Texts from the briefing become `Text` objects through `inert()`, and the console
has markup, emoji and highlighting off, so no briefing can style, link or
rewrite the terminal. The timeline is printed in batches: it starts at once
and `| head` stops it early.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

from briefcli.dates import Window, iso_period, window_words
from briefcli.i18n import colon, human_date, human_span, label, term
from briefcli.model import Actor, Briefing, Citation, Event, Evidence, Lang, Quote
from briefcli.render.records import Cast, citation_text, hit_place, snippet
from briefcli.render.safe import inert
from briefcli.render.wording import (
    PUBLIC_RECORD_MARK,
    event_date,
    event_kind,
    events_counted,
    paras,
    quoted,
    short_line,
    source_line,
)
from briefcli.terminal import Terminal

if TYPE_CHECKING:
    from briefcli.search import Hit

DIRECTION_STYLES = {
    "suspend": "bold red",
    "resume": "bold green",
    "increase": "bold green",
    "restructure": "bold yellow",
}
ASCII_MARKS = {
    "▼": "v",
    "▲": "^",
    "⇑": "^^",
    "⇄": "<>",
    "◇": "+",
    "•": "*",
    "¶": "p.",
    "–": "-",
    "—": "-",
    "─": "-",
    "…": "...",
}
# French spacing lives here, in the renderer: the data holds ordinary spaces, and a human
# view binds the space after « and before » : ; ? ! to its neighbor, so that no line starts
# with that punctuation or ends with «. Rich wraps at any white space (a no-break space
# included), so while Rich lays out the text the space is this private-use character,
# which Rich sees as part of a word; `View.show` prints it as the space it stands for.
SPACING_GLUE = "\ue000"
_BOUND_SPACE = r"(?<=«) +| +(?=[:;?!»])"
TIMELINE_BATCH = 200
LONGEST_SHOWN = 20_000  # characters of one text in a human view; machine formats have all
NARROW = 30  # below this many columns for the running text, the timeline and search stack
MEASURE = 100  # columns at most: running text stays readable on a wide terminal
TABLE_WIDTH = 100  # below this, a table of long texts (the actors) stacks its columns
CARD_WIDTH = 60  # below this, a card puts each value under its label
URL = r"https?://[!-~]*[A-Za-z0-9/#=_~+-]"  # printable ASCII only: nothing a terminal obeys
LINK_TEXT = 40  # characters of a hyperlink's visible text, at most


def make_console(terminal: Terminal, width: int | None = None) -> Console:
    """A console for `terminal`, `width` columns wide (default: the terminal's, at most MEASURE)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a Latin-1 or ASCII terminal degrades, never crashes
    return Console(
        file=sys.stdout,
        width=width if width is not None else min(terminal.width, MEASURE),
        color_system=terminal.palette,
        no_color=not terminal.color,  # decided in terminal.py: Rich must not read NO_COLOR again
        force_terminal=terminal.color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


class View:
    """A console, a language and the glyphs the terminal can show."""

    def __init__(self, terminal: Terminal, lang: Lang, *, measure: bool = True) -> None:
        """`measure`: running text stops at MEASURE columns; a drawing to scale (the chart)
        takes the terminal's whole width."""
        self.console = make_console(terminal, None if measure else terminal.width)
        self.terminal = terminal
        self.lang = lang
        self.notes: list[str] = []  # URLs to print whole, after the block that cites them

    @property
    def width(self) -> int:
        return self.console.width

    def sourced(self, value: str, style: str = "") -> Text:
        """A source, its URLs usable: on a terminal that shows hyperlinks, a link whose
        visible text may be shortened; else a note mark ([1]), the URL printed whole
        after the block by `show_notes`, where nothing can cut or fold it."""
        import re

        shown = Text()
        if lone := re.fullmatch(rf"\(({URL})\)", value):  # "(https://…)": the mark alone says it
            value = lone[1]
        for index, part in enumerate(re.split(f"({URL})", inert(value))):
            if index % 2 == 0:
                shown.append_text(self.text(part, style))
            elif self.terminal.hyperlinks:
                shown.append(short_link(part), Style(link=part, underline=True))
            else:
                self.notes.append(part)
                shown.append(f"[{len(self.notes)}]", style)
        return shown

    def show_notes(self) -> None:
        """The URLs cited since the last call, one a line, whole whatever the width."""
        for number, url in enumerate(self.notes, 1):
            self.console.print(Text(f"[{number}] {url}", style="dim"), soft_wrap=True)
        self.notes.clear()

    def show(self, renderable: RenderableType = "") -> None:
        """Print, without the trailing blanks Rich pads cells and blocks with."""
        lines = self.console.render_lines(renderable, pad=False, new_lines=False)
        out: list[Segment] = []
        for segments in lines:
            line = [
                Segment(s.text.replace(SPACING_GLUE, " "), s.style, s.control)
                if SPACING_GLUE in s.text
                else s
                for s in segments
            ]
            while line and not line[-1].control and not line[-1].text.strip():
                line.pop()
            if line:
                last = line.pop()
                line.append(Segment(last.text.rstrip(), last.style, last.control))
            out.extend(line)
            out.append(Segment.line())
        self.console.print(Segments(out), end="")

    def glyph(self, text: str) -> str:
        if self.terminal.unicode:
            return text
        for fancy, plain in ASCII_MARKS.items():
            text = text.replace(fancy, plain)
        return text

    def text(self, value: str, style: str = "") -> Text:
        """Briefing text, made inert, as a Rich Text: never parsed as markup.

        A text longer than a person reads on a screen is cut, visibly, at a space: Rich's
        line splitting is quadratic in a text's length (a 10 MB story took a minute)."""
        if len(value) > LONGEST_SHOWN:
            end = value.rfind(" ", LONGEST_SHOWN // 2, LONGEST_SHOWN)
            end = end if end > 0 else LONGEST_SHOWN
            value = value[:end] + label("cut", self.lang, n=f"{len(value) - end:,}")
        return Text(bind_spacing(self.glyph(inert(value))), style=style)

    def label(self, key: str, **values: object) -> str:
        return bind_spacing(self.glyph(label(key, self.lang, **values)))

    def heading(self, key: str) -> None:
        self.show()
        self.show(Text(self.label(key), style="bold underline"))

    def refs(self, evidence: Sequence[Evidence]) -> Text:
        return Text(self.glyph(paras(evidence)), style="dim")

    def bullets(self, rows: Iterable[Text]) -> None:
        # A long word (a URL) folds onto the next line instead of being cut with '…'.
        grid = Table.grid(Column(no_wrap=True), Column(ratio=1, overflow="fold"), padding=(0, 1), expand=True)
        for row in rows:
            grid.add_row(self.glyph("•"), row)
        self.show(Padding(grid, (0, 0, 0, 1)))


def summary(view: View, briefing: Briefing, cast: Cast) -> None:
    lang, text = view.lang, view.text
    data = briefing.summary
    view.show(text(data.headline.pick(lang), "bold"))
    view.show(text(source_line(briefing, lang, cast), "dim"))
    if data.bottom_line.en or data.bottom_line.fr:  # a briefing just started may not have one yet
        view.heading("bottom_line")
        view.show(Padding(text(data.bottom_line.pick(lang)), (0, 0, 0, 2)))
    for key, points in (("key_points", data.key_points), ("watch", data.watch)):
        if points:
            view.heading(key)
            view.bullets(Text.assemble(text(p.text.pick(lang)), " ", view.refs(p.evidence)) for p in points)
    corrected = [actor for actor in briefing.actors if actor.correction is not None]
    if corrected:
        view.heading("corrections")
        view.bullets(correction_text(view, actor) for actor in corrected)
    view.show_notes()


def bind_spacing(text: str) -> str:
    """The text with each space that must not break a line (see SPACING_GLUE) bound."""
    return re.sub(_BOUND_SPACE, lambda spaces: SPACING_GLUE * len(spaces[0]), text)  # as many as typed


def briefings_legend(view: View, cast: Cast) -> None:
    """Over several briefings, which were read (a record's place says the rest: `held_in`);
    over one, nothing."""
    if not cast.appears_in:
        return
    from briefcli.merge import articles_read  # several briefings only: merge.py is read then anyway

    read = articles_read(cast.briefing)
    if len(read) < 2:
        return
    names = ", ".join(f"{b.id} ({human_date(b.source.published, view.lang)})" for b in read)
    view.show(view.text(label("read_briefings", view.lang, n=len(read), names=names), "dim"))


def held_in(view: View, cast: Cast, section: str, record_id: str) -> Text | None:
    """Over several briefings, the ones a record appears in when it is not in all of them."""
    if not cast.appears_in:
        return None
    held = cast.briefings_of(section, record_id)
    if len(held) >= len({b.id for b in getattr(cast.briefing, "briefings", ())}):
        return None
    return view.text(label("only_in", view.lang, names=", ".join(held)), "dim italic")


def short_summary(view: View, briefing: Briefing) -> None:
    line = view.glyph(inert(short_line(briefing, view.lang)))
    view.console.print(Text(line), soft_wrap=True)  # one line, at any width: nothing to bind


def short_link(url: str) -> str:
    """A hyperlink's visible text: the URL without its scheme, cut to LINK_TEXT characters."""
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= LINK_TEXT else bare[: LINK_TEXT - 1] + "…"


def correction_text(view: View, actor: Actor) -> Text:
    assert actor.correction is not None
    return Text.assemble(
        view.text(actor.correction.note.pick(view.lang), "yellow"),
        sources_text(view, actor.correction.sources),
    )


def sources_text(view: View, citations: Sequence[Citation]) -> Text:
    """Each source on a line of its own, below the fact it supports; its URL never cut
    (a hyperlink, or a note printed whole after the block: `View.sourced`)."""
    return Text.assemble(*(Text.assemble("\n", view.sourced(citation_text(c), "dim")) for c in citations))


def actor_name(view: View, actor: Actor) -> Text:
    name = view.text(actor.name.pick(view.lang), "bold")
    if actor.correction is not None:
        name.append(" ")
        name.append_text(
            view.text(f"({label('as_written', view.lang, name=actor.correction.as_written)})", "yellow")
        )
    return name


def actors_table(view: View, actors: Sequence[Actor], cast: Cast) -> None:
    if view.width < TABLE_WIDTH:
        actors_stacked(view, actors, cast)
        return
    briefings_legend(view, cast)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for key in ("name", "kind", "role", "affiliation"):
        table.add_column(view.label(key), overflow="fold")
    for actor in actors:
        name = actor_name(view, actor)
        if (held := held_in(view, cast, "actors", actor.id)) is not None:
            name = Text.assemble(name, "\n", held)
        table.add_row(
            name,
            view.text(term("actor_kind", actor.kind, view.lang), "cyan"),
            view.text(actor.role.pick(view.lang)),
            view.text(cast.name(actor.affiliation) or "", "dim"),
        )
    view.show(table)


def actors_stacked(view: View, actors: Sequence[Actor], cast: Cast) -> None:
    """The actors on a narrow terminal: the name, kind and affiliation on one line, the
    role indented below it, so that no column is squeezed to a word a line."""
    from rich.console import Group

    briefings_legend(view, cast)
    lines: list[RenderableType] = []
    for actor in actors:
        head = Text.assemble(
            actor_name(view, actor), "  ", view.text(term("actor_kind", actor.kind, view.lang), "cyan")
        )
        affiliation = cast.name(actor.affiliation)
        if affiliation:
            head.append_text(view.text(f" · {affiliation}", "dim"))
        if (held := held_in(view, cast, "actors", actor.id)) is not None:
            head.append_text(Text.assemble(view.text(" · ", "dim"), held))
        lines.append(head)
        lines.append(Padding(view.text(actor.role.pick(view.lang)), (0, 0, 0, 2)))
    view.show(Group(*lines))


def actor_card(view: View, actor: Actor, cast: Cast) -> None:
    lang, text = view.lang, view.text
    grid = Table.grid(
        Column(style="bold cyan", no_wrap=True), Column(ratio=1, overflow="fold"), padding=(0, 2), expand=True
    )
    kind = term("actor_kind", actor.kind, lang)
    affiliation = cast.name(actor.affiliation)
    grid.add_row(view.label("kind"), text(f"{kind} · {affiliation}" if affiliation else kind))
    grid.add_row(view.label("role"), text(actor.role.pick(lang)))
    if actor.aliases:
        grid.add_row(view.label("aliases"), text(", ".join(actor.aliases)))
    grid.add_row(view.label("story"), text(actor.story.pick(lang)))
    if actor.correction is not None:
        grid.add_row(view.label("correction"), correction_text(view, actor))
    for fact in actor.public_record:
        grid.add_row(
            view.label("public_record"),
            Text.assemble(text(fact.fact.pick(lang)), sources_text(view, fact.sources)),
        )
    events = cast.events_of().get(actor.id, [])
    if events:
        lines = Text("\n").join(
            Text.assemble(text(human_span(e.date, e.end, lang), "dim"), "  ", text(e.title.pick(lang)))
            for e in events
        )
        grid.add_row(view.label("events"), lines)
    quotes = cast.quotes_of().get(actor.id, [])
    if quotes:
        grid.add_row(view.label("quotes"), Text("\n").join(quote_line(view, q) for q in quotes))
    grid.add_row(
        view.label("evidence"),
        Text("\n").join(
            Text.assemble(text(f"¶{e.para} ", "dim"), text(quoted(e.quote, "fr"), "italic"))
            for e in actor.evidence
        ),
    )
    if cast.appears_in:  # several briefings: say which hold this actor (the last is shown)
        grid.add_row(view.label("briefings"), text(", ".join(cast.briefings_of("actors", actor.id))))
    body: RenderableType = grid if view.width >= CARD_WIDTH else stacked_rows(grid)
    view.show(Panel(body, title=actor_name(view, actor), title_align="left", box=box.ROUNDED, expand=True))
    view.show_notes()


def stacked_rows(grid: Table) -> RenderableType:
    """A two-column grid as label lines, each value indented under its label: on a narrow
    terminal the values keep the width the labels would take."""
    from rich.console import Group

    labels, values = (list(column.cells) for column in grid.columns)
    rows: list[RenderableType] = []
    for name, value in zip(labels, values, strict=True):
        rows += [Text(str(name), style="bold cyan"), Padding(value, (0, 0, 0, 2))]
    return Group(*rows)


def quote_line(view: View, quote: Quote) -> Text:
    return Text.assemble(
        view.text(quoted(quote.original, "fr"), "italic"), " ", view.text(f"({quote.translation})", "dim")
    )


def quotes(view: View, items: Sequence[Quote], cast: Cast) -> None:
    briefings_legend(view, cast)
    for index, quote in enumerate(items):
        if index or cast.appears_in:
            view.show()
        head = Text.assemble(
            view.text(cast.name(quote.speaker) or quote.speaker, "bold"), "  ", view.refs(quote.evidence)
        )
        if (held := held_in(view, cast, "quotes", quote.id)) is not None:
            head.append_text(Text.assemble(view.text(" · ", "dim"), held))
        view.show(head)
        body = Text("\n").join(
            [
                view.text(quoted(quote.original, "fr"), "italic"),
                view.text(quoted(quote.translation, "en"), ""),
                view.text(quote.context.pick(view.lang), "dim"),
            ]
        )
        view.show(Padding(body, (0, 0, 0, 2)))


def hits(view: View, items: Sequence[Hit], query: str, total: int | None = None) -> None:
    if total is not None and total > len(items):
        heading = label("n_of_matches", view.lang, shown=len(items), n=total, query=query)
    else:
        heading = label("n_matches", view.lang, n=len(items), query=query)
    view.show(view.text(heading, "bold"))
    rows = [
        (
            Text(view.glyph(term("hit_kind", hit.kind, view.lang))),
            view.text(hit_place(hit)),
            hit_snippet(view, hit),
        )
        for hit in items
    ]
    kind_width = max(kind.cell_len for kind, _, _ in rows)  # show_hits never passes no hits
    place_width = max(place.cell_len for _, place, _ in rows)
    if stacks(view.width, kind_width, place_width):
        hits_stacked(view, rows)
        return
    grid = Table.grid(
        Column(style="cyan", no_wrap=True),
        Column(style="dim", no_wrap=True),
        Column(ratio=1),
        padding=(0, 2),
        expand=True,
    )
    for row in rows:
        grid.add_row(*row)
    view.show(grid)


def hit_snippet(view: View, hit: Hit) -> Text:
    """The text around a hit, its match highlighted."""
    cut, start, end = snippet(hit)
    return Text.assemble(
        view.text(cut[:start]), view.text(cut[start:end], "bold reverse"), view.text(cut[end:])
    )


def hits_stacked(view: View, rows: Sequence[tuple[Text, Text, Text]]) -> None:
    """The hits on a narrow terminal, stacked as the timeline's events are: the kind and
    the place on a line (two when they do not fit on one), the snippet indented below, so
    that no id is cut and no snippet is squeezed to a word a line."""
    from rich.console import Group

    lines: list[RenderableType] = []
    for kind, place, text in rows:
        apart = "  " if kind.cell_len + 2 + place.cell_len <= view.width else "\n"
        lines.append(Text.assemble(Text(kind.plain, "cyan"), apart, Text.assemble(place, style="dim")))
        lines.append(Padding(text, (0, 0, 0, 2)))
    view.show(Group(*lines))


# --- the timeline -----------------------------------------------------------------


def timeline(
    view: View,
    briefing: Briefing,
    events: Sequence[Event],
    cast: Cast,
    window: Window | None = None,
    total: int | None = None,
) -> None:
    """The events; `total`: how many there were before --limit kept these."""
    lang = view.lang
    mark = view.glyph(PUBLIC_RECORD_MARK)
    header = [view.label("timeline"), events_counted(lang, len(events), total)]
    if window is not None and (words := window_words(window)) is not None:
        header.append(words.text(lang))
    view.show(Text(view.glyph(" · ".join(header)), style="bold"))
    briefings_legend(view, cast)
    if any(event.basis == "public-record" for event in events):
        view.show(Text(view.label("legend_public_record", mark=mark), style="dim"))
    dates = [view.glyph(event_date(e, lang)) for e in events]
    markers = [marker(view, e) for e in events]
    date_width = max(map(len, dates), default=0)
    marker_width = max((len(m) for m in markers), default=0)
    stacked = stacks(view.width, date_width, marker_width)
    # Each briefing read is an article published: over several, each says which it is.
    read = [briefing]
    if cast.appears_in:  # merged: merge.py is read then anyway
        from briefcli.merge import articles_read

        read = articles_read(briefing)
    several = len(read) > 1
    marks = sorted(
        (
            iso_period(b.source.published).start,
            view.text(
                f"── {human_date(b.source.published, lang)} · {label('published_mark', lang)}"
                + (f" ({b.id})" if several else "")
                + " ──",
                "bold magenta",
            ),
        )
        for b in read
        if window is None or window.keeps(b.source.published)  # a publication outside the window: not shown
    )
    batch: list[int] = []

    def flush() -> None:
        if batch:
            view.show(timeline_rows(view, [events[i] for i in batch], [dates[i] for i in batch],
                                             [markers[i] for i in batch], cast, date_width, marker_width, stacked))  # fmt: skip
            batch.clear()

    for index, event in enumerate(events):
        start = iso_period(event.date).start
        while marks and start >= marks[0][0]:
            flush()
            view.show(marks.pop(0)[1])
        batch.append(index)
        if len(batch) >= TIMELINE_BATCH:
            flush()
    flush()
    # After the last event shown: no publication past a --limit cut
    cut = total is not None and total > len(events)
    for _, mark_line in marks if events and not cut else ():
        view.show(mark_line)


def stacks(width: int, *fixed: int) -> bool:
    """Whether a table `width` columns wide, whose columns before the last are `fixed`
    wide with two blanks after each, leaves its last column (running text) fewer than
    NARROW columns: then the view stacks each row instead (the timeline, search)."""
    return width - sum(fixed) - 2 * len(fixed) < NARROW


def marker(view: View, event: Event) -> Text:
    if event.direction is None:
        return view.text(f"· {event_kind(event, view.lang)}", "cyan")
    return view.text(event_kind(event, view.lang), DIRECTION_STYLES[event.direction])


def timeline_rows(
    view: View,
    events: Sequence[Event],
    dates: Sequence[str],
    markers: Sequence[Text],
    cast: Cast,
    date_width: int,
    marker_width: int,
    stacked: bool,
) -> RenderableType:
    lang = view.lang

    def body(event: Event) -> Text:
        names = ", ".join(cast.name(actor_id) or actor_id for actor_id in event.actors)
        shown = Text.assemble(view.text(event.title.pick(lang), "bold"), "\n", view.text(names, "dim"))
        if (held := held_in(view, cast, "events", event.id)) is not None:
            shown.append_text(Text.assemble(view.text(" · " if names else "", "dim"), held))
        return shown

    if stacked:  # the date and the kind on a line, the title and actors indented below
        from rich.console import Group

        rows: list[RenderableType] = []
        for event, date, marker_text in zip(events, dates, markers, strict=True):
            apart = "  " if date_width + 2 + marker_width <= view.width else "\n"  # 20 columns: two lines
            rows.append(Text.assemble(view.text(date, "green"), apart, marker_text))
            rows.append(Padding(body(event), (0, 0, 0, 2)))
        return Group(*rows)
    grid = Table.grid(
        Column(width=date_width, no_wrap=True),
        Column(width=marker_width, no_wrap=True),
        Column(ratio=1),
        padding=(0, 2, 0, 0),
        expand=True,
    )
    for event, date, marker_text in zip(events, dates, markers, strict=True):
        grid.add_row(view.text(date, "green"), marker_text, body(event))
    return grid


def see_also(view: View, actors: Sequence[Actor]) -> None:
    """The other actors a lookup matched, after the card of the one it named exactly."""
    if actors:
        names = ", ".join(actor.name.pick(view.lang) for actor in actors)
        view.show(
            Text.assemble(
                Text(view.label("see_also") + bind_spacing(colon(view.lang)), style="bold"),
                view.text(names, "dim"),
            )
        )
