"""Lists: the parts of a subject named after 其中 / 分项为 / 构成为 …, inside parentheses
(（其中：…）), or on the lines after an opener that ends a line. A list's parent is the subject
named right before the opener, else the last level figure whose concept the first item is a
part of; its items inherit its role, period and scope. An item must be a plausible part of the
parent (rules/reading.toml's identities and [parts]); a figure of something else ends the list.
"""

from __future__ import annotations

import re

from ..core.lexicon import Lexicon
from ..parse.discourse import mask_parens
from .readings import ListBlock, Reader, Reading, SentenceState, State
from .roles import COUNTER
from .subjects import Mention, Subject


def inherit_scope(lx: Lexicon, st: State, sn: SentenceState, subject: Subject | None) -> Subject | None:
    if subject is None or not subject.known or subject.concept in lx.scopeless:
        return subject
    if subject.scope != "all":
        sn.scope = sn.scope or subject.scope
    elif sn.scope is not None and subject.concept in INHERITS_SCOPE:
        subject = Subject(subject.concept, sn.scope)
    elif subject.concept in st.scopes and subject.concept in INHERITS_SCOPE:
        subject = Subject(subject.concept, st.scopes[subject.concept])
    st.scopes[subject.concept] = subject.scope
    return subject


def restates(item: str, parent: str) -> bool:
    a, b = item.removeprefix("label:"), parent.removeprefix("label:")
    return any(b[k : k + 4] in a for k in range(len(b) - 3))


def counter_of(rd: Reader, r: Reading) -> str | None:
    m = COUNTER.match(rd.text[r.fig.end : r.fig.end + 4])
    return m.group(1) if m else None


def list_for(
    rd: Reader,
    st: State,
    lx: Lexicon,
    sn: SentenceState,
    r: Reading,
    named: list[Mention],
    op: tuple[str, str] | None,
    depth: int,
    parent_named: Subject | None,
) -> ListBlock | None:
    item = named[-1].subject if named else None
    if depth > 0:
        if sn.aside is None and op is not None and sn.last_level is not None and r.kind in ("level", "count"):
            parent = sn.last_level
            sn.aside = new_list(rd, parent.subject, parent, op[1], op[0], False, parent.role, parent.period)
            sn.aside_depth = depth
        return sn.aside if sn.aside is not None and depth >= sn.aside_depth else None
    if sn.aside is not None:
        st.subject = sn.aside.parent  # （其中：…）closed: the clause goes on about what opened it
    sn.aside = None
    if op is not None and r.kind in ("level", "count", "change", "rate", "share"):
        kind, word = op
        if sn.lst is not None and not sn.lst.multiline and kind == "complete" and sn.lst.kind == "complete":
            parent, pr = sn.lst.parent, sn.lst.parent_reading  # 从功能分类看…；从经济分类看…: a sibling list
        else:
            parent, pr = list_parent(rd, st, lx, sn, item, kind, parent_named)
        if parent is None and item is not None and item.known and st.subject is not None and st.subject.known:
            sn.foreign = (
                True  # 主要用于基本支出… under a class: the class's own 基本支出, not the department's
            )
        if parent is not None and parent != item:
            role = pr.role if pr is not None else (r.role if r.kind == "level" else "actual")
            period = pr.period if pr is not None else (sn.period or "current")
            sn.lst = new_list(rd, parent, pr, word, kind, False, role, period)
    return sn.lst


def list_parent(
    rd: Reader,
    st: State,
    lx: Lexicon,
    sn: SentenceState,
    item: Subject | None,
    kind: str,
    named: Subject | None,
) -> tuple[Subject | None, Reading | None]:
    """Whose parts a list lists: the subject named right before the opener (项目支出包括…), else
    the last level figure of the sentence whose concept the first item is a part of (never an
    item of the list being read), else the subject carried over (分项来看：… after the total)."""
    if kind == "reasons":
        pr = sn.prev if sn.prev is not None and sn.prev.kind in ("change", "rate") else None
        subj = pr.subject if pr is not None else st.subject
        return subj, None
    if named is not None:
        return named, main_level(rd, named, sn)
    cands = [
        r
        for r in rd.readings
        if r.sentence == (sn.last_level.sentence if sn.last_level else -1)
        and r.kind in ("level", "count")
        and r.subject is not None
        and r.note != "in_completion"
    ]
    for pr in reversed(cands):
        if sn.lst is not None and pr.list_id == sn.lst.id:
            continue
        if item is None and not pr.subject.known and pr is not sn.last_level:
            continue
        if item is not None and not plausible(lx, item, pr.subject):
            continue
        return pr.subject, main_level(rd, pr.subject, sn)
    if st.subject is not None and st.subject.known and (item is None or plausible(lx, item, st.subject)):
        return st.subject, main_level(rd, st.subject, sn)
    return None, None  # 其中直接办理的来电… after a sentence of several counts: whose part is not said


def main_level(rd: Reader, subject: Subject, sn: SentenceState) -> Reading | None:
    """The figure a list's total is: the subject's level this year, as spent, in this sentence."""
    best = None
    sent = sn.last_level.sentence if sn.last_level is not None else None
    for r in reversed(rd.readings):
        if r.sentence != sent:
            break
        if (
            r.subject == subject
            and r.kind in ("level", "count")
            and r.note != "in_completion"
            and r.period == "current"
        ):
            if best is None or best.role != "actual" and r.role == "actual":
                best = r
    return best


def plausible(lx: Lexicon, item: Subject, parent: Subject) -> bool:
    """An item a list under `parent` may name: a part of it by the identities, the same concept
    in a narrower scope (财政拨款收入 under 收入), or a name the vocabulary does not know."""
    if not item.known or not parent.known:
        return True
    if item.concept == parent.concept:
        return item.scope != parent.scope and parent.scope in ("all", "fin")
    if parent.concept == "income_year" and item.concept == "income_year":
        return True
    return lx.is_part(item.concept, parent.concept)


BUDGET_ROLES = ("budget", "budget_initial", "budget_adjusted")
INHERITS_SCOPE = {
    "income_total",
    "expense_total",
    "both_totals",
    "income_year",
    "expense_year",
    "carry_in",
    "carry_out",
    "basic",
    "project",
    "personnel",
    "public_use",
}


def new_list(
    rd: Reader,
    parent: Subject,
    pr: Reading | None,
    opener: str,
    kind: str,
    multiline: bool,
    role: str,
    period: str,
) -> ListBlock:
    lst = ListBlock(len(rd.lists), parent, period, role, opener, kind, multiline, pr)
    if rd.readings and rd.readings[-1].subject == parent and rd.readings[-1].kind in ("level", "count"):
        lst.head_reading = rd.readings[-1]
        if pr is None:
            lst.period = rd.readings[-1].period
    rd.lists.append(lst)
    return lst


def add_item(lst: ListBlock, r: Reading, subject: Subject, kind: str) -> None:
    lst.item_kind = lst.item_kind or kind
    if subject not in lst.items:
        lst.items.append(subject)
    r.list_id = lst.id


_COLON_LIST = re.compile(r"^[^，,；;。:：\d]{0,12}[:：]")


def opener(lx: Lexicon, c: str, colon: bool = False) -> tuple[str, str] | None:
    c = mask_parens(c)
    m = _COLON_LIST.match(c) if colon else None
    if m and not lx.complete_list.search(c) and not lx.partial_list.search(c):
        return ("partial", m.group()[-1])
    best = None
    for kind, rx in (
        ("complete", lx.complete_list),
        ("partial", lx.partial_list),
        ("reasons", lx.reason_list),
    ):
        for m in rx.finditer(c):
            if best is None or m.start() > best[2] or m.start() == best[2] and len(m.group()) > len(best[1]):
                best = (kind, m.group(), m.start())
    return (best[0], best[1]) if best else None
