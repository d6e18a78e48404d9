"""One language per screen: Chinese by default for every label and message, English throughout
with --lang en, both from one catalogue (rules/messages.toml)."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import auditor
from auditor.core.i18n import finding_message, t, use_language

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def cli(*args):
    env = {**os.environ, "COLUMNS": "300"}
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, env=env)


def test_every_entry_of_the_catalogue_has_both_languages():
    data = tomllib.loads((ROOT / "rules" / "messages.toml").read_text(encoding="utf-8"))
    for table, entries in data.items():
        for key, pair in entries.items():
            assert isinstance(pair, list) and len(pair) == 2, f"{table}.{key}"
            zh, en = pair
            placeholders = set(re.findall(r"{(\w+)}", zh))
            assert placeholders == set(re.findall(r"{(\w+)}", en)) or table == "finding", f"{table}.{key}"
            if table == "labels" and re.search(r"[A-Za-z\u4e00-\u9fff]", re.sub(r"{\w+}", "", zh)):
                assert CJK.search(zh), f"{table}.{key} has no Chinese"
            if table != "skipped":  # the engine's reasons quote its Chinese words
                assert not CJK.search(en.replace("占", "")) or key in ("unit_slip",), f"{table}.{key}"
    for code, rule in auditor.catalogue().items():
        assert CJK.search(rule.summary_zh), code


def test_chinese_by_default_english_with_lang_en(seeds):
    zh = cli("check", "--no-summary", str(seeds["002"])).stdout
    assert "读出数字" in zh and "错误" in zh and "figures read" not in zh and "ERROR" not in zh
    en = cli("check", "--lang", "en", str(seeds["002"])).stdout
    assert "figures read" in en and "error" in en and "读出数字" not in en
    # the findings' own words are English too; what stays Chinese is quoted from the report
    for line in en.splitlines():
        line = line.strip("│ ")
        if re.match(r"^(error|warning|info)\s+FA\d{3}", line):
            assert not CJK.search(re.sub(r"第\d+[段行页].*", "", line)), line
    fa601 = next(f for f in auditor.audit(seeds["002"]).findings if f.rule == "FA601")
    # the engine words its findings in Chinese, the note on how a garbled figure was read too
    assert fa601.message.startswith("数字书写有误") and not re.search("[A-Za-z]", fa601.message)
    use_language("en")
    try:
        message = finding_message(fa601)
        assert message.startswith("A figure is garbled as written") and "Stated" in message
    finally:
        use_language("zh")


def test_the_summary_table_rules_and_explain_follow_the_language(seeds):
    en = cli("check", "--lang", "en", "--format", "json", str(seeds["002"]))
    assert "document(s) audited" in en.stderr and "份文件" not in en.stderr
    assert "份文件" in cli("check", "--format", "json", str(seeds["002"])).stderr
    rules_zh = cli("rules").stdout
    assert "规则" in rules_zh or "代码" in rules_zh
    assert "完整分项之和与总数不符" in rules_zh
    rules_en = cli("rules", "--lang", "en").stdout
    assert "The parts of a complete breakdown" in rules_en and "完整分项" not in rules_en
    explain = cli("explain", "FA101").stdout
    assert "示例（触发此规则）" in explain and "改正后（不触发）" in explain
    assert "Example (the rule fires)" in cli("explain", "FA101", "--lang", "en").stdout


@pytest.mark.parametrize(
    "lang,words", [("zh", ["按规则统计", "筛选", "文件"]), ("en", ["Findings by rule", "Filter"])]
)
def test_the_html_report_speaks_one_language(tmp_path, seeds, lang, words):
    out = tmp_path / "r.html"
    cli("check", str(seeds["000"]), "--lang", lang, "-o", str(out))
    index = out.read_text(encoding="utf-8")
    page = (tmp_path / "r" / "0001.html").read_text(encoding="utf-8")
    assert all(w in index for w in words)
    assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in page
    if lang == "en":
        assert "Findings" in page and "Text" in page and "问题" not in page.split('<table class="text"')[0]
    else:
        assert "<h3>问题</h3>" in page and "<h3>原文</h3>" in page


def test_every_reason_for_skipping_on_the_seeds_is_in_the_catalogue(seeds):
    """The engine words why it skipped a relation in English: each reason it gives on the seeds
    and on the catalogue's examples is translated (a new reason from the engine needs its entry)."""
    from auditor.core.i18n import skipped

    reasons = {why for p in seeds.values() for why in auditor.audit(p).coverage.relations_skipped}
    for rule in auditor.catalogue().values():
        reasons |= set(auditor.audit_text(rule.example).coverage.relations_skipped)
    assert reasons
    for why in reasons:
        assert CJK.search(skipped(why).split("（")[0].split("：")[0]) or CJK.search(skipped(why)), why
        assert skipped(why) != why, f"no Chinese for {why!r}: add it to [skipped] in rules/messages.toml"
    # every reason worded in the engine's source, seen on the seeds or not
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "auditor").rglob("*.py"))
    written = set(re.findall(r'(?:skip\(|why = )"([^"]+)"', source))
    assert len(written) > 20
    for why in written:
        assert skipped(why) != why, f"no Chinese for {why!r}: add it to [skipped] in rules/messages.toml"
    assert (
        skipped("pages without a text layer (scanned?), not read: 2-3")
        == "无文字层的页面（扫描件？），未读: 2-3"
    )


def test_t_fills_placeholders_in_the_language_in_use():
    assert t("labels.line_col", line=3, column=4) == "第3行第4列"
    use_language("en")
    try:
        assert t("labels.line_col", line=3, column=4) == "line 3, col 4"
    finally:
        use_language("zh")
    with pytest.raises(ValueError):
        use_language("fr")
