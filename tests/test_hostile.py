"""Hostile input: files, text inside valid briefings, and arguments.

Whatever comes in, brief ends with one clear line and a documented status, shows
untrusted text inert, keeps JSON exact, and never writes a file it reads.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefcli.load
import briefcli.query
from briefcli.load import MAX_BYTES, BriefingError, parse_briefing
from tests.conftest import BUNDLED, MINI, brief, brief_process, clean_environment, write_json
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
        == f"brief: {tmp_path}: is a directory, not a briefing file\n"
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
leave = os._exit  # brief leaves by os._exit, without exit handlers: report from there
os._exit = lambda status: (sys.stderr.write("opened: " + " ".join(seen) + "\\n"), leave(status))
sys.argv = ["brief", *sys.argv[2:]]
from briefcli.__main__ import main
main()
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
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
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


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["replace", "delete", "add"]), json_values),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_briefings_give_problems_never_exceptions(
    mutations: list[tuple[tuple[Any, ...], str, Any]],
) -> None:
    document = copy.deepcopy(BASE)
    for path, action, value in mutations:
        parent: Any = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            if action == "replace":
                parent[path[-1]] = value
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[f"extra-{path[-1]}"] = value
            else:
                parent.insert(0, value)
        except (KeyError, IndexError, TypeError):
            continue
    briefing, problems = parse_briefing(json.dumps(document).encode())
    assert briefing is not None or problems
    assert all(problem.message for problem in problems)
    if problems:
        assert all(problem.path is None or problem.path.startswith("$") for problem in problems)
        str(BriefingError("fuzzed.json", problems))  # the one-line message can be made


@settings(max_examples=300)
@given(st.data())
def test_damaged_bytes_give_problems_never_exceptions(data: st.DataObject) -> None:
    raw = bytearray(MINI.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(raw)))
    briefing, problems = parse_briefing(bytes(raw[:cut]))
    assert briefing is not None or problems
