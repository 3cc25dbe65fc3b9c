"""The pages Doelgroep and Vindplaatsen headless (AppTest): every region, a gemeente link, Nederland, bad links.

The pages are run directly (they call `ui.page_setup` themselves), which skips the router and
keeps 70 region runs fast; `tests/test_app.py` runs them through the router as well. Expected
values are computed here from the parquet file with plain Python, never with the app's code.
Interactive tables hold numbers (`at.dataframe[i].value`; the Dutch display is tested on the views);
static tables hold text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from llo_dash.config import PROJECT_ROOT
from llo_dash.views import buren
from tests.apptest import REGIO_CODES, TIMEOUT, Sessie, captions, dutch, markdown_text, metrics, run_page, table_with
from tests.apptest import assert_ok as _assert_ok

DOELGROEP = str(PROJECT_ROOT / "pages" / "doelgroep.py")
VINDPLAATSEN = str(PROJECT_ROOT / "pages" / "vindplaatsen.py")
# The page's own widgets and their defaults: set back before each region of the loop.
WIDGETS = {
    DOELGROEP: {"_w_indicator": "laaggeletterd_16_65_pct"},
    VINDPLAATSEN: {"_w_niveau": "gemeente", "_w_indicator": "laaggeletterd_16_65_pct"},
}
NT_WERKEND, NT_INACTIEF = "Werkend (schatting)", "Niet-werkend en niet-zoekend (schatting)"


def assert_ok(at: AppTest, warnings: bool = False) -> None:
    """These pages show no warning unless a test expects one."""
    _assert_ok(at, warnings_allowed=warnings)


@pytest.fixture(scope="module")
def sessie() -> Sessie:
    """One session per page for the 35 regions: 70 new sessions would cost about a second each."""
    return Sessie()


def run_region(sessie: Sessie, page: str, code: str) -> AppTest:
    return sessie.run(page, widgets=WIDGETS[page], regio=code)


def size_sentence(row: pd.Series) -> str:
    return (f"In {row['naam']} zijn naar schatting {dutch(row['laaggeletterd_16_65'])} mensen van 16 tot 65 jaar "
            f"laaggeletterd ({dutch(row['laaggeletterd_16_65_pct'], 1)}%; marge "
            f"{dutch(row['laaggeletterd_16_65_pct_laag'], 1)}–{dutch(row['laaggeletterd_16_65_pct_hoog'], 1)}%)")


def gemeenten_van(gebieden: pd.DataFrame, regio: str) -> pd.DataFrame:
    return gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == regio)]


def partners_van(at: AppTest) -> pd.DataFrame:
    """The partners table (numbers), indexed by partner."""
    return table_with(at, "Basis van het aantal").set_index("Partner")


def getal(value) -> float:
    """A cell as a float (NaN when missing), to compare with the parquet file."""
    return np.nan if pd.isna(value) else float(value)


# --- every region ----------------------------------------------------------------


@pytest.mark.parametrize("code", REGIO_CODES)
def test_doelgroep_for_every_region(built_data, gebieden, sessie, code):
    at = run_region(sessie, DOELGROEP, code)
    assert_ok(at)
    row = gebieden.loc[code]
    assert at.query_params["regio"] == code
    assert size_sentence(row) in markdown_text(at)
    shown = metrics(at)
    assert shown["Laaggeletterd 16–65 jaar, aantal"] == dutch(row["laaggeletterd_16_65"])
    assert shown["Laag opgeleid (15–75 jaar), %"] == dutch(row["laag_opgeleid_pct"], 1) + "%"
    # the NT1/NT2 × work table: the total cell
    nt = table_with(at, NT_INACTIEF).set_index("Groep")  # every header of this estimate says "(schatting)"
    assert nt.at["Totaal", NT_WERKEND] == row["laaggeletterd_werkend"]
    assert nt.at["NT2 (eerste generatie)", NT_INACTIEF] == row["laaggeletterd_nt2_inactief"]
    # the table per gemeente has exactly the region's gemeenten, with the estimate
    per_gemeente = table_with(at, "Laaggeletterd 16–65 jaar, ondergrens, % (schatting)").set_index("Code")
    verwacht = gemeenten_van(gebieden, code)
    assert sorted(per_gemeente.index) == sorted(verwacht.index)
    eerste = verwacht.index[0]
    assert per_gemeente.at[eerste, "Laaggeletterd 16–65 jaar, % (schatting)"] == pytest.approx(verwacht.at[eerste, "laaggeletterd_16_65_pct"])
    assert len(at.download_button) == 12  # six tables, CSV and Excel each
    # the key figures next to the neighbours (a shared border) and Nederland
    naast = buren.buren(built_data)[code]
    assert at.multiselect(key=f"doelgroep_kern_vergelijk_{code}").value == [code, *naast[:4], "NL00"]
    # benefit recipients as their own group, and ages as rates
    uitk = table_with(at, "Ontvangers (telling)").set_index("Uitkering")
    assert uitk.at["Bijstand", "Ontvangers (telling)"] == row["bijstandsuitkeringen"]
    leeftijden = table_with(at, "Aandeel van de leeftijdsgroep (%, schatting)").set_index("Leeftijd")
    assert leeftijden.iloc[0]["Aandeel van de leeftijdsgroep (%, schatting)"] == pytest.approx(
        100 * row["laaggeletterd_16_25"] / row["inwoners_15_25"])


@pytest.mark.parametrize("code", REGIO_CODES)
def test_vindplaatsen_for_every_region(built_data, gebieden, sessie, code):
    at = run_region(sessie, VINDPLAATSEN, code)
    assert_ok(at)
    row = gebieden.loc[code]
    assert at.query_params["regio"] == code
    assert at.radio(key="_w_niveau").value == "gemeente"
    # gemeenten, most low-literates first
    tabel = table_with(at, "Laaggeletterd 16–65 jaar, aantal (schatting)")
    verwacht = gemeenten_van(gebieden, code).sort_values("laaggeletterd_16_65", ascending=False)
    assert list(tabel["Code"]) == list(verwacht.index)
    assert list(tabel["Laaggeletterd 16–65 jaar, aantal (schatting)"]) == list(verwacht["laaggeletterd_16_65"])
    # partners: the number each reaches, read from the right figure
    partners = partners_van(at)
    assert partners.at["Werkgevers", "Aantal"] == row["laaggeletterd_werkend"]
    assert partners.at["Gemeente, Werk en Inkomen", "Aantal"] == row["bijstandsuitkeringen"]
    assert partners.at["UWV", "Contactgroep"] == "Personen met WW"
    assert partners.at["UWV", "Aantal contactgroep"] == pytest.approx(getal(row["ww_personen"]), nan_ok=True)
    assert partners.at["Regionaal Werkcentrum", "Aantal"] == row["laaggeletterd_werkend"] + row["laaggeletterd_werkzoekend"]
    assert (partners["Basis van het aantal"].str.len() > 20).all()
    # where: NT1 as well as NT2; the ranking by share, its caveat before it, only areas above the minimum
    tekst = markdown_text(at)
    assert "van de NT1-laaggeletterden" in tekst and "van de NT2-laaggeletterden" in tekst
    assert tekst.index("Lees de rangorde met dit voorbehoud") < tekst.index("Het hoogste geschatte aandeel")
    rang = table_with(at, "Let op (zwakke schatting)")
    assert (rang["Inwoners 15–65"] >= 1000).all()
    assert list(rang["Laaggeletterden per 100 inwoners 15–65 (schatting)"]) == sorted(
        rang["Laaggeletterden per 100 inwoners 15–65 (schatting)"], reverse=True)
    professionals = table_with(at, "Waarom deze professionals?").set_index("Professionals")
    assert "VNO-NCW" in professionals.at["Netwerkers", "Wie zijn deze professionals?"]


# --- a gemeente link, Nederland, wijken --------------------------------------------------


def test_gemeente_link_doelgroep(built_data, gebieden):
    at = run_page(DOELGROEP, gemeente="GM0363")
    assert_ok(at)
    assert at.query_params["gemeente"] == "GM0363" and at.query_params["regio"] == "AM18"
    assert size_sentence(gebieden.loc["GM0363"]) in markdown_text(at)
    kern = table_with(at, "Gemeente Amsterdam").set_index(["Indicator", "Eenheid"])
    aantal = ("Laaggeletterd 16–65 jaar", "personen")
    assert kern.at[aantal, "Arbeidsmarktregio Groot Amsterdam"] == gebieden.at["AM18", "laaggeletterd_16_65"]
    assert kern.at[aantal, "Nederland"] == gebieden.at["NL00", "laaggeletterd_16_65"]
    assert kern.at[("Laaggeletterd 16–65 jaar", "%"), "Gemeente Amsterdam, ondergrens"] == pytest.approx(
        gebieden.at["GM0363", "laaggeletterd_16_65_pct_laag"])
    assert kern.at[("Personen met WW", "personen"), "Gemeente Amsterdam"] == gebieden.at["GM0363", "ww_personen"]


def test_gemeente_link_vindplaatsen_shows_its_wijken(built_data, gebieden):
    at = run_page(VINDPLAATSEN, gemeente="GM0363")
    assert_ok(at)
    assert at.radio(key="_w_niveau").value == "wijk"
    assert "niveau" not in at.query_params  # the default for a gemeente is left out of the link
    tabel = table_with(at, "Laaggeletterd 16–65 jaar, aantal (schatting, per wijk grover)")
    wijken = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["gemeente_code"] == "GM0363")]
    assert sorted(tabel["Code"]) == sorted(wijken.index)
    assert partners_van(at).at["Inburgering", "Aantal"] == gebieden.at["GM0363", "laaggeletterd_nt2"]
    assert "Wijkgrenzen 2024" in captions(at)
    # the wijk estimate's weak point is said next to the sentences that name wijken
    assert "hoogopgeleide internationale werknemers en studenten" in captions(at)
    assert "hoogopgeleide" not in captions(run_page(VINDPLAATSEN, gemeente="GM0363", niveau="gemeente"))


def test_region_wijken_with_missing_data_explained(built_data, gebieden):
    at = run_page(VINDPLAATSEN, regio="AM12", niveau="wijk")
    assert_ok(at)
    assert at.query_params["niveau"] == "wijk"
    wijken = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    tabel = table_with(at, "Eerste generatie, %")
    assert len(tabel) == len(wijken)
    ontbreekt = int(wijken["eerste_generatie_pct"].isna().sum())
    assert ontbreekt and tabel["Eerste generatie, %"].isna().sum() == ontbreekt
    assert f"Eerste generatie: geen gegevens voor {ontbreekt} van de {len(wijken)} wijken" in captions(at)
    assert (tabel["Eerste generatie, %"] == 0).sum() == (wijken["eerste_generatie_pct"] == 0).sum()  # missing is never 0
    assert "Huishoudens met een relatief laag inkomen: per wijk niet in dit dashboard" in captions(at)
    # werkgevers by sector: no total for the region (one gemeente lacks it), so per gemeente that has it; the
    # table is made only when its expander is opened (issue 14)
    assert "Werkgevers naar sector" in [e.label for e in at.expander]
    assert not any("Sectorgroep (KWB)" in frame.value.columns for frame in [*at.dataframe, *at.table])
    at.session_state["uitklap_werkgevers"] = True
    at.run()
    assert_ok(at)
    gemeenten = gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    met = gemeenten[gemeenten["vestigingen_a_landbouw"].notna()]
    assert pd.isna(gebieden.at["AM12", "vestigingen_a_landbouw"]) and 0 < len(met) < len(gemeenten)
    sectoren = table_with(at, "Sectorgroep (KWB)")
    assert set(sectoren["Gemeente"]) == set(met["naam"])
    landbouw = sectoren[sectoren["Sectorgroep (KWB)"] == "A Landbouw, bosbouw en visserij"].set_index("Gemeente")["Vestigingen"]
    for _, gemeente in met.iterrows():
        assert landbouw[gemeente["naam"]] == gemeente["vestigingen_a_landbouw"]


def test_nederland_without_a_choice(built_data, gebieden):
    nl = gebieden.loc["NL00"]
    at = run_page(DOELGROEP)
    assert_ok(at)
    assert size_sentence(nl) in markdown_text(at)
    assert metrics(at)["Laaggeletterd 16–65 jaar, aantal"] == dutch(nl["laaggeletterd_16_65"])
    assert len(table_with(at, "Laaggeletterd 16–65 jaar, ondergrens, % (schatting)")) == 342

    at = run_page(VINDPLAATSEN, niveau="wijk")  # no wijken for all of Nederland: the gemeenten, with a note
    assert_ok(at)
    assert any("Kies links een arbeidsmarktregio of gemeente" in info.value for info in at.info)
    assert len(table_with(at, "Laaggeletterd 16–65 jaar, aantal (schatting)")) == 342
    assert partners_van(at).at["Taalhuis / bibliotheek", "Aantal"] == nl["laaggeletterd_16_75"]


@pytest.mark.parametrize("page, param, value", [(DOELGROEP, "regio", "XX99"), (VINDPLAATSEN, "gemeente", "GM9999")],
                         ids=["doelgroep-regio", "vindplaatsen-gemeente"])
def test_bad_codes_give_a_dutch_warning(built_data, gebieden, page, param, value):
    at = run_page(page, **{param: value})
    assert_ok(at, warnings=True)
    (warning,) = at.warning
    assert value in warning.value and "bestaat niet" in warning.value and "heel Nederland" in warning.value
    assert param not in at.query_params
    nl = gebieden.loc["NL00"]
    if page == DOELGROEP:
        assert size_sentence(nl) in markdown_text(at)
    else:
        assert partners_van(at).at["Werkgevers", "Aantal"] == nl["laaggeletterd_werkend"]


def test_indicator_choice_goes_into_the_link(built_data, gebieden):
    at = run_page(DOELGROEP, regio="AM05")
    at.selectbox(key="_w_indicator").set_value("laag_opgeleid_pct").run()
    assert_ok(at)
    assert at.query_params["indicator"] == "laag_opgeleid_pct"
    at = run_page(VINDPLAATSEN, regio="AM05", niveau="wijk", indicator="bijstandsuitkeringen")  # gemeente-only option
    assert_ok(at)
    assert at.selectbox(key="_w_indicator").value == "laaggeletterd_16_65_pct"
    assert "indicator" not in at.query_params


def test_pages_run_through_the_router(built_data, gebieden):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["regio"] = "AM12"
    at.run()
    at.switch_page("pages/vindplaatsen.py").run()
    assert_ok(at)
    assert partners_van(at).at["Wijkteams", "Aantal"] == gebieden.at["AM12", "laaggeletterd_inactief"]
