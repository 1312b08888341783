"""Find and read a briefing, and turn its bytes into a checked Briefing.

Three steps, each stated once: read (here: which file, size limit, byte-order mark),
decode (msgspec validates the types while it decodes; `decoding.py` explains a
failure), and the rules a type cannot say (`rules.py`). Every failure is a
BriefingError naming the file and the JSON path of each problem.
"""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path

import msgspec

from briefcli.model import Briefing
from briefcli.problems import BriefingError, Problem
from briefcli.rules import check_briefing, iter_evidence

__all__ = ["MAX_BYTES", "BriefingError", "Problem", "check_briefing", "iter_evidence", "load_briefing"]

#: A briefing larger than this is refused, before it is read when it is a regular file
#: (a pipe is read up to the limit). The bundled briefing is ~40 kB; a generated one
#: with 100,000 events and 10,000 actors ~100 MiB.
MAX_BYTES = 128 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def bundled_path() -> Path:
    """The bundled briefing: inside the package when installed from a wheel, at the
    repository's top level (data/) in a source checkout or an editable install."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "briefing.json", here.parent / "data" / "briefing.json"):
        if candidate.is_file():
            return candidate
    raise BriefingError(
        str(here / "data" / "briefing.json"),
        [Problem(None, "the bundled briefing is missing: reinstall brief")],
    )


def briefing_path(path: Path | None = None) -> Path:
    """The briefing to read: `path`, else the file BRIEF_DATA names, else the bundled one."""
    if path is not None:
        return path
    named = os.environ.get("BRIEF_DATA")
    return Path(named) if named else bundled_path()


def read_briefing_bytes(path: Path) -> bytes:
    """The file's bytes, read-only and size-checked; a byte-order mark is dropped."""
    where = str(path)
    try:
        with open(path, "rb") as file:  # only ever opened for reading
            info = os.fstat(file.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
                raise _too_large(where)
            data = file.read(MAX_BYTES + 1)  # pipes and devices have no size to check first
    except FileNotFoundError:
        raise BriefingError(where, [Problem(None, "no such file")]) from None
    except IsADirectoryError:
        raise BriefingError(where, [Problem(None, "is a directory, not a briefing file")]) from None
    except PermissionError:
        raise BriefingError(where, [Problem(None, "permission denied: cannot read it")]) from None
    except OSError as exc:
        raise BriefingError(where, [Problem(None, f"cannot be read: {exc.strerror or exc}")]) from None
    if len(data) > MAX_BYTES:
        raise _too_large(where)
    return data[len(_BOM) :] if data.startswith(_BOM) else data


def _too_large(where: str) -> BriefingError:
    limit = MAX_BYTES // (1024 * 1024)
    return BriefingError(where, [Problem(None, f"larger than the {limit} MiB limit for a briefing")])


def load_briefing(path: Path | None = None) -> Briefing:
    """Read and validate the briefing at `path`, or BRIEF_DATA's, or the bundled one."""
    path = briefing_path(path)
    briefing, problems = parse_briefing(read_briefing_bytes(path))
    if briefing is None or problems:
        raise BriefingError(str(path), problems)
    return briefing


def parse_briefing(data: bytes) -> tuple[Briefing | None, list[Problem]]:
    """Decode and check; the briefing (None if it does not decode) and every problem."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # decoding allocates millions of objects, none in a cycle: don't scan them
    try:
        briefing = msgspec.json.decode(data, type=Briefing)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        from briefcli.decoding import decoding_problems  # only for a file that does not decode

        return None, decoding_problems(data)
    finally:
        if gc_was_enabled:
            gc.enable()
    return briefing, check_briefing(briefing)
