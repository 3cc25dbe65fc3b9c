"""llo_dash.views.doelgroep: the tables, sentences and figures of the page Doelgroep.

On the built data: values must equal the parquet file, breakdowns must add up, every region works.
Expected Dutch numbers are written here with plain Python, not with the app's own formatting code.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from llo_dash import indicators
from llo_dash.formatting import GEEN_GEGEVENS
from llo_dash.views import doelgroep, queries
from tests.apptest import REGIO_CODES, dutch


@pytest.fixture(scope="module")
def df(gebieden) -> pd.DataFrame:
    """The built table as the app reads it: a plain index (the conftest fixture `gebieden` is indexed by code)."""
    return gebieden.reset_index(drop=True)


def _num(value) -> float:
    return float("nan") if pd.isna(value) else float(value)


def _regel(frame: pd.DataFrame, indicator: str, eenheid: str) -> pd.Series:
    """The row of the key-figure table with this indicator label and unit (a count and its % share the label)."""
    (positie,) = np.flatnonzero((frame["Indicator"] == indicator) & (frame["Eenheid"] == eenheid))
    return frame.iloc[positie]


# --- key figures ---------------------------------------------------------------


@pytest.mark.parametrize("codes", [["AM12", "NL00"], ["GM0363", "AM18", "NL00"], ["NL00"], ["GM0088", "AM02", "NL00"]])
def test_key_figures_equal_the_gebieden(df, gebieden, codes):
    tabel = doelgroep.kerncijfers_tabel(df, codes)
    assert list(tabel.frame["kolom"]) == list(doelgroep.KERN_KOLOMMEN) == doelgroep.kern_kolommen(df)
    waarden = tabel.waarden().assign(kolom=tabel.frame["kolom"].to_numpy())
    for code in codes:
        titel = queries.gebied_titel(df, code)
        assert waarden[titel].dtype == "float64"  # numbers, so the screen sorts them as numbers
        for _, row in waarden.iterrows():
            kolom = row["kolom"]
            expected = _num(gebieden.at[code, kolom])
            assert (np.isnan(expected) and np.isnan(row[titel])) or row[titel] == pytest.approx(expected), (code, kolom)
            if indicators.get(kolom).schatting:
                assert row[f"{titel}, ondergrens"] == pytest.approx(_num(gebieden.at[code, f"{kolom}_laag"]))
                assert row[f"{titel}, bovengrens"] == pytest.approx(_num(gebieden.at[code, f"{kolom}_hoog"]))
                assert row[f"{titel}, ondergrens"] <= row[titel] <= row[f"{titel}, bovengrens"]
            else:
                assert np.isnan(row[f"{titel}, ondergrens"])
    if codes[0] != "NL00":
        pct = waarden.set_index("kolom").loc["laaggeletterd_16_65_pct"]
        assert pct["Verschil met Nederland (procentpunt)"] == pytest.approx(
            gebieden.at[codes[0], "laaggeletterd_16_65_pct"] - gebieden.at["NL00", "laaggeletterd_16_65_pct"])
        count = waarden.set_index("kolom").loc["laaggeletterd_16_65"]
        assert count["Aandeel van Nederland (%)"] == pytest.approx(
            100 * gebieden.at[codes[0], "laaggeletterd_16_65"] / gebieden.at["NL00", "laaggeletterd_16_65"])
        assert queries.gebied_titel(df, codes[0]) in waarden
    else:
        assert "Verschil met Nederland (procentpunt)" not in waarden


def test_key_figures_download_has_the_screens_precision(df, gebieden):
    download = doelgroep.kerncijfers_tabel(df, ["AM12", "NL00"]).download()
    assert "kolom" not in download.columns and list(download.columns[:3]) == ["Indicator", "Eenheid", "Schatting"]
    assert download.columns[-1] == "Bron"
    titel = "Arbeidsmarktregio Gooi en Vechtstreek"
    aantal, pct = _regel(download, "Laaggeletterd 16–65 jaar", "personen"), _regel(download, "Laaggeletterd 16–65 jaar", "%")
    # the same numbers as on screen: a whole count, a percentage with one decimal (half up, as shown)
    assert aantal[titel] == round(gebieden.at["AM12", "laaggeletterd_16_65"])
    assert f"{pct[titel]:.1f}".replace(".", ",") == dutch(gebieden.at["AM12", "laaggeletterd_16_65_pct"], 1)
    assert f"{pct[titel + ', ondergrens']:.1f}".replace(".", ",") == dutch(gebieden.at["AM12", "laaggeletterd_16_65_pct_laag"], 1)
    assert aantal["Aandeel van Nederland (%)"] == float(
        dutch(100 * gebieden.at["AM12", "laaggeletterd_16_65"] / gebieden.at["NL00", "laaggeletterd_16_65"], 2).replace(",", "."))


def test_key_figures_on_screen_are_dutch_per_row(df, gebieden):
    codes = ["GM0088", "AM02", "NL00"]  # Schiermonnikoog: education suppressed by CBS, no WW in the mirror
    tabel = doelgroep.kerncijfers_tabel(df, codes)
    shown = tabel.als_tekst()
    gm = gebieden.loc["GM0088"]
    regel = _regel(shown, "Laaggeletterd 16–65 jaar", "%")
    assert regel["Gemeente Schiermonnikoog"] == dutch(gm["laaggeletterd_16_65_pct"], 1) + "%"
    assert regel["Gemeente Schiermonnikoog, ondergrens"] == dutch(gm["laaggeletterd_16_65_pct_laag"], 1) + "%"
    assert regel["Gemeente Schiermonnikoog, bovengrens"] == dutch(gm["laaggeletterd_16_65_pct_hoog"], 1) + "%"
    assert regel["Schatting"] == "ja"
    aantal = _regel(shown, "Laaggeletterd 16–65 jaar", "personen")
    assert aantal["Gemeente Schiermonnikoog"] == dutch(gm["laaggeletterd_16_65"])  # a count: whole, no "%"
    assert aantal["Aandeel van Nederland (%)"] == dutch(
        100 * gm["laaggeletterd_16_65"] / gebieden.at["NL00", "laaggeletterd_16_65"], 2) + "%"
    # missing stays "geen gegevens", never 0
    assert _regel(shown, "Laag opgeleid (15–75 jaar)", "%")["Gemeente Schiermonnikoog"] == GEEN_GEGEVENS
    ww = _regel(shown, "Personen met WW", "personen")
    assert ww["Gemeente Schiermonnikoog"] == GEEN_GEGEVENS and ww["Aandeel van Nederland (%)"] == GEEN_GEGEVENS
    bijstand = _regel(shown, "Bijstandsuitkeringen", "uitkeringen")
    assert bijstand["Schatting"] == "nee" and bijstand["Nederland"] == dutch(gebieden.at["NL00", "bijstandsuitkeringen"])
    werkloosheid = _regel(shown, "Werkloosheid", "%")["Verschil met Nederland (procentpunt)"]
    assert re.fullmatch(r"[+-]?\d+,\d procentpunt", werkloosheid), werkloosheid  # signed, one decimal
    assert all(bron.startswith("Bron:") for bron in shown["Bron"])
    # the screen shows the same numbers: a Styler over the values, so a click on a header sorts numbers
    assert tabel.scherm().data["Gemeente Schiermonnikoog"].dtype == "float64"


# --- sentences -------------------------------------------------------------------


@pytest.mark.parametrize("code", ["AM12", "AM18", "GM0363", "NL00"])
def test_sentences_contain_the_dutch_figures(df, gebieden, code):
    row, nl = gebieden.loc[code], gebieden.loc["NL00"]
    tekst = " ".join(antwoord for _, antwoord in doelgroep.doelgroep_zinnen(df, code))
    marge = f"marge {dutch(row['laaggeletterd_16_65_pct_laag'], 1)}–{dutch(row['laaggeletterd_16_65_pct_hoog'], 1)}%"
    assert (f"In {row['naam']} zijn naar schatting {dutch(row['laaggeletterd_16_65'])} mensen van 16 tot 65 jaar "
            f"laaggeletterd ({dutch(row['laaggeletterd_16_65_pct'], 1)}%; {marge})") in tekst
    totaal = row["laaggeletterd_16_65"]
    for kolom in ("laaggeletterd_nt2", "laaggeletterd_nt1", "laaggeletterd_werkend", "laaggeletterd_werkzoekend",
                  "laaggeletterd_inactief", "laaggeletterd_nt2_europa", "laaggeletterd_16_25", "laaggecijferd_16_65"):
        assert dutch(row[kolom]) in tekst, kolom
    assert f"({dutch(100 * row['laaggeletterd_werkend'] / totaal)}%) heeft werk" in tekst
    assert (f"{dutch(row['laaggeletterd_16_25'])} van 16 tot 25 jaar "
            f"({dutch(100 * row['laaggeletterd_16_25'] / totaal)}%)") in tekst
    assert f"{dutch(row['laag_opgeleid'])} inwoners van 15 tot 75 jaar zijn laag opgeleid" in tekst
    assert f"{dutch(row['bijstandsuitkeringen'])} bijstandsuitkeringen" in tekst
    assert "naar schatting" in tekst.lower()
    if code == "NL00":
        assert "landelijk" not in tekst.lower()
        # 66–75: the published 39% with the sampling margin of its (assumed) sample size
        low, high = (dutch(row[f"laaggeletterd_66_75_pct_{bound}"], 1) for bound in ("laag", "hoog"))
        assert f"marge {low}–{high}%" in tekst
    else:
        assert f"Nederland {dutch(nl['laaggeletterd_16_65_pct'], 1)}%" in tekst


def test_sentences_for_missing_figures_say_so(df):
    zinnen = dict(doelgroep.doelgroep_zinnen(df, "GM0088"))  # Schiermonnikoog
    assert "publiceert CBS geen cijfer" in zinnen["Hoeveel mensen zijn laag opgeleid?"]
    assert "Voor WW zijn hier geen gegevens" in zinnen["Hoe groot is de doelgroep werkzoekenden?"]
    assert " 0 " not in " ".join(zinnen.values())


def test_comparison_with_nederland_uses_the_interval(df, gebieden):
    for code in gebieden.index[gebieden["niveau"] == "arbeidsmarktregio"]:
        zin = doelgroep.doelgroep_zinnen(df, code)[0][1]
        row, nl = gebieden.loc[code], gebieden.at["NL00", "laaggeletterd_16_65_pct"]
        if row["laaggeletterd_16_65_pct_hoog"] < nl:
            assert "lager dan landelijk" in zin
        elif row["laaggeletterd_16_65_pct_laag"] > nl:
            assert "hoger dan landelijk" in zin
        else:
            assert "binnen de marge" in zin


@pytest.mark.parametrize("pct, woorden", [
    (50.3, "ongeveer de helft"), (58.4, "bijna drie op de vijf"), (62.5, "ruim drie op de vijf"), (3.4, "een klein deel"),
    (25.0, "ongeveer een kwart"), (77.0, "ruim drie kwart"), (float("nan"), GEEN_GEGEVENS), (99.0, "vrijwel iedereen"),
])
def test_share_in_words(pct, woorden):
    assert doelgroep.aandeel_in_woorden(pct) == woorden


# --- breakdowns ---------------------------------------------------------------------


def test_breakdowns_add_up_for_every_region(df, gebieden):
    gemeenten = list(gebieden.index[gebieden["niveau"] == "gemeente"][:40])
    kolommen = list(doelgroep.NT_KOPPEN.values())
    assert kolommen == ["Werkend (schatting)", "Werkzoekend (schatting)", "Niet-werkend en niet-zoekend (schatting)"]
    for code in ["NL00", *REGIO_CODES, *gemeenten]:
        nt = doelgroep.nt_arbeid_tabel(df, code).waarden().set_index("Groep")
        totaal = gebieden.at[code, "laaggeletterd_16_65"]
        assert all("schatting)" in kop for kop in [*kolommen, doelgroep.NT_TOTAAL, doelgroep.NT_AANDEEL])
        assert list(nt.columns) == [*kolommen, doelgroep.NT_TOTAAL, doelgroep.NT_AANDEEL]
        assert nt.at["Totaal", doelgroep.NT_TOTAAL] == totaal
        assert (nt[kolommen].sum(axis=1) == nt[doelgroep.NT_TOTAAL]).all(), code  # rows add up
        alle = kolommen + [doelgroep.NT_TOTAAL]
        assert (nt.drop(index="Totaal")[alle].sum() == nt.loc["Totaal", alle]).all(), code
        assert nt.at["NT2 (eerste generatie)", "Werkzoekend (schatting)"] == gebieden.at[code, "laaggeletterd_nt2_werkzoekend"]
        assert nt.at["NT1 (geboren in Nederland)", "Werkend (schatting)"] == gebieden.at[code, "laaggeletterd_nt1_werkend"]
        assert nt[doelgroep.NT_AANDEEL].iloc[:2].sum() == pytest.approx(100)

        samen = doelgroep.samenstelling_tabel(df, code).waarden()
        for kenmerk, groep in samen.groupby("Kenmerk"):
            assert groep["Aantal (schatting)"].sum() == totaal, (code, kenmerk)
            assert groep["Aandeel (%)"].sum() == pytest.approx(100)
            if code != "NL00":
                assert groep["Aandeel Nederland (%)"].sum() == pytest.approx(100)
                assert groep["Verschil (procentpunt)"].sum() == pytest.approx(0, abs=1e-9)
    assert "Aandeel Nederland (%)" not in doelgroep.samenstelling_tabel(df, "NL00").labels


def test_composition_rows_read_their_own_column(df, gebieden):
    """Each group's row holds the figure of its own column (the groups are keyed by id, not by label)."""
    samen = doelgroep.samenstelling_tabel(df, "AM12")
    frame = samen.frame
    for groep_id, groep, aantal in zip(frame["groep_id"], frame["groep"], frame["aantal"]):
        assert aantal == gebieden.at["AM12", f"laaggeletterd_{groep_id}"], groep
        assert groep == indicators.GROEP_LABELS[groep_id]
    assert list(frame["groep"]) == [
        "NT1 (geboren in Nederland)", "NT2, herkomst Europa", "NT2, herkomst buiten Europa", "Werkend",
        "Werkzoekend (werkloos)", "Niet-werkend en niet-zoekend", "16 tot 25 jaar", "25 tot 45 jaar", "45 tot 65 jaar"]
    shown = samen.als_tekst().set_index("Groep")
    verschil = shown.at["Werkend", "Verschil (procentpunt)"]
    assert verschil.endswith(" procentpunt") and verschil[0] in "+-0123456789"


def test_breakdown_figures(df):
    nt = doelgroep.nt_arbeid_tabel(df, "AM12")
    fig = doelgroep.nt_arbeid_figuur(nt, "titel", "Bron: test")
    assert fig.layout.barmode == "stack" and len(fig.data) == 3
    assert fig.layout.template.layout.separators == ",."  # Dutch numbers, from the "llo" template
    assert fig.layout.showlegend is True
    assert list(fig.data[0].y) == ["NT2 (eerste generatie)", "NT1 (geboren in Nederland)"]
    assert [trace.name for trace in fig.data] == ["Werkend", "Werkzoekend", "Niet-werkend en niet-zoekend"]
    assert list(fig.data[0].x) == list(nt.frame["werkend"].iloc[1::-1])
    assert any("Bron: test" in annotation.text for annotation in fig.layout.annotations)
    samen = doelgroep.samenstelling_figuur(doelgroep.samenstelling_tabel(df, "AM12"), "Gooi en Vechtstreek", "t")
    assert [trace.name for trace in samen.data] == ["Gooi en Vechtstreek", "Nederland"]
    assert samen.data[0].y[-1] == "Herkomst: NT1 (geboren in Nederland)"  # the first group on top
    assert len(doelgroep.samenstelling_figuur(doelgroep.samenstelling_tabel(df, "NL00"), "Nederland", "t").data) == 1


# --- the gemeenten of a region -------------------------------------------------------------


def test_gemeente_selection(df, gebieden):
    rows = doelgroep.gemeenten(df, "AM12")
    assert sorted(rows["code"]) == sorted(gebieden.index[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == "AM12")])
    assert list(rows["naam"]) == sorted(rows["naam"], key=str.casefold)
    assert len(doelgroep.gemeenten(df)) == 342


def test_map_options_are_in_the_table(df):
    # the table under the map is its table alternative: every map option is a column of it
    assert set(doelgroep.KAART_OPTIES) <= set(doelgroep.GEMEENTE_KOLOMMEN)
    assert queries.indicator_opties(df, "gemeente", doelgroep.KAART_OPTIES)[0] == "laaggeletterd_16_65_pct"


def test_gemeente_table_has_intervals_next_to_estimates(df, gebieden):
    tabel = doelgroep.gemeentetabel(df, "AM12")
    kolommen = tabel.labels
    assert kolommen[:2] == ["Naam", "Code"] and kolommen[-1] == "Toelichting schatting"
    i = kolommen.index("Laaggeletterd 16–65 jaar, % (schatting)")
    assert kolommen[i + 1:i + 3] == ["Laaggeletterd 16–65 jaar, ondergrens, % (schatting)",
                                     "Laaggeletterd 16–65 jaar, bovengrens, % (schatting)"]
    hilversum = tabel.waarden().set_index("Code").loc["GM0402"]
    assert hilversum["Laaggeletterd 16–65 jaar, aantal (schatting)"] == gebieden.at["GM0402", "laaggeletterd_16_65"]
    assert hilversum["Werkzame beroepsbevolking (15–75 jaar), aantal"] == gebieden.at["GM0402", "werkzame_beroepsbevolking"]
    schier = doelgroep.gemeentetabel(df, "AM02")
    assert "regio" in schier.waarden().set_index("Code").at["GM0088", "Toelichting schatting"]  # CBS suppressed education
    assert "Schiermonnikoog: " in doelgroep.toelichting_regel(schier)


def test_unknown_area_is_a_dutch_key_error(df):
    with pytest.raises(KeyError, match="komt niet voor"):
        doelgroep.nt_arbeid_tabel(df, "AM99")


# --- benefit recipients, ages as rates, the default comparison --------------------------------

from llo_dash.views.doelgroep import leeftijd, uitkeringen  # noqa: E402

PARAMS = {"uitkering_bijstand_relatief_risico": 3.0, "uitkering_ao_relatief_risico": 2.0,
          "arbeid_werkloos_2012": 16.2, "totaal_2012": 12.2}


def test_benefit_estimate_by_hand():
    row = pd.Series({"laaggeletterd_16_65_pct": 20.0, "laaggeletterd_16_65_pct_laag": 10.0,
                     "laaggeletterd_16_65_pct_hoog": 30.0, "bijstandsuitkeringen": 1000, "ww_personen": 500,
                     "ao_personen": pd.NA})
    bijstand, ww, ao = uitkeringen.schatting(row, PARAMS)
    # Bayes with relative risk 3: 3·0,2 / (3·0,2 + 0,8) = 0,6 / 1,4
    assert bijstand.pct == pytest.approx(100 * 0.6 / 1.4)
    assert bijstand.aantal == pytest.approx(1000 * 0.6 / 1.4)
    assert bijstand.laag == pytest.approx(1000 * 0.3 / 1.2) and bijstand.hoog == pytest.approx(1000 * 0.9 / 1.6)
    # WW: p × 16,2 / 12,2
    assert ww.aantal == pytest.approx(500 * 0.2 * 16.2 / 12.2)
    assert ww.laag == pytest.approx(500 * 0.1 * 16.2 / 12.2)
    # AO: no recipients here, so no number (never 0); the range runs from "as everyone" to "as bijstand"
    assert ao.kolom is None and np.isnan(ao.aantal)
    assert ao.pct_laag == pytest.approx(10.0) and ao.pct_hoog == pytest.approx(100 * 0.9 / 1.6)


def test_benefit_estimate_uses_the_parameter_table():
    params = uitkeringen.parameters()
    assert params["uitkering_bijstand_relatief_risico"] == 3  # Lezen & Schrijven: "3 keer vaker"
    assert params["arbeid_werkloos_2012"] == pytest.approx(16.2)


def test_benefits_on_the_real_data(df, gebieden):
    params = uitkeringen.parameters()
    row = gebieden.loc["AM37"]
    tabel = uitkeringen.uitkeringen_tabel(row, params).frame.set_index("groep")
    p = row["laaggeletterd_16_65_pct"] / 100
    assert tabel.at["Bijstand", "ontvangers"] == row["bijstandsuitkeringen"]
    assert tabel.at["Bijstand", "aantal"] == pytest.approx(row["bijstandsuitkeringen"] * 3 * p / (1 + 2 * p))
    assert tabel.at["WW", "aantal"] == pytest.approx(row["ww_personen"] * p * 16.2 / 12.2)
    assert (tabel["laag"].dropna() <= tabel["aantal"].dropna()).all()
    zin = dict(doelgroep.doelgroep_zinnen(df, "AM37", params))["Hoe groot is de doelgroep werkzoekenden?"]
    for deel in ("Werkloos", "Niet-werkend", "bijstandsuitkeringen", "personen met WW", "niet bij elkaar"):
        assert deel in zin, deel
    assert dutch(row["bijstandsuitkeringen"] * 3 * p / (1 + 2 * p)) in zin


def test_ages_as_rates(gebieden):
    row, nl = gebieden.loc["AM37"], gebieden.loc["NL00"]
    tabel = leeftijd.leeftijd_tabel(gebieden.reset_index(drop=True), "AM37").frame.set_index("band")
    assert tabel.at["16_25", "pct"] == pytest.approx(100 * row["laaggeletterd_16_25"] / row["inwoners_15_25"])
    assert tabel.at["45_65", "pct_nl"] == pytest.approx(100 * nl["laaggeletterd_45_65"] / nl["inwoners_45_65"])
    assert tabel.at["66_75", "pct"] == pytest.approx(row["laaggeletterd_66_75_pct"])
    # a rate, not a share of the low-literates: the bands do not add up to 100
    assert tabel["pct"].sum() != pytest.approx(100, abs=1)


def test_key_figures_default_to_the_neighbours():
    buren = {"AM37": ["AM18", "AM15", "AM19", "AM17", "AM99"], "GM0392": ["GM0397"]}
    assert doelgroep.vergelijk_standaard("AM37", None, buren) == ["AM37", "AM18", "AM15", "AM19", "AM17", "NL00"]
    assert doelgroep.vergelijk_standaard("GM0392", "AM37", buren) == ["GM0392", "GM0397", "AM37", "NL00"]
    assert doelgroep.vergelijk_standaard("NL00", None, buren) == ["NL00"]
