"""Normalise a report's text while keeping a map back to the original characters.

Full-width ASCII forms are folded by width only (０→0, ％→%, （→(, ：→:), not by NFKC, which
would rewrite ① and ⒈. The full-width comma ， is kept: it is punctuation, never a thousands
separator. Export artefacts such as ``[bookmark: _Toc123]`` and ``[image: IMG_1]`` are dropped;
every normalised character keeps the offset of the original character it came from, so
evidence is reported at the 1-based line and column of the original file.

Traditional characters (繁體) are converted to simplified for matching only, when the text holds
some and the optional extra ``auditor[cjk]`` (OpenCC) is installed: character for character,
so the map to the original keeps pointing at the traditional characters as written.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

_ARTEFACT = re.compile(r"\[(?:bookmark|image): [^\]\n]*\]|[\u200b\u200c\u200d\ufeff\u00ad\r]")
_FOLD = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F) if chr(o) != "，"}
_FOLD.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2009\u202f"})


@dataclass
class Text:
    """A normalised text with its map back to the original."""

    original: str
    text: str
    origin: array  # origin[i] = offset in `original` of normalised char i
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

    def line_of(self, line: int) -> str:
        """Original text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.original.find("\n", start)
        return self.original[start : end if end >= 0 else len(self.original)].rstrip("\r")


def normalize(original: str) -> Text:
    parts: list[str] = []
    origin = array("l")
    i = 0
    for m in _ARTEFACT.finditer(original):
        if m.start() > i:
            parts.append(original[i : m.start()].translate(_FOLD))
            origin.extend(range(i, m.start()))
        i = m.end()
    if i < len(original):
        parts.append(original[i:].translate(_FOLD))
        origin.extend(range(i, len(original)))
    line_starts = [0] + [m.end() for m in re.finditer("\n", original)]
    text = "".join(parts)
    if _TRADITIONAL.search(text):
        text = to_simplified(text)
    return Text(original, text, origin, line_starts)


# --- traditional → simplified (for matching only) ---------------------------------------------
# Frequent characters that exist only in traditional writing: one of them is enough to convert.
_TRADITIONAL = re.compile("[們個這來時為說國會對發後經財撥預決與於開從當實產門頭間關號題電體點學務資費數據機區縣專級額結"
                          "餘計劃購補貼項況總統營運輸書處離營傳設備購維護車輛費質醫療衛險業]")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, never changing the length (so offsets still hold).

    OpenCC converts phrases; when a phrase conversion would change the length, each character
    is converted on its own instead. Without OpenCC installed the text is returned as it is.
    """
    converter = _converter()
    if converter is None:
        return text
    out = converter(text)
    if len(out) == len(text):
        return out
    table: dict[str, str] = {}
    for ch in set(text):
        c = converter(ch)
        table[ch] = c if len(c) == 1 else ch
    return "".join(table[ch] for ch in text)


_CONVERTER: list = []


def _converter():
    if not _CONVERTER:
        try:
            from opencc import OpenCC
        except ImportError:
            _CONVERTER.append(None)
        else:
            _CONVERTER.append(OpenCC("t2s").convert)
    return _CONVERTER[0]
