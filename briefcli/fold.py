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
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


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


_CHUNK = 1024  # characters: long texts are skipped through a chunk at a time


def original_offset(text: str, index: int) -> int:
    """The offset in `text` of the character that gave `fold_aligned(text)[0][index]`."""
    # Folding goes character by character, so chunks fold on their own: skip whole
    # chunks at C speed, then walk the one that holds `index`, where only non-ASCII
    # characters can fold to other than one character.
    start = shift = 0  # shift: folded offset minus original offset, so far
    while start + _CHUNK < len(text):
        width = len(fold_aligned(text[start : start + _CHUNK])[0])
        if index < start + shift + width:
            break
        shift += width - _CHUNK
        start += _CHUNK
    for char in _NON_ASCII.finditer(text, start, start + _CHUNK):
        at = char.start()
        if index < at + shift:
            break
        width = len(_FOLDS[ord(char[0])])
        if index < at + shift + width:
            return at
        shift += width - 1
    return index - shift


def fold(text: str) -> str:
    """The form texts are compared in: folded, with every run of punctuation and space
    as one space, trimmed."""
    return re.sub(_NON_WORD, " ", fold_aligned(text)[0]).strip()
