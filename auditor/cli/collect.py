"""The whole-run outputs of the command: ``auditor baseline`` and ``auditor check`` with ``-o``,
``--baseline``, SARIF or HTML, which collect every report before writing (``check.py`` streams
the others). Files are written whole or not at all (``output.write_file``)."""

from __future__ import annotations

import sys

from ..core.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL = 0, 1, 2
_ORDER = {"info": 0, "warning": 1, "error": 2}


def _audit_paths(
    paths: list[str], keep_text: bool = True, fail_on_unchecked: bool = False, timeout: float | None = None
):
    """Audit every report the paths name: (reports, input errors, failing). Without ``keep_text``
    the reports do not hold their source text (a large corpus in JSON or SARIF needs no text);
    ``failing`` counts the documents in which nothing could be checked, when that fails."""
    from ..run.corpus import Options, audit_corpus

    options = Options(keep_text=keep_text, fail_on_unchecked=fail_on_unchecked, timeout=timeout)
    reports, failures, failing = [], [], 0
    for outcome in audit_corpus(paths, 1, options=options):
        if outcome.error is not None:
            failures.append(InputError(outcome.path, outcome.error))
            continue
        report = outcome.report()
        report._source_text = outcome.text
        if fail_on_unchecked and outcome.unchecked:
            print(f"auditor: {outcome.path}: {outcome.unchecked}", file=sys.stderr)
            failing += 1
        reports.append(report)
    return reports, failures, failing


def baseline(paths: list[str], output: str | None) -> int:
    from ..report.baseline import Baseline

    reports, failures, _ = _audit_paths(paths, keep_text=False)
    for exc in failures:
        print(f"auditor: {exc}", file=sys.stderr)
    if failures:  # a baseline written from a partial corpus would accept too little: refuse
        print("auditor: baseline not written: some inputs could not be read", file=sys.stderr)
        return EXIT_TOOL
    baseline = Baseline.from_reports(reports)
    if output:
        from .output import write_file

        write_file(output, baseline.to_json())
        print(
            f"auditor: wrote {output}: {len(baseline.findings)} accepted finding(s) "
            f"in {len(reports)} document(s)",
            file=sys.stderr,
        )
    else:
        from .output import write_stdout

        write_stdout(baseline.to_json())
    return EXIT_OK


def check(
    paths: list[str],
    fmt: str | None,
    min_severity: str,
    baseline: str | None = None,
    output: str | None = None,
    fail_on_unchecked: bool = False,
    timeout: float | None = None,
) -> int:
    from ..core.models import InputFailure

    if fmt is None:
        suffix = output.rsplit(".", 1)[-1].lower() if output and "." in output else ""
        fmt = {"json": "json", "sarif": "sarif", "html": "html", "htm": "html"}.get(suffix, "rich")
    accepted = None
    if baseline:
        from ..report.baseline import load_baseline

        try:
            accepted = load_baseline(baseline)
        except InputError as exc:
            print(f"auditor: {exc}", file=sys.stderr)
            return EXIT_TOOL
    reports, failures, failing = _audit_paths(paths, fmt in ("rich", "html"), fail_on_unchecked, timeout)
    for exc in failures:
        print(f"auditor: {exc}", file=sys.stderr)
    if accepted is not None:  # before the severity filter: accepted info findings are matched too
        from ..report.baseline import apply_baseline

        result = apply_baseline(reports, accepted)
        print(
            f"auditor: baseline {baseline}: {result.hidden} accepted finding(s) hidden"
            + (f", {len(result.unmatched)} accepted finding(s) no longer found" if result.unmatched else ""),
            file=sys.stderr,
        )
    if min_severity != "info":
        from ..core.models import recount

        for report in reports:
            report.findings = [f for f in report.findings if _ORDER[f.severity] >= _ORDER[min_severity]]
            recount(report)
    errors = [InputFailure(path=e.source, error=e.problem) for e in failures]
    text = _write(fmt, reports, errors, to_terminal=output is None)
    if output:
        from .output import write_file

        write_file(output, text)
        print(f"auditor: wrote {output} ({fmt})", file=sys.stderr)
    elif text:
        from .output import write_stdout

        write_stdout(text)
    if failures:
        return EXIT_TOOL
    return EXIT_FINDINGS if failing or any(not r.ok for r in reports) else EXIT_OK


def _write(fmt: str, reports, errors, to_terminal: bool) -> str:
    """The report in one format, as text ('' when it was printed to the terminal already)."""
    if fmt == "json":
        from ..report.schema import documents_json

        return documents_json(reports, errors) + "\n"
    if fmt == "sarif":
        from ..report.sarif import sarif_json

        return sarif_json(reports, errors) + "\n"
    if fmt == "html":
        from ..report.html import to_html

        return to_html(reports, errors)
    from io import StringIO

    from ..report.terminal import render
    from .output import console as make_console

    console = (
        make_console()
        if to_terminal
        else make_console(file=StringIO(), width=120, no_color=True, highlight=False)
    )
    for report in reports:
        render(console, report, report.source_text)
    errors_n = sum(r.coverage.findings["error"] for r in reports)
    console.print(
        f"{len(reports)} document(s) audited, {errors_n} error finding(s), {len(errors)} unreadable input(s)"
    )
    return "" if to_terminal else console.file.getvalue()  # type: ignore[attr-defined]
