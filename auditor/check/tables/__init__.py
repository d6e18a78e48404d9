"""The statistical tables' own arithmetic (FA701–FA705), on the grids ``parse.grids`` recognises.

In: the ``read.source.Table`` s of a source (and its ``Document``, for the prose). Out: a
``tally.Tally`` — how many sums were checked and held, the grids, and each failure (a sum that
cannot hold within the cells' rounding, or a table figure the prose contradicts) for
``explain.tables`` to word and blame. ``within`` checks one table's rows and columns,
``across`` one table against another, ``prose`` the tables against the text; ``checks`` runs
them all. May import ``auditor.parse`` and below.
"""
