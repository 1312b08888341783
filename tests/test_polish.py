"""What a new user met, fixed: French typography and messages, the briefings a record
comes from, and the small things around them. Every test runs the real CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, FOLLOWUP, MINI, MINI_ARTICLE, brief

BOTH = ("--data", str(MINI), "--data", str(FOLLOWUP))
BAD = DATA / "bad-briefing.json"
FRENCH = {"BRIEF_LANG": "fr"}

# French puts a space before : ; ? ! (the human views bind it to the word before).
COLON_GLUED_TO_A_WORD = re.compile(r"[^\W\d_][:;?!](?:\s|$)")


def french_glued(text: str) -> list[str]:
    """The lines of a French view with : ; ? ! glued to the word before (URLs aside)."""
    return [
        line
        for line in text.splitlines()
        if COLON_GLUED_TO_A_WORD.search(re.sub(r"https?://\S+|\$\.\S+|'[^']*'", "", line))
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("actors", "nato"),
        ("actors", "hegseth"),
        ("summary",),
        ("timeline", "--since", "2025-06"),
        ("quotes",),
        ("summary", *BOTH),
        ("validate", str(MINI), str(FOLLOWUP)),
        ("diff", str(MINI), str(FOLLOWUP)),
    ],
)
def test_french_views_put_a_space_before_double_punctuation(args: tuple[str, ...]) -> None:
    run = brief(*args, "--lang", "fr")
    assert run.exit_code in (0, 1), run.stderr
    assert french_glued(run.stdout) == []


def test_see_also_is_french_typography_under_lang_fr() -> None:
    assert "Voir aussi : " in brief("actors", "nato", "--lang", "fr").stdout
    assert "See also: " in brief("actors", "nato").stdout


def test_what_changed_puts_le_only_before_a_day_in_french() -> None:
    shown = brief("summary", *BOTH, "--lang", "fr").stdout
    assert "Ce qui a changé depuis juillet 2024" in shown  # the older briefing is dated to the month
    assert "depuis le juillet" not in shown


def test_validate_notes_over_several_briefings_follow_the_language() -> None:
    english = brief("validate", str(MINI), str(FOLLOWUP)).stdout
    french = brief("validate", str(MINI), str(FOLLOWUP), "--lang", "fr").stdout
    assert "  note: actors zoe-angstrom, role.en: mini-town-budget has Mayor;" in english
    assert "  note : acteurs zoe-angstrom, role.en : mini-town-budget donne Mayor ;" in french
    assert "published later" not in french and "publié plus tard" in french
    notes = brief("validate", str(MINI), str(FOLLOWUP), "--json", "--lang", "fr").json()["notes"]
    assert notes and all("l'emporte" in note for note in notes)


def test_validate_notes_leave_out_a_refused_briefing() -> None:
    """The bad briefing shares the mini one's id: its values are no disagreement."""
    run = brief("validate", str(BAD), str(MINI), str(FOLLOWUP))
    assert run.exit_code == 1
    notes = [line for line in run.stdout.splitlines() if line.startswith("  note")]
    assert notes and not any("town-counsil" in note or "2024-06-01" in note for note in notes)
    assert len(notes) == len(set(notes))


def test_a_started_briefing_notes_what_it_lacks_in_french(tmp_path: Path) -> None:
    target = tmp_path / "started.json"
    made = brief("new", str(MINI_ARTICLE), "--published", "2024-07-02", "-o", str(target), env=FRENCH)
    assert made.exit_code == 0, made.stderr
    assert "brief : source.published_basis vaut 'article'" in made.stderr
    assert f"brief : {target} écrit (langue fr)" in made.stderr
    shown = brief("validate", str(target), "--lang", "fr").stdout
    assert "  note : $.summary.bottom_line : pas encore écrit" in shown
    assert "  note : $.events : rien pour l'instant" in shown
    assert (
        brief("validate", str(target), "--json", "--lang", "fr")
        .json()["notes"][0]
        .endswith("pas encore écrit")
    )


def test_brief_new_speaks_the_language_of_messages_from_first_to_last(tmp_path: Path) -> None:
    """`brief new`'s messages were half English under BRIEF_LANG=fr; its --lang names the
    article's language (an English reader starts briefings on French articles), not theirs."""
    for args, expected in (
        (("new", str(tmp_path / "missing.txt")), "impossible de lire l'article : fichier introuvable"),
        (("new", str(tmp_path)), "est un répertoire, pas un article"),
        (("new", str(MINI_ARTICLE), "-o", str(MINI_ARTICLE)), "est l'article lu"),
    ):
        run = brief(*args, "--published", "2024-07-02", env=FRENCH)
        assert run.exit_code in (1, 2) and expected in run.stderr, run.stderr
        assert run.stderr.startswith("brief : ") and run.stderr.count("\n") == 1
    refused = brief("new", str(MINI_ARTICLE), "--published", "2/7/2024", env=FRENCH)
    assert refused.exit_code == 2 and "donner une date ISO" in refused.stderr
    english = brief("new", str(tmp_path), "--published", "2024-07-02", "--lang", "fr")
    assert english.stderr.startswith("brief: ") and "is a directory, not an article" in english.stderr


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (("export", "--format", "sqlite"), "écrit une base de données"),
        (
            ("export", "--format", "sqlite", "-o", "x.db", "--data", str(MINI), "--data", str(MINI)),
            "deux briefings",
        ),
        (("diff", "-", "-"), "l'entrée standard ne se lit qu'une fois"),
        (("diff", "", str(MINI)), "OLD est vide"),
    ],
)
def test_errors_of_the_newer_commands_are_french_under_lang_fr(args: tuple[str, ...], french: str) -> None:
    run = brief(*args, "--lang", "fr")
    assert run.exit_code in (1, 2)
    assert french in run.stderr and run.stderr.count("\n") == 1


def test_human_views_over_several_briefings_say_where_a_record_comes_from() -> None:
    timeline = brief("timeline", *BOTH).stdout
    assert (
        "From 2 briefings: mini-town-budget (July 2024), mini-town-budget-followup (2 July 2024)" in timeline
    )
    meets = timeline[timeline.index("The council meets") :]
    assert "only in mini-town-budget-followup" in " ".join(meets.split())  # the event the follow-up added
    assert timeline.count("only in") == 1  # a record in every briefing is not marked
    assert "D'après 2 briefings" in brief("timeline", *BOTH, "--lang", "fr").stdout
    for command in ("actors", "quotes"):
        assert "From 2 briefings" in brief(command, *BOTH).stdout


@pytest.mark.parametrize("command", ["timeline", "actors", "quotes"])
def test_one_briefing_shows_no_briefing_marks(command: str) -> None:
    for data in ((), ("--data", str(MINI))):
        shown = brief(command, *data).stdout
        assert "briefing" not in shown.lower() and "only in" not in shown


@pytest.mark.parametrize("width", ["40", "60"])
def test_a_narrow_timeline_keeps_each_event_together(width: str) -> None:
    """Stacked, an event was four loose lines (date, kind, title, actors) with nothing
    between events; now the date and kind share a line and the rest is indented under it."""
    shown = brief("timeline", "--since", "2025-07", env={"COLUMNS": width}).stdout.splitlines()
    heads = [line for line in shown if line[:1].isdigit()]
    assert len(heads) == 7  # one line per event, starting with its date
    assert all(re.search(r"(▼|▲|⇑|⇄|·) \w", head) for head in heads)  # the kind beside the date
    body = shown[shown.index(heads[0]) + 1 : shown.index(heads[1])]
    assert body and all(line.startswith("  ") for line in body)
    assert all(len(line) <= int(width) for line in shown)


def test_a_typo_of_a_whole_name_suggests_that_actor_not_one_whose_title_holds_it() -> None:
    run = brief("actors", "otn")
    assert run.exit_code == 1
    assert "did you mean 'NATO'?" in run.stderr  # 'OTAN' is NATO's name; Rutte's title only holds it


def test_a_limit_below_one_is_refused_in_french_too() -> None:
    run = brief("timeline", "--limit", "0", "--lang", "fr")
    assert run.exit_code == 2
    assert "valeur invalide pour '--limit' / '-n' : donner 1 ou plus, pas 0" in run.stderr


def test_the_same_briefing_read_twice_is_one_briefing() -> None:
    shown = brief("timeline", "--data", str(MINI), "--data", str(MINI)).stdout
    assert "only in" not in shown and "From 2 briefings" not in shown


def test_a_timeline_over_several_marks_each_article_published() -> None:
    shown = brief("timeline", *BOTH).stdout.splitlines()
    marks = [line for line in shown if line.startswith("── ")]
    assert marks == [
        "── July 2024 · article published (mini-town-budget) ──",
        "── 2 July 2024 · article published (mini-town-budget-followup) ──",
    ]
    # each in date order: after the works that started on 30 June, before the 1 July meeting
    assert shown.index(marks[0]) < next(i for i, line in enumerate(shown) if "The council meets" in line)
    one = [line for line in brief("timeline").stdout.splitlines() if line.startswith("── ")]
    assert one == ["── 14 July 2025 · article published ──"]


def test_the_diff_title_keeps_each_briefing_date_on_one_line() -> None:
    shown = brief("diff", str(MINI), str(FOLLOWUP), env={"COLUMNS": "80"}).stdout.splitlines()
    assert shown[0] == "Changes from mini-town-budget (July 2024) to mini-town-budget-followup"
    assert shown[1] == "(2 July 2024)"


def test_a_suggested_actor_is_named_in_the_language_of_the_message(bundled_document: dict[str, Any]) -> None:
    """'did you mean …?' names the actor as the message's language writes it."""
    document = bundled_document
    differing = [
        actor["name"]
        for actor in document["actors"]
        if actor["name"].get("fr") not in (None, actor["name"]["en"])
    ]
    assert differing  # Poutine, OTAN…: the bundled briefing has some
    for name in differing:
        typo = name["fr"][:-1] + name["fr"][-1] * 2  # its last letter doubled: no actor matches
        for lang in ("en", "fr"):
            for args in (("actors", typo), ("timeline", "--actor", typo)):
                shown = brief(*args, "--lang", lang)
                assert shown.exit_code == 1
                assert repr(name[lang]) in shown.stderr, (lang, args, shown.stderr)
