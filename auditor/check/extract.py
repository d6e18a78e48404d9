"""Find the relations a report's prose states: breakdowns, shares, changes, completion rates.

Each finder reads the sentence shapes listed in rules/phrases.toml over a `Document` and
returns `Relation`s (judged later by the engine) or `Observation`s (slips visible without
arithmetic, such as a nonzero share of zero). Figures are bound by position in the sentence
first; when a total or base is named instead of stated, it is looked up by concept
(rules/concepts.toml) in the preceding text, and the relation is marked heuristic.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from ..core.intervals import Interval
from ..core.rules import phrases, vocabulary
from ..facts.binding import Binder, Fact, project_scope
from ..parse.document import BOUNDARY, Document
from ..parse.figures import Figure, misspellings
from .classes import class_items
from .relations import (
    ChangeAmountRelation,
    ChangeRateRelation,
    PartialSumRelation,
    RatioRelation,
    Relation,
    SumRelation,
)
from .selfeval import self_evaluations

_CJK = re.compile(r"[\u4e00-\u9fff]")
_FILLER = re.compile(r"^[\s，,；;：:。、.]*(?:合计|共计|总计)?[\s，,；;：:。、.]*$")
LOOKBACK_PARAGRAPHS = 30
_PRIOR_VALUE = re.compile(
    r"(?:与|比|较|同比|相比|对比)\s*(?:上一?年|去年|同期|\d{4}年)[^，,；;。]*$"
)  # 较上年5382.72万元: not a part
_NAMED_SUM = re.compile(
    r"^(?P<a>[^，,；;与和及]{2,30}?)(?:与|和|及|加上?)(?P<b>[^，,；;]{2,30}?)(?:共计|合计|总计|之和|两项合计|两者合计)?$"
)
_SUM_WORD = re.compile(r"(?:共计|合计|总计|之和)(?:为|是|达)?\s*$")
_COMPLETION_LATER = re.compile(r"完成(?:年初|全年|调整后)?预算|执行率")
_COMPARED = re.compile(
    r"^[^。；;]{0,6}?[,，]?\s*(?:与|比|较|同比|相比|对比)\s*(?P<with>上一?年|去年|同期|\d{4}年)"
)
_INITIAL = re.compile(r"年初(?:预算|下达|批复|安排)")
_ADJUSTMENT = re.compile(
    r"(?:年中|年内|全年)?(?:(?P<up>追加|调增|增加)|(?P<down>调减|追减|核减|减少))(?:预算|资金|经费)?$"
)
_ADJUSTED = re.compile(r"(?:全年预算|调整后(?:的)?预算|全年批复)")


@dataclass(eq=False)
class Observation:
    """A slip seen without computing a relation."""

    code: str
    figures: list[Figure]
    roles: list[str]
    message: str
    stated: str
    expected: str
    cause: str | None = None
    culprit: bool = True  # figures[0] is the figure to correct (not so when shares add up to over 100%)


@dataclass
class Extraction:
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    binder: Binder | None = None
    facts: list[Fact] = field(default_factory=list)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def _cn(fig: Figure) -> str:
    return f"{fig.number}{fig.unit}"


class Extractor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ph = phrases()
        self.vocab = vocabulary()
        self.out = Extraction()
        self.figs = doc.figures
        self.part_of: dict[int, tuple[int, list[int]]] = {}  # part index -> (total index, sibling parts)
        self.zero_shares: set[int] = set()
        self.implied: dict[str, tuple[int, int]] = {}
        self._binder: Binder | None = None
        self._by_name: dict[tuple, list[int]] | None = (
            None  # concept -> (actual, rate): budget implied by a rate
        )

    # -- helpers -----------------------------------------------------------------
    def levels_before(self, pos: int, start: int) -> list[int]:
        return [
            i for i in self.doc.figures_in(start, pos) if self.doc.is_level(i) and self.figs[i].end <= pos
        ]

    def find_by_name(self, name: str, before: int, exclude: set[int] = frozenset()) -> int | None:
        """The latest level amount before `before` (within LOOKBACK_PARAGRAPHS) whose label names
        the same thing as `name`: the same concept and scope, or the same words when no concept
        is known; a budget only for a budget."""
        concept = self.vocab.concept(name)
        key = ("c", concept, self.vocab.scope(name)) if concept is not None else ("k", _key(name))
        if key[-1] == "":
            return None
        budget = self.ph.is_budget(name)
        para = self.doc.paragraph_of(before)
        start = self.doc.paragraph_starts[max(0, para - LOOKBACK_PARAGRAPHS)]
        found = self._names().get((*key, budget), [])
        k = bisect_left(found, before, key=lambda i: self.figs[i].start)
        while k > 0:
            k -= 1
            i = found[k]
            if self.figs[i].start < start:
                return None
            if i not in exclude:
                return i
        return None

    def _names(self) -> dict[tuple, list[int]]:
        """Every level amount by what its label names (concept and scope, or its words), once."""
        if self._by_name is None:
            self._by_name = {}
            for i in range(len(self.figs)):
                if not self.doc.is_level(i):
                    continue
                label = self.doc.label(i)
                concept = self.vocab.concept(label)
                budget = self.ph.is_budget(label)
                keys = [("k", _key(label), budget)]
                if concept is not None:
                    keys.append(("c", concept, self.vocab.scope(label), budget))
                for key in keys:
                    self._by_name.setdefault(key, []).append(i)
        return self._by_name

    # -- breakdowns --------------------------------------------------------------
    def breakdowns(self) -> None:
        doc, t = self.doc, self.doc.text.text
        for m in self.ph.breakdown.finditer(t):
            pos, end = m.start(), m.end()
            k = doc.sentence_of(pos)
            s0, s1 = doc.sentence_span(k)
            before = self.doc.figures_in(s0, pos)
            heuristic = False
            total = None
            subject_start = self.figs[before[-1]].end if before else s0
            subject = t[subject_start:pos]
            if before and _FILLER.match(subject) and doc.is_level(before[-1]):
                total = before[-1]
            elif _CJK.search(subject):
                name = re.sub(r"^[年度\s]+", "", subject.strip(" ，,；;：:。"))
                total = self.find_by_name(name, pos)
                heuristic = True
            elif not before and _FILLER.match(subject) and m.group().startswith("其中"):
                p0, _ = doc.paragraph_span(doc.paragraph_of(pos))
                firsts = [i for i in self.doc.figures_in(p0, pos) if doc.figures[i].is_amount]
                if firsts and doc.is_level(firsts[0]) and len(doc.label(firsts[0])) >= 2:
                    total = firsts[0]
                    heuristic = True
            if total is None:
                self.out.skip("breakdown: total not found")
                continue
            parts = self._parts(end, s1)
            if not parts and not t[end:s1].strip(" \n，,：:。"):
                parts = self._parts_below(doc.paragraph_of(pos))
            parts = [p for p in parts if doc.concept(p) is None or doc.concept(p) != doc.concept(total)]
            if not parts:
                continue
            self._breakdown(total, parts, heuristic)

    def _parts(self, start: int, stop: int) -> list[int]:
        parts = []
        nested = self.ph.breakdown.search(self.doc.text.text, start, stop)
        if nested:
            stop = nested.start()
        for i in self.doc.figures_in(start, stop):
            if self.doc.is_level(i) and not _PRIOR_VALUE.search(self._wide_prefix(i)):
                parts.append(i)
        return parts

    def _wide_prefix(self, i: int) -> str:
        """The text before figure i back to the previous figure that is not a year."""
        j = i - 1
        while j >= 0 and self.figs[j].kind in ("year", "date"):
            j -= 1
        start = self.figs[j].end if j >= 0 else 0
        return self.doc.text.text[max(start, self.figs[i].start - 40) : self.figs[i].start]

    def _parts_below(self, para: int) -> list[int]:
        doc = self.doc
        parts: list[int] = []
        for q in range(para + 1, min(para + 12, len(doc.paragraph_starts))):
            s, e = doc.paragraph_span(q)
            if not doc.text.text[s:e].strip():
                continue
            if doc.is_heading(q):
                break
            inside = [i for i in self.doc.figures_in(s, e) if doc.figures[i].kind in ("amount", "percent")]
            if not inside or not doc.is_level(inside[0]):
                break
            first = inside[0]
            label = doc.label(first)
            lead = doc.text.text[s : doc.figures[first].start]
            if not label or len(label) > 20 or len(lead.strip()) > len(label) + 4:
                break
            parts.append(first)
        return parts

    def _breakdown(self, total: int, parts: list[int], heuristic: bool) -> None:
        doc = self.doc
        T = self.figs[total]
        P = [self.figs[p] for p in parts]
        for p in parts:
            self.part_of[p] = (total, parts)
        labels = [doc.label(p) for p in parts]
        # complete when the shares of every part add up to 100%, or every component is named
        shares = [self._share_after(p) for p in parts]
        complete = False
        if all(s is not None for s in shares) and len(parts) >= 2:
            lo = sum(self.figs[s].loose.lo for s in shares)
            hi = sum(self.figs[s].loose.hi for s in shares)
            complete = lo <= 100 <= hi
        concept = doc.concept(total)
        if not complete and concept is not None:
            named = {doc.concept(p) for p in parts}
            complete = any(
                named == set(ids) for ids in self.vocab.identities_of(concept, self._scope_of(total))
            )
        desc_parts = " + ".join(labels)
        roles = ["总数"] + ["部分"] * len(P)
        # a part in another unit that only the total's unit makes add up: a unit slip
        odd = [k for k, f in enumerate(P) if f.unit != T.unit]
        if len(odd) == 1 and len(P) >= 2:
            slip = P[odd[0]]
            fixed = replace(slip, unit=T.unit)
            rel = SumRelation("FA101", T, P, roles, f"{doc.label(total) or '总数'} = {desc_parts}", heuristic)
            if rel.judge() == "fail" and rel.judge({1 + odd[0]: fixed}) in ("ok", "truncation"):
                rel.code = "FA103"
                rel.context["unit_slip"] = (1 + odd[0], fixed)
                self.out.relations.append(rel)
                return
        part_units = {f.unit for f in P if f.value != 0}
        if len(part_units) == 1 and T.unit not in part_units and T.is_amount:
            # the total in another unit than every nonzero part: 总额198.33元，其中货物198.33万元…
            fixed = replace(T, unit=part_units.pop())
            rel = SumRelation("FA101", T, P, roles, f"{doc.label(total) or '总数'} = {desc_parts}", heuristic)
            if rel.judge() == "fail" and rel.judge({0: fixed}) in ("ok", "truncation"):
                rel.code = "FA103"
                rel.context["unit_slip"] = (0, fixed)
                self.out.relations.append(rel)
                return
        if complete:
            self.out.relations.append(
                SumRelation("FA101", T, P, roles, f"{doc.label(total) or '总数'} = {desc_parts}", heuristic)
            )
        elif len(P) >= 2 and len(set(labels)) == len(labels) and all(labels):
            # a list that reaches its total exactly ends there: what follows is another statement
            for n in range(2, len(P)):
                head = SumRelation(
                    "FA101",
                    T,
                    P[:n],
                    roles[: n + 1],
                    f"{doc.label(total) or '总数'} = {' + '.join(labels[:n])}",
                    heuristic,
                )
                if head.judge() == "ok":
                    self.out.relations.append(head)
                    return
            self.out.relations.append(
                PartialSumRelation("FA102", T, P, roles, f"{desc_parts} ≤ {doc.label(total) or '总数'}", True)
            )

    def _scope_of(self, i: int) -> str:
        """The scope figure i is stated in: its label's words, its breakdown totals', its headings'."""
        labels, j = [self.doc.label(i)], i
        while j in self.part_of and len(labels) < 4:
            j = self.part_of[j][0]
            labels.append(self.doc.label(j))
        if self._binder is None:
            self._binder = Binder(self.doc)
        return self._binder.scope_at(self.figs[i].start, *labels)

    def _share_after(self, i: int) -> int | None:
        j = i + 1
        if (
            j < len(self.figs)
            and self.figs[j].is_percent
            and self.doc.sentence_of(self.figs[j].start) == self.doc.sentence_of(self.figs[i].start)
        ):
            m = self.ph.share.search(self.doc.prefix(j))
            if m and not m.group("base") and _FILLER.match(self.doc.prefix(j)[: m.start()]):
                return j
        return None

    # -- shares ------------------------------------------------------------------
    def shares(self) -> None:
        doc = self.doc
        for j, f in enumerate(self.figs):
            if not f.is_percent:
                continue
            pre = doc.prefix(j)
            m = self.ph.share.search(pre)
            if not m or not _FILLER.match(pre[: m.start()]) or j == 0:
                continue
            part = j - 1
            P = self.figs[part]
            if not P.is_amount or doc.sentence_of(P.start) != doc.sentence_of(f.start):
                self.out.skip("share: no amount before it")
                continue
            if doc.direction(part):  # a share of a change is not a share of a total
                continue
            if P.value == 0 and P.decimals == 0 and f.value != 0:
                self.zero_shares.add(j)
                self.out.observations.append(
                    Observation(
                        "FA202",
                        [f, P],
                        ["占比", "部分"],
                        f"{doc.label(part)}为{_cn(P)}，却写“占{_cn(f)}”：零占任何总数都是0%",
                        _cn(f),
                        "0%",
                        "impossible_share",
                    )
                )
                continue
            base_name = m.group("base")
            heuristic = False
            if base_name:
                base = self.find_by_name(base_name, P.start, {part})
                heuristic = True
                if base is None:
                    self.out.skip("share: named base not found")
                    continue
            elif part in self.part_of:
                base = self.part_of[part][0]
            else:
                self.out.skip("share: base not stated")
                continue
            B = self.figs[base]
            rel = RatioRelation(
                "FA201",
                f,
                [P, B],
                ["占比", "部分", "总数"],
                f"{doc.label(part)} ÷ {doc.label(base) or '总数'}",
                heuristic,
            )
            rel.alternatives = self._alternatives(part, {part, base})
            rel.context["base_index"] = 2
            self.out.relations.append(rel)

    def shares_sum(self) -> None:
        seen: set[int] = set()
        for part, (total, parts) in self.part_of.items():
            if total in seen:
                continue
            seen.add(total)
            shares = [self._share_after(p) for p in parts]
            got = [s for s in shares if s is not None]
            if len(got) < 2:
                continue
            lo = sum(self.figs[s].interval.lo for s in got if s not in self.zero_shares)
            if lo > 100:
                figs = [self.figs[s] for s in got]
                self.out.observations.append(
                    Observation(
                        "FA202",
                        figs,
                        ["占比"] * len(figs),
                        f"同一总数下各部分占比合计{sum(f.value for f in figs)}%，超过100%",
                        f"{sum(f.value for f in figs)}%",
                        "≤100%",
                        "impossible_share",
                        culprit=False,
                    )
                )

    # -- changes -----------------------------------------------------------------
    def changes(self) -> None:
        doc, t = self.doc, self.doc.text.text
        for j, r in enumerate(self.figs):
            if not r.is_percent or j == 0:
                continue
            rdir = doc.direction(j)
            if rdir is None:
                continue
            d = j - 1
            D = self.figs[d]
            if not D.is_amount or doc.sentence_of(D.start) != doc.sentence_of(r.start):
                continue
            if len(t[D.end : r.start]) > 8:
                continue
            ddir = doc.direction(d)
            if ddir is None or ddir == "?" or rdir == "?":
                if ddir == "?" or rdir == "?":
                    self.out.skip("change: direction words as a template (增加/减少)")
                continue
            if D.value == 0 and r.value == 0:
                continue
            if ddir != rdir and D.value != 0 and r.value != 0:
                self.out.observations.append(
                    Observation(
                        "FA302",
                        [D, r],
                        ["变动额", "变动率"],
                        f"变动额写“{'增加' if ddir == '+' else '减少'}{_cn(D)}”，变动率却写“{'增长' if rdir == '+' else '下降'}{_cn(r)}”：方向矛盾",
                        f"{'增长' if rdir == '+' else '下降'}{_cn(r)}",
                        f"{'增长' if ddir == '+' else '下降'}",
                        "direction_word",
                    )
                )
                continue
            sign = 1 if ddir == "+" else -1
            k = doc.sentence_of(D.start)
            s0, _ = doc.sentence_span(k)
            # the comparison marker (与/比/较 …) and a stated prior value between it and the change
            seg = t[s0 : D.start]
            marks = list(self.ph.comparison.finditer(seg))
            mark = s0 + marks[-1].start() if marks else D.start
            between = self.levels_before(D.start, mark)
            if marks and between:
                prior = between[-1]
                Pf = self.figs[prior]
                base, _ = self._base_before(mark, s0)
                if base is not None:
                    self.out.relations.append(
                        ChangeAmountRelation(
                            "FA303",
                            D,
                            [self.figs[base], Pf],
                            ["变动额", "本年数", "上年数"],
                            f"{doc.label(base) or '本年数'} − {doc.label(prior) or '上年数'}",
                            sign=sign,
                        )
                    )
                rate = RatioRelation(
                    "FA301",
                    r,
                    [D, Pf],
                    ["变动率", "变动额", "上年数"],
                    f"变动额 ÷ {doc.label(prior) or '上年数'}",
                )
                rate.alternatives = self._alternatives(
                    d, {prior, d} | ({base} if base is not None else set())
                )
                rate.context["base_index"] = 2
                rate.context["change_sign"] = sign  # another total may have stood for this year's figure
                if base is not None:  # this year's own figure is no "other" base: (X − d) is the prior
                    rate.context["not_a_base"] = self.figs[base]
                self.out.relations.append(rate)
                continue
            base, heuristic = self._base_before(mark, s0)
            if base is None:
                self.out.skip("change: base not found")
                continue
            X = self.figs[base]
            rel = ChangeRateRelation(
                "FA301",
                r,
                [X, D],
                ["变动率", "本年数", "变动额"],
                f"变动额 ÷ ({doc.label(base) or '本年数'} {'−' if sign > 0 else '+'} 变动额)",
                heuristic,
                sign=sign,
            )
            rel.alternatives = self._alternatives(d, {base, d})
            rel.context["base_index"] = 1
            self.out.relations.append(rel)

    def _base_before(self, mark: int, s0: int) -> tuple[int | None, bool]:
        levels = self.levels_before(mark, s0)
        if levels:
            return levels[-1], False
        p0, _ = self.doc.paragraph_span(self.doc.paragraph_of(mark))
        # a change opening a new sentence speaks of the paragraph's subject, not of a listed part
        levels = [i for i in self.levels_before(s0, p0) if i not in self.part_of]
        if levels:
            return levels[-1], True
        return None, False

    def _alternatives(self, anchor: int, exclude: set[int]) -> list[Figure]:
        """Other level amounts of the same paragraph: candidate bases for a wrong-base diagnosis."""
        p0, p1 = self.doc.paragraph_span(self.doc.paragraph_of(self.figs[anchor].start))
        return [
            self.figs[i] for i in self.doc.figures_in(p0, p1) if i not in exclude and self.doc.is_level(i)
        ]

    # -- completion rates --------------------------------------------------------
    def completions(self) -> None:
        doc = self.doc
        for j, r in enumerate(self.figs):
            if not r.is_percent or j == 0:
                continue
            pre = doc.prefix(j)
            if not self.ph.completion.search(pre):
                continue
            if self.ph.share.search(pre):
                continue
            k = doc.sentence_of(r.start)
            s0, _ = doc.sentence_span(k)
            levels = self.levels_before(r.start, s0)
            if not levels:
                continue
            actual = levels[-1]
            if self.ph.is_budget(doc.label(actual)):
                continue
            budgets = [i for i in levels[:-1] if self.ph.is_budget(doc.label(i))]
            if not budgets:
                concept = doc.concept(actual)
                if concept and self.figs[actual].value != 0 and r.value != 0:
                    self.implied.setdefault(concept, (actual, j))
                else:
                    self.out.skip("completion: budget not stated in the sentence")
                continue
            A = self.figs[actual]
            B = self.figs[budgets[-1]]
            if B.value == 0:
                if A.value == 0:
                    self.out.skip("completion: 0/0")
                    continue
                self.out.observations.append(
                    Observation(
                        "FA402",
                        [r, A, B],
                        ["完成率", "决算数", "预算数"],
                        f"预算数为{_cn(B)}，决算数{_cn(A)}，完成率无从计算，却写“{_cn(r)}”",
                        _cn(r),
                        "无（预算为零）",
                        "percentage_of_zero",
                    )
                )
                continue
            rel = RatioRelation(
                "FA401",
                r,
                [A, B],
                ["完成率", "决算数", "预算数"],
                f"{doc.label(actual) or '决算数'} ÷ {doc.label(budgets[-1]) or '预算数'}",
            )
            rel.alternatives = [self.figs[b] for b in budgets[:-1] if self.figs[b].value != 0]
            rel.context["base_index"] = 2
            rel.context["alternatives_accept"] = True
            self.out.relations.append(rel)

    def implied_budgets(self) -> None:
        """A part's budget cannot exceed its whole's: budgets implied by completion rates (actual / rate)."""
        for whole, parts in self.vocab.identities:
            if whole not in self.implied:
                continue
            wa, wr = self.implied[whole]
            W, Wr = self.figs[wa], self.figs[wr]
            whole_budget = _implied_budget(W, Wr)
            for part in parts:
                if part not in self.implied:
                    continue
                pa, pr = self.implied[part]
                P, Pr = self.figs[pa], self.figs[pr]
                part_budget = _implied_budget(P, Pr)
                if whole_budget is None or part_budget is None or part_budget.lo <= whole_budget.hi:
                    continue
                fixed = next(
                    (
                        cand
                        for cause, cand in misspellings(Pr)
                        if cause == "misplaced_decimal"
                        and (b := _implied_budget(P, cand)) is not None
                        and b.meets(whole_budget)
                    ),
                    None,
                )
                unit = P.unit
                self.out.observations.append(
                    Observation(
                        "FA403",
                        [Pr, P, Wr, W],
                        ["完成率", "决算数", "完成率", "决算数"],
                        f"{self.doc.label(pa)}{_cn(P)}完成预算{_cn(Pr)}，推算预算约{P.value * 100 / Pr.value:.2f}{unit}；"
                        f"而{self.doc.label(wa)}{_cn(W)}完成预算{_cn(Wr)}，"
                        f"推算预算约{W.value * W.scale * 100 / Wr.value / P.scale:.2f}{unit}：部分的预算不能大于整体",
                        _cn(Pr),
                        _cn(fixed) if fixed else f"≥{P.value * P.scale * 100 / whole_budget.hi:.2f}%",
                        "misplaced_decimal" if fixed else None,
                    )
                )

    # -- year labels ---------------------------------------------------------------
    def year_labels(self) -> None:
        """This year's figure labelled with another year (FA501): seen when the sentence goes on
        with 本年's parts, compares the figure with the previous year, or when the same concept's
        current figure is stated with the same value elsewhere in the report."""
        doc, t = self.doc, self.doc.text.text
        if doc.year is None:
            return
        for i, f in enumerate(self.figs):
            if f.kind != "year" or f.value == doc.year or i + 1 >= len(self.figs):
                continue
            nxt = i + 1
            if not doc.is_level(nxt):
                continue
            gap = t[f.end : self.figs[nxt].start]
            if any(c in gap for c in BOUNDARY) or len(gap) > 20:
                continue
            k = doc.sentence_of(f.start)
            s0, s1 = doc.sentence_span(k)
            if self.ph.comparison.search(t[s0 : f.start][-4:]) or "上年" in gap:
                continue
            concept = doc.concept(nxt)
            year, amount = int(f.value), _cn(self.figs[nxt])
            after = t[self.figs[nxt].end : s1]
            if self.ph.is_budget(gap) and not _COMPLETION_LATER.search(after):
                continue  # another year's budget, spoken of as such
            if "本年" in after and "其中" in after and concept not in ("income_year", "expense_year"):
                why = f"{doc.year}年度的报告把本年数{amount}写成“{year}年度”，而同句的构成写的是“本年”"
            elif (m := _COMPARED.match(after)) and self._compares_with_previous(m.group("with"), year):
                why = f"{doc.year}年度的报告把本年数{amount}写成“{year}年”，而同句把它与{m.group('with')}相比"
            elif "本年" in gap and re.match(
                r"[，,:：\s]*(?:其中|包括)", after
            ):  # this year's structure, another year's label
                why = f"{doc.year}年度的报告写“{year}年{gap.strip()}”：本年数标成了{year}年"
            elif self.ph.is_budget(doc.label(nxt)) and _COMPLETION_LATER.search(after):
                why = (
                    f"{doc.year}年度的报告把本年的预算{amount}标成“{year}年”，而同句写的是本年的决算和完成率"
                )
            elif (
                concept == "procurement"
                and not self.ph.comparison.search(t[s0:s1])
                and "上年" not in t[s0:s1]
                and f"{doc.year}年" not in t[s0:s1]
            ):  # "2020年…，2021年…": both years spoken of
                why = f"{doc.year}年度的报告把本年的政府采购支出总额{amount}标成“{year}年”"
            elif (other := self._restated(nxt)) is not None:
                why = (
                    f"{doc.year}年度的报告把{amount}写成“{year}年”的数，而同一数在第{doc.text.position(self.figs[other].start)[0]}行"
                    f"是本年数"
                )
            else:
                continue
            self.out.observations.append(
                Observation(
                    "FA501",
                    [f, self.figs[nxt]],
                    ["年份", "金额"],
                    why,
                    f"{year}年",
                    f"{doc.year}年",
                    "year_label",
                )
            )

    def _compares_with_previous(self, compared: str, year: int) -> bool:
        if compared.startswith(("上年", "上一年", "去年", "同期")):
            return True
        m = re.match(r"(\d{4})", compared)
        return bool(m) and (int(m.group(1)) == self.doc.year - 1 or int(m.group(1)) >= year)

    def _restated(self, i: int) -> int | None:
        """Another statement of figure i's concept and scope, as this year's figure, with its value."""
        binder = self.out.binder
        if binder is None or self.figs[i].value == 0:
            return None
        fact = binder.bind(i)
        if fact is None:
            return None
        fig = self.figs[i]
        for other in self.out.facts:
            o = self.figs[other.index]
            if (
                other.index != i
                and other.period == "current"
                and (other.concept, other.scope) == (fact.concept, fact.scope)
                and o.unit == fig.unit
                and o.value == fig.value
                and not self._year_before(other.index)
            ):
                return other.index
        return None

    def _year_before(self, i: int) -> bool:
        """Figure i is labelled with a year other than the report's."""
        j = i - 1
        return (
            j >= 0
            and self.figs[j].kind == "year"
            and self.figs[j].value != self.doc.year
            and not any(c in self.doc.text.text[self.figs[j].end : self.figs[i].start] for c in BOUNDARY)
        )

    def garbled(self) -> None:
        for f in self.figs:
            if f.note:
                self.out.observations.append(
                    Observation(
                        "FA601",
                        [f],
                        ["数字"],
                        f"数字书写有误：{f.note}",
                        self.doc.as_written(f),
                        f"{f.number}{f.unit}" if f.kind != "unreadable" else "无法读出",
                        "garbled",
                    )
                )

    # -- budgets adjusted during the year ----------------------------------------------
    def adjusted_budgets(self) -> None:
        """年初预算数X，年中追加（调减）预算Y，全年预算数Z in one sentence: Z = X ± Y (FA811)."""
        doc = self.doc
        seen: set[int] = set()
        for i, f in enumerate(self.figs):
            if not f.is_amount or i in seen:
                continue
            k = doc.sentence_of(f.start)
            s0, s1 = doc.sentence_span(k)
            levels = [j for j in doc.figures_in(s0, s1) if doc.is_level(j)]
            seen.update(levels)
            roles: dict[str, int] = {}
            sign = 1
            for j in levels:
                label = doc.label(j)
                if _INITIAL.search(label):
                    roles.setdefault("initial", j)
                elif m := _ADJUSTMENT.search(label):
                    roles.setdefault("adjust", j)
                    sign = -1 if m.group("down") else 1
                elif _ADJUSTED.search(label):
                    roles.setdefault("adjusted", j)
            if len(roles) < 3 or not roles["initial"] < roles["adjust"] < roles["adjusted"]:
                continue
            X, Y, Z = (self.figs[roles[r]] for r in ("initial", "adjust", "adjusted"))
            if sign < 0:
                Y = replace(Y, value=-Y.value, number=f"-{Y.number}") if Y.value > 0 else Y
                rel = SumRelation(
                    "FA811",
                    Z,
                    [X, Y],
                    ["全年预算数", "年初预算数", "调减预算"],
                    "全年预算数 = 年初预算数 − 调减数",
                )
            else:
                rel = SumRelation(
                    "FA811",
                    Z,
                    [X, Y],
                    ["全年预算数", "年初预算数", "追加预算"],
                    "全年预算数 = 年初预算数 + 追加数",
                )
            self.out.relations.append(rel)

    # -- identities across the document --------------------------------------------
    def identities(self) -> None:
        """DOMAIN.md's identities over the facts bound anywhere in the report (balance
        identities, 三公 tree, 基本支出 …), when the total and every part are stated in one
        scope and period. A total already checked against a stated breakdown is left to it."""
        binder = self._binder or Binder(self.doc)  # one binder per document: headings are read once
        binder.parent_of = {part: total for part, (total, _) in self.part_of.items()}
        facts = binder.facts()
        self.out.binder, self.out.facts = binder, facts
        first: dict[tuple, Fact] = {}
        values: dict[tuple, set] = {}
        for fact in facts:
            first.setdefault(fact.key, fact)
            fig = self.figs[fact.index]
            values.setdefault(fact.key, set()).add(fig.value * fig.scale)
        totals = {id(r.result) for r in self.out.relations if isinstance(r, SumRelation)}
        for (concept, scope, period), tfact in first.items():
            for parts in self.vocab.identities_of(concept, scope):
                self._identity(tfact, parts, first, values, totals)
        self._named_sums(binder, first, values)
        classes, skipped = class_items(self.doc, binder, facts)
        self.out.relations.extend(classes)
        for why, n in skipped.items():
            self.out.skipped[why] = self.out.skipped.get(why, 0) + n

    def _named_sums(self, binder: Binder, first: dict, values: dict) -> None:
        """本年收入合计与年初结转和结余共计1782.47万元: a sum of quantities named, not stated, here."""
        for i, fig in enumerate(self.figs):
            if not fig.is_amount or not self.doc.is_level(i):
                continue
            if not _SUM_WORD.search(self.doc.prefix(i)):
                continue
            m = _NAMED_SUM.match(binder.label(i))
            if not m:
                continue
            keys = []
            for piece in (m.group("a"), m.group("b")):
                concept = self.vocab.concept(piece)
                key = (concept, binder.scope_at(fig.start, piece), "current")
                if concept is None or key not in first or len(values[key]) > 1 or first[key].index == i:
                    break
                keys.append(key)
            else:
                P = [self.figs[first[k].index] for k in keys]
                self.out.relations.append(
                    SumRelation("FA105", fig, P, ["合计", "部分", "部分"], f"{m.group('a')} + {m.group('b')}")
                )
                # the sum is itself a figure of the report: 本年支出合计与年末结转和结余共计 is 支出总计
                # when the identity's other parts are not stated or are zero
                named = {k[0] for k in keys}
                scope = keys[0][1]
                for total, parts in self.vocab.identities:
                    rest = [p for p in parts if p not in named]
                    if named <= set(parts) and all(
                        (p, scope, "current") not in first
                        or self.figs[first[(p, scope, "current")].index].value == 0
                        for p in rest
                    ):
                        project, top, sub = binder.context(fig.start)
                        self.out.facts.append(Fact(i, total, scope, "current", sub or top or project, ""))
                        break

    def _identity(
        self, tfact: Fact, parts: tuple[str, ...], first: dict, values: dict, totals: set[int]
    ) -> None:
        concept, scope, period = tfact.key
        keys = [(p, scope, period) for p in parts]
        present = [k for k in keys if k in first]
        if len(present) < 2:
            return
        T = self.figs[tfact.index]
        if id(T) in totals or any(len(values[k]) > 1 for k in [tfact.key, *present]):
            return
        P = [self.figs[first[k].index] for k in present]
        labels = [self.doc.label(first[k].index) or k[0] for k in present]
        desc = f"{self.doc.label(tfact.index) or concept} = {' + '.join(labels)}"
        roles = ["总数"] + ["部分"] * len(P)
        if len(present) == len(keys):
            self.out.relations.append(SumRelation("FA105", T, P, roles, desc))
        else:
            self.out.relations.append(
                PartialSumRelation("FA105", T, P, roles, desc.replace(" = ", " ≥ "), True)
            )

    def run(self) -> Extraction:
        self.breakdowns()
        self.shares()
        self.shares_sum()
        self.changes()
        self.completions()
        self.implied_budgets()
        self.garbled()
        self.adjusted_budgets()
        self.identities()
        self.year_labels()
        tables = self_evaluations(self.doc)
        self.out.relations.extend(tables.relations)
        section = "绩效自评表"
        binder = self.out.binder
        for fig, concept, scope, period, label, unit in tables.facts:
            k = self.doc.index_of(fig)
            if k is None:
                continue
            if not scope:  # the scope the table stands in: a project's self-evaluation, or the department
                project = binder.context(fig.start)[0] if binder is not None else ""
                scope = project_scope(project) if project else "all"
            self.out.facts.append(Fact(k, concept, scope, period, section, label, unit or None))
        for why, n in tables.skipped.items():
            self.out.skipped[why] = self.out.skipped.get(why, 0) + n
        return self.out


def _implied_budget(actual: Figure, rate: Figure) -> Interval | None:
    """The budget, in yuan, that `actual` spent at completion `rate` implies (rounded or truncated)."""
    spent, r = actual.in_yuan(actual.loose), rate.loose
    if r.lo <= 0:
        return None
    return Interval(spent.lo * 100 / r.hi, spent.hi * 100 / r.lo)


def _key(name: str) -> str:
    return re.sub(r"[的总额合计数年度决算\s“”\"]|\d", "", name)


def extract(doc: Document) -> Extraction:
    return Extractor(doc).run()
