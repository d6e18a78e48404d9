"""Across years, the check: a report's prior-year figures against the previous year's report.

A prior figure (``facts.years.Prior``) is consistent when its interval (rounding, by interval
arithmetic) meets the interval of some figure the earlier report states for the same concept
and scope (written truncated counts as consistent too). A concept the earlier report does not
state is not checked. ``explain.years`` words each mismatch as a finding (FA901 implied, FA902
stated) citing figures of both documents; prior-year figures are often restated for a change of
scope (口径调整), so these findings are warnings.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.intervals import Interval
from ..facts.years import Prior, Stated, YearFacts


def mismatches(later: YearFacts, earlier: YearFacts) -> list[tuple[Prior, Stated]]:
    """Each prior-year figure of `later` that no figure of `earlier` for its concept and scope can
    be, with the first such figure of `earlier` (one per value)."""
    stated: dict[tuple[str, str], list[Stated]] = {}
    for s in earlier.stated:
        stated.setdefault((s.concept, s.scope), []).append(s)
    out = []
    seen: set[tuple[str, str, Decimal, Decimal]] = set()
    for p in later.prior:
        candidates = stated.get((p.concept, p.scope))
        if not candidates:
            continue
        implied, loose = Interval(p.lo, p.hi), Interval(p.loose_lo, p.loose_hi)
        if any(implied.meets(Interval(c.lo, c.hi)) for c in candidates):
            continue
        if any(loose.meets(Interval(c.loose_lo, c.loose_hi)) for c in candidates):
            continue  # consistent if one of them was truncated rather than rounded
        key = (p.concept, p.scope, p.lo, p.hi)
        if key in seen:
            continue
        seen.add(key)
        out.append((p, candidates[0]))
    return out
