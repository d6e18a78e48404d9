"""Why a relation failed, as a ``Diagnosis``: a truncation, a unit slip the extraction saw, a
direction word turned (增加 for a decrease), a percentage computed on another stated total, or
the single-edit repair ``diagnose.graph_blame`` singled out."""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections.abc import Callable
from decimal import Decimal

from ..check.relations import (
    ChangeAmountRelation,
    ChangeRateRelation,
    GrowthRelation,
    RatioRelation,
    Relation,
)
from ..core.models import CAUSES, Diagnosis
from ..parse.figures import Figure, misspellings
from .diagnose import Repair, loose_value
from .evidence import Labels

# the bound figures tried as the base a percentage was computed on: the nearest of distinct values
NEAR_VALUES = 200
NEAR_SCAN = 2000


def _one_slip_away(fig: Figure) -> set[Decimal]:
    """The values (in yuan) an amount stands for with one slip made in writing it."""
    return {c.value * c.scale for _, c in misspellings(fig, fig.unit)} if fig.is_amount else set()


def fmt(value: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(q):f}"


def shown(fig: Figure) -> str:
    return f"{fig.number}{fig.unit}"


def nearest(
    bases: list[Figure], starts: list[int], fig: Figure, values: list[Decimal] | None = None
) -> list[Figure]:
    """The figures of distinct values stated nearest a percentage, nearest first (`bases` in
    reading order, `starts` their offsets, `values` their values in yuan when worked out
    already): a percentage computed on another total took one the report states, and a long
    report's thousands of amounts are not all tried for each percentage (at most NEAR_SCAN
    looked at, NEAR_VALUES returned)."""
    if values is None:
        values = [f.value * f.scale for f in bases]
    n = len(bases)
    at = fig.start
    k = bisect_left(starts, at)
    left, right = k - 1, k
    out: list[Figure] = []
    seen: set[Decimal] = set()
    for _ in range(NEAR_SCAN):
        if left >= 0 and (right >= n or at - starts[left] <= starts[right] - at):
            j = left
            left -= 1
        elif right < n:
            j = right
            right += 1
        else:
            break
        value = values[j]
        if value not in seen:
            seen.add(value)
            out.append(bases[j])
            if len(out) == NEAR_VALUES:
                break
    return out


class Causes:
    """The causes of a document's failed relations. Whether a direction word or another base
    explains a relation is worked out once per relation (it is asked for twice)."""

    def __init__(self, labels: Labels, bases: list[Figure]) -> None:
        self.labels = labels
        # figures bound to concepts, in reading order: other bases a percentage may have used
        self.bases = sorted(bases, key=lambda f: f.start)
        self._starts = [f.start for f in self.bases]
        self._values = [f.value * f.scale for f in self.bases]
        self._explained: dict[tuple[str, int], Diagnosis | None] = {}

    def _memo(self, how: Callable[[Relation], Diagnosis | None], rel: Relation) -> Diagnosis | None:
        key = (how.__name__, id(rel))
        if key not in self._explained:
            self._explained[key] = how(rel)
        return self._explained[key]

    def direction(self, rel: Relation) -> Diagnosis | None:
        """增加 written for a decrease (or 减少 for an increase): the relation holds with the sign turned."""
        return self._memo(self._direction_of, rel)

    def wrong_base(self, rel: Relation) -> Diagnosis | None:
        """A percentage computed on another stated total."""
        return self._memo(self._wrong_base_of, rel)

    def explained(self, rel: Relation) -> bool:
        """A unit slip, a turned direction word or another base explains the relation: no digit is
        to be blamed for it."""
        return bool("unit_slip" in rel.context or self.direction(rel) or self.wrong_base(rel))

    def of(self, rel: Relation, outcome: str, blamed: Repair | None) -> Diagnosis | None:
        """The diagnosis of a relation that did not hold (``fail``, or ``truncation``)."""
        if outcome == "truncation":
            return Diagnosis(
                cause="truncation",
                explanation=CAUSES["truncation"],
                culprit=self.labels.evidence(rel.result, rel.roles[0]),
            )
        if "unit_slip" in rel.context:
            k, fixed = rel.context["unit_slip"]
            return Diagnosis(
                cause="unit_slip",
                explanation=CAUSES["unit_slip"],
                culprit=self.labels.evidence(rel.figures[k], rel.roles[k]),
                suggested=shown(fixed),
            )
        return self.direction(rel) or self.wrong_base(rel) or self.repair(rel, blamed)

    def _direction_of(self, rel: Relation) -> Diagnosis | None:
        if not isinstance(rel, (ChangeRateRelation, ChangeAmountRelation, GrowthRelation)):
            return None
        turned = copy.copy(rel)
        turned.sign = -rel.sign
        if turned.judge() != "ok":
            return None
        # the figure the word stands before: the change amount, or the rate between two levels
        k = 2 if isinstance(rel, ChangeRateRelation) else 0
        if isinstance(rel, GrowthRelation):
            word = "下降" if rel.sign > 0 else "增长"
        else:
            word = "减少" if rel.sign > 0 else "增加"
        return Diagnosis(
            cause="direction_word",
            explanation=CAUSES["direction_word"] + f"：按“{word}”计算则相符",
            culprit=self.labels.evidence(rel.figures[k], rel.roles[k]),
            suggested=f"{word}{shown(rel.figures[k])}",
        )

    def _wrong_base_of(self, rel: Relation) -> Diagnosis | None:
        k = rel.context.get("base_index")
        if k is None or rel.context.get("alternatives_accept"):
            return None
        base = rel.figures[k]
        alt = self._base_that_fits(rel, k, base)
        if alt is None:
            return None
        # the percentage is what is wrong as written: computed on another total
        exp = rel.expected()
        res = rel.result
        label = self.labels.of
        suggested = f"{fmt(exp.mid, max(res.decimals, 2))}{res.unit}" if exp is not None else None
        return Diagnosis(
            cause="wrong_base",
            explanation=CAUSES["wrong_base"] + f"：它按{label(alt)}{shown(alt)}计算，"
            f"而不是{label(base) or rel.roles[k]}{shown(base)}",
            culprit=self.labels.evidence(res, rel.roles[0]),
            suggested=suggested,
        )

    def _base_that_fits(self, rel: Relation, k: int, base: Figure) -> Figure | None:
        """Another stated total (an alternative of the relation, or any bound one) with which it holds."""
        # the base's values one slip away, worked out when an alternative fits
        slips: set[Decimal] | None = None
        # what the base would have to stand for: an alternative outside it cannot make it hold
        need = rel.need(k)
        seen: set[int] = set()
        for alt in [*rel.alternatives, *nearest(self.bases, self._starts, rel.result, self._values)]:
            if (
                alt is base
                or alt.value == 0
                or id(alt) in seen
                or alt.unit != base.unit
                and not alt.is_amount
            ):
                continue
            seen.add(id(alt))
            fits = (need is None or need.meets(loose_value(alt))) and rel.judge({k: alt}) == "ok"
            # d ÷ (another total ∓ d): the other total as this year's
            if not fits and "change_sign" in rel.context:
                fits = (
                    ChangeRateRelation(
                        rel.code,
                        rel.result,
                        [alt, rel.inputs[0]],
                        rel.roles,
                        "",
                        sign=rel.context["change_sign"],
                    ).judge()
                    == "ok"
                )
            if not fits:
                continue
            if slips is None:
                slips = _one_slip_away(base)
            # one slip away from the stated base, the other figure is a slip, not another base
            if alt.value * alt.scale not in slips:
                return alt
        return None

    def repair(self, rel: Relation, rep: Repair | None) -> Diagnosis | None:
        """The repair graph_blame singled out (it has tried every figure of every failed relation)."""
        if rep is None:
            if isinstance(rel, (RatioRelation, ChangeRateRelation, GrowthRelation)):
                return Diagnosis(
                    cause="miscalculated",
                    explanation=CAUSES["miscalculated"],
                    culprit=self.labels.evidence(rel.result, rel.roles[0]),
                )
            return None
        fig = rel.figures[rep.index]
        return Diagnosis(
            cause=rep.cause,
            explanation=CAUSES[rep.cause],
            culprit=self.labels.evidence(fig, rel.roles[rep.index]),
            suggested=shown(rep.figure),
        )
