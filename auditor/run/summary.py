"""What a corpus run found, and its progress bar: the ``auditor check`` summary table.

``Summary`` adds up the outcomes of ``auditor.run.corpus`` (documents, unreadable files,
findings by rule and severity); ``run_with_progress`` passes the outcomes through a rich
progress bar on a terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Outcome


@dataclass
class Summary:
    """What a corpus run found: documents, unreadable files, findings by rule and severity."""

    documents: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    by_rule: Counter = field(default_factory=Counter)  # (rule, severity) -> count
    failing: int = 0  # documents with an error finding
    seconds: float = 0.0
    unlinked: int | None = None  # across years: reports whose title names no department and year

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

    def add_findings(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.by_rule.update(pairs)

    def by_severity(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for (_, sev), n in self.by_rule.items():
            out[sev] += n
        return out

    def table(self):
        from rich.table import Table

        from ..core.rules import catalogue

        rules = catalogue()
        rate = (
            f", {self.documents / self.seconds:.0f} documents/s"
            if self.seconds > 0 and self.documents
            else ""
        )
        table = Table(
            title=f"{self.documents} document(s) audited in {self.seconds:.1f} s{rate}", title_justify="left"
        )
        table.add_column("rule")
        table.add_column("name")
        for sev in ("error", "warning", "info"):
            table.add_column(sev, justify="right")
        codes = sorted({code for code, _ in self.by_rule})
        for code in codes:
            name = rules[code].name if code in rules else ""
            table.add_row(
                code,
                name,
                *(str(self.by_rule.get((code, sev), 0) or "") for sev in ("error", "warning", "info")),
            )
        sev = self.by_severity()
        table.add_section()
        table.add_row("all", "findings", str(sev["error"]), str(sev["warning"]), str(sev["info"]))
        table.add_row("", f"documents with an error finding: {self.failing}", "", "", "")
        table.add_row("", f"unreadable files: {len(self.unreadable)}", "", "", "")
        if self.unlinked is not None:
            # reports whose title names no department and year cannot be compared with another
            table.add_row("", f"not linked across years: {self.unlinked}", "", "", "")
        return table


def run_with_progress(
    outcomes: Iterator[Outcome], show: bool, total: Callable[[], int | None] | None = None, console=None
) -> Iterator[Outcome]:
    """Pass outcomes through, advancing a rich progress bar on `console` when `show`."""
    if not show:
        yield from outcomes
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    count = total() if total else None
    # the first outcome before the bar: the worker processes are forked before its refresh thread
    first = next(outcomes, None)
    if first is None:
        return
    columns = [
        SpinnerColumn(),
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("audit", total=count, completed=1)
        yield first
        for outcome in outcomes:
            progress.advance(task)
            yield outcome
