"""Helpers shared by the benchmark scripts (not a test module)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "reports"


def reproduce(argv: list[str] | None = None) -> None:
    """Print the command that reproduces this benchmark."""
    argv = argv if argv is not None else sys.argv
    rel = os.path.relpath(argv[0], ROOT)
    print(f"# reproduce: cd {ROOT} && python {shlex.join([rel, *argv[1:]])}")


def machine() -> str:
    import platform

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{python}, {cpus} cores, {platform.machine()}; {build()}"


def build() -> str:
    """Which auditor is measured: the source tree (an editable install, interpreted) or an
    installed wheel whose reading stages setup.py compiled with mypyc."""
    import auditor.facts.statements as statements

    where = Path(statements.__file__)
    kind = "reading stages compiled (mypyc)" if where.suffix == ".so" else "interpreted"
    return f"auditor {kind} from {where.parent.parent.parent}"


def callgrind_instructions(program: str, *args: object) -> int:
    """Instructions `python -c program args…` executes, counted by valgrind's callgrind
    (deterministic, unlike time on a shared machine; needs apt-get install valgrind)."""
    import re
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                "-c",
                program,
                *map(str, args),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
    found = re.search(r"Collected : (\d+)", out)
    if found is None:
        raise RuntimeError(f"callgrind printed no instruction count:\n{out}")
    return int(found.group(1))


def auditor_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("auditor")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "auditor"]


class TreeRSS:
    """Peak resident memory of a process and all its descendants, summed, sampled every `interval` s."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_parent = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
                total = 0
                for p in procs:
                    try:
                        rss = p.memory_info().rss
                    except psutil.Error:
                        continue
                    total += rss
                    if p.pid == self.root.pid:
                        self.peak_parent = max(self.peak_parent, rss)
                self.peak = max(self.peak, total)
                self.samples += 1
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, int, int, float]:
    """Run cmd; (wall s, exit status, peak tree RSS bytes, peak parent RSS bytes, CPU s of the tree).

    CPU time is user + system of the command and every process it waited for
    (RUSAGE_CHILDREN before and after): it does not grow when other work shares the machine.
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    with TreeRSS(proc.pid) as rss:
        proc.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, proc.returncode, rss.peak, rss.peak_parent, cpu


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) {five:.1f} (5 min)"


def ensure_corpus(folder: Path, n: int) -> Path:
    """A generated corpus of n reports in folder (made once, reused while it has n files)."""
    from auditor.run.synth import make_corpus, seed_texts

    marker = folder / f".complete-{n}"
    if not marker.exists():
        import shutil

        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        # the checkout's seeds: an installed (non-editable) auditor does not know where they are
        make_corpus(folder, n, seed=n, seeds=seed_texts(SEEDS))
        marker.write_text("")
        print(f"# generated {n} reports in {folder} in {time.perf_counter() - start:.1f} s")
    return folder
