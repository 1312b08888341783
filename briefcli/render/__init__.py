"""Every output format, chosen in one place.

`Format` is declared once for every listing command. Each `show_*` function takes
what a command found and writes it in the chosen format: human views through Rich
(imported only then), machine formats as UTF-8 bytes on stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, BinaryIO

from briefcli import i18n
from briefcli.model import Actor, Briefing, Event, Lang, Quote
from briefcli.query import Hit
from briefcli.render import machine
from briefcli.render import markdown as md
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
from briefcli.render.safe import inert, markdown_inline
from briefcli.terminal import Terminal, detect

if TYPE_CHECKING:
    from briefcli.render.human import View


class Format(str, Enum):
    """Output formats of the listing commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class SummaryFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ExportFormat(str, Enum):
    markdown = "markdown"
    json = "json"


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


@dataclass
class Output:
    """Where and how a command writes: the format, the language, the terminal."""

    format: str
    lang: Lang
    terminal: Terminal = field(default_factory=detect)

    @property
    def human(self) -> bool:
        return self.format == "table"

    def view(self) -> View:
        from briefcli.render.human import View  # Rich: only for human views

        return View(self.terminal, self.lang)


def notice(message: str) -> None:
    """A message for the person, not the pipe: stderr."""
    print(inert(message), file=sys.stderr)


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
    cast = Cast(briefing)
    if out.human:
        from briefcli.render import human

        view = out.view()
        human.short_summary(view, briefing) if short else human.summary(view, briefing, cast)
    elif out.format == "json":
        machine.write_json(
            short_summary_record(briefing, out.lang) if short else summary_record(briefing, out.lang, cast)
        )
    elif short:
        machine.write_lines(
            [
                markdown_inline(
                    f"{i18n.human_date(briefing.source.published, out.lang)} · {briefing.summary.headline.pick(out.lang)}"
                )
            ]
        )
    else:
        machine.write_lines(md.summary_lines(briefing, out.lang, cast))


def show_actors(out: Output, briefing: Briefing, actors: Sequence[Actor], *, card: bool) -> None:
    cast = Cast(briefing)
    if out.human:
        from briefcli.render import human

        if not actors:
            notice(i18n.label("no_actors", out.lang))
        elif card:
            human.actor_card(out.view(), actors[0], cast)
        else:
            human.actors_table(out.view(), actors, cast)
        return
    _listing(
        out,
        lambda: actor_records(actors, out.lang, cast),
        fields(ActorRecord),
        lambda: md.actors_table(actors, out.lang, cast),
    )


def show_timeline(out: Output, briefing: Briefing, events: Sequence[Event]) -> None:
    cast = Cast(briefing)
    if out.human:
        from briefcli.render import human

        if events:
            human.timeline(out.view(), briefing, events, cast)
        else:
            notice(i18n.label("no_events", out.lang))
        return
    _listing(
        out,
        lambda: event_records(events, out.lang),
        fields(EventRecord),
        lambda: md.events_table(events, out.lang, cast),
    )


def show_quotes(out: Output, briefing: Briefing, quotes: Sequence[Quote]) -> None:
    cast = Cast(briefing)
    if out.human:
        from briefcli.render import human

        if quotes:
            human.quotes(out.view(), quotes, cast)
        else:
            notice(i18n.label("no_quotes", out.lang))
        return
    _listing(
        out,
        lambda: quote_records(quotes, out.lang, cast),
        fields(QuoteRecord),
        lambda: md.quotes_table(quotes, out.lang, cast),
    )


def show_hits(out: Output, hits: Sequence[Hit], query: str) -> None:
    if out.human:
        from briefcli.render import human

        if hits:
            human.hits(out.view(), hits, query)
        else:
            notice(i18n.label("no_hits", out.lang, query=query))
        return
    _listing(out, lambda: hit_records(hits), fields(HitRecord), lambda: md.hits_table(hits, out.lang))


def export(briefing: Briefing, fmt: str, lang: Lang, stream: BinaryIO) -> None:
    """The whole briefing: a Markdown document, or the validated briefing as JSON."""
    if fmt == "json":
        machine.write_json(briefing, stream)
    else:
        machine.write_lines(md.export_lines(briefing, lang, Cast(briefing)), stream)


def show_validation(
    out: Output, where: str, briefing: Briefing | None, problems: Sequence[object], article: str | None
) -> None:
    """The result of `brief validate`: valid or not, and every problem with its JSON path."""
    from briefcli.load import Problem, iter_evidence

    found = [p for p in problems if isinstance(p, Problem)]
    if out.format == "json":
        machine.write_json(
            {
                "file": where,
                "valid": not found,
                "problems": [{"path": p.path, "message": p.message} for p in found],
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
    lang = out.lang
    if found:
        print(inert(i18n.label("invalid", lang, where=where, n=len(found))))
        for problem in found:
            print(inert(f"  {problem}"))
        return
    assert briefing is not None
    print(
        inert(
            i18n.label(
                "valid",
                lang,
                where=where,
                actors=len(briefing.actors),
                events=len(briefing.events),
                quotes=len(briefing.quotes),
            )
        )
    )
    if article is not None:
        print(
            inert(
                i18n.label("provenance_ok", lang, article=article, n=sum(1 for _ in iter_evidence(briefing)))
            )
        )
