"""What depends on the process: terminals, pipes, signals, locales, imports.

These run the installed `brief` in a subprocess, as a shell would.
"""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.large import write_large_briefing
from tests.conftest import BRIEF, MINI, brief_process, clean_environment

SGR = re.compile(rb"\x1b\[[0-9;]*m")  # colors and bold: the only escapes brief itself writes


@pytest.fixture(scope="module")
def large_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 events: long enough to interrupt, or to cut short with head."""
    return write_large_briefing(tmp_path_factory.mktemp("large") / "large.json", events=20_000, actors=500)


def on_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Run brief with a pseudo-terminal as stdout (stderr too); its status and output."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(BRIEF), *args], stdout=follower, stderr=follower, env=env or clean_environment()
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks)


# --- color and terminals --------------------------------------------------------


def test_a_terminal_gets_color_and_a_pipe_gets_none() -> None:
    status, shown = on_terminal("timeline")
    assert status == 0 and SGR.search(shown)
    piped = brief_process("timeline")
    assert piped.returncode == 0 and b"\x1b" not in piped.stdout and piped.stdout


@pytest.mark.parametrize("variable", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
@pytest.mark.parametrize(
    "command",
    [
        ["summary"],
        ["actors"],
        ["actors", "trump"],
        ["timeline"],
        ["quotes"],
        ["search", "otan"],
        ["--help"],
        ["timeline", "--help"],
    ],
)
def test_no_color_and_dumb_terminals_get_no_escape_code(variable: dict[str, str], command: list[str]) -> None:
    status, shown = on_terminal(*command, env=clean_environment(**variable))
    assert status == 0 and shown.strip()
    assert b"\x1b" not in shown


@pytest.mark.parametrize("columns", ["20", "400"])
@pytest.mark.parametrize(
    "command", [["summary"], ["actors"], ["actors", "rutte"], ["timeline"], ["quotes"], ["search", "otan"]]
)
def test_narrow_and_wide_terminals_render(columns: str, command: list[str]) -> None:
    run = brief_process(*command, env=clean_environment(COLUMNS=columns))
    assert run.returncode == 0 and run.stderr == b""
    shown = run.stdout.decode().splitlines()
    lines = [line for line in shown if not (line.startswith("[") and "] http" in line)]  # URLs whole
    widest = max(len(line) for line in lines)
    assert widest <= int(columns) or command == ["actors"]  # a table keeps its columns legible
    if columns == "20" and command == ["timeline"]:  # too narrow for columns: it stacks
        assert "3 March 2025 ◇\n▼ suspend\n" in run.stdout.decode()


# --- pipes and signals ----------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "keep"),
    [
        ("timeline --format jsonl", "head -1"),
        ("timeline --format csv", "head -2"),
        ("timeline --json", "head -1"),
        ("timeline", "head -3"),
        ("export", "head -1"),
        ("actors", "head -1"),
    ],
)
def test_a_closed_pipe_ends_brief_quietly(
    large_briefing: Path, command: str, keep: str, tmp_path: Path
) -> None:
    errors = tmp_path / "stderr"
    line = f"'{BRIEF}' {command} --data '{large_briefing}' 2>'{errors}' | {keep}"
    run = subprocess.run(
        ["bash", "-c", line], capture_output=True, env=clean_environment(), timeout=120, check=False
    )
    assert run.returncode == 0
    assert len(run.stdout.splitlines()) == int(keep.split("-")[1])
    assert errors.read_bytes() == b""  # no traceback, no "Exception ignored"


def test_ctrl_c_during_a_long_listing_exits_130(large_briefing: Path) -> None:
    process = subprocess.Popen(
        [str(BRIEF), "timeline", "--data", str(large_briefing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environment(),
    )
    assert process.stdout is not None
    process.stdout.readline()  # it has started printing; the pipe fills and it waits on us
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in errors and b"KeyboardInterrupt" not in errors


def wait_until_running(process: subprocess.Popen[bytes]) -> None:
    """Return once brief's own code runs: it has mapped msgspec's extension module.

    Before that, Python and pip's launcher are still starting, and a Ctrl-C there is
    Python's to handle, not any program's.
    """
    maps = Path(f"/proc/{process.pid}/maps")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if "msgspec" in maps.read_text():
                return
        except OSError:
            return


def test_ctrl_c_while_starting_exits_130() -> None:
    process = subprocess.Popen(
        [str(BRIEF), "summary"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_environment()
    )
    wait_until_running(process)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode in (0, 130)  # 0 if it finished before the signal landed
    assert b"Traceback" not in errors and b"KeyboardInterrupt" not in errors


def test_interrupted_export_leaves_the_file_as_it_was(large_briefing: Path, tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("the previous export\n", encoding="utf-8")
    for delay in (0.0, 0.1, 0.3):
        process = subprocess.Popen(
            [str(BRIEF), "export", "--data", str(large_briefing), "-o", str(target)],
            stderr=subprocess.PIPE,
            env=clean_environment(),
        )
        wait_until_running(process)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
        content = target.read_text(encoding="utf-8")
        # Never a part: the old file, or (if the signal came too late) the whole new one.
        assert content == "the previous export\n" or (content.endswith("\n") and "## Sources" in content)
        assert process.returncode in (0, 130) and b"Traceback" not in errors
        assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]  # no temporary file left


# --- locales ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "locale",
    [
        {"LANG": "C"},
        {"LC_ALL": "C"},
        {"LC_ALL": "POSIX"},
        {"LANG": "fr_FR.ISO-8859-1", "PYTHONIOENCODING": "latin-1"},
        {"LANG": "C", "PYTHONIOENCODING": "ascii"},
    ],
    ids=["LANG=C", "LC_ALL=C", "LC_ALL=POSIX", "latin-1", "ascii"],
)
def test_french_under_odd_locales(locale: dict[str, str]) -> None:
    env = clean_environment(**locale)
    env.pop("LANG") if "LANG" not in locale else None
    as_json = brief_process("timeline", "--json", "--lang", "fr", env=env)
    assert as_json.returncode == 0
    records = json.loads(as_json.stdout.decode("utf-8"))  # JSON is UTF-8, whatever the locale
    assert records[0]["title"] == "Première suspension de l'aide militaire américaine à l'Ukraine"
    for command in (["summary"], ["timeline"], ["actors", "poutine"], ["quotes"], ["export"]):
        run = brief_process(*command, "--lang", "fr", env=env)
        assert run.returncode == 0 and run.stdout and b"Traceback" not in run.stderr, command


# --- imports ----------------------------------------------------------------------


def imported_modules(*args: str) -> set[str]:
    """The modules a run of brief imports (reported at exit, after everything ran)."""
    code = (  # brief leaves by os._exit, without exit handlers: report from there
        "import os, sys\n"
        "leave = os._exit\n"
        "os._exit = lambda status: (sys.stderr.write('\\n' + ' '.join(sorted(sys.modules)) + '\\n'), leave(status))\n"
        f"sys.argv = ['brief', *{list(args)!r}]\n"
        "from briefcli.__main__ import main\n"
        "main()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=clean_environment(), check=False
    )
    assert run.returncode == 0, run.stderr
    return set(run.stderr.decode().strip().splitlines()[-1].split())


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "--json"),
        ("actors", "--json"),
        ("timeline", "--since", "2025-07-01", "--json"),
        ("quotes", "--format", "csv"),
    ],
)
def test_machine_output_imports_neither_rich_nor_the_date_parser(args: tuple[str, ...]) -> None:
    modules = imported_modules(*args)
    assert "rich" not in modules and not any(m.startswith("rich.") for m in modules)
    assert "dateutil.parser" not in modules


def test_human_views_and_written_dates_import_what_they_need() -> None:
    modules = imported_modules("timeline", "--since", "juin 2024", "--data", str(MINI))
    assert "rich.console" in modules and "dateutil.parser" in modules
