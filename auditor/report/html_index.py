"""The HTML report of a corpus: an index page and one page per document.

``Pages(Path("report.html"))`` writes each document's page into the folder ``report/`` as it is
added (``report/0001.html`` …), keeping only a line of figures per document; ``index()`` is the
index page: every document with its findings by severity, the findings by rule and severity, and
filters by severity and by rule. The filters are radio buttons and CSS (no script): the pages
read offline, as the single-page report does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..core.i18n import severity, t
from ..core.models import AuditReport, InputFailure
from .html import document_page, page_head

SEVERITIES = ("error", "warning", "info")

FILTER_CSS = """
.filters{margin:8px 0 12px}.filters input{position:absolute;opacity:0}
.filters label{display:inline-block;border:1px solid #bbb;border-radius:3px;padding:1px 8px;margin:2px;
cursor:pointer;font-size:13px}
.filters input:checked+label{background:#0b57d0;color:#fff;border-color:#0b57d0}
"""


@dataclass
class Entry:
    """What the index keeps of one document."""

    path: str
    page: str
    counts: dict[str, int]
    rules: Counter[tuple[str, str]]
    figures: int
    checked: int
    relations: int
    consistent: int
    suppressed: int


class Pages:
    """Writes the document pages as they come, then the index."""

    def __init__(self, index: Path) -> None:
        self.index_path = index
        self.folder = index.with_name(index.stem + "_files" if index.suffix == "" else index.stem)
        self.entries: list[Entry] = []

    def add(self, report: AuditReport, text: str | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{len(self.entries) + 1:04d}.html"
        report._source_text = text
        (self.folder / name).write_text(
            document_page(report, back=f"../{self.index_path.name}"), encoding="utf-8"
        )
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in report.findings:
            counts[f.severity] += 1
        c = report.coverage
        self.entries.append(
            Entry(
                report.path,
                f"{self.folder.name}/{name}",
                counts,
                Counter((f.rule, f.severity) for f in report.findings),
                c.figures,
                c.figures_checked,
                c.relations_checked,
                c.relations_consistent,
                len(report.suppressed),
            )
        )

    def index(self, failures: list[InputFailure]) -> str:
        """The index page."""
        title = t("labels.report_title")
        rules = Counter[tuple[str, str]]()
        total = dict.fromkeys(SEVERITIES, 0)
        for e in self.entries:
            rules.update(e.rules)
            for s in SEVERITIES:
                total[s] += e.counts[s]
        codes = sorted({code for code, _ in rules})
        css = FILTER_CSS + "".join(
            f"#f-{k}:checked~table.docs tr.doc:not(.has-{k}){{display:none}}" for k in [*SEVERITIES, *codes]
        )
        css += "#f-clean:checked~table.docs tr.doc:not(.clean){display:none}"
        out = [page_head(title, css), f"<header><h1>{escape(title)}</h1>", self._totals(total, failures)]
        out.append(self._by_rule(rules, codes))
        out.append(f'<h3>{escape(t("labels.document"))}</h3><div class="filters">')
        out.append(self._filters(codes))
        out.append(self._documents())
        out.append("</div>")
        if failures:
            out.append(
                f'<h3>{escape(t("labels.unreadable_inputs"))}</h3><ul class="errors">'
                + "".join(f"<li>{escape(x.path)}: {escape(x.error)}</li>" for x in failures)
                + "</ul>"
            )
        out.append("</header></body></html>\n")
        return "\n".join(out)

    def _totals(self, total: dict[str, int], failures: list[InputFailure]) -> str:
        badges = " ".join(
            f'<span class="badge b-{s}">{n} {severity(s)}</span>' for s, n in total.items() if n
        )
        more = f" · {len(failures)} {escape(t('labels.unreadable_inputs'))}" if failures else ""
        return f"<p>{escape(t('labels.documents_count', n=len(self.entries)))} · {badges}{more}</p>"

    def _by_rule(self, rules: Counter[tuple[str, str]], codes: list[str]) -> str:
        from ..core.rules import catalogue

        names = catalogue()
        head = "".join(f"<th>{escape(severity(s))}</th>" for s in SEVERITIES)
        rows = "".join(
            f"<tr><td><b>{code}</b></td><td>{escape(names[code].name if code in names else '')}</td>"
            + "".join(f"<td class=num>{rules.get((code, s), 0) or ''}</td>" for s in SEVERITIES)
            + "</tr>"
            for code in codes
        )
        return (
            f'<h3>{escape(t("labels.findings_by_rule"))}</h3><table class="index rules">'
            f"<tr><th>{escape(t('labels.rule'))}</th><th>{escape(t('labels.name'))}</th>{head}</tr>{rows}</table>"
        )

    def _filters(self, codes: list[str]) -> str:
        options = [("all", t("labels.all_severities"))] + [(s, severity(s)) for s in SEVERITIES]
        options += [("clean", t("labels.no_findings"))] + [(c, c) for c in codes]
        return f"<span>{escape(t('labels.filter'))}：</span>" + "".join(
            f'<input type="radio" name="filter" id="f-{k}"{" checked" if k == "all" else ""}>'
            f'<label for="f-{k}">{escape(label)}</label>'
            for k, label in options
        )

    def _documents(self) -> str:
        head = (
            f'<table class="index docs"><tr><th>{escape(t("labels.document"))}</th>'
            f"<th>{escape(t('labels.findings'))}</th><th>{escape(t('labels.figures_read'))}</th>"
            f"<th>{escape(t('labels.figures_checked'))}</th><th>{escape(t('labels.relations_checked'))}</th>"
            f"<th>{escape(t('labels.consistent'))}</th></tr>"
        )
        rows = []
        for e in self.entries:
            classes = ["doc"] + [f"has-{s}" for s in SEVERITIES if e.counts[s]]
            classes += sorted({f"has-{code}" for code, _ in e.rules})
            if not any(e.counts.values()):
                classes.append("clean")
            badges = (
                " ".join(
                    f'<span class="badge b-{s}">{n} {severity(s)}</span>' for s, n in e.counts.items() if n
                )
                or f'<span class="badge b-ok">{escape(t("labels.no_findings"))}</span>'
            )
            rows.append(
                f'<tr class="{" ".join(classes)}"><td><a href="{escape(e.page)}">{escape(e.path)}</a></td>'
                f"<td>{badges}</td><td class=num>{e.figures}</td><td class=num>{e.checked}</td>"
                f"<td class=num>{e.relations}</td><td class=num>{e.consistent}</td></tr>"
            )
        return head + "".join(rows) + "</table>"
