"""The fact model: each level amount bound to a concept, a scope, a period and a place.

A figure is bound only when its label says what it is without guessing: once the concept's
synonym, the scope words, the department's name, the year and filler words (rules/concepts.toml,
``[binding]``) are taken out of the label, nothing may remain. Otherwise the figure stays
unbound and takes part in no cross-reference (it is counted as unchecked, not guessed at).

The scope is the label's own scope words, else the scope words of the section headings above
it (``七、“三公”经费财政拨款支出决算情况说明`` makes its figures 财政拨款 figures). Figures in
an appendix about one project (a 绩效自评报告) are scoped to that project. The period is the
prior year when the label says 上年 or names the previous year, the budget when its last
budget word comes after its last actual word, else the report's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.rules import Vocabulary, phrases, vocabulary
from ..parse.document import BOUNDARY, Document
from ..parse.sections import PROJECT_TITLE, Sections

_TITLE_DEPT = re.compile(
    r"^[ \t]*([^\s\d，,。]{0,40}?)[ \t]*(?:20\d\d|19\d\d)年度?[ \t]*"
    r"([^\s\d，,。:：]{0,40}?)(?:部门|单位)?(?:决算|绩效)",
    re.M,
)
_ORGANISATION = re.compile(
    r"(?:局|中心|委员会|委|办公室|办|院|所|站|厅|部|会|队|馆|校|处|署|社|集团|公司|政府|机关)$"
)
_YEAR = re.compile(r"(?:19|20)\d\d年度?|\d{1,2}月份?|\d{1,2}日")
_LABEL_LEAD = re.compile(
    r"^(?:[\s、，,:：.．]|\d+[.、]|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、)+|(?:为|是|共计|合计为|决算数为|决算为|约)$"
)
_ONLY_MARKS = re.compile(r"^[\s\W_\d]*$")
_HEAD_MARK = re.compile(r"^(?:第[一二三四五六七八九十]+部分[:：]?|[一二三四五六七八九十\d]+[、.])\s*")


_BOTH_TOTALS = {"income_total": "expense_total", "expense_total": "income_total"}
_BOTH_WORDS = ("收、支总计", "收支总计")


@dataclass(frozen=True, slots=True)
class Fact:
    index: int  # the figure's index in Document.figures
    concept: str
    scope: str  # all | fin | gpb | gf | soc | project:<title>
    period: str  # current | prior | budget
    section: str  # the heading it stands under, for people
    label: str = ""  # what it is, for people, when the text before it does not say (table cells)
    unit: str | None = None  # the unit a table states once for all its cells

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.concept, self.scope, self.period)


class Binder:
    """Binds a document's level amounts to facts; keeps the sections and projects it found."""

    def __init__(
        self, doc: Document, parent_of: dict[int, int] | None = None, sections: Sections | None = None
    ) -> None:
        self.doc = doc
        # part -> total of the breakdown listing it: a part is bound only under a total of its own
        # concept's parent
        self.parent_of = parent_of or {}
        self.vocab = vocabulary()
        self.ph = phrases()
        self.sections = sections or Sections(doc)
        self.department = _department(doc.text.text)
        self.department_names = _name_variants(self.department)
        self.prior_year = str(doc.year - 1) if doc.year else None
        self._names: dict[str, list[str]] = {}  # project -> names to take out of labels
        self._labels: dict[int, str] = {}

    def context(self, pos: int) -> tuple[str, str, str]:
        """(project title or "", level-1 heading, level-2 heading) in force at offset pos."""
        return self.sections.context(pos)

    def scope_at(self, pos: int, *texts: str) -> str:
        """The scope in force at offset pos: a project's, else the first of `texts` (a label, the
        label of the total it is listed under …) that names one, else the headings above it."""
        project, top, sub = self.context(pos)
        if project:
            return project_scope(project)
        for text in (*texts, sub, top):
            scope = self.vocab.scope(text)
            if scope != "all":
                return scope
        return "all"

    def _strip(self, concept: str, project: str, label: str) -> str:
        """The label without the department's and project's names, then without the concept's
        synonyms and the scope words. The names vary from report to report and are taken out by
        plain replacement; the concept's pattern is compiled once per vocabulary (a corpus run
        would otherwise compile tens of patterns per document)."""
        names = self._names.get(project)
        if names is None:
            names = sorted(
                set(self.department_names) | set(_project_words(project) if project else ()),
                key=len,
                reverse=True,
            )
            self._names[project] = names
        for name in names:
            if name in label:
                label = label.replace(name, " ")
        return _concept_pattern(self.vocab, concept).sub(" ", label)

    def bind(self, i: int) -> Fact | None:
        doc = self.doc
        if not doc.is_level(i) and not self._is_score(i):
            return None
        label = self.label(i)
        if not label:
            return None
        concept = self.vocab.concept(label)
        if concept is None:
            return None
        if i in self.parent_of:
            parent = self.vocab.concept(self.label(self.parent_of[i]))
            if parent is None or not self.vocab.is_part(concept, parent):
                return None  # 其中 under another total: a 公务接待费 inside 机关运行经费 is not the 三公 one
        project, top, sub = self.context(doc.figures[i].start)
        residue = self._strip(concept, project, label)
        residue = _YEAR.sub(" ", residue)
        prior = (
            "上年" in residue
            or "上一年" in residue
            or (self.prior_year is not None and f"{self.prior_year}年" in label)
        )
        residue = _fillers(self.vocab).sub(" ", residue)
        if not _ONLY_MARKS.match(residue):
            # in a project's appendix, a shortened form of the project's name is still its name
            left = re.sub(r"[\s\W_\d]", "", residue)
            if not (project and len(left) >= 2 and set(left) <= set(project)):
                return None
        if prior:
            period = "prior"
        elif self.ph.is_budget(label):
            period = "budget"
        else:
            period = "current"
        parent = self.label(self.parent_of[i]) if i in self.parent_of else ""
        scope = self.scope_at(doc.figures[i].start, label, parent)
        return Fact(i, concept, scope, period, sub or top or project)

    def bind_budget(self, i: int) -> bool:
        """Figure i is a budget (its label's last budget word follows its last actual word)."""
        return self.ph.is_budget(self.label(i))

    def label(self, i: int) -> str:
        """The figure's label, read back over year figures (``财政安排2021年政务云…经费``)."""
        label = self._labels.get(i)
        if label is None:
            label = self._labels[i] = self._label(i)
        return label

    def _label(self, i: int) -> str:
        doc, t = self.doc, self.doc.text.text
        fig = doc.figures[i]
        start = doc.sentence_starts[doc.sentence_of(fig.start)]
        j = i - 1
        while j >= 0 and doc.figures[j].end > start and doc.figures[j].kind == "year":
            j -= 1
        if j >= 0:
            start = max(start, doc.figures[j].end)
        pre = t[start : fig.start]
        cut = max(map(pre.rfind, BOUNDARY))
        return _LABEL_LEAD.sub("", pre[cut + 1 :].strip()).strip()

    def _is_score(self, i: int) -> bool:
        """A score written with 分 (项目自评得分97.41分): bound like an amount, concept self_score."""
        fig = self.doc.figures[i]
        return fig.kind == "number" and self.doc.text.text[fig.end : fig.end + 1] == "分"

    def facts(self) -> list[Fact]:
        out = []
        for i in range(len(self.doc.figures)):
            fact = self.bind(i)
            if fact is not None:
                if self._is_score(i) != (fact.concept == "self_score"):
                    continue  # a score is only a score, and a score is only stated with 分
                out.append(fact)
                # 收、支总计 states both totals at once (a final account balances)
                if fact.concept in _BOTH_TOTALS and any(w in self.label(i) for w in _BOTH_WORDS):
                    out.append(
                        Fact(
                            i,
                            _BOTH_TOTALS[fact.concept],
                            fact.scope,
                            fact.period,
                            fact.section,
                            fact.label,
                            fact.unit,
                        )
                    )
        return out


def _department(text: str) -> str:
    """The department's name, from the report's title."""
    for m in _TITLE_DEPT.finditer(text[:3000]):
        name = _HEAD_MARK.sub("", m.group(1) or m.group(2))
        if len(name) >= 3 and _ORGANISATION.search(name):
            return name
    return ""


def project_scope(title: str) -> str:
    """The scope of a project's figures, from its title or name in any of the forms reports use
    (2021年政务云采购及建设项目支出绩效自评报告, 政务云采购及建设项目,
    一、政务云采购及建设项目绩效自评情况)."""
    name = re.sub(
        r"(?:19|20)\d\d年度?|项目|支出|绩效|自评|评价|报告|情况|结果|目标|表|[\s|:：()（）“”\"]", "", title
    )
    return f"project:{name or title}"


_PATTERNS: dict[tuple[int, str], re.Pattern[str]] = {}  # (vocabulary, concept) -> words to take out


def _fillers(vocab: Vocabulary) -> re.Pattern[str]:
    """The filler words a bound label may hold (rules/concepts.toml [binding]), compiled once."""
    key = (id(vocab), "fillers")
    got = _PATTERNS.get(key)
    if got is None:
        got = _PATTERNS[key] = re.compile(
            "|".join(re.escape(w) for w in sorted(vocab.fillers, key=len, reverse=True))
        )
    return got


def _concept_pattern(vocab: Vocabulary, concept: str) -> re.Pattern[str]:
    key = (id(vocab), concept)
    got = _PATTERNS.get(key)
    if got is None:
        if len(_PATTERNS) > 4096:  # rule packs loaded and unloaded many times: start again
            _PATTERNS.clear()
        words = {s for s, c in vocab.synonyms if c == concept} | {s for s, _ in vocab.scopes}
        got = _PATTERNS[key] = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return got


def _name_variants(name: str) -> list[str]:
    """A department's name and its shorter forms (四川省雅安市X局 → 雅安市X局 → X局)."""
    out = [name] if len(name) >= 2 else []
    for mark in ("省", "自治区", "市", "州", "县", "区"):
        k = name.find(mark)
        if 0 < k < len(name) - 2:
            out.append(name[k + len(mark) :])
    return out


def _project_words(title: str) -> list[str]:
    """The words of a project's title that its figures' labels may repeat (the project's name)."""
    name = re.sub(r"(?:19|20)\d\d年度?", "", title)
    name = PROJECT_TITLE.split(name)[0]
    name = re.sub(r"(?:支出)?绩效.*$", "", name)
    words = [name, name.replace("项目", "")]
    words += [w for w in re.split(r"[、和及与]", name) if len(w) >= 2]
    return [w for w in words if len(w) >= 2]
