"""Does an audit grow with the document and no faster? Sixteen copies of each seed in one
document against one copy, as a ratio measured in the same run (target ≤ 18×).

    python bench/linear.py [--copies 16] [--runs 5] [--instructions] [--seeds 000 002]

Time: the least CPU time of `--runs` audits of each (interleaved, after one warm-up of each), so
that a busy machine inflates both sides alike. `--instructions` counts them with valgrind's
callgrind as well (deterministic): one warm-up audit of the single copy, then the measured
audit, minus a run with the warm-up alone. The phases (building the document, extracting
relations, judging, finishing) are timed too, each as its own ratio.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SEEDS, callgrind_instructions, load, machine, reproduce

TARGET = 18.0

PROGRAM = """
import sys
from auditor.pipeline import audit_source
from auditor.read.inputs import read_text
text = open(sys.argv[1], encoding="utf-8").read()
copies, measured = int(sys.argv[2]), int(sys.argv[3])
one, many = read_text(text, "one"), read_text("\\n\\n".join([text] * copies), "many")
audit_source(one)
if measured:
    audit_source(one if measured == 1 else many)
"""


def copies_of(text: str, n: int) -> str:
    return "\n\n".join([text] * n)


def phases(source) -> list[float]:
    """CPU seconds of each phase of `pipeline.audit_source` (the same calls, timed apart)."""
    from auditor.check.reading import extract
    from auditor.explain.finish import finish
    from auditor.explain.judgement import judge
    from auditor.parse.document import Document

    t0 = time.process_time()
    doc = Document.from_text(source.text, source.name, source.encoding, source.places)
    t1 = time.process_time()
    ex = extract(doc, frozenset())
    t2 = time.process_time()
    report = judge(doc, ex)
    t3 = time.process_time()
    finish(report, source)
    t4 = time.process_time()
    return [t1 - t0, t2 - t1, t3 - t2, t4 - t3]


def instructions(path: Path, copies: int, measured: int) -> int:
    """Instructions of the program: both texts read, one warm-up audit, then `measured` copies
    audited (0: none, 1: the single copy, else the `copies` copies)."""
    return callgrind_instructions(PROGRAM, path, copies, measured)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=16)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--instructions", action="store_true", help="count instructions with callgrind too")
    ap.add_argument("--seeds", nargs="*", default=[], help="seed numbers (000 …); all when none")
    args = ap.parse_args()
    reproduce()
    print(f"# {machine()}; {load()} at start")
    from auditor.read.inputs import read_text

    n = args.copies
    print(
        f"{'seed':<28} {'1 copy ms':>9} {f'{n} copies ms':>13} {'ratio':>6}  "
        f"phase ratios (document / extract / judge / finish)"
        + ("   instructions 1 → n, ratio" if args.instructions else "")
    )
    worst = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        if args.seeds and path.name[:3] not in args.seeds:
            continue
        text = path.read_text(encoding="utf-8")
        one, many = read_text(text, "one"), read_text(copies_of(text, n), "many")
        phases(one), phases(many)
        best_one: list[float] | None = None
        best_many: list[float] | None = None
        for _ in range(args.runs):
            a, b = phases(one), phases(many)
            best_one = a if best_one is None or sum(a) < sum(best_one) else best_one
            best_many = b if best_many is None or sum(b) < sum(best_many) else best_many
        assert best_one is not None and best_many is not None
        ratio = sum(best_many) / sum(best_one)
        per_phase = " / ".join(f"{b / a:.1f}" if a else "-" for a, b in zip(best_one, best_many))
        line = (
            f"{path.name:<28} {sum(best_one) * 1000:9.1f} {sum(best_many) * 1000:13.1f} "
            f"{ratio:6.1f}  {per_phase}"
        )
        if args.instructions:
            base = instructions(path, n, 0)
            i1 = instructions(path, n, 1) - base
            i_n = instructions(path, n, n) - base
            ratio = i_n / i1
            line += f"   {i1 / 1e6:.0f} M → {i_n / 1e6:.0f} M, {ratio:.1f}"
        worst = max(worst, ratio)
        print(line, flush=True)
    what = "instructions" if args.instructions else "CPU time"
    verdict = "meets" if worst <= TARGET else "MISSES"
    print(f"worst ratio ({what}) {worst:.1f}: {verdict} the target ≤ {TARGET:.0f}×; {load()} at end")


if __name__ == "__main__":
    main()
