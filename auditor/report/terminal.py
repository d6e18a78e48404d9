"""Rich terminal output: per document, a summary and each finding with its source line."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..core.models import AuditReport, Finding

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def summary(report: AuditReport) -> Group:
    s = report.coverage
    table = Table.grid(padding=(0, 2))
    table.add_row("figures read", str(s.figures), "relations checked", str(s.relations_checked))
    share = f"{100 * s.figures_checked / (s.amounts + s.percents):.0f}%" if s.amounts + s.percents else "–"
    table.add_row(
        "amounts and % checked",
        f"{s.figures_checked} of {s.amounts + s.percents} ({share})",
        "consistent",
        str(s.relations_consistent),
    )
    counts = Text()
    for sev in ("error", "warning", "info"):
        counts.append(f"{s.findings[sev]} {sev}  ", style=STYLE[sev] if s.findings[sev] else "dim")
    table.add_row("findings", counts, "skipped", str(sum(s.relations_skipped.values())))
    reasons = Text(style="dim")
    for why, n in sorted(s.relations_skipped.items(), key=lambda kv: -kv[1])[:4]:
        reasons.append(f"  skipped {n} × {why}\n")
    parts = [table, reasons] if reasons else [table]
    if s.nothing_checked:  # never a silent pass
        parts.append(Text(s.nothing_checked, style="bold yellow"))
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


def finding_view(finding: Finding, lines: list[str] | None) -> Group:
    head = Text()
    head.append(f"{finding.severity.upper():7} ", style=STYLE[finding.severity])
    head.append(f"{finding.rule} ", style="bold")
    head.append(f"{finding.name}  ", style="dim")
    if finding.evidence:
        ev = finding.evidence[0]  # a document's own place (第3页第7行, Sheet!C7) when the reader gave one
        head.append(ev.place or f"line {ev.line}, col {ev.column}", style="dim")
    body = Text("        " + finding.message)
    parts = [head, body, source_line(finding, lines)]
    others = [e for e in finding.evidence if e.line != (finding.evidence[0].line if finding.evidence else 0)]
    for e in others:
        if lines and e.line - 1 < len(lines):
            parts.append(
                Text(
                    f"{e.line:>5} │ … {e.label}{e.text} ({e.role}) at {e.place or f'col {e.column}'}",
                    style="dim",
                )
            )
    for other in finding.also_breaks:
        parts.append(Text(f"        also breaks {other}", style="dim"))
    return Group(*parts)


def render(console: Console, report: AuditReport, original: str | None = None) -> None:
    lines = original.splitlines() if original is not None else None
    items = [summary(report)]
    for f in report.findings:
        items.append(Text(""))
        items.append(finding_view(f, lines))
    style = "red" if not report.ok else ("yellow" if report.findings else "green")
    console.print(
        Panel(Group(*items), title=f"[bold]{report.path}[/]", title_align="left", border_style=style)
    )
