"""Closed intervals of Decimals: the values a rounded figure may stand for.

A figure written with d decimals stands for [x - ½·10⁻ᵈ, x + ½·10⁻ᵈ] when it was
rounded (四舍五入) and for [x, x + 10⁻ᵈ) when it was truncated. Relations are judged
consistent when the value recomputed from the stated inputs can meet the stated result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product


# not frozen: a frozen dataclass sets its fields through object.__setattr__, and relations make
# thousands of intervals a report; nothing assigns to one once made (hashable all the same)
@dataclass(slots=True, unsafe_hash=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: Decimal) -> Interval:
        if factor >= 0:
            return Interval(self.lo * factor, self.hi * factor)
        return Interval(self.hi * factor, self.lo * factor)

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they meet)."""
        if self.meets(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi


def total(intervals: Sequence[Interval]) -> Interval:
    lo = sum((i.lo for i in intervals), Decimal(0))
    hi = sum((i.hi for i in intervals), Decimal(0))
    return Interval(lo, hi)


def image(fn: Callable[..., Decimal | None], args: Sequence[Interval]) -> Interval | None:
    """The range of a function monotone in each argument, from its values at the corners.

    Exact for the ratios used here (part / whole, delta / (current - delta), ...), which are
    monotone in each argument over the positive values reports state. Returns None when the
    function is undefined at some corner (a zero denominator inside the box).
    """
    values = []
    for corner in product(*((a.lo, a.hi) for a in args)):
        v = fn(*corner)
        if v is None:
            return None
        values.append(v)
    return Interval(min(values), max(values))


def ratio_percent(num: Interval, den: Interval) -> Interval | None:
    """100·num/den over the box, or None when den may be zero or change sign."""
    if den.lo <= 0 <= den.hi:
        return None
    return image(lambda n, d: n * 100 / d, [num, den])
