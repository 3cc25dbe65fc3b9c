"""The pages Vergelijken and Bronnen & methode headless (AppTest).

The pages are run as files (as `st.navigation` runs them), so a run costs well under a second
once the data are cached. Expected values are computed here from the parquet and the manifest
with plain Python, not with the app's formatting code, so a formatting or lookup bug cannot hide.
"""

from __future__ import annotations

import functools

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from llo_dash.config import PROJECT_ROOT
from llo_dash.views import buren
from tests.apptest import REGIO_CODES, Sessie, assert_ok, captions, dutch, markdown_text, run_page

VERGELIJKEN = str(PROJECT_ROOT / "pages" / "vergelijken.py")
BRONNEN = str(PROJECT_ROOT / "pages" / "bronnen.py")
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]
SCHATTING = "Laaggeletterd 16–65 jaar, % (schatting)"


def vergelijk_tabel(at: AppTest) -> pd.DataFrame:
    """The side-by-side table: text with units per row ("14,4% (13,4–15,5%)"), so a static table."""
    (tabel,) = [table.value for table in at.table if "Indicator" in table.value.columns]
    assert not any("Indicator" in df.value.columns for df in at.dataframe)  # not a sortable table of text
    return tabel.set_index("Indicator")


# --- Vergelijken ------------------------------------------------------------------------


@functools.cache
def regio_buren(data_dir) -> dict:
    return buren.buren(data_dir)


@pytest.mark.parametrize("code", REGIO_CODES)
def test_vergelijken_for_every_region(built_data, gebieden, code):
    at = run_page(VERGELIJKEN, regio=code)
    assert_ok(at)
    assert not at.warning, [w.value for w in at.warning]
    row = gebieden.loc[code]
    naam, nl = row["naam"], gebieden.loc["NL00"]
    assert at.query_params["regio"] == code and "vergelijk" not in at.query_params  # the default is not in the link
    assert at.radio(key="_w_vergelijk_niveau").value == "arbeidsmarktregio"
    gekozen = at.multiselect(key="_w_vergelijk").value
    naast = regio_buren(built_data)[code]
    assert gekozen == [code, *naast[:5]]  # the region and its neighbours (a shared border), at most six

    tabel = vergelijk_tabel(at)
    assert list(tabel.columns)[0] == naam and "Nederland" in tabel.columns
    assert tabel.at["Inwoners, aantal", naam] == dutch(row["inwoners"])
    assert tabel.at["Inwoners, aantal", "Nederland"] == dutch(nl["inwoners"])
    assert tabel.at["Laag opgeleid (15–75 jaar), %", naam] == dutch(row["laag_opgeleid_pct"], 1) + "%"
    pct, low, high = (row[f"laaggeletterd_16_65_pct{s}"] for s in ("", "_laag", "_hoog"))
    assert tabel.at[SCHATTING, naam] == f"{dutch(pct, 1)}% ({dutch(low, 1)}–{dutch(high, 1)}%)"

    # the ranking line: place among the 35 regions, computed here independently
    regions = gebieden.loc[gebieden["niveau"] == "arbeidsmarktregio", "laaggeletterd_16_65_pct"].astype(float)
    rang = 1 + int((regions > float(pct)).sum())
    assert f"{naam}: plaats {rang} van 35 ({dutch(pct, 1)}%)" in markdown_text(at)
    assert f"Nederland: {dutch(nl['laaggeletterd_16_65_pct'], 1)}%" in markdown_text(at)


def test_deep_link_with_bad_code_warns_in_dutch(built_data, gebieden):
    at = run_page(VERGELIJKEN, vergelijk="AM12,XX99,am13,AM12")
    assert_ok(at)
    (warning,) = at.warning
    assert "XX99" in warning.value and "bestaat niet" in warning.value and "weggelaten" in warning.value
    assert at.query_params["vergelijk"] == "AM12,AM13"  # bad code and duplicate removed from the link
    assert at.multiselect(key="_w_vergelijk").value == ["AM12", "AM13"]
    tabel = vergelijk_tabel(at)
    assert list(tabel.columns) == ["Gooi en Vechtstreek", "Midden-Utrecht", "Nederland", "Peildatum"]
    assert tabel.at["Inwoners, aantal", "Midden-Utrecht"] == dutch(gebieden.loc["AM13", "inwoners"])


def test_deep_link_with_only_junk_falls_back(built_data):
    at = run_page(VERGELIJKEN, vergelijk="<script>alert(1)</script>")
    assert_ok(at)
    (warning,) = at.warning
    assert "bestaat niet" in warning.value and "<" not in warning.value
    assert any("standaardvergelijking" in info.value for info in at.info)
    assert "vergelijk" not in at.query_params
    assert len(at.multiselect(key="_w_vergelijk").value) == 3


def test_deep_link_with_too_many_codes(built_data):
    at = run_page(VERGELIJKEN, vergelijk=",".join(REGIO_CODES[:8]))
    assert_ok(at)
    (warning,) = at.warning
    assert "hoogstens 6" in warning.value
    assert at.query_params["vergelijk"] == ",".join(REGIO_CODES[:6])


def test_gemeente_deep_link(built_data, gebieden):
    at = run_page(VERGELIJKEN, vergelijk="gm0363,GM0599")
    assert_ok(at)
    assert not at.warning
    assert at.radio(key="_w_vergelijk_niveau").value == "gemeente"
    assert at.query_params["vergelijk"] == "GM0363,GM0599"
    tabel = vergelijk_tabel(at)
    assert tabel.at["Inwoners, aantal", "Amsterdam"] == dutch(gebieden.loc["GM0363", "inwoners"])
    assert tabel.at["Inwoners, aantal", "Rotterdam"] == dutch(gebieden.loc["GM0599", "inwoners"])
    gemeenten = gebieden.loc[gebieden["niveau"] == "gemeente", "laaggeletterd_16_65_pct"].astype(float)
    rang = 1 + int((gemeenten > float(gebieden.loc["GM0363", "laaggeletterd_16_65_pct"])).sum())
    assert f"Amsterdam: plaats {rang} van 342" in markdown_text(at)


def test_choices_go_into_the_link(built_data, gebieden):
    at = run_page(VERGELIJKEN, regio="AM12")
    at.radio(key="_w_vergelijk_niveau").set_value("gemeente").run()
    assert_ok(at)
    codes = at.query_params["vergelijk"].split(",")
    assert 2 <= len(codes) <= 3 and all(gebieden.loc[c, "arbeidsmarktregio_code"] == "AM12" for c in codes)
    at.multiselect(key="_w_vergelijk").set_value(["GM0363", "GM0406"]).run()
    assert_ok(at)
    assert at.query_params["vergelijk"] == "GM0363,GM0406"
    at.multiselect(key="_w_vergelijk").set_value([]).run()
    assert_ok(at)
    assert at.query_params["vergelijk"] == ""
    assert any("Kies minstens 2 gemeenten" in info.value for info in at.info)
    at.session_state["uitklap_rangorde"] = True  # the ranking's table is made only when opened (issue 14)
    at.selectbox(key="_w_indicator").set_value("werkloosheid_pct").run()
    assert_ok(at)
    assert at.query_params["indicator"] == "werkloosheid_pct"
    ranking = [df.value for df in at.dataframe if "Rang" in df.value.columns][0]
    assert len(ranking) == 342 and ranking["Rang"].iloc[0] == 1
    waarden = ranking["Werkloosheid, %"]
    assert pd.api.types.is_float_dtype(waarden) and waarden.dropna().is_monotonic_decreasing  # sorts as numbers


def test_downloads_and_sources(built_data):
    at = run_page(VERGELIJKEN, regio="AM18")
    assert_ok(at)
    assert len(at.download_button) == 2  # the ranking's table is made only when its expander is opened (issue 14)
    at.session_state["uitklap_rangorde"] = True
    at.run()
    # Files are made on click (deferred): each button has a deferred file and a CSV/Excel label.
    labels = [button.proto.label for button in at.download_button]
    assert len(labels) == 4 and all(button.proto.deferred_file_id for button in at.download_button)
    assert labels.count("CSV downloaden") == 2 and labels.count("Excel downloaden") == 2
    shown = captions(at)
    assert "Bron: CBS" in shown and "Schatting, geen telling" in shown


def test_every_compared_indicator_names_its_source(built_data, gebieden):
    """The note under the side-by-side table names every row's indicator with its source, also when
    indicators share a source (Netto arbeidsparticipatie and Werkloosheid)."""
    from llo_dash import indicators
    from llo_dash.views import queries
    from llo_dash.views import vergelijken as vg

    at = run_page(VERGELIJKEN, regio="AM18")
    assert_ok(at)
    regels = captions(at).split("\n")
    kolommen = vg.vergelijk_indicatoren(gebieden.reset_index(drop=True), "arbeidsmarktregio")
    assert {"netto_arbeidsparticipatie_pct", "werkloosheid_pct"} <= set(kolommen)
    for kolom in kolommen:
        label, bron = indicators.get(kolom).label, queries.bronvermelding(kolom)
        assert any(label in regel.split(": Bron:")[0] and bron in regel for regel in regels), (label, regels)


# --- Bronnen & methode --------------------------------------------------------------------


def test_bronnen_page(built_data):
    from llo_dash.sources import SOURCES

    at = Sessie().run(BRONNEN, uitgeklapt=True)  # the reference tables opened (made only when open, issue 14)
    assert_ok(at)
    frames = [df.value for df in at.dataframe]

    parameters = pd.read_csv(PROJECT_ROOT / "reference" / "geletterdheid_parameters.csv", dtype=str)
    (shown,) = [f for f in frames if {"Parameter", "Waarde", "Bron-URL"} <= set(f.columns)]
    # Every row on screen: a Dutch description (no code name such as doel_16_65), the code next to it, and the
    # row's own source and URL from the CSV.
    assert shown["Code"].tolist() == parameters["parameter"].tolist()
    assert not shown["Parameter"].str.contains("_").any() and shown["Parameter"].str.contains(" ").all()
    assert shown["Bron"].tolist() == parameters["bron"].tolist()
    assert shown["Bron-URL"].tolist() == parameters["bron_url"].fillna("").tolist()

    (bron_tabel,) = [f for f in frames if {"Titel", "Licentie", "URL", "SHA-256"} <= set(f.columns)]
    assert {s.title for s in SOURCES} <= set(bron_tabel["Titel"])
    # numbers on screen are numbers (a click on the header sorts them as numbers), missing stays missing
    (verschillen_scherm,) = [f for f in frames if "Cijfer CBS" in f.columns]
    (ontbrekend,) = [f for f in frames if "Percentage ontbrekend" in f.columns]
    assert pd.api.types.is_integer_dtype(bron_tabel["Bytes"])
    assert all(pd.api.types.is_float_dtype(verschillen_scherm[k]) for k in ("Cijfer CBS", "Som gemeenten", "Verschil"))
    assert pd.api.types.is_float_dtype(ontbrekend["Percentage ontbrekend"])
    assert pd.api.types.is_float_dtype(shown["Waarde"])

    manifest = json.loads((built_data / "manifest.json").read_text(encoding="utf-8"))
    moment = datetime.fromisoformat(manifest["gebouwd_op"]).astimezone(ZoneInfo("Europe/Amsterdam"))
    expected = f"{moment.day} {MAANDEN[moment.month - 1]} {moment.year}, {moment:%H:%M} uur"
    assert f"Gegevens gebouwd op **{expected}**" in markdown_text(at)
    assert "CC BY 4.0" in markdown_text(at) and "Bron: CBS" in markdown_text(at)
    # Every table has a CSV and an Excel download: the twelve tables of the page (sources, reference tables,
    # parameters, check, effects, scenarios, build summary, files, checks, missing values, region differences,
    # indicators) and one per reference table.
    referentietabellen = len(list((PROJECT_ROOT / "reference").glob("*.csv")))
    labels = [button.proto.label for button in at.download_button]
    assert labels.count("CSV downloaden") == labels.count("Excel downloaden") == 12 + referentietabellen
    assert len(labels) == 2 * (12 + referentietabellen)

    # Region differences: by default only the rows with a difference, and a row whose difference is unknown
    # (no sum of the gemeenten) is kept, never taken as zero.
    verschillen = pd.read_parquet(built_data / "cbs" / "regio_verschillen.parquet")
    verschil = pd.to_numeric(verschillen["verschil"], errors="coerce")
    getoond = int((verschil.isna() | (verschil != 0)).sum())
    assert verschil.isna().any()
    assert f"{getoond} van {len(verschillen)} rijen." in captions(at)


def test_bronnen_link_columns_are_readable(built_data):
    """A link column shows the site ("opendata.cbs.nl") in a column wide enough to read it, not the first two
    letters of a long URL ("ht"); the sources table has its link next to the title, so it is on screen at
    1024 px without scrolling sideways. The downloads keep the full URL."""
    from llo_dash.views import bronnen

    at = Sessie().run(BRONNEN, uitgeklapt=True)  # the reference tables opened (made only when open, issue 14)
    assert_ok(at)
    links = 0
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns)
        for kolom in bronnen.url_kolommen(frame.value):
            spec = config[kolom]
            assert spec["type_config"]["type"] == "link"
            assert spec["type_config"].get("display_text") == bronnen.LINK_TEKST, kolom
            assert spec.get("width") in ("medium", "large") or isinstance(spec.get("width"), int), (kolom, spec)
            urls = [url for url in frame.value[kolom] if url]
            teksten = [re.search(bronnen.LINK_TEKST, url).group(1) for url in urls]
            assert all(3 < len(tekst) <= 40 and "." in tekst for tekst in teksten), set(teksten)
            links += 1
    assert links >= 2  # the sources and the parameters at least
    (bron_tabel,) = [f for f in at.dataframe if "SHA-256" in f.value.columns and "Licentie" in f.value.columns]
    assert list(bron_tabel.proto.column_order)[:2] == ["Titel", "URL"]
    # title and link side by side within the ~560 px a table gets next to the sidebar at 1024 px
    breedte = {"small": 75, "medium": 200, "large": 400}
    config = json.loads(bron_tabel.proto.columns)
    assert sum(breedte[config[kolom]["width"]] for kolom in ("Titel", "URL")) <= 600
