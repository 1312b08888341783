"""The README's examples are real output.

Every line that starts with `$ ` inside a ```console block of README.md is a command;
the lines after it, up to the next command or the end of the block, are what it
prints. test_readme.py runs each one and compares; this module refreshes them:

    python -m tests.readme --write
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
WIDTH = "80"


@dataclass
class Example:
    command: str
    output: str


def examples(text: str) -> list[Example]:
    found: list[Example] = []
    for block in BLOCK.finditer(text):
        for chunk in re.split(r"^(?=\$ )", block[1], flags=re.MULTILINE):
            if chunk.startswith("$ "):
                command, _, output = chunk.partition("\n")
                found.append(Example(command[2:], output))
    return found


def run(command: str) -> str:
    """What `command` prints, run by bash from the repository as a reader would."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BRIEF_", "LC_"))}
    env.pop("NO_COLOR", None)
    env.update(
        {
            "COLUMNS": WIDTH,
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    done = subprocess.run(
        ["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    return done.stdout


def needs_missing(command: str) -> str | None:
    """Why an example cannot run here, if it cannot."""
    if "| jq" in command and shutil.which("jq") is None:
        return "jq is not installed"
    if "sqlite3 " in command and shutil.which("sqlite3") is None:
        return "the sqlite3 shell is not installed"
    if "../shared/" in command and not (REPO.parent / "shared").exists():
        return "the article (../shared) is not beside the repository"
    return None


def refresh(text: str) -> str:
    def redo(block: re.Match[str]) -> str:
        body = block[1]
        lines = [
            f"$ {example.command}\n{run(example.command)}" for example in examples(f"```console\n{body}```")
        ]
        return "```console\n" + "".join(lines) + "```"

    return BLOCK.sub(redo, text)


if __name__ == "__main__":
    if "--write" not in sys.argv:
        sys.exit("usage: python -m tests.readme --write")
    README.write_text(refresh(README.read_text(encoding="utf-8")), encoding="utf-8")
