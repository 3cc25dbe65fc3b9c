"""llo_dash.views.queries: pure functions, on a tiny hand-made table and on the built data."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from llo_dash import indicators
from llo_dash.views import queries
from tests.apptest import dutch


@pytest.fixture(scope="module")
def df(gebieden):
    """The built table as the app reads it: a plain index (the conftest fixture is indexed by code)."""
    return gebieden.reset_index(drop=True)


@pytest.fixture
def klein() -> pd.DataFrame:
    """Nederland, two regions (AM02, AM12), three gemeenten; one gemeente without a value."""
    rows = [
        # niveau, code, naam, gemeente_code, regio_code, regio_naam, inwoners, laag_opgeleid_pct, ww_personen
        ("nederland", "NL00", "Nederland", None, None, None, 1000, 25.0, 100),
        ("arbeidsmarktregio", "AM12", "Gooi en Vechtstreek", None, "AM12", "Gooi en Vechtstreek", 300, 20.0, None),
        ("arbeidsmarktregio", "AM02", "Friesland", None, "AM02", "Friesland", 700, 27.5, 70),
        ("gemeente", "GM0402", "Hilversum", "GM0402", "AM12", "Gooi en Vechtstreek", 200, 21.0, None),
        ("gemeente", "GM0376", "Blaricum", "GM0376", "AM12", "Gooi en Vechtstreek", 100, 18.0, 10),
        ("gemeente", "GM0080", "Leeuwarden", "GM0080", "AM02", "Friesland", 700, 27.5, 60),
    ]
    frame = pd.DataFrame(rows, columns=["niveau", "code", "naam", "gemeente_code", "arbeidsmarktregio_code",
                                        "arbeidsmarktregio_naam", "inwoners", "laag_opgeleid_pct", "ww_personen"])
    frame["inwoners"] = frame["inwoners"].astype("Int64")
    frame["laag_opgeleid_pct"] = frame["laag_opgeleid_pct"].astype("Float64")
    frame["ww_personen"] = frame["ww_personen"].astype("Int64")
    return frame


# --- options and codes ------------------------------------------------------


def test_regio_opties_sorted_by_name(klein):
    assert queries.regio_opties(klein) == [("AM02", "Friesland"), ("AM12", "Gooi en Vechtstreek")]


def test_gemeente_opties_per_regio(klein):
    assert queries.gemeente_opties(klein, "AM12") == [("GM0376", "Blaricum"), ("GM0402", "Hilversum")]
    assert [code for code, _ in queries.gemeente_opties(klein)] == ["GM0376", "GM0402", "GM0080"]


@pytest.mark.parametrize("value", ["AM12", "am12", " AM12 ", "Am12\n"])
def test_normalise_regio_accepts_case_and_spaces(klein, value):
    assert queries.normalise_regio(value, klein) == "AM12"


@pytest.mark.parametrize("value", [None, "", "  ", "XX99", "AM99", "AM04", "AM1", "AM123", "12", 12, "AM12;x", "GM0402", ["AM12"]])
def test_normalise_regio_rejects_unknown_and_malformed(klein, value):
    assert queries.normalise_regio(value, klein) is None


def test_normalise_gemeente(klein):
    assert queries.normalise_gemeente("gm0402", klein) == "GM0402"
    assert queries.normalise_gemeente(" GM0402 ", klein, regio="AM12") == "GM0402"
    assert queries.normalise_gemeente("GM0402", klein, regio="AM02") is None  # not in that region
    for bad in ("GM9999", "GM040", "0402", "", None, "AM12"):
        assert queries.normalise_gemeente(bad, klein) is None


def test_regio_van_and_naam(klein):
    assert queries.regio_van(klein, "GM0080") == "AM02"
    assert queries.regio_van(klein, "GM9999") is None
    assert queries.naam(klein, "AM12") == "Gooi en Vechtstreek"
    assert queries.naam(klein, "XX") == "XX"


def test_real_regions_have_gaps_and_35_codes(df):
    codes = [code for code, _ in queries.regio_opties(df)]
    assert len(codes) == 35 == len(set(codes))
    assert "AM04" not in codes and "AM16" not in codes  # codes are not consecutive
    assert queries.normalise_regio("am12", df) == "AM12"
    assert queries.normalise_gemeente("gm0363", df) == "GM0363"
    assert len(queries.gemeente_opties(df)) == 342


# --- indicators ---------------------------------------------------------------


def test_indicator_opties_only_with_data(klein):
    assert queries.indicator_opties(klein, "arbeidsmarktregio") == ["inwoners", "laag_opgeleid_pct", "ww_personen"]
    klein.loc[klein["niveau"] == "arbeidsmarktregio", "ww_personen"] = pd.NA
    assert "ww_personen" not in queries.indicator_opties(klein, "arbeidsmarktregio")


def test_indicator_opties_leave_out_interval_bounds(klein, monkeypatch):
    bounds = [dataclasses.replace(indicators.get("laag_opgeleid_pct"), kolom=f"laag_opgeleid_pct{suffix}") for suffix in ("_laag", "_hoog")]
    monkeypatch.setattr(indicators, "INDICATOREN", indicators.INDICATOREN + tuple(bounds))
    klein["laag_opgeleid_pct_laag"] = klein["laag_opgeleid_pct"] - 1
    klein["laag_opgeleid_pct_hoog"] = klein["laag_opgeleid_pct"] + 1
    assert queries.indicator_opties(klein, "gemeente") == ["inwoners", "laag_opgeleid_pct", "ww_personen"]
    assert list(queries.kaartwaarden(klein, "gemeente", "laag_opgeleid_pct").columns[3:5]) == ["ondergrens", "bovengrens"]


def test_indicator_opties_real_data_are_registry_columns(df):
    for niveau in queries.KAART_NIVEAUS:
        opties = queries.indicator_opties(df, niveau)
        assert opties and all(kolom in indicators.BY_KOLOM for kolom in opties)
        assert all(df.loc[df["niveau"] == niveau, kolom].notna().any() for kolom in opties)


def test_standaard_indicator_prefers_literacy_estimate():
    assert queries.standaard_indicator(["inwoners", "laag_opgeleid_pct", "laaggeletterd_16_65_pct"]) == "laaggeletterd_16_65_pct"
    assert queries.standaard_indicator(["inwoners", "laag_opgeleid_pct"]) == "laag_opgeleid_pct"
    assert queries.standaard_indicator(["inwoners"]) == "inwoners"
    assert queries.standaard_indicator([]) is None


def test_standaard_indicator_on_real_data(df):
    # The README's default view: the literacy estimate per region.
    assert queries.standaard_indicator(queries.indicator_opties(df, "arbeidsmarktregio")) == "laaggeletterd_16_65_pct"


def test_indicator_naam_and_values():
    assert queries.indicator_naam("laag_opgeleid_pct") == "Laag opgeleid (15–75 jaar), %"
    assert queries.indicator_naam("laag_opgeleid") == "Laag opgeleid (15–75 jaar), aantal"
    assert queries.waarde_tekst("laag_opgeleid_pct", 22.6) == "22,6%"
    assert queries.waarde_tekst("inwoners", 254521) == "254.521"
    assert queries.waarde_tekst("inwoners", pd.NA) == "geen gegevens"


# --- map values and key figures --------------------------------------------------


def test_kaartwaarden_regions_equal_table(df):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "laag_opgeleid_pct")
    assert len(values) == 35
    assert list(values.columns[:3]) == ["code", "naam", "waarde"]
    table = df[df["niveau"] == "arbeidsmarktregio"].set_index("code")["laag_opgeleid_pct"].astype(float)
    pd.testing.assert_series_equal(values.set_index("code")["waarde"].sort_index(), table.sort_index(), check_names=False)


def test_kaartwaarden_gemeenten_keep_missing_as_nan(df):
    values = queries.kaartwaarden(df, "gemeente", "ww_personen")
    assert len(values) == 342 and values["code"].is_unique
    assert values["waarde"].dtype == "float64"
    assert values["waarde"].isna().any() and values["waarde"].notna().any()  # partial source (100 gemeenten)
    assert {"arbeidsmarktregio_code", "arbeidsmarktregio_naam"} <= set(values.columns)


def test_kaartwaarden_with_interval_columns(klein):
    klein["laag_opgeleid_pct_laag"] = klein["laag_opgeleid_pct"] - 1
    klein["laag_opgeleid_pct_hoog"] = klein["laag_opgeleid_pct"] + 1
    values = queries.kaartwaarden(klein, "arbeidsmarktregio", "laag_opgeleid_pct")
    assert list(values.columns) == ["code", "naam", "waarde", "ondergrens", "bovengrens"]
    assert values.loc[values["code"] == "AM12", ["ondergrens", "bovengrens"]].values.tolist() == [[19.0, 21.0]]


def test_kaartwaarden_rejects_other_levels(klein):
    with pytest.raises(ValueError, match="kaartniveau"):
        queries.kaartwaarden(klein, "buurt", "inwoners")


def test_kerncijfers(klein):
    result = queries.kerncijfers(klein, "AM12", ["inwoners", "laag_opgeleid_pct", "ww_personen"]).set_index("kolom")
    assert result.loc["laag_opgeleid_pct", ["gebied", "nederland", "verschil"]].tolist() == [20.0, 25.0, -5.0]
    assert result.loc["inwoners", "aandeel_nederland"] == pytest.approx(30.0)
    assert np.isnan(result.loc["inwoners", "verschil"])  # no difference of counts
    assert np.isnan(result.loc["ww_personen", "gebied"])
    with pytest.raises(KeyError, match="Gebied 'AM99' komt niet voor in de tabel gebieden"):
        queries.kerncijfers(klein, "AM99", ["inwoners"])


def test_kaarttabel_has_dutch_headers_and_numbers(klein):
    tabel = queries.kaarttabel(queries.kaartwaarden(klein, "gemeente", "laag_opgeleid_pct"), "laag_opgeleid_pct")
    assert tabel.labels == ["Code", "Naam", "Laag opgeleid (15–75 jaar), %", "Arbeidsmarktregio"]
    waarde = tabel.kolommen["waarde"]
    assert (waarde.soort, waarde.aantal_decimalen) == ("procent", 1)
    assert tabel.waarden()["Laag opgeleid (15–75 jaar), %"].tolist() == [18.0, 21.0, 27.5]  # numbers: they sort
    assert tabel.als_tekst()["Laag opgeleid (15–75 jaar), %"].tolist() == ["18,0%", "21,0%", "27,5%"]
    assert "arbeidsmarktregio_code" in tabel.frame and "arbeidsmarktregio_code" not in tabel.kolommen  # not shown


def test_kaarttabel_of_a_ranking_keeps_its_order_and_rank():
    ranking = pd.DataFrame({"rang": pd.array([1, 2, None], dtype="Int64"), "code": ["AM02", "AM01", "AM03"],
                            "naam": ["Zuid", "Noord", "Oost"], "waarde": [18.04, 12.05, np.nan],
                            "ondergrens": [17.0, 11.0, np.nan], "bovengrens": [19.0, 13.0, np.nan]})
    tabel = queries.kaarttabel(ranking, "laaggeletterd_16_65_pct")
    assert tabel.labels == ["Rang", "Code", "Naam", "Laaggeletterd 16–65 jaar, % (schatting)", "Ondergrens", "Bovengrens"]
    assert tabel.als_tekst().iloc[2].tolist() == ["geen gegevens", "AM03", "Oost", "geen gegevens", "geen gegevens",
                                                  "geen gegevens"]
    download = tabel.download()  # rounded as on screen (half up)
    assert download["Laaggeletterd 16–65 jaar, % (schatting)"].tolist()[:2] == [18.0, 12.1]
    assert download["Rang"].tolist()[:2] == [1, 2]


def test_aandeel():
    assert queries.aandeel(1, 4) == 25.0
    assert np.isnan(queries.aandeel(1, 0)) and np.isnan(queries.aandeel(None, 4)) and np.isnan(queries.aandeel(pd.NA, 4))


def test_samenvatting(klein):
    assert queries.samenvatting(klein, "laag_opgeleid_pct", ["AM12", "NL00"]) == "Gooi en Vechtstreek: 20,0% · Nederland: 25,0%"


# --- sources ----------------------------------------------------------------------


def test_bronvermelding_one_source():
    assert queries.bronvermelding("inwoners") == (
        "Bron: CBS, Kerncijfers wijken en buurten 2024: bevolking en leeftijd (85984NED), 1 januari 2024."
    )


def test_bronvermelding_several_sources():
    text = queries.bronvermelding("netto_arbeidsparticipatie_pct")
    assert text == (
        "Bron: CBS, Arbeidsdeelname; regionale indeling 2024 (86088NED) en "
        "Bevolking; hoogstbehaald onderwijsniveau en regio (85525NED), 2024."
    )


def test_bronvermelding_every_indicator():
    for indicator in indicators.INDICATOREN:
        text = queries.bronvermelding(indicator.kolom)
        assert text.startswith("Bron: ") and indicator.peildatum in text
        assert "Schatting" not in text or indicator.schatting


def test_bronnoot_names_every_indicator_once():
    """Indicators with the same source share one line that names them all; none drops out of the note."""
    regels = queries.bronnoot(["inwoners", "netto_arbeidsparticipatie_pct", "werkloosheid_pct"], toelichting=False)
    bron = queries.bronvermelding("werkloosheid_pct")
    assert regels == [
        f"Inwoners: {queries.bronvermelding('inwoners')}",
        f"Netto arbeidsparticipatie en Werkloosheid: {bron}",
    ]
    assert queries.bronnoot(["werkloosheid_pct"], toelichting=False) == [bron]  # one indicator: no label
    # with its explanation a line is the indicator's own, so each keeps its own line
    met_uitleg = queries.bronnoot(["netto_arbeidsparticipatie_pct", "werkloosheid_pct"])
    assert [regel.split(":")[0] for regel in met_uitleg] == ["Netto arbeidsparticipatie", "Werkloosheid"]
    assert indicators.get("werkloosheid_pct").toelichting in met_uitleg[1]


def test_bronvermelding_marks_estimates(monkeypatch):
    schatting = dataclasses.replace(indicators.get("laag_opgeleid_pct"), kolom="test_schatting_pct",
                                    schatting=True, bronnen=("onderwijsniveau", "piaac_onbekend"))
    monkeypatch.setitem(indicators.BY_KOLOM, schatting.kolom, schatting)
    text = queries.bronvermelding(schatting.kolom)
    assert text.endswith("Schatting, geen telling.")
    # The model's own short line; its inputs are listed on Bronnen & methode.
    assert text.startswith("Bron: schatting LLO Regiodashboard") and schatting.peildatum in text
    assert queries.indicator_naam(schatting.kolom).endswith("(schatting)")


def test_estimates_carry_their_margin_in_key_figures_and_summaries(df, gebieden):
    row = gebieden.loc["AM12"]
    low, high = (dutch(row[c], 1) for c in ("laaggeletterd_16_65_pct_laag", "laaggeletterd_16_65_pct_hoog"))
    expected = f"marge {low}–{high}%"
    cijfers = queries.kerncijfers(df, "AM12", ["laaggeletterd_16_65_pct", "laag_opgeleid_pct"]).set_index("kolom")
    assert cijfers.at["laaggeletterd_16_65_pct", "marge"] == expected
    assert cijfers.at["laag_opgeleid_pct", "marge"] == ""  # a CBS figure, not an estimate
    assert f"({expected})" in queries.samenvatting(df, "laaggeletterd_16_65_pct", ["AM12"])


# --- the shared lookups ---------------------------------------------------------------


def test_row_name_title_and_value(klein):
    assert queries.rij(klein, "GM0376")["naam"] == "Blaricum"
    with pytest.raises(KeyError, match="komt niet voor"):
        queries.rij(klein, "AM99")
    assert queries.naam(klein, None) == "Nederland" and queries.naam(klein, "NL00") == "Nederland"
    assert queries.gebied_titel(klein, "AM12") == "Arbeidsmarktregio Gooi en Vechtstreek"
    assert queries.gebied_titel(klein, "GM0402") == "Gemeente Hilversum"
    assert queries.gebied_titel(klein, "NL00") == "Nederland"
    assert queries.waarde(klein, "GM0402", "laag_opgeleid_pct") == 21.0
    assert np.isnan(queries.waarde(klein, "GM0402", "ww_personen"))  # missing stays missing
    assert np.isnan(queries.waarde(klein, "GM0402", "bestaat_niet"))
    assert queries.als_float(3) == 3.0 and queries.als_float(np.int64(7)) == 7.0
    assert all(np.isnan(queries.als_float(v)) for v in ("2,5", None, pd.NA, float("nan")))
    assert queries.vergelijk_codes("GM0402", "AM12") == ["GM0402", "AM12", "NL00"]
    assert queries.vergelijk_codes("NL00", None) == ["NL00"]
    assert queries.veilig("<b>AM12</b>") == "bAM12b" and queries.veilig("***") == "(leeg)"


def test_level_names():
    assert queries.NIVEAU_NAMEN["gemeente"] == "Gemeenten" and queries.NIVEAU_MEERVOUD["wijk"] == "wijken"
    assert queries.NIVEAU_ENKELVOUD["arbeidsmarktregio"] == "arbeidsmarktregio"


def test_interval_columns_are_the_laag_hoog_pair(klein):
    assert queries.interval_kolommen(klein, "laag_opgeleid_pct") is None
    klein["laag_opgeleid_pct_laag"] = klein["laag_opgeleid_pct"] - 1
    klein["laag_opgeleid_pct_hoog"] = klein["laag_opgeleid_pct"] + 1
    assert queries.interval_kolommen(klein, "laag_opgeleid_pct") == ("laag_opgeleid_pct_laag", "laag_opgeleid_pct_hoog")
    assert queries.interval_kolommen(queries.rij(klein, "AM12"), "laag_opgeleid_pct") == (
        "laag_opgeleid_pct_laag", "laag_opgeleid_pct_hoog")  # one row works too
    cijfers = queries.kerncijfers(klein, "AM12", ["laag_opgeleid_pct"]).iloc[0]
    assert (cijfers["ondergrens"], cijfers["bovengrens"], cijfers["marge"]) == (19.0, 21.0, "marge 19,0–21,0%")


def test_wijk_map_values_name_their_gemeente(df, gebieden):
    values = queries.kaartwaarden(df, "wijk", "laaggeletterd_16_65_pct", regio="AM12")
    wijken = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    assert sorted(values["code"]) == sorted(wijken.index)
    assert list(values.columns) == ["code", "naam", "waarde", "ondergrens", "bovengrens"]
    eerste = values.iloc[0]
    assert eerste["naam"] == f"{wijken.at[eerste['code'], 'naam']} ({wijken.at[eerste['code'], 'gemeente_naam']})"
    assert eerste["waarde"] == pytest.approx(float(wijken.at[eerste["code"], "laaggeletterd_16_65_pct"]))
    amsterdam = queries.kaartwaarden(df, "wijk", "inwoners", gemeente="GM0363")
    assert set(amsterdam["code"]) == set(gebieden.index[(gebieden["niveau"] == "wijk") & (gebieden["gemeente_code"] == "GM0363")])
    gemeenten = queries.kaartwaarden(df, "gemeente", "inwoners", regio="AM12")
    assert set(gemeenten["code"]) == set(gebieden.index[(gebieden["niveau"] == "gemeente")
                                                         & (gebieden["arbeidsmarktregio_code"] == "AM12")])
    with pytest.raises(ValueError, match="Kies een arbeidsmarktregio of gemeente"):
        queries.kaartwaarden(df, "wijk", "inwoners")


def test_indicator_options_of_a_list_keep_its_order(df):
    kandidaten = ["laag_opgeleid_pct", "bestaat_niet", "laaggeletterd_16_65_pct", "laaggeletterd_16_65_pct_laag",
                  "bijstandsuitkeringen"]
    assert queries.indicator_opties(df, "gemeente", kandidaten) == [
        "laag_opgeleid_pct", "laaggeletterd_16_65_pct", "bijstandsuitkeringen"]  # no unknown column, no interval bound
    assert "bijstandsuitkeringen" not in queries.indicator_opties(df, "wijk", kandidaten)  # not a wijk indicator


def test_headline_metrics(df, gebieden):
    metrics = {m["kolom"]: m for m in queries.metrics(df, "AM12", ["laaggeletterd_16_65_pct", "laaggeletterd_16_65",
                                                                   "laag_opgeleid_pct", "inwoners"], kort=True)}
    row, nl = gebieden.loc["AM12"], gebieden.loc["NL00"]
    assert metrics["laaggeletterd_16_65"]["waarde"] == dutch(row["laaggeletterd_16_65"])
    assert metrics["laaggeletterd_16_65"]["label"] == "Laaggeletterd 16–65 jaar, aantal"
    assert metrics["laaggeletterd_16_65"]["onder"].startswith("Schatting, marge")
    assert metrics["laaggeletterd_16_65_pct"]["onder"] == (
        f"Schatting, marge {dutch(row['laaggeletterd_16_65_pct_laag'], 1)}–{dutch(row['laaggeletterd_16_65_pct_hoog'], 1)}%")
    verschil = row["laaggeletterd_16_65_pct"] - nl["laaggeletterd_16_65_pct"]
    assert metrics["laaggeletterd_16_65_pct"]["delta"] == (
        ("+" if verschil > 0 else "") + dutch(verschil, 1) + " procentpunt t.o.v. Nederland")
    assert metrics["inwoners"]["delta"] == f"{dutch(100 * row['inwoners'] / nl['inwoners'], 1)}% van Nederland"
    assert metrics["laag_opgeleid_pct"]["onder"] == ""  # a CBS figure, not an estimate
    assert metrics["laag_opgeleid_pct"]["bron"].startswith("Bron: CBS")
    lang = {m["kolom"]: m for m in queries.metrics(df, "AM12", ["laaggeletterd_16_65_pct"])}
    assert lang["laaggeletterd_16_65_pct"]["label"] == "Laaggeletterd 16–65 jaar (schatting)"
    assert all(m["delta"] is None for m in queries.metrics(df, "NL00", ["laaggeletterd_16_65_pct", "inwoners"]))
    # Schiermonnikoog is about 0,005% of Nederland: not shown as "0,0%"
    assert 0 < gebieden.at["GM0088", "inwoners"] / nl["inwoners"] < 0.0005
    (klein,) = queries.metrics(df, "GM0088", ["inwoners"])
    assert klein["delta"] == "minder dan 0,1% van Nederland"


def test_boundary_source_per_level():
    assert "Wijkgrenzen 2024" in queries.grenzen_bron("wijk")
    assert queries.grenzen_bron("gemeente") == queries.grenzen_bron("arbeidsmarktregio") == queries.grenzen_bron()
    assert queries.grenzen_bron().startswith("Kaart: CBS / PDOK")
