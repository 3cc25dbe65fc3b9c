"""AppTest of the page Regioprofiel for all 35 arbeidsmarktregio's, and without a region."""

from pathlib import Path

import pytest

from tests.apptest import REGIO_CODES, Sessie, assert_ok, dutch, markdown_text, zichtbaar

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "profiel.py")
SESSIE = Sessie()


@pytest.mark.parametrize("regio", REGIO_CODES)
def test_profiel_voor_elke_regio(regio, built_data, gebieden):
    at = SESSIE.run(PAGE, regio=regio)
    assert_ok(at)
    rij = gebieden[gebieden["code"] == regio].iloc[0]
    tekst = zichtbaar(markdown_text(at))
    # The region's estimate, formatted independently from the built table, is stated on the page.
    assert f"naar schatting {dutch(rij['laaggeletterd_16_65'])} mensen van 16 tot 65 jaar laaggeletterd" in tekst
    koppen = [h.value for h in at.header]
    assert koppen[0].startswith("1. ") and any("Vragen zonder cijfers" in kop for kop in koppen)
    labels = [knop.label for knop in at.get("download_button")]
    assert {"Profiel (HTML, afdrukbaar)", "Presentatie (HTML, 16:9)", "Profiel (PDF, A4)"} <= set(labels)
    # The static map names every gemeente of the region (the labels drawn, listed under the image).
    namen = gebieden.loc[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == regio), "naam"]
    kaart = next(c.value for c in at.caption if c.value.startswith("Namen op de kaart"))
    assert all(naam in kaart for naam in namen)


def test_profiel_zonder_regio_vraagt_om_keuze(built_data):
    at = SESSIE.run(PAGE)
    assert_ok(at)
    assert any("Kies links een arbeidsmarktregio" in i.value for i in at.info)
