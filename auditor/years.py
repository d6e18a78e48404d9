"""Across reports and years: a report's prior-year figures against the previous year's report.

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

`compare_years` matches, for each department, the report of year *y* with the reports of year
*y − 1*: a prior figure is consistent when its interval (rounding, by interval arithmetic) meets
the interval of some figure the earlier report states for the same concept and scope (written
truncated counts as consistent too). Otherwise the finding (FA901 implied, FA902 stated) cites
figures of both documents, each evidence carrying its document's ``path``. A concept the earlier
report does not state is not checked. Prior-year figures are often restated for a change of
scope (口径调整), so these findings are warnings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Iterator

from .intervals import Interval

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .models import Evidence, Finding

_ORG_END = "局委办院厅部会心所站队处室馆社校团府署行司园场"
_CJK_NAME = r"[\u4e00-\u9fffA-Za-z()（） \t]"
_TITLE_YEAR_FIRST = re.compile(rf"(?P<year>(?:19|20)\d\d)\s*年度?\s*(?P<dept>{_CJK_NAME}{{2,40}}?)\s*(?:部门|单位)?决算")
_TITLE_DEPT_FIRST = re.compile(rf"(?P<dept>{_CJK_NAME}{{2,40}}?)\s*(?P<year>(?:19|20)\d\d)\s*年度?\s*(?:部门|单位)?决算")
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
    from .document import Document

    department, year = identify(_plain(text))
    if department is None:
        return YearFacts(path, None, None, year)
    doc = Document.from_text(text, path)
    facts = YearFacts(path, department, department_key(department), year)
    _collect(doc, year, facts)
    return facts


def _plain(text: str) -> str:
    from .normalize import normalize

    return normalize(text[: TITLE_CHARS * 2]).text


def _collect(doc: "Document", year: int, facts: YearFacts) -> None:
    from .rules import phrases, vocabulary

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
            if concept and not ph.is_budget(label) and not any(w in label for w in _PREV_YEAR_WORDS) \
                    and not _other_year(label, year):
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
            facts.prior.append(_prior(doc, concept, scope, "stated", [("上年数", last)], P.interval, P.loose, P.scale))
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
        facts.prior.append(Prior(concept, scope, rounded.lo, rounded.hi, loose.lo, loose.hi, "implied",
                                 (("本年数", _cite(doc, x)), ("变动额", _cite(doc, i)))))


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




def _quantities(doc: "Document", start: int, stop: int) -> int:
    """How many amounts and percentages are among figures start..stop-1."""
    return sum(1 for j in range(start, stop) if doc.figures[j].is_amount or doc.figures[j].is_percent)


def _this_year_level(doc: "Document", s0: int) -> int | None:
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


def _bind(doc: "Document", indices: list[int], vocab) -> tuple[str | None, str]:
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


def _cite(doc: "Document", i: int) -> Cited:
    f = doc.figures[i]
    line, col = doc.text.position(f.start)
    end_line, end_col = doc.text.position(max(f.start, f.end - 1))
    return Cited(line, col, end_line, end_col + 1, doc.as_written(f), f"{f.value:f}", f.unit, doc.label(i))


def _stated(doc: "Document", i: int, concept: str, scope: str) -> Stated:
    f = doc.figures[i]
    r, l = f.in_yuan(), f.in_yuan(f.loose)
    return Stated(concept, scope, r.lo, r.hi, l.lo, l.hi, _cite(doc, i))


def _prior(doc, concept, scope, how, roles, interval, loose, scale) -> Prior:
    r, l = interval.scale(scale), loose.scale(scale)
    return Prior(concept, scope, r.lo, r.hi, l.lo, l.hi, how, tuple((role, _cite(doc, j)) for role, j in roles))


# -- across reports -------------------------------------------------------------------------------
class FactStore:
    """The facts of many reports, kept in a SQLite file (not in memory) until they are compared:
    a corpus of any size is checked across years in flat memory. Only reports with a department
    and a year are kept (the others cannot be linked)."""

    def __init__(self, path: str | None = None) -> None:
        import os
        import sqlite3
        import tempfile

        self._tmp = None
        if path is None:
            fd, path = tempfile.mkstemp(prefix="auditor-years-", suffix=".sqlite")
            os.close(fd)
            self._tmp = path
        self.db = sqlite3.connect(path)
        self.db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE doc (id INTEGER PRIMARY KEY, path TEXT, key TEXT, year INTEGER);
            CREATE TABLE stated (doc INTEGER, concept TEXT, scope TEXT, lo TEXT, hi TEXT, loose_lo TEXT,
                                 loose_hi TEXT, figure TEXT);
            CREATE TABLE prior (doc INTEGER, concept TEXT, scope TEXT, lo TEXT, hi TEXT, loose_lo TEXT,
                                loose_hi TEXT, how TEXT, figures TEXT);
        """)
        self.count = 0

    def add(self, facts: YearFacts) -> None:
        import json

        if not facts.key or not facts.year:
            return
        cur = self.db.execute("INSERT INTO doc (path, key, year) VALUES (?, ?, ?)", (facts.path, facts.key, facts.year))
        doc = cur.lastrowid
        seen = set()
        rows = []
        for st in facts.stated:  # one row per distinct value of a concept
            k = (st.concept, st.scope, st.figure.value, st.figure.unit)
            if k not in seen:
                seen.add(k)
                rows.append((doc, st.concept, st.scope, str(st.lo), str(st.hi), str(st.loose_lo), str(st.loose_hi),
                             json.dumps(_cited_row(st.figure), ensure_ascii=False)))
        self.db.executemany("INSERT INTO stated VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO prior VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (doc, p.concept, p.scope, str(p.lo), str(p.hi), str(p.loose_lo), str(p.loose_hi), p.how,
             json.dumps([[role, _cited_row(c)] for role, c in p.figures], ensure_ascii=False)) for p in facts.prior])
        self.count += 1

    def compare(self) -> list["Finding"]:
        """Findings for reports whose prior-year figures disagree with the previous year's report."""
        return list(self.findings())

    def findings(self) -> Iterator["Finding"]:
        """The same findings, one at a time (grouped by later report, in key, year, path order)."""
        import json

        db = self.db
        db.executescript("CREATE INDEX IF NOT EXISTS doc_key ON doc (key, year);"
                         "CREATE INDEX IF NOT EXISTS stated_doc ON stated (doc, concept, scope);"
                         "CREATE INDEX IF NOT EXISTS prior_doc ON prior (doc);")
        pairs = db.execute("""
            SELECT l.id, l.path, l.key, l.year, e.id, e.path FROM doc l JOIN doc e ON e.key = l.key AND e.year = l.year - 1
            ORDER BY l.key, l.year, l.path, e.path""").fetchall()
        for later_id, later_path, key, year, earlier_id, earlier_path in pairs:
            later = YearFacts(later_path, None, key, year)
            earlier = YearFacts(earlier_path, None, key, year - 1)
            for concept, scope, lo, hi, llo, lhi, how, figures in db.execute(
                    "SELECT concept, scope, lo, hi, loose_lo, loose_hi, how, figures FROM prior WHERE doc = ? ORDER BY rowid",
                    (later_id,)):
                later.prior.append(Prior(concept, scope, Decimal(lo), Decimal(hi), Decimal(llo), Decimal(lhi), how,
                                         tuple((role, Cited(*row)) for role, row in json.loads(figures))))
            concepts = {(p.concept, p.scope) for p in later.prior}
            for concept, scope, lo, hi, llo, lhi, figure in db.execute(
                    "SELECT concept, scope, lo, hi, loose_lo, loose_hi, figure FROM stated WHERE doc = ? ORDER BY rowid",
                    (earlier_id,)):
                if (concept, scope) in concepts:
                    earlier.stated.append(Stated(concept, scope, Decimal(lo), Decimal(hi), Decimal(llo), Decimal(lhi),
                                                 Cited(*json.loads(figure))))
            yield from _compare(later, earlier)

    def close(self) -> None:
        import os

        self.db.close()
        if self._tmp:
            os.unlink(self._tmp)
            self._tmp = None

    def __enter__(self) -> "FactStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _cited_row(c: Cited) -> list:
    return [c.line, c.column, c.end_line, c.end_column, c.text, c.value, c.unit, c.label]


def compare_years(facts: Iterable[YearFacts]) -> list["Finding"]:
    """Findings for reports whose prior-year figures disagree with the previous year's report
    of the same department (facts of any number of reports; kept on disk, not in memory)."""
    with FactStore() as store:
        for f in facts:
            store.add(f)
        return store.compare()


def _compare(later: YearFacts, earlier: YearFacts) -> list["Finding"]:
    stated: dict[tuple[str, str], list[Stated]] = {}
    for s in earlier.stated:
        stated.setdefault((s.concept, s.scope), []).append(s)
    out = []
    seen: set[tuple] = set()
    for p in later.prior:
        candidates = stated.get((p.concept, p.scope))
        if not candidates:
            continue
        implied, loose = Interval(p.lo, p.hi), Interval(p.loose_lo, p.loose_hi)
        if any(implied.meets(Interval(c.lo, c.hi)) for c in candidates):
            continue
        if any(loose.meets(Interval(c.loose_lo, c.loose_hi)) for c in candidates):
            continue  # consistent if one of them was truncated rather than rounded
        key = (p.concept, p.scope, p.lo, p.hi)
        if key in seen:
            continue
        seen.add(key)
        out.append(_finding(later, earlier, p, candidates[0]))
    return out


def _evidence(path: str, role: str, c: Cited) -> "Evidence":
    from .models import Evidence

    return Evidence(line=c.line, column=c.column, end_line=c.end_line, end_column=c.end_column, text=c.text,
                    value=c.value, unit=c.unit, role=role, label=c.label, path=path)


def _yuan(value: Decimal, unit: str) -> str:
    from .figures import SCALES

    scale = SCALES.get(unit, Decimal(1))
    q = Decimal("0.01")
    return f"{(value / scale).quantize(q):f}{unit}"


def _finding(later: YearFacts, earlier: YearFacts, p: Prior, c: Stated) -> "Finding":
    from .models import Finding
    from .rules import catalogue

    code = "FA901" if p.how == "implied" else "FA902"
    rule = catalogue()[code]
    unit = c.figure.unit or p.figures[0][1].unit
    mid = (p.lo + p.hi) / 2
    other = (c.lo + c.hi) / 2
    evidence = [_evidence(later.path, role, fig) for role, fig in p.figures]
    evidence.append(_evidence(earlier.path, "上年报告数", c.figure))
    prev = later.year - 1 if later.year else None
    if p.how == "implied":
        (_, x), (_, d) = p.figures
        how = f"按本年数{x.text}与变动额{d.text}推算，{prev}年{x.label or d.label or p.concept}为{_yuan(mid, unit)}"
    else:
        (_, s), = p.figures
        how = f"写{prev}年{s.label or p.concept}为{s.text}"
    message = (f"{later.year}年度报告（{later.path}，第{p.figures[-1][1].line}行）{how}；"
               f"而{prev}年度报告（{earlier.path}，第{c.figure.line}行）写{c.figure.label or p.concept}{c.figure.text}，"
               f"相差{_yuan(abs(mid - other), unit)}")
    key = "|".join([code, later.key or "", str(later.year), p.concept, p.scope, f"{p.lo}", f"{c.figure.value}{c.figure.unit}"])
    return Finding(rule=code, name=rule.name, severity=rule.severity, message=message, evidence=evidence,
                   stated=_yuan(mid, unit), expected=f"{c.figure.value}{c.figure.unit}",
                   difference=_yuan(mid - other, unit), relation=f"{p.concept} ({p.scope}) of {prev}",
                   fingerprint=hashlib.sha1(key.encode()).hexdigest()[:16])


def audit_years(paths: Iterable[str], jobs: int | None = 1) -> list["Finding"]:
    """Read the reports the paths name (files, folders, globs) and compare consecutive years."""
    from .corpus import Options, audit_corpus

    facts = [o.years for o in audit_corpus(paths, jobs, options=Options(years=True, audit=False)) if o.years is not None]
    return compare_years(facts)
