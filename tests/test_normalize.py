"""The normalised text and its map back to the original are exactly those of the plain
per-character definition (width folding, artefacts dropped), however they are stored."""

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.read.normalize import _ARTEFACT, _FOLD, normalize


def reference(original: str) -> tuple[str, list[int]]:
    text, origin, i = [], [], 0
    for m in _ARTEFACT.finditer(original):
        for k in range(i, m.start()):
            text.append(original[k].translate(_FOLD))
            origin.append(k)
        i = m.end()
    for k in range(i, len(original)):
        text.append(original[k].translate(_FOLD))
        origin.append(k)
    return "".join(text), origin


def check(original: str) -> None:
    text, origin = reference(original)
    got = normalize(original)
    assert got.text == text
    assert len(got.origin) == len(origin) and list(got.origin) == origin
    if origin:
        assert got.origin[-1] == origin[-1] and got.origin[1:3] == origin[1:3]


def test_seeds(seeds):
    for path in seeds.values():
        check(path.read_text(encoding="utf-8"))


pieces = st.sampled_from(
    [
        "收入",
        "１２３．４５",
        "％",
        "，",
        "（一）",
        "\u3000",
        "\u00a0",
        "[bookmark: _Toc1]",
        "[image: a.png]",
        "\r\n",
        "\n",
        "\u200b",
        "ａｂ",
        "12.5万元",
        "：",
        "[",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_generated(text):
    check(text)
