"""Speed at scale (issue 14): every row of the issue's table, in one interleaved run.

    python benchmarks/speed.py                   7 runs of each case
    python benchmarks/speed.py --runs 11
    python benchmarks/speed.py --before DIR      also run older source, side by side
    python benchmarks/speed.py --before DIR --after DIR2   both from copies of the source
    python benchmarks/speed.py --only help       or: scale

Scale: one briefing of 100,000 events and 10,000 actors (large.py; under the 128 MiB
limit), read by brief's commands, by a bare script that only decodes it with msgspec,
keeps the events since 2021 and encodes them (the lower bound for any Python tool
reading this file), and by jq doing the same, for reference. Whole processes,
interleaved (A, B, C, A, B, C…) so that a busy moment hits every command alike;
medians of wall time and of CPU time (user + system: what the process itself spent,
which other work on a shared machine changes least), each as a ratio to its
reference. Peak memory is the child's maximum resident set size; time to first line
is read from the pipe, as `| head` would.

Help: `brief --help` and `brief timeline --help` on a pseudo-terminal, against
`python -c "import typer"`.

`--before DIR` runs the briefcli package in DIR (`python -m briefcli`, from DIR) beside
this one; make DIR with `git archive <commit> briefcli | tar -x -C DIR`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.startup import OUT, REPO, _drain, generate, table

EVENTS, ACTORS = 100_000, 10_000

BARE = """
import sys
import msgspec

# The briefing's shape as plain typed records, with no constraint and no rule: the
# least work that still reads every record of the file.
class Text(msgspec.Struct, gc=False):
    en: str | None = None
    fr: str | None = None

class Evidence(msgspec.Struct, gc=False):
    para: int
    quote: str

class Citation(msgspec.Struct, gc=False):
    outlet: str
    title: str
    url: str | None = None
    date: str | None = None

class Fact(msgspec.Struct, gc=False):
    fact: Text
    sources: list[Citation]

class Actor(msgspec.Struct, gc=False):
    id: str
    name: Text
    kind: str
    role: Text
    story: Text
    evidence: list[Evidence]
    affiliation: str | None = None
    aliases: list[str] = []
    correction: dict[str, object] | None = None
    public_record: list[Fact] = []

class Event(msgspec.Struct, gc=False):
    id: str
    date: str
    precision: str
    basis: str
    kind: str
    title: Text
    detail: Text
    evidence: list[Evidence]
    end: str | None = None
    sources: list[Citation] = []
    direction: str | None = None
    actors: list[str] = []

class Briefing(msgspec.Struct, gc=False):
    actors: list[Actor]
    events: list[Event]

with open(sys.argv[1], "rb") as file:
    briefing = msgspec.json.decode(file.read(), type=Briefing)
kept = [event for event in briefing.events if event.date >= "2021-01-01"]
sys.stdout.buffer.write(msgspec.json.encode(kept))
"""
RICH_HELP = """
import sys
from briefcli.cli import app
app.rich_markup_mode = "rich"
sys.argv[0] = "brief"
from briefcli.__main__ import main
main()
"""
JQ_FILTER = '[.events[] | select(.date >= "2021-01-01")]'


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path = REPO
    first_line: bool = False  # time to the first line on a pipe, then close it as head does
    terminal: bool = False


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)


def run_once(case: Case, samples: Samples) -> None:
    if case.terminal:
        import pty
        import threading

        leader, follower = pty.openpty()
        drained = threading.Thread(target=_drain, args=(leader,), daemon=True)
        drained.start()
        started = time.perf_counter()
        process = subprocess.Popen(case.argv, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                                   env=case.env, cwd=case.cwd)  # fmt: skip
        os.close(follower)
    else:
        started = time.perf_counter()
        process = subprocess.Popen(
            case.argv,
            stdout=subprocess.PIPE if case.first_line else subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=case.env,
            cwd=case.cwd,
        )
    if case.first_line:
        assert process.stdout is not None
        line = process.stdout.readline()
        first = time.perf_counter() - started
        assert line, f"{case.name}: no output"
        process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if case.terminal:
        drained.join(timeout=5)
        os.close(leader)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 and not (case.first_line and code == -13):  # SIGPIPE, as under head
        raise SystemExit(f"{case.name}: exit {code}")
    samples.wall.append(first if case.first_line else wall)
    samples.cpu.append(usage.ru_utime + usage.ru_stime)
    samples.peak.append(usage.ru_maxrss / 1024)


def interleaved(cases: list[Case], runs: int) -> dict[str, Samples]:
    samples = {case.name: Samples() for case in cases}
    for case in cases:  # one warm-up each: the page cache, the .pyc files
        run_once(case, Samples())
    for _ in range(runs):
        for case in cases:
            run_once(case, samples[case.name])
    return samples


def brief_argv(source: Path | None) -> tuple[list[str], Path]:
    """How to run brief: the installed command, or the package in `source`."""
    if source is None:
        return [str(Path(sys.executable).parent / "brief")], REPO
    return [sys.executable, "-m", "briefcli"], source


@dataclass
class Row:
    name: str
    measure: str  # what the ratio compares: "wall", "cpu", "peak", "first"
    case: str
    reference: str | None
    target: float | None


def scale_cases(
    path: Path, env: dict[str, str], sources: dict[str, Path | None]
) -> tuple[list[Case], list[Row]]:
    data = ["--data", str(path)]
    cases = [
        Case("bare: decode, filter, encode", [sys.executable, "-c", BARE, str(path)], env),
        Case("jq, the same", ["jq", "-c", JQ_FILTER, str(path)], env),
    ]
    rows = [
        Row("bare script", "wall", cases[0].name, None, None),
        Row("jq", "wall", cases[1].name, cases[0].name, None),
        Row("bare script: peak memory, MiB", "peak", cases[0].name, None, None),
    ]
    for label, source in sources.items():
        argv, cwd = brief_argv(source)
        named = {
            "timeline": ["timeline", "--since", "2021-01-01", "--json"],
            "timeline-all": ["timeline", "--json"],
            "search": ["search", "trump", "--json"],
            "actors": ["actors", "--json"],
            "validate": ["validate"],
            "human": ["timeline"],
        }
        for key, args in named.items():
            cases.append(Case(f"{label} {key}", [*argv, *args, *data], env, cwd, first_line=key == "human"))
        bare = cases[0].name
        rows += [
            Row(f"{label}: timeline --since 2021-01-01 --json", "wall", f"{label} timeline", bare, 1.6),
            Row(f"{label}: search trump --json (to timeline --json)", "wall", f"{label} search", f"{label} timeline-all", 2.0),
            Row(f"{label}: actors --json", "wall", f"{label} actors", bare, 1.3),
            Row(f"{label}: validate", "wall", f"{label} validate", bare, 1.2),
            Row(f"{label}: timeline, first line on a pipe (to timeline --json)", "first", f"{label} human", f"{label} timeline-all", 1.2),
            Row(f"{label}: peak memory of timeline --json, MiB", "peak", f"{label} timeline-all", None, 350),
        ]  # fmt: skip
    return cases, rows


def help_cases(env: dict[str, str], sources: dict[str, Path | None]) -> tuple[list[Case], list[Row]]:
    baseline = Case("python -c 'import typer'", [sys.executable, "-c", "import typer"], env, terminal=True)
    cases, rows = [baseline], []
    for label, source in sources.items():
        argv, cwd = brief_argv(source)
        for args in (["--help"], ["timeline", "--help"]):
            name = f"{label} brief {' '.join(args)}"
            cases.append(Case(name, [*argv, *args], env, cwd, terminal=True))
            rows.append(Row(f"{label}: brief {' '.join(args)} (terminal)", "wall", name, baseline.name, 1.6))
    # What Typer's Rich help would cost: the same app with rich_markup_mode="rich" (brief's
    # help is Click's own, Typer's documented rich_markup_mode=None), for the README's trade-off.
    for args in (["--help"], ["timeline", "--help"]):
        name = f"rich brief {' '.join(args)}"
        cases.append(Case(name, [sys.executable, "-c", RICH_HELP, *args], env, REPO, terminal=True))
        rows.append(
            Row(f"for comparison, Rich help: brief {' '.join(args)}", "wall", name, baseline.name, None)
        )
    return cases, rows


def report(rows: list[Row], samples: dict[str, Samples], title: str, runs: int) -> tuple[str, bool]:
    """The table, and whether this checkout's rows meet their targets (an older one's may not)."""
    lines, within = [], True
    for row in rows:
        current = not row.name.startswith("before:")
        got = samples[row.case]
        if row.measure == "peak":
            value = max(got.peak)
            ok = row.target is None or value <= row.target
            lines.append([row.name, f"{value:.0f} MiB", "", "", "", _verdict(row.target, ok, "MiB")])
            within &= ok or not current
            continue
        wall, cpu = statistics.median(got.wall), statistics.median(got.cpu)
        if row.reference is None:
            lines.append([row.name, f"{wall:.2f}", f"{cpu:.2f}", "", "", ""])
            continue
        ref = samples[row.reference]
        ref_wall = statistics.median(ref.wall)
        wall_ratio = wall / ref_wall
        if row.measure == "first":  # the first line, to the whole of the other command
            cpu_text, cpu_ratio = "", wall_ratio
        else:
            cpu_ratio = cpu / statistics.median(ref.cpu)
            cpu_text = f"{cpu_ratio:.2f}x"
        ok = row.target is None or wall_ratio <= row.target
        within &= ok or not current
        lines.append([row.name, f"{wall:.2f}", "" if row.measure == "first" else f"{cpu:.2f}",
                      f"{wall_ratio:.2f}x", cpu_text, _verdict(row.target, ok, "x")])  # fmt: skip
    headers = ["case", "median wall s", "median CPU s", "ratio (wall)", "ratio (CPU)", "target"]
    return f"#### {title} ({runs} interleaved runs)\n\n" + table(lines, headers), within


def _verdict(target: float | None, ok: bool, unit: str) -> str:
    if target is None:
        return ""
    return f"≤ {target:g}{unit} " + ("ok" if ok else "OVER")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="a directory holding an older briefcli package")
    parser.add_argument(
        "--after", type=Path, help="run the package in this directory as the after, not this checkout"
    )
    parser.add_argument("--only", choices=("scale", "help"))
    args = parser.parse_args()
    # As a user's shell would run it: no PYTHON* settings of this workplace, bytecode compiled.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "NO_COLOR", "COLUMNS", "PYTHON"))
    }
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color"})
    sources: dict[str, Path | None] = {}
    if args.before is not None:
        sources["before"] = args.before.resolve()
    sources["after" if args.before is not None else "brief"] = (
        None if args.after is None else args.after.resolve()
    )
    for source in (REPO, *(s for s in sources.values() if s is not None)):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(source / "briefcli")], check=True, env=env
        )
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}\n")  # fmt: skip
    within = True
    if args.only in (None, "help"):
        cases, rows = help_cases(env, sources)
        text, ok = report(rows, interleaved(cases, args.runs * 3), "Help", args.runs * 3)
        print(text + "\n")
        within &= ok
    if args.only in (None, "scale"):
        OUT.mkdir(exist_ok=True)
        path = generate(OUT / f"briefing-{EVENTS}.json", events=EVENTS, actors=ACTORS)
        size = path.stat().st_size / 2**20
        cases, rows = scale_cases(path, env, sources)
        title = f"{EVENTS:,} events, {ACTORS:,} actors ({size:.0f} MiB)"
        text, ok = report(rows, interleaved(cases, args.runs), title, args.runs)
        print(text + "\n")
        within &= ok
    print("all within their targets" if within else "SOME TARGETS MISSED")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
