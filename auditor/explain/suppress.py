"""Suppressions applied to a finished report: findings a sidecar file accepts move to
``report.suppressed`` (listed, not counted). Idempotent: applying twice changes nothing."""

from __future__ import annotations

from ..core.models import AuditReport, Finding, recount
from ..read.sidecar import Suppression, read_suppressions


def matches(s: Suppression, f: Finding) -> bool:
    """True when the finding matches every key the entry gives."""
    if s.rule and not f.rule.startswith(s.rule):
        return False
    if s.fingerprint and f.fingerprint != s.fingerprint:
        return False
    if s.figure and not any(e.text == s.figure for e in f.evidence):
        return False
    return not (s.line is not None and not any(e.line == s.line for e in f.evidence))


def apply_suppressions(report: AuditReport, entries: tuple[Suppression, ...] | None = None) -> AuditReport:
    """Move the findings the report's sidecar file (or ``entries``) accepts to ``report.suppressed``."""
    entries = read_suppressions(report.path) if entries is None else entries
    if not entries:
        return report
    kept = []
    for f in report.findings:
        hit = next((s for s in entries if matches(s, f)), None)
        if hit is None:
            kept.append(f)
            continue
        f.suppressed_by = hit.file + (f": {hit.reason}" if hit.reason else "")
        report.suppressed.append(f)
    if len(kept) != len(report.findings):
        report.findings = kept
        recount(report)
    return report
