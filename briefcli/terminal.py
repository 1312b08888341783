"""What the environment asks for, decided once: whether stdout is a terminal, color,
width, glyphs, and the default language.

Like httpie, every terminal-dependent default comes from here, so that a pipe, a
file, NO_COLOR and TERM=dumb all get the same plain text with no escape codes.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, TextIO

import msgspec

if TYPE_CHECKING:
    from briefcli.choices import Lang

MIN_WIDTH, MAX_WIDTH, PIPE_WIDTH = 20, 1000, 80


class Terminal(msgspec.Struct, frozen=True):
    is_tty: bool
    color: bool
    width: int
    unicode: bool  # the stream's encoding can show ▲, ◇, « » and accents


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


def detect(stream: TextIO | None = None) -> Terminal:
    stream = stream if stream is not None else sys.stdout
    is_tty = _isatty(stream)
    dumb = os.environ.get("TERM", "") in {"dumb", "unknown"}
    color = is_tty and not dumb and not os.environ.get("NO_COLOR")  # no-color.org: set, non-empty
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return Terminal(
        is_tty=is_tty,
        color=color,
        width=_width(is_tty),
        unicode=encoding in {"utf8", "utf16", "utf32"},
    )


def default_lang() -> Lang:
    """French when the locale is French (LC_ALL, then LC_MESSAGES, then LANG), else English.

    BRIEF_LANG, which comes first, is read by the --lang option itself.
    """
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
