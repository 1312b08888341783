"""Options as a user types them: choices in English or French, filters that combine,
single options refused when repeated, lookups that show the card, shell completion;
and the ground they stand on: only the Typer and Click names clicklib.py documents."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup

from briefcli.choices import HIT_KINDS, VOCABULARIES, names
from briefcli.cli import app
from briefcli.i18n import label, term
from tests.conftest import BRIEF, COMMANDS, brief, clean_environment, ids

PACKAGE = Path(__file__).resolve().parent.parent / "briefcli"


def timeline_ids(*args: str) -> list[str]:
    run = brief("timeline", "--json", *args)
    assert run.exit_code == 0, run.stderr
    return ids(run.json())


# --- choices in either language -----------------------------------------------------


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("rencontre", "meeting"),
        ("Rencontre", "meeting"),
        ("appel", "call"),
        ("changement-de-politique", "policy-change"),
        ("changement de politique", "policy-change"),
        ("déclaration", "statement"),
        ("declaration", "statement"),
        ("policy change", "policy-change"),
    ],
)
def test_event_kinds_in_french_or_english_words(french: str, english: str) -> None:
    assert timeline_ids("--kind", french) == timeline_ids("--kind", english)
    assert timeline_ids("--kind", english)  # the bundled story has one of each


@pytest.mark.parametrize(
    ("args", "same_as"),
    [
        (("actors", "--kind", "pays"), ("actors", "--kind", "country")),
        (("actors", "--kind", "personne"), ("actors", "--kind", "person")),
        (("timeline", "--direction", "suspension"), ("timeline", "--direction", "suspend")),
        (("timeline", "--direction", "hausse"), ("timeline", "--direction", "increase")),
        (("actors", "--format", "tableau"), ("actors", "--format", "table")),
        (("actors", "--lang", "français"), ("actors", "--lang", "fr")),
    ],
)
def test_french_names_of_kinds_directions_formats_and_languages(
    args: tuple[str, ...], same_as: tuple[str, ...]
) -> None:
    run = brief(*args)
    assert run.exit_code == 0 and run.stdout and run.stdout == brief(*same_as).stdout


def test_directions_filter_the_policy_changes() -> None:
    assert timeline_ids("--direction", "suspend") == ["first-aid-suspension", "second-aid-suspension"]
    assert timeline_ids("--direction", "suspend,resume") == [
        "first-aid-suspension",
        "first-suspension-lifted",
        "second-aid-suspension",
    ]


def test_a_bad_choice_lists_the_values_in_the_chosen_language_with_a_suggestion() -> None:
    english = brief("timeline", "--kind", "meetng")
    assert (english.exit_code, english.stdout) == (2, "")
    assert english.stderr == (
        "brief: --kind: 'meetng' is not one of 'policy-change', 'meeting', 'call', 'summit', "
        "'statement', 'proposal', 'other'. Did you mean 'meeting'?\n"
    )
    french = brief("timeline", "--kind", "rencontr", "--lang", "fr")
    assert french.exit_code == 2
    assert "'changement-de-politique', 'rencontre', 'appel'" in french.stderr
    assert french.stderr.endswith("Vouliez-vous dire 'rencontre' ?\n")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("vocabulary", sorted(set(VOCABULARIES) - {"lang"}))
def test_a_typo_of_either_languages_word_is_suggested_in_the_words_listed(vocabulary: str, lang: str) -> None:
    """'meting' under --lang fr suggests 'rencontre', the word the message lists, as
    'rencontr' under English suggests 'meeting'."""
    from briefcli.choices import read_choice
    from briefcli.errors import UsageProblem

    values = VOCABULARIES[vocabulary]
    listed = names(vocabulary, values, lang)  # type: ignore[arg-type]
    for words in (values, names(vocabulary, values, "fr")):
        for word, expected in zip(words, listed, strict=True):
            typo = word[:-1] if len(word) > 4 else word + "x"
            if typo in (*values, *names(vocabulary, values, "fr")):
                continue  # a word of its own
            with pytest.raises(UsageProblem) as refused:
                read_choice("--x", typo, vocabulary, values, lang)  # type: ignore[arg-type]
            suggested = re.findall(r"'([^']*)' \?$|'([^']*)'\?$", refused.value.message)
            assert suggested and expected in suggested[0], (typo, refused.value.message)


def test_click_s_usage_errors_are_in_french_under_lang_fr() -> None:
    # typer 0.28 (Click) names the value; typer 0.29 (pydantic) does not
    assert brief("timeline", "--limit", "abc", "--lang", "fr").stderr.startswith(
        (
            "brief timeline : valeur invalide pour '--limit' / '-n' : 'abc' n'est pas un nombre entier.",
            "brief timeline : valeur invalide pour '--limit' / '-n' : un nombre entier est attendu, et ce "
            "texte n'en est pas un",
        )
    )
    assert brief("diff", "a", "b", "c", "--lang", "fr").stderr.startswith(
        "brief diff : argument(s) en trop (c)"
    )
    assert "ne prend pas de valeur" in brief("timeline", "--json=3", "--lang", "fr").stderr


def test_help_lists_the_values_in_both_languages() -> None:
    text = " ".join(brief("timeline", "--help").stdout.replace("│", " ").split())  # unwrapped
    assert "meeting (rencontre)" in text and "suspend (suspension)" in text
    assert "different filters must all hold" in text
    assert "person (personne)" in " ".join(brief("actors", "--help").stdout.split())


@pytest.mark.parametrize("vocabulary", [*VOCABULARIES, "hit_kind"])
def test_every_value_of_every_vocabulary_has_an_english_and_a_french_term(vocabulary: str) -> None:
    values = VOCABULARIES.get(vocabulary, HIT_KINDS)
    for value in values:
        for lang in ("en", "fr"):
            assert label(f"{vocabulary}.{value}", lang).strip()  # a KeyError if it has none
            assert term(vocabulary, value, lang) == label(f"{vocabulary}.{value}", lang)
    french = names(vocabulary, values, "fr")
    assert len(set(french)) == len(french)  # a French name stands for one value


def test_a_search_hit_in_what_to_watch_is_not_labelled_with_the_heading() -> None:
    view = brief("search", "stocks").stdout
    assert "What to watch" not in view and "to watch" in view


# --- filters combine ---------------------------------------------------------------


def test_a_repeated_filter_keeps_any_of_its_values() -> None:
    trump, putin = timeline_ids("--actor", "trump"), timeline_ids("--actor", "putin")
    both = timeline_ids("--actor", "trump", "--actor", "putin")
    assert set(both) == set(trump) | set(putin) and len(both) > len(putin)
    assert timeline_ids("--actor", "trump,putin") == both
    countries = brief("actors", "--kind", "country", "--json").json()
    groups = brief("actors", "--kind", "group", "--json").json()
    either = brief("actors", "--kind", "country", "--kind", "group", "--json").json()
    assert {a["id"] for a in either} == {a["id"] for a in countries + groups}
    assert brief("actors", "--kind", "country,group", "--json").json() == either
    assert timeline_ids("--kind", "meeting,call") == timeline_ids("--kind", "meeting", "--kind", "call")
    quotes = brief("quotes", "--actor", "trump", "--actor", "hekster", "--json").json()
    assert ids(quotes) == ["trump-annonce-importante", "trump-decevant", "hekster-patriot"]  # article order


def test_different_filters_must_all_hold() -> None:
    meetings = set(timeline_ids("--kind", "meeting"))
    trump = set(timeline_ids("--actor", "trump"))
    assert set(timeline_ids("--kind", "meeting", "--actor", "trump")) == meetings & trump
    assert timeline_ids("--policy", "--kind", "meeting") == []


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--since", "2025", "--since", "2024"),
        ("timeline", "--until=2025", "--until", "2024"),
        ("actors", "--format", "json", "-f", "csv"),
        ("summary", "--lang", "fr", "--lang", "en"),
        ("summary", "--short", "--short"),
        ("export", "-o", "a.md", "--output", "b.md"),
    ],
)
def test_an_option_that_takes_one_value_is_refused_when_repeated(args: tuple[str, ...]) -> None:
    run = brief(*args)
    assert (run.exit_code, run.stdout) == (2, "")
    assert re.fullmatch(
        r"brief: (--\w+|-\w) was given 2 times; it takes one value( \(only .* repeat\))?\n", run.stderr
    )


def test_a_value_that_looks_like_an_option_is_not_counted_as_one() -> None:
    run = brief("quotes", "--actor", "--lang", "--lang", "fr")  # the actor query is '--lang'
    assert (run.exit_code, run.stderr) == (1, "brief : aucun acteur ne correspond à '--lang'\n")  # in French
    assert brief("search", "--json", "--", "--json").stdout == "[]\n"  # after --, only text


# --- lookups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [("united-states", "United States"), ("nato", "NATO"), ("ukraine", "Ukraine"), ("russia", "Russia"),
     ("OTAN", "NATO"), ("États-Unis", "United States")],
)  # fmt: skip
def test_an_exact_id_name_or_alias_shows_the_card_then_the_other_matches(query: str, name: str) -> None:
    view = brief("actors", query).stdout
    assert view.startswith(f"╭─ {name} ")
    assert "Evidence" in view
    others = brief("actors", query, "--json").json()[1:]
    if others:
        see_also = view.rsplit("See also: ", 1)[1]
        assert " ".join(see_also.split()) == ", ".join(actor["name"] for actor in others)


def test_a_query_naming_nobody_exactly_shows_a_table() -> None:
    view = brief("actors", "sec").stdout
    assert (
        not view.startswith("╭")
        and "See also" not in view
        and len(brief("actors", "sec", "--json").json()) > 1
    )


# --- shell completion ---------------------------------------------------------------


@pytest.mark.parametrize(("shell", "words"), [("bash", b"complete -o"), ("zsh", b"#compdef brief")])
@pytest.mark.parametrize("launcher", ["direct", "sh"])
def test_show_completion_prints_the_named_shells_script(shell: str, words: bytes, launcher: str) -> None:
    argv = [str(BRIEF), "--show-completion", shell]
    if launcher == "sh":
        argv = ["sh", "-c", f"'{BRIEF}' --show-completion {shell}"]
    run = subprocess.run(argv, capture_output=True, env=clean_environment(), check=False)
    assert (run.returncode, run.stderr) == (0, b"")
    assert words in run.stdout and b"_BRIEF_COMPLETE" in run.stdout


def test_show_completion_refuses_an_unknown_shell() -> None:
    run = brief("--show-completion", "sh")
    assert run.exit_code == 2 and "'sh' is not one of bash, zsh" in run.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("brief tim", ["timeline"]),
        ("brief timeline --kind renc", ["rencontre"]),
        ("brief timeline --kind meeting,ca", ["meeting,call"]),
        ("brief actors --kind p", ["person", "personne", "pays"]),
        ("brief timeline --direction sus", ["suspend", "suspension"]),
        ("brief timeline --lang fr --lang f", ["fr", "français"]),  # completion is lenient: no error mid-line
    ],
)
def test_shell_completion_completes_commands_and_choices(words: str, expected: list[str]) -> None:
    env = clean_environment(
        _BRIEF_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1)
    )
    completed = subprocess.run([str(BRIEF)], capture_output=True, env=env, check=False)
    assert completed.returncode == 0
    assert completed.stdout.decode().split() == expected


# --- public ground ------------------------------------------------------------------


def test_only_clicklib_reaches_into_typer_click_or_rich_internals() -> None:
    private = re.compile(r"typer\._|click\._|rich\._|_TYPER_")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if private.search(line) and path.name != "clicklib.py"
    ]
    assert offenders == []


def test_the_names_clicklib_takes_still_exist() -> None:
    """Fails when a Typer release drops or moves a name brief depends on."""
    from briefcli import clicklib

    assert issubclass(clicklib.UsageError, clicklib.ClickException)
    assert issubclass(clicklib.NoSuchOption, clicklib.UsageError)
    assert issubclass(typer.BadParameter, clicklib.UsageError)  # the one Typer exports is one of them
    script = clicklib.get_completion_script(prog_name="brief", complete_var="_BRIEF_COMPLETE", shell="bash")
    assert "_BRIEF_COMPLETE" in script


def test_command_lists_come_from_the_app() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    assert list(group.commands) == COMMANDS and "timeline" in COMMANDS
    top = brief("--help").stdout
    assert all(command in top for command in COMMANDS)
