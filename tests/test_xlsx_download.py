"""The Excel downloads as a page offers them (run with AppTest, the files caught at the download button):
a data sheet with real numbers and a sheet *Toelichting* with the title, the source and its year."""

from __future__ import annotations

import inspect
import io
import re

import openpyxl
import pytest
import streamlit
from streamlit.delta_generator import DeltaGenerator

from tests.apptest import Sessie, assert_ok
from tests.golden.capture import _als_bytes

DUTCH_NUMBER_TEXT = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?%?$|^-?\d+,\d+%?$")  # "12,7", "1.234", "15,9%"


@pytest.fixture
def xlsx_downloads(monkeypatch) -> dict[str, bytes]:
    """file name -> bytes of every .xlsx download button made while the test runs a page."""
    files: dict[str, bytes] = {}

    def wrapped(original):
        signature = inspect.signature(original)

        def download_button(*args, **kwargs):
            arguments = signature.bind(*args, **kwargs).arguments
            if str(arguments.get("file_name") or "").endswith(".xlsx"):
                files[arguments["file_name"]] = _als_bytes(arguments["data"])
            return original(*args, **kwargs)
        return download_button

    monkeypatch.setattr(DeltaGenerator, "download_button", wrapped(DeltaGenerator.download_button))
    monkeypatch.setattr(streamlit, "download_button", wrapped(streamlit.download_button))
    return files


def _page(project_root, name: str, xlsx_downloads, **params) -> dict[str, openpyxl.Workbook]:
    """The page's Excel downloads, with every lazy expander opened (its tables are made only when open, issue 14)."""
    assert_ok(Sessie().run(str(project_root / "pages" / f"{name}.py"), uitgeklapt=True, voor_run=xlsx_downloads.clear,
                           **params))
    assert xlsx_downloads, f"de pagina {name} biedt geen Excel-download aan"
    return {file: openpyxl.load_workbook(io.BytesIO(data)) for file, data in xlsx_downloads.items()}


def _check_workbook(file: str, workbook: openpyxl.Workbook) -> list[str]:
    """The notes sheet (title, 'Bron: …' with a year) and no number written as Dutch text; returns the notes."""
    assert len(workbook.sheetnames) == 2 and workbook.sheetnames[1] == "Toelichting", (file, workbook.sheetnames)
    notes = [row[0] for row in workbook["Toelichting"].iter_rows(values_only=True) if row[0]]
    assert len(notes) >= 2, (file, notes)
    assert any(line.startswith("Bron") and re.search(r"\b20\d\d\b", line) for line in notes), (file, notes)
    data = workbook.worksheets[0]
    as_text = [cell.value for row in data.iter_rows(min_row=2) for cell in row
               if isinstance(cell.value, str) and DUTCH_NUMBER_TEXT.match(cell.value.strip())]
    assert as_text == [], f"{file}: getallen als tekst: {as_text[:5]}"
    return notes


def test_overzicht_excel_has_toelichting_and_real_numbers(project_root, xlsx_downloads, gebieden):
    workbooks = _page(project_root, "overzicht", xlsx_downloads, regio="AM12")
    (file,) = [f for f in workbooks if f.startswith("llo-overzicht-laaggeletterd-16-65-pct-")]
    notes = _check_workbook(file, workbooks[file])
    assert notes[0] == "Laaggeletterd 16–65 jaar, % (schatting) per arbeidsmarktregio"  # the table's title
    assert any("Schatting, geen telling" in line for line in notes)  # says it is an estimate
    sheet = workbooks[file].worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["Code", "Naam"] and header[-1] == "Bron"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 35
    estimate, low, high = rows["AM12"][2:5]
    assert all(isinstance(value, (int, float)) for value in (estimate, low, high)), rows["AM12"]
    assert estimate == pytest.approx(gebieden.loc["AM12", "laaggeletterd_16_65_pct"], abs=0.05)  # one decimal, as on screen
    assert low == pytest.approx(gebieden.loc["AM12", "laaggeletterd_16_65_pct_laag"], abs=0.05)
    assert high == pytest.approx(gebieden.loc["AM12", "laaggeletterd_16_65_pct_hoog"], abs=0.05)
    assert re.fullmatch(r"(#,##)?0\.0", sheet.cell(row=2, column=3).number_format)  # Excel shows one decimal too


def test_doelgroep_excel_downloads_all_have_toelichting(project_root, xlsx_downloads):
    workbooks = _page(project_root, "doelgroep", xlsx_downloads, regio="AM35")
    assert len(workbooks) >= 2
    for file, workbook in workbooks.items():
        _check_workbook(file, workbook)
