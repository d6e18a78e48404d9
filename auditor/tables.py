"""The statistical tables (附表) as grids of cells, and their own arithmetic.

Readers (auditor.formats) hand over every table they find as a :class:`Table`: rows of
:class:`Cell` with the cell's text, its place in the document's own terms and where the cell
starts in the text the engine audits. :func:`audit_tables` recognises the standard tables by
their titles and checks them (see the FA7xx rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
