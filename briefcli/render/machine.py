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

from briefcli.render.records import flat
from briefcli.render.safe import escape_json_bytes, inert

CHUNK = 1000


def _stdout(out: BinaryIO | None) -> BinaryIO:
    return out if out is not None else sys.stdout.buffer


def _chunks(records: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def write_json(value: Any, out: BinaryIO | None = None) -> None:
    """One JSON document, indented by two spaces."""
    encoded = msgspec.json.format(msgspec.json.encode(value), indent=2)
    _stdout(out).write(escape_json_bytes(encoded) + b"\n")


_lines_encoder = msgspec.json.Encoder()


def write_json_array(records: Iterable[Any], out: BinaryIO | None = None) -> None:
    """A JSON array with one compact record per line (as sqlite-utils writes it),
    written chunk by chunk: grep and head work on it, and jq reads it whole."""
    out = _stdout(out)
    out.write(b"[")
    separator = b""
    for chunk in _chunks(records):
        # Compact JSON has no raw newline but between the lines encode_lines() writes.
        body = _lines_encoder.encode_lines(chunk)[:-1].replace(b"\n", b",\n ")
        out.write(separator + escape_json_bytes(body))
        separator = b",\n "
    out.write(b"]\n")


def write_jsonl(records: Iterable[Any], out: BinaryIO | None = None) -> None:
    """One compact JSON record per line."""
    out = _stdout(out)
    for chunk in _chunks(records):
        out.write(escape_json_bytes(_lines_encoder.encode_lines(chunk)))


def write_csv(
    records: Iterable[Any], fields: Sequence[str], *, terminal: bool, out: BinaryIO | None = None
) -> None:
    """A header row, then one row per record; nested fields flattened by `flat`.

    CSV keeps the text exact for the programs it is piped to, except that a cell a
    spreadsheet would run as a formula (it begins with =, +, -, @, |, %, a tab or a
    carriage return) gets a leading apostrophe, as OWASP's CSV-injection guidance says.
    A row holding a carriage return is quoted whole, so that every reader sees one record.
    On a terminal, a person reads it: controls are spelled out as in every human view.
    """
    import io

    # defusedcsv is Python's csv with OWASP's formula neutralisation, maintained on its own.
    from defusedcsv import csv  # type: ignore[import-untyped]

    out = _stdout(out)
    clean = inert if terminal else (lambda text: text)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # csv quotes a cell only for the line terminator's characters: a bare CR would pass unquoted.
    quoting_all = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(fields)
    for chunk in _chunks(records):
        for record in chunk:
            row = [_defuse_blank_lead(clean(flat(getattr(record, name)))) for name in fields]
            (quoting_all if any("\r" in cell for cell in row) else writer).writerow(row)
        out.write(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
    out.write(buffer.getvalue().encode("utf-8"))


def _defuse_blank_lead(cell: str) -> str:
    """OWASP also names a leading tab or carriage return, which defusedcsv leaves as they are."""
    return "'" + cell if cell[:1] in ("\t", "\r") else cell


def write_lines(lines: Iterable[str], out: BinaryIO | None = None) -> None:
    """Text lines (Markdown), as UTF-8 whatever the locale."""
    out = _stdout(out)
    for line in lines:
        out.write(line.encode("utf-8") + b"\n")
