"""Search at scale (issue 14): `search` against `timeline --json` on one large briefing.

    python benchmarks/search.py                      100,000 events, 10,000 actors, 7 runs
    python benchmarks/search.py --runs 15
    python benchmarks/search.py --before DIR         also run older source, side by side

Whole processes, interleaved (A, B, C, A, B, C…) so that a busy moment hits every
command alike; medians of wall time and of CPU time (user + system: what the process
itself spent, which another process on a busy machine barely changes), with the
ratio of each to `timeline --json`'s. The target: `search trump --json` at most 2x
`timeline --json`.

`--before DIR` runs the package in DIR with this interpreter, as `python -m briefcli`,
to show the before and the after in one run; make DIR with
`git archive <commit> briefcli | tar -x -C DIR`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.startup import OUT, REPO, generate, table

TARGET = 2.0  # search trump --json, as a multiple of timeline --json
QUERIES = {
    "search trump --json": ["search", "trump", "--json"],
    "search 'trump putin' --json": ["search", "trump putin", "--json"],
    "search pourparlers --json": ["search", "pourparlers", "--json"],
    "search --substring us --json": ["search", "us", "--substring", "--json"],
    "search '\"nato countries\"' --json": ["search", '"nato countries"', "--json"],
}


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path  # `python -m` puts the working directory first on the path: it picks the source


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mib: float


def run_once(case: Case) -> Sample:
    started = time.perf_counter()
    process = subprocess.Popen(
        case.argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=case.env,
        cwd=case.cwd,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        raise SystemExit(f"{case.name}: exit {os.waitstatus_to_exitcode(status)}: {process.stderr.read()!r}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def cases(
    label: str, source: Path, data: Path, env: dict[str, str], queries: dict[str, list[str]]
) -> list[Case]:
    """`source`: the directory holding the briefcli package to run."""
    command = [sys.executable, "-m", "briefcli"]
    timeline = Case(
        f"{label}timeline --json", [*command, "timeline", "--json", "--data", str(data)], env, source
    )
    searches = [
        Case(f"{label}{name}", [*command, *argv, "--data", str(data)], env, source)
        for name, argv in queries.items()
    ]
    return [timeline, *searches]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--before", type=Path, help="a directory holding an older briefcli package")
    args = parser.parse_args()

    # As a user's shell would run it (see startup.py): no PYTHON* settings of this workplace.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "NO_COLOR", "COLUMNS", "PYTHON"))
    }
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color"})
    OUT.mkdir(exist_ok=True)
    data = generate(OUT / f"briefing-{args.events}.json", events=args.events, actors=args.actors)
    size = data.stat().st_size / 2**20

    data = data.resolve()
    groups = [cases("", REPO, data, env, QUERIES)]
    if args.before is not None:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(args.before)], check=True, env=env)
        # Only the search the target is about: the old one takes seconds a run. Each case
        # runs in the directory that holds its package.
        trump = {"search trump --json": QUERIES["search trump --json"]}
        groups.append(cases("before: ", args.before.resolve(), data, env, trump))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "briefcli")], check=True, env=env)

    everything = [case for group in groups for case in group]
    samples: dict[str, list[Sample]] = {case.name: [] for case in everything}
    for case in everything:  # one warm-up each: the page cache, the .pyc files
        run_once(case)
    for _ in range(args.runs):
        for case in everything:
            samples[case.name].append(run_once(case))

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; load average {os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    print(
        f"Briefing: {args.events:,} events, {args.actors:,} actors ({size:.0f} MiB); {args.runs} runs each\n"
    )
    rows, within = [], True
    for group in groups:
        wall_base = statistics.median(sample.wall for sample in samples[group[0].name])
        cpu_base = statistics.median(sample.cpu for sample in samples[group[0].name])
        for case in group:
            walls = [sample.wall for sample in samples[case.name]]
            wall, cpu = (
                statistics.median(walls),
                statistics.median(sample.cpu for sample in samples[case.name]),
            )
            peak = max(sample.peak_mib for sample in samples[case.name])
            target = ""
            if case.name.endswith("search trump --json"):
                ok = wall / wall_base <= TARGET and cpu / cpu_base <= TARGET
                target = f"≤ {TARGET:g}x timeline " + ("ok" if ok else "OVER")
                within &= ok or case.name.startswith("before")
            rows.append([case.name, f"{wall:.2f}", f"{min(walls):.2f}–{max(walls):.2f}", f"{wall / wall_base:.2f}x",
                         f"{cpu:.2f}", f"{cpu / cpu_base:.2f}x", f"{peak:.0f}", target])  # fmt: skip
    headers = [
        "command",
        "wall s",
        "wall range",
        "wall vs timeline",
        "CPU s",
        "CPU vs timeline",
        "peak MiB",
        "target",
    ]
    print(table(rows, headers))
    print("\nall within their targets" if within else "\nSOME TARGETS MISSED")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
