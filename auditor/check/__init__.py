"""Stage 4, check: the relations a report asserts, and whether each holds within rounding.

In: a ``Document`` and its ``Fact`` s; a ``Source`` 's statistical tables. Out: ``relations.Relation``
(sum, share, change, completion, same figure twice …, each judged ``ok`` / ``truncation`` /
``fail`` / ``undefined`` by interval arithmetic), found in the prose by ``extract`` (the
sentence-shape reader, to be replaced by the statement reader), in the self-evaluation tables
(``selfeval``) and between classes and items (``classes``); the outcomes (``judge``); the same
fact stated differently (``crossref``); the statistical tables' own sums (``tables``); a prior
year's figures against the previous report (``years``). May import ``auditor.facts``,
``auditor.parse``, ``auditor.read`` and ``auditor.core``; never ``explain`` or later.
"""
