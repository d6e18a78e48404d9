"""auditor: checks the arithmetic of Chinese government final-account reports (部门决算).

    >>> import auditor
    >>> report = auditor.audit("examples/reports/000_cbc299a9f93ac768.txt")
    >>> [(f.rule, f.severity, f.evidence[0].line) for f in report.findings]

Names are imported lazily so that ``import auditor`` stays cheap.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `import auditor` stays cheap

__version__ = "0.1.0"

__all__ = [
    "audit", "audit_text", "audit_file", "AuditReport", "Finding", "Evidence", "Diagnosis", "Coverage", "Stats",
    "InputError", "RuleError", "Figure", "scan", "catalogue",
    "audit_many", "AuditBatch", "InputFailure", "assert_consistent", "load_rules", "reset_rules", "RulePack",
    "Baseline", "load_baseline", "fingerprint",
    "audit_corpus", "audit_years",
]

_LAZY = {
    "audit": "engine", "audit_text": "engine", "audit_file": "engine",
    "AuditReport": "models", "Finding": "models", "Evidence": "models", "Diagnosis": "models", "Stats": "models", "Coverage": "models",
    "InputError": "errors", "RuleError": "errors", "Figure": "figures", "scan": "figures", "catalogue": "rules",
    "audit_many": "api", "AuditBatch": "api", "assert_consistent": "api", "InputFailure": "models",
    "load_rules": "rules", "reset_rules": "rules", "RulePack": "rules",
    "Baseline": "baseline", "load_baseline": "baseline", "fingerprint": "baseline",
    "audit_corpus": "corpus", "audit_years": "years",
}

if TYPE_CHECKING:  # pragma: no cover
    from .engine import audit, audit_file, audit_text
    from .errors import InputError, RuleError
    from .figures import Figure, scan
    from .models import AuditReport, Diagnosis, Coverage, Evidence, Finding, Stats
    from .rules import catalogue, load_rules, reset_rules, RulePack
    from .api import AuditBatch, assert_consistent, audit_many
    from .baseline import Baseline, fingerprint, load_baseline
    from .models import InputFailure
    from .corpus import audit_corpus
    from .years import audit_years


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
