"""The library's core: one source audited through every stage, in the order the data flows.

    read (Source) → parse (Document) → check (relations, from the prose and the self-evaluation
    tables; the statistical tables' own sums) → explain (findings) → finish (rule packs,
    fingerprints) → AuditReport

``audit`` takes a path, bytes or a text; ``audit_source`` a ``Source`` already read (what the
corpus runner and the pytest plugin call). The faces (``api``, ``cli``, ``pytest_plugin``,
``run``) call these and nothing below them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .check.reading import extract
from .core.models import AuditReport
from .explain.finish import finish
from .explain.judgement import judge
from .parse.document import Document
from .read.inputs import REPORT_SUFFIXES, read_bytes, read_path, read_text
from .read.source import Source


def audit_source(source: Source) -> AuditReport:
    doc = Document.from_text(source.text, source.name, source.encoding, source.places)
    table_lines = frozenset(c.line for t in source.tables for row in t.rows for c in row)
    report = judge(doc, extract(doc, table_lines))
    if source.tables or source.unread:  # the statistical tables' own arithmetic (FA7xx)
        from .explain.tables import add_table_findings

        add_table_findings(report, source.tables, doc, source.unread)
    return finish(report, source)  # rule packs, fingerprints (explain/finish.py)


def audit_text(text: str, name: str = "<text>") -> AuditReport:
    """Audit a report given as text."""
    return audit_source(read_text(text, name))


def audit_file(path: str | os.PathLike[str]) -> AuditReport:
    """Audit a report file (UTF-8, UTF-16, GB18030/GBK or Big5 text). Raises InputError."""
    return audit_source(read_path(path))


def audit(source: str | bytes | os.PathLike[str], name: str | None = None) -> AuditReport:
    """Audit a report given as a path, as bytes, or as its text.

    A ``str`` is taken as a path when it is one line ending in a report suffix (.txt, .md) or
    names an existing file; otherwise it is the report's text.
    """
    if isinstance(source, bytes):
        return audit_source(read_bytes(source, name or "<bytes>"))
    if isinstance(source, os.PathLike):
        return audit_file(source)
    if (
        "\n" not in source
        and len(source) < 4096
        and (source.lower().endswith(REPORT_SUFFIXES) or Path(source).is_file())
    ):
        return audit_file(source)
    return audit_text(source, name or "<text>")
