"""pytest plugin: audit report files as test items, plus a fixture for pipeline tests.

Registered through the ``pytest11`` entry point, so installing auditor is enough::

    pytest --audit reports/                       # one test item per report file
    pytest --audit reports/ --audit-per-rule      # one item per rule per report
    pytest --audit reports/ --audit-severity warning --audit-baseline audit-baseline.json

or in ``pytest.ini`` / ``[tool.pytest.ini_options]``: ``audit_paths``, ``audit_severity``,
``audit_baseline``, ``audit_per_rule``, ``audit_rules``, ``audit_fail_on_unchecked`` (a report in
which nothing could be checked fails). The fixture ``auditor_audit`` audits
a path, bytes or text and asserts with the configured threshold and baseline.

This module imports nothing heavy: the collector (``auditor.pytest_plugin.items``) is loaded
only when report paths are configured, so the plugin costs a pytest run nothing otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import SEVERITIES, settings

if TYPE_CHECKING:  # pragma: no cover
    import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ``--audit*`` command-line options and the ``audit_*`` ini options."""
    group = parser.getgroup("auditor", "arithmetic audit of 部门决算 reports (auditor)")
    group.addoption(
        "--audit",
        action="extend",
        nargs="+",
        dest="audit_paths",
        default=None,
        metavar="PATH",
        help="report files or folders to audit, one test item per report",
    )
    group.addoption(
        "--audit-per-rule",
        action="store_true",
        dest="audit_per_rule",
        default=None,
        help="one test item per rule per report instead of one per report",
    )
    group.addoption(
        "--audit-severity",
        choices=SEVERITIES,
        dest="audit_severity",
        default=None,
        help="fail on findings of this severity and above (default: error)",
    )
    group.addoption(
        "--audit-baseline",
        dest="audit_baseline",
        default=None,
        metavar="FILE",
        help="baseline file of accepted findings (written by 'auditor baseline')",
    )
    group.addoption(
        "--audit-fail-on-unchecked",
        action="store_true",
        dest="audit_fail_on_unchecked",
        default=None,
        help="fail a report in which nothing could be checked (no amounts or percentages, or no relation)",
    )
    group.addoption(
        "--audit-rules",
        action="append",
        dest="audit_rules",
        default=None,
        metavar="PACK",
        help="rule pack (TOML) to load beside the built-in rules; repeatable",
    )
    parser.addini("audit_paths", type="paths", default=[], help="report files or folders to audit")
    parser.addini("audit_per_rule", type="bool", default=False, help="one test item per rule per report")
    parser.addini(
        "audit_severity", default="", help="fail on findings of this severity and above (default: error)"
    )
    parser.addini(
        "audit_baseline", default="", help="baseline file of accepted findings (relative to the ini file)"
    )
    parser.addini("audit_rules", type="paths", default=[], help="rule packs (TOML) to load")
    parser.addini(
        "audit_fail_on_unchecked",
        type="bool",
        default=False,
        help="fail a report in which nothing could be checked",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the fixture always; the collector only when report paths are configured."""
    from . import fixture  # tiny; pytest itself is already imported in a pytest run

    config.pluginmanager.register(fixture, "auditor-fixtures")
    config.addinivalue_line("markers", "audit_rule(code): an auditor item checking one rule of one report")
    import pytest

    from ..core.errors import RuleError

    try:
        conf = settings(config)
    except RuleError as exc:  # the project's [tool.auditor] / auditor.toml
        raise pytest.UsageError(f"auditor: {exc}") from None
    if conf["severity"] not in SEVERITIES:
        raise pytest.UsageError(f"audit_severity must be error|warning|info, not {conf['severity']!r}")
    if conf["paths"]:
        from .items import AuditSession

        config.pluginmanager.register(AuditSession(config, conf), "auditor-session")
