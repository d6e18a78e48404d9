"""The sections of a report: its headings (一、… and (一)…), and the appendices about one project
(a 绩效自评报告), so that every position of the text is known to stand under a project, a heading
and a sub-heading."""

from __future__ import annotations

import re
from bisect import bisect_right

from .document import Document

PROJECT_TITLE = re.compile(r"(?:绩效自评报告|绩效目标自评|支出绩效自评|绩效自评表|自评报告)")
_APPENDIX = re.compile(r"^\s*附件\s*\d*\s*[:：]?\s*$|^\s*附件\s*\d+\s*[:：]")
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+部分)")
_PROJECT_SECTION = re.compile(
    r"^\s*[一二三四五六七八九十]+、\s*(.{2,40}?)(?:项目)?(?:支出)?绩效(?:自评|评价)(?:情况|结果)?\s*$"
)
_GLUED_OPENING = re.compile(r"(?<=\S)一、\s*项目(?:概况|基本情况)\s*$")
_PROJECT_OPENING = re.compile(r"^\s*一、\s*项目(?:概况|基本情况)")
_SUB_HEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")


_CLAUSE_MARK = re.compile(r"[。；;，,]")
_DEPARTMENT_WIDE = re.compile(r"部门|整体")
_BACK_TO_REPORT = re.compile(r"(?:决算情况说明|部门决算)")


class Sections:
    """(project, heading, sub-heading) in force at each position of a document, read once, on demand."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._contexts: tuple[list[int], list[tuple[str, str, str]]] | None = None

    def _headings(self) -> list[tuple[int, int, str]]:
        """(offset, level, text) of each heading: 1 for 一、/第X部分, 2 for (一), 0 for a project title."""
        doc = self.doc
        out = []
        appendix = False
        lines = [(s, stripped) for s, line in doc.lines() if (stripped := line.strip())]
        for k, (s, line) in enumerate(lines):
            if len(line) > 80:
                continue
            if "附件" in line and _APPENDIX.match(line):
                appendix = True
                out.append((s, 0, ""))
                continue
            glued = _GLUED_OPENING.search(line) if "一、" in line else None
            if glued and "项目" in line[: glued.start()] and not _CLAUSE_MARK.search(line):
                # a title and its 一、项目概况 on one line (text out of a PDF): the title is the project's
                out.append((s, 0, _named(line[: glued.start()], [text for _, text in lines[k + 1 : k + 8]])))
                appendix = True
                continue
            top = _TOP_HEADING.match(line)
            sub = None if top else _SUB_HEADING.match(line)
            named_project = "项目" in line
            titled = named_project and "自评" in line and PROJECT_TITLE.search(line)
            # a project's own heading: a short line right before "一、项目概况"
            opens = named_project and k + 1 < len(lines) and _PROJECT_OPENING.match(lines[k + 1][1])
            if (titled or opens) and not _CLAUSE_MARK.search(line) and not top and not sub:
                out.append((s, 0, _named(line, [text for _, text in lines[k + 1 : k + 8]])))
                appendix = True
                continue
            if (
                "自评" in line
                and PROJECT_TITLE.search(line)
                and _DEPARTMENT_WIDE.search(line)
                and not _CLAUSE_MARK.search(line)
            ):
                out.append((s, 0, ""))  # the department's own self-evaluation: no project
                continue
            # 一、培训项目绩效自评情况: one project of several
            if appendix and (m := _PROJECT_SECTION.match(line)):
                out.append((s, 0, m.group(1)))
                continue
            if appendix and top and _BACK_TO_REPORT.search(line):
                appendix = False
                out.append((s, 0, ""))
            if top:
                out.append((s, 1, line))
            elif sub:
                out.append((s, 2, line))
        return out

    def _make_contexts(self) -> tuple[list[int], list[tuple[str, str, str]]]:
        offsets, states = [-1], [("", "", "")]
        project = top = sub = ""
        for off, level, text in self._headings():
            if level == 0:
                project, top, sub = text, "", ""
            elif level == 1:
                top, sub = text, ""
            else:
                sub = text
            offsets.append(off)
            states.append((project, top, sub))
        return offsets, states

    def context(self, pos: int) -> tuple[str, str, str]:
        """(project title or "", level-1 heading, level-2 heading) in force at offset pos."""
        if self._contexts is None:
            self._contexts = self._make_contexts()
        offsets, states = self._contexts
        return states[bisect_right(offsets, pos) - 1]


def _named(title: str, following: list[str]) -> str:
    """A project's title; a generic one (2024年度预算项目绩效自评表) takes the name in the
    table's 项目名称 cell below it, so that two projects' tables are never one scope."""
    title = re.sub(r"[\s|]+$", "", title)
    bare = re.sub(r"(?:19|20)\d\d年度?|预算|项目|支出|绩效|自评|报告|表|目标|[\s|]", "", title)
    if bare:
        return title
    for k, text in enumerate(following[:-1]):
        if re.sub(r"[\s|]", "", text) == "项目名称":
            return re.sub(r"[\s|]+$", "", following[k + 1])
    return title
