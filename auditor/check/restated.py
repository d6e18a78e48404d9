"""A change or a rate of one quantity stated in two places (the overview and the detail, the
prose and its comparison table): the same size, in the same direction (FA802)."""

from __future__ import annotations

from ..core.lexicon import lexicon
from ..facts.readings import Reading
from .relations import RestatedRelation
from .store import Builder

_NAMES = {"change": "变动额", "rate": "变动率"}


def restated_changes(b: Builder) -> None:
    groups: dict[tuple[str, str, str, str], list[tuple[int, Reading]]] = {}
    reasons = {lst.id for lst in b.rd.lists if lst.kind == "reasons"}
    for r in b.rd.readings:
        # 主要原因：…新增某项目，项目经费支出增加Y: the items of a reason name what changed
        # loosely (some project's spending, not the department's), so they are not compared
        key = _quantity(r) if r.list_id not in reasons else None
        way = direction(r) if key is not None else None
        if key is not None and way is not None:
            groups.setdefault(key, []).append((way, r))
    names = lexicon().name_of
    differ: set[tuple[str, str, str]] = set()
    # changes before rates: a change stated twice differently is one slip, its rates follow it
    for (concept, scope, base, kind), stated in sorted(groups.items(), key=lambda g: g[0][3] != "change"):
        if kind == "rate" and (concept, scope, base) in differ:
            continue
        first_way, first = stated[0]
        for way, r in stated[1:]:
            # within one paragraph a second change is more often a part's or a narrower
            # scope's (其中…安排的三公经费…增长) than the same one again
            if r.paragraph == first.paragraph or way != first_way or _under_other_totals(b, first, r):
                continue
            name = _NAMES[kind]
            said = names.get(concept, concept.removeprefix("label:"))
            rel = RestatedRelation("FA802", r.fig, [first.fig], [name, name], f"{said}的{name}")
            b.add(rel)
            if rel.judge() == "fail":
                differ.add((concept, scope, base))


def _under_other_totals(b: Builder, a: Reading, c: Reading) -> bool:
    """基本支出…具体为：工资福利支出增加X and 项目支出…具体为：工资福利支出增加Y: parts of two
    totals, each its own quantity though the vocabulary names them alike."""
    if a.list_id is None or c.list_id is None:
        return False
    return b.rd.lists[a.list_id].parent != b.rd.lists[c.list_id].parent


def _quantity(r: Reading) -> tuple[str, str, str, str] | None:
    """(concept, scope, base, kind) of a change amount or a rate of a known quantity this year,
    stated outright; None for any other reading."""
    if r.kind == "change" and not r.fig.is_amount or r.kind == "rate" and not r.fig.is_percent:
        return None
    if r.kind not in _NAMES or r.subject is None or not r.subject.known or r.base is None:
        return None
    if r.period != "current" or r.role != "actual" or r.note in ("aside", "role?") or r.in_parens:
        return None
    return (r.subject.concept, r.subject.scope, r.base, r.kind)


def direction(r: Reading) -> int | None:
    """+1 a rise, -1 a fall, 0 none; None when the words and the sign leave it open (下降-5%)."""
    value = r.fig.value
    if value == 0:
        return 0
    if r.note == "table":
        # a table's change column is signed
        return 1 if value > 0 else -1
    if r.sign is None:
        return None
    if value < 0:
        # 增长-5% is a fall; 下降-5% is read both ways
        return -1 if r.sign == 1 else None
    return r.sign
