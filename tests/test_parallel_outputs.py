"""Parallel runs give every output, byte for byte as a serial run: --jobs and --scheduler with -o,
SARIF, HTML (the index and each document's page), JUnit, github and a baseline."""

import filecmp
import subprocess
import sys

import pytest

from auditor.cli.commands import main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds):
    folder = tmp_path_factory.mktemp("corpus")
    for k in range(3):
        for key, path in seeds.items():
            (folder / f"{k}_{key}.txt").write_bytes(path.read_bytes())
    (folder / "9_bad.txt").write_bytes(b"")
    base = folder.parent / "baseline.json"
    # the first copy of seed 000 accepted: an entry accepts findings in its own document only
    assert main(["baseline", str(folder / "0_000.txt"), "-o", str(base)]) == 0
    return folder, base


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as c:
        yield c


def written(tmp_path, name, corpus, *options):
    folder, base = corpus
    out = tmp_path / name / f"audit.{options[0]}"
    out.parent.mkdir()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "check",
            str(folder),
            "--baseline",
            str(base),
            "-o",
            str(out),
            *options[1:],
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2, proc.stderr  # the empty file
    return out


@pytest.mark.parametrize("suffix", ["json", "sarif", "html", "xml", "jsonl", "txt"])
def test_jobs_write_the_same_bytes_as_a_serial_run(tmp_path, corpus, suffix):
    serial = written(tmp_path, "serial", corpus, suffix, "--jobs", "1")
    parallel = written(tmp_path, "parallel", corpus, suffix, "--jobs", "2")
    if suffix == "jsonl":  # streamed as each document finishes: the same lines, in another order
        assert sorted(serial.read_text().splitlines()) == sorted(parallel.read_text().splitlines())
        return
    assert serial.read_bytes() == parallel.read_bytes()
    if suffix == "html":  # and every document's page
        pages = serial.parent / "audit"
        match, mismatch, errors = filecmp.cmpfiles(
            pages, parallel.parent / "audit", [p.name for p in pages.iterdir()], shallow=False
        )
        assert len(match) == 12 and not mismatch and not errors


def test_the_baseline_holds_in_parallel(tmp_path, corpus):
    text = written(tmp_path, "p", corpus, "json", "--jobs", "2").read_text(encoding="utf-8")
    import json

    docs = json.loads(text)["documents"]
    # the baseline accepts the findings of seed 000's first copy: it is clean, the others are not
    first = next(d for d in docs if d["path"].endswith("0_000.txt"))
    later = next(d for d in docs if d["path"].endswith("1_000.txt"))
    assert first["coverage"]["findings"]["error"] == 0 and later["coverage"]["findings"]["error"] == 5


def test_the_scheduler_writes_the_same_bytes(tmp_path, corpus, cluster):
    for suffix in ("sarif", "html"):
        local = written(tmp_path, f"local-{suffix}", corpus, suffix, "--jobs", "1")
        dask = written(tmp_path, f"dask-{suffix}", corpus, suffix, "--scheduler", cluster.scheduler_address)
        assert local.read_bytes() == dask.read_bytes()
