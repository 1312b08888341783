"""Exit statuses and the errors that map to them.

A domain error carries its exit status; `cli.BriefGroup.main` turns any of them
into one line on stderr and that status, in one place.
"""

from __future__ import annotations

import signal
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcli.choices import Lang
    from briefcli.messages import Message


class ExitStatus(IntEnum):
    OK = 0  # success, an empty listing included
    ERROR = 1  # no match for a lookup, or a briefing file refused
    USAGE = 2  # a bad command, option or argument
    INTERNAL = 70  # a bug in brief (sysexits EX_SOFTWARE); BRIEF_DEBUG=1 shows the traceback
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class BriefError(Exception):
    """An error the user can act on: one line, and an exit status."""

    status = ExitStatus.ERROR

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.message = str(message)  # in English
        self.said = message

    def text(self, lang: Lang) -> str:
        """The message in `lang`: a `Message` is put into words in it; a plain string stays as is."""
        if isinstance(self.said, str):
            from briefcli.messages import translated

            return translated(self.said, lang)
        return self.said.text(lang)


class UsageProblem(BriefError):
    """An argument brief cannot use (a date it cannot read, conflicting options...)."""

    status = ExitStatus.USAGE


class NoMatch(BriefError):
    """A lookup found nothing."""


#: The signals that end brief by unwinding, as Ctrl-C does: SIGINT, SIGTERM and SIGHUP.
ENDING_SIGNALS: frozenset[signal.Signals] = frozenset(
    {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())
)


class Terminated(BaseException):
    """SIGTERM or SIGHUP (timeout, systemd, docker stop, a closed terminal), raised where
    brief is, so that a half-written file is removed as on Ctrl-C. Exit 128 + signal."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.status = 128 + signal_number


def signal_status(exc: BaseException) -> int | None:
    """The exit status for an interruption (Ctrl-C, SIGTERM, SIGHUP), else None."""
    if isinstance(exc, KeyboardInterrupt):
        return ExitStatus.INTERRUPTED
    if isinstance(exc, Terminated):
        return exc.status
    return None
