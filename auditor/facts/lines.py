"""What a line does to the reading: a numbered heading names the subject of the paragraphs under
it; a line goes on with a list opened at the end of a line above while it reads as one of its
items (a new part named at its start, no numbering as high as the opening line's)."""

from __future__ import annotations

import re

from ..core.lexicon import Lexicon, strip_marks
from ..parse.discourse import MARKER, level_of
from ..parse.discourse import level as marker_level
from .lists import in_section, inherit_scope
from .readings import ListBlock, SentenceState, State
from .roles import THIS_ITEM
from .subjects import YEAR, Subject, mentions

_HEADING_LINE = re.compile(r"^[^，,；;。\d]{2,60}[。]?$")
_BOTH_SIDES = re.compile(r"收入支出|收支|收、支")
_TABLE_TITLE = re.compile(r"表\s*$")


def heading_subject(lx: Lexicon, line: str, mark: re.Match[str] | None) -> tuple[bool, Subject | None]:
    """(is it a heading, what it names): a numbered heading without figures names what the
    paragraphs under it speak of (（二）一般公共预算支出决算说明), unless it names both sides of the
    account or several concepts; a heading that names nothing clears the section's subject.
    `mark`: MARKER's match at the line's start, or None."""
    if not mark:
        return False, None
    body = line[mark.end() :].strip()
    body_wo_years = YEAR.sub("", body)
    if not _HEADING_LINE.match(body_wo_years):
        return False, None
    if _BOTH_SIDES.search(body):
        return True, None
    kinds = {m.subject for m in mentions(lx, strip_marks(body_wo_years)) if not m.weak}
    return True, (kinds.pop() if len(kinds) == 1 else None)


def enter_heading(st: State, lx: Lexicon, line: str, mark: re.Match[str] | None) -> None:
    """A numbered heading: the subject and the scope of the paragraphs under it. `mark`: MARKER's
    match at the line's start (each line is matched once, by the reader)."""
    is_heading, named = heading_subject(lx, line, mark)
    if not is_heading:
        return
    st.section_subject = st.subject = named
    depth = level_of(mark) or 0
    # a table's title (…决算表, as in a table of contents) is no section of prose
    scope = None if _TABLE_TITLE.search(line) else lx.scope_re.search(line)
    st.heading_scopes = [(d, sc) for d, sc in st.heading_scopes if d < depth]
    st.heading_scopes.append((depth, lx.scope_of[scope.group()] if scope else None))


def topic_sentence(st: State, lx: Lexicon, sentence: str) -> None:
    """A short sentence without figures that names one concept is the topic of what follows
    (（一）一般公共服务支出（类）。年度预算为301万元…), in the scope the paragraph or the heading
    gave it. A sentence of more than 40 characters is no heading's topic, nor one that gives a reason."""
    if len(sentence) > 40:
        return
    if lx.reason_list.search(sentence[:12]):
        return  # 下降是因为…改列基本支出: why a change came about, not what follows is of
    h = strip_marks(MARKER.sub("", sentence, count=1))
    named = {m.subject for m in mentions(lx, h) if not m.weak}
    if len(named) == 1:
        alone = SentenceState()
        st.subject = in_section(lx, st, alone, inherit_scope(lx, st, alone, named.pop()))


def line_list(st: State, line: str, lx: Lexicon) -> ListBlock | None:
    """The list opened at the end of a line above goes on while lines read as its items: each
    names a new part, with no numbering as high as the line that opened the list."""
    if not st.pending:
        return None
    lvl = marker_level(line)
    body = MARKER.sub("", line, count=1)
    h = strip_marks(body[:40])
    ms = [m for m in mentions(lx, h) if m.start < 10]
    while st.pending:
        lst, opened_at = st.pending[-1]
        if lvl is not None and lst.item_level is not None and lvl > lst.item_level:
            return None  # （1）公务用车购置费… under item 2: a part of that item, not of this list
        if (
            lvl is not None
            and opened_at is not None
            and lvl <= opened_at
            or not ms
            or ms[0].subject == lst.parent
            or THIS_ITEM.search(h[:8])
            or lst.parent.known
            and ms[0].subject.known
            and not lx.is_part(ms[0].subject.concept, lst.parent.concept)
            # 本年收入合计…其中：⏎1.一般公共预算财政拨款收入…: the total's own concept in a narrower
            # scope is one of its parts
            and ms[0].subject.concept != lst.parent.concept
        ):
            st.pending.pop()
            continue
        if lst.item_level is None:
            lst.item_level = lvl
        return lst
    return None
