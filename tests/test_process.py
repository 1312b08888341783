"""What depends on the process: terminals, pipes, signals, locales, imports.

These run the installed `brief` in a subprocess, as a shell would.
"""

from __future__ import annotations

import json
import os
import pty
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.large import write_large_briefing
from tests.conftest import BRIEF, FOLLOWUP, MINI, brief_process, clean_environment

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


def fresh_signals() -> None:
    """In the child, before brief starts: the signals brief handles at their defaults.

    A shell's background job (`pytest &`) and `nohup` start with SIGINT or SIGHUP
    ignored, and Python then leaves them ignored: the tests must not depend on that."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def started(*args: str, **options: Any) -> subprocess.Popen[bytes]:
    """The installed brief, started as from an interactive shell, stderr captured."""
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([str(BRIEF), *args], env=clean_environment(), preexec_fn=fresh_signals, **options)


SIGNALS = [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
SIGNAL_IDS = ["SIGINT", "SIGTERM", "SIGHUP"]


@pytest.mark.parametrize(("number", "status"), SIGNALS, ids=SIGNAL_IDS)
def test_a_signal_during_a_long_listing_ends_it_with_128_plus_the_signal(
    large_briefing: Path, number: int, status: int
) -> None:
    process = started("timeline", "--data", str(large_briefing), stdout=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()  # it has started printing; the pipe fills and it waits on us
    process.send_signal(number)  # it cannot have finished: we have not read the rest
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (status, b"")


@pytest.mark.parametrize(("number", "status"), SIGNALS, ids=SIGNAL_IDS)
def test_a_signal_while_brief_waits_for_its_input(tmp_path: Path, number: int, status: int) -> None:
    fifo = tmp_path / "briefing.fifo"
    os.mkfifo(fifo)
    process = started("summary", "--data", str(fifo), stdout=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:  # opening the FIFO's writing end succeeds once brief holds its reading end
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.01)
    wait_until_reading(process)
    try:
        process.send_signal(number)  # brief waits for bytes that never come: it cannot finish
        output, errors = process.communicate(timeout=60)
    finally:
        os.close(writer)
    assert (process.returncode, output, errors) == (status, b"", b"")


def wait_until_reading(process: subprocess.Popen[bytes]) -> None:
    """Until the kernel shows `process` blocked reading a pipe. A signal that lands just
    before a read() begins only sets Python's flag, and the read then blocks for good: a
    race in any Python program, which a person meets as a second Ctrl-C, not one to test."""
    wchan = Path(f"/proc/{process.pid}/wchan")
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        try:
            where = wchan.read_text()
        except OSError:
            where = ""
        if "pipe_read" in where:
            return
        if where in ("", "0"):  # the kernel does not say: give brief time to reach its read
            time.sleep(0.5)
            return
        time.sleep(0.005)


def temporary_files(directory: Path) -> list[Path]:
    return [path for path in directory.iterdir() if path.name.startswith(".")]


def wait_until_stopped(process: subprocess.Popen[bytes]) -> None:
    """Until the kernel shows `process` stopped (state T), or it has ended."""
    stat = Path(f"/proc/{process.pid}/stat")
    deadline = time.monotonic() + 10
    while process.poll() is None and time.monotonic() < deadline:
        try:
            state = stat.read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            return
        if state in ("T", "t", "Z", "X"):
            return
        time.sleep(0.001)


@pytest.mark.parametrize(("number", "status"), SIGNALS, ids=SIGNAL_IDS)
def test_a_signal_during_export_leaves_the_file_as_it_was(
    large_briefing: Path, tmp_path: Path, number: int, status: int
) -> None:
    """SIGINT (Ctrl-C), SIGTERM (timeout, systemd, docker stop, CI) and SIGHUP (a closed
    terminal): the old file stays whole, no temporary file is left, 128 + the signal."""
    target = tmp_path / "briefing.md"
    target.write_text("the previous export\n", encoding="utf-8")
    for _ in range(5):  # catch brief while its temporary file exists (almost always the first time)
        process = started("export", "--data", str(large_briefing), "-o", str(target))
        while process.poll() is None and not temporary_files(tmp_path):
            time.sleep(0.002)
        process.send_signal(signal.SIGSTOP)
        wait_until_stopped(process)  # a signal is delivered a moment later: look only once it holds
        if process.poll() is None and temporary_files(tmp_path):
            break
        process.send_signal(signal.SIGCONT)
        process.communicate(timeout=60)
        target.write_text("the previous export\n", encoding="utf-8")
    else:
        pytest.fail("brief never showed its temporary file")
    process.send_signal(number)  # still writing the temporary file: the signal lands first
    process.send_signal(signal.SIGCONT)
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (status, b"")
    assert target.read_text(encoding="utf-8") == "the previous export\n"
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


def modules_of_a_typer_run() -> set[str]:
    """The modules Typer brings in to run a command of its own, whatever brief does
    (typer 0.29 loads pydantic's plugins on every call, and they import tempfile)."""
    code = (
        "import sys, typer\n"
        "app = typer.Typer()\n"
        "@app.command()\n"
        "def main(count: int = 0) -> None: pass\n"
        "app([], standalone_mode=False)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=clean_environment(), check=True
    )
    return set(run.stdout.decode().split())


def imported_modules(*args: str) -> set[str]:
    """The modules a run of brief imports (reported at the end of the run)."""
    code = (
        "import sys\n"
        "from briefcli.__main__ import leave, run\n"
        f"status = run({list(args)!r})\n"
        "sys.stderr.write('\\n' + ' '.join(sorted(sys.modules)) + '\\n')\n"
        "leave(status)\n"
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
    # Only a write needs tempfile (it imports random); typer 0.29's run imports it itself.
    assert "tempfile" not in modules - modules_of_a_typer_run()
    # The bundled briefing, read alone, is decoded with the model's own types
    assert "briefcli.unchecked" not in modules


def test_briefings_read_together_or_a_large_one_take_the_pattern_free_types(tmp_path: Path) -> None:
    assert "briefcli.unchecked" in imported_modules(
        "timeline", "--json", "--data", str(MINI), "--data", str(FOLLOWUP)
    )
    assert "briefcli.unchecked" in imported_modules("validate", str(MINI), str(FOLLOWUP))
    large = tmp_path / "large.json"  # over LONE_DIRECT_BYTES: padded with spaces, which JSON allows
    large.write_bytes(MINI.read_bytes() + b" " * (1024 * 1024))
    assert "briefcli.unchecked" in imported_modules("timeline", "--json", "--data", str(large))


def test_human_views_and_written_dates_import_what_they_need() -> None:
    modules = imported_modules("timeline", "--since", "juin 2024", "--data", str(MINI))
    assert "rich.console" in modules and "dateutil.parser" in modules


# --- write errors and closed streams ------------------------------------------------


def run_with(
    args: list[str], *, preexec: Any = None, env: dict[str, str] | None = None, **streams: Any
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(BRIEF), *args],
        env=env or clean_environment(),
        preexec_fn=preexec,
        timeout=60,
        check=False,
        **streams,
    )


WRITERS = [
    ["summary", "--json"],
    ["summary"],
    ["timeline", "--format", "csv"],
    ["actors", "--format", "jsonl"],
    ["export"],
    ["validate"],
]
WRITER_IDS = [" ".join(args) for args in WRITERS]


@pytest.mark.parametrize("args", WRITERS, ids=WRITER_IDS)
def test_a_full_disk_is_the_environments_fault(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        run = run_with(args, stdout=full, stderr=subprocess.PIPE)
    assert (run.returncode, run.stderr) == (1, b"brief: write error: No space left on device\n")


def limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize("args", [["export"], ["timeline"], ["actors", "--json"]])
def test_a_file_size_limit_is_the_environments_fault(
    tmp_path: Path, args: list[str], unbuffered: str
) -> None:
    """`ulimit -f`: a write stops short, then fails; the part written must not pass for all of it."""
    env = clean_environment(PYTHONUNBUFFERED=unbuffered)
    with (tmp_path / "out").open("wb") as out:
        run = run_with(args, stdout=out, stderr=subprocess.PIPE, preexec=limit_file_size, env=env)
    assert (run.returncode, run.stderr) == (1, b"brief: write error: File too large\n")


def test_a_descriptor_brief_cannot_write_is_the_environments_fault(tmp_path: Path) -> None:
    (tmp_path / "read-only").write_bytes(b"")
    with (tmp_path / "read-only").open("rb") as not_for_writing:  # `brief summary >&3 3</dev/null`
        run = run_with(["summary", "--json"], stdout=not_for_writing, stderr=subprocess.PIPE)
    assert (run.returncode, run.stderr) == (1, b"brief: write error: Bad file descriptor\n")


def close(*numbers: int) -> Any:
    def closing() -> None:
        for number in numbers:
            os.close(number)

    return closing


@pytest.mark.parametrize("args", WRITERS[:3], ids=WRITER_IDS[:3])
def test_a_closed_stdout_gives_one_line_and_a_failure(args: list[str]) -> None:
    run = run_with(args, stderr=subprocess.PIPE, preexec=close(1))  # `brief summary >&-`
    assert (run.returncode, run.stderr) == (1, b"brief: write error: Bad file descriptor\n")


def test_a_closed_stdout_does_not_matter_to_a_command_that_writes_a_file(tmp_path: Path) -> None:
    run = run_with(["export", "-o", str(tmp_path / "out.md")], stderr=subprocess.PIPE, preexec=close(1))
    assert (run.returncode, run.stderr) == (0, f"brief: wrote {tmp_path / 'out.md'}\n".encode())
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--json"],
        ["timeline"],
        ["actors", "nobody-at-all"],  # exit 1, a message
        ["frobnicate"],  # exit 2, a message
        ["timeline", "--since", "tomorrow-ish"],
        ["validate", "/nonexistent.json"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_closed_stderr_changes_nothing_but_the_messages(args: list[str]) -> None:
    """`brief ... 2>&-`: the same results on stdout and the same status; the messages
    are lost, never written to stdout instead."""
    opened = run_with(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    closed = run_with(args, stdout=subprocess.PIPE, preexec=close(2))
    assert (closed.returncode, closed.stdout) == (opened.returncode, opened.stdout)
    assert b"brief:" not in closed.stdout


def test_all_standard_streams_closed() -> None:
    run = run_with(["summary"], preexec=close(0, 1, 2))
    assert run.returncode == 1


# --- output targets that are not regular files ---------------------------------------


def test_export_to_dev_stdout_writes_through_the_pipe() -> None:
    run = run_with(["export", "-o", "/dev/stdout"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.returncode == 0 and run.stdout == run_with(["export"], stdout=subprocess.PIPE).stdout
    assert Path("/dev/stdout").is_symlink()  # never renamed over


def test_export_to_dev_stdout_redirected_to_a_file(tmp_path: Path) -> None:
    """`brief export -o /dev/stdout > out.md`: /dev/stdout leads to a regular file, but it is
    a descriptor: written through, nothing created beside /dev/stdout, nothing renamed."""
    with (tmp_path / "out.md").open("wb") as out:
        run = run_with(["export", "-o", "/dev/stdout"], stdout=out, stderr=subprocess.PIPE)
    assert run.returncode == 0, run.stderr
    expected = run_with(["export"], stdout=subprocess.PIPE).stdout
    assert (tmp_path / "out.md").read_bytes() == expected
    assert Path("/dev/stdout").is_symlink()


def test_export_to_a_descriptor_appends_as_the_shell_opened_it(tmp_path: Path) -> None:
    log = tmp_path / "log.md"
    log.write_bytes(b"earlier\n")
    with log.open("ab") as appending:  # `brief export -o /dev/fd/3 3>>log.md`
        number = appending.fileno()
        run = subprocess.run(
            [str(BRIEF), "export", "-o", f"/dev/fd/{number}"],
            env=clean_environment(),
            pass_fds=(number,),
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert run.returncode == 0, run.stderr
    assert log.read_bytes().startswith(b"earlier\n# ")


def test_export_to_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    process = started("export", "-o", str(fifo))
    with fifo.open("rb") as reading:
        received = reading.read()
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    assert received.startswith(b"# ") and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_to_a_device() -> None:
    run = run_with(["export", "-o", os.devnull], stderr=subprocess.PIPE)
    assert run.returncode == 0 and stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_export_to_a_link_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "briefing.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    run = run_with(["export", "-o", str(link)], stderr=subprocess.PIPE)
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["briefing.md", "latest.md", "real"]


def test_export_dash_is_stdout() -> None:
    run = run_with(["export", "-o", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (run.returncode, run.stderr) == (0, b"") and run.stdout.startswith(b"# ")


def test_export_to_a_long_but_legal_name(tmp_path: Path) -> None:
    target = tmp_path / ("b" * 252 + ".md")  # 255 bytes, the most a name may have
    run = run_with(["export", "-o", str(target)], stderr=subprocess.PIPE)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_trailing_slash_is_not_a_file_name(tmp_path: Path) -> None:
    run = run_with(["export", "-o", f"{tmp_path}/out.md/"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr == (
        f"brief: --output {tmp_path}/out.md/: a file name cannot end with '/' (that names a directory)\n".encode()
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--data", ""], "brief: --data is empty: give a file name\n"),
        (["validate", ""], "brief: FILE is empty: give a file name\n"),
        (["validate", "--source", ""], "brief: --source is empty: give a file name\n"),
        (["export", "-o", ""], "brief: --output is empty: give a file name\n"),
    ],
    ids=["--data", "validate FILE", "--source", "--output"],
)
def test_an_empty_file_name_says_what_was_given(args: list[str], message: str) -> None:
    run = run_with(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (run.returncode, run.stdout, run.stderr.decode()) == (2, b"", message)


# --- a malformed environment -----------------------------------------------------------


@pytest.mark.parametrize(
    "variables",
    [
        {"COLUMNS": "²"},
        {"COLUMNS": "٣٠"},  # Arabic-Indic digits
        {"COLUMNS": "-5"},
        {"COLUMNS": "1e3"},
        {"COLUMNS": "9" * 30},
        {"COLUMNS": ""},
        {"LINES": "²"},
        {"LINES": "9" * 30},
        {"TERM": "\x1b[31m"},
        {"TERM": "x" * 10_000},
        {"TERM": ""},
    ],
    ids=lambda variables: " ".join(f"{k}={v[:12]!r}" for k, v in variables.items()),
)
@pytest.mark.parametrize("args", [["summary"], ["timeline", "--help"]])
def test_a_malformed_terminal_size_or_type_is_ignored(variables: dict[str, str], args: list[str]) -> None:
    run = run_with(args, env=clean_environment(**variables), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (run.returncode, run.stderr) == (0, b"") and run.stdout


def test_a_malformed_width_on_a_terminal_falls_back_to_the_terminals_own() -> None:
    status, shown = on_terminal("summary", env=clean_environment(COLUMNS="²", LINES="²"))
    assert status == 0 and b"internal error" not in shown and b"NATO" in shown


# --- the end of a run ------------------------------------------------------------------

END_OF_RUN = """
import atexit, sys, types
if sys.argv[1] == "measured":
    sys.modules["coverage"] = types.ModuleType("coverage")  # as when coverage.py measures
atexit.register(lambda: sys.stderr.write("exit handlers ran\\n"))
sys.argv = ["brief", *sys.argv[2:]]
from briefcli.__main__ import main
main()
"""


@pytest.mark.parametrize(("args", "status"), [(["summary", "--short"], 0), (["actors", "nobody-at-all"], 1)])
def test_exit_handlers_run_only_when_something_measures_the_run(args: list[str], status: int) -> None:
    """brief leaves by os._exit (no teardown, ~12 ms), unless coverage.py is loaded: then
    it exits normally, with the same status, so that coverage sees the end of the run."""
    for mode, handlers_ran in (("fast", False), ("measured", True)):
        run = subprocess.run(
            [sys.executable, "-c", END_OF_RUN, mode, *args],
            capture_output=True, env=clean_environment(), timeout=60, check=False,
        )  # fmt: skip
        assert run.returncode == status, run.stderr
        assert (b"exit handlers ran" in run.stderr) == handlers_ran, run.stderr
