"""Generate N realistic reports from the seeds (decimal point moved, years shifted, department renamed).

    python bench/make_corpus.py OUT_DIR N [--seed S]

Each report's findings are exactly its seed's (same rules, same lines): see auditor.run.synth.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import reproduce

from auditor.run.synth import make_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    reproduce()
    start = time.perf_counter()
    paths = make_corpus(args.out, args.n, seed=args.seed)
    took = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths)
    print(
        f"{len(paths)} reports, {size / 1048576:.0f} MB, in {took:.1f} s "
        f"({len(paths) / took:.0f} reports/s) -> {args.out}"
    )


if __name__ == "__main__":
    main()
