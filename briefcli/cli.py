"""The `brief` command line: thin commands over load, query and render.

Each command parses its options, loads the briefing once, asks `query` for what
was asked, and hands it to `render`. Errors become one line on stderr and an exit
status in one place: `BriefGroup.main`.
"""

import os
import sys
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from briefcli import __version__
from briefcli.choices import (
    ACTOR_KINDS,
    CHART_LANES,
    CHECK_FORMATS,
    COLORS,
    DIRECTIONS,
    EVENT_KINDS,
    EXPORT_FORMATS,
    FORMATS,
    LANGS,
    SUMMARY_FORMATS,
    Lang,
    completer,
    help_list,
)
from briefcli.errors import BriefError, ExitStatus, UsageProblem, signal_status

if TYPE_CHECKING:  # the commands import what they use, when they run
    from briefcli.choices import OutputFormat
    from briefcli.clicklib import UsageError
    from briefcli.model import Briefing
    from briefcli.render import Output

MAX_QUERY = 200  # characters: longer than any name, role or phrase worth searching for


class BriefGroup(TyperGroup):
    """Runs a command and turns every way it can fail into one line and an exit status."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        global message_lang_given
        # brief new's --lang names the article's language; its messages follow BRIEF_LANG or the locale
        message_lang_given = None if args[:1] == ["new"] else _lang_in(args)
        try:
            shell = _completion_shell(args)
            if shell is not None:
                from briefcli.clicklib import get_completion_script

                print(get_completion_script(prog_name="brief", complete_var="_BRIEF_COMPLETE", shell=shell))
                status: int = ExitStatus.OK
            else:
                from briefcli.terminal import help_width

                extra.setdefault("terminal_width", help_width())  # Click's context setting: help's width
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

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not ctx.resilient_parsing:  # shell completion parses leniently
            refuse_repeated_options(command, rest)
        return name, command, rest


def _completion_shell(args: list[str]) -> str | None:
    """The shell `brief --show-completion SHELL` names. Typer's own option ignores its
    argument and asks the parent process, which fails under `sh -c` and in scripts."""
    if len(args) < 2 or args[0] != "--show-completion" or args[1].startswith("-"):
        return None
    from briefcli.clicklib import SHELLS

    if args[1] not in SHELLS:
        raise UsageProblem(f"--show-completion: {args[1]!r} is not one of {', '.join(SHELLS)}")
    return args[1]


def refuse_repeated_options(command: Any, args: list[str]) -> None:
    """An option that takes one value, given twice, is an error: the last one would win
    silently. Repeatable filters (--kind, --actor...) combine instead."""
    options = {}
    for param in command.params:
        for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            if name.startswith("-"):
                options[name] = param
    seen: dict[str, list[str]] = {}
    pending_value = False
    for arg in args:
        if pending_value:
            pending_value = False
            continue
        if arg == "--":
            break
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
        param = options.get(name) if arg.startswith("-") else None
        if param is None:
            continue
        seen.setdefault(param.name, []).append(name)
        pending_value = not getattr(param, "is_flag", False) and arg == name
    for param in command.params:
        given = seen.get(param.name, [])
        if len(given) > 1 and not getattr(param, "multiple", False):
            from briefcli.i18n import label

            lang = message_lang()
            message = label("given_twice", lang, option=given[0], n=len(given))
            repeatable = [p.opts[0] for p in command.params if getattr(p, "multiple", False)]
            if repeatable:
                message += " " + label("repeatable", lang, options=", ".join(repeatable))
            raise UsageProblem(message)


#: The --lang the command line gives (read ahead of click), once known; messages follow it.
message_lang_given: Lang | None = None


def _lang_in(args: list[str]) -> Lang | None:
    """The --lang the command line gives, read ahead: a usage error is found before the
    option is read, and must already speak the language asked for."""
    from briefcli.choices import accepted, typed

    forms = accepted("lang", LANGS)
    found: Lang | None = None
    for index, arg in enumerate(args):
        value = arg[len("--lang=") :] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value is not None and typed(value) in forms:
            found = forms[typed(value)]  # the last one, as an option's value is read
    return found


def message_lang() -> Lang:
    """The language of messages: --lang, else BRIEF_LANG or the locale, else English."""
    from briefcli.terminal import default_lang

    return message_lang_given if message_lang_given is not None else default_lang()


def report(exc: BaseException) -> int:
    """Say what went wrong in one line, in the language of messages; return the exit status."""
    from briefcli.clicklib import ClickException, UsageError
    from briefcli.messages import say as words
    from briefcli.messages import translated
    from briefcli.render import say

    lang = message_lang()
    if isinstance(exc, UsageError):
        command = exc.ctx.command_path if exc.ctx is not None else "brief"
        problem = translated(_usage_message(exc), lang)
        say(words("cli.see_help", lang, command=command, problem=problem))
        return ExitStatus.USAGE
    if isinstance(exc, ClickException):
        say(words("cli.error", lang, problem=translated(exc.format_message(), lang)))
        return exc.exit_code
    if isinstance(exc, BriefError):
        say(words("cli.error", lang, problem=exc.text(lang)))
        return exc.status
    if isinstance(exc, typer.Abort):  # Click's own word for a Ctrl-C
        exc = KeyboardInterrupt()
    if (status := signal_status(exc)) is not None:  # Ctrl-C, SIGTERM, SIGHUP: the caller knows
        return status
    if isinstance(exc, OSError):  # the environment's fault, not brief's: a full disk, a closed stream
        where = words("cli.write_error", lang) if exc.filename is None else os.fsdecode(exc.filename)
        say(words("cli.os_error", lang, where=where, reason=exc.strerror or exc))
        return ExitStatus.ERROR
    if os.environ.get("BRIEF_DEBUG"):
        raise exc
    say(words("cli.internal", lang, kind=type(exc).__name__, detail=exc))
    return ExitStatus.INTERNAL


def _usage_message(exc: "UsageError") -> str:
    """Click's message, with 'did you mean …?' for a mistyped option."""
    import difflib

    from briefcli.clicklib import NoSuchOption

    if isinstance(exc, NoSuchOption) and exc.possibilities:
        close = difflib.get_close_matches(exc.option_name, sorted(exc.possibilities), n=1, cutoff=0.5)
        if close:
            return f"No such option: {exc.option_name}. Did you mean {close[0]}?"
    return exc.format_message()


app = typer.Typer(
    cls=BriefGroup,
    name="brief",
    help="""brief: NATO, Trump and US weapons for Ukraine, from one article of 14 July 2025. Every fact is traced to the sentence it comes from.

\b
Examples:
  brief summary                       the story at a glance
  brief actors otan                   who is who, in English or French
  brief timeline --since 2025-07      what happened since July
  brief timeline --chart              the story drawn to scale
  brief timeline --policy --json | jq -r '.[].title'
  brief quotes --actor trump          who said what
  brief search patriot                every mention, in both languages
  brief export -o briefing.md         everything as one Markdown document
  brief export -o brief.html          the briefing as a web page
  brief validate my-briefing.json     check a briefing file of your own
  brief diff day1.json day2.json      what changed between two briefings

Every command reads the bundled briefing, or --data PATH (or BRIEF_DATA); repeat --data for several.

\b
Exit status:
  0    success, an empty listing too
  1    no match, a bad briefing file, or a system fault (a full disk)
  2    usage error
  70   a bug in brief
  130  interrupted: Ctrl-C (143 SIGTERM, 129 SIGHUP)
  brief diff: 0 the same, 1 different, 2 trouble""",
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=True,
    suggest_commands=True,
)


# --- options shared by the commands: declared once -----------------------------
#
# Choices are plain text options that brief reads itself (choices.py), in English or
# French words, so that they work alike on every Typer release; their values are listed
# in the help and completed by the shell.

DataOption = Annotated[
    list[str] | None,  # as typed: Path would read '' as '.'
    typer.Option(
        "--data",
        metavar="PATH",
        show_default=False,
        help="Briefing to read instead of the bundled one: a file, a directory (its *.json), or - "
        "(stdin); repeat for several (or set BRIEF_DATA, several joined as in PATH).",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        show_default=False,
        autocompletion=completer("lang", LANGS),
        help="Language of every text and message, JSON included: en or fr. Default: BRIEF_LANG, else the "
        "locale (LC_ALL, LC_MESSAGES, LANG), else en; an unsupported BRIEF_LANG or locale is passed over.",
    ),
]


def _format_option(formats: Sequence[str], default: str) -> Any:
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        autocompletion=completer("format", formats),
        help=f"One of {help_list('format', formats)}; {default} is for people.",
    )


FormatOption = Annotated[str, _format_option(FORMATS, "table")]
SummaryFormatOption = Annotated[str, _format_option(SUMMARY_FORMATS, "table")]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
OutputFileOption = Annotated[
    str | None,  # as typed: Path would drop a trailing slash
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        show_default=False,
        help="Write FILE, all or nothing, instead of stdout.",
    ),
]
ColorOption = Annotated[
    str,
    typer.Option(
        "--color",
        "--colour",
        metavar="WHEN",
        autocompletion=completer("color", COLORS),
        help=f"One of {help_list('color', COLORS)}: auto colors a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it.",
    ),
]
ActorFilterOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        metavar="QUERY",
        show_default=False,
        help="Only those involving this actor (as in 'brief actors QUERY'); repeat for any of several.",
    ),
]


def _at_least_one(value: int | None) -> int | None:
    """Checked here, not with Typer's `min=`: its message differs between typer 0.28 and 0.29."""
    if value is not None and value < 1:
        raise typer.BadParameter(f"give 1 or more, not {value}")
    return value


LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        callback=_at_least_one,
        show_default=False,
        help="At most N results, the first ones.",
    ),
]


def _kind_option(vocabulary: str, values: Sequence[str], what: str) -> Any:
    return typer.Option(
        "--kind",
        metavar="KIND",
        show_default=False,
        autocompletion=completer(vocabulary, values),
        help=f"Only {what} of these kinds: {help_list(vocabulary, values)}. Repeat, or give a comma list, for any of several.",
    )


def chosen_lang(given: str | None) -> Lang:
    """--lang, else BRIEF_LANG, else the locale's language; messages follow it from here on."""
    from briefcli.choices import read_choice
    from briefcli.terminal import default_lang

    global message_lang_given
    fallback = default_lang()
    message_lang_given = fallback if given is None else read_choice("--lang", given, "lang", LANGS, fallback)
    return message_lang_given


def output(
    fmt: str,
    as_json: bool,
    lang_given: str | None,
    formats: Sequence["OutputFormat"] = FORMATS,
    default: "OutputFormat" = "table",
    *,
    color: str = "auto",
) -> "Output":
    """The output settings. --json conflicts with a --format other than json (or the default)."""
    from briefcli.choices import read_choice
    from briefcli.render import Output
    from briefcli.terminal import detect

    lang = chosen_lang(lang_given)
    chosen = read_choice("--format", fmt, "format", formats, lang)
    if as_json and chosen not in (default, "json"):
        raise UsageProblem(f"--json and --format {fmt} disagree: give one of them")
    terminal = detect(color=read_choice("--color", color, "color", COLORS, lang))
    return Output("json" if as_json else chosen, lang, terminal)


def load(data: list[str] | None) -> "Briefing":
    """The briefing, or several merged into one (merge.MergedBriefing)."""
    from briefcli.load import load_briefings

    briefings = load_briefings(data_paths(data))
    if len(briefings) == 1:
        return briefings[0]
    from briefcli.merge import merge

    return merge(briefings)


def data_paths(data: list[str] | None) -> list[Path] | None:
    from briefcli.files import file_argument

    return None if not data else [file_argument(given, "--data") for given in data]


def checked_query(text: str | None, what: str) -> str | None:
    if text is not None and not text.strip():
        raise UsageProblem(f"the {what} is empty")
    if text is not None and len(text) > MAX_QUERY:
        raise UsageProblem(f"the {what} is {len(text)} characters long; at most {MAX_QUERY}")
    return text


def checked_queries(given: list[str] | None, what: str) -> list[str]:
    """A repeatable query option's values; each occurrence may be a comma list."""
    return [query for text in given or () for part in text.split(",") if (query := checked_query(part, what))]


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


@app.command(short_help="The story at a glance: headline, key points, what to watch.")
def summary(
    *,
    short: Annotated[bool, typer.Option("--short", help="One line: the date and the headline.")] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Over several briefings: every one's summary, newest first.")
    ] = False,
    fmt: SummaryFormatOption = "table",
    as_json: JsonOption = False,
    color: ColorOption = "auto",
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """The story at a glance: headline, bottom line, key points, what to watch.

    \b
    Examples:
      brief summary
      brief summary --short
      brief summary --lang fr
      brief summary --json | jq -r .bottom_line
      brief summary --data day1.json --data day2.json   the latest, what changed

    Over several briefings: the latest one's summary, what changed since the one before, then the others' headlines; --all shows every summary.
    """
    from briefcli import render

    out = output(fmt, as_json, lang, SUMMARY_FORMATS, color=color)
    render.show_summary(out, load(data), short=short, every=every)


@app.command(short_help="Who is who: everyone, or one actor's full card.")
def actors(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            show_default=False,
            help="Id, name, alias or role, in English or French; case and accents ignored.",
        ),
    ] = None,
    *,
    kind: Annotated[list[str] | None, _kind_option("actor_kind", ACTOR_KINDS, "actors")] = None,
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    color: ColorOption = "auto",
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Who is who: everyone, or a lookup that shows one actor's full card.

    A query naming one actor exactly (id, name or alias) shows that actor's card, then the other matches; else a table of the matches.

    \b
    Examples:
      brief actors
      brief actors --kind person
      brief actors --kind country,group  countries and groups
      brief actors nato                 NATO's card, then the others that match
      brief actors otan                 NATO, by its French name
      brief actors "dan hegseth"        the name the article got wrong
      brief actors "secretary of state"
      brief actors poutine --json | jq '.[0].role'

    Filters combine: a repeated filter (or a comma list) keeps what matches any of its values; different filters must all hold.
    """
    from briefcli import query as find
    from briefcli import render
    from briefcli.choices import read_choices

    out = output(fmt, as_json, lang, color=color)
    kinds = read_choices("--kind", kind, "actor_kind", ACTOR_KINDS, out.lang)
    briefing = load(data)
    found = find.find_actors(briefing, checked_query(query, "query"), kinds, message_lang())
    card = query is not None and (len(found) == 1 or find.named_exactly(found, query))
    render.show_actors(out, briefing, found[:limit], card=card)


@app.command(short_help="The timeline, in date order, or drawn to scale.")
def timeline(
    *,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            show_default=False,
            help="From this date, included: 2025-07-01, 2025-7-1, 2025-07, 2025, 'June 2025', '1er juillet 2025', "
            "'24–25 June 2025' (a span: its start), 2025-W28, 'Q3 2025'/'T3 2025', 'last month'/'le mois dernier', "
            "'last week', 'yesterday'/'hier', or 10d, 3w, 2m, 1y before publication. 01/07/2025 is day first "
            "under --lang fr or a day-first locale.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            show_default=False,
            help="Up to this date, included; the same forms, each meaning its end: 2025-07 ends on 31 July, "
            "'24–25 June 2025' on 25 June, 'last month' on its last day.",
        ),
    ] = None,
    kind: Annotated[list[str] | None, _kind_option("event_kind", EVENT_KINDS, "events")] = None,
    direction: Annotated[
        list[str] | None,
        typer.Option(
            "--direction",
            metavar="DIRECTION",
            show_default=False,
            autocompletion=completer("direction", DIRECTIONS),
            help=f"Only policy changes in these directions: {help_list('direction', DIRECTIONS)}. Repeat, or give a comma list, for any of several.",
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
        str,
        typer.Option(
            "--by",
            metavar="LANES",
            autocompletion=completer("chart_lanes", CHART_LANES),
            help=f"With --chart: one lane per {help_list('chart_lanes', CHART_LANES)}.",
        ),
    ] = "kind",
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    color: ColorOption = "auto",
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """The timeline, in date order: the US policy changes and the diplomacy around them.

    \b
    Examples:
      brief timeline
      brief timeline --since 2025-07-01 --until 2025-07-10
      brief timeline --since "juin 2025" --lang fr
      brief timeline --since 3w          from three weeks before the article
      brief timeline --since "le mois dernier" --lang fr
      brief timeline --since "24–25 June 2025" --until 2025-W28
      brief timeline --policy
      brief timeline --kind meeting,call --actor trump --actor putin
      brief timeline --direction suspension --lang fr
      brief timeline --actor poutine --json
      brief timeline --chart             drawn to scale, with the aid status
      brief timeline --chart --by actor --since 2025-06

    Filters combine: a repeated filter (or a comma list) keeps what matches any of its values; different filters must all hold.
    """
    from briefcli import query as find
    from briefcli import render
    from briefcli.choices import read_choice, read_choices
    from briefcli.dates import iso_period, window_from
    from briefcli.terminal import numeric_date_order

    out = output(fmt, as_json, lang, color=color)
    kinds = read_choices("--kind", kind, "event_kind", EVENT_KINDS, out.lang)
    directions = read_choices("--direction", direction, "direction", DIRECTIONS, out.lang)
    if chart and not out.human:
        raise UsageProblem(
            f"--chart draws the timeline for people; leave out --chart for --format {out.format}"
        )
    lanes = read_choice("--by", by, "chart_lanes", CHART_LANES, out.lang)
    if lanes != "kind" and not chart:
        raise UsageProblem("--by chooses the chart's lanes: give --chart too")
    briefing = load(data)
    anchor = iso_period(briefing.source.published).start
    window = window_from(since, until, anchor=anchor, order=numeric_date_order(out.lang))
    actor_ids = find.resolve_actor_filter(briefing, checked_queries(actor, "--actor query"), message_lang())
    events = find.select_events(
        briefing, window=window, kinds=kinds, directions=directions, actor_ids=actor_ids, policy_only=policy
    )
    total, events = len(events), events[:limit]
    if chart:
        render.show_chart(out, briefing, events, window, lanes, total)
    else:
        render.show_timeline(out, briefing, events, window, total)


@app.command(short_help="Who said what, in French as printed and in English.")
def quotes(
    *,
    actor: ActorFilterOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    color: ColorOption = "auto",
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Who said what: the French as printed, an English translation, the context.

    \b
    Examples:
      brief quotes
      brief quotes --actor trump
      brief quotes --actor trump --actor hekster
      brief quotes --format csv > quotes.csv

    Repeated, --actor keeps the quotes of any of the actors named.
    """
    from briefcli import query as find
    from briefcli import render

    out = output(fmt, as_json, lang, color=color)
    briefing = load(data)
    actor_ids = find.resolve_actor_filter(briefing, checked_queries(actor, "--actor query"), message_lang())
    render.show_quotes(out, briefing, find.select_quotes(briefing, actor_ids)[:limit])


@app.command(short_help="Search every text, in English and French.")
def search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to find; see the matching rules above.")],
    *,
    substring: Annotated[
        bool, typer.Option("--substring", help="Match the text anywhere, inside words too, as one phrase.")
    ] = False,
    limit: LimitOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    color: ColorOption = "auto",
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Search every text, in English and French: actors, events, quotes, key points, and the article's words they cite.

    \b
    Examples:
      brief search patriot
      brief search "trump putin"      records naming both, in any order
      brief search pourparlers        the article's own words, at their paragraph
      brief search '"us"'             in quotes: anywhere, "Russia" and "plus" too
      brief search stocks --limit 3 --json | jq -r '.[] | "\\(.kind) \\(.id)"'

    \b
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

    out = output(fmt, as_json, lang, color=color)
    briefing = load(data)
    query = checked_query(text, "search text")
    assert query is not None
    hits = find_hits(briefing, parse_query(query, substring=substring), out.lang)
    render.show_hits(out, briefing, hits[:limit], query, total=len(hits))


@app.command(short_help="Everything as Markdown, JSON, HTML, TimelineJS or SQLite.")
def export(
    *,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            show_default=False,
            autocompletion=completer("format", EXPORT_FORMATS),
            help="markdown (a document), json (the validated briefing itself; several: an array of them), "
            "html (one self-contained page), timelinejs (a TimelineJS timeline) or sqlite (a database for "
            "SQL tools; needs -o FILE). Default: what -o FILE's extension names (.md, .html, .json, .db, "
            ".sqlite), else markdown.",
        ),
    ] = None,
    as_json: JsonOption = False,
    output_file: OutputFileOption = None,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """The whole briefing as one Markdown document, as JSON, as a web page, or as a TimelineJS timeline.

    \b
    Examples:
      brief export > briefing.md
      brief export --lang fr -o briefing-fr.md
      brief export --format json | jq '.events | length'
      brief export -o briefing.html      a web page, by the extension
      brief export --format timelinejs -o timeline.json
      brief export -o archive.db --data briefings/

    Over several briefings, markdown, html and timelinejs merge them (where they disagree, the one published later wins); json and sqlite keep each one whole.
    """
    import msgspec

    from briefcli import query as find
    from briefcli import render
    from briefcli.choices import EXPORT_SUFFIXES
    from briefcli.files import atomic_output, file_argument, refuse_same_file
    from briefcli.load import load_briefings, resolve_paths

    if fmt is None:  # -o page.html means a page; --json means JSON
        named = PurePath(output_file or "").suffix.lower()
        fmt = "json" if as_json else EXPORT_SUFFIXES.get(named, "markdown")
    out = output(fmt, as_json, lang, EXPORT_FORMATS, default="markdown")
    export_format = next(f for f in EXPORT_FORMATS if f == out.format)  # typed as an export format
    target = None if output_file in (None, "-") else file_argument(output_file, "--output", output=True)
    if export_format == "sqlite" and target is None:
        raise UsageProblem("--format sqlite writes a database file: give it with -o FILE")
    briefings = load_briefings(data_paths(data))
    if target is not None:
        for path, _ in resolve_paths(data_paths(data)):
            refuse_same_file(target, path)
    if export_format == "sqlite":
        from briefcli.archive import write_archive
        from briefcli.messages import say as words

        ids = [briefing.id for briefing in briefings]
        if len(set(ids)) != len(ids):
            twice = next(i for n, i in enumerate(ids) if i in ids[:n])  # quadratic, on this error only
            raise BriefError(f"two briefings have the id {twice!r}: an archive keys records by briefing")
        assert target is not None
        with atomic_output(target) as stream:
            write_archive(briefings, stream)
        render.say(words("cli.wrote", out.lang, path=output_file))
        return
    if len(briefings) == 1:
        briefing = briefings[0]
    else:
        from briefcli.merge import merge

        briefing = merge(briefings)
    if export_format != "json":  # a document's timeline is in date order; JSON is the file as it is
        briefing = msgspec.structs.replace(briefing, events=find.select_events(briefing))
    if target is None:
        render.export(briefing, export_format, out.lang, sys.stdout.buffer)
        return
    with atomic_output(target) as stream:
        render.export(briefing, export_format, out.lang, stream)
    from briefcli.messages import say as words

    render.say(words("cli.wrote", out.lang, path=output_file))


@app.command(short_help="Check briefing files and list every problem in them.")
def validate(
    files: Annotated[
        list[str] | None,  # as typed: Path would read '' as '.'
        typer.Argument(
            metavar="[FILE]...",
            show_default=False,
            help="Briefings to check (a directory: its *.json; -: stdin); default: --data, BRIEF_DATA, else the bundled one.",
        ),
    ] = None,
    *,
    source: Annotated[
        str | None,  # as typed: Path would read '' as '.'
        typer.Option(
            "--source",
            metavar="ARTICLE",
            show_default=False,
            help="Also check provenance against this copy of the article: its sha256, and every evidence quote verbatim in its paragraph.",
        ),
    ] = None,
    fmt: Annotated[str, _format_option(CHECK_FORMATS, "table")] = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    """Check briefing files and list every problem in them; exit 1 if there is any.

    Over several briefings, where they disagree on a record's field is listed as a note (the one published later wins), not as a problem. A briefing just started (brief new) is valid; notes say what it still lacks.

    \b
    Examples:
      brief validate
      brief validate my-briefing.json
      brief validate --source ../shared/source/article-fr.txt
      brief validate day1.json day2.json
      brief validate my-briefing.json --json | jq -r '.problems[].path'
    """
    from briefcli.files import file_argument
    from briefcli.load import STDIN, ReadTogether, resolve_paths
    from briefcli.provenance import read_article
    from briefcli.render.several import show_validations
    from briefcli.validation import validate as check

    out = output(fmt, as_json, lang, CHECK_FORMATS)
    named = [file_argument(given, "FILE") for given in files] if files else data_paths(data)
    article = None if source is None else file_argument(source, "--source")
    resolved = resolve_paths(named)
    read = None
    if article is not None and str(article) == STDIN:  # read once, for every briefing
        if any(str(path) == STDIN for path, _ in resolved):
            raise UsageProblem(
                "standard input can be read only once: give the briefing or the article as a file"
            )
        read = read_article(article)
    shared = ReadTogether() if len(resolved) > 1 else None  # as load_briefings reads several
    results = [check(path, article, where, shared, read) for path, where in resolved]
    show_validations(out, results)
    if not all(result.valid for result in results):
        raise typer.Exit(ExitStatus.ERROR)


class DiffTrouble(BriefError):
    """brief diff cannot compare (a bad file): 2, as diff(1) says trouble, never 1 ("different")."""

    status = ExitStatus.USAGE


@app.command(short_help="What changed between two briefings, or two sets.")
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The earlier briefing: a file, a directory (its *.json, merged), - (stdin), or several joined as in PATH.",
        ),
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later briefing, in the same forms.")],
    *,
    fmt: SummaryFormatOption = "table",
    as_json: JsonOption = False,
    lang: LangOption = None,
    color: ColorOption = "auto",
) -> None:
    """What changed from OLD to NEW: actors, events, quotes, key points, watch items.

    Exit status, as diff(1): 0 the same, 1 different, 2 trouble (a bad file or usage).

    \b
    Examples:
      brief diff day1.json day2.json
      brief diff day1.json day2.json --json | jq '.events.moved'
      brief diff yesterday/ today/ --format markdown > changes.md
      brief diff old.json new.json > /dev/null && echo unchanged
    """
    from briefcli import render
    from briefcli.diff import diff as compare
    from briefcli.load import STDIN

    out = output(fmt, as_json, lang, SUMMARY_FORMATS, color=color)
    if STDIN in old.split(os.pathsep) and STDIN in new.split(os.pathsep):
        raise DiffTrouble("standard input can be read only once: give it as OLD or as NEW")
    sides = [[part for part in side.split(os.pathsep) if part] for side in (old, new)]
    for name, parts in zip(("OLD", "NEW"), sides, strict=True):
        if not parts:
            raise DiffTrouble(f"{name} is empty: give a briefing file, a directory or -")
    try:
        before, after = (load(parts) for parts in sides)
    except BriefError as exc:
        exc.status = DiffTrouble.status  # the same words, in the language of messages; status 2
        raise
    result = compare(before, after, out.lang)
    try:
        render.show_diff(out, result)
        sys.stdout.flush()  # a full disk or a closed stdout is trouble (2), never "different" (1)
    except OSError as exc:
        raise DiffTrouble(f"write error: {exc.strerror or exc}") from None
    if not result.same:
        raise typer.Exit(ExitStatus.ERROR)  # 1: different


@app.command(short_help="Start a briefing for an article, as a valid skeleton.")
def new(
    article_name: Annotated[
        str, typer.Argument(metavar="ARTICLE", help="The article, as UTF-8 text: one paragraph a line.")
    ],
    *,
    published: Annotated[
        str,
        typer.Option(
            "--published", metavar="DATE", help="The article's publication date: 2025-07-14, 2025-07 or 2025."
        ),
    ],
    article_lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            show_default=False,
            autocompletion=completer("lang", LANGS),
            help="The article's language, fr or en; default: guessed from its commonest words. Messages follow "
            "BRIEF_LANG or the locale.",
        ),
    ] = None,
    output_file: OutputFileOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace FILE if it exists: without it, brief new keeps any file there."
        ),
    ] = False,
) -> None:
    """Start a briefing for an article: a valid skeleton, and the article's numbered paragraphs.

    The skeleton holds the source block (language, paragraph count, sha256, headline as printed, publication date), empty lists and $schema; it passes 'brief validate --source ARTICLE', whose notes say what is still to write. The paragraphs go to stderr when the skeleton goes to stdout. An existing FILE is kept, unless --force: it may be a briefing with work in it.

    \b
    Examples:
      brief new article.txt --published 2025-07-14 -o my-briefing.json
      brief new article.txt --published 2025-07-14 > my-briefing.json
    """
    from briefcli.choices import read_choice
    from briefcli.dates import iso_period
    from briefcli.files import (
        atomic_output,
        file_argument,
        is_plain_file,
        is_standard_output,
        refuse_same_file,
        replaces_a_file,
    )
    from briefcli.load import path_name
    from briefcli.provenance import paragraphs_of, read_article
    from briefcli.render import machine, say
    from briefcli.render.safe import inert
    from briefcli.skeleton import SCHEMA_URL, guess_language, skeleton

    try:
        iso_period(published)
    except ValueError:
        raise UsageProblem(
            f"--published {published!r}: give an ISO date, such as 2025-07-14, 2025-07 or 2025"
        ) from None
    article = file_argument(article_name, "ARTICLE")
    named = path_name(article)
    target = None if output_file in (None, "-") else file_argument(output_file, "--output", output=True)
    if target is not None and is_standard_output(target):
        target = None  # -o /dev/stdout: as without -o, so that the paragraphs go to stderr
    text, article_text = read_article(article)
    try:
        language = (
            read_choice("--lang", article_lang, "lang", LANGS, message_lang())
            if article_lang is not None
            else guess_language(paragraphs_of(article_text))
        )
        briefing, paragraphs = skeleton(text, name=article.stem, published=published, lang=language)
    except UnicodeDecodeError as exc:
        raise BriefError(f"{named}: the article is not UTF-8 (byte {exc.start})") from None
    except ValueError as exc:
        raise BriefError(f"{named}: {exc}") from None
    numbered = "\n".join(f"¶{number} {inert(paragraph)}" for number, paragraph in enumerate(paragraphs, 1))
    from briefcli.messages import say as words

    lang_now = message_lang()
    # brief cannot know where the date comes from: the skeleton says the article, and says so here.
    basis = words("new.basis", lang_now)
    if target is None:
        machine.write_json(briefing)
        say(basis)
        print(numbered, file=sys.stderr)
        return
    refuse_same_file(target, article, "article")
    # A file, or a link, that is there already may be a briefing with work in it; a device,
    # a FIFO or a descriptor (/dev/stdout) is written directly, as every -o writes one.
    if replaces_a_file(target) and not force:
        raise UsageProblem(f"--output {target} exists: give --force to replace it, or another name")
    with atomic_output(target) as stream:
        machine.write_json(briefing, stream)
    say(basis)
    # The skeleton's $schema names briefing.schema.json beside it, for editors: written
    # when it is not there (one already there, even an older one, is the user's).
    schema_file = target.parent / SCHEMA_URL
    if is_plain_file(target) and not os.path.lexists(schema_file):  # not beside /dev/stdout
        from briefcli.schema import schema_text

        with atomic_output(schema_file) as stream:
            stream.write(schema_text().encode("utf-8"))
        say(words("new.wrote_schema", lang_now, path=schema_file))
    say(words("new.wrote", lang_now, path=target, lang=language))
    print(numbered)
