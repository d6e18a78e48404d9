"""``auditor baseline PATH... [-o FILE]``: a baseline accepting every finding of the reports
the paths name, each entry with its document's path (it accepts findings there only). Refused,
nothing written, when an input cannot be read: a baseline of part of the corpus would accept
too little. The file is written whole or not at all (``output.write_file``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..core.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..core.models import AuditReport

EXIT_OK, EXIT_TOOL = 0, 2


def _audit_paths(paths: list[str]) -> tuple[list[AuditReport], list[InputError]]:
    """Audit every report the paths name, in one process: (reports without their text, input
    errors; a path that names nothing is one)."""
    from ..run.corpus import Options, audit_corpus

    reports: list[AuditReport] = []
    failures: list[InputError] = []
    for outcome in audit_corpus(paths, 1, options=Options()):
        if outcome.error is not None:
            failures.append(InputError(outcome.path, outcome.error))
            continue
        reports.append(outcome.report())
    return reports, failures


def baseline(paths: list[str], output: str | None) -> int:
    from ..report.baseline import Baseline

    if output:  # checked before the audit: a missing folder, a folder, no permission
        from .output import check_writable

        check_writable(output)
    reports, failures = _audit_paths(paths)
    for exc in failures:
        print(f"auditor: {exc}", file=sys.stderr)
    if failures:  # a baseline written from a partial corpus would accept too little: refuse
        print("auditor: baseline not written: some inputs could not be read", file=sys.stderr)
        return EXIT_TOOL
    accepted = Baseline.from_reports(reports)
    if output:
        from .output import write_file

        write_file(output, accepted.to_json())
        print(
            f"auditor: wrote {output}: {len(accepted.findings)} accepted finding(s) "
            f"in {len(reports)} document(s)",
            file=sys.stderr,
        )
    else:
        from .output import write_stdout

        write_stdout(accepted.to_json())
    return EXIT_OK
