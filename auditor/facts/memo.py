"""Memos of what a string of words says (the concepts it mentions, the name it leaves, the role
its words give): pure functions of the words, kept across documents because headings and labels
recur from report to report. `forget` empties them all, so that a benchmark can time a text as
if read for the first time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# entries a memo holds before it starts again (a corpus of any size stays in bounded memory)
LIMIT = 50_000
_MEMOS: list[dict[Any, Any]] = []


def memo() -> dict[Any, Any]:
    """A new memo, emptied with the others by `forget`."""
    d: dict[Any, Any] = {}
    _MEMOS.append(d)
    return d


def remember(d: dict[Any, Any], key: Any, make: Callable[[], Any]) -> Any:
    """d[key], made by `make` the first time it is asked; a memo past LIMIT starts again."""
    got = d.get(key)
    if got is None:
        if len(d) > LIMIT:
            d.clear()
        got = d[key] = make()
    return got


def forget() -> None:
    for d in _MEMOS:
        d.clear()
