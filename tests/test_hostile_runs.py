"""Hostile runs (issue 12, items 7, 9 and 11): the output cannot be written (a missing folder, a
folder, no permission, a full disk, a pipe closed by ``head``), the run is interrupted, a
document takes too long. One line naming the file and exit 2, or exit 130 with nothing or a
complete document written; never a traceback."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import assert_one_line, cli, drop_file_privileges, limit_file_size

from auditor.run.synth import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, 60, seed=5)
    return folder


# -- item 9: the output cannot be written ---------------------------------------------------------
def test_output_into_a_missing_folder_or_onto_a_folder(tmp_path, seeds):
    for target, reason in [
        (tmp_path / "no" / "such" / "r.json", "No such file or directory"),
        (tmp_path, "is a folder"),
    ]:
        status, out, err = cli("check", seeds["001"], "-o", target)
        assert_one_line(status, err, target)
        assert reason in err and out == ""
        status, out, err = cli("baseline", seeds["001"], "-o", target)
        assert_one_line(status, err, target)


def test_output_without_write_permission_even_as_root(tmp_path, seeds):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        status, _, err = cli("check", seeds["001"], "-o", folder / "r.html", preexec=drop_file_privileges)
        assert_one_line(status, err, folder / "r.html")
        assert "permission denied" in err.lower()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
    target = tmp_path / "readonly.json"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    status, _, err = cli("check", seeds["001"], "-o", target, preexec=drop_file_privileges)
    assert_one_line(status, err, target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_full_disk_leaves_no_half_report(tmp_path, seeds):
    target = tmp_path / "r.json"
    target.write_text('{"an": "earlier report"}', encoding="utf-8")
    status, _, err = cli("check", seeds["000"], "-o", target, preexec=limit_file_size(4096))
    assert_one_line(status, err, target)
    assert "File too large" in err or "No space" in err
    assert target.read_text(encoding="utf-8") == '{"an": "earlier report"}'  # never half written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no temporary file left
    status, _, err = cli("baseline", seeds["000"], "-o", tmp_path / "b.json", preexec=limit_file_size(100))
    assert_one_line(status, err, tmp_path / "b.json")
    assert not (tmp_path / "b.json").exists()


def test_standard_output_on_a_full_disk(seeds):
    for args in (["--format", "json"], ["--format", "jsonl"], ["--format", "sarif"], []):
        with open("/dev/full", "w") as full:
            status, _, err = cli("check", *args, seeds["000"], stdout=full)
        assert_one_line(status, err, "standard output")
        assert "No space left on device" in err


def test_a_pipe_closed_by_head_ends_quietly(corpus):
    for fmt in ("json", "jsonl", "rich"):
        proc = subprocess.run(
            f'"{sys.executable}" -m auditor check --format {fmt} --jobs 2 "{corpus}"'
            ' | head -c 100 >/dev/null; echo "status=${PIPESTATUS[0]}" >&2',
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.stderr.strip().splitlines() == ["status=2"], (fmt, proc.stderr)


def test_output_to_a_named_pipe_or_through_a_link_keeps_them(tmp_path, seeds):
    """A path that is not a regular file is written to, never replaced (/dev/null stays a device:
    here a named pipe stands for it); a link is written through and stays a link."""
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    status, _, err = cli("check", seeds["002"], "-o", pipe, "--format", "json")
    reader.join(timeout=60)
    assert status == 1, err
    assert json.loads(got[0])["documents"] and pipe.is_fifo()
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    status, _, err = cli("check", seeds["002"], "-o", link)
    assert status == 1 and link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["documents"]


def test_written_report_appears_whole(tmp_path, seeds):
    """-o writes a temporary file beside the target and renames it: the target is never partial."""
    target = tmp_path / "r.json"
    status, _, err = cli("check", seeds["002"], "-o", target)
    assert status == 1, err
    assert json.loads(target.read_text(encoding="utf-8"))["documents"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


# -- item 11: interrupted -------------------------------------------------------------------------
def _interrupted(corpus, fmt: str, after_bytes: int):
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", "--format", fmt, "--jobs", "2", "--no-summary", corpus],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    got = proc.stdout.read(after_bytes) if after_bytes else b""
    if not after_bytes:
        time.sleep(1.0)  # started, nothing audited yet or just a few
    proc.send_signal(signal.SIGINT)
    rest = proc.stdout.read()  # through the same buffer as the first bytes (communicate() would not)
    err = proc.stderr.read()
    proc.wait(timeout=120)
    return proc.returncode, (got + rest).decode("utf-8"), err.decode("utf-8")


@pytest.mark.parametrize("after_bytes", [0, 2000])
def test_interrupted_json_is_nothing_or_a_complete_document(corpus, after_bytes):
    status, out, err = _interrupted(corpus, "json", after_bytes)
    assert status == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    if out:
        data = json.loads(out)  # whole: every document in it complete
        assert len(data["documents"]) < 60 and all("coverage" in d for d in data["documents"])
    assert "interrupted" in err


def test_interrupted_jsonl_has_only_whole_lines(corpus):
    status, out, err = _interrupted(corpus, "jsonl", 2000)
    assert status == 130 and "Traceback" not in err
    lines = out.splitlines()
    assert lines and all(json.loads(line) for line in lines) and out.endswith("\n")


# -- item 7: a document that takes too long -------------------------------------------------------
def test_timeout_per_file_fails_that_file_and_the_run_goes_on(tmp_path, seeds):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_slow.txt").write_text(seeds["000"].read_text(encoding="utf-8") * 150, encoding="utf-8")
    (folder / "b_ok.txt").write_bytes(seeds["001"].read_bytes())
    for extra in ([], ["--jobs", "2"], ["-o", str(tmp_path / "r.json")]):
        started = time.monotonic()
        status, out, err = cli("check", "--format", "json", "--timeout-per-file", "0.5", *extra, folder)
        assert time.monotonic() - started < 60
        assert_one_line(status, err, folder / "a_slow.txt")
        assert "timed out after 0.5 s" in err
        data = json.loads(out or (tmp_path / "r.json").read_text(encoding="utf-8"))
        assert [Path(d["path"]).name for d in data["documents"]] == ["b_ok.txt"]
    status, _, err = cli("check", "--timeout-per-file", "0", folder)
    assert status == 2 and "--timeout-per-file" in err


def test_timeout_in_the_library(tmp_path, seeds):
    from auditor.run.corpus import Options, audit_corpus

    slow = tmp_path / "slow.txt"
    slow.write_text(seeds["000"].read_text(encoding="utf-8") * 150, encoding="utf-8")
    (outcome,) = audit_corpus([str(slow)], 1, options=Options(timeout=0.3))
    assert outcome.ok is False and outcome.error == "timed out after 0.3 s (--timeout-per-file)"
