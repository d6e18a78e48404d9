"""分别: figures joined by 和 / 、 (0.18亿元和0.56亿元) handed, in order, to the subjects named
before 分别 (基本支出和项目支出分别为…), else to the last ones the sentence stated levels of. The
words before the first figure of such a run say what each of them is."""

from __future__ import annotations

import re

from ..core.lexicon import Lexicon
from ..parse.figures import Figure
from .readings import Reader, Reading, SentenceState
from .roles import sentence_readings
from .subjects import Subject, mentions

_JOINED = re.compile(r"\s*(?:和|、|及|与|以及)\s*")


def runs_of(t: str, figs: list[Figure], wanted: list[int]) -> dict[int, tuple[int, int]]:
    """Figures of one kind joined by 和 / 、 only (0.18亿元和0.56亿元): each one's place in its run
    and the run's length."""
    runs: list[list[int]] = []
    for i in wanted:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and figs[last].kind == figs[i].kind
            and _JOINED.fullmatch(t, figs[last].end, figs[i].start)
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return {i: (k, len(run)) for run in runs if len(run) > 1 for k, i in enumerate(run)}


def respective(rd: Reader, lx: Lexicon, sn: SentenceState, r: Reading, c: str) -> list[Subject] | None:
    """The subjects 分别 hands the figures after it to: those named before it in the clause
    (基本支出和项目支出分别为…), else the last ones this sentence stated levels of, else (rates)
    the last ones it stated changes of; None when they are not as many as the figures."""
    n = sn.runs.get(r.index, (0, 1))[1]
    if n < 2:
        return None
    named: list[Subject] = []
    for m in mentions(lx, c[: c.rfind("分别")]):
        if not m.weak and m.subject not in named:
            named.append(m.subject)
    if len(named) == n:
        return named
    stated: list[Subject] = []
    changed: list[Subject] = []
    for x in sentence_readings(rd, r.sentence):
        if x.kind in ("level", "change") and x.subject is not None and x.subject.known:
            got = stated if x.kind == "level" else changed
            if x.subject in got:
                got.remove(x.subject)
            got.append(x.subject)
    if len(stated) >= n:
        return stated[-n:]
    # 收入减少84.55、支出减少99.6万元，分别下降18%、21.6%: rates after changes are theirs
    return changed[-n:] if r.kind == "rate" and len(changed) >= n else None
