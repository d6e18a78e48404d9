"""Self-evaluation tables (绩效自评表) as they appear in the text: rows of cells.

Word and web exports write these tables one cell per line, each cell ending in ``|`` and each
row opened by a line holding only ``|`` (seed 003); a markdown pipe table (``| a | b |``) is
read the same way, a row per line; a table exported from a spreadsheet puts one cell per line
with rows apart by blank lines. The header words of the budget and score columns are here too;
``check.selfeval`` makes the table's relations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document

_ROW_OPEN = re.compile(r"^\s*\|\s*$")
_CELL_END = re.compile(r"\s*\|[\s|]*$")

INITIAL = ("年初预算数", "年初预算")
ADJUST = ("年中预算调整数", "预算调整数", "调整数")
ADJUSTED = ("调整后预算数", "全年预算数", "全年预算")
ACTUAL = ("实际支出数", "全年执行数", "执行数", "实际支出")
RATE = ("预算执行率", "执行率")
WEIGHT = ("分值",)
SCORE = ("得分",)


@dataclass
class Cell:
    text: str
    start: int  # normalised offset
    end: int


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


def rows(doc: Document) -> list[list[Row]]:
    """The tables of the text, each a list of rows: one cell per line with rows opened by a line
    holding only ``|`` (seed 003), pipe rows, or one cell per line with rows apart by blank lines
    (the same table exported from a spreadsheet)."""
    if not _TABLE_WORDS.search(doc.text.text):  # no budget block, no scores: no self-evaluation table
        return []
    t = doc.text.text
    return (_pipe_rows(doc) if "|" in t else []) + (_blank_separated_rows(doc) if _HEADER_LINE.search(t) else [])


_HEADER_LINE = re.compile(r"^[ \t]*(?:年初预算数|全年预算数|调整后预算数|预算执行率(?:\(%\))?|指标得分)[ \t]*$", re.M)
_TABLE_WORDS = re.compile(r"年初预算数|预算执行率|分值|得分")
_PROSE = re.compile(r"[。；;]|[，,].*[，,]")


def _blank_separated_rows(doc: Document) -> list[list[Row]]:
    tables: list[list[Row]] = []
    table: list[Row] = []
    row: list[Cell] = []
    for s, line in doc.lines():
        text = line.strip()
        if not text or len(text) > 60 or "|" in text or _PROSE.search(text):
            if row:
                table.append(Row(row))
            row = []
            if text:  # prose or a pipe line ends the table
                if sum(1 for r in table if len(r.cells) >= 3) >= 2:
                    tables.append(table)
                table = []
            continue
        lead = len(line) - len(line.lstrip())
        row.append(Cell(text, s + lead, s + lead + len(text)))
    if row:
        table.append(Row(row))
    if sum(1 for r in table if len(r.cells) >= 3) >= 2:
        tables.append(table)
    return tables


def _pipe_rows(doc: Document) -> list[list[Row]]:
    t = doc.text.text
    if "|" not in t:
        return []
    tables: list[list[Row]] = []
    current: list[Row] = []
    row: Row | None = None
    for s, line in doc.lines():
        stripped = line.strip()
        if _ROW_OPEN.match(line):
            row = Row()
            current.append(row)
            continue
        if stripped.startswith("|") and stripped.count("|") >= 3:  # a pipe row on one line
            cells, pos = [], s + line.index("|") + 1
            for part in stripped.strip("|").split("|"):
                off = t.find(part, pos) if part else pos
                if part.strip():
                    cells.append(Cell(part.strip(), off, off + len(part)))
                pos = off + len(part) + 1
            current.append(Row(cells))
            row = None
            continue
        if stripped.endswith("|") and row is not None:
            text = _CELL_END.sub("", line)
            lead = len(text) - len(text.lstrip())
            row.cells.append(Cell(text.strip(), s + lead, s + len(text)))
            continue
        if stripped and current:
            tables.append(current)
            current, row = [], None
    if current:
        tables.append(current)
    return [[r for r in table if r.cells] for table in tables]


def column_of(header: list[str], names: tuple[str, ...]) -> int | None:
    """Distance from the right of the header cell named by one of `names` (0 = last)."""
    for name in names:
        for k in range(len(header) - 1, -1, -1):
            if header[k].replace(" ", "").startswith(name):
                return len(header) - 1 - k
    return None
