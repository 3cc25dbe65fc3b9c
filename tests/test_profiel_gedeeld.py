"""Regioprofiel made once per code and build and shared by the sessions (issue 14), and never shared when the
collective's own files are in it; the static map kept as PNG and SVG bytes, without its matplotlib figure."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from llo_dash.figures import kaart_statisch
from llo_dash.ui import profiel as ui_profiel
from llo_dash.views import profiel
from llo_dash.views.profiel import HOE_TOEVOEGEN, uit_map
from tests.apptest import Sessie, assert_ok
from tests.test_profiel_eigen import PARTNERS, TYPEN

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "profiel.py")


@pytest.fixture
def uploadmap(tmp_path) -> Path:
    (tmp_path / "partners.csv").write_text(PARTNERS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def gemaakt(monkeypatch) -> list[str]:
    """The codes `maak_profiel` was called for, with an empty shared cache."""
    codes: list[str] = []
    echt = profiel.maak_profiel

    def tellend(df, code, *args, **kwargs):
        codes.append(code)
        return echt(df, code, *args, **kwargs)

    monkeypatch.setattr(ui_profiel.profiel, "maak_profiel", tellend)
    ui_profiel._gedeeld.clear()
    yield codes
    ui_profiel._gedeeld.clear()


def _partnerzinnen(rapport) -> str:
    return "\n".join(next(s for s in rapport.secties if s.titel.startswith("Welke partners")).zinnen)


def test_twee_sessies_delen_een_profiel(gemaakt, built_data):
    for _ in range(2):  # two sessions, as two users opening the same region
        at = Sessie().run(PAGE, regio="AM37")
        assert_ok(at)
        assert sum(c.value.startswith("Namen op de kaart: Beverwijk") for c in at.caption) == 1  # the map's names
    assert gemaakt == ["AM37"]


def test_gedeeld_profiel_is_een_kopie_met_dezelfde_kaart(gemaakt, gebieden, built_data):
    a = ui_profiel.regioprofiel(gebieden, "AM37", profiel.EigenBestanden(), TYPEN)
    b = ui_profiel.regioprofiel(gebieden, "AM37", profiel.EigenBestanden(), TYPEN)
    assert gemaakt == ["AM37"]  # made and drawn once
    assert a is not b and a.secties[1].kaarten[0] == b.secties[1].kaarten[0]  # the same map bytes, each its own copy
    a.secties[0].zinnen.append("alleen in deze sessie")  # a session's change stays in its copy
    a.secties[0].tabellen[0][1].frame.iloc[0, 0] = "veranderd"
    c = ui_profiel.regioprofiel(gebieden, "AM37", profiel.EigenBestanden(), TYPEN)
    for ander in (b, c):
        assert "alleen in deze sessie" not in ander.secties[0].zinnen
        assert ander.secties[0].tabellen[0][1].frame.iloc[0, 0] != "veranderd"
    assert gemaakt == ["AM37"]
    assert _partnerzinnen(a).endswith(HOE_TOEVOEGEN)


def test_eigen_bestanden_niet_uit_de_gedeelde_cache(gemaakt, uploadmap, gebieden, built_data):
    eigen = uit_map(uploadmap, gebieden, TYPEN)
    gedeeld = ui_profiel.regioprofiel(gebieden, "AM37", profiel.EigenBestanden(), TYPEN)
    met_eigen = [ui_profiel.regioprofiel(gebieden, "AM37", eigen, TYPEN) for _ in range(2)]
    assert gemaakt == ["AM37"] * 3  # with own files: made per run
    assert all("**2 eigen partners** in Zuid-Kennemerland en IJmond" in _partnerzinnen(p) for p in met_eigen)
    assert "eigen partners" not in _partnerzinnen(gedeeld)
    # and the shared profile asked for afterwards has not picked up the own files
    assert "eigen partners" not in _partnerzinnen(ui_profiel.regioprofiel(gebieden, "AM37", profiel.EigenBestanden(), TYPEN))
    # the same map either way: the boundaries from the shared cache are those of the file
    assert met_eigen[0].secties[1].kaarten[0].labels == gedeeld.secties[1].kaarten[0].labels


def test_kaart_bewaart_alleen_de_bytes(gebieden, built_data):
    kaart = profiel.gemeentekaart(gebieden, built_data, "AM37")
    assert not hasattr(kaart, "figuur")  # no matplotlib figure kept alive
    breedte, hoogte = struct.unpack(">II", kaart.png()[16:24])  # the PNG's IHDR
    assert (breedte, hoogte) == (16 * 96, 9 * 96)  # 16 × 9 inch at 96 dpi for the screen
    assert kaart.svg().lstrip().startswith("<?xml") and "<svg" in kaart.svg()
    assert kaart_statisch.SCHERM_DPI == 96
