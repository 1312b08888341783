"""Starting a briefing: the skeleton `brief new` writes for an article, and what a
briefing still lacks (`validate` lists it as notes, not problems)."""

from __future__ import annotations

import re

from briefcli.messages import Message
from briefcli.model import Briefing, Lang, Source, Summary, Text

SCHEMA_URL = "briefing.schema.json"


def slug(text: str) -> str:
    """An id from free text: lower-case ASCII words joined by hyphens."""
    import unicodedata

    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", bare.lower())) or "briefing"


def skeleton(article: bytes, *, name: str, published: str, lang: Lang) -> tuple[Briefing, list[str]]:
    """A valid briefing with the article's source block and nothing else, and the
    article's paragraphs (evidence cites them by their 1-based number).

    Raises UnicodeDecodeError or ValueError (no paragraph) for an article it cannot use."""
    import hashlib

    from briefcli.provenance import paragraphs_of  # `validate` imports this module for `missing`

    paragraphs = paragraphs_of(article.decode("utf-8"))
    if not paragraphs:
        raise ValueError("the article has no text")
    headline = paragraphs[0]
    briefing = Briefing(
        schema_=SCHEMA_URL,
        schema_version=2,
        id=f"{slug(name)}-{published}" if not slug(name).endswith(published) else slug(name),
        source=Source(
            language=lang,
            headline=headline,
            published=published,
            published_basis="article",
            paragraphs=len(paragraphs),
            sha256=hashlib.sha256(article).hexdigest(),
        ),
        summary=Summary(
            headline=Text(en=headline) if lang == "en" else Text(fr=headline),
            bottom_line=Text(),
            key_points=[],
        ),
        actors=[],
        events=[],
    )
    return briefing, paragraphs


def missing(briefing: Briefing) -> list[Message]:
    """What a briefing does not say yet: a started one is valid, but not finished."""
    summary = briefing.summary
    gaps = []
    if not (summary.bottom_line.en or summary.bottom_line.fr):
        gaps.append(Message("note.not_written", path="$.summary.bottom_line"))
    for field, items in (
        ("summary.key_points", summary.key_points),
        ("actors", briefing.actors),
        ("events", briefing.events),
    ):
        if not items:
            gaps.append(Message("note.none_yet", path=f"$.{field}"))
    return gaps


_COMMON = {
    "fr": {"le", "la", "les", "des", "du", "et", "un", "une", "est", "pour", "dans", "qui", "que"},
    "en": {"the", "and", "of", "to", "a", "is", "for", "in", "that", "with", "on", "was"},
}


def guess_language(paragraphs: list[str]) -> Lang:
    """French or English, by their commonest words; French on a tie (brief's articles are)."""
    words = [word.lower() for paragraph in paragraphs for word in re.findall(r"\w+", paragraph)]
    english = sum(word in _COMMON["en"] for word in words)
    french = sum(word in _COMMON["fr"] for word in words)
    return "en" if english > french else "fr"
