"""Normalise a report's text while keeping a map back to the original characters.

Full-width ASCII forms are folded by width only (０→0, ％→%, （→(, ：→:), not by NFKC, which
would rewrite ① and ⒈. The full-width comma ， is kept: it is punctuation, never a thousands
separator. Export artefacts such as ``[bookmark: _Toc123]`` and ``[image: IMG_1]`` are dropped;
every normalised character keeps the offset of the original character it came from, so
evidence is reported at the 1-based line and column of the original file.

Traditional characters (繁體) are converted to simplified for matching only, when the text holds
some (OpenCC, a dependency): character for character, so the map to the original keeps pointing
at the traditional characters as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# what a copy adds to the text and a reader drops: bookmark and image marks, zero-width and soft
# characters, and the pinyin a page's reading aid writes after a character (數(shù)): a syllable with
# its tone mark, in brackets, right after a Chinese character (looked for only in a text that has
# a tone mark at all: most have none)
_ARTEFACT = re.compile(r"\[(?:bookmark|image): [^\]\n]*\]|[\u200b\u200c\u200d\ufeff\u00ad\r]")
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_ARTEFACT_OR_PINYIN = re.compile(
    _ARTEFACT.pattern + r"|[(（](?<=[\u4e00-\u9fff][(（])[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]"
)
_FOLD: dict[int, int | str] = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F) if chr(o) != "，"}
_FOLD.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2009\u202f"})


@dataclass
class Text:
    """A normalised text with its map back to the original."""

    original: str
    text: str
    origin: Origin  # origin[i] = offset in `original` of normalised char i
    line_starts: list[int] = field(default_factory=list)

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) in the original of normalised offset `index`."""
        if index >= len(self.origin):
            off = len(self.original)
        else:
            off = self.origin[index]
        line = bisect_right(self.line_starts, off)
        return line, off - self.line_starts[line - 1] + 1

    def original_span(self, start: int, end: int) -> str:
        """The original characters behind normalised [start, end)."""
        if start >= end:
            return ""
        return self.original[self.origin[start] : self.origin[end - 1] + 1]

    def without(self, offsets: list[int]) -> Text:
        """The text without the characters at `offsets` (sorted), still mapped to the original:
        how line breaks inside sentences are taken out (parse/discourse.py)."""
        if not offsets:
            return self
        keep: list[tuple[int, int]] = []
        prev = 0
        for off in offsets:
            if off > prev:
                keep.append((prev, off))
            prev = off + 1
        if prev < len(self.text):
            keep.append((prev, len(self.text)))
        joined = "".join(self.text[a:b] for a, b in keep)
        return Text(self.original, joined, self.origin.kept(keep), self.line_starts)

    def line_of(self, line: int) -> str:
        """Original text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.original.find("\n", start)
        return self.original[start : end if end >= 0 else len(self.original)].rstrip("\r")


class Origin(Sequence[int]):
    """origin[i]: the offset in the original of normalised character i.

    Stored as runs, one per stretch of text between dropped artefacts (a plain text is one
    run), not as one integer per character: building it costs nothing, a lookup is a bisect.
    (Corpus speed, issue 6: the per-character array took a fifth of a small report's audit.)
    """

    __slots__ = ("_starts", "_offsets", "_n")

    def __init__(self, starts: list[int], offsets: list[int], n: int) -> None:
        self._starts = starts  # normalised offset where each run starts
        self._offsets = offsets  # original offset of that character
        self._n = n

    def __len__(self) -> int:
        return self._n

    def kept(self, spans: list[tuple[int, int]]) -> Origin:
        """The map of the text made of the normalised spans [a, b) laid end to end."""
        starts: list[int] = []
        offsets: list[int] = []
        n = 0
        for a, b in spans:
            k = bisect_right(self._starts, a) - 1
            pos = a
            while pos < b:
                run_end = self._starts[k + 1] if k + 1 < len(self._starts) else self._n
                starts.append(n + (pos - a))
                offsets.append(self._offsets[k] + (pos - self._starts[k]))
                pos = min(b, run_end)
                k += 1
            n += b - a
        return Origin(starts, offsets, n)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("origin index out of range")
        k = bisect_right(self._starts, i) - 1
        return self._offsets[k] + (i - self._starts[k])


_FOLDABLE = re.compile("[" + "".join(re.escape(chr(o)) for o in sorted(_FOLD)) + "]")
_FOLDED = {chr(o): (chr(v) if isinstance(v, int) else v) for o, v in _FOLD.items()}


def _fold(text: str) -> str:
    """Width folding (same mapping as str.translate(_FOLD)); a regex touches only the folded
    characters, which are few, instead of looking up every character."""
    return _FOLDABLE.sub(lambda m: _FOLDED[m.group()], text)


def normalize(original: str) -> Text:
    parts: list[str] = []
    starts: list[int] = []
    offsets: list[int] = []
    n = 0
    i = 0
    for m in (_ARTEFACT_OR_PINYIN if _TONE_MARK.search(original) else _ARTEFACT).finditer(original):
        if m.start() > i:
            parts.append(original[i : m.start()])
            starts.append(n)
            offsets.append(i)
            n += m.start() - i
        i = m.end()
    if i < len(original):
        parts.append(original[i:])
        starts.append(n)
        offsets.append(i)
        n += len(original) - i
    line_starts = [0] + [m.end() for m in re.finditer("\n", original)]
    text = _fold("".join(parts))
    if _TRADITIONAL.search(text):
        text = to_simplified(text)
    return Text(original, text, Origin(starts, offsets, n), line_starts)


# --- traditional → simplified (for matching only) ---------------------------------------------
# Frequent characters that exist only in traditional writing: one of them is enough to convert.
_TRADITIONAL = re.compile(
    "[們個這來時為說國會對發後經財撥預決與於開從當實產門頭間關號題電體點學務資費數據機區縣專級額結"
    "餘計劃購補貼項況總統營運輸書處離營傳設備購維護車輛費質醫療衛險業]"
)


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, never changing the length (so offsets still hold).

    OpenCC converts phrases; when a phrase conversion would change the length, each character
    is converted on its own instead. Without OpenCC (an install that skipped dependencies) the
    text is returned as it is.
    """
    converter = _converter()
    if converter is None:
        return text
    out: str = converter(text)
    if len(out) == len(text):
        return out
    table: dict[str, str] = {}
    for ch in set(text):
        c: str = converter(ch)
        table[ch] = c if len(c) == 1 else ch
    return "".join(table[ch] for ch in text)


_CONVERTER: list[Callable[[str], str] | None] = []


def _converter() -> Callable[[str], str] | None:
    if not _CONVERTER:
        try:
            from opencc import OpenCC
        except ImportError:
            _CONVERTER.append(None)
        else:
            _CONVERTER.append(OpenCC("t2s").convert)
    return _CONVERTER[0]
