"""A finding made ready to show: the figure to correct first among its evidence, and its stated,
expected and difference values as numbers beside the prose (``finish`` calls ``complete`` on every
finding; the across-years findings are completed where they are made).

Light on purpose: it imports only the models, as ``finish`` (and so baselines) does.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.models import Finding

_NUMBER = re.compile(
    r"\s*(?P<sign>[-+−－]?)\s*(?P<digits>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>%|万元|亿元|千元|元|分)?\s*"
)
_IN_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


def number_of(text: str | None) -> tuple[Decimal, str] | None:
    """The number and unit a finding's prose states (``1,132.69元`` → (1132.69, 元)); None for
    anything but one plain figure (``≥ 34.50万元``, ``?``, ``各处一致``)."""
    m = _NUMBER.fullmatch(text or "")
    if m is None:
        return None
    value = Decimal(m["digits"].replace(",", "").replace("，", ""))
    return (-value if m["sign"] in ("-", "−", "－") else value), m["unit"] or ""


def culprit_first(finding: Finding) -> None:
    """Put the diagnosed culprit first among the evidence (the figure to correct is the one shown)."""
    culprit = finding.diagnosis.culprit if finding.diagnosis is not None else None
    if culprit is None:
        return
    where = (culprit.path, culprit.line, culprit.column, culprit.end_line, culprit.end_column)
    for k, e in enumerate(finding.evidence):
        if (e.path, e.line, e.column, e.end_line, e.end_column) == where:
            if k:
                finding.evidence.insert(0, finding.evidence.pop(k))
            return
    finding.evidence.insert(0, culprit)


def with_numbers(finding: Finding) -> None:
    """``stated_value``, ``expected_value``, ``difference_value`` and their ``unit`` from the prose."""
    stated, expected = number_of(finding.stated), number_of(finding.expected)
    difference = number_of(finding.difference)
    units = {u for _, u in (x for x in (stated, expected, difference) if x is not None)}
    scale = {u: Decimal(1) for u in units}
    unit = next(iter(units), "")
    if len(units) > 1:  # 1132.69元 against 1132.69万元: both in 元
        if not units <= set(_IN_YUAN):
            return
        scale, unit = {u: _IN_YUAN[u] for u in units}, "元"
    values = [None if x is None else x[0] * scale[x[1]] for x in (stated, expected, difference)]
    if values[2] is None and values[0] is not None and values[1] is not None:
        values[2] = values[0] - values[1]
    finding.stated_value, finding.expected_value, finding.difference_value = values
    finding.unit = unit if any(v is not None for v in values) else ""


def complete(finding: Finding) -> Finding:
    """A finding made ready to show: its culprit first, its numbers beside its prose."""
    culprit_first(finding)
    with_numbers(finding)
    return finding
