"""Corpus runs: lazy expansion of folders and globs, parallel == serial, bounded in-flight work,
JSON Lines streaming, no progress bar off a terminal, the summary table, exit codes."""

import io
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from auditor.cli.check import CheckArgs, run
from auditor.core.errors import InputError
from auditor.run import corpus as corpus_mod
from auditor.run.corpus import Options, audit_corpus, expand
from auditor.run.synth import make_corpus, seed_texts, variant


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, 40, seed=3)
    return folder


def cli(*args):
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True)


# -- expanding paths ----------------------------------------------------------------------------
def test_expand_is_lazy_sorted_and_reports_bad_arguments(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    for name in ["b/2.txt", "b/1.md", "a/9.txt", "a/skip.pdf.bak", "top.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    gen = expand(
        [
            str(tmp_path),
            str(tmp_path / "missing.txt"),
            str(tmp_path / "empty"),
            str(tmp_path / "*" / "*.txt"),
            str(tmp_path / "nothing-*.txt"),
        ]
    )
    assert isinstance(gen, types.GeneratorType)
    items = list(gen)
    paths = [Path(p).relative_to(tmp_path).as_posix() for p in items if isinstance(p, str)]
    # a folder: its own files first, then its subfolders, names sorted at each level; the glob
    # names a/9.txt and b/2.txt again: each file is listed once (issue 12)
    assert paths == ["top.txt", "a/9.txt", "b/1.md", "b/2.txt"]
    errors = [(Path(e.source).name, e.problem) for e in items if isinstance(e, InputError)]
    assert errors == [
        ("missing.txt", "no such file or folder"),
        (
            "empty",
            "folder holds no reports "
            "(.txt, .md, .text, .html, .htm, .xhtml, .docx, .pdf, .xlsx, .xlsm, .xls files)",
        ),
        ("nothing-*.txt", "no report matches this pattern"),
    ]


def test_recursive_glob_on_the_command_line(corpus):
    proc = cli("check", "--format", "jsonl", "--no-summary", str(corpus / "**" / "00000[0-4]_*.txt"))
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 5 and all("findings" in d for d in lines)


# -- parallel runs ---------------------------------------------------------------------------------
def test_parallel_equals_serial(corpus):
    serial = list(audit_corpus([str(corpus)], 1))
    parallel = list(audit_corpus([str(corpus)], 2, chunksize=3))
    assert len(serial) == 40
    assert [o.path for o in parallel] == [o.path for o in serial]  # ordered mode keeps path order
    assert [o.json for o in parallel] == [o.json for o in serial]
    unordered = list(audit_corpus([str(corpus)], 2, ordered=False, chunksize=1))
    assert sorted((o.path, o.json) for o in unordered) == sorted((o.path, o.json) for o in serial)
    assert any(json.loads(o.json)["findings"] for o in serial)


def test_in_flight_work_is_bounded(corpus, monkeypatch):
    """The pool never pulls more paths than the window allows before results come back."""
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))
    pulled = []

    def numbered(_paths, failures=None):
        for k, p in enumerate(paths):
            pulled.append(k)
            yield k, p

    monkeypatch.setattr(corpus_mod, "numbered", numbered)
    outcomes = audit_corpus(["ignored"], 2, chunksize=2, window=3)
    ahead = []
    for done, outcome in enumerate(outcomes, start=1):
        assert outcome.index == done - 1  # ordered
        ahead.append(len(pulled) - done)
    assert done == len(paths) == 40
    # pulled but not yet given out: at most 3 chunks of 2 running, and fewer than 3 × 2 finished
    # ones waiting for an earlier one plus what one wait() brings back (≤ 3 chunks): bounded by
    # the window, whatever the corpus size
    assert max(ahead) <= 3 * (3 * 2)
    assert ahead[0] < len(paths) - 1  # the first result came before all paths were pulled


def test_severity_floor_applies_in_workers(corpus):
    errors_only = list(audit_corpus([str(corpus)], 2, options=Options(min_severity="error")))
    for o in errors_only:
        assert all(sev == "error" for _, sev in o.counts)
        data = json.loads(o.json)
        assert all(f["severity"] == "error" for f in data["findings"])
        assert data["coverage"]["findings"] == {"error": len(data["findings"]), "warning": 0, "info": 0}


# -- JSON Lines --------------------------------------------------------------------------------------
def test_jsonl_streams_every_document_and_bad_file_in_the_middle(tmp_path, seeds):
    names = []
    for k, (_name, text) in enumerate(seed_texts()):
        p = tmp_path / f"{k}a.txt"
        p.write_text(text, encoding="utf-8")
        names.append(p.name)
    (tmp_path / "1b_bad.txt").write_bytes(b"")  # sorts between the good ones
    (tmp_path / "2b_binary.txt").write_bytes(b"\x00\x01\x02")
    proc = cli("check", "--format", "jsonl", "--jobs", "2", str(tmp_path))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stdout.splitlines()
    docs = [json.loads(line) for line in lines]  # each line is one JSON object
    assert len(docs) == 6
    errors = {Path(d["path"]).name: d["error"] for d in docs if "error" in d}
    assert set(errors) == {"1b_bad.txt", "2b_binary.txt"} and "empty" in errors["1b_bad.txt"]
    good = [d for d in docs if "error" not in d]
    assert sorted(Path(d["path"]).name for d in good) == names
    assert all({"path", "findings", "coverage", "year"} <= d.keys() for d in good)
    # stderr: one line per unreadable file, then the summary table
    assert "1b_bad.txt: empty file" in proc.stderr and "无法读取的文件：2" in proc.stderr


def test_jsonl_writes_each_document_as_it_finishes(corpus):
    """The first line is out long before the run ends: read it while the process is still running."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "auditor",
            "check",
            "--format",
            "jsonl",
            "--jobs",
            "1",
            "--no-summary",
            str(corpus),
            str(corpus),  # named twice, audited once (issue 12)
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first = json.loads(proc.stdout.readline())
        assert "findings" in first
        assert proc.poll() is None  # still auditing the other 39 documents
    finally:
        rest = proc.stdout.read()
        proc.wait()
    assert len(rest.splitlines()) == 39


def test_jsonl_findings_exit_one(seeds):
    proc = cli("check", "--format", "jsonl", str(seeds["002"]))
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1


# -- progress bar and summary ---------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal(corpus):
    out, err = io.StringIO(), io.StringIO()
    assert run(CheckArgs([str(corpus)], format="jsonl", jobs=2, summary=False), out, err) == 1
    assert err.getvalue() == ""  # not a terminal: no bar, no escape codes
    out, tty = io.StringIO(), Terminal()
    run(CheckArgs([str(corpus)], format="jsonl", jobs=2, summary=False), out, tty)
    assert "审核中" in tty.getvalue() and "40/40" in tty.getvalue()
    assert len(out.getvalue().splitlines()) == 40  # the bar never goes into the data


def test_progress_absent_in_a_pipe(corpus):
    proc = cli("check", "--format", "jsonl", str(corpus))
    assert "审核中" not in proc.stderr and "\x1b[" not in proc.stderr


def test_summary_table_counts(tmp_path, seeds):
    for key in ("000", "002", "003"):
        (tmp_path / seeds[key].name).write_bytes(seeds[key].read_bytes())
    (tmp_path / "zz_bad.txt").write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    code = run(CheckArgs([str(tmp_path)], format="json", jobs=2), out, err)
    assert code == 2
    data = json.loads(out.getvalue())
    table = err.getvalue()
    assert "3 份文件" in table
    rows = {line.split("│")[1].strip(): line for line in table.splitlines() if line.startswith("│")}
    # FA401: two in 002, one in 003; FA202: two in 002
    assert [c.strip() for c in rows["FA401"].split("│")[3:6]] == ["3", "", ""]
    assert [c.strip() for c in rows["FA202"].split("│")[3:6]] == ["2", "", ""]
    expected = sum(d["coverage"]["findings"]["error"] for d in data["documents"])
    assert [c.strip() for c in rows["全部"].split("│")[3:4]] == [str(expected)]
    assert "无法读取的文件：1" in table and "有错误的文件：3" in table


def test_json_is_deterministic_across_jobs(corpus):
    one = cli("check", "--format", "json", "--jobs", "1", str(corpus))
    two = cli("check", "--format", "json", "--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert len(json.loads(one.stdout)["documents"]) == 40


def test_rich_output_in_path_order_with_summary(tmp_path, seeds):
    (tmp_path / "b.txt").write_bytes(seeds["003"].read_bytes())
    (tmp_path / "a.txt").write_bytes(seeds["000"].read_bytes())
    # wide enough for the whole path in each panel's title, however deep pytest's tmp_path is
    # (rich shortens a title wider than the terminal)
    env = {**os.environ, "COLUMNS": "400"}
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--jobs", "2", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1
    assert proc.stdout.index("a.txt") < proc.stdout.index("b.txt")
    assert "2 份文件" in proc.stdout and "FA103" in proc.stdout


def test_bad_jobs_value():
    proc = cli("check", "--jobs", "0", "x.txt")
    assert proc.returncode == 2 and "at least 1" in proc.stderr


# -- the generated corpus ------------------------------------------------------------------------------
def test_variant_keeps_relations_and_moves_years(seeds):
    import auditor

    text = seeds["002"].read_text(encoding="utf-8")
    base = auditor.audit_text(text)
    other = auditor.audit_text(variant(text, shift=2, year_shift=-3, department="江城市审计局"))
    assert [(f.rule, f.evidence[0].line) for f in other.findings] == [
        (f.rule, f.evidence[0].line) for f in base.findings
    ]
    assert other.year == base.year - 3
    assert other.coverage.relations_checked == base.coverage.relations_checked
    moved = variant(seeds["000"].read_text(encoding="utf-8"), shift=1, department="江城市审计局")
    assert (
        "雅安" not in moved.split("来源")[0]
        and "2021年度江城市审计局部门决算" in moved
        and "209.938万元" in moved
    )
    assert "1132.69元" not in moved and "113.269元" in moved


def test_every_generated_report_has_its_seeds_findings(corpus, seeds):
    import auditor

    expected = {}
    for key, path in seeds.items():
        expected[key] = [(f.rule, f.severity, f.evidence[0].line) for f in auditor.audit_file(path).findings]
    outcomes = list(audit_corpus([str(corpus)], 2))
    assert len(outcomes) == 40
    for o in outcomes:
        key = Path(o.path).stem.split("_")[1]
        got = [(f["rule"], f["severity"], f["evidence"][0]["line"]) for f in json.loads(o.json)["findings"]]
        assert got == expected[key], o.path


def test_a_crash_on_one_document_does_not_end_the_run(tmp_path, seeds, monkeypatch):
    from auditor import pipeline

    for key in ("000", "001", "002"):
        (tmp_path / f"{key}.txt").write_bytes(seeds[key].read_bytes())
    real = pipeline.audit_source

    def flaky(source):
        if source.name.endswith("001.txt"):
            raise ValueError("boom")
        return real(source)

    monkeypatch.setattr(pipeline, "audit_source", flaky)
    outcomes = list(audit_corpus([str(tmp_path)], 1))
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert "internal error" in outcomes[1].error and "ValueError: boom" in outcomes[1].error


def test_library_names():
    import auditor

    assert auditor.audit_corpus is audit_corpus
    from auditor.run.years import audit_years

    assert auditor.audit_years is audit_years


def test_a_dead_worker_ends_the_run_with_one_line(tmp_path, seeds):
    """A worker killed mid-run (out of memory, say): a clear message and exit 2, no traceback."""
    for k in range(6):
        (tmp_path / f"{k}.txt").write_bytes(seeds["003"].read_bytes())
    code = (
        "import os, sys\n"
        "from auditor.run import corpus\n"
        "real = corpus.audit_one\n"
        "def dying(i, p, o, d=None):\n"
        "    if p.endswith('3.txt'): os._exit(9)\n"
        "    return real(i, p, o, d)\n"
        "corpus.audit_one = dying\n"
        "from auditor.cli.commands import main\n"
        f"sys.exit(main(['check', '--jobs', '2', '--format', 'jsonl', {str(tmp_path)!r}]))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "worker process stopped unexpectedly" in proc.stderr and "Traceback" not in proc.stderr
