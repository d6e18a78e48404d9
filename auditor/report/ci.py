"""Outputs for CI services: GitHub Actions workflow commands (``--format github``) and JUnit XML
(``--format junit``), both located at the figure to correct."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..core.i18n import finding_message, severity, t
from ..core.models import AuditReport, Finding, InputFailure

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _prop(value: str) -> str:
    """A workflow command property value (``%``, CR, LF, ``:`` and ``,`` escaped)."""
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_finding(f: Finding, path: str) -> str:
    """One finding as a workflow command (an annotation at its first figure)."""
    props = [f"file={_prop(path)}"]
    if f.evidence:
        e = f.evidence[0]
        props += [f"line={e.line}", f"col={e.column}", f"endLine={e.end_line}", f"endColumn={e.end_column}"]
    props.append(f"title={_prop(f'{f.rule} {f.name}')}")
    return f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(finding_message(f))}"


def github_lines(report: AuditReport) -> list[str]:
    return [github_finding(f, report.path) for f in report.findings]


def github_failure(path: str, error: str) -> str:
    return f"::error file={_prop(path)},title=unreadable::{_data(error)}"


def junit_xml(reports: list[AuditReport], failures: list[InputFailure]) -> str:
    """A JUnit XML report: one test case per document, failed when it has an error finding; its
    other findings in the case's output; an unreadable input is an error case."""
    cases = []
    failed = 0
    for r in reports:
        lines = [_finding_line(f) for f in r.findings]
        errors = [f for f in r.findings if f.severity == "error"]
        body = ""
        if errors:
            failed += 1
            message = f"{len(errors)} {severity('error')}: {errors[0].rule}"
            body += (
                f"<failure message={quoteattr(message)} "
                f'type="arithmetic">{escape(chr(10).join(_finding_line(f) for f in errors))}</failure>'
            )
        if lines:
            body += f"<system-out>{escape(chr(10).join(lines))}</system-out>"
        cases.append(f'  <testcase classname="auditor" name={quoteattr(r.path)}>{body}</testcase>')
    for x in failures:
        cases.append(
            f'  <testcase classname="auditor" name={quoteattr(x.path)}>'
            f'<error message={quoteattr(x.error)} type="unreadable"/></testcase>'
        )
    n = len(reports) + len(failures)
    head = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n<testsuite name="auditor" tests="{n}" '
        f'failures="{failed}" errors="{len(failures)}" skipped="0">'
    )
    return "\n".join([head, *cases, "</testsuite>\n</testsuites>"]) + "\n"


def _finding_line(f: Finding) -> str:
    e = f.evidence[0] if f.evidence else None
    where = t("labels.line_col", line=e.line, column=e.column) if e else ""
    return f"{severity(f.severity)} {f.rule} {f.name} {where}: {finding_message(f)}"
