"""A self-contained HTML report: each document's text with the figures of each finding
highlighted and the finding beside its line (message, cause, suggested value), a summary and
the coverage per document. Inline CSS only, no script, no external resource: it reads offline.
Every piece of text from a report is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from ..core.i18n import explanation, finding_message, language, nothing_checked, severity, skipped, t
from ..core.models import AuditReport, Finding, InputFailure
from .text import source_lines

RANK = {"info": 0, "warning": 1, "error": 2}
Spans = dict[int, list[tuple[int, int, str, str]]]
#: Background of highlighted figures, by severity (the browser test looks for the error colour).
HIGHLIGHT = {"error": "#ffaaaa", "warning": "#ffe08a", "info": "#b8e1ff"}

CSS = (
    """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header,section.doc{max-width:1400px;margin:0 auto;padding:16px 24px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:24px 0 8px;border-top:2px solid #ccc;padding-top:16px;word-break:break-all}
table{border-collapse:collapse}
.index td,.index th,.cov td,.cov th{border:1px solid #ddd;padding:3px 8px;text-align:left;font-size:14px}
.num{text-align:right}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:bold;color:#fff}
.b-error{background:#c62828}.b-warning{background:#b26a00}.b-info{background:#1565c0}.b-ok{background:#2e7d32}
mark{padding:0 1px;border-radius:2px;color:#000}
mark.sev-error{background:%(error)s}mark.sev-warning{background:%(warning)s}mark.sev-info{background:%(info)s}
ol.findings{padding-left:24px}ol.findings li{margin:6px 0 12px}
.msg{margin:2px 0}.cause{color:#444;font-size:14px}.excerpt{font-size:14px;background:#fff;border:1px solid #eee;padding:2px 6px;margin-top:2px;white-space:pre-wrap;word-break:break-all}
table.text{width:100%%;table-layout:fixed;background:#fff;border:1px solid #ddd}
table.text td{vertical-align:top;padding:1px 6px;font-size:14px;line-height:1.6}
td.ln{width:48px;color:#999;text-align:right;user-select:none}
td.src{white-space:pre-wrap;word-break:break-all}
td.notes{width:38%%}
tr.hit td.src{background:#fffdf5}
.note{border-left:4px solid #999;background:#f6f6f6;padding:2px 8px;margin:2px 0;font-size:13px}
.note.sev-error{border-color:#c62828}.note.sev-warning{border-color:#b26a00}.note.sev-info{border-color:#1565c0}
.errors li{color:#c62828}
.muted{color:#777;font-size:13px}
a{color:#0b57d0}
"""  # noqa: E501, UP031 - one CSS rule a line; %-formatting, as CSS is full of braces
    % HIGHLIGHT
)


def _counts(report: AuditReport) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        counts[f.severity] += 1
    return counts


def _badges(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return f'<span class="badge b-ok">{t("labels.no_findings")}</span>'
    return " ".join(f'<span class="badge b-{s}">{n} {severity(s)}</span>' for s, n in counts.items() if n)


def _cause(f: Finding) -> str:
    d = f.diagnosis
    parts = [escape(t("labels.stated_consistent", stated=f.stated, expected=f.expected))]
    if d is not None:
        text = escape(t("labels.cause", explanation=explanation(f), cause=d.cause))
        if d.culprit is not None and d.suggested:
            text += " — " + escape(t("labels.should_read", text=d.culprit.text, line=d.culprit.line))
            text += f" <b>{escape(d.suggested)}</b>"
        parts.append(text)
    if f.also_breaks:
        parts.append(escape(t("labels.also_breaks", what="; ".join(f.also_breaks))))
    return '<div class="cause">' + "<br>".join(parts) + "</div>"


def _spans(findings: list[Finding], line_count: int) -> dict[int, list[tuple[int, int, str, str]]]:
    """Per line: (start, end, severity, title) of each figure to highlight (0-based, end exclusive)."""
    spans: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for f in findings:
        for e in f.evidence:
            for ln in range(e.line, min(e.end_line, line_count) + 1):
                a = e.column - 1 if ln == e.line else 0
                b = e.end_column - 1 if ln == e.end_line else 10**9
                spans[ln].append((a, b, f.severity, f"{f.rule} {f.name}: {e.role} {e.text}"))
    return spans


def _marked(raw: str, spans: list[tuple[int, int, str, str]]) -> str:
    """The line with each span marked; overlapping spans merge and keep the gravest severity."""
    merged: list[list[Any]] = []
    for a, b, sev, title in sorted(spans):
        b = min(b, len(raw))
        if a >= b:
            continue
        if merged and a < merged[-1][1]:
            m = merged[-1]
            m[1] = max(m[1], b)
            if RANK[sev] > RANK[m[2]]:
                m[2] = sev
            if title not in m[3]:
                m[3].append(title)
        else:
            merged.append([a, b, sev, [title]])
    out, pos = [], 0
    for a, b, sev, titles in merged:
        out.append(escape(raw[pos:a]))
        out.append(f'<mark class="sev-{sev}" title="{escape("; ".join(titles))}">{escape(raw[a:b])}</mark>')
        pos = b
    out.append(escape(raw[pos:]))
    return "".join(out)


def _excerpt(f: Finding, lines: list[str], spans: Spans) -> str:
    if not f.evidence or not lines:
        return ""
    ln = f.evidence[0].line
    if not 0 < ln <= len(lines):
        return ""
    own = [s for s in spans.get(ln, []) if f"{f.rule} {f.name}:" in s[3]]
    raw = lines[ln - 1]
    first = min((s[0] for s in own), default=0)
    last = max((min(s[1], len(raw)) for s in own), default=len(raw))
    start, end = max(0, first - 50), min(len(raw), last + 40)
    shifted = [(a - start, min(b, end) - start, sev, t) for a, b, sev, t in own]
    body = ("…" if start else "") + _marked(raw[start:end], shifted) + ("…" if end < len(raw) else "")
    return f'<div class="excerpt">{ln:>5} │ {body}</div>'


def _finding_item(f: Finding, doc: int, lines: list[str], spans: Spans) -> str:
    e0 = f.evidence[0] if f.evidence else None
    where = ""
    if e0:
        place = e0.place or t("labels.line_col", line=e0.line, column=e0.column)
        where = f'<a href="#d{doc}-L{e0.line}">{escape(place)}</a>'
    supp = (
        f' <span class="muted">{escape(t("labels.suppressed", file=f.suppressed_by))}</span>'
        if f.suppressed_by
        else ""
    )
    return (
        f'<li class="finding sev-{f.severity}">'
        f'<span class="badge b-{f.severity}">{severity(f.severity)}</span> '
        f"<b>{escape(f.rule)}</b> {escape(f.name)} · {where}{supp}"
        f'<div class="msg">{escape(finding_message(f))}</div>{_cause(f)}{_excerpt(f, lines, spans)}</li>'
    )


def _coverage(report: AuditReport) -> str:
    c = report.coverage
    rows = [
        (t("labels.cov_figures"), c.figures),
        (t("labels.cov_amounts"), f"{c.amounts} / {c.percents}"),
        (t("labels.cov_checked"), c.figures_checked),
        (t("labels.cov_unchecked"), c.figures_unchecked),
        (t("labels.cov_unreadable"), c.unreadable),
        (t("labels.cov_relations"), c.relations_checked),
        (t("labels.cov_consistent"), c.relations_consistent),
        (t("labels.cov_skipped"), sum(c.relations_skipped.values())),
    ]
    body = "".join(f"<tr><th>{escape(k)}</th><td class=num>{escape(str(v))}</td></tr>" for k, v in rows)
    for reason, n in sorted(c.relations_skipped.items(), key=lambda x: -x[1]):
        why = escape(t("labels.cov_skipped_reason", why=skipped(reason)))
        body += f'<tr><td class="muted">&nbsp;&nbsp;{why}</td><td class="num muted">{n}</td></tr>'
    if c.nothing_checked:
        body += f'<tr><th colspan=2 class="unchecked">{escape(nothing_checked(c))}</th></tr>'
    return f'<table class="cov">{body}</table>'


def _document(report: AuditReport, doc: int, back: str = "") -> str:
    lines = source_lines(report.source_text) or []
    spans = _spans(report.findings, len(lines))
    notes: dict[int, list[str]] = defaultdict(list)
    for f in report.findings:
        if f.evidence:  # beside the line of the figure to correct (the culprit comes first)
            d = f.diagnosis
            extra = f" → <b>{escape(d.suggested)}</b>" if d and d.suggested else ""
            cause = f"<br><span class=cause>{escape(explanation(f))}{extra}</span>" if d else ""
            notes[f.evidence[0].line].append(
                f'<div class="note sev-{f.severity}"><b>{escape(f.rule)}</b> '
                f"{escape(finding_message(f))}{cause}</div>"
            )
    meta = [
        escape(t("labels.encoding", encoding=report.encoding)) if report.encoding else "",
        escape(t("labels.year", year=report.year)) if report.year else "",
    ]
    link = f'<p><a href="{escape(back)}">← {escape(t("labels.back_to_index"))}</a></p>' if back else ""
    out = [
        f'<section class="doc" id="d{doc}">{link}<h2>{escape(report.path)}</h2>',
        f'<p>{_badges(_counts(report))} <span class="muted">{" · ".join(m for m in meta if m)}</span></p>',
        _coverage(report),
    ]
    shown = report.findings + report.suppressed
    if shown:
        out.append(
            f'<h3>{escape(t("labels.findings_heading"))}</h3><ol class="findings">'
            + "".join(_finding_item(f, doc, lines, spans) for f in shown)
            + "</ol>"
        )
    if lines:
        out.append(f'<h3>{escape(t("labels.text"))}</h3><table class="text">')
        for i, raw in enumerate(lines, start=1):
            hit = " class=hit" if i in spans else ""
            out.append(
                f'<tr id="d{doc}-L{i}"{hit}><td class="ln">{i}</td>'
                f'<td class="src">{_marked(raw, spans.get(i, []))}</td>'
                f'<td class="notes">{"".join(notes.get(i, []))}</td></tr>'
            )
        out.append("</table>")
    else:
        out.append(f'<p class="muted">{escape(t("labels.no_text"))}</p>')
    out.append("</section>")
    return "\n".join(out)


def page_head(title: str, extra_css: str = "") -> str:
    """The top of a page: the document's language, its title, the inline style."""
    from ..core.version import __version__

    lang = "zh-CN" if language() == "zh" else "en"
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="auditor {escape(__version__)}">'
        f"<title>{escape(title)}</title><style>{CSS}{extra_css}</style></head><body>"
    )


def document_page(report: AuditReport, back: str = "") -> str:
    """One document's page (its findings, coverage and text), linking back to the index."""
    return "\n".join([page_head(report.path), _document(report, 1, back), "</body></html>\n"])


def to_html(
    reports: list[AuditReport], failures: list[InputFailure] | None = None, title: str | None = None
) -> str:
    """The whole report as one HTML page (a string)."""
    failures = failures or []
    title = title or t("labels.report_title")
    total = {"error": 0, "warning": 0, "info": 0}
    index = []
    for k, r in enumerate(reports, start=1):
        counts = _counts(r)
        for s in total:
            total[s] += counts[s]
        c = r.coverage
        index.append(
            f'<tr><td><a href="#d{k}">{escape(r.path)}</a></td><td>{_badges(counts)}</td>'
            f"<td class=num>{c.figures}</td><td class=num>{c.figures_checked}</td>"
            f"<td class=num>{c.relations_checked}</td><td class=num>{c.relations_consistent}</td></tr>"
        )
    unreadable = f" · {len(failures)} {escape(t('labels.unreadable_inputs'))}" if failures else ""
    head = [
        page_head(title),
        f"<header><h1>{escape(title)}</h1><p>{escape(t('labels.documents_count', n=len(reports)))} · "
        f"{_badges(total)}{unreadable}</p>",
    ]
    if reports:
        head.append(
            f'<table class="index"><tr><th>{escape(t("labels.document"))}</th>'
            f"<th>{escape(t('labels.findings'))}</th><th>{escape(t('labels.figures_read'))}</th>"
            f"<th>{escape(t('labels.figures_checked'))}</th><th>{escape(t('labels.relations_checked'))}</th>"
            f"<th>{escape(t('labels.consistent'))}</th></tr>" + "".join(index) + "</table>"
        )
    if failures:
        head.append(
            f'<h3>{escape(t("labels.unreadable_inputs"))}</h3><ul class="errors">'
            + "".join(f"<li>{escape(x.path)}: {escape(x.error)}</li>" for x in failures)
            + "</ul>"
        )
    head.append("</header>")
    body = [_document(r, k) for k, r in enumerate(reports, start=1)]
    return "\n".join(head + body + ["</body></html>\n"])
