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


def _width(is_tty: bool) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, min(MAX_WIDTH, int(columns)))
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
