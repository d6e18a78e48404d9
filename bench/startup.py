"""`import auditor` time and the cold start of `auditor check` on one seed.

    python bench/startup.py [--runs 20]

Import: `python -X importtime -c "import auditor"`, the cumulative time of the `auditor` package
(median of the runs), and the time to the first audit-ready state (`import auditor.pipeline`).
Cold start: wall time of `auditor check SEED` as a new process (median of the runs after one
warm-up, so the file cache is warm but the interpreter is new each time); hyperfine's figure
too when hyperfine is installed. Each cold start is also given as a ratio to `python -c pass`
timed in the same run, interleaved (issue 14's target: ≤ 5×).
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SEEDS, auditor_cmd, machine, reproduce

TARGET_S = 0.5


def importtime(module: str) -> float:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True
    )
    total = 0.0
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if m and m.group(3) == module.split(".")[0] and len(m.group(2)) == 1:
            total = max(total, int(m.group(1)) / 1000)
        if m and m.group(3) == module and len(m.group(2)) == 1:
            total = max(total, int(m.group(1)) / 1000)
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", default="000")
    args = ap.parse_args()
    reproduce()
    print(f"# {machine()}")
    for module in ("auditor", "auditor.pipeline", "auditor.cli.commands"):
        times = [importtime(module) for _ in range(args.runs)]
        print(
            f"import {module:<15} {statistics.median(times):6.1f} ms "
            f"(median of {args.runs}, -X importtime cumulative)"
        )
    seed = next(SEEDS.glob(f"{args.seed}_*.txt"))
    cmd = auditor_cmd() + ["check", str(seed)]
    bare = [sys.executable, "-c", "pass"]
    for fmt in ([], ["--format", "json"]):
        subprocess.run(cmd + fmt, capture_output=True)
        walls, base = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run(cmd + fmt, capture_output=True)
            walls.append(time.perf_counter() - t)
            t = time.perf_counter()
            subprocess.run(bare, capture_output=True)
            base.append(time.perf_counter() - t)
        med = statistics.median(walls)
        ratio = med / statistics.median(base)
        shown = " ".join(["auditor", "check", *fmt, seed.name])
        print(
            f"cold `{shown}`: median {med:.3f} s, min {min(walls):.3f} s over {args.runs} runs "
            f"({'meets' if med <= TARGET_S else 'MISSES'} the {TARGET_S} s target); "
            f"{ratio:.1f}× `python -c pass` ({statistics.median(base) * 1000:.0f} ms) in the same run"
        )
    if shutil.which("hyperfine"):
        subprocess.run(["hyperfine", "--warmup", "2", "-N", "--ignore-failure", " ".join(cmd)])


if __name__ == "__main__":
    main()
