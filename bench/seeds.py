"""Per-document audit time of each seed report, in-process (read once; median of many runs),
and as a ratio to a baseline timed in the same run: reading the file and finding every number
in it with one regular expression (the least any audit must do). A noisy machine moves both
alike, so the ratio is the figure to compare between runs.

Two figures per seed: the same text audited again (the memo of mentions, which a process keeps
across documents, already holds its phrases) and the text as if read for the first time (the
memo emptied before each run). A corpus of different reports lies between the two.

python bench/seeds.py [--runs 100]
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SEEDS, load, machine, reproduce

TARGET_MS = 20.0
_EVERY_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def baseline(path: Path) -> int:
    """Read the file and find every number: the floor under any audit of it."""
    return sum(1 for _ in _EVERY_NUMBER.finditer(path.read_bytes().decode("utf-8", "replace")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    args = ap.parse_args()
    reproduce()
    print(f"# {machine()}; {args.runs} runs per seed after one warm-up run; audit_source on text read once")
    from auditor.pipeline import audit_source
    from auditor.read.inputs import read_path

    print(f"# {load()} at start (other work on the machine inflates wall times; CPU time much less)")
    from auditor.facts.subjects import forget_mentions

    print(
        f"{'seed':<28} {'KB':>5} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'median CPU ms':>14} "
        f"{'first read ms':>14} {'baseline ms':>12} {'ratio':>6} {'first':>6}  target ≤ {TARGET_MS:.0f} ms"
    )
    worst = worst_first = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        source = read_path(path)
        audit_source(source)
        times, cpu, base, first = [], [], [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            audit_source(source)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            forget_mentions()
            t = time.perf_counter()
            audit_source(source)
            first.append((time.perf_counter() - t) * 1000)
            # the baseline interleaved with the audits, so that all see the same machine
            t = time.perf_counter()
            baseline(path)
            base.append((time.perf_counter() - t) * 1000)
        times.sort()
        med, med_first, med_base = statistics.median(times), statistics.median(first), statistics.median(base)
        worst, worst_first = max(worst, med), max(worst_first, med_first)
        print(
            f"{path.name:<28} {path.stat().st_size / 1024:5.0f} {med:10.1f} "
            f"{times[int(len(times) * 0.9)]:8.1f} "
            f"{times[0]:8.1f} {statistics.median(cpu):14.1f} {med_first:14.1f} "
            f"{med_base:12.2f} {med / med_base:6.0f}× {med_first / med_base:5.0f}×"
        )
    print(
        f"worst median {worst:.1f} ms again, {worst_first:.1f} ms read for the first time: the target is "
        f"{'met' if worst <= TARGET_MS else 'MISSED'} again, "
        f"{'met' if worst_first <= TARGET_MS else 'MISSED'} first; {load()} at end"
    )


if __name__ == "__main__":
    main()
