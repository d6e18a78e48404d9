"""auditor: checks the arithmetic of Chinese government final-account reports (部门决算).

    >>> import auditor
    >>> report = auditor.audit("examples/reports/000_cbc299a9f93ac768.txt")
    >>> [(f.rule, f.severity, f.evidence[0].line) for f in report.findings]

Names are imported lazily so that ``import auditor`` stays cheap.
"""

from __future__ import annotations

from .core.version import __version__ as __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `import auditor` stays cheap

__all__ = [
    "audit",
    "audit_text",
    "audit_file",
    "AuditReport",
    "Finding",
    "Evidence",
    "Diagnosis",
    "Coverage",
    "Stats",
    "InputError",
    "RuleError",
    "Figure",
    "scan",
    "catalogue",
    "audit_many",
    "AuditBatch",
    "InputFailure",
    "assert_consistent",
    "load_rules",
    "reset_rules",
    "RulePack",
    "Baseline",
    "load_baseline",
    "fingerprint",
    "audit_corpus",
    "audit_years",
]

_LAZY = {
    "audit": "pipeline",
    "audit_text": "pipeline",
    "audit_file": "pipeline",
    "AuditReport": "core.models",
    "Finding": "core.models",
    "Evidence": "core.models",
    "Diagnosis": "core.models",
    "Stats": "core.models",
    "Coverage": "core.models",
    "InputFailure": "core.models",
    "InputError": "core.errors",
    "RuleError": "core.errors",
    "Figure": "parse.figures",
    "scan": "parse.figures",
    "catalogue": "core.rules",
    "load_rules": "core.rules",
    "reset_rules": "core.rules",
    "RulePack": "core.rules",
    "audit_many": "api",
    "AuditBatch": "api",
    "assert_consistent": "api",
    "Baseline": "report.baseline",
    "load_baseline": "report.baseline",
    "fingerprint": "explain.finish",
    "audit_corpus": "run.corpus",
    "audit_years": "run.years",
}

if TYPE_CHECKING:  # pragma: no cover
    from .api import AuditBatch, assert_consistent, audit_many
    from .core.errors import InputError, RuleError
    from .core.models import AuditReport, Coverage, Diagnosis, Evidence, Finding, InputFailure, Stats
    from .core.rules import RulePack, catalogue, load_rules, reset_rules
    from .explain.finish import fingerprint
    from .parse.figures import Figure, scan
    from .pipeline import audit, audit_file, audit_text
    from .report.baseline import Baseline, load_baseline
    from .run.corpus import audit_corpus
    from .run.years import audit_years


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
