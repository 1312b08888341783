"""`brief search`: which records hold the words of a query, best first.

The rules (the command's help lists them with examples):
- Words match at the start of a word, ignoring case, accents and invisible formatting
  (see fold.py): "US" finds "US" and "USA", not "Russia" or "plus".
- Several words find the records that hold all of them, in any order, in any of the
  record's fields and in either language: "trump putin".
- A query in double quotes ('"us"'), or --substring, is one phrase matched anywhere,
  inside words too.
- The article's own words are searched too: a record's evidence quotes, each hit
  placed at its paragraph.
- Hits are ordered by relevance: a name or title, then a role, point or quote, then
  a story or detail, then the evidence; more of the query's words in one field first;
  ties in the briefing's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import msgspec

from briefcli.choices import HitKind
from briefcli.fold import fold, fold_aligned, original_offset
from briefcli.model import Briefing, Evidence, Lang, Point, Text

# Relevance tiers of the fields, best first.
NAME, POINT, DETAIL, EVIDENCE = range(4)


# Quotation marks that make a query one phrase matched anywhere.
_QUOTES = {'"': '"', "“": "”", "«": "»"}


class Hit(msgspec.Struct, frozen=True):
    """One field where a search matched: which record, which field, in which language."""

    kind: HitKind
    id: str
    field: str
    lang: Lang | None  # None for a text in one language only (a name, a quote as printed, evidence)
    text: str  # the whole text that matched
    start: int  # the first match, as offsets into `text`
    end: int
    para: int | None = None  # the article's paragraph, for an evidence quote
    briefing: str | None = None  # over several briefings, the one whose summary this is


class Query(msgspec.Struct, frozen=True):
    """A parsed query: folded words that must each start a word, or one folded phrase."""

    words: tuple[str, ...]
    phrase: bool  # True: `words` is one phrase, matched anywhere


def parse_query(text: str, *, substring: bool = False) -> Query:
    stripped = text.strip()
    if len(stripped) >= 2 and _QUOTES.get(stripped[0]) == stripped[-1]:
        stripped, substring = stripped[1:-1], True
    folded = fold(stripped)
    if not folded:
        return Query((), substring)
    if substring:
        return Query((folded,), True)
    return Query(tuple(dict.fromkeys(folded.split(" "))), False)


Field = tuple[str, int, Text | str, int | None]  # name, tier, value, paragraph


def _evidence(evidence: list[Evidence]) -> Iterator[Field]:
    for item in evidence:
        yield "evidence", EVIDENCE, item.quote, item.para


def _summaries(briefing: Briefing) -> Iterator[tuple[HitKind, str, list[Field], str | None]]:
    """Every briefing's summary, the latest first: merged (merge.MergedBriefing), each
    briefing read keeps its own headline, key points and watch list."""
    read = [briefing]
    if hasattr(briefing, "briefings"):  # merge.MergedBriefing: merge.py is read then anyway
        from briefcli.merge import articles_read

        read = articles_read(briefing)
    several = len(read) > 1
    for each in reversed(read) if several else (briefing,):
        named = each.id if several else None
        summary = each.summary
        yield (
            "summary",
            "summary",
            [("headline", NAME, summary.headline, None), ("bottom_line", DETAIL, summary.bottom_line, None)],
            named,
        )
        listed: tuple[tuple[HitKind, list[Point]], ...] = (
            ("key-point", summary.key_points),
            ("watch", summary.watch),
        )
        for kind, points in listed:
            for index, point in enumerate(points, start=1):
                fields = [("text", POINT, point.text, None), *_evidence(point.evidence)]
                yield kind, f"{kind}-{index}", fields, named


def _records(briefing: Briefing) -> Iterator[tuple[HitKind, str, list[Field], str | None]]:
    yield from _summaries(briefing)
    for actor in briefing.actors:
        fields: list[Field] = [("name", NAME, actor.name, None)]
        fields += [("aliases", NAME, alias, None) for alias in actor.aliases]
        fields += [("role", POINT, actor.role, None), ("story", DETAIL, actor.story, None)]
        if actor.correction is not None:
            fields.append(("correction", DETAIL, actor.correction.note, None))
        fields += [("public_record", DETAIL, fact.fact, None) for fact in actor.public_record]
        yield "actor", actor.id, [*fields, *_evidence(actor.evidence)], None
    for event in briefing.events:
        yield (
            "event",
            event.id,
            [
                ("title", NAME, event.title, None),
                ("detail", DETAIL, event.detail, None),
                *_evidence(event.evidence),
            ],
            None,
        )
    for quote in briefing.quotes:
        yield "quote", quote.id, [
            ("original", POINT, quote.original, None),
            ("translation", POINT, quote.translation, None),
            ("context", DETAIL, quote.context, None),
            *_evidence(quote.evidence),
        ], None  # fmt: skip


def _word_start(folded: str, word: str) -> int:
    """Where `word` first starts a word of `folded`, or -1."""
    at = folded.find(word)
    if at <= 0 or not folded[at - 1].isalnum():
        return at
    # Found inside a word: the rest at C speed, whatever the text ("aaaa…" and "a").
    found = _word_start_pattern(word).search(folded, at + 1)
    return found.start() if found else -1


@cache
def _word_start_pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])" + re.escape(word))  # not after a letter or digit


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase's words with any run of punctuation or space between them."""
    return re.compile(r"[\W_]+".join(map(re.escape, phrase.split(" "))))


Span = tuple[int, int, int]  # start, end, which of the query's words


def _matches(folded: str, query: Query, pattern: re.Pattern[str] | None) -> list[Span]:
    """The first match of each of the query's words found in `folded`."""
    if pattern is not None:
        found = pattern.search(folded)
        return [(found.start(), found.end(), 0)] if found else []
    spans = []
    for which, word in enumerate(query.words):
        at = folded.find(word) if query.phrase else _word_start(folded, word)
        if at >= 0:
            spans.append((at, at + len(word), which))
    return spans


def _texts(fields: list[Field], order: tuple[Lang, Lang]) -> list[tuple[int, Lang | None, str]]:
    """Each field's texts, in the order the languages are tried: (field index, language, text)."""
    texts: list[tuple[int, Lang | None, str]] = []
    for index, (_, _, value, _) in enumerate(fields):
        if isinstance(value, str):
            texts.append((index, None, value))
        else:
            texts.extend((index, code, text) for code in order if (text := getattr(value, code)))
    return texts


_SEPARATOR = "\x00"  # between a record's texts: folds to itself, and is no letter


def search(briefing: Briefing, query: Query, lang: Lang) -> list[Hit]:
    """The fields of every record that holds all the query's words, best first: one hit
    per field (per paragraph for evidence), in the chosen language when it matches
    there, else in the other."""
    if not query.words:
        return []
    pattern = _phrase_pattern(query.words[0]) if query.phrase and " " in query.words[0] else None
    wanted = len(query.words)
    # What a record's whole fold must hold, checked with plain `in`: each word, or each word of a phrase.
    needles = query.words if pattern is None else tuple(query.words[0].split(" "))
    order: tuple[Lang, Lang] = (lang, "fr" if lang == "en" else "en")
    ranked: list[tuple[int, int, int, Hit]] = []
    for kind, record_id, fields, briefing_id in _records(briefing):
        # One fold of all the record's texts at once; most records stop here.
        texts = _texts(fields, order)
        joined = _SEPARATOR.join(text for _, _, text in texts)
        folded_all, aligned = fold_aligned(joined)
        if any(needle not in folded_all for needle in needles):
            continue
        if joined.count(_SEPARATOR) == len(texts) - 1:
            folds = folded_all.split(_SEPARATOR)
        else:  # a text holds the separator itself
            folds = [fold_aligned(text)[0] for _, _, text in texts]
            aligned = False
        found: set[int] = set()  # which of the query's words this record holds
        best: dict[int, tuple[Lang | None, str, list[Span]]] = {}  # field index -> where it matched best
        done: set[int] = set()  # fields matched in full
        for (index, code, text), folded in zip(texts, folds, strict=True):
            if index in done:
                continue
            spans = _matches(folded, query, pattern)
            if not spans:
                continue
            found.update(which for _, _, which in spans)
            if index not in best or len(spans) > len(best[index][2]):
                best[index] = (code, text, spans)
            if len(spans) == wanted:
                done.add(index)
        if len(found) < wanted:
            continue
        placed: set[tuple[str, int | None]] = set()
        for index, (code, text, spans) in sorted(best.items()):
            name, tier, _, para = fields[index]
            if (name, para) in placed:  # the first alias that matches stands for the list
                continue
            placed.add((name, para))
            start, end, _ = min(spans)
            if not (aligned or text.isascii()):
                start, end = original_offset(text, start), original_offset(text, end - 1) + 1
            hit = Hit(kind, record_id, name, code, text, start, end, para, briefing_id)
            ranked.append((tier, -len(spans), len(ranked), hit))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked]
