"""Output a person reads: the window shown, plurals, links, quote fields, widths, colour.

Every test runs the real CLI. A terminal is faked through `terminal.ENVIRONMENT`
(no pty), as httpie's tests fake theirs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli import terminal
from briefcli.choices import Lang
from briefcli.i18n import human_date, human_span, label
from briefcli.messages import CATALOGUE, TRANSLATED, plural_index, translated
from tests.conftest import brief, brief_process, clean_environment, write_json

ESCAPE = "\x1b["
HYPERLINK = "\x1b]8;"
COLOR = r"\x1b\[(?:[0-9]+;)*(?:3[0-7]|38;5;[0-9]+)m"  # a foreground color (green dates, red suspensions)
PUTIN_SOURCE = "https://kyivindependent.com/i-didnt-make-any-progress-at-all-trump-says-following-call-with-putin-06-2025/"


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout is a terminal, as far as brief can tell."""
    monkeypatch.setattr(terminal, "ENVIRONMENT", terminal.Environment(stdout_isatty=True))


def first_line(*args: str, env: dict[str, str] | None = None) -> str:
    run = brief(*args, env=env)
    assert run.exit_code == 0, run.stderr
    return run.stdout.splitlines()[0]


# --- the window a timeline shows ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "window"),
    [
        (["--since", "3w"], "since 23 June 2025"),
        (["--since", "3w", "--lang", "fr"], "depuis le 23 juin 2025"),
        (["--until", "2025-06"], "until 30 June 2025"),
        (["--until", "2025-06", "--lang", "fr"], "jusqu'au 30 juin 2025"),
        (["--since", "2025-7-1", "--until", "2025-07-10"], "from 1 July 2025 to 10 July 2025"),
        (["--since", "le mois dernier", "--until", "le mois dernier"], "from 1 June 2025 to 30 June 2025"),
        (["--since", "last week", "--lang", "fr"], "depuis le 7 juillet 2025"),
        (["--since", "2025-W28", "--until", "2025-W28"], "from 7 July 2025 to 13 July 2025"),
        (["--since", "Q3 2025"], "since 1 July 2025"),
        (["--since", "T3 2025", "--lang", "fr"], "depuis le 1er juillet 2025"),
        (["--until", "hier"], "until 13 July 2025"),
        (["--since", "14 July 2025", "--until", "2025-07-14"], "on 14 July 2025"),
        ([], None),
    ],
)  # fmt: skip
def test_the_timeline_header_names_the_window_used(args: list[str], window: str | None) -> None:
    lang: Lang = "fr" if "fr" in args else "en"
    count = len(brief("timeline", *args, "--json").json())
    header = [label("timeline", lang), label("n_events", lang, n=count), *([window] if window else [])]
    assert first_line("timeline", *args) == " · ".join(header)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_span_copied_from_brief_means_its_start_as_since_and_its_end_as_until(lang: Lang) -> None:
    shown = brief("timeline", "--json").json()
    spans = [event for event in shown if event["end"] and len(event["date"]) == len(event["end"]) == 10]
    assert spans
    printed = brief("timeline", "--lang", lang).stdout
    for event in spans:
        written = human_span(event["date"], event["end"], lang)  # as the timeline prints it
        assert written in printed
        start, end = (human_date(day, lang) for day in (event["date"], event["end"]))
        words = label_window(lang, start, end)
        assert first_line("timeline", "--since", written, "--until", written, "--lang", lang).endswith(words)
        run = brief("timeline", "--since", written, "--until", written, "--json")
        assert event["id"] in [listed["id"] for listed in run.json()]


def label_window(lang: Lang, start: str, end: str) -> str:
    return f"du {start} au {end}" if lang == "fr" else f"from {start} to {end}"


def test_json_stays_a_bare_list_whatever_the_window() -> None:
    run = brief("timeline", "--since", "3w", "--json")
    assert isinstance(run.json(), list) and run.stdout.startswith("[")
    assert "since" not in run.stdout.split("{")[0]


@pytest.mark.parametrize(
    ("env", "args", "since"),
    [
        ({}, ["--lang", "fr"], "depuis le 1er juillet 2025"),
        ({"LANG": "fr_FR.UTF-8"}, [], "depuis le 1er juillet 2025"),
        ({"LANG": "en_GB.UTF-8"}, ["--lang", "en"], "since 1 July 2025"),
        ({"LANG": "en_US.UTF-8"}, [], "since 7 January 2025"),
        ({"LC_ALL": "de_DE.UTF-8"}, [], "since 1 July 2025"),
    ],
)
def test_a_numeric_date_reads_as_the_language_or_locale_writes_it(
    env: dict[str, str], args: list[str], since: str
) -> None:
    assert first_line("timeline", "--since", "01/07/2025", *args, env=env).endswith(since)


def test_a_numeric_date_that_still_reads_two_ways_is_refused_saying_why() -> None:
    run = brief("timeline", "--since", "01/07/2025")  # LANG=C.UTF-8: no custom
    assert run.exit_code == 2
    assert run.stderr == (
        "brief: --since: '01/07/2025' reads two ways: 1 July 2025 (day first) or 7 January 2025 "
        "(month first), and neither --lang nor the locale says which comes first; "
        "write 2025-07-01 or 2025-01-07\n"
    )


def test_a_fractional_span_says_what_is_wrong() -> None:
    run = brief("timeline", "--since", "1.5m")
    assert run.exit_code == 2
    assert "has no year" not in run.stderr
    assert run.stderr.startswith(
        "brief: --since: '1.5m': a span back counts whole months; write a whole number"
    )


# --- plurals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "en", "fr"),
    [
        (0, 1, 0),
        (1, 0, 0),
        (2, 1, 1),
        (10, 1, 1),
        (0.5, 1, 0),
        (1.0, 1, 0),
        (1.7, 1, 0),
        (2.0, 1, 1),
        (2.1, 1, 1),
    ],
)
def test_plural_rules(n: float, en: int, fr: int) -> None:
    assert (plural_index(n, "en"), plural_index(n, "fr")) == (en, fr)


def test_one_event_is_singular_in_both_languages() -> None:
    one = ["--since", "30 June – 2 July 2025", "--until", "30 June – 2 July 2025"]
    assert first_line("timeline", *one).startswith("Timeline · 1 event · ")
    assert first_line("timeline", *one, "--lang", "fr").startswith("Chronologie · 1 événement · ")


def test_one_problem_is_singular(tmp_path: Path, bundled_document: dict[str, Any]) -> None:
    bundled_document["quotes"][0]["evidence"][0]["para"] = 99
    path = write_json(tmp_path / "one.json", bundled_document)
    assert brief("validate", str(path)).stdout.splitlines()[0] == f"{path}: 1 problem"
    assert brief("validate", str(path), "--lang", "fr").stdout.splitlines()[0] == f"{path} : 1 problème"


# --- quotes in article order, quote fields apart -----------------------------------------


def test_quotes_are_in_article_order_everywhere() -> None:
    paragraphs = [quote["evidence"][0]["para"] for quote in brief("quotes", "--json").json()]
    assert paragraphs == sorted(paragraphs)
    card = brief("actors", "donald-trump").stdout
    assert card.index("annonce importante") < card.index("décevant")  # ¶5 before ¶7
    export = brief("export").stdout
    assert export.index("« annonce importante »") < export.index("« décevant »")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_export_puts_each_quote_field_on_its_own_line(lang: Lang) -> None:
    lines = brief("export", "--lang", lang).stdout.splitlines()
    quote = next(q for q in brief("quotes", "--json", "--lang", lang).json() if q["original"] == "décevant")
    at = lines.index("> « décevant »")
    translation, context = (
        ("Traduction anglaise : ", "Contexte : ") if lang == "fr" else ("English translation: ", "Context: ")
    )
    assert lines[at : at + 6] == [
        "> « décevant »",
        ">",
        "> — Donald Trump (¶7)",
        "",
        f"- {translation}“disappointing”",
        f"- {context}{quote['context']}",
    ]
    assert not any("¶7. disappointing" in line for line in lines)


# --- links -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["40", "60", "80", "120", "200"])
def test_a_source_url_is_printed_whole_when_plain(width: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", width)
    out = brief("actors", "putin").stdout
    assert f"[1] {PUTIN_SOURCE}" in out.splitlines()
    assert ESCAPE not in out and HYPERLINK not in out


def test_on_a_terminal_a_source_is_a_hyperlink(a_terminal: None) -> None:
    out = brief("actors", "putin").stdout
    assert f"{HYPERLINK}id=" in out and f";{PUTIN_SOURCE}\x1b\\" in out  # the link holds the whole URL
    assert "[1]" not in out


def test_a_hyperlink_is_never_made_of_a_briefings_control_characters(
    a_terminal: None, tmp_path: Path, bundled_document: dict[str, Any]
) -> None:
    putin = next(actor for actor in bundled_document["actors"] if actor["id"] == "vladimir-putin")
    putin["public_record"][0]["sources"][0]["url"] = (
        "https://evil.example/\x1b]8\x07x"  # controls pass the URL pattern
    )
    path = write_json(tmp_path / "evil.json", bundled_document)
    out = brief("actors", "putin", "--data", str(path)).stdout
    assert "https://evil.example/\\x1b]8\\x07x" in out  # the controls spelled out, inert
    # Take away the styles and the well-formed links brief writes: no escape is left.
    bare = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;(?:id=[0-9]+;[!-~]+)?;?\x1b\\", "", out)
    assert "\x1b" not in bare and "\x07" not in bare


def test_color_never_or_no_color_gives_plain_urls_on_a_terminal(a_terminal: None) -> None:
    assert f"[1] {PUTIN_SOURCE}" in brief("actors", "putin", "--color", "never").stdout
    assert f"[1] {PUTIN_SOURCE}" in brief("actors", "putin", env={"NO_COLOR": "1"}).stdout


# --- widths ------------------------------------------------------------------------------

VIEWS = [
    ["summary"],
    ["actors"],
    ["actors", "rutte"],
    ["actors", "putin"],
    ["timeline"],
    ["quotes"],
    ["summary", "--lang", "fr"],
    ["timeline", "--lang", "fr"],
]


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_text_fits_the_terminal_and_keeps_a_readable_measure(
    args: list[str], width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = brief(*args).stdout
    longest = max(len(line) for line in out.splitlines() if not line.startswith("[1] http"))
    assert longest <= min(width, 100)


def test_at_60_columns_the_nato_row_takes_a_few_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = brief("actors").stdout.splitlines()
    start = out.index("NATO  organization")
    following = next(i for i in range(start + 1, len(out)) if not out[i].startswith("  "))
    role = next(actor["role"] for actor in brief("actors", "--json").json() if actor["id"] == "nato")
    assert following - start <= 1 + -(-len(role) // 45)  # the name line, then the role at 45+ a line


def test_the_timeline_stacks_when_its_titles_would_get_fewer_than_narrow_columns() -> None:
    """The rule the README gives for the timeline (and search): the table while the title
    column keeps NARROW columns beside the dates and the kinds; one column fewer, stacked."""
    from briefcli.render.human import NARROW

    title = brief("timeline", "--json").json()[0]["title"]
    row = next(line for line in brief("timeline").stdout.splitlines() if title in line)
    column = row.index(title)  # where the titles start, beside the dates and the kinds
    narrow = brief("timeline", env={"COLUMNS": str(column + NARROW - 1)}).stdout.splitlines()
    head = narrow.index(f"  {title}") - 1  # the title indented under its date and kind
    assert narrow[head].split() == row[:column].split()
    wide = brief("timeline", env={"COLUMNS": str(column + NARROW)}).stdout.splitlines()
    assert any(
        line.startswith(row[:column]) and line[column:] and title.startswith(line[column:]) for line in wide
    )


def test_wide_terminals_get_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert re.match(r"Name +Kind +Role +Affiliation", brief("actors").stdout)
    monkeypatch.setenv("COLUMNS", "60")
    assert brief("actors").stdout.startswith("Mark Rutte  person · NATO\n  Secretary General of NATO\n")


# --- colour ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        ([], {}, False),  # a pipe
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins over FORCE_COLOR
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # a flag wins over both
        ([], {"FORCE_COLOR": ""}, False),  # empty: unset
        (["--colour", "ALWAYS"], {}, True),
        (["--color", "jamais"], {"FORCE_COLOR": "1"}, False),  # French words, as for every choice
        (["--color", "toujours"], {}, True),
    ],
)
def test_color_choice_and_environment(args: list[str], env: dict[str, str], colored: bool) -> None:
    out = brief("timeline", *args, env=env).stdout
    assert (ESCAPE in out) == colored
    assert bool(re.search(COLOR, out)) == colored  # colors, not bold alone
    assert HYPERLINK not in out  # never into a pipe: less -R and files get plain URLs


@pytest.mark.parametrize(
    ("env", "colored"),
    [
        ({}, True),
        ({"NO_COLOR": "1"}, False),
        ({"TERM": "dumb"}, False),
        ({"TERM": "dumb", "FORCE_COLOR": "1"}, True),
    ],
)
def test_color_on_a_terminal(a_terminal: None, env: dict[str, str], colored: bool) -> None:
    assert (ESCAPE in brief("timeline", env=env).stdout) == colored


def test_force_color_reaches_a_pager_through_a_real_pipe() -> None:
    run = brief_process("timeline", env=clean_environment(FORCE_COLOR="1"))
    assert run.returncode == 0 and ESCAPE.encode() in run.stdout
    assert HYPERLINK.encode() not in run.stdout
    plain = brief_process("timeline", env=clean_environment())
    assert ESCAPE.encode() not in plain.stdout


def test_a_bad_color_choice_is_a_usage_error() -> None:
    run = brief("timeline", "--color", "sometimes")
    assert run.exit_code == 2 and "--color" in run.stderr


def test_the_timeline_help_lists_the_date_forms() -> None:
    shown = " ".join(brief("timeline", "--help").stdout.replace("│", " ").split())  # unwrapped
    for form in (
        "2025-7-1",
        "'24–25 June 2025'",
        "2025-W28",
        "'Q3 2025'",
        "'last month'",
        "'le mois dernier'",
        "10d",
    ):
        assert form in shown, form
    for command in ("summary", "actors", "timeline", "quotes", "search"):
        assert "--color" in brief(command, "--help").stdout


# --- French all the way ------------------------------------------------------------------


def test_every_message_has_both_languages_with_the_same_plural_forms() -> None:
    for key, (english, french) in CATALOGUE.items():
        assert english.strip() and french.strip(), key
        assert english.count("|") == french.count("|"), key
        assert set(re.findall(r"\{(\w+)", english)) == set(re.findall(r"\{(\w+)", french)), key


def test_every_english_form_has_its_french() -> None:
    for english, _french in TRANSLATED:
        sample = re.sub(r"\{(\w+)\}", lambda m: f"<{m[1]}>", english)
        assert translated(sample, "fr") != sample, english
        assert "{" not in translated(sample, "fr")
        assert translated(sample, "en") == sample


def mutations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Briefings with one fault each, of every kind the loader reports."""
    import copy

    def changed(edit: Any) -> dict[str, Any]:
        mutated = copy.deepcopy(document)
        edit(mutated)
        return mutated

    return [
        changed(lambda d: d["actors"][0].pop("kind")),
        changed(lambda d: d["actors"][0].update(shoe_size=42)),
        changed(lambda d: d["actors"][0].update(kind="planet")),
        changed(lambda d: d["actors"][0].update(id="Not An Id")),
        changed(lambda d: d["events"][0].update(date="3 March")),
        changed(lambda d: d["events"][0].update(date="2025-02-30")),
        changed(lambda d: d["events"][0].update(end="2020-01-01")),
        changed(lambda d: d["events"][0].update(precision="month")),
        changed(lambda d: d["events"][0].update(source=None)),
        changed(lambda d: d["events"][0].update(direction=None)),
        changed(lambda d: d["events"][2].update(direction="suspend")),
        changed(lambda d: d["events"][0]["actors"].append("nobody-at-all")),
        changed(lambda d: d["events"][0].update(title={})),
        changed(lambda d: d["actors"][1].update(id=d["actors"][0]["id"])),
        changed(lambda d: d["actors"][0].update(affiliation=d["actors"][0]["id"])),
        changed(lambda d: d["quotes"][0]["evidence"][0].update(para=99)),
        changed(lambda d: d["quotes"][0]["evidence"][0].update(quote=" ")),
        changed(lambda d: d["quotes"][0]["evidence"][0].update(quote="word " * 30)),
        changed(lambda d: d["source"].update(sha256="xyz")),
        changed(lambda d: d["source"].update(paragraphs="eleven")),
        changed(lambda d: d.update(schema_version=1)),
        changed(lambda d: d["events"][0]["sources"][0].update(title="see www.example.org")),
        changed(lambda d: d["events"][0]["sources"][0].update(outlet="AP; Reuters")),
        changed(lambda d: d["events"][0]["sources"][0].update(outlet=" ")),
        changed(lambda d: d["events"][0]["sources"][0].update(url="https://a.example/https://b.example/")),
        changed(lambda d: d["events"][0]["sources"][0].update(url="not an address")),
        changed(lambda d: d["events"][0]["sources"][0].pop("url")),
        changed(lambda d: d["events"][0].update(sources=[])),
        changed(lambda d: d["source"].update(published_sources=[])),
    ]


def test_every_problem_the_loader_reports_has_its_french(bundled_document: dict[str, Any]) -> None:
    import json

    from briefcli.load import parse_briefing

    seen = 0
    for document in mutations(bundled_document):
        _, problems = parse_briefing(json.dumps(document).encode())
        assert problems, document
        for problem in problems:
            seen += 1
            assert translated(problem.message, "fr") != problem.message, problem.message
    for raw in (b"", b"\xff", b"[1]", b"{", b"[" * 10_000):
        problems = parse_briefing(raw)[1]
        assert all(translated(p.message, "fr") != p.message for p in problems), problems
    assert seen >= 20


FRENCH_ERRORS = [
    (
        ["timeline", "--since", "julyish"],
        2,
        "brief : --since : « julyish » n'est pas une date que brief sait lire.",
    ),
    (
        ["timeline", "--since", "1.5m"],
        2,
        "brief : --since : « 1.5m » : un retour en arrière se compte en mois entiers",
    ),
    (["actors", "rute"], 1, "brief : aucun acteur ne correspond à 'rute' ; vouliez-vous dire 'Mark Rutte' ?"),
    (["summary", "--data", "/nonexistent/b.json"], 1, "brief : /nonexistent/b.json : fichier introuvable"),
    (["timeline", "--bogus"], 2, "brief timeline : option inconnue : --bogus (voir 'brief timeline --help')"),
    (
        ["timeline", "--kind", "x"],
        2,
        "brief : --kind : 'x' ne fait pas partie de 'changement-de-politique'",
    ),
    (["timeline", "--json", "--format", "csv"], 2, "brief : --json et --format csv se contredisent"),
    (["actors", " "], 2, "brief : la requête est vide"),
]


@pytest.mark.parametrize(("args", "status", "start"), FRENCH_ERRORS, ids=lambda v: str(v))
@pytest.mark.parametrize(
    "how", [("--lang", "fr"), ("BRIEF_LANG", "fr"), ("LANG", "fr_FR.UTF-8")], ids=lambda v: v[0]
)
def test_errors_follow_the_language(args: list[str], status: int, start: str, how: tuple[str, str]) -> None:
    name, value = how
    run = brief(*args, name, value) if name.startswith("--") else brief(*args, env={name: value})
    assert run.exit_code == status
    assert run.stderr.startswith(start), run.stderr
    assert run.stderr.count("\n") == 1


def test_validate_speaks_french_all_the_way(tmp_path: Path, bundled_document: dict[str, Any]) -> None:
    bad = Path(__file__).parent / "data" / "bad-briefing.json"
    lines = brief("validate", str(bad), "--lang", "fr").stdout.splitlines()
    assert lines[1:] == [
        "  $.events[1].actors[0] : acteur inconnu 'town-counsil' (vouliez-vous dire 'town-council' ?)",
        "  $.events[2].end : finit (2024-06-01) avant de commencer (2024-06-30)",
        "  $.quotes[0].evidence[0].para : le paragraphe 9 n'existe pas : l'article en a 3",
    ]
    as_json = brief("validate", str(bad), "--lang", "fr", "--json").json()
    assert as_json["problems"][2]["message"] == "le paragraphe 9 n'existe pas : l'article en a 3"


def test_export_says_what_it_wrote_in_french(tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    run = brief("export", "-o", str(target), "--lang", "fr")
    assert run.exit_code == 0 and run.stderr == f"brief : {target} écrit\n"
    assert brief("export", "-o", str(target)).stderr == f"brief: wrote {target}\n"


def test_a_narrow_card_puts_each_value_under_its_label(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    lines = [line.strip("│ ") for line in brief("actors", "putin").stdout.splitlines()]
    at = lines.index("Kind")
    assert lines[at + 1] == "person · Russia"
    monkeypatch.setenv("COLUMNS", "80")
    assert any(
        re.fullmatch(r"Kind +person · Russia", line)
        for line in (line.strip("│ ") for line in brief("actors", "putin").stdout.splitlines())
    )


def test_an_empty_timeline_says_which_window_was_empty() -> None:
    run = brief("timeline", "--since", "2030")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "No events match (since 1 January 2030).\n")
    french = brief("timeline", "--since", "2030", "--until", "Q1 2030", "--lang", "fr")
    assert french.stderr == "Aucun événement ne correspond (du 1er janvier 2030 au 31 mars 2030).\n"
    assert brief("timeline", "--since", "2030", "--json").stdout == "[]\n"


@given(st.text(max_size=80), st.sampled_from(TRANSLATED))
def test_translating_any_message_never_fails(noise: str, form: tuple[str, str]) -> None:
    english = re.sub(r"\{\w+\}", lambda _: noise, form[0])  # a known form around any text
    for text in (noise, english):
        assert isinstance(translated(text, "fr"), str)


def test_the_page_lists_quotes_in_article_order(tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    assert brief("export", "--format", "html", "-o", str(target)).exit_code == 0
    quotes = target.read_text(encoding="utf-8").split('<section id="quotes">')[1]
    assert (
        quotes.index("« annonce importante »") < quotes.index("« décevant »") < quotes.index("« Les alliés")
    )


def test_a_window_in_json_costs_no_rich_and_no_dateutil() -> None:
    from tests.test_process import imported_modules

    modules = imported_modules("timeline", "--since", "le mois dernier", "--until", "2025-W28", "--json")
    assert "rich" not in modules and "dateutil.parser" not in modules


@pytest.mark.parametrize(
    ("name", "args", "starts"),
    [
        ("page.html", (), b"<!DOCTYPE html>"),
        ("PAGE.HTM", (), b"<!DOCTYPE html>"),
        ("briefing.md", (), b"# "),
        ("notes.txt", (), b"# "),  # an extension that names no format: Markdown
        ("briefing.json", (), b'{\n  "$schema"'),
        ("archive.db", (), b"SQLite format 3\x00"),
        ("archive.sqlite", (), b"SQLite format 3\x00"),
        ("page.html", ("--format", "markdown"), b"# "),  # a format given wins
        ("page.html", ("--json",), b'{\n  "$schema"'),
        ("timeline.json", ("--format", "timelinejs"), b'{\n  "title"'),
    ],
)
def test_without_format_the_output_file_s_extension_names_it(
    tmp_path: Path, name: str, args: tuple[str, ...], starts: bytes
) -> None:
    target = tmp_path / name
    run = brief("export", "-o", str(target), *args)
    assert run.exit_code == 0, run.stderr
    assert target.read_bytes().startswith(starts)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_limited_timeline_says_how_many_of_how_many(lang: str) -> None:
    every = len(json.loads(brief("timeline", "--json").stdout))
    for limit in (1, every - 1, every, every + 1):
        first = brief(
            "timeline", "--limit", str(limit), "--lang", lang, env={"COLUMNS": "80"}
        ).stdout.splitlines()[0]
        shown = min(limit, every)
        if shown < every:
            words = f"{shown} of {every} events" if lang == "en" else f"{shown} sur {every} événements"
        else:
            words = f"{every} events" if lang == "en" else f"{every} événements"
        assert first == ("Timeline · " if lang == "en" else "Chronologie · ") + words, (limit, first)
        drawn = brief("timeline", "--chart", "--limit", str(limit), "--lang", lang, env={"COLUMNS": "80"})
        assert drawn.stdout.splitlines()[0] == first, (limit, "--chart")
