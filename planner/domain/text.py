"""Normalising user text on the way in, and making any text safe to print."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

MAX_TEXT = 20_000
_LINE_BREAK = "\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"
"""Every line boundary of `str.splitlines` (which Textual's TextArea also breaks lines at)."""
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_SURROGATE = "[\ud800-\udfff]"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The three patterns, compiled when unprintable text first needs them (their character
    classes are slow to compile, and most runs never see such text)."""
    return re.compile(_SURROGATE), re.compile(_LINE_BREAK), re.compile(_CONTROL)


def normalize_text(text: str) -> str:
    """Text as stored: NFC, every line break as `\\n`, no control characters but tab and newline.

    ESC, C1 controls, bidirectional overrides and lone surrogates are removed, so stored text
    can never act on a terminal.
    """
    if text.isprintable():
        # No control, format, line-separator or surrogate character (all are unprintable),
        # so the three substitutions below would change nothing: the common case, fast.
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    surrogate, line_break, control = _patterns()
    text = surrogate.sub("", text)
    text = line_break.sub("\n", text)
    text = control.sub("", text)
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Text folded onto one line (for tables and lists)."""
    return " ".join(normalize_text(text).split())


def clean_field(name: str, text: str, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Normalise one text field; raise ValueError naming the field when it is not acceptable."""
    value = normalize_text(text).strip()
    if required and not value:
        raise ValueError(f"{name} must not be empty")
    if len(value) > limit:
        raise ValueError(f"{name} is {len(value):,} characters; the limit is {limit:,}")
    return value


def with_article(word: str) -> str:
    """The word after `a` or `an` as it is said (`an early`, `a senior`)."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
