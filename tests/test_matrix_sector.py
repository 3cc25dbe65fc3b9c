"""The kansrijk matrix's second panel: listed occupations without a tension, placed by the vacancy rate of their
main SBI section. Expected rates are read here from the raw 80567NED file, the occupations and their sections
from the built `beroepen` table and the reference file, not from the code under test."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from llo_dash.config import PROJECT_ROOT
from llo_dash.views.sectoren import beroepen, figures, matrix_sector, vacatures
from tests.apptest import Sessie, assert_ok
from tests.fixtures.mirror import mirror_file

GRAAD = "arbeidsmarkt/vacatures/80567NED_vacaturegraad_sbi_1997-2024_dertje.csv"
INDELING = pd.read_csv(PROJECT_ROOT / "reference" / "beroepen_sectorgroep.csv", dtype=str)


def raw_latest_rate() -> tuple[str, dict[str, float]]:
    """(latest quarter with a rate for A-U, section letter or 'A-U' → rate in that quarter) from the raw file."""
    raw = pd.read_csv(mirror_file(GRAAD), sep=";", dtype=str, encoding="utf-8-sig")
    raw = raw[raw["Perioden"].str.contains("kwartaal")]
    raw["code"] = raw["SBI2008"].str.split(" ").str[0]
    raw["key"] = raw["Perioden"].str.slice(0, 4) + "K" + raw["Perioden"].str.slice(5, 6)
    alle = raw[(raw["code"] == "A-U") & raw["Vacaturegraad_1"].str.strip().ne("")]
    latest = max(alle["key"])
    rows = raw[raw["key"] == latest]
    return latest, {c: float(v) for c, v in zip(rows["code"], rows["Vacaturegraad_1"]) if v.strip() not in ("", ".")}


@pytest.fixture(scope="module")
def overzicht_en_tekorten(built_data):
    df = pd.read_parquet(built_data / "cbs" / "gebieden.parquet")
    tabel = pd.read_parquet(built_data / "arbeidsmarkt" / "beroepen.parquet")
    vac = pd.read_parquet(built_data / "arbeidsmarkt" / "vacatures.parquet")
    overzicht = beroepen.handreiking_beroepen(
        beroepen.beroepen_overzicht(tabel, df, None, beroepen.spanning_per_beroep(tabel), alle=True))
    return tabel, overzicht, vacatures.sector_tekorten(vac)


def test_occupations_without_tension_get_their_sections_latest_rate(overzicht_en_tekorten):
    tabel, overzicht, tekorten = overzicht_en_tekorten
    groepen = tabel[(tabel["brc_niveau"] == "beroepsgroep") & tabel["beroep_handreiking"].notna()]
    pct = groepen["pct_laaggeletterd"].fillna(groepen["pct_laaggeletterd_en_of_laaggecijferd"])
    zonder = groepen[groepen["spanningsindicator_landelijk"].isna() & pct.notna()]
    hoofd = INDELING[INDELING["rol"] == "hoofdsectorgroep"]
    verwacht = {(code, sectie) for code, secties in zip(hoofd["brc_beroepsgroep_code"], hoofd["sbi_sectie"])
                if code in set(zonder["brc_code"].astype(str)) for sectie in secties.split(";")}
    periode, raw = raw_latest_rate()

    punten = matrix_sector.punten(overzicht, tekorten)

    assert set(zip(punten["brc_code"], punten["sbi_code"])) == verwacht
    assert verwacht  # on the mirror: productiemachinebedieners (C) and schoonmakers (N)
    assert set(punten["periode"]) == {periode} and set(punten["alle_sectoren"]) == {raw["A-U"]}
    for _, rij in punten.iterrows():
        assert rij["vacaturegraad"] == raw[rij["sbi_code"]], rij["beroep"]
    # occupations with a tension stay on the tension axis only, never in this panel
    met_spanning = set(groepen.loc[groepen["spanningsindicator_landelijk"].notna(), "brc_code"].astype(str))
    assert met_spanning and not met_spanning & set(punten["brc_code"])


def test_no_published_percentage_stays_on_the_list(overzicht_en_tekorten):
    _, overzicht, tekorten = overzicht_en_tekorten
    punten = matrix_sector.punten(overzicht, tekorten)
    geen_pct = set(overzicht.loc[overzicht["pct_matrix"].isna(), "beroep"])
    assert geen_pct and not geen_pct & set(punten["beroep"])
    lijst = matrix_sector.niet_geplaatst(overzicht, punten)
    assert set(lijst["geen gepubliceerd percentage en geen spanningsindicator"]) | set(
        lijst["geen gepubliceerd percentage"]) == geen_pct
    assert lijst[matrix_sector.GEEN_SECTORCIJFER] == []  # every listed section has a published rate


def test_the_panel_draws_the_rates_with_the_all_sectors_line(overzicht_en_tekorten):
    _, overzicht, tekorten = overzicht_en_tekorten
    punten = matrix_sector.punten(overzicht, tekorten)
    fig = figures.figuur_matrix_sector(punten, titel="t", label=matrix_sector.LABEL)
    (trace,) = fig.data
    assert list(trace.y) == punten["vacaturegraad"].tolist() and list(trace.x) == punten["pct_matrix"].tolist()
    assert fig.layout.yaxis.type != "log"
    (lijn,) = [s for s in fig.layout.shapes if s.type == "line"]
    assert lijn.y0 == lijn.y1 == punten["alle_sectoren"].iloc[0]
    assert any(matrix_sector.LABEL.lower() in (a.text or "").lower() for a in fig.layout.annotations)
    # the tension matrix does not draw them
    hoofd = figures.figuur_matrix(overzicht, pd.DataFrame(columns=["typering", "ondergrens", "bovengrens"]), titel="t")
    assert not set(punten["beroep"]) & set(c[0] for c in hoofd.data[0].customdata)


def test_rate_missing_in_the_section_is_not_drawn_and_listed(overzicht_en_tekorten):
    _, overzicht, tekorten = overzicht_en_tekorten
    zonder_c = tekorten.assign(vacaturegraad=tekorten["vacaturegraad"].where(tekorten["sbi_code"] != "C"))
    punten = matrix_sector.punten(overzicht, zonder_c)
    industrie = punten[punten["sbi_code"] == "C"]
    assert not industrie.empty and industrie["vacaturegraad"].map(math.isnan).all()
    fig = figures.figuur_matrix_sector(punten, titel="t", label=matrix_sector.LABEL)
    assert not set(industrie["beroep"]) & set(c[0] for c in fig.data[0].customdata)
    assert set(industrie["beroep"]) <= set(matrix_sector.niet_geplaatst(overzicht, punten)[matrix_sector.GEEN_SECTORCIJFER])


def test_page_shows_the_sector_panel(built_data):
    # the tables under the figures opened: they are made only when open (issue 14)
    at = Sessie().run(str(PROJECT_ROOT / "pages" / "sectoren.py"), uitgeklapt=True, regio="AM12")
    assert_ok(at)
    (zin,) = [m.value for m in at.markdown if m.value.startswith("**Beroepen zonder spanningsindicator")]
    periode, raw = raw_latest_rate()
    assert matrix_sector.LABEL in zin and periode in zin
    tabellen = [d.value for d in at.dataframe if "Hoofdsector (SBI 2008)" in d.value.columns]
    (tabel,) = tabellen
    for sectie in ("C", "N"):
        rijen = tabel[tabel["Hoofdsector (SBI 2008)"].str.startswith(sectie + " ")]
        assert not rijen.empty and set(rijen[f"Vacaturegraad sector {periode} (per 1.000 banen)"]) == {raw[sectie]}
