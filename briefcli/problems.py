"""What is wrong with a briefing: each problem with its JSON path, and the error that
refuses a file for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from briefcli.errors import BriefError

if TYPE_CHECKING:
    from briefcli.choices import Lang


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a briefing: where (a JSON path, or None for the whole file) and what."""

    path: str | None
    message: str

    def __str__(self) -> str:
        return self.message if self.path is None else f"{self.path}: {self.message}"


_SHOWN = 60  # characters of an echoed value: a message stays one readable line


def shown(value: object) -> str:
    """A value for a message, cut to a readable length: a file may hold a 1 MB id."""
    text = repr(value)
    if len(text) <= _SHOWN:
        return text
    return f"{text[: _SHOWN - 1]}… ({len(str(value)):,} characters)"


class BriefingError(BriefError):
    """A briefing file that cannot be used, with every problem found in it."""

    def __init__(self, where: str, problems: list[Problem]) -> None:
        self.where = where
        self.problems = problems
        more = len(problems) - 1
        tail = f" (and {more} more: run 'brief validate {where}')" if more else ""
        super().__init__(f"{where}: {problems[0]}{tail}")

    def text(self, lang: Lang) -> str:
        """The error in `lang`: each problem's French from the message catalogue."""
        from briefcli.messages import briefing_error_text

        return briefing_error_text(self.where, [(p.path, p.message) for p in self.problems], lang)
