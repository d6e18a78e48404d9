"""The HTML report opened in a real headless browser (Debian's chromium, installed by .ci/run)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from auditor.cli import main
from auditor.htmlreport import HIGHLIGHT

CHROMIUM = "/usr/bin/chromium"
CLEAN = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1407.4万元，占73.72%。\n"


def chromium(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--window-size=1400,1600", *mode, page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    return proc


def screenshot(tmp_path: Path, page: Path) -> Image.Image:
    png = tmp_path / (page.stem + ".png")
    proc = chromium(tmp_path, page, f"--screenshot={png}")
    assert png.exists(), proc.stderr[-2000:]
    return Image.open(png).convert("RGB")


def colour_pixels(img: Image.Image, hex_colour: str) -> list[tuple[int, int]]:
    rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    w, h = img.size
    data = img.load()
    return [(x, y) for y in range(0, h, 2) for x in range(0, w, 2) if data[x, y] == rgb]


def test_findings_are_highlighted_in_the_rendered_page(seeds, tmp_path):
    page = tmp_path / "report.html"
    assert main(["check", str(seeds["000"]), "--output", str(page)]) == 1
    clean_src = tmp_path / "clean.txt"
    clean_src.write_text(CLEAN, encoding="utf-8")
    clean = tmp_path / "clean.html"
    assert main(["check", str(clean_src), "--format", "html", "-o", str(clean)]) == 0

    shot = screenshot(tmp_path, page)
    red = colour_pixels(shot, HIGHLIGHT["error"])
    assert len(red) > 100, "no error highlight painted in the first screen of the report"
    assert colour_pixels(shot, HIGHLIGHT["warning"]), "the FA501 warning is not highlighted"
    assert not colour_pixels(screenshot(tmp_path, clean), HIGHLIGHT["error"]), "a clean report shows error highlights"
    # the highlights lie in the findings list, left of the notes column, not in the header
    ys = sorted(y for _, y in red)
    assert ys[0] > 300

    dom = chromium(tmp_path, page, "--dump-dom").stdout
    assert "FA301" in dom and "FA103" in dom
    marks = re.findall(r'<mark class="sev-error"[^>]*>([^<]*)</mark>', dom)
    assert "74.13万元" in marks and "1132.69元" in marks
    # the finding sits beside its line in the text: line 231's row holds the FA301 note
    row = re.search(r'<tr id="d1-L231"[^>]*>(.*?)</tr>', dom, re.S)
    assert row and "FA301" in row.group(1) and "47.13万元" in row.group(1)
