"""The closed vocabularies, defined once for the model, the CLI and the renderers, and
how a value typed on the command line is read against one of them.

Literal types, not Enums: the CLI declares its options with them at every start,
and a Literal costs nothing to create. Each vocabulary's words for people (English
and French) are in i18n.py, under the vocabulary's name; a user may type a value,
its English words or its French words (`--kind rencontre`), in any case, with or
without accents, with hyphens or spaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal, TypeVar, get_args

if TYPE_CHECKING:
    from collections.abc import Mapping

Lang = Literal["en", "fr"]
OutputFormat = Literal[
    "table", "json", "jsonl", "csv", "markdown", "html", "timelinejs", "sqlite"
]  # every format
Format = Literal["table", "json", "jsonl", "csv", "markdown"]  # the listing commands
SummaryFormat = Literal["table", "json", "markdown"]
ExportFormat = Literal["markdown", "json", "html", "timelinejs", "sqlite"]
ChartLanes = Literal["kind", "actor"]  # timeline --chart --by
CheckFormat = Literal["table", "json"]
ColorChoice = Literal["auto", "always", "never"]

ActorKind = Literal["person", "organization", "country", "group"]
EventKind = Literal["policy-change", "meeting", "call", "summit", "statement", "proposal", "other"]
Direction = Literal["suspend", "resume", "increase", "restructure"]
Precision = Literal["day", "month", "year"]
Basis = Literal["article", "public-record"]
HitKind = Literal["summary", "key-point", "watch", "actor", "event", "quote"]  # where a search hit is

LANGS: tuple[Lang, ...] = get_args(Lang)
COLORS: tuple[ColorChoice, ...] = get_args(ColorChoice)
FORMATS: tuple[Format, ...] = get_args(Format)
SUMMARY_FORMATS: tuple[SummaryFormat, ...] = get_args(SummaryFormat)
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
CHECK_FORMATS: tuple[CheckFormat, ...] = get_args(CheckFormat)
#: The export format an output file's extension names, when --format is not given.
EXPORT_SUFFIXES: Mapping[str, ExportFormat] = {
    ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json",
    ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite",
}  # fmt: skip
ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
PRECISIONS: tuple[Precision, ...] = get_args(Precision)
BASES: tuple[Basis, ...] = get_args(Basis)
HIT_KINDS: tuple[HitKind, ...] = get_args(HitKind)
CHART_LANES: tuple[ChartLanes, ...] = get_args(ChartLanes)

Value = TypeVar("Value", bound=str)

#: Every vocabulary by the name its labels have in i18n.py ("event_kind.meeting").
VOCABULARIES: Mapping[str, tuple[str, ...]] = {
    "lang": LANGS,
    "format": get_args(OutputFormat),
    "actor_kind": ACTOR_KINDS,
    "event_kind": EVENT_KINDS,
    "direction": DIRECTIONS,
    "precision": PRECISIONS,
    "basis": BASES,
    "hit_kind": HIT_KINDS,
    "chart_lanes": CHART_LANES,
}


def typed(text: str) -> str:
    """The form a typed value is compared in: case, accents, spaces and underscores
    ignored ('Changement de politique' is 'changement-de-politique')."""
    import unicodedata

    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "-".join(bare.casefold().replace("_", " ").replace("-", " ").split())


def names(vocabulary: str, values: Sequence[str], lang: Lang) -> list[str]:
    """What a user types for each value, in `lang`: the value itself in English, the
    French term, hyphenated, in French ('rencontre', 'changement-de-politique')."""
    from briefcli.i18n import term

    if lang == "en":
        return list(values)
    return ["-".join(term(vocabulary, value, "fr").lower().split()) for value in values]


def accepted(vocabulary: str, values: Sequence[Value]) -> dict[str, Value]:
    """Every typed form that stands for a value: the value, and its English and French terms."""
    from briefcli.i18n import label

    forms: dict[str, Value] = {}
    for value in values:
        for form in (value, label(f"{vocabulary}.{value}", "en"), label(f"{vocabulary}.{value}", "fr")):
            forms.setdefault(typed(form), value)
    return forms


def read_choices(
    option: str, given: Iterable[str] | None, vocabulary: str, values: Sequence[Value], lang: Lang
) -> list[Value]:
    """The values a repeatable option names: each occurrence may be a comma list
    ('meeting,call'); English or French words; duplicates dropped, order kept.
    Raises UsageProblem, in `lang`, with a suggestion for a value it cannot read."""
    forms = accepted(vocabulary, values)
    chosen: list[Value] = []
    for occurrence in given or ():
        for part in occurrence.split(","):
            value = forms.get(typed(part))
            if value is None:
                raise _not_one_of(option, part, vocabulary, values, lang)
            if value not in chosen:
                chosen.append(value)
    return chosen


def read_choice(option: str, given: str, vocabulary: str, values: Sequence[Value], lang: Lang) -> Value:
    """The value a single-valued option names, in English or French words."""
    value = accepted(vocabulary, values).get(typed(given))
    if value is None:
        raise _not_one_of(option, given, vocabulary, values, lang)
    return value


def _not_one_of(option: str, given: str, vocabulary: str, values: Sequence[str], lang: Lang) -> Exception:
    import difflib

    from briefcli.errors import UsageProblem
    from briefcli.i18n import label

    shown = names(vocabulary, values, lang)
    listed = ", ".join(repr(name) for name in shown)
    message = label("not_one_of", lang, option=option, value=given.strip(), choices=listed)
    # Close to a word of either language: suggested in the words listed, the message's
    in_words = {
        word: name
        for words in (values, names(vocabulary, values, "fr"), shown)
        for word, name in zip(words, shown, strict=True)
    }
    close = difflib.get_close_matches(typed(given), list(in_words), n=1, cutoff=0.6)
    if close:
        message += " " + label("did_you_mean", lang, suggestion=in_words[close[0]])
    return UsageProblem(message)


def help_list(vocabulary: str, values: Sequence[str]) -> str:
    """The values for an option's help: 'meeting (rencontre), call (appel)'."""
    french = names(vocabulary, values, "fr")
    return ", ".join(
        value if value == name else f"{value} ({name})" for value, name in zip(values, french, strict=True)
    )


def completer(vocabulary: str, values: Sequence[str]) -> Callable[[str], list[str]]:
    """Shell completion for an option: the values (English, then French) that start
    with what is typed, after the last comma of a comma list."""

    def complete(incomplete: str) -> list[str]:
        head, _, last = incomplete.rpartition(",")
        prefix = f"{head}," if head else ""
        candidates = dict.fromkeys([*values, *names(vocabulary, values, "fr")])
        return [prefix + name for name in candidates if name.startswith(typed(last))]

    return complete
