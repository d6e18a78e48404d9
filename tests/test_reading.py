import pytest

from auditor.core.errors import InputError
from auditor.read.encoding import decode
from auditor.read.inputs import discover, read_path
from auditor.read.normalize import normalize

TEXT = "2021年本年收入合计1368.43万元，其中：一般公共预算财政拨款收入1024.83万元。"


def test_utf8_and_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert read_path(p).text == TEXT


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16"])
def test_chinese_encodings(tmp_path, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode(encoding))
    src = read_path(p)
    assert src.text == TEXT
    assert src.encoding in (encoding, "gb18030", "utf-16")


def test_big5(tmp_path):
    text = "本年收入合計1368.43萬元，其中：財政撥款收入1024.83萬元。這是繁體中文的報告。"
    p = tmp_path / "b.txt"
    p.write_bytes(text.encode("big5"))
    assert read_path(p).text == text


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(128, 256)) * 40, "encoding"),
    ],
)
def test_bad_bytes(data, problem):
    with pytest.raises(InputError) as exc:
        decode(data, "x.txt")
    assert problem in str(exc.value) and "x.txt" in str(exc.value)


def test_missing_and_huge(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    with pytest.raises(InputError, match="MB"):
        read_path(big)


def test_discover(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    files, errors = discover([str(tmp_path / "r"), str(tmp_path / "empty"), str(tmp_path / "missing")])
    assert files == [str(tmp_path / "r" / "a.txt")]
    assert [e.problem.split()[0] for e in errors] == ["folder", "no"]


def test_normalize_keeps_original_positions():
    original = "[bookmark: _Toc1]收入１２３．４５万元，占１００％\n第二行[image: IMG_1]支出５万元"
    t = normalize(original)
    assert "bookmark" not in t.text and "image" not in t.text
    assert "123.45万元，占100%" in t.text  # full-width comma kept, digits folded
    i = t.text.index("123.45")
    assert t.position(i) == (1, original.index("１２３") + 1)
    j = t.text.rindex("5万元")
    assert t.position(j) == (2, original.split("\n")[1].index("５") + 1)
    assert t.original_span(i, i + 6) == "１２３．４５"


def test_nfkc_not_applied():
    assert "①" in normalize("①收入1万元").text
