"""Many briefings at once (issue 13). Timings live here, never in tests.

    python benchmarks/several.py               everything, 7 interleaved rounds
    python benchmarks/several.py --rounds 3

- 1,000 briefings in a directory, made from the bundled one (each with its own id,
  publication day and most event ids; the story's first three events shared, so the
  merge has real work): `brief timeline --data DIR --json` against a bare script that
  only reads and decodes every file with msgspec, run side by side, interleaved.
- `brief diff` of two briefings of 100,000 events (large.py's), the second with a
  tenth of its events changed, a hundredth removed and a hundredth added.
- `brief export --format sqlite` of the 1,000 briefings.

Each case is a whole process, timed by wall clock (its median, min and max over the
rounds, run A, B, C, A, B, C… so that a busy moment hits every case alike).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
BRIEF = Path(sys.executable).parent / "brief"
SHARED = 3  # the first events of the story, in every briefing

BARE = """
import sys
from pathlib import Path
import msgspec
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    msgspec.json.decode(path.read_bytes())
"""


def write_many(directory: Path, count: int = 1000) -> Path:
    """`count` briefings in `directory`, the same bytes every time."""
    directory.mkdir(parents=True, exist_ok=True)
    base = json.loads((REPO / "data" / "briefing.json").read_text(encoding="utf-8"))
    first = date(2025, 7, 14)
    for n in range(count):
        document = json.loads(json.dumps(base))
        document["id"] = f"day-{n:04d}"
        document["source"]["published"] = (first + timedelta(days=n)).isoformat()
        for position, event in enumerate(document["events"]):
            if position >= SHARED:
                event["id"] = f"{event['id']}-{n:04d}"
        path = directory / f"day-{n:04d}.json"
        text = json.dumps(document, ensure_ascii=False)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return directory


def write_diff_pair(directory: Path, events: int = 100_000) -> tuple[Path, Path]:
    sys.path.insert(0, str(REPO))
    from benchmarks.large import large_briefing

    old = large_briefing(events=events, actors=10_000)
    new = json.loads(json.dumps(old))
    new_events = new["events"]
    assert isinstance(new_events, list)
    for index in range(0, len(new_events), 10):
        new_events[index]["title"] = {"en": f"Retitled {index}"}
    removed = set(range(5, len(new_events), 100))
    kept = [event for index, event in enumerate(new_events) if index not in removed]
    kept += [dict(new_events[index], id=f"added-{index:06d}") for index in range(7, len(new_events), 100)]
    new["events"] = kept
    new["id"] = "generated-next"
    paths = directory / "diff-old.json", directory / "diff-new.json"
    for path, document in zip(paths, (old, new), strict=True):
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return paths


# As a user's shell would run it (see startup.py): without this workplace's PYTHON*
# settings, so that brief's bytecode is compiled once, as `pip install .` leaves it.
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "NO_COLOR", "COLUMNS", "PYTHON"))}
ENV.update({"LANG": "C.UTF-8"})


def timed(argv: list[str]) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system: on a busy machine the steadier) and peak
    resident memory in MiB, of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    assert process.stderr is not None
    errors = process.stderr.read()  # (little: an error line at most)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # diff exits 1 for "different"
        raise SystemExit(f"{argv}: exit {code}: {errors.decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    many, (old, new) = OUT / "many", (OUT / "diff-old.json", OUT / "diff-new.json")
    if args.prepare:
        write_many(many)
        write_diff_pair(OUT)
        return
    # The files are made in a child: a process forked from one that built them in memory
    # would count that memory in its peak until it execs.
    subprocess.run([sys.executable, __file__, "--prepare"], check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "briefcli")], check=True, env=ENV)
    archive = OUT / "many.db"
    size = sum(path.stat().st_size for path in many.glob("*.json")) / 2**20
    cases = {
        f"bare msgspec decode of 1,000 briefings ({size:.0f} MiB)": [sys.executable, "-c", BARE, str(many)],
        "brief timeline --data DIR --json, 1,000 briefings": [str(BRIEF), "timeline", "--data", str(many), "--json"],
        "brief diff, two briefings of 100,000 events": [str(BRIEF), "diff", str(old), str(new), "--json"],
        "brief export --format sqlite, 1,000 briefings": [
            str(BRIEF), "export", "--format", "sqlite", "--data", str(many), "-o", str(archive)
        ],
    }  # fmt: skip
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for _ in range(args.rounds):
        for name, argv in cases.items():
            samples[name].append(timed(argv))
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {args.rounds} interleaved rounds"
    )
    print("\n| case | median wall s | min | max | median CPU s | peak MiB |")
    print("|---|---|---|---|---|---|")
    for name, values in samples.items():
        walls, cpus = [wall for wall, _, _ in values], [cpu for _, cpu, _ in values]
        peak = max(peak for _, _, peak in values)
        print(
            f"| {name} | {statistics.median(walls):.2f} | {min(walls):.2f} | {max(walls):.2f} "
            f"| {statistics.median(cpus):.2f} | {peak:.0f} |"
        )
    bare, timeline = (samples[name] for name in list(cases)[:2])
    # Each round's two runs are next to each other: their ratio is steady when the machine's speed drifts.
    paired = [(mine[0] / theirs[0], mine[1] / theirs[1]) for mine, theirs in zip(timeline, bare, strict=True)]
    print(
        f"\ntimeline over 1,000 / bare decode, the median of each round's ratio: "
        f"{statistics.median(wall for wall, _ in paired):.2f}x wall, "
        f"{statistics.median(cpu for _, cpu in paired):.2f}x CPU (target: at most 2x)"
    )
    print(f"archive: {archive.stat().st_size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
