"""The optional folder of uploads: its setting, its files (good, bad, not a UWV file), and the Sectoren page
reading the region's tension from it."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from llo_dash.config import PROJECT_ROOT, load_settings
from llo_dash.ui.uploads_map import lees_uploadmap
from llo_dash.views.sectoren.upload import TEMPLATE_COLUMNS, validate_tension_upload
from tests.apptest import TIMEOUT, assert_ok, zichtbaar
from tests.test_app_sectoren import occupations_table, tension, upload_bytes

PAGE = str(PROJECT_ROOT / "pages" / "sectoren.py")
BRC = pd.DataFrame({"brc_beroepsgroep_code": ["1121", "0771"],
                    "brc_beroepsgroep_naam": ["Schoonmakers", "Productiemachinebedieners"]})
CONTROLE = partial(validate_tension_upload, regio_codes={"AM01", "AM12"}, brc=BRC)
HEADER = ";".join(TEMPLATE_COLUMNS)


# --- the setting -------------------------------------------------------------------------


def test_uploads_folder_from_config_relative_to_the_config_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[data]\nmirror = "spiegel"\nuploads = "mijn_uploads"\n', encoding="utf-8")
    assert load_settings(config, environ={}).uploads == tmp_path / "mijn_uploads"
    config.write_text('[data]\nuploads = ""\n', encoding="utf-8")
    assert load_settings(config, environ={}).uploads is None
    config.write_text("[data]\n", encoding="utf-8")
    assert load_settings(config, environ={}).uploads is None


def test_uploads_folder_from_the_environment_wins(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[data]\nuploads = "mijn_uploads"\n', encoding="utf-8")
    elders = tmp_path / "elders"
    assert load_settings(config, environ={"LLO_DASH_UPLOADS": str(elders)}).uploads == elders
    assert load_settings(config, environ={"LLO_DASH_UPLOADS": "rel"}).uploads == tmp_path / "rel"


def test_project_config_has_no_folder_by_default():
    assert load_settings(environ={}).uploads is None


# --- the folder ----------------------------------------------------------------------------


def _schrijf(map_: Path, naam: str, inhoud: bytes, leeftijd: float = 0) -> Path:
    pad = map_ / naam
    pad.write_bytes(inhoud)
    if leeftijd:
        moment = time.time() - leeftijd
        os.utime(pad, (moment, moment))
    return pad


def test_folder_with_a_good_a_bad_and_a_foreign_file(tmp_path):
    _schrijf(tmp_path, "goed.csv", upload_bytes("AM12;1121;Schoonmakers;2024K3;2,35"))
    _schrijf(tmp_path, "fout.csv", upload_bytes("AM12;1121;;2024K3;veel"))
    _schrijf(tmp_path, "begroting.csv", b"post;bedrag\r\nhuur;1200\r\n")
    _schrijf(tmp_path, "notities.txt", b"arbeidsmarktregio_code;periode")  # not .csv/.xlsx: not looked at
    voor = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}

    uploadmap = lees_uploadmap(CONTROLE, tmp_path)

    assert sorted(b.naam for b in uploadmap.bestanden) == ["begroting.csv", "fout.csv", "goed.csv"]
    (goed,) = uploadmap.goed
    assert goed.filename == "goed.csv" and goed.data["spanningsindicator"].tolist() == [2.35]
    (fout,) = uploadmap.afgekeurd
    assert fout.data is None and "Rij 2, kolom spanningsindicator: 'veel' is geen getal." in fout.errors
    (vreemd,) = uploadmap.genegeerd
    assert vreemd.naam == "begroting.csv" and "heeft niet de juiste kolommen" in vreemd.genegeerd
    assert uploadmap.voor_regio("AM12") is goed
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == voor  # nothing written


def test_newest_good_file_with_the_region_is_used(tmp_path):
    _schrijf(tmp_path, "oud.csv", upload_bytes("AM12;1121;;2024K2;1,1"), leeftijd=3600)
    _schrijf(tmp_path, "nieuw.csv", upload_bytes("AM12;1121;;2024K3;2,2"), leeftijd=60)
    _schrijf(tmp_path, "ander.csv", upload_bytes("AM01;1121;;2024K3;0,4"))
    uploadmap = lees_uploadmap(CONTROLE, tmp_path)
    assert uploadmap.voor_regio("AM12").filename == "nieuw.csv"
    assert uploadmap.voor_regio("AM01").filename == "ander.csv"
    assert uploadmap.voor_regio(None).filename == "ander.csv"  # no region: the newest good file (for the note)


def test_a_changed_file_is_read_again(tmp_path):
    pad = _schrijf(tmp_path, "goed.csv", upload_bytes("AM12;1121;;2024K3;2,35"), leeftijd=60)
    assert lees_uploadmap(CONTROLE, tmp_path).goed[0].data["spanningsindicator"].tolist() == [2.35]
    pad.write_bytes(upload_bytes("AM12;1121;;2024K3;3,5"))
    assert lees_uploadmap(CONTROLE, tmp_path).goed[0].data["spanningsindicator"].tolist() == [3.5]


def test_missing_folder_says_so(tmp_path):
    uploadmap = lees_uploadmap(CONTROLE, tmp_path / "bestaat_niet")
    assert uploadmap.bestanden == () and "bestaat niet" in uploadmap.melding


# --- the page ----------------------------------------------------------------------------------


def test_page_reads_the_regions_tension_from_the_folder(built_data, tmp_path, monkeypatch):
    _schrijf(tmp_path, "uwv_gooi.csv", upload_bytes("AM12;1121;Schoonmakers;2024K3;2,35"))
    _schrijf(tmp_path, "kapot.csv", upload_bytes("AM12;1121;;2024K3;veel"))
    _schrijf(tmp_path, "lijst.csv", b"naam;telefoon\r\nPiet;06\r\n")
    monkeypatch.setenv("LLO_DASH_UPLOADS", str(tmp_path))
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.query_params["regio"] = "AM12"
    at.run()
    assert_ok(at)

    assert tension(at, "1121") == 2.35
    assert occupations_table(at).at["1121", "Spanning: herkomst"] == "regionaal (upload)"
    (success,) = at.success
    assert "`uwv_gooi.csv`" in success.value and f"uit de map met uploads (`{tmp_path}`)" in success.value
    assert "Gooi en Vechtstreek" in success.value and "2024K3" in success.value
    (waarschuwing,) = [w.value for w in at.warning if "kapot.csv" in w.value]
    assert "wordt niet gebruikt" in waarschuwing
    assert any("'veel' is geen getal" in code.value for code in at.code)
    assert any("lijst.csv" in zichtbaar(c.value) and "niet de juiste kolommen" in c.value for c in at.caption)

    # a session upload wins over the folder
    at.file_uploader[0].set_value(("eigen.csv", upload_bytes("AM12;1121;;2024K3;0,5"), "text/csv")).run()
    assert_ok(at)
    assert tension(at, "1121") == 0.5
    assert "uit de upload `eigen.csv`" in at.success[0].value

    # a region not in the folder's file keeps the national figures
    at.file_uploader[0].set_value(None).run()
    at.query_params["regio"] = "AM05"
    at.run()
    assert_ok(at)
    assert tension(at, "1121") is None
    assert any("bevat geen cijfers voor Twente" in info.value for info in at.info)
