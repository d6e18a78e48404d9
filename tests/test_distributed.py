"""The corpus audit on a real Dask distributed cluster (two worker processes) gives the same
results as a local run; without the extra, one line names it."""

import json
import subprocess
import sys

import pytest

from auditor.run.corpus import Options, audit_corpus
from auditor.run.synth import make_corpus


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, 24, seed=7)
    (folder / "0000" / "000005_bad.txt").write_bytes(b"\x00\x01binary")
    return folder


def _normalised(outcomes):
    return sorted((o.path, o.error, o.json and json.loads(o.json)) for o in outcomes)


def test_distributed_equals_local(cluster, corpus):
    from distributed import Client

    from auditor.run import distributed

    local = list(audit_corpus([str(corpus)], 1))
    with Client(cluster) as client:
        assert len(client.nthreads()) == 2  # two worker processes really ran
        remote = list(distributed.audit_corpus([str(corpus)], client, chunksize=4))
    assert len(remote) == 25 and sum(o.error is not None for o in remote) == 1
    assert [o.path for o in remote] == [o.path for o in local]  # ordered like a local run
    assert _normalised(remote) == _normalised(local)
    assert any(json.loads(o.json)["findings"] for o in remote if o.json)


def test_distributed_by_address_unordered_with_years(cluster, corpus):
    from auditor.run import distributed

    options = Options(years=True)
    remote = list(
        distributed.audit_corpus([str(corpus)], cluster.scheduler_address, options=options, ordered=False)
    )
    local = list(audit_corpus([str(corpus)], 2, options=options, ordered=False))
    assert _normalised(remote) == _normalised(local)
    assert sorted((o.path, o.years) for o in remote if o.years) == sorted(
        (o.path, o.years) for o in local if o.years
    )


def test_cli_scheduler_matches_local_run(cluster, corpus):
    def run(*extra):
        proc = subprocess.run(
            [sys.executable, "-m", "auditor", "check", "--format", "json", *extra, str(corpus)],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 2, proc.stderr  # the binary file
        return json.loads(proc.stdout)

    assert run("--scheduler", cluster.scheduler_address) == run("--jobs", "1")


def test_missing_extra_is_one_line(tmp_path, seeds):
    code = (
        "import sys; sys.modules['distributed'] = None\n"
        "from auditor.cli.commands import main\n"
        f"sys.exit(main(['check', '--scheduler', 'tcp://127.0.0.1:8786', {str(seeds['000'])!r}]))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "auditor[dask]" in lines[0] and "Traceback" not in proc.stderr


def test_a_rule_pack_reaches_every_worker_whatever_the_scheduler(cluster, tmp_path, seeds):
    """Issue 12: the same pack, the same JSON locally, with spawned and forked workers, on Dask."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for key in ("000", "001", "002", "003"):
        (folder / seeds[key].name).write_bytes(seeds[key].read_bytes())
    pack = tmp_path / "strict.toml"
    pack.write_text('[[rule]]\ncode = "FA102"\nseverity = "error"\n', encoding="utf-8")

    def run(*extra, start_method=None):
        argv = ["check", "--format", "json", "--no-summary", "--rules", str(pack), *extra, str(folder)]
        code = "import sys\n"
        if start_method:
            code += f"import multiprocessing; multiprocessing.set_start_method({start_method!r})\n"
        code += f"from auditor.cli.commands import main; sys.exit(main({argv!r}))\n"
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 1, proc.stderr  # FA102 is an error now
        return json.loads(proc.stdout)

    local = run("--jobs", "1")
    fa102 = [f["severity"] for d in local["documents"] for f in d["findings"] if f["rule"] == "FA102"]
    assert fa102 == ["error"]  # the pack was applied (its default is warning)
    assert run("--jobs", "2", start_method="spawn") == local
    assert run("--jobs", "2", start_method="forkserver") == local
    assert run("--jobs", "2") == local
    assert run("--scheduler", cluster.scheduler_address) == local
