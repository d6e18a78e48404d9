"""The last step of auditing one document: the loaded rule packs and stable fingerprints.

``finish(report, source)`` is called by ``pipeline.audit_source`` on every finished report. It
drops findings of rules a pack disabled, applies severity overrides, sets each finding's
fingerprint and keeps the source text for the renderers.

A finding's fingerprint is stable across edits that move it: it hashes the rule and, for
each figure of the evidence (in any order), its role, what it measures (its concept, or the words written
just before it) and its normalised value and unit — never line or column numbers. Baselines
(``report.baseline``) accept findings by fingerprint.
"""

from __future__ import annotations

import hashlib
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ..core.models import recount
from .pointing import complete

if TYPE_CHECKING:  # pragma: no cover
    from ..core.models import AuditReport, Evidence, Finding, Severity
    from ..read.source import Source


def _value(text: str) -> str:
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError):
        return text.strip()
    d = d.normalize()
    return f"{d:f}" if d else "0"


def _measure(e: Evidence) -> str:
    concept = getattr(e, "concept", None)  # a fact model may bind figures to concepts
    if concept:
        return str(concept)
    return "".join(unicodedata.normalize("NFKC", e.label).split())


def fingerprint(finding: Finding) -> str:
    """A finding's stable key: rule, and each figure's role, concept or label, value and unit."""
    figures = sorted(  # in any order: putting the culprit first does not change the key
        f"{e.role}:{_measure(e)}={_value(e.value)}{unicodedata.normalize('NFKC', e.unit)}"
        for e in finding.evidence
    )
    parts = [finding.rule, *figures]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:20]


_RANK = {"info": 0, "warning": 1, "error": 2}
_NAME: dict[int, Severity] = {0: "info", 1: "warning", 2: "error"}


def finish(report: AuditReport, source: Source | None = None) -> AuditReport:
    """Apply the loaded rule packs and fingerprints to a finished report (in place; returned).

    A severity override moves a rule's default; a finding the engine demoted from that
    default (a heuristic binding, a truncation) stays demoted by the same number of steps.
    """
    from ..core.rules import catalogue, loaded_packs

    changed = False
    if source is not None and source.replaced:  # bytes read as U+FFFD (FA602, explain/reading.py)
        from .reading import reading_findings

        report.findings[:0] = reading_findings(source)
        changed = True
    if loaded_packs():
        rules = catalogue()
        kept = []
        for f in report.findings:
            rule = rules.get(f.rule)
            if rule is not None and not getattr(rule, "enabled", True):
                changed = True
                continue
            configured = rule.configured if rule is not None else None
            if rule is not None and configured is not None:
                demoted = max(0, _RANK[rule.severity] - _RANK[f.severity])
                severity: Severity = _NAME[max(0, _RANK[configured] - demoted)]
                if severity != f.severity:
                    f.severity = severity
                    changed = True
            kept.append(f)
        report.findings = kept
    for f in report.findings:
        complete(f)  # the culprit first, the numbers beside the prose (explain/pointing.py)
        f.fingerprint = fingerprint(f)
    # in reading order of the figures they point at (the culprit's place, once it comes first)
    report.findings.sort(key=lambda f: (f.evidence[0].line, f.evidence[0].column) if f.evidence else (0, 0))
    if changed:
        recount(report)
    if source is not None:
        report._source_text = source.text
        from .suppress import apply_suppressions

        apply_suppressions(report)  # REPORT.auditor.toml beside a report file (read/sidecar.py)
    return report
