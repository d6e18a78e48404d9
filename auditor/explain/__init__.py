"""Stage 5, explain: failed relations → findings with their most likely cause.

In: relations and their outcomes, disagreements, table and across-years failures (from
``auditor.check``). Out: ``core.models.Finding`` in an ``AuditReport``: the single-edit repairs
and blame across the relation graph (``diagnose``), findings built in one place with their
evidence, message and diagnosis, one finding per culprit, then the rule packs and fingerprints
(``finish``). May import ``auditor.check`` and the stages below it; never ``report`` or the faces.
"""
