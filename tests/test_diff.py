"""`brief diff OLD NEW`: the known changes between the mini briefing and its follow-up."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.diff import diff
from briefcli.load import load_briefing
from briefcli.model import Briefing
from tests.conftest import BUNDLED, FOLLOWUP, MINI, brief, write_json

OLD, NEW = str(MINI), str(FOLLOWUP)


def test_the_known_changes_in_json() -> None:
    run = brief("diff", OLD, NEW, "--json")
    assert run.exit_code == 1  # different
    result = run.json()
    assert result["same"] is False
    assert result["old"] == {"briefings": ["mini-town-budget"], "published": "2024-07"}
    assert result["new"] == {"briefings": ["mini-town-budget-followup"], "published": "2024-07-02"}
    assert result["events"]["added"] == [{"id": "council-meeting", "label": "The council meets"}]
    assert result["events"]["removed"] == []
    assert result["events"]["moved"] == [
        {
            "id": "works",
            "label": "Road works",
            "old_date": "2024-06-30",
            "old_end": "2024-07-02",
            "new_date": "2024-06-30",
            "new_end": "2024-07-05",
        }
    ]
    (mayor,) = result["actors"]["changed"]
    assert mayor["id"] == "zoe-angstrom"
    assert {"field": "role.en", "old": "Mayor", "new": "Mayor and council president"} in mayor["fields"]
    assert result["watch"] == {"added": [], "removed": ["Whether the works end on 2 July."]}
    assert result["key_points"] == {"added": [], "removed": []}
    assert result["quotes"] == {"added": [], "removed": [], "changed": []}
    assert set(result) == {
        "same",
        "old",
        "new",
        "summary",
        "actors",
        "events",
        "quotes",
        "key_points",
        "watch",
    }


def test_the_human_view_says_what_changed() -> None:
    shown = brief("diff", OLD, NEW).stdout
    assert shown.startswith("Changes from mini-town-budget (July 2024) to mini-town-budget-followup (2 July")
    assert "no longer on the watch list: Whether the works end on 2 July." in shown
    assert "Road works (works): 30 June – 2 July 2024 → 30 June – 5 July 2024" in shown
    assert "Zoë Ångström (zoe-angstrom), role.en: Mayor → Mayor and council president" in shown
    assert "“" not in shown and '"' not in shown  # values are not anyone's words: no quotation marks
    french = brief("diff", OLD, NEW, "--lang", "fr").stdout
    assert "n'est plus à surveiller" in french and "Dates déplacées" in french


def test_markdown() -> None:
    markdown = brief("diff", OLD, NEW, "--format", "markdown").stdout.splitlines()
    assert markdown[0].startswith("# Changes from mini-town-budget")
    assert "## Dates moved" in markdown and "## What to watch" in markdown
    assert "- added: The council meets (council-meeting)" in markdown


def test_same_is_0_and_says_so() -> None:
    run = brief("diff", OLD, OLD)
    assert run.exit_code == 0 and "No change." in run.stdout
    assert brief("diff", OLD, OLD, "--json").json()["same"] is True


def test_trouble_is_2_never_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    run = brief("diff", OLD, str(missing))
    assert run.exit_code == 2 and run.stderr == f"brief: {missing}: no such file\n" and run.stdout == ""
    bad = write_json(tmp_path / "bad.json", {"schema_version": 1})
    assert brief("diff", str(bad), NEW).exit_code == 2
    assert brief("diff", OLD).exit_code == 2  # usage


def test_sets_are_merged_first(tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "a.json")
    shutil.copy(FOLLOWUP, tmp_path / "b.json")
    both = os.pathsep.join([OLD, NEW])
    run = brief("diff", OLD, both, "--json")
    assert run.json()["new"]["briefings"] == ["mini-town-budget", "mini-town-budget-followup"]
    assert run.json()["events"]["added"] == [{"id": "council-meeting", "label": "The council meets"}]
    assert brief("diff", str(tmp_path), both, "--json").json()["same"] is True


BRIEFINGS = [load_briefing(BUNDLED), load_briefing(MINI), load_briefing(FOLLOWUP)]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(BRIEFINGS), st.sampled_from(BRIEFINGS))
def test_a_diff_read_backwards_swaps_added_and_removed(old: Briefing, new: Briefing) -> None:
    forwards, backwards = diff(old, new, "en"), diff(new, old, "en")
    assert forwards.same == backwards.same == (old is new)
    for section in ("actors", "events", "quotes"):
        ahead, behind = getattr(forwards, section), getattr(backwards, section)
        assert msgspec.to_builtins(ahead.added) == msgspec.to_builtins(behind.removed)
        assert {c.id for c in ahead.changed} == {c.id for c in behind.changed}
        for there, back in zip(
            sorted(ahead.changed, key=lambda c: c.id), sorted(behind.changed, key=lambda c: c.id), strict=True
        ):
            assert [(f.field, f.old, f.new) for f in there.fields] == [
                (f.field, f.new, f.old) for f in back.fields
            ]
    assert forwards.watch.added == backwards.watch.removed
    assert forwards.key_points.removed == backwards.key_points.added
    assert diff(old, old, "en").same


def test_stdin_on_both_sides_is_trouble() -> None:
    from typer.testing import CliRunner

    from briefcli.cli import app

    result = CliRunner().invoke(app, ["diff", "-", "-"], input=MINI.read_bytes())
    assert result.exit_code == 2 and "standard input can be read only once" in result.stderr
    one_side = CliRunner().invoke(app, ["diff", "-", NEW, "--json"], input=MINI.read_bytes())
    assert one_side.exit_code == 1 and '"council-meeting"' in one_side.stdout


def test_hostile_text_stays_inert_in_every_view(tmp_path: Path) -> None:
    import json

    document = json.loads(FOLLOWUP.read_text(encoding="utf-8"))
    document["events"][-1]["title"] = {"en": "\x1b[31mred\x1b[0m [bold]x[/bold] | *y*"}
    hostile = write_json(tmp_path / "hostile.json", document)
    shown = brief("diff", OLD, str(hostile))
    assert shown.exit_code == 1 and "\x1b" not in shown.stdout and "[bold]x[/bold]" in shown.stdout
    markdown = brief("diff", OLD, str(hostile), "--format", "markdown").stdout
    assert "\x1b" not in markdown and "\\|" in markdown
    assert (
        brief("diff", OLD, str(hostile), "--json")
        .json()["events"]["added"][0]["label"]
        .startswith("\x1b[31m")
    )


def test_a_set_against_its_latest_member_is_the_same(tmp_path: Path) -> None:
    """A directory of two briefings merges to the later one's values: against that one
    file, nothing changed (the two sides are decoded in types of different kinds: a lone
    small file with the model's own, briefings read together with the pattern-free twins)."""
    folder = tmp_path / "story"
    folder.mkdir()
    for source in (MINI, FOLLOWUP):
        (folder / source.name).write_bytes(source.read_bytes())
    for old, new in ((folder, FOLLOWUP), (FOLLOWUP, folder)):
        run = brief("diff", str(old), str(new), "--json")
        assert run.exit_code == 0, run.stdout
        found = json.loads(run.stdout)
        assert found["same"] is True
        assert all(
            not found[section][kind]
            for section in ("actors", "events", "quotes")
            for kind in ("added", "removed", "changed")
        )
    assert brief("diff", str(folder), str(FOLLOWUP)).stdout.splitlines()[-1] == "No change."


@pytest.mark.parametrize("new", [MINI, FOLLOWUP])
def test_a_failed_write_is_trouble_never_different_or_the_same(new: Path) -> None:
    """diff(1)'s statuses: a full disk is 2, whether the briefings differ (1) or not (0)."""
    import subprocess

    from tests.conftest import BRIEF, clean_environment

    with open("/dev/full", "wb") as full:
        run = subprocess.run([str(BRIEF), "diff", str(MINI), str(new)], stdout=full, stderr=subprocess.PIPE,
                             env=clean_environment(), check=False)  # fmt: skip
    assert (run.returncode, run.stderr) == (2, b"brief: write error: No space left on device\n")


def test_a_file_diff_cannot_read_is_said_in_the_language_of_messages(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"x":', encoding="utf-8")
    missing = brief("diff", str(tmp_path / "nope.json"), str(MINI), "--lang", "fr")
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"brief : {tmp_path / 'nope.json'} : fichier introuvable\n",
    )
    cut = brief("diff", str(broken), str(MINI), "--lang", "fr")
    assert (cut.exit_code, cut.stderr) == (
        2,
        f"brief : {broken} : JSON invalide : il s'arrête trop tôt (tronqué)\n",
    )
