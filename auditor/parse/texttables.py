"""Tables written in the text: pipes, tabs, cells separated by blanks, or one cell per line.

A table is a header naming its value columns (预算数 / 决算数, 年初预算数 / 全年预算数 / 全年执行数
/ 执行率, 2023年决算数 / 2022年决算数 / 增减额 / 增减幅度 …) and the rows under it: a label and
its cells. A row is read only when its cells can be placed in the columns without guessing: as
many figures as columns, or (in a self-evaluation budget block) figures whose kind says their
column. Each cell becomes a statement: the row's concept in the column's role and period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .figures import Figure

_NUM = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:%|万元|元)?$")
_EMPTY = re.compile(r"^(?:—|-|–|/|－|\s*)$")

# column words: (pattern, role, kind)
COLUMNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(?:年初预算数?|年初预算数?\(?A\)?)$"), "budget_initial", "amount"),
    (
        re.compile(r"^(?:全年预算数?|调整后预算数?|调整预算数?|预算调整后数?)(?:\(?[A-Z]\)?)?$"),
        "budget_adjusted",
        "amount",
    ),
    (re.compile(r"^(?:预算数|预算)(?:\(?[A-Z]\)?)?$"), "budget", "amount"),
    (
        re.compile(r"^(?:全年执行数|预算执行数|执行数|决算数|实际支出数?|实际执行数|决算)(?:\(?[A-Z]\)?)?$"),
        "actual",
        "amount",
    ),
    (re.compile(r"^(?:预算执行率|执行率|完成率)(?:\(?[A-Z]/[A-Z]\)?)?$"), "rate", "percent"),
    (re.compile(r"^(?:分值|权重)$"), "weight", "number"),
    (re.compile(r"^得分$"), "score", "number"),
    (re.compile(r"^((?:19|20)\d\d)年(?:度)?(?:决算数?|预算数?)?$"), "year", "amount"),
    (re.compile(r"^(?:上年|上年度|去年|上一年度?)(?:决算数?|实际数?|支出数?|数)$"), "prior", "amount"),
    (re.compile(r"^(?:本年|本年度|当年)(?:决算数?|实际数?|支出数?|数)$"), "actual", "amount"),
    (re.compile(r"^(?:增[、,]?减额|增减额|增减变动|增减数)$"), "change", "amount"),
    (re.compile(r"^(?:增[、,]?减幅度|增减幅度|增减率|增长率|变动率|增减%)$"), "change_rate", "percent"),
]


_NOT_IN_NAME = re.compile(r"[\s|“”\"()（）]|\(万元\)|（万元）")
_LETTERS = re.compile(r"\(?[A-Z](?:/[A-Z])?\)?$")
# longer than any column's name in COLUMNS (2021年度决算数): a cell of prose
_LONGEST_NAME = 12


def column_of(text: str) -> tuple[str, str, int | None] | None:
    t = _NOT_IN_NAME.sub("", text)
    if len(t) > _LONGEST_NAME + 5:
        return None
    t = _LETTERS.sub("", t) if len(t) > 2 else t
    if len(t) > _LONGEST_NAME:
        return None
    for rx, role, kind in COLUMNS:
        m = rx.match(t)
        if m:
            year = int(m.group(1)) if role == "year" else None
            return role, kind, year
    return None


@dataclass
class Cell:
    text: str
    fig: Figure | None


@dataclass
class Row:
    label: str
    cells: list[Cell]
    line: int
    level: int  # 0: a row of the table, 1: a 其中 row of the one above


@dataclass
class Table:
    title: str
    columns: list[tuple[str, str, int | None]]  # (role, kind, year)
    rows: list[Row] = field(default_factory=list)
    first_line: int = 0
    title_line: int | None = None


def _figure_at(figs_by_start: dict[int, Figure], start: int, text: str) -> Figure | None:
    k = len(text) - len(text.lstrip())
    return figs_by_start.get(start + k)


_PIPE = re.compile(r"(\|)")
_TAB = re.compile(r"(\t)")
_BLANKS = re.compile(r"([ \u3000]{1,})")


def _split(line: str) -> list[tuple[int, str]]:
    """Cells of a line with their offsets: by pipes, else tabs, else runs of blanks."""
    if line.count("|") >= 2 or line.rstrip().endswith("|") and line.count("|") >= 1:
        sep = _PIPE
    elif "\t" in line:
        sep = _TAB
    else:
        sep = _BLANKS
    out = []
    pos = 0
    for part in sep.split(line):
        if sep.fullmatch(part or "x"):
            pos += len(part)
            continue
        if part.strip():
            out.append((pos, part))
        pos += len(part)
    return out


def find_tables(text: str, figures: list[Figure], elsewhere: frozenset[int] = frozenset()) -> list[Table]:
    """The tables written in the text; lines numbered (0-based) in `elsewhere` belong to tables a
    format reader already handed over (a workbook's sheets): they are not read again."""
    figs_by_start = {f.start: f for f in figures}
    lines = [("" if k in elsewhere else line) for k, line in enumerate(text.split("\n"))]
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    out: list[Table] = []
    k = 0
    while k < len(lines):
        got = _header_at(lines, k)
        if got is None:
            k += 1
            continue
        columns, nxt, one_per_line = got
        title, title_line = _title_before(lines, k)
        table = Table(title, columns, first_line=k, title_line=title_line)
        k = (_cells_per_line if one_per_line else _row_lines)(lines, starts, nxt, table, figs_by_start)
        if table.rows:
            out.append(table)
    return out


def _title_before(lines: list[str], k: int) -> tuple[str, int | None]:
    for j in range(k - 1, max(-1, k - 6), -1):
        s = re.sub(r"[|\s]", "", lines[j])
        if re.search(r"表$|情况$|统计表|自评表|决算表", s):
            return s, j
    return "", None


_CLAUSE_MARK = re.compile(r"[，,；;。]")
_ANY_COLUMN = re.compile(
    r"预算|执行|决算|分值|权重|得分|增[、,]?减|增长率|变动率|完成率|实际支出|^\s*(?:上年|本年)"
)
# 上年 / 决算数 on two lines: one column's name wrapped in a narrow cell
_PERIOD_ONLY = re.compile(r"^(?:上年|上年度|去年|本年|本年度|当年|(?:19|20)\d\d年度?)$")


# a column group's heading: the columns under it are named on the next line (or lines)
_COLUMN_GROUP = re.compile(r"增[、,]?减(?:变动)?情况|比上年|较上年")


def _sub_columns(lines: list[str], k: int) -> list[tuple[str, str, int | None]] | None:
    """The columns line k names, when every cell of it names one (a group's sub-columns)."""
    if k >= len(lines):
        return None
    cells = [c for _, c in _split(lines[k]) if c.strip()]
    named = [column_of(c) for c in cells]
    if len(named) < 2 or not all(named):
        return None
    return [n for n in named if n]


def _header_at(lines: list[str], k: int) -> tuple[list[tuple[str, str, int | None]], int, bool] | None:
    """Columns named at line k: on the line itself (cells by separators), or one per line."""
    line = lines[k].strip()
    if not line or len(line) > 24 and not any(sep in line for sep in "| \t\u3000"):
        return None  # blank, or one cell too long to be a column's name: a line of prose
    if not _ANY_COLUMN.search(lines[k]) or len(lines[k]) > 200:
        return None
    cells = [c for _, c in _split(lines[k])]
    named = [column_of(c) for c in cells]
    unnamed = [c for c, n in zip(cells, named) if not n]
    if sum(1 for n in named if n) >= 2 and not any(_NUM.match(c.strip()) for c in unnamed):
        under = _sub_columns(lines, k + 1) if any(_COLUMN_GROUP.search(c) for c in unnamed) else None
        if under is not None:
            # 上年决算数 | 本年决算数 | 较上年增减情况 ⏎ 增、减额 | 增、减幅度: the group's columns
            # are named on the line below it
            cols = []
            for c, n in zip(cells, named):
                cols.extend(under if not n and _COLUMN_GROUP.search(c) else [n] if n else [])
            return cols, k + 2, False
        cols = [n for n in named if n]
        return cols, k + 1, False
    # one cell per line: a run of short lines that are column names
    cols = []
    j = k
    while j < len(lines) and len(lines[j].strip().strip("|").strip()) <= 24:
        cell = lines[j].strip().strip("|").strip()
        if not cell:
            j += 1
            continue
        if _PERIOD_ONLY.match(cell) and j + 1 < len(lines):
            wrapped = column_of(cell + lines[j + 1].strip().strip("|").strip())
            if wrapped is not None:
                cols.append(wrapped)
                j += 2
                continue
        n = column_of(cell)
        if n is None:
            if _COLUMN_GROUP.search(cell) and cols:
                j += 1
                continue  # a column group's heading (2023年决算比上年增、减情况)
            break
        cols.append(n)
        j += 1
    if len(cols) >= 2:
        return cols, j, True
    return None


def _is_num(cell: str) -> bool:
    return bool(_NUM.match(cell.strip()))


def _row_lines(
    lines: list[str], starts: list[int], k: int, table: Table, figs_by_start: dict[int, Figure]
) -> int:
    """Rows one per line: a label, then its cells."""
    last_row_line = -2
    while k < len(lines):
        line = lines[k]
        if not line.strip() or not line.strip().strip("|").strip():
            k += 1
            continue
        cells = _split(line)
        nums = [(off, c) for off, c in cells if _is_num(c) or _EMPTY.match(c)]
        labels = [c for off, c in cells if not (_is_num(c) or _EMPTY.match(c))]
        if not any(_is_num(c) for _, c in nums) and not _is_label_only(labels):
            break
        if any(column_of(c) for c in labels) and len(labels) >= 2:
            break  # another header
        if len(" ".join(labels)) > 40 or any(_CLAUSE_MARK.search(c) for c in labels):
            break  # running text (预算 1.72 万元，其中：… with blanks around its figures)
        label = re.sub(r"\s+", "", " ".join(labels))
        row_cells = [
            Cell(c.strip(), _figure_at(figs_by_start, starts[k] + off, c) if _is_num(c) else None)
            for off, c in nums
        ]
        if (
            not label
            and table.rows
            and last_row_line == k - 1
            and len(table.rows[-1].cells) != len(table.columns)
        ):
            # cells without a label right under a row that is not complete: the rest of that row,
            # wrapped onto the next line (a table out of a PDF), or the cells of a label written
            # on its own line
            table.rows[-1].cells.extend(row_cells)
            last_row_line = k
            k += 1
            continue
        last_row_line = k
        table.rows.append(
            Row(label, row_cells, k, 1 if re.match(r"^(?:其中|[（(]?\d+[)）]|\d+）)", label) else 0)
        )
        k += 1
    return k


def _is_label_only(labels: list[str]) -> bool:
    return bool(labels) and len("".join(labels)) <= 30


def _cells_per_line(
    lines: list[str], starts: list[int], k: int, table: Table, figs_by_start: dict[int, Figure]
) -> int:
    """Rows one cell per line: a label line, then the value lines that follow it."""
    row: Row | None = None
    width = len(table.columns)
    while k < len(lines):
        raw = lines[k]
        cell = raw.strip().strip("|").strip()
        if not cell:
            k += 1
            continue
        if len(cell) > 30:
            break
        if _is_num(cell) or _EMPTY.match(cell):
            if row is None:
                row = Row("", [], k, 0)  # a first row without a label: the table's total
                table.rows.append(row)
            off = raw.find(cell)
            row.cells.append(
                Cell(cell, _figure_at(figs_by_start, starts[k] + off, cell) if _is_num(cell) else None)
            )
        else:
            if column_of(cell):
                break
            if re.match(r"^(?:[=＝≤≥<>﹦]|%)$", cell):
                break  # an indicator table: its cells are not amounts
            row = Row(
                re.sub(r"\s+", "", cell), [], k, 1 if re.match(r"^(?:其中|[（(]?\d+[)）]|\d+）)", cell) else 0
            )
            table.rows.append(row)
            if (
                len(table.rows) > 1
                and not table.rows[-2].cells
                and table.rows[-2].level == 0
                and row.level == 1
            ):
                pass
        k += 1
        if row is not None and len(row.cells) > width:
            break
    return k


def placed(table: Table, row: Row) -> list[tuple[int, Cell]] | None:
    """(column, cell) for each cell of a row, or None when the cells cannot be placed without
    guessing: as many cells as columns; or amounts and a rate in a budget block, placed by kind."""
    width = len(table.columns)
    cells = row.cells
    if len(cells) == width:
        return list(enumerate(cells))
    amount_cols = [j for j, (role, kind, _) in enumerate(table.columns) if kind == "amount"]
    rate_cols = [j for j, (role, kind, _) in enumerate(table.columns) if role == "rate"]
    if 0 < len(cells) < width and all(c.fig is not None for c in cells):
        amounts = [
            c
            for c in cells
            if c.fig is not None and c.fig.kind in ("amount", "number") and not c.text.endswith("%")
        ]
        rates = [c for c in cells if c.text.endswith("%")]
        if (
            len(amounts) == len(amount_cols)
            and len(rates) <= len(rate_cols)
            and len(amounts) + len(rates) == len(cells)
        ):
            out = list(zip(amount_cols, amounts)) + list(zip(rate_cols, rates))
            return sorted(out, key=lambda x: x[0])
    return None
