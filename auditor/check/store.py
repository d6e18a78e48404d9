"""The facts a report states, by quantity: level figures by (concept, scope, period, role),
changes by (concept, scope, base). A value is taken from here only when every statement of
that quantity agrees; `Builder` collects relations and observations once each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..facts.readings import ListBlock, Reader, Reading
from ..facts.subjects import Subject
from ..parse.figures import Figure
from .extraction import Observation
from .relations import PartialSumRelation, Relation

BUDGETS = ("budget", "budget_initial", "budget_adjusted")


def same(a: Figure, b: Figure) -> bool:
    """Two statements of one quantity agree: the same figure at the same precision, else
    rounding intervals that meet."""
    if a.unit == b.unit and a.decimals == b.decimals:
        return a.value == b.value
    return a.in_yuan(a.interval).meets(b.in_yuan(b.interval))


@dataclass
class Store:
    """Level figures by (concept, scope, period, role); changes by (concept, scope, base)."""

    by_key: dict[tuple[str, str, str, str], list[Reading]] = field(default_factory=dict)
    changes: dict[tuple[str, str, str], list[Reading]] = field(default_factory=dict)
    # the answers given: a quantity stated n times is compared once, not once per question
    _agreed: dict[tuple[str, str, str, str], Reading | None] = field(default_factory=dict)

    @classmethod
    def of(cls, readings: list[Reading]) -> Store:
        s = cls()
        for r in readings:
            if (
                r.kind == "change"
                and r.subject is not None
                and r.subject.known
                and r.sign is not None
                and r.base is not None
                and r.period == "current"
            ):
                s.changes.setdefault((r.subject.concept, r.subject.scope, r.base), []).append(r)
                continue
            if r.kind not in ("level",) or r.key is None or r.note in ("aside", "role?"):
                continue
            keys = [r.key]
            if r.key[0] == "both_totals":
                keys = [("income_total", *r.key[1:]), ("expense_total", *r.key[1:])]
            for k in keys:
                s.by_key.setdefault(k, []).append(r)
        return s

    def get(self, subject: Subject | None, period: str, role: str) -> Reading | None:
        """The figure every statement of this quantity agrees on, else None."""
        if subject is None or not subject.known:
            return None
        key = (subject.concept, subject.scope, period, role)
        if key not in self._agreed:
            self._agreed[key] = self._agreeing(subject, period, role)
        return self._agreed[key]

    def _agreeing(self, subject: Subject, period: str, role: str) -> Reading | None:
        roles = (role,) if role != "budget" else BUDGETS
        found: list[Reading] = []
        for ro in roles:
            for c in _concepts(subject.concept):
                found += self.by_key.get((c, subject.scope, period, ro), [])
        if not found:
            return None
        first = found[0]
        if all(same(first.fig, r.fig) for r in found[1:]):
            return first
        return None

    def change(self, subject: Subject, base: str) -> Reading | None:
        """The change of a quantity against `base` every statement agrees on, else None."""
        found = self.changes.get((subject.concept, subject.scope, base), [])
        if not found:
            return None
        first = found[0]
        if all(same(first.fig, r.fig) and r.sign == first.sign for r in found[1:]):
            return first
        return None


def _concepts(c: str) -> tuple[str, ...]:
    if c == "both_totals":
        return ("income_total",)
    return (c,)


@dataclass
class Builder:
    """The relations and observations made from one report's statements, each once."""

    rd: Reader
    store: Store
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    seen: set[frozenset[int]] = field(default_factory=set)
    # subject -> (actual, completion rate) when the rate's budget is not stated
    implied: dict[Subject, tuple[Reading, Reading]] = field(default_factory=dict)
    list_by_fig: dict[int, int] | None = None
    by_paragraph: dict[int, list[Reading]] | None = None
    by_list: dict[int, list[Reading]] | None = None
    # (item names, relation) of the lists that may be complete breakdowns
    partial_lists: list[tuple[tuple[str, ...], PartialSumRelation]] = field(default_factory=list)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def add(self, rel: Relation) -> None:
        """Keep a relation unless one over the same figures is kept already."""
        key = frozenset(id(f) for f in rel.figures)
        if key in self.seen:
            return
        self.seen.add(key)
        self.relations.append(rel)


def merge_qualifiers(rd: Reader) -> None:
    """A qualifier (区级, 全县) that no other statement contradicts is the report's own scope: the
    subject is the plain one. Kept apart only where the plain subject has another value."""
    plain: dict[tuple[str, str, str], list[Reading]] = {}
    qualified: dict[str, list[tuple[Reading, Subject]]] = {}
    for r in rd.readings:
        if r.subject is None or not r.subject.known:
            continue
        if r.subject.scope.startswith("q:"):
            qualified.setdefault(r.subject.scope, []).append((r, r.subject))
        elif r.kind == "level":
            plain.setdefault((r.subject.concept, r.period, r.role), []).append(r)
    for rs in qualified.values():
        clash = any(
            not same(r.fig, p.fig)
            for r, subject in rs
            if r.kind == "level"
            for p in plain.get((subject.concept, r.period, r.role), [])
        )
        if not clash:
            for r, subject in rs:
                r.subject = Subject(subject.concept, "all")


def readings_of(b: Builder, lst: ListBlock) -> list[Reading]:
    """A list's items' readings (made once for all lists)."""
    if b.by_list is None:
        b.by_list = {}
        for r in b.rd.readings:
            if r.list_id is not None:
                b.by_list.setdefault(r.list_id, []).append(r)
    return b.by_list.get(lst.id, [])


def paragraph_of(b: Builder, paragraph: int) -> list[Reading]:
    """The readings of one paragraph, in order (made once for all paragraphs)."""
    if b.by_paragraph is None:
        b.by_paragraph = {}
        for r in b.rd.readings:
            b.by_paragraph.setdefault(r.paragraph, []).append(r)
    return b.by_paragraph.get(paragraph, [])


# how far back in a sentence a statement's other figures are looked for: a sentence listing
# thousands of parts must not make every share look at every figure before it
LOOKBACK = 40


class Sentence(list[Reading]):
    """One sentence's readings, each knowing its place."""

    def __init__(self, readings: list[Reading]) -> None:
        super().__init__(readings)
        self.place = {id(r): k for k, r in enumerate(readings)}

    def before(self, r: Reading, pred: Callable[[Reading], bool]) -> Reading | None:
        """The nearest reading before `r` that `pred` accepts, within LOOKBACK readings."""
        k = self.place.get(id(r))
        if k is None:
            return None
        for x in reversed(self[max(0, k - LOOKBACK) : k]):
            if pred(x):
                return x
        return None

    def next_to(self, r: Reading) -> Reading | None:
        """The reading right after `r` in the sentence, if any."""
        k = self.place.get(id(r))
        return self[k + 1] if k is not None and k + 1 < len(self) else None
