"""A large briefing decoded from a memory map, its events a part at a time.

Decoding a whole file at once keeps its bytes and every record it becomes in memory
together: on a 119 MiB briefing, 119 MiB of bytes beside ~250 MiB of records. Here the
file is mapped, not read; one pass finds each event's bytes (msgspec.Raw, no copy),
then the events are decoded a part at a time, and the pages of the file already
decoded are handed back to the system (madvise MADV_DONTNEED: a page read again is
read again from the page cache, so this costs memory nothing and correctness nothing).
The peak is then the records plus a part of the file.

Anything unusual (no madvise, a byte-order mark, bytes that do not decode) gives None,
and load.py reads the file whole, as it reads every small file: the messages for a
broken file come from one place.
"""

from __future__ import annotations

import mmap
import os
import stat
from pathlib import Path
from typing import Any

import msgspec

from briefcli.model import Briefing

#: Files at least this large are decoded here; below it, reading them whole costs less
#: time (the pass that finds the events is ~8% of decoding) and little memory.
LARGE_BYTES = 32 * 1024 * 1024
_PART = 1000  # events decoded at a time: their bytes stay in the processor's cache


def decode_mapped(path: Path, max_bytes: int) -> Briefing | None:
    """The briefing at `path` as UncheckedBriefing (its patterns not yet checked), or
    None when it is not a large regular file or does not decode cleanly this way."""
    if not hasattr(mmap, "MADV_DONTNEED"):
        return None
    try:
        # stat before open: opening a FIFO would wait for a writer, and then lose its data
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or not LARGE_BYTES <= info.st_size <= max_bytes:
            return None
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or not LARGE_BYTES <= info.st_size <= max_bytes:
                return None
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as view:
                # Every msgspec.Raw holds the mapping: they are all gone when _decoded returns.
                return _decoded(view)
    except (OSError, ValueError, BufferError):
        return None


def _decoded(view: mmap.mmap) -> Briefing | None:
    from briefcli.unchecked import RawEventsBriefing, UncheckedBriefing, UncheckedEvents

    try:
        skeleton: Any = msgspec.json.decode(view, type=RawEventsBriefing)
        raws: list[msgspec.Raw] = skeleton.events
        decoder = msgspec.json.Decoder(UncheckedEvents)
        encoder = msgspec.json.Encoder()  # writes a list of Raw as a JSON array, copying bytes only
        events: list[Any] = []
        part: list[msgspec.Raw] = []
        # Where the events start, then how far they have been read: each part's bytes, and
        # at least a comma between two events. Never past the truth, so no page still to
        # be decoded is given back too early (and one that were would be read again).
        start = view.find(bytes(raws[0])) if raws else -1
        done = start
        for first in range(0, len(raws), _PART):
            part = raws[first : first + _PART]
            events += decoder.decode(encoder.encode(part))
            done += sum(map(len, part)) + len(part)
            if start >= 0 and done >= mmap.PAGESIZE:
                view.madvise(mmap.MADV_DONTNEED, 0, done - done % mmap.PAGESIZE)
        del part, raws
        fields = {name: getattr(skeleton, name) for name in UncheckedBriefing.__struct_fields__}
        del skeleton
        fields["events"] = events
        briefing: Briefing = UncheckedBriefing(**fields)
        return briefing
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
