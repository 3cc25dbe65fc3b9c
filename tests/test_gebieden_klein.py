"""The hand-written `gebieden_klein` table (tests/fixtures/gebieden_klein.py) with the pure query functions.

Every expected value is worked out by hand from the fixture's round numbers (see the module's
docstring), never copied from the code's output. The last test holds the fixture to the real built
table, so it cannot drift from it.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from llo_dash.views import queries

LAAGGELETTERD_PCT, LAAGGELETTERD, LAAG_OPGELEID_PCT = "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laag_opgeleid_pct"


def codes(df: pd.DataFrame, masker) -> list[str]:
    return list(df.loc[np.asarray(masker, dtype=bool), "code"])


# --- the fixture itself --------------------------------------------------------------------


def test_fixture_is_internally_consistent(gebieden_klein):
    """Regions are the sums of their gemeenten (none when one is missing); percentages are count / population."""
    df = gebieden_klein.set_index("code", drop=False)
    tellingen = ["inwoners", "inwoners_15_65", "inwoners_15_75", "eerste_generatie", "laag_opgeleid",
                 "werkzame_beroepsbevolking", "werkloze_beroepsbevolking", "bijstandsuitkeringen", LAAGGELETTERD,
                 "laaggeletterd_16_65_laag", "laaggeletterd_16_65_hoog", "laaggeletterd_nt1", "laaggeletterd_nt2"]
    for regio in ("AM01", "AM02"):
        gemeenten = df[(df["niveau"] == "gemeente") & (df["arbeidsmarktregio_code"] == regio)]
        for kolom in tellingen:
            som = gemeenten[kolom].sum(skipna=False)
            assert (pd.isna(df.at[regio, kolom]) and pd.isna(som)) or df.at[regio, kolom] == som, (regio, kolom)

    deel = {
        LAAGGELETTERD_PCT: (LAAGGELETTERD, "inwoners_15_65"),
        "laaggeletterd_16_65_pct_laag": ("laaggeletterd_16_65_laag", "inwoners_15_65"),
        "laaggeletterd_16_65_pct_hoog": ("laaggeletterd_16_65_hoog", "inwoners_15_65"),
        LAAG_OPGELEID_PCT: ("laag_opgeleid", "inwoners_15_75"),
        "eerste_generatie_pct": ("eerste_generatie", "inwoners"),
        "netto_arbeidsparticipatie_pct": ("werkzame_beroepsbevolking", "inwoners_15_75"),
    }
    for rij in df.itertuples():
        for pct, (teller, noemer) in deel.items():
            verwacht = getattr(rij, teller) / getattr(rij, noemer) * 100 if not pd.isna(getattr(rij, teller)) else None
            gevonden = getattr(rij, pct)
            assert (verwacht is None and pd.isna(gevonden)) or gevonden == pytest.approx(verwacht), (rij.code, pct)
        if not pd.isna(rij.werkloze_beroepsbevolking):
            beroepsbevolking = rij.werkzame_beroepsbevolking + rij.werkloze_beroepsbevolking
            assert rij.werkloosheid_pct == pytest.approx(100 * rij.werkloze_beroepsbevolking / beroepsbevolking), rij.code
        assert rij.laaggeletterd_nt1 + rij.laaggeletterd_nt2 == rij.laaggeletterd_16_65, rij.code
    assert pd.isna(df.at["GM0002", "laag_opgeleid"]), "one value is missing, as CBS suppresses it"


# --- names and selections -------------------------------------------------------------------


def test_naam_and_gebied_titel(gebieden_klein):
    assert queries.naam(gebieden_klein, "AM01") == "Noordregio"
    assert queries.naam(gebieden_klein, "WK000102") == "Oost"
    assert queries.naam(gebieden_klein, None) == "Nederland"
    assert queries.naam(gebieden_klein, "AM99") == "AM99"  # unknown: the code itself
    assert queries.gebied_titel(gebieden_klein, "GM0003") == "Gemeente Ceeveen"
    assert queries.gebied_titel(gebieden_klein, "AM02") == "Arbeidsmarktregio Zuidregio"
    assert queries.gebied_titel(gebieden_klein, "NL00") == "Nederland"


def test_selectie(gebieden_klein):
    df = gebieden_klein
    assert codes(df, queries.selectie(df, "arbeidsmarktregio")) == ["AM01", "AM02"]
    assert codes(df, queries.selectie(df, "arbeidsmarktregio", regio="AM02")) == ["AM01", "AM02"]  # always all
    assert codes(df, queries.selectie(df, "gemeente")) == ["GM0001", "GM0002", "GM0003"]
    assert codes(df, queries.selectie(df, "gemeente", regio="AM01")) == ["GM0001", "GM0002"]
    assert codes(df, queries.selectie(df, "gemeente", regio="AM02")) == ["GM0003"]
    assert codes(df, queries.selectie(df, "wijk", regio="AM01")) == ["WK000101", "WK000102"]
    assert codes(df, queries.selectie(df, "wijk", gemeente="GM0001")) == ["WK000101", "WK000102"]
    assert codes(df, queries.selectie(df, "wijk", regio="AM01", gemeente="GM0002")) == []  # the gemeente wins
    assert codes(df, queries.selectie(df, "wijk", regio="AM02")) == []
    with pytest.raises(ValueError, match='Kies een arbeidsmarktregio of gemeente'):
        queries.selectie(df, "wijk")  # all wijken of Nederland: no selection
    with pytest.raises(ValueError, match="Onbekend niveau 'provincie'"):
        queries.selectie(df, "provincie")


# --- key figures ----------------------------------------------------------------------------


def test_kerncijfers_of_a_gemeente_next_to_nederland(gebieden_klein):
    tabel = queries.kerncijfers(gebieden_klein, "GM0002", [LAAGGELETTERD_PCT, LAAGGELETTERD, LAAG_OPGELEID_PCT])
    assert list(tabel["kolom"]) == [LAAGGELETTERD_PCT, LAAGGELETTERD, LAAG_OPGELEID_PCT]
    pct, aantal, opgeleid = (tabel.iloc[i] for i in range(3))

    # 4.600 of 25.000 = 18,4%, bounds 4.100 and 5.100 = 16,4% and 20,4%; Nederland 16,0%: +2,4 points.
    assert (pct["gebied"], pct["ondergrens"], pct["bovengrens"], pct["nederland"]) == pytest.approx((18.4, 16.4, 20.4, 16.0))
    assert pct["verschil"] == pytest.approx(2.4)
    assert math.isnan(pct["aandeel_nederland"])  # a share of Nederland only for counts
    assert pct["marge"] == "marge 16,4–20,4%"

    # 4.600 of Nederland's 1.840.000 = 0,25%; no difference for a count.
    assert (aantal["gebied"], aantal["ondergrens"], aantal["bovengrens"], aantal["nederland"]) == (4600, 4100, 5100, 1_840_000)
    assert aantal["aandeel_nederland"] == pytest.approx(0.25)
    assert math.isnan(aantal["verschil"])
    assert aantal["marge"] == "marge 4.100–5.100"

    # Suppressed by CBS: missing stays missing (no difference of -26 points), no margin.
    assert math.isnan(opgeleid["gebied"]) and math.isnan(opgeleid["verschil"])
    assert opgeleid["nederland"] == pytest.approx(26.0)
    assert opgeleid["marge"] == ""


def test_metrics_in_dutch_with_geen_gegevens(gebieden_klein):
    zuid = {m["kolom"]: m for m in queries.metrics(gebieden_klein, "AM02", [LAAGGELETTERD_PCT, LAAGGELETTERD], kort=True)}
    # 12,0% against 16,0%: 4,0 points lower; 4.800 of 1.840.000 = 0,26% of Nederland.
    assert zuid[LAAGGELETTERD_PCT]["waarde"] == "12,0%"
    assert zuid[LAAGGELETTERD_PCT]["delta"] == "-4,0 procentpunt t.o.v. Nederland"
    assert zuid[LAAGGELETTERD_PCT]["onder"] == "Schatting, marge 10,0–14,0%"
    assert zuid[LAAGGELETTERD]["waarde"] == "4.800"
    assert zuid[LAAGGELETTERD]["delta"] == "0,3% van Nederland"
    assert zuid[LAAGGELETTERD]["onder"] == "Schatting, marge 4.000–5.600"

    # Noordregio has no sum of laag opgeleid (Beedorp is missing): "geen gegevens", no difference.
    (noord,) = queries.metrics(gebieden_klein, "AM01", [LAAG_OPGELEID_PCT])
    assert noord["waarde"] == "geen gegevens"
    assert noord["delta"] is None

    (nederland,) = queries.metrics(gebieden_klein, "NL00", [LAAG_OPGELEID_PCT])
    assert nederland["waarde"] == "26,0%" and nederland["delta"] is None  # no comparison with itself


def test_samenvatting(gebieden_klein):
    assert (queries.samenvatting(gebieden_klein, LAAGGELETTERD_PCT, ["AM02", "NL00"])
            == "Zuidregio: 12,0% (marge 10,0–14,0%) · Nederland: 16,0% (marge 15,0–17,0%)")
    assert (queries.samenvatting(gebieden_klein, LAAG_OPGELEID_PCT, ["GM0002", "AM02", "NL00"])
            == "Beedorp: geen gegevens · Zuidregio: 25,0% · Nederland: 26,0%")


# --- map values -----------------------------------------------------------------------------


def test_kaartwaarden_gemeenten_of_a_region(gebieden_klein):
    waarden = queries.kaartwaarden(gebieden_klein, "gemeente", LAAGGELETTERD_PCT, regio="AM01")
    assert list(waarden["code"]) == ["GM0001", "GM0002"]
    assert list(waarden["naam"]) == ["Aastad", "Beedorp"]
    assert list(waarden["waarde"]) == pytest.approx([15.0, 18.4])
    assert list(waarden["ondergrens"]) == pytest.approx([13.0, 16.4])
    assert list(waarden["bovengrens"]) == pytest.approx([17.0, 20.4])
    assert list(waarden["arbeidsmarktregio_naam"]) == ["Noordregio", "Noordregio"]
    assert waarden["waarde"].dtype == "float64"  # plain floats for plotly


def test_kaartwaarden_missing_stays_missing(gebieden_klein):
    waarden = queries.kaartwaarden(gebieden_klein, "gemeente", LAAG_OPGELEID_PCT)
    assert list(waarden["naam"]) == ["Aastad", "Beedorp", "Ceeveen"]
    assert waarden["waarde"].iloc[0] == pytest.approx(30.0) and waarden["waarde"].iloc[2] == pytest.approx(25.0)
    assert math.isnan(waarden["waarde"].iloc[1])  # grey on the map, never 0
    assert "ondergrens" not in waarden  # not an estimate: no interval


def test_kaartwaarden_wijken_carry_their_gemeente(gebieden_klein):
    waarden = queries.kaartwaarden(gebieden_klein, "wijk", LAAGGELETTERD, gemeente="GM0001")
    assert list(waarden["naam"]) == ["Centrum (Aastad)", "Oost (Aastad)"]
    assert list(waarden["waarde"]) == [4000.0, 1200.0]
    assert list(waarden["ondergrens"]) == [3600.0, 1080.0]
    assert list(waarden["bovengrens"]) == [4400.0, 1320.0]


def test_kaarttabel_shows_the_map_values_the_dutch_way(gebieden_klein):
    """The table alternative of the map: the values as numbers (they sort as numbers), shown like the indicator,
    the interval next to it, downloaded with the screen's decimals."""
    tabel = queries.kaarttabel(queries.kaartwaarden(gebieden_klein, "gemeente", LAAGGELETTERD_PCT), LAAGGELETTERD_PCT)
    assert tabel.labels == ["Code", "Naam", "Laaggeletterd 16–65 jaar, % (schatting)", "Ondergrens", "Bovengrens",
                            "Arbeidsmarktregio"]
    assert tabel.als_tekst().values.tolist() == [
        ["GM0001", "Aastad", "15,0%", "13,0%", "17,0%", "Noordregio"],
        ["GM0002", "Beedorp", "18,4%", "16,4%", "20,4%", "Noordregio"],
        ["GM0003", "Ceeveen", "12,0%", "10,0%", "14,0%", "Zuidregio"],
    ]
    assert list(tabel.scherm().data.sort_values("Bovengrens")["Naam"]) == ["Ceeveen", "Aastad", "Beedorp"]
    aantallen = queries.kaarttabel(queries.kaartwaarden(gebieden_klein, "gemeente", "laag_opgeleid"), "laag_opgeleid")
    assert aantallen.als_tekst()["Laag opgeleid (15–75 jaar), aantal"].tolist() == ["24.000", "geen gegevens", "12.000"]
    assert math.isnan(aantallen.download()["Laag opgeleid (15–75 jaar), aantal"].iloc[1])  # empty in a CSV, never 0


# --- the fixture cannot drift from the real table ----------------------------------------------


@pytest.mark.integration
def test_fixture_columns_and_dtypes_are_those_of_the_built_table(gebieden_klein, gebieden):
    """Every column of the fixture exists in the built table, with the same dtype and in the same order, and
    each level fills the same code and name columns as the real rows of that level."""
    ontbreekt = [kolom for kolom in gebieden_klein.columns if kolom not in gebieden.columns]
    assert not ontbreekt, f"kolommen die de gebouwde tabel niet heeft: {ontbreekt}"
    anders = {kolom: (str(gebieden_klein[kolom].dtype), str(gebieden[kolom].dtype))
              for kolom in gebieden_klein.columns if gebieden_klein[kolom].dtype != gebieden[kolom].dtype}
    assert not anders, f"dtype (fixture, gebouwd) verschilt: {anders}"
    assert [kolom for kolom in gebieden.columns if kolom in gebieden_klein.columns] == list(gebieden_klein.columns)

    assert set(gebieden_klein["niveau"]) <= set(gebieden["niveau"])
    identiteit = ["gemeente_code", "gemeente_naam", "wijk_code", "arbeidsmarktregio_code", "arbeidsmarktregio_naam"]
    for niveau in dict.fromkeys(gebieden_klein["niveau"]):
        echt = gebieden.loc[gebieden["niveau"] == niveau, identiteit].notna().all().to_dict()
        klein = gebieden_klein.loc[gebieden_klein["niveau"] == niveau, identiteit].notna().all().to_dict()
        assert klein == echt, niveau
