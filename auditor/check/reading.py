"""A document's text checked: its statements read (facts/statements.py) with the tables written
in it (facts/tables.py), and every relation they assert made (prose, lists, identities, values
implied, tables), with the self-evaluation tables' own relations and the classes against their
items. Replaces the sentence-shape extractor: relations come from statements, not shapes."""

from __future__ import annotations

from ..facts.binding import Binder, Fact, project_scope
from ..facts.readings import Reader, Reading
from ..facts.roles import report_unit
from ..facts.statements import read
from ..facts.tables import table_readings
from ..parse.document import Document
from ..parse.sections import Sections
from ..parse.texttables import find_tables
from .classes import class_items
from .derived import derived_relations, named_sums
from .enumerations import trailing_totals
from .extraction import Extraction
from .lists import identity_relations, list_relations, parallel_lists
from .observations import garbled_figures, garbled_years, implied_budgets, year_labels
from .prose import sentence_relations, unchanged_relations
from .restated import restated_changes
from .selfeval import self_evaluations
from .store import Builder, Sentence, Store, merge_qualifiers
from .texttable import stale_year_labels, table_relations

_TABLE_CONCEPTS = {"fin_expense": "expense_year"}
_TABLE_PERIODS = {"budget": "current:budget_initial"}


def extract(doc: Document, table_lines: frozenset[int] = frozenset()) -> Extraction:
    """`table_lines`: the 1-based lines of the original that hold the cells of tables a format
    reader handed over; they are checked as grids (check/tables/), not read as text tables."""
    text = doc.text.text
    sections = Sections(doc)
    rd = read(text, doc.figures, doc.year, lambda pos: sections.context(pos)[0])
    elsewhere = _lines_of(doc, table_lines)
    tables = table_readings(rd, find_tables(text, doc.figures, elsewhere), report_unit(text, doc.figures))
    merge_qualifiers(rd)
    b = Builder(rd, Store.of(rd.readings))
    table_relations(b, tables)
    stale_year_labels(b, tables)
    by_sentence: dict[int, list[Reading]] = {}
    for r in rd.readings:
        by_sentence.setdefault(r.sentence, []).append(r)
    for readings in by_sentence.values():
        sentence_relations(b, Sentence(readings))
    unchanged_relations(b, by_sentence)
    for lst in rd.lists:
        list_relations(b, lst)
    for readings in by_sentence.values():
        trailing_totals(b, readings)
    parallel_lists(b)
    identity_relations(b)
    restated_changes(b)
    derived_relations(b)
    named_sums(b)
    garbled_years(b)
    year_labels(b)
    implied_budgets(b)
    garbled_figures(b, doc.as_written)
    ex = Extraction(relations=b.relations, observations=b.observations, skipped={**rd.skipped, **b.skipped})
    ex.facts = facts_of(rd)
    ex.labels = rd.labels
    _self_evaluations(doc, ex, sections)
    return ex


def _lines_of(doc: Document, original: frozenset[int]) -> frozenset[int]:
    """The lines of the text read (0-based) that start on the given lines of the original."""
    if not original:
        return frozenset()
    out = set()
    for k, (start, _) in enumerate(doc.lines()):
        if doc.text.position(start)[0] in original:
            out.add(k)
    return frozenset(out)


def facts_of(rd: Reader) -> list[Fact]:
    """The level figures bound to a known subject, for the cross-references (FA801). A quantity
    one sentence states twice with two values is two quantities the reader could not tell apart
    (政府性基金收入0万元，再加上…，收入合计192496万元): neither is a fact."""
    values: dict[tuple[int, tuple[str, str, str, str]], set[object]] = {}
    for r in rd.readings:
        if r.kind == "level" and r.key is not None:
            values.setdefault((r.sentence, r.key), set()).add(r.fig.value)
    out = []
    for r in rd.readings:
        if r.kind != "level" or r.key is None or r.note in ("aside", "role?") or r.index < 0:
            continue
        if len(values[(r.sentence, r.key)]) > 1:
            continue
        concept, scope, period, role = r.key
        concepts = ("income_total", "expense_total") if concept == "both_totals" else (concept,)
        unit = r.fig.unit if r.note == "table" and rd.figures[r.index].unit != r.fig.unit else None
        for c in concepts:
            out.append(
                Fact(r.index, c, scope, period if role == "actual" else f"{period}:{role}", "", unit=unit)
            )
    return out


def _self_evaluations(doc: Document, ex: Extraction, sections: Sections) -> None:
    """The self-evaluation tables (绩效自评表) written in the text, and the functional classes
    against the items listed for them."""
    binder = Binder(doc, sections=sections)
    tables = self_evaluations(doc)
    ex.relations.extend(tables.relations)
    for fig, concept, scope, period, label, unit in tables.facts:
        k = doc.index_of(fig)
        if k is None:
            continue
        if not scope:
            project = binder.context(fig.start)[0]
            scope = project_scope(project) if project else "all"
        ex.facts.append(
            Fact(
                k,
                _TABLE_CONCEPTS.get(concept, concept),
                scope,
                _TABLE_PERIODS.get(period, period),
                "绩效自评表",
                label,
                unit or None,
            )
        )
    for why, n in [*tables.skipped.items()]:
        ex.skipped[why] = ex.skipped.get(why, 0) + n
    classes, skipped = class_items(doc, binder, ex.facts)
    ex.relations.extend(classes)
    for why, n in skipped.items():
        ex.skipped[why] = ex.skipped.get(why, 0) + n
