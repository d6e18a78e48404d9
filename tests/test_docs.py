"""Documentation that cannot rot: every code block of README.md and docs/*.md runs here.

A block is one of:

- ``python`` with ``>>>`` prompts: a doctest (outputs compared, ``...`` matches anything);
- ``python``, ``toml``, ``ini`` or ``json`` whose first line is a comment naming a file
  (``# test_reports.py``): written to that file, for the blocks after it;
- ``python`` without prompts: run;
- ``console``: each ``$ command`` runs in bash (``# exit N`` at its end: the status it must
  give, else 0); the lines under it are output the command must print, in order (``...`` skips
  any lines);
- a plain block in the README's Command line section: the synopsis (each command it names is
  checked by tests/test_architecture.py);
- the README's first two ``sh`` blocks: the install commands (the second is the one .ci/run runs,
  checked below; the first is the one tests/test_packaging.py installs).

Each document runs in its own copy of the examples folder, with the test environment's programs
(auditor, python, pytest) first on the PATH; blocks share one Python namespace per document.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
NAMED = re.compile(r"^(?:#|//|;) *([\w./-]+\.(?:py|toml|ini|json|txt|cfg))\n")
INSTALL, TEST = (
    m.group(2).strip() for m in list(FENCE.finditer((ROOT / "README.md").read_text("utf-8")))[:2]
)


def blocks(path: Path) -> list[tuple[int, str, str]]:
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def test_the_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = [lang for _, lang, _ in blocks(ROOT / "README.md")[:2]]
    assert first == ["sh", "sh"] and text.index("```sh") < text.index("\n## ")
    assert INSTALL.startswith(
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/auditor check"
    )
    assert "examples/reports" in INSTALL


def test_ci_runs_the_readmes_test_command_exactly():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST in ci.splitlines(), (TEST, ci)
    assert "tests/system-packages.sh" in TEST and TEST.endswith(".venv/bin/python -m pytest")


def test_the_system_packages_script_installs_only_what_is_missing(tmp_path):
    """With chromium, tesseract, a C compiler and Python's headers the script does nothing (no
    apt-get, no root)."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("chromium", "tesseract", "cc"):
        (bin_ / tool).write_text("#!/bin/sh\n", encoding="utf-8")
        (bin_ / tool).chmod(0o755)
    include = tmp_path / "include"
    include.mkdir()
    (include / "Python.h").write_text("", encoding="utf-8")
    (bin_ / "python3").write_text(f"#!/bin/sh\necho {include}\n", encoding="utf-8")
    (bin_ / "python3").chmod(0o755)
    for tool, body in (("apt-get", "echo apt-get $* >&2; exit 9"), ("id", "echo 0")):
        (bin_ / tool).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (bin_ / tool).chmod(0o755)
    env = {"PATH": str(bin_)}  # nothing else: the machine's own chromium and tesseract are not seen
    script = ROOT / "tests" / "system-packages.sh"
    done = subprocess.run(["/bin/sh", str(script)], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stderr == ""
    (bin_ / "tesseract").unlink()
    asked = subprocess.run(["/bin/sh", str(script)], capture_output=True, text=True, env=env)
    assert "apt-get install tesseract-ocr" in asked.stderr and "chromium" not in asked.stderr
    assert asked.returncode == 9  # the (stand-in) apt-get's failure is the script's
    (include / "Python.h").unlink()
    asked = subprocess.run(["/bin/sh", str(script)], capture_output=True, text=True, env=env)
    assert "apt-get install tesseract-ocr python3-dev" in asked.stderr


def test_every_link_to_a_page_exists():
    for doc in DOCUMENTS:
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.name}: {target}"


def test_the_pdf_tests_need_no_font_file():
    """The generated PDFs use reportlab's built-in CID font: no system font is looked for."""
    makedocs = (ROOT / "tests" / "makedocs.py").read_text(encoding="utf-8")
    assert "UnicodeCIDFont" in makedocs and "/usr/share/fonts" not in makedocs and "TTFont" not in makedocs


def _console(block: str, cwd: Path, env: dict[str, str], where: str) -> None:
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"{where}: output before any command"
            steps[-1][1].append(line)
    for command, expected in steps:
        status = 0
        m = re.search(r"\s+# exit (\d+)$", command)
        if m:
            status, command = int(m.group(1)), command[: m.start()]
        proc = subprocess.run(
            ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
        out = proc.stdout + proc.stderr
        assert proc.returncode == status, f"{where}: $ {command}: exit {proc.returncode}\n{out}"
        _in_order(expected, out.splitlines(), f"{where}: $ {command}")


def _extras(block: str, where: str) -> None:
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    for line in block.splitlines():
        extra = re.match(r"pip install 'auditor\[(\w+)\]'", line)
        assert extra and extra.group(1) in declared, f"{where}: {line}"


def _in_order(expected: list[str], got: list[str], where: str) -> None:
    """Each expected line is found in a printed line, in order; '...' on a line of its own skips
    any lines, within a line (and '…' at its end) it matches anything."""
    k = 0
    skipping = False
    for want in expected:
        if want.strip() == "...":
            skipping = True
            continue
        pattern = re.compile(
            ".*".join(re.escape(part) for part in want.strip().rstrip("…").split("...")) or "^$"
        )
        while k < len(got):
            line = got[k].rstrip()
            k += 1
            if not line.strip():  # blank lines are layout
                continue
            if pattern.search(line):
                break
            assert skipping, f"{where}: expected {want!r}, got {line!r}\n" + "\n".join(got)
        else:
            raise AssertionError(f"{where}: {want!r} not printed:\n" + "\n".join(got))
        skipping = False


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_runs(doc, tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    env.pop("PYTEST_ADDOPTS", None)
    namespace: dict[str, object] = {}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        for line, lang, body in blocks(doc):
            where = f"{doc.name}:{line}"
            named = NAMED.match(body)
            if doc.name == "README.md" and lang == "sh" and body.strip() in (INSTALL, TEST):
                continue
            if lang == "" and doc.name == "README.md" and body.startswith("auditor check PATH"):
                continue  # the synopsis
            if lang == "sh" and all(x.startswith("pip install 'auditor[") for x in body.splitlines()):
                _extras(body, where)  # installing needs the network: each extra named is declared
                continue
            if named and lang in ("python", "toml", "ini", "json", "text"):
                target = tmp_path / named.group(1)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(body[named.end() :], encoding="utf-8")
            elif lang == "python" and ">>>" in body:
                test = parser.get_doctest(body, namespace, where, str(doc), line)
                result = runner.run(test, out=_Collect(), clear_globs=False)
                namespace.update(test.globs)  # the next blocks see its names
                assert result.failed == 0, f"{where}:\n{runner_output.pop()}"
            elif lang == "python":
                exec(compile(body, where, "exec"), namespace)
            elif lang == "console":
                _console(body, tmp_path, env, where)
            else:
                raise AssertionError(f"{where}: a ```{lang} block the docs test cannot run")
    finally:
        os.chdir(here)
        import auditor

        auditor.reset_rules()


runner_output: list[str] = []


class _Collect:
    def __init__(self) -> None:
        runner_output.append("")

    def __call__(self, text: str) -> None:
        runner_output[-1] += text
