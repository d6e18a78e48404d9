"""The arithmetic of self-evaluation tables (绩效自评表), read as rows of cells by
``parse.selfeval_table``.

From the header row of the budget block (年初预算数, 年中预算调整数, 调整后预算数 / 全年预算数,
实际支出数 / 执行数, 预算执行率) the numeric cells of the rows below are aligned from the right,
and the table's own arithmetic makes relations:

- adjusted budget = initial budget + adjustment (FA811);
- execution rate = actual ÷ adjusted budget, written as a percentage or a ratio like 0.975 (FA812);
- the 合计 row = Σ of the fund-source rows below it (FA813);
- execution score = its weight (预算执行(10分)) × the execution rate (FA814);
- total score = Σ indicator scores (指标得分 column) + the execution score (FA815).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..parse.document import Document
from ..parse.figures import Figure
from ..core.intervals import Interval
from ..parse.selfeval_table import ACTUAL, ADJUST, ADJUSTED, INITIAL, RATE, SCORE, WEIGHT, Cell, Row, column_of, rows
from .relations import PartialSumRelation, Relation, SumRelation

_NUMERIC = re.compile(r"^\s*-?[\d,]+(?:\.\d+)?\s*(?:%|万元|元|分)?\s*$")
_WEIGHT = re.compile(r"\((\d+(?:\.\d+)?)分\)")

_SCORE_LABELS = ("自评得分", "总分", "综合得分")
_TOTAL_LABELS = (*_SCORE_LABELS, "合计")
FUND_ROWS = ("一般公共预算", "政府性基金", "国有资本经营", "其他资金", "上级", "本级", "财政拨款", "其它资金")


@dataclass(eq=False)
class ScoreRelation(Relation):
    """score = weight × rate / 100: inputs are the rate (percent)."""

    weight: Decimal = Decimal(0)

    def compute(self, values: list[Interval]) -> Interval | None:
        return values[0].scale(self.weight / 100)


@dataclass(eq=False)
class RateRelation(Relation):
    """rate (percent) = 100 · actual / budget, for table numbers without units."""

    def compute(self, values: list[Interval]) -> Interval | None:
        actual, budget = values
        if budget.lo <= 0:
            return None
        cands = [actual.lo * 100 / budget.lo, actual.lo * 100 / budget.hi, actual.hi * 100 / budget.lo, actual.hi * 100 / budget.hi]
        return Interval(min(cands), max(cands))


#: Fund-source rows of a department's self-evaluation table, and the scope each one states.
ROW_SCOPES = (("一般公共预算", "gpb"), ("政府性基金", "gf"), ("国有资本经营", "soc"))
#: Budget-block columns that state a fact of the fin_expense concept, and its period.
COLUMN_PERIODS = (("initial", "budget"), ("actual", "current"))


@dataclass(eq=False)
class ScoreSumRelation(SumRelation):
    """total score = Σ scores: scores written as whole numbers (30, 10) are exact points."""

    def interval_of(self, fig: Figure) -> Interval:
        return Interval.point(fig.value) if fig.decimals == 0 else fig.interval

    def loose_of(self, fig: Figure) -> Interval:
        return Interval.point(fig.value) if fig.decimals == 0 else fig.loose


class SelfEvaluation:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.relations: list[Relation] = []
        self.skipped: dict[str, int] = {}
        # (figure, concept, scope, period, label, unit) stated by a department-wide table's fund-source rows
        self.facts: list[tuple[Figure, str, str, str, str, str]] = []

    def figure(self, cell: Cell) -> Figure | None:
        if not _NUMERIC.match(cell.text):
            return None
        found = [self.doc.figures[i] for i in self.doc.figures_in(cell.start, cell.end)]
        return found[0] if len(found) == 1 else None

    def run(self) -> None:
        for table in rows(self.doc):
            self.table(table)

    def table(self, table: list[Row]) -> None:
        header = None
        rate_total: Figure | None = None
        total_score: Figure | None = None
        exec_score: tuple[Figure, Decimal] | None = None
        score_col: int | None = None
        weight_col = 0
        scores: list[Figure] = []
        scores_clean = True
        budget_rows: list[tuple[str, dict[str, Figure]]] = []
        for row in table:
            texts = row.texts()
            if column_of(texts, INITIAL) is not None and (column_of(texts, ACTUAL) is not None):
                header = texts
                continue
            if column_of(texts, ("指标得分", "得分")) is not None and column_of(texts, ("分值",)) is not None and header is None:
                score_col = column_of(texts, ("指标得分", "得分"))
                weight_col = column_of(texts, ("分值",))
                continue
            # 自评得分(满分100分) | 95.94 | 预算执行(10分) | 5.94
            for k, cell in enumerate(row.cells[:-1]):
                fig = self.figure(row.cells[k + 1])
                if fig is None:
                    continue
                name = cell.text.replace(" ", "")
                if name.startswith(_SCORE_LABELS):
                    # 总分 | 100 | 97.72: the full marks, then the score
                    after = [f for c in row.cells[k + 1 :] if (f := self.figure(c)) is not None]
                    total_score = after[-1] if len(after) >= 2 and after[0].value == 100 and "满分" not in name else fig
                elif name.startswith("预算执行") and (w := _WEIGHT.search(name)):
                    exec_score = (fig, Decimal(w.group(1)))
            if header is not None and score_col is None:
                cols = {key: column_of(header, names) for key, names in
                        (("initial", INITIAL), ("adjust", ADJUST), ("adjusted", ADJUSTED), ("actual", ACTUAL), ("rate", RATE),
                         ("weight", WEIGHT), ("score", SCORE))}
                width = max(c for c in cols.values() if c is not None) + 1
                if len(row.cells) >= width:
                    tail = row.cells[len(row.cells) - width :]
                    figs = {key: self.figure(tail[width - 1 - c]) for key, c in cols.items() if c is not None}
                    figs = {key: f for key, f in figs.items() if f is not None or key not in ("weight", "score")}
                    if all(f is not None for key, f in figs.items()):
                        label = " ".join(c.text for c in row.cells[: len(row.cells) - width])
                        budget_rows.append((label, figs))  # type: ignore[arg-type]
                        continue
                header = None  # the budget block ends at the first row that does not fit it
            if score_col is not None and not row.cells[0].text.replace(" ", "").startswith(_TOTAL_LABELS):
                if len(row.cells) > score_col:
                    cell = row.cells[len(row.cells) - 1 - score_col]
                    fig = self.figure(cell)
                    if fig is not None:
                        scores.append(fig)
                        weight = self.figure(row.cells[len(row.cells) - 1 - weight_col]) if len(row.cells) > weight_col else None
                        if weight is not None:  # an indicator cannot score more than its weight
                            self.relations.append(PartialSumRelation("FA816", weight, [fig], ["分值", "指标得分"],
                                                                     "指标得分 ≤ 分值"))
                    elif any(ch.isdigit() for ch in cell.text) or len(row.cells) >= 4:
                        scores_clean = False
        for label, figs in budget_rows:
            self.budget_row(label, figs)
        if exec_score is None and budget_rows and "score" in budget_rows[0][1] and "weight" in budget_rows[0][1]:
            exec_score = (budget_rows[0][1]["score"], budget_rows[0][1]["weight"].value)  # 分值 | 执行率 | 得分 columns
        if budget_rows and self._department_wide(table):
            for label, figs in budget_rows:
                scopes = [scope for word, scope in ROW_SCOPES if word in label]
                if len(scopes) != 1 or "上级" in label or "本级" in label:
                    continue
                for key, period in COLUMN_PERIODS:
                    if key in figs:
                        name = f"自评表{label.replace('其中:', '').strip()}{_KEY_NAMES[key]}"
                        self.facts.append((figs[key], "fin_expense", scopes[0], period, name, self._unit(table)))
        if budget_rows:
            rate_total = self.fund_sum(budget_rows)
        if exec_score and rate_total is not None:
            fig, weight = exec_score
            self.relations.append(ScoreRelation("FA814", fig, [rate_total], ["预算执行得分", "预算执行率"],
                                                f"预算执行得分 = {weight}分 × 预算执行率", weight=weight))
        if total_score is not None:  # the table's total score, for the prose that states it too
            self.facts.append((total_score, "self_score", "", "current", "自评表自评得分", ""))
        if total_score is not None and scores and exec_score and scores_clean and len(scores) >= 3:
            parts = [*scores, exec_score[0]]
            self.relations.append(ScoreSumRelation("FA815", total_score, parts, ["自评得分", *["指标得分"] * len(scores), "预算执行得分"],
                                              "自评得分 = Σ 指标得分 + 预算执行得分"))
        elif total_score is not None and exec_score:
            self.skipped["self-evaluation: indicator scores not read"] = self.skipped.get("self-evaluation: indicator scores not read", 0) + 1

    def _unit(self, table: list[Row]) -> str:
        """The unit a table states for its amounts (万元 unless it says 元)."""
        texts = " ".join(c.text for row in table[:6] for c in row.cells)
        return "元" if re.search(r"[(（:：]\s*元\s*[)）]?|单位[:：]\s*元", texts) else "万元"

    def _department_wide(self, table: list[Row]) -> bool:
        """A department's own table (部门整体绩效自评表), not a project's (项目名称 …)."""
        texts = [c.text.replace(" ", "") for row in table for c in row.cells]
        if any(t.startswith(("项目名称", "项目编码")) for t in texts):
            return False
        return any("部门整体" in t and "自评表" in t for t in texts[:3])

    def budget_row(self, label: str, figs: dict[str, Figure]) -> None:
        name = label or "合计"
        if "initial" in figs and "adjust" in figs and "adjusted" in figs:
            self.relations.append(SumRelation("FA811", figs["adjusted"], [figs["initial"], figs["adjust"]],
                                              ["调整后预算数", "年初预算数", "年中预算调整数"],
                                              f"{name}：调整后预算数 = 年初预算数 + 年中预算调整数"))
        budget = figs.get("adjusted") or figs.get("initial")
        rate = figs.get("rate")
        if budget is None or rate is None or "actual" not in figs:
            return
        if budget.value == 0:
            return
        percent = _as_percent(rate)
        self.relations.append(RateRelation("FA812", percent, [figs["actual"], budget],
                                           ["预算执行率", "实际支出数", "调整后预算数"],
                                           f"{name}：预算执行率 = 实际支出数 ÷ 调整后预算数"))
        if "weight" in figs and "score" in figs:
            self.relations.append(ScoreRelation("FA814", figs["score"], [percent], ["预算执行得分", "预算执行率"],
                                                f"{name}：得分 = {figs['weight'].value}分 × 预算执行率",
                                                weight=figs["weight"].value))

    def fund_sum(self, budget_rows: list[tuple[str, dict[str, Figure]]]) -> Figure | None:
        first_label, first = budget_rows[0]
        if "合计" not in first_label:
            return None
        members = [(label, figs) for label, figs in budget_rows[1:] if any(w in label for w in FUND_ROWS)]
        if len(members) == len(budget_rows) - 1 and members:
            for key in ("initial", "adjust", "adjusted", "actual"):
                if key in first and all(key in figs for _, figs in members):
                    self.relations.append(SumRelation("FA813", first[key], [figs[key] for _, figs in members],
                                                      ["合计", *["资金来源"] * len(members)],
                                                      f"合计行 = Σ 各资金来源（{_KEY_NAMES[key]}）"))
        rate = first.get("rate")
        return _as_percent(rate) if rate is not None else None


_KEY_NAMES = {"initial": "年初预算数", "adjust": "年中预算调整数", "adjusted": "调整后预算数", "actual": "实际支出数"}


def _as_percent(fig: Figure) -> Figure:
    """A rate cell as a percentage: 59.36% as is, a ratio such as 0.975 times 100, 36.37 in a (%) column as is."""
    if fig.unit == "%":
        return fig
    if fig.value <= Decimal("1.5") and fig.decimals >= 2:
        decimals = max(0, fig.decimals - 2)
        value = (fig.value * 100).quantize(Decimal(1).scaleb(-decimals))
        return replace(fig, value=value, decimals=decimals, unit="%", kind="percent", number=f"{value:f}")
    return replace(fig, unit="%", kind="percent")


def self_evaluations(doc: Document) -> SelfEvaluation:
    ev = SelfEvaluation(doc)
    ev.run()
    return ev
