"""Stage 2, parse: a normalised text → figures and structure.

In: the text of a ``read.source.Source`` (and its tables). Out: ``figures.Figure`` (the number as
written: value, decimals, unit, interval, span), ``document.Document`` (paragraphs, sentences,
headings, each figure's label and direction), the sections a position stands in (``sections``),
the self-evaluation tables as rows of cells (``selfeval_table``) and the statistical tables
recognised as grids (``grids``). May import ``auditor.read`` and ``auditor.core``; never a later
stage.
"""
