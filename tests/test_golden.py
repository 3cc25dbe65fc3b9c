"""Golden files: every page, for heel Nederland, the smallest and the largest arbeidsmarktregio, shows the
same text and offers the same CSV downloads (byte for byte) as recorded in tests/golden/golden.json (a
checksum, size, line count and first line per file; the files themselves are derived from the public
sources and stay on the machine that made them, in tests/golden/lokaal/).

A safety net for restructuring: the capture (tests/golden/capture.py) runs the page files with AppTest and
catches downloads through Streamlit's own `download_button`, so it does not depend on where the project's
modules live. An intended change of what users see: rewrite the files with
`.venv/bin/python -m tests.golden.make_golden` and review `git diff tests/golden/golden.json`.
"""

from __future__ import annotations

import pytest

from tests.apptest import Sessie
from tests.golden.capture import (TEKST, WEERGAVEN, Normalisatie, downloads_opnemen, lees_golden, lees_index,
                                  neem_op, verschillen)

pytestmark = pytest.mark.integration

OPNIEUW = ("\n\nIs de verandering bedoeld? Schrijf de golden files opnieuw met "
           "`.venv/bin/python -m tests.golden.make_golden` en bekijk `git diff tests/golden/golden.json`.")


@pytest.fixture(scope="module")
def opname(built_data):
    """One AppTest session per page for all views, with download buttons recorded, and the normalisation
    rules of this build (its time, duration, commit and paths)."""
    with downloads_opnemen():
        yield Sessie(), Normalisatie.voor(built_data)


@pytest.mark.parametrize("weergave", WEERGAVEN, ids=lambda weergave: weergave.naam)
def test_page_matches_golden_files(opname, weergave):
    sessie, norm = opname
    nu = neem_op(sessie, weergave, norm)
    golden = lees_golden(weergave)
    assert golden, f"Geen golden files voor {weergave.naam} in {weergave.map}." + OPNIEUW
    problemen = verschillen(weergave, nu, golden)
    if problemen:
        pytest.fail("\n\n".join(problemen) + OPNIEUW, pytrace=False)


def test_golden_index_holds_nothing_of_a_build_or_a_day(built_data):
    """No absolute path, build time, commit or today's date in the index: it must match on any machine, any day."""
    norm = Normalisatie.voor(built_data)
    gevonden = [f"{weergave}/{naam}: {probleem}" for weergave, bestanden in lees_index().items()
                for naam, afdruk in bestanden.items() for probleem in norm.verdacht(afdruk["eerste_regel"].encode())]
    assert not gevonden, "\n".join(gevonden)


def test_golden_index_is_complete():
    """An entry per view, none left over from a view that no longer exists, each with its text and a CSV."""
    index = lees_index()
    assert set(index) == {weergave.naam for weergave in WEERGAVEN}
    for naam, bestanden in index.items():
        assert TEKST in bestanden and any(bestand.endswith(".csv") for bestand in bestanden), naam
