"""`brief search` and the fold every comparison uses.

Expectations are computed here, independently of briefcli.fold and briefcli.search:
`reference_fold` folds one character at a time, and `reference_search` applies the
matching rules the slow, obvious way; hypothesis checks the fast search against it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli.choices import HIT_KINDS
from briefcli.fold import fold, fold_aligned, original_offset
from briefcli.i18n import term
from briefcli.model import Briefing, Evidence, Lang, Point, Text
from briefcli.render.human import NARROW
from briefcli.search import Hit, parse_query, search
from tests.conftest import ARTICLE, BUNDLED, MINI, brief, write_json
from tests.readme import README

# --- an independent fold --------------------------------------------------------------


def reference_fold_map(text: str) -> tuple[str, list[int]]:
    """Fold character by character; runs of non-alphanumerics become one space; and
    for each folded character, the offset of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for offset, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part) or unicodedata.category(part) == "Cf":
                continue  # accents, and invisible formatting such as U+200D or U+00AD
            for folded in part.casefold():
                if not folded.isalnum():
                    if out and out[-1] == " ":
                        continue
                    folded = " "
                out.append(folded)
                where.append(offset)
    return "".join(out), where


def reference_fold(text: str) -> str:
    return reference_fold_map(text)[0].strip()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Défense", "defense"),
        ("POUTINE", "poutine"),
        ("l'OTAN", "l otan"),
        ("Zoë Ångström", "zoe angstrom"),
        ("Straße", "strasse"),
        ("ﬁnance", "finance"),
        ("Ru\u200dbio", "rubio"),
        ("pour\u00adparlers", "pourparlers"),
        ("\ufeffTrump", "trump"),
        ("«  U.S.  »", "u s"),
        ("œuvre", "œuvre"),
        ("Путин", "путин"),
    ],
)
def test_fold_ignores_case_accents_and_invisible_characters(text: str, folded: str) -> None:
    assert fold(text) == folded


SAMPLE_ALPHABET = st.sampled_from(
    [*"aAbeEéÉèàçœŒuUsStTrRmMpP ,.'-_«»", "ß", "ẞ", "ﬁ", "µ", "½", "İ", "…", "\u00ad", "\u200d",
     "\u0301", "\u0345", "\ufeff", "\u00a0", "Ж", "ж", "Σ", "ς", "™", "Å", "K", "ǅ", "①"]
)  # fmt: skip
TEXTS = st.text(SAMPLE_ALPHABET, max_size=30) | st.text(max_size=12)


def reference_fold_char(char: str) -> str:
    """What one character folds to, before punctuation is collapsed."""
    parts = unicodedata.normalize("NFKD", char)
    kept = (part for part in parts if not unicodedata.combining(part) and unicodedata.category(part) != "Cf")
    return "".join(part.casefold() for part in kept)


@given(TEXTS)
@example("Ru\u200dbio")
@example("t\u0345rump…½ß")
def test_fold_and_offsets_agree_with_the_character_by_character_fold(text: str) -> None:
    assert fold(text) == reference_fold(text)
    folded, aligned = fold_aligned(text)
    assert folded == "".join(map(reference_fold_char, text))
    where = [offset for offset, char in enumerate(text) for _ in reference_fold_char(char)]
    assert [original_offset(text, index) for index in range(len(folded))] == where
    if aligned:
        assert where == list(range(len(text)))


@settings(max_examples=25, deadline=None)
@given(st.text(SAMPLE_ALPHABET, min_size=1500, max_size=4000))
def test_offsets_in_long_texts_map_back_whole_chunks_at_a_time(text: str) -> None:
    where = [offset for offset, char in enumerate(text) for _ in reference_fold_char(char)]
    for index in range(0, len(where), 97):
        assert original_offset(text, index) == where[index]


# --- an independent search ------------------------------------------------------------

TIER = {"headline": 0, "name": 0, "aliases": 0, "title": 0, "role": 1, "text": 1, "original": 1,
        "translation": 1, "evidence": 3}  # fmt: skip  # every other field: 2 (stories, details)


def reference_fields(briefing: Briefing) -> list[tuple[str, str, list[tuple[str, Text | str, int | None]]]]:
    def cited(evidence: list[Evidence]) -> list[tuple[str, Text | str, int | None]]:
        return [("evidence", item.quote, item.para) for item in evidence]

    summary = briefing.summary
    records: list[tuple[str, str, list[tuple[str, Text | str, int | None]]]] = [
        (
            "summary",
            "summary",
            [("headline", summary.headline, None), ("bottom_line", summary.bottom_line, None)],
        )
    ]
    for index, point in enumerate(summary.key_points, start=1):
        records.append(
            ("key-point", f"key-point-{index}", [("text", point.text, None), *cited(point.evidence)])
        )
    for index, point in enumerate(summary.watch, start=1):
        records.append(("watch", f"watch-{index}", [("text", point.text, None), *cited(point.evidence)]))
    for actor in briefing.actors:
        fields: list[tuple[str, Text | str, int | None]] = [("name", actor.name, None)]
        fields += [("aliases", alias, None) for alias in actor.aliases]
        fields += [("role", actor.role, None), ("story", actor.story, None)]
        if actor.correction is not None:
            fields.append(("correction", actor.correction.note, None))
        fields += [("public_record", fact.fact, None) for fact in actor.public_record]
        records.append(("actor", actor.id, [*fields, *cited(actor.evidence)]))
    for event in briefing.events:
        records.append(("event", event.id, [("title", event.title, None), ("detail", event.detail, None),
                                            *cited(event.evidence)]))  # fmt: skip
    for quote in briefing.quotes:
        records.append(("quote", quote.id, [("original", quote.original, None),
                        ("translation", quote.translation, None), ("context", quote.context, None),
                        *cited(quote.evidence)]))  # fmt: skip
    return records


def first_match(text: str, word: str, phrase: bool) -> tuple[int, int] | None:
    """The first occurrence of `word` in `text`'s fold, at a word start unless a phrase,
    as offsets into `text`."""
    folded, where = reference_fold_map(text)
    for at in range(len(folded) - len(word) + 1):
        if folded.startswith(word, at) and (phrase or at == 0 or folded[at - 1] == " "):
            return where[at], where[at + len(word) - 1] + 1
    return None


def reference_search(
    briefing: Briefing, query: str, lang: str, substring: bool = False
) -> list[tuple[object, ...]]:
    text = query.strip()
    if len(text) >= 2 and text[0] + text[-1] in ('""', "“”", "«»"):
        text, substring = text[1:-1], True
    folded = reference_fold(text)
    if not folded:
        return []
    words = [folded] if substring else list(dict.fromkeys(folded.split(" ")))
    order = [lang, "fr" if lang == "en" else "en"]
    ranked: list[tuple[int, int, int, tuple[object, ...]]] = []
    for kind, record_id, fields in reference_fields(briefing):
        held: set[str] = set()
        hits: list[tuple[int, int, tuple[object, ...]]] = []
        placed: set[tuple[str, int | None]] = set()
        for name, value, para in fields:
            if isinstance(value, str):
                texts: list[tuple[str | None, str]] = [(None, value)]
            else:
                texts = [(code, getattr(value, code)) for code in order if getattr(value, code)]
            best: tuple[str | None, list[tuple[int, int]]] | None = None
            for code, candidate in texts:
                spans = {word: span for word in words if (span := first_match(candidate, word, substring))}
                held |= set(spans)
                if spans and (best is None or len(spans) > len(best[1])):
                    best = (code, sorted(spans.values()))
                if len(spans) == len(words):
                    break
            if best is not None and (name, para) not in placed:
                placed.add((name, para))
                start, end = best[1][0]
                hits.append(
                    (TIER.get(name, 2), -len(best[1]), (kind, record_id, name, best[0], start, end, para))
                )
        if hits and held == set(words):
            ranked += [(tier, more, len(ranked), hit) for tier, more, hit in hits]
    return [hit for *_, hit in sorted(ranked, key=lambda item: item[:3])]


def as_tuples(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(hit.kind, hit.id, hit.field, hit.lang, hit.start, hit.end, hit.para) for hit in hits]


def decoded(path: Path) -> Briefing:
    return msgspec.json.decode(path.read_bytes(), type=Briefing)


WORDS = st.text(SAMPLE_ALPHABET, min_size=1, max_size=8)
SENTENCES = st.lists(WORDS, max_size=6).map(" ".join)


@st.composite
def briefings(draw: st.DrawFn) -> Briefing:
    """The mini briefing with random texts in every searchable field."""
    base = decoded(MINI)

    def text() -> Text:
        en, fr = draw(st.one_of(st.none(), SENTENCES)), draw(st.one_of(st.none(), SENTENCES))
        return Text(en=en, fr=fr) if en or fr else Text(en=draw(SENTENCES) or "x")

    def evidence() -> list[Evidence]:
        return [
            Evidence(para=draw(st.integers(1, 3)), quote=draw(SENTENCES) or "x")
            for _ in range(draw(st.integers(0, 2)))
        ]

    actor, event, quote = base.actors[0], base.events[0], base.quotes[0]
    actors = [
        msgspec.structs.replace(actor, id=f"a{index}", name=text(), role=text(), story=text(), evidence=evidence(),
                                aliases=draw(st.lists(WORDS, max_size=2)))
        for index in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    events = [
        msgspec.structs.replace(event, id=f"e{index}", title=text(), detail=text(), evidence=evidence())
        for index in range(draw(st.integers(0, 3)))
    ]
    quotes = [
        msgspec.structs.replace(quote, id=f"q{index}", original=draw(SENTENCES) or "x",
                                translation=draw(SENTENCES) or "x", context=text(), evidence=evidence())
        for index in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    summary = msgspec.structs.replace(
        base.summary,
        headline=text(),
        bottom_line=text(),
        key_points=[Point(text=text(), evidence=evidence())],
    )
    return msgspec.structs.replace(base, summary=summary, actors=actors, events=events, quotes=quotes)


@st.composite
def queries(draw: st.DrawFn, briefing: Briefing) -> str:
    """Often a slice of one of the briefing's texts, so that there are hits to check."""
    texts = [value for _, _, fields in reference_fields(briefing) for _, value, _ in fields]
    strings: list[str] = [
        s for value in texts for s in ((value,) if isinstance(value, str) else (value.en, value.fr)) if s
    ]
    from_texts: bool = draw(st.booleans())
    if strings and from_texts:
        source = draw(st.sampled_from(strings))
        start = draw(st.integers(0, len(source)))
        query = source[start : start + draw(st.integers(1, 12))]
    else:
        query = draw(SENTENCES)
    quotes: str = draw(st.sampled_from(["", "", "", '""', "“”", "«»"]))
    return f"{quotes[0]}{query}{quotes[1]}" if quotes else query


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), briefings(), st.sampled_from(["en", "fr"]), st.booleans())
def test_fast_search_agrees_with_the_reference(
    data: st.DataObject, briefing: Briefing, lang: str, substring: bool
) -> None:
    query = data.draw(queries(briefing))
    fast = search(briefing, parse_query(query, substring=substring), lang)  # type: ignore[arg-type]
    assert as_tuples(fast) == reference_search(briefing, query, lang, substring)
    for hit in fast:  # offsets point into the text that matched
        assert 0 <= hit.start < hit.end <= len(hit.text)


def test_the_bundled_briefing_searches_as_the_reference_does() -> None:
    briefing = decoded(BUNDLED)
    for query in (
        "US",
        "trump putin",
        "putin trump",
        "pourparlers",
        "défense",
        '"us"',
        "NATO countries",
        "Ru\u200dbio",
    ):
        for lang in ("en", "fr"):
            assert as_tuples(search(briefing, parse_query(query), lang)) == reference_search(
                briefing, query, lang
            )


# --- through the command line -------------------------------------------------------


def matched(hit: dict[str, Any]) -> str:
    """The text a hit's `match` marks in its snippet."""
    start, end = hit["match"]
    return str(hit["snippet"][start:end])


def test_a_word_matches_at_word_starts_only() -> None:
    hits = brief("search", "US", "--json").json()
    assert hits
    for hit in hits:
        snippet, (start, _) = hit["snippet"], hit["match"]
        assert matched(hit).casefold() == "us"
        assert start == 0 or not snippet[start - 1].isalnum(), hit  # never inside "Russia" or "plus"
    anywhere = brief("search", "US", "--substring", "--json").json()
    inside = [
        hit for hit in anywhere if hit["match"][0] > 0 and hit["snippet"][hit["match"][0] - 1].isalnum()
    ]
    assert inside and len(anywhere) > len(hits)
    assert brief("search", '"US"', "--json").stdout == brief("search", "US", "--substring", "--json").stdout


def test_a_word_start_finds_longer_words() -> None:
    hits = brief("search", "pourparler", "--json").json()
    assert hits and all(matched(hit).casefold() == "pourparler" for hit in hits)


def test_several_words_find_records_holding_all_of_them_in_any_order() -> None:
    forward = brief("search", "trump putin", "--json").json()
    assert (forward[0]["kind"], forward[0]["id"], forward[0]["field"]) == (
        "event",
        "trump-putin-call",
        "title",
    )
    backward = brief("search", "putin trump", "--json").json()
    assert {(hit["kind"], hit["id"]) for hit in forward} == {(hit["kind"], hit["id"]) for hit in backward}
    putin = {(hit["kind"], hit["id"]) for hit in brief("search", "putin", "--json").json()}
    trump = {(hit["kind"], hit["id"]) for hit in brief("search", "trump", "--json").json()}
    assert {(hit["kind"], hit["id"]) for hit in forward} == putin & trump


def article_paragraphs() -> list[str]:
    return [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article is beside the repository")
def test_evidence_quotes_are_searched_with_their_paragraph_as_the_place() -> None:
    found = brief("search", "pourparlers", "--json").json()
    hits = [hit for hit in found if hit["field"] == "evidence"]
    assert hits and all(hit["lang"] is None for hit in hits)
    assert all(hit["para"] is None for hit in found if hit["field"] != "evidence")
    paragraphs = article_paragraphs()
    for hit in hits:
        assert "pourparlers" in paragraphs[hit["para"] - 1]
        assert matched(hit) == "pourparlers"
    view = brief("search", "pourparlers").stdout
    assert f"{hits[0]['id']} ¶{hits[0]['para']}" in view
    table = brief("search", "pourparlers", "--format", "markdown").stdout
    assert f"| {hits[0]['id']} | ¶{hits[0]['para']} |" in table


def test_hits_come_by_relevance_names_and_titles_first() -> None:
    hits = brief("search", "trump", "--json").json()
    tiers = [TIER.get(hit["field"], 2) for hit in hits]
    assert tiers == sorted(tiers) and tiers[0] == 0 and tiers[-1] == 3


@pytest.mark.parametrize(
    "args",
    [["search", "trump"], ["actors"], ["actors", "nato"], ["timeline"], ["quotes"]],
    ids=" ".join,
)
def test_limit_keeps_the_first_n_of_any_listing(args: list[str]) -> None:
    everything = brief(*args, "--json").json()
    assert len(everything) > 2
    assert brief(*args, "--limit", "2", "--json").json() == everything[:2]
    assert brief(*args, "-n", "1", "--format", "jsonl").stdout.count("\n") == 1
    run = brief(*args, "--limit", "0")
    assert (run.exit_code, run.stdout) == (2, "")


def test_a_limited_search_says_how_many_there_were() -> None:
    total = len(brief("search", "trump putin", "--json").json())
    assert total > 2
    assert brief("search", "trump putin", "--limit", "2").stdout.startswith(
        f"2 of {total} matches for 'trump putin'\n"
    )
    assert brief("search", "trump putin", "-n", "2", "--lang", "fr").stdout.startswith(
        f"2 sur {total} résultats"
    )
    assert brief("search", "trump putin", "-n", str(total)).stdout.startswith(f"{total} matches")


@pytest.mark.parametrize("invisible", ["\u200d", "\u00ad", "\u200b", "\u2060"])
def test_invisible_characters_in_a_query_are_ignored(invisible: str) -> None:
    plain = brief("search", "rubio", "--json").stdout
    assert plain != "[]\n"
    assert brief("search", f"Ru{invisible}bio", "--json").stdout == plain
    assert brief("actors", f"ru{invisible}bio", "--json").stdout == brief("actors", "rubio", "--json").stdout


def test_invisible_characters_in_a_text_are_ignored(tmp_path: Path) -> None:
    document = msgspec.json.decode(MINI.read_bytes())
    document["events"][0]["title"] = {"en": "Town coun\u00adcil vo\u200dtes"}
    data = write_json(tmp_path / "soft.json", document)
    hit = brief("search", "council votes", "--json", "--data", str(data)).json()[0]
    assert (hit["id"], hit["field"]) == (document["events"][0]["id"], "title")
    assert matched(hit) == "coun\u00adcil"


@pytest.mark.parametrize(
    ("variants", "lang", "matched_in"),
    [
        (["défense", "DEFENSE", "Defense"], "fr", "fr"),
        (["décevant", "DECEVANT"], "en", "fr"),  # no English text says it: the French one matches
        (["patriot", "PATRIOT"], "en", "en"),
    ],
)
def test_search_is_case_and_accent_insensitive_in_both_languages(
    variants: list[str], lang: str, matched_in: str
) -> None:
    runs = [brief("search", variant, "--json", "--lang", lang).stdout for variant in variants]
    assert runs[0] != "[]\n" and runs == [runs[0]] * len(variants)
    hits = brief("search", variants[0], "--json", "--lang", lang).json()
    assert all(reference_fold(matched(hit)) == reference_fold(variants[0]) for hit in hits)
    assert matched_in in {hit["lang"] for hit in hits}


def test_snippet_and_empty_result() -> None:
    hits = brief("search", "décevant", "--json").json()
    assert {hit["kind"] for hit in hits} >= {"quote"} and all(hit["snippet"] for hit in hits)
    run = brief("search", "zeppelin")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "Nothing matches 'zeppelin'.\n")
    assert brief("search", "zeppelin", "--json").stdout == "[]\n"
    assert brief("search", "\u200d", "--json").stdout == "[]\n"  # nothing left to look for


@pytest.mark.parametrize("kind", HIT_KINDS)
def test_every_hit_kind_has_a_label_in_both_languages(kind: str) -> None:
    english, french = term("hit_kind", kind, "en"), term("hit_kind", kind, "fr")
    assert english != kind or kind in ("actor", "event", "quote", "summary")  # a label, not the value
    assert english and french and english != "What to watch"  # the heading is another vocabulary


def test_hit_kinds_have_their_own_labels() -> None:
    view = brief("search", "stockpiles").stdout
    assert "to watch" in view and "What to watch" not in view
    assert "à surveiller" in brief("search", "stockpiles", "--lang", "fr").stdout


# --- the human view at any width --------------------------------------------------------

HIGHLIGHT = re.compile("\x1b\\[1;7m(.*?)\x1b\\[0m")  # bold reverse: the match, as the view marks it


def hit_head(hit: dict[str, Any], lang: Lang) -> tuple[str, str]:
    """The kind a hit is, as the view names it, and where it is: the field or the paragraph."""
    place = f"{hit['id']} ¶{hit['para']}" if hit["para"] is not None else f"{hit['id']}.{hit['field']}"
    return term("hit_kind", hit["kind"], lang), place


def stacked_hits(shown: str) -> list[tuple[str, str]]:
    """A stacked view's hits: each one's head (the kind and the place, on one line or two,
    at the margin) and its text (the indented lines below), each joined to one line."""
    blocks: list[tuple[list[str], list[str]]] = []
    for line in shown.splitlines()[1:]:  # after the "N matches" line
        if line.startswith("  "):
            blocks[-1][1].append(line.strip())
        elif blocks and not blocks[-1][1]:  # the place, under a kind it did not fit beside
            blocks[-1][0].append(line)
        else:
            blocks.append(([line], []))
    return [("  ".join(head), " ".join(text)) for head, text in blocks]


NARROW_SEARCHES = [
    *((40, query, lang) for query in ("patriot", "trump", "trump putin", "otan") for lang in ("en", "fr")),
    *((width, query, "en") for width in (50, 60) for query in ("patriot", "trump putin")),
]


@pytest.mark.parametrize(("width", "query", "lang"), NARROW_SEARCHES)
def test_a_narrow_search_stacks_each_hit_whole(width: int, query: str, lang: Lang) -> None:
    """At 40 columns the table showed the kind and a cut id and no text at all ("Dona…" at
    best); stacked, each hit's kind and place head it, whole, and its text, whole, is
    indented below, its match highlighted."""
    env = {"COLUMNS": str(width)}
    found = brief("search", query, "--lang", lang, "--json").json()
    shown = brief("search", query, "--lang", lang, env=env).stdout
    assert all(len(line) <= width for line in shown.splitlines())
    hits = stacked_hits(shown)
    assert [head for head, _ in hits] == ["  ".join(hit_head(hit, lang)) for hit in found]
    assert [text for _, text in hits] == [" ".join(hit["snippet"].split()) for hit in found]
    colored = brief("search", query, "--lang", lang, "--color", "always", env=env).stdout
    assert HIGHLIGHT.findall(colored) == [matched(hit) for hit in found]


@pytest.mark.parametrize(("query", "lang"), [("patriot", "en"), ("trump putin", "en"), ("trump", "fr")])
def test_search_stacks_by_the_timelines_rule(query: str, lang: Lang) -> None:
    """The table while its text column keeps NARROW columns beside the widest kind and
    place (two blanks after each), the timeline's rule; one column fewer, stacked."""
    found = brief("search", query, "--lang", lang, "--json").json()
    heads = [hit_head(hit, lang) for hit in found]
    table_from = max(len(kind) for kind, _ in heads) + 2 + max(len(place) for _, place in heads) + 2 + NARROW
    kind, place = heads[0]
    narrow = brief("search", query, "--lang", lang, env={"COLUMNS": str(table_from - 1)}).stdout.splitlines()
    assert narrow[1] == f"{kind}  {place}" and narrow[2].startswith("  " + found[0]["snippet"][:1])
    wide = brief("search", query, "--lang", lang, env={"COLUMNS": str(table_from)}).stdout.splitlines()
    assert re.match(rf"{re.escape(kind)} +{re.escape(place)} +\S", wide[1])
    assert f"fewer than {NARROW} columns" in README.read_text(encoding="utf-8")  # the rule, as documented


@pytest.mark.parametrize("width", [80, 200])
def test_wide_terminals_keep_the_search_table(width: int) -> None:
    """One row a hit: the kind, the place and the text beside them (the README shows it at 80)."""
    found = brief("search", "patriot", "--json").json()
    shown = brief("search", "patriot", env={"COLUMNS": str(width)}).stdout.splitlines()
    rows = [line for line in shown[1:] if not line.startswith(" ")]
    assert len(rows) == len(found)
    for row, hit in zip(rows, found, strict=True):
        kind, place = hit_head(hit, "en")
        assert re.match(rf"{re.escape(kind)} +{re.escape(place)} +\S", row), row
    assert all(len(line) <= min(width, 100) for line in shown)
