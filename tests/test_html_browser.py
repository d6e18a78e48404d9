"""The HTML report opened in a real headless browser (Debian's chromium, installed by the README's
test command through tests/system-packages.sh).

The screenshot is inspected twice: the highlight colour of error findings must be painted
(and not in a clean report), and the figures inside the highlighted boxes are read back with
OCR (Debian's tesseract, installed the same way) — so the test sees what a reader would see.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from auditor.cli.commands import main
from auditor.report.html import HIGHLIGHT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TESSERACT = shutil.which("tesseract") or "/usr/bin/tesseract"
CLEAN = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1407.4万元，占73.72%。\n"


def chromium(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run tests/system-packages.sh (the README's test command does)")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1600",
        *mode,
        page.as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    return proc


def screenshot(tmp_path: Path, page: Path) -> Image.Image:
    png = tmp_path / (page.stem + ".png")
    proc = chromium(tmp_path, page, f"--screenshot={png}")
    assert png.exists(), proc.stderr[-2000:]
    return Image.open(png).convert("RGB")


def colour_pixels(img: Image.Image, hex_colour: str) -> list[tuple[int, int]]:
    rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    w, h = img.size
    data = img.load()
    return [(x, y) for y in range(0, h, 2) for x in range(0, w, 2) if data[x, y] == rgb]


def highlight_boxes(img: Image.Image, hex_colour: str) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of the areas painted in this colour (one per highlighted figure)."""
    rgb = bytes(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    w, h = img.size
    data = img.tobytes()  # RGB, row by row
    rows = {}
    for y in range(h):
        row = data[3 * w * y : 3 * w * (y + 1)]
        xs = [x for x in range(w) if row[3 * x : 3 * x + 3] == rgb]
        if xs:
            rows[y] = xs
    bands, cur = [], []
    for y in sorted(rows):
        if cur and y != cur[-1] + 1:
            bands.append(cur)
            cur = []
        cur.append(y)
    if cur:
        bands.append(cur)
    boxes = []
    for band in bands:
        xs = sorted({x for y in band for x in rows[y]})
        start = prev = xs[0]
        for x in xs[1:] + [10**9]:
            if x > prev + 3:
                boxes.append((start, band[0], prev + 1, band[-1] + 1))
                start = x
            prev = x
    return boxes


def ocr_digits(img: Image.Image, box, tmp_path: Path) -> str:
    if not Path(TESSERACT).exists():
        pytest.fail(f"{TESSERACT} is missing: run tests/system-packages.sh (the README's test command does)")
    crop = img.crop(box)
    crop = crop.resize((crop.width * 4, crop.height * 4), Image.LANCZOS).convert("L")
    png = tmp_path / "crop.png"
    crop.save(png)
    proc = subprocess.run(
        [TESSERACT, str(png), "-", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789.%"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc.stdout.strip()


def ocr_text(img: Image.Image, tmp_path: Path) -> str:
    """The words on a screenshot (tesseract's English model: rule codes, numbers, English labels)."""
    big = img.resize((img.width * 2, img.height * 2), Image.LANCZOS).convert("L")
    png = tmp_path / "page.png"
    big.save(png)
    proc = subprocess.run(
        [TESSERACT, str(png), "-", "--psm", "3"], capture_output=True, text=True, timeout=120
    )
    return proc.stdout


def corpus_report(tmp_path: Path, seeds, *options: str) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    (folder / "a_000.txt").write_bytes(seeds["000"].read_bytes())
    (folder / "b_clean.txt").write_text(CLEAN, encoding="utf-8")
    index = tmp_path / "out" / "index.html"
    index.parent.mkdir(exist_ok=True)
    assert main(["check", str(folder), "--jobs", "2", "--output", str(index), *options]) == 1
    return index


def test_findings_are_highlighted_in_the_rendered_page(seeds, tmp_path):
    index = corpus_report(tmp_path, seeds)
    page, clean = index.parent / "index" / "0001.html", index.parent / "index" / "0002.html"

    shot = screenshot(tmp_path, page)
    red = colour_pixels(shot, HIGHLIGHT["error"])
    assert len(red) > 100, "no error highlight painted in the first screen of the report"
    assert colour_pixels(shot, HIGHLIGHT["warning"]), "the FA501 warning is not highlighted"
    assert not colour_pixels(screenshot(tmp_path, clean), HIGHLIGHT["error"]), (
        "a clean report shows error highlights"
    )
    # the highlights lie in the findings list, below the header
    assert min(y for _, y in red) > 200
    # read the highlighted figures back from the pixels: the FA301 and FA103 evidence as written
    read = [ocr_digits(shot, box, tmp_path) for box in highlight_boxes(shot, HIGHLIGHT["error"])]
    for figure in ("74.13", "19.03%", "1634.34", "1132.69"):  # 万元/元 read as stray digits: compare prefixes
        assert any(text.startswith(figure) for text in read), (figure, read)

    dom = chromium(tmp_path, page, "--dump-dom").stdout
    assert "FA301" in dom and "FA103" in dom
    marks = re.findall(r'<mark class="sev-error"[^>]*>([^<]*)</mark>', dom)
    assert "74.13万元" in marks and "1132.69元" in marks
    # the finding sits beside the line of the figure to correct: line 231's row holds the FA301 note,
    # line 181's (the item 38.34, not the class at line 157) the FA104 one
    row = re.search(r'<tr id="d1-L231"[^>]*>(.*?)</tr>', dom, re.S)
    assert row and "FA301" in row.group(1) and "47.13万元" in row.group(1)
    row = re.search(r'<tr id="d1-L181"[^>]*>(.*?)</tr>', dom, re.S)
    assert row and "FA104" in row.group(1)


def test_the_index_shows_each_document_and_the_findings_by_rule(seeds, tmp_path):
    """The corpus index as a person sees it, in English (--lang en): read back from the screenshot."""
    index = corpus_report(tmp_path, seeds, "--lang", "en")
    seen = ocr_text(screenshot(tmp_path, index), tmp_path)
    for words in ("Findings by rule", "FA103", "FA301", "FA801", "2 document(s) audited", "no findings"):
        assert words in seen, (words, seen)
    dom = chromium(tmp_path, index, "--dump-dom").stdout
    # every document links to its own page; the filters are there (radio buttons, no script)
    assert 'href="index/0001.html"' in dom and 'href="index/0002.html"' in dom
    assert 'id="f-error"' in dom and 'id="f-FA103"' in dom and "<script" not in dom
    page = chromium(tmp_path, index.parent / "index" / "0001.html", "--dump-dom").stdout
    assert 'href="../index.html"' in page
