"""Word .docx (python-docx): body paragraphs and tables in document order.

Places: ``第12段`` (the 12th paragraph of the body, empty ones counted as Word counts them) and
``表2第3行第4列`` (table 2, row 3, column 4, 1-based, merged cells read at their first column).
A paragraph is one line; a table row is a pipe row. Headers, footers, comments and text boxes
are not read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.errors import InputError
from .extras import needs_extra
from .layout import Layout, clean

if TYPE_CHECKING:  # pragma: no cover
    from ..source import Source


def read_docx(data: bytes, name: str) -> Source:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise needs_extra(name, ".docx", "office") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, PackageNotFoundError …
        raise InputError(name, f"corrupt .docx ({type(exc).__name__}: {str(exc)[:80]})") from None
    layout = Layout()
    paragraph_no = table_no = 0

    def blocks(parent: Any) -> Iterator[Any]:  # content controls (w:sdt) hold paragraphs and tables too
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "sdt":
                for content in child.iterchildren():
                    if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                        yield from blocks(content)
            else:
                yield tag, child

    for tag, child in blocks(document.element.body):
        if tag == "p":
            paragraph_no += 1
            text = Paragraph(child, document).text
            layout.paragraph(
                text.replace("\t", " ") if "\n" not in text else clean(text), f"第{paragraph_no}段"
            )
        elif tag == "tbl":
            table_no += 1
            table = Table(child, document)
            rows = []
            for r, row in enumerate(table.rows, start=1):
                cells = []
                previous = None
                for c, cell in enumerate(row.cells, start=1):
                    same = previous is not None and cell._tc is previous
                    previous = cell._tc
                    cells.append(("" if same else cell.text, f"表{table_no}第{r}行第{c}列"))
                rows.append(cells)
            layout.table(f"表{table_no}", rows, caption=layout.last_text())
    return layout.source(name, "docx")
