"""The Streamlit app headless (AppTest): every page runs, every region deep link shows its own figures.

Expected values are computed here from the parquet file with plain Python, not with the
app's own formatting code, so a formatting or lookup bug cannot hide itself.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from llo_dash import ui
from llo_dash.config import PROJECT_ROOT
from llo_dash.ui import blocks
from tests.apptest import REGIO_CODES, Sessie, assert_ok, captions, dutch, markdown_text, metric_values, run_page

APP = str(PROJECT_ROOT / "app.py")
PAGES = ["pages/overzicht.py", "pages/doelgroep.py", "pages/vindplaatsen.py", "pages/sectoren.py",
         "pages/vergelijken.py", "pages/trends.py", "pages/bronnen.py"]


def run_app(**params) -> AppTest:
    return run_page(APP, **params)


def test_pages_reach_the_streamlit_layer_through_its_public_names():
    """Pages and app.py use `ui.<name>`; every such name is one that `llo_dash.ui` re-exports from its modules."""
    used = set()
    for path in [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]:
        used |= set(re.findall(r"\bui\.(\w+)", path.read_text(encoding="utf-8")))
    assert used and used <= set(ui.__all__), used - set(ui.__all__)
    assert all(hasattr(ui, name) for name in ui.__all__)


def test_region_list_matches_data(gebieden):
    assert sorted(gebieden.index[gebieden["niveau"] == "arbeidsmarktregio"]) == REGIO_CODES


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(built_data, page):
    at = run_app()
    assert_ok(at)
    at.switch_page(page).run()
    assert_ok(at)
    assert at.title, "every page has a title"
    assert at.selectbox(key="_w_regio").value == "NL00"


def test_overzicht_default_view(built_data, gebieden):
    at = run_app()
    assert_ok(at)
    assert not at.warning
    nl = gebieden.loc["NL00"]
    assert ("Inwoners", dutch(nl["inwoners"])) in metric_values(at)
    assert at.selectbox(key="_w_indicator").value == "laaggeletterd_16_65_pct"  # the README's default view
    assert at.radio(key="_w_kaart").value == "arbeidsmarktregio"
    assert dict(at.query_params) == {}
    assert not at.download_button  # the table under the map is made only when its expander is opened (issue 14)
    at.session_state["uitklap_kaart"] = True
    at.run()
    # Files are made on click (deferred); their names and content are checked in test_browser.py.
    buttons = {button.proto.label: button.proto.deferred_file_id for button in at.download_button}
    assert buttons["CSV downloaden"] and buttons["Excel downloaden"]


@pytest.mark.parametrize("code", REGIO_CODES)
def test_overzicht_for_every_region(built_data, gebieden, code):
    at = run_app(regio=code)
    assert_ok(at)
    assert not at.warning, [w.value for w in at.warning]
    row = gebieden.loc[code]
    assert at.query_params["regio"] == code
    assert at.selectbox(key="_w_regio").value == code
    assert f"Arbeidsmarktregio {row['naam']}" in markdown_text(at)
    shown = metric_values(at)
    assert ("Inwoners", dutch(row["inwoners"])) in shown
    assert ("Laag opgeleid (15–75 jaar)", dutch(row["laag_opgeleid_pct"], 1) + "%") in shown
    # the chosen indicator's line names the region with its value
    indicator = at.selectbox(key="_w_indicator").value
    assert f"{row['naam']}: {dutch(row[indicator], 1)}%" in markdown_text(at)


def test_lowercase_code_is_normalised(built_data):
    at = run_app(regio=" am12 ")
    assert_ok(at)
    assert not at.warning
    assert at.query_params["regio"] == "AM12"


@pytest.mark.parametrize("param, value", [("regio", "XX99"), ("regio", "AM04"), ("regio", "<b>x</b>"), ("gemeente", "GM9999")])
def test_unknown_code_warns_in_dutch(built_data, gebieden, param, value):
    at = run_app(**{param: value})
    assert_ok(at)
    (warning,) = at.warning
    shown = "".join(ch for ch in value if ch.isalnum())
    assert shown in warning.value and "bestaat niet" in warning.value and "heel Nederland" in warning.value
    assert "<b>" not in warning.value  # link content is never rendered as markup
    assert param not in at.query_params  # the bad code is removed from the link
    assert ("Inwoners", dutch(gebieden.loc["NL00", "inwoners"])) in metric_values(at)  # default view


def test_gemeente_link_sets_its_region(built_data, gebieden):
    at = run_app(gemeente="gm0363")
    assert_ok(at)
    assert at.query_params["gemeente"] == "GM0363" and at.query_params["regio"] == "AM18"
    assert "Gemeente Amsterdam" in markdown_text(at)
    assert ("Inwoners", dutch(gebieden.loc["GM0363", "inwoners"])) in metric_values(at)


def test_gemeente_outside_region_warns(built_data):
    at = run_app(regio="AM01", gemeente="GM0363")
    assert_ok(at)
    (warning,) = at.warning
    assert "Groot Amsterdam" in warning.value
    assert at.query_params["regio"] == "AM18"


def test_sidebar_choice_updates_url(built_data, gebieden):
    at = run_app()
    at.selectbox(key="_w_regio").set_value("AM05").run()
    assert_ok(at)
    assert at.query_params["regio"] == "AM05"
    assert ("Inwoners", dutch(gebieden.loc["AM05", "inwoners"])) in metric_values(at)
    at.selectbox(key="_w_gemeente").set_value("GM0153").run()  # Enschede
    assert at.query_params["gemeente"] == "GM0153" and at.query_params["regio"] == "AM05"
    at.selectbox(key="_w_regio").set_value("NL00").run()
    assert_ok(at)
    assert "regio" not in at.query_params and "gemeente" not in at.query_params


def test_region_survives_page_switch(built_data):
    at = run_app(regio="AM12")
    # Streamlit's page menu empties the query string; the session remembers the region.
    at.query_params.clear()
    at.switch_page("pages/doelgroep.py").run()
    assert_ok(at)
    assert at.query_params["regio"] == "AM12"
    assert at.selectbox(key="_w_regio").value == "AM12"


def test_gemeente_map_with_missing_values(built_data):
    at = run_app(regio="AM01")
    at.radio(key="_w_kaart").set_value("gemeente").run()
    at.selectbox(key="_w_indicator").set_value("ww_personen").run()
    assert_ok(at)
    assert at.query_params["kaart"] == "gemeente" and at.query_params["indicator"] == "ww_personen"
    assert "Grijs: geen gegevens" in captions(at)


def test_unknown_view_settings_fall_back(built_data):
    at = run_app(kaart="buurt", indicator="bestaat_niet")
    assert_ok(at)
    assert at.radio(key="_w_kaart").value == "arbeidsmarktregio"
    assert "kaart" not in at.query_params and "indicator" not in at.query_params


def test_source_notes_under_figures(built_data):
    at = run_app(regio="AM12")
    shown = captions(at)
    assert "Bron: CBS" in shown and "(85525NED)" in shown and "Kaart: CBS / PDOK" in shown


def test_every_headline_figure_names_its_source(built_data, gebieden):
    """The note under the headline figures has a line for every figure shown, naming its indicator and its
    source; indicators that share a source share a line (Netto arbeidsparticipatie and Werkloosheid)."""
    from llo_dash import indicators
    from llo_dash.views import queries

    at = run_app(regio="AM12")
    assert_ok(at)
    shown = {label for label, _ in metric_values(at)}
    regels = captions(at).split("\n")
    kern = queries.kern_indicatoren(gebieden)
    assert "werkloosheid_pct" in kern
    for kolom in kern:
        label = indicators.get(kolom).label
        assert any(m.startswith(label) for m in shown), (label, shown)
        bron = queries.bronvermelding(kolom)
        assert any(label in regel.split(": Bron:")[0] and bron in regel for regel in regels), (label, regels)


def test_first_start_builds_the_data(tmp_path, monkeypatch, mirror):
    """A new user only runs `streamlit run app.py`: missing data are built, with progress, then shown."""
    monkeypatch.setenv("LLO_DASH_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("LLO_DASH_MIRROR", str(mirror))
    at = run_app(regio="AM12")
    assert_ok(at)
    assert (tmp_path / "data" / "manifest.json").exists()
    assert "Arbeidsmarktregio Gooi en Vechtstreek" in markdown_text(at)


def test_failed_build_is_a_dutch_error_not_a_traceback(tmp_path, monkeypatch):
    from llo_dash.errors import SourceError
    from llo_dash.ui import first_run

    def failing_build(settings, progress, **kwargs):
        progress(0.1, "Gebiedsindeling lezen")
        raise SourceError("Bronbestand gebieden_2025 ontbreekt in de mirror en downloaden is mislukt.")

    monkeypatch.setenv("LLO_DASH_DATA", str(tmp_path / "leeg"))
    monkeypatch.setattr(first_run, "run_build", failing_build)
    at = run_app()
    assert not at.exception
    (error,) = at.error
    assert "konden niet worden gebouwd" in error.value and "gebieden_2025 ontbreekt" in error.value


@pytest.mark.parametrize("page", PAGES)
def test_every_download_names_its_source(built_data, monkeypatch, page):
    """Each table's CSV, opened on its own, still says where its figures come from: a column whose
    name starts with "Bron" that is filled in every row. (The upload templates are not data.)"""
    bestanden = []
    real_downloads = blocks.downloads
    # `tabel` and `download_row` call the `downloads` of their own module (the upload templates of Sectoren go
    # through `ui.downloads`, and are left out below anyway).
    monkeypatch.setattr(blocks, "downloads", lambda files, **kw: (bestanden.extend(files), real_downloads(files, **kw)))
    # every lazy expander opened (issue 14): its tables are made only while it is open
    at = Sessie().run(str(PROJECT_ROOT / page), uitgeklapt=True, voor_run=bestanden.clear, regio="AM12")
    assert_ok(at)
    tabellen = [b for b in bestanden if b.soort == "csv" and not b.bestandsnaam.startswith("sjabloon")]
    assert tabellen, [b.bestandsnaam for b in bestanden]
    for bestand in tabellen:
        data = bestand.data() if callable(bestand.data) else bestand.data
        frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str)
        bron = [kolom for kolom in frame.columns if kolom.lower().startswith("bron")]
        assert bron, f"{bestand.bestandsnaam}: geen bronkolom in {list(frame.columns)}"
        assert frame[bron].notna().any(axis=1).all(), f"{bestand.bestandsnaam}: rij zonder bron"
