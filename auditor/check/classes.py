"""Functional classes (类) against the items (项) listed for them (FA104): relations like any
other, so that blame can weigh them with the rest.

A class total bound as a fact (``class_*`` concepts of rules/concepts.toml) and the actual
amounts of the 项 lines written under it in the same scope make a ``ClassItemsRelation``: the
items may not exceed the class; a shortfall counts only when one specific slip closes it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.intervals import Interval
from ..facts.binding import Binder, Fact
from ..parse.document import Document
from ..parse.figures import Figure, misspellings
from .crossref import SPECIFIC
from .relations import ClassItemsRelation

_CLASS_LINE = re.compile(r"([^\s()（）:：，,。；;\d.、]{2,20}?)(?:\(类\)|（类）)")
_CLASS_MARK = re.compile(r"\(类\)|（类）")
_ITEM_END = re.compile(r"\((?:项|项目)\)|（项）")
_NOT_NAME = re.compile(r"[\s()（）:：，,、.。\d]")


def class_items(
    doc: Document, binder: Binder, facts: list[Fact]
) -> tuple[list[ClassItemsRelation], dict[str, int]]:
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
    named: set[tuple[str, str, str]] = set()
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
        item = _NOT_NAME.sub("", sentence[m.end() : end.start()])
        if (concept, scope, item) in named:
            # the same 项 named again in the same scope (a summary, then the detail): one item
            # stated twice, counted once
            why = "class items: an item stated again"
            skipped[why] = skipped.get(why, 0) + 1
            continue
        named.add((concept, scope, item))
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
            skipped["class items: class total not stated in the same scope"] = (
                skipped.get("class items: class total not stated in the same scope", 0) + 1
            )
            continue
        T = figs[total]
        parts = [figs[i] for i in members]
        rel = ClassItemsRelation(
            "FA104", T, parts, ["类", *["项"] * len(parts)], f"{binder.label(total) or '类'} ≥ Σ 所列各项"
        )
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
                for trial, tot in [
                    (
                        ([cand if j == k - 1 else p for j, p in enumerate(parts)] if k else parts),
                        cand if k == 0 else T,
                    )
                ]
            )
            if not rel.slip_closes:
                skipped["class items: shortfall with no single slip (list may be incomplete)"] = (
                    skipped.get("class items: shortfall with no single slip (list may be incomplete)", 0) + 1
                )
                continue
        out.append(rel)
    return out, skipped


def _sum(figs: list[Figure]) -> Interval:
    lo = sum((f.in_yuan(f.interval).lo for f in figs), Decimal(0))
    hi = sum((f.in_yuan(f.interval).hi for f in figs), Decimal(0))
    return Interval(lo, hi)
