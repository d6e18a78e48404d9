"""Across years, the facts of one report: its department and year, the figures it states and
the prior-year figures it states or implies.

Each report is identified by its department and year, read from its title
(``2021年度四川省雅安市政务服务和大数据局部门决算``, ``保山市隆阳区政务服务管理局2020年度部门决算``).
From each report two kinds of facts are kept (`facts_of_text`):

- **stated** — this year's level figures bound to a concept and scope of ``rules/concepts.toml``
  (``收、支总计2099.38万元`` → income_total, all), never a figure written after a comparison
  marker (``比上年决算收入1205.87万元`` is last year's) nor a budget;
- **prior** — last year's figures the report states or implies for a concept: stated
  (``比上年决算收入1205.87万元增加了911.5万元`` → 1205.87) or implied by a change
  (``收、支总计2099.38万元。与2020年相比……减少1251.96万元`` → 2099.38 + 1251.96 = 3351.34),
  only when the comparison names the previous year (``上年``, ``2020年``) — never a budget.

They are compared with the previous year's report by ``check.years`` (``run.years`` runs it
over a corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..core.intervals import Interval
    from ..core.rules import Vocabulary
    from ..parse.document import Document

_ORG_END = "局委办院厅部会心所站队处室馆社校团府署行司园场"
_CJK_NAME = r"[\u4e00-\u9fffA-Za-z()（） \t]"
_TITLE_YEAR_FIRST = re.compile(
    rf"(?P<year>(?:19|20)\d\d)\s*年度?\s*(?P<dept>{_CJK_NAME}{{2,40}}?)\s*(?:部门|单位)?决算"
)
_TITLE_DEPT_FIRST = re.compile(
    rf"(?P<dept>{_CJK_NAME}{{2,40}}?)\s*(?P<year>(?:19|20)\d\d)\s*年度?\s*(?:部门|单位)?决算"
)
_LEADING = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|本部门|本单位)+")
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:省|自治区)(?=[\u4e00-\u9fff]*[市州盟县区旗])")
_PREV_YEAR_WORDS = ("上年", "上一年", "去年", "上年度", "同期")
_CHANGE_WORDS = re.compile(r"(?:各|均|分别|共|总)?(?:增加|增长|上升|提高|减少|下降|降低|节约|增|减|了)+$")
TITLE_CHARS = 4000


@dataclass(frozen=True, slots=True)
class Cited:
    """A figure as written, where it is (enough to build an `Evidence` later; small to pickle)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    value: str
    unit: str
    label: str


@dataclass(frozen=True, slots=True)
class Stated:
    concept: str
    scope: str
    lo: Decimal  # in yuan, as rounded
    hi: Decimal
    loose_lo: Decimal  # rounded or truncated
    loose_hi: Decimal
    figure: Cited


@dataclass(frozen=True, slots=True)
class Prior:
    """Last year's value of a concept, as this report states or implies it (in yuan)."""

    concept: str
    scope: str
    lo: Decimal
    hi: Decimal
    loose_lo: Decimal
    loose_hi: Decimal
    how: str  # "implied" (this year's level and a change) or "stated"
    figures: tuple[tuple[str, Cited], ...]  # (role, figure)


@dataclass(slots=True)
class YearFacts:
    path: str
    department: str | None
    key: str | None  # the department as compared (province prefix and blanks dropped)
    year: int | None
    stated: list[Stated] = field(default_factory=list)
    prior: list[Prior] = field(default_factory=list)


# -- identity -----------------------------------------------------------------------------------
def identify(text: str) -> tuple[str | None, int | None]:
    """(department, year) from a report's title, or None for what it does not say."""
    head = text[:TITLE_CHARS]
    for line in head.splitlines():
        line = line.strip()
        if "决算" not in line:
            continue
        for pattern in (_TITLE_YEAR_FIRST, _TITLE_DEPT_FIRST):
            for m in pattern.finditer(line):
                dept = _clean_department(m.group("dept"))
                if dept:
                    return dept, int(m.group("year"))
    return None, None


def _clean_department(name: str) -> str | None:
    name = re.sub(r"\s+", "", name)
    name = _LEADING.sub("", name)
    name = re.sub(r"(?:部门|单位)$", "", name)
    if len(name) < 3 or name[-1] not in _ORG_END or name.endswith(("年度", "部门")):
        return None
    return name


def department_key(name: str) -> str:
    """The department as compared across years: blanks and a leading province name dropped."""
    name = re.sub(r"[\s()（）]", "", name)
    return _PROVINCE.sub("", name)


# -- facts of one report -------------------------------------------------------------------------
def facts_of_text(text: str, path: str = "<text>") -> YearFacts:
    from ..parse.document import Document

    department, year = identify(_plain(text))
    # identify names both or neither
    if department is None or year is None:
        return YearFacts(path, None, None, year)
    doc = Document.from_text(text, path)
    facts = YearFacts(path, department, department_key(department), year)
    _collect(doc, year, facts)
    return facts


def _plain(text: str) -> str:
    from ..read.normalize import normalize

    return normalize(text[: TITLE_CHARS * 2]).text


def _collect(doc: Document, year: int, facts: YearFacts) -> None:
    from ..core.rules import phrases, vocabulary

    ph, vocab = phrases(), vocabulary()
    t = doc.text.text
    figs = doc.figures
    comparison = ph.comparison
    for i, f in enumerate(figs):
        if not f.is_amount:
            continue
        k = doc.sentence_of(f.start)
        s0, _ = doc.sentence_span(k)
        before = t[s0 : f.start]
        marker = _last(comparison, before)
        direction = doc.direction(i)
        if direction is None and marker is None:
            label = doc.label(i)
            concept = vocab.concept(label)
            if (
                concept
                and not ph.is_budget(label)
                and not any(w in label for w in _PREV_YEAR_WORDS)
                and not _other_year(label, year)
            ):
                facts.stated.append(_stated(doc, i, concept, vocab.scope(label)))
            continue
        if direction not in ("+", "-") or marker is None:
            continue
        # the comparison this change answers, with no other amount or rate between it and the change
        levels = [j for j in doc.figures_in(s0, f.start) if doc.is_level(j)]
        last = levels[-1] if levels else None
        if last is not None and _quantities(doc, last + 1, i) == 0 and comparison.search(doc.prefix(last)):
            # ``比上年决算收入1205.87万元增加了911.5万元``: last year's figure is stated
            ref = doc.prefix(last)
            if not _names_previous_year(ref, year) or ph.is_budget(ref) or ph.is_budget(doc.label(last)):
                continue
            subject = levels[-2] if len(levels) > 1 else _this_year_level(doc, s0)
            concept, scope = _bind(doc, [last, i] + ([subject] if subject is not None else []), vocab)
            if concept is None:
                continue
            P = figs[last]
            facts.prior.append(
                _prior(doc, concept, scope, "stated", [("上年数", last)], P.interval, P.loose, P.scale)
            )
            continue
        seg0 = figs[last].end if last is not None else s0
        first = last + 1 if last is not None else doc.figures_in(s0, f.start).start
        if _quantities(doc, first, i):
            continue
        m = comparison.search(t, seg0, f.start)
        if m is None:
            continue
        ref = t[m.start() : f.start]
        if not _names_previous_year(ref, year) or ph.is_budget(ref):
            continue
        x = last if last is not None else _this_year_level(doc, s0)
        if x is None:
            continue
        concept, scope = _bind(doc, [i, x], vocab)
        if concept is None:
            continue
        X, D = figs[x], f
        sign = Decimal(1) if direction == "+" else Decimal(-1)
        # prior = X − sign·D, in yuan
        xi, di = X.in_yuan(), D.in_yuan()
        xl, dl = X.in_yuan(X.loose), D.in_yuan(D.loose)
        rounded, loose = (xi - di, xl - dl) if sign > 0 else (xi + di, xl + dl)  # interval arithmetic
        facts.prior.append(
            Prior(
                concept,
                scope,
                rounded.lo,
                rounded.hi,
                loose.lo,
                loose.hi,
                "implied",
                (("本年数", _cite(doc, x)), ("变动额", _cite(doc, i))),
            )
        )


def _last(pattern: re.Pattern[str], text: str) -> int | None:
    found = None
    for m in pattern.finditer(text):
        found = m.start()
    return found


def _names_previous_year(ref: str, year: int) -> bool:
    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", ref)]
    if years:
        return years[-1] == year - 1
    return any(w in ref for w in _PREV_YEAR_WORDS)


def _other_year(label: str, year: int) -> bool:
    return any(int(y) != year for y in re.findall(r"((?:19|20)\d\d)", label))


def _quantities(doc: Document, start: int, stop: int) -> int:
    """How many amounts and percentages are among figures start..stop-1."""
    return sum(1 for j in range(start, stop) if doc.figures[j].is_amount or doc.figures[j].is_percent)


def _this_year_level(doc: Document, s0: int) -> int | None:
    """The level a change opening a sentence is of: the one level of the previous sentence
    (``2021年度收、支总计2099.38万元。与2020年相比……减少1251.96万元``)."""
    k = doc.sentence_of(s0)
    if k == 0:
        return None
    p0, p1 = doc.sentence_span(k - 1)
    if doc.paragraph_of(p0) != doc.paragraph_of(s0) and doc.text.text[p0:p1].strip():
        # the previous sentence ends the previous paragraph: only when it is the line just before
        if doc.paragraph_of(s0) - doc.paragraph_of(p0) > 1:
            return None
    levels = [j for j in doc.figures_in(p0, p1) if doc.is_level(j)]
    if not levels:
        return None
    # only a sentence that states one level is read as the subject
    return levels[0] if len(levels) == 1 else None


def _bind(doc: Document, indices: list[int], vocab: Vocabulary) -> tuple[str | None, str]:
    """One concept and scope for figures that speak of the same thing, or None when they disagree."""
    concept = None
    scope = "all"
    for j in indices:
        label = _CHANGE_WORDS.sub("", doc.label(j))
        c = vocab.concept(label)
        if c is None:
            continue
        if concept is None:
            concept, scope = c, vocab.scope(label)
        elif c != concept:
            return None, "all"
    return concept, scope


def _cite(doc: Document, i: int) -> Cited:
    f = doc.figures[i]
    line, col = doc.text.position(f.start)
    end_line, end_col = doc.text.position(max(f.start, f.end - 1))
    return Cited(line, col, end_line, end_col + 1, doc.as_written(f), f"{f.value:f}", f.unit, doc.label(i))


def _stated(doc: Document, i: int, concept: str, scope: str) -> Stated:
    f = doc.figures[i]
    rounded, loose = f.in_yuan(), f.in_yuan(f.loose)
    return Stated(concept, scope, rounded.lo, rounded.hi, loose.lo, loose.hi, _cite(doc, i))


def _prior(
    doc: Document,
    concept: str,
    scope: str,
    how: str,
    roles: list[tuple[str, int]],
    interval: Interval,
    loose: Interval,
    scale: Decimal,
) -> Prior:
    rounded, either = interval.scale(scale), loose.scale(scale)
    cited = tuple((role, _cite(doc, j)) for role, j in roles)
    return Prior(concept, scope, rounded.lo, rounded.hi, either.lo, either.hi, how, cited)
