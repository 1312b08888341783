"""The loader's fast paths say what the straightforward ones say.

A briefing is decoded without msgspec's per-string patterns and the patterns checked
after, once per distinct value (unchecked.py); the actors and events are checked a
column at a time before the record-by-record rules (rules.py). Both must accept
exactly what the model's types and the rules accept, and refuse with the same words.
"""

from __future__ import annotations

import ast
import copy
import json
import operator
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import load, mapped
from briefcli.load import MAX_BYTES, ReadTogether, parse_briefing, read_briefing
from briefcli.model import Briefing, Event
from briefcli.rules import check_briefing
from briefcli.unchecked import UncheckedBriefing, breaks_a_pattern
from tests.conftest import BUNDLED, FOLLOWUP, MINI, brief

_DOCUMENT: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
FOLLOWUP_BYTES = FOLLOWUP.read_bytes()

#: Where the model has a pattern: (path to the value, how to put a value there).
_PATTERNED = [
    "id",
    "source.language",
    "source.published",
    "source.sha256",
    "source.correspondent",
    "actors.0.id",
    "actors.0.affiliation",
    "events.0.id",
    "events.0.date",
    "events.0.end",
    "events.0.actors.0",
    "events.0.sources.0.url",
    "events.0.sources.0.date",
    "quotes.0.speaker",
]
_VALUES = st.sampled_from(
    ["mark-rutte", "a--b", "-a", "A", "", "2025", "2025-07-14", "2025-7", "fr", "ok\n", "a\nb", "https://x.org/a",
     "http://x y", "0" * 64, "é", "x;y", "https://a.org\n"]
) | st.text(max_size=12)  # fmt: skip


_ABSENT = object()  # as a value to put: the field taken out


def _put(document: dict[str, Any], path: str, value: Any) -> None:
    *steps, last = path.split(".")
    node: Any = document
    for step in steps:
        node = node[int(step)] if step.isdigit() else node[step]
    if value is _ABSENT:
        del node[int(last) if isinstance(node, list) else last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def _with_many_events(count: int) -> dict[str, Any]:
    """The mini briefing with `count` copies of its first event (distinct ids), so that
    the patterns are checked on many values at once."""
    document = copy.deepcopy(_DOCUMENT)
    first = document["events"][0]
    first["sources"] = [
        {"outlet": "AP", "title": "A report", "url": "https://example.org/a", "date": "2024-06"}
    ]
    document["events"] = [{**first, "id": f"event-{index}"} for index in range(count)] + document["events"][
        1:
    ]
    return document


@given(path=st.sampled_from(_PATTERNED), value=_VALUES, many=st.sampled_from([1, 100]))
@settings(max_examples=300, deadline=None)
def test_patterns_checked_after_decoding_refuse_what_msgspec_refuses(
    path: str, value: str, many: int
) -> None:
    document = _with_many_events(many)
    _put(document, path, value)
    data = json.dumps(document).encode()
    try:
        msgspec.json.decode(data, type=Briefing)
        strict_accepts = True
    except msgspec.ValidationError:
        strict_accepts = False
    unchecked = msgspec.json.decode(data, type=UncheckedBriefing)
    assert breaks_a_pattern(unchecked) is not strict_accepts
    assert isinstance(unchecked, Briefing) and isinstance(unchecked.events[0], Event)  # model records


@given(path=st.sampled_from(_PATTERNED), value=_VALUES)
@settings(max_examples=150, deadline=None)
def test_a_briefing_that_breaks_a_pattern_gets_msgspecs_own_problems(path: str, value: str) -> None:
    document = _with_many_events(3)
    _put(document, path, value)
    data = json.dumps(document).encode()
    briefing, problems = parse_briefing(data)
    try:
        strict = msgspec.json.decode(data, type=Briefing)
    except msgspec.ValidationError:
        assert briefing is None and problems  # decoding.py's words, as before
        return
    assert briefing is not None
    assert msgspec.json.encode(briefing) == msgspec.json.encode(strict)
    assert problems == check_briefing(strict, remember=False)


_TEXTS = st.sampled_from([{"en": "Mayor"}, {"fr": "Maire"}, {}, {"en": ""}, {"en": " "}, {"fr": "\u200bx"},
                          {"en": "x", "fr": "\u00a0"}, {"en": "Zoë", "fr": "Zoë"}])  # fmt: skip
_CITATIONS = st.sampled_from(
    [
        {"outlet": "AP", "title": "A report", "url": "https://example.org/a"},
        {"outlet": "AP", "title": "A report"},
        {
            "outlet": " ",
            "title": "www.example.org",
            "url": "https://a.org/https://b.org",
            "date": "2024-02-30",
        },
        {"outlet": "AP; Reuters", "title": "Two reports", "url": "https://example.org/b"},
        {"outlet": "AP", "title": "See https://example.org", "url": "https://example.org/c"},
        {"outlet": "WWW.AP.ORG", "title": "A report", "url": "https://example.org/d", "date": "2024-06"},
        {"outlet": "AP", "title": "A; B", "url": "https://example.org/e", "date": "2024-13"},
        {"outlet": "AP", "title": "A report", "url": "https://a.org/x?u=https://b.org"},
        {"outlet": "\u200bAP", "title": "A report", "url": "https://example.org/f"},
    ]
)


@given(
    actors=st.lists(
        st.fixed_dictionaries(
            {
                "name": _TEXTS,
                "role": _TEXTS,
                "story": _TEXTS,
                "aliases": st.lists(st.sampled_from(["la maire", " ", "\u2060", "x"]), max_size=2),
                "affiliation": st.sampled_from([None, "town-council", "self", "nobody"]),
                "facts": st.lists(
                    st.tuples(_TEXTS, st.lists(_CITATIONS, min_size=1, max_size=2)), max_size=2
                ),
                "para": st.sampled_from([1, 3, 4]),
            }
        ),
        max_size=6,
    )
)
@settings(max_examples=200, deadline=None)
def test_the_actors_checked_a_column_at_a_time_get_the_rules_answers(actors: list[dict[str, Any]]) -> None:
    document = copy.deepcopy(_DOCUMENT)
    template = document["actors"][0]
    for index, drawn in enumerate(actors):
        actor = {**template, "id": f"actor-{index}", "name": drawn["name"], "role": drawn["role"]}
        actor.update(story=drawn["story"], aliases=drawn["aliases"])
        actor["evidence"] = [{"para": drawn["para"], "quote": "La maire"}]
        affiliation = drawn["affiliation"]
        actor["affiliation"] = actor["id"] if affiliation == "self" else affiliation
        if affiliation is None:
            del actor["affiliation"]
        actor["public_record"] = [{"fact": fact, "sources": sources} for fact, sources in drawn["facts"]]
        document["actors"].append(actor)
    briefing = msgspec.json.decode(json.dumps(document).encode(), type=Briefing)
    assert check_briefing(briefing) == check_briefing(briefing, remember=False)


@given(citation=_CITATIONS, where=st.sampled_from(["fact", "event"]))
@settings(max_examples=60, deadline=None)
def test_one_citation_alone_gets_the_rules_answers(citation: dict[str, Any], where: str) -> None:
    """Everything else valid, so that the column checks alone decide."""
    document = copy.deepcopy(_DOCUMENT)
    if where == "fact":
        document["actors"][0]["public_record"] = [{"fact": {"en": "A fact"}, "sources": [citation]}]
    else:
        document["events"][0]["sources"] = [citation]
    briefing = msgspec.json.decode(json.dumps(document).encode(), type=Briefing)
    assert check_briefing(briefing) == check_briefing(briefing, remember=False)


_TWISTS = [None, "many", "few paragraphs", "an unreal date", "a long quote"]


@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(_PATTERNED),
            _VALUES,
            st.sampled_from([None, *_PATTERNED]),
            st.sampled_from(_TWISTS),
        ),
        min_size=2,
        max_size=4,
    )
)
@settings(max_examples=100, deadline=None)
def test_briefings_read_together_get_the_problems_each_gets_alone(
    changes: list[tuple[str, str, str | None, str]], tmp_path_factory: Any
) -> None:
    """Briefings read together share the values known to match a pattern and the rules'
    answers (load.ReadTogether): a value one of them got right never lets another get it wrong."""
    directory = tmp_path_factory.mktemp("together")
    for number, (path, value, also, twist) in enumerate(changes):
        document = _with_many_events(70 if twist == "many" else 2)  # 64 or more: one search for all
        if twist == "few paragraphs":  # the same evidence, out of range in this one only
            document["source"]["paragraphs"] = 1
        elif twist == "an unreal date":  # matches the date pattern; no such day
            document["events"][0]["sources"][0]["date"] = "2025-02-30"
        elif twist == "a long quote":
            document["events"][0]["evidence"][0]["quote"] = " ".join(["mot"] * 30)
        _put(document, path, value)
        if also is not None:
            _put(document, also, "mark-rutte")  # a value the others may hold as good
        (directory / f"{number}.json").write_text(json.dumps(document), encoding="utf-8")
    shared = ReadTogether()
    for file in sorted(directory.iterdir()):
        together = read_briefing(file, shared=shared)
        alone = parse_briefing(file.read_bytes())
        assert together[1] == alone[1], file.name
        assert (together[0] is None) is (alone[0] is None)


# --- briefings read as one: each distinct record decoded and checked once ------------

_LONG = " ".join(["mot"] * 30)
_NO_URL = [{"outlet": "AP", "title": "A report"}]
#: A fault for every rule and a few patterns and types, each (path, value); the value
#: "=actors.0.id" copies that value from the document (a duplicate, a self-reference).
_FAULTS: list[tuple[str, Any]] = [
    ("source.published", "2025-02-30"), ("source.published_basis", "public-record"),
    ("source.published_sources", _NO_URL), ("source.headline", " "), ("source.correspondent", "nobody"),
    ("source.correspondent", "=actors.1.id"), ("source.paragraphs", 2), ("source.language", "french"),
    ("summary.headline", {}), ("summary.headline", {"en": "\u200b"}), ("summary.bottom_line", {"en": ""}),
    ("summary.bottom_line", {"fr": " "}), ("summary.key_points.0.text", {"fr": "\u00a0"}),
    ("summary.key_points.0.evidence.0.quote", _LONG), ("summary.key_points.0.evidence.0.para", 9),
    ("summary.watch.0.evidence.0.para", 4), ("summary.watch.0.text", {"en": "Changed, still fine"}),
    ("actors.0.name", {"en": " "}), ("actors.0.role", {}), ("actors.0.affiliation", "nobody"),
    ("actors.0.affiliation", "=actors.0.id"), ("actors.1.id", "=actors.0.id"), ("actors.0.aliases", ["\u2060"]),
    ("actors.0.evidence.0.para", 4), ("actors.1.story", {"en": "Changed, still fine"}),
    ("actors.0.public_record", [{"fact": {"en": "A fact"}, "sources": [{"outlet": "AP; R", "title": "T",
                                                                        "url": "https://a.org"}]}]),
    ("actors.0.public_record", [{"fact": {"en": "A fact"}, "sources": _NO_URL}]),
    ("actors.0.correction", {"as_written": " ", "corrected": "Zoe", "note": {"en": "n"},
                             "sources": [{"outlet": "AP", "title": "T", "url": "https://a.org"}]}),
    ("actors.0.kind", "alien"), ("actors.0.id", "Zoë"),
    ("events.0.date", "2025-02-30"), ("events.2.end", "2024-06-01"), ("events.0.precision", "month"),
    ("events.0.basis", "public-record"), ("events.1.direction", None), ("events.0.direction", "increase"),
    ("events.0.actors", ["nobody"]), ("events.2.actors.0", "=actors.1.id"), ("events.0.title", {"en": ""}),
    ("events.0.sources", [{"outlet": "www.ap.org", "title": "T", "url": "https://a.org"}]),
    ("events.0.sources", [{"outlet": "AP", "title": "T", "url": "https://a.org/https://b.org"}]),
    ("events.0.sources", [{"outlet": "AP", "title": "T", "url": "https://a.org", "date": "2024-13"}]),
    ("events.0.evidence.0.quote", _LONG), ("events.2.evidence.0.para", 7), ("events.1.id", "=events.0.id"),
    ("events.0.date", "2023-01"), ("events.0.unknown", 1), ("events.1.title", {"en": "Changed, still fine"}),
    ("quotes.0.id", "=actors.0.id"), ("quotes.0.speaker", "nobody"), ("quotes.0.speaker", "=actors.1.id"),
    ("quotes.0.original", " "), ("quotes.0.translation", "\u2060"), ("quotes.0.context", {}),
    ("quotes.0.evidence.0.para", 5), ("quotes.0.evidence.0.quote", _LONG), ("id", "Mini"),
    ("events.0.evidence.0.quote", " "), ("quotes.0.evidence.0.quote", "\u00ad"),
    ("events.0.sources", [{"outlet": " ", "title": "T", "url": "https://a.org"}]),
    ("actors.0.public_record", [{"fact": {"en": "A fact"}, "sources": [{"outlet": "AP", "title": "See https://a.org",
                                                                        "url": "https://a.org"}]}]),
    ("summary", None), ("summary", {"headline": {"en": "x"}}), ("actors", {}), ("actors", [1]), ("events", "x"),
    ("quotes", None), ("extra", 1), ("schema_version", 1), ("source", []),
    ("quotes", _ABSENT), ("$schema", _ABSENT), ("summary.watch", _ABSENT), ("actors.0.aliases", _ABSENT),
    ("summary", _ABSENT), ("events.0.actors", _ABSENT),
]  # fmt: skip


def _faulted(number: int, faults: list[tuple[str, Any]], same_id: bool) -> dict[str, Any]:
    document = copy.deepcopy(_DOCUMENT)
    if not same_id:
        document["id"] = f"{document['id']}-{number}"
    for path, value in faults:
        try:
            if isinstance(value, str) and value.startswith("="):
                *steps, last = value[1:].split(".")
                node: Any = document
                for step in steps:
                    node = node[int(step)] if step.isdigit() else node[step]
                value = node[last]
            _put(document, path, value)
        except (KeyError, IndexError, TypeError, ValueError):
            continue  # an earlier fault took away where this one goes ("summary": null)
    return document


def _rule_messages() -> list[re.Pattern[str]]:
    """Every message rules.py words: each (path suffix, message) pair it writes, as a
    pattern in which an f-string's formatted parts match anything."""
    from briefcli import rules

    def pattern(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return re.escape(node.value)
        constant = getattr(rules, node.id, None) if isinstance(node, ast.Name) else None
        if isinstance(constant, str):
            return re.escape(constant)  # a message kept in a constant
        if isinstance(node, ast.JoinedStr):
            return "".join(pattern(part) or ".*" for part in node.values)
        return None  # a message passed on (date_findings'), worded elsewhere

    found = []
    for node in ast.walk(ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            suffix, message = (pattern(part) for part in node.elts)
            if suffix is not None and message is not None and (suffix == "" or suffix.startswith(r"\.")):
                found.append(re.compile(message))
    return found


_HIDDEN = [b"null", b"5", b"22", b'{"x": 1}', b'[{"id": 5}]', b"[1e999999]", b'"\xff"', b'["\xff"]',
           b'[{"id": "Bad"}]', b"[]", b'"mini-town-budget"', b"2", b'{"en": "x"}', b'"Bad Id"']  # fmt: skip
_TWICE = [(key, hidden, where)
          for key in ("summary", "actors", "events", "quotes", "source", "id", "schema_version", "$schema")
          for hidden in _HIDDEN for where in ("first", "second", "last", "escaped key")] + [
    (key, b"", "twice the same") for key in ("summary", "actors", "source", "id", "schema_version")]  # fmt: skip


@pytest.mark.parametrize(("key", "hidden", "where"), _TWICE)
def test_a_key_given_twice_is_read_as_one_as_it_is_alone(
    key: str, hidden: bytes, where: str, tmp_path: Path
) -> None:
    """msgspec keeps the last value of a key given twice, and read alone it decodes every
    value (a faulty one refused); read as one, a member is left as its bytes, only
    skimmed. So the files must be read one at a time whenever a key is given twice: the
    result, accepted or refused, is what each file alone gives."""
    from briefcli import together

    text = MINI.read_bytes().strip()
    if where == "twice the same":
        hidden = json.dumps(_DOCUMENT.get(key)).encode()
    spelled = (
        key.encode() if where != "escaped key" else b"\\u00" + f"{ord(key[0]):x}".encode() + key[1:].encode()
    )
    member = b'"' + spelled + b'": ' + hidden
    if where == "last":
        data = text[:-1] + b", " + member + b"}"
    elif where == "second":  # after the file's first member (the walk must go on past it)
        first_end = text.index(b",\n")
        data = text[:first_end] + b", " + member + text[first_end:]
    else:
        data = text[:1] + member + b", " + text[1:]
    directory = tmp_path
    (directory / "0.json").write_bytes(data)
    (directory / "1.json").write_bytes(FOLLOWUP_BYTES)
    files = sorted(directory.iterdir())
    alone = [parse_briefing(file.read_bytes()) for file in files]
    as_one, _ = together.read_together([(file, str(file)) for file in files])
    if as_one is not None:  # only when each alone is sound, and then the same briefings
        assert all(briefing is not None and not problems for briefing, problems in alone)
        assert [msgspec.json.encode(b) for b in as_one] == [msgspec.json.encode(b) for b, _ in alone]
    faulty = [(file, problems) for file, (briefing, problems) in zip(files, alone, strict=True)
              if briefing is None or problems]  # fmt: skip
    if faulty:
        with pytest.raises(load.BriefingError) as refused:
            load.load_briefings([directory])
        assert (refused.value.where, refused.value.problems) == (str(faulty[0][0]), faulty[0][1])
    else:
        assert len(load.load_briefings([directory])) == 2


@pytest.mark.parametrize("key", ["id", "actors.0.id", "events.0.date", "source.sha256"])
def test_a_key_given_twice_whose_first_value_breaks_a_pattern_is_read_alike_whatever_the_size(
    key: str, tmp_path: Path
) -> None:
    """The last value is read; a first one that only breaks a pattern is not looked at,
    by the model's own types (a small file read alone) as by the pattern-free way (a
    large file, or several): the same verdict, whatever the file's size."""
    *steps, last = key.split(".")
    document = copy.deepcopy(_DOCUMENT)
    node: Any = document
    for step in steps:
        node = node[int(step)] if step.isdigit() else node[step]
    kept = json.dumps(node[last])
    text = json.dumps(document).replace(
        f'"{last}": {kept}', f'"{last}": "Not A Pattern!", "{last}": {kept}', 1
    )
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small.write_text(text, encoding="utf-8")
    large.write_text(text + " " * load.LONE_DIRECT_BYTES, encoding="utf-8")
    verdicts = [brief("validate", str(path)) for path in (small, large)]
    assert [run.exit_code for run in verdicts] == [0, 0], [run.stdout for run in verdicts]
    assert [b.id for b in load.load_briefings([small, large])] == [document["id"]] * 2


def test_every_message_of_the_rules_comes_from_a_fault_the_briefings_read_as_one_are_tested_on() -> None:
    """_FAULTS must hold a fault for every rule: a rule added without one would leave the
    way that reads briefings as one untested on it."""
    worded = {
        problem.message
        for path, value in _FAULTS
        for problem in parse_briefing(json.dumps(_faulted(1, [(path, value)], False)).encode())[1]
    }
    messages = _rule_messages()
    assert len(messages) >= 20  # the search finds the rules' messages
    assert [message.pattern for message in messages if not any(map(message.fullmatch, worded))] == []


@given(
    drawn=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_FAULTS), max_size=2),
            st.sampled_from(["new", "copy", "compact"]),
            st.booleans(),
        ),
        min_size=2,
        max_size=4,
    )
)
@settings(max_examples=300, deadline=None)
def test_briefings_read_as_one_are_accepted_and_refused_as_each_is_alone(
    drawn: list[tuple[list[tuple[str, Any]], str, bool]], tmp_path_factory: Any
) -> None:
    """together.py decodes each distinct record once and checks it once for every
    briefing holding it: whatever is faulty, and wherever a faulty or a sound record
    recurs, the briefings read together are exactly those read one at a time, and the
    first file at fault is refused with the problems it gets alone (the files after it
    are not looked at). The way that reads them as one says yes exactly when all of them
    are sound (else it would be slow)."""
    from briefcli import together

    directory = tmp_path_factory.mktemp("as-one")
    previous = ""
    for number, (faults, shape, same_id) in enumerate(drawn):
        document = _faulted(number, faults, same_id)
        text = json.dumps(document, indent=None if shape == "compact" else 1)
        if shape == "copy" and previous:  # the same bytes as the file before
            text = previous
        (directory / f"{number}.json").write_text(text, encoding="utf-8")
        previous = text
    files = sorted(directory.iterdir())
    alone = [parse_briefing(file.read_bytes()) for file in files]
    faulty = [(file, problems) for file, (briefing, problems) in zip(files, alone, strict=True)
              if briefing is None or problems]  # fmt: skip
    as_one, _ = together.read_together([(file, str(file)) for file in files])
    assert (as_one is None) is bool(faulty)
    if faulty:
        with pytest.raises(load.BriefingError) as refused:
            load.load_briefings([directory])
        assert (refused.value.where, refused.value.problems) == (str(faulty[0][0]), faulty[0][1])
    else:
        loaded = load.load_briefings([directory])
        assert as_one is not None
        for read in (as_one, loaded):
            assert [msgspec.json.encode(b) for b in read] == [msgspec.json.encode(b) for b, _ in alone]
            assert all(isinstance(b, Briefing) for b in read)


@pytest.mark.parametrize(("path", "value"), _FAULTS, ids=[f"{p}={v!r}"[:60] for p, v in _FAULTS])
def test_one_fault_among_briefings_read_as_one_is_refused_as_alone(
    path: str, value: Any, tmp_path: Path
) -> None:
    """Each fault alone (a few are changes the rules accept), in the middle one of three
    briefings whose other two share its sound records: that file is refused as it is
    alone, or all three are read."""
    faults: list[list[tuple[str, Any]]] = [[], [(path, value)], []]
    for number, chosen in enumerate(faults):  # the sound ones differ only in their ids
        (tmp_path / f"{number}.json").write_text(
            json.dumps(_faulted(number, chosen, False)), encoding="utf-8"
        )
    files = sorted(tmp_path.iterdir())
    from briefcli import together

    briefing, problems = parse_briefing(files[1].read_bytes())
    as_one, _ = together.read_together([(file, str(file)) for file in files])
    if briefing is not None and not problems:  # a change the rules accept
        assert as_one is not None and msgspec.json.encode(as_one[1]) == msgspec.json.encode(briefing)
        return
    assert as_one is None
    with pytest.raises(load.BriefingError) as refused:
        load.load_briefings([tmp_path])
    assert (refused.value.where, refused.value.problems) == (str(files[1]), problems)


def test_the_pattern_check_of_briefings_as_one_takes_their_shared_records_apart() -> None:
    """Each distinct record is checked once, from `shared`: the briefings' own lists of
    those sections are not walked again (they hold the same objects)."""
    from briefcli.unchecked import any_breaks_a_pattern

    document = copy.deepcopy(_DOCUMENT)
    sound = msgspec.json.decode(json.dumps(document).encode(), type=UncheckedBriefing)
    document["actors"][0]["id"] = "Not An Id"
    broken = msgspec.json.decode(json.dumps(document).encode(), type=UncheckedBriefing)
    shared: dict[str, list[Any]] = {
        "summary": [sound.summary],
        "actors": sound.actors,
        "events": sound.events,
        "quotes": sound.quotes,
    }
    assert not any_breaks_a_pattern([sound, broken], shared)
    assert any_breaks_a_pattern([sound], {**shared, "actors": broken.actors})
    assert any_breaks_a_pattern([broken], {})


def test_a_record_several_briefings_hold_is_decoded_once_and_shared(tmp_path: Path) -> None:
    """The README's promise: one object stands in every briefing that holds the record."""
    again = tmp_path / "again.json"
    again.write_text(
        MINI.read_text(encoding="utf-8").replace("mini-town-budget", "again", 1), encoding="utf-8"
    )
    first, second = load.load_briefings([MINI, again])
    assert second.id == "again" and first.source == second.source and first.source is not second.source
    for name in ("summary", "actors", "events", "quotes"):
        assert getattr(first, name) == getattr(second, name)
    assert first.summary is second.summary
    for name in ("actors", "events", "quotes"):
        assert all(map(operator.is_, getattr(first, name), getattr(second, name)))
    with pytest.raises(AttributeError):  # frozen: what one briefing holds, another holds too
        first.actors[0].kind = "country"  # type: ignore[misc]


def _spy_on_the_map(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths mapped.decode_mapped is given from now on, in order."""
    mapped_paths: list[Path] = []
    decode_mapped = mapped.decode_mapped

    def spy(path: Path, limit: int) -> Briefing | None:
        mapped_paths.append(path)
        return decode_mapped(path, limit)

    monkeypatch.setattr(mapped, "decode_mapped", spy)
    return mapped_paths


def test_a_large_file_among_several_is_still_decoded_a_part_at_a_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Read as one, every file is decoded whole: a large one is left to the map."""
    monkeypatch.setattr(load, "MAPPED_BYTES", len(MINI.read_bytes()))
    mapped_paths = _spy_on_the_map(monkeypatch)
    small = tmp_path / "small.json"
    small.write_text(
        MINI.read_text(encoding="utf-8").replace("mini-town-budget", "small", 1), encoding="utf-8"
    )
    briefings = load.load_briefings([MINI, small])
    assert mapped_paths == [MINI] and [b.id for b in briefings] == ["mini-town-budget", "small"]


# --- a large file is decoded from a memory map, its events a part at a time ----------


_TURNED_AWAY = [
    "bom",
    "events twice",
    "a bad first events",
    "an escaped first events",
    "trailing",
    "event not object",
]
_SHAPES = ["compact", "indented", "events first", *_TURNED_AWAY]


@given(
    path=st.sampled_from([None, *_PATTERNED]),
    value=_VALUES,
    events=st.sampled_from([0, 1, 3, 7]),
    shape=st.sampled_from(_SHAPES),
    part=st.sampled_from([1, 2, 1000]),
)
@settings(max_examples=200, deadline=None)
def test_a_briefing_decoded_from_a_map_is_the_briefing_read_whole(
    path: str | None, value: str, events: int, shape: str, part: int, tmp_path_factory: Any
) -> None:
    """mapped.py decodes a large file from a memory map, events a part at a time; the
    result (and every problem) must be what reading the file whole gives."""
    document = _with_many_events(events) if events else {**copy.deepcopy(_DOCUMENT), "events": []}
    if path is not None and (events or not path.startswith("events")):
        _put(document, path, value)
    if shape == "events first":
        document = {"events": document.pop("events"), **document}
    text = json.dumps(document, indent=2 if shape == "indented" else None)
    if shape == "events twice":  # the last one counts, for msgspec as for JSON's readers
        text = text[:-1] + ', "events": ' + json.dumps(document["events"][:1]) + "}"
    if shape in ("a bad first events", "an escaped first events"):  # msgspec drops it, once decoded
        key = '"events"' if shape == "a bad first events" else '"\\u0065vents"'
        text = "{" + key + ': [{"bogus": true}], ' + text[1:]
    if shape == "event not object":
        text = text.replace('"events": [', '"events": [7, ', 1)
    data = text.encode() + (b" x" if shape == "trailing" else b"")
    if shape == "bom":
        data = b"\xef\xbb\xbf" + data
    file = tmp_path_factory.mktemp("mapped") / "large.json"
    file.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "MAPPED_BYTES", 0)
        patch.setattr(mapped, "_PART", part)
        # this way, or (for what it cannot see whole) the whole-file way; the text "events"
        # before the events (a value, say an id) may be a key given twice: turned away too
        unsure = '"events"' in text[: text.rindex('"events": ')]
        assert (mapped.decode_mapped(file, MAX_BYTES) is None) is (
            shape in _TURNED_AWAY or not events or unsure
        )
        from_map = read_briefing(file)
    whole = parse_briefing(data[3:] if shape == "bom" else data)
    assert from_map[1] == whole[1]
    assert msgspec.json.encode(from_map[0]) == msgspec.json.encode(whole[0])


def test_a_large_file_gives_the_timeline_a_small_one_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the command line: the bundled briefing read as a large file (from a map)."""
    read_whole = brief("timeline", "--json", "--data", str(BUNDLED))
    monkeypatch.setattr(load, "MAPPED_BYTES", 0)
    monkeypatch.setattr(mapped, "_PART", 3)
    assert mapped.decode_mapped(BUNDLED, MAX_BYTES) is not None  # this path, not the other
    from_map = brief("timeline", "--json", "--data", str(BUNDLED))
    assert from_map.exit_code == read_whole.exit_code == 0
    assert from_map.stdout == read_whole.stdout


def test_a_fifo_is_read_once_whatever_the_size_for_a_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO has no size: it is never opened to be mapped (opening it would take the
    writer, and closing it lose the bytes), only read."""
    import os
    import threading

    monkeypatch.setattr(load, "MAPPED_BYTES", 0)
    mapped_paths = _spy_on_the_map(monkeypatch)
    fifo = tmp_path / "briefing.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(MINI.read_bytes()), daemon=True)
    writer.start()
    shown = brief("summary", "--short", "--data", str(fifo))
    writer.join(timeout=10)
    assert (shown.exit_code, shown.stdout) == (0, brief("summary", "--short", "--data", str(MINI)).stdout)
    assert mapped_paths == [MINI]  # the regular file, never the FIFO


def test_an_interrupt_while_a_large_file_is_decoded_is_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of the parts ends brief (as it would the whole-file read):
    it is not taken for a file that does not decode, to be read again."""

    class Interrupted:
        """A decoder of the parts that is interrupted at its first part."""

        def __init__(self, *args: Any, **options: Any) -> None:
            pass

        def decode(self, data: Any) -> Any:
            raise KeyboardInterrupt

    file = tmp_path / "large.json"
    file.write_text(json.dumps(_with_many_events(5)), encoding="utf-8")
    monkeypatch.setattr(msgspec.json, "Decoder", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        mapped.decode_mapped(file, MAX_BYTES)


@pytest.mark.parametrize("change", [-100, 100])
def test_a_large_file_that_changes_size_while_read_is_read_again_whole(
    change: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map is filled by one read of the size fstat gave: a file that shrank or grew
    meanwhile (its size told wrong here) is not decoded from it but read again whole."""
    import os

    real_fstat = os.fstat

    def told_wrong(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        return os.stat_result((*info[:6], info.st_size + change, *info[7:]))

    file = tmp_path / "large.json"
    file.write_text(json.dumps(_with_many_events(5)), encoding="utf-8")
    expected = read_briefing(file)
    monkeypatch.setattr(load, "MAPPED_BYTES", 0)
    monkeypatch.setattr(os, "fstat", told_wrong)
    assert mapped.decode_mapped(file, MAX_BYTES) is None
    again = read_briefing(file)
    assert again[1] == expected[1] == []
    assert msgspec.json.encode(again[0]) == msgspec.json.encode(expected[0])


def test_the_map_takes_files_up_to_the_limit_and_never_an_empty_one(tmp_path: Path) -> None:
    file = tmp_path / "large.json"
    file.write_text(json.dumps(_with_many_events(3)), encoding="utf-8")
    size = file.stat().st_size
    assert mapped.decode_mapped(file, size) is not None  # exactly at the limit
    assert mapped.decode_mapped(file, size - 1) is None  # over it: the whole-file way refuses it
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    assert mapped.decode_mapped(empty, MAX_BYTES) is None  # nothing to map; read whole, it says why


def test_a_file_grown_with_garbage_while_read_is_not_decoded_from_its_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Filled for the size fstat gave, the map may hold a whole valid briefing while the
    file goes on: it is not decoded, so the whole-file way sees the garbage after it."""
    import os

    valid = json.dumps(_with_many_events(3)).encode()
    file = tmp_path / "large.json"
    file.write_bytes(valid + b" x")
    real_fstat = os.fstat

    def as_it_was(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        return os.stat_result((*info[:6], len(valid), *info[7:]))

    monkeypatch.setattr(os, "fstat", as_it_was)
    assert mapped.decode_mapped(file, MAX_BYTES) is None


def test_a_fifo_given_to_the_map_is_turned_away_without_waiting(tmp_path: Path) -> None:
    """Should a FIFO reach the map (swapped in after load.py looked), it is opened
    without waiting for a writer and turned away."""
    import os
    import threading

    fifo = tmp_path / "swapped.fifo"
    os.mkfifo(fifo)
    answers: list[object] = []
    looking = threading.Thread(
        target=lambda: answers.append(mapped.decode_mapped(fifo, MAX_BYTES)), daemon=True
    )
    looking.start()
    looking.join(timeout=10)
    assert answers == [None]


def test_the_memory_handed_back_is_only_what_is_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part decoded, the map's pages before its end are freed: whole pages, ever
    further, never one holding an event still to decode, and most of the file by the end."""
    import mmap

    document = _with_many_events(400)
    data = json.dumps(document, indent=1).encode()
    file = tmp_path / "large.json"
    file.write_bytes(data)
    starts = [
        data.index(json.dumps(event, indent=1).replace("\n", "\n  ").encode()) for event in document["events"]
    ]
    assert starts == sorted(starts)
    freed: list[int] = []

    class Recording(mmap.mmap):
        def madvise(self, option: int, start: int = 0, length: int = 0) -> None:
            assert option == mmap.MADV_DONTNEED and start == 0
            freed.append(length)
            super().madvise(option, start, length)

    monkeypatch.setattr(mmap, "mmap", Recording)
    monkeypatch.setattr(mapped, "_PART", 25)
    briefing = mapped.decode_mapped(file, MAX_BYTES)
    assert briefing is not None and len(briefing.events) == len(document["events"])
    assert freed and all(length % mmap.PAGESIZE == 0 for length in freed)
    assert freed == sorted(freed)
    for part, length in enumerate(freed, start=1):  # part `part` decoded: the next one's first event is kept
        following = part * 25
        if following < len(starts):
            assert length <= starts[following], (part, length, starts[following])
    assert freed[-1] >= 0.8 * len(data)
