"""`brief validate`: check a briefing file, and its provenance against the article,
into one result record that the views display."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from briefcli.messages import Message
from briefcli.model import Briefing
from briefcli.problems import BriefingError, Problem

if TYPE_CHECKING:
    from briefcli.load import ReadTogether


class Counts(msgspec.Struct, frozen=True):
    actors: int
    events: int
    quotes: int


class Validation(msgspec.Struct, frozen=True):
    """What `brief validate` found: the file, every problem, and (when valid) the counts."""

    file: Path
    name: str  # how a person reads it: the path, <stdin>, or the path "(from BRIEF_DATA)"
    bundled: bool  # the briefing brief ships: a person reads "bundled briefing", not a path
    problems: list[Problem]
    counts: Counts | None  # None when the file does not decode
    article: Path | None  # the article provenance was checked against, if any
    evidence_checked: int  # evidence quotes found verbatim in the article (0 without one)
    briefing: Briefing | None  # for what several briefings say together (merge.disagreements)
    notes: list[Message]  # what a briefing just started still lacks (skeleton.missing)

    @property
    def briefing_id(self) -> str | None:
        return None if self.briefing is None else self.briefing.id

    @property
    def valid(self) -> bool:
        return not self.problems


def _is_bundled(path: Path, bundled_path: Callable[[], Path]) -> bool:
    """Whether `path` is the bundled briefing; not when that one is missing (another
    file is still validated)."""
    try:
        return path == bundled_path()
    except BriefingError:
        return False


def validate(
    path: Path,
    article: Path | None = None,
    name: str | None = None,
    shared: ReadTogether | None = None,
    article_read: tuple[bytes, str] | None = None,
) -> Validation:
    """Read, decode and check the briefing at `path`; with `article`, check that every
    evidence quote stands verbatim in it. Raises BriefingError only for an article
    that cannot be read; every problem with the briefing is in the result."""
    from briefcli.load import bundled_path, read_briefing
    from briefcli.rules import iter_evidence

    briefing: Briefing | None
    notes: list[Message] = []
    try:
        briefing, problems = read_briefing(path, name, shared)
        if briefing is None:  # read, but it does not decode: the rules wait for it to
            notes.append(Message("note.rules_wait"))
    except BriefingError as exc:
        briefing, problems = None, exc.problems
    evidence_checked = 0
    if briefing is not None and article is not None:
        from briefcli.provenance import check_provenance

        problems = [*problems, *check_provenance(briefing, article, article_read)]
        evidence_checked = sum(1 for _ in iter_evidence(briefing))
    from briefcli.skeleton import missing

    return Validation(
        file=path,
        name=name or str(path),
        bundled=_is_bundled(path, bundled_path),
        problems=problems,
        counts=None
        if briefing is None
        else Counts(len(briefing.actors), len(briefing.events), len(briefing.quotes)),
        article=article,
        evidence_checked=evidence_checked,
        briefing=briefing,
        notes=notes if briefing is None else missing(briefing),
    )
