"""The one form texts are compared in: accents, case and invisible formatting ignored.

Every comparison brief makes (actor lookups, --actor filters, search) folds both the
query and the texts with this module, so "poutine", "Poutine", "POUTINE" and
"Pou\u200dtine" are one query. A character folds to its compatibility decomposition
(NFKD) without combining marks (accents) or format characters (Unicode category Cf:
zero-width joiners, soft hyphens, byte-order marks), case-folded.

`fold_aligned` folds a whole string at C speed (`str.lower` for ASCII, a byte table
for Latin-1, `str.translate` for the rest) and says whether offsets are unchanged;
`original_offset` maps an offset back to the text, only for the texts that match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_NON_WORD = r"[\W_]+"  # compiled on first use: a Unicode class is slow to compile


def fold_char(char: str) -> str:
    """One character's folded form: usually one character, sometimes none (a soft
    hyphen, a combining accent) or several ('ß' is 'ss', 'ﬁ' is 'fi')."""
    return "".join(
        part.casefold()
        for part in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(part) and unicodedata.category(part) != "Cf"
    )


class _Folds(dict[int, str]):
    """Code point -> folded form, for `str.translate`; filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLDS = _Folds()


@cache
def _latin1() -> tuple[bytes, re.Pattern[bytes]]:
    """A byte table folding each Latin-1 character that folds to one Latin-1 character,
    and a pattern for those that do not (µ, ¼, ½, ¾, ß, the soft hyphen): a text holding
    one takes the slow way."""
    table = bytearray(range(256))
    other = bytearray()
    for byte in range(256):
        folded = _FOLDS[byte]
        if len(folded) == 1 and ord(folded) < 256:
            table[byte] = ord(folded)
        else:
            other.append(byte)
    return bytes(table), re.compile(b"[" + b"".join(re.escape(bytes([byte])) for byte in other) + b"]")


def fold_aligned(text: str) -> tuple[str, bool]:
    """`text` folded character by character (punctuation kept), and whether every
    folded character sits at its original offset (each character folded to one)."""
    if text.isascii():  # O(1) in CPython; on ASCII, NFKD changes nothing and casefold is lower
        return text.lower(), True
    try:
        encoded = text.encode("latin-1")
    except UnicodeEncodeError:
        return text.translate(_FOLDS), False
    table, other = _latin1()
    if other.search(encoded):
        return text.translate(_FOLDS), False
    return encoded.translate(table).decode("latin-1"), True


def original_offset(text: str, index: int) -> int:
    """The offset in `text` of the character that gave `fold_aligned(text)[0][index]`."""
    # Folding goes character by character, so the fold of a prefix is a prefix of the
    # fold: find the shortest prefix whose fold reaches past `index`, by bisection, at
    # C speed however long the text.
    low, high = 0, len(text) - 1
    while low < high:
        middle = (low + high) // 2
        if len(fold_aligned(text[: middle + 1])[0]) > index:
            high = middle
        else:
            low = middle + 1
    return low


def fold(text: str) -> str:
    """The form texts are compared in: folded, with every run of punctuation and space
    as one space, trimmed."""
    return re.sub(_NON_WORD, " ", fold_aligned(text)[0]).strip()
