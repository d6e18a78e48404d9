"""The statistical tables' findings (FA701–FA705): each failure of ``check.tables`` worded, with
its cells as evidence; then the cell most failing sums share blamed once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from ..check.tables.checks import check_tables
from ..check.tables.tally import ProseFailure, SumFailure, Tally
from ..core.models import CAUSES, AuditReport, Diagnosis, Evidence, Finding
from ..parse.document import Document
from ..parse.grids import Value
from ..read.source import Table
from .evidence import figure_evidence
from .findings import new_finding


def _fmt(v: Decimal, decimals: int) -> str:
    return f"{v.quantize(Decimal(1).scaleb(-decimals)):f}"


def _decimals(*values: Value) -> int:
    return max((len(v.cell.text.split(".")[1]) if "." in v.cell.text else 0 for v in values), default=2)


def cell_evidence(v: Value, role: str, label: str, unit: str) -> Evidence:
    """A table cell as evidence: its text, value and place."""
    c = v.cell
    return Evidence(
        line=c.line,
        column=c.column,
        end_line=c.line,
        end_column=c.column + len(c.text),
        text=c.text,
        value=f"{v.value:f}",
        unit=unit,
        role=role,
        label=label,
        place=c.place,
    )


def sum_finding(f: SumFailure) -> Finding:
    """total = Σ parts does not hold: the sum written out, the total as stated and as it would hold."""
    (tv, tlabel), grid, parts = f.total, f.grid, f.parts
    d = _decimals(tv, *(p for p, _ in parts))
    expected = _fmt(sum((s * p.value for (p, _), s in zip(parts, f.sign)), Decimal(0)), d)
    terms = "".join(
        ("＋" if s > 0 else "－") + f"{lab}{p.cell.text or '0'}" for (p, lab), s in zip(parts, f.sign)
    ).lstrip("＋")
    message = (
        f"{grid.kind.kind}（{tv.cell.place}）{f.what}：{terms} = {expected}{grid.unit}，"
        f"表中{tlabel}为{tv.cell.text}{grid.unit}"
    )
    cells = [(tv, "合计", tlabel)] + [(p, "部分", lab) for p, lab in parts]
    return new_finding(
        f.code,
        message,
        [cell_evidence(v, role, label, grid.unit) for v, role, label in cells],
        stated=f"{tv.cell.text}{grid.unit}",
        expected=f"{expected}{grid.unit}",
        difference=_fmt(tv.value - Decimal(expected), d) + grid.unit,
        relation=f.what,
    )


def prose_finding(f: ProseFailure, doc: Document) -> Finding:
    """A table's figure that the prose states otherwise: the cell, then the prose figure."""
    grid, value, name, i = f.grid, f.value, f.name, f.index
    written = doc.as_written(doc.figures[i])
    evidence = [
        cell_evidence(value, "表中", name, grid.unit),
        figure_evidence(doc, doc.figures[i], "文中", doc.label(i)),
    ]
    finding = new_finding(
        "FA705",
        f"{grid.kind.kind}（{value.cell.place}）{name}为{value.cell.text}{grid.unit}，"
        f"文中{doc.label(i) or name}为{written}",
        evidence,
        stated=written,
        expected=f"{value.cell.text}{grid.unit}",
        relation=f"{grid.kind.kind}{name}：表与文字说明",
    )
    finding.also_breaks.extend(f.also)
    return finding


_SUMS = ("FA701", "FA702", "FA703", "FA704")  # findings of sums: a cell they share is the likely culprit


def blame(findings: list[Finding]) -> list[Finding]:
    """The cell that most failing sums share is the likely culprit: one finding for it, naming the rest.

    A 款 cell written wrong breaks its 类's sum, its own sum of 项 and its row's column sum: the
    three findings share that cell and only it, so they are reported once, with the cell as the
    culprit and the value that would satisfy the first sum.
    """
    counts = Counter(place for f in findings if f.rule in _SUMS for place in {e.place for e in f.evidence})
    out: list[Finding] = []
    groups: dict[str | None, list[tuple[Finding, Evidence]]] = {}
    for f in sorted(findings, key=lambda f: f.rule):
        if f.rule not in _SUMS:
            out.append(f)
            continue
        ranked = sorted(f.evidence, key=lambda e: -counts[e.place])
        top = counts[ranked[0].place]
        if top >= 2 and (len(ranked) == 1 or counts[ranked[1].place] < top):
            groups.setdefault(ranked[0].place, []).append((f, ranked[0]))
        else:
            out.append(f)
    for place, members in groups.items():
        # the finding in which the culprit is the stated total speaks of it most directly
        members.sort(key=lambda m: (m[0].evidence[0].place != place, m[0].rule))
        f, culprit = members[0]
        f.also_breaks.extend(f"{g.rule} {g.relation}" for g, _ in members[1:])
        suggested = None
        if f.evidence[0].place == place:
            suggested = f.expected
        f.diagnosis = Diagnosis(
            cause="miscalculated",
            explanation=CAUSES["miscalculated"] + f"：{place}与{len(members)}处合计不符",
            culprit=culprit,
            suggested=suggested,
        )
        if len(members) > 1:
            f.message += (
                f"；{place}（{culprit.text}）同时使{len(members) - 1}处其他合计不符，最可能是此格有误"
            )
            if suggested:
                f.message += f"，应为{suggested}"
        out.append(f)
    out.sort(key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule))
    return out


def table_findings(tally: Tally, doc: Document | None) -> list[Finding]:
    """The findings of a tally, the cell most failing sums share blamed once."""
    findings = [
        sum_finding(f) if isinstance(f, SumFailure) else prose_finding(f, _the(doc)) for f in tally.failures
    ]
    return blame(findings)


def _the(doc: Document | None) -> Document:
    """The document a prose failure was found in (there is one: the prose was read)."""
    assert doc is not None, "a table against the prose without the prose"
    return doc


def add_table_findings(
    report: AuditReport,
    tables: Sequence[Table],
    doc: Document | None = None,
    unread: Sequence[tuple[str, int]] = (),
) -> None:
    """Append the statistical tables' findings to a report made from the same source, and what
    the reader could not read to its coverage."""
    for what, count in unread:
        report.coverage.relations_skipped[what] = report.coverage.relations_skipped.get(what, 0) + count
    tally = check_tables(tuple(tables), doc)
    findings = table_findings(tally, doc)
    report.coverage.relations_checked += tally.checked
    report.coverage.relations_consistent += tally.consistent
    for f in findings:
        report.coverage.findings[f.severity] += 1
    report.findings.extend(findings)
    report.findings.sort(
        key=lambda f: (f.evidence[0].line, f.evidence[0].column, f.rule) if f.evidence else (0, 0, f.rule)
    )
