"""The statistical tables (附表) as grids of cells, and their own arithmetic.

Readers (auditor.read.formats) hand over every table they find as a :class:`Table`: rows of
:class:`Cell` with the cell's text, its place in the document's own terms and where the cell
starts in the text the engine audits. :func:`audit_tables` recognises the standard tables by
their titles and checks them (see the FA7xx rules).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.intervals import Interval
from ..read.source import Cell, Table

if TYPE_CHECKING:
    from ..parse.document import Document
    from ..core.models import AuditReport, Evidence, Finding


# --- reading a table ------------------------------------------------------------------------


_AMOUNT = re.compile(r"^\(?(-?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\)?$")
_BLANK = {"", "-", "—", "－", "--", "——", "/", "0"}  # 0 is "none" as well, exactly
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SQUEEZE = re.compile(r"[\s\"'“”‘’「」]+")
_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|\([一二三四五六七八九十\d]+\))")
_TOP_ITEM = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_UNIT = re.compile(r"单位[:：]\s*(万元|元|亿元|千元)")


def squeeze(text: str) -> str:
    """Text for matching: full-width forms folded, spaces and quotes dropped."""
    from ..read.normalize import normalize

    return _SQUEEZE.sub("", normalize(text).text)


@dataclass
class Value:
    cell: Cell
    value: Decimal
    interval: Interval


def value_of(cell: Cell | None) -> Value | None:
    """The amount a cell holds (blank, '-' and '0' are an exact zero); None for words."""
    if cell is None:
        return None
    t = cell.text.replace(" ", "")
    if t in _BLANK:
        return Value(cell, Decimal(0), Interval.point(Decimal(0)))
    m = _AMOUNT.match(t)
    if not m:
        return None
    number = m.group(2).replace(",", "")
    v = Decimal(number)
    if m.group(1) or (t.startswith("(") and t.endswith(")")):
        v = -v
    decimals = len(number.split(".")[1]) if "." in number else 0
    half = Decimal(1).scaleb(-decimals) / 2
    return Value(cell, v, Interval(v - half, v + half))


@dataclass
class Kind:
    kind: str
    titles: list[str]
    rows: str = ""
    balance: bool = False
    flow: bool = False
    columns: list[dict] = field(default_factory=list)


@lru_cache(maxsize=1)
def kinds() -> list[Kind]:
    from ..core.rules import _load_toml

    return [Kind(**{k: v for k, v in t.items()}) for t in _load_toml("tables.toml").get("table", [])]


def recognise(table: Table) -> Kind | None:
    """The standard table this is, by its title (in the caption or the first rows)."""
    head = squeeze(" ".join([table.caption] + [c.text for r in table.rows[:4] for c in r]))
    best = None
    for k in kinds():
        for title in k.titles:
            if title in head and (best is None or len(title) > best[0]):
                best = (len(title), k)
    return best[1] if best else None


@dataclass
class Grid:
    """A recognised table: its header labels per column and its data rows."""

    table: Table
    kind: Kind
    labels: list[str]
    data: list[list[Cell]]  # rows below the header
    unit: str

    def label(self, row: list[Cell]) -> str:
        """A data row's name: its first cell of words (not a code, not a number)."""
        for c in row:
            t = c.text.strip()
            if t and not _CODE.match(t) and value_of(c) is None:
                return t
        return ""


def grid_of(table: Table, kind: Kind) -> Grid | None:
    rows = table.rows
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return None
    rows = [r + [Cell("", "", 0, 0)] * (width - len(r)) for r in rows]
    # the header: rows after the title lines, down to the 栏次 row or the first row holding an amount
    start = None
    for i, r in enumerate(rows):
        texts = [squeeze(c.text) for c in r]
        if any(t.startswith("栏次") for t in texts):
            start = i + 1
            break
    if start is None:
        for i, r in enumerate(rows):
            if sum(1 for c in r if c.text.strip() and value_of(c) is not None and "." in c.text) >= 1:
                start = i
                break
    if start is None:
        return None
    first = 0
    for i in range(start):
        filled = [c for c in rows[i] if c.text.strip()]
        if len(filled) >= 2 and not any(_UNIT.search(c.text) or "公开" in c.text and c.text.strip().endswith("表") for c in filled):
            first = i
            break
    header = [[squeeze(c.text) for c in r] for r in rows[first:start] if not any(squeeze(c.text).startswith("栏次") for c in r)]
    for i in range(len(header) - 1):  # a group heading over its sub-columns (a merged cell) is copied right
        for k in range(1, width):
            if not header[i][k] and header[i][k - 1] and header[i + 1][k]:
                header[i][k] = header[i][k - 1]
    labels = ["".join(h[k] for h in header) for k in range(width)]
    unit_m = _UNIT.search(" ".join([table.caption] + [c.text for r in rows[:start] for c in r]))
    return Grid(table, kind, labels, _joined_codes(labels, rows[start:]), unit_m.group(1) if unit_m else "")


def _joined_codes(labels: list[str], rows: list[list[Cell]]) -> list[list[Cell]]:
    """科目编码 split into 类 | 款 | 项 columns (201 | 03 | 01) → one code (2010301) in the 类 column."""
    k = next((k for k in range(len(labels) - 2) if labels[k].endswith("类") and labels[k + 1].endswith("款")
              and labels[k + 2].endswith("项")), None)
    if k is None:
        return rows
    out = []
    for row in rows:
        parts = [row[k + j].text.strip() for j in range(3)]
        if re.fullmatch(r"\d{3}", parts[0]) and all(re.fullmatch(r"(?:\d{2})?", p) for p in parts[1:]) \
                and not (parts[2] and not parts[1]):
            first = row[k]
            row = list(row)
            row[k] = Cell("".join(parts), first.place, first.line, first.column)
            row[k + 1] = Cell("", row[k + 1].place, row[k + 1].line, row[k + 1].column)
            row[k + 2] = Cell("", row[k + 2].place, row[k + 2].line, row[k + 2].column)
        out.append(row)
    return out


# --- the checks -----------------------------------------------------------------------------

_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def _ends(label: str, names: str) -> bool:
    return any(label.endswith(squeeze(n)) for n in names.split("|"))


def _fmt(v: Decimal, decimals: int) -> str:
    return f"{v.quantize(Decimal(1).scaleb(-decimals)):f}"


def _decimals(*values: Value) -> int:
    return max((len(v.cell.text.split(".")[1]) if "." in v.cell.text else 0 for v in values), default=2)


class Checker:
    """Runs every check over the recognised tables of one document and collects findings."""

    def __init__(self, doc: "Document | None" = None) -> None:
        from ..core.rules import catalogue

        self.rules = catalogue()
        self.doc = doc
        self.findings: list["Finding"] = []
        self.checked = 0
        self.consistent = 0
        self.grids: dict[str, Grid] = {}
        self.facts: list[tuple[str, tuple[str, ...], Value, Grid, str]] = []

    # -- findings ---------------------------------------------------------------------------
    def evidence(self, v: Value, role: str, label: str, unit: str) -> "Evidence":
        from ..core.models import Evidence

        c = v.cell
        return Evidence(line=c.line, column=c.column, end_line=c.line, end_column=c.column + len(c.text),
                        text=c.text, value=f"{v.value:f}", unit=unit, role=role, label=label, place=c.place)

    def sum_check(self, code: str, grid: Grid, what: str, total: tuple[Value, str], parts: list[tuple[Value, str]],
                  sign: list[int] | None = None) -> None:
        """total = Σ sign·parts, judged with each cell's rounding; a finding when it cannot hold."""
        tv, tlabel = total
        if tv.cell.text.strip() == "" or (tv.value == 0 and all(p.value == 0 for p, _ in parts)):
            return  # a blank total or an empty line: nothing stated
        sign = sign or [1] * len(parts)
        acc = Interval.point(Decimal(0))
        for (p, _), s in zip(parts, sign):
            acc = acc + p.interval if s > 0 else acc - p.interval
        self.checked += 1
        if acc.meets(tv.interval):
            self.consistent += 1
            return
        d = _decimals(tv, *(p for p, _ in parts))
        expected = _fmt(sum((s * p.value for (p, _), s in zip(parts, sign)), Decimal(0)), d)
        terms = "".join(("＋" if s > 0 else "－") + f"{lab}{p.cell.text or '0'}" for (p, lab), s in zip(parts, sign)).lstrip("＋")
        message = (f"{grid.kind.kind}（{tv.cell.place}）{what}：{terms} = {expected}{grid.unit}，表中{tlabel}为{tv.cell.text}{grid.unit}")
        self._add(code, message, [(tv, "合计", tlabel)] + [(p, "部分", lab) for p, lab in parts], grid.unit,
                  stated=f"{tv.cell.text}{grid.unit}", expected=f"{expected}{grid.unit}",
                  difference=_fmt(tv.value - Decimal(expected), d) + grid.unit, relation=what)

    def _add(self, code: str, message: str, cells: list[tuple[Value, str, str]], unit: str, stated: str, expected: str,
             difference: str | None, relation: str, severity: str | None = None, extra: list["Evidence"] = ()) -> None:
        from ..core.models import Finding

        rule = self.rules[code]
        evidence = [self.evidence(v, role, label, unit) for v, role, label in cells] + list(extra)
        key = "|".join([code] + [f"{e.place}={e.value}" for e in evidence])
        self.findings.append(Finding(rule=code, name=rule.name, severity=severity or rule.severity, message=message,
                                     evidence=evidence, stated=stated, expected=expected, difference=difference,
                                     relation=relation, fingerprint=hashlib.sha1(key.encode()).hexdigest()[:16]))

    # -- one table --------------------------------------------------------------------------
    def table(self, table: Table) -> None:
        kind = recognise(table)
        if kind is None:
            return
        grid = grid_of(table, kind)
        if grid is None:
            return
        self.grids.setdefault(kind.kind, grid)
        if kind.rows == "codes":
            self.codes(grid)
        elif kind.rows == "items":
            self.items(grid)
        self.columns(grid)
        if kind.flow:
            self.flow(grid)

    def columns(self, grid: Grid) -> None:
        labels = grid.labels
        for ident in grid.kind.columns:
            totals = [k for k, lab in enumerate(labels) if lab and _ends(lab, ident["total"])]
            for n, t in enumerate(totals):
                stop = totals[n + 1] if n + 1 < len(totals) else len(labels)
                cols = []
                for part in ident["parts"]:
                    found = next((k for k in range(t + 1, stop) if labels[k] and _ends(labels[k], part)), None)
                    if found is None:
                        break
                    cols.append(found)
                else:
                    for row in grid.data:
                        tv = value_of(row[t])
                        pv = [value_of(row[k]) for k in cols]
                        if tv is None or any(p is None for p in pv):
                            continue
                        name = grid.label(row)
                        self.sum_check("FA702", grid, f"「{name}」行{labels[t]}", (tv, f"{name}{labels[t]}"),
                                       [(p, labels[k]) for p, k in zip(pv, cols)])

    def _panels(self, grid: Grid, key) -> list[tuple[int, int]]:
        width = len(grid.labels)
        starts = [k for k in range(width) if key(k)]
        return [(s, starts[i + 1] if i + 1 < len(starts) else width) for i, s in enumerate(starts)]

    def _value_columns(self, grid: Grid, lo: int, hi: int, skip: set[int]) -> list[int]:
        out = []
        for k in range(lo, hi):
            if k in skip or "行次" in grid.labels[k] or "栏次" in grid.labels[k]:
                continue
            cells = [r[k] for r in grid.data if r[k].text.strip()]
            if cells and sum(1 for c in cells if value_of(c) is not None and not _CODE.match(c.text.strip()) or
                             "." in c.text) >= max(1, len(cells) * 0.6):
                out.append(k)
        return out

    def codes(self, grid: Grid) -> None:
        def is_code_col(k: int) -> bool:
            cells = [r[k].text.strip() for r in grid.data if r[k].text.strip()]
            return len(cells) >= 2 and sum(1 for t in cells if _CODE.match(t)) >= 0.6 * len(cells)

        entries: dict[str, tuple[list[Cell], list[int], str]] = {}
        totals: list[tuple[list[Cell], list[int], str]] = []
        for lo, hi in self._panels(grid, is_code_col):
            vcols = self._value_columns(grid, lo + 1, hi, set())
            for row in grid.data:
                code = row[lo].text.strip()
                name = " ".join(c.text for c in row[lo + 1:hi] if c.text.strip() and value_of(c) is None).strip()
                if _CODE.match(code):
                    entries.setdefault(code, (row, vcols, name))
                elif not code and squeeze(name) in ("合计", "本年支出合计", "本年收入合计", "总计", "支出合计", "收入合计"):
                    totals.append((row, vcols, name))
                elif squeeze(code) in ("合计", "本年支出合计", "本年收入合计", "总计"):
                    totals.append((row, vcols, code))
        for code, (row, vcols, name) in entries.items():
            if len(code) == 7:
                continue
            kids = [(c, e) for c, e in entries.items() if len(c) == len(code) + 2 and c.startswith(code) and e[1] == vcols]
            if kids:
                self._rows_sum(grid, f"{code} {name}", row, vcols, [(f"{c} {e[2]}", e[0]) for c, e in kids])
        classes = [(f"{c} {e[2]}", e[0], e[1]) for c, e in entries.items() if len(c) == 3]
        for row, vcols, name in totals:
            kids = [(lab, r) for lab, r, v in classes if v == vcols]
            if kids:
                self._rows_sum(grid, name, row, vcols, kids)

    def _rows_sum(self, grid: Grid, name: str, row: list[Cell], vcols: list[int], kids: list[tuple[str, list[Cell]]]) -> None:
        for k in vcols:
            tv = value_of(row[k])
            pv = [value_of(r[k]) for _, r in kids]
            if tv is None or any(p is None for p in pv):
                continue
            self.sum_check("FA701", grid, f"「{name}」行{grid.labels[k]}", (tv, f"{name}{grid.labels[k]}"),
                           [(p, lab) for p, (lab, _) in zip(pv, kids)])

    def items(self, grid: Grid) -> None:
        def is_name_col(k: int) -> bool:
            cells = [r[k] for r in grid.data if r[k].text.strip()]
            return len(cells) >= 2 and sum(1 for c in cells if value_of(c) is None) >= 0.6 * len(cells)

        sides = []
        for lo, hi in self._panels(grid, is_name_col):
            vcols = self._value_columns(grid, lo + 1, hi, set())
            if not vcols:
                continue
            rows = [(squeeze(r[lo].text), r) for r in grid.data]
            subtotal = next((i for i, (lab, _) in enumerate(rows) if lab.startswith("本年") and lab.endswith("合计")), None)
            grand = next((i for i, (lab, _) in enumerate(rows) if lab.endswith("总计")), None)
            if subtotal is not None:
                items = [(lab, r) for lab, r in rows[:subtotal] if lab and not lab.startswith("其中")]
                numbered = [(lab, r) for lab, r in items if _TOP_ITEM.match(lab)]
                if len(numbered) >= 2:  # 一、二、… are the items; other rows are their sub-items
                    items = numbered
                self._rows_sum(grid, rows[subtotal][0], rows[subtotal][1], vcols, items)
            if subtotal is not None and grand is not None and grand > subtotal:
                between = [(lab, r) for lab, r in rows[subtotal + 1:grand] if lab]
                for k in vcols[:1] if len(vcols) > 1 else vcols:
                    tv = value_of(rows[grand][1][k])
                    parts = [(value_of(r[k]), lab) for lab, r in [rows[subtotal]] + between]
                    if tv is None or any(p is None for p, _ in parts):
                        continue
                    if between and len(between) > 1:  # 年初结转和结余 may be followed by its own breakdown
                        head = parts[:2]
                        acc = head[0][0].interval + head[1][0].interval
                        if acc.meets(tv.interval):
                            self.checked += 1
                            self.consistent += 1
                            continue
                    self.sum_check("FA701", grid, f"「{rows[grand][0]}」行", (tv, rows[grand][0]), [(p, lab) for p, lab in parts])
            if grand is not None:
                sides.append((rows[grand][0], value_of(rows[grand][1][vcols[0]])))
            if grid.kind.kind == "收入支出决算总表" and subtotal is not None:
                side = "income" if "收入" in rows[subtotal][0] else "expense"
                self.fact(f"{side}_year", ("all",), value_of(rows[subtotal][1][vcols[0]]), grid, rows[subtotal][0])
                if grand is not None:
                    self.fact(f"{side}_total", ("all",), value_of(rows[grand][1][vcols[0]]), grid,
                              ("收入" if side == "income" else "支出") + rows[grand][0])
        if grid.kind.balance and len(sides) >= 2 and sides[0][1] is not None and sides[1][1] is not None:
            (la, a), (lb, b) = sides[0], sides[1]
            self.sum_check("FA703", grid, "收入总计与支出总计", (b, f"支出{lb}"), [(a, f"收入{la}")])

    def flow(self, grid: Grid) -> None:
        labels = grid.labels

        def col(names: str) -> int | None:
            return next((k for k, lab in enumerate(labels) if lab and _ends(lab, names)), None)

        start, income = col("年初结转和结余"), col("本年收入")
        spent, end = col("本年支出小计|本年支出合计|本年支出"), col("年末结转和结余")
        if None in (start, income, spent, end):
            return
        for row in grid.data:
            vals = [value_of(row[k]) for k in (end, start, income, spent)]
            if any(v is None for v in vals):
                continue
            name = grid.label(row)
            self.sum_check("FA703", grid, f"「{name}」行年末结转和结余",
                           (vals[0], f"{name}年末结转和结余"),
                           [(vals[1], "年初结转和结余"), (vals[2], "本年收入"), (vals[3], "本年支出")], sign=[1, 1, -1])

    # -- between tables, and against the prose ------------------------------------------------
    def between(self) -> None:
        total = self.grids.get("财政拨款收入支出决算总表")
        general = self.grids.get("一般公共预算财政拨款支出决算表")
        basic = self.grids.get("一般公共预算财政拨款基本支出决算表")
        g_total = g_basic = None
        if general is not None:
            row = next((r for r in general.data if squeeze(general.label(r)) in ("合计", "本年支出合计", "总计")), None)
            if row is not None:
                k = next((k for k, lab in enumerate(general.labels) if lab and _ends(lab, "小计|合计")), None)
                b = next((k for k, lab in enumerate(general.labels) if lab and _ends(lab, "基本支出")), None)
                g_total = value_of(row[k]) if k is not None else None
                g_basic = value_of(row[b]) if b is not None else None
        if total is not None and g_total is not None:
            row = next((r for r in total.data for c in r if squeeze(c.text) == "本年支出合计"), None)
            k = next((k for k, lab in enumerate(total.labels) if lab and _ends(lab, "一般公共预算财政拨款")
                      and k > 0 and "合计" in "".join(total.labels[:k])), None)
            if row is not None and k is not None and value_of(row[k]) is not None:
                self.same(total, value_of(row[k]), "本年支出合计（一般公共预算财政拨款）", general, g_total, "合计（本年支出）")
        if basic is not None and g_basic is not None:
            parts = []
            for name in ("人员经费合计", "公用经费合计"):
                v = _right_of(basic, name)
                if v is not None:
                    parts.append((v, name))
            if len(parts) == 2:
                self.sum_check("FA704", general, "基本支出与基本支出决算表", (g_basic, "合计行基本支出"), parts)

    def same(self, a: Grid, av: Value, alabel: str, b: Grid, bv: Value | None, blabel: str) -> None:
        if bv is None or av is None or (av.cell.text.strip() == "" and bv.cell.text.strip() == ""):
            return
        self.sum_check("FA704", a, f"与{b.kind.kind}{blabel}", (av, alabel), [(bv, f"{b.kind.kind}{blabel}")])

    # facts a table states that the prose states too: (concept, scopes the prose may name, value, grid, name)
    def fact(self, concept: str, scopes: tuple[str, ...], value: Value | None, grid: Grid, name: str) -> None:
        if value is not None and value.cell.text.strip():
            self.facts.append((concept, scopes, value, grid, name))

    def gather_facts(self) -> None:
        three = self.grids.get("三公经费支出决算表")
        if three is not None and three.data:
            for concept, name in (("three_public", "合计"), ("abroad", "因公出国(境)费"),
                                  ("car_total", "公务用车购置及运行维护费小计|公务用车购置及运行费小计"), ("reception", "公务接待费")):
                k = next((k for k, lab in enumerate(three.labels) if lab.startswith("决算") and _ends(lab, name)), None)
                row = next((r for r in three.data if k is not None and value_of(r[k]) is not None and r[k].text.strip()), None)
                if row is not None:
                    self.fact(concept, ("all", "gpb", "fin"), value_of(row[k]), three, f"决算数{name.split('|')[0]}")
        for kind, scope in (("支出决算表", ("all",)), ("一般公共预算财政拨款支出决算表", ("gpb",))):
            grid = self.grids.get(kind)
            if grid is None:
                continue
            row = next((r for r in grid.data if squeeze(grid.label(r)) in ("合计", "本年支出合计", "总计")), None)
            if row is None:
                continue
            for concept, name in (("expense_year", "本年支出合计|小计"), ("basic", "基本支出"), ("project", "项目支出")):
                k = next((k for k, lab in enumerate(grid.labels) if lab and _ends(lab, name)), None)
                if k is not None:
                    self.fact(concept, scope, value_of(row[k]), grid, f"合计行{grid.labels[k]}")
        income = self.grids.get("收入决算表")
        if income is not None:
            row = next((r for r in income.data if squeeze(income.label(r)) in ("合计", "本年收入合计", "总计")), None)
            k = next((k for k, lab in enumerate(income.labels) if lab and _ends(lab, "本年收入合计|合计")), None)
            if row is not None and k is not None:
                self.fact("income_year", ("all",), value_of(row[k]), income, f"合计行{income.labels[k]}")

    def facts_between(self) -> None:
        """The same total stated by two tables (本年收入合计 of 收入支出决算总表 and 收入决算表,
        本年支出合计 of 收入支出决算总表 and 支出决算表, …) must be one value (FA704)."""
        seen: dict[tuple[str, tuple[str, ...]], tuple[Value, Grid, str]] = {}
        for concept, scopes, value, grid, name in self.facts:
            first = seen.setdefault((concept, scopes), (value, grid, name))
            if first[1] is grid:
                continue
            a, ga, na = first
            if ga.unit and grid.unit and ga.unit != grid.unit:
                continue  # one in 元, one in 万元: not the same written figure
            self.sum_check("FA704", ga, f"与{grid.kind.kind}{name}", (a, f"{ga.kind.kind}{na}"),
                           [(value, f"{grid.kind.kind}{name}")])

    def prose(self) -> None:
        """Each fact a table states against the prose figures of the same concept and scope.

        Reported (FA705, a warning) only when the prose states the concept and none of its
        statements can be the table's value: a prose figure that differs from another prose
        figure is the prose's own affair.
        """
        if self.doc is None or not self.facts:
            return
        from ..core.rules import vocabulary

        doc = self.doc
        vocab = vocabulary()
        stated: dict[tuple[str, str], list[int]] = {}
        for i, f in enumerate(doc.figures):
            if not f.is_amount or not doc.is_level(i):
                continue
            label = doc.label(i)
            concept = doc.concept(i)
            if concept is None:
                continue
            bare = squeeze(label)
            for word, _ in vocab.scopes:
                bare = bare.replace(word, "")
            if any(w in bare for w in ("预算", "上年", "去年", "上一年", "同比", "比", "较", "增", "减")):
                continue
            years = re.findall(r"(20\d\d)年", doc.prefix(i) + label)
            if doc.year and any(int(y) != doc.year for y in years):
                continue
            stated.setdefault((concept, vocab.scope(label)), []).append(i)
        reported: dict[int, "Finding"] = {}
        for concept, scopes, value, grid, name in self.facts:
            found = [i for scope in scopes for i in stated.get((concept, scope), [])]
            if not found:
                continue
            self.checked += 1
            # a table without a 单位 line may be in 万元 or in 元: either reading may match
            scales = [_SCALE[grid.unit]] if grid.unit in _SCALE else [Decimal(10000), Decimal(1)]
            if any(doc.figures[i].in_yuan().meets(value.interval.scale(sc)) for i in found for sc in scales):
                self.consistent += 1
                continue
            i = min(found)
            if i in reported:  # one prose figure against two tables: one finding
                reported[i].also_breaks.append(f"FA705 {grid.kind.kind}{name}（{value.cell.place}）为{value.cell.text}")
                continue
            self._prose_finding(grid, value, name, i)
            reported[i] = self.findings[-1]

    def _prose_finding(self, grid: Grid, value: Value, name: str, i: int) -> None:
        from ..core.models import Evidence

        doc = self.doc
        f = doc.figures[i]
        line, col = doc.text.position(f.start)
        end_line, end_col = doc.text.position(max(f.start, f.end - 1))
        written = doc.as_written(f)
        prose = Evidence(line=line, column=col, end_line=end_line, end_column=end_col + 1, text=written,
                         value=f"{f.value:f}", unit=f.unit, role="文中", label=doc.label(i), place=_place(doc, line, col))
        self._add("FA705", f"{grid.kind.kind}（{value.cell.place}）{name}为{value.cell.text}{grid.unit}，"
                           f"文中{doc.label(i) or name}为{written}", [(value, "表中", name)], grid.unit,
                  stated=written, expected=f"{value.cell.text}{grid.unit}", difference=None,
                  relation=f"{grid.kind.kind}{name}：表与文字说明", extra=[prose])


def _place(doc: "Document", line: int, col: int) -> str | None:
    from ..read.source import place_at

    return place_at(doc.places, line, col)


def _right_of(grid: Grid, name: str) -> Value | None:
    for row in grid.table.rows:
        for k, c in enumerate(row):
            if squeeze(c.text) == name:
                for d in row[k + 1:]:
                    if d.text.strip():
                        return value_of(d)
                return value_of(Cell("", row[k].place, row[k].line, row[k].column))
    return None


_SUMS = ("FA701", "FA702", "FA703", "FA704")  # findings of sums: a cell they share is the likely culprit


def blame(findings: list["Finding"]) -> list["Finding"]:
    """The cell that most failing sums share is the likely culprit: one finding for it, naming the rest.

    A 款 cell written wrong breaks its 类's sum, its own sum of 项 and its row's column sum: the
    three findings share that cell and only it, so they are reported once, with the cell as the
    culprit and the value that would satisfy the first sum.
    """
    from collections import Counter

    from ..core.models import CAUSES, Diagnosis

    counts = Counter(place for f in findings if f.rule in _SUMS
                     for place in {e.place for e in f.evidence})
    out: list["Finding"] = []
    groups: dict[str, list[tuple["Finding", object]]] = {}
    for f in sorted(findings, key=lambda f: f.rule):
        if f.rule not in _SUMS:
            out.append(f)
            continue
        ranked = sorted(f.evidence, key=lambda e: -counts[e.place])
        top = counts[ranked[0].place]
        if top >= 2 and (len(ranked) == 1 or counts[ranked[1].place] < top):
            groups.setdefault(ranked[0].place, []).append((f, ranked[0]))
        else:
            out.append(f)
    for place, members in groups.items():
        # the finding in which the culprit is the stated total speaks of it most directly
        members.sort(key=lambda m: (m[0].evidence[0].place != place, m[0].rule))
        f, culprit = members[0]
        f.also_breaks.extend(f"{g.rule} {g.relation}" for g, _ in members[1:])
        suggested = None
        if f.evidence[0].place == place:
            suggested = f.expected
        f.diagnosis = Diagnosis(cause="miscalculated",
                                explanation=CAUSES["miscalculated"] + f"：{place}与{len(members)}处合计不符",
                                culprit=culprit, suggested=suggested)
        if len(members) > 1:
            f.message += f"；{place}（{culprit.text}）同时使{len(members) - 1}处其他合计不符，最可能是此格有误"
            if suggested:
                f.message += f"，应为{suggested}"
        out.append(f)
    out.sort(key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule))
    return out


def audit_tables(tables, doc: "Document | None" = None) -> Checker:
    checker = Checker(doc)
    for t in tables:
        checker.table(t)
    checker.between()
    checker.gather_facts()
    checker.facts_between()
    checker.prose()
    checker.findings = blame(checker.findings)
    return checker


def add_table_findings(report: "AuditReport", tables, doc: "Document | None" = None, unread=()) -> None:
    """Append the statistical tables' findings to a report made from the same source (engine hook),
    and what the reader could not read to its coverage."""
    for what, count in unread:
        report.coverage.relations_skipped[what] = report.coverage.relations_skipped.get(what, 0) + count
    checker = audit_tables(tables, doc)
    report.coverage.relations_checked += checker.checked
    report.coverage.relations_consistent += checker.consistent
    for f in checker.findings:
        report.coverage.findings[f.severity] += 1
    report.findings.extend(checker.findings)
    report.findings.sort(key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule) if f.evidence else (0, 0, f.rule))
