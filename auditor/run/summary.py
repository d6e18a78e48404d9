"""What a corpus run found: the ``auditor check`` summary table.

``Summary`` adds up the outcomes of ``auditor.run.corpus`` (documents, unreadable files,
findings by rule and severity) or the reports the outputs show (``add_report``: after their
suppressions and the baseline); the progress bar is ``auditor.run.progress``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rich.table import Table

    from ..core.models import AuditReport
    from .corpus import Outcome


@dataclass
class Summary:
    """What a corpus run found: documents, unreadable files, findings by rule and severity."""

    documents: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rule, severity) -> count
    failing: int = 0  # documents with an error finding (or nothing checked, when that fails)
    seconds: float = 0.0
    unlinked: int | None = None  # across years: reports whose title names no department and year
    suppressed: int = 0  # findings a suppression file beside a report accepts

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.unreadable.append((outcome.path, outcome.error))
            return
        self.documents += 1
        if outcome.years is not None and not outcome.years.key:
            self.unlinked = (self.unlinked or 0) + 1
        self.by_rule.update(outcome.counts)
        if not outcome.ok:
            self.failing += 1

    def add_report(
        self, report: AuditReport, outcome: Outcome | None = None, unchecked_fails: bool = False
    ) -> None:
        """A document's report as the outputs show it (after its suppressions and the baseline);
        with `unchecked_fails`, a document in which nothing could be checked fails too."""
        self.documents += 1
        if outcome is not None and outcome.years is not None and not outcome.years.key:
            self.unlinked = (self.unlinked or 0) + 1
        self.by_rule.update((f.rule, f.severity) for f in report.findings)
        self.suppressed += len(report.suppressed)
        if not report.ok or (unchecked_fails and report.coverage.nothing_checked):
            self.failing += 1

    def add_findings(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.by_rule.update(pairs)

    def by_severity(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for (_, sev), n in self.by_rule.items():
            out[sev] += n
        return out

    def table(self) -> Table:
        from rich.table import Table

        from ..core.i18n import severity, t
        from ..core.rules import catalogue

        rules = catalogue()
        rate = ""
        if self.seconds > 0 and self.documents:
            rate = t("labels.summary_rate", rate=f"{self.documents / self.seconds:.0f}")
        title = t("labels.summary_title", n=self.documents, seconds=f"{self.seconds:.1f}", rate=rate)
        table = Table(title=title, title_justify="left")
        table.add_column(t("labels.rule"))
        table.add_column(t("labels.name"))
        for sev in ("error", "warning", "info"):
            table.add_column(severity(sev), justify="right")
        for code in sorted({code for code, _ in self.by_rule}):
            name = rules[code].name if code in rules else ""
            table.add_row(
                code,
                name,
                *(str(self.by_rule.get((code, sev), 0) or "") for sev in ("error", "warning", "info")),
            )
        total = self.by_severity()
        table.add_section()
        table.add_row(
            t("labels.all"),
            t("labels.findings"),
            str(total["error"]),
            str(total["warning"]),
            str(total["info"]),
        )
        table.add_row("", t("labels.documents_failing", n=self.failing), "", "", "")
        table.add_row("", t("labels.unreadable_files", n=len(self.unreadable)), "", "", "")
        if self.suppressed:
            table.add_row("", t("labels.suppressed_count", n=self.suppressed), "", "", "")
        if self.unlinked is not None:
            # reports whose title names no department and year cannot be compared with another
            table.add_row("", t("labels.not_linked", n=self.unlinked), "", "", "")
        return table
