"""Cross-references: one quantity stated in several places, judged after the other relations,
whose support picks the statement to trust.

Duplicate facts are judged as XBRL judges them: two statements of one concept, scope and
period agree when they are the same figure at the same precision (``7.03`` and ``7.02`` do
not agree, though their rounding intervals touch), and, at different precisions or units,
when their rounding intervals meet (``1,031.24万元`` and ``10312400元`` agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..facts.binding import Fact
from ..parse.document import Document
from ..parse.figures import SLIPS, Figure, misspellings

#: Single-edit repairs specific enough to name a culprit when no arithmetic identity is stated.
SPECIFIC = tuple(SLIPS[:3])


def agree(a: Figure, b: Figure) -> bool:
    """Two statements of one quantity agree (see the module's docstring)."""
    if a.unit == b.unit and a.decimals == b.decimals:
        return a.value == b.value
    return a.in_yuan(a.interval).meets(b.in_yuan(b.interval))


@dataclass
class Disagreement:
    """One quantity stated differently: every statement, and which one is probably wrong."""

    facts: list[Fact]
    reference: list[Fact]  # the statements that agree with one another and are trusted
    culprits: list[Fact]  # the statements that disagree with the reference (all, when undecided)
    decided: bool
    cause: str | None = None
    suggested: Figure | None = None


@dataclass
class CrossReferences:
    disagreements: list[Disagreement] = field(default_factory=list)
    checked: int = 0
    consistent: int = 0
    figures: set[int] = field(default_factory=set)  # indices of the figures compared
    skipped: dict[str, int] = field(default_factory=dict)  # why statements were not compared


def figure_of(doc: Document, fact: Fact) -> Figure:
    """The fact's figure, in the unit its table states when the cell itself has none."""
    fig = doc.figures[fact.index]
    if fact.unit and not fig.unit:
        return replace(fig, unit=fact.unit, kind="amount")
    return fig


def _diagnose(
    fig: Figure, reference: Figure, only: tuple[str, ...] | None = None
) -> tuple[str | None, Figure | None]:
    for kinds in (only,) if only else (SPECIFIC, tuple(SLIPS[3:])):
        hits = [
            (SLIPS.index(c), c, cand)
            for c, cand in misspellings(fig, reference.unit, kinds)
            if agree(cand, reference)
        ]
        if hits:
            _, cause, cand = min(hits, key=lambda h: h[0])
            return cause, cand
    return None, None


_YEAR_LEAD = re.compile(r"\s*(?:(?:19|20)\d\d\s*年度?\s*[，,]?\s*)?")
# a sentence that opens by naming an organisation (商务部“三公经费”…, 2011年工商总局…)
_ORG_AT_START = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:总局|委员会|办公室|银行|医院|学校|中心|部|局|署|委|厅|院|馆|站|所)"
    r"(?=(?:19|20)\d\d|[“\"「]|去年|今年|本年|上年|全年|的|三公)"
)
_SELF = re.compile(r"[本我该全各其]")
# words of a clause, not of a name (负责落实老干部…, 关于审计署…, 根据我中心…)
_NOT_A_NAME = re.compile(r"负责|关于|根据|按照|拨付|隶属|接受|落实|是|对|向|由|在|为")


def organisation(doc: Document, fact: Fact) -> str:
    """The organisation the fact's sentence opens by naming, or "" (本部门, 我局: the report's own)."""
    s0, s1 = doc.sentence_span(doc.sentence_of(doc.figures[fact.index].start))
    text = doc.text.text[s0:s1]
    lead = _YEAR_LEAD.match(text)
    m = _ORG_AT_START.match(text, lead.end() if lead else 0)
    return "" if m is None or _SELF.match(m.group()) or _NOT_A_NAME.search(m.group()) else m.group()


def several_organisations(names: list[str]) -> bool:
    """Statements made of different organisations (one name is not part of the other: 商务部 and
    工商总局, not 审计局 and 某市审计局)."""
    named = {n for n in names if n}
    return any(not (a in b or b in a) for a in named for b in named)


# the fund and the level of government a paragraph of a government's account opens with
_FUND = re.compile(r"一般公共预算|政府性基金|国有资本经营|社会保险基金")
_PARAGRAPHS_BACK = 4
_LEVEL = re.compile(r"全(?:区|县|市|州|省|旗)|(?:区|县|市|州|省|旗)?本级")


def account(doc: Document, fact: Fact) -> tuple[str, str]:
    """(fund, level) the fact's paragraph, or the nearest before it that names them, opens with,
    each "" when not named (a paragraph broken off its sentence's line, as out of a PDF, names
    none of its own)."""
    p = doc.paragraph_of(doc.figures[fact.index].start)
    for k in range(p, max(-1, p - _PARAGRAPHS_BACK), -1):
        s0, s1 = doc.paragraph_span(k)
        lead = doc.text.text[s0 : min(s1, s0 + 16)]
        fund, level = _FUND.search(lead), _LEVEL.search(lead)
        if fund or level:
            return (fund.group() if fund else "", level.group() if level else "")
    return ("", "")


def several_accounts(accounts: list[tuple[str, str]]) -> bool:
    """Statements in paragraphs that open with different funds or levels, each naming one."""
    return any(len({a[k] for a in accounts if a[k]}) > 1 for k in (0, 1))


def duplicates(doc: Document, facts: list[Fact], support: dict[int, int], out: CrossReferences) -> None:
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in facts:
        groups.setdefault(fact.key, []).append(fact)
    for group in groups.values():
        figs = {f.index: figure_of(doc, f) for f in group}
        if len(group) < 2:
            continue
        if several_organisations([organisation(doc, f) for f in group]):
            # a text that quotes several departments (a news round-up): the same concept, of
            # different organisations, is not one quantity stated twice
            why = "same concept stated of different organisations"
            out.skipped[why] = out.skipped.get(why, 0) + 1
            continue
        if several_accounts([account(doc, f) for f in group]):
            # 全区政府性基金上年结余… / 区本级一般公共预算…上年结余…: one name for the balances of
            # several funds or levels of government, each paragraph opening with its own
            why = "same concept under different funds or levels"
            out.skipped[why] = out.skipped.get(why, 0) + 1
            continue
        clusters: list[list[Fact]] = []
        for fact in group:
            for cl in clusters:
                if agree(figs[cl[0].index], figs[fact.index]):
                    cl.append(fact)
                    break
            else:
                clusters.append([fact])
        out.checked += len(group) - 1
        out.figures.update(f.index for f in group)
        if len(clusters) == 1:
            out.consistent += len(group) - 1
            continue

        # the reference: the value stated most often, then the one other relations confirm
        def score(cl: list[Fact]) -> tuple[int, int]:
            return len(cl), sum(support.get(f.index, 0) for f in cl)

        ranked = sorted(clusters, key=score, reverse=True)
        decided = score(ranked[0]) > score(ranked[1])
        reference = ranked[0] if decided else []
        culprits = [f for cl in ranked[1:] for f in cl] if decided else list(group)
        dis = Disagreement(group, reference, culprits, decided)
        if decided and len(culprits) == 1:
            dis.cause, dis.suggested = _diagnose(figs[culprits[0].index], figs[reference[0].index])
        elif not decided and len(clusters) == 2 and all(len(cl) == 1 for cl in clusters):
            # two statements, nothing to tell them apart: a unit slip still shows which one
            a, b = figs[clusters[0][0].index], figs[clusters[1][0].index]
            for x, y, fx in ((a, b, clusters[0][0]), (b, a, clusters[1][0])):
                if not (x.unit == "元" and y.unit != "元"):
                    continue
                cause, cand = _diagnose(x, y, ("unit_slip",))
                if cause == "unit_slip":
                    dis.culprits, dis.reference, dis.decided = [fx], [f for f in group if f is not fx], True
                    dis.cause, dis.suggested = cause, cand
                    break
        out.disagreements.append(dis)


def _one_slip_once(out: CrossReferences) -> None:
    """A figure stated as two facts (收入、支出总计 is both totals) found wrong against one of
    them: the undecided disagreement it has with the other is the same slip, not another."""
    blamed = {f.index for d in out.disagreements if d.decided for f in d.culprits}
    out.disagreements = [
        d
        for d in out.disagreements
        if d.decided or len(d.facts) != 2 or not any(f.index in blamed for f in d.facts)
    ]


def cross_references(doc: Document, facts: list[Fact], support: dict[int, int]) -> CrossReferences:
    out = CrossReferences()
    duplicates(doc, facts, support, out)
    _one_slip_once(out)
    return out
