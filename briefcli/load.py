"""Find and read a briefing, and turn its bytes into a checked Briefing.

Three steps, each stated once: read (here: which file, size limit, byte-order mark),
decode, and the rules a type cannot say (`rules.py`). msgspec validates the types while
it decodes: a small file read alone with the model's own types, patterns and all; a
large one, or many read together, with `unchecked.py`'s pattern-free twins, the
patterns checked right after once per distinct value (a file of 32 MiB or more a part
at a time, `mapped.py`). `decoding.py` explains a failure. Every failure is a
BriefingError naming the file and the JSON path of each problem.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec

from briefcli.model import Briefing
from briefcli.problems import BriefingError, Problem
from briefcli.rules import Answers, check_briefing, iter_evidence

if TYPE_CHECKING:
    from briefcli.unchecked import Columns

__all__ = ["MAX_BYTES", "BriefingError", "Problem", "check_briefing", "iter_evidence", "load_briefing"]

#: A briefing larger than this is refused, before it is read when it is a regular file
#: (a pipe is read up to the limit). The bundled briefing is ~40 kB; a generated one
#: with 100,000 events and 10,000 actors ~100 MiB.
MAX_BYTES = 128 * 1024 * 1024
#: A regular file at least this large is decoded a part at a time (mapped.py): below
#: it, reading it whole costs less time (the extra pass) for little memory.
MAPPED_BYTES = 32 * 1024 * 1024
#: A briefing read alone and smaller than this is decoded with the model's own types,
#: msgspec checking each pattern as it goes: for a file this small that costs less than
#: importing the pattern-free twins (unchecked.py, ~3 ms) and checking them after. The
#: bundled briefing is read this way, at every start.
LONE_DIRECT_BYTES = 1024 * 1024
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


STDIN = "-"  # as a --data path: the briefing comes on standard input
FROM_BRIEF_DATA = " (from BRIEF_DATA)"  # after a file's name in an error, when BRIEF_DATA named it
STDIN_NAME = "<stdin>"


def path_name(path: Path | str) -> str:
    """A path as messages name it: standard input ('-') is <stdin>."""
    return STDIN_NAME if str(path) == STDIN else str(path)


def resolve_paths(paths: Sequence[Path] | None = None) -> list[tuple[Path, str]]:
    """The briefings to read, each with the name an error gives it: `paths` (--data),
    else BRIEF_DATA's (several joined as PATH joins them), else the bundled one. A
    directory stands for its *.json briefings, sorted; '-' for standard input."""
    from_env = not paths
    if paths:
        named = list(paths)
    elif variable := os.environ.get("BRIEF_DATA"):
        named = [Path(part) for part in variable.split(os.pathsep) if part]
    else:
        bundled = bundled_path()
        return [(bundled, str(bundled))]
    if [str(path) for path in named].count(STDIN) > 1:
        raise BriefingError(STDIN_NAME, [Problem(None, "standard input can be read only once")])
    resolved: list[tuple[Path, str]] = []
    for path in named:
        where = STDIN_NAME if str(path) == STDIN else f"{path}{FROM_BRIEF_DATA}" if from_env else str(path)
        if str(path) != STDIN and path.is_dir():
            found = sorted(  # not a schema beside them, nor a hidden file (an editor's, a half-written one)
                p
                for p in path.glob("*.json")
                if not p.name.endswith(".schema.json") and not p.name.startswith(".")
            )
            if not found:
                raise BriefingError(where, [Problem(None, "a directory with no *.json briefing in it")])
            resolved.extend((file, f"{file}{FROM_BRIEF_DATA}" if from_env else str(file)) for file in found)
        else:
            resolved.append((path, where))
    return resolved


#: The briefings the last load returned, held until the process ends: brief leaves by
#: os._exit (__main__.leave), and freeing a large briefing object by object when its
#: command returns would only delay that exit (~0.15 s for 100,000 events). A later
#: load lets them go (tests run many in one process); `validate` over several files
#: keeps only the last it parsed, so that its memory does not grow with their number.
_held: list[Briefing] = []
_last_parsed: list[Briefing] = []


#: What was read of each stream among the paths (by position): its bytes, or its error.
StreamsRead = dict[int, bytes | BriefingError]


def load_briefings(paths: Sequence[Path] | None = None) -> list[Briefing]:
    """Every briefing `resolve_paths` names, read and validated, in that order. Several
    are read as one first (together.py); when that finds anything wrong, or one is a
    large file, they are read one at a time, so that the first file at fault is named,
    with its problems. A stream (standard input, a pipe) is read only once: what the
    first way read of it, or the error it got, is what the second way takes."""
    resolved = resolve_paths(paths)
    shared, loaded, streams = None, None, StreamsRead()
    if len(resolved) > 1:  # alone, nothing to share
        from briefcli.together import read_together

        shared = ReadTogether()
        loaded, streams = read_together(resolved)
    if loaded is None:
        loaded = []
        for index, (path, where) in enumerate(resolved):
            kept = streams.get(index)
            if isinstance(kept, BriefingError):
                raise kept
            briefing, problems = read_briefing(path, where, shared, data=kept)
            if briefing is None or problems:
                raise BriefingError(where, problems)
            loaded.append(briefing)
    _held[:] = loaded  # a later load (tests run many in one process) lets these go
    return loaded


def path_kind(path: Path) -> Literal["stream", "large", "file"]:
    """How a path is read: "stream" (standard input, a pipe, a device: it can be read
    only once), "large" (a regular file mapped.py decodes a part at a time), or "file"
    (any other, and one that cannot be looked at: reading it says why)."""
    if str(path) == STDIN:
        return "stream"
    try:  # stat, not open: opening a FIFO would wait for a writer, and then lose its data
        info = os.stat(path)
    except (OSError, ValueError):
        return "file"
    if not stat.S_ISREG(info.st_mode):
        return "stream"
    return "large" if MAPPED_BYTES <= info.st_size <= MAX_BYTES else "file"


def read_briefing_bytes(path: Path, where: str | None = None) -> bytes:
    """The file's bytes, read-only and size-checked; a byte-order mark is dropped.
    The path '-' is standard input, named `<stdin>` in errors."""
    if str(path) == STDIN:
        import sys

        where, data = where or STDIN_NAME, sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_large(where)
        return data[len(_BOM) :] if data.startswith(_BOM) else data
    where = where or str(path)
    try:
        with open(path, "rb") as file:  # only ever opened for reading
            info = os.fstat(file.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
                raise _too_large(where)
            # Pipes and devices have no size to check first: read to one byte past the limit.
            # A regular file is read for its size and one byte, which a buffer of 128 MiB
            # would cost more than reading it (a directory of many briefings), then on, if
            # it grew meanwhile.
            limit = MAX_BYTES + 1
            wanted = info.st_size + 1 if stat.S_ISREG(info.st_mode) else limit
            data = file.read(wanted)
            if len(data) == wanted < limit:
                data += file.read(limit - wanted)
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
    briefing, problems = read_briefing(path)
    if briefing is None or problems:
        raise BriefingError(str(path), problems)
    return briefing


class ReadTogether:
    """What briefings read together remember: they repeat each other's values. The
    rules' answers, by the article's paragraph count (evidence's answers depend on it),
    and the values known to match each pattern."""

    def __init__(self) -> None:
        self.answers: dict[int, Answers] = {}
        self.matched: dict[str, set[str]] = {}


def read_briefing(
    path: Path, where: str | None = None, shared: ReadTogether | None = None, *, data: bytes | None = None
) -> tuple[Briefing | None, list[Problem]]:
    """Read, decode and check the file, as parse_briefing does its bytes: a large file a
    part at a time (mapped.py), any other whole, its bytes let go as soon as they are
    decoded, before the rules run. `data`: its bytes, read already (a stream: load_briefings).
    Raises BriefingError if it cannot be read."""
    columns: Columns = {}  # what the pattern check gathers, the rules use again
    briefing = None if data is not None else _decoded_mapped(path, shared, columns)  # None: read it whole
    if briefing is None:
        data = read_briefing_bytes(path, where) if data is None else data
        direct = shared is None and len(data) < LONE_DIRECT_BYTES
        briefing, problems = _decoded(data, shared, columns, direct=direct)
        if briefing is None:
            return None, problems
    return briefing, _checked(briefing, shared, columns)


def _decoded_mapped(path: Path, shared: ReadTogether | None, columns: Columns) -> Briefing | None:
    """A large regular file, decoded from a memory map (mapped.py) when it holds no
    surprise: one that breaks a pattern or does not decode is read whole, and the
    problems are found and worded there."""
    if path_kind(path) != "large":
        return None
    from briefcli.mapped import decode_mapped
    from briefcli.unchecked import breaks_a_pattern

    with collector_paused():
        briefing = decode_mapped(path, MAX_BYTES)
    if briefing is None or breaks_a_pattern(briefing, None if shared is None else shared.matched, columns):
        return None
    _last_parsed[:] = [briefing]
    return briefing


def parse_briefing(data: bytes) -> tuple[Briefing | None, list[Problem]]:
    """Decode and check; the briefing (None if it does not decode) and every problem.
    Always the pattern-free way, whatever the size: the tests pin it with small files."""
    columns: Columns = {}
    briefing, problems = _decoded(data, None, columns)
    return (None, problems) if briefing is None else (briefing, _checked(briefing, None, columns))


def _decoded(
    data: bytes, shared: ReadTogether | None, columns: Columns, *, direct: bool = False
) -> tuple[Briefing | None, list[Problem]]:
    """The briefing (None if it does not decode, with why); `direct`: decoded with the
    model's own types, patterns and all, in one step (LONE_DIRECT_BYTES). A file that
    way refuses is decoded the pattern-free way too: msgspec checks the pattern of every
    value it decodes, also the first of a key given twice, which it then drops; the
    pattern-free way checks the patterns of the values kept, as every other way does."""
    briefing: Briefing | None = None
    try:
        with collector_paused():
            if direct:
                with suppress(msgspec.ValidationError):  # the pattern-free way decides, and says why
                    briefing = msgspec.json.decode(data, type=Briefing)
            if briefing is None:
                from briefcli.unchecked import UncheckedBriefing, breaks_a_pattern

                briefing = msgspec.json.decode(data, type=UncheckedBriefing)
                # A value that breaks a pattern: the model's own types say what and where
                if breaks_a_pattern(briefing, None if shared is None else shared.matched, columns):
                    briefing = msgspec.json.decode(data, type=Briefing)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        from briefcli.decoding import decoding_problems  # only for a file that does not decode

        return None, decoding_problems(data)
    _last_parsed[:] = [briefing]
    return briefing, []


@contextmanager
def collector_paused() -> Iterator[None]:
    """Decoding allocates millions of objects, none in a cycle: the garbage collector
    need not scan them (a process where it was off keeps it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _checked(briefing: Briefing, shared: ReadTogether | None, columns: Columns) -> list[Problem]:
    answers = None if shared is None else shared.answers.setdefault(briefing.source.paragraphs, {})
    return check_briefing(briefing, answers=answers, columns=columns)
