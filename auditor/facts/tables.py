"""Tables written in the text as statements: each cell is the row's concept in the column's
role and period (预算数 → a budget, 决算数 → an actual, 2022年决算数 → last year's, 增减额 → a
change, 执行率 → a completion rate). The row named 合计 (or the first row without a name) is
the table's total: the concept its title names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..core.lexicon import Lexicon, lexicon, strip_marks
from ..parse.texttables import Row, Table, placed
from .readings import Reader, Reading
from .roles import period_of
from .subjects import Subject, mentions, names_more

_TOTAL_ROW = re.compile(r"^(?:合计|总计|合计数|总额|年度资金总额|资金总额|总数)$")
_ROW_MARK = re.compile(r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.]|\d+[、.．)）]|[（(]\d+[)）])+")
_UNIT = re.compile(r"(?:单位|金额单位)\s*[:：]?\s*(万元|元|亿元)|[(（](万元|元)[)）]")


@dataclass
class TableRow:
    row: Row
    subject: Subject
    readings: list[Reading]


@dataclass
class TableStatements:
    table: Table
    subject: Subject | None  # what the title names
    rows: list[TableRow] = field(default_factory=list)


def table_readings(rd: Reader, tables: list[Table], unit: str) -> list[TableStatements]:
    """The statements of every table in the text, added to the reader's readings."""
    lx = lexicon()
    index_of = {id(f): k for k, f in enumerate(rd.figures)}
    out = []
    sentence = -1000  # each row its own sentence: relations within a row, never across rows
    for tb in tables:
        # 项目资金 | 年初预算数 | … | 分值 | 执行率 | 得分: a project's self-evaluation, whose rows
        # (上年结转资金, 年度资金总额) are the project's, not the department's
        own = any(role in ("weight", "score") for role, _, _ in tb.columns) or "自评" in tb.title
        title = mentions(lx, strip_marks(tb.title)) if tb.title else []
        stated = TableStatements(tb, title[-1].subject if title else None)
        t_unit = _table_unit(rd.text, tb, unit)
        for k, row in enumerate(tb.rows):
            cells = placed(tb, row)
            if cells is None:
                rd.skip("table row whose cells cannot be placed in its columns")
                continue
            sentence -= 1
            subject = _row_subject(lx, row, k, stated.subject)
            if own and subject.known:
                subject = Subject(subject.concept, f"table:{tb.first_line}")
            readings = []
            for col, cell in cells:
                if cell.fig is None:
                    continue
                fig = cell.fig
                role, kind, year = tb.columns[col]
                if kind == "amount" and fig.kind != "amount":
                    fig = replace(fig, unit=t_unit, kind="amount")
                elif kind == "percent" and fig.kind != "percent":
                    continue
                r = Reading(
                    index_of.get(id(cell.fig), -1),
                    fig,
                    "level",
                    subject=subject,
                    sentence=sentence,
                    paragraph=row.line,
                    note="table",
                )
                if _column_role(r, role, year, rd.year, tb):
                    readings.append(r)
            rd.readings.extend(readings)
            stated.rows.append(TableRow(row, subject, readings))
        out.append(stated)
    return out


def is_total_row(label: str) -> bool:
    return bool(_TOTAL_ROW.match(_ROW_MARK.sub("", label)))


def _row_subject(lx: Lexicon, row: Row, k: int, table_subject: Subject | None) -> Subject:
    label = _ROW_MARK.sub("", row.label)
    h = strip_marks(label)
    ms = mentions(lx, h)
    if ms and not names_more(lx, h[ms[-1].end :]):
        return ms[-1].subject
    if _TOTAL_ROW.match(label) or not label and k == 0:
        return table_subject or Subject("label:合计")
    return Subject("label:" + label)


def _column_role(r: Reading, role: str, year: int | None, report_year: int | None, tb: Table) -> bool:
    if role in ("budget", "budget_initial", "budget_adjusted", "actual"):
        r.role = role
    elif role == "year" and year is not None:
        r.period = period_of(year, report_year)
    elif role == "prior":
        r.period = "prior"
    elif role == "rate":
        r.kind = "completion"
        r.note = "budget_adjusted" if any(c[0] == "budget_adjusted" for c in tb.columns) else ""
    elif role == "change":
        r.kind, r.sign, r.base = "change", 1, "prior"
    elif role == "change_rate":
        r.kind, r.sign, r.base = "rate", 1, "prior"
    else:
        return False  # 分值, 得分: the self-evaluation relations read these (check/selfeval.py)
    return True


def _table_unit(text: str, tb: Table, unit: str) -> str:
    lines = text.split("\n")
    for j in range(tb.first_line, max(-1, tb.first_line - 6), -1):
        m = _UNIT.search(lines[j])
        if m:
            return m.group(1) or m.group(2)
    return unit
