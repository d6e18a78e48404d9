"""Across years, the findings: a prior-year figure that the previous year's report contradicts.

Each evidence carries its document's ``path`` (the finding cites figures of both reports).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from ..core.models import Evidence, Finding
from ..core.rules import catalogue
from ..facts.years import Cited, Prior, Stated, YearFacts
from ..parse.figures import SCALES
from .pointing import complete


def _evidence(path: str, role: str, c: Cited) -> Evidence:
    return Evidence(
        line=c.line,
        column=c.column,
        end_line=c.end_line,
        end_column=c.end_column,
        text=c.text,
        value=c.value,
        unit=c.unit,
        role=role,
        label=c.label,
        path=path,
    )


def _yuan(value: Decimal, unit: str) -> str:
    scale = SCALES.get(unit, Decimal(1))
    q = Decimal("0.01")
    return f"{(value / scale).quantize(q):f}{unit}"


def finding(later: YearFacts, earlier: YearFacts, p: Prior, c: Stated) -> Finding:
    """The finding for a prior-year figure of `later` that `earlier` contradicts (FA901, FA902)."""
    code = "FA901" if p.how == "implied" else "FA902"
    rule = catalogue()[code]
    unit = c.figure.unit or p.figures[0][1].unit
    mid = (p.lo + p.hi) / 2
    other = (c.lo + c.hi) / 2
    evidence = [_evidence(later.path, role, fig) for role, fig in p.figures]
    evidence.append(_evidence(earlier.path, "上年报告数", c.figure))
    prev = later.year - 1 if later.year else None
    if p.how == "implied":
        (_, x), (_, d) = p.figures
        what = x.label or d.label or p.concept
        how = f"按本年数{x.text}与变动额{d.text}推算，{prev}年{what}为{_yuan(mid, unit)}"
    else:
        ((_, s),) = p.figures
        how = f"写{prev}年{s.label or p.concept}为{s.text}"
    message = (
        f"{later.year}年度报告（{later.path}，第{p.figures[-1][1].line}行）{how}；"
        f"而{prev}年度报告（{earlier.path}，第{c.figure.line}行）"
        f"写{c.figure.label or p.concept}{c.figure.text}，"
        f"相差{_yuan(abs(mid - other), unit)}"
    )
    key = "|".join(
        [
            code,
            later.key or "",
            str(later.year),
            p.concept,
            p.scope,
            f"{p.lo}",
            f"{c.figure.value}{c.figure.unit}",
        ]
    )
    return complete(
        Finding(
            rule=code,
            name=rule.name,
            severity=rule.severity,
            message=message,
            evidence=evidence,
            stated=_yuan(mid, unit),
            expected=f"{c.figure.value}{c.figure.unit}",
            difference=_yuan(mid - other, unit),
            relation=f"{p.concept} ({p.scope}) of {prev}",
            fingerprint=hashlib.sha1(key.encode()).hexdigest()[:16],
        )
    )
