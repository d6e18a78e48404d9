"""What a figure's words name: the concept (with its scope) a clause speaks of, a name the
vocabulary does not know, a qualifier that narrows a concept (区直, 全县), a project's funds.

A mention is the longest synonym of rules/reading.toml found in the words before a figure, with
the scope words written right before it (一般公共预算财政拨款收入 is this year's income under the
general budget). 收入 and 支出 alone name this year's income or spending only after a scope word,
a year or a unit word, or when they open the clause on the other side of the account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.lexicon import Lexicon
from ..parse.discourse import CLOSED_GROUP, MARKER
from .binding import project_scope
from .memo import forget, memo, remember

_BOUNDARY = re.compile(r"[，,；;：:]")
_ITEM_SEP = re.compile(r"、|(?<=[\u4e00-\u9fff])(?:和|及|以及)(?=[\u4e00-\u9fff])")
YEAR = re.compile(r"((?:19|20)\d\d)年度?")
# 某县文联2019收入合计: a year whose 年 was left out is still the year, not part of a name
_YEAR_OR_BARE = re.compile(r"(?:19|20)\d\d年度?|(?<![\d.])(?:19|20)\d\d(?![\d.%])")
_FILLER = (
    "其中 包括 含 分别为 具体为 分项为 构成为 分为 共计 合计 总计 另有 此外 另外 以及 "
    "本年度 本年 全年 当年 年度 本单位 单位 本部门 部门 我单位 全院 本院 本局 全局 实际 "
    "决算数 决算 金额 情况 年末 年初 预算数 预算 数额 资金 经费 上年度 上一年度 上年 "
    "上一年 去年 同期 为 是 共 达 约 计 的 中 了 、 和 及 与 总 数 额 之 在 对 "
    "从 按 看 来看 其 有 相应地 相应 "
).split()
_WORDS = "(?:" + "|".join(_FILLER) + ")"
_LEAD_WORDS = re.compile(f"^{_WORDS}+")
_TAIL_WORDS = re.compile(f"{_WORDS}+$")
# a tail of filler ends in a filler word's last character (or before a final newline, where $
# matches too): the tail pattern, searched from every place of a text, is not searched for a text
# that ends in none of them
_FILLER_ENDS = frozenset(w[-1] for w in _FILLER) | {"\n"}


def _without_tail_filler(text: str) -> str:
    return _TAIL_WORDS.sub("", text) if text[-1:] in _FILLER_ENDS else text


_NAME = re.compile(r"[\u4e00-\u9fff*＊A-Za-z]{2}")
_TWO_WORD_CHARS = re.compile(r"[\u4e00-\u9fff*＊A-Za-z][^\u4e00-\u9fff*＊A-Za-z]*[\u4e00-\u9fff*＊A-Za-z]")
_CONTINUES = re.compile(r"^\s*(?:与|比|较|同|对比|相比|其中|该项|此项|本项|分项|另|此外|另外|但|而)")
# (含参照公务员法管理的事业单位): a description, not a name
_PROJECT_FILLER = re.compile(
    r"(?:19|20)\d\d年度?|本项目|该项目|财政|局|申请并|申请|并|及时|全年|年初|下达|安排|的"
)
_EVALUATION_TAIL = re.compile(r"(?:支出)?绩效.*$")
_AND = re.compile(r"[、和及与]")
_PUNCTUATION = re.compile(r"[()（）、，,:：]")
_FUNDS_TAIL = re.compile(r"(?:的|安排的|安排|使用|资金|经费|财政|拨款|预算|支出|决算|本级|汇总)+$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# 按同口径 / 可比口径 / 同项费用: how a change was measured, or the same item again: nothing named
_BASIS = re.compile(r"按?(?:同|可比|相同|同一)口径|同一?项(?:费用|支出|经费)?")
_DIGITS = re.compile(r"[\d.:：%\-]+")


class Subject:
    """What a figure is of: a concept (an id of reading.toml, or "label:<name>" for a name the
    vocabulary lacks) in a scope; equal by concept and scope, hashed by them (never changed once
    made)."""

    # by hand, not a frozen dataclass: the reader makes and compares subjects for every clause
    # (a frozen dataclass sets its fields through object.__setattr__), and `known` is asked so
    # often that it is worked out once; nothing assigns to a subject once made
    __slots__ = ("concept", "scope", "known")
    concept: str
    scope: str
    known: bool

    def __init__(self, concept: str, scope: str = "all") -> None:
        self.concept = concept
        self.scope = scope
        self.known = not concept.startswith("label:")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Subject:
            return NotImplemented
        return self.concept == other.concept and self.scope == other.scope

    def __hash__(self) -> int:
        return hash((self.concept, self.scope))

    def __repr__(self) -> str:
        return f"Subject(concept={self.concept!r}, scope={self.scope!r})"

    def __reduce__(self) -> tuple[type[Subject], tuple[str, str]]:
        # copied and pickled through __init__
        return Subject, (self.concept, self.scope)


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    subject: Subject
    start: int  # in the stripped text
    end: int
    weak: bool


_ONLY_BETWEEN = re.compile(r"(?:决算|的|安排的|预算)*")


_MENTIONS: dict[tuple[object, ...], list[Mention]] = memo()


def forget_mentions() -> None:
    """Empty the memos of mentions, residues and roles read so far (kept across documents:
    headings and labels recur), so that a benchmark can time a text as if read for the first time."""
    forget()


_BARE_SIDE = re.compile(r"收入|支出")


def mentions(
    lx: Lexicon, h: str, carried: Subject | None = None, bare_opening: bool = False
) -> list[Mention]:
    """Concepts named in a stripped text: the longest synonyms, each with the scope words
    written right before it; 收入 / 支出 alone after a scope word or a year / unit word."""
    key = (h, lx.family(carried.concept) if carried is not None else None, bare_opening, id(lx))
    return list(remember(_MENTIONS, key, lambda: _mentions(lx, h, carried, bare_opening)))


def longest_synonyms(lx: Lexicon, h: str) -> list[tuple[int, int, str]]:
    """(start, end, synonym): the longest synonym starting at each place of the text."""
    longest: dict[int, str] = {}
    for end, (size, word) in lx.synonyms.iter(h):
        start = end - size + 1
        if start not in longest or size > len(longest[start]):
            longest[start] = word
    return [(s, s + len(w), w) for s, w in longest.items()]


def _mentions(lx: Lexicon, h: str, carried: Subject | None, bare_opening: bool) -> list[Mention]:
    cands = longest_synonyms(lx, h)
    taken: list[tuple[int, int, str]] = []
    if len(cands) > 1:
        cands.sort(key=lambda c: (-(c[1] - c[0]), -c[0]))
        for c in cands:
            if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
                taken.append(c)
    else:
        taken = cands
    out: list[Mention] = []
    for s, e, word in taken:
        cid = lx.concept_of[word]
        scope = lx.implied_scope.get(word) or _scope_before(lx, h, s, cid)
        out.append(Mention(Subject(cid, scope), s, e, word in lx.weak))
    for m in _BARE_SIDE.finditer(h) if "收入" in h or "支出" in h else ():
        if any(x.start <= m.start() < x.end for x in out):
            continue
        if any(
            x.end <= m.start() and _ONLY_BETWEEN.fullmatch(lx.scope_re.sub("", h[x.end : m.start()]))
            for x in out
        ):
            continue  # 基本支出, 公务接待费支出, 三公经费财政拨款支出: part of the mention before it
        before = h[: m.start()]
        cid = "income_year" if m.group() == "收入" else "expense_year"
        sm = None
        for found in lx.scope_re.finditer(before):
            if before[found.end() :] in ("", "的"):
                sm = found
        if sm is not None:
            out.append(Mention(Subject(cid, lx.scope_of[sm.group()]), sm.start(), m.end(), False))
            continue
        lead = before[max([x.end for x in out if x.end <= m.start()], default=0) :]
        lead = MARKER.sub("", lead)
        after = h[m.end() : m.end() + 2]
        opening = (
            bare_opening
            # 收入包括…；支出包括… / 收入减少84.55、支出减少99.6万元: the clause or the item opens
            # with it, whatever mark closed the one before
            and not before.strip("，,；;。：: 、")
            and after[:1]
            in (":", "：", "为", "是", "合", "共", "达", "构", "包", "", "增", "减", "比", "较", "预")
            and (carried is None or lx.family(carried.concept) != cid)
        )
        if lead and lx.bare_opens.match(lead) or opening:
            out.append(Mention(Subject(cid, "all"), m.start(), m.end(), False))
    if len(out) > 1:
        out.sort(key=lambda x: x.start)
    return out


def _scope_before(lx: Lexicon, h: str, pos: int, cid: str) -> str:
    if cid in lx.scopeless:
        return "all"
    before = h[max(0, pos - 30) : pos]
    if ")" in before or "）" in before:
        before = CLOSED_GROUP.sub("", before)
    before = before[-16:]
    # a scope word can only end where the text ends, or before 的 / 安排的: most texts end in no
    # scope word's last character, and the scope pattern is not searched for them
    ends = lx.scope_ends
    if not (
        before[-1:] in ends
        or before.endswith("的")
        and (before[-2:-1] in ends or before.endswith("安排的") and before[-4:-3] in ends)
    ):
        return "all"
    best = None
    for s in lx.scope_re.finditer(before):
        if before[s.end() :] in ("", "的", "安排的"):
            best = s
    return lx.scope_of[best.group()] if best else "all"


_QUAL_FILLER = re.compile(
    r"^(?:本年度|本年|全年|当年|年度|度|的|安排的|安排|使用|资金|经费|财政|拨款|本部门|部门|本单位|单位|"
    r"本院|本局|我局|我院|我单位|共|合计|其中|一般公共预算|公共预算|预算|支出|决算|汇总|口径|同口径|按)+$"
)


_ORG = re.compile(
    r"^.{2,30}?(?:部门|单位|机关|局|院|委员会|委|中心|办公室|办|所|站|厅|部|会|队|馆|校|处|政府|幼儿园|医院|学校|"
    r"街道|大学|学院|小学|中学|法院|检察院|监狱|公司|集团|管委会|工委|支队|大队|园区)"
)
_CLASS_PATH = re.compile(r"\((?:款|项)\)")


def project_subject(title: str, where: str, cand: Mention) -> Subject:
    """A project's funds (预算批复, 安排经费 …) in the appendix about that project (`title`): the
    project is the scope, its name may stand before the words; elsewhere they are not bound."""
    if not title:
        return Subject("label:" + where[cand.start :])
    before = where[: cand.start]
    for w in _project_words(title):
        before = before.replace(w, "")
    before = _PROJECT_FILLER.sub("", before)
    if before and _NAME.search(before):
        return Subject("label:" + where[cand.start :])
    return Subject("project_funds", project_scope(title))


def _project_words(title: str) -> list[str]:
    name = YEAR.sub("", title)
    name = _EVALUATION_TAIL.sub("", name)
    words = [name, name.replace("项目", ""), name.replace("项目", "") + "项目"]
    words += [w for w in _AND.split(name) if len(w) >= 2]
    return sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)


def names_more(lx: Lexicon, after: str) -> bool:
    """Words after a concept that name something narrower (行政运行(项), 中的燃油费)."""
    if _CLASS_PATH.search(after):
        return True
    s = lx.rx.role_words.sub("", lx.scope_re.sub("", after))
    return bool(residue(lx, s))


def qualifier(lx: Lexicon, h: str, m: Mention) -> str:
    """Words before a concept that narrow what is counted (区直, 全县, 镇本级, 涉及): a subject of
    its own, never the department's name or the year."""
    before = h[: m.start]
    prev = None
    while prev != before:
        prev = before
        before = CLOSED_GROUP.sub("", before)
    ys = list(_YEAR_OR_BARE.finditer(before))
    if ys:
        before = before[ys[-1].end() :]
    om = _ORG.match(before)
    if om:
        before = before[om.end() :]
    before = lx.scope_re.sub("", before)
    before = lx.rx.role_words.sub("", _PUNCTUATION.sub("", before))
    if not before or _QUAL_FILLER.fullmatch(before):
        return ""
    rest = _without_tail_filler(_LEAD_WORDS.sub("", before))
    rest = _FUNDS_TAIL.sub("", rest)
    return before if _HAN.search(rest) and _NAME.search(before) else ""


_RESIDUES: dict[tuple[str, int], str] = memo()


def residue(lx: Lexicon, h: str) -> str:
    """What a head names besides role, change, list and filler words (memoised with the mentions:
    the same heads recur within a report and across reports)."""
    return str(remember(_RESIDUES, (h, id(lx)), lambda: _residue(lx, h)))


def _residue(lx: Lexicon, h: str) -> str:
    """What a head names besides role, change, list and filler words: the name of something the
    vocabulary does not know (村级组织运转, 会议室改造), or nothing."""
    if not _TWO_WORD_CHARS.search(h):
        return ""  # taking words out never makes a name of what has no two letters together
    s = _ITEM_SEP.split(h)[-1]
    if lx.rx.any_list.search(s):
        for rx in (lx.complete_list, lx.partial_list, lx.reason_list):
            s = rx.sub("", s)
    if "年" in s:
        s = YEAR.sub("", s)
    if "口径" in s or "项" in s:
        s = _BASIS.sub("", s)
    s = _DIGITS.sub("", lx.rx.compare_strip.sub("", lx.rx.role_words.sub("", s)))
    tail_change = lx.rx.tail_change
    prev = None
    while prev != s:
        prev = s
        s = tail_change.sub("", _without_tail_filler(_LEAD_WORDS.sub("", s)))
    if _NAME.search(s):
        return s
    # 收入476.17、支总计460.06万元: the next item of an enumeration, named in words too few once
    # the filler is out (支出总计 with a character dropped), is still not the item before it
    return h[1:] if h.startswith("、") and _HAN.search(s) else ""


_ASIDE = re.compile(r"[(（][^()（）]{3,}[)）]")


def in_no_aside(text: str, found: list[Mention]) -> list[Mention]:
    """The mentions outside asides in parentheses (（含基本支出和项目支出安排的经费），同比减少…:
    what the aside names is not what follows it is of); short groups such as (类) (款) (境) are
    part of names, not asides."""
    if ")" not in text and "）" not in text:
        return found
    spans = [m.span() for m in _ASIDE.finditer(text)]
    return [m for m in found if not any(a <= m.start and m.end <= b for a, b in spans)]


_SIDE_ONLY = frozenset(("收入", "支出", "收支", "收入支出"))


def changed_name(lx: Lexicon, h: str) -> str:
    """The name of what a change or rate is of, in the words before it, when the vocabulary does
    not know it (债务还本支出比上年增加): a name of three characters or more, not an aside in
    parentheses (与2019年（疫情前）相比), not 收入 / 支出 alone (the side of the account); else ""."""
    res = residue(lx, CLOSED_GROUP.sub("", h) if "(" in h or "（" in h else h)
    return res if len(res) >= 3 and res not in _SIDE_ONLY else ""


_SUM_OF = re.compile(r"^(?:与|和|及|加上?)$")
_SUM_TAIL = re.compile(r"^(?:共计|合计|总计|之和|两项合计|两者合计|合计为|共计为|总计为)?(?:为|是|达)?$")


def named_sum(lx: Lexicon, h: str, named: list[Mention]) -> Subject | None:
    """A + B 共计 X: the subject of X is the identity total A and B make when they are its only
    stated parts (本年支出合计与年末结转和结余 → 支出总计), else the sum by its words."""
    if len(named) < 2:
        return None
    a, b = named[-2], named[-1]
    if not _SUM_OF.match(h[a.end : b.start]) or not _SUM_TAIL.match(h[b.end :]) or not h[b.end :]:
        return None
    pair = {a.subject.concept, b.subject.concept}
    for total, parts, where in lx.identities:
        rest = set(parts) - pair
        if (
            pair <= set(parts)
            and rest <= {"nonfin_used", "distribution"}
            and (where is None or a.subject.scope in where)
        ):
            return Subject(total, a.subject.scope)
    return Subject("label:" + h[a.start :])


def before_open_paren(c: str) -> str:
    """房屋（2,590平方米，4,136,536.00元）: a figure in parentheses is of the thing named before them."""
    k = max(c.rfind("("), c.rfind("（"))
    return c[:k] if k >= 0 else ""
