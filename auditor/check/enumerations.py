"""A total written after the parts it adds up, in the sentence that lists them:
人员经费80万元、公用经费20万元，合计100万元 / …调入资金50万元，合计收入总量900万元.

The parts are the amounts listed right before the total, back to where the enumeration opens (a
colon, 其中 / 包括 …, the sentence's start); an amount in parentheses, a figure of another kind
(a change, a rate) or a total of its own ends the run, and the run is not taken then. A share
stated beside a part (人员经费80万元，占80%) belongs to that part."""

from __future__ import annotations

import re

from ..facts.readings import Reading
from .relations import SumRelation
from .store import Builder

# the words right before the total (after the last comma): 合计 / 共计 / 以上合计 …, then its name
_TOTAL_HEAD = re.compile(r"^(?:[两三四五六七八九十]项|以上|上述|各项)?(?:合计|共计|总计)(?:为|是|达)?")
_CLAUSE_MARK = re.compile(r"[，,、；;]")
# an enumeration opens after these: the parts start there
_OPENS = re.compile(r"[:：]|其中|包括|分别为|具体为|构成|如下")
_TOTAL_WORD = re.compile(r"合计|共计|总计|总额|总数|总量|小计")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_LIST_BREAK = re.compile(r"[，,；;：:]")


def trailing_totals(b: Builder, readings: list[Reading]) -> None:
    """Each total after its parts in one sentence's readings (in order): Σ parts = total (FA101)."""
    text = b.rd.text
    for k, t in enumerate(readings):
        if k < 2 or t.kind != "level" or not t.fig.is_amount or t.in_parens:
            continue
        head = _head(text, readings, k)
        # every total word ends in 计: most heads are over at that test
        if "计" not in head or not _TOTAL_HEAD.match(_CLAUSE_MARK.split(head)[-1]):
            continue
        parts = _parts_before(text, readings, k)
        if len(parts) < 2:
            b.skip("total after its parts whose parts are not plain")
            continue
        # the list it closes already sums to it
        if any(isinstance(rel, SumRelation) and rel.result is t.fig for rel in b.relations):
            continue
        figs = [p.fig for p in parts]
        b.add(SumRelation("FA101", t.fig, figs, ["合计", *["部分"] * len(figs)], "合计 = 所列各项之和"))


def _head(text: str, readings: list[Reading], k: int) -> str:
    """The words between the figure before reading k (or the sentence's start) and its figure."""
    end = readings[k].fig.start
    if k > 0:
        return text[readings[k - 1].fig.end : end]
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, end - 200), end)]
    return text[starts[-1] if starts else max(0, end - 200) : end]


def _parts_before(text: str, readings: list[Reading], k: int) -> list[Reading]:
    """The amounts listed before the total at k, first to last, each set off from the next by 、
    alone (an enumeration: 甲10万元、乙20万元); none when what stands before the total is no such
    run (a figure of another kind, an aside in parentheses, a total of its own)."""
    t = readings[k]
    parts: list[Reading] = []
    for j in range(k - 1, -1, -1):
        r = readings[j]
        if r.kind != "level" or not r.fig.is_amount or r.in_parens or r.period != t.period:
            return []
        # the total stated again, not a part
        if r.subject is not None and r.subject == t.subject:
            return []
        head = _head(text, readings, j)
        # 支出总计100万元、…，合计100万元: a total of its own
        if _TOTAL_WORD.search(_CLAUSE_MARK.split(head)[-1]):
            return []
        parts.append(r)
        if j == 0 or _OPENS.search(head) or "、" not in head or _LIST_BREAK.search(_clause_before(head)):
            break
    return parts[::-1]


def _clause_before(head: str) -> str:
    """What stands between the figure before and the 、 that sets this part off."""
    return head[: head.rfind("、")] if "、" in head else head
