"""SARIF 2.1.0 output (``auditor check --format sarif``) for code-scanning views.

One run; the rules come from the catalogue (with help text and default level); each finding
is a result located at its first figure (region in 1-based lines and Unicode code-point
columns, end column exclusive), the other figures as related locations, and our stable
fingerprint in ``partialFingerprints``. Unreadable inputs are tool execution notifications.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core.models import AuditReport, Evidence, InputFailure
from ..core.rules import ConfiguredRule

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "auditorFingerprint/v1"


def _uri(path: str) -> str:
    if path.startswith("<"):  # "<text>", "<bytes #2>": not files
        return quote(path, safe="")
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _region(e: Evidence) -> dict[str, Any]:
    return {
        "startLine": e.line,
        "startColumn": e.column,
        "endLine": e.end_line,
        "endColumn": e.end_column,
        "snippet": {"text": e.text},
    }


def _rule(r: ConfiguredRule) -> dict[str, Any]:
    explanation = " ".join(r.explanation.split())
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": explanation},
        "help": {
            "text": f"{r.summary}\n\n{explanation}\n\nExample: {r.example}",
            "markdown": f"**{r.code} {r.name}**: {r.summary}\n\n{explanation}\n\nExample:\n\n    {r.example}",
        },
        "defaultConfiguration": {
            "level": LEVEL[getattr(r, "effective_severity", r.severity)],
            "enabled": bool(getattr(r, "enabled", True)),
        },
        "properties": {"tags": ["arithmetic", "部门决算"]},
    }


def to_sarif(reports: list[AuditReport], failures: list[InputFailure] | None = None) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a batch, as a dict ready for ``json.dumps``."""
    from ..core.rules import catalogue
    from ..core.version import __version__

    rules = list(catalogue().values())
    index = {r.code: i for i, r in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for report in reports:
        art = len(artifacts)
        artifact: dict[str, Any] = {"location": {"uri": _uri(report.path)}, "mimeType": "text/plain"}
        if report.encoding and report.encoding != "str":
            artifact["encoding"] = report.encoding
        artifacts.append(artifact)
        where = {"uri": _uri(report.path), "index": art}
        for f in report.findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
                "properties": {"stated": f.stated, "expected": f.expected},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.evidence:
                result["locations"] = [
                    {"physicalLocation": {"artifactLocation": where, "region": _region(f.evidence[0])}}
                ]
                result["relatedLocations"] = [
                    {
                        "id": k,
                        "physicalLocation": {"artifactLocation": where, "region": _region(e)},
                        "message": {"text": f"{e.role}: {e.text}" + (f" ({e.label})" if e.label else "")},
                    }
                    for k, e in enumerate(f.evidence[1:], start=1)
                ]
            if f.diagnosis is not None:
                result["properties"].update(
                    {"cause": f.diagnosis.cause, "explanation": f.diagnosis.explanation}
                )
                if f.diagnosis.suggested:
                    result["properties"]["suggested"] = f.diagnosis.suggested
            results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{x.path}: {x.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(x.path)}}}],
        }
        for x in failures or []
    ]
    run = {
        "tool": {
            "driver": {
                "name": "auditor",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r) for r in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "invocations": [{"executionSuccessful": not failures, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def sarif_json(reports: list[AuditReport], failures: list[InputFailure] | None = None) -> str:
    """The SARIF log as text."""
    return json.dumps(to_sarif(reports, failures), ensure_ascii=False, indent=2)
