"""Provenance: does a briefing's evidence really stand in the article it cites?"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from briefcli.load import BriefingError, Problem, iter_evidence, path_name
from briefcli.model import Briefing


def paragraphs_of(text: str) -> list[str]:
    """The article's paragraphs: its non-empty lines, white space folded (1-based by position)."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


#: An article larger than this is refused, before it is read when it is a regular file
#: (a pipe or a device such as /dev/zero is read up to the limit). A long news article
#: is ~50 kB; a whole book ~2 MB.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def _read_article(article: Path, where: str) -> bytes:
    if str(article) == "-":  # standard input
        import sys

        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        if len(data) <= MAX_ARTICLE_BYTES:
            return data
    else:
        with open(article, "rb") as file:  # only ever opened for reading
            info = os.fstat(file.fileno())
            if not (stat.S_ISREG(info.st_mode) and info.st_size > MAX_ARTICLE_BYTES):
                data = file.read(MAX_ARTICLE_BYTES + 1)  # pipes and devices have no size to check first
                if len(data) <= MAX_ARTICLE_BYTES:
                    return data
    limit = MAX_ARTICLE_BYTES // (1024 * 1024)
    raise BriefingError(where, [Problem(None, f"larger than the {limit} MiB limit for an article")])


def read_article(article: Path) -> tuple[bytes, str]:
    """The article's bytes (what its sha256 is of) and its text (a byte-order mark does not
    change the paragraphs), size-checked; every failure is a BriefingError naming the file.
    The path '-' is standard input, named <stdin>."""
    where = path_name(article)
    try:
        data = _read_article(article, where)
        return data, data.removeprefix(_BOM).decode("utf-8")
    except FileNotFoundError:
        raise BriefingError(where, [Problem(None, "cannot read the article: no such file")]) from None
    except IsADirectoryError:
        raise BriefingError(where, [Problem(None, "is a directory, not an article")]) from None
    except OSError as exc:
        raise BriefingError(
            where, [Problem(None, f"cannot read the article: {exc.strerror or exc}")]
        ) from None
    except UnicodeDecodeError as exc:
        raise BriefingError(where, [Problem(None, f"the article is not UTF-8 (byte {exc.start})")]) from None


def check_provenance(
    briefing: Briefing, article: Path, read: tuple[bytes, str] | None = None
) -> list[Problem]:
    """Every way the briefing disagrees with the article at `article`; `read`: its bytes
    and text, read once already (standard input can be read only once)."""
    data, text = read if read is not None else read_article(article)

    problems: list[Problem] = []
    digest = hashlib.sha256(data).hexdigest()
    if digest != briefing.source.sha256:
        problems.append(Problem("$.source.sha256", f"the article's sha256 is {digest}, not the one recorded"))
    paragraphs = paragraphs_of(text)
    if len(paragraphs) != briefing.source.paragraphs:
        problems.append(
            Problem(
                "$.source.paragraphs",
                f"the article has {len(paragraphs)} paragraphs, not {briefing.source.paragraphs}",
            )
        )
    if paragraphs and " ".join(briefing.source.headline.split()) != paragraphs[0]:
        problems.append(Problem("$.source.headline", "is not the article's first paragraph as printed"))

    for path, evidence in iter_evidence(briefing):
        if not 1 <= evidence.para <= len(paragraphs):
            continue  # out of range: the briefing check reports it
        words = " ".join(evidence.quote.split())
        if words not in paragraphs[evidence.para - 1]:
            elsewhere = [str(number) for number, text in enumerate(paragraphs, 1) if words in text]
            where = (
                f" (it is in paragraph{'s' * (len(elsewhere) > 1)} {', '.join(elsewhere)})"
                if elsewhere
                else ""
            )
            problems.append(
                Problem(f"{path}.quote", f"does not occur verbatim in paragraph {evidence.para}{where}")
            )
    for index, quote in enumerate(briefing.quotes):
        cited = {e.para for e in quote.evidence if 1 <= e.para <= len(paragraphs)}
        original = " ".join(quote.original.split())
        if not any(original in paragraphs[para - 1] for para in cited):
            problems.append(
                Problem(
                    f"$.quotes[{index}].original",
                    "does not occur verbatim in the paragraphs its evidence cites",
                )
            )
    return problems
