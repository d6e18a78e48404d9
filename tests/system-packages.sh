#!/bin/sh
# What the tests need from the system, installed only when missing: the HTML report is checked in a
# real headless browser (chromium) and its screenshot read back with OCR (tesseract); the compiled
# wheel (setup.py, mypyc) is built with a C compiler and Python's headers. Everything else the
# tests need comes from pip (the PDFs are typeset with reportlab's built-in CJK font).
# Called by the README's test command; Debian or Ubuntu (apt-get), as root or with sudo.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
headers=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
[ -f "$headers/Python.h" ] || missing="$missing python3-dev"
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "tests/system-packages.sh: install$missing with your package manager (the browser and build tests need them)" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
        echo "tests/system-packages.sh: run as root to apt-get install$missing" >&2
        exit 1
    }
    sudo="sudo"
fi
echo "tests/system-packages.sh: apt-get install$missing" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
