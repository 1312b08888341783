"""Several briefings at once: --data repeated, directories, stdin, BRIEF_DATA; merging."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.load import load_briefing
from briefcli.merge import disagreements, merge
from briefcli.model import Briefing
from tests.conftest import BRIEF, DATA, MINI, Run, brief, brief_process, write_json

FOLLOWUP = DATA / "mini-followup-briefing.json"
FOLLOWUP_ARTICLE = DATA / "mini-followup-article.txt"
BOTH = ("--data", str(MINI), "--data", str(FOLLOWUP))


# --- merging, as a pure function ----------------------------------------------------


def _variant(base: Briefing, name: str, published: str, picks: list[tuple[int, bool]]) -> Briefing:
    """A briefing made of some of the mini's events, some retitled, published on a given day."""
    events = []
    for index, retitle in picks:
        event = base.events[index % len(base.events)]
        if retitle:
            event = msgspec.structs.replace(
                event, title=msgspec.structs.replace(event.title, en=f"{name} title")
            )
        events.append(event)
    unique = list({event.id: event for event in events}.values())
    source = msgspec.structs.replace(base.source, published=published)
    return msgspec.structs.replace(base, id=name, source=source, events=unique)


MINI_BRIEFING = load_briefing(MINI)
picks = st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=4)
days = st.sampled_from(["2024-07-01", "2024-07-02", "2024-07-03", "2024-07"])


@st.composite
def briefing_sets(draw: st.DrawFn) -> list[Briefing]:
    count = draw(st.integers(1, 4))
    return [_variant(MINI_BRIEFING, f"b{n}", draw(days), draw(picks)) for n in range(count)]


def _records(briefing: Briefing) -> dict[str, Any]:
    return {section: getattr(briefing, section) for section in ("actors", "events", "quotes")}


@settings(max_examples=60, deadline=None)
@given(briefing_sets())
def test_merging_twice_changes_nothing(briefings: list[Briefing]) -> None:
    once = merge(briefings)
    assert _records(merge(briefings + briefings)) == _records(once)
    assert _records(merge([once])) == _records(once)


@settings(max_examples=60, deadline=None)
@given(briefing_sets())
def test_merged_ids_are_the_union_and_the_latest_wins(briefings: list[Briefing]) -> None:
    merged = merge(briefings)
    assert {e.id for e in merged.events} == {e.id for b in briefings for e in b.events}
    assert len({e.id for e in merged.events}) == len(merged.events)
    for event in merged.events:
        holders = [b for b in briefings if any(e.id == event.id for e in b.events)]
        latest = max(reversed(holders), key=lambda b: b.source.published)  # a tie: the one given last
        assert event == next(e for e in latest.events if e.id == event.id)
        assert merged.appears_in[f"events:{event.id}"][-1] == latest.id
        assert set(merged.appears_in[f"events:{event.id}"]) == {b.id for b in holders}


@settings(max_examples=60, deadline=None)
@given(briefing_sets())
def test_a_disagreement_is_noted_exactly_when_a_value_loses(briefings: list[Briefing]) -> None:
    merged = merge(briefings)
    noted = {(d.id, d.older) for d in disagreements(briefings)}
    for briefing in briefings:
        for event in briefing.events:
            winner = next(e for e in merged.events if e.id == event.id)
            assert ((event.id, briefing.id) in noted) == (event.title != winner.title)


def test_merging_one_briefing_gives_it_back() -> None:
    merged = merge([MINI_BRIEFING])
    assert _records(merged) == _records(MINI_BRIEFING) and merged.summary == MINI_BRIEFING.summary


# --- the follow-up, through the CLI ------------------------------------------------


def test_the_follow_up_is_valid_against_its_own_article() -> None:
    run = brief("validate", str(FOLLOWUP), "--source", str(FOLLOWUP_ARTICLE))
    assert run.exit_code == 0, run.stdout


def test_listings_show_each_record_once_with_its_briefings() -> None:
    events = brief("timeline", *BOTH, "--json").json()
    assert [e["id"] for e in events] == ["hard-year", "budget-vote", "works", "council-meeting"]
    works = next(e for e in events if e["id"] == "works")
    assert works["end"] == "2024-07-05"  # the follow-up, published later, wins
    assert works["briefing"] == "mini-town-budget-followup"
    assert works["briefings"] == ["mini-town-budget", "mini-town-budget-followup"]
    meeting = next(e for e in events if e["id"] == "council-meeting")
    assert meeting["briefings"] == ["mini-town-budget-followup"]
    (mayor,) = [a for a in brief("actors", *BOTH, "--json").json() if a["id"] == "zoe-angstrom"]
    assert mayor["role"] == "Mayor and council president"


def test_the_later_published_wins_whatever_the_order_given() -> None:
    reversed_order = ("--data", str(FOLLOWUP), "--data", str(MINI))
    assert brief("timeline", *reversed_order, "--json").json() == brief("timeline", *BOTH, "--json").json()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "markdown"])
@pytest.mark.parametrize("command", ["actors", "timeline", "quotes"])
def test_every_format_names_the_briefing(command: str, fmt: str) -> None:
    one = brief(command, "--data", str(MINI), "--format", fmt).stdout
    several = brief(command, *BOTH, "--format", fmt).stdout
    assert "mini-town-budget" in one
    assert "mini-town-budget-followup" in several


def test_one_briefing_records_name_it_too() -> None:
    for command in ("actors", "timeline", "quotes"):
        assert {r["briefing"] for r in brief(command, "--json").json()} == {
            "rutte-trump-nato-weapons-ukraine-2025-07-14"
        }
    hits = brief("search", "trump", "--json").json()
    assert hits and all(hit["briefing"] == "rutte-trump-nato-weapons-ukraine-2025-07-14" for hit in hits)


def test_a_directory_means_its_briefings(tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "a.json")
    shutil.copy(FOLLOWUP, tmp_path / "b.json")
    (tmp_path / "briefing.schema.json").write_text("{}")  # a schema beside them is not a briefing
    (tmp_path / "notes.txt").write_text("not json")
    (tmp_path / ".hidden.json").write_text("{")
    assert (
        brief("timeline", "--data", str(tmp_path), "--json").json()
        == brief("timeline", *BOTH, "--json").json()
    )
    (tmp_path / "c.json").write_text('{"not": "a briefing"}')  # any other *.json must be one
    refused = brief("timeline", "--data", str(tmp_path))
    assert refused.exit_code == 1 and refused.stderr.startswith(f"brief: {tmp_path / 'c.json'}: ")


def test_brief_data_holds_several_paths() -> None:
    joined = os.pathsep.join([str(MINI), str(FOLLOWUP)])
    run = brief("timeline", "--json", env={"BRIEF_DATA": joined})
    assert run.exit_code == 0 and len(run.json()) == 4


def test_a_bad_brief_data_path_says_where_it_came_from(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    run = brief("summary", env={"BRIEF_DATA": os.pathsep.join([str(MINI), str(missing)])})
    assert run.exit_code == 1
    assert run.stderr == f"brief: {missing} (from BRIEF_DATA): no such file\n"


def test_a_bad_file_among_several_is_named(tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", {"schema_version": 1})
    run = brief("timeline", *BOTH, "--data", str(bad))
    assert run.exit_code == 1 and run.stderr.startswith(f"brief: {bad}: ")


# --- standard input ------------------------------------------------------------------


def piped(*args: str, input: bytes) -> Run:
    """brief in-process with `input` on standard input."""
    result = CliRunner().invoke(app, list(args), input=input)
    return Run(result.exit_code, result.stdout, result.stderr)


def test_data_dash_reads_stdin() -> None:
    run = piped("summary", "--short", "--data", "-", input=MINI.read_bytes())
    assert run.exit_code == 0 and run.stdout.startswith("July 2024 · A mayor presents")
    run = piped("timeline", "--json", "--data", "-", "--data", str(FOLLOWUP), input=MINI.read_bytes())
    assert run.exit_code == 0 and len(run.json()) == 4


def test_a_bad_file_read_with_stdin_is_named_and_stdin_is_not_read_again(tmp_path: Path) -> None:
    """Several are read as one first, then again one at a time to say what is wrong:
    standard input's bytes are kept for that, and never handed to another file."""
    bad = _bad_mini(tmp_path)
    for order in (["-", str(bad)], [str(bad), "-"], ["-", str(FOLLOWUP), str(bad)]):
        run = piped("timeline", "--json", *(part for path in order for part in ("--data", path)),
                    input=MINI.read_bytes())  # fmt: skip
        assert run.exit_code == 1, order
        assert run.stderr.startswith(f"brief: {bad}: $.actors[0].role: a text needs"), order
    run = piped("timeline", "--json", "--data", "-", "--data", str(FOLLOWUP), input=MINI.read_bytes())
    assert run.exit_code == 0 and len(run.json()) == 4


def _bad_mini(directory: Path) -> Path:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["id"], document["actors"][0]["role"] = "bad", {}
    return write_json(directory / "bad.json", document)


def test_a_pipe_among_several_is_read_once_when_another_file_is_at_fault(tmp_path: Path) -> None:
    """A named pipe and a process substitution (/dev/fd/N) are streams like stdin: read
    as one, then one at a time to say what is wrong, they are read only once (a second
    open of the pipe would wait for a writer for ever), and the faulty file is named."""
    bad = _bad_mini(tmp_path)
    fifo = tmp_path / "briefing.fifo"
    os.mkfifo(fifo)
    command = f"cat {MINI} > {fifo} & exec {BRIEF} timeline --json --data {fifo} --data {bad}"
    for script in (command, f"exec {BRIEF} timeline --json --data <(cat {MINI}) --data {bad}"):
        run = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60, check=False)
        assert run.returncode == 1, script
        assert run.stderr.decode().startswith(f"brief: {bad}: $.actors[0].role: a text needs"), run.stderr


def test_standard_input_too_large_among_several_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """What reading a stream got, an error too, is what the one-at-a-time way reports."""
    from briefcli import load

    limit = max(len(MINI.read_bytes()), len(FOLLOWUP.read_bytes()))
    monkeypatch.setattr(load, "MAX_BYTES", limit)
    run = piped("timeline", "--data", str(FOLLOWUP), "--data", "-", input=MINI.read_bytes() + b" " * limit)
    assert run.exit_code == 1 and run.stderr.startswith("brief: <stdin>: larger than the 0 MiB limit"), (
        run.stderr
    )


def test_validate_dash_reads_stdin() -> None:
    run = piped("validate", "-", input=MINI.read_bytes())
    assert run.exit_code == 0 and run.stdout.startswith("<stdin>: valid briefing")


def test_errors_on_stdin_name_it() -> None:
    run = piped("summary", "--data", "-", input=b'{"schema_version": 1')
    assert run.exit_code == 1 and run.stderr.startswith("brief: <stdin>: not valid JSON")
    run = piped("validate", "-", input=b"")
    assert run.exit_code == 1 and "<stdin>: 1 problem" in run.stdout


def test_a_real_pipe_works_too() -> None:
    run = brief_process("summary", "--json", "--data", "-", input=MINI.read_bytes())
    assert run.returncode == 0 and json.loads(run.stdout)["id"] == "mini-town-budget"


def test_stdin_is_read_once() -> None:
    run = piped("summary", "--data", "-", "--data", "-", input=MINI.read_bytes())
    assert run.exit_code == 1 and "standard input can be read only once" in run.stderr


def test_stdin_has_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from briefcli import load

    monkeypatch.setattr(load, "MAX_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MINI.read_bytes())))
    with pytest.raises(load.BriefingError, match=r"<stdin>: larger than"):
        load.read_briefing_bytes(Path("-"))


# --- summary and validate over several -------------------------------------------


def test_summary_over_several_leads_with_the_latest_then_what_changed() -> None:
    shown = brief("summary", *BOTH).stdout
    latest = shown.index("The town's works now run to 5 July")
    changed = shown.index("What changed since July 2024")
    others = shown.index("Other briefings")
    assert latest < changed < others
    assert "no longer on the watch list: Whether the works end on 2 July." in shown
    assert "30 June – 2 July 2024 → 30 June – 5 July 2024" in shown
    assert "added: The council meets (council-meeting)" in shown
    assert "July 2024 · A mayor presents the town plan (mini-town-budget)" in shown[others:]


def test_summary_over_several_in_json_and_markdown() -> None:
    record = brief("summary", *BOTH, "--json").json()
    assert record["id"] == "mini-town-budget-followup"
    assert record["changed_since"]["briefing"] == "mini-town-budget"
    assert record["changed_since"]["diff"]["events"]["added"][0]["id"] == "council-meeting"
    assert [other["id"] for other in record["others"]] == ["mini-town-budget"]
    markdown = brief("summary", *BOTH, "--format", "markdown").stdout
    assert "\n## What changed since July 2024\n" in markdown and "\n## Other briefings\n" in markdown


def test_summary_all_shows_every_summary_newest_first() -> None:
    shown = brief("summary", "--all", *BOTH).stdout
    assert shown.index("The town's works now run") < shown.index("A mayor presents the town plan")
    assert "What changed" not in shown
    records = brief("summary", "--all", *BOTH, "--json").json()
    assert [r["id"] for r in records] == ["mini-town-budget-followup", "mini-town-budget"]


def test_validate_over_several_notes_each_disagreement() -> None:
    run = brief("validate", str(MINI), str(FOLLOWUP))
    assert run.exit_code == 0
    notes = [line for line in run.stdout.splitlines() if line.startswith("  note: ")]
    assert any("zoe-angstrom, role.en: mini-town-budget has Mayor;" in note for note in notes)
    assert any("works, end: mini-town-budget has 2024-07-02;" in note for note in notes)
    report = brief("validate", str(MINI), str(FOLLOWUP), "--json").json()
    assert report["valid"] is True and [f["briefing"] for f in report["files"]] == [
        "mini-town-budget",
        "mini-town-budget-followup",
    ]
    assert len(report["notes"]) == len(notes)


def test_validate_over_several_fails_when_one_is_bad(tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", {"schema_version": 1})
    run = brief("validate", str(MINI), str(bad), "--json")
    assert run.exit_code == 1
    assert [f["valid"] for f in run.json()["files"]] == [True, False]


# --- the single bundled briefing's path stays as it was ----------------------------


def test_one_briefing_imports_nothing_for_several() -> None:
    from tests.test_process import imported_modules

    modules = imported_modules("timeline", "--json")
    assert (
        not {"briefcli.merge", "briefcli.diff", "briefcli.archive", "briefcli.skeleton", "briefcli.together",
             "sqlite3"} & modules
    )  # fmt: skip
    several = imported_modules("timeline", "--json", "--data", str(MINI), "--data", str(FOLLOWUP))
    assert {"briefcli.merge", "briefcli.together"} <= several and "rich" not in several


def test_an_actor_card_over_several_names_its_briefings() -> None:
    card = brief("actors", "zoe-angstrom", *BOTH).stdout
    assert "Mayor and council president" in card
    assert "Briefings     mini-town-budget, mini-town-budget-followup" in card
    assert "Briefings" not in brief("actors", "zoe-angstrom", "--data", str(MINI)).stdout


def test_shared_answers_never_hide_a_problem(tmp_path: Path) -> None:
    """The rules' answers are shared between briefings, but only between those whose
    article has as many paragraphs: evidence at ¶3 is fine in the mini, not in a
    two-paragraph briefing read after it."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["id"] = "two-paragraphs"
    document["source"]["paragraphs"] = 2
    shorter = write_json(tmp_path / "shorter.json", document)
    run = brief("timeline", "--data", str(MINI), "--data", str(shorter))
    assert run.exit_code == 1
    assert "paragraph 3 is out of range: the article has 2" in run.stderr


def test_two_files_with_one_briefing_id_are_noted_and_their_differences_too(tmp_path: Path) -> None:
    """Two versions of one briefing (same id, same day): validate says they are read as
    one, and where they differ, the one given last wins, said as such."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["actors"][0]["role"]["en"] = "Changed role"
    again = write_json(tmp_path / "again.json", document)
    run = brief("validate", str(MINI), str(again), "--json")
    assert run.exit_code == 0
    notes = json.loads(run.stdout)["notes"]
    assert notes == [
        f"mini-town-budget is the id of 2 of these files ({MINI}, {again}): they are read as one briefing, "
        "the one given last winning where they differ",
        "actors zoe-angstrom, role.en: mini-town-budget has Mayor; mini-town-budget, published the same day "
        "and given after it, has Changed role and wins",
    ]
    named_twice = json.loads(brief("validate", str(MINI), str(MINI), "--json").stdout)["notes"]
    assert named_twice == []  # one file named twice is one file: nothing to note
    shown = brief("actors", "zoe", "--data", str(MINI), "--data", str(again), "--json")
    assert json.loads(shown.stdout)[0]["role"] == "Changed role"


def test_errors_about_where_briefings_come_from_are_in_french_too() -> None:
    twice = brief("timeline", "--data", "-", "--data", "-", "--lang", "fr")
    assert (twice.exit_code, twice.stderr) == (
        1,
        "brief : <stdin> : l'entrée standard ne se lit qu'une fois\n",
    )
    named = brief("timeline", "--lang", "fr", env={"BRIEF_DATA": "/nope.json"})
    assert named.stderr == "brief : /nope.json (donné par BRIEF_DATA) : fichier introuvable\n"
    assert (
        brief("timeline", env={"BRIEF_DATA": "/nope.json"}).stderr
        == "brief: /nope.json (from BRIEF_DATA): no such file\n"
    )


def test_search_covers_every_briefing_s_summary_each_hit_naming_its_briefing() -> None:
    """Merged, the summary shown is the latest's; searched, each briefing's headline, key
    points and watch list are found, and say whose they are."""
    data = ("--data", str(MINI), "--data", str(FOLLOWUP))
    found = json.loads(brief("search", "presents", *data, "--json").stdout)
    assert [(hit["kind"], hit["field"], hit["briefing"]) for hit in found] == [
        ("summary", "headline", "mini-town-budget")
    ]
    both = json.loads(brief("search", "town", *data, "--json").stdout)
    headlines = [hit["briefing"] for hit in both if hit["kind"] == "summary" and hit["field"] == "headline"]
    assert headlines == ["mini-town-budget-followup", "mini-town-budget"]  # the latest first
    shown = brief("search", "presents", *data, env={"COLUMNS": "100"}).stdout
    assert "mini-town-budget: summary.headline" in shown
    table = brief("search", "presents", *data, "--format", "markdown").stdout
    assert table.splitlines()[-1].endswith("| mini-town-budget |")
    alone = json.loads(brief("search", "presents", "--data", str(MINI), "--json").stdout)
    assert alone[0]["briefing"] == "mini-town-budget"  # one briefing: as before


def test_short_all_gives_each_briefing_s_line_newest_first() -> None:
    data = ("--data", str(MINI), "--data", str(FOLLOWUP))
    lines = brief("summary", "--short", "--all", *data).stdout.splitlines()
    assert lines == [
        "2 July 2024 · The town's works now run to 5 July",
        "July 2024 · A mayor presents the town plan",
    ]
    assert brief("summary", "--short", *data).stdout.splitlines() == lines[:1]  # without --all: the latest
    records = json.loads(brief("summary", "--short", "--all", "--json", *data).stdout)
    assert [record["id"] for record in records] == ["mini-town-budget-followup", "mini-town-budget"]
    markdown = brief("summary", "--short", "--all", "--format", "markdown", *data).stdout.splitlines()
    assert len(markdown) == 2


def test_the_page_and_the_document_over_several_briefings_name_every_article_read() -> None:
    data = ("--data", str(FOLLOWUP), "--data", str(MINI))
    hashes = [json.loads(path.read_text(encoding="utf-8"))["source"]["sha256"] for path in (MINI, FOLLOWUP)]
    page = brief("export", "--format", "html", *data).stdout
    assert all(f"sha256 <code>{digest}</code>" in page for digest in hashes)
    assert "from the briefings mini-town-budget, mini-town-budget-followup." in page
    assert page.count('<line class="published"') == 2
    document = brief("export", *data).stdout
    assert all(f"sha256 `{digest}`" in document for digest in hashes)
    alone = brief("export", "--format", "html", "--data", str(MINI)).stdout
    assert "from the briefing mini-town-budget." in alone and alone.count('<line class="published"') == 1


@pytest.mark.parametrize(
    ("args", "marks"),
    [
        ((), ["July 2024", "2 July 2024"]),
        (("--until", "2024-06"), []),  # both published after the window
        (("--since", "2024-07-02"), ["July 2024", "2 July 2024"]),  # "July 2024" reaches into it
        (("--limit", "1"), []),  # after the one event shown, a cut: none
    ],
)
def test_the_timeline_marks_a_publication_only_inside_what_it_shows(
    args: tuple[str, ...], marks: list[str]
) -> None:
    shown = brief("timeline", "--data", str(MINI), "--data", str(FOLLOWUP), *args, env={"COLUMNS": "100"})
    found = [
        line.split(" · ")[0].removeprefix("── ")
        for line in shown.stdout.splitlines()
        if line.startswith("── ")
    ]
    assert found == marks


def test_a_file_given_twice_is_one_briefing_in_search_and_summary() -> None:
    twice = ("--data", str(MINI), "--data", str(MINI), "--data", str(FOLLOWUP))
    once = ("--data", str(MINI), "--data", str(FOLLOWUP))
    assert (
        brief("search", "budget", *twice, "--json").json()
        == brief("search", "budget", *once, "--json").json()
    )
    assert brief(
        "summary", "--short", "--all", "--data", str(MINI), "--data", str(MINI)
    ).stdout.splitlines() == ["July 2024 · A mayor presents the town plan"]
