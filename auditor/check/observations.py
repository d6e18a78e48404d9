"""Slips seen without a relation of the text's own: a year written with a stray digit (22017年),
a total labelled with another year while its parts are this year's (FA501), a part whose
completion rate implies a larger budget than its whole's (FA403)."""

from __future__ import annotations

from ..core.intervals import Interval
from ..core.lexicon import lexicon
from ..parse.figures import Figure, misspellings
from .extraction import Observation
from .store import Builder


def garbled_years(b: Builder) -> None:
    """22017年 in a 2017 report: a year written with a stray digit."""
    year = b.rd.year
    if year is None:
        return
    t = b.rd.text
    for f in b.rd.figures:
        if (
            f.kind == "number"
            and f.decimals == 0
            and len(f.number) == 5
            and t[f.end : f.end + 1] == "年"
            and year - 10 <= int(f.number[1:]) <= year + 1
        ):
            b.observations.append(
                Observation(
                    "FA501",
                    [f],
                    ["年份"],
                    f"年份写作{f.number}年，本报告为{year}年度",
                    f"{f.number}年",
                    f"{f.number[1:]}年",
                    "year_label",
                )
            )


def year_labels(b: Builder) -> None:
    """2020年度部门财政资金支出1755.78万元，其中：…本年支出1634.34万元 in a 2021 report: a total
    labelled with another year while its parts are this year's (FA501)."""
    for lst in b.rd.lists:
        pr = lst.parent_reading or lst.head_reading
        if pr is None or pr.period == "current" or not pr.period.startswith(("prior", "y")):
            continue
        items = [r for r in b.rd.readings if r.list_id == lst.id and r.kind == "level"]
        if not any(r.note == "this_year" for r in items):
            continue
        year_fig = None
        for f in b.rd.figures:
            if f.start >= pr.fig.start:
                break
            if f.kind == "year" and b.rd.text.count("\n", f.end, pr.fig.start) == 0:
                year_fig = f
        if year_fig is None or b.rd.year is None:
            continue
        b.observations.append(
            Observation(
                "FA501",
                [year_fig, pr.fig],
                ["年份", "总数"],
                f"{year_fig.number}年的{pr.fig.number}{pr.fig.unit}下列的是本年（{b.rd.year}年）的数字",
                f"{year_fig.number}年",
                f"{b.rd.year}年",
                "year_label",
            )
        )


def _implied_budget(actual: Figure, rate: Figure) -> Interval | None:
    """The budget, in yuan, that `actual` spent at completion `rate` implies (rounded or truncated)."""
    spent, r = actual.in_yuan(actual.loose), rate.loose
    if r.lo <= 0:
        return None
    return Interval(spent.lo * 100 / r.hi, spent.hi * 100 / r.lo)


def implied_budgets(b: Builder) -> None:
    """A part's budget cannot exceed its whole's: budgets implied by completion rates (FA403)."""
    lx = lexicon()
    for whole, (wa, wr) in b.implied.items():
        whole_budget = _implied_budget(wa.fig, wr.fig)
        if whole_budget is None:
            continue
        for part, (pa, prate) in b.implied.items():
            if part.scope != whole.scope or not lx.is_part(part.concept, whole.concept):
                continue
            part_budget = _implied_budget(pa.fig, prate.fig)
            if part_budget is None or part_budget.lo <= whole_budget.hi:
                continue
            P, Pr, W, Wr = pa.fig, prate.fig, wa.fig, wr.fig
            fixed = next(
                (
                    cand
                    for cause, cand in misspellings(Pr)
                    if cause == "misplaced_decimal"
                    and (x := _implied_budget(P, cand)) is not None
                    and x.meets(whole_budget)
                ),
                None,
            )
            b.observations.append(
                Observation(
                    "FA403",
                    [Pr, P, Wr, W],
                    ["完成率", "决算数", "完成率", "决算数"],
                    f"{P.number}{P.unit}完成预算{Pr.number}%，"
                    f"推算预算约{P.value * 100 / Pr.value:.2f}{P.unit}；"
                    f"而整体{W.number}{W.unit}完成预算{Wr.number}%，推算预算约"
                    f"{W.value * W.scale * 100 / Wr.value / P.scale:.2f}{P.unit}：部分的预算不能大于整体",
                    f"{Pr.number}%",
                    f"{fixed.number}%" if fixed else f"≥{P.value * P.scale * 100 / whole_budget.hi:.2f}%",
                    "misplaced_decimal" if fixed else None,
                )
            )
