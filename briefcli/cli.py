"""The `brief` command line: thin commands over load, query and render.

Each command parses its options, loads the briefing once, asks `query` for what
was asked, and hands it to `render`. Errors become one line on stderr and an exit
status in one place: `BriefGroup.main`.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# typer 0.28 vendors click, and builds choices with TyperChoice; both pinned in pyproject.toml
from typer import _click as click
from typer._types import TyperChoice
from typer.core import TyperGroup
from typer.exceptions import Abort

from briefcli import __version__
from briefcli.choices import (
    EVENT_KINDS,
    ActorKind,
    ChartLanes,
    CheckFormat,
    ExportFormat,
    Format,
    Lang,
    SummaryFormat,
)
from briefcli.errors import BriefError, ExitStatus, UsageProblem

if TYPE_CHECKING:  # the commands import what they use, when they run
    from briefcli.model import Briefing
    from briefcli.render import Output

MAX_QUERY = 200  # characters: longer than any name, role or phrase worth searching for


class BriefGroup(TyperGroup):
    """Runs a command and turns every way it can fail into one line and an exit status."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            with _typer_help_follows_the_terminal():
                result = super().main(
                    args=args,
                    prog_name=prog_name or "brief",
                    complete_var=complete_var,
                    standalone_mode=False,
                    windows_expand_args=windows_expand_args,
                    **extra,
                )
            status = result if isinstance(result, int) else ExitStatus.OK
        except SystemExit:
            raise
        except BaseException as exc:  # the one place where every failure becomes a line and a status
            status = report(exc)
        if standalone_mode:
            sys.exit(int(status))
        return int(status)


@contextmanager
def _typer_help_follows_the_terminal() -> Iterator[None]:
    """Typer draws --help with a Rich console of its own, which under NO_COLOR still
    writes bold and dim. When brief's output is plain (a pipe, NO_COLOR, TERM=dumb), so
    is the help: Typer reads this variable when it first draws help (typer is pinned)."""
    from briefcli.terminal import detect

    if detect().color:
        yield
        return
    saved = os.environ.get(_TYPER_PLAIN)
    os.environ[_TYPER_PLAIN] = "1"
    drawn = sys.modules.get("typer.rich_utils")  # already imported (tests): set what it read
    saved_force = getattr(drawn, "FORCE_TERMINAL", None)
    if drawn is not None:
        setattr(drawn, "FORCE_TERMINAL", False)  # noqa: B010 - a module attribute mypy cannot see
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(_TYPER_PLAIN, None)
        else:
            os.environ[_TYPER_PLAIN] = saved
        if drawn is not None:
            setattr(drawn, "FORCE_TERMINAL", saved_force)  # noqa: B010


_TYPER_PLAIN = "_TYPER_FORCE_DISABLE_TERMINAL"


def say(message: str) -> None:
    """One line on stderr, made inert: it may quote a file's path or content."""
    from briefcli.render.safe import inert

    print(inert(message), file=sys.stderr)


def report(exc: BaseException) -> int:
    """Say what went wrong in one line; return the exit status."""
    if isinstance(exc, click.exceptions.UsageError):
        command = exc.ctx.command_path if exc.ctx is not None else "brief"
        say(f"{command}: {_usage_message(exc)} (see '{command} --help')")
        return ExitStatus.USAGE
    if isinstance(exc, click.exceptions.ClickException):
        say(f"brief: {exc.format_message()}")
        return exc.exit_code
    if isinstance(exc, BriefError):
        say(f"brief: {exc.message}")
        return exc.status
    if isinstance(exc, (KeyboardInterrupt, Abort)):
        return ExitStatus.INTERRUPTED
    if os.environ.get("BRIEF_DEBUG"):
        raise exc
    say(
        f"brief: internal error: {type(exc).__name__}: {exc}. This is a bug in brief; "
        "run again with BRIEF_DEBUG=1 to see the traceback."
    )
    return ExitStatus.INTERNAL


def _usage_message(exc: click.exceptions.UsageError) -> str:
    """Click's message, with 'did you mean …?' for a mistyped option or choice."""
    import difflib
    import re

    if isinstance(exc, click.exceptions.NoSuchOption) and exc.possibilities:
        close = difflib.get_close_matches(exc.option_name, sorted(exc.possibilities), n=1, cutoff=0.5)
        if close:
            return f"No such option: {exc.option_name}. Did you mean {close[0]}?"
    message = exc.format_message()
    choices = getattr(getattr(getattr(exc, "param", None), "type", None), "choices", None)
    typed = re.search(r": '(.*?)' is not one of", message)
    if choices and typed:
        close = difflib.get_close_matches(typed[1].lower(), [str(c) for c in choices], n=1)
        if close:
            return f"{message} Did you mean {close[0]!r}?"
    return message


app = typer.Typer(
    cls=BriefGroup,
    name="brief",
    help="""brief: NATO, Trump and US weapons for Ukraine, from one article of 14 July 2025. Every fact is traced to the sentence it comes from.

Examples:
  brief summary                       the story at a glance
  brief actors otan                   who is who (English or French, accents optional)
  brief timeline --since 2025-07      the US policy changes since July
  brief timeline --policy --json | jq -r '.\\[].title'
  brief quotes --actor trump          who said what
  brief search patriot                every mention, in both languages
  brief export -o briefing.md         everything as one Markdown document
  brief validate my-briefing.json     check a briefing file of your own

Every command reads the bundled briefing, or --data FILE (or BRIEF_DATA).
Exit status: 0 success (an empty listing too), 1 no match or a bad briefing file, 2 usage error, 70 a bug in brief, 130 interrupted.""",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=True,
    suggest_commands=True,
)


# --- options shared by the commands: declared once -----------------------------


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="FILE",
        show_default=False,
        help="Briefing file to read instead of the bundled one (or set BRIEF_DATA).",
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        envvar="BRIEF_LANG",
        case_sensitive=False,
        show_default=False,
        help="Language of every text, JSON included: en or fr. Default: the locale (LANG, LC_ALL), else en.",
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format", "-f", case_sensitive=False, help="table (for people), json, jsonl, csv or markdown."
    ),
]
SummaryFormatOption = Annotated[
    SummaryFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="table (for people), json or markdown."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
ActorFilterOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        metavar="QUERY",
        show_default=False,
        help="Only those involving this actor (as in 'brief actors QUERY').",
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit", "-n", metavar="N", min=1, show_default=False, help="At most N results, the first ones."
    ),
]


def output(fmt: str, as_json: bool, lang: Lang | None, *, default: str = "table") -> "Output":
    """The output settings. --json conflicts with a --format other than json (or the default)."""
    from briefcli.render import Output
    from briefcli.terminal import default_lang

    if as_json and fmt not in (default, "json"):
        raise UsageProblem(f"--json and --format {fmt} disagree: give one of them")
    return Output("json" if as_json else fmt, lang if lang is not None else default_lang())


def load(data: Path | None) -> "Briefing":
    from briefcli.load import load_briefing

    return load_briefing(data)


def checked_query(text: str | None, what: str) -> str | None:
    if text is not None and not text.strip():
        raise UsageProblem(f"the {what} is empty")
    if text is not None and len(text) > MAX_QUERY:
        raise UsageProblem(f"the {what} is {len(text)} characters long; at most {MAX_QUERY}")
    return text


def _version(value: bool) -> None:
    if value:
        print(f"brief {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    *,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


# --- commands ---------------------------------------------------------------------


@app.command()
def summary(
    *,
    short: Annotated[bool, typer.Option("--short", help="One line: the date and the headline.")] = False,
    fmt: SummaryFormatOption = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """The story at a glance: headline, bottom line, key points, what to watch.

    Examples:
      brief summary
      brief summary --short
      brief summary --lang fr
      brief summary --json | jq -r .bottom_line
    """
    from briefcli import render

    out = output(fmt, as_json, lang)
    render.show_summary(out, load(data), short=short)


@app.command()
def actors(
    query: Annotated[
        str | None,
        typer.Argument(
            show_default=False,
            help="Id, name, alias or role, in English or French; case and accents ignored.",
        ),
    ] = None,
    *,
    kind: Annotated[
        ActorKind | None,
        typer.Option("--kind", case_sensitive=False, show_default=False, help="Only this kind of actor."),
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Who is who: everyone, or a lookup that shows one actor's full card.

    Examples:
      brief actors
      brief actors --kind person
      brief actors otan                 NATO, in French
      brief actors "dan hegseth"        the name the article got wrong
      brief actors "secretary of state"
      brief actors poutine --json | jq '.\\[0].role'
    """
    from briefcli import query as find
    from briefcli import render

    out = output(fmt, as_json, lang)
    briefing = load(data)
    found = find.find_actors(briefing, checked_query(query, "query"), kind)
    render.show_actors(out, briefing, found[:limit], card=query is not None and len(found) == 1)


@app.command()
def timeline(
    *,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            show_default=False,
            help="From this date, included: 2025-07-01, 2025-07, 'June 2025', '1er juillet 2025', or 10d, 3w, 2m, 1y before publication.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            show_default=False,
            help="Up to this date, included; the same forms. 2025-07 ends on 31 July.",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            click_type=TyperChoice(EVENT_KINDS, case_sensitive=False),
            show_default=False,
            help="Only this kind of event; repeat for several.",
        ),
    ] = None,
    actor: ActorFilterOption = None,
    policy: Annotated[
        bool,
        typer.Option("--policy", help="Only the US policy changes (suspend, resume, increase, restructure)."),
    ] = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help="Draw the timeline to scale across the terminal: the aid status band, one lane per kind, a numbered legend.",
        ),
    ] = False,
    by: Annotated[
        ChartLanes,
        typer.Option("--by", case_sensitive=False, help="With --chart: one lane per kind or per actor."),
    ] = "kind",
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """The timeline, in date order: the US policy changes and the diplomacy around them.

    Examples:
      brief timeline
      brief timeline --since 2025-07-01 --until 2025-07-10
      brief timeline --since "juin 2025" --lang fr
      brief timeline --since 3w          the three weeks before the article
      brief timeline --policy
      brief timeline --actor poutine --json
      brief timeline --chart             drawn to scale, with the aid status
      brief timeline --chart --by actor --since 2025-06
    """
    from briefcli import query as find
    from briefcli import render
    from briefcli.dates import iso_period, window_from

    out = output(fmt, as_json, lang)
    if chart and not out.human:
        raise UsageProblem(
            f"--chart draws the timeline for people; leave out --chart for --format {out.format}"
        )
    if by != "kind" and not chart:
        raise UsageProblem("--by chooses the chart's lanes: give --chart too")
    briefing = load(data)
    window = window_from(since, until, anchor=iso_period(briefing.source.published).start)
    actor_ids = find.resolve_actor_filter(briefing, checked_query(actor, "--actor query"))
    events = find.select_events(
        briefing, window=window, kinds=kind or (), actor_ids=actor_ids, policy_only=policy
    )
    events = events[:limit]
    if chart:
        render.show_chart(out, briefing, events, window, by)
    else:
        render.show_timeline(out, briefing, events)


@app.command()
def quotes(
    *,
    actor: ActorFilterOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Who said what: the French as printed, an English translation, the context.

    Examples:
      brief quotes
      brief quotes --actor trump
      brief quotes --format csv > quotes.csv
    """
    from briefcli import query as find
    from briefcli import render

    out = output(fmt, as_json, lang)
    briefing = load(data)
    actor_ids = find.resolve_actor_filter(briefing, checked_query(actor, "--actor query"))
    render.show_quotes(out, briefing, find.select_quotes(briefing, actor_ids)[:limit])


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find; see the matching rules above.")],
    *,
    substring: Annotated[
        bool, typer.Option("--substring", help="Match the text anywhere, inside words too, as one phrase.")
    ] = False,
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Search every text, in English and French: actors, events, quotes, key points, and the article's words they cite.

    Examples:
      brief search patriot
      brief search "trump putin"      records naming both, in any order
      brief search pourparlers        the article's own words, at their paragraph
      brief search '"us"'             in quotes: anywhere, "Russia" and "plus" too
      brief search stocks --limit 3 --json | jq -r '.\\[] | "\\(.kind) \\(.id)"'

    Matching rules:
      - A word matches at the start of a word: "US" finds "US" and "USA",
        not "Russia"; "pourparler" finds "pourparlers".
      - Case, accents and invisible characters (zero-width joiner, soft hyphen)
        are ignored: "defense" finds "défense", "POUTINE" finds "Poutine".
      - Several words find the records that hold them all, in any order,
        in any of the record's fields, in either language.
      - A query in quotation marks ("…", “…”, «…») or with --substring is one
        phrase, matched anywhere, inside words too.
      - Best first: names and titles, then roles, points and quotes, then
        stories and details, then the article's words. --limit N keeps N.
    """
    from briefcli import render
    from briefcli.search import parse_query
    from briefcli.search import search as find_hits

    out = output(fmt, as_json, lang)
    briefing = load(data)
    query = checked_query(text, "search text")
    assert query is not None
    hits = find_hits(briefing, parse_query(query, substring=substring), out.lang)
    render.show_hits(out, hits[:limit], query, total=len(hits))


@app.command()
def export(
    *,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="markdown (a document), json (the validated briefing itself), html (one self-contained page) or timelinejs (a TimelineJS timeline).",
        ),
    ] = "markdown",
    as_json: JsonOption = False,
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            show_default=False,
            help="Write FILE, all or nothing, instead of stdout.",
        ),
    ] = None,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """The whole briefing as one Markdown document, as JSON, as a web page, or as a TimelineJS timeline.

    Examples:
      brief export > briefing.md
      brief export --lang fr -o briefing-fr.md
      brief export --format json | jq '.events | length'
      brief export --format html -o briefing.html
      brief export --format timelinejs -o timeline.json
    """
    from briefcli import render
    from briefcli.files import atomic_output, refuse_same_file
    from briefcli.load import briefing_path

    out = output(fmt, as_json, lang, default="markdown")
    briefing = load(data)
    if output_file is None or str(output_file) == "-":
        render.export(briefing, out.format, out.lang, sys.stdout.buffer)
        return
    refuse_same_file(output_file, briefing_path(data))
    with atomic_output(output_file) as stream:
        render.export(briefing, out.format, out.lang, stream)
    say(f"brief: wrote {output_file}")


@app.command()
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            show_default=False,
            help="Briefing to check; default: --data, BRIEF_DATA, else the bundled one.",
        ),
    ] = None,
    *,
    source: Annotated[
        Path | None,
        typer.Option(
            "--source",
            metavar="ARTICLE",
            show_default=False,
            help="Also check provenance against this copy of the article: its sha256, and every evidence quote verbatim in its paragraph.",
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", case_sensitive=False, help="table (for people) or json.")
    ] = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Check a briefing file and list every problem in it; exit 1 if there is any.

    Examples:
      brief validate
      brief validate my-briefing.json
      brief validate --source ../shared/source/article-fr.txt
      brief validate my-briefing.json --json | jq -r '.problems\\[].path'
    """
    from briefcli import render
    from briefcli.load import BriefingError, briefing_path, bundled_path, parse_briefing, read_briefing_bytes
    from briefcli.provenance import check_provenance

    out = output(fmt, as_json, lang)
    path = file or briefing_path(data)
    briefing: Briefing | None
    try:
        briefing, problems = parse_briefing(read_briefing_bytes(path))
    except BriefingError as exc:
        briefing, problems = None, exc.problems
    if briefing is not None and source is not None:
        problems += check_provenance(briefing, source)
    render.show_validation(
        out, path, briefing, problems, str(source) if source else None, bundled=path == bundled_path()
    )
    if problems:
        raise typer.Exit(ExitStatus.ERROR)
