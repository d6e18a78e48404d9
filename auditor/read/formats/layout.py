"""Lay a document out as the text the engine audits, remembering each piece's place.

Paragraphs are one line each. A table row with two or more filled cells is one pipe row
``| 项目 | 行次 | 金额 |`` (``|`` is a clause boundary for the engine, so a cell's figure is never
labelled with its neighbour's words); a row with a single filled cell is a plain line, so a
one-column sheet reads as prose. Every paragraph, line and cell records where it starts in
the text and its place in the document's own terms (``第3页第7行``, ``Sheet!C7``, ``表2第3行第4列``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.errors import InputError
from ..source import Cell, Source, Table

_SPACE = re.compile(r"[\s|]+")


def clean(text: str | None) -> str:
    """One line: inner newlines, tabs and pipes become single spaces."""
    if not text:
        return ""
    return (
        _SPACE.sub(" ", text).strip()
        if ("|" in text or "\n" in text or "\t" in text or "\r" in text)
        else text.strip()
    )


@dataclass
class Layout:
    lines: list[str] = field(default_factory=list)
    places: list[tuple[int, int, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    _table_end: int = 0  # number of lines when the last table ended

    def paragraph(self, text: str, place: str | None) -> int:
        """Add one line; returns its 1-based number."""
        self.lines.append(text.replace("\n", " ").replace("\r", " "))
        n = len(self.lines)
        if place is not None:
            self.places.append((n, 1, place))
        return n

    def pieces(self, parts: list[tuple[str, str]]) -> int:
        """One line made of consecutive pieces, each with its own place (PDF lines of one paragraph)."""
        text = ""
        n = len(self.lines) + 1
        for piece, place in parts:
            self.places.append((n, len(text) + 1, place))
            text += piece
        self.lines.append(text)
        return n

    def row(self, cells: list[tuple[str, str]]) -> list[Cell]:
        """A table row: (text, place) per cell; returns the cells with their text positions."""
        texts = [clean(t) for t, _ in cells]
        n = len(self.lines) + 1
        filled = [k for k, t in enumerate(texts) if t]
        out: list[Cell] = []
        if len(filled) <= 1:
            line = texts[filled[0]] if filled else ""
            for k, (_, place) in enumerate(cells):
                out.append(Cell(texts[k], place, n, 1))
            if filled:
                self.places.append((n, 1, cells[filled[0]][1]))
            self.lines.append(line)
            return out
        line = "|"
        for k, (_, place) in enumerate(cells):
            line += " "
            out.append(Cell(texts[k], place, n, len(line) + 1))
            self.places.append((n, len(line) + 1, place))
            line += texts[k] + " |"
        self.lines.append(line)
        return out

    def table(self, name: str, rows: list[list[tuple[str, str]]], caption: str = "") -> Table:
        """Add a table. One that follows another of the same width with nothing but empty lines
        between them continues it (a table broken across pages, or split in two by hand)."""
        grid = [self.row(r) for r in rows]
        last = self.tables[-1] if self.tables else None
        if (
            last is not None
            and last.rows
            and grid
            and len(last.rows[0]) == len(grid[0])
            and not any(ln.strip() for ln in self.lines[self._table_end : len(self.lines) - len(grid)])
        ):
            last.rows.extend(grid)
            self._table_end = len(self.lines)
            return last
        table = Table(name=name, rows=grid, caption=caption)
        self.tables.append(table)
        self._table_end = len(self.lines)
        return table

    def last_text(self, lookback: int = 3) -> str:
        """The last non-empty lines (a table's caption is usually just above it)."""
        found = [ln for ln in self.lines[-lookback:] if ln.strip()]
        return " ".join(found)

    def source(self, name: str, encoding: str, unread: tuple[tuple[str, int], ...] = ()) -> Source:
        from ..source import Source

        text = "\n".join(self.lines)
        if not text.strip():
            raise _empty(name)
        places = tuple(sorted(set(self.places)))
        return Source(name, text + "\n", encoding, places, tuple(self.tables), unread)


def _empty(name: str) -> InputError:
    return InputError(name, "no text in the document: nothing to audit")
