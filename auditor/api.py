"""Auditing many sources at once: ``audit_many`` and its typed result ``AuditBatch``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from .core.models import AuditReport, InputFailure

Severity = Literal["error", "warning", "info"]
_RANK = {"info": 0, "warning": 1, "error": 2}


class AuditBatch(BaseModel):
    """The audits of a batch of sources: a report per readable document and a failure per
    unreadable one (never an exception for bad input)."""

    reports: list[AuditReport] = Field(default_factory=list)
    failures: list[InputFailure] = Field(default_factory=list)
    hidden_by_baseline: int = Field(default=0, description="findings hidden because a baseline accepts them")

    @property
    def ok(self) -> bool:
        """True when every source was read and no report has an error finding."""
        return not self.failures and all(r.ok for r in self.reports)

    def to_json(self) -> str:
        """The same JSON as ``auditor check --format json`` (see ``auditor.report.schema``)."""
        from .report.schema import documents_json

        return documents_json(self.reports, self.failures)


def _expand(
    sources: Iterable[str | bytes | os.PathLike[str]],
) -> Iterable[tuple[str | bytes | os.PathLike[str] | None, str, InputFailure | None]]:
    """(source, name for a text or bytes, failure) for each source, folders expanded."""
    from .read.inputs import discover

    for i, src in enumerate(sources):
        if isinstance(src, bytes):
            yield src, f"<bytes #{i + 1}>", None
            continue
        is_path = isinstance(src, os.PathLike) or ("\n" not in src and len(src) < 4096 and bool(src.strip()))
        if is_path and Path(src).is_dir():
            files, errors = discover([os.fspath(src)])
            for e in errors:
                yield None, "", InputFailure(path=e.source, error=e.problem)
            for f in files:
                yield f, "", None
        else:
            yield src, f"<text #{i + 1}>", None


def audit_many(
    sources: Iterable[str | bytes | os.PathLike[str]], *, severity: Severity = "info", baseline: object = None
) -> AuditBatch:
    """Audit every source: paths (files, or folders searched for reports), bytes or texts.

    Unreadable sources become ``InputFailure`` entries, the others ``AuditReport`` objects,
    in the order given (folders expanded in sorted order). ``severity`` drops findings below
    it; ``baseline`` (a ``Baseline`` or the path of a baseline file) hides accepted findings.
    """
    from .core.errors import InputError
    from .core.models import recount
    from .pipeline import audit
    from .report.baseline import apply_baseline

    if severity not in _RANK:
        raise ValueError(f"severity must be error|warning|info, not {severity!r}")
    batch = AuditBatch()
    for src, name, failure in _expand(sources):
        if failure is not None:
            batch.failures.append(failure)
            continue
        try:
            report = audit(src, name=name or None)  # type: ignore[arg-type]
        except InputError as exc:
            batch.failures.append(InputFailure(path=exc.source, error=exc.problem))
            continue
        if severity != "info":
            report.findings = [f for f in report.findings if _RANK[f.severity] >= _RANK[severity]]
            recount(report)
        batch.reports.append(report)
    if baseline is not None:
        batch.hidden_by_baseline = apply_baseline(batch.reports, baseline).hidden  # type: ignore[arg-type]
    return batch


def assert_consistent(
    report: AuditReport | AuditBatch | Iterable[AuditReport],
    severity: Severity = "error",
    baseline: object = None,
) -> None:
    """Fail with a readable ``AssertionError`` when a report has findings at or above ``severity``.

    Accepts one ``AuditReport``, an ``AuditBatch`` (its unreadable inputs fail too) or a list
    of reports. ``baseline`` (a ``Baseline`` or a baseline file's path) accepts known findings.
    The message lists each finding with its place, cause, the source line and the evidence.
    """
    from .report.baseline import Baseline, load_baseline
    from .report.text import at_or_above, report_text

    if severity not in _RANK:
        raise ValueError(f"severity must be error|warning|info, not {severity!r}")
    failures: list[InputFailure] = []
    if isinstance(report, AuditReport):
        reports = [report]
    elif isinstance(report, AuditBatch):
        reports, failures = report.reports, report.failures
    else:
        reports = list(report)
    left = None
    if baseline is not None:
        base = baseline if isinstance(baseline, Baseline) else load_baseline(baseline)  # type: ignore[arg-type]
        left = base.counts()
    parts = [f"{f.path}: unreadable: {f.error}" for f in failures]
    for r in reports:
        shown = []
        for f in at_or_above(r, severity):
            if left is not None and left[f.fingerprint] > 0:
                left[f.fingerprint] -= 1
                continue
            shown.append(f)
        if shown:
            parts.append(report_text(r, shown, severity))
    if parts:
        raise AssertionError("arithmetic findings:\n" + "\n\n".join(parts))
