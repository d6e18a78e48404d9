"""What checking a document's text yields before judging: the relations its statements assert,
the slips seen without arithmetic (observations), the facts bound for cross-references, and
what was skipped, by reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..facts.binding import Fact
from ..parse.figures import Figure
from .relations import Relation


@dataclass(eq=False)
class Observation:
    """A slip seen without computing a relation."""

    code: str
    figures: list[Figure]
    roles: list[str]
    message: str
    stated: str
    expected: str
    cause: str | None = None
    # figures[0] is the figure to correct (not so when shares add up to over 100%)
    culprit: bool = True


@dataclass
class Extraction:
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # figure start -> its name, from the reading

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1
