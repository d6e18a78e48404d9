"""Rich terminal output: per document, a summary and each finding with its source line.

Every label comes from the message catalogue in the language in use (``core/i18n.py``); a file
name or a figure is always plain text, never rich markup (``report[final].txt`` stays as written).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..core.i18n import finding_message, nothing_checked, severity, skipped, t
from ..core.models import AuditReport, Finding

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def summary(report: AuditReport) -> Group:
    s = report.coverage
    table = Table.grid(padding=(0, 2))
    table.add_row(
        t("labels.figures_read"), str(s.figures), t("labels.relations_checked"), str(s.relations_checked)
    )
    total = s.amounts + s.percents
    share = f"{100 * s.figures_checked / total:.0f}%" if total else "–"
    table.add_row(
        t("labels.checked_share"),
        t("labels.checked_of", n=s.figures_checked, total=total, share=share),
        t("labels.consistent"),
        str(s.relations_consistent),
    )
    counts = Text()
    for sev in ("error", "warning", "info"):
        counts.append(f"{s.findings[sev]} {severity(sev)}  ", style=STYLE[sev] if s.findings[sev] else "dim")
    table.add_row(t("labels.findings"), counts, t("labels.skipped"), str(sum(s.relations_skipped.values())))
    reasons = Text(style="dim")
    for why, n in sorted(s.relations_skipped.items(), key=lambda kv: -kv[1])[:4]:
        reasons.append("  " + t("labels.skipped_reason", n=n, why=skipped(why)) + "\n")
    parts: list[Text | Table] = [table, reasons] if reasons else [table]
    if s.nothing_checked:  # never a silent pass
        parts.append(Text(nothing_checked(s), style="bold yellow"))
    return Group(*parts)


def source_line(finding: Finding, lines: list[str] | None) -> Text:
    """The finding's first source line, with every figure of the evidence on it highlighted."""
    if not lines or not finding.evidence:
        return Text()
    first = finding.evidence[0].line
    raw = lines[first - 1] if first - 1 < len(lines) else ""
    spans = sorted(
        (e.column - 1, e.end_column - 1) for e in finding.evidence if e.line == first == e.end_line
    )
    start = max(0, (spans[0][0] if spans else 0) - 60)
    end = min(len(raw), (spans[-1][1] if spans else 0) + 40)
    text = Text(f"{first:>5} │ ", style="dim")
    if start > 0:
        text.append("…", style="dim")
    pos = start
    for a, b in spans:
        if a < pos:
            continue
        text.append(raw[pos:a])
        text.append(raw[a:b], style="bold reverse " + STYLE[finding.severity].split()[-1])
        pos = b
    text.append(raw[pos:end])
    if end < len(raw):
        text.append("…", style="dim")
    return text


def place(finding: Finding) -> str:
    """Where the finding's first figure (the one to correct) is: its own place, or line and column."""
    if not finding.evidence:
        return ""
    ev = finding.evidence[0]
    return ev.place or t("labels.line_col", line=ev.line, column=ev.column)


def finding_view(finding: Finding, lines: list[str] | None, note: str = "") -> Group:
    head = Text()
    head.append(f"{severity(finding.severity):7} ", style=STYLE[finding.severity])
    head.append(f"{finding.rule} ", style="bold")
    head.append(f"{finding.name}  ", style="dim")
    head.append(place(finding), style="dim")
    if note:
        head.append(f"  {note}", style="dim italic")
    body = Text("        " + finding_message(finding))
    parts = [head, body, source_line(finding, lines)]
    first = finding.evidence[0].line if finding.evidence else 0
    for e in finding.evidence:
        if e.line != first and lines and e.line - 1 < len(lines):
            where = e.place or t("labels.col", column=e.column)
            parts.append(
                Text(
                    f"{e.line:>5} │ … {e.label}{e.text}" + t("labels.at", role=e.role, place=where),
                    style="dim",
                )
            )
    for other in finding.also_breaks:
        parts.append(Text("        " + t("labels.also_breaks", what=other), style="dim"))
    return Group(*parts)


def render(console: Console, report: AuditReport, original: str | None = None, quiet: bool = False) -> None:
    """A document as a panel: its coverage (not with ``quiet``), each finding, each suppressed one."""
    lines = original.splitlines() if original is not None else None
    if quiet and not report.findings:
        return
    items: list[object] = [] if quiet else [summary(report)]
    for f in report.findings:
        if items:
            items.append(Text(""))
        items.append(finding_view(f, lines))
    for f in report.suppressed:
        items.append(Text(""))
        items.append(finding_view(f, lines, note=t("labels.suppressed", file=f.suppressed_by or "")))
    style = "red" if not report.ok else ("yellow" if report.findings else "green")
    title = Text(report.path, style="bold")  # a file name is text, never markup
    console.print(Panel(Group(*items), title=title, title_align="left", border_style=style))  # type: ignore[arg-type]
