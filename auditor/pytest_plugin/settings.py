"""The plugin's effective settings: the ``--audit*`` options first, then the ``audit_*`` ini options."""

from __future__ import annotations

from typing import Any

SEVERITIES = ("error", "warning", "info")


def _ini_path(config: Any, value: str) -> str:
    from pathlib import Path

    if not value:
        return ""
    base = config.inipath.parent if config.inipath else config.rootpath
    return str(base / value) if not Path(value).is_absolute() else value


def settings(config: Any) -> dict[str, Any]:
    """The plugin's effective settings: command line first, then the ini file, then the project's
    ``[tool.auditor]`` / ``auditor.toml`` (``core/config.py``), then the defaults."""
    from ..core.config import find_config

    project = find_config(config.rootpath)
    invocation = config.invocation_params.dir
    paths = [
        str(invocation / p) if not p.startswith("/") else p for p in (config.getoption("audit_paths") or [])
    ]
    if not paths:
        paths = [str(p) for p in config.getini("audit_paths")]
    severity = (
        config.getoption("audit_severity") or config.getini("audit_severity") or project.severity or "error"
    )
    baseline = config.getoption("audit_baseline")
    baseline = str(invocation / baseline) if baseline else _ini_path(config, config.getini("audit_baseline"))
    per_rule = config.getoption("audit_per_rule")
    if per_rule is None:
        per_rule = bool(config.getini("audit_per_rule"))
    packs = [str(invocation / p) for p in (config.getoption("audit_rules") or [])] or [
        str(p) for p in config.getini("audit_rules")
    ]
    unchecked = config.getoption("audit_fail_on_unchecked")
    if unchecked is None:
        unchecked = bool(config.getini("audit_fail_on_unchecked"))
    return {
        "paths": paths,
        "fail_on_unchecked": unchecked,
        "severity": severity,
        "baseline": baseline or project.baseline or None,
        "per_rule": per_rule,
        "rules": packs or list(project.rules),
        "selection": _selection(project),
    }


def _selection(project: Any) -> Any:
    """The project's rule selection (the catalogue is loaded only when it selects or ignores)."""
    from ..core.config import Selection

    if not (project.select or project.ignore or project.extend_select):
        return Selection()
    from ..core.rules import catalogue

    return Selection.of(project.select, project.ignore, project.extend_select, codes=catalogue())
