"""The figures a finding cites, as evidence: where each is in the original, as written, and what
it measures (its label)."""

from __future__ import annotations

from ..core.models import Evidence
from ..parse.document import Document
from ..parse.figures import Figure
from ..read.source import place_at


def figure_evidence(doc: Document, fig: Figure, role: str, label: str) -> Evidence:
    """A figure of the text as evidence: where it is in the original (1-based line and column, end
    exclusive), as written, and its place in the document's own terms."""
    line, col = doc.text.position(fig.start)
    end_line, end_col = doc.text.position(max(fig.start, fig.end - 1))
    return Evidence(
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col + 1,
        text=doc.as_written(fig),
        value=f"{fig.value:f}",
        unit=fig.unit,
        role=role,
        label=label,
        place=place_at(doc.places, line, col),
    )


class Labels:
    """What each figure of a document measures, for people: the words before it, or, for a table
    cell a fact names, the fact's label (learnt from the cross-references, ``learn``)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.cells: dict[int, str] = {}  # figure start -> what a table cell is (row and column)

    def learn(self, start: int, label: str) -> None:
        self.cells[start] = label

    def of(self, fig: Figure) -> str:
        if fig.start in self.cells:
            return self.cells[fig.start]
        idx = self.doc.index_of(fig)
        return self.doc.label(idx) if idx is not None else ""

    def evidence(self, fig: Figure, role: str) -> Evidence:
        return figure_evidence(self.doc, fig, role, self.of(fig))
