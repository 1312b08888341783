"""Writing a file safely: all of it or nothing, and never the file being read."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from briefcli.errors import BriefError, UsageProblem


def refuse_same_file(output: Path, read: Path) -> None:
    """brief never writes to a file it reads."""
    try:
        same = output.exists() and os.path.samefile(output, read)
    except OSError:
        same = output.resolve() == read.resolve()
    if same:
        raise UsageProblem(
            f"--output {output} is the briefing being read; brief never writes to a file it reads"
        )


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `path` only once all of them are written.

    They go to a temporary file beside `path`, which is renamed over it at the end
    (rename is atomic on one file system); on any error or interrupt the temporary
    file is removed and an existing `path` is left as it was. A device or a FIFO
    (/dev/stdout, a named pipe) is written directly: it cannot be replaced.
    """
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise BriefError(f"cannot write {path}: {exc.strerror}") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise BriefError(f"cannot write {path}: it is a directory")
        with open(path, "wb") as stream:
            yield stream
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as exc:
        raise BriefError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else _default_mode())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BriefError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # an error or Ctrl-C while rendering: leave `path` as it was
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """What open() would have given a new file: 0o666 less the umask (mkstemp gives 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
