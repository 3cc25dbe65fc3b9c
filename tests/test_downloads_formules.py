"""Every download of every page, for Nederland, one region and (where the page has a gemeente picker) one
gemeente: no CSV or Excel cell starts with a formula character unless it is escaped or a number, and every
Excel file has a sheet Toelichting that names its source and its peildatum.

The downloads are caught at the download button while AppTest runs the page (deferred data, a callable,
is called). The formula rule is written here independently of `llo_dash.export`: a cell that starts with
=, +, -, @, tab or CR is a formula in Excel (OWASP, CSV injection) unless it is a plain number ("-5,3",
"+1"); an escaped cell starts with an apostrophe in CSV, or carries Excel's quote prefix in .xlsx.
"""

from __future__ import annotations

import csv
import inspect
import io
import re

import openpyxl
import pytest
import streamlit
from streamlit.delta_generator import DeltaGenerator

from llo_dash.config import PROJECT_ROOT
from llo_dash.views import queries
from llo_dash.views.peildatum import peildatum_regels
from tests.apptest import Sessie, assert_ok
from tests.golden.capture import _als_bytes

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")
GETAL = re.compile(r"[+-]?(\d+|\d{1,3}(\.\d{3})+)([.,]\d+)?%?")  # "-5", "-5,3", "+1.234,5" (CSV) or "-5.3"
CBS_TABEL = re.compile(r"\b\d{5}[A-Z]{3}\b")

GEBIEDEN = {"nederland": {}, "AM22": {"regio": "AM22"}, "GM0363": {"gemeente": "GM0363"}}
# The pages of the app's menu and the areas each one offers: a gemeente only where the page has a gemeente
# picker; the Regioprofiel describes a region, for Nederland it asks to choose one (and offers no download).
PAGINAS = {"overzicht": GEBIEDEN, "profiel": ["AM22"], "doelgroep": GEBIEDEN, "vindplaatsen": GEBIEDEN,
           "sectoren": ["nederland", "AM22"], "vergelijken": GEBIEDEN, "trends": GEBIEDEN, "bronnen": ["nederland", "AM22"]}


def _cases():
    for pagina, gebieden in PAGINAS.items():
        for gebied in gebieden:
            yield pytest.param(pagina, GEBIEDEN[gebied], id=f"{pagina}-{gebied}")


# --- the rule, independently ------------------------------------------------------------------


def formule_in_csv(data: bytes) -> list[str]:
    """Cells of a CSV download (UTF-8 with BOM, ';') that Excel would run as a formula."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    return [cell for row in rows for cell in row if cell.startswith(FORMULE_BEGIN) and not GETAL.fullmatch(cell)]


def formule_in_xlsx(data: bytes) -> list[str]:
    """Cells of any sheet of an .xlsx that Excel would run as a formula (a formula cell, or unescaped text)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
                elif (isinstance(cell.value, str) and cell.value.startswith(FORMULE_BEGIN)
                      and not cell.quotePrefix and not GETAL.fullmatch(cell.value)):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
    return found


def test_the_rule_catches_formulas_and_lets_numbers_pass():
    """The checks above can fail: a formula is found, a negative number and an escaped formula are not."""
    csv_data = "\ufeffNaam;Waarde\r\n=HYPERLINK(\"x\");-5,3\r\n'=1+1;+1\r\n@SUM(A1);-\r\n".encode("utf-8")
    assert formule_in_csv(csv_data) == ['=HYPERLINK("x")', "@SUM(A1)", "-"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["-5", -5.3, "gewoon"])
    sheet["D1"] = "=1+1"  # openpyxl stores this as a formula
    sheet["E1"] = "+31 20"
    sheet["F1"] = "@geëscaped"
    sheet["F1"].data_type, sheet["F1"].quotePrefix = "s", True
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert formule_in_xlsx(buffer.getvalue()) == ["Sheet!D1: =1+1", "Sheet!E1: +31 20"]


# --- every page -------------------------------------------------------------------------------


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """file name -> bytes of every download button made while the test runs a page."""
    files: dict[str, bytes] = {}

    def wrapped(original):
        signature = inspect.signature(original)

        def download_button(*args, **kwargs):
            arguments = signature.bind(*args, **kwargs).arguments
            files[str(arguments.get("file_name") or arguments.get("label"))] = _als_bytes(arguments["data"])
            return original(*args, **kwargs)
        return download_button

    monkeypatch.setattr(DeltaGenerator, "download_button", wrapped(DeltaGenerator.download_button))
    monkeypatch.setattr(streamlit, "download_button", wrapped(streamlit.download_button))
    return files


@pytest.fixture(scope="module")
def sessie() -> Sessie:
    return Sessie()


def _toelichting(file: str, data: bytes) -> tuple[list[str], list[str]]:
    """The lines of the sheet Toelichting and the header of the data sheet."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert "Toelichting" in workbook.sheetnames, (file, workbook.sheetnames)
    header = [str(cell.value) for cell in workbook.worksheets[0][1]]
    return [str(row[0]) for row in workbook["Toelichting"].iter_rows(values_only=True) if row and row[0]], header


def _is_sjabloon(file: str) -> bool:
    """An upload template (empty example to fill in, not figures): its Toelichting explains the columns."""
    return "sjabloon" in file.lower()


@pytest.mark.parametrize("pagina, params", list(_cases()))
def test_no_download_cell_is_an_unescaped_formula(built_data, sessie, downloads, pagina, params):
    # every lazy expander opened (issue 14): its tables and downloads are made only while it is open
    at = sessie.run(str(PROJECT_ROOT / "pages" / f"{pagina}.py"), uitgeklapt=True, voor_run=downloads.clear, **params)
    assert_ok(at)
    assert downloads, f"de pagina {pagina} biedt geen download aan"
    gebouwd = re.compile(r"^Gegevens gebouwd op \d{1,2} [a-z]+ 20\d\d\.$")
    for file, data in downloads.items():
        if file.endswith(".csv"):
            assert formule_in_csv(data) == [], file
        elif file.endswith(".xlsx"):
            assert formule_in_xlsx(data) == [], file
            notes, header = _toelichting(file, data)
            if _is_sjabloon(file):
                continue
            # names the source (a line "Bron: …", or a column Bron on the data sheet) ...
            assert (any(re.search(r"\bbron\b", line, re.IGNORECASE) for line in notes)
                    or any(column.lower().startswith("bron") for column in header)), (file, notes, header)
            # ... and the peildatum: the build date, and the period of every CBS table it names
            assert any(gebouwd.match(line) for line in notes), (file, notes)
            tabellen = {tabel for line in notes if not line.startswith("Peildatum") for tabel in CBS_TABEL.findall(line)}
            if tabellen:
                (peildatum,) = [line for line in notes if line.startswith("Peildatum van de cijfers: ")]
                assert re.search(r"\b(19|20)\d\d\b", peildatum), (file, peildatum)
                assert any(f"CBS {tabel}" in peildatum for tabel in tabellen), (file, tabellen, peildatum)


# --- the peildatum row itself -----------------------------------------------------------------


def test_peildatum_names_each_source_with_its_period():
    """The periods as the source lines themselves state them (and SOURCES.md of the mirror: 85525NED is 2023,
    the boundaries are those of 2025), said once more in one explicit row."""
    onderwijs = "Bron: CBS, Bevolking; hoogstbehaald onderwijsniveau en regio (85525NED), 2023."
    regels = peildatum_regels([onderwijs, queries.grenzen_bron("gemeente")], "2026-12-06T04:04:38+00:00")
    assert regels == ["Peildatum van de cijfers: CBS 85525NED: 2023; Gemeentegrenzen 2025 (gegeneraliseerd): 2025.",
                      "Gegevens gebouwd op 6 december 2026."]


def test_peildatum_of_an_estimate_and_of_text_without_a_source():
    schatting = queries.bronvermelding("laaggeletterd_16_65_pct")
    (regel, _) = peildatum_regels([schatting], "2026-01-31T23:30:00+00:00")
    assert regel.startswith("Peildatum van de cijfers: schatting van het dashboard (PIAAC en CBS): 2023 (PIAAC)")
    # a build date in UTC late in the evening is the next day in the Netherlands
    assert peildatum_regels(["Eigen bestand van de gebruiker."], "2026-01-31T23:30:00+00:00") == [
        "Gegevens gebouwd op 1 februari 2026."]
