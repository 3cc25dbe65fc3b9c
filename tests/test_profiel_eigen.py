"""Regioprofiel with the collective's own files: partners and participants from the folder of uploads (or the
session) appear in the section on partners; without them, one sentence says how to add them. And the command
line: a gemeente's profile, an unknown code."""

from __future__ import annotations

from pathlib import Path

import pytest

from llo_dash.__main__ import main
from llo_dash.tables import read_table
from llo_dash.views import vindplaatsen
from llo_dash.views.profiel import HOE_TOEVOEGEN, maak_profiel, uit_map
from tests.apptest import Sessie, assert_ok

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "profiel.py")
PARTNERS = ("naam;type;gemeente_code;gemeente;wijk_code;groepen\n"
            "Bibliotheek aan zee (test);Netwerkers;GM0473;;;NT1\n"
            "Werkplein (test);Bemiddelaars;;Haarlem;;werkzoekend\n")
DEELNEMERS = ("gemeente_code;gemeente;groep;arbeid;periode;deelnemers\n"
              "GM0392;;NT1;;2024;177\n;Velsen;NT2;;2024;50\n")
TYPEN = ("Werkgevers", "Bemiddelaars", "Netwerkers")


@pytest.fixture
def uploadmap(tmp_path) -> Path:
    (tmp_path / "partners.csv").write_text(PARTNERS, encoding="utf-8")
    (tmp_path / "deelnemers.csv").write_text(DEELNEMERS, encoding="utf-8")
    (tmp_path / "notities.csv").write_text("iets;anders\n1;2\n", encoding="utf-8")  # neither: passed over
    return tmp_path


def _partnersectie(profiel):
    return next(s for s in profiel.secties if s.titel.startswith("Welke partners"))


def test_typen_zijn_die_van_de_handreiking():
    assert tuple(vindplaatsen.lees_professionals()["professionals"]) == TYPEN


def test_eigen_bestanden_uit_de_map_in_het_profiel(uploadmap, gebieden, built_data):
    eigen = uit_map(uploadmap, gebieden, TYPEN)
    assert eigen.partners.filename == "partners.csv" and eigen.deelnemers.filename == "deelnemers.csv"
    beroepen = read_table(built_data, "beroepen")
    sectie = _partnersectie(maak_profiel(gebieden, "AM37", built_data, beroepen, eigen=eigen, typen=TYPEN))
    tekst = "\n".join(sectie.zinnen)
    assert "**2 eigen partners** in Zuid-Kennemerland en IJmond" in tekst
    assert "**227 deelnemers**" in tekst  # 177 + 50, both gemeenten in AM37
    titels = dict(sectie.tabellen)
    lijst = titels["Eigen partners, Zuid-Kennemerland en IJmond"].frame
    assert sorted(lijst["naam"]) == ["Bibliotheek aan zee (test)", "Werkplein (test)"]
    per_gemeente = titels["Eigen partners per gemeente, Zuid-Kennemerland en IJmond"].frame.set_index("code")
    assert per_gemeente.loc["GM0473", "partners"] == 1 and per_gemeente.loc["GM0392", "partners"] == 1
    assert per_gemeente["partners"].sum() == 2
    assert any("partners.csv" in regel for regel in sectie.bronnen) and HOE_TOEVOEGEN not in tekst
    # A gemeente's profile lists the partners in that gemeente only.
    zandvoort = _partnersectie(maak_profiel(gebieden, "GM0473", built_data, beroepen, eigen=eigen, typen=TYPEN))
    assert "**1 eigen partner** in Zandvoort" in "\n".join(zandvoort.zinnen)
    assert list(dict(zandvoort.tabellen)["Eigen partners, Zandvoort"].frame["naam"]) == ["Bibliotheek aan zee (test)"]


def test_zonder_eigen_bestanden_een_zin_hoe_ze_toe_te_voegen(tmp_path, gebieden, built_data):
    assert not uit_map(None, gebieden, TYPEN) and not uit_map(tmp_path / "bestaat-niet", gebieden, TYPEN)
    sectie = _partnersectie(maak_profiel(gebieden, "AM37", built_data, read_table(built_data, "beroepen")))
    assert sectie.zinnen[-1] == HOE_TOEVOEGEN and not any("Eigen" in titel for titel, _ in sectie.tabellen)


def test_pagina_toont_eigen_partners_uit_de_map(uploadmap, monkeypatch, built_data):
    monkeypatch.setenv("LLO_DASH_UPLOADS", str(uploadmap))
    at = Sessie().run(PAGE, regio="AM37", gemeente="GM0473")
    assert_ok(at)
    koppen = [h.value for h in at.header]
    assert koppen[0] == "1. Welke doelgroepen herkennen wij in onze gemeente?"
    assert any("**1 eigen partner** in Zandvoort" in m.value for m in at.markdown)
    tabellen = [frame.value for frame in at.dataframe]
    assert any("Bibliotheek aan zee (test)" in frame.to_string() for frame in tabellen)
    assert any(c.value.startswith("Profiel van de gemeente Zandvoort naast de arbeidsmarktregio") for c in at.caption)


def test_cli_schrijft_het_profiel_van_een_gemeente(tmp_path, built_data, capsys):
    uit = tmp_path / "zandvoort.html"
    assert main(["profiel", "gm0473", "--out", str(uit)]) == 0
    document = uit.read_text(encoding="utf-8")
    assert "<h1>Regioprofiel Zandvoort (GM0473)</h1>" in document and uit.stat().st_size < 5_000_000
    assert "zandvoort.html" in capsys.readouterr().err


def test_cli_weigert_een_onbekende_code(tmp_path, built_data, capsys):
    assert main(["profiel", "GM9999", "--out", str(tmp_path / "x.html")]) == 1
    assert "'GM9999' is geen arbeidsmarktregio of gemeente" in capsys.readouterr().err
    assert main(["profiel", "--out", str(tmp_path)]) == 1
    assert not (tmp_path / "x.html").exists()


def test_pagina_toont_eigen_partners_uit_de_sessie(gebieden, monkeypatch, built_data):
    """A partner file uploaded on Vindplaatsen (kept in the session) shows in the profile, without a folder."""
    from llo_dash.views import bereik
    from llo_dash.views.bereik import partners as eigen_partners

    monkeypatch.delenv("LLO_DASH_UPLOADS", raising=False)
    upload = eigen_partners.valideer_partners_upload(
        "mijn-partners.csv", PARTNERS.encode("utf-8"), gemeenten=bereik.gemeente_namen(gebieden),
        wijken=eigen_partners.wijk_gemeenten(gebieden), typen=TYPEN)
    assert upload.ok
    at = Sessie().run(PAGE, widgets={"partners_upload": upload}, regio="AM37")
    assert_ok(at)
    assert any("**2 eigen partners** in Zuid-Kennemerland en IJmond (uit mijn-partners.csv)" in m.value
               for m in at.markdown)
