"""What the environment asks for, decided once: whether stdout is a terminal, color,
hyperlinks, width, glyphs, the default language and how numeric dates read.

Like httpie, every terminal-dependent default comes from here, so that a pipe, a
file, NO_COLOR and TERM=dumb all get the same plain text with no escape codes.
What cannot be set from outside (whether stdout is a terminal) comes through
`ENVIRONMENT`, which a test replaces to fake a terminal without a pty.

Color, first rule that applies: --color always or never; NO_COLOR set and not empty
(no-color.org): none; FORCE_COLOR set and not empty (force-color.org): color, even
into a pipe (`brief timeline | less -R`); TERM=dumb: none; else color on a terminal only.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, Literal, TextIO

import msgspec

if TYPE_CHECKING:
    from briefcli.choices import ColorChoice, Lang
    from briefcli.dates import DayOrder

MIN_WIDTH, MAX_WIDTH, PIPE_WIDTH = 20, 1000, 80


class Terminal(msgspec.Struct, frozen=True):
    is_tty: bool
    color: bool
    width: int
    unicode: bool  # the stream's encoding can show ▲, ◇, « » and accents
    hyperlinks: bool = False  # OSC 8 links: a URL may show shortened; else it is printed whole
    palette: Literal["standard", "256", "truecolor"] | None = None  # None: no color


class Environment(msgspec.Struct, frozen=True):
    """What brief cannot learn from variables: whether stdout is a terminal (None: ask it)."""

    stdout_isatty: bool | None = None


#: The environment brief runs in; tests replace it (monkeypatch) to fake a terminal.
ENVIRONMENT = Environment()
#: Terminals known to show OSC 8 escapes as text, or to have no use for them.
NO_HYPERLINKS = {"dumb", "unknown", "linux", "vt100", "vt220"}


def _size(variable: str) -> int | None:
    """COLUMNS or LINES as a positive number of cells, or None when unset or malformed
    (`²` is a digit to str.isdigit but not to int; 10**30 overflows Rich)."""
    value = os.environ.get(variable, "").strip()
    if value.isascii() and value.isdigit() and 0 < len(value) <= 6 and int(value) > 0:
        return int(value)
    return None


def drop_malformed_sizes() -> None:
    """Remove a malformed COLUMNS or LINES from brief's own environment, before Rich or
    Typer read them: a terminal size that cannot be read is ignored, never fatal."""
    for variable in ("COLUMNS", "LINES"):
        if variable in os.environ and _size(variable) is None:
            del os.environ[variable]


def _width(is_tty: bool) -> int:
    columns = _size("COLUMNS")
    if columns is not None:
        return max(MIN_WIDTH, min(MAX_WIDTH, columns))
    if is_tty:
        return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((PIPE_WIDTH, 24)).columns))
    return PIPE_WIDTH  # a pipe or a file: a stable width, whatever terminal is behind it


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


#: Help is wrapped as Click wraps it, to at most 78 cells.
HELP_MAX_WIDTH = 78


def help_width(environment: Environment | None = None) -> int:
    """The width help text is wrapped to: the terminal's (or COLUMNS) less two cells, at
    most HELP_MAX_WIDTH. Click's own rule never goes below 50, so a 40-column terminal
    would split its words wherever the line ran out."""
    environment = environment if environment is not None else ENVIRONMENT
    is_tty = environment.stdout_isatty if environment.stdout_isatty is not None else _isatty(sys.stdout)
    return max(MIN_WIDTH, min(_width(is_tty) - 2, HELP_MAX_WIDTH))


def wants_color(choice: ColorChoice, is_tty: bool) -> bool:
    """The color rule, in the order the module's docstring gives."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_tty and os.environ.get("TERM", "") not in {"dumb", "unknown"}


def detect(
    stream: TextIO | None = None, *, color: ColorChoice = "auto", environment: Environment | None = None
) -> Terminal:
    """Every terminal-dependent default, for `stream` (stdout) in `environment` (ENVIRONMENT)."""
    stream = stream if stream is not None else sys.stdout
    environment = environment if environment is not None else ENVIRONMENT
    is_tty = environment.stdout_isatty if environment.stdout_isatty is not None else _isatty(stream)
    colored = wants_color(color, is_tty)
    term = os.environ.get("TERM", "")
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return Terminal(
        is_tty=is_tty,
        color=colored,
        width=_width(is_tty),
        unicode=encoding in {"utf8", "utf16", "utf32"},
        # Only on a terminal: a pipe (less -R, a file) gets every URL whole, even in color.
        hyperlinks=is_tty and colored and term not in NO_HYPERLINKS,
        palette=None if not colored else _palette(term),
    )


def _palette(term: str) -> Literal["standard", "256", "truecolor"]:
    """The colors to use once color is decided (even on TERM=dumb, when forced)."""
    if os.environ.get("COLORTERM", "").lower() in {"truecolor", "24bit"}:
        return "truecolor"
    return "256" if "256" in term else "standard"


def default_lang() -> Lang:
    """BRIEF_LANG when it names a language brief speaks (en, fr, fr_FR.UTF-8...); else
    French when the locale is French (LC_ALL, then LC_MESSAGES, then LANG); else English.
    An unsupported value (BRIEF_LANG=de, LANG=de_DE) is passed over, never an error."""
    chosen = os.environ.get("BRIEF_LANG", "").strip().lower()[:2]
    if chosen in ("en", "fr"):
        return "fr" if chosen == "fr" else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _locale() -> str:
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value
    return ""


#: Territories whose numeric dates put the month first (03/07/2025 is 7 March).
MONTH_FIRST_TERRITORIES = {"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"}


def numeric_date_order(lang: Lang) -> DayOrder:
    """How 03/07/2025 reads: day first in French; else as the locale's territory writes
    dates (en_US month first, en_GB day first); None (refuse to guess) when nothing says."""
    if lang == "fr":
        return "day-first"
    locale = _locale().split(".")[0].split("@")[0]
    language, _, territory = locale.partition("_")
    if not territory:
        return "day-first" if language.lower() == "fr" else None
    return "month-first" if territory.upper() in MONTH_FIRST_TERRITORIES else "day-first"
