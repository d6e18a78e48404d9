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

from dataclasses import dataclass, replace
from decimal import Decimal

from ..core.intervals import Interval
from ..parse.document import Document
from ..parse.figures import Figure
from ..parse.selfeval_table import SelfEvalTable, read_table, rows
from .relations import PartialSumRelation, Relation, SumRelation

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
        cands = [
            actual.lo * 100 / budget.lo,
            actual.lo * 100 / budget.hi,
            actual.hi * 100 / budget.lo,
            actual.hi * 100 / budget.hi,
        ]
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
    """The relations of a document's self-evaluation tables, the facts their fund-source rows and
    total score state (for the cross-references), and what could not be checked."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.relations: list[Relation] = []
        self.skipped: dict[str, int] = {}
        # (figure, concept, scope, period, label, unit) stated by a department-wide table's fund-source rows
        self.facts: list[tuple[Figure, str, str, str, str, str]] = []

    def run(self) -> None:
        for table in rows(self.doc):
            self.table(read_table(self.doc, table))

    def table(self, t: SelfEvalTable) -> None:
        for weight, score in t.indicators:  # an indicator cannot score more than its weight
            self.relations.append(
                PartialSumRelation("FA816", weight, [score], ["分值", "指标得分"], "指标得分 ≤ 分值")
            )
        for label, figs in t.budget_rows:
            self.budget_row(label, figs)
        exec_score = t.exec_score
        first = t.budget_rows[0][1] if t.budget_rows else {}
        if exec_score is None and "score" in first and "weight" in first:
            exec_score = (first["score"], first["weight"].value)  # 分值 | 执行率 | 得分 columns
        if t.budget_rows and t.department_wide():
            self.fund_facts(t)
        rate_total = self.fund_sum(t.budget_rows) if t.budget_rows else None
        if exec_score and rate_total is not None:
            fig, exec_weight = exec_score
            self.relations.append(
                ScoreRelation(
                    "FA814",
                    fig,
                    [rate_total],
                    ["预算执行得分", "预算执行率"],
                    f"预算执行得分 = {exec_weight}分 × 预算执行率",
                    weight=exec_weight,
                )
            )
        self.total_score(t, exec_score)

    def fund_facts(self, t: SelfEvalTable) -> None:
        """A department's own table: each fund-source row's budget and spending, as facts."""
        for label, figs in t.budget_rows:
            scopes = [scope for word, scope in ROW_SCOPES if word in label]
            if len(scopes) != 1 or "上级" in label or "本级" in label:
                continue
            for key, period in COLUMN_PERIODS:
                if key in figs:
                    name = f"自评表{label.replace('其中:', '').strip()}{_KEY_NAMES[key]}"
                    self.facts.append((figs[key], "fin_expense", scopes[0], period, name, t.unit()))

    def total_score(self, t: SelfEvalTable, exec_score: tuple[Figure, Decimal] | None) -> None:
        """The total score: a fact for the prose, and Σ indicator scores + the execution score."""
        if t.total_score is None:
            return
        self.facts.append((t.total_score, "self_score", "", "current", "自评表自评得分", ""))
        if t.scores and exec_score and t.scores_clean and len(t.scores) >= 3:
            self.relations.append(
                ScoreSumRelation(
                    "FA815",
                    t.total_score,
                    [*t.scores, exec_score[0]],
                    ["自评得分", *["指标得分"] * len(t.scores), "预算执行得分"],
                    "自评得分 = Σ 指标得分 + 预算执行得分",
                )
            )
        elif exec_score:
            why = "self-evaluation: indicator scores not read"
            self.skipped[why] = self.skipped.get(why, 0) + 1

    def budget_row(self, label: str, figs: dict[str, Figure]) -> None:
        name = label or "合计"
        if "initial" in figs and "adjust" in figs and "adjusted" in figs:
            self.relations.append(
                SumRelation(
                    "FA811",
                    figs["adjusted"],
                    [figs["initial"], figs["adjust"]],
                    ["调整后预算数", "年初预算数", "年中预算调整数"],
                    f"{name}：调整后预算数 = 年初预算数 + 年中预算调整数",
                )
            )
        budget = figs.get("adjusted") or figs.get("initial")
        rate = figs.get("rate")
        if budget is None or rate is None or "actual" not in figs:
            return
        if budget.value == 0:
            return
        percent = _as_percent(rate)
        self.relations.append(
            RateRelation(
                "FA812",
                percent,
                [figs["actual"], budget],
                ["预算执行率", "实际支出数", "调整后预算数"],
                f"{name}：预算执行率 = 实际支出数 ÷ 调整后预算数",
            )
        )
        if "weight" in figs and "score" in figs:
            self.relations.append(
                ScoreRelation(
                    "FA814",
                    figs["score"],
                    [percent],
                    ["预算执行得分", "预算执行率"],
                    f"{name}：得分 = {figs['weight'].value}分 × 预算执行率",
                    weight=figs["weight"].value,
                )
            )

    def fund_sum(self, budget_rows: list[tuple[str, dict[str, Figure]]]) -> Figure | None:
        first_label, first = budget_rows[0]
        if "合计" not in first_label:
            return None
        members = [(label, figs) for label, figs in budget_rows[1:] if any(w in label for w in FUND_ROWS)]
        if len(members) == len(budget_rows) - 1 and members:
            for key in ("initial", "adjust", "adjusted", "actual"):
                if key in first and all(key in figs for _, figs in members):
                    self.relations.append(
                        SumRelation(
                            "FA813",
                            first[key],
                            [figs[key] for _, figs in members],
                            ["合计", *["资金来源"] * len(members)],
                            f"合计行 = Σ 各资金来源（{_KEY_NAMES[key]}）",
                        )
                    )
        rate = first.get("rate")
        return _as_percent(rate) if rate is not None else None


_KEY_NAMES = {
    "initial": "年初预算数",
    "adjust": "年中预算调整数",
    "adjusted": "调整后预算数",
    "actual": "实际支出数",
}


def _as_percent(fig: Figure) -> Figure:
    """A rate cell as a percentage: 59.36% as is, a ratio such as 0.975 times 100, 36.37 in a (%)
    column as is."""
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
