"""The reading stages compiled to C with mypyc (part of mypy, as black and mypy itself ship), when
this machine can: a compiler and Python's headers. Everything else is in pyproject.toml.

The compiled modules are the same source as the interpreted ones and give the same results
(tests/test_compiled.py builds the wheel and compares every finding on the real excerpts); they
read a report in about three quarters of the time. Without a compiler the package installs as
plain Python, with the same behaviour. An editable install (`pip install -e .`, what the tests
use) is never compiled: an extension module beside its source would shadow every later edit.
AUDITOR_COMPILE=0 turns compiling off for any install.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The stages every audit runs through for each line and figure: normalising, parsing, the facts.
# Left out: parse/figures.py, whose Figure and scan are public (mypyc drops docstrings, and
# help() on the API should work), and the modules whose frozen dataclasses cross process
# boundaries in corpus runs (mypyc's native classes cannot be unpickled when frozen).
_NOT_COMPILED = {"auditor/parse/figures.py", "auditor/facts/years.py", "auditor/facts/binding.py"}
# paths relative to the project (the directory builds run in), found from this file's place
_HERE = Path(__file__).resolve().parent
COMPILED = [
    "auditor/core/intervals.py",
    "auditor/core/lexicon.py",
    "auditor/read/normalize.py",
    *sorted(
        rel
        for package in ("auditor/parse", "auditor/facts")
        for p in (_HERE / package).glob("*.py")
        if (rel := p.relative_to(_HERE).as_posix()) not in _NOT_COMPILED
    ),
]


# setup.py also runs to write the metadata, where nothing is built: mypyc is run for a build only
_BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


def _can_compile() -> bool:
    if os.environ.get("AUDITOR_COMPILE", "1") == "0" or "editable_wheel" in sys.argv:
        return False
    if not _BUILDS & set(sys.argv):
        return False
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and headers.is_file()


def _extensions() -> list[object]:
    if not _can_compile():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        # the build has only setuptools and mypy, not the runtime dependencies: the modules
        # that import them are analysed for their types, their errors are not the build's
        return list(
            mypycify(["--follow-imports=silent", "--ignore-missing-imports", *COMPILED], opt_level="3")
        )
    except (Exception, SystemExit) as e:
        print(f"auditor: not compiled ({e}); installing plain Python", file=sys.stderr)
        return []


class OptionalBuildExt(build_ext):
    """A failed compile leaves no half-built module behind: plain Python is installed instead
    (the modules share one runtime library, so one failure breaks them all)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:
            for out in self.get_outputs():
                Path(out).unlink(missing_ok=True)
            self.extensions = []
            print(f"auditor: not compiled ({e}); installing plain Python", file=sys.stderr)


# setuptools runs this file as __main__; tests/test_compiled.py reads COMPILED without building
if __name__ == "__main__":
    setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
