"""Judging a document's relations: each one's outcome, the statements of one quantity paired,
and what the coverage counts (relations checked and held, figures that took part, skips)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.models import Coverage
from ..facts.binding import Fact
from ..parse.document import Document
from ..parse.figures import Figure
from .crossref import CrossReferences
from .extraction import Extraction, Observation
from .relations import Outcome, Relation, SameRelation

_UNDEFINED = "relation undefined (zero or negative base)"


def outcomes_of(relations: list[Relation]) -> dict[int, Outcome]:
    """Each relation's outcome, by ``id``. A percentage that holds on one of the other bases it
    may have been computed on (``alternatives_accept``) holds."""
    outcomes: dict[int, Outcome] = {}
    for rel in relations:
        outcome = rel.judge()
        if outcome == "fail" and rel.context.get("alternatives_accept"):
            k = rel.context["base_index"]
            if any(rel.judge({k: alt}) in ("ok", "truncation") for alt in rel.alternatives):
                outcome = "ok"
        outcomes[id(rel)] = outcome
    return outcomes


def restatements(doc: Document, facts: list[Fact]) -> tuple[list[Relation], list[Relation]]:
    """Statements of one quantity, paired: (those that agree, those that do not). The first are
    constraints for blame (a repair may not make one statement disagree with the others); the
    second are failed relations a repair may mend (a total that breaks its sum *and* disagrees
    with its restatement is the figure to blame). FA801 reports the disagreements themselves."""
    groups: dict[tuple[str, str, str], list[Figure]] = {}
    for fact in facts:
        if not fact.unit:
            groups.setdefault(fact.key, []).append(doc.figures[fact.index])
    agree: list[Relation] = []
    differ: list[Relation] = []
    for figs in groups.values():
        for a, b in zip(figs, figs[1:]):
            if a is b:
                continue
            rel = SameRelation("FA801", a, [b], ["陈述", "陈述"], "同一数")
            (agree if rel.judge() == "ok" else differ).append(rel)
    return agree, differ


@dataclass
class Count:
    """What was checked: relations judged and held, skipped by reason, figures taking part."""

    skipped: dict[str, int]
    checked: int = 0
    consistent: int = 0
    starts: set[int] = field(default_factory=set)  # figures (by start) that took part in a relation
    # figure index -> relations it takes part in that hold
    support: dict[int, int] = field(default_factory=dict)

    def relations(self, doc: Document, relations: list[Relation], outcomes: dict[int, Outcome]) -> None:
        for rel in relations:
            outcome = outcomes[id(rel)]
            if outcome == "undefined":
                self.skipped[_UNDEFINED] = self.skipped.get(_UNDEFINED, 0) + 1
                continue
            self.checked += 1
            self.starts.update(f.start for f in rel.figures)
            if outcome in ("ok", "truncation"):
                for f in rel.figures:
                    k = doc.index_of(f)
                    if k is not None:
                        self.support[k] = self.support.get(k, 0) + 1
            if outcome == "ok":
                self.consistent += 1

    def observations(self, observations: list[Observation]) -> None:
        for ob in observations:
            self.checked += 1
            self.starts.update(f.start for f in ob.figures)

    def cross_references(self, doc: Document, xref: CrossReferences) -> None:
        self.checked += xref.checked
        self.consistent += xref.consistent
        for why, n in xref.skipped.items():
            self.skipped[why] = self.skipped.get(why, 0) + n
        self.starts.update(doc.figures[i].start for i in xref.figures)


def count_of(doc: Document, ex: Extraction, outcomes: dict[int, Outcome]) -> Count:
    """The count of the extracted relations and observations (the cross-references come later)."""
    count = Count(dict(ex.skipped))
    count.relations(doc, ex.relations, outcomes)
    count.observations(ex.observations)
    return count


def coverage_of(doc: Document, count: Count) -> Coverage:
    """The coverage of a document's prose and self-evaluation tables (findings counted later)."""
    amounts = sum(1 for f in doc.figures if f.is_amount)
    percents = sum(1 for f in doc.figures if f.is_percent)
    checked = sum(1 for f in doc.figures if f.start in count.starts and (f.is_amount or f.is_percent))
    return Coverage(
        figures=len(doc.figures),
        amounts=amounts,
        percents=percents,
        unreadable=sum(1 for f in doc.figures if f.kind == "unreadable"),
        figures_checked=checked,
        figures_unchecked=amounts + percents - checked,
        relations_checked=count.checked,
        relations_consistent=count.consistent,
        relations_skipped=count.skipped,
    )
