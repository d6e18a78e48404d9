"""The library and the plugin never guess and never pass what they did not check (issue 12,
items 2 and 5): a str source is a path, text has its own entry, an unchecked document says so
and can fail; a baseline entry belongs to one document, however pytest picks and spreads the items."""

import json
import re
import subprocess
import sys

import pytest
from hostile import assert_one_line, cli

import auditor

SLIP = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1417.4万元，占73.72%。\n"
NOTHING = "关于2021年度部门决算的说明。本部门职能未变。\n"  # no figure at all
LONELY = "2021年本年支出合计1909.08万元。\n"  # a figure, and no relation to check it by


# -- item 5: audit() stops guessing --------------------------------------------------------------
def test_a_folder_or_a_mistyped_path_is_an_input_error_not_an_empty_pass(tmp_path):
    (tmp_path / "reports" / "2021").mkdir(parents=True)
    with pytest.raises(auditor.InputError, match="is a folder"):
        auditor.audit(str(tmp_path / "reports" / "2021"))
    with pytest.raises(auditor.InputError, match="no such file or folder"):
        auditor.audit(str(tmp_path / "reports" / "2012"))  # no suffix, no such path
    with pytest.raises(auditor.InputError, match="no such file or folder"):
        auditor.audit(tmp_path / "missing.txt")


def test_text_has_its_own_entry_and_a_long_line_is_not_an_os_error():
    long_line = SLIP.strip() * 40  # one line of 3,000 characters
    with pytest.raises(auditor.InputError) as exc:
        auditor.audit(long_line)  # a str is a path: refused in one short line, no OSError
    assert "\n" not in str(exc.value) and len(str(exc.value)) < 300 and "audit_text" in str(exc.value)
    for report in (auditor.audit(text=long_line), auditor.audit_text(long_line)):
        assert report.path == "<text>" and {f.rule for f in report.findings} == {"FA101"}
    assert auditor.audit(text=SLIP, name="slip.txt").path == "slip.txt"
    with pytest.raises(TypeError):
        auditor.audit("a.txt", text=SLIP)
    with pytest.raises(TypeError):
        auditor.audit()


def test_audit_many_takes_str_as_paths(tmp_path):
    batch = auditor.audit_many([SLIP, str(tmp_path / "nowhere"), SLIP.encode("utf-8")])
    assert [f.path for f in batch.failures][1] == str(tmp_path / "nowhere")
    assert len(batch.failures) == 2 and not batch.ok
    assert [r.path for r in batch.reports] == ["<bytes #3>"]


def test_a_document_with_nothing_to_check_says_so(tmp_path):
    nothing = auditor.audit(text=NOTHING)
    assert nothing.coverage.nothing_checked == "no amounts or percentages: nothing could be checked"
    lonely = auditor.audit(text=LONELY)
    assert lonely.coverage.nothing_checked == (
        "no relation found among its 1 amounts and percentages: nothing could be checked"
    )
    assert auditor.audit(text=SLIP).coverage.nothing_checked is None
    assert json.loads(lonely.to_json())["coverage"]["nothing_checked"].startswith("no relation")
    (tmp_path / "lonely.txt").write_text(LONELY, encoding="utf-8")
    for fmt, lang in (("rich", "en"), ("json", "zh")):  # the terminal speaks the language chosen
        status, out, err = cli("check", "--format", fmt, "--lang", lang, tmp_path / "lonely.txt")
        flat = re.sub(r"[│\s]+", " ", out)  # the terminal panel wraps the line
        assert status == 0 and "nothing could be checked" in flat, (fmt, out, err)
    status, out, err = cli("check", tmp_path / "lonely.txt")  # Chinese by default
    assert status == 0 and "无从核对" in re.sub(r"[│\s]+", "", out), (out, err)


def test_fail_on_unchecked_makes_the_command_fail(tmp_path, seeds):
    (tmp_path / "lonely.txt").write_text(LONELY, encoding="utf-8")
    (tmp_path / "ok.txt").write_bytes(seeds["001"].read_bytes())
    for extra in ([], ["--jobs", "2"], ["-o", str(tmp_path / "out.json")], ["--format", "sarif"]):
        status, _, err = cli(
            "check", "--fail-on-unchecked", *extra, tmp_path / "lonely.txt", tmp_path / "ok.txt"
        )
        assert status == 1, (extra, err)
        assert f"auditor: {tmp_path / 'lonely.txt'}: no relation found" in err, (extra, err)
    status, _, err = cli("check", "--fail-on-unchecked", tmp_path / "ok.txt")
    assert status == 0, err


def test_empty_standard_input_is_not_a_pass(seeds, tmp_path):
    for args in (
        ["check", "-"],
        ["check", "--format", "json", "-"],
        ["check", "-o", str(tmp_path / "r.json"), "-"],
    ):
        status, out, err = cli(*args)
        assert_one_line(status, err, "<stdin>")
        assert "standard input is empty" in err
    with open(seeds["002"], "rb") as fh:
        status, out, err = cli("check", "--format", "json", "-", stdin=fh)
    assert status == 1 and json.loads(out)["documents"][0]["path"] == "<stdin>"


def test_plugin_ini_option_fails_an_unchecked_report(pytester):
    (pytester.path / "reports").mkdir()
    (pytester.path / "reports" / "lonely.txt").write_text(LONELY, encoding="utf-8")
    pytester.runpytest("--audit", "reports", "-p", "no:cacheprovider").assert_outcomes(passed=1)
    pytester.makeini("[pytest]\naudit_paths = reports\naudit_fail_on_unchecked = true\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*reports/lonely.txt: no relation found among its 1 amounts and percentages*"]
    )
    per_rule = pytester.runpytest("--audit-per-rule", "-p", "no:cacheprovider")
    assert per_rule.ret == pytest.ExitCode.TESTS_FAILED
    pytester.makepyfile(
        test_fixture=f"""
        def test_lonely(auditor_audit):
            auditor_audit.assert_consistent(auditor_audit(text={LONELY!r}))
        """
    )
    result = pytester.runpytest("test_fixture.py", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)  # the fixture's assertion, and the ini's report item
    result.stdout.fnmatch_lines(
        ["*<text>: no relation found among its 1 amounts and percentages: nothing could be checked*"]
    )


# -- item 2: a baseline entry belongs to one document ---------------------------------------------
@pytest.fixture
def twins(pytester):
    """a.txt and its copy b.txt, and a baseline accepting a.txt's findings only."""
    folder = pytester.mkdir("reports")
    (folder / "a.txt").write_text(SLIP, encoding="utf-8")
    (folder / "b.txt").write_text(SLIP, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "baseline", "reports/a.txt", "-o", "base.json"],
        cwd=pytester.path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    pytester.makeini("[pytest]\naudit_paths = reports\naudit_baseline = base.json\n")
    return folder


def test_baseline_of_one_document_does_not_accept_its_copy(pytester, twins):
    status, _, _ = cli("check", "reports", "--baseline", "base.json", cwd=pytester.path)
    assert status == 1
    plain = pytester.runpytest("-p", "no:cacheprovider")
    plain.assert_outcomes(passed=1, failed=1)
    plain.stdout.fnmatch_lines(["FAILED reports/b.txt::audit*"])
    only_b = pytester.runpytest("-k", "b.txt", "-p", "no:cacheprovider")
    only_b.assert_outcomes(failed=1, deselected=1)
    in_two = pytester.runpytest("-n", "2", "-p", "no:cacheprovider")
    in_two.assert_outcomes(passed=1, failed=1)
    in_two.stdout.fnmatch_lines(["FAILED reports/b.txt::audit*"])
    per_rule = pytester.runpytest("--audit-per-rule", "-k", "b.txt and FA101", "-p", "no:cacheprovider")
    per_rule.assert_outcomes(failed=1, deselected=2 * len(auditor.catalogue()) - 1)


def test_last_failed_rerun_still_fails(pytester, twins):
    pytester.runpytest().assert_outcomes(passed=1, failed=1)  # with the cache: records b.txt
    pytester.runpytest("--lf").assert_outcomes(failed=1, deselected=1)


def test_assert_consistent_matches_the_baseline_by_document(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(SLIP, encoding="utf-8")
    b.write_text(SLIP, encoding="utf-8")
    base = auditor.Baseline.from_reports([auditor.audit(a)])
    auditor.assert_consistent(auditor.audit(a), baseline=base)
    with pytest.raises(AssertionError, match="b.txt"):
        auditor.assert_consistent(auditor.audit(b), baseline=base)
    with pytest.raises(AssertionError, match="b.txt"):  # a first does not use up b's acceptance either
        auditor.assert_consistent([auditor.audit(b), auditor.audit(a)], baseline=base)
    batch = auditor.audit_many([b, a], baseline=base)
    assert [len(r.findings) > 0 for r in batch.reports] == [True, False]
