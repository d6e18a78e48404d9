"""Plain-text views of findings (no colour, no rich): for pytest failures and assertion messages.

Mirrors ``render.py``: each finding with its rule, place, message, cause and suggested value,
the source line with the figures of the evidence marked »like this«, and the other evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..core.models import AuditReport, Finding

RANK = {"info": 0, "warning": 1, "error": 2}


def source_lines(text: str | None) -> list[str] | None:
    """The text's lines as the engine counts them (split on newline only, line ends dropped)."""
    if text is None:
        return None
    return [line.rstrip("\r") for line in text.split("\n")]


def marked_line(finding: Finding, lines: list[str] | None, width: int = 60) -> str:
    """The finding's first source line around its figures, each figure marked »…«."""
    if not lines or not finding.evidence:
        return ""
    first = finding.evidence[0].line
    raw = lines[first - 1] if 0 < first <= len(lines) else ""
    spans = sorted(
        {(e.column - 1, e.end_column - 1) for e in finding.evidence if e.line == first == e.end_line}
    )
    if not spans:
        return f"{first:>5} | {raw[: 2 * width]}"
    start = max(0, spans[0][0] - width)
    end = min(len(raw), spans[-1][1] + width // 2)
    out = ["…" if start > 0 else ""]
    pos = start
    for a, b in spans:
        if a < pos:
            continue
        out += [raw[pos:a], "»", raw[a:b], "«"]
        pos = b
    out.append(raw[pos:end])
    if end < len(raw):
        out.append("…")
    return f"{first:>5} | " + "".join(out)


def finding_text(finding: Finding, lines: list[str] | None = None) -> str:
    """One finding as a few plain lines."""
    e0 = finding.evidence[0] if finding.evidence else None
    where = f"line {e0.line}, col {e0.column}" if e0 else "no position"
    out = [f"{finding.severity.upper()} {finding.rule} {finding.name} ({where})", f"    {finding.message}"]
    d = finding.diagnosis
    if d is not None:
        cause = f"    cause: {d.cause} ({d.explanation})"
        if d.culprit is not None and d.suggested:
            cause += f"; {d.culprit.text} at line {d.culprit.line} should read {d.suggested}"
        out.append(cause)
    out.append(f"    stated {finding.stated}, consistent {finding.expected}")
    if finding.also_breaks:
        out.append(f"    the same figure also breaks: {'; '.join(finding.also_breaks)}")
    line = marked_line(finding, lines)
    if line:
        out.append("  " + line)
    evidence = "; ".join(
        f"{e.text} ({e.role}{', ' + e.label if e.label else ''}) {e.line}:{e.column}"
        for e in finding.evidence
    )
    if evidence:
        out.append(f"    evidence: {evidence}")
    return "\n".join(out)


def at_or_above(report: AuditReport, severity: str) -> list[Finding]:
    """The report's findings of this severity or a graver one."""
    return [f for f in report.findings if RANK[f.severity] >= RANK[severity]]


def report_text(
    report: AuditReport, findings: Iterable[Finding] | None = None, severity: str = "error"
) -> str:
    """A document's findings (those given, or those at or above ``severity``) as plain text."""
    shown = list(findings) if findings is not None else at_or_above(report, severity)
    lines = source_lines(report.source_text)
    head = f"{report.path}: {len(shown)} finding(s) at or above {severity}"
    c = report.coverage
    head += f" ({c.relations_checked} relations checked, {c.relations_consistent} consistent)"
    return "\n".join([head, *(finding_text(f, lines) for f in shown)])
