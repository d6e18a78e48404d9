"""Report files as pytest items (loaded by ``auditor.pytest_plugin.hooks`` only when paths are configured)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ..core.errors import InputError, RuleError

if TYPE_CHECKING:  # pragma: no cover
    from _pytest._code.code import TerminalRepr, TracebackStyle
    from _pytest._io import TerminalWriter

    from ..core.models import AuditReport
    from ..core.rules import RulePack
    from ..report.baseline import Baseline


class AuditFailure(Exception):
    """A document has findings at or above the threshold that the baseline does not accept."""

    def __init__(self, text: str, summary: str) -> None:
        super().__init__(text)
        self.text = text
        self.summary = summary


class _Crash:
    def __init__(self, message: str, path: str) -> None:
        self.message, self.path, self.lineno = message, path, 0


class FailureRepr:
    """The failure as pytest shows it: the plain-text findings, and a one-line summary for
    the short test summary (``-ra``) and JUnit XML."""

    def __init__(self, text: str, summary: str, path: str) -> None:
        self.text = text
        self.reprcrash = _Crash(summary, path)

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.text.splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self.text


class UnreadableInput(Exception):
    """A report path that could not be read: the one-line reason."""


class AuditSession:
    """Adds one item per report (or per rule per report) to the collected tests."""

    def __init__(self, config: pytest.Config, conf: dict[str, Any]) -> None:
        self.config = config
        self.conf = conf
        self._baseline: Baseline | None = None
        self.documents: set[str] = set()
        self.accepted_count = 0
        self.findings_count = 0

    def accepted(self, path: str) -> Counter[str]:
        """Fingerprints the baseline accepts in the document at `path` (its own entries: whatever
        items run, in whatever order or process — ``-k``, ``--lf``, ``-n`` — they are the same)."""
        if not self.conf["baseline"]:
            return Counter()
        if self._baseline is None:
            from ..report.baseline import load_baseline

            self._baseline = load_baseline(self.conf["baseline"])
        return self._baseline.counts_for(path)

    _saved_packs: tuple[RulePack, ...] | None = None

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        """One line: documents audited, findings failed on, findings the baseline accepted."""
        if not self.documents:
            return
        line = (
            f"auditor: {len(self.documents)} document(s) audited, "
            f"{self.findings_count} finding(s) at or above "
            f"{self.conf['severity']}"
        )
        if self.conf["baseline"]:
            line += f", {self.accepted_count} accepted by the baseline {Path(self.conf['baseline']).name}"
        terminalreporter.write_line(line)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        """Put back the rule packs loaded before this session (pytester runs share the process)."""
        if self._saved_packs is not None:
            from ..core.rules import restore_packs

            restore_packs(self._saved_packs)

    @pytest.hookimpl(tryfirst=True)  # before -k / -m / --deselect filter the items
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        from ..core.rules import load_rules, reset_rules
        from ..read.inputs import discover

        if self.conf["rules"]:
            from ..core.rules import loaded_packs

            self._saved_packs = loaded_packs()
            reset_rules()
            try:
                for pack in self.conf["rules"]:
                    load_rules(pack)
            except RuleError as exc:
                raise pytest.UsageError(f"auditor: {exc}") from None
        files, errors = discover(self.conf["paths"])
        added = []
        for err in errors:
            shown = _relative(err.source, config)
            added.append(
                AuditPathItem.from_parent(session, name=f"audit[{shown}]", problem=f"{shown}: {err.problem}")
            )
        for f in files:
            path = Path(f).resolve()
            node = AuditFile.from_parent(
                session,
                path=path,
                audit_session=self,
                nodeid=os.path.relpath(path, config.rootpath).replace(os.sep, "/"),
            )
            # the public collection hooks, as pytest's own collect_one_node: counted and reported
            # like any file
            node.ihook.pytest_collectstart(collector=node)
            rep = node.ihook.pytest_make_collect_report(collector=node)
            node.ihook.pytest_collectreport(report=rep)
            if rep.passed:
                added.extend(rep.result)
        items.extend(added)


def _relative(path: str, config: pytest.Config) -> str:
    try:
        return str(Path(path).relative_to(config.invocation_params.dir))
    except ValueError:
        return path


class AuditFile(pytest.File):
    """One report file; audited once, on first use, whatever the number of its items."""

    def __init__(self, *, audit_session: AuditSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.audit_session = audit_session
        self._report: AuditReport | None = None
        self._error: InputError | None = None

    def collect(self) -> list[pytest.Item]:
        if not self.audit_session.conf["per_rule"]:
            return [AuditItem.from_parent(self, name="audit", rule=None)]
        from ..core.rules import catalogue

        try:
            self.audited()
        except InputError:
            return [AuditItem.from_parent(self, name="read", rule=None)]
        chosen = self.audit_session.conf["selection"]
        items: list[pytest.Item] = [
            AuditItem.from_parent(self, name=code, rule=code)
            for code, r in catalogue().items()
            if r.enabled and code in chosen
        ]
        if self.audit_session.conf["fail_on_unchecked"]:  # one item: something was checked
            items.append(AuditItem.from_parent(self, name="checked", rule="", only_coverage=True))
        return items

    def audited(self) -> AuditReport:
        """The report, or raise the InputError that stopped the read."""
        if self._error is not None:
            raise self._error
        if self._report is None:
            from ..pipeline import audit_source
            from ..read.inputs import read_path

            try:
                source = read_path(self.path)
            except InputError as exc:
                self._error = exc
                raise
            self._report = audit_source(source)
        return self._report


class AuditItem(pytest.Item):
    """The findings of one report (or of one rule in one report) must stay under the threshold."""

    def __init__(self, *, rule: str | None, only_coverage: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule = rule
        self.only_coverage = only_coverage
        if rule:
            self.add_marker(pytest.mark.audit_rule(rule))

    def runtest(self) -> None:
        from ..report.text import at_or_above, report_text

        parent: AuditFile = self.parent  # type: ignore[assignment]
        conf = parent.audit_session.conf
        try:
            report = parent.audited()
        except InputError as exc:
            raise UnreadableInput(f"{self.display_path()}: {exc.problem}") from None
        session = parent.audit_session
        session.documents.add(str(self.path))
        unchecked = report.coverage.nothing_checked
        if conf["fail_on_unchecked"] and unchecked and (self.rule is None or self.only_coverage):
            raise AuditFailure(f"{self.display_path()}: {unchecked}", unchecked)
        findings = [
            f
            for f in at_or_above(report, conf["severity"])
            if (self.rule is None or f.rule == self.rule) and f.rule in conf["selection"]
        ]
        accepted = session.accepted(str(self.path))
        new = []
        for f in findings:
            if accepted[f.fingerprint] > 0:
                accepted[f.fingerprint] -= 1
                session.accepted_count += 1
            else:
                new.append(f)
        session.findings_count += len(new)
        if new:
            text = report_text(report, new, conf["severity"])
            summary = ", ".join(f"{f.rule} line {f.evidence[0].line if f.evidence else '?'}" for f in new[:5])
            summary = f"{len(new)} finding(s): {summary}{' …' if len(new) > 5 else ''}"
            raise AuditFailure(text.replace(report.path, self.display_path(), 1), summary)

    def display_path(self) -> str:
        try:
            return str(self.path.relative_to(self.config.invocation_params.dir))
        except ValueError:
            return str(self.path)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, AuditFailure):  # pytest only calls its toterminal()
            failure = FailureRepr(excinfo.value.text, excinfo.value.summary, str(self.path))
            return failure  # type: ignore[return-value]
        if isinstance(excinfo.value, UnreadableInput):
            return f"unreadable report: {excinfo.value}"
        if isinstance(excinfo.value, InputError):  # the baseline file
            return f"auditor: {excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, f"audit {self.display_path()}" + (f" [{self.rule}]" if self.rule else "")


class AuditPathItem(pytest.Item):
    """A configured path that holds no report (missing, or a folder without reports): fails."""

    def __init__(self, *, problem: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problem = problem

    def runtest(self) -> None:
        raise UnreadableInput(self.problem)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str:
        return f"unreadable report path: {excinfo.value}"

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, self.name
