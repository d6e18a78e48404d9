"""Stage 6, report: ``AuditReport`` s → what people and programs read.

In: ``core.models.AuditReport`` and ``InputFailure``. Out: the terminal view (``terminal``, rich),
plain text for assertions and pytest (``text``), a self-contained HTML page (``html``), SARIF
2.1.0 (``sarif``), the JSON output and its JSON Schema (``schema``), baselines of accepted
findings (``baseline``). May import ``auditor.explain`` (fingerprints) and the stages below it;
never the faces (``api``, ``pipeline``, ``run``, ``cli``, ``pytest_plugin``).
"""
