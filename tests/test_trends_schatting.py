"""The low-literacy estimate in table `trends`: 2023 recomputed from the inputs of 2023 (same code path as the
dashboard's estimate), 2024 the dashboard's estimate, each with its margin. Inputs checked against the raw files."""

import pandas as pd
import pytest

from llo_dash.build.context import BuildContext
from llo_dash.build.indeling import indeling_from_frame
from llo_dash.build.trends_schatting import invoer_2023
from llo_dash.config import Settings
from tests.fixtures.mirror import mirror_file, mirror_path

ARBEID = "cbs/statline_regio/86088NED_arbeidsdeelname_regio2024_first10000rows_dertje.csv"
HERKOMST = "cbs/aanvulling/85458NED_bevolking_herkomstland_geboorteland_regio_2022-2024_first10000rows_dertje.csv"
KAART = "cbs/aanvulling/wijkbuurtkaart_2023_v1_gemeenten_attributen_elan.dbf"
INDICATOR = "laaggeletterd_16_65_pct"


@pytest.fixture(scope="module")
def schatting(built_data) -> pd.DataFrame:
    trends = pd.read_parquet(built_data / "cbs" / "trends.parquet")
    return trends[trends["indicator"] == INDICATOR]


@pytest.fixture(scope="module")
def invoer(gebieden, tmp_path_factory) -> pd.DataFrame:
    data_dir = tmp_path_factory.mktemp("invoer") / "data"
    ctx = BuildContext(Settings(mirror=mirror_path(), data_dir=data_dir, cache_dir=data_dir.parent / "cache"), offline=True)
    indeling = indeling_from_frame(ctx.read("gebieden_2025"), file=ctx.file_label("gebieden_2025"))
    return invoer_2023(ctx, indeling, gebieden.reset_index(drop=True)).set_index("code")


def test_every_area_has_the_estimate_for_2023_and_2024_with_its_margin(schatting):
    assert sorted(schatting["periode"].unique()) == ["2023", "2024"]
    counts = schatting.groupby(["periode", "niveau"]).size().unstack()
    assert (counts["gemeente"] == 342).all() and (counts["arbeidsmarktregio"] == 35).all() and (counts["nederland"] == 1).all()
    assert (schatting["ondergrens"] < schatting["waarde"]).all() and (schatting["waarde"] < schatting["bovengrens"]).all()
    assert (schatting["bron"] == "schatting").all() and schatting["toelichting"].str.contains("Schatting").all()


def test_nederland_is_the_piaac_2023_level_in_both_years(schatting):
    """Buisman e.a. 2024 (PIAAC 2023): 15,9% of the 16–65-year-olds is laaggeletterd; the model is calibrated on it."""
    nederland = schatting[schatting["code"] == "NL00"].set_index("periode")["waarde"]
    assert nederland.to_dict() == {"2023": 15.9, "2024": 15.9}


def test_2024_is_the_dashboards_estimate(schatting, gebieden):
    rows = schatting[schatting["periode"] == "2024"].set_index("code")
    for code in ("NL00", "AM06", "GM0363"):
        assert rows.loc[code, "waarde"] == round(float(gebieden.loc[code, INDICATOR]), 1)
        assert rows.loc[code, "ondergrens"] == round(float(gebieden.loc[code, f"{INDICATOR}_laag"]), 1)
        assert rows.loc[code, "bovengrens"] == round(float(gebieden.loc[code, f"{INDICATOR}_hoog"]), 1)


def test_2023_moves_a_region_only_through_its_composition(schatting):
    wide = schatting.pivot(index="code", columns="periode", values="waarde").astype(float)
    gemeenten = wide[wide.index.str.startswith("GM")]
    assert (gemeenten["2023"] != gemeenten["2024"]).sum() > 100  # other inputs, other values
    assert (gemeenten["2023"] - gemeenten["2024"]).abs().max() < 3  # composition changes slowly


def test_the_2023_inputs_come_from_the_2023_files(invoer):
    labour = pd.read_csv(mirror_file(ARBEID), sep=";", dtype=str, encoding="utf-8-sig").apply(lambda c: c.str.strip())
    labour = labour[(labour["Persoonskenmerken"] == "Totaal personen") & (labour["Perioden"] == "2023")].set_index("RegioS")
    assert invoer.loc["GM0200", "netto_arbeidsparticipatie_pct"] == float(labour.loc["Apeldoorn", "NettoArbeidsparticipatie_16"])
    herkomst = pd.read_csv(mirror_file(HERKOMST), sep=";", dtype=str, encoding="utf-8-sig").apply(lambda c: c.str.strip())
    eerste = herkomst[(herkomst["Geslacht"] == "Totaal mannen en vrouwen") & (herkomst["Leeftijd"] == "Totaal")
                      & (herkomst["Herkomstland"] == "Totaal") & (herkomst["Geboorteland"] == "Persoon geboren buiten Nederland")
                      & (herkomst["Perioden"] == "2023")].set_index("RegioS")["Bevolking_1"].astype(float)
    split = invoer.loc["GM0200", ["eerste_generatie_europa", "eerste_generatie_buiten_europa"]].astype(float).sum()
    assert split == eerste["Apeldoorn"]
    import geopandas

    kaart = geopandas.read_file(mirror_file(KAART)).set_index("GM_CODE")
    assert invoer.loc["GM0200", "inwoners"] == kaart.loc["GM0200", "AANT_INW"]
    bands = sum(round(kaart.loc["GM0200", "AANT_INW"] * kaart.loc["GM0200", field] / 100)
                for field in ("P_15_24_JR", "P_25_44_JR", "P_45_64_JR"))
    assert invoer.loc["GM0200", "inwoners_15_65"] == bands
    assert invoer.loc["GM0200", "inwoners_65_75"] == invoer.loc["GM0200", "inwoners_15_75"] - bands
