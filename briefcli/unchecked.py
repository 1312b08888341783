"""The model's types without their text patterns, for a fast decode; the patterns after.

msgspec checks a pattern (an id, an ISO date, a URL) by calling Python's `re` once per
string: on a large briefing that is about half of the decoding time, spent on values
that repeat (dates, actor references). `UncheckedBriefing` is the model with every
pattern taken out, derived from model.py (which stays the one definition): its types
are subclasses of the model's, so a record it decodes *is* a model record. Then
`breaks_a_pattern` checks each pattern once per distinct value, a column at a time.
A briefing that breaks one is decoded again with the model's own types (load.py), so
that msgspec refuses it exactly as before.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Collection, Iterable, Iterator
from itertools import chain
from operator import attrgetter
from types import UnionType
from typing import Annotated, Any, get_args, get_origin

import msgspec
from msgspec import Meta

from briefcli.model import Actor, Briefing, Event, Quote, Summary

_META_FIELDS = ("gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "tz", "title",
                "description", "examples", "extra_json_schema", "extra")  # fmt: skip

#: For each derived type: its fields that hold a pattern (name, pattern, a list of
#: values?), and its fields that hold records (name, their derived type, a list?).
_PATTERNED: dict[type[Any], list[tuple[str, str, bool]]] = {}
_NESTED: dict[type[Any], list[tuple[str, type[Any], bool]]] = {}
_DERIVED: dict[type[Any], type[Any]] = {}


class _Found:
    """What a field's type holds, found while its pattern-free form is made."""

    def __init__(self) -> None:
        self.pattern: str | None = None
        self.record: type[Any] | None = None
        self.many = False


def _without_patterns(annotation: Any, found: _Found) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        kept = []
        for meta in metadata:
            if isinstance(meta, Meta) and meta.pattern is not None:
                found.pattern = meta.pattern
                others = {
                    name: getattr(meta, name) for name in _META_FIELDS if getattr(meta, name) is not None
                }
                if others:
                    kept.append(Meta(**others))
            else:
                kept.append(meta)
        inner = _without_patterns(base, found)
        arguments = (inner, *kept)  # a tuple subscript is the same as its items written out
        return Annotated[arguments] if kept else inner
    if origin is list:
        found.many = True
        return list[_without_patterns(get_args(annotation)[0], found)]  # type: ignore[misc]
    if origin is UnionType or origin is typing.Union:
        return typing.Union[tuple(_without_patterns(arg, found) for arg in get_args(annotation))]  # noqa: UP007
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        derived = _derive(annotation)
        if derived is not annotation:
            found.record = derived
        return derived
    return annotation


def _derive(record_type: type[Any]) -> type[Any]:
    """The record type without patterns: a subclass redefining the fields that hold one
    (or hold records that do), or the type itself when none does."""
    if record_type in _DERIVED:
        return _DERIVED[record_type]
    redefined: list[tuple[str, Any, Any]] = []
    patterned: list[tuple[str, str, bool]] = []
    nested: list[tuple[str, type[Any], bool]] = []
    for info in msgspec.structs.fields(record_type):
        found = _Found()
        annotation = _without_patterns(info.type, found)  # msgspec's resolved type, Meta included
        if found.pattern is None and found.record is None:
            continue
        if found.pattern is not None:
            patterned.append((info.name, found.pattern, found.many))
        if found.record is not None:
            nested.append((info.name, found.record, found.many))
        name = None if info.encode_name == info.name else info.encode_name
        if info.required:
            default = msgspec.field(name=name)
        elif info.default_factory is not msgspec.NODEFAULT:
            default = msgspec.field(default_factory=info.default_factory, name=name)
        else:
            default = msgspec.field(default=info.default, name=name)
        redefined.append((info.name, annotation, default))
    if not redefined:
        _DERIVED[record_type] = record_type
        return record_type
    derived = msgspec.defstruct(
        record_type.__name__, redefined, bases=(record_type,), module=__name__, kw_only=True
    )
    derived.__doc__ = record_type.__doc__
    _DERIVED[record_type] = derived
    _PATTERNED[derived] = patterned
    _NESTED[derived] = nested
    return derived


UncheckedBriefing: type[Briefing] = _derive(Briefing)
#: The events of an UncheckedBriefing, decoded apart (mapped.py).
UncheckedEvents: Any = msgspec.structs.fields(UncheckedBriefing)[
    UncheckedBriefing.__struct_fields__.index("events")
].type
#: An UncheckedBriefing whose events are left as their bytes, to be decoded apart.
RawEventsBriefing: type[Any] = msgspec.defstruct(
    "RawEventsBriefing",
    [("events", list[msgspec.Raw])],
    bases=(UncheckedBriefing,),
    module=__name__,
    kw_only=True,
)

#: The sections in which briefings read together repeat each other's records, each with
#: its records' pattern-free type (together.py: the records of a list, or the summary).
SHARED_SECTIONS: dict[str, type[Any]] = {
    "summary": _derive(Summary),
    "actors": _derive(Actor),
    "events": _derive(Event),
    "quotes": _derive(Quote),
}
#: A briefing's members (its top-level fields) each left as its bytes, by the same keys
#: and as required (one absent is empty): together.py checks the file's layout, then
#: decodes each member.
RawMembers: type[Any] = msgspec.defstruct(
    "RawMembers",
    [
        (info.name, msgspec.Raw, msgspec.field(name=info.encode_name))
        if info.required
        else (info.name, msgspec.Raw, msgspec.field(default_factory=msgspec.Raw, name=info.encode_name))
        for info in msgspec.structs.fields(UncheckedBriefing)
    ],
    module=__name__,
    kw_only=True,
    forbid_unknown_fields=True,
)
#: The pattern-free type of each member of a briefing, by its name.
MEMBER_TYPES: dict[str, Any] = {info.name: info.type for info in msgspec.structs.fields(UncheckedBriefing)}


#: The distinct values of each patterned field, by its path ("events.actors"): what the
#: pattern check gathered, which the rules need again (ids, references).
Columns = dict[str, set[Any]]


def breaks_a_pattern(
    briefing: Briefing, matched: dict[str, set[str]] | None = None, columns: Columns | None = None
) -> bool:
    """Whether any value of a briefing decoded as UncheckedBriefing breaks its pattern
    (msgspec searches a value with the pattern, as `re.search` does). `matched` holds
    the values known to match each pattern, shared by briefings read together: they
    repeat each other's ids, dates and addresses, and each is searched once. When none
    breaks, `columns` gets each field's distinct values, so that the rules need not
    gather them again."""
    return _breaks(type(briefing), [briefing], matched, columns)


def any_breaks_a_pattern(briefings: list[Briefing], shared: dict[str, list[Any]]) -> bool:
    """Whether any value of these briefings breaks its pattern, the records of their
    shared sections given apart, each distinct record once (`shared`, by section:
    together.py): each pattern is searched once over the distinct values of all."""
    return _breaks(UncheckedBriefing, briefings, None, None, skipped=shared.keys()) or any(
        _breaks(SHARED_SECTIONS[name], records, None, None) for name, records in shared.items()
    )


def _breaks(
    root: type[Any],
    roots: list[Any],
    matched: dict[str, set[str]] | None,
    columns: Columns | None,
    skipped: Collection[str] = (),
) -> bool:
    """breaks_a_pattern on records of one type; `skipped`: fields of theirs not walked."""
    gathered: Columns = {}
    pending: list[tuple[type[Any], list[Any], str]] = [(root, roots, "")]
    while pending:
        record_type, records, path = pending.pop()
        for name, pattern, many in _PATTERNED.get(record_type, ()):
            distinct = set(_column(records, name, many))
            distinct.discard(None)
            gathered[path + name] = distinct
            if matched is not None:
                known = matched.setdefault(pattern, set())
                distinct = distinct - known if known else distinct
            if not _all_match(re.compile(pattern), distinct):
                return True
            if matched is not None:
                known |= distinct
        for name, derived, many in _NESTED.get(record_type, ()):
            if not path and name in skipped:
                continue
            children = list(filter(None, _column(records, name, many)))  # records are never falsy
            if children:
                pending.append((derived, children, f"{path}{name}."))
    if columns is not None:
        columns.update(gathered)
    return False


#: What a pattern may hold for `_all_match` to check many values in one search: anchored
#: at both ends, and nothing that looks past a line (lookarounds, other anchors).
_LINE_LOCAL = r"\^(?:[^^$|\\(]|\\[^AZbBz]|\((?!\?<?[=!]))*\$"  # compiled when first used


_END = "$(?!\\n)"


def _all_match(pattern: re.Pattern[str], values: set[str]) -> bool:
    """Whether `pattern.search` finds every value, in one search over all of them, one
    per line, when the pattern stays within a line; else one search each."""
    # "$(?!\n)" is the end of a value (model.py); on lines of values that hold no line
    # break (checked below), it is the end of each line: $ in MULTILINE mode.
    source = pattern.pattern.removesuffix(_END) + "$" if pattern.pattern.endswith(_END) else pattern.pattern
    if len(values) < 64 or pattern.flags & re.MULTILINE or not re.fullmatch(_LINE_LOCAL, source):
        return all(map(pattern.search, values))
    text = "\n".join(values)
    if text.count("\n") != len(values) - 1:  # a value holds a line break: one at a time
        return all(map(pattern.search, values))
    # With ^ and $ at each line's ends, a line has at most one match starting at its
    # start; one that runs over into the next line leaves that line without one.
    by_lines = re.compile(source, pattern.flags | re.MULTILINE)
    return len(by_lines.findall(text)) == len(values)


def _column(records: Iterable[Any], name: str, many: bool) -> Iterator[Any]:
    values = map(attrgetter(name), records)
    return chain.from_iterable(values) if many else values
