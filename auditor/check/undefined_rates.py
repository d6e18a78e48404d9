"""Change rates outside the usual form (this year's figure, the change amount, the rate): the ones
the figures leave undefined (the prior they imply is zero or below it) and what such a rate says
anyway — a direction word turned the wrong way (FA302), a rate of 0% for a change from nothing
(FA304) — and a rate between two stated levels with no change amount between them (FA301)."""

from __future__ import annotations

from dataclasses import replace

from ..facts.readings import Reading
from .extraction import Observation
from .relations import ChangeRateRelation, GrowthRelation
from .store import Builder


def rate_of_nothing(b: Builder, r: Reading, x: Reading, d: Reading, sign: int) -> bool:
    """本年445.20万元，比上年增加445.20万元，增长0.00%: the figures say last year was nothing, and a
    rate of nothing is no rate (FA304). Only a stated 0%: reports write 增长100% for what is new,
    a convention, but no change of 445.20 is a change of 0%."""
    prior = x.fig.value * x.fig.scale - sign * d.fig.value * d.fig.scale
    if prior != 0 or d.fig.value == 0 or r.fig.value != 0:
        return False
    b.observations.append(
        Observation(
            "FA304",
            [r.fig, d.fig, x.fig],
            ["变动率", "变动额", "本年数"],
            f"按本年数{x.fig.number}{x.fig.unit}、变动{d.fig.number}{d.fig.unit}推算，上年数为0，"
            f"无从计算变动率，文中写{r.fig.number}%",
            f"{r.fig.number}%",
            "无",
            "percentage_of_zero",
        )
    )
    return True


def direction_slip(b: Builder, rel: ChangeRateRelation, x: Reading, d: Reading) -> bool:
    """支出10万元，比上年增加15万元，增长60%: the prior these figures imply is below zero, and the
    change read the other way makes amount and rate agree — the direction word is the slip
    (FA302), not an undefined rate. Without that agreement nothing is said."""
    if rel.judge() != "undefined":
        return False
    flipped = replace(rel, sign=-rel.sign)
    if flipped.judge() not in ("ok", "truncation"):
        return False
    word, other = ("增加", "减少") if rel.sign > 0 else ("减少", "增加")
    b.observations.append(
        Observation(
            "FA302",
            [rel.result, d.fig, x.fig],
            ["变动率", "变动额", "本年数"],
            f"方向词与数字不符：本年数{x.fig.number}{x.fig.unit}，文中写{word}{d.fig.number}{d.fig.unit}"
            f"、{rel.result.number}%，按{other}计算两者相符",
            word,
            other,
            "direction_word",
        )
    )
    return True


def growth_of_levels(b: Builder, r: Reading, x: Reading, prior: Reading) -> bool:
    """The rate r between this year's level x and the prior level, no change amount stated
    (FA301); False when the two figures cannot be compared. A prior that makes the rate hold only
    when read as the change amount is that, its word left out (较上年决算数40万元，下降6.25%):
    nothing is said."""
    if (
        r.sign is None
        or x.fig.is_amount != prior.fig.is_amount
        or not x.fig.is_amount
        and x.fig.unit != prior.fig.unit
    ):
        return False
    if ChangeRateRelation("FA301", r.fig, [x.fig, prior.fig], [], "", sign=r.sign).judge() in (
        "ok",
        "truncation",
    ):
        b.skip("change rate whose prior reads as the change amount")
        return True
    b.add(
        GrowthRelation(
            "FA301",
            r.fig,
            [x.fig, prior.fig],
            ["变动率", "本年数", "上年数"],
            "(本年数 − 上年数) ÷ 上年数 = 变动率",
            sign=r.sign,
        )
    )
    return True
