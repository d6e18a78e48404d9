"""Instructions per audit of each seed, counted by valgrind's callgrind (deterministic, unlike
wall or CPU time on a shared machine): n audits minus none, divided by n.

    python bench/instructions.py [--n 5]        (needs valgrind: apt-get install valgrind)
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SEEDS, callgrind_instructions, reproduce

PROGRAM = """
import sys
from auditor.pipeline import audit_source
from auditor.read.inputs import read_path
source = read_path(sys.argv[1])
audit_source(source)
for _ in range(int(sys.argv[2])):
    audit_source(source)
"""


def instructions(path: Path, n: int) -> int:
    return callgrind_instructions(PROGRAM, path, n)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5)
    args = ap.parse_args()
    reproduce()
    for path in sorted(SEEDS.glob("*.txt")):
        per = (instructions(path, args.n) - instructions(path, 0)) / args.n
        print(f"{path.name}  {per / 1e6:.0f} M instructions per audit")


if __name__ == "__main__":
    main()
