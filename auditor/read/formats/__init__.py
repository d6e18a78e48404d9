"""The format readers: bytes of a PDF, Word file, workbook or web page → a ``Source``.

``dispatch.read_document`` chooses the reader by the content (see its docstring); each reader
lays its document out with ``layout.Layout`` and imports its optional library only when it
reads such a file (``extras.needs_extra`` names the extra to install otherwise). Part of the
read stage: may import ``auditor.read`` and ``auditor.core`` only.
"""
