"""Upload of regional UWV tension data: everything wrong is refused with a Dutch message."""

import io
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from llo_dash.errors import SchemaError
from llo_dash.views.sectoren import upload, upload_reader
from llo_dash.views.sectoren.upload import (
    MAX_BYTES,
    OUTPUT_COLUMNS,
    TEMPLATE_COLUMNS,
    template_csv,
    template_xlsx,
    validate_tension_upload,
)

REGIO = {"AM01", "AM02", "AM03", "AM37"}
BRC = pd.DataFrame(
    {
        "brc_beroepsgroep_code": ["0771", "0921", "1115", "1121", "1122"],
        "brc_beroepsgroep_naam": [
            "Productiemachinebedieners",
            "Hulpkrachten landbouw",
            "Conciërges en teamleiders schoonmaak",
            "Schoonmakers",
            "Keukenhulpen",
        ],
    }
)
HEADER = ";".join(TEMPLATE_COLUMNS)


def mirror_file(relative: str) -> Path:
    override = os.environ.get("LLO_DASH_MIRROR")
    root = Path(override) if override else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    path = root / relative
    if not path.is_file():
        pytest.fail(f"Bronbestand ontbreekt: {path}. Zet LLO_DASH_MIRROR op de map met de publieke bronnen.")
    return path


def check(filename: str, content: bytes, **kwargs):
    kwargs.setdefault("regio_codes", REGIO)
    kwargs.setdefault("brc", BRC)
    return validate_tension_upload(filename, content, **kwargs)


def csv_bytes(*lines: str, sep: str = ";", encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join(line.replace(";", sep) if sep != ";" else line for line in lines).encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_refused(result, *fragments: str):
    assert result.data is None
    assert result.errors, "verwacht een foutmelding"
    text = "\n".join(result.errors)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} niet in:\n{text}"


# ---------------------------------------------------------------- good files


def test_good_csv_semicolon_decimal_comma():
    result = check(
        "spanning.csv",
        csv_bytes(HEADER, "AM01;0771;Productiemachinebedieners;2024K3;2,35", "AM02;1121;Schoonmakers;2024K3;0,5"),
    )
    assert result.ok and result.errors == []
    assert list(result.data.columns) == list(OUTPUT_COLUMNS)
    assert result.data["spanningsindicator"].tolist() == [2.35, 0.5]
    assert result.data["typering"].tolist() == ["krap", "ruim"]
    assert result.data["brc_beroepsgroep_code"].tolist() == ["0771", "1121"]
    assert result.data["brc_beroepsgroep_naam"].tolist() == ["Productiemachinebedieners", "Schoonmakers"]
    assert result.periodes() == ["2024K3"]
    assert result.filename == "spanning.csv"


def test_good_csv_comma_separator_decimal_point_without_bom():
    content = csv_bytes(
        "arbeidsmarktregio_code,beroepsgroep_code,periode,spanningsindicator",
        "AM01,0921,2024K2,1.5",
        'AM01,0921,2024K3,"4,01"',  # quoted decimal comma in a comma file
        encoding="utf-8",
    )
    result = check("spanning.csv", content)
    assert result.ok, result.errors
    assert result.data["spanningsindicator"].tolist() == [1.5, 4.01]
    assert result.data["typering"].tolist() == ["gemiddeld", "zeer krap"]
    assert result.periodes() == ["2024K2", "2024K3"]


def test_csv_in_windows_encoding_with_name_instead_of_code():
    content = csv_bytes(
        "arbeidsmarktregio_code;beroepsgroep;periode;spanningsindicator",
        "AM03;Conciërges en teamleiders schoonmaak;2024K1;1,2",
        "AM03;  keukenhulpen ;2024K1;3",
        encoding="cp1252",
    )
    result = check("spanning.csv", content)
    assert result.ok, result.errors
    assert result.data["brc_beroepsgroep_code"].tolist() == ["1115", "1122"]
    assert any("cp1252" in warning for warning in result.warnings)


def test_csv_utf16_tab_separated_from_excel_unicode_text():
    content = "\t".join(TEMPLATE_COLUMNS) + "\r\nAM01\t1121\tSchoonmakers\t2024K4\t1,7\r\n"
    result = check("spanning.csv", content.encode("utf-16"))
    assert result.ok, result.errors
    assert result.data["spanningsindicator"].tolist() == [1.7]


def test_column_names_are_matched_case_insensitively_and_trimmed():
    content = csv_bytes(
        " Arbeidsmarktregio_Code ;BEROEPSGROEP_CODE; Periode;Spanningsindicator ;opmerking",
        "AM01;1121;2024K3;1;bron UWV",
    )
    result = check("spanning.csv", content)
    assert result.ok, result.errors
    assert any("opmerking" in warning and "genegeerd" in warning for warning in result.warnings)


def test_good_xlsx_with_excel_quirks():
    rows = [
        list(TEMPLATE_COLUMNS),
        ["AM01", 771, "Productiemachinebedieners", "2024-K3", 2.5],  # Excel dropped the leading zero
        ["am2", "1121", "Schoonmakers", "2024 kwartaal 3", "0,9"],
        [None, None, None, None, None],  # empty rows are skipped
        ["AM37", 1122.0, None, "2024Q3", 4],
    ]
    result = check("spanning.xlsx", xlsx_bytes(rows))
    assert result.ok, result.errors
    data = result.data
    assert data["arbeidsmarktregio_code"].tolist() == ["AM01", "AM02", "AM37"]
    assert data["brc_beroepsgroep_code"].tolist() == ["0771", "1121", "1122"]
    assert data["periode"].unique().tolist() == ["2024K3"]
    assert data["spanningsindicator"].tolist() == [2.5, 0.9, 4.0]
    assert any("voorloopnullen" in warning for warning in result.warnings)


def test_xlsx_row_numbers_are_the_excel_row_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(TEMPLATE_COLUMNS))
    sheet["A7"], sheet["B7"], sheet["D7"], sheet["E7"] = "AM01", "1121", "2024K3", "hoog"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = check("spanning.xlsx", buffer.getvalue())
    assert_refused(result, "Rij 7, kolom spanningsindicator: 'hoog' is geen getal.")


# ---------------------------------------------------------------- refused files


def test_wrong_columns_lists_expected_and_found():
    result = check("spanning.csv", csv_bytes("regio;beroep;jaar;waarde", "AM01;1121;2024;1"))
    assert_refused(
        result,
        "Ontbreekt: arbeidsmarktregio_code, periode, spanningsindicator, beroepsgroep_code of beroepsgroep",
        "Verwacht: " + ", ".join(TEMPLATE_COLUMNS),
        "Gevonden: 'regio', 'beroep', 'jaar', 'waarde'",
    )


def test_duplicate_column_is_refused():
    result = check("s.csv", csv_bytes(HEADER + ";Periode", "AM01;1121;x;2024K3;1;2024K3"))
    assert_refused(result, "De kolom periode komt twee keer voor")


@pytest.mark.parametrize("code", ["AM99", "AM36", "XX01", "1", "AM"])
def test_unknown_region_code(code):
    result = check("s.csv", csv_bytes(HEADER, f"{code};1121;;2024K3;1"))
    assert_refused(result, f"Rij 2, kolom arbeidsmarktregio_code: '{code}' is geen bekende arbeidsmarktregio-code")


@pytest.mark.parametrize(("given", "normalised"), [("am1", "AM01"), ("AM1", "AM01"), (" am01 ", "AM01"), ("AM037", "AM37")])
def test_region_code_is_normalised(given, normalised):
    result = check("s.csv", csv_bytes(HEADER, f"{given};1121;;2024K3;1"))
    assert result.ok, result.errors
    assert result.data["arbeidsmarktregio_code"].item() == normalised


def test_unknown_brc_code_and_name():
    result = check(
        "s.csv",
        csv_bytes(HEADER, "AM01;9999;;2024K3;1", "AM01;;Tovenaars;2024K3;1", "AM01;07710;;2024K3;1"),
    )
    assert_refused(
        result,
        "Rij 2, kolom beroepsgroep_code: '9999' is geen BRC 2014-beroepsgroepcode.",
        "Rij 3, kolom beroepsgroep: 'Tovenaars' is geen BRC 2014-beroepsgroep.",
        "Rij 4, kolom beroepsgroep_code: '07710' is geen BRC 2014-beroepsgroepcode.",
    )


def test_name_that_contradicts_code_gives_a_warning():
    result = check("s.csv", csv_bytes(HEADER, "AM01;1121;Koks;2024K3;1"))
    assert result.ok
    assert any("Rij 2: beroepsgroep 'Koks' hoort niet bij code 1121" in w for w in result.warnings)


def test_text_in_number_column():
    result = check("spanning.csv", csv_bytes(HEADER, "AM01;1121;;2024K3;1", "AM01;1122;;2024K3;hoog"))
    assert_refused(result, "Rij 3, kolom spanningsindicator: 'hoog' is geen getal.", "'spanning.csv' bevat 1 fout")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("-0,5", "is negatief"), ("250", "is onwaarschijnlijk hoog"), ("100,5", "is onwaarschijnlijk hoog"), ("1.2.3", "is geen getal")],
)
def test_negative_and_absurd_values(value, fragment):
    result = check("s.csv", csv_bytes(HEADER, f"AM01;1121;;2024K3;{value}"))
    assert_refused(result, f"Rij 2, kolom spanningsindicator: '{value}' {fragment}")


def test_zero_and_hundred_are_accepted():
    result = check("s.csv", csv_bytes(HEADER, "AM01;1121;;2024K3;0", "AM02;1121;;2024K3;100"))
    assert result.ok
    assert result.data["typering"].tolist() == ["zeer ruim", "zeer krap"]


def test_empty_required_cells():
    result = check("s.csv", csv_bytes(HEADER, ";1121;;2024K3;1", "AM01;;;2024K3;1", "AM01;1121;;;1", "AM01;1121;;2024K3;"))
    assert_refused(
        result,
        "Rij 2, kolom arbeidsmarktregio_code: lege cel.",
        "Rij 3, kolom beroepsgroep_code/beroepsgroep: lege cel",
        "Rij 4, kolom periode: lege cel.",
        "Rij 5, kolom spanningsindicator: lege cel.",
    )


def test_duplicates_after_normalisation():
    result = check(
        "s.csv",
        csv_bytes(HEADER, "AM01;1121;;2024K3;1", "AM02;1121;;2024K3;1", "am1;;Schoonmakers;2024Q3;2"),
    )
    assert_refused(
        result, "Rij 4: dubbele regel voor arbeidsmarktregio AM01, beroepsgroep 1121 en periode 2024K3 (ook in rij 2)."
    )


@pytest.mark.parametrize(
    "periode", ["2024K3", "2024-K3", "2024 kwartaal 3", "2024Q3", "2024q3", "2024 K3", "2024-kwartaal-3", "2024KW3"]
)
def test_period_formats_are_normalised(periode):
    result = check("s.csv", csv_bytes(HEADER, f"AM01;1121;;{periode};1"))
    assert result.ok, result.errors
    assert result.periodes() == ["2024K3"]


@pytest.mark.parametrize("periode", ["2024", "2024K5", "K3 2024", "24K3", "2024-09-30", "derde kwartaal"])
def test_bad_period_formats(periode):
    result = check("s.csv", csv_bytes(HEADER, f"AM01;1121;;{periode};1"))
    assert_refused(result, f"Rij 2, kolom periode: '{periode}' is geen kwartaal; schrijf bijvoorbeeld 2024K3.")


@pytest.mark.parametrize(("filename", "content"), [("s.csv", b""), ("s.csv", b"\r\n \r\n"), ("s.xlsx", b"")])
def test_empty_file(filename, content):
    assert_refused(check(filename, content), f"Het bestand '{filename}' is leeg.")


def test_empty_xlsx_sheet():
    assert_refused(check("s.xlsx", xlsx_bytes([])), "Het bestand 's.xlsx' is leeg.")


@pytest.mark.parametrize(("filename", "content"), [("s.csv", template_csv(example=False)), ("s.xlsx", template_xlsx(example=False))])
def test_header_only(filename, content):
    assert_refused(check(filename, content), "bevat alleen een kopregel en geen gegevens")


@pytest.mark.parametrize("filename", ["groot.csv", "groot.xlsx"])
def test_50_megabyte_file_is_refused_by_size_before_reading(monkeypatch, filename):
    def must_not_read(*args, **kwargs):
        raise AssertionError("a file over the size limit must not be read")

    monkeypatch.setattr(upload_reader, "_read_csv", must_not_read)
    monkeypatch.setattr(upload_reader, "_read_xlsx", must_not_read)
    content = (HEADER.encode() + b"\r\n").ljust(50 * 2**20, b"x")
    assert_refused(check(filename, content), f"'{filename}' is 50,0 MB groot; de grens is 5,0 MB")


def test_file_just_over_the_limit_is_refused_and_at_the_limit_is_read():
    line = b"AM01;1121;;2024K3;1\r\n"
    at_limit = (HEADER.encode() + b"\r\n").ljust(MAX_BYTES, b" ")
    assert "grens" not in " ".join(check("s.csv", at_limit).errors)
    assert_refused(check("s.csv", at_limit + line), "de grens is 5,0 MB")


@pytest.mark.parametrize(
    ("filename", "fragment"),
    [
        ("oud.xls", "oud Excel-bestand (.xls)"),
        ("data.txt", "Bestandstype .txt van 'data.txt' wordt niet ondersteund; gebruik .csv of .xlsx."),
        ("data.ods", "Bestandstype .ods"),
        ("zonder_extensie", "Bestandstype zonder extensie"),
    ],
)
def test_other_file_types_are_refused(filename, fragment):
    assert_refused(check(filename, template_csv()), fragment)


@pytest.mark.parametrize("content", [b"PK\x03\x04 dit is geen zip", b"niet eens een zip", template_xlsx()[:2000]])
def test_corrupt_xlsx(content):
    assert_refused(check("kapot.xlsx", content), "Het Excel-bestand 'kapot.xlsx' kan niet worden geopend")


def test_xlsx_named_csv_is_refused():
    assert_refused(check("s.csv", template_xlsx()), "lijkt een Excel-bestand en geen CSV")


def test_xlsx_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(upload_reader, "MAX_UNPACKED_BYTES", 1000)
    assert_refused(check("s.xlsx", template_xlsx()), "uitgepakt")


@pytest.mark.parametrize(
    "cell",
    ['"=HYPERLINK(""http://x"",""y"")"', "=1+1", "+cmd|' /C calc'!A0", "@SUM(A1:A2)", "-2+3"],
)
def test_formula_text_in_csv_is_refused(cell):
    result = check("s.csv", csv_bytes(HEADER, f"AM01;1121;{cell};2024K3;1"))
    assert_refused(result, "Rij 2, kolom beroepsgroep:", "formules worden niet geaccepteerd")


def test_formula_in_number_column_csv():
    result = check("s.csv", csv_bytes(HEADER, 'AM01;1121;;2024K3;"=HYPERLINK(""http://x"",""y"")"'))
    assert_refused(result, "Rij 2, kolom spanningsindicator: '=HYPERLINK(\"http://x\",\"y\")' is een formule")


def test_formula_in_xlsx_is_refused_and_not_evaluated():
    rows = [list(TEMPLATE_COLUMNS), ["AM01", "1121", '=HYPERLINK("http://x","y")', "2024K3", 1], ["AM01", "1122", None, "2024K3", "=1+1"]]
    result = check("s.xlsx", xlsx_bytes(rows))
    assert_refused(
        result,
        "Rij 2, kolom beroepsgroep: '=HYPERLINK(\"http://x\",\"y\")' is een formule",
        "Rij 3, kolom spanningsindicator: '=1+1' is een formule",
    )


def test_formula_in_unnamed_xlsx_column_is_refused():
    rows = [list(TEMPLATE_COLUMNS), ["AM01", "1121", None, "2024K3", 1, '=HYPERLINK("http://x","y")']]
    assert_refused(check("s.xlsx", xlsx_bytes(rows)), "Rij 2, kolom F:")


def test_decimal_comma_in_comma_separated_file_is_caught():
    content = csv_bytes("arbeidsmarktregio_code,beroepsgroep_code,periode,spanningsindicator", "AM01,1121,2024K3,1,5", encoding="utf-8")
    assert_refused(check("s.csv", content), "Rij 2: gevulde cellen buiten de 4 kolommen", "decimale komma")


def test_one_bad_row_means_nothing_is_kept():
    lines = [HEADER] + [f"AM01;1121;;2023K{q};1" for q in range(1, 5)] + ["AM01;1122;;2024K1;x"]
    result = check("s.csv", csv_bytes(*lines))
    assert result.data is None and result.periodes() == []


def test_row_errors_are_limited():
    lines = [HEADER] + [f"AM01;1121;;2024K3;fout{i}" for i in range(30)]
    result = check("s.csv", csv_bytes(*lines))
    assert result.data is None
    assert result.errors[0].startswith("'s.csv' bevat 30 fouten; er is niets overgenomen.")
    assert len(result.errors) == 1 + upload.MAX_LISTED + 1
    assert result.errors[-1] == "… en nog 10 fouten."


def test_filename_path_is_stripped_and_long_values_are_shortened():
    result = check("C:\\Users\\coord\\spanning.csv", csv_bytes(HEADER, "AM01;1121;;2024K3;" + "9" * 80 + "x"))
    assert result.filename == "spanning.csv"
    assert any(message.endswith("…' is geen getal.") for message in result.errors)


def test_brc_table_without_expected_columns_is_a_programming_error():
    with pytest.raises(SchemaError, match="BRC-tabel"):
        check("s.csv", csv_bytes(HEADER, "AM01;1121;;2024K3;1"), brc=pd.DataFrame({"code": ["1121"]}))


# ---------------------------------------------------------------- templates


@pytest.fixture(scope="module")
def real_brc() -> pd.DataFrame:
    return pd.read_csv(mirror_file("arbeidsmarkt/brc2014_classificatie.csv"), dtype=str)


def test_template_csv_round_trip(real_brc):
    content = template_csv()
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(TEMPLATE_COLUMNS)
    assert "1,85" in text and 2 <= len(text.splitlines()) - 1 <= 3
    result = check("sjabloon.csv", content, brc=real_brc)
    assert result.ok and result.errors == []
    assert len(result.data) == len(upload.EXAMPLE_ROWS)
    assert any("voorbeeldregel" in warning for warning in result.warnings)


def test_template_xlsx_round_trip(real_brc):
    content = template_xlsx()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(TEMPLATE_COLUMNS)
    assert sheet["B3"].value == "0771" and sheet["B3"].number_format == "@"
    assert workbook.sheetnames[1] == "Toelichting"
    result = check("sjabloon.xlsx", content, brc=real_brc)
    assert result.ok and result.errors == []
    assert result.data["brc_beroepsgroep_code"].tolist() == ["0771", "1121", "0921"]  # sorted by regio, code


def test_brc_table_with_numeric_codes_still_matches():
    numeric = BRC.assign(brc_beroepsgroep_code=BRC["brc_beroepsgroep_code"].astype(int))
    result = check("s.csv", csv_bytes(HEADER, "AM01;0771;;2024K3;1"), brc=numeric)
    assert result.ok and result.data["brc_beroepsgroep_code"].item() == "0771"


@pytest.mark.parametrize(("sent", "shown"), [
    ("<img src=x onerror=alert(1)>.csv", "img srcx onerroralert(1).csv"),
    ("**vet** [link](http:x) `code` $x$ :red[y].csv", "vet link(httpx) code x redy.csv"),
    ("C:\\temp\\Fryslân (2024)_regio-1.csv", "Fryslân (2024)_regio-1.csv"),
])
def test_file_name_is_cleaned_once_for_every_place_it_is_shown(sent, shown):
    # Only letters, digits, space and . _ ( ) - remain: no Markdown, HTML or plotly markup can come in.
    result = check(sent, csv_bytes(HEADER, "AM01;1121;;2024K3;1"))
    assert result.ok and result.filename == shown
    assert all(shown in message for message in check(sent, b"").errors)  # the messages use the same name


# ---------------------------------------------------------------- bounded reading (time and memory)


def _xlsx_without_dimension(content: bytes) -> bytes:
    """The same workbook with its stored used range (`<dimension ref=…>`) removed, as some tools write it."""
    import re
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            out.writestr(info, data)
    return target.getvalue()


def _xfd_workbook(rows: int) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    for row in range(2, rows + 2):
        sheet.cell(row=row, column=16384, value="x")  # one filled cell per row, in column XFD
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_one_cell_in_column_xfd_is_refused_by_the_used_range_before_reading(monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("a sheet whose used range is too wide must not be parsed")

    content = _xfd_workbook(200)
    monkeypatch.setattr("openpyxl.worksheet._reader.WorkSheetParser.parse", must_not_parse)
    assert_refused(check("breed.xlsx", content), "'breed.xlsx' heeft 16.384 kolommen; de grens is 100")


def test_one_cell_in_column_xfd_without_a_stored_used_range_is_refused_at_the_first_such_row():
    content = _xlsx_without_dimension(_xfd_workbook(200))
    assert b"<dimension" not in content  # precondition: nothing tells the width in advance
    assert_refused(check("breed.xlsx", content), "'breed.xlsx' heeft 16.384 kolommen")


def test_a_sheet_is_read_as_stored_not_padded_to_the_widest_row():
    rows = upload_reader.read_rows("s.xlsx", xlsx_bytes([["a"], [None, None, "c"], [], ["d"]]), [])
    assert rows == [(1, ["a"]), (2, [None, None, "c"]), (3, []), (4, ["d"])]


def test_a_flood_of_empty_lines_is_refused_before_parsing(monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("the CSV parser must not run on a flood of lines")

    content = (HEADER + "\r\n").encode() + b"\r\n" * (MAX_BYTES // 2 - 100)
    monkeypatch.setattr(upload_reader.csv, "reader", must_not_parse)
    assert_refused(check("leeg.csv", content), "'leeg.csv' heeft meer dan 20.000 regels")


def test_too_many_rows_in_xlsx_is_refused():
    content = xlsx_bytes([HEADER.split(";"), *[["AM01", "1121", "", "2024K3", 1]] * (upload_reader.MAX_ROWS + 1)])
    assert_refused(check("lang.xlsx", content), "heeft meer dan 20.000 regels")


def test_too_many_columns_in_csv_is_refused():
    assert_refused(check("breed.csv", csv_bytes(HEADER + ";x" * 200)), "'breed.csv' heeft 205 kolommen; de grens is 100")


def _workbook(*sheets: tuple[str, list[list], str]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows, state in sheets:
        sheet = workbook.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOED = [HEADER.split(";"), ["AM01", "1121", "Schoonmakers", "2024K3", 0.5]]
ANDERS = [HEADER.split(";"), ["AM01", "1121", "Schoonmakers", "2024K3", 2.5]]


def test_a_hidden_first_sheet_is_refused_not_used():
    """The probe's case: the hidden sheet's values were used, with a success message."""
    result = check("verborgen.xlsx", _workbook(("Oud", ANDERS, "hidden"), ("Spanning", GOED, "visible")))
    assert_refused(result, "'verborgen.xlsx' heeft een verborgen werkblad (Oud)")


def test_a_very_hidden_sheet_is_refused_too():
    assert_refused(check("v.xlsx", _workbook(("Spanning", GOED, "visible"), ("X", ANDERS, "veryHidden"))),
                   "verborgen werkblad (X)")


def test_two_visible_sheets_are_refused_naming_them():
    result = check("twee.xlsx", _workbook(("Spanning", GOED, "visible"), ("Kopie", ANDERS, "visible")))
    assert_refused(result, "'twee.xlsx' heeft 2 werkbladen (Spanning, Kopie)")


def test_one_visible_sheet_is_read():
    result = check("een.xlsx", _workbook(("Spanning", GOED, "visible")))
    assert result.ok and result.data["spanningsindicator"].tolist() == [0.5]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read(encoding):
    content = csv_bytes(HEADER, "AM01;1121;Schoonmakers;2024K3;0,5", encoding=encoding)
    assert not content.startswith((b"\xff\xfe", b"\xfe\xff"))  # precondition: no BOM
    result = check("unicode.csv", content)
    assert result.ok and result.data["spanningsindicator"].tolist() == [0.5]
    assert result.data["brc_beroepsgroep_naam"].tolist() == ["Schoonmakers"]


def test_latin1_with_a_byte_that_windows_text_does_not_define_is_read_with_a_warning():
    content = csv_bytes(HEADER, "AM01;1121;Schoonmakers;2024K3;0,5", "", "opmerking\x81", encoding="latin-1")
    with pytest.raises(UnicodeDecodeError, match="0x81"):  # precondition: cp1252 cannot read it
        content.decode("cp1252")
    text = upload_reader._decode("l.csv", content, warnings := [])
    assert "opmerking\x81" in text and "latin-1" in warnings[0]


@pytest.mark.parametrize("prefix", ["\t", "\r", " ", "  \t"])
@pytest.mark.parametrize("formula", ["=1+1", "+1+cmd", "-1+cmd", "@SUM(A1)"])
def test_formulas_behind_whitespace_are_refused(prefix, formula):
    cell = f'"{prefix}{formula}"'
    assert_refused(check("s.csv", csv_bytes(HEADER, f"AM01;1121;{cell};2024K3;0,5")), "formule")


def test_binary_file_named_csv_is_refused():
    assert_refused(check("s.csv", bytes(range(256)) * 20), "'s.csv' is geen tekstbestand (CSV).")


def test_the_templates_explanation_sheet_is_not_a_second_data_sheet():
    result = check("t.xlsx", _workbook(("Spanning", GOED, "visible"), ("Toelichting", [["uitleg"]], "visible")))
    assert result.ok and result.data["spanningsindicator"].tolist() == [0.5]


def test_the_uploader_leaves_refusing_file_types_to_the_dutch_check(built_data):
    """With a `type=` filter Streamlit refuses a .txt or .xls itself, in English; the check refuses it in Dutch."""
    from streamlit.testing.v1 import AppTest

    from llo_dash.config import PROJECT_ROOT

    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / "sectoren.py"), default_timeout=60)
    at.query_params["regio"] = "AM12"
    at.run()
    assert not at.exception
    uploader = at.file_uploader[0]
    assert list(uploader.proto.type) == []
    assert ".csv" in uploader.proto.help and ".xlsx" in uploader.proto.help
    assert_refused(check("oud.xls", b"\xd0\xcf\x11\xe0"), "oud Excel-bestand (.xls)")
