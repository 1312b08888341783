"""Pure functions over a briefing: actor matching and timeline selection (search is search.py).

Matching is case- and accent-insensitive and ignores punctuation and invisible
formatting (fold.py), so that "poutine", "Poutine" and "POUTINE" are one query, and
"l'otan" finds "l'OTAN".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from briefcli.dates import Window
from briefcli.errors import NoMatch
from briefcli.fold import fold
from briefcli.model import Actor, Briefing, Event, Lang, Quote

# Rank of a match, best first.
EXACT, PREFIX, SUBSTRING, ROLE = range(4)


def _names(actor: Actor) -> list[str]:
    names = [
        actor.id,  # fold reads its hyphens as spaces
        *(name for name in (actor.name.en, actor.name.fr) if name),
        *actor.aliases,
    ]
    if actor.correction is not None:
        names.append(actor.correction.as_written)
    return [fold(name) for name in names]


def actor_rank(actor: Actor, folded_query: str) -> int | None:
    """How well an actor matches: EXACT name or alias, PREFIX (of a name or of a word in
    it), SUBSTRING (for three letters or more), then ROLE, where the query must start a
    word of the role in either language; None when it does not match."""
    names = _names(actor)
    if folded_query in names:
        return EXACT
    word_start = f" {folded_query}"
    if any(f" {name}".find(word_start) >= 0 for name in names):
        return PREFIX
    if len(folded_query) >= 3 and any(folded_query in name for name in names):
        return SUBSTRING
    if any(word_start in f" {fold(role)}" for role in (actor.role.en, actor.role.fr) if role):
        return ROLE
    return None


def _ranked(actors: Iterable[Actor], query: str) -> list[tuple[int, Actor]]:
    """The matching actors with their rank, best first; ties keep the briefing's order."""
    folded = fold(query)
    if not folded:
        return []
    found = [(rank, actor) for actor in actors if (rank := actor_rank(actor, folded)) is not None]
    return sorted(found, key=lambda item: item[0])  # a stable sort: ties stay in order


def match_actors(actors: Iterable[Actor], query: str) -> list[Actor]:
    """The actors that match `query`, best first."""
    return [actor for _, actor in _ranked(actors, query)]


def best_actors(actors: Iterable[Actor], query: str) -> list[Actor]:
    """The actors a filter like --actor means: every actor at the best rank found."""
    ranked = _ranked(actors, query)
    return [actor for rank, actor in ranked if rank == ranked[0][0]]


def suggest_actor_names(actors: Sequence[Actor], query: str, limit: int = 3, lang: Lang = "en") -> list[str]:
    """The closest names to a query that matched nothing, for "did you mean …?", as
    they are written in `lang`, the language of the message."""
    import difflib  # only when nothing matched

    by_form: dict[str, str] = {}
    names = [(actor, _names(actor)) for actor in actors]
    # Whole names first: 'otn' is OTAN (NATO's name), not a word of Rutte's title.
    for whole in (True, False):
        for actor, forms in names:
            for name in forms:
                for form in (name,) if whole else name.split():
                    if len(form) >= 3:
                        by_form.setdefault(form, actor.name.pick(lang))
    folded = fold(query)
    matcher = difflib.SequenceMatcher(b=folded)
    scores: list[tuple[float, str]] = []
    for form in by_form:
        matcher.set_seq1(form)
        if (
            matcher.real_quick_ratio() >= 0.6
            and matcher.quick_ratio() >= 0.6
            and (score := matcher.ratio()) >= 0.6
        ):
            scores.append((score, form))
    if not scores:
        return []
    best = max(score for score, _ in scores)
    # Only the suggestions nearly as close as the best: 'rute' is Rutte, not also Russia.
    close = [form for score, form in sorted(scores, reverse=True) if score >= best - 0.1]
    return list(dict.fromkeys(by_form[form] for form in close))[:limit]


def no_match(what: str, query: str, suggestions: list[str]) -> NoMatch:
    hint = " or ".join(repr(name) for name in suggestions)
    tail = f"; did you mean {hint}?" if hint else ""
    return NoMatch(f"no {what} matches {query!r}{tail}")


def find_actors(
    briefing: Briefing, query: str | None, kinds: Collection[str] = (), lang: Lang = "en"
) -> list[Actor]:
    """`brief actors [QUERY] [--kind KIND]...`: everyone (of any of `kinds`), or the ranked matches.

    Raises NoMatch, with suggestions, when a query finds nobody.
    """
    pool = [actor for actor in briefing.actors if not kinds or actor.kind in kinds]
    if query is None:
        return pool
    found = match_actors(pool, query)
    if not found:
        raise no_match("actor", query, suggest_actor_names(pool or briefing.actors, query, lang=lang))
    return found


def named_exactly(found: Sequence[Actor], query: str) -> bool:
    """Whether the best match is the one actor `query` names exactly (id, name or alias)."""
    folded = fold(query)
    exact = [actor for actor in found[:2] if actor_rank(actor, folded) == EXACT]
    return len(exact) == 1 and exact[0] is found[0]


def resolve_actor_filter(briefing: Briefing, queries: Sequence[str], lang: Lang = "en") -> set[str] | None:
    """The actor ids --actor QUERY... stands for: any actor any query means (None: no
    filter). Raises NoMatch for a query that means nobody."""
    if not queries:
        return None
    ids: set[str] = set()
    for query in queries:
        found = best_actors(briefing.actors, query)
        if not found:
            raise no_match("actor", query, suggest_actor_names(briefing.actors, query, lang=lang))
        ids.update(actor.id for actor in found)
    return ids


def select_events(
    briefing: Briefing,
    *,
    window: Window | None = None,
    kinds: Iterable[str] = (),
    directions: Iterable[str] = (),
    actor_ids: set[str] | None = None,
    policy_only: bool = False,
) -> list[Event]:
    """The timeline: events that pass every filter, in date order (then file order).

    Each filter keeps an event matching any of its values (an empty one keeps all);
    an event must pass them all. `policy_only` keeps the policy changes: events with a
    direction, the proposed restructuring included.
    """
    keeps = (window or Window()).keeps
    wanted_kinds, wanted_directions = set(kinds), set(directions)
    kept = [
        event
        for event in briefing.events
        if (not wanted_kinds or event.kind in wanted_kinds)
        and (not wanted_directions or event.direction in wanted_directions)
        and not (policy_only and event.direction is None)
        and (actor_ids is None or not actor_ids.isdisjoint(event.actors))
        and keeps(event.date, event.end)
    ]
    kept.sort(key=date_order)  # a stable sort: events of one date and end stay in file order
    return kept


def date_order(event: Event) -> str:
    """An event's place in the timeline: by start, then end, as one string. ISO strings
    sort as their periods do (see Window.keeps); NUL, below every character a date may
    hold, ends the start, so that "2025" comes before "2025-07", as it would alone. One
    string per event sorts several times faster than a tuple of them."""
    return f"{event.date}\0{event.end or event.date}~"


def select_quotes(briefing: Briefing, actor_ids: set[str] | None = None) -> list[Quote]:
    """The quotes (of these actors), in the article's order."""
    return in_article_order(
        quote for quote in briefing.quotes if actor_ids is None or quote.speaker in actor_ids
    )


def in_article_order(quotes: Iterable[Quote]) -> list[Quote]:
    """By the first paragraph each quote's evidence cites; within a paragraph, as the file lists them."""
    return sorted(quotes, key=lambda quote: min((item.para for item in quote.evidence), default=0))
