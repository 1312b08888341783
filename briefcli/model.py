"""The briefing's types: the one definition of the briefing format.

msgspec validates a file against these types while decoding it, and
`python -m briefcli.schema` generates `data/briefing.schema.json` from them.
Rules that a type cannot say (unique ids, references, calendar dates, paragraph
ranges, a text in at least one language) are checked in `rules.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from briefcli.choices import ActorKind, Basis, Direction, EventKind, Lang, Precision

__all__ = ["ActorKind", "Citation", "Direction", "EventKind", "Lang", "Precision"]


# Every pattern ends with $(?!\n): the end of the text, for Python's `re` (where a bare $
# also matches before a final newline, so "mark-rutte\n" would pass) as for the JSON
# Schema's ECMA regular expressions (where $ is already the end).
Id = Annotated[
    str,
    Meta(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$(?!\n)",
        description="A stable identifier: lower-case letters and digits joined by hyphens.",
    ),
]
IsoDate = Annotated[
    str,
    Meta(
        pattern=r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$(?!\n)",
        description="An ISO 8601 calendar date, whole (2025-07-14) or partial (2025-07, 2025).",
    ),
]
NonEmpty = Annotated[str, Meta(min_length=1)]
BasisField = Annotated[
    Basis,
    Meta(
        description="Where a fact comes from: the article states it, or the public record "
        "supplies it (then its sources are named)."
    ),
]
HttpUrl = Annotated[
    str,
    Meta(
        pattern=r"^https?://[^\s;]+$(?!\n)",
        description="One http or https address, without spaces.",
    ),
]


class _Record(
    msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True, gc=False, frozen=True
):
    """Every record refuses fields it does not know, so a typo is an error, not a silent loss.

    gc=False: records hold no reference cycles, so the garbage collector need not track
    them; on a briefing of 100,000 events that saves a third of the decoding time.
    frozen: briefings read together share one object for a record they hold alike, and
    one list for a section they hold alike (together.py), so no record, and no list of
    one, may be changed in place; a changed copy is made with msgspec.structs.replace.
    """


class Text(_Record, kw_only=True, frozen=True):
    """A text in English, French or both: at least one of them."""

    en: str | None = None
    fr: str | None = None

    def pick(self, lang: Lang) -> str:
        """The text in `lang`, or in the other language when `lang` is missing."""
        first, second = (self.en, self.fr) if lang == "en" else (self.fr, self.en)
        return first or second or ""


LocalText = Annotated[Text, Meta(extra_json_schema={"minProperties": 1})]


class Evidence(_Record, kw_only=True, frozen=True):
    """A short span of the article, verbatim, that proves a fact."""

    para: Annotated[
        int,
        Meta(ge=1, description="Paragraph number: the 1-based index of the article's non-empty lines."),
    ]
    quote: Annotated[
        str,
        Meta(
            min_length=1,
            description="At most 25 words occurring verbatim (white space folded) in that paragraph.",
        ),
    ]


EvidenceList = Annotated[list[Evidence], Meta(min_length=1)]


class Citation(_Record, kw_only=True, frozen=True):
    """One public-record source: who published it, what it is, where and when.

    One record per source: two sources are two records, never one text joined by ';'.
    """

    outlet: Annotated[
        str, Meta(min_length=1, description="Who published it: a news outlet, an agency, an institution.")
    ]
    title: Annotated[str, Meta(min_length=1, description="Its title, or a short description of it.")]
    url: Annotated[HttpUrl | None, Meta(description="Where to read it.")] = None
    date: Annotated[IsoDate | None, Meta(description="When it was published, as far as known.")] = None


Citations = Annotated[
    list[Citation],
    Meta(min_length=1, description="The public record's sources: at least one, and at least one with a URL."),
]


class Source(_Record, kw_only=True, frozen=True):
    """The article the briefing is made from."""

    language: Annotated[str, Meta(pattern=r"^[a-z]{2}$(?!\n)", description="ISO 639-1 code.")]
    headline: Annotated[str, Meta(min_length=1, description="The headline as printed.")]
    published: IsoDate
    published_basis: BasisField
    published_sources: Annotated[
        list[Citation],
        Meta(
            description="The public record's sources for the date; required when published_basis is public-record."
        ),
    ] = []
    correspondent: Id | None = None
    paragraphs: Annotated[int, Meta(ge=1, description="Number of non-empty lines.")]
    sha256: Annotated[
        str, Meta(pattern=r"^[0-9a-f]{64}$(?!\n)", description="SHA-256 of the article's bytes.")
    ]


class Point(_Record, kw_only=True, frozen=True):
    """A key point, or a thing to watch, with its evidence."""

    text: LocalText
    evidence: EvidenceList


class Summary(_Record, kw_only=True, frozen=True):
    """A briefing just started (`brief new`) has no bottom line or key points yet: it is
    valid, and `brief validate` notes what is still missing."""

    headline: LocalText
    bottom_line: Annotated[Text, Meta(description="What it means; {} in a briefing just started.")]
    key_points: list[Point]
    watch: list[Point] = []


class Correction(_Record, kw_only=True, frozen=True):
    """Where the article got a name wrong: what it wrote, and the correction."""

    as_written: NonEmpty
    corrected: NonEmpty
    note: LocalText
    sources: Annotated[Citations, Meta(description="The public record that corrects it.")]


class PublicRecord(_Record, kw_only=True, frozen=True):
    """A fact about an actor that the public record supplies and the article does not."""

    fact: LocalText
    sources: Citations


class Actor(_Record, kw_only=True, frozen=True):
    """A person, organization, country or group the article names or plainly refers to."""

    id: Id
    name: Annotated[
        Text, Meta(extra_json_schema={"minProperties": 1}, description="The name, in each language.")
    ]
    kind: ActorKind
    role: LocalText
    affiliation: Id | None = None
    aliases: list[NonEmpty] = []
    story: Annotated[
        Text, Meta(extra_json_schema={"minProperties": 1}, description="What the actor does in the story.")
    ]
    correction: Correction | None = None
    public_record: list[PublicRecord] = []
    evidence: EvidenceList


class Event(_Record, kw_only=True, frozen=True):
    """One dated step of the story."""

    id: Id
    date: IsoDate
    end: IsoDate | None = None
    precision: Precision
    basis: BasisField
    sources: Annotated[
        list[Citation],
        Meta(description="The public record's sources; required when basis is public-record."),
    ] = []
    kind: EventKind
    direction: Annotated[
        Direction | None, Meta(description="For a policy change (or a proposed one): its direction.")
    ] = None
    actors: list[Id] = []
    title: LocalText
    detail: LocalText
    evidence: EvidenceList


class Quote(_Record, kw_only=True, frozen=True):
    """Who said what, in the article's language as printed, with an English translation."""

    id: Id
    speaker: Id
    original: Annotated[str, Meta(min_length=1, description="As printed in the article.")]
    translation: Annotated[str, Meta(min_length=1, description="English translation.")]
    context: LocalText
    evidence: EvidenceList


class Briefing(_Record, kw_only=True, frozen=True):
    """A briefing: one article's facts, sourced."""

    schema_: str | None = msgspec.field(default=None, name="$schema")
    schema_version: Annotated[
        Literal[2], Meta(description="2: sources are lists of records (1 had one text each).")
    ]
    id: Id
    source: Source
    summary: Summary
    actors: list[Actor]
    events: list[Event]
    quotes: list[Quote] = []
