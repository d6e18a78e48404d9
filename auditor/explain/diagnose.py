"""Why a relation probably failed: single-edit repairs of each figure involved.

Every figure of a failed relation is edited once in each way a slip happens — another unit
(元/万元/亿元, or the number converted while the unit word stayed), two adjacent digits
swapped, the decimal point moved, one digit changed — and every relation the figure takes part
in is judged again (`graph_blame`). The repair that mends every relation of its figure and the
most failed ones names the culprit and the cause.
Ties go to the edit that fits exactly, then to the more specific kind (a unit slip or a
transposition explains a figure far better than "some digit"), then to the report's own
habits (its `Profile`): the unit it usually writes, the decimals it usually writes (3369.3 →
336.93 in a report of two-decimal amounts), the size its amounts usually have (16133000.00万元
→ 1613.30万元, not the other figure × 10⁴). A cause is named only when one figure is singled
out.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..check.relations import PartialSumRelation, Relation
from ..core.intervals import Interval
from ..parse.figures import SLIPS, Figure, misspellings


@dataclass(frozen=True)
class Repair:
    index: int  # position in relation.figures
    cause: str
    figure: Figure  # the repaired figure


# a repair found in graph_blame: (fixed, rank, group, repair, fixed rels, sharpened)
_Hit = tuple[int, int, int, Repair, set[int], int]


# the amounts either side of one that say which unit its neighbourhood writes
_AROUND = 3


@dataclass
class Profile:
    """How a report usually writes its figures."""

    decimals: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, unit) -> decimals
    unit: str | None = None  # the amount unit written most often
    magnitude: dict[str, int] = field(default_factory=dict)  # unit -> median ⌊log10⌋ of nonzero amounts
    amounts: list[Figure] = field(default_factory=list)  # in the order written
    _at: dict[int, int] | None = None  # id -> place in `amounts`, made when first asked

    def around(self, fig: Figure) -> dict[str, int]:
        """The units of the amounts written either side of one (unit -> count): its sentence's."""
        if self._at is None:
            self._at = {id(f): k for k, f in enumerate(self.amounts)}
        k = self._at.get(id(fig))
        if k is None:
            return {}
        near: dict[str, int] = {}
        for g in self.amounts[max(0, k - _AROUND) : k] + self.amounts[k + 1 : k + 1 + _AROUND]:
            near[g.unit] = near.get(g.unit, 0) + 1
        return near

    @classmethod
    def of(cls, figures: list[Figure]) -> Profile:
        counts: dict[tuple[str, str], dict[int, int]] = {}
        units: dict[str, int] = {}
        logs: dict[str, list[int]] = {}  # unit -> decimal exponents (⌊log10⌋) of nonzero amounts
        for f in figures:
            if not (f.is_amount or f.is_percent or f.kind == "number") or f.value == 0:
                continue
            if f.value != f.value.to_integral():
                c = counts.setdefault((f.kind, f.unit), {})
                c[f.decimals] = c.get(f.decimals, 0) + 1
            if f.is_amount:
                units[f.unit] = units.get(f.unit, 0) + 1
                logs.setdefault(f.unit, []).append(abs(f.value).adjusted())
            # table cells written without a unit
            elif f.kind == "number" and f.decimals and abs(f.value) >= 1:
                logs.setdefault("", []).append(abs(f.value).adjusted())
        magnitude = {u: sorted(v)[len(v) // 2] for u, v in logs.items()}
        return cls(
            {k: max(c, key=c.__getitem__) for k, c in counts.items()},
            max(units, key=units.__getitem__) if units else None,
            magnitude,
            [f for f in figures if f.is_amount],
        )

    def likelihood(self, fig: Figure, cand: Figure, cause: str) -> int:
        """How much an edit brings a figure back to the report's habits (higher: more likely)."""
        if cause == "misplaced_decimal":
            want = self.decimals.get((cand.kind, cand.unit))
            if want is None:
                return 0
            return (
                int(fig.decimals != want and fig.value != fig.value.to_integral())
                + int(cand.decimals == want)
                - int(cand.decimals != want and cand.value != cand.value.to_integral())
            )
        if cause == "unit_slip" and cand.value != 0 and fig.value != 0:
            typical = self.magnitude.get(cand.unit)
            if typical is None:
                return 0
            before = abs(abs(fig.value * fig.scale / cand.scale).adjusted() - typical)
            after = abs(abs(cand.value).adjusted() - typical)
            return int(after + 1 < before) - int(before + 1 < after)
        return 0


def _mends(rel: Relation, overrides: dict[int, Figure]) -> bool:
    """The relation holds with the edit. A partial sum (Σ ≤ total) counts as mended only when
    the edit makes the list add up to its total exactly: any total made large enough would
    "mend" it otherwise."""
    if isinstance(rel, PartialSumRelation):
        exact = copy.copy(rel)
        exact.exact = True
        return exact.judge(overrides) in ("ok", "truncation")
    return rel.judge(overrides) == "ok"


def misfit(rel: Relation, overrides: dict[int, Figure]) -> Decimal:
    """How far the relation is from holding at the figures' written values (no rounding): among
    edits that all fit within rounding, the one that fits exactly is the one meant."""
    figs = [overrides.get(k, f) for k, f in enumerate(rel.figures)]
    res, ins = figs[0], figs[1:]
    got = rel.compute([Interval.point(f.value * _scale(f)) for f in ins])
    if got is None:
        return Decimal("Infinity")
    return abs(got.mid - res.value * _scale(res)) / (_scale(res) * res.ulp)


def _scale(fig: Figure) -> Decimal:
    """What a figure's written value is multiplied by in `misfit`: yuan per unit for an amount."""
    return fig.scale if fig.is_amount else Decimal(1)


def graph_blame(
    relations: list[Relation],
    outcomes: dict[int, str],
    profile: Profile | None = None,
    constraints: Sequence[Relation] = (),
) -> dict[int, Repair]:
    """Blame over the graph of relations: the single-edit repair of one figure that makes every
    relation that figure takes part in hold, and mends the most failed ones.

    Returns, for each failed relation (by ``id``), the repair that explains it, when one figure
    alone is singled out. A figure whose repair would break a relation that holds now is not
    blamed (基本支出 60→50 mends a sum but breaks its own stated share of 60%). `constraints`
    tie figures that state one quantity: a repair is tried on all of them at once (the same
    misstated figure copied into two sections is one slip, not two).
    """
    uses: dict[int, list[tuple[Relation, int]]] = {}
    figures: dict[int, Figure] = {}
    twin: dict[int, int] = {}  # union-find over figures that state one quantity

    def root(x: int) -> int:
        while twin.get(x, x) != x:
            x = twin[x]
        return x

    for rel in constraints:
        a, b = (root(id(f)) for f in rel.figures)
        if a != b:
            twin[b] = a
    for rel in relations:
        if outcomes.get(id(rel)) in (None, "undefined"):
            continue
        for k, fig in enumerate(rel.figures):
            uses.setdefault(id(fig), []).append((rel, k))
            figures[id(fig)] = fig
    for rel in constraints:
        for fig in rel.figures:
            figures.setdefault(id(fig), fig)
    groups: dict[int, list[int]] = {}
    for fid in figures:
        groups.setdefault(root(fid), []).append(fid)
    # a partial list (Σ ≤ total) is mended only by an edit that makes it add up exactly (_mends)
    failing = [rel for rel in relations if outcomes.get(id(rel)) == "fail"]
    suspects = {root(id(f)) for rel in failing for f in rel.figures}
    found: list[_Hit] = []
    # the specific kinds of slip first; "some digit" only for relations nothing else explains
    for specific, tier in ((True, SLIPS[:3]), (False, SLIPS[3:])):
        if not specific:
            # one digit changed: tried only on the figures of the relations still unexplained
            explained = {r for h in found for r in h[4]}
            suspects = {root(id(f)) for rel in failing if id(rel) not in explained for f in rel.figures}
        for group in suspects:
            members = groups[group]
            fig = figures[members[0]]
            # every relation of every statement; the failed ones first: most edits fail the first
            group_uses = [(rel, k, fid) for fid in members for rel, k in uses.get(fid, [])]
            group_uses.sort(key=lambda use: outcomes[id(use[0])] != "fail")
            units = [f.unit for rel, _, _ in group_uses for f in rel.figures if f.is_amount]
            # the unit the figure's relations write most; on a tie, the one written around it
            # (上年1000.5元 among amounts in 万元), then the report's
            near = profile.around(fig) if profile else {}
            usual_unit = (
                max(
                    set(units),
                    key=lambda u: (units.count(u), near.get(u, 0), u == (profile.unit if profile else None)),
                )
                if units
                else None
            )
            # what the failed relations need of this figure: edits outside it are not judged
            failed_uses = [(rel, k, fid) for rel, k, fid in group_uses if outcomes[id(rel)] == "fail"]
            needs = _needs(members, failed_uses, figures)
            ids = set(members)
            for cause, cand in misspellings(fig, usual_unit, tuple(tier)):
                if needs and not _may_mend(needs, cand):
                    continue
                # the edit made to each statement of the quantity, when a relation asks for it
                edits = {members[0]: cand}
                fixed: set[int] = set()
                sharpened = 0  # relations that held only if truncated and now hold as rounded
                seen: set[int] = set()
                for rel, _, _ in group_uses:
                    if id(rel) in seen:
                        continue
                    seen.add(id(rel))
                    overrides = {
                        k: edits.get(id(f)) or edits.setdefault(id(f), _restate(f, cand))
                        for k, f in enumerate(rel.figures)
                        if id(f) in ids
                    }
                    failed = outcomes[id(rel)] == "fail"
                    if failed and _mends(rel, overrides):
                        fixed.add(id(rel))
                        continue
                    got = rel.judge(overrides)
                    if got not in ("ok", "truncation"):
                        break
                    sharpened += outcomes[id(rel)] == "truncation" and got == "ok"
                else:
                    if fixed:
                        found.append(
                            (len(fixed), SLIPS.index(cause), group, Repair(-1, cause, cand), fixed, sharpened)
                        )
    out: dict[int, Repair] = {}

    def exact(h: _Hit) -> bool:
        """The edit makes this relation hold at the written values, not only within rounding
        (854.30 → 854.20 fits a sum exactly; 8288.78 → 8288.87 only within a cent)."""
        k = next((k for k, f in enumerate(rel.figures) if root(id(f)) == h[2]), None)
        return k is not None and misfit(rel, {k: _restate(rel.figures[k], h[3].figure)}) <= Decimal("0.5")

    for rel in failing:
        hits = [h for h in found if id(rel) in h[4]]
        if not hits:
            continue

        def score(h: _Hit) -> tuple[int, bool, int, int, int]:
            fig = figures[groups[h[2]][0]]
            likelihood = profile.likelihood(fig, h[3].figure, h[3].cause) if profile else 0
            return (h[0], exact(h), -h[1], h[5], likelihood)

        best = max(map(score, hits))
        top = [h for h in hits if score(h) == best]
        if len({h[2] for h in top}) != 1:
            continue
        index = next(k for k, f in enumerate(rel.figures) if root(id(f)) == top[0][2])
        own = rel.figures[index]
        h = min(
            top,
            key=lambda h: (
                misfit(rel, {index: _restate(own, h[3].figure)}),
                abs(h[3].figure.value - own.value),
            ),
        )
        out[id(rel)] = Repair(index, h[3].cause, _restate(own, h[3].figure))
    return out


# what a failed relation needs of one statement of the quantity (None: the figure edited itself)
_Need = tuple[Interval, Figure | None]


def _needs(
    members: list[int], failed_uses: list[tuple[Relation, int, int]], figures: dict[int, Figure]
) -> list[_Need]:
    """The values the failed relations need of the figures of one quantity (`Relation.need`),
    each with the statement it asks of; empty when some need is not worked out: then every
    edit is judged. An edit none of them admits mends nothing, and is not judged."""
    first = members[0]
    out: list[_Need] = []
    if all(fid == first for _, _, fid in failed_uses):
        for rel, k, _ in failed_uses:
            need = rel.need(k)
            if need is None:
                return []
            out.append((need, None))
        return out
    # statements copied into several places: a relation's need holds for its statement only
    # when no other statement of the quantity takes part in it (the others stay as stated)
    ids = set(members)
    for rel, k, fid in failed_uses:
        if sum(id(f) in ids for f in rel.figures) != 1:
            return []
        need = rel.need(k)
        if need is None:
            return []
        out.append((need, None if fid == first else figures[fid]))
    return out


def _may_mend(needs: list[_Need], cand: Figure) -> bool:
    """Some failed relation admits the edit `cand` made to the statement it asks of."""
    at = loose_value(cand)
    for need, fig in needs:
        # the same edit stands for the same value in another statement of the same kind
        value = at if fig is None or fig.kind == cand.kind else loose_value(_restate(fig, cand))
        if need.meets(value):
            return True
    return False


def loose_value(fig: Figure) -> Interval:
    """What a figure stands for, rounded or truncated, in yuan when it is an amount."""
    loose = fig.loose
    return loose.scale(fig.scale) if fig.is_amount else loose


def _restate(fig: Figure, cand: Figure) -> Figure:
    """The edit `cand` (made to one statement) made to another statement `fig` of the quantity."""
    if fig is cand or (fig.start == cand.start and fig.end == cand.end):
        return cand
    return replace(fig, number=cand.number, value=cand.value, decimals=cand.decimals, unit=cand.unit)
