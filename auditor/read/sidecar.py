"""Suppressions kept beside a report: ``REPORT.auditor.toml`` (a report cannot carry comments).

    # 2021/report.txt.auditor.toml: findings of 2021/report.txt accepted after review
    [[suppress]]
    rule = "FA801"            # a code or a prefix (FA8); optional
    figure = "7.02万元"        # a figure the finding cites, as written; optional
    line = 207                # a line the finding cites; optional
    reason = "the detail table rounds down"
    [[suppress]]
    fingerprint = "3f1c…"      # exactly one finding (as in a baseline)

A finding is suppressed by an entry when it matches every key the entry gives (at least one of
rule, figure, line, fingerprint). Suppressed findings are not counted as findings; the outputs
list them as suppressed, with the file and the reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError

SUFFIX = ".auditor.toml"
_KEYS = {"rule", "figure", "line", "fingerprint", "reason"}


@dataclass(frozen=True, slots=True)
class Suppression:
    """One ``[[suppress]]`` entry of a sidecar file."""

    file: str
    rule: str = ""
    figure: str = ""
    line: int | None = None
    fingerprint: str = ""
    reason: str = ""


def sidecar_of(path: str) -> Path:
    """The suppression file of a report: its name with ``.auditor.toml`` added."""
    return Path(path + SUFFIX)


def read_suppressions(path: str) -> tuple[Suppression, ...]:
    """The suppressions beside the report at ``path`` (none when there is no such file).

    Raises ``InputError`` naming the sidecar file when it is not a valid suppression file."""
    try:
        return _read(path)
    except InputError as exc:  # the report cannot be audited as asked: say which file is wrong
        raise InputError(exc.source, f"suppression file {Path(exc.source).name}: {exc.problem}") from None


def _read(path: str) -> tuple[Suppression, ...]:
    if path.startswith("<"):
        return ()
    side = sidecar_of(path)
    try:
        text = side.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(side), f"cannot read suppressions: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(side), f"not valid TOML: {exc}") from None
    entries = data.get("suppress", [])
    if not isinstance(entries, list) or set(data) - {"suppress"}:
        raise InputError(str(side), "a suppression file holds [[suppress]] entries only")
    out = []
    for k, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or set(e) - _KEYS:
            unknown = sorted(set(e) - _KEYS) if isinstance(e, dict) else []
            raise InputError(str(side), f"suppress #{k}: unknown field {', '.join(unknown) or '?'}")
        if not set(e) & {"rule", "figure", "line", "fingerprint"}:
            raise InputError(str(side), f"suppress #{k}: give a rule, a figure, a line or a fingerprint")
        line = e.get("line")
        if line is not None and not isinstance(line, int):
            raise InputError(str(side), f"suppress #{k}: field line: must be a number")
        out.append(
            Suppression(
                file=side.name,
                rule=str(e.get("rule", "")).upper(),
                figure=str(e.get("figure", "")),
                line=line,
                fingerprint=str(e.get("fingerprint", "")),
                reason=str(e.get("reason", "")),
            )
        )
    return tuple(out)
