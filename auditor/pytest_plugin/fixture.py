"""The ``auditor_audit`` fixture (registered by ``auditor.pytest_plugin.hooks``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from ..api import AuditBatch
    from ..core.models import AuditReport, Severity


class AuditFixture:
    """Audits sources and asserts with the run's ``--audit-severity`` and ``--audit-baseline``.

    ``auditor_audit(path_or_bytes)`` or ``auditor_audit(text=...)`` returns an ``AuditReport``
    (as ``auditor.audit``); ``auditor_audit.many(sources)`` an ``AuditBatch``;
    ``auditor_audit.assert_consistent(report_or_path)`` fails with a readable message listing
    each finding at or above the threshold that the baseline does not accept (and, with
    ``audit_fail_on_unchecked``, a report in which nothing could be checked).
    """

    def __init__(
        self, severity: Severity = "error", baseline: str | None = None, fail_on_unchecked: bool = False
    ) -> None:
        self.severity = severity
        self.baseline = baseline
        self.fail_on_unchecked = fail_on_unchecked

    def __call__(
        self,
        source: str | bytes | os.PathLike[str] | None = None,
        name: str | None = None,
        *,
        text: str | None = None,
    ) -> AuditReport:
        from ..pipeline import audit

        return audit(source, name=name, text=text)

    def many(self, sources: Iterable[str | bytes | os.PathLike[str]]) -> AuditBatch:
        from ..api import audit_many

        return audit_many(sources)

    def assert_consistent(
        self,
        report: AuditReport | AuditBatch | list[AuditReport] | str | bytes | os.PathLike[str],
        severity: Severity | None = None,
        baseline: object = None,
    ) -> None:
        from ..api import AuditBatch, assert_consistent
        from ..core.models import AuditReport

        if not isinstance(report, (AuditReport, AuditBatch, list, tuple)):
            report = self(report)
        assert_consistent(
            report,
            severity=severity or self.severity,
            baseline=baseline or self.baseline,
            fail_on_unchecked=self.fail_on_unchecked,
        )


@pytest.fixture
def auditor_audit(pytestconfig: pytest.Config) -> AuditFixture:
    """Audit a path, bytes or (``text=``) text inside a test; ``.assert_consistent(...)`` uses the
    run's threshold, baseline and ``audit_fail_on_unchecked``."""
    from .settings import settings

    conf = settings(pytestconfig)
    return AuditFixture(conf["severity"], conf["baseline"], conf["fail_on_unchecked"])
