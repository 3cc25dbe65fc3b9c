"""Bronnen & methode (pure functions): sources merged with the manifest, the manifest tables, the
indicator list, the reference tables and the estimate's tables. Small manifests first, then the build."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from llo_dash import indicators, sources, ui
from llo_dash.estimate.method import parameter_table, scenario_labels
from llo_dash.views import bronnen
from llo_dash.reference import REFERENCE_DIR, read_reference
from tests.apptest import dutch

KLEIN_MANIFEST = {
    "gebouwd_op": "2026-01-15T09:05:00+00:00",
    "code_versie": {"pakket": "0.1.0", "git": "abc123"},
    "mirror": "/mirror",
    "duur_seconden": 6.25,
    "bronnen": [
        {"id": "gebieden_2025", "path": "/mirror/a.csv", "origin": "mirror", "sha256": "aa" * 32, "bytes": 1234},
        {"id": "grenzen_wijk_2024", "path": "/cache/w.geojson", "origin": "download", "sha256": "bb" * 32, "bytes": 99},
        {"id": "banen", "path": "https://opendata.cbs.nl/ODataFeed/odata/83582NED", "origin": "live (CBS OData)",
         "sha256": "", "bytes": 0},
        {"id": "oude_bron", "path": "/mirror/oud.csv", "origin": "mirror", "sha256": "cc" * 32, "bytes": 5,
         "titel": "Een oude bron", "url": "https://example.org"},
    ],
    "bestanden": [
        {"bestand": "cbs/gebieden.parquet", "rijen": 10, "kolommen": 4, "bytes": 100, "sha256": "dd" * 32},
        {"bestand": "geo/gemeente.geojson", "rijen": 3, "bytes": 50, "sha256": "ee" * 32},
    ],
    "ontbrekend": {
        "laag_opgeleid_pct": {"gemeente": {"ontbrekend": 1, "totaal": 342, "reden": "CBS onderdrukt."}},
        "ww_personen": {"gemeente": {"ontbrekend": 242, "totaal": 342, "reden": "Niet in de mirror."},
                        "wijk": {"ontbrekend": 3000, "totaal": 3393, "reden": "Alleen 48 gemeenten."}},
    },
    "controles": ["342 gemeenten", "geen code verloren"],
}


# --- sources ---------------------------------------------------------------------------


def test_every_registry_source_is_in_the_table():
    tabel = bronnen.bronnen_tabel(KLEIN_MANIFEST)
    assert tabel.labels == ["Id", "Titel", "Uitgever", "Periode", "Licentie", "URL", "CBS-tabel", "Bestand in mirror",
                            "Kanttekening", "Bronvermelding", "Herkomst", "Bestand gelezen", "Bytes", "SHA-256"]
    assert set(bronnen.BRONNEN_VOLGORDE) == set(tabel.labels)  # the screen's order names every column once
    rows = tabel.waarden().set_index("Id")
    for source in sources.SOURCES:
        assert source.id in rows.index
        row = rows.loc[source.id]
        assert (row["Titel"], row["Uitgever"], row["Periode"], row["Licentie"], row["URL"], row["Bestand in mirror"],
                row["Kanttekening"]) == (source.title, source.publisher, source.period, source.licence, source.url,
                                         source.mirror_path, source.caveat)


def test_sources_are_merged_with_the_manifest():
    rows = bronnen.bronnen_tabel(KLEIN_MANIFEST).waarden().set_index("Id")
    assert rows.at["gebieden_2025", "Herkomst"] == "mirror (lokale kopie)"
    assert rows.at["gebieden_2025", "SHA-256"] == "aa" * 32 and rows.at["gebieden_2025", "Bytes"] == 1234
    assert rows.at["grenzen_wijk_2024", "Herkomst"] == "gedownload van de openbare URL"
    assert rows.at["banen", "Herkomst"] == "live (CBS OData)"
    assert rows.at["onderwijsniveau", "Herkomst"] == bronnen.NIET_GEBRUIKT
    assert pd.isna(rows.at["onderwijsniveau", "Bytes"])
    # a source the manifest names but the registry no longer has is still listed, at the end
    assert rows.index[-1] == "oude_bron" and rows.at["oude_bron", "Titel"] == "Een oude bron"
    assert len(rows) == len(sources.SOURCES) + 1


def test_sources_without_manifest():
    tabel = bronnen.bronnen_tabel({}).frame
    assert len(tabel) == len(sources.SOURCES)
    assert (tabel["herkomst"] == bronnen.NIET_GEBRUIKT).all()
    assert tabel["bytes"].isna().all()  # missing, never 0


# --- manifest ----------------------------------------------------------------------------


def test_build_summary():
    rows = dict(bronnen.bouw_samenvatting(KLEIN_MANIFEST).frame.values.tolist())
    assert rows["Gebouwd op"] == "15 januari 2026, 10:05 uur"
    assert rows["Codeversie"] == "pakket: 0.1.0 · git: abc123"
    assert rows["Duur van de bouw"] == "6,3 seconden"
    assert rows["Gebruikte bronbestanden"] == "4" and rows["Geslaagde controles"] == "2"


def test_files_table_equals_manifest():
    tabel = bronnen.bestanden_tabel(KLEIN_MANIFEST).waarden()
    assert list(tabel.columns) == ["Bestand", "Inhoud", "Rijen", "Kolommen", "Bytes", "SHA-256"]
    assert tabel["Bestand"].tolist() == ["cbs/gebieden.parquet", "geo/gemeente.geojson"]
    assert tabel["Inhoud"].iloc[0].startswith("Eén rij per gebied") and "gemeente" in tabel["Inhoud"].iloc[1]
    assert tabel["Rijen"].tolist() == [10, 3] and tabel["Bytes"].tolist() == [100, 50]
    assert tabel["Kolommen"].iloc[0] == 4 and pd.isna(tabel["Kolommen"].iloc[1])  # a map has no columns
    assert bronnen.bestanden_tabel({}).frame.empty


def test_missing_values_table():
    tabel = bronnen.ontbrekend_tabel(KLEIN_MANIFEST).waarden()
    assert list(tabel.columns) == ["Indicator", "Niveau", "Ontbrekend", "Totaal", "Percentage ontbrekend", "Reden", "Kolom"]
    assert len(tabel) == 3
    row = tabel[(tabel["Kolom"] == "ww_personen") & (tabel["Niveau"] == "wijk")].iloc[0]
    assert (row["Ontbrekend"], row["Totaal"], row["Reden"]) == (3000, 3393, "Alleen 48 gemeenten.")
    assert row["Percentage ontbrekend"] == pytest.approx(100 * 3000 / 3393)
    assert row["Indicator"] == "Personen met WW"
    assert tabel.loc[tabel["Kolom"] == "laag_opgeleid_pct", "Indicator"].iloc[0] == "Laag opgeleid (15–75 jaar) (%)"


def test_checks_table():
    assert bronnen.controles_tabel(KLEIN_MANIFEST).waarden().values.tolist() == [
        ["342 gemeenten", "geslaagd"], ["geen code verloren", "geslaagd"],
    ]
    assert bronnen.controles_lijst(KLEIN_MANIFEST) == (
        "- :material/check_circle: 342 gemeenten\n- :material/check_circle: geen code verloren")


def test_read_manifest(tmp_path):
    path = tmp_path / "manifest.json"
    assert ui.lees_manifest(path) == {}
    path.write_text(json.dumps(KLEIN_MANIFEST), encoding="utf-8")
    assert ui.lees_manifest(path) == KLEIN_MANIFEST
    path.write_text("{kapot", encoding="utf-8")
    assert ui.lees_manifest(path) == {}
    assert bronnen.bouw_bron(KLEIN_MANIFEST) == (
        "Bouwgegevens van het LLO Regiodashboard (data/manifest.json), gebouwd op 15 januari 2026, 10:05 uur.")


# --- indicators ----------------------------------------------------------------------------


def test_indicator_list_is_complete():
    tabel = bronnen.indicatoren_tabel().waarden()
    assert tabel["Kolom"].tolist() == [indicator.kolom for indicator in indicators.INDICATOREN]
    rows = tabel.set_index("Kolom")
    for indicator in indicators.INDICATOREN:
        row = rows.loc[indicator.kolom]
        assert row["Label"] == indicator.label and row["Eenheid"] == indicator.eenheid
        assert row["Peildatum"] == indicator.peildatum and row["Thema"] == indicator.thema
        assert row["Schatting"] == ("ja" if indicator.schatting else "nee")
        assert row["Rekenregel"] == bronnen.REKENREGELS[indicator.aggregatie]  # every rule has a Dutch sentence
        assert row["Toelichting"] == indicator.toelichting
        for source_id in indicator.bronnen:
            assert sources.get(source_id).title in row["Bronnen"]


# --- reference tables ------------------------------------------------------------------------


def test_reference_tables_with_their_sources():
    tabel = bronnen.referentie_overzicht().waarden()
    assert tabel["Tabel"].tolist() == sorted(path.stem for path in REFERENCE_DIR.glob("*.csv"))
    for row in tabel.itertuples():
        raw = pd.read_csv(REFERENCE_DIR / f"{row.Tabel}.csv", dtype=str)
        assert row.Rijen == len(raw) and row.Kolommen == len(raw.columns)
        assert row._6 >= 1 and row.Bronnen, f"{row.Tabel} noemt geen bron"
        assert row.Omschrijving
    known = tabel.set_index("Tabel")
    assert "http" in known.at["geletterdheid_parameters", "Bronnen"]  # source URLs are listed with the titles
    assert known.at["geletterdheid_parameters", "Omschrijving"] == bronnen.REFERENTIE_OMSCHRIJVING["geletterdheid_parameters"]


def test_reference_tables_on_screen_are_dutch():
    leeg_getal = leeg_tekst = 0
    for naam in bronnen.referentie_namen():
        frame = read_reference(naam)
        tabel = bronnen.referentie_tabel(frame)
        assert tabel.labels == list(frame.columns)  # headers as in the file
        shown, download = tabel.als_tekst(), tabel.download()
        for kolom in frame.columns:
            numeriek = pd.api.types.is_numeric_dtype(frame[kolom])
            assert tabel.kolommen[kolom].numeriek == numeriek, (naam, kolom)  # numbers stay numbers (sorting)
            for raw, text, file in zip(frame[kolom], shown[kolom], download[kolom]):
                if numeriek:
                    if pd.isna(raw):
                        leeg_getal += 1
                        assert text == "geen gegevens" and pd.isna(file), (naam, kolom)
                    else:  # Dutch, as few decimals as needed (at most 3): 0.25 -> "0,25", 4000.0 -> "4.000"
                        assert text == dutch(raw, 3).rstrip("0").rstrip(","), (naam, kolom, raw, text)
                        assert file == raw, (naam, kolom)  # no reference number has more than 3 decimals
                elif pd.isna(raw):
                    leeg_tekst += 1
                    assert text == "" and file == "", (naam, kolom)  # never "None", never "geen gegevens"
    assert leeg_getal and leeg_tekst  # both cases occur in the reference tables
    typering = read_reference("uwv_spanningsindicator_typering")
    assert bronnen.url_kolommen(typering) == ["bron_url", "bron_url_afwijkend"]
    assert bronnen.url_kolommen(["Bron", "Bron-URL", "urlaub"]) == ["Bron-URL"]


def test_reference_numbers_get_the_decimals_they_need():
    tabel = bronnen.referentie_tabel(pd.DataFrame({"a": [1.0, 2.0], "b": [0.25, 4000.0], "c": [0.0187644, None]}))
    assert [tabel.kolommen[k].aantal_decimalen for k in "abc"] == [0, 2, 3]
    assert tabel.als_tekst().values.tolist() == [["1", "0,25", "0,019"], ["2", "4.000", "geen gegevens"]]
    assert tabel.download()["c"].iloc[0] == 0.019  # rounded as on screen
    assert tabel.excel_formaten() == {"a": "#,##0", "b": "#,##0.00", "c": "#,##0.000"}


def _verschillen() -> pd.DataFrame:
    return pd.DataFrame({
        "niveau": ["arbeidsmarktregio", "nederland", "arbeidsmarktregio", "arbeidsmarktregio"],
        "code": ["AM01", "NL00", "AM02", "AM02"],
        "kolom": ["inwoners_15_75", "laag_opgeleid_pct", "inwoners_15_75", "laag_opgeleid_pct"],
        "cbs_waarde": [581800.0, 26.2, 490200.0, 25.0],
        "aggregaat_gemeenten": [581900.0, 26.1543, float("nan"), 25.0],
        "verschil": [-100.0, 0.0457, float("nan"), 0.0],
        "verschil_pct": [-0.017188, 0.1747, float("nan"), 0.0],
        "gebruikt": ["cbs_waarde"] * 4,
    })


def test_region_differences_filter_keeps_unknown_differences():
    tabel = bronnen.regio_verschillen_tabel(_verschillen())
    assert bronnen.regio_verschillen_filter(tabel).frame.equals(tabel.frame)
    alleen = bronnen.regio_verschillen_filter(tabel, alleen=True)
    assert alleen.frame["code"].tolist() == ["AM01", "NL00", "AM02"]  # unknown is not zero: the row stays
    laag = "Laag opgeleid (15–75 jaar) (%)"
    assert bronnen.regio_verschillen_indicatoren(tabel) == [bronnen.ALLE_INDICATOREN, "Inwoners 15 tot 75 jaar", laag]
    assert bronnen.regio_verschillen_filter(tabel, laag, alleen=True).frame["code"].tolist() == ["NL00"]
    gefilterd = bronnen.regio_verschillen_filter(tabel, laag)
    assert gefilterd.frame["code"].tolist() == ["NL00", "AM02"]
    assert gefilterd.als_tekst()["Cijfer CBS"].tolist() == ["26,2%", "25,0%"]  # each row still in its own unit


def test_short_numbers():
    assert bronnen.getal_kort(15.9) == "15,9"
    assert bronnen.getal_kort(4000) == "4.000"
    assert bronnen.getal_kort(0.15) == "0,15"
    assert bronnen.getal_kort(0.0187644) == "0,019"
    assert bronnen.getal_kort(float("nan")) == "geen gegevens"


# --- the estimate's tables --------------------------------------------------------------------


def test_effects_table_wide_with_dutch_labels():
    effecten = pd.DataFrame({
        "scenario": ["centraal", "centraal", "hoog_sterk", "hoog_sterk"],
        "dimensie": ["opleiding", "opleiding"] * 2,
        "categorie": ["basisonderwijs", "hoog"] * 2,
        "odds_ratio": [1.0, 0.02, 1.0, 0.01],
    })
    tabel = bronnen.effecten_tabel(effecten)
    assert tabel.labels == ["Kenmerk", "Groep", *scenario_labels(["centraal", "hoog_sterk"])]
    assert tabel.waarden().iloc[1].tolist() == ["Opleiding", "Hoog", 0.02, 0.01]
    assert tabel.als_tekst().iloc[1].tolist() == ["Opleiding", "Hoog", "0,020", "0,010"]  # odds ratios: 3 decimals


def test_scenarios_table_nederland_first_with_range():
    scenarios = pd.DataFrame({"code": ["AM02", "NL00", "AM01"], "centraal": [14.0, 15.9, 13.0], "hoog_zwak": [13.5, 15.9, 13.4]})
    namen = pd.DataFrame({"code": ["NL00", "AM01", "AM02"], "naam": ["Nederland", "Noord", "Zuid"]})
    tabel = bronnen.scenarios_tabel(scenarios, namen).waarden()
    assert tabel["Code"].tolist() == ["NL00", "AM01", "AM02"] and tabel["Naam"].tolist() == ["Nederland", "Noord", "Zuid"]
    assert tabel["Laagste scenario"].tolist() == [15.9, 13.0, 13.5]
    assert tabel["Hoogste scenario"].tolist() == [15.9, 13.4, 14.0]
    assert "Centrale schatting" in tabel.columns


# --- on the built data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest(built_data) -> dict:
    return json.loads((built_data / "manifest.json").read_text(encoding="utf-8"))


def test_built_manifest_tables(built_data, manifest):
    bestanden = bronnen.bestanden_tabel(manifest).waarden()
    assert bestanden["Bestand"].tolist() == [entry["bestand"] for entry in manifest["bestanden"]]
    assert bestanden["Rijen"].tolist() == [entry["rijen"] for entry in manifest["bestanden"]]
    assert bestanden["SHA-256"].tolist() == [entry["sha256"] for entry in manifest["bestanden"]]
    ontbrekend = bronnen.ontbrekend_tabel(manifest).waarden()
    assert len(ontbrekend) == sum(len(levels) for levels in manifest["ontbrekend"].values())
    assert int(ontbrekend["Ontbrekend"].sum()) == sum(
        info["ontbrekend"] for levels in manifest["ontbrekend"].values() for info in levels.values()
    )
    assert bronnen.controles_tabel(manifest).waarden()["Controle"].tolist() == manifest["controles"]
    rows = bronnen.bronnen_tabel(manifest).waarden().set_index("Id")
    for entry in manifest["bronnen"]:
        assert rows.at[entry["id"], "SHA-256"] == entry["sha256"] and rows.at[entry["id"], "Bytes"] == entry["bytes"]


def test_built_region_differences(built_data, gebieden):
    verschillen = pd.read_parquet(built_data / "cbs" / "regio_verschillen.parquet")
    tabel = bronnen.regio_verschillen_tabel(verschillen, gebieden).waarden()
    assert len(tabel) == len(verschillen)
    assert (tabel["Naam"] != tabel["Code"]).all()  # every code has its name
    assert set(tabel["Getoond in het dashboard"]) <= {"cijfer van CBS", "som van de gemeenten"}
    known = tabel["Som gemeenten"].notna()
    assert (tabel.loc[known, "Cijfer CBS"] - tabel.loc[known, "Som gemeenten"]).round(6).tolist() == (
        tabel.loc[known, "Verschil"].round(6).tolist()
    )


def test_built_estimate_tables(built_data):
    effecten = pd.read_parquet(built_data / "geletterdheid" / "effecten.parquet")
    tabel = bronnen.effecten_tabel(effecten)
    assert len(tabel.frame) == effecten.groupby(["dimensie", "categorie"]).ngroups
    assert tabel.labels[2] == "Centrale schatting"
    scenarios = pd.read_parquet(built_data / "geletterdheid" / "scenarios.parquet")
    assert bronnen.scenarios_tabel(scenarios).waarden()["Code"].iloc[0] == "NL00"
    controle = bronnen.controle_tabel(pd.read_parquet(built_data / "geletterdheid" / "controle.parquet")).waarden()
    assert controle.columns[0] == "Groep" and "Gepubliceerd 2012 (%)" in controle.columns
    assert all(" " in kolom or kolom[0].isupper() for kolom in controle.columns), "Dutch headers, no raw column names"


def test_screen_texts_per_unit():
    tabel = bronnen.regio_verschillen_tabel(_verschillen())
    shown = tabel.als_tekst()
    kolommen = ["Cijfer CBS", "Som gemeenten", "Verschil", "Verschil (%)"]
    assert shown.iloc[0][kolommen].tolist() == ["581.800", "581.900", "-100", "-0,02"]
    assert shown.iloc[1][kolommen].tolist() == ["26,2%", "26,2%", "0,0 procentpunt", "+0,17"]
    assert shown.iloc[2][["Som gemeenten", "Verschil"]].tolist() == ["geen gegevens", "geen gegevens"]
    assert tabel.waarden()["Getoond in het dashboard"].tolist() == ["cijfer van CBS"] * 4
    # the download: real numbers, each row rounded as on screen
    download = tabel.download()
    assert download.iloc[1][["Cijfer CBS", "Som gemeenten", "Verschil", "Verschil (%)"]].tolist() == [26.2, 26.2, 0.0, 0.17]
    assert download.iloc[0][["Som gemeenten", "Verschil (%)"]].tolist() == [581900.0, -0.02]
    files = bronnen.bestanden_tabel(KLEIN_MANIFEST).als_tekst()
    assert files["Kolommen"].tolist() == ["4", "geen gegevens"] and files["Bytes"].tolist() == ["100", "50"]


def test_parameter_table_describes_every_parameter_in_dutch():
    """The screen says what a parameter is ("Laaggeletterd 16–65 jaar, Nederland 2023"), not only its code; the
    code stays as a column (the method text and the column Gebruik refer to it)."""
    parameters = read_reference("geletterdheid_parameters")
    tabel = parameter_table(parameters)
    assert list(tabel.columns[:2]) == ["Parameter", "Scenario"] and "Code" in tabel.columns
    assert tabel["Code"].tolist() == parameters["parameter"].tolist()
    omschrijving = dict(zip(tabel["Code"], tabel["Parameter"]))
    assert all("_" not in tekst and " " in tekst for tekst in omschrijving.values()), omschrijving
    assert len(set(omschrijving.values())) == len(omschrijving)  # two parameters never read the same
    assert tabel[["Bron", "Bron-URL"]].equals(parameters[["bron", "bron_url"]].set_axis(["Bron", "Bron-URL"], axis=1))
    # the page's table: the same columns, the values numbers (sorting), empty text cells empty
    scherm = bronnen.parameters_tabel()
    assert scherm.labels == list(tabel.columns) and scherm.kolommen["Waarde"].numeriek
    assert scherm.waarden()["Waarde"].tolist() == tabel["Waarde"].tolist()
    assert scherm.waarden()["Bron-URL"].tolist() == tabel["Bron-URL"].fillna("").tolist()


@pytest.mark.parametrize("url, tekst", [
    ("https://opendata.cbs.nl/statline/#/CBS/nl/dataset/86059NED/table", "opendata.cbs.nl"),
    ("https://www.cbs.nl/nl-nl/dossier/nederland-regionaal", "cbs.nl"),
    ("http://roa.nl?x=1", "roa.nl"),
])
def test_link_text_is_the_site(url, tekst):
    """What a link column shows (a JavaScript regex; its first group is the text): the site, not the long URL."""
    assert re.search(bronnen.LINK_TEKST, url).group(1) == tekst
