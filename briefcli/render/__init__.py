"""Every output format, chosen in one place.

Each `show_*` function takes what a command found and writes it in the chosen
format: human views through Rich, machine formats as UTF-8 bytes on stdout. What a
format needs is imported when that format is asked for, so `--json` never pays for
Rich, Markdown or the interface's words.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO

from briefcli.render import machine
from briefcli.render.records import (
    ActorRecord,
    Cast,
    EventRecord,
    HitRecord,
    QuoteRecord,
    actor_records,
    event_records,
    fields,
    hit_records,
    quote_records,
    short_summary_record,
    summary_record,
)
from briefcli.terminal import Terminal, detect

if TYPE_CHECKING:
    from pathlib import Path

    from briefcli.choices import Lang
    from briefcli.dates import Window
    from briefcli.load import Problem
    from briefcli.model import Actor, Briefing, Event, Quote
    from briefcli.render.human import View
    from briefcli.search import Hit


class Output:
    """Where and how a command writes: the format, the language, the terminal."""

    def __init__(self, format: str, lang: Lang, terminal: Terminal | None = None) -> None:
        self.format = format
        self.lang = lang
        self.terminal = terminal if terminal is not None else detect()

    @property
    def human(self) -> bool:
        return self.format == "table"

    def view(self) -> View:
        from briefcli.render.human import View  # Rich: only for human views

        return View(self.terminal, self.lang)


def notice(key: str, lang: Lang, **values: object) -> None:
    """A message for the person, not the pipe (an empty result): stderr."""
    from briefcli.i18n import label
    from briefcli.render.safe import inert

    print(inert(label(key, lang, **values)), file=sys.stderr)


def _markdown() -> ModuleType:
    from briefcli.render import markdown

    return markdown


def _listing(
    out: Output,
    records: Callable[[], Iterable[Any]],
    fields: Sequence[str],
    markdown: Callable[[], Iterator[str]],
) -> None:
    if out.format == "json":
        machine.write_json_array(records())
    elif out.format == "jsonl":
        machine.write_jsonl(records())
    elif out.format == "csv":
        machine.write_csv(records(), fields, terminal=out.terminal.is_tty)
    else:
        machine.write_lines(markdown())


def show_summary(out: Output, briefing: Briefing, *, short: bool) -> None:
    cast = Cast(briefing, out.lang)
    if out.format == "json":
        machine.write_json(
            short_summary_record(briefing, out.lang) if short else summary_record(briefing, out.lang, cast)
        )
        return
    if out.human:
        from briefcli.render import human

        view = out.view()
        human.short_summary(view, briefing) if short else human.summary(view, briefing, cast)
        return
    from briefcli.render import markdown as md
    from briefcli.render.safe import markdown_inline

    machine.write_lines(
        [markdown_inline(md.short_line(briefing, out.lang))]
        if short
        else md.summary_lines(briefing, out.lang, cast)
    )


def _show(
    out: Output,
    items: Sequence[Any],
    *,
    human: Callable[[ModuleType, View], None],
    empty: str,
    records: Callable[[], Iterable[Any]],
    record_type: type[Any],
    markdown: Callable[[ModuleType], Iterator[str]],
    **empty_values: object,
) -> None:
    """A listing: the human view (or, when there is nothing, a notice on stderr), or
    its records in a machine format, or a Markdown table."""
    if out.human:
        if items:
            from briefcli.render import human as rich_views

            human(rich_views, out.view())
        else:
            notice(empty, out.lang, **empty_values)
        return
    _listing(out, records, fields(record_type), lambda: markdown(_markdown()))


def show_actors(out: Output, briefing: Briefing, actors: Sequence[Actor], *, card: bool) -> None:
    cast = Cast(briefing, out.lang)
    _show(
        out,
        actors,
        human=lambda views, view: (
            views.actor_card(view, actors[0], cast) if card else views.actors_table(view, actors, cast)
        ),
        empty="no_actors",
        records=lambda: actor_records(actors, out.lang, cast),
        record_type=ActorRecord,
        markdown=lambda md: md.actors_table(actors, out.lang, cast),
    )


def show_timeline(out: Output, briefing: Briefing, events: Sequence[Event]) -> None:
    cast = Cast(briefing, out.lang)
    _show(
        out,
        events,
        human=lambda views, view: views.timeline(view, briefing, events, cast),
        empty="no_events",
        records=lambda: event_records(events, out.lang),
        record_type=EventRecord,
        markdown=lambda md: md.events_table(events, out.lang, cast),
    )


def show_chart(out: Output, briefing: Briefing, events: Sequence[Event], window: Window, by: str) -> None:
    """The timeline drawn to scale (`render/chart.py`); a notice when nothing matches."""
    if not events:
        notice("no_events", out.lang)
        return
    from briefcli.render import chart
    from briefcli.timescale import chart_window, status_band

    chart.chart(
        out.view(),
        briefing,
        events,
        Cast(briefing, out.lang),
        window=chart_window(briefing, window),
        band=status_band(briefing),
        by=by,
    )


def show_quotes(out: Output, briefing: Briefing, quotes: Sequence[Quote]) -> None:
    cast = Cast(briefing, out.lang)
    _show(
        out,
        quotes,
        human=lambda views, view: views.quotes(view, quotes, cast),
        empty="no_quotes",
        records=lambda: quote_records(quotes, out.lang, cast),
        record_type=QuoteRecord,
        markdown=lambda md: md.quotes_table(quotes, out.lang, cast),
    )


def show_hits(out: Output, hits: Sequence[Hit], query: str, total: int | None = None) -> None:
    """`total`: how many hits there were before --limit kept the first ones."""
    _show(
        out,
        hits,
        human=lambda views, view: views.hits(view, hits, query, total),
        empty="no_hits",
        records=lambda: hit_records(hits),
        record_type=HitRecord,
        markdown=lambda md: md.hits_table(hits, out.lang),
        query=query,
    )


def export(briefing: Briefing, fmt: str, lang: Lang, stream: BinaryIO) -> None:
    """The whole briefing: a Markdown document, the validated briefing as JSON, a
    self-contained HTML page, or a TimelineJS file. HTML and TimelineJS import no Rich."""
    if fmt == "json":
        machine.write_json(briefing, stream)
    elif fmt == "html":
        from briefcli.render import html

        stream.write(html.page(briefing, lang).encode("utf-8"))
    elif fmt == "timelinejs":
        from briefcli.render import timelinejs

        machine.write_json(timelinejs.document(briefing, lang), stream)
    else:
        from briefcli.render import markdown as md

        machine.write_lines(md.export_lines(briefing, lang, Cast(briefing, lang)), stream)


def show_validation(
    out: Output,
    path: Path,
    briefing: Briefing | None,
    problems: Sequence[Problem],
    article: str | None,
    *,
    bundled: bool,
) -> None:
    """The result of `brief validate`: valid or not, and every problem with its JSON path.

    A person reads "bundled briefing" (the same wherever brief is installed); JSON gives
    the path."""
    if out.format == "json":
        machine.write_json(
            {
                "file": str(path),
                "valid": not problems,
                "problems": [{"path": p.path, "message": p.message} for p in problems],
                "article": article,
                "counts": None
                if briefing is None
                else {
                    "actors": len(briefing.actors),
                    "events": len(briefing.events),
                    "quotes": len(briefing.quotes),
                },
            }
        )
        return
    from briefcli.i18n import label
    from briefcli.load import iter_evidence
    from briefcli.render.safe import inert

    lang = out.lang
    where = label("bundled", lang) if bundled else str(path)
    if problems:
        print(inert(label("invalid", lang, where=where, n=len(problems))))
        for problem in problems:
            print(inert(f"  {problem}"))
        return
    assert briefing is not None
    counts = {"actors": len(briefing.actors), "events": len(briefing.events), "quotes": len(briefing.quotes)}
    print(inert(label("valid", lang, where=where, **counts)))
    if article is not None:
        print(inert(label("provenance_ok", lang, article=article, n=sum(1 for _ in iter_evidence(briefing)))))
