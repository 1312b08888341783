"""The rules a briefing's types cannot say: unique ids, references, calendar dates,
paragraph ranges, evidence length, a text in at least one language.

Each rule is stated once. A large briefing repeats the same values (dates, kinds,
evidence quotes), so the rules on an event's dating and on one piece of evidence are
pure functions of a few fields, and their answers are remembered by those fields: a
repeated value is checked once, and a JSON path is only formatted for a problem found.
tests/test_load.py pins the remembered answers to the rules run afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, combinations, compress, repeat
from operator import attrgetter, eq, itemgetter, methodcaller
from typing import Any

from briefcli.dates import LENGTH_AT, iso_period, precision_of
from briefcli.model import Actor, Briefing, Citation, Event, Evidence, Quote, Text
from briefcli.problems import Problem, shown

MAX_EVIDENCE_WORDS = 25
NO_LANGUAGE = "a text needs 'en', 'fr' or both"
BLANK = "is blank: only spaces or invisible characters"
MAX_SUGGESTIONS = 20  # unknown references that get a "did you mean": each costs a scan of every id
_LONGEST_SUGGESTED = 100  # characters: no id is longer, and difflib is quadratic in length
DIRECTED = ("policy-change", "proposal")  # the kinds that may carry a direction

# A rule's findings, relative to the record it checks: (path suffix, message).
Findings = tuple[tuple[str, str], ...]
Answers = dict[Hashable, Findings]  # a rule's answers, by the fields that determine them
_NONE: Findings = ()


def check_briefing(
    briefing: Briefing,
    *,
    remember: bool = True,
    answers: Answers | None = None,
    columns: Mapping[str, set[Any]] | None = None,
) -> list[Problem]:
    """Every problem with ids, references, dates, evidence and texts, in file order.

    Linear in the briefing's size. `remember=False` runs every rule on every record
    (for tests: the answers must be the same). `answers` may be shared with other
    briefings of as many paragraphs (load.load_briefings): no answer depends on more.
    `columns` are the distinct values of this briefing's fields, by path, as the pattern
    check gathered them (unchecked.breaks_a_pattern): the ids and the events' actors
    are not gathered again.
    """
    columns = columns or {}
    checker = _Checker(briefing, remember=remember, answers=answers, columns=columns)
    # The actors and events are most of a large briefing. When a few passes over whole
    # columns at C speed (sets of the distinct values, each checked once) find nothing
    # wrong, the record-by-record pass skips them; when they find anything, it runs in
    # full to say what and where. tests/test_load.py pins both passes to the same answers.
    checker.run(bulk_checked=remember and _bulk_pass(briefing, checker.actor_ids, checker.answers, columns))
    return checker.problems


def text_findings(text: Text) -> Findings:
    """A text must be given in at least one language, and no language blank."""
    if not (text.en or text.fr):
        return (("", NO_LANGUAGE),)
    if not ((text.en is not None and blank(text.en)) or (text.fr is not None and blank(text.fr))):
        return _NONE
    return tuple(
        (f".{lang}", BLANK)
        for lang, value in (("en", text.en), ("fr", text.fr))
        if value is not None and blank(value)
    )


#: White space and the invisible format characters a paste can carry (zero-width space,
#: joiners, soft hyphen, word joiner, bidi marks, byte-order mark).
_INVISIBLE = "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_BLANK_TEXT = f"[\\s{_INVISIBLE}]*"
_INVISIBLE_FIRST = frozenset(
    chr(code)
    for first, last in ((0xAD, 0xAD), (0x34F, 0x34F), (0x61C, 0x61C), (0x180E, 0x180E), (0x200B, 0x200F),
                        (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF))
    for code in range(first, last + 1)
)  # fmt: skip


def blank(text: str) -> bool:
    """Nothing a reader can see: empty, or only white space and invisible characters."""
    if text and not (text[0].isspace() or text[0] in _INVISIBLE_FIRST):
        return False  # the usual case, decided by the first character
    import re

    return re.fullmatch(_BLANK_TEXT, text) is not None


def date_findings(value: str) -> Findings:
    """An ISO date must name a real calendar period."""
    try:
        iso_period(value)
    except ValueError as exc:
        return (("", f"{shown(value)} is not a real calendar date ({exc})"),)
    return _NONE


def evidence_findings(para: int, quote: str, paragraphs: int) -> Findings:
    """Evidence cites a paragraph the article has, with a quote of 1 to 25 words."""
    found: list[tuple[str, str]] = []
    if para > paragraphs:
        found.append((".para", f"paragraph {para} is out of range: the article has {paragraphs}"))
    words = len(quote.split())
    if blank(quote):
        found.append((".quote", "the quote is blank"))
    elif words > MAX_EVIDENCE_WORDS:
        found.append((".quote", f"{words} words: evidence is at most {MAX_EVIDENCE_WORDS}"))
    return tuple(found)


def citation_findings(outlet: str, title: str, url: str | None, date: str | None) -> Findings:
    """One source per record: no blank outlet or title, no address or ';' in them, one
    address in its url, and a real date."""
    found: list[tuple[str, str]] = []
    for field, value in (("outlet", outlet), ("title", title)):
        if blank(value):
            found.append((f".{field}", BLANK))
        elif _URL_INSIDE in value.lower() or "://" in value:
            found.append((f".{field}", "holds an address: put it in 'url', one source per record"))
        elif ";" in value:
            found.append((f".{field}", "holds ';': one source per record, so write two records"))
    if url is not None and url.count("://") > 1:
        found.append((".url", "holds two addresses: one source per record"))
    if date is not None:
        found += [(".date", message) for _, message in date_findings(date)]
    return tuple(found)


_URL_INSIDE = "www."  # an address written into a citation's outlet or title
NO_URL = "no source with a URL: give at least one 'url'"


def dating_findings(
    date: str,
    end: str | None,
    precision: str,
    basis: str,
    has_sources: bool,
    kind: str,
    direction: str | None,
) -> Findings:
    """An event's date, end, precision, basis, sources, kind and direction agree."""
    start_wrong = date_findings(date)
    end_wrong = () if end is None else date_findings(end)
    found = [(".date", message) for _, message in start_wrong] + [
        (".end", message) for _, message in end_wrong
    ]
    if not start_wrong and not end_wrong and end is not None and iso_period(end).end < iso_period(date).start:
        found.append((".end", f"ends ({end}) before it starts ({date})"))
    if not start_wrong and precision != precision_of(date):
        found.append(
            (".precision", f"{shown(precision)} does not match the date {shown(date)} ({precision_of(date)})")
        )
    if basis == "public-record" and not has_sources:
        found.append((".sources", "required when basis is public-record: name the sources"))
    if kind == "policy-change" and direction is None:
        found.append((".direction", "required for a policy change"))
    if direction is not None and kind not in DIRECTED:
        found.append((".direction", f"only a policy change or a proposal has a direction, not a {kind}"))
    return tuple(found)


class _Checker:
    def __init__(
        self,
        briefing: Briefing,
        *,
        remember: bool,
        answers: Answers | None = None,
        columns: Mapping[str, set[Any]] | None = None,
    ) -> None:
        self.briefing = briefing
        self.columns = columns or {}
        self.problems: list[Problem] = []
        self.actor_ids = {actor.id for actor in briefing.actors}
        # A rule's answers by the fields that determine them (a briefing repeats its values):
        # (para, quote) for evidence, the 4 fields of a citation, the 7 dating fields of an
        # event: keys of different lengths, so one table holds them all.
        self.answers: Answers = (answers if answers is not None else {}) if remember else _Forgetful()
        self.suggestions_left = MAX_SUGGESTIONS

    def report(self, where: str, findings: Findings) -> None:
        for suffix, message in findings:
            self.problems.append(Problem(where + suffix, message))

    def run(self, *, bulk_checked: bool = False) -> None:
        """Every rule on every record; with `bulk_checked`, not on the actors and events
        (`_bulk_pass` found nothing wrong with them)."""
        briefing = self.briefing
        self.unique_ids()

        source = briefing.source
        self.report("$.source.published", date_findings(source.published))
        if source.published_basis == "public-record" and not source.published_sources:
            self.report(
                "$.source.published_sources", (("", "required when published_basis is public-record"),)
            )
        self.citations("$.source.published_sources", source.published_sources)
        self.plain("$.source.headline", source.headline)
        self.refer("$.source.correspondent", source.correspondent)

        summary = briefing.summary
        self.text("$.summary.headline", summary.headline)
        # A bottom line may be left unwritten ({}, as `brief new` starts it), never blank.
        self.plain("$.summary.bottom_line.en", summary.bottom_line.en)
        self.plain("$.summary.bottom_line.fr", summary.bottom_line.fr)
        for section, points in (("key_points", summary.key_points), ("watch", summary.watch)):
            for index, point in enumerate(points):
                self.text(f"$.summary.{section}[{index}].text", point.text)
                self.evidence(f"$.summary.{section}[{index}]", point.evidence)

        for index, actor in enumerate(() if bulk_checked else briefing.actors):
            where = f"$.actors[{index}]"
            self.text(f"{where}.name", actor.name)
            self.text(f"{where}.role", actor.role)
            self.text(f"{where}.story", actor.story)
            for position, alias in enumerate(actor.aliases):
                self.plain(f"{where}.aliases[{position}]", alias)
            if (correction := actor.correction) is not None:
                self.text(f"{where}.correction.note", correction.note)
                self.plain(f"{where}.correction.as_written", correction.as_written)
                self.plain(f"{where}.correction.corrected", correction.corrected)
                self.citations(f"{where}.correction.sources", correction.sources)
            for position, fact in enumerate(actor.public_record):
                self.text(f"{where}.public_record[{position}].fact", fact.fact)
                self.citations(f"{where}.public_record[{position}].sources", fact.sources)
            self.refer(f"{where}.affiliation", actor.affiliation)
            if actor.affiliation == actor.id:
                self.report(f"{where}.affiliation", (("", "an actor cannot be its own affiliation"),))
            self.evidence(where, actor.evidence)

        if not bulk_checked:
            self.events()

        for index, quote in enumerate(briefing.quotes):
            self.text(f"$.quotes[{index}].context", quote.context)
            self.plain(f"$.quotes[{index}].original", quote.original)
            self.plain(f"$.quotes[{index}].translation", quote.translation)
            self.refer(f"$.quotes[{index}].speaker", quote.speaker)
            self.evidence(f"$.quotes[{index}]", quote.evidence)

    def unique_ids(self) -> None:
        if _ids_unique(self.briefing, self.columns):  # only when there is a duplicate, look for where
            return
        first_use: dict[str, str] = {}
        for section, records in sections(self.briefing):
            for index, record in enumerate(records):
                where = f"$.{section}[{index}].id"
                if record.id in first_use:
                    self.report(
                        where, (("", f"duplicate id {shown(record.id)} (first at {first_use[record.id]})"),)
                    )
                else:
                    first_use[record.id] = where

    def events(self) -> None:
        # The events are most of a large briefing: one tight loop, with the rules' answers
        # remembered, and no path formatted unless a rule finds something.
        answers, remembered = self.answers, self.answers.get
        actor_ids, paragraphs = self.actor_ids, self.briefing.source.paragraphs
        for index, event in enumerate(self.briefing.events):
            titled = text_findings(event.title)
            detailed = text_findings(event.detail)
            bad_evidence = []
            for position, item in enumerate(event.evidence):
                key = (item.para, item.quote)
                found = remembered(key)
                if found is None:
                    found = answers[key] = evidence_findings(item.para, item.quote, paragraphs)
                if found:
                    bad_evidence.append((position, found))
            shape = (event.date, event.end, event.precision, event.basis, bool(event.sources), event.kind,
                     event.direction)  # fmt: skip
            dating = remembered(shape)
            if dating is None:
                dating = answers[shape] = dating_findings(*shape)
            if titled or detailed or bad_evidence or dating:
                where = f"$.events[{index}]"
                self.report(f"{where}.title", titled)
                self.report(f"{where}.detail", detailed)
                for position, found in bad_evidence:
                    self.report(f"{where}.evidence[{position}]", found)
                self.report(where, dating)
            if event.sources and self.bad_citations(event.sources):
                self.citations(f"$.events[{index}].sources", event.sources)
            if not actor_ids.issuperset(event.actors):  # only then look for which, and format paths
                for position, actor_id in enumerate(event.actors):
                    self.refer(f"$.events[{index}].actors[{position}]", actor_id)

    def refer(self, path: str, actor_id: str | None) -> None:
        """A reference names an actor of the briefing."""
        if actor_id is not None and actor_id not in self.actor_ids:
            # A suggestion for the first few only: a file of thousands is refused at once.
            self.suggestions_left -= 1
            wanted = self.suggestions_left >= 0 and len(actor_id) <= _LONGEST_SUGGESTED
            suggestion = _did_you_mean(actor_id, self.actor_ids) if wanted else ""
            self.report(path, (("", f"unknown actor {shown(actor_id)}{suggestion}"),))

    def plain(self, path: str, value: str | None) -> None:
        """A text given must say something: not only spaces or invisible characters."""
        if value is not None and blank(value):
            self.report(path, (("", BLANK),))

    def text(self, path: str, text: Text) -> None:
        self.report(path, text_findings(text))

    def bad_evidence(self, items: Sequence[Evidence]) -> list[tuple[int, Findings]]:
        """The position and findings of each piece of evidence something is wrong with."""
        answers, paragraphs = self.answers, self.briefing.source.paragraphs
        bad: list[tuple[int, Findings]] = []
        for position, item in enumerate(items):
            key = (item.para, item.quote)
            found = answers.get(key)
            if found is None:
                found = answers[key] = evidence_findings(item.para, item.quote, paragraphs)
            if found:
                bad.append((position, found))
        return bad

    def bad_citations(self, items: Sequence[Citation]) -> list[tuple[int, Findings]]:
        """The position and findings of each citation something is wrong with; a list
        with no URL at all is position -1."""
        answers = self.answers
        bad: list[tuple[int, Findings]] = []
        with_url = False
        for position, item in enumerate(items):
            key = (item.outlet, item.title, item.url, item.date)
            found = answers.get(key)
            if found is None:
                found = answers[key] = citation_findings(*key)
            if found:
                bad.append((position, found))
            with_url = with_url or item.url is not None
        if items and not with_url:
            bad.append((-1, (("", NO_URL),)))
        return bad

    def citations(self, path: str, items: Sequence[Citation]) -> None:
        for position, found in self.bad_citations(items):
            self.report(path if position < 0 else f"{path}[{position}]", found)

    def evidence(self, where: str, items: Sequence[Evidence]) -> None:
        for position, found in self.bad_evidence(items):
            self.report(f"{where}.evidence[{position}]", found)


class _Forgetful(dict[Hashable, Findings]):
    """A memory that keeps nothing: every rule runs afresh (for tests)."""

    def __setitem__(self, key: Hashable, value: Findings) -> None:
        pass


# --- the bulk pass: whole columns at once ------------------------------------------------

_EN, _FR, _FIRST = attrgetter("en"), attrgetter("fr"), itemgetter(0)
_PARA, _QUOTE, _EVIDENCE = attrgetter("para"), attrgetter("quote"), attrgetter("evidence")
_URL, _ID, _ACTORS = attrgetter("url"), attrgetter("id"), attrgetter("actors")


def _ids_unique(briefing: Briefing, columns: Mapping[str, set[Any]]) -> bool:
    """Whether no two records share an id: from each section's distinct ids when
    `columns` has them, else by gathering them."""
    if "events.id" not in columns:
        all_ids = [record.id for _, records in sections(briefing) for record in records]
        return len(set(all_ids)) == len(all_ids)
    distinct = [columns.get(f"{section}.id", set()) for section, _ in sections(briefing)]
    return all(
        len(ids) == len(records) for ids, (_, records) in zip(distinct, sections(briefing), strict=True)
    ) and (all(a.isdisjoint(b) for a, b in combinations(distinct, 2)))


def _bulk_pass(
    briefing: Briefing, actor_ids: set[str], answers: Answers, columns: Mapping[str, set[Any]]
) -> bool:
    """Whether the actors and events certainly pass every rule: True only when the
    record-by-record pass would find nothing in them. Most of the work is done by C
    code (attrgetter, map, zip, sets); Python runs once per distinct value, and not
    again for a value `answers` already holds (briefings of one story share them)."""
    events, paragraphs = briefing.events, briefing.source.paragraphs
    # The events' actors, distinct, as the pattern check gathered them: one look-up each.
    referred = columns.get("events.actors")
    if referred is not None and not actor_ids.issuperset(referred):
        return False
    return _columns_pass(briefing.actors, events, actor_ids, answers, paragraphs, referred is not None)


_SLICE = 1000


def _columns_pass(
    actors: Sequence[Actor],
    events: Sequence[Event],
    actor_ids: set[str] | None,
    answers: Answers,
    paragraphs: int | None,
    references_known: bool,
) -> bool:
    """The bulk pass on some actors and events; `references_known`: the events' actors
    were found among the actors already (_bulk_pass). `actor_ids` and `paragraphs` None:
    the references (then known) and the paragraph numbers were checked already,
    briefing by briefing (briefings_pass)."""
    if len(events) > _SLICE:
        # A slice at a time, each through every pass while its records are still in the
        # processor's cache: on 100,000 events, a fifth less time than whole columns.
        known = references_known
        return _columns_pass(actors, events[:_SLICE], actor_ids, answers, paragraphs, known) and all(
            _columns_pass((), events[start : start + _SLICE], actor_ids, answers, paragraphs, known)
            for start in range(_SLICE, len(events), _SLICE)
        )
    facts = [fact for actor in actors for fact in actor.public_record]
    corrections = [actor.correction for actor in actors if actor.correction is not None]
    texts = chain(
        map(attrgetter("name"), actors),
        map(attrgetter("role"), actors),
        map(attrgetter("story"), actors),
        map(attrgetter("fact"), facts),
        map(attrgetter("note"), corrections),
        map(attrgetter("title"), events),
        map(attrgetter("detail"), events),
    )
    plain = chain(
        chain.from_iterable(map(attrgetter("aliases"), actors)),
        map(attrgetter("as_written"), corrections),
        map(attrgetter("corrected"), corrections),
    )
    citation_lists = chain(
        map(attrgetter("sources"), facts),
        map(attrgetter("sources"), corrections),
        filter(None, map(attrgetter("sources"), events)),  # an event may have none
    )
    affiliations = list(map(attrgetter("affiliation"), actors))
    return (
        _texts_pass(texts)
        and _plain_pass(plain)
        and _citations_pass(citation_lists, answers)
        and _evidence_pass(chain.from_iterable(map(_EVIDENCE, chain(actors, events))), paragraphs, answers)
        and (actor_ids is None or actor_ids.issuperset(filter(None, affiliations)))
        and not any(map(eq, affiliations, map(_ID, actors)))
        and (
            references_known
            or (actor_ids is not None and actor_ids.issuperset(chain.from_iterable(map(_ACTORS, events))))
        )
        and _dating_pass(events, answers)
    )


def _texts_pass(texts: Iterable[Text]) -> bool:
    """text_findings finds nothing in any of them."""
    texts = list(texts)
    ens, frs = list(map(_EN, texts)), list(map(_FR, texts))
    if None in ens and (None, None) in zip(ens, frs, strict=True):  # neither language
        return False
    if "" in ens or "" in frs:  # blank
        return False
    return _first_characters_pass(filter(None, chain(ens, frs)))  # None and "" left out


def _plain_pass(values: Iterable[str]) -> bool:
    """None of them is blank."""
    values = list(values)
    return "" not in values and _first_characters_pass(values)


def _first_characters_pass(values: Iterable[str]) -> bool:
    """None of these texts (none empty) is blank: a blank one starts with a space or an
    invisible character, so the distinct first characters decide for all of them."""
    return not any(char.isspace() or char in _INVISIBLE_FIRST for char in set(map(_FIRST, values)))


def _evidence_pass(items: Iterable[Evidence], paragraphs: int | None, answers: Answers) -> bool:
    """evidence_findings finds nothing in any of them; `paragraphs` None: their paragraph
    numbers were checked already."""
    items = list(items)
    if paragraphs is not None and max(map(_PARA, items), default=0) > paragraphs:
        return False
    # Every paragraph is in range: the quote alone decides, as it does for paragraph 1
    # (of an article of 1 paragraph or more: the answer is the same).
    return not any(
        _remembered(answers, (1, quote), evidence_findings, 1, quote, 1) for quote in set(map(_QUOTE, items))
    )


def _remembered(answers: Answers, key: Hashable, rule: Callable[..., Findings], *fields: Any) -> Findings:
    """A rule's answer on these fields, worked out once and kept under `key`: the key
    _Checker keeps the same answer under where it has one (evidence, an event's dating)."""
    found = answers.get(key)
    if found is None:
        found = answers[key] = rule(*fields)
    return found


def _citations_pass(lists: Iterable[Sequence[Citation]], answers: Answers) -> bool:
    """Every list has a citation with a URL, and citation_findings finds nothing: each
    of its rules on a whole column, and on the distinct dates."""
    lists = list(lists)
    citations = list(chain.from_iterable(lists))
    urls = list(map(attrgetter("url"), citations))
    # A URL is never "": any() on each list's URLs, run by C (map over the lists).
    if None in urls and not all(map(any, map(map, repeat(_URL), lists))):
        return False
    # Sources repeat from record to record: each rule runs on the distinct values.
    for column in (set(map(attrgetter("outlet"), citations)), set(map(attrgetter("title"), citations))):
        if not _plain_pass(column):
            return False
        # One scan of the column joined: a line break cannot make or hide any of these.
        joined = "\n".join(column)
        if "://" in joined or ";" in joined or _URL_INSIDE in joined.lower():
            return False
    distinct_urls = set(urls)
    distinct_urls.discard(None)
    if max(map(methodcaller("count", "://"), distinct_urls), default=0) > 1:
        return False
    dates = set(map(attrgetter("date"), citations))
    dates.discard(None)
    return _dates_pass(dates, answers)


def _dates_pass(dates: Iterable[str], answers: Answers) -> bool:
    """date_findings finds nothing in any of these distinct dates."""
    return not any(_remembered(answers, ("date", value), date_findings, value) for value in dates)


def _dating_pass(events: Sequence[Event], answers: Answers) -> bool:
    """dating_findings finds nothing for any event: each of its rules, on the distinct
    values (or pairs of values) it depends on."""
    dates = list(map(attrgetter("date"), events))
    ends = list(map(attrgetter("end"), events))
    # The distinct (date, end) pairs are few; every other set is made from them.
    pairs = set(zip(dates, ends, strict=True))
    periods = {}
    for value in set(chain.from_iterable(pairs)).difference((None,)):
        try:
            periods[value] = iso_period(value)
        except ValueError:
            return False
    # Every date is real by now, and a real date's precision is its length's.
    lengths = zip(map(len, dates), map(attrgetter("precision"), events), strict=True)
    if any(LENGTH_AT[precision] != length for length, precision in set(lengths)):
        return False
    if any(periods[end].end < periods[date].start for date, end in pairs if end is not None):
        return False
    sources = list(map(attrgetter("sources"), events))
    if not all(compress(sources, map(eq, map(attrgetter("basis"), events), repeat("public-record")))):
        return False  # a public-record event without sources
    return not any(
        _remembered(answers, shape, dating_findings, *shape)
        for shape in (
            ("2025", None, "year", "article", False, kind, direction)
            for kind, direction in set(
                zip(map(attrgetter("kind"), events), map(attrgetter("direction"), events), strict=True)
            )
        )
    )


def briefings_pass(briefings: Sequence[Briefing], shared: Mapping[str, Sequence[Any]]) -> bool:
    """Whether check_briefing finds nothing in any of these briefings: True only when it
    would find nothing in each. `shared`: the distinct records of their summaries,
    actors, events and quotes (together.py: one record object stands in every briefing
    that holds it). The rules on a record alone run once per distinct record, a column
    at a time, the bulk pass's way; only what depends on a briefing (its ids, the actors
    it names, its paragraph count) runs briefing by briefing."""
    if not all(map(_per_briefing_pass, briefings)):
        return False
    answers: Answers = {}  # for any paragraph count: no paragraph number is looked at through them
    summaries, actors, events, quotes = (shared[name] for name in ("summary", "actors", "events", "quotes"))
    sources = list(map(attrgetter("source"), briefings))
    published_sources = list(map(attrgetter("published_sources"), sources))
    bases = map(attrgetter("published_basis"), sources)
    if not all(compress(published_sources, map(eq, bases, repeat("public-record")))):
        return False  # a date from the public record without its sources
    points = list(chain.from_iterable(chain(map(_KEY_POINTS, summaries), map(_WATCH, summaries))))
    bottom_lines = list(map(attrgetter("bottom_line"), summaries))
    return (
        _dates_pass(set(map(attrgetter("published"), sources)), answers)
        and _texts_pass(
            chain(
                map(attrgetter("headline"), summaries), map(attrgetter("text"), points), map(_CONTEXT, quotes)
            )
        )
        and _plain_pass(
            chain(
                map(attrgetter("headline"), sources),
                (line for line in chain(map(_EN, bottom_lines), map(_FR, bottom_lines)) if line is not None),
                map(attrgetter("original"), quotes),
                map(attrgetter("translation"), quotes),
            )
        )
        and _citations_pass(filter(None, published_sources), answers)
        and _evidence_pass(chain.from_iterable(map(_EVIDENCE, chain(points, quotes))), None, answers)
        and _columns_pass(actors, events, None, answers, None, True)
    )


_KEY_POINTS, _WATCH, _CONTEXT = attrgetter("key_points"), attrgetter("watch"), attrgetter("context")


def _per_briefing_pass(briefing: Briefing) -> bool:
    """The rules that depend on the briefing, not on a record alone: its ids are unique,
    every actor it names is one of its actors, and its evidence cites its paragraphs."""
    actors, summary, source = briefing.actors, briefing.summary, briefing.source
    actor_ids = set(map(_ID, actors))
    named = chain(
        chain.from_iterable(map(_ACTORS, briefing.events)),
        filter(None, map(attrgetter("affiliation"), actors)),
        map(attrgetter("speaker"), briefing.quotes),
        () if source.correspondent is None else (source.correspondent,),
    )
    cited = chain(summary.key_points, summary.watch, actors, briefing.events, briefing.quotes)
    return (
        _ids_unique(briefing, {})
        and actor_ids.issuperset(named)
        and max(map(_PARA, chain.from_iterable(map(_EVIDENCE, cited))), default=0) <= source.paragraphs
    )


def sections(briefing: Briefing) -> tuple[tuple[str, Sequence[Actor | Event | Quote]], ...]:
    return (("actors", briefing.actors), ("events", briefing.events), ("quotes", briefing.quotes))


def _did_you_mean(value: str, choices: set[str]) -> str:
    import difflib  # only on this error path

    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def iter_evidence(briefing: Briefing) -> Iterator[tuple[str, Evidence]]:
    """Every piece of evidence in the briefing, with its JSON path."""
    summary = briefing.summary
    for section, points in (("key_points", summary.key_points), ("watch", summary.watch)):
        for index, point in enumerate(points):
            for position, evidence in enumerate(point.evidence):
                yield f"$.summary.{section}[{index}].evidence[{position}]", evidence
    for section, records in sections(briefing):
        for index, record in enumerate(records):
            for position, evidence in enumerate(record.evidence):
                yield f"$.{section}[{index}].evidence[{position}]", evidence
