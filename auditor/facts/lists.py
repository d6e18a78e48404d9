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
from .roles import COUNTER, PRIOR_WORDS, SUM_WORD, sentence_readings
from .subjects import Mention, Subject


def inherit_scope(
    lx: Lexicon,
    st: State,
    sn: SentenceState,
    subject: Subject | None,
    whole: bool = False,
    reason: bool = False,
) -> Subject | None:
    """The scope the sentence, or the same concept named before in the paragraph, gave a subject
    named without one; `whole`: named as the account's 合计 / 总计, which a paragraph's earlier
    scope does not narrow (一般公共预算支出25.10亿元…。收入合计48.30亿元，支出合计41.70亿元);
    `reason`: an item of a reason (主要原因是财政拨款收入减少…；支出总计…), whose scope is its own,
    not the sentence's."""
    if subject is None or not subject.known or subject.concept in lx.scopeless:
        return subject
    if subject.scope != "all":
        if not reason:
            sn.scope = sn.scope or subject.scope
    elif sn.scope is not None and subject.concept in INHERITS_SCOPE:
        subject = Subject(subject.concept, sn.scope)
    elif subject.concept in st.scopes and subject.concept in INHERITS_SCOPE and not whole:
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
        level = sn.last_level
        if sn.aside is None and op is not None and level is not None and r.kind in ("level", "count"):
            # every reading is given a subject as it is read (_read_figure), a §-label at the least
            assert level.subject is not None
            sn.aside = new_list(rd, level.subject, level, op[1], op[0], False, level.role, level.period)
            sn.aside_depth = depth
        return sn.aside if sn.aside is not None and depth >= sn.aside_depth else None
    if sn.aside is not None:
        st.subject = sn.aside.parent  # （其中：…）closed: the clause goes on about what opened it
    sn.aside = None
    if op is not None and r.kind in ("level", "count", "change", "rate", "share"):
        kind, word = op
        parent: Subject | None
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
    stated = sentence_readings(rd, sn.last_level.sentence) if sn.last_level is not None else []
    cands = [
        (r, r.subject)
        for r in stated
        if r.kind in ("level", "count")
        and r.subject is not None
        and r.note != "in_completion"
        and not r.per_unit
    ]
    for pr, subject in reversed(cands):
        narrowed = _narrowed(lx, item, pr, sn)
        if sn.lst is not None and pr.list_id == sn.lst.id and not narrowed:
            continue
        if item is None and not subject.known and pr is not sn.last_level:
            continue
        if item is not None and not narrowed and not plausible(lx, item, subject):
            continue
        return subject, main_level(rd, subject, sn)
    if st.subject is not None and st.subject.known and (item is None or plausible(lx, item, st.subject)):
        return st.subject, main_level(rd, st.subject, sn)
    return None, None  # 其中直接办理的来电… after a sentence of several counts: whose part is not said


def _narrowed(lx: Lexicon, item: Subject | None, pr: Reading, sn: SentenceState) -> bool:
    """本年收入480.00万元，占96.00%，包括财政拨款收入450.00万元: an item of the list being read
    broken down in its own clause run, into the same concept in a fund's scope."""
    return (
        pr is sn.last_level
        and item is not None
        and pr.subject is not None
        and item.concept == pr.subject.concept
        and item.scope in lx.funds
        and pr.subject.scope not in lx.funds
    )


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


def last_level_of(rd: Reader, subject: Subject, line_no: int) -> Reading | None:
    """The subject's level stated on this line (…总收入1445.78万元，上年为1346.37万元。情况如下：):
    this year's actual first, else the last one (…预算总额575.48万元，比…降低24.41%。其中：)."""
    last = None
    for r in reversed(rd.readings):
        if r.paragraph != line_no:
            break
        if r.subject == subject and r.kind == "level" and r.note != "in_completion":
            if r.period == "current" and r.role == "actual":
                return r
            last = last or r
    return last


def plausible(lx: Lexicon, item: Subject, parent: Subject) -> bool:
    """An item a list under `parent` may name: a part of it by the identities, the same concept
    in a narrower scope (财政拨款收入 under 收入), or a name the vocabulary does not know."""
    if not item.known or not parent.known:
        return True
    if item.concept == parent.concept:
        # 本年收入 of the total (in:…) broken down by fund, as 收入 of all funds is
        wide = parent.scope in ("all", "fin") or parent.scope.startswith("in:") and item.scope in lx.funds
        return item.scope != parent.scope and wide
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


_SEMICOLON = re.compile(r"[；;]")
_CLAUSE_BREAK = re.compile(r"[，,；;。]")
_COLON_LIST = re.compile(r"^[^，,；;。:：\d]{0,12}[:：]")


def opener(lx: Lexicon, c: str, colon: bool = False) -> tuple[str, str] | None:
    if not colon and ")" not in c and "）" not in c and not lx.rx.any_list.search(c):
        return None  # nothing to mask, and no opener's words: the usual clause
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


def take_item(
    rd: Reader,
    st: State,
    lx: Lexicon,
    sn: SentenceState,
    r: Reading,
    lst: ListBlock,
    subject: Subject,
    h: str,
    c: str,
    fresh: bool,
    explicit_role: bool,
    y: int | None,
) -> None:
    """A figure read while a list is open: one of its items, the total again, or the end of it."""
    if r.per_unit:
        if not lst.multiline and lst is sn.lst:
            sn.lst = None  # 平均每辆2.08万元: the list is over, an average follows it
        return
    if subject == lst.parent or subject.concept == lst.parent.concept and subject.scope == lst.parent.scope:
        if not lst.multiline and lst is sn.lst:
            sn.lst = None
        return
    if lst.kind == "reasons":
        if r.kind == "change" and fresh and plausible(lx, subject, lst.parent):
            add_item(lst, r, subject, "change")
        return
    if r.kind in ("level", "count"):
        if SUM_WORD.search(h) and lst is sn.lst:
            sn.lst = None  # 大型设备共2690台: a total of its own ends the list
            return
        joiner = "、" if "、" in c and not _CLAUSE_BREAK.search(c) else "，"
        if (
            lst is sn.lst
            and not lst.multiline
            and (_SEMICOLON.search(c) or lst.joiner == "、" and joiner == "，")
            and (not lst.parent.known or not subject.known)
        ):
            # a list of names ends at the semicolon, or at the comma after items joined by 、:
            # what follows is another matter
            sn.lst = None
            return
        if r.kind == "count" and lst.parent_reading is not None and lst.parent_reading.kind == "count":
            if (
                counter_of(rd, r)
                and counter_of(rd, lst.parent_reading)
                and counter_of(rd, r) != counter_of(rd, lst.parent_reading)
            ):
                return  # 编制14个，其中局长1人: people are not posts
            inside, outside = lx.establishment
            if inside.search(lst.parent.concept) and outside.search(subject.concept):
                # 在编50人，其中…，临聘人员4人: staff beside the establishment, not in it
                if lst is sn.lst:
                    sn.lst = None
                return
        if (
            not subject.known
            and not lst.parent.known
            and restates(subject.concept, lst.parent.concept)
            and lst is sn.lst
        ):
            sn.lst = None  # 实际项目资金实施了…: the total again, not a part
            return
        if fresh and not lst.parent.known and subject.known and not subject.scope.startswith("in:"):
            # 机构运行1100910.5元，其中：基本支出1100910.5元，项目支出0元: the item's own 基本支出,
            # under something the vocabulary does not know, not the department's
            subject = r.subject = st.subject = Subject(subject.concept, f"in:{lst.parent.concept}")
        if fresh and plausible(lx, subject, lst.parent) and (lst.item_kind in (None, r.kind)):
            if explicit_role and (r.role in BUDGET_ROLES) != (lst.role in BUDGET_ROLES):
                # 预算为54万元，其中：…支出决算12万元: a budget's part called an actual; which is not said
                r.note = "role?"
                rd.skip("list item whose role words contradict its total's")
                if lst.parent.concept in _SPLIT_TOTALS and subject.known and subject.scope == "all":
                    # still 项目支出's own 商品和服务支出, whichever its role: not 基本支出's
                    r.subject = st.subject = Subject(subject.concept, f"in:{lst.parent.concept}")
                return
            if not explicit_role:
                r.role = lst.role
            if y is None and not PRIOR_WORDS.search(h) and r.note != "this_year":
                r.period = lst.period
            if lst.items and lst.joiner is None:
                lst.joiner = joiner
            add_item(lst, r, subject, r.kind)
        elif (
            fresh
            and lst.parent.known
            and not lx.parts_of.get(lst.parent.concept)
            and lst.item_kind in (None, r.kind)
        ):
            # 机关运行经费…其中：办公费…，公务接待费…: a part of a total the vocabulary does not break
            # down; its own 公务接待费, not the 三公 one
            r.subject = Subject(subject.concept, f"in:{lst.parent.concept}")
            st.subject = r.subject
            add_item(lst, r, r.subject, r.kind)
        elif fresh and not lst.multiline and lst is sn.lst and lst.item_kind == r.kind:
            sn.lst = None  # a figure of something else ends the list
    elif subject in lst.items and r.kind in ("change", "rate", "share"):
        r.list_id = lst.id


def in_section(lx: Lexicon, st: State, sn: SentenceState, subject: Subject | None) -> Subject | None:
    """二、一般公共预算财政拨款支出决算情况 … 本年支出800万元: the heading's scope, when the sentence
    names none of its own."""
    if (
        subject is None
        or not subject.known
        or subject.scope != "all"
        or sn.scope is not None
        or st.section_scope is None
        or subject.concept in lx.scopeless
    ):
        return subject
    return Subject(subject.concept, st.section_scope)


_SPLIT_TOTALS = ("basic", "project")  # totals each with their own economic classes


def part_of_share_base(st: State, sn: SentenceState, base: Subject) -> None:
    """商品和服务支出预算165247.88元，占基本支出预算18.76%: the amount is 基本支出's own part (项目支出
    has its own 商品和服务支出), so it is scoped to the base its share names."""
    prev = sn.prev
    if (
        base.concept in _SPLIT_TOTALS
        and prev is not None
        and prev.kind == "level"
        and prev.subject is not None
        and prev.subject.known
        and prev.subject == st.subject
        and not prev.subject.scope.startswith("in:")
        and prev.subject.concept not in _SPLIT_TOTALS
        and prev.list_id is None  # an item of a list already has the list's total
    ):
        prev.subject = st.subject = Subject(prev.subject.concept, f"in:{base.concept}")
