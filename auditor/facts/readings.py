"""The statements a report's text makes, as the reader leaves them: each figure with its
subject and role (`Reading`), the lists that give a subject's parts (`ListBlock`), and what
could not be decided, counted by reason (`Reader.skipped`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..parse.figures import Figure
from .subjects import Subject


@dataclass(eq=False, slots=True)
class Reading:
    """One figure as its sentence states it."""

    index: int
    fig: Figure
    kind: str  # level | change | rate | share | completion | count | prior_level | ignored
    subject: Subject | None = None
    role: str = "actual"  # level: actual | budget | budget_initial | budget_adjusted
    period: str = "current"  # current | prior | y2019
    sign: int | None = None  # change, rate: +1 / -1; None when both words stand (增加(减少))
    base: str | None = None  # change, rate, prior_level: prior | budget… | y2019; None when unsaid
    share_base: Subject | None = None
    vague_base: bool = False  # the base named by a word reports use for two totals (收入总额)
    budget: Reading | None = None  # completion: the budget named inside the phrase
    sentence: int = 0
    paragraph: int = 0
    list_id: int | None = None  # the list this figure is an item of
    note: str = ""
    sum_of: tuple[Subject, Subject] | None = None  # A与B共计X: the two quantities X adds up
    in_parens: bool = False  # stated inside parentheses: an aside to the sentence
    per_unit: bool = False  # 平均每辆2.08万元: an average per car, head…, never a part or a total

    @property
    def key(self) -> tuple[str, str, str, str] | None:
        if self.subject is None or not self.subject.known:
            return None
        return (self.subject.concept, self.subject.scope, self.period, self.role)


@dataclass(eq=False)
class ListBlock:
    """Parts of a subject listed after 其中 / 分项为 …: items in order, their role and period."""

    id: int
    parent: Subject
    period: str
    role: str
    opener: str
    kind: str  # complete | partial | reasons
    multiline: bool
    parent_reading: Reading | None = None
    head_reading: Reading | None = None  # the parent's figure in the opening sentence, whatever its period
    items: list[Subject] = field(default_factory=list)
    item_kind: str | None = None  # level | count | change
    item_level: int | None = None  # the numbering depth of a multi-line list's item lines
    joiner: str | None = None  # 、 or ，: what stood between its first two items

    @property
    def complete(self) -> bool:
        return self.kind == "complete"


@dataclass
class Reader:
    """A text being read: its figures, the readings and lists made so far, the reasons counted."""

    text: str
    figures: list[Figure]
    year: int | None
    readings: list[Reading] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    # figure start -> its name, where the words before it do not say
    labels: dict[int, str] = field(default_factory=dict)
    # 与预算相比无增减 / 与上年持平: (sentence, offset, the base named) of each change of nothing
    unchanged: list[tuple[int, int, str]] = field(default_factory=list)
    project_at: Callable[[int], str] = lambda pos: ""  # offset -> the project appendix it stands in
    # a budget's document (2018年三公经费预算情况说明): its year is the budget's, and the spending it
    # reports is of the years before
    budget_document: bool = False

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


class State:
    """What the reader carries from clause to clause and line to line."""

    def __init__(self) -> None:
        self.subject: Subject | None = None
        self.section_subject: Subject | None = None
        self.compare: str | None = None  # the base changes are stated against
        self.compare_line = -1
        # lists opened at a line's end, read over the next lines (a list inside an item of another
        # list stands above it): (list, numbering depth of the line that opened it)
        self.pending: list[tuple[ListBlock, int | None]] = []
        self.scopes: dict[str, str] = {}  # concept -> the scope it was last named with in this paragraph
        # the scope each heading above names (numbering depth, scope or None): 二、一般公共预算财政
        # 拨款支出决算情况 makes the 本年支出 under it that scope's
        self.heading_scopes: list[tuple[int, str | None]] = []

    @property
    def section_scope(self) -> str | None:
        return next((sc for _, sc in reversed(self.heading_scopes) if sc), None)


@dataclass(slots=True)
class SentenceState:
    """What the reader carries within one sentence."""

    scope: str | None = None
    period: str | None = None
    last_level: Reading | None = None
    prev: Reading | None = None
    lst: ListBlock | None = None  # the list this sentence is reading items into
    aside: ListBlock | None = None  # a list inside parentheses
    aside_depth: int = 0
    # the subject before the first figure inside parentheses: what the sentence goes on about after them
    before_parens: Subject | None = None
    in_parens: bool = False
    foreign: bool = False  # items of a list under something that cannot have them as parts
    example: bool = False  # after 例如 / 比如: the figures are of the example named, not the report's
    runs: dict[int, tuple[int, int]] = field(default_factory=dict)  # figure -> (place, length) in X和Y
    respective: list[Subject] | None = None  # A和B…分别…X和Y: the subjects X and Y are of, in order

    def parens(self, st: State, depth: int) -> None:
        """预算数为9564.38万元（年初预算数1984.38万元，追加至9564.38万元），支出数比预算数减少…: the
        parentheses were an aside; after them the sentence goes on about what it spoke of before."""
        if depth > 0 and not self.in_parens:
            self.in_parens, self.before_parens = True, st.subject
        elif depth == 0 and self.in_parens:
            self.in_parens = False
            if self.aside is None:
                st.subject = self.before_parens
