"""The terminal as a person sees it: the progress bar is gone before the results print over it,
a file name is never read as rich markup, and `auditor rules --rules PACK` lists the pack's changes.

The interactive run goes through a real pseudo-terminal and its bytes are played on a terminal
emulator (pyte), so the test looks at the screen, not at the escape codes."""

import os
import pty
import select
import subprocess
import sys

import pyte

from auditor.cli.commands import main

COLUMNS, LINES = 120, 400


def on_a_terminal(*args: str, cwd=None) -> list[str]:
    """Run the command on a pseudo-terminal; the screen it leaves, line by line."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": str(COLUMNS), "LINES": str(LINES), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env
    )
    os.close(slave)
    data = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    proc.wait(timeout=60)
    os.close(master)
    screen = pyte.Screen(COLUMNS, LINES)
    pyte.ByteStream(screen).feed(data)
    return [line.rstrip() for line in screen.display]


def test_the_progress_bar_is_cleared_before_the_results(tmp_path, seeds):
    for k in range(6):
        (tmp_path / f"{k}.txt").write_bytes(seeds["002"].read_bytes())
    screen = on_a_terminal("check", "--jobs", "2", str(tmp_path))
    text = "\n".join(screen)
    assert "审核中" not in text  # the bar is gone
    tops = [line for line in screen if line.startswith("╭")]
    assert len(tops) == 6 and all(line.endswith("╮") for line in tops)  # no border drawn onto a bar
    assert all(line.count("━") == 0 or line.startswith(("┏", "┗", "┡")) for line in screen)
    assert "6 份文件" in text


def test_file_names_are_not_markup(tmp_path, seeds, capsys):
    odd = tmp_path / "report[final] [red]x.txt"
    odd.write_bytes(seeds["001"].read_bytes())
    screen = on_a_terminal("check", "--no-progress", str(odd))
    assert any("report[final] [red]x.txt" in line for line in screen)
    assert main(["check", "--format", "rich", str(odd), "-o", str(tmp_path / "out.txt")]) == 0
    assert "report[final] [red]x.txt" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_rules_lists_a_pack_given_on_the_command_line(tmp_path, capsys):
    pack = tmp_path / "strict.toml"
    pack.write_text(
        '[[rule]]\ncode = "FA102"\nseverity = "error"\n[[rule]]\ncode = "FA601"\nenabled = false\n'
    )
    assert main(["rules", "--rules", str(pack)]) == 0
    out = capsys.readouterr().out
    row = lambda code: next(line for line in out.splitlines() if f" {code} " in line)  # noqa: E731
    assert "已停用" in row("FA601") and "错误（默认 警告）" in row("FA102")
    assert main(["rules"]) == 0  # the pack held for that command only
    assert "已停用" not in capsys.readouterr().out
