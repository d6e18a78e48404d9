"""Relations across the whole report: one quantity stated in several places (judged after
the other relations, whose support picks the statement to trust), and the functional classes
(类) against the items (项) listed for them (relations like any other).

Duplicate facts are judged as XBRL judges them: two statements of one concept, scope and
period agree when they are the same figure at the same precision (``7.03`` and ``7.02`` do
not agree, though their rounding intervals touch), and, at different precisions or units,
when their rounding intervals meet (``1,031.24万元`` and ``10312400元`` agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .document import Document
from .diagnose import RANK
from .facts import Binder, Fact
from .figures import Figure, misspellings
from .intervals import Interval
from .relations import ClassItemsRelation

#: Single-edit repairs specific enough to name a culprit when no arithmetic identity is stated.
SPECIFIC = tuple(RANK[:3])


def agree(a: Figure, b: Figure) -> bool:
    """Two statements of one quantity agree (see the module's docstring)."""
    if a.unit == b.unit and a.decimals == b.decimals:
        return a.value == b.value
    return a.in_yuan(a.interval).meets(b.in_yuan(b.interval))


@dataclass
class Disagreement:
    """One quantity stated differently: every statement, and which one is probably wrong."""

    facts: list[Fact]
    reference: list[Fact]  # the statements that agree with one another and are trusted
    culprits: list[Fact]  # the statements that disagree with the reference (all, when undecided)
    decided: bool
    cause: str | None = None
    suggested: Figure | None = None


@dataclass
class CrossReferences:
    disagreements: list[Disagreement] = field(default_factory=list)
    checked: int = 0
    consistent: int = 0
    figures: set[int] = field(default_factory=set)  # indices of the figures compared


def figure_of(doc: Document, fact: Fact) -> Figure:
    """The fact's figure, in the unit its table states when the cell itself has none."""
    fig = doc.figures[fact.index]
    if fact.unit and not fig.unit:
        return replace(fig, unit=fact.unit, kind="amount")
    return fig


def _diagnose(fig: Figure, reference: Figure, only: tuple[str, ...] | None = None) -> tuple[str | None, Figure | None]:
    for kinds in ((only,) if only else (SPECIFIC, tuple(RANK[3:]))):
        hits = [(RANK.index(c), c, cand) for c, cand in misspellings(fig, reference.unit, kinds) if agree(cand, reference)]
        if hits:
            _, cause, cand = min(hits, key=lambda h: h[0])
            return cause, cand
    return None, None


def duplicates(doc: Document, facts: list[Fact], support: dict[int, int], out: CrossReferences) -> None:
    groups: dict[tuple, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(fact.key, []).append(fact)
    for group in groups.values():
        figs = {f.index: figure_of(doc, f) for f in group}
        if len(group) < 2:
            continue
        clusters: list[list[Fact]] = []
        for fact in group:
            for cl in clusters:
                if agree(figs[cl[0].index], figs[fact.index]):
                    cl.append(fact)
                    break
            else:
                clusters.append([fact])
        out.checked += len(group) - 1
        out.figures.update(f.index for f in group)
        if len(clusters) == 1:
            out.consistent += len(group) - 1
            continue
        # the reference: the value stated most often, then the one other relations confirm
        score = lambda cl: (len(cl), sum(support.get(f.index, 0) for f in cl))  # noqa: E731
        ranked = sorted(clusters, key=score, reverse=True)
        decided = score(ranked[0]) > score(ranked[1])
        reference = ranked[0] if decided else []
        culprits = [f for cl in ranked[1:] for f in cl] if decided else list(group)
        dis = Disagreement(group, reference, culprits, decided)
        if decided and len(culprits) == 1:
            dis.cause, dis.suggested = _diagnose(figs[culprits[0].index], figs[reference[0].index])
        elif not decided and len(clusters) == 2 and all(len(cl) == 1 for cl in clusters):
            # two statements, nothing to tell them apart: a unit slip still shows which one
            a, b = figs[clusters[0][0].index], figs[clusters[1][0].index]
            for x, y, fx in ((a, b, clusters[0][0]), (b, a, clusters[1][0])):
                if not (x.unit == "元" and y.unit != "元"):
                    continue
                cause, cand = _diagnose(x, y, ("unit_slip",))
                if cause == "unit_slip":
                    dis.culprits, dis.reference, dis.decided = [fx], [f for f in group if f is not fx], True
                    dis.cause, dis.suggested = cause, cand
                    break
        out.disagreements.append(dis)


_CLASS_LINE = re.compile(r"([^\s()（）:：，,。；;\d.、]{2,20}?)(?:\(类\)|（类）)")
_CLASS_MARK = re.compile(r"\(类\)|（类）")
_ITEM_END = re.compile(r"\((?:项|项目)\)|（项）")


def class_items(doc: Document, binder: Binder, facts: list[Fact]) -> tuple[list[ClassItemsRelation], dict[str, int]]:
    """类 against the 项 lines listed for it (FA104), as relations that take part in blame."""
    vocab = binder.vocab
    t = doc.text.text
    skipped: dict[str, int] = {}
    totals: dict[tuple[str, str], int] = {}
    for fact in facts:
        if fact.concept.startswith("class_") and fact.period == "current":
            totals.setdefault((fact.concept, fact.scope), fact.index)
    if not totals:
        return [], skipped
    items: dict[tuple[str, str], list[int]] = {}
    sentences = sorted({doc.sentence_of(m.start()) for m in _CLASS_MARK.finditer(t)})
    for k in sentences:
        s0, s1 = doc.sentence_span(k)
        sentence = t[s0:s1]
        m = _CLASS_LINE.search(sentence)
        end = _ITEM_END.search(sentence)
        if not m or not end or end.start() < m.end():
            continue
        concept = vocab.concept(m.group(1) + "支出") or vocab.concept(m.group(1))
        if not concept or not concept.startswith("class_"):
            continue
        scope = binder.scope_at(s0, sentence[: m.start()])
        actual = None
        for i in doc.figures_in(s0 + end.end(), s1):
            if doc.is_level(i) and not binder.bind_budget(i):
                actual = i
                break
        if actual is None:
            continue
        items.setdefault((concept, scope), []).append(actual)
    figs = doc.figures
    out = []
    for key, members in items.items():
        total = totals.get(key)
        if total is None and key[1] == "all":
            # items listed where no heading names the scope: the one class total of that concept
            same = [i for (concept, _), i in totals.items() if concept == key[0]]
            total = same[0] if len(same) == 1 else None
        if total is None:
            skipped["class items: class total not stated in the same scope"] = skipped.get(
                "class items: class total not stated in the same scope", 0) + 1
            continue
        T = figs[total]
        parts = [figs[i] for i in members]
        rel = ClassItemsRelation("FA104", T, parts, ["类", *["项"] * len(parts)],
                                 f"{binder.label(total) or '类'} ≥ Σ 所列各项")
        got, stated = _sum(parts), T.in_yuan(T.interval)
        if got.hi < stated.lo:
            # a shortfall may be an item not listed: only a single specific slip that closes it
            # exactly (not within rounding: a coincidence must not pass for a repair) makes it one
            # (one item only: the class is restated, and one wrong digit is as telling as two swapped)
            kinds = (*SPECIFIC, "wrong_digit") if len(parts) == 1 else SPECIFIC
            rel.slip_closes = any(
                sum(p.value * p.scale for p in trial) == tot.value * tot.scale
                for k, fig in enumerate([T, *parts])
                for _, cand in misspellings(fig, T.unit, kinds)
                for trial, tot in [(([cand if j == k - 1 else p for j, p in enumerate(parts)] if k else parts), cand if k == 0 else T)])
            if not rel.slip_closes:
                skipped["class items: shortfall with no single slip (list may be incomplete)"] = skipped.get(
                    "class items: shortfall with no single slip (list may be incomplete)", 0) + 1
                continue
        out.append(rel)
    return out, skipped


def _sum(figs: list[Figure]) -> Interval:
    lo = sum((f.in_yuan(f.interval).lo for f in figs), Decimal(0))
    hi = sum((f.in_yuan(f.interval).hi for f in figs), Decimal(0))
    return Interval(lo, hi)


def cross_references(doc: Document, facts: list[Fact], support: dict[int, int]) -> CrossReferences:
    out = CrossReferences()
    duplicates(doc, facts, support, out)
    return out
