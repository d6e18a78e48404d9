"""What the read stage hands over: a document read to text, with its places and tables.

``Source`` is the text to audit and the map back to the document's own terms; ``Table`` and
``Cell`` are the plain grids the format readers find (the statistical tables are recognised and
checked by later stages, see ``auditor.parse.grids``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Source:
    """A document read to text.

    ``places`` maps positions of ``text`` back to the document's own terms, for readers of
    formats other than plain text: a sorted tuple of ``(line, column, place)`` (1-based), each
    place holding from its position up to the next one, such as ``(12, 1, "第3页第7行")`` or
    ``(40, 9, "收入支出决算总表!C7")``. Plain text has none: line and column are the place.
    ``tables`` holds the tables a format reader found (:class:`Table`, cells with their
    places), for the statistical tables' own arithmetic; ``unread`` what it could not read
    (scanned pages of a PDF), reported in the coverage so that nothing goes unchecked unsaid;
    ``replaced`` the few invalid bytes of a text read with U+FFFD in their place (an info
    finding each, with its line and column).
    """

    name: str  # the path as given, or "<text>"
    text: str
    encoding: str
    places: tuple[tuple[int, int, str], ...] = ()
    tables: tuple[Table, ...] = field(default=(), hash=False)  # Table (mutable): not part of the hash
    # parts a reader could not read: (what, how many), e.g. scanned pages
    unread: tuple[tuple[str, int], ...] = ()
    # bytes that could not be decoded, read as U+FFFD: (line, column, "byte 0xff at offset 1234")
    replaced: tuple[tuple[int, int, str], ...] = ()

    def place_at(self, line: int, column: int) -> str | None:
        return place_at(self.places, line, column)


def place_at(places: tuple[tuple[int, int, str], ...], line: int, column: int) -> str | None:
    """The place holding (line, column), or None when the places say nothing there."""
    if not places:
        return None
    from bisect import bisect_right

    k = bisect_right(places, (line, column, "\U0010ffff")) - 1
    return places[k][2] if k >= 0 else None


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    place: str  # 收入支出决算总表!C7, 表2第3行第4列, 第3页表1第2行第4列
    line: int  # 1-based position of the cell's text in Source.text
    column: int


@dataclass
class Table:
    name: str  # sheet name, or 表N
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""  # the text just above the table (its title, when the title is outside the grid)
