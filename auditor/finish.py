"""The last step of auditing one document: the loaded rule packs and stable fingerprints.

``finish(report, source)`` is called by ``engine.audit_source`` on every finished report. It
drops findings of rules a pack disabled, applies severity overrides, sets each finding's
fingerprint (``baseline.fingerprint``) and keeps the source text for the renderers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .baseline import fingerprint, recount

if TYPE_CHECKING:  # pragma: no cover
    from .models import AuditReport
    from .reading import Source

_RANK = {"info": 0, "warning": 1, "error": 2}
_NAME = {v: k for k, v in _RANK.items()}


def finish(report: AuditReport, source: Source | None = None) -> AuditReport:
    """Apply the loaded rule packs and fingerprints to a finished report (in place; returned).

    A severity override moves a rule's default; a finding the engine demoted from that
    default (a heuristic binding, a truncation) stays demoted by the same number of steps.
    """
    from .rules import catalogue, loaded_packs

    changed = False
    if loaded_packs():
        rules = catalogue()
        kept = []
        for f in report.findings:
            rule = rules.get(f.rule)
            if rule is not None and not getattr(rule, "enabled", True):
                changed = True
                continue
            configured = getattr(rule, "configured", None)
            if configured is not None:
                demoted = max(0, _RANK[rule.severity] - _RANK[f.severity])
                severity = _NAME[max(0, _RANK[configured] - demoted)]
                if severity != f.severity:
                    f.severity = severity
                    changed = True
            kept.append(f)
        report.findings = kept
    for f in report.findings:
        f.fingerprint = fingerprint(f)
    if changed:
        recount(report)
    if source is not None:
        report._source_text = source.text
    return report
