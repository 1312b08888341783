"""Untrusted text, made inert for each kind of output.

A briefing file is input from anyone. Its text reaches a terminal only through
`inert()`, reaches Markdown only through `markdown_inline()`, and reaches JSON
through `escape_json_bytes()`, which keeps the text exact but escapes what a
terminal or a bidi-aware viewer could act on.
"""

from __future__ import annotations

import re

# Patterns are strings, compiled on first use (re caches them): a run that prints
# nothing untrusted compiles none.
# C0 and C1 controls, DEL, bidi embeddings, overrides and isolates, LRM/RLM, line and
# paragraph separators, and the byte-order mark.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"


def _visible(match: re.Match[str]) -> str:
    char = match[0]
    if char in "\t\n":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """Text a terminal shows as it is: every control, escape and bidi character is
    spelled out (ESC becomes the four characters \\x1b); tabs and newlines become spaces."""
    return re.sub(_UNSAFE, _visible, text)


_MARKDOWN_SPECIAL = r"([\\`*_\[\]<>|#&~])"


def markdown_inline(text: str) -> str:
    """Text that Markdown renders as itself: inert, with Markdown's and HTML's
    punctuation escaped, on one line (safe in a table cell)."""
    return re.sub(_MARKDOWN_SPECIAL, r"\\\1", inert(text))


# In UTF-8: DEL, C1 controls (C2 80-9F), LRM/RLM, U+2028/2029, U+202A-202E, U+2066-2069.
_JSON_UNSAFE = rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]"


def escape_json_bytes(encoded: bytes) -> bytes:
    """JSON whose strings decode to exactly the same text, with the characters a JSON
    encoder leaves raw but a terminal may obey written as \\u escapes. Valid because
    these bytes only ever occur inside JSON strings."""
    # Every such sequence starts with one of three bytes; find() scans for one at memchr
    # speed, many times faster than a regex, so clean output (the usual case) costs little.
    if all(encoded.find(lead) < 0 for lead in (b"\x7f", b"\xc2", b"\xe2")):
        return encoded
    return re.sub(_JSON_UNSAFE, lambda m: b"\\u%04x" % ord(m[0].decode()), encoded)
