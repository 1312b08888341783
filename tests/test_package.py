"""The package as users get it: a wheel that carries its briefing and runs from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, clean_environment


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("briefcli-*.whl")
    return built


def test_the_wheel_carries_the_briefing_its_schema_and_the_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {
            "briefcli/data/briefing.json",
            "briefcli/data/briefing.schema.json",
            "briefcli/cli.py",
        } <= names
        assert archive.read("briefcli/data/briefing.json") == (REPO / "data" / "briefing.json").read_bytes()
        (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        assert "brief = briefcli.__main__:main" in archive.read(entry_points).decode()


def test_the_installed_wheel_finds_its_briefing_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # The wheel's own briefcli first, its dependencies from this environment; site-packages'
    # .pth files (the editable install) are not read from PYTHONPATH.
    env = clean_environment(PYTHONPATH=os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]))
    code = "import briefcli, sys; print(briefcli.__file__); sys.argv = ['brief', 'summary', '--json']; from briefcli.__main__ import main; main()"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, check=False
    )
    assert run.returncode == 0, run.stderr
    location, _, document = run.stdout.decode().partition("\n")
    assert Path(location).is_relative_to(target)
    assert json.loads(document)["id"] == "rutte-trump-nato-weapons-ukraine-2025-07-14"


def test_python_dash_m_briefcli_runs_the_same_app() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "briefcli", "--version"],
        capture_output=True,
        env=clean_environment(),
        check=False,
    )
    assert run.returncode == 0 and run.stdout.startswith(b"brief ")
