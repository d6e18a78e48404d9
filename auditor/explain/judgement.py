"""Judge the extracted relations and turn every failure into a finding (collect them all).

``judge(doc, extraction)`` is the audit of one document's prose and self-evaluation tables.
"""

from __future__ import annotations

import copy
import hashlib
from decimal import Decimal

from ..check.crossref import Disagreement, cross_references, figure_of
from .diagnose import Profile, Repair, graph_blame
from ..parse.document import Document
from ..check.extract import Extraction, Observation
from ..parse.figures import Figure, misspellings
from ..core.models import CAUSES, AuditReport, Coverage, Diagnosis, Evidence, Finding
from ..read.source import place_at
from ..check.relations import (ChangeAmountRelation, ChangeRateRelation, ClassItemsRelation, PartialSumRelation, RatioRelation, Relation, SameRelation,
                        SumRelation)
from ..core.rules import catalogue


def _fmt(value: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(q):f}"


def _shown(fig: Figure) -> str:
    return f"{fig.number}{fig.unit}"


_FACT_NAMES = {"current": "本年", "prior": "上年", "budget": "预算"}


class FindingBuilder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.rules = catalogue()
        self.cell_labels: dict[int, str] = {}
        self.bases: list[Figure] = []
        self.profile: Profile | None = None
        self._explained: dict[tuple[str, int], Diagnosis | None] = {}  # direction word / base, per relation  # figures bound to concepts: other bases a percentage may have used  # figure start -> what a table cell is (row and column)

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
        if fig.start in self.cell_labels:
            return self.cell_labels[fig.start]
        idx = self.doc.index_of(fig)
        return self.doc.label(idx) if idx is not None else ""

    def from_observation(self, ob: Observation) -> Finding:
        rule = self.rules[ob.code]
        diagnosis = None
        if ob.cause:
            diagnosis = Diagnosis(cause=ob.cause, explanation=CAUSES.get(ob.cause, ob.cause),
                                  culprit=self.evidence(ob.figures[0], ob.roles[0]) if ob.culprit else None,
                                  suggested=ob.expected if ob.culprit else None)
        return self._finding(ob.code, rule.severity, ob.message, ob.figures, ob.roles, ob.stated, ob.expected,
                             diagnosis=diagnosis)

    # -- cross-references ----------------------------------------------------------
    def from_disagreement(self, d: Disagreement) -> Finding:
        figs = {f.index: figure_of(self.doc, f) for f in d.facts}
        for f in d.facts:
            if f.label:
                self.cell_labels[self.doc.figures[f.index].start] = f.label
        labels = {f.index: self._label(self.doc.figures[f.index]) for f in d.facts}
        culprit_ids = {f.index for f in d.culprits}
        ordered = sorted(d.facts, key=lambda f: figs[f.index].start)
        roles = [("不一致的陈述" if d.decided and f.index in culprit_ids else "陈述") for f in ordered]
        shown = "、".join(f"{labels[f.index] or '同一数'}{_shown(figs[f.index])}" for f in ordered)
        what = _FACT_NAMES.get(d.facts[0].period, "")
        if d.decided:
            ref = figs[d.reference[0].index]
            odd = figs[d.culprits[0].index]
            message = (f"同一{what}数在{len(d.facts)}处陈述不一致：{shown}；"
                       f"多数陈述{'或其他关系' if len(d.reference) == 1 else ''}支持{_shown(ref)}")
            expected = _shown(ref)
            stated = _shown(odd)
        else:
            message = f"同一{what}数在{len(d.facts)}处陈述不一致：{shown}；无从判断哪一处有误"
            expected = "各处一致"
            stated = " / ".join(_shown(figs[f.index]) for f in ordered)
        diagnosis = None
        if d.cause and d.suggested is not None:
            culprit = figs[d.culprits[0].index]
            diagnosis = Diagnosis(cause=d.cause, explanation=CAUSES[d.cause],
                                  culprit=self.evidence(culprit, "不一致的陈述"), suggested=_shown(d.suggested))
            message += f"；可能原因：{diagnosis.explanation}（{diagnosis.culprit.text} → {diagnosis.suggested}）"
        elif d.decided and len(d.culprits) == 1:
            culprit = figs[d.culprits[0].index]
            diagnosis = Diagnosis(cause="inconsistent_restatement", explanation=CAUSES["inconsistent_restatement"],
                                  culprit=self.evidence(culprit, "不一致的陈述"), suggested=expected)
        concept, scope, period = d.facts[0].key
        return self._finding("FA801", self.rules["FA801"].severity, message, [figs[f.index] for f in ordered], roles,
                             stated, expected, relation=f"{concept} [{scope}, {period}] 各处相同",
                             diagnosis=diagnosis)

    # -- relations ---------------------------------------------------------------
    def from_relation(self, rel: Relation, outcome: str, blamed: Repair | None = None) -> Finding | None:
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
            diagnosis = self._direction(rel) or self._wrong_base(rel) or self._repair(rel, blamed)
            if diagnosis and diagnosis.cause == "wrong_base" and severity == "error":
                severity = "warning"
        message = self._message(rel, expected, outcome)
        if diagnosis and outcome != "truncation":
            message += f"；可能原因：{diagnosis.explanation}"
            if diagnosis.culprit and diagnosis.suggested:
                message += f"（{diagnosis.culprit.text} → {diagnosis.suggested}）"
        stated = _shown(res)
        if "unit_slip" in rel.context:  # the odd figure as written, and as it would be consistent
            k, fixed = rel.context["unit_slip"]
            stated, expected, difference = _shown(rel.figures[k]), _shown(fixed), None
        return self._finding(rel.code, severity, message, rel.figures, rel.roles, stated, expected,
                             difference, rel.description, diagnosis)

    def _memo(self, how, rel: Relation) -> Diagnosis | None:
        """An explanation of a failed relation, worked out once (it is asked for twice)."""
        key = (how.__name__, id(rel))
        if key not in self._explained:
            self._explained[key] = how(rel)
        return self._explained[key]

    def _direction(self, rel: Relation) -> Diagnosis | None:
        """增加 written for a decrease (or 减少 for an increase): the relation holds with the sign turned."""
        return self._memo(self._direction_of, rel)

    def _wrong_base(self, rel: Relation) -> Diagnosis | None:
        """A percentage computed on another stated total."""
        return self._memo(self._wrong_base_of, rel)

    def _direction_of(self, rel: Relation) -> Diagnosis | None:
        if not isinstance(rel, (ChangeRateRelation, ChangeAmountRelation)):
            return None
        turned = copy.copy(rel)
        turned.sign = -rel.sign
        if turned.judge() != "ok":
            return None
        k = 2 if isinstance(rel, ChangeRateRelation) else 0  # the change amount the word stands before
        word = "减少" if rel.sign > 0 else "增加"
        return Diagnosis(cause="direction_word", explanation=CAUSES["direction_word"] + f"：按“{word}”计算则相符",
                         culprit=self.evidence(rel.figures[k], rel.roles[k]), suggested=f"{word}{_shown(rel.figures[k])}")

    def _wrong_base_of(self, rel: Relation) -> Diagnosis | None:
        k = rel.context.get("base_index")
        if k is None or rel.context.get("alternatives_accept"):
            return None
        base = rel.figures[k]
        slips = {c.value * c.scale for _, c in misspellings(base, base.unit)} if base.is_amount else set()
        seen: set[int] = set()
        own = rel.context.get("not_a_base")
        for alt in [*rel.alternatives, *self.bases]:
            if alt is base or alt.value == 0 or id(alt) in seen or alt.unit != base.unit and not alt.is_amount:
                continue
            if own is not None and (alt is own or (alt.value * alt.scale == own.value * own.scale)):
                continue
            seen.add(id(alt))
            if alt.value * alt.scale in slips:
                continue  # the stated base is one slip away from the other figure: a slip, not a base
            fits = rel.judge({k: alt}) == "ok"
            if not fits and "change_sign" in rel.context:  # d ÷ (another total ∓ d): the other total as this year's
                fits = ChangeRateRelation(rel.code, rel.result, [alt, rel.inputs[0]], rel.roles,
                                          "", sign=rel.context["change_sign"]).judge() == "ok"
            if fits:
                # the percentage is what is wrong as written: computed on another total
                exp = rel.expected()
                res = rel.result
                suggested = f"{_fmt(exp.mid, max(res.decimals, 2))}{res.unit}" if exp is not None else None
                return Diagnosis(cause="wrong_base",
                                 explanation=CAUSES["wrong_base"] + f"：它按{self._label(alt)}{_shown(alt)}计算，"
                                 f"而不是{self._label(base) or rel.roles[k]}{_shown(base)}",
                                 culprit=self.evidence(res, rel.roles[0]), suggested=suggested)
        return None

    def _repair(self, rel: Relation, rep: Repair | None) -> Diagnosis | None:
        """The repair graph_blame singled out (it has tried every figure of every failed relation)."""
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
        if isinstance(rel, ClassItemsRelation):
            total = sum((f.value * f.scale for f in rel.inputs), Decimal(0)) / res.scale
            names = "、".join(_shown(f) for f in rel.inputs)
            text = (f"{lbl(res) or '类'}{_shown(res)}，所列各项（{names}）合计{_fmt(total, 2)}{res.unit}"
                    f"{'，超过该类' if total * res.scale > res.in_yuan().hi else ''}")
        elif isinstance(rel, PartialSumRelation):
            total = sum((f.value * f.scale for f in rel.inputs), Decimal(0)) / res.scale
            text = f"所列各部分之和{_fmt(total, 2)}{res.unit}超过{lbl(res) or '总数'}{_shown(res)}"
        elif isinstance(rel, SumRelation):
            text = f"{'、'.join(lbl(f) or _shown(f) for f in rel.inputs)}之和应为{expected}，文中{lbl(res) or '总数'}为{_shown(res)}"
            if rel.code == "FA103":
                k, fixed = rel.context["unit_slip"]
                if k == 0:
                    text = f"{lbl(res) or '总数'}写作{_shown(res)}，而各部分以{fixed.unit}计，按{fixed.unit}计总数才等于各部分之和"
                else:
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
    support: dict[int, int] = {}  # figure index -> relations it takes part in that hold
    if ex.facts:
        builder.bases = [doc.figures[f.index] for f in ex.facts if not f.unit]
    outcomes: dict[int, str] = {}
    for rel in ex.relations:
        outcome = rel.judge()
        if outcome == "fail" and rel.context.get("alternatives_accept"):
            k = rel.context["base_index"]
            if any(rel.judge({k: alt}) in ("ok", "truncation") for alt in rel.alternatives):
                outcome = "ok"
        outcomes[id(rel)] = outcome
    builder.profile = Profile.of(doc.figures)
    # a relation a turned direction word or another stated base explains needs no digit blamed
    plain = [rel for rel in ex.relations if outcomes[id(rel)] != "fail"
             or not ("unit_slip" in rel.context or builder._direction(rel) or builder._wrong_base(rel))]
    agree, differ = _restatements(doc, ex.facts)
    for rel in differ:
        outcomes[id(rel)] = "fail"
    blamed = graph_blame([*plain, *differ], outcomes, builder.profile, agree)
    for rel in ex.relations:
        outcome = outcomes[id(rel)]
        if outcome == "undefined":
            skipped["relation undefined (zero or negative base)"] = skipped.get("relation undefined (zero or negative base)", 0) + 1
            continue
        stats.relations_checked += 1
        checked.update(f.start for f in rel.figures)
        if outcome in ("ok", "truncation"):
            for f in rel.figures:
                k = doc.index_of(f)
                if k is not None:
                    support[k] = support.get(k, 0) + 1
        if outcome == "ok":
            stats.relations_consistent += 1
            continue
        finding = builder.from_relation(rel, outcome, blamed.get(id(rel)))
        if finding is not None:
            findings.append(finding)
    for ob in ex.observations:
        stats.relations_checked += 1
        checked.update(f.start for f in ob.figures)
        findings.append(builder.from_observation(ob))
    xref = cross_references(doc, ex.facts, support)
    stats.relations_checked += xref.checked
    stats.relations_consistent += xref.consistent
    checked.update(doc.figures[i].start for i in xref.figures)
    findings.extend(builder.from_disagreement(d) for d in xref.disagreements)
    findings = _blame(_dedupe(findings))
    findings.sort(key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule) if f.evidence else (0, 0, f.rule))
    stats.relations_skipped = skipped
    stats.figures_checked = sum(1 for f in doc.figures if f.start in checked and (f.is_amount or f.is_percent))
    stats.figures_unchecked = stats.amounts + stats.percents - stats.figures_checked
    for f in findings:
        stats.findings[f.severity] += 1
    return AuditReport(path=doc.name, encoding=doc.encoding, year=doc.year, findings=findings, coverage=stats)


def _restatements(doc: Document, facts: list) -> tuple[list[Relation], list[Relation]]:
    """Statements of one quantity, paired: (those that agree, those that do not). The first are
    constraints for blame (a repair may not make one statement disagree with the others); the
    second are failed relations a repair may mend (a total that breaks its sum *and* disagrees
    with its restatement is the figure to blame). FA801 reports the disagreements themselves."""
    groups: dict[tuple, list[Figure]] = {}
    for fact in facts:
        if not fact.unit:
            groups.setdefault(fact.key, []).append(doc.figures[fact.index])
    agree, differ = [], []
    for figs in groups.values():
        for a, b in zip(figs, figs[1:]):
            if a is b:
                continue
            rel = SameRelation("FA801", a, [b], ["陈述", "陈述"], "同一数")
            (agree if rel.judge() == "ok" else differ).append(rel)
    return agree, differ


# which finding speaks for a culprit that breaks several relations: a named slip first
_CAUSE_ORDER = {"impossible_share": 1, "percentage_of_zero": 1, "inconsistent_restatement": 2, "miscalculated": 3}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _blame(findings: list[Finding]) -> list[Finding]:
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
        group.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], _CAUSE_ORDER.get(f.diagnosis.cause, 0)))
        keep = group[0]
        for other in group[1:]:
            keep.also_breaks.append(f"{other.rule} {other.relation or other.name}: {other.message}")
            dropped.add(id(other))
    return [f for f in findings if id(f) not in dropped]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, tuple((e.line, e.column) for e in f.evidence))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
