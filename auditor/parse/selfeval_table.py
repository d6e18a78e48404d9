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
from decimal import Decimal

from .document import Document
from .figures import Figure

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
    return (_pipe_rows(doc) if "|" in t else []) + (
        _blank_separated_rows(doc) if _HEADER_LINE.search(t) else []
    )


_HEADER_LINE = re.compile(
    r"^[ \t]*(?:年初预算数|全年预算数|调整后预算数|预算执行率(?:\(%\))?|指标得分)[ \t]*$", re.M
)
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


_NUMERIC = re.compile(r"^\s*-?[\d,]+(?:\.\d+)?\s*(?:%|万元|元|分)?\s*$")
_WEIGHT = re.compile(r"\((\d+(?:\.\d+)?)分\)")
_SCORE_LABELS = ("自评得分", "总分", "综合得分")
_TOTAL_LABELS = (*_SCORE_LABELS, "合计")
_BUDGET_COLUMNS = (
    ("initial", INITIAL),
    ("adjust", ADJUST),
    ("adjusted", ADJUSTED),
    ("actual", ACTUAL),
    ("rate", RATE),
    ("weight", WEIGHT),
    ("score", SCORE),
)


@dataclass
class SelfEvalTable:
    """What one self-evaluation table states, its cells read as the document's figures."""

    rows: list[Row]
    # (label, figure by column)
    budget_rows: list[tuple[str, dict[str, Figure]]] = field(default_factory=list)
    indicators: list[tuple[Figure, Figure]] = field(default_factory=list)  # (weight, score) of each indicator
    scores: list[Figure] = field(default_factory=list)  # the 指标得分 column
    scores_clean: bool = True  # every indicator row's score was read
    total_score: Figure | None = None
    exec_score: tuple[Figure, Decimal] | None = None  # 预算执行 score and its weight

    def unit(self) -> str:
        """The unit the table states for its amounts (万元 unless it says 元)."""
        texts = " ".join(c.text for row in self.rows[:6] for c in row.cells)
        return "元" if re.search(r"[(（:：]\s*元\s*[)）]?|单位[:：]\s*元", texts) else "万元"

    def department_wide(self) -> bool:
        """A department's own table (部门整体绩效自评表), not a project's (项目名称 …)."""
        texts = [c.text.replace(" ", "") for row in self.rows for c in row.cells]
        if any(t.startswith(("项目名称", "项目编码")) for t in texts):
            return False
        return any("部门整体" in t and "自评表" in t for t in texts[:3])


def cell_figure(doc: Document, cell: Cell) -> Figure | None:
    """The one figure a numeric cell holds, else None."""
    if not _NUMERIC.match(cell.text):
        return None
    found = [doc.figures[i] for i in doc.figures_in(cell.start, cell.end)]
    return found[0] if len(found) == 1 else None


class _Reader:
    """Reads a table row by row: the budget block under its header row, the indicator scores under
    theirs, and the named scores (自评得分, 预算执行(10分)) wherever they stand."""

    def __init__(self, doc: Document, table: list[Row]) -> None:
        self.doc = doc
        self.out = SelfEvalTable(table)
        self.header: list[str] | None = None
        self.score_col: int | None = None
        self.weight_col: int | None = 0

    def read(self) -> SelfEvalTable:
        for row in self.out.rows:
            texts = row.texts()
            if column_of(texts, INITIAL) is not None and (column_of(texts, ACTUAL) is not None):
                self.header = texts
                continue
            if (
                column_of(texts, ("指标得分", "得分")) is not None
                and column_of(texts, ("分值",)) is not None
                and self.header is None
            ):
                self.score_col = column_of(texts, ("指标得分", "得分"))
                self.weight_col = column_of(texts, ("分值",))
                continue
            self._named_scores(row)
            if self.header is not None and self.score_col is None:
                if self._budget_row(row):
                    continue
                self.header = None  # the budget block ends at the first row that does not fit it
            if self.score_col is not None and not row.cells[0].text.replace(" ", "").startswith(
                _TOTAL_LABELS
            ):
                self._indicator(row)
        return self.out

    def _named_scores(self, row: Row) -> None:
        """自评得分(满分100分) | 95.94 | 预算执行(10分) | 5.94"""
        for k, cell in enumerate(row.cells[:-1]):
            fig = cell_figure(self.doc, row.cells[k + 1])
            if fig is None:
                continue
            name = cell.text.replace(" ", "")
            if name.startswith(_SCORE_LABELS):
                # 总分 | 100 | 97.72: the full marks, then the score
                after = [f for c in row.cells[k + 1 :] if (f := cell_figure(self.doc, c)) is not None]
                full_marks_first = len(after) >= 2 and after[0].value == 100 and "满分" not in name
                self.out.total_score = after[-1] if full_marks_first else fig
            elif name.startswith("预算执行") and (w := _WEIGHT.search(name)):
                self.out.exec_score = (fig, Decimal(w.group(1)))

    def _budget_row(self, row: Row) -> bool:
        """A row of the budget block: its numeric cells aligned from the right under the header."""
        header = self.header or []
        cols = {key: column_of(header, names) for key, names in _BUDGET_COLUMNS}
        width = max(c for c in cols.values() if c is not None) + 1
        if len(row.cells) < width:
            return False
        tail = row.cells[len(row.cells) - width :]
        figs = {key: cell_figure(self.doc, tail[width - 1 - c]) for key, c in cols.items() if c is not None}
        figs = {key: f for key, f in figs.items() if f is not None or key not in ("weight", "score")}
        if not all(f is not None for f in figs.values()):
            return False
        label = " ".join(c.text for c in row.cells[: len(row.cells) - width])
        self.out.budget_rows.append((label, figs))  # type: ignore[arg-type]
        return True

    def _indicator(self, row: Row) -> None:
        """An indicator row: its score, and its weight when the 分值 column holds one."""
        score_col = self.score_col
        if score_col is None or len(row.cells) <= score_col:
            return
        cell = row.cells[len(row.cells) - 1 - score_col]
        fig = cell_figure(self.doc, cell)
        if fig is None:
            if any(ch.isdigit() for ch in cell.text) or len(row.cells) >= 4:
                self.out.scores_clean = False
            return
        self.out.scores.append(fig)
        n = len(row.cells)
        wc = self.weight_col
        weight = cell_figure(self.doc, row.cells[n - 1 - wc]) if wc is not None and n > wc else None
        if weight is not None:
            self.out.indicators.append((weight, fig))


def read_table(doc: Document, table: list[Row]) -> SelfEvalTable:
    """What a self-evaluation table (rows of cells) states."""
    return _Reader(doc, table).read()
