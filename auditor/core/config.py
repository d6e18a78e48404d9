"""Project configuration and rule selection, as ruff has them.

The configuration is ``[tool.auditor]`` in a ``pyproject.toml`` or the top level of an
``auditor.toml``, found by walking up from the working folder (an ``auditor.toml`` wins over a
``pyproject.toml`` in the same folder; a ``pyproject.toml`` without ``[tool.auditor]`` is passed
over). The command line and the pytest plugin both read it; their own options win::

    [tool.auditor]
    select = ["FA"]             # codes or prefixes (FA8, FA801); default: every rule
    ignore = ["FA601"]
    extend-select = []
    severity = "warning"        # hide findings below it
    lang = "zh"                 # zh or en
    baseline = "audit-baseline.json"
    rules = ["rules/strict.toml"]   # rule packs
    exit-zero = false

Paths are relative to the file that names them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RuleError

KEYS = {"select", "ignore", "extend-select", "severity", "lang", "baseline", "rules", "exit-zero"}
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Config:
    """The settings of ``[tool.auditor]`` / ``auditor.toml`` (empty when there is none)."""

    path: str = ""
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: str | None = None
    lang: str | None = None
    baseline: str | None = None
    rules: tuple[str, ...] = ()
    exit_zero: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def find_config(start: str | Path | None = None) -> Config:
    """The configuration that holds for the folder ``start`` (default: the working folder)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        own = folder / "auditor.toml"
        if own.is_file():
            return _config(own, _load(own))
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _load(project).get("tool", {}).get("auditor")
            if table is not None:
                return _config(project, table)
    return Config()


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: not a valid configuration: {exc}") from None


def _strings(path: Path, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{path}: {key}: must be a list of strings")
    return tuple(value)


def _config(path: Path, table: dict[str, Any]) -> Config:
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise RuleError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    base = path.parent
    severity = table.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise RuleError(f"{path}: severity: must be error|warning|info")
    lang = table.get("lang")
    if lang is not None and lang not in ("zh", "en"):
        raise RuleError(f"{path}: lang: must be zh or en")
    baseline = table.get("baseline")
    return Config(
        path=str(path),
        select=_strings(path, "select", table.get("select", [])),
        ignore=_strings(path, "ignore", table.get("ignore", [])),
        extend_select=_strings(path, "extend-select", table.get("extend-select", [])),
        severity=severity,
        lang=lang,
        baseline=str(base / baseline) if isinstance(baseline, str) and baseline else None,
        rules=tuple(str(base / p) for p in _strings(path, "rules", table.get("rules", []))),
        exit_zero=bool(table.get("exit-zero", False)),
    )


@dataclass(frozen=True)
class Selection:
    """Which rules report findings: a code is on when the longest of the selected and ignored
    prefixes that match it is a selected one (``--select FA --ignore FA8 --extend-select FA801``
    keeps FA801 and drops the other FA8xx)."""

    select: tuple[str, ...] = ("FA",)
    ignore: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        codes: Iterable[str] | None = None,
    ) -> Selection:
        """A selection from codes or prefixes (comma-separated strings allowed); unknown ones raise."""
        sel = _split(select) or ("FA",)
        chosen = cls(sel + _split(extend_select), _split(ignore))
        if codes is not None:
            known = list(codes)
            for p in chosen.select + chosen.ignore:
                if not any(c.startswith(p) for c in known):
                    raise RuleError(f"unknown rule code or prefix {p!r} (see 'auditor rules')")
        return chosen

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        best_on = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_off = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_on > best_off

    @property
    def everything(self) -> bool:
        return self.select == ("FA",) and not self.ignore


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(p.strip().upper() for v in values for p in v.split(",") if p.strip())
