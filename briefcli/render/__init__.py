"""Every output format, chosen in one place, and the one printer for stderr.

Each `show_*` function takes what a command found and writes it in the chosen
format: human views through Rich, machine formats as UTF-8 bytes on stdout. It only
displays what it is handed; finding, sorting and counting are the command's. What a
format needs is imported inside the branch that writes it, so `--json` never pays
for Rich, Markdown or the interface's words, and mypy checks every call.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Sequence
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
    from briefcli.choices import ExportFormat, Lang, OutputFormat
    from briefcli.dates import Window
    from briefcli.model import Actor, Briefing, Event, Quote
    from briefcli.render.human import View
    from briefcli.search import Hit
    from briefcli.validation import Validation


class Output:
    """Where and how a command writes: the format, the language, the terminal."""

    def __init__(self, format: OutputFormat, lang: Lang, terminal: Terminal | None = None) -> None:
        self.format: OutputFormat = format
        self.lang = lang
        self.terminal = terminal if terminal is not None else detect()

    @property
    def human(self) -> bool:
        return self.format == "table"

    def view(self, *, measure: bool = True) -> View:
        from briefcli.render.human import View  # Rich: only for human views

        return View(self.terminal, self.lang, measure=measure)


def say(message: str) -> None:
    """One line on stderr, for the person, not the pipe (an error, an empty result, a
    file written), made inert: it may quote a file's path or content."""
    from briefcli.render.safe import inert

    # A message that cannot be written (stderr full, or unwritable) is dropped: the exit
    # status still says what happened.
    with contextlib.suppress(OSError, ValueError):
        print(inert(message), file=sys.stderr, flush=True)


def notice(key: str, lang: Lang, **values: object) -> None:
    """An interface message (an empty result), in `lang`, on stderr."""
    from briefcli.i18n import label

    say(label(key, lang, **values))


def _records(out: Output, records: Iterable[Any], record_type: type[Any]) -> None:
    """A listing's records in a machine format: json, jsonl or csv."""
    if out.format == "json":
        machine.write_json_array(records)
    elif out.format == "jsonl":
        machine.write_jsonl(records)
    else:
        machine.write_csv(records, fields(record_type), terminal=out.terminal.is_tty)


def show_summary(out: Output, briefing: Briefing, *, short: bool, every: bool = False) -> None:
    several = [briefing]
    if hasattr(briefing, "briefings"):  # merge.MergedBriefing: its briefings, each once, oldest first
        from briefcli.merge import articles_read  # only then: merge.py costs ~1.5 ms to import

        several = articles_read(briefing)
    if len(several) > 1 and not short:
        from briefcli.render.several import show_summaries

        show_summaries(out, several, every=every)
        return
    if not short:
        _show_one_summary(out, briefing)
        return
    # --short: the latest's line; with --all, one line a briefing, newest first
    shown = several[::-1] if every and len(several) > 1 else [briefing]
    if out.format == "json":
        lines = [short_summary_record(each, out.lang) for each in shown]
        machine.write_json(lines if len(shown) > 1 else lines[0])
    elif out.human:
        from briefcli.render import human

        view = out.view()
        for each in shown:
            human.short_summary(view, each)
    else:
        from briefcli.render.safe import markdown_inline
        from briefcli.render.wording import short_line

        machine.write_lines([markdown_inline(short_line(each, out.lang)) for each in shown])


def _show_one_summary(out: Output, briefing: Briefing) -> None:
    cast = Cast(briefing, out.lang)
    if out.format == "json":
        machine.write_json(summary_record(briefing, out.lang, cast))
    elif out.human:
        from briefcli.render import human

        human.summary(out.view(), briefing, cast)
    else:
        from briefcli.render import markdown as md

        machine.write_lines(md.summary_lines(briefing, out.lang, cast))


def show_diff(out: Output, result: Any) -> None:
    """`brief diff`: a person's view, the stable JSON structure, or Markdown."""
    from briefcli.render import diffview

    if out.format == "json":
        machine.write_json(result)
    elif out.human:
        diffview.human(out.view(), result)
    else:
        machine.write_lines(diffview.markdown_lines(result, out.lang))


def show_actors(out: Output, briefing: Briefing, actors: Sequence[Actor], *, card: bool) -> None:
    """A table of actors; with `card`, the first one's full card, the others as "see also"."""
    cast = Cast(briefing, out.lang)
    if out.human:
        if not actors:
            notice("no_actors", out.lang)
            return
        from briefcli.render import human

        view = out.view()
        if card:
            human.actor_card(view, actors[0], cast)
            human.see_also(view, actors[1:])
        else:
            human.actors_table(view, actors, cast)
    elif out.format == "markdown":
        from briefcli.render import markdown as md

        machine.write_lines(md.actors_table(actors, out.lang, cast))
    else:
        _records(out, actor_records(actors, out.lang, cast), ActorRecord)


def show_timeline(
    out: Output,
    briefing: Briefing,
    events: Sequence[Event],
    window: Window | None = None,
    total: int | None = None,
) -> None:
    """The events; a person also reads the window they were chosen by ("since 23 June 2025"),
    and, when --limit left some out, how many there were (`total`)."""
    from briefcli.dates import window_words

    cast = Cast(briefing, out.lang)
    if out.human:
        if not events:
            words = None if window is None else window_words(window)
            if words is None:
                notice("no_events", out.lang)
            else:
                notice("no_events_in", out.lang, window=words.text(out.lang))  # the words only to say
            return
        from briefcli.render import human

        human.timeline(out.view(), briefing, events, cast, window, total)
    elif out.format == "markdown":
        from briefcli.render import markdown as md

        machine.write_lines(md.events_table(events, out.lang, cast))
    else:
        _records(out, event_records(events, out.lang, cast), EventRecord)


def show_chart(
    out: Output,
    briefing: Briefing,
    events: Sequence[Event],
    window: Window,
    by: str,
    total: int | None = None,
) -> None:
    """The timeline drawn to scale (`render/chart.py`); a notice when nothing matches;
    `total`: how many events there were before --limit kept these."""
    if not events:
        notice("no_events", out.lang)
        return
    from briefcli.render import chart
    from briefcli.timescale import chart_window, status_band

    chart.chart(
        out.view(measure=False),
        briefing,
        events,
        Cast(briefing, out.lang),
        window=chart_window(briefing, window),
        band=status_band(briefing),
        by=by,
        total=total,
    )


def show_quotes(out: Output, briefing: Briefing, quotes: Sequence[Quote]) -> None:
    cast = Cast(briefing, out.lang)
    if out.human:
        if not quotes:
            notice("no_quotes", out.lang)
            return
        from briefcli.render import human

        human.quotes(out.view(), quotes, cast)
    elif out.format == "markdown":
        from briefcli.render import markdown as md

        machine.write_lines(md.quotes_table(quotes, out.lang, cast))
    else:
        _records(out, quote_records(quotes, out.lang, cast), QuoteRecord)


def show_hits(
    out: Output, briefing: Briefing, hits: Sequence[Hit], query: str, total: int | None = None
) -> None:
    """`total`: how many hits there were before --limit kept the first ones."""
    cast = Cast(briefing, out.lang)
    if out.human:
        if not hits:
            notice("no_hits", out.lang, query=query)
            return
        from briefcli.render import human

        human.hits(out.view(), hits, query, total)
    elif out.format == "markdown":
        from briefcli.render import markdown as md

        machine.write_lines(md.hits_table(hits, out.lang, cast))
    else:
        _records(out, hit_records(hits, cast), HitRecord)


def export(briefing: Briefing, fmt: ExportFormat, lang: Lang, stream: BinaryIO) -> None:
    """The whole briefing: a Markdown document (its timeline in the order of the
    briefing's events), the briefing itself as JSON (several merged: the array of them,
    oldest first, each as it was read), a self-contained HTML page, or a TimelineJS
    file. HTML and TimelineJS import no Rich."""
    if fmt == "json":
        several: list[Briefing] = getattr(briefing, "briefings", [])  # merge.MergedBriefing
        machine.write_json(several if len(several) > 1 else briefing, stream)
    elif fmt == "html":
        from briefcli.render import html

        stream.write(html.page(briefing, lang).encode("utf-8"))
    elif fmt == "timelinejs":
        from briefcli.render import timelinejs

        machine.write_json(timelinejs.document(briefing, lang), stream)
    else:
        from briefcli.render import markdown as md

        machine.write_lines(md.export_lines(briefing, lang, Cast(briefing, lang)), stream)


def validation_record(result: Validation, lang: Lang) -> dict[str, Any]:
    """`brief validate --json` for one file, its problems in `lang`."""
    from briefcli.load import path_name
    from briefcli.messages import translated

    return {
        "file": result.name if str(result.file) == "-" else str(result.file),  # stdin: <stdin>
        "briefing": result.briefing_id,
        "valid": result.valid,
        "problems": [{"path": p.path, "message": translated(p.message, lang)} for p in result.problems],
        "notes": [gap.text(lang) for gap in result.notes],
        "article": None if result.article is None else path_name(result.article),
        "counts": result.counts,
    }


def show_validation(out: Output, result: Validation) -> None:
    """The result of `brief validate`: valid or not, and every problem with its JSON path.

    A person reads "bundled briefing" (the same wherever brief is installed); JSON gives
    the path."""
    from briefcli.messages import problem_text
    from briefcli.messages import say as say_text

    if out.format == "json":
        machine.write_json(validation_record(result, out.lang))
        return
    from briefcli.i18n import label
    from briefcli.load import path_name
    from briefcli.render.safe import inert

    lang = out.lang
    where = label("bundled", lang) if result.bundled else result.name
    if result.problems:
        print(inert(label("invalid", lang, where=where, n=len(result.problems))))
        for problem in result.problems:
            print(inert(f"  {problem_text(problem.path, problem.message, lang)}"))
        for gap in result.notes:  # a file that does not decode: the rules wait for it to
            print(inert("  " + say_text("note.line", lang, note=gap)))
        return
    assert result.counts is not None
    counts = {"actors": result.counts.actors, "events": result.counts.events, "quotes": result.counts.quotes}
    print(inert(label("valid", lang, where=where, **counts)))
    for gap in result.notes:  # a briefing just started is valid, not finished
        print(inert("  " + say_text("note.line", lang, note=gap)))
    if result.article is not None:
        print(
            inert(label("provenance_ok", lang, article=path_name(result.article), n=result.evidence_checked))
        )
