"""Shared fixtures: a pinned environment, the CLI in-process, and the installed `brief`.

Rich's width is pinned through COLUMNS, and every variable brief reads is cleared,
so that a test sees the same output on any machine and in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.core import TyperGroup
from typer.testing import CliRunner

from briefcli.cli import app

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BUNDLED = REPO / "data" / "briefing.json"
MINI = DATA / "mini-briefing.json"
FOLLOWUP = DATA / "mini-followup-briefing.json"  # the same story a day later
MINI_ARTICLE = DATA / "mini-article.txt"
ARTICLE = REPO.parent / "shared" / "source" / "article-fr.txt"
BRIEF = Path(sys.executable).parent / "brief"
WIDTH = 100


def command_names() -> list[str]:
    """Every command of the app, as Click sees it: lists of commands come from here."""
    import typer.main

    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return list(group.commands)


COMMANDS = command_names()

BRIEF_VARIABLES = (
    "BRIEF_DATA",
    "BRIEF_LANG",
    "BRIEF_DEBUG",
    "NO_COLOR",
    "FORCE_COLOR",
    "LC_ALL",
    "LC_MESSAGES",
    "LANGUAGE",
)


def clean_environment(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in BRIEF_VARIABLES}
    env.update({"LANG": "C.UTF-8", "COLUMNS": str(WIDTH), "TERM": "xterm-256color"})
    env.update(overrides)
    return env


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in BRIEF_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.setenv("TERM", "xterm-256color")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def brief(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run the CLI in-process, stdout and stderr apart."""
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def brief_process(
    *args: str, env: dict[str, str] | None = None, input: bytes | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `brief` in a subprocess (bytes in, bytes out)."""
    return subprocess.run(
        [str(BRIEF), *args],
        capture_output=True,
        env=env or clean_environment(),
        input=input,
        timeout=timeout,
        check=False,
    )


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def bundled_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
    return document


@pytest.fixture
def mini_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    return document


def lines(text: str) -> list[str]:
    return text.splitlines()


def ids(records: Sequence[dict[str, Any]]) -> list[str]:
    return [record["id"] for record in records]


@pytest.fixture(scope="session")
def installed() -> Path:
    if not BRIEF.exists():
        pytest.fail(f"the installed brief is not at {BRIEF}: pip install -e '.[test]' first")
    return BRIEF
