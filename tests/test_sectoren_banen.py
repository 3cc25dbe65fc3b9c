"""The Sectoren page and jobs per SBI section (83582NED), headless (AppTest).

Offline (the built data of the tests): the page says plainly that jobs per sector are not in the mirror and
would be fetched live. After a build with internet the table `banen_sector` has rows; that case is made here
from the mirror's own 83582NED rows (A-U and, in part, A, as the live route returns them, see
test_banen_sector.py) written into a copy of the built data, and the page is run for all 35 regions.
Expected figures are read from the raw dump with plain pandas.
"""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from llo_dash.build import banen_sector
from llo_dash.build.indeling import indeling_from_frame
from llo_dash.config import PROJECT_ROOT
from llo_dash.ingest.readers import read_dertje_csv
from llo_dash.tables import TABLES
from tests.apptest import REGIO_CODES, Sessie, assert_ok, captions, dutch, table_with, text
from tests.fixtures.mirror import mirror_file
from tests.test_banen_sector import BANEN, GEBIEDEN, raw

PAGE = str(PROJECT_ROOT / "pages" / "sectoren.py")
WIDGETS = {"sectoren_aantallen": "nederland", "sectoren_alle": False}
TITEL = "Banen van werknemers per SBI-sectie"


def test_offline_the_page_says_jobs_per_sector_are_not_in_the_mirror(built_data):
    assert pd.read_parquet(built_data / TABLES["banen_sector"].path).empty  # the tests build offline
    sessie = Sessie()
    for regio in (None, "AM37"):
        at = sessie.run(PAGE, widgets=WIDGETS, **({"regio": regio} if regio else {}))
        assert_ok(at)
        assert "Banen per sector (CBS 83582NED) ontbreken: de bronbestanden van dit dashboard" in captions(at)
        assert "bij CBS opgehaald wanneer de gegevens met internettoegang worden gebouwd" in captions(at)
        assert TITEL not in text(at) and not any("SBI-sectie" in f.value.columns for f in at.dataframe)


@pytest.fixture(scope="module")
def data_met_banen(built_data, tmp_path_factory):
    """A copy of the built data with `banen_sector` as a live build writes it (rows of the mirror's dump)."""
    data_dir = tmp_path_factory.mktemp("banen") / "data"
    shutil.copytree(built_data, data_dir)
    indeling = indeling_from_frame(read_dertje_csv(mirror_file(GEBIEDEN)), file="86059NED")
    tabel = banen_sector.uit_dump(read_dertje_csv(mirror_file(BANEN)), indeling, file="83582NED")
    tabel.to_parquet(data_dir / TABLES["banen_sector"].path, index=False)
    previous = os.environ["LLO_DASH_DATA"]
    os.environ["LLO_DASH_DATA"] = str(data_dir)
    yield data_dir
    os.environ["LLO_DASH_DATA"] = previous


@pytest.fixture(scope="module")
def sessie(data_met_banen) -> Sessie:
    return Sessie()


def dump_waarde(regio: str, sectie: str) -> float:
    dump = raw(BANEN)
    rij = dump[(dump["RegioS"] == regio) & (dump["Perioden"] == "2023 december")
               & dump["BedrijfstakkenBranchesSBI2008"].str.startswith(sectie + " ")]
    assert len(rij) == 1, (regio, sectie)
    return float(rij["BanenVanWerknemersInDecember_1"].iloc[0])


@pytest.mark.parametrize("code", REGIO_CODES)
def test_with_live_jobs_every_region_shows_them_next_to_nederland(sessie, gebieden, code):
    at = sessie.run(PAGE, widgets=WIDGETS, regio=code)
    assert_ok(at)
    naam = gebieden.loc[code, "naam"]
    tabel = table_with(at, "SBI-sectie").set_index("SBI-sectie")
    assert tabel.loc["A-U Alle economische activiteiten", "Banen Nederland"] == round(dump_waarde("Nederland", "A-U") * 1000)
    # The region's own published row in the dump: its name with (AM), or CBS's older name of that region.
    dump_naam = {"Veluwe Stedendriehoek": "Stedendriehoek en Noordwest Veluwe"}.get(naam, naam)
    if f"{naam} (AM)" in set(raw(BANEN)["RegioS"]):
        dump_naam = naam
    assert tabel.loc["A-U Alle economische activiteiten", f"Banen {naam}"] == round(dump_waarde(f"{dump_naam} (AM)", "A-U") * 1000)
    # Section A is not published for regions in the cut-off dump: it stays empty, never 0.
    assert pd.isna(tabel.loc["A Landbouw, bosbouw en visserij", f"Banen {naam}"])
    assert "Geen cijfer (geheim of onbekend) voor Landbouw, bosbouw en visserij; niet als 0 geteld." in text(at)
    assert "Banen per sector (CBS 83582NED, live opgehaald, naar werklocatie)" in text(at)
    assert "Banen per sector (CBS 83582NED) ontbreken" not in text(at)


def test_with_live_jobs_nederland_names_its_largest_section(sessie):
    at = sessie.run(PAGE, widgets=WIDGETS)
    assert_ok(at)
    landbouw = dump_waarde("Nederland", "A")
    aandeel = 100 * landbouw / dump_waarde("Nederland", "A-U")
    assert ("Banen van werknemers in Nederland, 2023 december (naar werklocatie): de meeste in Landbouw, bosbouw en "
            f"visserij ({dutch(landbouw * 1000)}, {dutch(aandeel, 1)}%)") in text(at)
    assert list(table_with(at, "SBI-sectie").columns) == ["SBI-sectie", "Banen Nederland", "Aandeel Nederland (%)"]
