"""normalize_text: any text in, text that cannot act on a terminal out."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.text import MAX_TEXT, clean_field, normalize_text, one_line

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200)
PIECES = [
    "a",
    "é",
    "e\u0301",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x1b[31m",
    "\x00",
    "\x7f",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1e",
    "\u2028",
    "\u2029",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ud800",
    "\udfff",
    "[b]",
    "漢",
    "🙂",
]
NASTY = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


def _unsafe(ch: str) -> bool:
    code = ord(ch)
    return (
        (code < 0x20 and ch not in "\t\n")
        or 0x7F <= code <= 0x9F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or 0xD800 <= code <= 0xDFFF
        or ch == "\r"
    )


@SETTINGS
@given(text=ANY_TEXT | NASTY)
def test_normalize_never_raises_and_leaves_nothing_unsafe(text: str) -> None:
    """No C0 but tab and newline, no DEL/C1/ESC, no bidi controls, no lone surrogates, no CR."""
    clean = normalize_text(text)
    assert not [ch for ch in clean if _unsafe(ch)]
    clean.encode("utf-8")


@SETTINGS
@given(text=ANY_TEXT | NASTY)
def test_normalize_is_idempotent(text: str) -> None:
    """Normalising normalised text changes nothing."""
    once = normalize_text(text)
    assert normalize_text(once) == once


@SETTINGS
@given(text=ANY_TEXT | NASTY)
def test_normalized_text_is_nfc(text: str) -> None:
    """Stored text is in Unicode normal form C."""
    clean = normalize_text(text)
    assert unicodedata.is_normalized("NFC", clean)


@SETTINGS
@given(text=ANY_TEXT | NASTY)
def test_newline_is_the_only_line_break_left(text: str) -> None:
    """No boundary that `str.splitlines` (and so a TUI text area) breaks at is left but `\\n`."""
    clean = normalize_text(text)
    assert [ch for ch in clean if ch != "\n" and len(f"x{ch}x".splitlines()) > 1] == []


def test_every_line_break_becomes_a_newline() -> None:
    """Form feed, vertical tab, separators, NEL and U+2028/9 break lines as a text area shows."""
    text = "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i"
    assert normalize_text(text) == "\n".join(text.splitlines())
    assert normalize_text("0\x0c0") == "0\n0"


def test_crlf_and_lone_cr_become_newlines() -> None:
    """Windows and old-Mac line ends both become a single newline."""
    assert normalize_text("a\r\nb\rc\n") == "a\nb\nc\n"


def test_escape_sequences_lose_their_escape() -> None:
    """An ANSI colour code or a CSI cannot reach the terminal."""
    assert normalize_text("\x1b[31mred\x1b[0m \x9b2J") == "[31mred[0m 2J"


def test_bidi_overrides_are_removed() -> None:
    """Right-to-left overrides and isolates are dropped."""
    assert normalize_text("abc\u202edef\u2066g\u2069") == "abcdefg"


def test_tabs_newlines_and_ordinary_unicode_survive() -> None:
    """Tabs, newlines, accents, CJK and emoji are kept (accents composed)."""
    assert normalize_text("café\tnaïve\n漢字 🙂") == "café\tnaïve\n漢字 🙂"
    assert normalize_text("e\u0301") == "é"


def test_one_line_folds_whitespace() -> None:
    """Newlines and runs of spaces fold to single spaces."""
    assert one_line("  a\n\tb   c \r\n") == "a b c"


def test_clean_field_refuses_empty_required_text() -> None:
    """A required field of only spaces and controls is refused, naming the field."""
    with pytest.raises(ValueError, match="title must not be empty"):
        clean_field("title", " \x1b\x00 ", required=True)


def test_clean_field_refuses_text_over_the_limit() -> None:
    """Text over 20,000 characters is refused with the limit in the message."""
    assert MAX_TEXT == 20_000
    assert len(clean_field("notes", "x" * MAX_TEXT)) == MAX_TEXT
    with pytest.raises(ValueError, match="20,000"):
        clean_field("notes", "x" * (MAX_TEXT + 1))


def _slow_normalize(text: str) -> str:
    """normalize_text without its fast path for printable text (the reference)."""
    import re

    text = re.sub("[\ud800-\udfff]", "", text)
    text = re.sub("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "", text)
    return unicodedata.normalize("NFC", text)


@SETTINGS
@given(text=ANY_TEXT | NASTY)
def test_the_fast_path_for_printable_text_changes_nothing(text: str) -> None:
    """Printable text skips the substitutions (issue 17: 10k mocks load faster), same result."""
    assert normalize_text(text) == _slow_normalize(text)
    assert normalize_text("e\u0301 ok") == "\u00e9 ok"  # printable but not NFC: composed
