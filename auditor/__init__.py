"""auditor: checks the arithmetic of Chinese government final-account reports (部门决算).

    >>> import auditor
    >>> report = auditor.audit("examples/reports/000_cbc299a9f93ac768.txt")
    >>> [(f.rule, f.severity, f.evidence[0].line) for f in report.findings]

Names are imported lazily so that ``import auditor`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "audit", "audit_text", "audit_file", "AuditReport", "Finding", "Evidence", "Diagnosis", "Coverage", "Stats",
    "InputError", "RuleError", "Figure", "scan", "catalogue", "audit_corpus", "audit_years",
]

_LAZY = {
    "audit": "engine", "audit_text": "engine", "audit_file": "engine",
    "AuditReport": "models", "Finding": "models", "Evidence": "models", "Diagnosis": "models", "Stats": "models", "Coverage": "models",
    "InputError": "errors", "RuleError": "errors", "Figure": "figures", "scan": "figures", "catalogue": "rules",
    "audit_corpus": "corpus", "audit_years": "years",
}

if TYPE_CHECKING:  # pragma: no cover
    from .engine import audit, audit_file, audit_text
    from .errors import InputError, RuleError
    from .figures import Figure, scan
    from .models import AuditReport, Diagnosis, Coverage, Evidence, Finding, Stats
    from .rules import catalogue
    from .corpus import audit_corpus
    from .years import audit_years


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
