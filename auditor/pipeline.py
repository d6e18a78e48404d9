"""The library's core: one source audited through every stage, in the order the data flows.

    read (Source) → parse (Document) → check (relations, from the prose and the self-evaluation
    tables; the statistical tables' own sums) → explain (findings) → finish (rule packs,
    fingerprints) → AuditReport

``audit`` takes a path, bytes or (``text=``) a text; ``audit_source`` a ``Source`` already
read (what the corpus runner and the pytest plugin call). The faces (``api``, ``cli``, ``pytest_plugin``,
``run``) call these and nothing below them.
"""

from __future__ import annotations

import os

from .check.reading import extract
from .core.models import AuditReport
from .explain.finish import finish
from .explain.judgement import judge
from .parse.document import Document
from .read.inputs import read_bytes, read_path, read_text
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
    if not isinstance(text, str):
        raise TypeError(f"audit_text() takes the report's text (str), not {type(text).__name__}")
    return audit_source(read_text(text, name))


def audit_file(path: str | os.PathLike[str]) -> AuditReport:
    """Audit a report file (any format ``auditor.read`` reads). Raises InputError."""
    return audit_source(read_path(path))


def audit(
    source: str | bytes | os.PathLike[str] | None = None,
    name: str | None = None,
    *,
    text: str | None = None,
) -> AuditReport:
    """Audit one report: a path (``str`` or ``os.PathLike``), its bytes, or its text (``text=``).

    A ``str`` source is always a path, never guessed to be text: a path that does not exist
    or names a folder raises ``InputError``. Text goes by ``text=`` (or ``audit_text``);
    ``name`` names bytes or text in the report.
    """
    if text is not None:
        if source is not None:
            raise TypeError("audit() takes a source or text=, not both")
        return audit_text(text, name or "<text>")
    if isinstance(source, bytes):
        return audit_source(read_bytes(source, name or "<bytes>"))
    if isinstance(source, (str, os.PathLike)):
        return audit_file(source)
    raise TypeError(
        "audit() takes a path (str or os.PathLike), bytes, or text=: "
        f"not {type(source).__name__ if source is not None else 'nothing'}"
    )
