"""The page Trends headless (AppTest), for every region, on the real build.

Expected figures come from the raw CBS file in the mirror (86088NED, read here with plain pandas) or from
SOURCES.md, not from the view's code: the sentence's values, the rank among the 35 regions, the neighbours.
"""

from __future__ import annotations

import functools
import json

import pandas as pd
import pytest

from llo_dash.config import PROJECT_ROOT
from llo_dash.views import buren
from tests.apptest import REGIO_CODES, Sessie, assert_ok, captions, dutch, markdown_text, table_with
from tests.fixtures.mirror import mirror_file

TRENDS = str(PROJECT_ROOT / "pages" / "trends.py")
ARBEID = "cbs/statline_regio/86088NED_arbeidsdeelname_regio2024_first10000rows_dertje.csv"
SESSIE = Sessie()


@functools.cache
def werkloosheid() -> pd.DataFrame:
    """86088NED, Totaal personen: unemployment % per CBS area name (rows) and year (columns)."""
    raw = pd.read_csv(mirror_file(ARBEID), sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    raw = raw.apply(lambda column: column.str.strip())
    raw = raw[raw["Persoonskenmerken"] == "Totaal personen"]
    return raw.pivot(index="RegioS", columns="Perioden", values="Werkloosheidspercentage_13").apply(pd.to_numeric, errors="coerce")


def _page(**params):
    """The page with "Cijfers van de grafiek" opened (its table is made only when open, issue 14)."""
    at = SESSIE.run(TRENDS, widgets={"_w_trends_weergave": "Jaargemiddelde"}, uitgeklapt=True, **params)
    assert_ok(at)
    return at


@pytest.mark.parametrize("regio", REGIO_CODES)
def test_every_region_against_nederland_and_its_neighbours(built_data, gebieden, regio):
    at = _page(regio=regio)
    naam = gebieden.loc[regio, "naam"]
    raw = werkloosheid()
    eigen, nl = raw.loc[f"{naam} (AM)"], raw.loc["Nederland"]
    assert (f"In {naam} {'daalde' if eigen['2024'] < eigen['2019'] else 'steeg' if eigen['2024'] > eigen['2019'] else 'bleef'}"
            in markdown_text(at))
    if eigen["2024"] != eigen["2019"]:
        assert (f"van {dutch(eigen['2019'], 1)}% in 2019 naar {dutch(eigen['2024'], 1)}% in 2024; landelijk van "
                f"{dutch(nl['2019'], 1)}% naar {dutch(nl['2024'], 1)}%.") in markdown_text(at)

    stand = table_with(at, "Rang (1 = hoogste)").set_index("Gebied")
    regio_namen = [f"{n} (AM)" for n in gebieden.loc[gebieden["niveau"] == "arbeidsmarktregio", "naam"]]
    laatste = raw.loc[regio_namen, "2024"]
    assert stand.loc[naam, "Rang (1 = hoogste)"] == (laatste > eigen["2024"]).sum() + 1
    assert stand.loc[naam, "Aantal gebieden met een cijfer"] == 35
    assert stand.loc[naam, "Werkloosheid 2024"] == eigen["2024"]
    assert stand.loc[naam, "Verandering in 5 jaar (procentpunt)"] == pytest.approx(eigen["2024"] - eigen["2019"])
    assert stand.loc["Nederland", "In de grafiek"] == "Nederland" and pd.isna(stand.loc["Nederland", "Rang (1 = hoogste)"])
    # The lines: the region, Nederland and the regions sharing a border with it (from the built boundaries).
    buurnamen = [gebieden.loc[code, "naam"] for code in buren.buren(built_data)[regio]]
    assert buurnamen and list(stand.index) == [naam, "Nederland", *buurnamen]
    assert stand["In de grafiek"].tolist() == ["gekozen regio", "Nederland", *["buurregio"] * len(buurnamen)]
    figuur = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sorted(trace["name"] for trace in figuur["data"]) == sorted([naam, "Nederland", *(f"{n} (buurregio)" for n in buurnamen)])
    bron = " ".join(annotation["text"] for annotation in figuur["layout"]["annotations"])
    assert "86088NED" in bron and "2013–2024" in bron, "the figure names its source and period"
    assert "Bron: CBS, Arbeidsdeelname; regionale indeling 2024 (86088NED), 2013–2024." in captions(at)


WW = "cbs/aanvulling/85554NED_ww_uitkeringen_arbeidsmarktregio_maand_2013-2025_first10000rows_dertje.csv"


def test_deep_link_to_ww_shows_yearly_averages_of_the_monthly_figures(built_data, gebieden):
    at = _page(regio="AM01", indicator="ww_personen")
    assert at.selectbox(key="_w_indicator").value == "ww_personen"
    raw = pd.read_csv(mirror_file(WW), sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    raw = raw.apply(lambda column: column.str.strip().str.replace(r"\s+", " ", regex=True))
    raw = raw[(raw["RegioS"] == "Groningen (AM)") & (raw["Geslacht"] == "Totaal mannen en vrouwen")
              & (raw["Leeftijd"] == "Totaal") & (raw["Marges"] == "Waarde") & raw["Perioden"].str.startswith("2024 ")]
    maanden = pd.to_numeric(raw["PersonenMetEenWerkloosheidsuitkering_1"])
    assert len(maanden) == 12 and (maanden.tail(1) == 7_010).all()  # SOURCES.md 6.3: Groningen (AM) december 2024 7 010
    stand = table_with(at, "Rang (1 = hoogste)").set_index("Gebied")
    assert stand.loc[gebieden.loc["AM01", "naam"], "Personen met WW 2024 (jaargemiddelde)"] == pytest.approx(maanden.mean())
    assert "gemiddelde van de 12 maandcijfers" in captions(at)
    assert "2025" not in table_with(at, "In de grafiek").columns, "January 2025 alone is no yearly average"

    per_maand = SESSIE.run(TRENDS, widgets={"_w_trends_weergave": "Per maand"}, uitgeklapt=True, regio="AM01",
                           indicator="ww_personen")
    assert_ok(per_maand)
    grafiek = table_with(per_maand, "In de grafiek").set_index("Gebied")
    assert grafiek.loc[gebieden.loc["AM01", "naam"], "december 2024"] == 7_010
    assert grafiek.loc["Nederland", "december 2024"] == 165_990  # SOURCES.md 6.3


def test_a_chosen_gemeente_gets_its_own_line_and_rank_among_gemeenten(built_data):
    at = _page(regio="AM06", gemeente="GM0200")  # Apeldoorn
    raw = werkloosheid()
    stand = table_with(at, "Rang (1 = hoogste)").set_index("Gebied")
    assert stand.loc["Apeldoorn", "In de grafiek"] == "gekozen gemeente"
    assert stand.loc["Apeldoorn", "Werkloosheid 2024"] == raw.loc["Apeldoorn", "2024"]
    gemeenten = raw.loc[~raw.index.str.contains(r"\((?:AM|PV|CR|LD)\)$|Niet in te delen") & (raw.index != "Nederland"), "2024"].dropna()
    assert stand.loc["Apeldoorn", "Aantal gebieden met een cijfer"] == len(gemeenten) == 342
    assert stand.loc["Apeldoorn", "Rang (1 = hoogste)"] == (gemeenten > raw.loc["Apeldoorn", "2024"]).sum() + 1
    assert "In Apeldoorn" in markdown_text(at)
    # WW exists per region only: the page says so instead of drawing a gemeente line of zeros.
    ww = _page(regio="AM06", gemeente="GM0200", indicator="ww_personen")
    assert any("geen cijfers per gemeente" in info.value for info in ww.info)
    assert "Apeldoorn" not in table_with(ww, "In de grafiek")["Gebied"].tolist()


def test_without_a_region_nederland_and_an_unknown_indicator_falls_back(built_data):
    at = _page(indicator="bestaat_niet")
    assert at.selectbox(key="_w_indicator").value == "werkloosheid_pct"
    assert "indicator" not in at.query_params
    nl = werkloosheid().loc["Nederland"]
    assert (f"In Nederland daalde de werkloosheid van {dutch(nl['2019'], 1)}% in 2019 naar {dutch(nl['2024'], 1)}% in 2024."
            in markdown_text(at))
    assert table_with(at, "In de grafiek")["Gebied"].tolist() == ["Nederland"]
    assert any("Kies een arbeidsmarktregio" in info.value for info in at.info)


def test_an_indicator_with_one_year_says_there_is_no_change_yet(built_data):
    at = _page(regio="AM06", indicator="bijstandsuitkeringen")
    assert any("alleen 2024" in info.value for info in at.info)
    stand = table_with(at, "Rang (1 = hoogste)")
    assert stand["Verandering in 1 jaar (uitkeringen)"].isna().all(), "no change is shown as missing, not 0"


def test_the_estimate_is_labelled_as_an_estimate_with_its_margin(built_data, gebieden):
    at = _page(regio="AM06", indicator="laaggeletterd_16_65_pct")
    stand = table_with(at, "Rang (1 = hoogste)").set_index("Gebied")
    naam = gebieden.loc["AM06", "naam"]
    assert stand.loc[naam, "Ondergrens bandbreedte"] == round(float(gebieden.loc["AM06", "laaggeletterd_16_65_pct_laag"]), 1)
    assert stand.loc[naam, "Bovengrens bandbreedte"] == round(float(gebieden.loc["AM06", "laaggeletterd_16_65_pct_hoog"]), 1)
    assert stand.loc["Nederland", next(c for c in stand.columns if c.startswith("Laaggeletterd"))] == 15.9  # PIAAC 2023
    assert "Bron: schatting LLO Regiodashboard met PIAAC en CBS, 2023–2024. Schatting, geen telling" in captions(at)
    assert "Bron: CBS" not in captions(at)


def test_population_names_both_tables(built_data):
    at = _page(regio="AM36", indicator="inwoners")
    assert ("Bron: CBS, Bevolking; herkomstland, geboorteland, regio (85458NED) en Regionale kerncijfers Nederland "
            "(70072NED), 2022–2025.") in captions(at)
