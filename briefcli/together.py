"""Several briefings read as one: a story's days, one small file each.

Briefings of one story repeat each other's records: the same actors, most of the same
events and quotes, often the same summary. Read one at a time, each file pays Python's
cost per file and per record. Read together, each file is decoded with those records
left as their bytes (msgspec.Raw), and a record whose bytes recur is decoded once: the
one object then stands in every briefing that holds it (records are frozen: model.py).
The patterns and the rules run once per distinct record, and only what depends on a
briefing (its ids, the actors it names, its paragraph count) briefing by briefing. The
distinct records' bytes are kept until the files are checked: at most their size.

This way only says yes: on any fault, load.py reads the files again one at a time, the
way that says what and where.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from briefcli.load import BriefingError, StreamsRead, collector_paused, path_kind, read_briefing_bytes
from briefcli.model import Briefing
from briefcli.rules import briefings_pass
from briefcli.unchecked import SHARED_SECTIONS, RawRecordsBriefing, UncheckedBriefing, any_breaks_a_pattern


def read_together(resolved: Sequence[tuple[Path, str]]) -> tuple[list[Briefing] | None, StreamsRead]:
    """The briefings, read, decoded and checked; None when any file is large (mapped.py
    decodes it a part at a time, alone), cannot be read or decoded, or breaks a pattern
    or a rule. And what was read of each stream (it cannot be read twice)."""
    streams: StreamsRead = {}
    kinds = [path_kind(path) for path, _ in resolved]
    if "large" in kinds:  # before any is read: each would be decoded twice
        return None, streams
    skeleton_decoder = msgspec.json.Decoder(RawRecordsBriefing)
    decoders = {name: msgspec.json.Decoder(record_type) for name, record_type in SHARED_SECTIONS.items()}
    # Each section's distinct records, by their bytes, in the order first met.
    known: dict[str, dict[bytes, Any]] = {name: {} for name in SHARED_SECTIONS}
    briefings: list[Briefing] = []
    fields = UncheckedBriefing.__struct_fields__
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
            try:
                skeleton = skeleton_decoder.decode(data)
                values = {name: getattr(skeleton, name) for name in fields}
                for name, decoder in decoders.items():
                    seen, raws = known[name], values[name]
                    if isinstance(raws, list):
                        values[name] = [_decoded_once(raw, seen, decoder) for raw in raws]
                    else:
                        values[name] = _decoded_once(raws, seen, decoder)
            except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
                return None, streams
            briefings.append(UncheckedBriefing(**values))
    shared = {name: list(seen.values()) for name, seen in known.items()}
    if any_breaks_a_pattern(briefings, shared) or not briefings_pass(briefings, shared, {}):
        return None, streams
    return briefings, streams


def _decoded_once(raw: msgspec.Raw, seen: dict[bytes, Any], decoder: msgspec.json.Decoder[Any]) -> Any:
    key = bytes(raw)
    record = seen.get(key)
    if record is None:
        record = seen[key] = decoder.decode(key)
    return record
