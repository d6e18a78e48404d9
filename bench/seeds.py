"""Per-document audit time of each seed report, in-process (read once; median of many runs).

python bench/seeds.py [--runs 100]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SEEDS, load, machine, reproduce

TARGET_MS = 20.0


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
        f"{'seed':<28} {'KB':>5} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'median CPU ms':>14}  "
        f"target ≤ {TARGET_MS:.0f} ms"
    )
    worst = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        source = read_path(path)
        audit_source(source)
        times, cpu = [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            audit_source(source)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        times.sort()
        med = statistics.median(times)
        worst = max(worst, med)
        print(
            f"{path.name:<28} {path.stat().st_size / 1024:5.0f} {med:10.1f} "
            f"{times[int(len(times) * 0.9)]:8.1f} "
            f"{times[0]:8.1f} {statistics.median(cpu):14.1f}"
        )
    print(
        f"worst median {worst:.1f} ms: {'meets' if worst <= TARGET_MS else 'MISSES'} the target; "
        f"{load()} at end"
    )


if __name__ == "__main__":
    main()
