"""`brief new ARTICLE`: a valid skeleton briefing, and the paragraphs evidence cites."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, MINI, MINI_ARTICLE, brief, brief_process, write_json

FOLLOWUP_ARTICLE = DATA / "mini-followup-article.txt"


def test_the_skeleton_goes_to_stdout_and_the_paragraphs_to_stderr() -> None:
    run = brief("new", str(MINI_ARTICLE), "--published", "2024-07")
    assert run.exit_code == 0, run.stderr
    skeleton = run.json()
    assert skeleton["$schema"] == "briefing.schema.json"
    assert skeleton["source"] == {
        "language": "fr",
        "headline": "Zoë Ångström présente le plan de la ville",
        "published": "2024-07",
        "published_basis": "article",
        "paragraphs": 3,
        "sha256": hashlib.sha256(MINI_ARTICLE.read_bytes()).hexdigest(),
    }
    assert skeleton["actors"] == skeleton["events"] == skeleton["summary"]["key_points"] == []
    said, *paragraphs = run.stderr.splitlines()
    assert "published_basis is 'article'" in said  # brief cannot know where the date comes from
    assert paragraphs[0] == "¶1 Zoë Ångström présente le plan de la ville"
    assert paragraphs[2].startswith("¶3 La maire Zoë Ångström a dit")


def test_the_skeleton_passes_validate_with_its_article_and_notes_what_is_missing(tmp_path: Path) -> None:
    target = tmp_path / "started.json"
    run = brief("new", str(FOLLOWUP_ARTICLE), "--published", "2024-07-02", "--lang", "fr", "-o", str(target))
    assert run.exit_code == 0
    assert run.stdout.splitlines()[0] == "¶1 Les travaux de la ville prolongés jusqu'au 5 juillet"
    assert run.stderr.splitlines()[-1].startswith(f"brief: wrote {target}")
    checked = brief("validate", str(target), "--source", str(FOLLOWUP_ARTICLE))
    assert checked.exit_code == 0, checked.stdout
    for gap in (
        "$.summary.bottom_line: not written yet",
        "$.summary.key_points: none yet",
        "$.events: none yet",
    ):
        assert f"  note: {gap}" in checked.stdout
    assert brief("validate", str(target), "--json").json()["notes"]
    assert brief("validate", str(MINI), "--json").json()["notes"] == []  # a finished one has none
    assert brief("summary", "--data", str(target), "--json").exit_code == 0


def test_the_language_is_guessed_or_given(tmp_path: Path) -> None:
    english = tmp_path / "english.txt"
    english.write_text(
        "The mayor presents the plan\nThe council voted the budget in June, and the works start.\n"
    )
    assert brief("new", str(english), "--published", "2024").json()["source"]["language"] == "en"
    given = brief("new", str(english), "--published", "2024", "--lang", "fr").json()
    assert given["source"]["language"] == "fr"


def test_refusals(tmp_path: Path) -> None:
    assert brief("new", str(MINI_ARTICLE), "--published", "14/07/2024").exit_code == 2
    assert brief("new", str(MINI_ARTICLE)).exit_code == 2  # --published is required
    missing = brief("new", str(tmp_path / "missing.txt"), "--published", "2024")
    assert missing.exit_code == 1 and "cannot read the article" in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    assert brief("new", str(empty), "--published", "2024").exit_code == 1
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Café\n".encode("latin-1"))
    assert "not UTF-8" in brief("new", str(latin), "--published", "2024").stderr
    article = tmp_path / "article.txt"
    shutil.copy(MINI_ARTICLE, article)
    same = brief("new", str(article), "--published", "2024", "-o", str(article))
    assert same.exit_code == 2 and article.read_bytes() == MINI_ARTICLE.read_bytes()


def test_validate_source_says_which_paragraph_holds_a_misplaced_quote(tmp_path: Path) -> None:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["events"][0]["evidence"][0]["para"] = 3  # "une année 2023 difficile" is in paragraph 2
    path = write_json(tmp_path / "misplaced.json", document)
    run = brief("validate", str(path), "--source", str(MINI_ARTICLE))
    assert run.exit_code == 1
    assert (
        "$.events[0].evidence[0].quote: does not occur verbatim in paragraph 3 (it is in paragraph 2)"
        in run.stdout
    )
    document["events"][0]["evidence"][0]["quote"] = "une année 2023 facile"
    write_json(path, document)
    assert "(it is in" not in brief("validate", str(path), "--source", str(MINI_ARTICLE)).stdout


def test_an_existing_file_is_kept_unless_force(tmp_path: Path) -> None:
    """-o onto a briefing with work in it would lose the work: refused, the file untouched."""
    work = tmp_path / "work.json"
    shutil.copy(MINI, work)
    before = work.read_bytes()
    args = ("new", str(MINI_ARTICLE), "--published", "2024-07", "-o", str(work))
    kept = brief(*args)
    assert (kept.exit_code, kept.stdout) == (2, "")
    assert kept.stderr == f"brief: --output {work} exists: give --force to replace it, or another name\n"
    assert work.read_bytes() == before
    french = brief(*args, env={"BRIEF_LANG": "fr"})
    assert (
        french.stderr
        == f"brief : --output {work} existe : ajouter --force pour le remplacer, ou choisir un autre nom\n"
    )
    dangling = tmp_path / "link.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    assert brief(*args[:-1], str(dangling)).exit_code == 2 and not (tmp_path / "nowhere.json").exists()
    replaced = brief(*args, "--force")
    assert replaced.exit_code == 0, replaced.stderr
    assert json.loads(work.read_text(encoding="utf-8"))["actors"] == []
    assert brief("validate", str(work), "--source", str(MINI_ARTICLE)).exit_code == 0


def test_the_article_may_come_on_standard_input_read_once(tmp_path: Path) -> None:
    article = MINI_ARTICLE.read_bytes()
    started = brief_process("new", "-", "--published", "2024-07", input=article)
    assert started.returncode == 0, started.stderr
    skeleton = json.loads(started.stdout)
    assert skeleton["id"] == "briefing-2024-07"  # no file name to make it from
    assert skeleton["source"]["sha256"] == hashlib.sha256(article).hexdigest()
    work = write_json(tmp_path / "work.json", skeleton)
    # --source -: read once, for every briefing validated
    checked = brief_process("validate", str(work), str(work), "--source", "-", input=article)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.decode().count("<stdin>: sha256 matches") == 2
    twice = brief_process("validate", "-", "--source", "-", input=article)
    assert twice.returncode == 2
    assert (
        twice.stderr
        == b"brief: standard input can be read only once: give the briefing or the article as a file\n"
    )
    empty = brief_process("new", "-", "--published", "2024", input=b"")
    assert (empty.returncode, empty.stderr) == (1, b"brief: <stdin>: the article has no text\n")


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (("new", "-", "--published", "2024-07", "--force"), "article"),
        (("export", "--format", "json", "--data", "-"), "briefing"),
    ],
)
def test_standard_input_opened_on_the_output_file_is_never_written(
    tmp_path: Path, command: tuple[str, ...], what: str
) -> None:
    """`brief … -o FILE < FILE`: the shell opened FILE as standard input; it stays as it was."""
    import subprocess

    from tests.conftest import BRIEF, clean_environment

    target = tmp_path / "same.json"
    shutil.copy(MINI if what == "briefing" else MINI_ARTICLE, target)
    before = target.read_bytes()
    with open(target, "rb") as stdin:
        run = subprocess.run(
            [str(BRIEF), *command, "-o", str(target)],
            stdin=stdin,
            capture_output=True,
            env=clean_environment(),
            check=False,
        )
    assert run.returncode == 2
    assert (
        run.stderr.decode()
        == f"brief: --output {target} is the {what} being read; brief never writes to a file it reads\n"
    )
    assert target.read_bytes() == before


def test_a_briefing_just_started_shows_no_empty_bottom_line(tmp_path: Path) -> None:
    started = brief_process("new", str(MINI_ARTICLE), "--published", "2024-07")
    work = tmp_path / "work.json"
    work.write_bytes(started.stdout)
    views = {
        "table": brief("summary", "--data", str(work)).stdout,
        "markdown": brief("summary", "--data", str(work), "--format", "markdown").stdout,
        "html": brief("export", "--data", str(work), "--format", "html").stdout,
    }
    for name, shown in views.items():
        assert "Bottom line" not in shown, name
        assert "Zoë Ångström présente le plan de la ville" in shown, name
    assert "Bottom line" in brief("summary", "--data", str(MINI)).stdout  # one written is shown


def test_the_schema_the_skeleton_names_is_written_beside_it_once(tmp_path: Path) -> None:
    from briefcli.schema import schema_text

    first = brief("new", str(MINI_ARTICLE), "--published", "2024-07", "-o", str(tmp_path / "a.json"))
    assert first.exit_code == 0, first.stderr
    schema = tmp_path / "briefing.schema.json"
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["$schema"] == schema.name
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert f"wrote {schema}, the format the skeleton's $schema names" in first.stderr
    schema.write_text("{}", encoding="utf-8")  # the user's own, or an older one: kept
    again = brief("new", str(MINI_ARTICLE), "--published", "2024-07", "-o", str(tmp_path / "b.json"))
    assert again.exit_code == 0 and "$schema names" not in again.stderr
    assert schema.read_text(encoding="utf-8") == "{}"
    import subprocess

    from tests.conftest import BRIEF, clean_environment

    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    to_stdout = subprocess.run(
        [str(BRIEF), "new", str(MINI_ARTICLE), "--published", "2024-07"],
        cwd=elsewhere, capture_output=True, env=clean_environment(), check=False,
    )  # fmt: skip
    assert to_stdout.returncode == 0 and not list(
        elsewhere.iterdir()
    )  # a skeleton on stdout: nothing written


def test_an_article_on_standard_input_is_read_whole_up_to_its_limit(tmp_path: Path) -> None:
    from briefcli.provenance import MAX_ARTICLE_BYTES

    at_limit = b"a" * MAX_ARTICLE_BYTES
    work = tmp_path / "work.json"
    started = brief_process("new", "-", "--published", "2024", "-o", str(work), input=at_limit)
    assert started.returncode == 0, started.stderr[:200]
    checked = brief_process("validate", str(work), "--source", "-", input=at_limit)
    assert checked.returncode == 0 and b"<stdin>: sha256 matches" in checked.stdout  # every byte read
    over = brief_process("validate", str(work), "--source", "-", input=at_limit + b"a")
    assert over.returncode == 1
    assert over.stderr == b"brief: <stdin>: larger than the 16 MiB limit for an article\n"


def test_devices_and_descriptors_are_written_directly_without_force_and_get_no_schema(tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import BRIEF, clean_environment

    args = ["new", str(MINI_ARTICLE), "--published", "2024-07"]
    to_null = brief_process(*args, "-o", "/dev/null")
    assert to_null.returncode == 0, to_null.stderr
    assert not Path("/dev/briefing.schema.json").exists()
    for stdout_name in ("/dev/stdout", "/dev/fd/1"):  # standard output, even onto a file
        captured = tmp_path / "captured.json"
        with open(captured, "wb") as out:
            run = subprocess.run([str(BRIEF), *args, "-o", stdout_name], stdout=out, stderr=subprocess.PIPE,
                                 env=clean_environment(), check=False)  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert json.loads(captured.read_bytes())["id"] == "mini-article-2024-07"  # the paragraphs on stderr
        assert b"\xc2\xb61 Zo" in run.stderr
    folder = tmp_path / "folder"
    folder.mkdir()
    into_folder = brief_process(*args, "-o", str(folder))
    assert (into_folder.returncode, into_folder.stderr) == (
        1,
        f"brief: cannot write {folder}: it is a directory\n".encode(),
    )


def test_a_pipe_or_terminal_on_standard_input_is_not_the_file_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a regular file given as standard input can be the -o file: a pipe (or a
    terminal) written through /dev/fd is another matter."""
    import os
    import sys

    from briefcli.files import refuse_same_file

    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as given, os.fdopen(write_end, "w"):
        monkeypatch.setattr(sys, "stdin", given)
        refuse_same_file(Path(f"/dev/fd/{write_end}"), Path("-"))  # the same pipe: not refused
