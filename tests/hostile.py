"""Helpers of the hostile-input tests (issue 12): run the command as a user does, with the
conditions a user meets (no permission, a full disk, a closed pipe), and judge its answer.

Every hostile case ends in one of two ways: a correct audit, or one line naming the file and
exit status 2, never a traceback and never exit 0 on what was not read.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def drop_file_privileges() -> None:
    """In a child before exec: lose the power to ignore file permissions.

    CI runs as root, and root reads a folder whatever its mode. Dropping CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH from the bounding set keeps the user (the files stay readable as their
    owner's) but makes the permission bits hold after exec. Not root: nothing to drop."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(
                ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused: cannot drop root's file powers"
            )


def limit_file_size(size: int):
    """A preexec function: files written may not grow past `size` bytes (RLIMIT_FSIZE holds for
    root too): a full disk, as the writer sees it (EFBIG)."""

    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def cli(*args: str, cwd=None, preexec=None, stdin=subprocess.DEVNULL, stdout=None, timeout=300, env=None):
    """``python -m auditor ARGS`` in a child process: (exit status, stdout, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", *map(str, args)],
        cwd=cwd,
        preexec_fn=preexec,
        stdin=stdin,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
        env=env,
    )
    out = proc.stdout.decode("utf-8", "replace") if isinstance(proc.stdout, bytes) else ""
    return proc.returncode, out, proc.stderr.decode("utf-8", "replace")


def assert_one_line(status: int, err: str, *names: str) -> str:
    """Exit 2 with one line on stderr per problem, each naming the file; no traceback."""
    assert status == 2, (status, err)
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    for name in names:
        hits = [line for line in lines if str(name) in line]
        assert hits, (name, err)
        assert all(line.startswith("auditor: ") for line in hits), err
    return err
