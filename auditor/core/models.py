"""The typed results: findings with their evidence, and a report per document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, computed_field

Severity = Literal["error", "warning", "info"]

CAUSES: dict[str, str] = {
    "unit_slip": "单位错误（元/万元/亿元混用）",
    "transposed_digits": "相邻数字颠倒",
    "misplaced_decimal": "小数点错位",
    "wrong_digit": "个别数字写错",
    "wrong_base": "计算所用基数错误（与另一个总数相符）",
    "direction_word": "增减方向用词错误",
    "year_label": "年份标注错误",
    "truncation": "截尾而非四舍五入",
    "impossible_share": "占比不可能成立",
    "percentage_of_zero": "以零为基数计算百分比",
    "miscalculated": "计算结果错误",
    "garbled": "数字书写错乱",
    "inconsistent_restatement": "同一数字在别处写法不同（与多数陈述不符）",
}


class Evidence(BaseModel):
    """One figure as written in the original file (1-based line and column)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str = Field(description="the figure as written, unit included")
    value: str = Field(description="the value read, as a decimal string")
    unit: str
    role: str = Field(description="what the figure is in the relation (总数, 部分, 占比 …)")
    label: str = Field(default="", description="the words just before the figure")
    place: str | None = Field(
        default=None,
        description="where the figure is in the document's own terms "
        "(PDF page and line, spreadsheet cell such as 收入支出决算总表!C7, table cell)",
    )
    path: str | None = Field(
        default=None,
        description="the document the figure is in, when a finding cites "
        "several documents (across years); None: the report's own document",
    )


class Diagnosis(BaseModel):
    """The most likely cause of a failed relation, the figure blamed and the value it should have."""

    cause: str = Field(description="code of the most likely cause (see CAUSES)")
    explanation: str
    culprit: Evidence | None = None
    suggested: str | None = Field(default=None, description="the figure as it would be consistent")


class Finding(BaseModel):
    """A failed relation: rule, severity, message, the figures as evidence, stated vs consistent value."""

    rule: str
    name: str
    severity: Severity
    message: str
    evidence: list[Evidence]
    stated: str = Field(description="the figure as stated, in words (1132.69元, 19.03%)")
    expected: str = Field(
        description="the value that would be consistent, in words (≥ 34.50万元 for a bound)"
    )
    difference: str | None = None
    stated_value: Decimal | None = Field(
        default=None, description="`stated` as a number, in `unit` (a string of digits in JSON)"
    )
    expected_value: Decimal | None = Field(
        default=None, description="`expected` as a number, in `unit`; None when it is not one figure"
    )
    difference_value: Decimal | None = Field(
        default=None, description="stated − expected as a number, in `unit`, when both are numbers"
    )
    unit: str = Field(
        default="", description="the unit of the three numbers (元 when stated and expected differ)"
    )
    relation: str = ""
    diagnosis: Diagnosis | None = None
    fingerprint: str = Field(default="", description="stable key: rule, labels and values, not line numbers")
    also_breaks: list[str] = Field(
        default_factory=list, description="other relations the culprit figure breaks (reported once, here)"
    )
    suppressed_by: str | None = Field(
        default=None,
        description="the sidecar file (and its reason) that suppressed this finding; None: not suppressed",
    )


class Coverage(BaseModel):
    """What was audited and what was not: a user sees which figures no relation checked."""

    figures: int = Field(default=0, description="figures read (amounts, percentages, years, other numbers)")
    amounts: int = 0
    percents: int = 0
    unreadable: int = Field(default=0, description="garbled figures that could not be read")
    figures_checked: int = Field(
        default=0, description="amounts and percentages that took part in at least one relation"
    )
    figures_unchecked: int = Field(default=0, description="amounts and percentages that took part in none")
    relations_checked: int = 0
    relations_consistent: int = 0
    relations_skipped: dict[str, int] = Field(
        default_factory=dict, description="relations not judged, by reason"
    )
    findings: dict[str, int] = Field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})

    @computed_field(  # type: ignore[prop-decorator]
        description="why nothing in the document could be checked (no amounts or percentages, or "
        "no relation among them); null when something was. --fail-on-unchecked fails such a document"
    )
    @property
    def nothing_checked(self) -> str | None:
        stated = self.amounts + self.percents
        if stated == 0:
            return "no amounts or percentages: nothing could be checked"
        if self.relations_checked == 0:
            return f"no relation found among its {stated} amounts and percentages: nothing could be checked"
        return None


Stats = Coverage  # the name used before 0.2


class AuditReport(BaseModel):
    """The audit of one document."""

    path: str
    encoding: str = ""
    year: int | None = None
    findings: list[Finding] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    suppressed: list[Finding] = Field(
        default_factory=list,
        description="findings a suppression file beside the report accepts (not in coverage.findings)",
    )
    _source_text: str | None = PrivateAttr(default=None)  # the text audited, for renderers (not serialised)

    @property
    def source_text(self) -> str | None:
        """The text that was audited (as decoded), when the report came from ``audit*``; else None."""
        return self._source_text

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity == "error" for f in self.findings)

    def to_json(self, **kwargs: Any) -> str:
        """The report as JSON (the same object as one document of ``auditor check --format json``)."""
        return self.model_dump_json(**kwargs)


class InputFailure(BaseModel):
    """A source that could not be read: its path and the one-line reason."""

    path: str
    error: str


def recount(report: AuditReport) -> None:
    """Bring ``coverage.findings`` in line with the findings a report still holds."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        counts[f.severity] += 1
    report.coverage.findings = counts
