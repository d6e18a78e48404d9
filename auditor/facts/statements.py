"""Statements: each figure bound to a subject (concept, scope, period) by its role, the way an
auditor reads a clause.

A figure's role comes from the words right before it (roles.py). Its subject is the concept
named in its head, else the one named earlier in the clause run, else the subject carried over
from the clauses and sentences before, until another is named; a new paragraph starts from the
section's subject (named by its heading). A level figure whose head names something the
vocabulary does not know is bound to that name, never to the subject carried over. A list's
items are parts of its parent (lists.py). What cannot be decided is not guessed: the figure is
left unbound and the reason counted (`Reader.skipped`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from ..core.lexicon import Lexicon, lexicon, strip_marks
from ..parse.discourse import MARKER, after_closed_paren, budget_title, mask_parens, paren_depths
from ..parse.discourse import level as marker_level
from ..parse.figures import Figure
from .lines import enter_heading, line_list, topic_sentence
from .lists import (
    in_section,
    inherit_scope,
    last_level_of,
    list_for,
    main_level,
    new_list,
    opener,
    part_of_share_base,
    take_item,
)
from .readings import ListBlock, Reader, Reading, SentenceState, State
from .respective import respective, runs_of
from .roles import (
    COUNTER,
    SUM_WORD,
    THIS_ITEM,
    base_named,
    classify,
    comparison,
    mislabelled,
    names_base,
    period_of,
    period_of_figure,
    prior_or_news,
    sentence_readings,
    stated_year,
    unbracket,
)
from .subjects import (
    Subject,
    before_open_paren,
    changed_name,
    in_no_aside,
    mentions,
    named_sum,
    names_more,
    project_subject,
    qualifier,
    residue,
)

_BOUNDARY = re.compile(r"[，,；;：:]")
# cells set apart by pipes or tabs: a table's row (parse/texttables.py reads it, or check/tables/)
_TABLE_ROW = re.compile(r"\|[^|\n]*\||\t\S[^\n]*\t")
# a figure alone on its line: a table's cell, one per line (a figure and its unit broken over two
# lines were joined before reading)
_CELL_LINE = re.compile(r"^[\s|]*[-+]?[\d,.]+\s*(?:万元|亿元|元|%)?[\s|]*$")
_CONTINUES = re.compile(r"^\s*(?:与|比|较|同|对比|相比|其中|该项|此项|本项|分项|另|此外|另外|但|而)")
# a change measured on another basis than the figures stated (without a part, comparable terms)
_OTHER_BASIS = re.compile(r"剔除|扣除|可比口径")
_WHOLE = re.compile(r"合计|总计")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_ENDS_WITH_COLON = re.compile(r"[:：]\s*[。]?\s*$")
# 基本持平: roughly the same, no claim of equality
_ROUGHLY = re.compile(r"基本|大体|大致|略|约|接近")
_EXAMPLE = re.compile(r"例如|比如|譬如|诸如")
# 平均每辆2.08万元 / 人均公用经费 / 生均: an amount per car, head or pupil, no part of any total
_PER_UNIT = re.compile(r"平均|[人车户生亩]均|单车|每(?:辆|人|台|次|批|户|名|个|件|套)")


def read(
    text: str, figures: list[Figure], year: int | None, project_at: Callable[[int], str] | None = None
) -> Reader:
    """`project_at(offset)`: the title of the project appendix an offset stands in, or ""."""
    lx = lexicon()
    rd = Reader(text, figures, year, budget_document=budget_title(text))
    rd.project_at = project_at or (lambda pos: "")
    starts = [f.start for f in figures]
    st = State()
    sent_no = -1
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue  # blank lines between the items of a list do not end it
        if ("|" in line or "\t" in line) and _TABLE_ROW.search(line) or _CELL_LINE.match(line):
            rd.skip("a table row: read as a table, not as prose")
            continue
        active = line_list(st, line, lx)
        st.scopes = {}
        mark = MARKER.match(line)
        if active is not None:
            st.compare_line = line_no  # the items of a list go on comparing with what its line named
        elif _CONTINUES.match(line[mark.end() :] if mark else line):
            if st.compare_line == line_no - 1:
                st.compare_line = line_no  # 分项看：… goes on with the comparison the line above named
        else:
            st.subject = st.section_subject
        enter_heading(st, lx, line, mark)
        for sm in _SENTENCE.finditer(line):
            sent_no += 1
            s0, s1 = line_start + sm.start(), line_start + sm.end()
            lo = bisect_right(starts, s0 - 1)
            hi = bisect_right(starts, s1 - 1)
            # no figure to read, no list opened for the lines after it: a short one's topic at most
            if lo == hi and not text[s0:s1].rstrip().rstrip("。").endswith((":", "：")):
                topic_sentence(st, lx, text[s0:s1])
                continue
            had = len(active.items) if active is not None else 0
            active = _read_sentence(rd, st, lx, s0, s1, range(lo, hi), sent_no, line_no, line, active)
            if active is not None and len(active.items) - had >= 2 and sm.group().endswith("。"):
                # 其中：⏎ 货物…、工程…、服务…。授予中小企业…: the items came in one sentence, and it ended
                st.pending = [(lst, at) for lst, at in st.pending if lst is not active]
                active = None
    return rd


def _read_sentence(
    rd: Reader,
    st: State,
    lx: Lexicon,
    s0: int,
    s1: int,
    idx: range,
    sent_no: int,
    line_no: int,
    line: str,
    active: ListBlock | None,
) -> ListBlock | None:
    t = rd.text
    figs = rd.figures
    kinds = [figs[i].kind for i in idx]
    if all(k in ("year", "date") for k in kinds):
        topic_sentence(st, lx, t[s0:s1])
    wanted = [i for i, k in zip(idx, kinds) if k not in ("year", "date", "unreadable")]
    if not wanted and not t[s0:s1].rstrip().rstrip("。").endswith((":", "：")):
        return active  # no figure to read, no list opened for the lines after it
    sn = SentenceState(lst=active)
    read_before = len(rd.readings)
    if len(wanted) > 1:
        sn.runs = runs_of(t, figs, wanted)
    span = t[s0:s1]
    depths = paren_depths(t, s0, s1, [figs[i].start for i in wanted]) if "(" in span or "（" in span else {}
    prev_end = s0
    at_line_start = s0 == 0 or t[s0 - 1] == "\n"
    for i in wanted:
        f = figs[i]
        counter = COUNTER.match(t[f.end : f.end + 4]) if f.kind == "number" else None
        counted = counter is not None
        if f.kind == "number" and not counter:
            if not (
                sn.prev is not None
                and sn.prev.kind == "count"
                and f.decimals == 0
                and t[f.end : f.end + 1] in "(（"
            ):
                continue
            counted = True  # 临床科室30（住院病区40个）: a count among counts
        raw = after_closed_paren(t[prev_end : f.start])
        first = prev_end == s0
        prev_end = f.end
        depth = depths.get(f.start, 0)
        head_raw = _BOUNDARY.split(raw)[-1]
        h = strip_marks(MARKER.sub("", head_raw, count=1) if first and at_line_start else head_raw)
        c = strip_marks(MARKER.sub("", raw, count=1) if first and at_line_start else raw)
        if ")" in c:
            h, c = unbracket(lx, h), unbracket(lx, c)
        r = Reading(i, f, "ignored", sentence=sent_no, paragraph=line_no, in_parens=depth > 0)
        if sn.runs.get(i, (0, 1))[0] > 0 and sn.prev is not None and sn.prev.index in sn.runs:
            # 分别减少0.18亿元和0.56亿元: the words before the first of a run say what each one is
            p = sn.prev
            r.kind, r.role, r.sign, r.base, r.share_base = p.kind, p.role, p.sign, p.base, p.share_base
            explicit_role = True
        else:
            explicit_role = classify(lx, r, h, f, counted, sn.prev)
        if r.kind == "ignored":
            rd.skip("a percentage whose role the words do not say")
            continue
        if r.kind == "prior_level" and r.base is not None and r.base.startswith("y"):
            r.base = period_of(int(r.base[1:]), rd.year)  # 比2018年决算数… in a 2019 report: last year's
        _read_figure(rd, st, lx, sn, r, h, c, depth, explicit_role, line_no, line, first and at_line_start)
        rd.readings.append(r)
        sn.prev = r
        if r.kind in ("level", "count") and depth == 0:
            sn.last_level = r
    if sn.lst is not None and sn.lst is not active and sn.lst.items:
        st.subject = sn.lst.parent
    # a list opened at the end of the sentence, items on the next lines
    tail = t[prev_end:s1].rstrip().rstrip("。")
    op = opener(lx, strip_marks(tail)) if tail.endswith((":", "：")) else None
    if op is not None and _ENDS_WITH_COLON.search(t[prev_end:s1]) and st.subject is not None:
        kind, word = op
        # the total this list breaks down: this year's actual, else the subject's last level on
        # the line (2011年预算总额575.48万元…。其中：⏎因公出国(境)费303万元: budgets of 2011)
        pr = main_level(rd, st.subject, sn) or last_level_of(rd, st.subject, line_no)
        lst = new_list(
            rd,
            st.subject,
            pr,
            word,
            "partial" if kind == "complete" else kind,
            True,
            pr.role if pr else "actual",
            pr.period if pr else "current",
        )
        st.pending.append((lst, marker_level(line)))
    if len(rd.readings) > read_before:
        for m in lx.rx.unchanged.finditer(t, s0, s1):
            if not _ROUGHLY.search(m.group()):
                rd.unchanged.append((sent_no, m.start(), base_named(lx, m.group("what"))))
        readings = sentence_readings(rd, sent_no)
        mislabelled(rd, readings, s0, s1)
        prior_or_news(readings)
    return active


def _read_figure(
    rd: Reader,
    st: State,
    lx: Lexicon,
    sn: SentenceState,
    r: Reading,
    h: str,
    c: str,
    depth: int,
    explicit_role: bool,
    line_no: int,
    line: str,
    opens_line: bool,
) -> None:
    sn.parens(st, depth)
    # the base of changes named in this clause run, carried over the line
    cmp_base = comparison(lx, c, rd.year)
    if cmp_base is not None:
        st.compare, st.compare_line = cmp_base, line_no
    if r.kind in ("prior_level", "level") and r.base is not None:
        # 比2018年决算数232.11万元增加… / 比年初预算数100万元增加…: the base named
        st.compare, st.compare_line = r.base, line_no
    if r.kind in ("change", "rate") and r.base is None:
        r.base = cmp_base or (st.compare if st.compare_line == line_no else None)
    if r.kind in ("change", "rate") and r.sign is None and r.fig.value == 0:
        r.sign = 1  # 增加（减少）0万元: no change, whichever the word
    km = lx.rx.scope_basis.search(c) if "口径" in c else None
    if km:
        sn.scope = lx.scope_of[km.group(1)]
    # the period: a year named in the clause run (not as a comparison base), or 上年
    y = stated_year(c, lx)
    if y is not None:
        sn.period = period_of(y, rd.year)
    op = opener(lx, c, colon=sn.prev is not None and sn.prev is sn.last_level)
    if "分别" in c:
        sn.respective = respective(rd, lx, sn, r, c)
        if op is not None and op[1].startswith("分别") and sn.respective is not None:
            # 基本支出和项目支出分别为100万元和50万元: 分别为 hands out figures, it opens no list
            op = opener(lx, c[: c.rfind("分别")])
    parent_named: Subject | None = None
    if op is not None:
        k = mask_parens(c).rfind(op[1])
        before_ms = mentions(lx, c[:k], st.subject, bare_opening=True)
        parent_named = before_ms[-1].subject if before_ms and before_ms[-1].end >= k - 6 else None
        parent_named = in_section(lx, st, sn, inherit_scope(lx, st, sn, parent_named))
        cut = k + len(op[1])
        if cut > len(c) - len(h):
            h = c[cut:]
        c = c[cut:]
    ctx_named = mentions(lx, c[: len(c) - len(h)]) if len(c) > len(h) else []
    in_head = mentions(lx, h, st.subject, bare_opening=not ctx_named)
    named = in_head
    # what the head names besides known words: asked only when no concept is named in it
    res = residue(lx, h) if r.kind in ("level", "count") and not in_head else None
    if not in_head and not res:
        # 占基本支出预算%，同比增加…: a concept named as a share's base is not what follows is of
        named = [
            m
            for m in in_no_aside(c, mentions(lx, c, st.subject, bare_opening=True))
            if r.kind == "share" or not c[: m.start].endswith("占")
        ]
    if r.kind == "share" and named and names_base(h if in_head else c, named[-1]):
        r.share_base = named[-1].subject  # 占三公经费支出比重的52.78%: the concept named is the base
        where = h if in_head else c
        r.vague_base = where[named[-1].start : named[-1].end] in lx.vague
        named = named[:-1]
        part_of_share_base(st, sn, r.share_base)
    # lists: inside parentheses, opened in this clause run, or carried over the lines
    lst = list_for(rd, st, lx, sn, r, named, op, depth, parent_named)
    # the subject
    cand = named[-1] if named else None
    if cand is not None and cand.weak:
        if not (
            lst is not None and lst.parent.known and lx.is_part(cand.subject.concept, lst.parent.concept)
        ):
            cand = None
    subject: Subject | None = None
    fresh = False
    summed = named_sum(lx, h, in_head) if r.kind == "level" else None
    place, run = sn.runs.get(r.index, (0, 1))
    if r.kind in ("change", "rate") and _OTHER_BASIS.search(c):
        # 剔除车辆购置费后，按可比口径下降1%: a change of another quantity than any stated
        subject, fresh = Subject("label:" + c), True
    elif sn.respective is not None and run == len(sn.respective):
        # 由购置费0.14亿元和运行费1.27亿元构成，分别减少0.18亿元和0.56亿元: each to its own, in order
        subject, fresh = sn.respective[place], True
        rd.labels[r.fig.start] = lx.name_of.get(subject.concept, "")
    elif summed is not None:
        # 本年支出合计与年末结转和结余共计2210000元: the sum of two quantities named, not a third
        subject, fresh = summed, True
        r.sum_of = (in_head[-2].subject, in_head[-1].subject)
    elif cand is not None:
        subject, fresh = cand.subject, True
        where = h if in_head else c
        if names_more(lx, where[cand.end :]):
            # 一般公共服务支出(类)…行政运行(项)：the concept names only the class of what is counted
            subject = Subject("label:" + where[cand.start :])
        elif subject.concept == "project_funds":
            subject = project_subject(rd.project_at(r.fig.start), where, cand)
        else:
            q = qualifier(lx, where, cand) if in_head else ""
            if q and subject.concept in lx.scopeless:
                subject = Subject(subject.concept, "q:" + q)
            elif q:
                subject = Subject("label:" + where[cand.start - len(q) if cand.start >= len(q) else 0 :])
    elif r.kind == "level" and SUM_WORD.fullmatch(h):
        # 人员经费…、公用经费…，合计100万元: the sum of what was listed, not the last part again
        subject, fresh = Subject(f"label:§{r.sentence}合计"), True
    elif THIS_ITEM.search(c) and st.section_subject is not None:
        subject, fresh = st.section_subject, True
    elif r.kind in ("level", "count"):
        if res is None:
            res = residue(lx, h)
        res = res or (residue(lx, before_open_paren(c)) if depth > 0 else "")
        if res:
            subject, fresh = Subject("label:" + res), True
    elif r.kind in ("change", "rate") and (res := changed_name(lx, h)):
        # 债务还本支出比上年增加100万元 after a total: the change of what its clause names, even
        # unknown, not of the subject carried over
        subject, fresh = Subject("label:" + res), True
    if subject is None:
        subject = st.subject
    if subject is None:
        # 预算资金100.72万元，实际执行99.96万元，执行率99.9%: what the sentence speaks of, unnamed
        subject, fresh = Subject(f"label:§{r.sentence}"), True
    # scope carried over within the sentence, and to the same concept named again in the paragraph
    if fresh:
        whole = cand is not None and _WHOLE.search((h if in_head else c)[cand.start : cand.end]) is not None
        subject = inherit_scope(lx, st, sn, subject, whole, lst is not None and lst.kind == "reasons")
    if (
        sn.foreign
        and fresh
        and subject is not None
        and subject.known
        and st.subject is not None
        and subject != st.subject
    ):
        subject = Subject(subject.concept, f"in:{st.subject.concept}")
    if (
        lst is not None
        and subject is not None
        and subject.known
        and subject.scope == "all"
        and lst.parent.known
        and lst.parent.scope != "all"
        and subject.concept not in lx.own_scope
        and subject.concept not in lx.scopeless
        and fresh
        and subject != lst.parent
    ):
        subject = Subject(subject.concept, lst.parent.scope)
    if fresh:
        subject = in_section(lx, st, sn, subject)
    if _EXAMPLE.search(c):
        sn.example = True
    if sn.example and subject is not None and subject.known:
        # 例如国税系统2014年会议费为3.5亿元: one member's figure, a quantity of its own
        subject = Subject(subject.concept, f"eg:{r.sentence}")
    if r.kind == "level" and _PER_UNIT.search(h):
        r.per_unit, fresh = True, True
        subject = Subject("label:" + h.strip())
    r.subject = subject
    if fresh and subject is not None and r.kind != "share":
        st.subject = subject
    if opens_line and MARKER.match(line) and subject is not None and subject.known:
        st.section_subject = subject
    period_of_figure(lx, st, sn, r, h, y, rd.year, line_no)
    if lst is not None and subject is not None:
        take_item(rd, st, lx, sn, r, lst, subject, h, c, fresh, explicit_role, y)
