"""Discourse structure before figures: lines joined where a sentence runs on, sentences,
clauses, numbering and headings.

Text copied out of PDFs breaks lines inside sentences, between a figure and its unit and inside
labels. A line break is *soft* when the line runs on: it is prose (it holds CJK punctuation or
reads as one run of words), it does not end a sentence, and the next line does not open a
numbered item, a heading, a table row or a unit line. Soft breaks are dropped from the text the
engine reads; the map back to the original keeps every character's place, so evidence still
points at the line where a figure was written.
"""

from __future__ import annotations

import re

from ..read.normalize import Text

# numbering that opens an item: 一、 (一) 1. 1、 (1) ① ⑴ 第一部分
MARKER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}(?:[、．]|\.(?!\d))|[(（]\d{1,2}[)）]|[①-⑳]|[⑴-⒇]|[⒈-⒛])\s*"
)
_SENTENCE_END = "。！？!?：:"
_PROSE_MARK = re.compile(r"[，,。、；;]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TABLEISH = re.compile(r"\||\t")
_SPACED_CELLS = re.compile(r"\S\s{1,}\S")
_UNIT_AFTER = r"(?:万元|亿元|元|%|年|月|[万亿]?$)"
_FIGURE_BLANKS = re.compile(
    rf"[ \u3000]+(?=[\d.,]+[ \u3000]*{_UNIT_AFTER})|(?<=\d)[ \u3000]+(?={_UNIT_AFTER})"
)
# 单位：万元 (not 单位上缴收入, a word that a line broken inside 附属单位 begins with)
_UNIT_LINE = re.compile(r"^\s*[（(]?\s*(?:金额)?单位\s*(?:[:：]|(?:万元|亿元|元)\b)")
_TITLE_END = re.compile(
    r"(?:说明|情况|概述|报告|决算|目录|公开|概况|附件\d*|附表\d*|[。！？!?][(（][^)）]*[)）])\s*$"
)
# a line that ends on these words cannot end there: the sentence goes on on the next line
_LINKS_ON = re.compile(r"(?:为|是|达到?|的|和|及|与|占|比|较|从|由|向|对|共计|合计|包括)$")
_CLAUSE = re.compile(r"[，,；;]")
# （1）…行政运行（项）： at a line's end; （项）支出决 / （项）：支出 inside it: an item of a class
# path and its statement, not a heading
_ITEM_LABEL = re.compile(r"[（(][类款项][)）]\s*[:：]$")
_ITEM_GOES_ON = re.compile(r"[（(][类款项][)）]\s*[:：]?\s*[\u4e00-\u9fff]")
_A_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
_LEADS_WITH_UNIT = re.compile(r"^\s*(?:万元|亿元|元|%)")
MIN_RUN_ON = 18


def level(line: str) -> int | None:
    """The depth of the numbering that opens a line (1 for 一、, 2 for (一), 3 for 1., 4 for (1),
    5 for ①), or None."""
    return level_of(MARKER.match(line))


def level_of(m: re.Match[str] | None) -> int | None:
    """`level` of the numbering MARKER matched at a line's start (None: no numbering)."""
    if not m:
        return None
    s = m.group().strip()
    if s.startswith("第"):
        return 0
    if s[0] in "一二三四五六七八九十":
        return 1
    if s[0] in "(（":
        return 2 if s[1] in "一二三四五六七八九十" else 4
    if s[0].isdigit():
        return 3
    return 5


def _visible(line: str) -> int:
    return len(line.strip())


def _is_prose(line: str) -> bool:
    """A line of running text, not a table row or a list of cells."""
    if _TABLEISH.search(line):
        return False
    if _PROSE_MARK.search(line):
        return True
    # no punctuation: one run of words reads on, words separated by blanks are cells (blanks
    # around a figure, 预算 24.09 万元, are how PDFs set figures in running text)
    return not _SPACED_CELLS.search(_FIGURE_BLANKS.sub("", line.strip()))


def _dated_subject(s: str, nxt: str) -> bool:
    """某局 2019 年度“三公”经费 / 财政拨款支出决算18.92万元，…: a short line naming a year, no title,
    before a line of prose that opens with words: the subject of the sentence the next line ends."""
    return (
        bool(_A_YEAR.search(s))
        and not _TITLE_END.search(s)
        and not MARKER.match(s)
        and bool(_CJK.match(nxt.strip()[:1]))
        and bool(_CLAUSE.search(nxt))
    )


# a line that opens with an amount or a rate, its unit beside it, and goes on as prose
_LEADS_WITH_FIGURE = re.compile(r"\s*-?\d[\d,]*(?:\.\d+)?\s?(?:万元|亿元|元|%)[，,；;。]")


def _runs_on(line: str, nxt: str) -> bool:
    s = line.rstrip()
    if not s or not nxt.strip():
        return False
    if _LEADS_WITH_UNIT.match(nxt) and s[-1].isdigit() and (_is_prose(line) or _PROSE_MARK.search(nxt)):
        return True  # 12,897.57 / 万元: a figure and its unit on two lines
    if (_ITEM_LABEL.search(s) or _ITEM_GOES_ON.search(s)) and _is_prose(nxt) and not MARKER.match(nxt):
        # （1）…事业单位医疗（项）：/ 支出决算为…: an item's label and its statement, not a title
        return s[-1] not in "。！？!?"
    if s[-1] in _SENTENCE_END or not _CJK.search(s):
        return False
    if _visible(s) < MIN_RUN_ON and not _dated_subject(s, nxt):
        return False
    if _LINKS_ON.search(s) and _is_prose(nxt) and not MARKER.match(nxt):
        return True  # …（项）：支出决算为 / 28.03万元: a line that ends on 为, 的, 和 … goes on
    if _LEADS_WITH_FIGURE.match(nxt) and _is_prose(line) and _is_prose(nxt) and not MARKER.match(line):
        return True  # …构成为：因公出国（境）费支出决算 / 0 元，所占比重0%: a label and its figure
    if not _is_prose(line) or _TITLE_END.search(s) and not _CLAUSE.search(s):
        return False  # a title (…决算情况说明), unless it is the tail of a clause (…，决算 / 支出数为…)
    if MARKER.match(line) and not _PROSE_MARK.search(s) and not _ITEM_GOES_ON.search(s):
        return False  # a numbered heading
    if MARKER.match(nxt) or _UNIT_LINE.match(nxt) or not _is_prose(nxt):
        return False
    return True


def soft_breaks(text: str) -> list[int]:
    """Offsets of the newlines inside sentences."""
    out = []
    lines = text.split("\n")
    pos = 0
    for k, line in enumerate(lines[:-1]):
        pos += len(line)
        if _runs_on(line, lines[k + 1]):
            out.append(pos)
        pos += 1
    return out


def join_lines(text: Text) -> Text:
    """The text with its soft line breaks taken out (evidence still maps to the original)."""
    return text.without(soft_breaks(text.text))


def paren_depths(text: str, s0: int, s1: int, at: list[int]) -> dict[int, int]:
    """How deep in parentheses each offset of `at` (ascending, within s0..s1) stands."""
    out: dict[int, int] = {}
    depth, k = 0, 0
    for m in _PAREN.finditer(text, s0, s1):
        while k < len(at) and at[k] < m.start():
            out[at[k]] = depth
            k += 1
        if m.group() in "(（":
            depth += 1
        elif depth:
            depth -= 1
    for pos in at[k:]:
        out[pos] = depth
    return out


_PAREN = re.compile(r"[()（）]")


def after_closed_paren(raw: str) -> str:
    if ")" not in raw and "）" not in raw:
        return raw
    depth, cut = 0, 0
    for k, ch in enumerate(raw):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth:
                depth -= 1
            else:
                cut = k + 1
    return raw[cut:]


def mask_parens(c: str) -> str:
    """The text with closed parenthetical groups blanked (an opener inside (含…) opens nothing
    outside it), same length."""
    prev = None
    while prev != c and (")" in c or "）" in c):
        prev = c
        c = CLOSED_GROUP.sub(_blank, c)
    return c


CLOSED_GROUP = re.compile(r"[(（][^()（）]*[)）]")


def _blank(m: re.Match[str]) -> str:
    return "　" * len(m.group())


_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?[^\n。，,]{0,40}?(?:决算|三公|绩效)")
_STATED_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?")
_COMPARED = re.compile(r"(?:与|比|较|同|对比|至|截至|自)\s*$")


_BUDGET_TITLE = re.compile(r"(?:19|20)\d\d\s*年度?[^\n。，,]{0,40}?预算")


def budget_title(text: str) -> bool:
    """The title (in the first lines) names a year's 预算 and no 决算: a budget's document."""
    for line in text[:400].split("\n")[:4]:
        if _BUDGET_TITLE.search(line) and "决算" not in line:
            return True
        if "决算" in line:
            return False
    return False


def report_year(text: str) -> int | None:
    """The report's own year: from its title, else the year most of its statements speak of
    (never a year it compares with: 比2020年, 与2022年相比)."""
    for line in text[:400].split("\n")[:4]:
        for m in _TITLE_YEAR.finditer(line):
            # 较2023年度决算数增加… in an excerpt that starts mid-report: a year compared with
            if not _COMPARED.search(line[max(0, m.start() - 3) : m.start()]):
                return int(m.group(1))
    counts: dict[int, int] = {}
    for m in _STATED_YEAR.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        if _COMPARED.search(before):
            continue
        y = int(m.group(1))
        counts[y] = counts.get(y, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))
