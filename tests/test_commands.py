"""Every command, end to end through the CLI, in every format and both languages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import msgspec
import pytest

from briefcli.load import load_briefing
from briefcli.render.records import ActorRecord, EventRecord, HitRecord, QuoteRecord, fields
from tests.conftest import BUNDLED, COMMANDS, MINI, brief, brief_process, clean_environment, ids, write_json

LISTINGS = {
    # command line -> the record type of its machine output
    ("actors",): ActorRecord,
    ("actors", "otan"): ActorRecord,
    ("timeline",): EventRecord,
    ("timeline", "--since", "2025-07-01"): EventRecord,
    ("quotes",): QuoteRecord,
    ("search", "patriot"): HitRecord,
}
LISTING_IDS = [" ".join(args) for args in LISTINGS]


@pytest.mark.parametrize(("args", "record"), LISTINGS.items(), ids=LISTING_IDS)
def test_json_jsonl_and_csv_hold_the_same_records(args: tuple[str, ...], record: type) -> None:
    as_json = brief(*args, "--json")
    assert as_json.exit_code == 0, as_json.stderr
    records = as_json.json()
    assert isinstance(records, list) and records
    assert all(list(item) == list(fields(record)) for item in records)  # every field, in order
    assert brief(*args, "--format", "json").stdout == as_json.stdout

    jsonl = brief(*args, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == records

    rows = list(csv.reader(io.StringIO(brief(*args, "--format", "csv").stdout)))
    assert rows[0] == list(fields(record))
    assert len(rows) == len(records) + 1
    assert [row[1] for row in rows[1:]] == [str(item[fields(record)[1]]) for item in records]


@pytest.mark.parametrize("args", LISTINGS, ids=LISTING_IDS)
def test_markdown_is_a_table(args: tuple[str, ...]) -> None:
    lines = brief(*args, "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| ") and lines[0].endswith(" |")
    assert set(lines[1]) == {"|", "-"}
    assert len(lines) == len(brief(*args, "--json").json()) + 2


@pytest.mark.parametrize("args", LISTINGS, ids=LISTING_IDS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_human_view_is_plain_text_when_piped(args: tuple[str, ...], lang: str) -> None:
    run = brief(*args, "--lang", lang)
    assert run.exit_code == 0 and run.stdout.strip() and run.stderr == ""
    assert "\x1b" not in run.stdout
    assert all(len(line) <= 100 and line == line.rstrip() for line in run.stdout.splitlines())


def test_json_fields_of_an_event() -> None:
    (event,) = [e for e in brief("timeline", "--json").json() if e["id"] == "second-aid-suspension"]
    assert event == {
        "id": "second-aid-suspension",
        "date": "2025-07-01",
        "end": "2025-07-07",
        "precision": "day",
        "basis": "public-record",
        "sources": event["sources"],
        "kind": "policy-change",
        "direction": "suspend",
        "actors": ["pentagon", "united-states", "ukraine"],
        "title": "Second suspension: some shipments paused over US stockpiles",
        "detail": event["detail"],
        "evidence": [{"para": 9, "quote": "après deux suspensions d'aide précédentes"}],
        "briefing": "rutte-trump-nato-weapons-ukraine-2025-07-14",
        "briefings": ["rutte-trump-nato-weapons-ukraine-2025-07-14"],
    }
    assert event["detail"].startswith("The article mentions a second earlier suspension")
    # Each source is a record with every field present, and at least one has a URL.
    assert all(set(source) == {"outlet", "title", "url", "date"} for source in event["sources"])
    assert "https://www.pravda.com.ua/eng/news/2025/07/2/7519737/" in [s["url"] for s in event["sources"]]


def test_json_fields_of_an_actor_with_a_correction() -> None:
    (hegseth,) = brief("actors", "dan hegseth", "--json").json()
    assert hegseth["id"] == "pete-hegseth"
    assert (hegseth["name"], hegseth["kind"], hegseth["affiliation"], hegseth["affiliation_name"]) == (
        "Pete Hegseth",
        "person",
        "united-states",
        "United States",
    )
    assert hegseth["correction"]["as_written"] == "Dan Hegseth"
    assert hegseth["correction"]["corrected"] == "Pete Hegseth"
    assert hegseth["events"] == ["rutte-meets-rubio-hegseth-congress"]
    assert hegseth["evidence"] == [
        {"para": 7, "quote": "le secrétaire à la Défense Dan Hegseth"},
        {"para": 7, "quote": "Pendant sa visite à Washington, Rutte rencontrera également"},
    ]


def test_json_fields_of_a_quote_in_french() -> None:
    quotes = brief("quotes", "--actor", "trump", "--json", "--lang", "fr").json()
    assert [q["original"] for q in quotes] == ["annonce importante", "décevant"]  # article order: ¶5, ¶7
    assert quotes[1]["translation"] == "disappointing"  # the translation is English by definition
    assert quotes[1]["context"] == (
        "Le mot de Trump sur son récent appel d'une heure avec Poutine, tel que l'article l'imprime."
    )
    assert quotes[0]["speaker_name"] == "Donald Trump"


# --- summary ------------------------------------------------------------------------


def test_summary_json_is_one_object() -> None:
    summary = brief("summary", "--json").json()
    assert summary["date"] == "2025-07-14" and summary["date_basis"] == "public-record"
    assert summary["source"]["paragraphs"] == 11 and summary["source"]["language"] == "fr"
    assert 4 <= len(summary["key_points"]) <= 6
    assert all(point["evidence"] for point in summary["key_points"] + summary["watch"])
    assert summary["corrections"][0]["corrected"] == "Pete Hegseth"
    french = brief("summary", "--json", "--lang", "fr").json()
    assert french["bottom_line"] != summary["bottom_line"] and "OTAN" in french["bottom_line"]


def test_summary_views() -> None:
    table = brief("summary").stdout
    for heading in ("Bottom line", "Key points", "What to watch", "Corrections"):
        assert f"\n{heading}\n" in table
    assert "¶3, ¶5" in table
    markdown = brief("summary", "--format", "markdown").stdout
    assert (
        markdown.startswith("# ") and "\n## Key points\n" in markdown and "\n## What to watch\n" in markdown
    )
    french = brief("summary", "--lang", "fr").stdout
    assert "\nPoints clés\n" in french and "\nÀ surveiller\n" in french


def test_summary_short_is_one_line() -> None:
    short = brief("summary", "--short", env={"COLUMNS": "40"}).stdout
    assert short.count("\n") == 1 and short.startswith("14 July 2025 · NATO's Rutte meets Trump")
    assert brief("summary", "--short", "--lang", "fr").stdout.startswith("14 juillet 2025 · ")
    assert brief("summary", "--short", "--json").json() == {
        "id": "rutte-trump-nato-weapons-ukraine-2025-07-14",
        "briefing": "rutte-trump-nato-weapons-ukraine-2025-07-14",
        "date": "2025-07-14",
        "headline": "NATO's Rutte meets Trump to discuss a plan in which NATO countries would finance and distribute US weapons for Ukraine",
    }


def test_summary_refuses_listing_formats() -> None:
    run = brief("summary", "--format", "csv")
    assert (run.exit_code, run.stdout) == (2, "")
    assert "'csv' is not one of 'table', 'json', 'markdown'" in run.stderr


# --- actors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("otan", "nato"),
        ("OTAN", "nato"),
        ("poutine", "vladimir-putin"),
        ("Poutine", "vladimir-putin"),
        ("pentagone", "pentagon"),
        ("le Pentagone", "pentagon"),
        ("secretary of state", "marco-rubio"),
        ("secrétaire d'État", "marco-rubio"),
        ("secretaire d etat", "marco-rubio"),
        ("dan hegseth", "pete-hegseth"),
        ("Pete Hegseth", "pete-hegseth"),
        ("chef de l'OTAN", "mark-rutte"),
        ("chef de l’otan", "mark-rutte"),
        ("congres", "us-congress"),
        ("Congrès", "us-congress"),
        ("Etats-Unis", "united-states"),
        ("états unis", "united-states"),
        ("hegs", "pete-hegseth"),
        ("kysia-hekster", "kysia-hekster"),
        ("president of russia", "vladimir-putin"),
    ],
)
def test_actor_lookup_in_either_language(query: str, expected: str) -> None:
    assert ids(brief("actors", query, "--json").json())[0] == expected


def test_best_matches_first() -> None:
    # exact alias (NATO), then names that start with it or hold it as a word
    assert ids(brief("actors", "otan", "--json").json()) == [
        "nato",
        "mark-rutte",
        "kysia-hekster",
        "nato-countries",
        "european-allies",
    ]


def test_one_match_shows_the_full_card() -> None:
    card = brief("actors", "dan hegseth").stdout
    for part in (
        "Pete Hegseth",
        "US Secretary of Defense",
        "Dan Hegseth",
        "Correction",
        "Events",
        "Evidence",
        "¶7",
    ):
        assert part in card
    table = brief("actors", "otan").stdout
    assert "Correction" not in table and "Mark Rutte" in table


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [("rute", "Mark Rutte"), ("trmup", "Donald Trump"), ("pentagn", "The Pentagon"), ("ruby", "Marco Rubio")],
)
def test_misspelled_actor_gets_a_suggestion_and_exit_1(query: str, suggestion: str) -> None:
    run = brief("actors", query)
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr == f"brief: no actor matches {query!r}; did you mean {suggestion!r}?\n"


def test_names_are_in_the_chosen_language() -> None:
    countries = brief("actors", "--kind", "country", "--json", "--lang", "fr").json()
    assert [actor["name"] for actor in countries] == ["États-Unis", "Ukraine", "Russie"]
    (rutte,) = brief("actors", "rutte", "--json", "--lang", "fr").json()
    assert rutte["affiliation_name"] == "OTAN"
    assert "Vladimir Poutine" in brief("timeline", "--actor", "putin", "--lang", "fr").stdout
    # and a name is found in either language, whatever the chosen one
    assert ids(brief("actors", "Russie", "--json", "--lang", "en").json())[0] == "russia"


def test_kind_filter() -> None:
    people = brief("actors", "--kind", "person", "--json").json()
    assert {actor["kind"] for actor in people} == {"person"} and len(people) == 6
    assert ids(brief("actors", "--kind", "country", "--json").json()) == [
        "united-states",
        "ukraine",
        "russia",
    ]


# --- timeline -----------------------------------------------------------------------


def timeline_ids(*args: str, data: Path = MINI) -> list[str]:
    run = brief("timeline", "--json", "--data", str(data), *args)
    assert run.exit_code == 0, run.stderr
    return ids(run.json())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["hard-year", "budget-vote", "works"]),
        # 'works' runs 30 June to 2 July 2024: any overlap keeps it, ends included
        (("--since", "2024-07"), ["works"]),
        (("--since", "2024-07-02"), ["works"]),
        (("--since", "2024-07-03"), []),
        (("--until", "2024-06-30"), ["hard-year", "budget-vote", "works"]),
        (("--until", "2024-06-29"), ["hard-year", "budget-vote"]),
        # 'budget-vote' is the whole of June 2024; 'hard-year' the whole of 2023
        (("--since", "2024-06-30", "--until", "2024-06-30"), ["budget-vote", "works"]),
        (("--until", "2024-05-31"), ["hard-year"]),
        (("--since", "2023-12-31", "--until", "2023-12-31"), ["hard-year"]),
        (("--since", "2024", "--until", "2024"), ["budget-vote", "works"]),
        (("--since", "juin 2024", "--until", "June 2024"), ["budget-vote", "works"]),
        (("--since", "1er juillet 2024"), ["works"]),
        (("--kind", "other"), ["hard-year", "works"]),
        (("--kind", "other", "--kind", "policy-change"), ["hard-year", "budget-vote", "works"]),
        (("--policy",), ["budget-vote"]),
        (("--actor", "la maire"), ["works"]),
        (("--actor", "zoe"), ["works"]),
        (("--actor", "conseil"), ["hard-year", "budget-vote"]),
    ],
)
def test_timeline_filters(args: tuple[str, ...], expected: list[str]) -> None:
    assert timeline_ids(*args) == expected


def test_timeline_of_the_bundled_story() -> None:
    assert timeline_ids(data=BUNDLED)[:2] == ["first-aid-suspension", "first-suspension-lifted"]
    assert timeline_ids("--since", "2025-07-01", data=BUNDLED) == [
        "second-aid-suspension",
        "trump-putin-call",
        "more-defensive-weapons",
        "nato-finance-distribute-proposal",
        "russia-announcement-promised",
        "rutte-trump-talks",
        "rutte-meets-rubio-hegseth-congress",
    ]
    assert timeline_ids("--policy", data=BUNDLED) == [
        "first-aid-suspension",
        "first-suspension-lifted",
        "second-aid-suspension",
        "more-defensive-weapons",
        "nato-finance-distribute-proposal",
    ]
    assert timeline_ids("--actor", "poutine", data=BUNDLED) == ["trump-putin-call"]
    assert timeline_ids("--since", "3w", data=BUNDLED)[0] == "nato-summit-the-hague"  # 23 June on


def test_timeline_human_view() -> None:
    view = brief("timeline").stdout.splitlines()
    assert view[0] == "Timeline · 10 events"
    assert view[1] == "◇ date from the public record, not stated in the article"
    assert view[2].startswith("3 March 2025 ◇") and "▼ suspend" in view[2]
    assert any(line.startswith("24–25 June 2025 ◇") for line in view)
    marker = view.index("── 14 July 2025 · article published ──")
    assert view[marker + 1].startswith("14 July 2025 ◇")
    french = brief("timeline", "--lang", "fr").stdout
    assert (
        "1er–7 juillet 2025 ◇" in french and "▼ suspension" in french and "publication de l'article" in french
    )
    partial = brief("timeline", "--data", str(MINI)).stdout
    assert "\n2023 " in partial and "\nJune 2024 " in partial and "\n30 June – 2 July 2024 " in partial


def test_empty_timeline_is_not_an_error() -> None:
    run = brief("timeline", "--since", "2030")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "No events match (since 1 January 2030).\n")
    assert brief("timeline", "--since", "2030", "--json").stdout == "[]\n"
    assert brief("timeline", "--since", "2030", "--format", "csv").stdout.startswith("id,date,end,")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--since", "julyish"), "--since: 'julyish' is not a date brief can read. Accepted: "),
        (("--until", "2025-02-30"), "--until: '2025-02-30' is not a real date"),
        (("--since", "03/07/2025"), "--since: '03/07/2025' reads two ways"),
        (("--since", "2025-08", "--until", "2025-07"), "comes after --until"),
        (("--kind", "party"), "'party' is not one of"),
    ],
)
def test_bad_dates_are_usage_errors(args: tuple[str, ...], words: str) -> None:
    run = brief("timeline", *args, "--json")
    assert (run.exit_code, run.stdout) == (2, "")
    assert words in run.stderr and run.stderr.count("\n") == 1


# --- quotes, search, export ---------------------------------------------------------


def test_quotes() -> None:
    assert ids(brief("quotes", "--json").json()) == [  # in article order: ¶5, ¶7, ¶9
        "trump-annonce-importante",
        "trump-decevant",
        "hekster-patriot",
    ]
    assert ids(brief("quotes", "--actor", "hekster", "--json").json()) == ["hekster-patriot"]
    view = brief("quotes").stdout
    assert "« décevant »" in view and "“disappointing”" in view
    run = brief("quotes", "--actor", "nobody-at-all")
    assert (run.exit_code, run.stdout) == (1, "")


# search: tests/test_search.py


def test_export_markdown_has_every_section() -> None:
    document = brief("export").stdout
    for heading in ("## Bottom line", "## Key points", "## What to watch", "## Corrections", "## Who is who",
                    "## Timeline", "## Quotes", "## Sources"):  # fmt: skip
        assert f"\n{heading}\n" in document
    assert document.startswith("# NATO's Rutte meets Trump")
    assert "sha256 `51d13c95fee0614f67034b83ceaeb5b517def4508ca14440abeb07f499e0e50b`" in document
    assert "## Chronologie" in brief("export", "--lang", "fr").stdout


def test_export_json_is_the_validated_briefing(tmp_path: Path) -> None:
    exported = brief("export", "--format", "json").stdout
    assert msgspec.json.decode(exported.encode(), type=type(load_briefing())) == load_briefing(BUNDLED)
    target = tmp_path / "briefing.json"
    assert brief("export", "--json", "-o", str(target)).exit_code == 0
    assert brief("validate", str(target)).exit_code == 0


def test_export_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    run = brief("export", "--output", str(target))
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", f"brief: wrote {target}\n")
    assert target.read_text(encoding="utf-8") == brief("export").stdout


def test_export_refuses_to_write_the_briefing_it_reads(tmp_path: Path) -> None:
    source = tmp_path / "mine.json"
    source.write_bytes(MINI.read_bytes())
    run = brief("export", "--json", "--data", str(source), "-o", str(source))
    assert run.exit_code == 2 and "never writes to a file it reads" in run.stderr
    assert source.read_bytes() == MINI.read_bytes()


# --- options and conventions --------------------------------------------------------


def test_json_flag_and_format_must_agree() -> None:
    assert brief("actors", "--json", "--format", "json").exit_code == 0
    run = brief("actors", "--json", "--format", "csv")
    assert (run.exit_code, run.stderr) == (2, "brief: --json and --format csv disagree: give one of them\n")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"BRIEF_LANG": "fr"}, "fr"),
        ({"BRIEF_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_language_comes_from_brief_lang_then_the_locale(env: dict[str, str], expected: str) -> None:
    title = brief("timeline", "--json", env=env).json()[0]["title"]
    assert title == {"en": "First suspension of US military aid to Ukraine",
                     "fr": "Première suspension de l'aide militaire américaine à l'Ukraine"}[expected]  # fmt: skip
    assert brief("timeline", "--json", "--lang", "en", env=env).json()[0]["title"].startswith("First")


def test_an_unsupported_brief_lang_is_passed_over_without_an_error() -> None:
    run = brief("summary", "--short", env={"BRIEF_LANG": "de"})
    assert run.exit_code == 0 and run.stderr == ""
    assert run.stdout == brief("summary", "--short").stdout  # English
    french_locale = brief("summary", "--short", env={"BRIEF_LANG": "de", "LANG": "fr_FR.UTF-8"})
    assert french_locale.stdout == brief("summary", "--short", "--lang", "fr").stdout  # the next source
    assert brief("summary", "--short", "--lang", "de").exit_code == 2  # a flag is still checked


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("sumary",), "No such command 'sumary'. Did you mean 'summary'?"),
        (("timeline", "--sinc", "2025"), "No such option: --sinc. Did you mean --since?"),
        (("actors", "--format", "jsn"), "Did you mean 'json'?"),
        (("actors", "--kind", "persons"), "Did you mean 'person'?"),
        (("--bogus",), "No such option: --bogus"),
    ],
)
def test_typos_get_a_suggestion(args: tuple[str, ...], words: str) -> None:
    run = brief(*args)
    assert (run.exit_code, run.stdout) == (2, "")
    assert words in run.stderr and run.stderr.count("\n") == 1


def test_help_leads_with_examples() -> None:
    top = brief("--help").stdout
    assert top.index("Examples:") < top.index("Commands")
    for command in COMMANDS:
        text = brief(command, "--help").stdout
        assert text.index("Examples:") < text.index("Options"), command
        assert f"brief {command}" in text
    assert brief().stdout == top  # no command: the help


def _example_lines(help_text: str) -> list[str]:
    """The lines of a help text's no-rewrap blocks (Click's \\b paragraphs): examples, rules, exit statuses."""
    kept: list[str] = []
    for block in help_text.split("\n\n"):
        if block.lstrip().startswith("\b"):
            kept += [line.strip() for line in block.strip().splitlines()[1:]]
    return kept


@pytest.mark.parametrize("width", ["40", "200"])
def test_help_shows_examples_as_written_at_any_width(width: str) -> None:
    import typer.main

    from briefcli.cli import app

    group = typer.main.get_command(app)
    helps = {"": group.help or "", **{name: command.help or "" for name, command in group.commands.items()}}  # type: ignore[attr-defined]
    for command, help_text in helps.items():
        written = _example_lines(help_text)
        assert len(written) >= 2, command  # every help has its examples
        args = [command, "--help"] if command else ["--help"]
        shown = [
            line.strip()
            for line in brief_process(*args, env=clean_environment(COLUMNS=width))
            .stdout.decode()
            .splitlines()
        ]
        for line in written:
            assert line in shown, (command, width, line)  # one line, as written: not rewrapped
        assert not any("\x1b" in line or "\b" in line for line in shown)


@pytest.mark.parametrize("width", [40, 60, 200])
def test_help_prose_fits_the_terminal_and_only_the_examples_run_past_it(width: int) -> None:
    """Click never wraps below 50 columns on its own: a 40-column terminal would split words."""
    import typer.main

    from briefcli.cli import app

    group = typer.main.get_command(app)
    for command in ["", *group.commands]:  # type: ignore[attr-defined]
        args = [command, "--help"] if command else ["--help"]
        shown = brief_process(*args, env=clean_environment(COLUMNS=str(width))).stdout.decode().splitlines()
        help_text = (group.commands[command] if command else group).help or ""  # type: ignore[attr-defined]
        written = set(_example_lines(help_text))
        too_long = [line for line in shown if len(line) > min(width, 80) and line.strip() not in written]
        assert not too_long, (command, width, too_long)


def test_help_lists_every_exit_status() -> None:
    shown = [" ".join(line.split()) for line in brief("--help").stdout.splitlines()]
    for status in ("0 success", "1 no match", "2 usage error", "70 a bug in brief", "130 interrupted"):
        assert any(line.startswith(status) for line in shown), status


def test_validate_speaks_french() -> None:
    assert brief("validate", "--lang", "fr").stdout == (
        "briefing fourni : briefing valide (acteurs : 14, événements : 10, citations : 3)\n"
    )
    bad = Path(__file__).parent / "data" / "bad-briefing.json"
    assert brief("validate", str(bad), "--lang", "fr").stdout.startswith(f"{bad} : 3 problèmes\n")


def test_shell_completion() -> None:
    import subprocess

    from tests.conftest import BRIEF, clean_environment

    env = clean_environment(_BRIEF_COMPLETE="complete_bash", COMP_WORDS="brief tim", COMP_CWORD="1")
    completed = subprocess.run([str(BRIEF)], capture_output=True, env=env, check=False)
    assert (completed.returncode, completed.stdout.split()) == (0, [b"timeline"])
    script = subprocess.run(
        [str(BRIEF), "--show-completion", "bash"], capture_output=True, env=clean_environment(), check=False
    )
    assert script.returncode == 0 and b"_brief_completion" in script.stdout


def test_version() -> None:
    from briefcli import __version__

    assert brief("--version").stdout == f"brief {__version__}\n"


def test_validate_says_the_rules_wait_for_a_file_that_does_not_decode(tmp_path: Path) -> None:
    """A missing field stops the decoding, so the rules (a date that does not exist) have
    not run yet: brief says there may be more, and only then."""
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["events"][0]["date"] = "2024-13-01"  # a rule's problem
    rules_only = write_json(tmp_path / "rules.json", document)
    del document["summary"]["headline"]  # a decoding problem
    undecoded = write_json(tmp_path / "undecoded.json", document)
    note = (
        "the rules (dates, references, evidence, texts) are checked once these are fixed: there may be more"
    )
    shown = brief("validate", str(undecoded))
    assert shown.exit_code == 1 and shown.stdout.splitlines()[-1] == f"  note: {note}"
    assert json.loads(brief("validate", str(undecoded), "--json").stdout)["notes"] == [note]
    for other in (rules_only, tmp_path / "missing.json"):
        assert "note:" not in brief("validate", str(other)).stdout
        assert json.loads(brief("validate", str(other), "--json").stdout)["notes"] == []


def test_a_truncated_file_is_said_so_in_french_too(tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(MINI.read_bytes()[:100])
    shown = brief("validate", str(cut), "--lang", "fr").stdout
    assert "  JSON invalide : il s'arrête trop tôt (tronqué)" in shown.splitlines()
