"""A figure's role, from the words right before it (its head): a level (预算 makes it a budget,
决算 an actual), a change (增加/减少), a change rate (增长/下降 r%), a share (占), a completion
rate (完成预算的), a stated comparison base (比2022年决算数688.84万元); the base a change is
against (上年, 预算, a named year) and the period a figure is of. Also the report's own year and
unit.
"""

from __future__ import annotations

import re

from ..core.lexicon import Lexicon
from ..parse.discourse import CLOSED_GROUP
from ..parse.figures import Figure
from .memo import memo, remember
from .readings import Reader, Reading, SentenceState, State
from .subjects import YEAR, Mention, longest_synonyms

COUNTER = re.compile(r"^\s*(个|人次|人|辆|所|台\(套\)|台|套|批次|批|次|名|家|户|项|间|处|科室|部门)")
THIS_YEAR = re.compile(r"(?<![上去])(?:本年度?|当年|本年末|本期)")
SUM_WORD = re.compile(r"(?:共计|合计|总计|共|总额|总数)(?:为|是|达)?$")
THIS_ITEM = re.compile(r"该项|此项|本项|该项目|此项费用|该经费")
PRIOR_WORDS = re.compile(r"(?:上年|去年|上一年|上年度|上一年度)(?:同期)?(?:决算)?(?:数)?(?:为|是)?$")
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|元|亿元)")
_UNTIL = re.compile(r"(?:至|截至|截止)$")
# 2022年度同口径 / 2022年决算数相比: the year is a comparison's base, not the figure's period
_COMPARED_YEAR = re.compile(r"(?:度)?(?:同项|同口径|决算数?(?:相比|比较)|相比|比较|预算数?相比)")
_ADJUSTED = re.compile("全年|调整后")
_YEAR_NAMED = re.compile(r"((?:19|20)\d\d)(?:年|$)")
_CLAUSE_MARKS = re.compile(r"[，,；;]")
_AGAINST_PRIOR = re.compile(r"同比|比上年|较上年|比去年|较去年")
OTHER_YEARS_BUDGET = "other_years_budget"  # a base no relation compares with: abstain
_SHARE_OF = re.compile(
    # 占总收入的98% / 占比重为; 占总收入98%: the base named right before the figure
    r"占.{1,24}?(?:的)?(?:比重|比例)?(?:的|为)$|占[^，,；;。]{0,20}?(?:收入|支出|总额|总计|合计|经费|资金|决算数?)$"
)
_SHARE_IN = re.compile(r"在.{1,16}?中占$")
_CHANGED_TO = re.compile(r"(?:增|减|降|升)(?:为|至|到)$|(?:增加|减少|下降|增长|降低|上升|提高)(?:至|到)$")
_BASE_NAMED = re.compile(r"(?:占|在)[^占]*$")


def report_unit(text: str, figures: list[Figure]) -> str:
    m = _UNIT_LINE.search(text)
    if m:
        return m.group(1)
    counts: dict[str, int] = {}
    for f in figures:
        if f.is_amount:
            counts[f.unit] = counts.get(f.unit, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "万元"


def stated_year(c: str, lx: Lexicon) -> int | None:
    if "年" not in c:
        return None
    found = None
    for m in YEAR.finditer(c):
        before = c[max(0, m.start() - 4) : m.start()]
        if lx.rx.compare_end.search(before) or _UNTIL.search(before):
            continue
        after = c[m.end() : m.end() + 8]
        if _COMPARED_YEAR.match(after):
            continue
        found = int(m.group(1))
    return found


def period_of(y: int, year: int | None) -> str:
    if year is None or y == year:
        return "current"
    if y == year - 1:
        return "prior"
    return f"y{y}"


def comparison(lx: Lexicon, c: str, year: int | None) -> str | None:
    """The base a change in this clause run is stated against: prior | budget… | y2019."""
    # every comparison, 同比 and 比上年 too, opens with one of these words
    if not lx.rx.compare_open.search(c):
        return None
    best = None
    rx = lx.rx.comparison
    # within a clause: 比较来看，2021年度…比上年决算数 names last year, not 2021
    for m in (m for part in _CLAUSE_MARKS.split(c) for m in rx.finditer(part)):
        what = m.group("what")
        if lx.rx.compare_budget.search(what):
            ym = _YEAR_NAMED.search(what)
            if ym and (year is None or int(ym.group(1)) != year) or lx.rx.compare_prior.search(what):
                # 比2010年预算数减少 / 比上年预算: another year's budget, which no relation here
                # compares with; when the report's own year is unknown, so is whose budget it is
                best = OTHER_YEARS_BUDGET
                continue
            best = base_named(lx, what)
            continue
        ym = _YEAR_NAMED.search(what)
        if ym:
            # 比2020年 where the report's own year is unknown: an earlier year, as a base always is
            best = period_of(int(ym.group(1)), year) if year is not None else "prior"
            continue
        if lx.rx.compare_prior.search(what):
            best = "prior"
    if best is None and _AGAINST_PRIOR.search(c):
        best = "prior"
    return best


_COMPLETION_BUDGET = re.compile(r"(?:完成|为|相当于|达到|占)(?:了)?(?P<which>全年|年初|调整后)?预算(?:数)?$")


def unbracket(lx: Lexicon, h: str) -> str:
    """比上年（减少）10万元 / （减）幅20%: the template's direction word kept, its brackets left
    on (增加（减少）, both words, stays as written)."""
    if (")" in h or "）" in h) and not lx.rx.both.search(h):
        return _WORD_IN_BRACKETS.sub(r"\1", h)
    return h


def classify(lx: Lexicon, r: Reading, h: str, f: Figure, is_count: bool, prev: Reading | None) -> bool:
    """Decide a figure's role from its head. Returns whether the head says the role."""
    if f.is_percent:
        if lx.rx.completion_end.search(h):
            r.kind = "completion"
            r.note = "budget_initial" if "年初" in h else "budget_adjusted" if _ADJUSTED.search(h) else ""
            return True
        if h in ("的", "") and prev is not None and prev.kind == "level" and prev.note == "in_completion":
            r.kind, r.budget = "completion", prev
            return True
        m = lx.rx.rate_end.search(h)
        if m:
            r.kind, r.sign = "rate", sign_of(lx, m.group("w"))
            return True
        if lx.rx.share_end.search(h) or _SHARE_OF.search(h) or _SHARE_IN.search(h):
            r.kind = "share"
            return True
        return False
    if not (f.is_amount or is_count):
        return False
    if h.endswith(("为", "至", "到")) and _CHANGED_TO.search(h):
        r.kind, r.role = ("count" if is_count else "level"), "actual"  # 减为16人: the new level
        return True
    m = lx.rx.change_end.search(h)
    if m and m.group("w") not in ("增幅", "降幅"):
        r.kind, r.sign = "change", sign_of(lx, m.group("w"))
        return True
    cmp = lx.rx.comparative_end.search(h)
    if cmp and f.is_amount:
        # 决算数大于预算数20万元: the difference from the base named, the direction in the comparative
        r.kind, r.base = "change", base_named(lx, cmp.group("what"))
        r.sign = 1 if re.fullmatch(lx.words["more"], cmp.group("w")) else -1
        return True
    cm = _COMPLETION_BUDGET.search(h) if h.endswith(("预算", "预算数")) else None
    if cm:
        r.kind = "level"
        r.role = {"全年": "budget_adjusted", "调整后": "budget_adjusted", "年初": "budget_initial"}.get(
            cm.group("which") or "", "budget"
        )
        r.note = "in_completion"
        return True
    # 比2022年决算数688.84万元: a stated comparison base
    pm = None
    for m2 in lx.rx.compare_open.finditer(h):
        pm = m2
    if pm is not None and f.is_amount:
        after = h[pm.end() :]
        ym = _YEAR_NAMED.search(after)
        if not lx.rx.updown.search(after) and not ym and lx.rx.compare_budget.search(after):
            if lx.rx.compare_prior.search(after):
                # 预算200万元，比上年预算250万元减少…: last year's budget, which no relation here
                # compares with (the change is of the budget, not of the spending)
                r.kind, r.role, r.base = "prior_level", "budget", OTHER_YEARS_BUDGET
                return True
            # 比年初预算数100万元增加…: the budget stated as the base of the change after it
            r.kind, r.role = "level", base_named(lx, after)
            r.base = r.role
            return True
        if not lx.rx.updown.search(after) and (ym or lx.rx.compare_prior.search(after) or not after):
            # 较20155.88万元增加了0.51万元: the amount right after 较 is the base, last year's
            r.kind = "prior_level"
            r.base = f"y{ym.group(1)}" if ym else "prior"
            return True
    r.kind = "count" if is_count else "level"
    role = role_of(lx, h)
    r.role = role or "actual"
    return role is not None


def base_named(lx: Lexicon, what: str) -> str:
    """The base a comparison names: a budget (年初 / 全年, 调整后 / plain) or the prior year."""
    if not lx.rx.compare_budget.search(what):
        return "prior"
    return "budget_initial" if "年初" in what else "budget_adjusted" if _ADJUSTED.search(what) else "budget"


_ROLES: dict[tuple[str, int], str] = memo()


def role_of(lx: Lexicon, h: str) -> str | None:
    """The role the last role word of a head names (memoised: heads recur)."""
    # the memo keeps "" for no role: None is what it has not seen
    return remember(_ROLES, (h, id(lx)), lambda: _role_of(lx, h) or "") or None


def _role_of(lx: Lexicon, h: str) -> str | None:
    # （主要包括一般公共预算安排的…）: the role words of an aside in parentheses are not the figure's
    s = CLOSED_GROUP.sub("", h) if ")" in h or "）" in h else h
    s = lx.scope_re.sub("", s)
    s = lx.not_budget.sub("", s)
    # no role's words at all: one scan says so
    if not lx.rx.role_words.search(s):
        return None
    # 社会保障和就业支出300万元: 支出 ends the name right before the figure, no word for an actual
    if s.endswith("支出"):
        ending = [w for _, e, w in longest_synonyms(lx, s) if e == len(s)]
        s = s[: -max(map(len, ending))] if ending else s
    best, where = None, -1
    for name, rx in lx.roles:
        for m in rx.finditer(s):
            if m.end() > where or (m.end() == where and name.startswith("budget_")):
                best, where = name, m.end()
    return best


def sign_of(lx: Lexicon, w: str) -> int | None:
    if lx.rx.both.fullmatch(w):
        return None
    if lx.rx.up.fullmatch(w):
        return 1
    return -1


def names_base(h: str, m: Mention) -> bool:
    return bool(_BASE_NAMED.search(h[: m.start]))


def sentence_readings(rd: Reader, sentence: int) -> list[Reading]:
    out = []
    for r in reversed(rd.readings):
        if r.sentence != sentence:
            break
        out.append(r)
    return out[::-1]


def mislabelled(rd: Reader, readings: list[Reading], s0: int, s1: int) -> None:
    """2020年X支出288.40万元，较上年减少98.09万元 in a 2021 report: a change, a rate or a completion
    is this year's, so the figures of the same subject the sentence puts under another year only
    by its label are this year's too (a year label slip, FA501), unless the sentence speaks of
    this year as well. Not in a budget's document, which reports the spending of years before."""
    if rd.year is None or rd.budget_document or f"{rd.year}年" in rd.text[s0:s1]:
        return
    current = {
        r.subject for r in readings if r.kind in ("change", "rate", "completion") and r.period == "current"
    }
    stated = {r.subject for r in readings if r.kind == "level" and r.period == "current"}
    for r in readings:
        if r.note == "by_year" and r.subject in current and r.subject not in stated:
            r.period, r.note = "current", "mislabelled"


def prior_or_news(readings: list[Reading]) -> None:
    """去年…支出为5亿元，较上年减少3.3亿元: a figure 去年 puts in the prior year, in a sentence that
    gives its change against the prior year and no level this year, is the year a news piece
    written after it calls 去年 — the report's own year. Which year is not said: no relation."""
    changed = {r.subject for r in readings if r.kind in ("change", "rate") and r.base == "prior"}
    current = {r.subject for r in readings if r.kind == "level" and r.period == "current"}
    for r in readings:
        if r.note == "prior_word" and r.subject in changed and r.subject not in current:
            r.period, r.note = "unknown", "role?"


_WORD_IN_BRACKETS = re.compile(r"[(（](增加|减少|增长|下降|增|减)[)）]")
_PRIOR_NAMED = re.compile(r"(?<![与比较同])(?:上年|去年|上一年)(?:度)?(?:有|的)?")


def period_of_figure(
    lx: Lexicon,
    st: State,
    sn: SentenceState,
    r: Reading,
    h: str,
    y: int | None,
    year: int | None,
    line_no: int,
) -> None:
    """The period of a figure read: 上年 / 本年 in its head, else a year its clause names (`y`),
    else the sentence's; a prior level stated on a line is the base of the changes after it."""
    bare_h = lx.concept_re.sub("", h) if r.kind == "level" else ""
    if r.kind == "level" and (
        PRIOR_WORDS.search(bare_h)
        or _PRIOR_NAMED.search(bare_h)
        and not lx.rx.compare_prior_word.search(bare_h)
    ):
        r.period, r.note = "prior", r.note or "prior_word"
        # …较预算减少6.95万元，上年为20.36万元，减少6.74万元: the changes after it are against it
        st.compare, st.compare_line = "prior", line_no
    elif THIS_YEAR.search(h):
        # 本年支出1634.34万元: this year's, whatever year the sentence named; but 2020年本年支出合计
        # is that year's own total (a year label right before it wins)
        named_year = stated_year(h, lx)
        r.period = "current" if named_year is None else period_of(named_year, year)
        r.note = r.note or "this_year"
    elif r.kind in ("change", "rate", "completion"):
        # 2016年项目支出为398万元，较上年多了2228万元: a change is this year's unless its clause names a year
        r.period = period_of(y, year) if y is not None else "current"
    elif sn.period is not None:
        r.period = sn.period
        if r.period != "current" and r.kind == "level":
            r.note = r.note or "by_year"  # the period only a year label says
