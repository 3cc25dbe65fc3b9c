"""llo_dash.doelgroep: the pure functions behind the pages Doelgroep and Vindplaatsen.

Two kinds of tests: on the built data (values must equal the parquet file, breakdowns must add
up, every region works) and on a tiny hand-made table (missing values stay missing). Expected
Dutch numbers are written here with plain Python, not with the app's own formatting code.
"""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pandas as pd
import pytest

from llo_dash import doelgroep, figures, geo, indicators, queries
from llo_dash.errors import SchemaError
from llo_dash.formatting import GEEN_GEGEVENS, format_table
from llo_dash.reference import REFERENCE_DIR
from tests.apptest import dutch
from tests.fixtures.mirror import handreiking_text


@pytest.fixture(scope="module")
def df(gebieden) -> pd.DataFrame:
    """The built table as the app reads it: a plain index (the conftest fixture `gebieden` is indexed by code)."""
    return gebieden.reset_index(drop=True)


@pytest.fixture(scope="module")
def regio_codes(gebieden) -> list[str]:
    return sorted(gebieden.index[gebieden["niveau"] == "arbeidsmarktregio"])


@pytest.fixture(scope="module")
def partners() -> pd.DataFrame:
    return doelgroep.lees_partners()


def _num(value) -> float:
    return float("nan") if pd.isna(value) else float(value)


# --- a tiny table: Nederland, one region, two gemeenten, three wijken (one without data) ---------

SCHATTING_KOLOMMEN = [kolom for kolom in indicators.BY_KOLOM if kolom.startswith(("laaggeletterd", "laaggecijferd"))]


def _schatting(total: float) -> dict:
    """A consistent set of estimate columns for a total of `total` low-literates 16–65."""
    nt1, nt2 = 0.6 * total, 0.4 * total
    values = {
        "laaggeletterd_16_65": total, "laaggeletterd_16_65_pct": 15.0, "laaggeletterd_16_65_laag": 0.9 * total,
        "laaggeletterd_16_65_hoog": 1.1 * total, "laaggeletterd_16_65_pct_laag": 13.5, "laaggeletterd_16_65_pct_hoog": 16.5,
        "laaggeletterd_nt1": nt1, "laaggeletterd_nt2": nt2, "laaggeletterd_nt2_europa": 0.25 * nt2,
        "laaggeletterd_nt2_buiten_europa": 0.75 * nt2,
        "laaggeletterd_nt1_werkend": 0.5 * nt1, "laaggeletterd_nt1_werkzoekend": 0.1 * nt1, "laaggeletterd_nt1_inactief": 0.4 * nt1,
        "laaggeletterd_nt2_werkend": 0.5 * nt2, "laaggeletterd_nt2_werkzoekend": 0.1 * nt2, "laaggeletterd_nt2_inactief": 0.4 * nt2,
        "laaggeletterd_werkend": 0.5 * total, "laaggeletterd_werkzoekend": 0.1 * total, "laaggeletterd_inactief": 0.4 * total,
        "laaggeletterd_16_25": 0.2 * total, "laaggeletterd_25_45": 0.3 * total, "laaggeletterd_45_65": 0.5 * total,
    }
    return values


@pytest.fixture
def klein() -> pd.DataFrame:
    rows = [
        # niveau, code, naam, gemeente_code, gemeente_naam, regio, totaal, ww_personen, eerste_generatie_pct
        ("nederland", "NL00", "Nederland", None, None, None, 1000.0, 50.0, 16.0),
        ("arbeidsmarktregio", "AM05", "Twente", None, None, "AM05", 100.0, 5.0, 12.0),
        ("gemeente", "GM0153", "Enschede", "GM0153", "Enschede", "AM05", 60.0, None, 14.0),
        ("gemeente", "GM0164", "Hengelo", "GM0164", "Hengelo", "AM05", 40.0, 3.0, 9.0),
        ("wijk", "WK015301", "Centrum", "GM0153", "Enschede", "AM05", 40.0, None, None),
        ("wijk", "WK015302", "Zuid", "GM0153", "Enschede", "AM05", 20.0, None, 11.0),
        ("wijk", "WK015303", "Haven", "GM0153", "Enschede", "AM05", None, None, None),
    ]
    records = []
    for niveau, code, naam, gm, gm_naam, regio, totaal, ww, eerste in rows:
        record = {"niveau": niveau, "code": code, "naam": naam, "gemeente_code": gm, "gemeente_naam": gm_naam,
                  "arbeidsmarktregio_code": regio, "ww_personen": ww, "eerste_generatie_pct": eerste,
                  "inwoners_15_65": None if totaal is None else 10 * totaal,
                  "schatting_toelichting": "Grover" if niveau == "wijk" else None}
        record.update(_schatting(totaal) if totaal is not None else {})
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    for kolom in frame.columns:
        if kolom not in ("niveau", "code", "naam", "gemeente_code", "gemeente_naam", "arbeidsmarktregio_code",
                         "schatting_toelichting"):
            frame[kolom] = frame[kolom].astype("Float64")
    return frame


# --- key figures ---------------------------------------------------------------


@pytest.mark.parametrize("codes", [["AM12", "NL00"], ["GM0363", "AM18", "NL00"], ["NL00"], ["GM0088", "AM02", "NL00"]])
def test_key_figures_equal_the_gebieden(df, gebieden, codes):
    tabel = doelgroep.kerncijfers_tabel(df, codes)
    assert list(tabel["kolom"]) == list(doelgroep.KERN_KOLOMMEN)
    for code in codes:
        titel = queries.gebied_titel(df, code)
        for _, row in tabel.iterrows():
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
        pct = tabel.set_index("kolom").loc["laaggeletterd_16_65_pct"]
        titel = queries.gebied_titel(df, codes[0])
        assert pct["Verschil met Nederland (procentpunt)"] == pytest.approx(
            gebieden.at[codes[0], "laaggeletterd_16_65_pct"] - gebieden.at["NL00", "laaggeletterd_16_65_pct"])
        count = tabel.set_index("kolom").loc["laaggeletterd_16_65"]
        assert count["Aandeel van Nederland (%)"] == pytest.approx(
            100 * gebieden.at[codes[0], "laaggeletterd_16_65"] / gebieden.at["NL00", "laaggeletterd_16_65"])
        assert titel in tabel
    else:
        assert "Verschil met Nederland (procentpunt)" not in tabel


def test_key_figures_download_has_the_screens_precision(df, gebieden):
    download = doelgroep.kerncijfers_download(doelgroep.kerncijfers_tabel(df, ["AM12", "NL00"])).set_index("Indicator")
    assert "kolom" not in download.columns
    titel = "Arbeidsmarktregio Gooi en Vechtstreek"
    pct, aantal = download.loc["Laaggeletterd 16–65 jaar"].iloc[1], download.loc["Laaggeletterd 16–65 jaar"].iloc[0]
    assert aantal["Eenheid"] == "personen" and pct["Eenheid"] == "%"
    # the same numbers as on screen: a whole count, a percentage with one decimal (half up, as shown)
    assert aantal[titel] == round(gebieden.at["AM12", "laaggeletterd_16_65"])
    assert f"{pct[titel]:.1f}".replace(".", ",") == dutch(gebieden.at["AM12", "laaggeletterd_16_65_pct"], 1)
    assert f"{pct[titel + ', ondergrens']:.1f}".replace(".", ",") == dutch(gebieden.at["AM12", "laaggeletterd_16_65_pct_laag"], 1)
    assert aantal["Aandeel van Nederland (%)"] == float(
        dutch(100 * gebieden.at["AM12", "laaggeletterd_16_65"] / gebieden.at["NL00", "laaggeletterd_16_65"], 2).replace(",", "."))


def test_key_figures_on_screen_are_dutch_with_margins(df, gebieden):
    codes = ["GM0088", "AM02", "NL00"]  # Schiermonnikoog: education suppressed by CBS, no WW in the mirror
    titels = [queries.gebied_titel(df, code) for code in codes]
    shown = doelgroep.kerncijfers_weergave(doelgroep.kerncijfers_tabel(df, codes), titels).set_index("Indicator")
    regel = shown.loc["Laaggeletterd 16–65 jaar, % (schatting)"]
    gm = gebieden.loc["GM0088"]
    assert regel["Gemeente Schiermonnikoog"] == dutch(gm["laaggeletterd_16_65_pct"], 1) + "%"
    assert regel["Gemeente Schiermonnikoog: marge"] == (
        f"{dutch(gm['laaggeletterd_16_65_pct_laag'], 1)}–{dutch(gm['laaggeletterd_16_65_pct_hoog'], 1)}%")
    assert regel["Soort"] == "schatting"
    # missing stays "geen gegevens"; a CBS figure has no margin ("n.v.t."), which is not "geen gegevens"
    assert shown.loc["Laag opgeleid (15–75 jaar), %", "Gemeente Schiermonnikoog"] == GEEN_GEGEVENS
    assert shown.loc["Personen met WW, aantal", "Gemeente Schiermonnikoog"] == GEEN_GEGEVENS
    assert shown.loc["Personen met WW, aantal", "Verschil met Nederland"] == GEEN_GEGEVENS
    assert shown.loc["Bijstandsuitkeringen, aantal", "Gemeente Schiermonnikoog: marge"] == "n.v.t."
    assert shown.loc["Bijstandsuitkeringen, aantal", "Nederland"] == dutch(gebieden.at["NL00", "bijstandsuitkeringen"])
    assert shown.loc["Werkloosheid, %", "Verschil met Nederland"].endswith("procentpunt")
    assert all(bron.startswith("Bron:") for bron in shown["Bron"])


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


def test_breakdowns_add_up_for_every_region(df, gebieden, regio_codes):
    gemeenten = list(gebieden.index[gebieden["niveau"] == "gemeente"][:40])
    for code in ["NL00", *regio_codes, *gemeenten]:
        nt = doelgroep.nt_arbeid_tabel(df, code).set_index("Groep")
        totaal = gebieden.at[code, "laaggeletterd_16_65"]
        kolommen = list(doelgroep.NT_KOPPEN.values())
        assert all("schatting)" in kop for kop in [*kolommen, doelgroep.NT_TOTAAL, doelgroep.NT_AANDEEL])
        assert nt.at["Totaal", doelgroep.NT_TOTAAL] == totaal
        assert (nt[kolommen].sum(axis=1) == nt[doelgroep.NT_TOTAAL]).all(), code  # rows add up
        alle = kolommen + [doelgroep.NT_TOTAAL]
        assert (nt.drop(index="Totaal")[alle].sum() == nt.loc["Totaal", alle]).all(), code
        assert nt.at["NT2 (eerste generatie)", "Werkzoekend (schatting)"] == gebieden.at[code, "laaggeletterd_nt2_werkzoekend"]
        assert nt[doelgroep.NT_AANDEEL].iloc[:2].sum() == pytest.approx(100)

        samen = doelgroep.samenstelling_tabel(df, code)
        for kenmerk, groep in samen.groupby("Kenmerk"):
            assert groep["Aantal (schatting)"].sum() == totaal, (code, kenmerk)
            assert groep["Aandeel (%)"].sum() == pytest.approx(100)
            if code != "NL00":
                assert groep["Aandeel Nederland (%)"].sum() == pytest.approx(100)
                assert groep["Verschil (procentpunt)"].sum() == pytest.approx(0, abs=1e-9)
    assert "Aandeel Nederland (%)" not in doelgroep.samenstelling_tabel(df, "NL00")


def test_breakdown_figures(df):
    nt = doelgroep.nt_arbeid_tabel(df, "AM12")
    fig = doelgroep.nt_arbeid_figuur(nt, "titel", "Bron: test")
    assert fig.layout.barmode == "stack" and len(fig.data) == 3
    assert fig.layout.separators == ",."
    assert list(fig.data[0].y) == ["NT2 (eerste generatie)", "NT1 (geboren in Nederland)"]
    assert [trace.name for trace in fig.data] == [kop for _, kop in doelgroep.ARBEID]
    assert any("Bron: test" in annotation.text for annotation in fig.layout.annotations)
    samen = doelgroep.samenstelling_figuur(doelgroep.samenstelling_tabel(df, "AM12"), "Gooi en Vechtstreek", "t")
    assert [trace.name for trace in samen.data] == ["Gooi en Vechtstreek", "Nederland"]
    assert len(doelgroep.samenstelling_figuur(doelgroep.samenstelling_tabel(df, "NL00"), "Nederland", "t").data) == 1


# --- selections, tables, maps -----------------------------------------------------------


def test_wijk_selection_is_exactly_the_regions_wijken(df, gebieden, regio_codes):
    wijken = gebieden[gebieden["niveau"] == "wijk"]
    for code in regio_codes:
        rows = doelgroep.wijken(df, regio=code)
        assert sorted(rows["code"]) == sorted(wijken.index[wijken["arbeidsmarktregio_code"] == code]), code
        assert set(rows["niveau"]) == {"wijk"}
    amsterdam = doelgroep.wijken(df, regio="AM18", gemeente="GM0363")
    assert sorted(amsterdam["code"]) == sorted(wijken.index[wijken["gemeente_code"] == "GM0363"])
    with pytest.raises(ValueError, match="Kies een arbeidsmarktregio of gemeente"):
        doelgroep.wijken(df)


def test_gemeente_selection(df, gebieden):
    rows = doelgroep.gemeenten(df, "AM12")
    assert sorted(rows["code"]) == sorted(gebieden.index[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == "AM12")])
    assert list(rows["naam"]) == sorted(rows["naam"], key=str.casefold)
    assert len(doelgroep.gemeenten(df)) == 342


def test_vindplaatsen_table_values_and_order(df, gebieden):
    tabel, formats = doelgroep.vindplaatsen_tabel(df, "gemeente", "AM12", None)
    verwacht = gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    assert len(tabel) == len(verwacht)
    kop = doelgroep.label("laaggeletterd_16_65", "gemeente")
    assert list(tabel[kop]) == sorted(verwacht["laaggeletterd_16_65"].astype(float), reverse=True)
    for _, row in tabel.iterrows():
        bron = verwacht.loc[row["Code"]]
        assert row[doelgroep.label("bijstandsuitkeringen")] == bron["bijstandsuitkeringen"]
        assert row[doelgroep.label("laaggeletterd_16_65_pct_laag")] == pytest.approx(bron["laaggeletterd_16_65_pct_laag"])
        assert row[doelgroep.label("huishoudens_laag_inkomen_pct")] == pytest.approx(bron["huishoudens_laag_inkomen_pct"])
    assert set(formats) <= set(tabel.columns)


def test_wijk_table_marks_the_coarser_estimate_and_keeps_missing(df, gebieden):
    tabel, formats = doelgroep.vindplaatsen_tabel(df, "wijk", "AM12", None)
    wijken = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    assert len(tabel) == len(wijken)
    kop = "Laaggeletterd 16–65 jaar, % (schatting, per wijk grover)"
    assert kop in tabel
    assert "Huishoudens met een relatief laag inkomen, %" not in tabel  # gemeente level only
    eerste = doelgroep.label("eerste_generatie_pct", "wijk")
    ontbreekt = int(wijken["eerste_generatie_pct"].isna().sum())
    assert ontbreekt > 0 and int(tabel[eerste].isna().sum()) == ontbreekt
    shown = format_table(tabel, formats)
    assert (shown[eerste] == GEEN_GEGEVENS).sum() == ontbreekt
    assert not (shown[eerste] == "0,0%").any()
    assert tabel[doelgroep.TOELICHTING].str.startswith("Grover: opleiding en arbeid van de gemeente").all()


def test_missing_values_are_counted_with_their_reason(df, gebieden, built_data):
    ontbrekend = json.loads((built_data / "manifest.json").read_text(encoding="utf-8"))["ontbrekend"]
    rows = doelgroep.wijken(df, regio="AM12")
    regels = doelgroep.ontbrekend_regels(rows, doelgroep.VINDPLAATS_KOLOMMEN["wijk"], "wijk", ontbrekend)
    wijken = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    n = int(wijken["eerste_generatie_pct"].isna().sum())
    regel = next(r for r in regels if r.startswith("Eerste generatie:"))
    assert f"geen gegevens voor {n} van de {len(wijken)} wijken" in regel
    assert doelgroep.voor_gebruikers(ontbrekend["eerste_generatie_pct"]["wijk"]["reden"]) in regel
    assert "mirror" not in " ".join(regels) and "live op te halen" not in " ".join(regels)  # the users' words
    # Amsterdam: a wijk without bijstand in a gemeente whose other wijken have it was left out by CBS
    amsterdam = doelgroep.wijken(df, gemeente="GM0363")
    leeg = int(amsterdam["bijstand_personen"].isna().sum())
    assert 0 < leeg < len(amsterdam)
    (regel,) = doelgroep.ontbrekend_regels(amsterdam, ["bijstand_personen"], "wijk", ontbrekend)
    assert regel.startswith(f"Personen met bijstand: geen gegevens voor {leeg} van de {len(amsterdam)} wijken in gemeenten")
    assert regel.endswith(doelgroep.ONDERDRUKT)
    # without the manifest the registry's note explains it
    zonder = doelgroep.ontbrekend_regels(rows, ["bijstand_personen"], "wijk", {})
    assert indicators.get("bijstand_personen").toelichting in zonder[0]


def test_small_table_keeps_missing_missing(klein):
    rows = doelgroep.wijken(klein, regio="AM05")
    assert list(rows["code"]) == ["WK015301", "WK015303", "WK015302"]  # by name: Centrum, Haven, Zuid
    tabel, formats = doelgroep.gebiedstabel(rows, ["eerste_generatie_pct", "laaggeletterd_16_65"], "wijk")
    shown = format_table(tabel, formats).set_index("Naam")
    assert shown.at["Haven", "Laaggeletterd 16–65 jaar, aantal (schatting, per wijk grover)"] == GEEN_GEGEVENS
    assert shown.at["Centrum", "Eerste generatie, %"] == GEEN_GEGEVENS
    assert shown.at["Zuid", "Eerste generatie, %"] == "11,0%"
    assert shown.at["Zuid", "Laaggeletterd 16–65 jaar, ondergrens, aantal (schatting, per wijk grover)"] == "18"
    regels = doelgroep.ontbrekend_regels(rows, ["eerste_generatie_pct", "laaggeletterd_16_65"], "wijk", {})
    # Zuid has the figure, so its gemeente's other wijken were left out by CBS
    assert regels[0] == ("Eerste generatie: geen gegevens voor 2 van de 3 wijken in gemeenten waarvan de andere wijken "
                         "wel een cijfer hebben. " + doelgroep.ONDERDRUKT)
    assert regels[1].startswith("Laaggeletterd 16–65 jaar: geen gegevens voor 1 van de 3 wijken.")
    # where they live: the wijk without an estimate is left out, never counted as 0
    # the share and the count are of the wijken with an estimate (40 of 60 in 1 of those 2); the third is named apart
    assert doelgroep.concentratie_zin(rows, "wijk", "Enschede", top=1) == (
        "Naar schatting woont 67% van de laaggeletterden van 16 tot 65 jaar in Enschede in 1 van de 2 wijken met een "
        "schatting: Centrum (40). Voor 1 wijk is geen schatting beschikbaar.")
    partners = doelgroep.lees_partners()
    tabel = doelgroep.partners_tabel(klein, "GM0153", partners).set_index("Partner")
    assert np.isnan(tabel.at["UWV", "Aantal contactgroep"])  # Enschede has no WW figure here
    assert np.isnan(tabel.at["Gemeente, Werk en Inkomen", "Aantal"])  # column not in this table: missing, not 0
    shown = doelgroep.partners_weergave(tabel.reset_index())
    assert shown.at["UWV", "Ter vergelijking"] == f"Personen met WW: {GEEN_GEGEVENS}"
    assert shown.at["Gemeente, Werk en Inkomen", "Aantal"] == GEEN_GEGEVENS
    assert shown.at["Werkgevers", "Aantal"] == "30"


def test_concentration_sentences(df, gebieden):
    rows = doelgroep.gemeenten(df, "AM12")
    verwacht = gebieden.loc[rows["code"]].sort_values("laaggeletterd_16_65", ascending=False)
    zin = doelgroep.concentratie_zin(rows, "gemeente", "Gooi en Vechtstreek")
    top = verwacht.head(3)
    aandeel = 100 * top["laaggeletterd_16_65"].sum() / verwacht["laaggeletterd_16_65"].sum()
    namen = [f"{naam} ({dutch(waarde)})" for naam, waarde in zip(top["naam"], top["laaggeletterd_16_65"])]
    assert zin == (f"Naar schatting woont {dutch(aandeel)}% van de laaggeletterden van 16 tot 65 jaar in Gooi en "
                   f"Vechtstreek in 3 van de {len(rows)} gemeenten: {namen[0]}, {namen[1]} en {namen[2]}.")
    hoogste = verwacht.sort_values("laaggeletterd_16_65_pct").iloc[-1]
    zin = doelgroep.hoogste_aandeel_zin(rows, "gemeente")
    assert f"{hoogste['naam']}: {dutch(hoogste['laaggeletterd_16_65_pct'], 1)}%" in zin
    assert zin.endswith(f"; {dutch(hoogste['inwoners_15_65'])} inwoners van 15 tot 65 jaar).")  # its size, too
    # Schiermonnikoog: the sentence names its wijken with their estimates, as in the parquet file
    wijken = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["gemeente_code"] == "GM0088")]
    zin = doelgroep.concentratie_zin(doelgroep.wijken(df, gemeente="GM0088"), "wijk", "Schiermonnikoog")
    assert len(wijken) >= 1
    for naam, waarde in zip(wijken["naam"], wijken["laaggeletterd_16_65"]):
        assert f"{naam} ({'naar schatting ' if len(wijken) == 1 else ''}{dutch(waarde)})" in zin, zin
    if len(wijken) == 1:
        assert zin.startswith("Alle laaggeletterden van 16 tot 65 jaar in Schiermonnikoog wonen in ")


def test_map_of_the_selection_only(df, built_data):
    values = queries.kaartwaarden(df, "wijk", "laaggeletterd_16_65_pct", regio="AM12")
    grenzen = geo.read_boundaries(built_data, "wijk")
    fig = figures.choropleth(grenzen, values, "laaggeletterd_16_65_pct", "titel", bron="Bron: x")
    getoond = {code for trace in fig.data for code in trace.locations}
    assert getoond == set(values["code"]) & {f["id"] for f in grenzen["features"]}
    assert len(getoond) == len(values) == len(doelgroep.wijken(df, regio="AM12"))  # the map is the table's areas
    with pytest.raises(ValueError):
        figures.choropleth(grenzen, values.assign(code="XX"), "laaggeletterd_16_65_pct", "t")


def test_map_options_are_in_the_tables(df):
    # the table under each map is its table alternative: every map option is a column of it
    assert set(doelgroep.DOELGROEP_KAART_OPTIES) <= set(doelgroep.DOELGROEP_GEMEENTE_KOLOMMEN)
    for niveau in doelgroep.NIVEAUS:
        assert set(doelgroep.VINDPLAATS_KAART_OPTIES[niveau]) <= set(doelgroep.VINDPLAATS_KOLOMMEN[niveau])
        for kolom in doelgroep.VINDPLAATS_KOLOMMEN[niveau]:
            assert niveau in indicators.get(kolom).niveaus, (niveau, kolom)
    assert queries.indicator_opties(df, "gemeente", doelgroep.DOELGROEP_KAART_OPTIES)[0] == "laaggeletterd_16_65_pct"


def test_gemeente_table_has_intervals_next_to_estimates(df, gebieden):
    tabel, formats = doelgroep.doelgroep_gemeentetabel(df, "AM12")
    kolommen = list(tabel.columns)
    i = kolommen.index("Laaggeletterd 16–65 jaar, % (schatting)")
    assert kolommen[i + 1:i + 3] == ["Laaggeletterd 16–65 jaar, ondergrens, % (schatting)",
                                     "Laaggeletterd 16–65 jaar, bovengrens, % (schatting)"]
    hilversum = tabel.set_index("Code").loc["GM0402"]
    assert hilversum["Laaggeletterd 16–65 jaar, aantal (schatting)"] == gebieden.at["GM0402", "laaggeletterd_16_65"]
    assert hilversum["Werkzame beroepsbevolking (15–75 jaar), aantal"] == gebieden.at["GM0402", "werkzame_beroepsbevolking"]
    schier = doelgroep.doelgroep_gemeentetabel(df, "AM02")[0].set_index("Code").loc["GM0088"]
    assert "regio" in schier[doelgroep.TOELICHTING]  # CBS suppressed education: the region's distribution is used


# --- partners and professionals ---------------------------------------------------------


VERWACHTE_PARTNERS = {
    "Werkgevers": ("laaggeletterd_werkend", "werkzame_beroepsbevolking"),
    "UWV": ("laaggeletterd_werkzoekend", "ww_personen"),
    "Gemeente, Werk en Inkomen": ("bijstandsuitkeringen", None),
    "Regionaal Werkcentrum": ("laaggeletterd_werkend+laaggeletterd_werkzoekend", "beroepsbevolking"),
    "Taalhuis / bibliotheek": ("laaggeletterd_16_75", None),
    "Wijkteams": ("laaggeletterd_inactief", None),
    "Inburgering": ("laaggeletterd_nt2", "eerste_generatie"),
}


def test_partners_table_reads_the_right_indicator(df, gebieden, partners, regio_codes):
    assert list(partners["partner"]) == list(VERWACHTE_PARTNERS)
    for code in ["NL00", *regio_codes, "GM0363"]:
        tabel = doelgroep.partners_tabel(df, code, partners).set_index("Partner")
        row = gebieden.loc[code]
        for partner, (indicator, contact) in VERWACHTE_PARTNERS.items():
            verwacht = sum(_num(row[k]) for k in indicator.split("+"))
            assert tabel.at[partner, "Aantal"] == pytest.approx(verwacht), (code, partner)
            assert tabel.at[partner, "Basis van het aantal"].strip(), (code, partner)
            assert tabel.at[partner, "Bron aantal"].startswith("Bron:")
            assert tabel.at[partner, "Bron rol"].strip()
            if contact:
                assert tabel.at[partner, "Aantal contactgroep"] == pytest.approx(_num(row[contact]), nan_ok=True)
                assert tabel.at[partner, "Contactgroep"] == indicators.get(contact).label
        assert tabel.at["Taalhuis / bibliotheek", "Ondergrens"] == row["laaggeletterd_16_75_laag"]
        assert tabel.at["Taalhuis / bibliotheek", "Bovengrens"] == row["laaggeletterd_16_75_hoog"]
        assert tabel.at["Gemeente, Werk en Inkomen", "Soort"] == "telling"
        assert tabel.at["Werkgevers", "Soort"] == "schatting"
        assert "25 tot 50%" in tabel.at["Gemeente, Werk en Inkomen", "Indicatie"]


def test_partners_on_screen(df, gebieden, partners):
    tabel = doelgroep.partners_tabel(df, "GM0088", partners)
    shown = doelgroep.partners_weergave(tabel)
    row = gebieden.loc["GM0088"]
    assert shown.at["Werkgevers", "Aantal"] == dutch(row["laaggeletterd_werkend"])
    assert shown.at["Werkgevers", "Marge"] == "geen aparte marge"
    assert shown.at["Gemeente, Werk en Inkomen", "Marge"] == "telling"
    assert shown.at["Taalhuis / bibliotheek", "Marge"] == f"{dutch(row['laaggeletterd_16_75_laag'])}–{dutch(row['laaggeletterd_16_75_hoog'])}"
    assert pd.isna(row["ww_personen"]) and shown.at["UWV", "Ter vergelijking"] == f"Personen met WW: {GEEN_GEGEVENS}"
    assert shown.at["Wijkteams", "Ter vergelijking"] == ""  # no contact group: empty, not "geen gegevens"
    assert shown.at["Werkgevers", "Ter vergelijking"] == (
        f"Werkzame beroepsbevolking (15–75 jaar): {dutch(row['werkzame_beroepsbevolking'])}")
    assert "25 tot 50%" in shown.at["Gemeente, Werk en Inkomen", "Basis van het aantal"]  # the ROA indication
    rollen = doelgroep.partners_rollen(tabel)
    assert rollen.at["Werkgevers", "Professionals (handreiking)"] == "Werkgevers"
    assert rollen["Bron"].str.contains("Handreiking professionaliseringsopgave").all()
    zin = doelgroep.partners_zin(df, "GM0088")
    assert dutch(row["laaggeletterd_werkend"]) in zin and dutch(row["laaggeletterd_inactief"]) in zin


def test_partner_reference_is_sourced(partners):
    assert partners["bron"].notna().all() and partners["bron_sectie"].notna().all()
    handreiking = partners[partners["bron"] == doelgroep.HANDREIKING]
    assert set(handreiking["partner"]) == {"Werkgevers", "UWV", "Gemeente, Werk en Inkomen", "Regionaal Werkcentrum",
                                           "Taalhuis / bibliotheek"}
    aanvulling = partners[partners["bron"] != doelgroep.HANDREIKING]
    assert aanvulling["bron"].str.contains("aanvulling").all()  # not claimed to be in the handreiking
    assert (partners.loc[partners["indicatie"].notna(), "indicatie_bron_url"].str.startswith("https://")).all()
    assert doelgroep.partner_indicatoren(partners)[0] == "laaggeletterd_werkend"


def test_partner_reference_with_unknown_indicator_is_a_dutch_error(tmp_path):
    for naam in ("vindplaatsen_partners", "professionals_handreiking"):
        shutil.copy(REFERENCE_DIR / f"{naam}.csv", tmp_path / f"{naam}.csv")
    path = tmp_path / "vindplaatsen_partners.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("laaggeletterd_inactief", "bestaat_niet"), encoding="utf-8")
    with pytest.raises(SchemaError, match="Wijkteams: indicator 'bestaat_niet' bestaat niet"):
        doelgroep.lees_partners(tmp_path)
    (tmp_path / "professionals_handreiking.csv").write_text("volgorde,professionals\n1,Werkgevers\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="mist de kolom"):
        doelgroep.lees_professionals(tmp_path)


def _woorden(text: str) -> str:
    """Lower case letters and digits only, single spaces: survives the line breaks and bullets of the seed text."""
    text = re.sub(r"-\s*\n\s*", "-", text.lower())  # "VNO-\nNCW" is one word broken over two lines
    return " ".join(re.sub(r"[^0-9a-zà-ÿ ]", "", text.replace("\n", " ")).split())


def test_professionals_table_is_the_handreikings():
    seed = _woorden(handreiking_text())
    professionals = doelgroep.lees_professionals()
    assert list(professionals["professionals"]) == ["Werkgevers", "Bemiddelaars", "Netwerkers"]
    assert (professionals["bron"] == doelgroep.HANDREIKING).all()
    for waarom in professionals["waarom"]:
        assert _woorden(waarom) in seed, waarom  # word for word
    for term in ("leidinggevenden", "HR-professionals", "midden- en kleinbedrijf", "klantmanagers", "trajectbegeleiders",
                 "VNO-NCW", "aanjagers van de werkgeversaanpak", "werkgeversverenigingen", "LORA"):
        assert _woorden(term) in seed and term in " ".join(professionals["wie"]), term
    shown = doelgroep.professionals_weergave(professionals)  # laid out as in the handreiking
    assert list(shown.columns) == ["Werkgevers", "Bemiddelaars", "Netwerkers"]
    assert list(shown.index) == ["Waarom deze professionals?", "Wie zijn deze professionals?"]
    download = doelgroep.professionals_download(professionals)
    assert list(download.columns) == ["Professionals", "Waarom deze professionals?", "Wie zijn deze professionals?", "Bron"]
    assert download["Bron"].str.startswith(doelgroep.HANDREIKING).all()


def test_werkgevers_by_sector(df, gebieden):
    regio = doelgroep.werkgevers_sectoren(df, "AM12")
    assert regio["Vestigingen"].isna().all()  # partial in the mirror: missing for the region, never a partial sum
    groningen = doelgroep.werkgevers_sectoren(df, "GM0014")
    for _, row in groningen.iterrows():
        assert row["Vestigingen"] == gebieden.at["GM0014", row["kolom"]]
    assert groningen["Aandeel (%)"].sum() == pytest.approx(
        100 * groningen["Vestigingen"].sum() / gebieden.at["GM0014", "vestigingen_totaal"])


def test_unknown_area_is_a_dutch_key_error(df):
    with pytest.raises(KeyError, match="komt niet voor"):
        doelgroep.nt_arbeid_tabel(df, "AM99")
    with pytest.raises(ValueError, match="Onbekend niveau"):
        doelgroep.gebieden_van(df, "buurt", "AM12", None)
