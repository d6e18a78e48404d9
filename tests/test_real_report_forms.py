"""The labelled real reports rewritten in other forms (bench/perturb.py: punctuation half- or
full-width, blanks between figures and units, traditional characters, lines broken as text out of
a PDF) read as they do as published: the same findings, and never a false alarm on a hold."""

import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from perturb import FORMS, rewrite  # noqa: E402
from realcases import DEFAULT, score  # noqa: E402

ORIGINAL = score(DEFAULT)


@pytest.mark.parametrize("form", ["halfwidth", "fullwidth", "spaced", "traditional"])
def test_the_form_changes_nothing(form):
    with tempfile.TemporaryDirectory() as tmp:
        s = score(rewrite(DEFAULT, FORMS[form], Path(tmp)))
    assert (s.found, s.right, s.flagged, s.on_holds) == (
        ORIGINAL.found,
        ORIGINAL.right,
        ORIGINAL.flagged,
        ORIGINAL.on_holds,
    ), "\n".join(s.notes)


def test_lines_broken_as_out_of_a_pdf_raise_no_false_alarm():
    """Never one on a hold, and no flag the published form does not raise as well."""
    with tempfile.TemporaryDirectory() as tmp:
        s = score(rewrite(DEFAULT, FORMS["wrapped"], Path(tmp)))
    assert s.on_holds == 0, "\n".join(s.notes)
    assert s.flagged - s.right <= ORIGINAL.flagged - ORIGINAL.right, "\n".join(s.notes)
    assert s.found >= ORIGINAL.found - 2, "\n".join(s.notes)
