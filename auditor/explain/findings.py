"""Findings are made here, and only here: a rule's code, the message, the figures as evidence,
stated against expected, and the diagnosis. Their fingerprints are set by ``finish``."""

from __future__ import annotations

from ..check.crossref import Disagreement, figure_of
from ..check.extraction import Observation
from ..check.relations import PartialSumRelation, Relation
from ..core.models import CAUSES, Diagnosis, Evidence, Finding, Severity
from ..core.rules import catalogue
from .causes import Causes, fmt, shown
from .diagnose import Repair
from .evidence import Labels
from .messages import relation_message


def new_finding(
    code: str,
    message: str,
    evidence: list[Evidence],
    stated: str,
    expected: str,
    difference: str | None = None,
    relation: str = "",
    diagnosis: Diagnosis | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding of rule `code`, at the rule's default severity unless `severity` says otherwise."""
    rule = catalogue()[code]
    return Finding(
        rule=code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        evidence=evidence,
        stated=stated,
        expected=expected,
        difference=difference,
        relation=relation,
        diagnosis=diagnosis,
    )


def relation_finding(rel: Relation, outcome: str, blamed: Repair | None, causes: Causes) -> Finding:
    """A relation that did not hold (``fail``; ``truncation``: an info note), with its diagnosis."""
    res = rel.result
    exp = rel.expected()
    decimals = max(res.decimals, 2)
    expected = "?"
    difference = None
    if exp is not None:
        if isinstance(rel, PartialSumRelation):
            expected = f"≥ {fmt(exp.lo, 2)}{res.unit}"
        else:
            expected = f"{fmt(exp.mid, decimals)}{res.unit}"
            difference = f"{fmt(res.value - exp.mid, decimals)}{res.unit}"
    diagnosis = causes.of(rel, outcome, blamed)
    severity = _severity(rel, outcome, diagnosis)
    message = relation_message(rel, expected, outcome, causes.labels.of)
    if diagnosis and outcome != "truncation":
        message += f"；可能原因：{diagnosis.explanation}"
        if diagnosis.culprit and diagnosis.suggested:
            message += f"（{diagnosis.culprit.text} → {diagnosis.suggested}）"
    stated = shown(res)
    if "unit_slip" in rel.context:  # the odd figure as written, and as it would be consistent
        k, fixed = rel.context["unit_slip"]
        stated, expected, difference = shown(rel.figures[k]), shown(fixed), None
    evidence = [causes.labels.evidence(f, r) for f, r in zip(rel.figures, rel.roles)]
    return new_finding(
        rel.code, message, evidence, stated, expected, difference, rel.description, diagnosis, severity
    )


def _severity(rel: Relation, outcome: str, diagnosis: Diagnosis | None) -> Severity:
    """The rule's severity, lowered for a truncation (info), for a relation bound by a guess and
    for a percentage computed on another base (warnings)."""
    severity = catalogue()[rel.code].severity
    if outcome == "truncation":
        return "info"
    if rel.heuristic and severity == "error" and rel.code != "FA103":
        return "warning"
    if (
        "unit_slip" not in rel.context
        and diagnosis
        and diagnosis.cause == "wrong_base"
        and severity == "error"
    ):
        return "warning"
    return severity


def observation_finding(ob: Observation, labels: Labels) -> Finding:
    """A slip seen without computing a relation (a share of zero, a garbled figure …)."""
    diagnosis = None
    if ob.cause:
        diagnosis = Diagnosis(
            cause=ob.cause,
            explanation=CAUSES.get(ob.cause, ob.cause),
            culprit=labels.evidence(ob.figures[0], ob.roles[0]) if ob.culprit else None,
            suggested=ob.expected if ob.culprit else None,
        )
    evidence = [labels.evidence(f, r) for f, r in zip(ob.figures, ob.roles)]
    return new_finding(ob.code, ob.message, evidence, ob.stated, ob.expected, diagnosis=diagnosis)


_FACT_NAMES = {"current": "本年", "prior": "上年", "budget": "预算"}


def disagreement_finding(d: Disagreement, labels: Labels) -> Finding:
    """One quantity stated differently (FA801): every statement, the one to trust when the others
    say so, and the slip that explains the odd one."""
    doc = labels.doc
    figs = {f.index: figure_of(doc, f) for f in d.facts}
    for f in d.facts:
        if f.label:
            labels.learn(doc.figures[f.index].start, f.label)
    names = {f.index: labels.of(doc.figures[f.index]) for f in d.facts}
    culprit_ids = {f.index for f in d.culprits}
    ordered = sorted(d.facts, key=lambda f: figs[f.index].start)
    roles = [("不一致的陈述" if d.decided and f.index in culprit_ids else "陈述") for f in ordered]
    listed = "、".join(f"{names[f.index] or '同一数'}{shown(figs[f.index])}" for f in ordered)
    what = _FACT_NAMES.get(d.facts[0].period, "")
    if d.decided:
        ref = figs[d.reference[0].index]
        message = (
            f"同一{what}数在{len(d.facts)}处陈述不一致：{listed}；"
            f"多数陈述{'或其他关系' if len(d.reference) == 1 else ''}支持{shown(ref)}"
        )
        expected, stated = shown(ref), shown(figs[d.culprits[0].index])
    else:
        message = f"同一{what}数在{len(d.facts)}处陈述不一致：{listed}；无从判断哪一处有误"
        expected = "各处一致"
        stated = " / ".join(shown(figs[f.index]) for f in ordered)
    diagnosis = None
    if d.cause and d.suggested is not None:
        culprit = figs[d.culprits[0].index]
        diagnosis = Diagnosis(
            cause=d.cause,
            explanation=CAUSES[d.cause],
            culprit=labels.evidence(culprit, "不一致的陈述"),
            suggested=shown(d.suggested),
        )
        written = diagnosis.culprit.text if diagnosis.culprit else ""
        message += f"；可能原因：{diagnosis.explanation}（{written} → {diagnosis.suggested}）"
    elif d.decided and len(d.culprits) == 1:
        culprit = figs[d.culprits[0].index]
        diagnosis = Diagnosis(
            cause="inconsistent_restatement",
            explanation=CAUSES["inconsistent_restatement"],
            culprit=labels.evidence(culprit, "不一致的陈述"),
            suggested=expected,
        )
    concept, scope, period = d.facts[0].key
    evidence = [labels.evidence(figs[f.index], r) for f, r in zip(ordered, roles)]
    return new_finding(
        "FA801",
        message,
        evidence,
        stated,
        expected,
        relation=f"{concept} [{scope}, {period}] 各处相同",
        diagnosis=diagnosis,
    )
