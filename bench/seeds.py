"""Per-document audit time of each seed report, in-process (read once; median of many runs),
and as a ratio to a baseline timed in the same run: reading the file and finding every number
in it with one regular expression (the least any audit must do). A noisy machine moves both
alike, so the ratio is the figure to compare between runs.

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
    print(
        f"{'seed':<28} {'KB':>5} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'median CPU ms':>14} "
        f"{'baseline ms':>12} {'ratio':>6}  target ≤ {TARGET_MS:.0f} ms"
    )
    worst = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        source = read_path(path)
        audit_source(source)
        times, cpu, base = [], [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            audit_source(source)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            # the baseline interleaved with the audits, so that both see the same machine
            t = time.perf_counter()
            baseline(path)
            base.append((time.perf_counter() - t) * 1000)
        times.sort()
        med = statistics.median(times)
        worst = max(worst, med)
        print(
            f"{path.name:<28} {path.stat().st_size / 1024:5.0f} {med:10.1f} "
            f"{times[int(len(times) * 0.9)]:8.1f} "
            f"{times[0]:8.1f} {statistics.median(cpu):14.1f} "
            f"{statistics.median(base):12.2f} {med / statistics.median(base):6.0f}×"
        )
    print(
        f"worst median {worst:.1f} ms: {'meets' if worst <= TARGET_MS else 'MISSES'} the target; "
        f"{load()} at end"
    )


if __name__ == "__main__":
    main()
