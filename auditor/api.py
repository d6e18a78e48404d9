"""Auditing many sources at once: ``audit_many`` and its typed result ``AuditBatch``."""

from __future__ import annotations

import os
from collections.abc import Iterable
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
    fail_on_unchecked: bool = Field(
        default=False, description="a document in which nothing could be checked is not ok"
    )

    @property
    def ok(self) -> bool:
        """True when every source was read and no report has an error finding (nor, with
        ``fail_on_unchecked``, nothing checked)."""
        return not self.failures and all(
            r.ok and not (self.fail_on_unchecked and r.coverage.nothing_checked) for r in self.reports
        )

    def to_json(self) -> str:
        """The same JSON as ``auditor check --format json`` (see ``auditor.report.schema``)."""
        from .report.schema import documents_json

        return documents_json(self.reports, self.failures)


def _expand(
    sources: Iterable[str | bytes | os.PathLike[str]],
) -> Iterable[tuple[str | bytes | None, str, InputFailure | None]]:
    """(path or bytes, name for bytes, failure) for each source: a str or PathLike is a path
    (folders and globs expanded, each file once), bytes are a document's content."""
    from .core.errors import InputError
    from .read.paths import expand

    for i, src in enumerate(sources):
        if isinstance(src, bytes):
            yield src, f"<bytes #{i + 1}>", None
            continue
        if not isinstance(src, (str, os.PathLike)):
            raise TypeError(f"audit_many() takes paths and bytes, not {type(src).__name__}")
        for item in expand([src]):
            if isinstance(item, InputError):
                yield None, "", InputFailure(path=item.source, error=item.problem)
            else:
                yield item, "", None


def audit_many(
    sources: Iterable[str | bytes | os.PathLike[str]],
    *,
    severity: Severity = "info",
    baseline: object = None,
    fail_on_unchecked: bool = False,
) -> AuditBatch:
    """Audit every source: paths (``str`` or ``os.PathLike``: files, folders searched for
    reports, glob patterns) or a document's bytes (a text: ``text.encode()``).

    Unreadable sources become ``InputFailure`` entries, the others ``AuditReport`` objects,
    in the order given (folders expanded in sorted order). ``severity`` drops findings below
    it; ``baseline`` (a ``Baseline`` or the path of a baseline file) hides accepted findings,
    each in the document it was accepted for. ``fail_on_unchecked``: a document in which
    nothing could be checked makes the batch not ``ok``.
    """
    from .core.errors import InputError
    from .core.models import recount
    from .pipeline import audit
    from .report.baseline import apply_baseline

    if severity not in _RANK:
        raise ValueError(f"severity must be error|warning|info, not {severity!r}")
    batch = AuditBatch(fail_on_unchecked=fail_on_unchecked)
    for src, name, failure in _expand(sources):
        if failure is not None:
            batch.failures.append(failure)
            continue
        try:
            report = audit(src, name=name or None)
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
    fail_on_unchecked: bool = False,
) -> None:
    """Fail with a readable ``AssertionError`` when a report has findings at or above ``severity``.

    Accepts one ``AuditReport``, an ``AuditBatch`` (its unreadable inputs fail too) or a list
    of reports. ``baseline`` (a ``Baseline`` or a baseline file's path) accepts known findings,
    each in the document it was accepted for. ``fail_on_unchecked``: a report in which nothing
    could be checked (``coverage.nothing_checked``) fails too.
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
        fail_on_unchecked = fail_on_unchecked or report.fail_on_unchecked
    else:
        reports = list(report)
    base = None
    if baseline is not None:
        base = baseline if isinstance(baseline, Baseline) else load_baseline(baseline)  # type: ignore[arg-type]
    parts = [f"{f.path}: unreadable: {f.error}" for f in failures]
    for r in reports:
        left = base.counts_for(r.path) if base is not None else None  # each document its own entries
        shown = []
        for f in at_or_above(r, severity):
            if left is not None and left[f.fingerprint] > 0:
                left[f.fingerprint] -= 1
                continue
            shown.append(f)
        if shown:
            parts.append(report_text(r, shown, severity))
        elif fail_on_unchecked and r.coverage.nothing_checked:
            parts.append(f"{r.path}: {r.coverage.nothing_checked}")
    if parts:
        raise AssertionError("arithmetic findings:\n" + "\n\n".join(parts))
