"""Relations the report asserts between its figures, and how each is judged.

A relation names the stated figure it judges (`result`) and the figures it is computed from
(`inputs`); `compute` gives the interval of values the inputs allow. The relation holds when
that interval meets the interval the result stands for (Arelle's rounding-aware calculation
check). A relation that holds only when the figures were truncated rather than rounded is
consistent, and worth an informational note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypedDict

from ..core import work
from ..core.intervals import Interval, image, ratio_percent, total
from ..parse.figures import Figure

Outcome = Literal["ok", "truncation", "fail", "undefined"]


class RelationContext(TypedDict, total=False):
    """What the explanation of a relation's failure may use beyond its figures."""

    unit_slip: tuple[int, Figure]  # (index in figures, that part in the total's unit): FA103
    base_index: int  # index of a rate's or share's base: another stated total may have been it
    alternatives_accept: bool  # the relation holds when one of its alternatives is the base
    change_sign: int  # a rate of a change: the change's sign, to try another total as this year's


def _value(fig: Figure, interval: Interval) -> Interval:
    return interval.scale(fig.scale) if fig.is_amount else interval


@dataclass(eq=False)
class Relation:
    code: str
    result: Figure
    inputs: list[Figure]
    roles: list[str]  # role of the result, then of each input (总数, 部分, 占比 …)
    description: str  # the relation in words
    heuristic: bool = False  # binding needed a guess: failures are warnings, not errors
    alternatives: list[Figure] = field(default_factory=list)  # other candidate bases
    context: RelationContext = field(default_factory=RelationContext)
    # the figures' loose values and the sum of the inputs', worked out once: a relation of n
    # figures is asked what each of them needs, and each answer would otherwise cost n
    _loose: tuple[list[Interval], Interval] | None = field(default=None, init=False, repr=False)

    @property
    def figures(self) -> list[Figure]:
        return [self.result, *self.inputs]

    # Subclasses implement `compute` on intervals in yuan (amounts) or plain (percents).
    def compute(self, values: list[Interval]) -> Interval | None:
        raise NotImplementedError

    def holds_with(self, stated: Interval, values: list[Interval]) -> bool | None:
        got = self.compute(values)
        if got is None:
            return None
        return stated.meets(got)

    def judge(self, overrides: dict[int, Figure] | None = None) -> Outcome:
        work.tick("judged")  # the work counter tests bound (core/work.py)
        figs = [overrides.get(k, f) if overrides else f for k, f in enumerate(self.figures)]
        res, ins = figs[0], figs[1:]
        strict = self.holds_with(
            _value(res, self.interval_of(res)), [_value(f, self.interval_of(f)) for f in ins]
        )
        if strict is None:
            return "undefined"
        if strict:
            return "ok"
        if not res.is_percent:
            return "fail"
        # a rate truncated instead of rounded: the stated result widened, never the amounts
        # that go into it (a budget written 3 stands for [2.5, 3.5], not for anything up to 4)
        loose = self.holds_with(
            _value(res, self.loose_of(res)), [_value(f, self.interval_of(f)) for f in ins]
        )
        return "truncation" if loose else "fail"

    def interval_of(self, fig: Figure) -> Interval:
        """What a figure stands for in this relation: its rounding interval."""
        return fig.interval

    def need(self, k: int) -> Interval | None:
        """The values (in yuan for amounts) figure k would have to stand for, the others as
        stated, for the relation to hold; None when not worked out for this kind of relation.
        A cheap filter before judging candidate edits: it may be wider than needed, never narrower."""
        return None

    def _loose_values(self) -> list[Interval]:
        return self._loose_and_sum()[0]

    def _loose_and_sum(self) -> tuple[list[Interval], Interval]:
        if self._loose is None:
            values = [_value(f, self.loose_of(f)) for f in self.figures]
            self._loose = (values, total(values[1:]))
        return self._loose

    def loose_of(self, fig: Figure) -> Interval:
        return fig.loose

    def expected(self) -> Interval | None:
        """What the result would have to be, in the result's own unit."""
        got = self.compute([_value(f, self.interval_of(f)) for f in self.inputs])
        if got is None:
            return None
        if self.result.is_amount:
            return got.scale(1 / self.result.scale)
        return got


@dataclass(eq=False)
class SumRelation(Relation):
    """total = Σ parts (complete breakdown)."""

    def compute(self, values: list[Interval]) -> Interval | None:
        return total(values)

    def need(self, k: int) -> Interval | None:
        v, parts = self._loose_and_sum()
        if k == 0:
            return parts
        # the other parts' sum: bounds add one by one, so taking one part's bounds out is exact
        if len(v) == 2:
            return v[0]
        return v[0] - Interval(parts.lo - v[k].lo, parts.hi - v[k].hi)


@dataclass(eq=False)
class PartialSumRelation(Relation):
    """Σ parts ≤ total (a partial list): fails only when the parts must exceed the total."""

    exact: bool = False  # judge as a complete list (Σ = total): how a repair is tested

    def holds_with(self, stated: Interval, values: list[Interval]) -> bool | None:
        if self.exact:
            return total(values).meets(stated)
        return total(values).lo <= stated.hi

    def compute(self, values: list[Interval]) -> Interval | None:
        return total(values)

    def need(self, k: int) -> Interval | None:
        """What figure k needs for the list to add up exactly (how a repair mends it)."""
        return SumRelation.need(self, k)  # type: ignore[arg-type]


@dataclass(eq=False)
class ClassItemsRelation(PartialSumRelation):
    """A functional class (类) and the items (项) listed for it: Σ items ≤ class, since a list
    may leave items out. A shortfall that one specific slip closes exactly (`slip_closes`)
    counts as a failure, to be explained: then only equality mends it."""

    slip_closes: bool = False

    def holds_with(self, stated: Interval, values: list[Interval]) -> bool | None:
        if self.slip_closes or self.exact:
            return total(values).meets(stated)
        return total(values).lo <= stated.hi


@dataclass(eq=False)
class SameRelation(Relation):
    """Two statements of one quantity: the same figure at the same precision, else rounding
    intervals that meet (7.03 and 7.02 are two roundings, not one)."""

    def judge(self, overrides: dict[int, Figure] | None = None) -> Outcome:
        work.tick("judged")  # the work counter tests bound (core/work.py)
        a, b = (overrides.get(k, f) if overrides else f for k, f in enumerate(self.figures))
        if a.unit == b.unit and a.decimals == b.decimals:
            return "ok" if a.value == b.value else "fail"
        return "ok" if a.in_yuan(a.interval).meets(b.in_yuan(b.interval)) else "fail"

    def compute(self, values: list[Interval]) -> Interval | None:
        return values[0]

    def need(self, k: int) -> Interval | None:
        other = self.figures[1 - k]
        return _value(other, other.loose)


@dataclass(eq=False)
class RestatedRelation(Relation):
    """One change or rate stated twice in the same direction (下降12.34% in the prose, -12.31% in
    the table): their sizes, judged as SameRelation judges two statements of one quantity."""

    def judge(self, overrides: dict[int, Figure] | None = None) -> Outcome:
        work.tick("judged")
        a, b = (overrides.get(k, f) if overrides else f for k, f in enumerate(self.figures))
        if a.unit == b.unit and a.decimals == b.decimals:
            return "ok" if abs(a.value) == abs(b.value) else "fail"
        return "ok" if _size(a.in_yuan(a.interval)).meets(_size(b.in_yuan(b.interval))) else "fail"

    def compute(self, values: list[Interval]) -> Interval | None:
        return _size(values[0])


def _size(v: Interval) -> Interval:
    return v if v.lo >= 0 else Interval(-v.hi, -v.lo) if v.hi <= 0 else Interval(Decimal(0), max(-v.lo, v.hi))


@dataclass(eq=False)
class RatioRelation(Relation):
    """percent = 100 · inputs[0] / inputs[1] (a share, a completion or execution rate)."""

    def compute(self, values: list[Interval]) -> Interval | None:
        return ratio_percent(values[0], values[1])

    def need(self, k: int) -> Interval | None:
        p, a, b = self._loose_values()
        if k == 0:
            return ratio_percent(a, b)
        if p.lo <= 0:
            return None
        if k == 1:
            return image(lambda x, y: x * y / 100, [p, b])
        return ratio_percent(a, p)


@dataclass(eq=False)
class ChangeRateRelation(Relation):
    """rate = 100 · d / (X − s·d): inputs are the current value X and the change d; s = ±1."""

    sign: int = 1

    def compute(self, values: list[Interval]) -> Interval | None:
        current, delta = values
        s = Decimal(self.sign)

        def fn(x: Decimal, d: Decimal) -> Decimal | None:
            prior = x - s * d
            if prior <= 0:
                return None
            return d * 100 / prior

        return image(fn, [current, delta])

    def need(self, k: int) -> Interval | None:
        r, x, d = self._loose_values()
        s = Decimal(self.sign)
        if k == 0:
            return self.compute([x, d])
        if r.lo <= 0 and r.hi >= 0:
            return None
        if k == 1:  # X = d·100/rate + s·d
            return image(lambda dd, rr: dd * 100 / rr + s * dd, [d, r])
        if (100 + s * r.lo) * (100 + s * r.hi) <= 0:
            return None
        return image(lambda rr, xx: rr * xx / (100 + s * rr), [r, x])  # d = rate·X / (100 + s·rate)


@dataclass(eq=False)
class GrowthRelation(Relation):
    """rate = s · 100 · (X − P) / P: inputs are the current value X and the prior value P, both
    stated, and no change amount; s = ±1 is the direction word before the rate (增长-5% is
    s = +1 and a rate below zero)."""

    sign: int = 1

    def compute(self, values: list[Interval]) -> Interval | None:
        s = Decimal(self.sign)

        def fn(x: Decimal, p: Decimal) -> Decimal | None:
            return s * (x - p) * 100 / p if p > 0 else None

        return image(fn, values)

    def need(self, k: int) -> Interval | None:
        r, x, p = self._loose_values()
        s = Decimal(self.sign)
        if k == 0:
            return self.compute([x, p])
        if k == 1:  # X = P · (1 + s·rate/100)
            return image(lambda pp, rr: pp * (100 + s * rr) / 100, [p, r])
        if (100 + s * r.lo) * (100 + s * r.hi) <= 0:
            return None
        return image(lambda xx, rr: xx * 100 / (100 + s * rr), [x, r])  # P = X / (1 + s·rate/100)


@dataclass(eq=False)
class ChangeAmountRelation(Relation):
    """d = s · (X − P): inputs are the current value X and the stated prior value P."""

    sign: int = 1

    def compute(self, values: list[Interval]) -> Interval | None:
        current, prior = values
        diff = current - prior
        return diff if self.sign > 0 else Interval(-diff.hi, -diff.lo)


def _neg(v: Interval) -> Interval:
    return Interval(-v.hi, -v.lo)


@dataclass(eq=False)
class LinearRelation(Relation):
    """sign · result = Σ coef_k · input_k (coefficients ±1, amounts in yuan): a total's change
    and its parts' changes, a budget and the parts' actuals plus their shortfalls, carry-over =
    carry-in + income − spending."""

    coefs: list[int] = field(default_factory=list)
    result_sign: int = 1

    def compute(self, values: list[Interval]) -> Interval | None:
        acc = Interval(Decimal(0), Decimal(0))
        for c, v in zip(self.coefs, values):
            acc = acc + (v if c > 0 else _neg(v))
        return acc if self.result_sign > 0 else _neg(acc)

    def need(self, k: int) -> Interval | None:
        vals = self._loose_values()
        if k == 0:
            return self.compute(vals[1:])
        rest = Interval(Decimal(0), Decimal(0))
        for j, (c, v) in enumerate(zip(self.coefs, vals[1:]), 1):
            if j != k:
                rest = rest + (v if c > 0 else _neg(v))
        target = (vals[0] if self.result_sign > 0 else _neg(vals[0])) - rest
        return target if self.coefs[k - 1] > 0 else _neg(target)
