"""Hostile paths (issue 12, items 6, 9 and 10): symlink loops, a file named twice, a missing
path given to the library, a folder without read permission (root too)."""

import json
from pathlib import Path

from hostile import assert_one_line, cli, drop_file_privileges

from auditor.read.inputs import discover
from auditor.run.corpus import audit_corpus, expand

SLIP = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1417.4万元，占73.72%。\n"


def _looping_tree(tmp_path: Path) -> Path:
    top = tmp_path / "reports"
    (top / "a" / "b").mkdir(parents=True)
    (top / "a" / "b" / "r.txt").write_text(SLIP, encoding="utf-8")
    (top / "a" / "b" / "up").symlink_to("..")  # a → b → up → a → …
    return top


def test_recursive_glob_does_not_follow_symlink_loops(tmp_path):
    top = _looping_tree(tmp_path)
    found = [x for x in expand([str(top / "**" / "*.txt")]) if isinstance(x, str)]
    assert found == [str(top / "a" / "b" / "r.txt")]
    status, out, err = cli("check", "--format", "json", "--no-summary", top / "**" / "*.txt")
    assert status == 1, err  # the slip: audited once, not 41 times, and no bogus errors
    data = json.loads(out)
    assert len(data["documents"]) == 1 and data["errors"] == []


def test_each_file_is_audited_once_however_it_is_named(tmp_path):
    top = _looping_tree(tmp_path)
    (top / "alias.txt").symlink_to(top / "a" / "b" / "r.txt")
    named = [str(top / "a" / "b" / "r.txt"), str(top), str(top / "**" / "r.txt"), str(top / "alias.txt")]
    assert [x for x in expand(named) if isinstance(x, str)] == [str(top / "a" / "b" / "r.txt")]
    files, errors = discover(named)
    assert files == [str(top / "a" / "b" / "r.txt")] and errors == []


def test_audit_corpus_never_drops_a_missing_path(tmp_path, seeds):
    missing = str(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    outcomes = list(audit_corpus([missing, str(seeds["001"]), str(empty)], 1))
    assert [o.path for o in outcomes] == [missing, str(seeds["001"]), str(empty)]
    assert [(o.ok, o.error) for o in outcomes] == [
        (False, "no such file or folder"),
        (True, None),
        (False, "empty file: nothing to audit"),
    ]


def test_outcome_of_an_unreadable_file_is_not_ok(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (outcome,) = audit_corpus([str(tmp_path / "bin.txt")], 1)
    assert outcome.ok is False and outcome.error and "binary" in outcome.error


def _unreadable_folder(tmp_path: Path, seeds) -> tuple[Path, Path]:
    top = tmp_path / "reports"
    locked = top / "locked"
    locked.mkdir(parents=True)
    (top / "ok.txt").write_bytes(seeds["001"].read_bytes())
    (locked / "hidden.txt").write_text(SLIP, encoding="utf-8")
    locked.chmod(0)
    return top, locked


def test_folder_without_read_permission_is_one_line_exit_2_even_as_root(tmp_path, seeds):
    top, locked = _unreadable_folder(tmp_path, seeds)
    try:
        status, out, err = cli("check", "--format", "json", "--no-summary", top, preexec=drop_file_privileges)
        assert_one_line(status, err, locked)
        assert "permission denied" in err
        data = json.loads(out)  # the readable report is still audited, the locked folder named
        assert [Path(d["path"]).name for d in data["documents"]] == ["ok.txt"]
        assert [e["path"] for e in data["errors"]] == [str(locked)]
        # the same folder as an argument, and through the collecting path (-o)
        status, _, err = cli("check", locked, preexec=drop_file_privileges)
        assert_one_line(status, err, locked)
        status, _, err = cli("check", top, "-o", tmp_path / "r.json", preexec=drop_file_privileges)
        assert_one_line(status, err, locked)
    finally:
        locked.chmod(0o755)
