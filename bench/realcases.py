"""Score the auditor on hand-labelled excerpts of real reports (tests/data/realcases, or any folder
laid out the same way: cases/<id>.txt and labels.json).

Each case was labelled by hand: every arithmetic relation its text states, as a finding (the
published report is inconsistent) or a hold (consistent within rounding), with its anchors (1-based
line and the value as written). An error or warning finding matches a labelled relation when its
evidence cites at least two of the relation's anchors (all of them when fewer than two).

- recall: labelled findings matched by some finding;
- precision: error/warning findings that match a labelled finding;
- false alarms on holds: findings that match a relation labelled as holding and no finding.

    python bench/realcases.py [--labels tests/data/realcases/labels.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "realcases" / "labels.json"

Anchor = tuple[int, Decimal]


def value(text: object) -> Decimal | None:
    s = str(text)
    for ch in ",， \u00a0\u2009\u202f\u3000%":
        s = s.replace(ch, "")
    try:
        return abs(Decimal(s.strip().rstrip(".")))
    except InvalidOperation:
        return None


def anchors(item: dict) -> set[Anchor]:
    return {(a["line"], v) for a in item.get("anchors", []) if (v := value(a["value"])) is not None}


def cited(finding: dict) -> set[Anchor]:
    return {
        (e["line"], v) for e in finding.get("evidence", []) if (v := value(e.get("value", ""))) is not None
    }


def matches(ev: set[Anchor], anc: set[Anchor]) -> bool:
    need = min(2, len(anc), len(ev))
    return need > 0 and len(ev & anc) >= need


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    flagged: int = 0
    right: int = 0
    on_holds: int = 0
    hit: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.flagged if self.flagged else 1.0

    def line(self) -> str:
        return (
            f"recall {self.recall:.2f} ({self.found}/{self.labelled})  "
            f"precision {self.precision:.2f} ({self.right}/{self.flagged})  "
            f"false alarms on holds {self.on_holds}"
        )


def score(labels_path: Path = DEFAULT) -> Score:
    import auditor

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    cases = labels_path.parent / "cases"
    out = Score()
    for case in labels:
        report = auditor.audit_text((cases / f"{case['case']}.txt").read_text(encoding="utf-8"), case["case"])
        findings = [json.loads(f.model_dump_json()) for f in report.findings]
        golds = [(g, anchors(g)) for g in case["findings"]]
        holds = [(h, anchors(h)) for h in case.get("holds", [])]
        out.labelled += len(golds)
        matched: set[str] = set()
        for f in findings:
            if f["severity"] not in ("error", "warning"):
                continue
            ev = cited(f)
            out.flagged += 1
            hit = [g["id"] for g, anc in golds if matches(ev, anc)]
            if hit:
                out.right += 1
                matched.update(hit)
                continue
            on = [h["id"] for h, anc in holds if matches(ev, anc)]
            out.on_holds += bool(on)
            where = f"contradicts {','.join(on)}" if on else "unlabelled"
            out.notes.append(f"FALSE ALARM {case['case']} ({where}): {f['rule']} {f['message'][:120]}")
        for g, _ in golds:
            (out.hit if g["id"] in matched else out.missed)[g["category"]] += 1
            if g["id"] not in matched:
                out.notes.append(f"MISS {case['case']} {g['id']} {g['category']}: {g['relation'][:120]}")
        out.found += len(matched)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", type=Path, default=DEFAULT)
    ap.add_argument("--show", action="store_true", help="every miss and false alarm, and recall by category")
    a = ap.parse_args()
    s = score(a.labels)
    if a.show:
        print("\n".join(s.notes))
        cats = sorted(set(s.hit) | set(s.missed))
        print("  recall by category: " + ", ".join(f"{c} {s.hit[c]}/{s.hit[c] + s.missed[c]}" for c in cats))
    print(f"{a.labels.parent.name}: {s.line()}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
