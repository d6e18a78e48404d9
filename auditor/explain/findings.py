"""Findings are made here, and only here: a rule's code, the message, the figures as evidence,
stated against expected, and the diagnosis. Their fingerprints are set by ``finish``."""

from __future__ import annotations

from ..core.models import Diagnosis, Evidence, Finding
from ..core.rules import catalogue
from ..parse.document import Document
from ..parse.figures import Figure
from ..read.source import place_at


def figure_evidence(doc: Document, fig: Figure, role: str, label: str) -> Evidence:
    """A figure of the text as evidence: where it is in the original (1-based line and column, end
    exclusive), as written, and its place in the document's own terms."""
    line, col = doc.text.position(fig.start)
    end_line, end_col = doc.text.position(max(fig.start, fig.end - 1))
    return Evidence(line=line, column=col, end_line=end_line, end_column=end_col + 1, text=doc.as_written(fig),
                    value=f"{fig.value:f}", unit=fig.unit, role=role, label=label,
                    place=place_at(doc.places, line, col))


def new_finding(code: str, message: str, evidence: list[Evidence], stated: str, expected: str,
                difference: str | None = None, relation: str = "", diagnosis: Diagnosis | None = None,
                severity: str | None = None) -> Finding:
    """A finding of rule `code`, at the rule's default severity unless `severity` says otherwise."""
    rule = catalogue()[code]
    return Finding(rule=code, name=rule.name, severity=severity or rule.severity, message=message,
                   evidence=evidence, stated=stated, expected=expected, difference=difference, relation=relation,
                   diagnosis=diagnosis)
