"""The ``auditor_audit`` fixture (registered by ``auditor.pytest_plugin.hooks``)."""

from __future__ import annotations

import pytest


class AuditFixture:
    """Audits sources and asserts with the run's ``--audit-severity`` and ``--audit-baseline``.

    ``auditor_audit(path_or_bytes)`` or ``auditor_audit(text=...)`` returns an ``AuditReport``
    (as ``auditor.audit``); ``auditor_audit.many(sources)`` an ``AuditBatch``;
    ``auditor_audit.assert_consistent(report_or_path)`` fails with a readable message listing
    each finding at or above the threshold that the baseline does not accept (and, with
    ``audit_fail_on_unchecked``, a report in which nothing could be checked).
    """

    def __init__(
        self, severity: str = "error", baseline: str | None = None, fail_on_unchecked: bool = False
    ) -> None:
        self.severity = severity
        self.baseline = baseline
        self.fail_on_unchecked = fail_on_unchecked

    def __call__(self, source=None, name: str | None = None, *, text: str | None = None):
        from ..pipeline import audit

        return audit(source, name=name, text=text)

    def many(self, sources):
        from ..api import audit_many

        return audit_many(sources)

    def assert_consistent(self, report, severity: str | None = None, baseline=None) -> None:
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
def auditor_audit(pytestconfig) -> AuditFixture:
    """Audit a path, bytes or (``text=``) text inside a test; ``.assert_consistent(...)`` uses the
    run's threshold, baseline and ``audit_fail_on_unchecked``."""
    from .settings import settings

    conf = settings(pytestconfig)
    return AuditFixture(conf["severity"], conf["baseline"], conf["fail_on_unchecked"])
