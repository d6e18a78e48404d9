"""The audit of one document's prose and self-evaluation tables: every extracted relation judged
(``check.judge``), blame across the relation graph (``diagnose``), a finding for each relation
that failed, each observation and each disagreement (``findings``), one finding per culprit.
"""

from __future__ import annotations

from ..check.crossref import cross_references
from ..check.extraction import Extraction
from ..check.judge import count_of, coverage_of, outcomes_of, restatements
from ..core.models import AuditReport, Finding
from ..parse.document import Document
from .causes import Causes
from .diagnose import Profile, graph_blame
from .evidence import Labels
from .findings import disagreement_finding, observation_finding, relation_finding


def judge(doc: Document, ex: Extraction) -> AuditReport:
    labels = Labels(doc)
    for start, name in ex.labels.items():
        labels.learn(start, name)
    causes = Causes(labels, [doc.figures[f.index] for f in ex.facts if not f.unit])
    outcomes = outcomes_of(ex.relations)
    # a relation a turned direction word or another stated base explains needs no digit blamed
    plain = [rel for rel in ex.relations if outcomes[id(rel)] != "fail" or not causes.explained(rel)]
    agree, differ = restatements(doc, ex.facts)
    for rel in differ:
        outcomes[id(rel)] = "fail"
    blamed = graph_blame([*plain, *differ], dict(outcomes), Profile.of(doc.figures), agree)
    count = count_of(doc, ex, outcomes)
    findings = [
        relation_finding(rel, outcomes[id(rel)], blamed.get(id(rel)), causes)
        for rel in ex.relations
        if outcomes[id(rel)] not in ("undefined", "ok")
    ]
    findings += [observation_finding(ob, labels) for ob in ex.observations]
    xref = cross_references(doc, ex.facts, count.support)
    count.cross_references(doc, xref)
    findings += [disagreement_finding(d, labels) for d in xref.disagreements]
    findings = _one_per_culprit(_dedupe(findings))
    findings.sort(
        key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule) if f.evidence else (0, 0, f.rule)
    )
    coverage = coverage_of(doc, count)
    for f in findings:
        coverage.findings[f.severity] += 1
    return AuditReport(
        path=doc.name, encoding=doc.encoding, year=doc.year, findings=findings, coverage=coverage
    )


# which finding speaks for a culprit that breaks several relations: a named slip first
_CAUSE_ORDER = {
    "impossible_share": 1,
    "percentage_of_zero": 1,
    "inconsistent_restatement": 2,
    "miscalculated": 3,
}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _one_per_culprit(findings: list[Finding]) -> list[Finding]:
    """One finding per culprit figure: when a figure breaks several relations, keep the most
    serious finding and list the other relations it breaks in ``also_breaks``."""
    by_culprit: dict[tuple[int, int], list[Finding]] = {}
    for f in findings:
        if f.diagnosis and f.diagnosis.culprit and f.diagnosis.cause not in ("truncation", "garbled"):
            c = f.diagnosis.culprit
            by_culprit.setdefault((c.line, c.column), []).append(f)
    dropped: set[int] = set()
    for group in by_culprit.values():
        if len(group) < 2:
            continue
        # the most serious first; among equals the total's relation (FA1xx) speaks for its shares
        group.sort(
            key=lambda f: (
                _SEVERITY_ORDER[f.severity],
                _CAUSE_ORDER.get(f.diagnosis.cause if f.diagnosis else "", 0),
                f.rule,
            )
        )
        keep = group[0]
        for other in group[1:]:
            keep.also_breaks.append(f"{other.rule} {other.relation or other.name}: {other.message}")
            dropped.add(id(other))
    return [f for f in findings if id(f) not in dropped]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        key = (f.rule, tuple((e.line, e.column) for e in f.evidence))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
