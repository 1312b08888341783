"""Mutation testing: one AST mutation at a time, each run against the tests that own the module.

    python -m tests.mutants dates            # one module group; see GROUPS
    python -m tests.mutants loader --list    # the mutants, without running them
    python -m tests.mutants all -j 2

Each mutant is written into a private copy of the package (one per worker), and the
group's test files run there with `-x -q` under a time limit; a mutant that makes them fail
(or time out) is killed. Survivors are printed; those listed as equivalent in
tests/equivalent_mutants.txt (with why) are not counted. The score is
killed / (mutants - equivalent), per module.

Operators: comparison flips (== !=, < <=, > >=, in / not in, is / is not), and/or swapped,
`not` removed, True/False swapped, integers off by one, arithmetic swapped, short strings
changed, and statements removed (calls, ifs, raises, continue/break, augmented assignments).
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EQUIVALENTS = REPO / "tests" / "equivalent_mutants.txt"

# Module group -> (its files, the tests that own them, fastest killers first).
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dates": (("briefcli/dates.py",), ("tests/test_mutants.py", "tests/test_dates.py")),
    "query": (
        ("briefcli/query.py",),
        ("tests/test_query.py", "tests/test_mutants.py", "tests/test_search.py", "tests/test_commands.py"),
    ),
    "loader": (
        (
            "briefcli/load.py",
            "briefcli/mapped.py",
            "briefcli/decoding.py",
            "briefcli/rules.py",
            "briefcli/unchecked.py",
            "briefcli/together.py",
        ),
        (
            "tests/test_mutants.py",
            "tests/test_load.py",
            "tests/test_fast_paths.py",
            "tests/test_data.py",
            "tests/test_several.py",
        ),
    ),
    "safe": (("briefcli/render/safe.py",), ("tests/test_mutants.py", "tests/test_output.py")),
    "provenance": (("briefcli/provenance.py",), ("tests/test_mutants.py", "tests/test_data.py")),
    "files": (("briefcli/files.py",), ("tests/test_mutants.py", "tests/test_output.py")),
}

_COMPARE_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
}
_REMOVABLE = (ast.Expr, ast.If, ast.Raise, ast.Continue, ast.Break, ast.AugAssign)
_SHORT_STRING = 12


@dataclass(frozen=True)
class Mutant:
    path: str
    number: int  # its place among the file's mutation sites
    line: int
    key: str  # "file:line-text | change", stable while the line's text stays


def _annotation_nodes(tree: ast.AST) -> set[int]:
    """Nodes inside annotations: never evaluated (from __future__ import annotations)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.expr | None] = []
        if isinstance(node, (ast.AnnAssign, ast.arg)):
            annotations.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
        for annotation in annotations:
            if annotation is not None:
                inside.update(id(child) for child in ast.walk(annotation))
    return inside


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Docstrings, annotations, `if TYPE_CHECKING:` and `__all__`: no behaviour to mutate."""
    skipped = _annotation_nodes(tree)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                skipped.update(id(child) for child in ast.walk(body[0]))
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            skipped.update(id(child) for child in ast.walk(node))
    return skipped


def _sites(tree: ast.Module) -> Iterator[tuple[ast.AST, ast.AST, str, int | None, str, int]]:
    """(node, parent, field, index, change, variant) for every mutation, in a fixed order."""
    skipped = _skipped_nodes(tree)
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            children = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, node in children:
                if not isinstance(node, ast.AST) or id(node) in skipped:
                    continue
                yield from _node_sites(node, parent, field, index)


def _node_sites(
    node: ast.AST, parent: ast.AST, field: str, index: int | None
) -> Iterator[tuple[ast.AST, ast.AST, str, int | None, str, int]]:
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            flip = _COMPARE_FLIPS.get(type(op))
            if flip is not None:
                yield node, parent, field, index, f"{_op(op)} -> {_op(flip())}", position
    elif isinstance(node, ast.BoolOp):
        yield node, parent, field, index, "and <-> or", 0
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield node, parent, field, index, "not removed", 0
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
        swap = _BINOP_SWAPS[type(node.op)]
        yield node, parent, field, index, f"{_op(node.op)} -> {_op(swap())}", 0
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            yield node, parent, field, index, f"{value} -> {not value}", 0
        elif isinstance(value, int):
            yield node, parent, field, index, f"{value} -> {value + 1}", 0
            if value != 0:
                yield node, parent, field, index, f"{value} -> {value - 1}", 1
        elif isinstance(value, str) and len(value) <= _SHORT_STRING:
            yield node, parent, field, index, f"{value!r} -> {'XX' + value + 'XX'!r}", 0
    if isinstance(node, _REMOVABLE) and index is not None:
        yield node, parent, field, index, f"statement removed ({type(node).__name__})", 0


def _op(op: ast.AST) -> str:
    compare = ast.Compare(left=ast.Name("a"), ops=[op], comparators=[ast.Name("b")])  # type: ignore[list-item]
    if isinstance(op, ast.cmpop):
        return ast.unparse(compare)[2:-2]
    return ast.unparse(ast.BinOp(left=ast.Name("a"), op=op, right=ast.Name("b")))[2:-2]  # type: ignore[arg-type]


def _apply(tree: ast.Module, number: int) -> ast.Module:
    tree = copy.deepcopy(tree)
    for count, (node, parent, field, index, change, variant) in enumerate(_sites(tree)):
        if count != number:
            continue
        replacement: ast.AST | None = None
        if change.startswith("statement removed"):
            replacement = ast.copy_location(ast.Pass(), node)
        elif isinstance(node, ast.Compare):
            node.ops[variant] = _COMPARE_FLIPS[type(node.ops[variant])]()
        elif isinstance(node, ast.BoolOp):
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif isinstance(node, ast.UnaryOp):
            replacement = node.operand
        elif isinstance(node, ast.BinOp):
            node.op = _BINOP_SWAPS[type(node.op)]()
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                node.value = not value
            elif isinstance(value, int):
                node.value = value + 1 if variant == 0 else value - 1
            elif isinstance(value, str):
                node.value = "XX" + value + "XX"
        if replacement is not None:
            if index is None:
                setattr(parent, field, replacement)
            else:
                getattr(parent, field)[index] = replacement
        return ast.fix_missing_locations(tree)
    raise IndexError(number)


def mutants(path: str) -> list[Mutant]:
    source = (REPO / path).read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    found: list[Mutant] = []
    seen: dict[str, int] = {}
    for number, (node, _parent, _field, _index, change, _variant) in enumerate(_sites(tree)):
        line = getattr(node, "lineno", 0)
        text = " ".join(lines[line - 1].split()) if line else ""
        key = f"{path}: {text} | {change}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key} #{seen[key]}"
        found.append(Mutant(path, number, line, key))
    return found


def equivalents() -> set[str]:
    """The keys listed as equivalent: each line is `key  # why`; blank lines and # lines skipped."""
    keys: set[str] = set()
    for raw in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            keys.add(raw.split("  # ", 1)[0].strip())
    return keys


def _workspace(root: Path) -> Path:
    """A copy of the package, the tests and the data, beside the article the tests read."""
    work = root / "repo"
    for name in ("briefcli", "tests", "data"):
        shutil.copytree(REPO / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, work / name)
    (root / "shared").symlink_to(REPO.parent / "shared")
    return work


def _run(work: Path, tests: tuple[str, ...] | list[str], timeout: float, prefix: tuple[str, ...] = ()) -> str:
    env = dict(os.environ, PYTHONPATH=str(work), PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", *prefix, "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timeout"
    if prefix:  # the baseline: show why it failed
        sys.stderr.write(result.stdout.decode(errors="replace")[-3000:])
    # pytest: 0 all passed, 1 some failed, 2 and 4 the mutant broke an import (collection or
    # conftest); 3 and 5 (internal error, no test ran) are the tool's faults, not kills.
    return {0: "survived", 1: "killed", 2: "killed", 4: "killed"}.get(
        result.returncode, f"error {result.returncode}"
    )


def _coverage(work: Path, tests: tuple[str, ...], timeout: float) -> dict[tuple[str, int], list[str]] | None:
    """Which tests run each line, in-process (a baseline run under coverage, one context a test).

    Lines run only in a subprocess or at import have no test of their own: their mutants
    run against every test file of the group. So do the survivors of the chosen tests: a
    cached function's lines are measured in the first test that calls it only.
    """
    try:
        import coverage
    except ImportError:
        sys.exit("python -m tests.mutants needs coverage: pip install coverage")

    rc = work / ".mutants-coveragerc"
    rc.write_text(f"[run]\ndynamic_context = test_function\nsource = {work / 'briefcli'}\n", encoding="utf-8")
    prefix = ("coverage", "run", f"--rcfile={rc}", f"--data-file={work / '.mutants-coverage'}", "-m")
    if _run(work, tests, timeout, prefix) != "survived":
        return None
    data = coverage.CoverageData(basename=str(work / ".mutants-coverage"))
    data.read()
    covering: dict[tuple[str, int], list[str]] = {}
    for measured in data.measured_files():
        path = Path(measured).relative_to(work).as_posix()
        for line, contexts in data.contexts_by_lineno(measured).items():
            ids = {_node_id(context) for context in contexts if context}
            # A line run inside hypothesis's engine has no test name: it gets every test.
            if ids and all("::" in node for node in ids):
                # The group's order: its first files hold its fastest, most pointed tests.
                covering[(path, line)] = sorted(ids, key=lambda node: (_rank(node, tests), node))
    return covering


def _rank(node: str, tests: tuple[str, ...]) -> int:
    file = node.split("::", 1)[0]
    return tests.index(file) if file in tests else len(tests)


def _node_id(context: str) -> str:
    """`tests.test_dates.TestX.test_y` -> `tests/test_dates.py::TestX::test_y`."""
    parts = context.split(".")
    for cut in range(len(parts), 0, -1):
        candidate = "/".join(parts[:cut]) + ".py"
        if (REPO / candidate).exists():
            return "::".join([candidate, *parts[cut:]])
    return context


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutants", description=__doc__.split("\n")[0])
    parser.add_argument("group", choices=[*GROUPS, "all"])
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=180, help="seconds per mutant")
    parser.add_argument("--list", action="store_true", help="list the mutants without running them")
    parser.add_argument("--line", type=int, help="only the mutants on this line")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mutant's outcome")
    args = parser.parse_args(argv)
    names = list(GROUPS) if args.group == "all" else [args.group]
    known = equivalents()
    status = 0
    for name in names:
        paths, tests = GROUPS[name]
        todo = [m for path in paths for m in mutants(path) if args.line in (None, m.line)]
        if args.list:
            for mutant in todo:
                print(f"{mutant.line:4} {mutant.key}{'  (equivalent)' if mutant.key in known else ''}")
            continue
        # A few mutants of one line: every test of the group, with no baseline run under coverage.
        status |= _score(
            name, todo, tests, known, args.jobs, args.timeout, measure=args.line is None, verbose=args.verbose
        )
    return status


def _score(
    name: str,
    todo: list[Mutant],
    tests: tuple[str, ...],
    known: set[str],
    jobs: int,
    timeout: float,
    *,
    measure: bool = True,
    verbose: bool = False,
) -> int:
    todo = [mutant for mutant in todo if mutant.key not in known]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="brief-mutants-") as temporary:
        workers = [_workspace(Path(temporary) / f"w{index}") for index in range(jobs)]
        free = list(workers)
        trees = {
            path: ast.parse((REPO / path).read_text(encoding="utf-8")) for path in {m.path for m in todo}
        }
        if measure:
            covering = _coverage(workers[0], tests, 1200)
        else:  # at least the group's first test file passes without a mutant
            covering = {} if _run(workers[0], tests[:1], timeout) == "survived" else None
        if covering is None:
            print(f"{name}: the tests fail without any mutant; fix them first", file=sys.stderr)
            return 1

        def run_one(mutant: Mutant) -> tuple[Mutant, str]:
            work = free.pop()
            try:
                target = work / mutant.path
                target.write_text(ast.unparse(_apply(trees[mutant.path], mutant.number)), encoding="utf-8")
                chosen = covering.get((mutant.path, mutant.line)) or list(tests)
                outcome = _run(work, chosen, timeout)
                # A cached function's lines or a lazily imported module's top level run in the
                # first test that reaches them only: a survivor of those meets every test.
                if outcome == "survived" and chosen != list(tests):
                    outcome = _run(work, tests, timeout)
                return mutant, outcome
            finally:
                shutil.copy2(REPO / mutant.path, work / mutant.path)
                free.append(work)

        results: list[tuple[Mutant, str]] = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            for mutant, outcome in pool.map(run_one, todo):
                results.append((mutant, outcome))
                if outcome != "killed" or verbose:
                    print(f"{outcome:9} {mutant.line:4} {mutant.key}", flush=True)
    per_file: dict[str, list[int]] = {}
    for mutant, outcome in results:
        counts = per_file.setdefault(mutant.path, [0, 0])
        counts[0] += outcome in ("killed", "timeout")
        counts[1] += 1
    for path, (killed, total) in per_file.items():
        share = 100 * killed / total if total else 100.0
        print(f"{path}: {killed}/{total} killed ({share:.1f}%), equivalents not counted", flush=True)
    killed = sum(k for k, _ in per_file.values())
    total = sum(t for _, t in per_file.values())
    print(f"{name}: {killed}/{total} killed in {time.monotonic() - started:.0f} s", flush=True)
    return 0 if killed == total else 1


if __name__ == "__main__":
    sys.exit(main())
