"""query.py: how an actor ranks, what is suggested, card or list, what the timeline keeps.

Pinned by mutation testing (python -m tests.mutants query): each test kills mutants.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from msgspec import structs

from briefcli.choices import DIRECTIONS
from briefcli.dates import iso_period
from briefcli.errors import NoMatch
from briefcli.fold import fold
from briefcli.load import load_briefing
from briefcli.model import Actor, Text
from briefcli.query import (
    EXACT,
    PREFIX,
    ROLE,
    SUBSTRING,
    actor_rank,
    find_actors,
    match_actors,
    named_exactly,
    no_match,
    resolve_actor_filter,
    select_events,
    suggest_actor_names,
)
from tests.conftest import brief
from tests.test_dates import events

BUNDLED_ACTORS = load_briefing().actors
# The same actors without their aliases: a correction's "as written" name must still match.
UNALIASED = [structs.replace(actor, aliases=[]) for actor in BUNDLED_ACTORS]


def _word_starts(texts: list[str], query: str) -> bool:
    """Whether `query` starts a word of one of `texts` (folded: words apart by one space)."""
    return any(
        " ".join(text.split(" ")[i:]).startswith(query) for text in texts for i in range(len(text.split()))
    )


def _expected_rank(actor: Actor, query: str) -> int | None:
    """The rule of actor_rank, as its docstring states it."""
    names = [fold(actor.id.replace("-", " ")), *(fold(n) for n in (actor.name.en, actor.name.fr) if n)]
    names += [fold(alias) for alias in actor.aliases]
    if actor.correction is not None:
        names.append(fold(actor.correction.as_written))
    if query in names:
        return EXACT
    if _word_starts(names, query):
        return PREFIX
    if len(query) >= 3 and any(query in name for name in names):
        return SUBSTRING
    if _word_starts([fold(role) for role in (actor.role.en, actor.role.fr) if role], query):
        return ROLE
    return None


@st.composite
def actor_and_query(draw: st.DrawFn) -> tuple[Actor, str]:
    """An actor and a piece of one of its names or roles, or of another actor's."""
    actor = draw(st.sampled_from([*BUNDLED_ACTORS, *UNALIASED]))
    other = draw(st.sampled_from(BUNDLED_ACTORS))
    texts = [
        actor.id.replace("-", " "), *(n for n in (actor.name.en, actor.name.fr) if n), *actor.aliases,
        *(r for r in (actor.role.en, actor.role.fr) if r), other.name.pick("en"), other.role.pick("fr"),
    ]  # fmt: skip
    text = fold(draw(st.sampled_from(texts)))
    start = draw(st.integers(0, len(text) - 1))
    stop = draw(st.integers(start + 1, min(len(text), start + 8)))
    query = text[start:stop].strip()
    assume(query)
    return actor, query


@given(actor_and_query())
def test_an_actor_ranks_as_its_names_and_role_hold_the_query(found: tuple[Actor, str]) -> None:
    actor, query = found
    assert actor_rank(actor, query) == _expected_rank(actor, query)


def _actor(actor_id: str, actors: list[Actor] = BUNDLED_ACTORS) -> Actor:
    return next(actor for actor in actors if actor.id == actor_id)


@pytest.mark.parametrize(
    ("actor_id", "query", "rank"),
    [
        ("mark-rutte", "mark rutte", EXACT), ("mark-rutte", "ru", PREFIX), ("mark-rutte", "ma", PREFIX), ("mark-rutte", "utt", SUBSTRING),
        ("mark-rutte", "ut", None), ("donald-trump", "president of", ROLE), ("russia", "vader", None),
        ("pete-hegseth", "dan hegseth", EXACT), ("pete-hegseth", "dan", PREFIX),
    ],
)  # fmt: skip
def test_ranks_of_a_few_queries(actor_id: str, query: str, rank: int | None) -> None:
    assert actor_rank(_actor(actor_id), query) == rank
    # the article's misspelling matches by the correction alone, without the alias
    assert actor_rank(_actor("pete-hegseth", UNALIASED), "dan hegseth") == EXACT


def test_a_query_that_folds_to_nothing_matches_nobody() -> None:
    for query in ("\u200d", "'", " - "):
        assert match_actors(BUNDLED_ACTORS, query) == []
    run = brief("actors", "\u200d")
    assert (run.exit_code, run.stderr) == (1, "brief: no actor matches '\\u200d'\n")


def test_an_id_matches_as_a_name_even_when_no_name_spells_it() -> None:
    renamed = structs.replace(_actor("mark-rutte"), id="sg-rutte")
    assert actor_rank(renamed, fold("sg-rutte")) == EXACT
    assert actor_rank(renamed, "sg") == PREFIX


def test_no_match_without_a_suggestion_says_just_that() -> None:
    run = brief("actors", "zzzzqq")
    assert (run.exit_code, run.stderr) == (1, "brief: no actor matches 'zzzzqq'\n")


@pytest.mark.parametrize(
    ("query", "meant"),
    [("otn", "NATO"), ("atlantik", "NATO"), ("rute", "Mark Rutte")],
)
def test_suggestions_prefer_whole_names_then_words_of_names(query: str, meant: str) -> None:
    # 'otn' is OTAN, NATO's French name, before it is a word of Rutte's title "chef de l'OTAN";
    # 'atlantik' is close only to a word of NATO's long name.
    run = brief("actors", query)
    assert (run.exit_code, run.stderr) == (1, f"brief: no actor matches {query!r}; did you mean {meant!r}?\n")


def test_at_most_three_suggestions_by_default() -> None:
    base = _actor("mark-rutte")
    twins = [
        structs.replace(base, id=f"ann{letter}", name=Text(en=f"Ann{letter}"), aliases=[], role=Text(en="x"))
        for letter in "aeiou"
    ]
    assert len(suggest_actor_names(twins, "annx")) == 3  # all five are as close
    assert sorted(suggest_actor_names(twins, "annx", limit=5)) == ["Anna", "Anne", "Anni", "Anno", "Annu"]


def test_a_query_naming_one_actor_exactly_shows_its_card_even_among_other_matches() -> None:
    found = match_actors(BUNDLED_ACTORS, "trump")
    assert [actor.id for actor in found] == ["donald-trump", "nato"]  # NATO's role mentions Trump
    assert named_exactly(found, "trump")
    card = brief("actors", "trump")
    assert card.exit_code == 0 and card.stdout.startswith("╭─ Donald Trump")
    # several matches, none exact: a list
    several = match_actors(BUNDLED_ACTORS, "secretary")
    assert len(several) > 1 and not named_exactly(several, "secretary")
    listed = brief("actors", "secretary")
    assert listed.exit_code == 0 and listed.stdout.startswith("Name ")
    assert "Marco Rubio" in listed.stdout and "Mark Rutte" in listed.stdout


def test_two_exact_matches_are_a_list() -> None:
    base = _actor("mark-rutte")
    twins = [structs.replace(base, id=f"twin-{n}", aliases=["Twin"]) for n in (1, 2)]
    assert not named_exactly(match_actors(twins, "twin"), "twin")
    assert named_exactly(match_actors(twins, "twin 2"), "twin 2")


def test_the_policy_and_direction_filters_keep_exactly_their_events() -> None:
    everything = brief("timeline", "--json").json()
    policy = brief("timeline", "--policy", "--json").json()
    assert policy == [event for event in everything if event["direction"] is not None]
    assert 0 < len(policy) < len(everything)
    for direction in DIRECTIONS:
        kept = brief("timeline", "--direction", direction, "--json").json()
        assert kept == [event for event in everything if event["direction"] == direction]


def _named(*names: str) -> list[Actor]:
    base = _actor("mark-rutte")
    return [structs.replace(base, id=name.lower(), name=Text(en=name), aliases=[]) for name in names]


def test_a_suggestion_is_as_close_as_three_fifths_or_closer() -> None:
    # 'abc' and 'abcdefg': every ratio difflib has is 2 * 3 / 10, exactly the threshold.
    assert suggest_actor_names(_named("Abcdefg"), "abc") == ["Abcdefg"]
    assert suggest_actor_names(_named("Abcdefgh"), "abc") == []


def test_suggestions_within_a_tenth_of_the_best() -> None:
    # ratios 1.0 and 0.9: the second is a tenth below the best, and still suggested
    assert suggest_actor_names(_named("Abcdefghiz", "Abcdefghij"), "abcdefghij") == [
        "Abcdefghij",
        "Abcdefghiz",
    ]
    assert suggest_actor_names(_named("Abcdefghyz", "Abcdefghij"), "abcdefghij") == ["Abcdefghij"]


def test_a_no_match_message_joins_its_suggestions_with_or() -> None:
    assert (
        str(no_match("actor", "ann", ["Anna", "Anne"]))
        == "no actor matches 'ann'; did you mean 'Anna' or 'Anne'?"
    )


def test_suggestions_come_from_the_kinds_asked_for() -> None:
    run = brief("actors", "hegsth", "--kind", "country")
    assert (run.exit_code, run.stderr) == (1, "brief: no actor matches 'hegsth'\n")
    run = brief("actors", "hegsth", "--kind", "person")
    assert run.stderr == "brief: no actor matches 'hegsth'; did you mean 'Pete Hegseth'?\n"


def test_words_of_three_letters_or_more_are_suggested_shorter_ones_not() -> None:
    # "Xy Abc": 'abd' is close to the word 'abc'; 'xyq' to 'xy', too short to suggest
    assert suggest_actor_names(_named("Xy Abc"), "abd") == ["Xy Abc"]
    assert suggest_actor_names(_named("Xy Abc"), "xyq") == []


def test_an_actor_filter_that_means_nobody_says_so() -> None:
    run = brief("timeline", "--actor", "zzzzqq")
    assert (run.exit_code, run.stderr) == (1, "brief: no actor matches 'zzzzqq'\n")


def test_suggestions_are_named_in_the_language_of_the_message() -> None:
    briefing = load_briefing()
    assert suggest_actor_names(BUNDLED_ACTORS, "otn") == ["NATO"]  # English unless told
    assert suggest_actor_names(BUNDLED_ACTORS, "otn", lang="fr") == ["OTAN"]
    with pytest.raises(NoMatch, match="did you mean 'NATO'"):
        find_actors(briefing, "otn")
    with pytest.raises(NoMatch, match="did you mean 'OTAN'"):
        find_actors(briefing, "otn", lang="fr")
    with pytest.raises(NoMatch, match="did you mean 'NATO'"):
        resolve_actor_filter(briefing, ["otn"])
    with pytest.raises(NoMatch, match="did you mean 'OTAN'"):
        resolve_actor_filter(briefing, ["otn"], lang="fr")


@given(st.lists(events(), max_size=40))
def test_the_timeline_is_by_start_then_end_then_file_order(dated: list[tuple[str, str | None]]) -> None:
    """The rule as stated (by start, then end, each ISO string standing for its period's
    first day, or with "~" its last; then file order) against select_events' one-string key."""
    briefing = load_briefing()
    template = briefing.events[0]
    made = [
        structs.replace(template, id=f"e{i}", date=start, end=end) for i, (start, end) in enumerate(dated)
    ]
    got = [event.id for event in select_events(structs.replace(briefing, events=made))]
    ranked = sorted((start, (end or start) + "~", index) for index, (start, end) in enumerate(dated))
    assert got == [f"e{index}" for *_, index in ranked]
    starts = [iso_period(made[int(event_id[1:])].date).start for event_id in got]
    assert starts == sorted(starts)
