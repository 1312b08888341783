"""Writing a file safely: all of it or nothing, and never the file being read."""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from briefcli.errors import ENDING_SIGNALS, BriefError, UsageProblem


def refuse_same_file(output: Path, read: Path, what: str = "briefing") -> None:
    """brief never writes to a file it reads: `read` may be '-', standard input, which a
    shell may have opened on the very file (`< briefing.json`)."""
    try:
        if str(read) == "-":
            import sys

            given, written = os.fstat(sys.stdin.fileno()), os.stat(output)
            # A regular file only: a terminal or a pipe is not a file that -o would replace
            same = stat.S_ISREG(given.st_mode) and (given.st_dev, given.st_ino) == (
                written.st_dev,
                written.st_ino,
            )
        else:
            same = output.exists() and os.path.samefile(output, read)
    except (OSError, ValueError, AttributeError):  # no such output, or no standard input to ask
        same = str(read) != "-" and output.resolve() == read.resolve()
    if same:
        raise UsageProblem(
            f"--output {output} is the {what} being read; brief never writes to a file it reads"
        )


def file_argument(given: str, option: str, *, output: bool = False) -> Path:
    """A file name as typed, checked before pathlib tidies it away: pathlib reads '' as
    '.' (the current directory) and drops a trailing slash, which names a directory."""
    if not given:
        raise UsageProblem(f"{option} is empty: give a file name")
    if output and given.endswith(("/", os.sep)) and given != "-":
        raise UsageProblem(f"{option} {given}: a file name cannot end with '/' (that names a directory)")
    return Path(given)


def replaces_a_file(path: Path) -> bool:
    """Whether atomic_output(path) would replace a file that is there: a regular file, or
    a link to one (or a dangling link, which it would make), not a directory, a device, a
    FIFO or a descriptor (/dev/stdout, /dev/fd/3: written directly, appended to)."""
    try:
        os.lstat(path)
    except OSError:
        return False  # nothing there
    try:
        info = os.stat(path)
    except OSError:
        return True  # a dangling link: writing would make the file it names
    return stat.S_ISREG(info.st_mode) and not _names_a_descriptor(path)


def is_standard_output(path: Path) -> bool:
    """Whether `path` names brief's own standard output (/dev/stdout, /dev/fd/1)."""
    import sys

    try:
        named, out = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return _names_a_descriptor(path) and (named.st_dev, named.st_ino) == (out.st_dev, out.st_ino)


def is_plain_file(path: Path) -> bool:
    """A regular file named as itself, not through a link (as /dev/stdout is)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `path` only once all of them are written.

    They go to a temporary file beside the file, which is renamed over it at the end
    (rename is atomic on one file system); on any error, interrupt or SIGTERM the
    temporary file is removed and an existing file is left as it was. A symbolic link
    stays a link: the file it points to is replaced. A device, a FIFO or a descriptor
    (/dev/stdout, /dev/fd/3, a named pipe) is written directly: it cannot be replaced.
    """
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise BriefError(f"cannot write {path}: {exc.strerror}") from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise BriefError(f"cannot write {path}: it is a directory")
    if existing is not None and (not stat.S_ISREG(existing.st_mode) or _names_a_descriptor(path)):
        # Appending to a descriptor's regular file (`>> log`) must not truncate it first.
        append = stat.S_ISREG(existing.st_mode)
        try:
            with open(path, "ab") if append else open(path, "wb") as stream:
                yield stream
        except OSError as exc:
            raise BriefError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    # Signals wait while the temporary file is made and named, so that a SIGTERM arriving
    # then is raised inside the `try` below, which removes the file; likewise the cleanup.
    import tempfile  # only to write: it imports random, which every start would pay for

    held = _hold_signals()
    try:
        # A short name of our own: `.{name}.tmp` would exceed NAME_MAX for a long legal name.
        handle, temporary = tempfile.mkstemp(prefix=".brief-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        _release_signals(held)
        raise BriefError(f"cannot write {path}: {exc.strerror}") from None
    try:
        _release_signals(held)
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else _default_mode())
        os.replace(temporary, target)
    except OSError as exc:
        _remove_held(temporary)
        raise BriefError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # an error, Ctrl-C or SIGTERM while rendering: leave the file as it was
        _remove_held(temporary)
        raise


def _hold_signals() -> set[int | signal.Signals] | None:
    """Hold the signals that end brief by unwinding, while a temporary file is made or removed."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, ENDING_SIGNALS)


def _release_signals(held: set[int | signal.Signals] | None) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a signal that came meanwhile lands here


def _remove_held(temporary: str) -> None:
    held = _hold_signals()
    try:
        Path(temporary).unlink(missing_ok=True)
    finally:
        _release_signals(held)


def _names_a_descriptor(path: Path) -> bool:
    """/dev/stdout, /dev/fd/N, /proc/self/fd/N: a link to an open descriptor, which may be a
    regular file (`> out`) but must be written through, never renamed over."""
    hops = 0
    current = os.path.abspath(path)
    while hops < 40:
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        try:
            link = os.readlink(current)
        except OSError:  # not a link (any more): the chain ends here
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
        hops += 1
    return False


def _default_mode() -> int:
    """What open() would have given a new file: 0o666 less the umask (mkstemp gives 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
