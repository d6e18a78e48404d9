"""Per-document audit time of each seed report, in-process (read once; median of many runs).

    python bench/seeds.py [--runs 100]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SEEDS, machine, reproduce  # noqa: E402

TARGET_MS = 20.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    args = ap.parse_args()
    reproduce()
    print(f"# {machine()}; {args.runs} runs per seed after one warm-up run; audit_source on text read once")
    from auditor.engine import audit_source
    from auditor.reading import read_path

    print(f"{'seed':<28} {'KB':>5} {'median ms':>10} {'p90 ms':>8} {'min ms':>8}  target ≤ {TARGET_MS:.0f} ms")
    worst = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        source = read_path(path)
        audit_source(source)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            audit_source(source)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        med = statistics.median(times)
        worst = max(worst, med)
        print(f"{path.name:<28} {path.stat().st_size / 1024:5.0f} {med:10.1f} {times[int(len(times) * 0.9)]:8.1f} {times[0]:8.1f}")
    print(f"worst median {worst:.1f} ms: {'meets' if worst <= TARGET_MS else 'MISSES'} the target")


if __name__ == "__main__":
    main()
