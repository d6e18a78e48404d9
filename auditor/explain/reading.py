"""Findings about the reading itself (FA602): the bytes of a text that could not be decoded.

A text readable as UTF-8 or GB18030 but for a few invalid bytes is read with each replaced by
U+FFFD (``read.encoding.decode_lenient``); the ``Source`` lists where. Each becomes an info
finding at its line and column, so that a character or digit missing there is never unsaid.
Called by ``finish`` on every report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..core.models import Finding
    from ..read.source import Source


def reading_findings(source: Source) -> list[Finding]:
    """An FA602 finding for each byte the reader replaced."""
    if not source.replaced:
        return []
    from ..core.models import Evidence
    from .findings import new_finding

    out = []
    for line, column, what in source.replaced:
        evidence = Evidence(
            line=line,
            column=column,
            end_line=line,
            end_column=column + 1,
            text="\ufffd",
            value="",
            unit="",
            role="无法解码的字节",
            place=source.place_at(line, column),
        )
        message = (
            f"第{line}行第{column}列的字节无法解码（{what}），已按替换字符�读入：该处可能缺了一个字或数字"
        )
        out.append(new_finding("FA602", message, [evidence], stated=what, expected=""))
    return out
