"""The message of a relation that failed, in the report's own words: what was stated, what the
other figures make of it, for each kind of relation."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..check.relations import (
    ChangeAmountRelation,
    ChangeRateRelation,
    ClassItemsRelation,
    GrowthRelation,
    PartialSumRelation,
    RatioRelation,
    Relation,
    RestatedRelation,
    SumRelation,
)
from ..parse.figures import Figure
from .causes import fmt, shown

Label = Callable[[Figure], str]


def _class_items(rel: ClassItemsRelation, expected: str, lbl: Label) -> str:
    res = rel.result
    total = sum((f.value * f.scale for f in rel.inputs), Decimal(0)) / res.scale
    names = "、".join(shown(f) for f in rel.inputs)
    return (
        f"{lbl(res) or '类'}{shown(res)}，所列各项（{names}）合计{fmt(total, 2)}{res.unit}"
        f"{'，超过该类' if total * res.scale > res.in_yuan().hi else ''}"
    )


def _partial_sum(rel: PartialSumRelation, expected: str, lbl: Label) -> str:
    res = rel.result
    total = sum((f.value * f.scale for f in rel.inputs), Decimal(0)) / res.scale
    return f"所列各部分之和{fmt(total, 2)}{res.unit}超过{lbl(res) or '总数'}{shown(res)}"


def _sum(rel: SumRelation, expected: str, lbl: Label) -> str:
    res = rel.result
    if rel.code != "FA103":
        parts = "、".join(lbl(f) or shown(f) for f in rel.inputs)
        return f"{parts}之和应为{expected}，文中{lbl(res) or '总数'}为{shown(res)}"
    k, fixed = rel.context["unit_slip"]
    if k == 0:
        return (
            f"{lbl(res) or '总数'}写作{shown(res)}，而各部分以{fixed.unit}计，"
            f"按{fixed.unit}计总数才等于各部分之和"
        )
    odd = rel.figures[k]
    return f"{lbl(odd)}写作{shown(odd)}，按{fixed.unit}计各部分之和才等于{lbl(res) or '总数'}{shown(res)}"


def _change_rate(rel: ChangeRateRelation, expected: str, lbl: Label) -> str:
    x, d = rel.inputs
    prior = x.value - rel.sign * d.value
    return (
        f"按{lbl(x) or '本年数'}{shown(x)}、{'增加' if rel.sign > 0 else '减少'}{shown(d)}推算，"
        f"上年数为{fmt(prior, max(x.decimals, d.decimals))}{x.unit}，"
        f"变动率应为{expected}，文中写{shown(rel.result)}"
    )


def _growth(rel: GrowthRelation, expected: str, lbl: Label) -> str:
    x, p = rel.inputs
    return (
        f"按{lbl(x) or '本年数'}{shown(x)}、上年数{shown(p)}计算，变动率应为{expected}，"
        f"文中写{'增长' if rel.sign > 0 else '下降'}{shown(rel.result)}"
    )


def _change_amount(rel: ChangeAmountRelation, expected: str, lbl: Label) -> str:
    x, p = rel.inputs
    return f"{shown(x)}与上年数{shown(p)}相差{expected}，文中写{shown(rel.result)}"


def _ratio(rel: RatioRelation, expected: str, lbl: Label) -> str:
    (a, b), res = rel.inputs, rel.result
    if rel.code == "FA201":
        return (
            f"{lbl(a) or '部分'}{shown(a)}占{lbl(b) or '总数'}{shown(b)}的比例应为{expected}，"
            f"文中写{shown(res)}"
        )
    if rel.code == "FA301":
        return f"变动额{shown(a)}÷上年数{shown(b)}应为{expected}，文中写{shown(res)}"
    return f"{lbl(a) or '决算数'}{shown(a)}÷{lbl(b) or '预算数'}{shown(b)}应为{expected}，文中写{shown(res)}"


def _restated(rel: RestatedRelation, expected: str, lbl: Label) -> str:
    (first,), later = rel.inputs, rel.result
    return f"{rel.description}在两处陈述不一致：先写{shown(first)}，后写{shown(later)}"


# the most specific kind first: a ClassItemsRelation is a PartialSumRelation too
_BY_KIND = (
    (RestatedRelation, _restated),
    (ClassItemsRelation, _class_items),
    (PartialSumRelation, _partial_sum),
    (SumRelation, _sum),
    (ChangeRateRelation, _change_rate),
    (GrowthRelation, _growth),
    (ChangeAmountRelation, _change_amount),
    (RatioRelation, _ratio),
)


def relation_message(rel: Relation, expected: str, outcome: str, lbl: Label) -> str:
    """What the failed relation says, with `expected` the value the result would need."""
    say = next((say for kind, say in _BY_KIND if isinstance(rel, kind)), None)
    text = say(rel, expected, lbl) if say is not None else None  # type: ignore[arg-type]
    if text is None:
        text = f"{rel.description}：应为{expected}，文中写{shown(rel.result)}"
    if outcome == "truncation":
        text += "（按截尾计算则相符）"
    return text
