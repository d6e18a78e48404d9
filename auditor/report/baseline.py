"""Baselines of accepted findings, so a pipeline fails only on new slips (as ruff and pylint allow).

A finding's fingerprint (``explain.finish.fingerprint``) is stable across edits that move it:
it hashes the rule and, for each figure of the evidence, its role, what it measures (its
concept, or the words written just before it) and its normalised value and unit — never line or
column numbers. A baseline
file lists accepted fingerprints; matching counts them, so a second identical slip is new.

    {"version": 1, "findings": [{"fingerprint", "rule", "path", "message"}, ...]}

An entry belongs to one document: it accepts a finding only in the document its ``path`` names,
compared from the file name up (``reports/a.txt`` is ``/ci/work/reports/a.txt`` and
``../reports/a.txt``, never ``reports/b.txt``), so that the baseline holds wherever the command
runs, and whatever documents a run audits, in what order and in how many processes (``pytest -k``,
``--lf``, ``-n``). An entry without a path (written by hand) accepts in any document.
``message`` is informative only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field, ValidationError

from ..core.errors import InputError
from ..core.models import recount
from ..explain.finish import fingerprint

if TYPE_CHECKING:  # pragma: no cover
    from ..core.models import AuditReport, Finding

BASELINE_VERSION = 1


class BaselineEntry(BaseModel):
    """One accepted finding."""

    fingerprint: str = Field(min_length=1)
    rule: str
    path: str = Field(
        default="",
        description="the document it is accepted in (compared from the file name up); empty: any document",
    )
    message: str = Field(default="", description="the finding's message then (informative)")


class Baseline(BaseModel):
    """Accepted findings, matched by fingerprint and count."""

    version: Literal[1] = 1
    findings: list[BaselineEntry] = Field(default_factory=list)

    @classmethod
    def from_reports(cls, reports: Iterable[AuditReport]) -> Baseline:
        """A baseline accepting every finding of these reports."""
        entries = [
            BaselineEntry(
                fingerprint=f.fingerprint or fingerprint(f), rule=f.rule, path=r.path, message=f.message
            )
            for r in reports
            for f in r.findings
        ]
        return cls(findings=entries)

    def to_json(self) -> str:
        """The baseline file's text (sorted, stable across runs: diffs stay small)."""
        data = self.model_dump(mode="json")
        data["findings"].sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write(self, path: str | Path) -> None:
        """Write the baseline file."""
        Path(path).write_text(self.to_json(), encoding="utf-8")

    def counts(self) -> Counter[str]:
        """How many findings each fingerprint accepts, in all documents together."""
        return Counter(e.fingerprint for e in self.findings)

    def counts_for(self, path: str) -> Counter[str]:
        """How many findings each fingerprint accepts in the document at `path`."""
        return Counter(e.fingerprint for e in self.findings if same_document(e.path, path))


def same_document(entry: str, document: str) -> bool:
    """Whether a baseline entry's path names this document: their components agree from the
    file name up, as far as the shorter goes (``.`` and ``..`` left out). An empty entry path
    matches any document."""
    if not entry:
        return True
    a, b = _components(entry), _components(document)
    n = min(len(a), len(b))
    return n > 0 and a[-n:] == b[-n:]


def _components(path: str) -> list[str]:
    return [c for c in path.replace("\\", "/").split("/") if c not in ("", ".", "..")]


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; raises ``InputError(path, reason)`` when it is missing or invalid."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            name, "no such baseline file (write one with 'auditor baseline PATH... -o FILE')"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not a baseline: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err["loc"]) or "file"
        raise InputError(name, f"not a baseline: field {field}: {err['msg']}") from None


class BaselineResult(BaseModel):
    """What applying a baseline did: how many findings it hid, and entries that matched nothing."""

    hidden: int = 0
    unmatched: list[BaselineEntry] = Field(
        default_factory=list, description="accepted findings no longer found (fixed?)"
    )


class Matcher:
    """A baseline applied to one report after another, as they come: each report's findings are
    matched, in document order, against the entries of its own document not used yet (by an
    earlier report or an earlier finding), so with two identical slips and one accepted, the
    first is hidden and the second reported as new."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.used = [False] * len(baseline.findings)
        self.hidden = 0

    def apply(self, report: AuditReport) -> None:
        """Remove the accepted findings from the report (in place)."""
        open_entries: dict[str, list[int]] = {}  # fingerprint → entries of this document not used yet
        for k, e in enumerate(self.baseline.findings):
            if not self.used[k] and same_document(e.path, report.path):
                open_entries.setdefault(e.fingerprint, []).append(k)
        if not open_entries:
            return
        kept: list[Finding] = []
        for f in report.findings:
            waiting = open_entries.get(f.fingerprint or fingerprint(f))
            if waiting:
                self.used[waiting.pop(0)] = True
                self.hidden += 1
            else:
                kept.append(f)
        if len(kept) != len(report.findings):
            report.findings = kept
            recount(report)

    def unmatched(self) -> list[BaselineEntry]:
        """The entries no finding has used (fixed?)."""
        return [e for k, e in enumerate(self.baseline.findings) if not self.used[k]]


def apply_baseline(reports: list[AuditReport], baseline: Baseline | str | Path | None) -> BaselineResult:
    """Remove accepted findings from the reports (in place), by document, fingerprint and count.

    Reports are visited in the order given and findings in document order, so with two
    identical slips and one accepted, the first is hidden and the second reported as new.
    """
    if baseline is None:
        return BaselineResult()
    if not isinstance(baseline, Baseline):
        baseline = load_baseline(baseline)
    matcher = Matcher(baseline)
    for report in reports:
        matcher.apply(report)
    return BaselineResult(hidden=matcher.hidden, unmatched=matcher.unmatched())
