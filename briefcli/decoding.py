"""Why a briefing does not decode: msgspec's messages, as problems with JSON paths.

msgspec decodes a valid briefing straight into the typed model; only when that fails
does this slower pass run, to name every problem: it decodes without types, checks
each record on its own, and rewrites msgspec's (English) messages for people.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from briefcli.model import Actor, Briefing, Event, Quote
from briefcli.problems import Problem, shown

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
    "^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$(?!\\n)": "an ISO date such as 2025-07-14, 2025-07 or 2025",
    "^[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)": "an id of lower-case words joined by hyphens, like mark-rutte",
    "^[0-9a-f]{64}$(?!\\n)": "64 lower-case hexadecimal digits",
    "^[a-z]{2}$(?!\\n)": "a two-letter language code, like fr",
    "^https?://[^\\s;]+$(?!\\n)": "one http or https address without spaces",
}


def decoding_problems(data: bytes) -> list[Problem]:
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
    if field := re.fullmatch(r"Object missing required field `(.+)`", message, re.DOTALL):
        return Problem(f"{path}.{field[1]}", "required, but missing")
    if field := re.fullmatch(r"Object contains unknown field `(.*)`", message, re.DOTALL):
        # A key is input too: one that would not read as a JSON path step is quoted, and cut.
        if not re.fullmatch(r"[^.\[\]'\s]{1,60}", field[1]) or not field[1].isprintable():
            return Problem(path, f"unknown field {shown(field[1])} (not in the briefing schema)")
        return Problem(f"{path}.{field[1]}", "unknown field (not in the briefing schema)")
    if pattern := re.fullmatch(r"Expected `str` matching regex '(.+)'", message):
        wanted = _FRIENDLY_PATTERNS.get(pattern[1].replace("\\\\", "\\"), f"text matching {pattern[1]}")
        value = _value_at(root, inner)
        return Problem(
            path, f"expected {wanted}, got {shown(value)}" if isinstance(value, str) else f"expected {wanted}"
        )
    if message.startswith("Invalid enum value"):
        allowed = _allowed_values(inner, prefix)
        value = _value_at(root, inner)
        if path == "$.schema_version" and value == 1:
            return Problem(path, _VERSION_1)
        if allowed:
            return Problem(path, f"expected one of {', '.join(map(str, allowed))}, got {shown(value)}")
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
