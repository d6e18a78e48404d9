"""The writers of ``auditor check``: one per format, fed one document at a time, in order.

``document(report, text)`` for each readable document, ``failure(path, error)`` for each
unreadable one (a path that names nothing is one too), ``finish(across)`` at the end (the
across-years findings when asked for; nothing when the run was interrupted: what was written is
then closed as a whole document). Streamed formats (rich, json, jsonl, github) write as they go; the
whole-run ones (SARIF, JUnit, statistics, a single HTML page) keep the reports without their
text; the HTML report written to a file keeps nothing: each document's page is written as it
arrives, the index at the end.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..core.models import AuditReport, Finding, InputFailure


class Writer:
    """The common part: where to write, and the unreadable inputs seen."""

    def __init__(
        self, out: IO[str], output: str | None = None, to_terminal: bool = False, quiet: bool = False
    ):
        self.out, self.output, self.to_terminal, self.quiet = out, output, to_terminal, quiet
        self.failures: list[InputFailure] = []

    def document(self, report: AuditReport, text: str | None) -> None:
        raise NotImplementedError

    def failure(self, path: str, error: str) -> None:
        self.failures.append(InputFailure(path=path, error=error))

    def finish(self, across: Iterable[Finding]) -> None:
        pass

    def also(self) -> str:
        """What else was written beside the output file (said after 'wrote FILE')."""
        return ""


class Jsonl(Writer):
    def document(self, report: AuditReport, text: str | None) -> None:
        self.out.write(report.model_dump_json() + "\n")
        self.out.flush()

    def failure(self, path: str, error: str) -> None:
        self.out.write(json.dumps({"path": path, "error": error}, ensure_ascii=False) + "\n")
        self.out.flush()

    def finish(self, across: Iterable[Finding]) -> None:
        from itertools import groupby

        for path, findings in groupby(across, key=_later_path):
            line = {"path": path, "across_years": [f.model_dump(mode="json") for f in findings]}
            self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.out.flush()


def _indent(data: Any, by: int) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "\n".join(" " * by + line for line in text.splitlines())


class Json(Writer):
    """The whole-run JSON object, written document by document (nothing held but the errors)."""

    count = 0

    def _head(self) -> str:
        from ..report.schema import SCHEMA_VERSION

        return '{\n  "schema_version": ' + json.dumps(SCHEMA_VERSION) + ",\n"

    def document(self, report: AuditReport, text: str | None) -> None:
        start = self._head() + '  "documents": [\n' if self.count == 0 else ",\n"
        self.out.write(start + _indent(report.model_dump(mode="json"), 4))
        self.count += 1

    def finish(self, across: Iterable[Finding]) -> None:
        self.out.write(self._head() + '  "documents": [' if self.count == 0 else "\n  ")
        errors = [f.model_dump(mode="json") for f in self.failures]
        self.out.write('],\n  "errors": ' + _indent(errors, 2).lstrip())
        first = True
        for f in across:
            self.out.write(
                (',\n  "across_years": [\n' if first else ",\n") + _indent(f.model_dump(mode="json"), 4)
            )
            first = False
        self.out.write("\n}\n" if first else "\n  ]\n}\n")
        self.out.flush()


class Rich(Writer):
    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        from .output import console

        if self.to_terminal:  # standard output (a broken pipe ends the run quietly)
            self.console = console(file=out)
        else:  # a file or a pipe: plain text, a stable width
            self.console = console(file=out, width=120, no_color=True, highlight=False, soft_wrap=False)

    def document(self, report: AuditReport, text: str | None) -> None:
        from ..report.terminal import render

        render(self.console, report, text, quiet=self.quiet)

    def finish(self, across: Iterable[Finding]) -> None:
        from rich.rule import Rule
        from rich.text import Text

        from ..core.i18n import t
        from ..report.terminal import finding_view

        for k, f in enumerate(across):
            if k == 0:
                self.console.print(
                    Rule(Text(t("labels.across_years"), style="bold"), align="left", style="yellow")
                )
            self.console.print(finding_view(f, None))


class Collect(Writer):
    """Keeps the reports (without their text) for a whole-run format."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.reports: list[AuditReport] = []
        self.across: list[Finding] = []

    def document(self, report: AuditReport, text: str | None) -> None:
        self.reports.append(report)

    def finish(self, across: Iterable[Finding]) -> None:
        self.across = list(across)
        self.out.write(self.render())
        self.out.flush()

    def render(self) -> str:
        raise NotImplementedError


class Sarif(Collect):
    def render(self) -> str:
        from ..report.sarif import sarif_json

        return sarif_json(self.reports, self.failures) + "\n"


class Junit(Collect):
    def render(self) -> str:
        from ..report.ci import junit_xml

        return junit_xml(self.reports, self.failures)


class Statistics(Collect):
    """``--statistics``: how many findings of each rule, nothing else (as ruff prints them)."""

    def render(self) -> str:
        from ..core.i18n import severity
        from ..core.rules import catalogue

        counts = Counter((f.rule, f.severity) for r in self.reports for f in r.findings)
        counts.update((f.rule, f.severity) for f in self.across)
        rules = catalogue()
        lines = [
            f"{n:>5}  {code:<6} {severity(sev):<8} {rules[code].name if code in rules else ''}"
            for (code, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return "".join(line.rstrip() + "\n" for line in lines)


class Github(Writer):
    """GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding."""

    def document(self, report: AuditReport, text: str | None) -> None:
        from ..report.ci import github_lines

        for line in github_lines(report):
            self.out.write(line + "\n")
        self.out.flush()

    def failure(self, path: str, error: str) -> None:
        from ..report.ci import github_failure

        self.out.write(github_failure(path, error) + "\n")

    def finish(self, across: Iterable[Finding]) -> None:
        from ..report.ci import github_finding

        for f in across:
            self.out.write(github_finding(f, _later_path(f)) + "\n")


class Html(Writer):
    """To a file: an index page and one page per document in the folder beside it (written as
    each document arrives); to standard output: one page holding every document."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.pages = None
        self.reports: list[tuple[AuditReport, str | None]] = []
        if self.output:
            from ..report.html_index import Pages

            self.pages = Pages(Path(self.output))

    def document(self, report: AuditReport, text: str | None) -> None:
        if self.pages is not None:
            self.pages.add(report, text)
        else:
            report._source_text = text
            self.reports.append((report, text))

    def finish(self, across: Iterable[Finding]) -> None:
        if self.pages is not None:
            self.out.write(self.pages.index(self.failures))
        else:
            from ..report.html import to_html

            self.out.write(to_html([r for r, _ in self.reports], self.failures))
        self.out.flush()

    def also(self) -> str:
        return f" and {len(self.pages.entries)} page(s) in {self.pages.folder}" if self.pages else ""


def _later_path(finding: Finding) -> str:
    """The report a cross-year finding is about (its first evidence is in that report)."""
    return (finding.evidence[0].path if finding.evidence else None) or ""


WRITERS: dict[str, type[Writer]] = {
    "jsonl": Jsonl,
    "json": Json,
    "rich": Rich,
    "sarif": Sarif,
    "html": Html,
    "github": Github,
    "junit": Junit,
    "statistics": Statistics,
}
