"""JSON, jsonl and CSV: UTF-8 bytes on stdout whatever the locale, never through Rich.

Listings are streamed a chunk of records at a time, so that a large timeline
starts at once and `| head` ends it without everything being encoded first.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, BinaryIO

import msgspec

from briefcli.render.records import Record, flat
from briefcli.render.safe import escape_json_bytes, inert

CHUNK = 1000


def _stdout(out: BinaryIO | None) -> BinaryIO:
    return out if out is not None else sys.stdout.buffer


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def write_json(value: Any, out: BinaryIO | None = None) -> None:
    """One JSON document, indented by two spaces."""
    encoded = msgspec.json.format(msgspec.json.encode(value), indent=2)
    _stdout(out).write(escape_json_bytes(encoded) + b"\n")


def write_json_array(records: Iterable[Record], out: BinaryIO | None = None) -> None:
    """A JSON array of records, indented as `write_json` would, written chunk by chunk."""
    out = _stdout(out)
    out.write(b"[")
    separator = b""
    for chunk in _chunks(records):
        # format() gives "[\n  {...},\n  {...}\n]": keep what lies between the brackets.
        body = msgspec.json.format(msgspec.json.encode(chunk), indent=2)[1:-2]
        out.write(separator + escape_json_bytes(body))
        separator = b","
    out.write(b"\n]\n" if separator else b"]\n")


_lines_encoder = msgspec.json.Encoder()


def write_jsonl(records: Iterable[Record], out: BinaryIO | None = None) -> None:
    """One compact JSON record per line."""
    out = _stdout(out)
    for chunk in _chunks(records):
        out.write(escape_json_bytes(_lines_encoder.encode_lines(chunk)))


def write_csv(
    records: Iterable[Record], fields: Sequence[str], *, terminal: bool, out: BinaryIO | None = None
) -> None:
    """A header row, then one row per record; nested fields flattened by `flat`.

    CSV keeps the text exact for the programs it is piped to; on a terminal, a person
    reads it, so control and escape characters are spelled out as in every human view.
    """
    import csv
    import io

    out = _stdout(out)
    clean = inert if terminal else (lambda text: text)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for chunk in _chunks(records):
        writer.writerows([clean(flat(record.get(name))) for name in fields] for record in chunk)
        out.write(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
    out.write(buffer.getvalue().encode("utf-8"))


def write_lines(lines: Iterable[str], out: BinaryIO | None = None) -> None:
    """Text lines (Markdown), as UTF-8 whatever the locale."""
    out = _stdout(out)
    for line in lines:
        out.write(line.encode("utf-8") + b"\n")
