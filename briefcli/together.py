"""Several briefings read as one: a story's days, one small file each.

Briefings of one story repeat each other's records: the same actors, most of the same
events and quotes, often the same summary. Read one at a time, each file pays Python's
cost per file and per record. Read together, each file's members are first left as
their bytes (msgspec.Raw), and a record whose bytes recur is decoded once: the one
object then stands in every briefing that holds it (records are frozen: model.py).
The patterns and the rules run once per distinct record, and only what depends on a
briefing (its ids, the actors it names, its paragraph count) briefing by briefing. The
distinct records' bytes, and the last file's sections, are kept until the files are
checked: at most their size and one file more.

This way only says yes: on any fault, load.py reads the files again one at a time, the
way that says what and where.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from briefcli.load import BriefingError, StreamsRead, collector_paused, path_kind, read_briefing_bytes
from briefcli.model import Briefing
from briefcli.rules import briefings_pass
from briefcli.unchecked import (
    MEMBER_TYPES,
    SHARED_SECTIONS,
    RawMembers,
    UncheckedBriefing,
    any_breaks_a_pattern,
)


def read_together(resolved: Sequence[tuple[Path, str]]) -> tuple[list[Briefing] | None, StreamsRead]:
    """The briefings, read, decoded and checked; None when any file is large (mapped.py
    decodes it a part at a time, alone), cannot be read or decoded, gives a key twice or
    writes one with an escape, or breaks a pattern or a rule. And what was read of each
    stream (it cannot be read twice)."""
    streams: StreamsRead = {}
    kinds = [path_kind(path) for path, _ in resolved]
    if "large" in kinds:  # before any is read: each would be decoded twice
        return None, streams
    reader = _Reader()
    briefings: list[Briefing] = []
    with collector_paused():
        for index, ((path, where), kind) in enumerate(zip(resolved, kinds, strict=True)):
            try:
                data = read_briefing_bytes(path, where)
            except BriefingError as error:
                if kind == "stream":
                    streams[index] = error
                return None, streams
            if kind == "stream":
                streams[index] = data
            briefing = reader.briefing(data)
            if briefing is None:
                return None, streams
            briefings.append(briefing)
    shared = {name: list(seen.values()) for name, seen in reader.known.items()}
    if any_breaks_a_pattern(briefings, shared) or not briefings_pass(briefings, shared):
        return None, streams
    return briefings, streams


class _Reader:
    """Decodes files' members, each distinct record of a shared section once."""

    def __init__(self) -> None:
        self.members = msgspec.json.Decoder(RawMembers)
        self.decoders = {  # the members not shared: small, decoded as they are
            name: msgspec.json.Decoder(kind)
            for name, kind in MEMBER_TYPES.items()
            if name not in SHARED_SECTIONS
        }
        self.records = {name: msgspec.json.Decoder(kind) for name, kind in SHARED_SECTIONS.items()}
        self.raw_list = msgspec.json.Decoder(list[msgspec.Raw])
        # Each shared section's distinct records, by their bytes, in the order first met.
        self.known: dict[str, dict[bytes, Any]] = {name: {} for name in SHARED_SECTIONS}
        self.previous: dict[str, tuple[bytes, list[Any]]] = {}

    def briefing(self, data: bytes) -> Briefing | None:
        """The file's briefing, as UncheckedBriefing (its patterns not yet checked); None
        when it does not decode, or holds anything read alone would see otherwise."""
        try:
            members = self.members.decode(data)
            if not each_member_once(data, members):
                return None
            values = {}
            for name in MEMBER_TYPES:
                raw = getattr(members, name)
                if not raw:
                    continue  # absent: the type's default
                if name == "summary":
                    values[name] = _decoded_once(raw, self.known[name], self.records[name])
                elif name in SHARED_SECTIONS:
                    values[name] = self.records_of(name, raw)
                else:
                    values[name] = self.decoders[name].decode(raw)
        except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
            return None
        briefing: Briefing = UncheckedBriefing(**values)
        return briefing

    def records_of(self, section: str, raw: msgspec.Raw) -> list[Any]:
        """A shared section's records. The same bytes as the file before's (a story's
        days repeat their actors whole): its list again, for the cost of comparing."""
        whole = bytes(raw)
        previous = self.previous.get(section)
        if previous is not None and previous[0] == whole:
            return previous[1]
        seen, decoder = self.known[section], self.records[section]
        records = [_decoded_once(item, seen, decoder) for item in self.raw_list.decode(whole)]
        self.previous[section] = whole, records
        return records


def _decoded_once(raw: msgspec.Raw, seen: dict[bytes, Any], decoder: msgspec.json.Decoder[Any]) -> Any:
    key = bytes(raw)
    record = seen.get(key)
    if record is None:
        record = seen[key] = decoder.decode(key)
    return record


_SPACE = rb"[ \t\n\r]*"  # JSON's white space
_KEY = re.compile(_SPACE + rb'"([^"\\]*)"' + _SPACE + rb":" + _SPACE)  # a key with no escape in it
_AFTER = re.compile(_SPACE + rb"([,}])")
_NAMES = {info.encode_name.encode(): info.name for info in msgspec.structs.fields(RawMembers)}


def each_member_once(data: bytes, members: Any) -> bool:
    """Whether the file's object holds each member once, at the place of the bytes msgspec
    kept for it. msgspec keeps the last value of a key given twice, and a value left as
    bytes is only skimmed: read alone, every value is decoded to its type, and a first
    one of the wrong type refused. A key written with an escape is a no too (the files
    are then read one at a time, which is only slower)."""
    cursor = data.index(b"{") + 1  # msgspec decoded an object: only white space before it
    while True:
        key = _KEY.match(data, cursor)
        if key is None or (name := _NAMES.get(key[1])) is None:
            return False
        # A key given twice with the same value both times reads as given once.
        value = getattr(members, name)
        if not data.startswith(value, key.end()):
            return False
        after = _AFTER.match(data, key.end() + len(value))
        if after is None:
            return False  # a longer number there, that starts alike (12 where 1 was kept)
        if after[1] == b"}":
            return True
        cursor = after.end()
