"""Refusing a bad briefing: one clear message with the file, the JSON path and what was expected."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.choices import EVENT_KINDS
from briefcli.load import BriefingError, load_briefing
from briefcli.model import Briefing
from briefcli.rules import check_briefing
from briefcli.schema import SCHEMA_FILE, schema_text
from tests.conftest import MINI, brief, write_json

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is _DELETE:
            del node[last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


_DELETE = object()


def _both(*mutations: Mutation) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(document)

    return mutate


def _sourced(*citations: dict[str, str]) -> Mutation:
    """The first event dated from the public record, with these sources."""
    return _both(_set("events.0.basis", "public-record"), _set("events.0.sources", list(citations)))


_CITED = {
    "outlet": "AP",
    "title": "Live coverage",
    "url": "https://apnews.example/live",
    "date": "2025-07-14",
}

# (name, mutation of the mini briefing, expected JSON path, words the message must hold)
MALFORMED: list[tuple[str, Mutation, str, str]] = [
    ("wrong type", _set("events.1.date", 20240601), "$.events[1].date", "expected str, got int"),
    (
        "wrong type for a number",
        _set("source.paragraphs", "three"),
        "$.source.paragraphs",
        "expected int, got str",
    ),
    ("missing field", _set("actors.0.name", _DELETE), "$.actors[0].name", "required, but missing"),
    ("unknown field", _set("events.0.titel", {"en": "x"}), "$.events[0].titel", "unknown field"),
    (
        "unknown actor reference",
        _set("events.1.actors", ["town-counsil"]),
        "$.events[1].actors[0]",
        "unknown actor 'town-counsil' (did you mean 'town-council'?)",
    ),
    ("unknown speaker", _set("quotes.0.speaker", "nobody"), "$.quotes[0].speaker", "unknown actor 'nobody'"),
    (
        "unknown affiliation",
        _set("actors.0.affiliation", "nowhere"),
        "$.actors[0].affiliation",
        "unknown actor 'nowhere'",
    ),
    (
        "duplicate id",
        _set("events.2.id", "hard-year"),
        "$.events[2].id",
        "duplicate id 'hard-year' (first at $.events[0].id)",
    ),
    (
        "impossible date",
        _set("events.2.date", "2024-02-30"),
        "$.events[2].date",
        "'2024-02-30' is not a real calendar date",
    ),
    (
        "badly written date",
        _set("events.2.date", "30/06/2024"),
        "$.events[2].date",
        "expected an ISO date such as 2025-07-14, 2025-07 or 2025, got '30/06/2024'",
    ),
    (
        "end before start",
        _set("events.2.end", "2024-06-01"),
        "$.events[2].end",
        "ends (2024-06-01) before it starts (2024-06-30)",
    ),
    (
        "precision disagrees",
        _set("events.1.precision", "day"),
        "$.events[1].precision",
        "does not match the date '2024-06' (month)",
    ),
    (
        "evidence paragraph out of range",
        _set("events.0.evidence.0.para", 4),
        "$.events[0].evidence[0].para",
        "paragraph 4 is out of range: the article has 3",
    ),
    (
        "evidence paragraph zero",
        _set("events.0.evidence.0.para", 0),
        "$.events[0].evidence[0].para",
        "expected int >= 1",
    ),
    (
        "evidence too long",
        _set("events.0.evidence.0.quote", "mot " * 26),
        "$.events[0].evidence[0].quote",
        "26 words: evidence is at most 25",
    ),
    (
        "a text with no language",
        _set("events.0.title", {}),
        "$.events[0].title",
        "a text needs 'en', 'fr' or both",
    ),
    (
        "an empty evidence list",
        _set("actors.1.evidence", []),
        "$.actors[1].evidence",
        "expected array of length >= 1",
    ),
    (
        "public record without source",
        _set("events.0.basis", "public-record"),
        "$.events[0].sources",
        "required when basis is public-record",
    ),
    (
        "two sources in one title",
        _sourced({**_CITED, "title": "AP live coverage; https://poland.example/a"}),
        "$.events[0].sources[0].title",
        "holds an address: put it in 'url', one source per record",
    ),
    (
        "two sources joined by a semicolon",
        _sourced({**_CITED, "outlet": "AP; Reuters"}),
        "$.events[0].sources[0].outlet",
        "holds ';': one source per record",
    ),
    ("a blank source", _sourced({**_CITED, "title": "   "}), "$.events[0].sources[0].title", "is blank"),
    (
        "sources without any URL",
        _sourced({"outlet": "AP", "title": "Live coverage"}),
        "$.events[0].sources",
        "no source with a URL",
    ),
    (
        "a URL that is not http",
        _sourced({**_CITED, "url": "ftp://apnews.example/live"}),
        "$.events[0].sources[0].url",
        "expected one http or https address without spaces, got 'ftp://apnews.example/live'",
    ),
    (
        "two URLs in one",
        _sourced({**_CITED, "url": "https://a.example/https://b.example"}),
        "$.events[0].sources[0].url",
        "holds two addresses",
    ),
    (
        "a source that is a string, as in version 1",
        _sourced("https://apnews.example/live"),  # type: ignore[arg-type]
        "$.events[0].sources[0]",
        "expected object, got str",
    ),
    (
        "an impossible source date",
        _sourced({**_CITED, "date": "2025-02-30"}),
        "$.events[0].sources[0].date",
        "not a real calendar date",
    ),
    (
        "policy change without direction",
        _set("events.1.direction", _DELETE),
        "$.events[1].direction",
        "required for a policy change",
    ),
    (
        "unknown event kind",
        _set("events.0.kind", "party"),
        "$.events[0].kind",
        "expected one of call, meeting, other, policy-change, proposal, statement, summit, got 'party'",
    ),
    (
        "old schema version",
        _set("schema_version", 1),
        "$.schema_version",
        "expected 2, got 1: version 1 wrote",
    ),
    ("unknown schema version", _set("schema_version", 3), "$.schema_version", "expected one of 2, got 3"),
]


@pytest.mark.parametrize(
    ("mutation", "json_path", "words"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_each_malformed_briefing_is_refused_with_its_path(
    tmp_path: Path, mini_document: dict[str, Any], mutation: Mutation, json_path: str, words: str
) -> None:
    document = copy.deepcopy(mini_document)
    mutation(document)
    path = write_json(tmp_path / "bad.json", document)

    with pytest.raises(BriefingError) as refused:
        load_briefing(path)
    first = refused.value.problems[0]
    assert (first.path, words in first.message) == (json_path, True), first

    # Through the CLI: one line on stderr naming the file, nothing on stdout, exit 1.
    run = brief("summary", "--data", str(path))
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"brief: {path}: {json_path}: ")
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        (b'{"schema_version": 2,', "not valid JSON: it ends too soon (truncated)"),
        (b'{"a": NaN}', "not valid JSON: invalid character"),
        (b'{"a": Infinity}', "not valid JSON: invalid character"),
        (b'{"a": -Infinity}', "not valid JSON: invalid character"),
        (b"[1, 2]", "$: expected a JSON object, got an array"),
        (b'"briefing"', "$: expected a JSON object, got a string"),
        (b'{"x": "\xff"}', "not valid UTF-8 (byte 7)"),
        (b"{]", "not valid JSON"),
    ],
    ids=[
        "empty",
        "truncated",
        "nan",
        "infinity",
        "-infinity",
        "array",
        "string",
        "invalid-utf8",
        "invalid-json",
    ],
)
def test_files_that_are_not_briefings(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    run = brief("actors", "--data", str(path))
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr == f"brief: {path}: {words}" + run.stderr[len(f"brief: {path}: {words}") :]
    assert words in run.stderr and run.stderr.count("\n") == 1


def test_validate_lists_every_problem_not_only_the_first(
    tmp_path: Path, mini_document: dict[str, Any]
) -> None:
    document = copy.deepcopy(mini_document)
    document["events"][0]["date"] = 2023  # a type error...
    document["events"][2]["precision"] = "week"  # ...in another record...
    document["actors"][1]["name"] = 7  # ...and in another section
    path = write_json(tmp_path / "bad.json", document)
    run = brief("validate", str(path), "--json")
    assert run.exit_code == 1
    report = run.json()
    assert report["valid"] is False
    assert [p["path"] for p in report["problems"]] == [
        "$.actors[1].name",
        "$.events[0].date",
        "$.events[2].precision",
    ]

    # The semantic rules, too, are all reported at once.
    document = copy.deepcopy(mini_document)
    document["events"][1]["actors"] = ["ghost"]
    document["events"][2]["end"] = "2024-01-01"
    document["quotes"][0]["evidence"][0]["para"] = 9
    path = write_json(tmp_path / "bad2.json", document)
    run = brief("validate", str(path))
    assert run.exit_code == 1
    assert run.stdout.splitlines()[0] == f"{path}: 3 problems"
    assert len(run.stdout.splitlines()) == 4
    # A command refuses the same file in one line that counts the rest.
    run = brief("timeline", "--data", str(path))
    assert run.stderr.rstrip().endswith(f"(and 2 more: run 'brief validate {path}')")


def test_validate_accepts_the_bundled_and_the_mini_briefing() -> None:
    assert brief("validate").exit_code == 0
    run = brief("validate", str(MINI), "--json")
    assert (run.exit_code, run.json()["valid"], run.json()["counts"]) == (
        0,
        True,
        {"actors": 2, "events": 3, "quotes": 1},
    )


def test_brief_data_environment_variable_selects_the_file(tmp_path: Path) -> None:
    run = brief("summary", "--json", env={"BRIEF_DATA": str(MINI)})
    assert run.json()["id"] == "mini-town-budget"
    # --data wins over BRIEF_DATA
    run = brief("summary", "--json", "--data", str(MINI), env={"BRIEF_DATA": str(tmp_path / "missing.json")})
    assert run.exit_code == 0


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.read_bytes())
    assert brief("summary", "--json", "--data", str(path)).json()["id"] == "mini-town-budget"


def test_the_schema_file_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: python -m briefcli.schema --write"


def test_the_schema_describes_the_briefing_file() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    briefing = schema["$defs"]["Briefing"]
    assert {"schema_version", "source", "summary", "actors", "events"} <= set(briefing["required"])
    assert briefing["additionalProperties"] is False
    assert schema["$defs"]["Text"]["properties"].keys() == {"en", "fr"}


# --- the remembered answers are the rules' answers ----------------------------------

_DATES = ["2024-06-30", "2024-06", "2024", "2024-02-30", "2024-13", "2023-12-31", "0000"]
_EVIDENCE = [(1, "le conseil"), (99, "le conseil"), (2, " "), (1, " ".join(["mot"] * 30))]
_CITATIONS = [
    {"outlet": "AP", "title": "A report", "url": "https://example.org/a", "date": "2024-06-30"},
    {"outlet": "AP", "title": "A report"},
    {"outlet": " ", "title": "www.example.org", "url": "https://a.org/https://b.org", "date": "2024-02-30"},
    {"outlet": "AP; Reuters", "title": "Two reports", "url": "https://example.org/b"},
]


@given(
    events=st.lists(
        st.fixed_dictionaries(
            {
                "date": st.sampled_from(_DATES),
                "end": st.none() | st.sampled_from(_DATES),
                "precision": st.sampled_from(["day", "month", "year"]),
                "basis": st.sampled_from(["article", "public-record"]),
                "sources": st.lists(st.sampled_from(_CITATIONS), max_size=3),
                "kind": st.sampled_from(list(EVENT_KINDS)),
                "direction": st.sampled_from([None, "suspend", "resume"]),
                "evidence": st.lists(st.sampled_from(_EVIDENCE), min_size=1, max_size=3),
                "titled": st.booleans(),
            }
        ),
        max_size=12,
    )
)
@settings(max_examples=150, deadline=None)
def test_remembered_rule_answers_equal_the_rules_run_afresh(events: list[dict[str, Any]]) -> None:
    """The checker remembers a rule's answer by the values it depends on; on briefings
    that repeat good and bad values, every problem is the one the rules find afresh."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    template = document["events"][0]
    document["events"] = []
    for index, drawn in enumerate(events):
        event = {key: value for key, value in template.items() if key not in ("end", "sources", "direction")}
        event.update(id=f"e{index}", date=drawn["date"], precision=drawn["precision"], basis=drawn["basis"])
        event.update(kind=drawn["kind"], evidence=[{"para": p, "quote": q} for p, q in drawn["evidence"]])
        for key in ("end", "sources", "direction"):
            if drawn[key]:
                event[key] = drawn[key]
        if not drawn["titled"]:
            event["title"] = {}
        document["events"].append(event)
    briefing = msgspec.json.decode(json.dumps(document).encode(), type=Briefing)
    assert check_briefing(briefing) == check_briefing(briefing, remember=False)


@pytest.mark.parametrize("told", [0, 1, 100])
def test_a_file_longer_than_its_size_said_is_read_to_its_end(
    told: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file is read for the size fstat gives and a byte; one that has grown
    since (its size told short here) is read on, whole: not cut at the size it had."""
    import os

    real_fstat = os.fstat

    def shrunk(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        return os.stat_result((*info[:6], told, *info[7:]))

    monkeypatch.setattr(os, "fstat", shrunk)
    copied = tmp_path / "briefing.json"
    copied.write_bytes(MINI.read_bytes())
    assert msgspec.json.encode(load_briefing(copied)) == msgspec.json.encode(load_briefing(MINI))


@pytest.mark.parametrize(
    "path",
    [
        "id",
        "source.language",
        "source.sha256",
        "actors.0.id",
        "events.0.date",
        "events.0.actors.0",
        "quotes.0.speaker",
    ],
)
def test_a_value_with_a_trailing_newline_breaks_its_pattern(path: str, tmp_path: Path) -> None:
    """Python's $ also matches before a final newline: the model's patterns end with
    $(?!\\n), so that 'mark-rutte\\n' is refused here as the JSON Schema refuses it."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    *steps, last = path.split(".")
    node: Any = document
    for step in steps:
        node = node[int(step)] if step.isdigit() else node[step]
    key: Any = int(last) if last.isdigit() else last
    node[key] = node[key] + "\n"
    shown = brief("validate", str(write_json(tmp_path / "briefing.json", document)))
    assert shown.exit_code == 1
    json_path = "$." + ".".join(f"[{step}]" if step.isdigit() else step for step in path.split(".")).replace(
        ".[", "["
    )
    assert f"{json_path}: expected " in shown.stdout + shown.stderr, shown.stdout + shown.stderr
