"""Stage 1, read: a source (path, bytes or text) → a ``Source``.

In: a path, bytes or a text. Out: ``source.Source`` — the text to audit (a document laid out as
lines, tables as pipe rows), its encoding, the places that map its lines and columns back to the
document's own terms (page, cell, paragraph), and the statistical tables as ``source.Table`` of
``source.Cell``. ``normalize`` gives the normalised text with its map back to the original.
``inputs`` opens paths, bytes and texts; ``paths`` expands files, folders and globs;
``encoding`` decodes plain text; ``formats/`` reads PDF, Word, workbooks and web pages. May
import only ``auditor.core``.
"""
