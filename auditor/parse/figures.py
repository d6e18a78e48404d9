"""Figures as written: numbers with their unit, precision, the interval they stand for and span.

Only the string as written decides the value and the precision: ``38.40万元`` has two decimals
and stands for [38.395, 38.405] 万元. A comma is a thousands separator only in strict groups
(``1,031.24``); the full-width ``，`` stays punctuation. Garbled figures are read the way a
person reads them (``1282.95合计万元`` → 1282.95 万元, ``增加93.27了%`` → 93.27 %) and carry a
note saying so; figures no person could read (``1121.82.5``) are kept as unreadable.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ..core.intervals import Interval

if TYPE_CHECKING:
    from moneyed import Money

Kind = Literal["amount", "percent", "year", "date", "number", "unreadable"]

#: The kinds of slip `misspellings` tries, most specific first (blame ranks repairs in this order).
SLIPS = ["unit_slip", "transposed_digits", "misplaced_decimal", "wrong_digit"]

_ONE = Decimal(1)
SCALES: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.\-/])(-(?=\d))?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)")
# runs of digits, points and commas: a plain character class the regex engine skips to fast;
# each figure lies inside one (with its sign just before it)
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
# After the number: optional blank, then the unit. A few garbled fillers are tolerated.
_UNIT = re.compile(
    r"[ \t]{0,2}(?:(?P<filler>合计|了|共|\.)[ \t]?)?(?P<unit>万元|亿元|元|万|亿|%|‰|年度|年|月|日)"
)
# one unit in the last place, for figures written with 0..9 decimals
_ULPS = [Decimal(1).scaleb(-d) for d in range(10)]
_UNIT_FIRST = frozenset(" \t合了共.万亿元%‰年月日")
_COUNTERS = set("余多件次人个条通台套户家项笔平亩吨千枚辆批组名位")


@dataclass(eq=False, slots=True)
class Figure:
    """One number in the text, as written."""

    start: int  # normalised offsets of the whole figure (number and unit)
    end: int
    number: str  # the digits as written (thousands commas removed), sign included
    value: Decimal
    decimals: int
    unit: str  # "元", "万元", "亿元", "%", "" …
    kind: Kind
    note: str | None = None  # how a garbled figure was read
    # interval and loose, worked out when first asked (functools.cached_property would take a
    # lock on every access in Python 3.11, and relations read them thousands of times a report)
    _interval: Interval | None = field(default=None, init=False, repr=False)
    _loose: Interval | None = field(default=None, init=False, repr=False)

    @property
    def is_amount(self) -> bool:
        return self.kind == "amount"

    @property
    def is_percent(self) -> bool:
        return self.kind == "percent"

    @property
    def ulp(self) -> Decimal:
        return _ULPS[self.decimals] if self.decimals < len(_ULPS) else Decimal(1).scaleb(-self.decimals)

    @property
    def interval(self) -> Interval:
        """Values this figure may stand for if it was rounded (四舍五入), in its own unit.

        A bare zero ("0", "0万元") stands for nothing at all: reports write 0 for "none";
        "0.00" is a rounded zero like any other figure.
        """
        got = self._interval
        if got is None:
            if self.value == 0 and self.decimals == 0:
                got = Interval.point(self.value)
            else:
                half = self.ulp / 2
                got = Interval(self.value - half, self.value + half)
            self._interval = got
        return got

    @property
    def loose(self) -> Interval:
        """Rounded or truncated: [x − ½ulp, x + ulp]."""
        got = self._loose
        if got is None:
            if self.value == 0 and self.decimals == 0:
                got = Interval.point(self.value)
            else:
                got = Interval(self.value - self.ulp / 2, self.value + self.ulp)
            self._loose = got
        return got

    @property
    def scale(self) -> Decimal:
        return SCALES.get(self.unit, _ONE)

    def in_yuan(self, interval: Interval | None = None) -> Interval:
        return (interval or self.interval).scale(self.scale)

    @property
    def money(self) -> Money:
        """The amount in CNY as py-moneyed Money (Decimal, never float)."""
        from moneyed import Money

        if not self.is_amount:
            raise ValueError(f"{self.number}{self.unit} is not an amount")
        return Money(self.value * self.scale, "CNY")


def _unit_of(text: str, pos: int) -> tuple[str, int, str | None] | None:
    # most numbers are followed by none of the characters a unit or a filler opens with
    if text[pos : pos + 1] not in _UNIT_FIRST:
        return None
    m = _UNIT.match(text, pos)
    if not m:
        return None
    unit = m.group("unit")
    filler = m.group("filler")
    end = m.end()
    if unit in ("万", "亿"):
        nxt = text[end : end + 1]
        if nxt in _COUNTERS or nxt.isdigit():
            return None
        unit += "元"
    note = None
    if filler:
        if unit in ("年", "年度", "月", "日"):
            return None
        shown = "." if filler == "." else filler
        note = f"数字与单位之间夹有“{shown}”，按{unit}读"
    return unit, end, note


def _numbers(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, sign, digits) of each match of _NUMBER over the text, found run by run."""
    for run in _DIGIT_RUN.finditer(text):
        a, b = run.span()
        before = text[a - 1] if a else ""
        if before not in _NOT_BEFORE_NUMBER:
            # the usual run (2021, 1634.34) after a character a number may follow: one number, the
            # whole run, as _NUMBER reads it, without running _NUMBER
            digits = run.group()
            head, point, tail = digits.partition(".")
            if head.isdecimal() and (not point or tail.isdecimal()):
                yield a, b, "", digits
                continue
        for m in _NUMBER.finditer(text, a - 1 if before == "-" else a, b):
            yield m.start(), m.end(), m.group(1) or "", m.group(2)


# what _NUMBER's look-behind refuses before a number (isdecimal() is \d: Unicode's decimal digits)
_NOT_BEFORE_NUMBER = frozenset(string.ascii_letters + string.digits + "_.-/")


# 575. 48万元: a blank after the decimal point (text out of a web page or a PDF), then the
# decimals and an amount's or a rate's unit
_SPLIT_DECIMALS = re.compile(r"\.[ \t\u3000]{1,2}(\d{1,4})(?=\s?(?:万元|亿元|元|%))")


def scan(text: str) -> list[Figure]:
    """Every figure in a normalised text, in order."""
    figures: list[Figure] = []
    taken = -1  # the end of a figure read across a blank: the digits after it are its decimals
    for start, end, sign, digits in _numbers(text):
        if start < taken:
            continue
        split = _SPLIT_DECIMALS.match(text, end) if text[end : end + 1] == "." and "." not in digits else None
        if split and start > 0 and not text[start - 1].isspace() and not sign:
            number = f"{digits.replace(',', '')}.{split.group(1)}"
            found = _unit_of(text, split.end())
            if found is not None and found[0] in ("万元", "亿元", "元", "%"):
                unit, uend, _ = found
                taken = uend
                shown = text[start : split.end()]
                figures.append(
                    Figure(
                        start,
                        uend,
                        number,
                        Decimal(number),
                        len(split.group(1)),
                        unit,
                        "percent" if unit == "%" else "amount",
                        f"小数点后有空格（{shown}），按{number}读",
                    )
                )
                continue
        plain = digits.replace(",", "")
        number = sign + plain
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        # "1121.82.5": two decimal points. No reading is safe.
        if text[end : end + 1] == "." and text[end + 1 : end + 2].isdigit():
            tail = re.match(r"[\d.]*", text[end:])
            stop = end + (tail.end() if tail else 0)
            figures.append(
                Figure(
                    start,
                    stop,
                    text[start:stop],
                    Decimal(0),
                    0,
                    "",
                    "unreadable",
                    "有两个小数点，无法读出",
                )
            )
            continue
        value = Decimal(number)
        found = _unit_of(text, end)
        if found is None:
            figures.append(Figure(start, end, number, value, decimals, "", "number"))
            continue
        unit, uend, note = found
        if unit in ("年", "年度"):
            kind: Kind = "year" if decimals == 0 and len(plain) == 4 else "number"
            figures.append(Figure(start, end, number, value, decimals, "", kind))
            continue
        if unit in ("月", "日"):
            figures.append(Figure(start, end, number, value, decimals, "", "date"))
            continue
        if text[uend : uend + 1] == "/":  # 12元/件: a unit price
            figures.append(Figure(start, uend, number, value, decimals, unit, "number"))
            continue
        if unit == "‰":
            figures.append(Figure(start, uend, number, value, decimals, unit, "number"))
            continue
        kind = "percent" if unit == "%" else "amount"
        figures.append(Figure(start, uend, number, value, decimals, unit, kind, note))
    _share_units(text, figures)
    return figures


# what may stand between two figures of one enumeration: a few words, no clause ends
_ENUMERATION_GAP = re.compile(r"[^，,。；;：:！？!?\n\d]{0,12}")


def _share_units(text: str, figures: list[Figure]) -> None:
    """收入476.17、支出460.06万元 / 分别下降18.5、21.6%: a number with decimals and no unit, set off
    by 、 from an amount or a percentage a few words on, is written in that figure's unit."""
    for k in range(len(figures) - 2, -1, -1):
        f, nxt = figures[k], figures[k + 1]
        if (
            f.kind == "number"
            and f.decimals
            and f.note is None
            and nxt.kind in ("amount", "percent")
            and text[f.end : f.end + 1] == "、"
            and _ENUMERATION_GAP.fullmatch(text, f.end + 1, nxt.start)
        ):
            figures[k] = Figure(f.start, f.end, f.number, f.value, f.decimals, nxt.unit, nxt.kind)


def years_run_in(text: str, figures: list[Figure], year: int | None, sentence_starts: list[int]) -> None:
    """与2019498.83万元相比 in a 2020 report: the year compared with and its amount run together (a
    word processor dropped the 年 between them), read as a person reads them: the year, then the
    amount, which says how it was read. Only where the figure as written is out of all proportion
    to the amounts its sentence compares it with, and the amount after the year is not: a large
    department's 20215.36万元 stays what it is."""
    if year is None:
        return
    years = (str(year - 1), str(year))
    for k in range(len(figures) - 1, -1, -1):
        f = figures[k]
        digits = f.number.split(".")[0]
        if not (
            f.kind == "amount"
            and f.note is None
            and f.start > 0
            and text[f.start - 1] in "与比较同"
            and digits[:4] in years
            and len(digits) > 4
            and digits[4] != "0"
        ):
            continue
        rest = f.number[4:]
        others = [
            g.value * g.scale
            for g in _sentence_of(text, figures, k, sentence_starts)
            if g.kind == "amount" and g.value
        ]
        top = max(others, default=Decimal(0))
        if not (top and f.value * f.scale > _OUT_OF_PROPORTION * top >= Decimal(rest) * f.scale):
            continue
        note = f"年份与金额连写（{f.number}），按{digits[:4]}年{rest}读"
        figures[k : k + 1] = [
            Figure(f.start, f.start + 4, digits[:4], Decimal(digits[:4]), 0, "", "year"),
            Figure(f.start + 4, f.end, rest, Decimal(rest), f.decimals, f.unit, f.kind, note),
        ]


#: how many times the largest other amount of its sentence a figure must be to be out of proportion
_OUT_OF_PROPORTION = 50


def _sentence_of(text: str, figures: list[Figure], k: int, sentence_starts: list[int]) -> list[Figure]:
    """The other figures of figure k's sentence (`sentence_starts`: the document's)."""
    n = bisect_right(sentence_starts, figures[k].start)
    s0 = sentence_starts[n - 1]
    s1 = sentence_starts[n] if n < len(sentence_starts) else len(text)
    return [g for j, g in enumerate(figures) if j != k and s0 <= g.start < s1]


def _with_number(fig: Figure, number: str, unit: str | None = None) -> Figure:
    plain = number.lstrip("-")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Figure(fig.start, fig.end, number, Decimal(number), decimals, unit or fig.unit, fig.kind, fig.note)


def misspellings(
    fig: Figure, usual_unit: str | None = None, kinds: tuple[str, ...] | None = None
) -> Iterator[tuple[str, Figure]]:
    """The figure as it may have been meant, one slip away: (cause, figure) pairs.

    Another unit (only when `usual_unit` says the figure's own unit is the odd one out), two
    adjacent digits swapped, the decimal point moved, one digit changed. `kinds` limits the
    slips tried (the one-digit changes are the many: callers try them last).
    """
    if kinds is None or any(k != "wrong_digit" for k in kinds):
        yield from ((c, f) for c, f in _specific(fig, usual_unit) if kinds is None or c in kinds)
    if kinds is None or "wrong_digit" in kinds:
        n = fig.number
        for k in (k for k, c in enumerate(n) if c.isdigit()):
            for d in "0123456789":
                if d != n[k]:
                    cand = n[:k] + d + n[k + 1 :]
                    if cand.startswith("0") and len(cand) > 1 and cand[1] != ".":
                        continue
                    yield "wrong_digit", _with_number(fig, cand)


def _specific(fig: Figure, usual_unit: str | None) -> Iterator[tuple[str, Figure]]:
    """The specific slips: another unit, two adjacent digits swapped, the decimal point moved."""
    n = fig.number
    if fig.is_amount and usual_unit and fig.unit != usual_unit:
        for unit in SCALES:
            if unit != fig.unit:
                yield (
                    "unit_slip",
                    Figure(fig.start, fig.end, fig.number, fig.value, fig.decimals, unit, fig.kind, fig.note),
                )
    if fig.value != 0 and (
        fig.is_amount or fig.kind == "number" and (fig.decimals >= 2 or abs(fig.value) >= 10_000)
    ):
        # the number converted (元 ↔ 万元 ↔ 亿元, or by 10³) but the unit word left as it was
        for power in (4, -4, 3, -3, 8, -8):
            value = fig.value.scaleb(power)
            places = min(max(fig.decimals - power, 0), max(fig.decimals, 2))
            rounded = value.quantize(Decimal(1).scaleb(-places))
            if rounded != 0 and abs(rounded - value) <= abs(value) / 1000:
                yield "unit_slip", _with_number(fig, f"{rounded:f}")
    digits = [k for k, c in enumerate(n) if c.isdigit()]
    for a, b in zip(digits, digits[1:]):
        if n[a] != n[b]:
            s = list(n)
            s[a], s[b] = s[b], s[a]
            cand = "".join(s)
            if not (cand.startswith("0") and len(cand) > 1 and cand[1] != "."):
                yield "transposed_digits", _with_number(fig, cand)
    raw = n.replace(".", "")
    point = n.index(".") if "." in n else len(n)
    for shift in (-2, -1, 1, 2):
        p = point + shift
        if 0 < p < len(raw):
            cand = raw[:p] + "." + raw[p:]
            cand = cand.lstrip("0") or "0"
            if cand.startswith("."):
                cand = "0" + cand
            yield "misplaced_decimal", _with_number(fig, cand)
        elif p == len(raw):
            yield "misplaced_decimal", _with_number(fig, raw.lstrip("0") or "0")
