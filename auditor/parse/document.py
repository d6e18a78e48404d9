"""A normalised report split into paragraphs and sentences, with its figures and their labels."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..core.rules import phrases, vocabulary
from ..read.normalize import Text, normalize
from .discourse import join_lines, report_year
from .figures import Figure, scan, years_run_in

BOUNDARY = "，,；;：:。！？!?\n\t|"
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+部分|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+是)"
)
_LEAD = re.compile(r"^(?:[\s、，,:：.．]|\d+[.、]|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、)+")
_YEAR_WORD = re.compile(r"^年度?")
_LIST_WORD = re.compile(r"^(?:其中|包括|主要用于)[:：]?")
_LINK_WORD = re.compile(r"(?:为|是|共计|合计为|决算数为|决算为|约)$")
_CHANGE_TAIL = re.compile(r"(?:了|为|约|幅度为|幅度|达|至)$")
_BOTH_WAYS = re.compile(r"(?:增加/减少|增长/下降|增加减少|减少增加)$")


@dataclass
class Document:
    name: str
    text: Text
    figures: list[Figure]
    sentence_starts: list[int]
    paragraph_starts: list[int]
    year: int | None
    encoding: str = "str"
    places: tuple[tuple[int, int, str], ...] = ()

    @classmethod
    def from_text(
        cls,
        original: str,
        name: str = "<text>",
        encoding: str = "str",
        places: tuple[tuple[int, int, str], ...] = (),
    ) -> Document:
        text = join_lines(normalize(original))  # a line break inside a sentence does not end it
        t = text.text
        figures = scan(t)
        sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(t)]
        paragraph_starts = [0] + [m.end() for m in re.finditer("\n", t)]
        year = report_year(t)
        years_run_in(t, figures, year, sentence_starts)
        return cls(name, text, figures, sentence_starts, paragraph_starts, year, encoding, places)

    # Memos are plain attributes made in __post_init__: functools.cached_property takes a lock on
    # every access in Python 3.11, and these are read tens of thousands of times per report.
    def __post_init__(self) -> None:
        self._starts: list[int] = [f.start for f in self.figures]
        self._index: dict[int, int] = {id(f): i for i, f in enumerate(self.figures)}
        self._labels: dict[int, str] = {}  # filled on demand: most figures are never asked
        self._concepts: dict[int, str | None] = {}
        self._lines: list[tuple[int, str]] | None = None
        # a figure's change word, read when first asked (most figures never are)
        self._directions: dict[int, str | None] = {}

    # -- places -----------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos) - 1

    def paragraph_of(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos) - 1

    def sentence_span(self, k: int) -> tuple[int, int]:
        end = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(self.text.text)
        return self.sentence_starts[k], end

    def paragraph_span(self, k: int) -> tuple[int, int]:
        end = self.paragraph_starts[k + 1] if k + 1 < len(self.paragraph_starts) else len(self.text.text)
        return self.paragraph_starts[k], end

    def lines(self) -> list[tuple[int, str]]:
        """(offset, text) of every paragraph of the normalised text, newline left out (memoised)."""
        if self._lines is None:
            lines: list[tuple[int, str]] = []
            pos = 0
            for line in self.text.text.split("\n"):
                lines.append((pos, line))
                pos += len(line) + 1
            self._lines = lines
        return self._lines

    def is_heading(self, paragraph: int) -> bool:
        s, e = self.paragraph_span(paragraph)
        return bool(_HEADING.match(self.text.text[s:e]))

    # -- figures and their words -----------------------------------------------
    def index_of(self, fig: Figure) -> int | None:
        """Position of a figure of this document in `figures` (None for a figure made elsewhere)."""
        return self._index.get(id(fig))

    def figures_in(self, start: int, end: int) -> range:
        """Indices of the figures that start in the normalised span [start, end)."""
        return range(bisect_left(self._starts, start), bisect_left(self._starts, end))

    def prefix(self, i: int) -> str:
        """Text before figure i, back to the previous figure or the sentence start."""
        fig = self.figures[i]
        start = self.sentence_starts[self.sentence_of(fig.start)]
        if i > 0:
            start = max(start, self.figures[i - 1].end)
        return self.text.text[start : fig.start]

    def label(self, i: int) -> str:
        """What figure i measures, as written just before it (after the last clause mark)."""
        if i not in self._labels:
            self._labels[i] = self._label(i)
        return self._labels[i]

    def direction(self, i: int) -> str | None:
        """'+' or '-' when figure i is a change (增加d / 下降r%), '?' when both words stand."""
        if i not in self._directions:
            # only amounts and percentages are ever changes; years, dates and counts are not asked
            kind = self.figures[i].kind
            self._directions[i] = self._direction(i) if kind in ("amount", "percent") else None
        return self._directions[i]

    def _label(self, i: int) -> str:
        pre = self.prefix(i)
        cut = max(map(pre.rfind, BOUNDARY))
        label = pre[cut + 1 :]
        if (
            cut < 0
            and i > 0
            and self.figures[i - 1].kind == "year"
            and self.figures[i - 1].end == self.figures[i].start - len(pre)
        ):
            label = _YEAR_WORD.sub("", label)
        label = _LEAD.sub("", label.strip())
        label = _LIST_WORD.sub("", label)
        return _LINK_WORD.sub("", label).strip()

    def _direction(self, i: int) -> str | None:
        pre = self.prefix(i).rstrip()
        pre = _CHANGE_TAIL.sub("", pre)
        if _BOTH_WAYS.search(pre):
            return "?"
        ph = phrases()
        # the longer word wins: 负增长 is a fall though it ends with 增长
        up = max((len(w) for w in ph.increase if pre.endswith(w)), default=0)
        down = max((len(w) for w in ph.decrease if pre.endswith(w)), default=0)
        if up or down:
            return "+" if up > down else "-"
        return None

    def is_level(self, i: int) -> bool:
        """An amount stated as a level (not a change, not a unit price)."""
        return self.figures[i].kind == "amount" and self.direction(i) is None

    def concept(self, i: int) -> str | None:
        if i not in self._concepts:
            self._concepts[i] = vocabulary().concept(self.label(i))
        return self._concepts[i]

    def as_written(self, fig: Figure) -> str:
        return self.text.original_span(fig.start, fig.end)
