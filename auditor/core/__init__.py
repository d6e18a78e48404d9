"""The shared layer: what every stage may import.

In: nothing of the auditor. Out: the errors (``errors``), closed intervals of Decimals
(``intervals``), the pydantic report models every output is made of (``models``: Evidence,
Finding, Diagnosis, Coverage, AuditReport, InputFailure), the rule catalogue, phrases and
concept vocabulary loaded from ``rules/*.toml`` with the user's rule packs (``rules``), the
counters of the engine's work that tests bound (``work``), and the version. Must not import
any other package of the auditor.
"""
