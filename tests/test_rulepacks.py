"""User rule packs: validation errors name the file, rule and field; the engine honours them."""

import pytest

import auditor
from auditor.cli.commands import main
from auditor.core.rules import catalogue, load_rules, reset_rules, vocabulary


@pytest.fixture(autouse=True)
def _clean_packs():
    reset_rules()
    yield
    reset_rules()


def pack(tmp_path, text, name="my.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "text,message",
    [
        ('[[rule]]\ncode = "FA999"\n', "my.toml: rule FA999: unknown rule code"),
        (
            '[[rule]]\ncode = "FA101"\nseverity = "fatal"\n',
            "my.toml: rule FA101: field severity: must be error|warning|info",
        ),
        ('[[rule]]\ncode = "FA101"\nenable = false\n', "my.toml: rule FA101: field enable: unknown field"),
        ('[[rule]]\nseverity = "info"\n', "my.toml: rule #1: field code: Field required"),
        ('[[rule]]\ncode = "FA101"\n[[rule]]\ncode = "FA101"\n', "my.toml: rule FA101: listed twice"),
        ('[concepts]\nno_such = ["x"]\n', "my.toml: concept no_such: unknown concept"),
        ('[concepts]\nbasic = "x"\n', "my.toml: concept basic: field synonyms"),
        ('colour = "red"\n', "my.toml: field colour: unknown field"),
        ("[[rule]\n", "my.toml: not valid TOML"),
    ],
)
def test_invalid_pack_names_file_rule_and_field(tmp_path, text, message):
    with pytest.raises(auditor.RuleError) as exc:
        load_rules(pack(tmp_path, text))
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)
    assert catalogue()["FA101"].enabled  # a bad pack is not half-loaded


def test_disable_and_override_severity(tmp_path, seeds):
    before = auditor.audit(seeds["000"])
    assert {f.rule for f in before.findings} == {"FA301", "FA103", "FA104", "FA501", "FA801"}
    load_rules(
        pack(
            tmp_path,
            '[[rule]]\ncode = "FA301"\nenabled = false\n'
            '[[rule]]\ncode = "FA501"\nseverity = "error"\n'
            '[[rule]]\ncode = "FA103"\nseverity = "info"\n',
        )
    )
    after = auditor.audit(seeds["000"])
    assert {f.rule: f.severity for f in after.findings} == {
        "FA103": "info",
        "FA501": "error",
        "FA104": "error",
        "FA801": "error",
    }
    assert after.coverage.findings == {"error": 4, "warning": 0, "info": 1}  # FA501, FA104, FA801 ×2; FA103
    rules = catalogue()
    assert rules["FA301"].enabled is False and rules["FA501"].effective_severity == "error"
    assert rules["FA501"].severity == "warning"  # the built-in default is kept beside the override
    reset_rules()
    assert {f.rule for f in auditor.audit(seeds["000"]).findings} == {
        "FA301",
        "FA103",
        "FA104",
        "FA501",
        "FA801",
    }


def test_override_keeps_engine_demotions(tmp_path, seeds):
    # seed 003's FA301 findings are errors demoted to warnings (wrong base): an override to warning
    # makes them info
    assert {f.severity for f in auditor.audit(seeds["003"]).findings if f.rule == "FA301"} == {"warning"}
    load_rules(pack(tmp_path, '[[rule]]\ncode = "FA301"\nseverity = "warning"\n'))
    assert {f.severity for f in auditor.audit(seeds["003"]).findings if f.rule == "FA301"} == {"info"}


def test_concept_synonyms_extend_the_vocabulary(tmp_path):
    assert vocabulary().concept("本单位基础开支") is None
    load_rules(pack(tmp_path, '[concepts]\nbasic = ["基础开支"]\n'))
    assert vocabulary().concept("本单位基础开支") == "basic"
    assert vocabulary().concept("基本支出") == "basic"


def test_cli_rules_option(tmp_path, seeds, capsys):
    p = pack(
        tmp_path,
        '[[rule]]\ncode = "FA202"\nenabled = false\n[[rule]]\ncode = "FA401"\nenabled = false\n'
        '[[rule]]\ncode = "FA801"\nenabled = false\n[[rule]]\ncode = "FA403"\nseverity = "warning"\n',
    )
    assert main(["check", "--format", "json", "--rules", str(p), str(seeds["002"])]) == 0
    out = capsys.readouterr().out
    assert "FA202" not in out and '"FA403"' in out
    reset_rules()
    bad = pack(tmp_path, '[[rule]]\ncode = "FA999"\n', "bad.toml")
    assert main(["check", "--rules", str(bad), str(seeds["002"])]) == 2
    assert "bad.toml: rule FA999: unknown rule code" in capsys.readouterr().err


def test_packs_from_cli_and_plugin_do_not_leak(tmp_path, seeds, pytester):
    from auditor.core.rules import loaded_packs

    p = pack(tmp_path, '[[rule]]\ncode = "FA301"\nenabled = false\n')
    main(["check", "--rules", str(p), str(seeds["000"])])
    assert loaded_packs() == ()
    (pytester.path / "r.txt").write_bytes(seeds["000"].read_bytes())
    pytester.runpytest("--audit", "r.txt", "--audit-rules", str(p)).assert_outcomes(failed=1)
    assert loaded_packs() == ()
    assert "FA301" in {f.rule for f in auditor.audit(seeds["000"]).findings}
