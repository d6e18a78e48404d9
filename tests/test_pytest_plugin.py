"""The pytest plugin, run as a user runs it (pytester): items, failures, options, baseline, fixture."""

import json
import subprocess
import sys

import pytest

# 501.68 + 1417.4 ≠ 1909.08
SLIP = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1417.4万元，占73.72%。\n"
CLEAN = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1407.4万元，占73.72%。\n"


@pytest.fixture
def reports(pytester, seeds):
    folder = pytester.mkdir("reports")
    for key in ("000", "001"):
        (folder / seeds[key].name).write_bytes(seeds[key].read_bytes())
    return folder


def test_one_item_per_document_with_readable_failure(pytester, reports, seeds):
    result = pytester.runpytest("--audit", "reports", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)  # 001 has only a warning
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    out = result.stdout.str()
    assert "collected 2 items" in out
    # the finding, its source line with the figure marked, the cause and the evidence
    result.stdout.fnmatch_lines(
        [
            "*reports/000_*.txt: 5 finding(s) at or above error*",
            "ERROR FA301 change-rate (line 231, col 27)",
            "*cause: transposed_digits*74.13万元 at line 231 should read 47.13万元",
            "*231 | *»74.13万元«*»19.03%«*",
            "*evidence: 74.13万元 (*",
            "ERROR FA103 unit-slip-in-breakdown (line 327, col 101)",
        ]
    )
    assert "Traceback" not in out and "_pytest" not in out


def test_per_rule_items_and_k_selection(pytester, reports):
    result = pytester.runpytest("--audit", "reports", "--audit-per-rule", "-p", "no:cacheprovider", "-rf")
    from auditor.core.rules import catalogue

    n = len(catalogue())
    result.assert_outcomes(passed=2 * n - 4, failed=4)  # 000: FA103, FA104, FA301, FA801
    result.stdout.fnmatch_lines(
        [
            "FAILED reports/000_*.txt::FA103*",
            "FAILED reports/000_*.txt::FA104*",
            "FAILED reports/000_*.txt::FA301*",
            "FAILED reports/000_*.txt::FA801*",
        ]
    )
    only = pytester.runpytest(
        "--audit", "reports", "--audit-per-rule", "-k", "FA103", "-p", "no:cacheprovider"
    )
    only.assert_outcomes(failed=1, passed=1, deselected=2 * n - 2)  # FA103 of each document


def test_severity_threshold_option_and_ini(pytester, reports):
    pytester.runpytest("--audit", "reports", "--audit-severity", "warning").assert_outcomes(failed=2)
    pytester.makeini("[pytest]\naudit_paths = reports\naudit_severity = warning\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["WARNING FA102 parts-exceed-total (line 310, col 23)"])


def test_unreadable_and_missing_paths_fail_with_one_line(pytester):
    (pytester.path / "empty.txt").write_bytes(b"")
    (pytester.path / "nothing").mkdir()
    result = pytester.runpytest("--audit", "empty.txt", "missing.txt", "nothing", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(
        [
            "unreadable report path: missing.txt: no such file or folder",
            "unreadable report path: nothing: folder holds no reports*",
            "unreadable report: empty.txt: empty file: nothing to audit",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_baseline_accepts_known_findings_and_fails_new_ones(pytester, reports):
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "baseline", "reports", "-o", "audit-baseline.json"],
        cwd=pytester.path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((pytester.path / "audit-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and {e["rule"] for e in data["findings"]} == {
        "FA301",
        "FA103",
        "FA104",
        "FA501",
        "FA801",
        "FA102",
    }
    result = pytester.runpytest(
        "--audit", "reports", "--audit-baseline", "audit-baseline.json", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "auditor: 2 document(s) audited, 0 finding(s) at or above error, "
            "5 accepted by the baseline audit-baseline.json"
        ]
    )
    # a new slip in another document still fails, and only it is shown
    (reports / "new.txt").write_text(SLIP, encoding="utf-8")
    result = pytester.runpytest(
        "--audit", "reports", "--audit-baseline", "audit-baseline.json", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=2, failed=1)
    # one slip breaking the sum and a share: one finding at the culprit
    result.stdout.fnmatch_lines(
        ["*reports/new.txt: 1 finding(s) at or above error*", "ERROR FA101 breakdown-sum*"]
    )
    assert "FA301" not in result.stdout.str()


def test_bad_baseline_file_is_reported_not_a_traceback(pytester, reports):
    (pytester.path / "b.json").write_text("{not json", encoding="utf-8")
    result = pytester.runpytest("--audit", "reports", "--audit-baseline", "b.json", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["auditor: *b.json: not a baseline: invalid JSON*"])


def test_fixture_and_assert_consistent(pytester):
    pytester.makepyfile(
        test_pipeline=f"""
        import pytest

        def test_clean(auditor_audit):
            report = auditor_audit(text={CLEAN!r})
            auditor_audit.assert_consistent(report)

        def test_slip(auditor_audit):
            auditor_audit.assert_consistent(auditor_audit(text={SLIP!r}))
    """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*AssertionError: arithmetic findings:",
            "E*<text>: 1 finding(s) at or above error*",
            "E*ERROR FA101 breakdown-sum (line 1, col *",
            "E*1 | *»1909.08万元«*»501.68万元«*»1417.4万元«*",
        ]
    )


def test_rule_pack_option_disables_a_rule(pytester, reports):
    (pytester.path / "pack.toml").write_text(
        '[[rule]]\ncode = "FA301"\nenabled = false\n'
        '[[rule]]\ncode = "FA104"\nenabled = false\n'
        '[[rule]]\ncode = "FA801"\nenabled = false\n'
        '[[rule]]\ncode = "FA103"\nseverity = "info"\n',
        encoding="utf-8",
    )
    pytester.runpytest("--audit", "reports", "--audit-rules", "pack.toml").assert_outcomes(passed=2)
    (pytester.path / "bad.toml").write_text('[[rule]]\ncode = "FA999"\n', encoding="utf-8")
    result = pytester.runpytest("--audit", "reports", "--audit-rules", "bad.toml")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*bad.toml: rule FA999: unknown rule code*"])


def test_no_paths_no_items_and_collector_not_imported(pytester):
    pytester.makepyfile(
        test_x="""
        import sys
        def test_x():
            assert "auditor.pytest_plugin.items" not in sys.modules
            assert "auditor.pipeline" not in sys.modules
    """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert "plugins:" in result.stdout.str() and "auditor" in result.stdout.str()


def test_plugin_import_cost_under_50ms():
    """`python -X importtime -c "import auditor.pytest_plugin.hooks"`: cumulative µs of the plugin,
    best of 5."""
    best = None
    for _ in range(5):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import auditor.pytest_plugin.hooks"],
            capture_output=True,
            text=True,
            check=True,
        )
        rows = [line.split("|") for line in proc.stderr.splitlines() if line.startswith("import time:")]
        top = {
            row[2][1:]: int(row[1])
            for row in rows
            if row[1].strip().isdigit() and not row[2][1:].startswith(" ")
        }
        # the parent packages are imported first, each a top-level row of its own (or nested in the plugin's)
        us = sum(t for name, t in top.items() if name == "auditor" or name.startswith("auditor."))
        best = us if best is None else min(best, us)
    print(f"import auditor.pytest_plugin.hooks: {best / 1000:.1f} ms cumulative (auditor packages included)")
    assert best > 0
    assert best < 50_000


def test_plugin_is_registered_by_entry_point():
    from importlib.metadata import entry_points

    eps = [ep for ep in entry_points(group="pytest11") if ep.name == "auditor"]
    assert eps and eps[0].value == "auditor.pytest_plugin.hooks"
