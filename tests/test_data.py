"""The bundled briefing: it loads, it is valid, and it says what the article says."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcli.load import check_briefing, iter_evidence, load_briefing
from briefcli.model import Briefing, Text
from briefcli.provenance import check_provenance
from tests.conftest import ARTICLE, BUNDLED, MINI, MINI_ARTICLE, brief

REQUIRED_ACTORS = {
    "mark-rutte", "donald-trump", "marco-rubio", "pete-hegseth", "vladimir-putin", "kysia-hekster",
    "nato", "united-states", "pentagon", "us-congress", "ukraine", "russia", "european-allies",
}  # fmt: skip
REQUIRED_EVENTS = {
    # id: (date, end, kind, direction)
    "first-aid-suspension": ("2025-03-03", None, "policy-change", "suspend"),
    "first-suspension-lifted": ("2025-03-11", None, "policy-change", "resume"),
    "nato-summit-the-hague": ("2025-06-24", "2025-06-25", "summit", None),
    "second-aid-suspension": ("2025-07-01", "2025-07-02", "policy-change", "suspend"),
    "trump-putin-call": ("2025-07-03", None, "call", None),
    "more-defensive-weapons": ("2025-07-07", None, "policy-change", "increase"),
    "russia-announcement-promised": ("2025-07-10", None, "statement", None),
    "rutte-trump-talks": ("2025-07-14", None, "meeting", None),
    "nato-finance-distribute-proposal": ("2025-07-14", None, "proposal", "restructure"),
    "rutte-meets-rubio-hegseth-congress": ("2025-07-14", "2025-07-15", "meeting", None),
}


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing(BUNDLED)


def test_bundled_briefing_loads_by_default_and_has_no_problem(bundled: Briefing) -> None:
    assert load_briefing() == bundled
    assert check_briefing(bundled) == []


def test_source_is_described(bundled: Briefing) -> None:
    source = bundled.source
    assert (source.language, source.published, source.paragraphs) == ("fr", "2025-07-14", 11)
    assert source.published_basis == "public-record" and source.published_sources
    assert source.correspondent == "kysia-hekster"


def test_summary_has_four_to_six_key_points_and_the_open_questions(bundled: Briefing) -> None:
    assert 4 <= len(bundled.summary.key_points) <= 6
    watch = " ".join(point.text.pick("en") for point in bundled.summary.watch).lower()
    for topic in ("announcement", "who pays", "stockpiles"):
        assert topic in watch


def test_every_required_actor_is_there(bundled: Briefing) -> None:
    assert {actor.id for actor in bundled.actors} >= REQUIRED_ACTORS


@pytest.mark.parametrize(("event_id", "expected"), REQUIRED_EVENTS.items())
def test_every_required_event_is_dated_from_the_public_record(
    bundled: Briefing, event_id: str, expected: tuple[str, str | None, str, str | None]
) -> None:
    event = next(event for event in bundled.events if event.id == event_id)
    assert (event.date, event.end, event.kind, event.direction) == expected
    # The article dates none of them: each date names its public-record source.
    assert event.basis == "public-record" and any(c.url for c in event.sources)


def test_nothing_after_the_article_is_in_the_timeline(bundled: Briefing) -> None:
    # The meeting's outcome (announced later on 14 July) is not a fact of the article.
    assert all((event.end or event.date) <= "2025-07-15" for event in bundled.events)
    texts = " ".join(event.detail.pick("en") + event.title.pick("en") for event in bundled.events)
    assert "tariff" not in texts.lower() and "50 days" not in texts


def test_hegseth_keeps_the_article_name_and_its_correction(bundled: Briefing) -> None:
    hegseth = next(actor for actor in bundled.actors if actor.id == "pete-hegseth")
    assert hegseth.correction is not None
    assert (hegseth.correction.as_written, hegseth.correction.corrected) == ("Dan Hegseth", "Pete Hegseth")
    assert "Dan Hegseth" in hegseth.aliases and hegseth.correction.sources


def test_required_quotes(bundled: Briefing) -> None:
    said = {(quote.speaker, quote.original) for quote in bundled.quotes}
    assert ("donald-trump", "décevant") in said
    assert ("donald-trump", "annonce importante") in said
    assert any(speaker == "kysia-hekster" for speaker, _ in said)


def _texts(briefing: Briefing) -> list[Text]:
    summary = briefing.summary
    found = [
        summary.headline,
        summary.bottom_line,
        *(p.text for p in summary.key_points),
        *(p.text for p in summary.watch),
    ]
    for actor in briefing.actors:
        found += [actor.name, actor.role, actor.story, *(fact.fact for fact in actor.public_record)]
        if actor.correction:
            found.append(actor.correction.note)
    for event in briefing.events:
        found += [event.title, event.detail]
    found += [quote.context for quote in briefing.quotes]
    return found


def test_bundled_briefing_has_both_languages_everywhere(bundled: Briefing) -> None:
    missing = [text for text in _texts(bundled) if not (text.en and text.fr)]
    assert missing == []


def test_evidence_is_short(bundled: Briefing) -> None:
    assert all(len(evidence.quote.split()) <= 25 for _, evidence in iter_evidence(bundled))


@pytest.mark.skipif(
    not ARTICLE.exists(), reason=f"the article is not at {ARTICLE}: provenance cannot be checked here"
)
def test_provenance_against_the_article(bundled: Briefing) -> None:
    assert check_provenance(bundled, ARTICLE) == []
    run = brief("validate", "--source", str(ARTICLE))
    assert run.exit_code == 0, run.stderr
    assert "sha256 matches" in run.stdout


def test_provenance_catches_a_quote_that_is_not_in_its_paragraph(tmp_path: Path) -> None:
    briefing = load_briefing(MINI)
    assert check_provenance(briefing, MINI_ARTICLE) == []
    altered = tmp_path / "article.txt"
    altered.write_text(
        MINI_ARTICLE.read_text(encoding="utf-8").replace("tiendrons", "tenons"), encoding="utf-8"
    )
    problems = {problem.path for problem in check_provenance(briefing, altered)}
    assert problems == {
        "$.source.sha256",
        "$.quotes[0].evidence[0].quote",
        "$.quotes[0].original",
    }


def test_text_falls_back_to_the_other_language() -> None:
    mini = load_briefing(MINI)
    # The mini briefing has an English-only headline and a French-only bottom line.
    assert mini.summary.headline.pick("fr") == "A mayor presents the town plan"
    assert mini.summary.bottom_line.pick("en").startswith("La maire")
    run = brief("summary", "--json", "--lang", "fr", "--data", str(MINI))
    assert run.json()["headline"] == "A mayor presents the town plan"
