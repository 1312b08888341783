"""Search at scale (issue 14): `search` against `timeline --json` on one large briefing.

    python benchmarks/search.py                      100,000 events, 10,000 actors, 7 runs
    python benchmarks/search.py --runs 15
    python benchmarks/search.py --before ../brief-old  also run an older checkout, side by side

Whole processes, interleaved (A, B, C, A, B, C…) so that a busy moment hits every
command alike; medians with min and max, and each median as a ratio of
`timeline --json`'s. The target: `search trump --json` at most 2x `timeline --json`.
`--before DIR` runs the source in DIR (`git archive <commit> briefcli | tar -x -C DIR`) with this
interpreter, as `python -m briefcli`, to show the before and the after in one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.startup import OUT, REPO, Case, generate, interleaved, table

TARGET = 2.0  # search trump --json, as a multiple of timeline --json
QUERIES = {
    "search trump --json": ["search", "trump", "--json"],
    "search 'trump putin' --json": ["search", "trump putin", "--json"],
    "search pourparlers --json": ["search", "pourparlers", "--json"],
    "search --substring us --json": ["search", "us", "--substring", "--json"],
    "search '\"nato countries\"' --json": ["search", '"nato countries"', "--json"],
}


def cases(command: list[str], data: Path, label: str, queries: dict[str, list[str]]) -> list[Case]:
    timeline = Case(f"{label}timeline --json", [*command, "timeline", "--json", "--data", str(data)])
    searches = [
        Case(f"{label}{name}", [*command, *argv, "--data", str(data)]) for name, argv in queries.items()
    ]
    return [timeline, *searches]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--before", type=Path, help="an older checkout of brief, run side by side")
    args = parser.parse_args()

    python = Path(sys.executable)
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "NO_COLOR", "COLUMNS", "PYTHON"))
    }
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color"})
    OUT.mkdir(exist_ok=True)
    data = generate(OUT / f"briefing-{args.events}.json", events=args.events, actors=args.actors)
    size = data.stat().st_size / 2**20

    now = cases([str(python), "-m", "briefcli"], data, "", QUERIES)
    everything = list(now)
    if args.before is not None:
        # The older checkout runs from its own source: PYTHONPATH, set for those cases only.
        before_env_command = ["env", f"PYTHONPATH={args.before.resolve()}", str(python), "-m", "briefcli"]
        # The search the target is about, only: the old one takes seconds a run.
        everything += cases(
            before_env_command, data, "before: ", {"search trump --json": QUERIES["search trump --json"]}
        )
    subprocess.run([str(python), "-m", "compileall", "-q", str(REPO / "briefcli")], check=True, env=env)
    samples = interleaved(everything, args.runs, env)

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")  # fmt: skip
    print(
        f"Briefing: {args.events:,} events, {args.actors:,} actors ({size:.0f} MiB); {args.runs} runs each\n"
    )
    rows, within = [], True
    for group in [now] if args.before is None else [now, everything[len(now) :]]:
        base = statistics.median(sample.seconds for sample in samples[group[0].name])
        for case in group:
            times = [sample.seconds for sample in samples[case.name]]
            peak = max(sample.peak_mib for sample in samples[case.name])
            ratio = statistics.median(times) / base
            target = ""
            if case.name.endswith("search trump --json"):
                ok = ratio <= TARGET
                target = f"≤ {TARGET:g}x timeline " + ("ok" if ok else "OVER")
                within &= ok or case.name.startswith("before")
            rows.append([case.name, f"{statistics.median(times):.2f}", f"{min(times):.2f}", f"{max(times):.2f}",
                         f"{ratio:.2f}x", f"{peak:.0f}", target])  # fmt: skip
    print(table(rows, ["command", "median s", "min s", "max s", "vs timeline", "peak MiB", "target"]))
    print("\nall within their targets" if within else "\nSOME TARGETS MISSED")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
