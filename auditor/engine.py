"""Evaluate the extracted relations and turn every failure into a finding (collect them all)."""

from __future__ import annotations

import hashlib
import os
from decimal import Decimal
from pathlib import Path

from .diagnose import best_repair
from .document import Document
from .extract import Extraction, Observation, extract
from .figures import Figure
from .models import CAUSES, AuditReport, Coverage, Diagnosis, Evidence, Finding
from .reading import REPORT_SUFFIXES, Source, place_at, read_bytes, read_path, read_text
from .relations import (ChangeAmountRelation, ChangeRateRelation, PartialSumRelation, RatioRelation, Relation,
                        SumRelation)
from .rules import catalogue


def _fmt(value: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(q):f}"


def _shown(fig: Figure) -> str:
    return f"{fig.number}{fig.unit}"


class FindingBuilder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.rules = catalogue()

    def evidence(self, fig: Figure, role: str) -> Evidence:
        line, col = self.doc.text.position(fig.start)
        end_line, end_col = self.doc.text.position(max(fig.start, fig.end - 1))
        return Evidence(line=line, column=col, end_line=end_line, end_column=end_col + 1,
                        text=self.doc.as_written(fig), value=f"{fig.value:f}", unit=fig.unit, role=role, label=self._label(fig),
                        place=place_at(self.doc.places, line, col))

    def _finding(self, code: str, severity: str, message: str, figs: list[Figure], roles: list[str],
                 stated: str, expected: str, difference: str | None = None, relation: str = "",
                 diagnosis: Diagnosis | None = None) -> Finding:
        rule = self.rules[code]
        evidence = [self.evidence(f, r) for f, r in zip(figs, roles)]
        key = "|".join([code] + [f"{e.label}={e.value}{e.unit}" for e in evidence])
        return Finding(rule=code, name=rule.name, severity=severity, message=message, evidence=evidence,
                       stated=stated, expected=expected, difference=difference, relation=relation,
                       diagnosis=diagnosis, fingerprint=hashlib.sha1(key.encode()).hexdigest()[:16])

    def _label(self, fig: Figure) -> str:
        idx = self.doc.index_of(fig)
        return self.doc.label(idx) if idx is not None else ""

    def from_observation(self, ob: Observation) -> Finding:
        rule = self.rules[ob.code]
        diagnosis = None
        if ob.cause:
            diagnosis = Diagnosis(cause=ob.cause, explanation=CAUSES.get(ob.cause, ob.cause),
                                  culprit=self.evidence(ob.figures[0], ob.roles[0]), suggested=ob.expected)
        return self._finding(ob.code, rule.severity, ob.message, ob.figures, ob.roles, ob.stated, ob.expected,
                             diagnosis=diagnosis)

    # -- relations ---------------------------------------------------------------
    def from_relation(self, rel: Relation, outcome: str) -> Finding | None:
        rule = self.rules[rel.code]
        res = rel.result
        exp = rel.expected()
        decimals = max(res.decimals, 2)
        expected = "?"
        difference = None
        if exp is not None:
            if isinstance(rel, PartialSumRelation):
                expected = f"≥ {_fmt(exp.lo, 2)}{res.unit}"
            else:
                mid = exp.mid
                expected = f"{_fmt(mid, decimals)}{res.unit}"
                difference = f"{_fmt(res.value - mid, decimals)}{res.unit}"
        severity = rule.severity
        if outcome == "truncation":
            severity = "info"
        elif rel.heuristic and severity == "error" and rel.code != "FA103":
            severity = "warning"
        diagnosis = None
        if outcome == "truncation":
            diagnosis = Diagnosis(cause="truncation", explanation=CAUSES["truncation"],
                                  culprit=self.evidence(res, rel.roles[0]))
        elif "unit_slip" in rel.context:
            k, fixed = rel.context["unit_slip"]
            diagnosis = Diagnosis(cause="unit_slip", explanation=CAUSES["unit_slip"],
                                  culprit=self.evidence(rel.figures[k], rel.roles[k]), suggested=_shown(fixed))
        else:
            diagnosis = self._wrong_base(rel) or (None if isinstance(rel, PartialSumRelation) else self._repair(rel))
            if diagnosis and diagnosis.cause == "wrong_base" and severity == "error":
                severity = "warning"
        message = self._message(rel, expected, outcome)
        if diagnosis and outcome != "truncation":
            message += f"；可能原因：{diagnosis.explanation}"
            if diagnosis.culprit and diagnosis.suggested:
                message += f"（{diagnosis.culprit.text} → {diagnosis.suggested}）"
        return self._finding(rel.code, severity, message, rel.figures, rel.roles, _shown(res), expected,
                             difference, rel.description, diagnosis)

    def _wrong_base(self, rel: Relation) -> Diagnosis | None:
        k = rel.context.get("base_index")
        if k is None or rel.context.get("alternatives_accept"):
            return None
        for alt in rel.alternatives:
            if alt is rel.figures[k] or alt.value == 0:
                continue
            if rel.judge({k: alt}) == "ok":
                return Diagnosis(cause="wrong_base", explanation=CAUSES["wrong_base"] + f"：按{self._label(alt)}{_shown(alt)}计算则相符",
                                 culprit=self.evidence(rel.figures[k], rel.roles[k]), suggested=_shown(alt))
        return None

    def _repair(self, rel: Relation) -> Diagnosis | None:
        rep = best_repair(rel)
        if rep is None:
            if isinstance(rel, (RatioRelation, ChangeRateRelation)):
                return Diagnosis(cause="miscalculated", explanation=CAUSES["miscalculated"],
                                 culprit=self.evidence(rel.result, rel.roles[0]))
            return None
        fig = rel.figures[rep.index]
        return Diagnosis(cause=rep.cause, explanation=CAUSES[rep.cause],
                         culprit=self.evidence(fig, rel.roles[rep.index]), suggested=_shown(rep.figure))

    def _message(self, rel: Relation, expected: str, outcome: str) -> str:
        res = rel.result
        lbl = self._label
        if isinstance(rel, PartialSumRelation):
            total = sum((f.value * f.scale for f in rel.inputs), Decimal(0)) / res.scale
            text = f"所列各部分之和{_fmt(total, 2)}{res.unit}超过{lbl(res) or '总数'}{_shown(res)}"
        elif isinstance(rel, SumRelation):
            text = f"{'、'.join(lbl(f) or _shown(f) for f in rel.inputs)}之和应为{expected}，文中{lbl(res) or '总数'}为{_shown(res)}"
            if rel.code == "FA103":
                k, fixed = rel.context["unit_slip"]
                text = f"{lbl(rel.figures[k])}写作{_shown(rel.figures[k])}，按{fixed.unit}计各部分之和才等于{lbl(res) or '总数'}{_shown(res)}"
        elif isinstance(rel, ChangeRateRelation):
            x, d = rel.inputs
            prior = x.value - rel.sign * d.value
            text = (f"按{lbl(x) or '本年数'}{_shown(x)}、{'增加' if rel.sign > 0 else '减少'}{_shown(d)}推算，"
                    f"上年数为{_fmt(prior, max(x.decimals, d.decimals))}{x.unit}，变动率应为{expected}，文中写{_shown(res)}")
        elif isinstance(rel, ChangeAmountRelation):
            x, p = rel.inputs
            text = f"{_shown(x)}与上年数{_shown(p)}相差{expected}，文中写{_shown(res)}"
        elif isinstance(rel, RatioRelation):
            a, b = rel.inputs
            if rel.code == "FA201":
                text = f"{lbl(a) or '部分'}{_shown(a)}占{lbl(b) or '总数'}{_shown(b)}的比例应为{expected}，文中写{_shown(res)}"
            elif rel.code == "FA301":
                text = f"变动额{_shown(a)}÷上年数{_shown(b)}应为{expected}，文中写{_shown(res)}"
            else:
                text = f"{lbl(a) or '决算数'}{_shown(a)}÷{lbl(b) or '预算数'}{_shown(b)}应为{expected}，文中写{_shown(res)}"
        else:
            text = f"{rel.description}：应为{expected}，文中写{_shown(res)}"
        if outcome == "truncation":
            text += "（按截尾计算则相符）"
        return text


def judge(doc: Document, ex: Extraction) -> AuditReport:
    builder = FindingBuilder(doc)
    stats = Coverage(figures=len(doc.figures),
                  amounts=sum(1 for f in doc.figures if f.is_amount),
                  percents=sum(1 for f in doc.figures if f.is_percent),
                  unreadable=sum(1 for f in doc.figures if f.kind == "unreadable"))
    skipped = dict(ex.skipped)
    findings: list[Finding] = []
    checked: set[int] = set()
    for rel in ex.relations:
        outcome = rel.judge()
        if outcome == "fail" and rel.context.get("alternatives_accept"):
            k = rel.context["base_index"]
            if any(rel.judge({k: alt}) in ("ok", "truncation") for alt in rel.alternatives):
                outcome = "ok"
        if outcome == "undefined":
            skipped["relation undefined (zero or negative base)"] = skipped.get("relation undefined (zero or negative base)", 0) + 1
            continue
        stats.relations_checked += 1
        checked.update(f.start for f in rel.figures)
        if outcome == "ok":
            stats.relations_consistent += 1
            continue
        finding = builder.from_relation(rel, outcome)
        if finding is not None:
            findings.append(finding)
    for ob in ex.observations:
        stats.relations_checked += 1
        checked.update(f.start for f in ob.figures)
        findings.append(builder.from_observation(ob))
    findings = _dedupe(findings)
    findings.sort(key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule) if f.evidence else (0, 0, f.rule))
    stats.relations_skipped = skipped
    stats.figures_checked = sum(1 for f in doc.figures if f.start in checked and (f.is_amount or f.is_percent))
    stats.figures_unchecked = stats.amounts + stats.percents - stats.figures_checked
    for f in findings:
        stats.findings[f.severity] += 1
    return AuditReport(path=doc.name, encoding=doc.encoding, year=doc.year, findings=findings, coverage=stats)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, tuple((e.line, e.column) for e in f.evidence))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def audit_source(source: Source) -> AuditReport:
    doc = Document.from_text(source.text, source.name, source.encoding, source.places)
    report = judge(doc, extract(doc))
    if source.tables or source.unread:  # [formats] the statistical tables' own arithmetic (auditor/tables.py, FA7xx)
        from .tables import add_table_findings
        add_table_findings(report, source.tables, doc, source.unread)
    return report


def audit_text(text: str, name: str = "<text>") -> AuditReport:
    """Audit a report given as text."""
    return audit_source(read_text(text, name))


def audit_file(path: str | os.PathLike[str]) -> AuditReport:
    """Audit a report file (UTF-8, UTF-16, GB18030/GBK or Big5 text). Raises InputError."""
    return audit_source(read_path(path))


def audit(source: str | bytes | os.PathLike[str], name: str | None = None) -> AuditReport:
    """Audit a report given as a path, as bytes, or as its text.

    A ``str`` is taken as a path when it is one line ending in a report suffix (.txt, .md) or
    names an existing file; otherwise it is the report's text.
    """
    if isinstance(source, bytes):
        return audit_source(read_bytes(source, name or "<bytes>"))
    if isinstance(source, os.PathLike):
        return audit_file(source)
    if "\n" not in source and len(source) < 4096 and (source.lower().endswith(REPORT_SUFFIXES) or Path(source).is_file()):
        return audit_file(source)
    return audit_text(source, name or "<text>")
