"""Counters of the work the engine does, so that a test bounds it by counting, never by timing.

    from auditor.core import work
    work.reset(budget=None)        # zero the counters (budget: stop once a counter exceeds it)
    auditor.audit_text(text)
    work.counts()                  # {"judged": 1234}

``judged``: every time a relation is judged (``check.relations.Relation.judge`` and its
overrides), whether stated in the document or tried as a candidate (a wrong base, a repair).
A near-linear engine judges a bounded number of relations per figure, whatever the length of
a paragraph (issue 12: a paragraph of thousands of parts with shares once took quadratic time
and memory). ``tests/test_work_bound.py`` holds the engine to it on a generated 5 MB worst case;
with a budget, the count stops a runaway audit at once (``WorkBudgetExceeded``).
"""

from __future__ import annotations

_counts: dict[str, int] = {}
_budget: list[int | None] = [None]


class WorkBudgetExceeded(BaseException):
    """A counter went past the budget a test set: the engine does more work than it may."""


def tick(kind: str, n: int = 1) -> None:
    """Count `n` units of work of a kind (the engine calls it; cheap)."""
    count = _counts[kind] = _counts.get(kind, 0) + n
    budget = _budget[0]
    if budget is not None and count > budget:
        raise WorkBudgetExceeded(f"{kind}: {count} > budget {budget}")


def counts() -> dict[str, int]:
    """The counters since the last ``reset``."""
    return dict(_counts)


def reset(budget: int | None = None) -> None:
    """Zero the counters; with `budget`, ``tick`` raises WorkBudgetExceeded past it."""
    _counts.clear()
    _budget[0] = budget
