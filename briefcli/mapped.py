"""A large briefing decoded a part at a time, the memory of what is decoded handed back.

Decoding a whole file at once keeps its bytes and every record they become in memory
together: on a 119 MiB briefing, 119 MiB of bytes beside ~250 MiB of records. Here the
file is read into an anonymous memory map (one read, as load.py's: a file truncated or
rewritten meanwhile cannot crash brief or mix two versions); one pass finds each
event's bytes (msgspec.Raw, no copy); the events are decoded a part at a time, and the
pages of the map already decoded are handed back to the system (madvise
MADV_DONTNEED). The peak is then the records plus a part of the file.

Anything unusual (no madvise, a byte-order mark, bytes that do not decode, a second
"events" key, whose array msgspec would drop unseen) gives None, and load.py reads
the file whole, as it reads every small file: a broken file's problems are found and
worded in one place.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import re
import stat
from pathlib import Path
from typing import Any

import msgspec

from briefcli.model import Briefing

_PART = 1000  # events decoded at a time
# The key "events" as JSON may write it: msgspec reads "\u0065vents" as "events".
_EVENTS_KEY = b'"events"'
_ESCAPED_LETTER = rb"\\u00(?:65|76|6[eE]|74|73)"  # \u-escapes of e, v, n, t, s


def decode_mapped(path: Path, max_bytes: int) -> Briefing | None:
    """The briefing in the regular file at `path` as UncheckedBriefing (its patterns not
    yet checked), or None when it does not decode cleanly this way. load.py chooses the
    files: large and regular (a FIFO must not be opened here: closing it loses its data)."""
    if not hasattr(mmap, "MADV_DONTNEED"):
        return None
    try:
        # O_NONBLOCK: should the path have become a FIFO since load.py looked, this open
        # does not wait for a writer, and the check below turns it away.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with open(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode) or not 0 < size <= max_bytes:
            return None
        buffer = mmap.mmap(-1, size)
        try:
            if file.readinto(buffer) != size or file.read(1):  # it changed size while read
                return None
            return _decode_in_parts(buffer)
        finally:
            # A Raw still alive (an exception on its way out holds the frame that made
            # them) keeps the map open; the exception matters more than the close.
            with contextlib.suppress(BufferError):
                buffer.close()


def _decode_in_parts(buffer: mmap.mmap) -> Briefing | None:
    from briefcli.unchecked import RawEventsBriefing, UncheckedBriefing, UncheckedEvents

    try:
        skeleton: Any = msgspec.json.decode(buffer, type=RawEventsBriefing)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
    raws: list[msgspec.Raw] = skeleton.events
    if not raws:
        return None  # nothing to decode apart
    first = bytes(raws[0])
    # msgspec keeps the last of two "events" keys, so every other one comes before the
    # kept array's first event: there must be no other one there. That event starts at
    # most its events' length from the end: the last copy of it up to there is at or
    # after its start (and the search is short: the events are most of the file).
    last_start = len(buffer) - sum(map(len, raws))
    before = buffer.rfind(first, 0, last_start + len(first))
    if before < 0:
        return None  # cannot be; if it were, the whole-file way knows what it is
    if buffer.find(_EVENTS_KEY, buffer.find(_EVENTS_KEY, 0, before) + 1, before) >= 0:
        return None
    if re.search(_ESCAPED_LETTER, memoryview(buffer)[:before]) is not None:
        return None
    decoder = msgspec.json.Decoder(UncheckedEvents)
    encoder = msgspec.json.Encoder()  # writes a list of Raw as a JSON array, copying bytes only
    events: list[Any] = []
    # How far the events have been decoded: from the first copy of the first event, each
    # part's bytes and a comma per event, never past the truth (a page handed back is
    # zeros when read again, which msgspec refuses: only the decoded are handed back).
    done = buffer.find(first)
    try:
        for start in range(0, len(raws), _PART):
            part = raws[start : start + _PART]
            events += decoder.decode(encoder.encode(part))
            done += sum(map(len, part)) + len(part)
            if done >= mmap.PAGESIZE:
                buffer.madvise(mmap.MADV_DONTNEED, 0, done - done % mmap.PAGESIZE)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
    fields = {name: getattr(skeleton, name) for name in UncheckedBriefing.__struct_fields__}
    fields["events"] = events
    briefing: Briefing = UncheckedBriefing(**fields)
    return briefing
