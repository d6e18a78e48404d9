"""A PDF page's characters joined into lines, as pdfplumber's ``extract_text_lines`` joins them.

Characters whose baselines lie within :data:`TOLERANCE` points of one another (each of the next,
in order from the top) are one line, read left to right: baselines rather than pdfplumber's tops,
so that a heading's number in a larger size stays on its line. A space is put where the document has
one, or where the gap between two characters is wider than :data:`TOLERANCE`; runs of spaces
become one, and a line is stripped. A line is a dict: ``text``, ``x0``, ``x1``, ``top``,
``bottom`` (points from the page's top-left corner), ``size`` (the median em size of its
characters) and ``first`` (the width of its first unbreakable piece: a run of Latin letters and
digits up to the first space, or one character).
"""

from __future__ import annotations

from statistics import median
from typing import Any

from .pdf_page import Char

#: Points: pdfplumber's default x_tolerance and y_tolerance.
TOLERANCE = 3.0


def lines_of(chars: list[Char]) -> list[dict[str, Any]]:
    """The lines of `chars`, from the top of the page down; lines of spaces only are left out."""
    out = []
    for row in _rows(chars):
        line = _line(row)
        if line is not None:
            out.append(line)
    return out


def text_of(chars: list[Char]) -> str:
    """The lines of `chars` as text, one per line (a table cell's text)."""
    return "\n".join(text for text, _, _ in map(_words, _rows(chars)) if text)


def _rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline (each within TOLERANCE of the one before it), left to right."""
    rows: list[list[Char]] = []
    last = None
    for char in sorted(chars):
        if last is None or char[0] > last + TOLERANCE:
            rows.append([])
        rows[-1].append(char)
        last = char[0]
    for row in rows:
        row.sort(key=_left_then_bottom)
    return rows


def _left_then_bottom(char: Char) -> tuple[float, float]:
    return (char[1], char[5])


def _line(row: list[Char]) -> dict[str, Any] | None:
    text, kept, first = _words(row)
    if not kept:
        return None
    return {
        "text": text,
        "x0": kept[0][1],
        "x1": max(c[2] for c in kept),
        "top": min(c[4] for c in kept),
        "bottom": max(c[5] for c in kept),
        "size": median(c[6] for c in kept),
        "first": _first_width(kept, first),
    }


def _words(row: list[Char]) -> tuple[str, list[Char], int]:
    """The row's text, its characters other than spaces, and where its second word starts among them."""
    parts: list[str] = []
    kept: list[Char] = []
    second = 0
    space = False
    previous = None
    for char in row:
        if char[3] == " ":
            space = True
            continue
        if previous is not None and (
            char[1] > previous[2] + TOLERANCE or abs(char[0] - previous[0]) > TOLERANCE
        ):
            space = True
        if kept and space:
            parts.append(" ")
            second = second or len(kept)
        space = False
        parts.append(char[3])
        kept.append(char)
        previous = char
    return "".join(parts), kept, second or len(kept)


def _first_width(chars: list[Char], end: int) -> float:
    """Width of the first unbreakable piece: a run of Latin letters and digits (up to the first
    word break, at `end`), or one character."""
    k = 0
    while k + 1 < end and chars[k][3].isascii() and chars[k + 1][3].isascii():
        k += 1
    return chars[k][2] - chars[0][1]
