"""Start-up and scale benchmarks for brief (issue 4). Timings live here, never in tests.

    python benchmarks/startup.py                 everything (typer 0.29 row included)
    python benchmarks/startup.py --runs 15       fewer runs
    python benchmarks/startup.py --no-typer029   skip the typer 0.29 environment
    python benchmarks/startup.py --no-own        skip the install of brief alone
    python benchmarks/startup.py --only startup  or: scale

Start-up is measured in two environments: brief installed alone with its own
dependencies (benchmarks/.venv-own, as a user's `pip install .` leaves it), and the
interpreter this runs on (the development environment, whose test tools bring
typing_extensions, which msgspec imports when it is there).

Start-up: whole processes, run interleaved (A, B, C, A, B, C…) so that a busy moment
hits every command alike; medians, with min and max, and the ratio of each median to
`python -c "import typer"` with the same interpreter. Human views run on a
pseudo-terminal, as a person would see them.

Scale: large briefings generated deterministically from the bundled one (see
large.py), timed with their peak memory (the child's maximum resident set size).
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"


@dataclass
class Case:
    name: str
    argv: list[str]
    terminal: bool = False
    budget: float | None = None  # the target ratio to `import typer`


@dataclass
class Sample:
    seconds: float
    peak_mib: float


def run_once(argv: Sequence[str], *, terminal: bool, env: dict[str, str]) -> Sample:
    """Run one whole process; its wall time and peak resident memory."""
    if terminal:
        leader, follower = pty.openpty()
        drained = threading.Thread(target=_drain, args=(leader,), daemon=True)
        drained.start()
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL, env=env)
        os.close(follower)
    else:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
        )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if terminal:
        drained.join(timeout=5)
        os.close(leader)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {process.returncode}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def _drain(descriptor: int) -> None:
    try:
        while os.read(descriptor, 65536):
            pass
    except OSError:
        pass


def interleaved(cases: Sequence[Case], runs: int, env: dict[str, str]) -> dict[str, list[Sample]]:
    samples: dict[str, list[Sample]] = {case.name: [] for case in cases}
    for case in cases:  # one warm-up each: the page cache, the .pyc files
        run_once(case.argv, terminal=case.terminal, env=env)
    for _ in range(runs):
        for case in cases:
            samples[case.name].append(run_once(case.argv, terminal=case.terminal, env=env))
    return samples


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return (
            "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        )

    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def startup_report(python: Path, brief: Path, runs: int, env: dict[str, str], label: str) -> tuple[str, bool]:
    baseline = Case("python -c 'import typer'", [str(python), "-c", "import typer"])
    cases = [
        baseline,
        # The floor of every JSON path: Typer, and msgspec, which the model is made of.
        Case("python -c 'import typer, msgspec.json'", [str(python), "-c", "import typer, msgspec.json"]),
        # Issue 13's budget for the JSON paths (issue 4's was 1.2x, and 1.25x for the timeline)
        Case("brief summary --json", [str(brief), "summary", "--json"], budget=1.1),
        Case("brief actors --json", [str(brief), "actors", "--json"], budget=1.1),
        Case(
            "brief timeline --since 2025-07-01 --json",
            [str(brief), "timeline", "--since", "2025-07-01", "--json"],
            budget=1.1,
        ),
        Case("brief summary (terminal)", [str(brief), "summary"], terminal=True, budget=1.8),
        Case("brief actors (terminal)", [str(brief), "actors"], terminal=True, budget=1.8),
        Case("brief timeline (terminal)", [str(brief), "timeline"], terminal=True, budget=1.8),
        Case("brief --help (terminal)", [str(brief), "--help"], terminal=True, budget=2.5),
    ]
    samples = interleaved(cases, runs, env)
    base = statistics.median(s.seconds for s in samples[baseline.name])
    rows, within = [], True
    for case in cases:
        times = [s.seconds for s in samples[case.name]]
        median = statistics.median(times)
        ratio = median / base
        verdict = "" if case.budget is None else ("ok" if ratio <= case.budget else "OVER")
        within &= verdict != "OVER"
        rows.append([case.name, ms(median), ms(min(times)), ms(max(times)), f"{ratio:.2f}x",
                     "" if case.budget is None else f"{case.budget}x {verdict}"])  # fmt: skip
    headers = ["command", "median ms", "min ms", "max ms", "ratio", "target"]
    return f"### Start-up, {label} ({runs} interleaved runs)\n\n" + table(rows, headers), within


def typer029_environment() -> tuple[Path, Path] | None:
    """A separate virtual environment with typer 0.29 and brief, made once (needs PyPI)."""
    venv = HERE / ".venv-typer029"
    python, brief = venv / "bin" / "python", venv / "bin" / "brief"
    if not brief.exists():
        print("making benchmarks/.venv-typer029 (typer 0.29) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        installed = subprocess.run(
            [*pip, "typer>=0.29,<0.30", "rich", "python-dateutil", "msgspec"], check=False
        )
        if installed.returncode != 0:
            return None
        subprocess.run([*pip, "--no-deps", str(REPO)], check=True)  # the pin is ours to lift here
    return python, brief


def own_environment() -> tuple[Path, Path]:
    """A virtual environment with brief and its own dependencies only, as `pip install .`
    leaves a user's (pipx, a fresh venv); brief reinstalled from this checkout each run.
    The development environment differs: mypy brings typing_extensions, which msgspec
    then imports (~3 ms) and which nothing of brief's own brings."""
    venv = HERE / ".venv-own"
    python, brief = venv / "bin" / "python", venv / "bin" / "brief"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not python.exists():
        print("making benchmarks/.venv-own (brief's own dependencies) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, str(REPO)], check=True)
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(REPO)], check=True)
    return python, brief


def generate(path: Path, *, events: int, actors: int) -> Path:
    """Write a large briefing in another process. Generating it here would grow this
    process, and Linux keeps a process's peak memory across exec: every child would
    then report this one's size as its own."""
    subprocess.run(
        [sys.executable, str(HERE / "large.py"), str(path), str(events), str(actors)],
        check=True,
        capture_output=True,
    )
    return path


def scale_report(brief: Path, env: dict[str, str]) -> tuple[str, bool]:
    OUT.mkdir(exist_ok=True)
    rows, within = [], True
    seconds: dict[int, float] = {}
    for events in (10_000, 100_000):
        path = generate(OUT / f"briefing-{events}.json", events=events, actors=10_000)
        size = path.stat().st_size / 2**20
        times, peaks = [], []
        for _ in range(5):
            sample = run_once(
                [str(brief), "timeline", "--since", "2021-01-01", "--json", "--data", str(path)],
                terminal=False,
                env=env,
            )
            times.append(sample.seconds)
            peaks.append(sample.peak_mib)
        seconds[events] = statistics.median(times)
        ok = events != 100_000 or (seconds[events] <= 1.5 and max(peaks) <= 400)
        within &= ok
        rows.append([f"timeline --since 2021-01-01 --json, {events:,} events, 10,000 actors ({size:.0f} MiB)",
                     f"{seconds[events]:.2f}", f"{min(times):.2f}", f"{max(times):.2f}", f"{max(peaks):.0f}",
                     "1.5 s, 400 MiB " + ("ok" if ok else "OVER") if events == 100_000 else ""])  # fmt: skip
    growth = seconds[100_000] / seconds[10_000]
    linear = growth <= 10.0
    within &= linear
    rows.append(
        [
            "growth 10,000 -> 100,000 events (10x the data)",
            f"{growth:.1f}x",
            "",
            "",
            "",
            "at most 10x " + ("ok" if linear else "OVER"),
        ]
    )

    path = generate(OUT / "briefing-20000.json", events=20_000, actors=1_000)
    first, whole = first_line_and_total(brief, path, env)
    rows.append(["human timeline of 20,000 events: first line on a pipe", f"{first:.2f}", "", "", "", ""])
    rows.append(
        ["human timeline of 20,000 events piped into head -3, whole pipeline", f"{whole:.2f}", "", "", "", ""]
    )
    headers = ["case", "median s", "min s", "max s", "peak MiB", "target"]
    return "### Scale\n\n" + table(rows, headers), within


def first_line_and_total(brief: Path, path: Path, env: dict[str, str]) -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen([str(brief), "timeline", "--data", str(path)], stdout=subprocess.PIPE, env=env)
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]
    first = time.perf_counter() - started
    process.stdout.close()  # what head does after three lines
    process.wait()
    assert all(lines), "the timeline printed fewer than three lines"
    return first, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--no-typer029", action="store_true")
    parser.add_argument("--no-own", action="store_true", help="skip the install of brief alone")
    parser.add_argument("--only", choices=("startup", "scale"))
    args = parser.parse_args()

    python = Path(sys.executable)
    brief = python.parent / "brief"
    # As a user's shell would run it: no PYTHON* settings of this workplace (it sets
    # PYTHONDONTWRITEBYTECODE, which would recompile brief's source at every start, when
    # `pip install .` compiles it once, as it did typer's, the baseline's).
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "NO_COLOR", "COLUMNS", "PYTHON"))
    }
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color"})
    subprocess.run([str(python), "-m", "compileall", "-q", str(REPO / "briefcli")], check=True, env=env)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}\n"
    )
    within = True
    if args.only in (None, "startup"):
        if not args.no_own:
            own_python, own_brief = own_environment()
            label = f"typer {_version(own_python, 'typer')}, brief and its own dependencies only"
            report, ok = startup_report(own_python, own_brief, args.runs, env, label)
            print(report + "\n")
            within &= ok
        label = f"typer {_version(python, 'typer')}, the development environment (typing_extensions too)"
        report, ok = startup_report(python, brief, args.runs, env, label)
        print(report + "\n")
        within &= ok
        if not args.no_typer029:
            other = typer029_environment()
            if other is None:
                print("(typer 0.29 could not be installed here: no row for it)\n")
            else:
                report, _ = startup_report(
                    *other, args.runs, env, "typer " + _version(other[0], "typer") + ", for comparison"
                )
                print(report + "\n")
    if args.only in (None, "scale"):
        report, ok = scale_report(brief, env)
        print(report + "\n")
        within &= ok
    print("all within their targets" if within else "SOME TARGETS MISSED")
    return 0 if within else 1


def _version(python: Path, package: str) -> str:
    found = subprocess.run([str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return found.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
