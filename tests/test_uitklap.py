"""Issue 14: a closed table expander computes and sends nothing; opened, it holds its table and downloads.

The helper on its own (`ui.uitklap`, a script made here) and two pages as users get them: Overzicht (the
table under the map) and Sectoren & beroepen (the tables under its figures and the matrix).
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from llo_dash.config import PROJECT_ROOT
from llo_dash.views import queries
from tests.apptest import TIMEOUT, UITKLAP, Sessie, assert_ok, run_page, uitklappers

OVERZICHT = str(PROJECT_ROOT / "pages" / "overzicht.py")
SECTOREN = str(PROJECT_ROOT / "pages" / "sectoren.py")


def _script() -> None:
    import streamlit as st

    from llo_dash import ui

    st.session_state.setdefault("gemaakt", 0)
    with ui.uitklap("Tabel", "proef") as uitgeklapt:
        if uitgeklapt:
            st.session_state["gemaakt"] += 1
            st.dataframe({"a": [1, 2]})
    st.markdown("onder de uitklapper")


def test_the_content_is_made_only_while_open():
    at = AppTest.from_function(_script, default_timeout=TIMEOUT).run()
    assert_ok(at)
    (uitklapper,) = at.expander
    assert uitklapper.label == "Tabel" and uitklapper.key == f"{UITKLAP}proef" and not uitklapper.proto.expanded
    assert at.session_state["gemaakt"] == 0 and not at.dataframe and at.markdown[0].value == "onder de uitklapper"
    at.session_state[f"{UITKLAP}proef"] = True  # as a click on it: the page reruns with it open
    at.run()
    assert at.expander[0].proto.expanded and at.session_state["gemaakt"] == 1
    assert list(at.expander[0].dataframe[0].value["a"]) == [1, 2]
    at.session_state[f"{UITKLAP}proef"] = False  # closed again: nothing made
    at.run()
    assert at.session_state["gemaakt"] == 1 and not at.dataframe


def test_overzicht_makes_the_map_table_only_when_opened(built_data, monkeypatch):
    gemaakt = []
    kaarttabel = queries.kaarttabel
    monkeypatch.setattr(queries, "kaarttabel", lambda *a, **k: (gemaakt.append(a[1]), kaarttabel(*a, **k))[1])
    at = run_page(OVERZICHT, regio="AM12")
    assert_ok(at)
    assert uitklappers(at) == {f"{UITKLAP}kaart": False}
    (uitklapper,) = at.expander
    assert uitklapper.label == "Tabel bij de kaart"
    assert not uitklapper.children and not at.dataframe and not at.download_button and gemaakt == []

    at.session_state[f"{UITKLAP}kaart"] = True
    at.run()
    assert_ok(at)
    assert gemaakt == ["laaggeletterd_16_65_pct"]
    (uitklapper,) = at.expander
    (tabel,) = uitklapper.dataframe
    assert len(tabel.value) == 35 and "Gooi en Vechtstreek" in set(tabel.value["Naam"])
    assert [knop.label for knop in uitklapper.download_button] == ["CSV downloaden", "Excel downloaden"]


def test_sectoren_tables_under_the_figures_only_when_opened(built_data):
    sessie = Sessie()
    dicht = sessie.run(SECTOREN, regio="AM22")
    assert_ok(dicht)
    lui_dicht = _lui(dicht)
    labels = [e.label for e in lui_dicht]
    assert labels.count("Tabel bij de figuur") >= 2 and "Tabel bij de matrix" in labels
    assert "Wat betekent de spanningsindicator?" in labels
    assert not any(e.proto.expanded for e in lui_dicht)
    assert not any(e.children for e in lui_dicht)
    # the upload expander is a plain one: its file uploader must always be there
    (upload,) = [e for e in dicht.expander if e.label.startswith("Eigen UWV-spanningscijfers")]
    assert not upload.key and upload.get("file_uploader")
    knoppen_dicht = len(dicht.download_button)

    open_ = sessie.run(SECTOREN, regio="AM22", uitgeklapt=True)
    assert_ok(open_)
    lui = _lui(open_)
    assert len(lui) == len(labels) and all(e.proto.expanded for e in lui)
    for uitklapper in lui:  # each one holds its table with a CSV and an Excel download
        assert uitklapper.dataframe or uitklapper.table, uitklapper.label
        assert [k.label for k in uitklapper.download_button] == ["CSV downloaden", "Excel downloaden"], uitklapper.label
    (matrix,) = [e for e in lui if e.label == "Tabel bij de matrix"]
    (tabel,) = matrix.dataframe  # the 11 occupations of the handreiking with their tension
    assert len(tabel.value) == 11 and {"Beroep", "Spanningsindicator"} <= set(tabel.value.columns)
    assert len(open_.download_button) == knoppen_dicht + 2 * len(lui)


def _lui(at: AppTest) -> list:
    """The page's expanders whose content is made only while they are open (`uitklap_…` keys)."""
    return [e for e in at.expander if e.key and e.key.startswith(UITKLAP)]
