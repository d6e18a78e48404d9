"""Across years, over a corpus: the facts of every report kept on disk, then each report's
prior-year figures compared with the previous year's report of the same department.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ..check.years import mismatches
from ..explain.years import finding
from ..facts.years import Cited, Prior, Stated, YearFacts
from .corpus import Options, audit_corpus

if TYPE_CHECKING:  # pragma: no cover
    from ..core.models import Finding


class FactStore:
    """The facts of many reports, kept in a SQLite file (not in memory) until they are compared:
    a corpus of any size is checked across years in flat memory. Only reports with a department
    and a year are kept (the others cannot be linked)."""

    def __init__(self, path: str | None = None) -> None:
        import os
        import sqlite3
        import tempfile

        self._tmp = None
        if path is None:
            fd, path = tempfile.mkstemp(prefix="auditor-years-", suffix=".sqlite")
            os.close(fd)
            self._tmp = path
        self.db = sqlite3.connect(path)
        self.db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE doc (id INTEGER PRIMARY KEY, path TEXT, key TEXT, year INTEGER);
            CREATE TABLE stated (doc INTEGER, concept TEXT, scope TEXT, lo TEXT, hi TEXT, loose_lo TEXT,
                                 loose_hi TEXT, figure TEXT);
            CREATE TABLE prior (doc INTEGER, concept TEXT, scope TEXT, lo TEXT, hi TEXT, loose_lo TEXT,
                                loose_hi TEXT, how TEXT, figures TEXT);
        """)
        self.count = 0

    def add(self, facts: YearFacts) -> None:
        import json

        if not facts.key or not facts.year:
            return
        cur = self.db.execute(
            "INSERT INTO doc (path, key, year) VALUES (?, ?, ?)", (facts.path, facts.key, facts.year)
        )
        doc = cur.lastrowid
        seen = set()
        rows = []
        for st in facts.stated:  # one row per distinct value of a concept
            k = (st.concept, st.scope, st.figure.value, st.figure.unit)
            if k not in seen:
                seen.add(k)
                rows.append(
                    (
                        doc,
                        st.concept,
                        st.scope,
                        str(st.lo),
                        str(st.hi),
                        str(st.loose_lo),
                        str(st.loose_hi),
                        json.dumps(_cited_row(st.figure), ensure_ascii=False),
                    )
                )
        self.db.executemany("INSERT INTO stated VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany(
            "INSERT INTO prior VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc,
                    p.concept,
                    p.scope,
                    str(p.lo),
                    str(p.hi),
                    str(p.loose_lo),
                    str(p.loose_hi),
                    p.how,
                    json.dumps([[role, _cited_row(c)] for role, c in p.figures], ensure_ascii=False),
                )
                for p in facts.prior
            ],
        )
        self.count += 1

    def compare(self) -> list[Finding]:
        """Findings for reports whose prior-year figures disagree with the previous year's report."""
        return list(self.findings())

    def findings(self) -> Iterator[Finding]:
        """The same findings, one at a time (grouped by later report, in key, year, path order)."""
        import json

        db = self.db
        db.executescript(
            "CREATE INDEX IF NOT EXISTS doc_key ON doc (key, year);"
            "CREATE INDEX IF NOT EXISTS stated_doc ON stated (doc, concept, scope);"
            "CREATE INDEX IF NOT EXISTS prior_doc ON prior (doc);"
        )
        pairs = db.execute("""
            SELECT l.id, l.path, l.key, l.year, e.id, e.path
            FROM doc l JOIN doc e ON e.key = l.key AND e.year = l.year - 1
            ORDER BY l.key, l.year, l.path, e.path""").fetchall()
        for later_id, later_path, key, year, earlier_id, earlier_path in pairs:
            later = YearFacts(later_path, None, key, year)
            earlier = YearFacts(earlier_path, None, key, year - 1)
            for concept, scope, lo, hi, llo, lhi, how, figures in db.execute(
                "SELECT concept, scope, lo, hi, loose_lo, loose_hi, how, figures FROM prior "
                "WHERE doc = ? ORDER BY rowid",
                (later_id,),
            ):
                later.prior.append(
                    Prior(
                        concept,
                        scope,
                        Decimal(lo),
                        Decimal(hi),
                        Decimal(llo),
                        Decimal(lhi),
                        how,
                        tuple((role, Cited(*row)) for role, row in json.loads(figures)),
                    )
                )
            concepts = {(p.concept, p.scope) for p in later.prior}
            for concept, scope, lo, hi, llo, lhi, figure in db.execute(
                "SELECT concept, scope, lo, hi, loose_lo, loose_hi, figure FROM stated "
                "WHERE doc = ? ORDER BY rowid",
                (earlier_id,),
            ):
                if (concept, scope) in concepts:
                    earlier.stated.append(
                        Stated(
                            concept,
                            scope,
                            Decimal(lo),
                            Decimal(hi),
                            Decimal(llo),
                            Decimal(lhi),
                            Cited(*json.loads(figure)),
                        )
                    )
            for p, c in mismatches(later, earlier):
                yield finding(later, earlier, p, c)

    def close(self) -> None:
        import os

        self.db.close()
        if self._tmp:
            os.unlink(self._tmp)
            self._tmp = None

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cited_row(c: Cited) -> list[object]:
    return [c.line, c.column, c.end_line, c.end_column, c.text, c.value, c.unit, c.label]


def compare_years(facts: Iterable[YearFacts]) -> list[Finding]:
    """Findings for reports whose prior-year figures disagree with the previous year's report
    of the same department (facts of any number of reports; kept on disk, not in memory)."""
    with FactStore() as store:
        for f in facts:
            store.add(f)
        return store.compare()


def audit_years(paths: Iterable[str], jobs: int | None = 1) -> list[Finding]:
    """Read the reports the paths name (files, folders, globs) and compare consecutive years."""
    facts = [
        o.years
        for o in audit_corpus(paths, jobs, options=Options(years=True, audit=False))
        if o.years is not None
    ]
    return compare_years(facts)
