"""Slips seen without a relation of the text's own: a year written with a stray digit (22017年),
a total labelled with another year while its parts are this year's (FA501), a part whose
completion rate implies a larger budget than its whole's (FA403)."""

from __future__ import annotations

from collections.abc import Callable

from ..core.intervals import Interval
from ..core.lexicon import lexicon
from ..facts.readings import Reading
from ..facts.subjects import Subject
from ..parse.figures import Figure, misspellings
from .extraction import Observation
from .store import BUDGETS, Builder


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


_BOUNDARY = "，,；;：:。！？!?\n"


def year_labels(b: Builder) -> None:
    """This year's figure labelled with another year (FA501), in a report of year R: a figure
    written under year Y ≠ R is this year's when its sentence breaks it into 本年 parts, compares
    it with the year before (and speaks of no other year), states its completion rate, or when
    the same quantity is stated elsewhere as this year's with the same value. Not in a budget's
    document."""
    year = b.rd.year
    if year is None or b.rd.budget_document:
        # a budget's document reports the spending of the years before its own
        return
    by_sentence: dict[int, list[Reading]] = {}
    for r in b.rd.readings:
        by_sentence.setdefault(r.sentence, []).append(r)
    for r in b.rd.readings:
        if r.note == "mislabelled" and r.index > 0 and (year_fig := _year_before(b, r)) is not None:
            amount = f"{r.fig.number}{r.fig.unit}"
            why = f"{year}年度的报告把本年数{amount}标成了{year_fig.number}年，而同句写的是它的变动或完成情况"
            b.observations.append(
                Observation(
                    "FA501",
                    [year_fig, r.fig, *(own := _own_year(b, year, year_fig))],
                    ["年份", "金额", *["报告年度"] * len(own)],
                    why,
                    f"{year_fig.number}年",
                    f"{year}年",
                    "year_label",
                )
            )
            continue
        if r.kind != "level" or r.subject is None or r.index <= 0:
            continue
        if r.period == "current" and r.note != "this_year":
            continue
        year_fig = _year_before(b, r)
        if year_fig is None or int(year_fig.value) == year:
            continue
        reason = _why_this_year(b, r, r.subject, by_sentence.get(r.sentence, []), year)
        if reason is None:
            continue
        b.observations.append(
            Observation(
                "FA501",
                [year_fig, r.fig, *(own := _own_year(b, year, year_fig))],
                ["年份", "金额", *["报告年度"] * len(own)],
                reason,
                f"{year_fig.number}年",
                f"{year}年",
                "year_label",
            )
        )


def _own_year(b: Builder, year: int, label: Figure) -> list[Figure]:
    """Where the report states its own year: first (the title, as a rule) and nearest before the
    label (a heading, the paragraph's opening): the evidence that the label is the odd one out."""
    before = [f for f in b.rd.figures if f.kind == "year" and f.value == year and f.start < label.start]
    return before[:1] + before[-1:] if len(before) > 1 else before


def _year_before(b: Builder, r: Reading) -> Figure | None:
    """The year a figure is labelled with: the year written right before it in its clause."""
    for k in range(r.index - 1, max(-1, r.index - 4), -1):
        f = b.rd.figures[k]
        gap = b.rd.text[f.end : r.fig.start]
        if any(c in gap for c in _BOUNDARY) or len(gap) > 24:
            return None
        if f.kind == "year":
            return f
    return None


def _why_this_year(
    b: Builder, r: Reading, subject: Subject, sentence: list[Reading], year: int
) -> str | None:
    """Why a figure `r` of `subject` labelled with another year is this year's, or None."""
    amount = f"{r.fig.number}{r.fig.unit}"
    text = b.rd.text
    first = min(x.fig.start for x in sentence)
    s0 = max(text.rfind(c, 0, first) for c in "。！？!?\n") + 1
    s1 = max(x.fig.end for x in sentence)
    both_years = f"{year}年" in text[s0:s1]
    after = [x for x in sentence if x.fig.start > r.fig.start]
    items = [x for x in after if x.list_id is not None and b.rd.lists[x.list_id].parent == subject]
    if any(x.note == "this_year" for x in items):
        return f"{year}年度的报告把本年数{amount}标成了另一年，而同句的构成写的是“本年”"
    if r.note == "this_year":
        return f"{year}年度的报告写“本年”却标成了另一年：{amount}" if items else None
    if both_years:
        return None
    if any(x.kind in ("change", "rate") and x.subject == subject and x.base == "prior" for x in after):
        return f"{year}年度的报告把本年数{amount}标成了另一年，而同句把它与上年相比"
    if r.role in BUDGETS and any(x.kind == "completion" and x.subject == subject for x in after):
        return f"{year}年度的报告把本年的预算{amount}标成了另一年，而同句写的是本年的决算和完成率"
    if subject.concept == "procurement" and items:
        return f"{year}年度的报告把本年的政府采购支出总额{amount}标成了另一年"
    same = b.store.get(subject, "current", r.role)
    if (
        same is not None
        and same.fig.value == r.fig.value
        and same.fig.unit == r.fig.unit
        and r.fig.value != 0
    ):
        line = text.count("\n", 0, same.fig.start) + 1
        return f"{year}年度的报告把{amount}标成了另一年，而同一数在第{line}段是本年数"
    return None


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


def garbled_figures(b: Builder, as_written: Callable[[Figure], str]) -> None:
    """A figure a person reads despite a garbled form (1282.95合计万元), or cannot read (FA601)."""
    for f in b.rd.figures:
        if f.note:
            shown = f"{f.number}{f.unit}" if f.kind != "unreadable" else "无法读出"
            b.observations.append(
                Observation(
                    "FA601", [f], ["数字"], f"数字书写有误：{f.note}", as_written(f), shown, "garbled"
                )
            )
