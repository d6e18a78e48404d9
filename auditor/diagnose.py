"""Why a relation probably failed: single-edit repairs of each figure involved.

Every figure of a failed relation is edited once in each way a slip happens — another unit
(元/万元/亿元), two adjacent digits swapped, the decimal point moved, one digit changed —
and the relation is judged again. The repairs that make it hold name the culprit and the
cause. Kinds of repair are ranked by how specific they are (a unit slip or a transposition
explains a figure far better than "some digit"), and a cause is named only when one figure
alone is repaired by the best kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Figure, misspellings
from .relations import PartialSumRelation, Relation

RANK = ["unit_slip", "transposed_digits", "misplaced_decimal", "wrong_digit"]


@dataclass(frozen=True)
class Repair:
    index: int  # position in relation.figures
    cause: str
    figure: Figure  # the repaired figure


def repairs(rel: Relation) -> list[Repair]:
    found: list[Repair] = []
    units = [f.unit for f in rel.figures if f.is_amount]
    usual = max(set(units), key=units.count) if units else None
    for i, fig in enumerate(rel.figures):
        for cause, cand in misspellings(fig, usual):
            if rel.judge({i: cand}) == "ok":
                found.append(Repair(i, cause, cand))
    return found


def normalising(fig: Figure, cand: Figure, usual: dict[tuple[str, str], int] | None) -> int:
    """How much an edit brings a figure back to the decimals the report usually writes:
    3369.3 → 336.93 in a report of two-decimal amounts is more likely than 75.00% → 7.500%."""
    if not usual:
        return 0
    want = usual.get((cand.kind, cand.unit))
    if want is None:
        return 0
    return int(fig.decimals != want and fig.value != fig.value.to_integral()) + int(cand.decimals == want) - int(
        cand.decimals != want and cand.value != cand.value.to_integral())


def best_repair(rel: Relation, usual: dict[tuple[str, str], int] | None = None) -> Repair | None:
    """The single most likely repair, or None when the evidence does not single one out."""
    found = repairs(rel)
    for cause in RANK:
        hits = [r for r in found if r.cause == cause]
        culprits = {r.index for r in hits}
        if len(culprits) > 1 and usual and cause == "misplaced_decimal":
            top = max(normalising(rel.figures[r.index], r.figure, usual) for r in hits)
            hits = [r for r in hits if normalising(rel.figures[r.index], r.figure, usual) == top]
            culprits = {r.index for r in hits}
        if len(culprits) == 1:
            # several edits of one figure: keep the smallest change
            return min(hits, key=lambda r: abs(r.figure.value - rel.figures[r.index].value))
        if len(culprits) > 1:
            return None
    return None


def graph_blame(relations: list[Relation], outcomes: dict[int, str],
                usual: dict[tuple[str, str], int] | None = None) -> dict[int, Repair]:
    """Blame over the graph of relations: the single-edit repair of one figure that makes every
    relation that figure takes part in hold, and fixes the most failed ones.

    Returns, for each failed relation (by ``id``), the repair that explains it, when one figure
    alone is singled out. A figure whose repair would break a relation that holds now is not
    blamed (基本支出 60→50 mends a sum but breaks its own stated share of 60%).
    """
    uses: dict[int, list[tuple[Relation, int]]] = {}
    figures: dict[int, Figure] = {}
    for rel in relations:
        if outcomes.get(id(rel)) in (None, "undefined"):
            continue
        for k, fig in enumerate(rel.figures):
            uses.setdefault(id(fig), []).append((rel, k))
            figures[id(fig)] = fig
    # a partial sum (Σ ≤ total) constrains repairs but is never explained by one: any total
    # made large enough "mends" it
    failing = [rel for rel in relations if outcomes.get(id(rel)) == "fail" and not isinstance(rel, PartialSumRelation)]
    suspects = {id(f) for rel in failing for f in rel.figures}
    found: list[tuple[int, int, int, Repair, set[int]]] = []  # (fixed, rank, fig id, repair, fixed rels)
    # the specific kinds of slip first; "some digit" only for relations nothing else explains
    for tier in (RANK[:3], RANK[3:]):
        explained = {r for h in found for r in h[4]}
        if tier is not RANK[:3] and all(id(rel) in explained for rel in failing):
            break
        for fid in suspects:
            fig = figures[fid]
            # judge the failed relations first: most candidate edits are rejected by the first one
            uses[fid].sort(key=lambda use: outcomes[id(use[0])] != "fail")
            units = [f.unit for rel, _ in uses[fid] for f in rel.figures if f.is_amount]
            usual_unit = max(set(units), key=units.count) if units else None
            for cause, cand in misspellings(fig, usual_unit, tuple(tier)):
                fixed: set[int] = set()
                for rel, k in uses[fid]:
                    if rel.judge({k: cand}) not in ("ok", "truncation"):
                        break
                    if outcomes[id(rel)] == "fail":
                        fixed.add(id(rel))
                else:
                    if fixed:
                        found.append((len(fixed), RANK.index(cause), fid, Repair(-1, cause, cand), fixed))
    out: dict[int, Repair] = {}
    for rel in failing:
        hits = [h for h in found if id(rel) in h[4]]
        if not hits:
            continue
        score = lambda h: (h[0], -h[1], normalising(figures[h[2]], h[3].figure, usual)  # noqa: E731
                           if h[3].cause == "misplaced_decimal" else 0)
        best = max(map(score, hits))
        top = [h for h in hits if score(h) == best]
        if len({h[2] for h in top}) != 1:
            continue
        h = min(top, key=lambda h: abs(h[3].figure.value - figures[h[2]].value))
        index = next(k for k, f in enumerate(rel.figures) if id(f) == h[2])
        out[id(rel)] = Repair(index, h[3].cause, h[3].figure)
    return out
