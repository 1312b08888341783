"""Cost of hostile briefings: time and peak memory against the file's size.

A briefing is untrusted, and its size is bounded (128 MiB), so what a command costs
must stay bounded by its size too, whatever the file holds. Each case grows one
hostile thing to 1, 10 and 100 MB and runs the commands it could slow down:

- thousands of unknown actor references (a suggestion for each was quadratic);
- one actor with a huge story, shown as a card (Rich's line splitting is quadratic);
- search in one huge text, with and without a hit;
- many events (the ordinary large briefing), for comparison.

The bound, documented in docs/robustness.md, is checked for every run:
    CPU seconds <= TIME_BASE + TIME_PER_MB * MB
    peak MiB    <= MEMORY_BASE + MEMORY_FACTOR * MB
CPU time (user + system), not wall time: a busy machine stretches the second, not the first.
A run over it is marked OVER and makes the script exit 1.

    python -m benchmarks.hostile            # 1 and 10 MB
    python -m benchmarks.hostile 1 10 100   # the sizes to try, in MB
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.large import large_briefing

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "data" / "mini-briefing.json"
BRIEF = Path(sys.executable).parent / "brief"
MB = 1_000_000

TIME_BASE, TIME_PER_MB = 1.0, 1.0  # CPU seconds
MEMORY_BASE, MEMORY_FACTOR = 60.0, 20.0  # MiB, and MiB per MB of file


def bound(megabytes: float) -> tuple[float, float]:
    return TIME_BASE + TIME_PER_MB * megabytes, MEMORY_BASE + MEMORY_FACTOR * megabytes


def _mini() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    return document


def unknown_references(size: int) -> dict[str, Any]:
    document = _mini()
    per = len(json.dumps("town-counci-000000-x")) + 1
    document["events"][0]["actors"] = [f"town-counci-{i:06d}-x" for i in range(size // per)]
    return document


def long_story(size: int) -> dict[str, Any]:
    document = _mini()
    words = "le conseil municipal vote le budget de la ville "
    document["actors"][0]["story"] = {"en": (words * (size // len(words) + 1))[:size]}
    return document


def many_events(size: int) -> dict[str, Any]:
    per_event = 1_070  # bytes of one generated event, about
    return large_briefing(events=max(1, size // per_event), actors=500)


@dataclass
class Case:
    name: str
    build: Callable[[int], dict[str, Any]]
    commands: list[list[str]]
    status: int = 0  # the exit status expected


CASES = [
    Case(
        "unknown references", unknown_references, [["validate", "{file}"], ["summary", "--data", "{file}"]], 1
    ),
    Case(
        "one long story",
        long_story,
        [
            ["actors", "zoe", "--data", "{file}"],
            ["actors", "--json", "--data", "{file}"],
            ["export", "--data", "{file}"],
            ["validate", "{file}"],
        ],
    ),
    Case(
        "search one long text",
        long_story,
        [["search", "zzz", "--data", "{file}"], ["search", "budget", "--json", "--data", "{file}"]],
    ),
    Case(
        "many events",
        many_events,
        [["timeline", "--data", "{file}"], ["export", "--data", "{file}"], ["validate", "{file}"]],
    ),
]


@dataclass
class Result:
    case: str
    command: str
    megabytes: float
    seconds: float  # CPU
    wall: float
    peak_mib: float
    status: int

    @property
    def within(self) -> bool:
        seconds, mib = bound(self.megabytes)
        return self.seconds <= seconds and self.peak_mib <= mib


def measure(argv: list[str], timeout: float) -> tuple[float, float, float, int]:
    """CPU time, wall time, peak resident memory (MiB) and exit status of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "100"}
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return float("inf"), float("inf"), usage.ru_maxrss / 1024, -9
        time.sleep(0.01)
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def write_files(sizes: list[float], directory: Path) -> None:
    for case in CASES:
        for megabytes in sizes:
            path = directory / f"{case.build.__name__}-{megabytes:g}.json"
            if not path.exists():
                path.write_text(json.dumps(case.build(int(megabytes * MB))), encoding="utf-8")


def run(sizes: list[float], directory: Path) -> list[Result]:
    # The files are built by another process: a child's peak memory counts its parent's
    # at the time it was started, so this one must stay small.
    subprocess.run(
        [sys.executable, "-m", "benchmarks.hostile", "--write", str(directory), *map(str, sizes)],
        cwd=REPO,
        check=True,
    )
    results = []
    for case in CASES:
        for megabytes in sizes:
            path = directory / f"{case.build.__name__}-{megabytes:g}.json"
            actual = path.stat().st_size / MB
            for command in case.commands:
                argv = [str(BRIEF), *(arg.format(file=path) for arg in command)]
                seconds, wall, peak, status = measure(argv, timeout=max(120.0, 10 * bound(actual)[0]))
                label = " ".join(command).replace(str(path), "FILE").replace("{file}", "FILE")
                results.append(Result(case.name, label, actual, seconds, wall, peak, status))
                result = results[-1]
                print(
                    f"{case.name:22} {label:34} {actual:7.1f} MB {seconds:7.2f} s CPU {wall:7.2f} s {peak:8.1f} MiB"
                    f"{'' if result.within else '  OVER'}{'' if status in (0, case.status) else f'  exit {status}'}",
                    file=sys.stderr,
                )
    return results


def table(results: list[Result]) -> str:
    lines = [
        "| case | command | file MB | CPU s | CPU s per MB | wall s | peak MiB | peak / size | within the bound |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.case} | `{r.command}` | {r.megabytes:.1f} | {r.seconds:.2f} | {r.seconds / r.megabytes:.3f} | {r.wall:.1f} "
            f"| {r.peak_mib:.0f} | {r.peak_mib / r.megabytes:.1f} | {'yes' if r.within else '**no**'} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--write"]:
        write_files([float(a) for a in argv[2:]], Path(argv[1]))
        return 0
    sizes = [float(a) for a in argv] or [1.0, 10.0]
    with tempfile.TemporaryDirectory(prefix="brief-hostile-") as directory:
        results = run(sizes, Path(directory))
    print(
        f"Bound: CPU seconds <= {TIME_BASE:g} + {TIME_PER_MB:g} x MB; "
        f"peak MiB <= {MEMORY_BASE:g} + {MEMORY_FACTOR:g} x MB\n"
    )
    print(table(results))
    return 0 if all(r.within for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
