"""Find, read and validate a briefing. Every failure is a BriefingError.

The fast path decodes the file straight into the typed model (msgspec validates
while it decodes), then checks the rules a type cannot say. Only when that fails
does a second, slower pass run, to report every problem with its JSON path.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

from briefcli.dates import LENGTH_AT, iso_period, precision_of
from briefcli.errors import BriefError
from briefcli.model import Actor, Briefing, Citation, Event, Evidence, Quote, Text

#: A briefing larger than this is refused, before it is read when it is a regular file
#: (a pipe is read up to the limit). The bundled briefing is ~40 kB; a generated one
#: with 100,000 events and 10,000 actors ~100 MiB.
MAX_BYTES = 128 * 1024 * 1024
MAX_EVIDENCE_WORDS = 25
_BOM = b"\xef\xbb\xbf"


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a briefing: where (a JSON path, or None for the whole file) and what."""

    path: str | None
    message: str

    def __str__(self) -> str:
        return self.message if self.path is None else f"{self.path}: {self.message}"


class BriefingError(BriefError):
    """A briefing file that cannot be used, with every problem found in it."""

    def __init__(self, where: str, problems: list[Problem]) -> None:
        self.where = where
        self.problems = problems
        more = len(problems) - 1
        tail = f" (and {more} more: run 'brief validate {where}')" if more else ""
        super().__init__(f"{where}: {problems[0]}{tail}")


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
        return None, _decoding_problems(data)
    finally:
        if gc_was_enabled:
            gc.enable()
    return briefing, check_briefing(briefing)


# --- decoding problems ------------------------------------------------------------

_SECTIONS: tuple[tuple[str, type[Any]], ...] = (
    ("actors", Actor),
    ("events", Event),
    ("quotes", Quote),
)
_MSGSPEC_AT = r"^(?P<message>.*?)(?: - at `(?P<path>\$[^`]*)`)?$"  # compiled when first needed
_VERSION_1 = (
    "expected 2, got 1: version 1 wrote each source as one text; version 2 makes it a list "
    "of records {outlet, title, url, date} (see the README's JSON fields)"
)
_FRIENDLY_PATTERNS = {
    "^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$": "an ISO date such as 2025-07-14, 2025-07 or 2025",
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "an id of lower-case words joined by hyphens, like mark-rutte",
    "^[0-9a-f]{64}$": "64 lower-case hexadecimal digits",
    "^[a-z]{2}$": "a two-letter language code, like fr",
    "^https?://[^\\s;]+$": "one http or https address without spaces",
}


def _decoding_problems(data: bytes) -> list[Problem]:
    """The slow pass: decode without types, then check each record on its own."""
    if not data.strip():
        return [Problem(None, "the file is empty: expected a JSON object")]
    try:
        data.decode("utf-8")  # for the offset in the file, which msgspec does not give
    except UnicodeDecodeError as exc:
        return [Problem(None, f"not valid UTF-8 (byte {exc.start})")]
    try:
        document = msgspec.json.decode(data)
    except RecursionError:
        return [Problem(None, "JSON nested too deeply to be a briefing")]
    except msgspec.DecodeError as exc:
        reason = str(exc).removeprefix("JSON is malformed: ")
        if reason == "Input data was truncated":
            reason = "it ends too soon (truncated)"
        return [Problem(None, f"not valid JSON: {reason}")]
    if not isinstance(document, dict):
        return [Problem("$", f"expected a JSON object, got {_json_type(document)}")]

    problems: list[Problem] = []
    shell = dict(document)
    for key, record_type in _SECTIONS:
        items = document.get(key)
        if isinstance(items, list):
            shell[key] = []  # checked one by one below, so that one bad record hides no other
            for index, item in enumerate(items):
                try:
                    msgspec.convert(item, record_type)
                except msgspec.ValidationError as exc:
                    problems.append(_validation_problem(exc, f"$.{key}[{index}]", item))
    try:
        msgspec.convert(shell, Briefing)
    except msgspec.ValidationError as exc:
        problems.insert(0, _validation_problem(exc, "$", shell))
    return problems or [Problem("$", "not a valid briefing")]


def _validation_problem(exc: msgspec.ValidationError, prefix: str, root: Any) -> Problem:
    match = re.match(_MSGSPEC_AT, str(exc), re.DOTALL)
    assert match is not None  # the pattern matches any text
    message, inner = match["message"], match["path"] or "$"
    path = prefix + inner[1:]
    if field := re.fullmatch(r"Object missing required field `(.+)`", message):
        return Problem(f"{path}.{field[1]}", "required, but missing")
    if field := re.fullmatch(r"Object contains unknown field `(.+)`", message):
        return Problem(f"{path}.{field[1]}", "unknown field (not in the briefing schema)")
    if pattern := re.fullmatch(r"Expected `str` matching regex '(.+)'", message):
        wanted = _FRIENDLY_PATTERNS.get(pattern[1].replace("\\\\", "\\"), f"text matching {pattern[1]}")
        value = _value_at(root, inner)
        return Problem(
            path, f"expected {wanted}, got {value!r}" if isinstance(value, str) else f"expected {wanted}"
        )
    if message.startswith("Invalid enum value"):
        allowed = _allowed_values(inner, prefix)
        value = _value_at(root, inner)
        if path == "$.schema_version" and value == 1:
            return Problem(path, _VERSION_1)
        if allowed:
            return Problem(path, f"expected one of {', '.join(map(str, allowed))}, got {value!r}")
    message = message.replace("`", "")
    return Problem(path, message[:1].lower() + message[1:])


def _allowed_values(inner: str, prefix: str) -> list[Any] | None:
    """The values the schema allows at a path: the generated schema is the one source."""
    schema = msgspec.json.schema(Briefing)
    definitions = schema["$defs"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[-1]]
        return node

    node = resolve(schema)
    for key, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", (prefix + inner[1:])[1:]):
        node = resolve(node)
        branches = node.get("anyOf", [node])
        node = next((b for b in map(resolve, branches) if ("items" if index else "properties") in b), node)
        node = node.get("items", {}) if index else node.get("properties", {}).get(key, {})
    node = resolve(node)
    for branch in map(resolve, node.get("anyOf", [node])):
        if "enum" in branch:
            return list(branch["enum"])
    return None


def _value_at(root: Any, path: str) -> Any:
    """The value a msgspec path like `$.events[3].date` points to, or None."""
    node = root
    for key, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path[1:]):
        try:
            node = node[key] if key else node[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _json_type(value: Any) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number")


# --- rules a type cannot say ------------------------------------------------------


def check_briefing(briefing: Briefing) -> list[Problem]:
    """Every problem with ids, references, dates, evidence and texts, in file order.

    Linear in the briefing's size; a JSON path is only formatted for a problem found.
    """
    checker = _Checker(briefing)
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.problems: list[Problem] = []
        self.actor_ids = {actor.id for actor in briefing.actors}
        self.good_dates: set[str] = set()  # a large briefing repeats its dates: check each once
        self.good_quotes: set[str] = set()
        self.good_citations: set[tuple[str, str, str | None, str | None]] = set()

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def run(self) -> None:
        briefing = self.briefing
        all_ids = [record.id for _, records in _sections(briefing) for record in records]
        if len(set(all_ids)) != len(all_ids):  # only then look for where
            first_use: dict[str, str] = {}
            for section, records in _sections(briefing):
                for index, record in enumerate(records):
                    if record.id in first_use:
                        self.add(
                            f"$.{section}[{index}].id",
                            f"duplicate id {record.id!r} (first at {first_use[record.id]})",
                        )
                    else:
                        first_use[record.id] = f"$.{section}[{index}].id"

        source = briefing.source
        self.date("$.source.published", source.published)
        if source.published_basis == "public-record" and not source.published_sources:
            self.add("$.source.published_sources", "required when published_basis is public-record")
        self.citations("$.source.published_sources", source.published_sources)
        self.refer("$.source.correspondent", source.correspondent)

        summary = briefing.summary
        self.text("$.summary.headline", summary.headline)
        self.text("$.summary.bottom_line", summary.bottom_line)
        for section, points in (("key_points", summary.key_points), ("watch", summary.watch)):
            for index, point in enumerate(points):
                self.text(f"$.summary.{section}[{index}].text", point.text)
                self.evidence(f"$.summary.{section}[{index}]", point.evidence)

        for index, actor in enumerate(briefing.actors):
            where = f"$.actors[{index}]"
            self.text(f"{where}.name", actor.name)
            self.text(f"{where}.role", actor.role)
            self.text(f"{where}.story", actor.story)
            if actor.correction is not None:
                self.text(f"{where}.correction.note", actor.correction.note)
                self.citations(f"{where}.correction.sources", actor.correction.sources)
            for position, fact in enumerate(actor.public_record):
                self.text(f"{where}.public_record[{position}].fact", fact.fact)
                self.citations(f"{where}.public_record[{position}].sources", fact.sources)
            self.refer(f"{where}.affiliation", actor.affiliation)
            if actor.affiliation == actor.id:
                self.add(f"{where}.affiliation", "an actor cannot be its own affiliation")
            self.evidence(where, actor.evidence)

        # The events are most of a large briefing: a valid one passes through this loop on
        # values already checked once (dates, quotes), and no JSON path is formatted.
        actor_ids, good_dates, good_quotes = self.actor_ids, self.good_dates, self.good_quotes
        good_citations = self.good_citations
        paragraphs = source.paragraphs
        for index, event in enumerate(briefing.events):
            if not (event.title.en or event.title.fr):
                self.add(f"$.events[{index}].title", _NO_LANGUAGE)
            if not (event.detail.en or event.detail.fr):
                self.add(f"$.events[{index}].detail", _NO_LANGUAGE)
            for item in event.evidence:
                if item.para > paragraphs or item.quote not in good_quotes:
                    self.evidence(f"$.events[{index}]", event.evidence)
                    break
            if not (
                event.end is None
                and event.date in good_dates
                and len(event.date) == LENGTH_AT[event.precision]
                and (event.basis == "article" or event.sources)
                and (event.direction is None) == (event.kind not in _DIRECTED)
            ):
                self.event(index, event)  # the full check, for anything less plain
            sources = event.sources
            if sources:  # the usual case, one source already seen, costs one lookup
                first = sources[0]
                if (
                    len(sources) > 1
                    or first.url is None
                    or (first.outlet, first.title, first.url, first.date) not in good_citations
                ):
                    self.citations(f"$.events[{index}].sources", sources)
            if not actor_ids.issuperset(event.actors):
                for position, actor_id in enumerate(event.actors):
                    self.refer(f"$.events[{index}].actors[{position}]", actor_id)

        for index, quote in enumerate(briefing.quotes):
            self.text(f"$.quotes[{index}].context", quote.context)
            self.refer(f"$.quotes[{index}].speaker", quote.speaker)
            self.evidence(f"$.quotes[{index}]", quote.evidence)

    def refer(self, path: str, actor_id: str | None) -> None:
        if actor_id is not None and actor_id not in self.actor_ids:
            self.add(path, f"unknown actor {actor_id!r}{_did_you_mean(actor_id, self.actor_ids)}")

    def text(self, path: str, text: Text) -> None:
        if not (text.en or text.fr):
            self.add(path, _NO_LANGUAGE)

    def evidence(self, where: str, items: Sequence[Evidence]) -> None:
        paragraphs = self.briefing.source.paragraphs
        for position, item in enumerate(items):
            if item.para <= paragraphs and item.quote in self.good_quotes:
                continue
            path = f"{where}.evidence[{position}]"
            if item.para > paragraphs:
                self.add(
                    f"{path}.para", f"paragraph {item.para} is out of range: the article has {paragraphs}"
                )
            words = len(item.quote.split())
            if words == 0:
                self.add(f"{path}.quote", "the quote is blank")
            elif words > MAX_EVIDENCE_WORDS:
                self.add(f"{path}.quote", f"{words} words: evidence is at most {MAX_EVIDENCE_WORDS}")
            else:
                self.good_quotes.add(item.quote)

    def citations(self, path: str, items: Sequence[Citation]) -> None:
        """One source per record, none blank, and at least one URL for the fact."""
        for position, item in enumerate(items):
            key = _citation_key(item)
            if key in self.good_citations:
                continue
            where = f"{path}[{position}]"
            before = len(self.problems)
            for field in ("outlet", "title"):
                value: str = getattr(item, field)
                if not value.strip():
                    self.add(f"{where}.{field}", "is blank")
                elif _URL_INSIDE in value.lower() or "://" in value:
                    self.add(f"{where}.{field}", "holds an address: put it in 'url', one source per record")
                elif ";" in value:
                    self.add(f"{where}.{field}", "holds ';': one source per record, so write two records")
            if item.url is not None and item.url.count("://") > 1:
                self.add(f"{where}.url", "holds two addresses: one source per record")
            if item.date is not None:
                self.date(f"{where}.date", item.date)
            if len(self.problems) == before:
                self.good_citations.add(key)
        if items and all(item.url is None for item in items):
            self.add(path, "no source with a URL: give at least one 'url'")

    def date(self, path: str, value: str) -> bool:
        if value in self.good_dates:
            return True
        try:
            iso_period(value)
        except ValueError as exc:
            self.add(path, f"{value!r} is not a real calendar date ({exc})")
            return False
        self.good_dates.add(value)
        return True

    def event(self, index: int, event: Event) -> None:
        where = f"$.events[{index}]"
        start_ok = self.date(f"{where}.date", event.date)
        end_ok = event.end is None or self.date(f"{where}.end", event.end)
        if (
            start_ok
            and end_ok
            and event.end is not None
            and iso_period(event.end).end < iso_period(event.date).start
        ):
            self.add(f"{where}.end", f"ends ({event.end}) before it starts ({event.date})")
        if start_ok and event.precision != precision_of(event.date):
            self.add(
                f"{where}.precision",
                f"{event.precision!r} does not match the date {event.date!r} ({precision_of(event.date)})",
            )
        if event.basis == "public-record" and not event.sources:
            self.add(f"{where}.sources", "required when basis is public-record: name the sources")
        if event.kind == "policy-change" and event.direction is None:
            self.add(f"{where}.direction", "required for a policy change")
        if event.direction is not None and event.kind not in _DIRECTED:
            self.add(
                f"{where}.direction",
                f"only a policy change or a proposal has a direction, not a {event.kind}",
            )


_NO_LANGUAGE = "a text needs 'en', 'fr' or both"
_URL_INSIDE = "www."  # an address written into a citation's outlet or title


def _citation_key(citation: Citation) -> tuple[str, str, str | None, str | None]:
    return (citation.outlet, citation.title, citation.url, citation.date)


_DIRECTED = ("policy-change", "proposal")  # the kinds that may carry a direction


def _sections(briefing: Briefing) -> tuple[tuple[str, Sequence[Actor | Event | Quote]], ...]:
    return (("actors", briefing.actors), ("events", briefing.events), ("quotes", briefing.quotes))


def _did_you_mean(value: str, choices: set[str]) -> str:
    import difflib  # only on this error path

    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def iter_evidence(briefing: Briefing) -> Iterator[tuple[str, Evidence]]:
    """Every piece of evidence in the briefing, with its JSON path."""
    summary = briefing.summary
    for section, points in (("key_points", summary.key_points), ("watch", summary.watch)):
        for index, point in enumerate(points):
            for position, evidence in enumerate(point.evidence):
                yield f"$.summary.{section}[{index}].evidence[{position}]", evidence
    for section, records in _sections(briefing):
        for index, record in enumerate(records):
            for position, evidence in enumerate(record.evidence):
                yield f"$.{section}[{index}].evidence[{position}]", evidence
