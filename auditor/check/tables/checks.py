"""Every check of one document's statistical tables, in order."""

from __future__ import annotations

from ...parse.document import Document
from ...read.source import Table
from .across import between_tables, facts_between, stated_facts
from .prose import against_prose
from .tally import Tally
from .within import check_table


def check_tables(tables: list[Table] | tuple[Table, ...], doc: Document | None = None) -> Tally:
    """The sums within each table, between tables, and the tables' facts against the prose."""
    tally = Tally()
    for t in tables:
        check_table(tally, t)
    between_tables(tally)
    stated_facts(tally)
    facts_between(tally)
    against_prose(tally, doc)
    return tally
