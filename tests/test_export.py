from datetime import date
from io import BytesIO

import numpy as np
import openpyxl
import pandas as pd
import pytest

from llo_dash.export import (
    afronden,
    download_filename,
    excel_formaat,
    met_bron,
    slugify,
    to_csv_bytes,
    to_xlsx_bytes,
)

BOM = b"\xef\xbb\xbf"


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")


def read_xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(data))


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["GM0080", "GM0518", "GM0363", "GM0014"],
            "regio": ["Fryslân", "'s-Gravenhage", 'Noord; "Zuid"', "Groningen\nStad"],
            "inwoners": [1234567, 560000, 931000, 0],
            "aandeel": [15.9, 12.25, np.nan, -3.5],
            "aantal": [1234.5, 0.1 + 0.2, 1e-3, 98765432.1],
        }
    )


# --- CSV -------------------------------------------------------------------


def test_csv_round_trip(table):
    back = read_csv(to_csv_bytes(table))
    pd.testing.assert_frame_equal(back, table)


def test_csv_has_bom_semicolons_and_crlf(table):
    data = to_csv_bytes(table)
    assert data.startswith(BOM)
    assert not data[3:].startswith(BOM)
    header = data[3:].split(b"\r\n")[0]
    assert header == b"code;regio;inwoners;aandeel;aantal"
    # Every record ends in CRLF; the only bare LF is the one inside "Groningen\nStad".
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") - data.count(b"\r\n") == 1


def test_csv_encodes_utf8(table):
    text = to_csv_bytes(table).decode("utf-8-sig")
    assert "Fryslân" in text
    assert "'s-Gravenhage" in text
    assert '"Noord; ""Zuid"""' in text


def test_csv_numbers_for_dutch_excel(table):
    lines = to_csv_bytes(table).decode("utf-8-sig").split("\r\n")
    assert lines[1] == "GM0080;Fryslân;1234567;15,9;1234,5"  # no thousands separator
    assert lines[2].endswith(";560000;12,25;0,3")  # 0.30000000000000004
    assert lines[3].endswith(";931000;;0,001")  # NaN -> empty cell
    assert lines[4].endswith(";0;-3,5;98765432,1")  # after "Groningen\nStad"


def test_csv_no_float_noise_or_exponents():
    df = pd.DataFrame(
        {
            "x": [15.900000000000002, 0.1 + 0.2, 1e20, 1.5e-5, 123456789.123456789, 2 / 3, -0.0],
        }
    )
    text = to_csv_bytes(df).decode("utf-8-sig")
    assert "e+" not in text.lower() and "e-" not in text.lower()
    assert text.split("\r\n")[1:-1] == [
        "15,9",
        "0,3",
        "100000000000000000000",
        "0,000015",
        "123456789,123457",
        "0,666667",
        "0",
    ]


def test_csv_integers_stay_integers():
    df = pd.DataFrame(
        {
            "int64": [1, 2, 3],
            "nullable": pd.array([4, None, 6], dtype="Int64"),
            "whole_float": [7.0, np.nan, 9.0],
        }
    )
    text = to_csv_bytes(df).decode("utf-8-sig")
    assert ".0" not in text and ",0" not in text
    assert text.split("\r\n")[1:-1] == ["1;4;7", "2;;", "3;6;9"]
    back = read_csv(to_csv_bytes(df))
    assert back["int64"].tolist() == [1, 2, 3]
    assert back["nullable"].isna().tolist() == [False, True, False]


def test_csv_escapes_formulas():
    df = pd.DataFrame(
        {
            "tekst": ["=SUM(A1:A2)", "+31 20 123", "-kop", "@cmd", "\tx", "-5", "+1,5", "gewoon"],
        }
    )
    back = read_csv(to_csv_bytes(df))
    assert back["tekst"].tolist() == [
        "'=SUM(A1:A2)",
        "'+31 20 123",
        "'-kop",
        "'@cmd",
        "'\tx",
        "-5",  # numbers are not formulas
        "+1,5",
        "gewoon",
    ]


def test_csv_escapes_formula_in_header():
    text = to_csv_bytes(pd.DataFrame({"=kolom": [1]})).decode("utf-8-sig")
    assert text.startswith("'=kolom\r\n")


def test_csv_empty_frame():
    assert to_csv_bytes(pd.DataFrame({"a": [], "b": []})) == BOM + b"a;b\r\n"


def test_csv_no_index_written():
    df = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    assert to_csv_bytes(df) == BOM + b"a\r\n1\r\n2\r\n"


def test_csv_dates_iso():
    df = pd.DataFrame({"d": pd.to_datetime(["2026-11-23", None]), "e": [date(2025, 1, 2), None]})
    assert to_csv_bytes(df).decode("utf-8-sig").split("\r\n")[1:3] == ["2026-11-23;2025-01-02", ";"]


# --- xlsx ------------------------------------------------------------------


def test_xlsx_numbers_stay_numbers(table):
    ws = read_xlsx(to_xlsx_bytes(table)).active
    assert ws.title == "Gegevens"
    assert [c.value for c in ws[1]] == list(table.columns)
    assert ws["C2"].value == 1234567 and isinstance(ws["C2"].value, int)
    assert ws["D2"].value == pytest.approx(15.9) and isinstance(ws["D2"].value, float)
    assert ws["D4"].value is None  # NaN -> empty cell
    assert ws["E3"].value == pytest.approx(0.3)
    assert ws["B2"].value == "Fryslân"
    assert ws["B3"].value == "'s-Gravenhage"
    assert ws["B4"].value == 'Noord; "Zuid"'
    assert ws.max_row == len(table) + 1


def test_xlsx_number_formats(table):
    ws = read_xlsx(to_xlsx_bytes(table)).active
    assert ws["C2"].number_format == "#,##0"
    assert ws["D2"].number_format == "#,##0.0"
    assert ws["E2"].number_format == "#,##0.0"
    assert ws["A2"].number_format == "General"  # text column


def test_xlsx_whole_float_column_formatted_as_integer():
    df = pd.DataFrame({"aantal": [1200.0, np.nan], "n": pd.array([1, None], dtype="Int64")})
    ws = read_xlsx(to_xlsx_bytes(df)).active
    assert ws["A2"].number_format == "#,##0"
    assert ws["B2"].number_format == "#,##0"
    assert ws["A3"].value is None and ws["B3"].value is None


def test_xlsx_number_format_override():
    df = pd.DataFrame({"ratio": [0.1234]})
    ws = read_xlsx(to_xlsx_bytes(df, number_formats={"ratio": "0.000"})).active
    assert ws["A2"].number_format == "0.000"


def test_excel_format_per_decimals():
    assert excel_formaat(0) == "#,##0" and excel_formaat(1) == "#,##0.0" and excel_formaat(3) == "#,##0.000"
    ws = read_xlsx(to_xlsx_bytes(pd.DataFrame({"lq": [1.2345]}), number_formats={"lq": excel_formaat(2)})).active
    assert ws["A2"].value == 1.2345 and ws["A2"].number_format == "#,##0.00"  # shown like the screen, stored exactly


def test_source_column_for_downloads(table):
    bronnen = ["Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED), 1 januari 2024.", "Kaart: CBS / PDOK."]
    met = met_bron(table, bronnen)
    assert list(met.columns) == [*table.columns, "Bron"] and list(table.columns)[-1] == "aantal"  # a copy
    assert set(met["Bron"]) == {" ".join(bronnen)}
    back = read_csv(to_csv_bytes(met))
    assert back["Bron"].iloc[0] == " ".join(bronnen) and len(back) == len(table)  # ";" inside is quoted
    assert met_bron(table, []) is table
    eigen = table.assign(bron_url="https://example.org")
    assert list(met_bron(eigen, bronnen).columns) == list(eigen.columns)  # it names its sources already


def test_xlsx_header_bold_and_frozen(table):
    ws = read_xlsx(to_xlsx_bytes(table)).active
    assert all(cell.font.bold for cell in ws[1])
    assert not ws["A2"].font.bold
    assert ws.freeze_panes == "A2"


def test_xlsx_column_widths_fitted(table):
    ws = read_xlsx(to_xlsx_bytes(table)).active
    widths = {col: ws.column_dimensions[col].width for col in "ABCDE"}
    assert widths["A"] >= len("GM0080")
    assert widths["C"] >= len("1.234.567")
    assert widths["B"] >= len('Noord; "Zuid"')
    assert all(8 <= w <= 60 for w in widths.values())
    long = pd.DataFrame({"t": ["x" * 500]})
    assert read_xlsx(to_xlsx_bytes(long)).active.column_dimensions["A"].width == 60


def test_xlsx_notes_sheet(table):
    notes = ["Bron: CBS, StatLine", "Peiljaar 2024", "Aandelen zijn een schatting."]
    wb = read_xlsx(to_xlsx_bytes(table, sheet_name="Doelgroep", notes=notes))
    assert wb.sheetnames == ["Doelgroep", "Toelichting"]
    assert [row[0] for row in wb["Toelichting"].iter_rows(values_only=True)] == notes


def test_xlsx_without_notes_has_one_sheet(table):
    assert read_xlsx(to_xlsx_bytes(table)).sheetnames == ["Gegevens"]
    assert read_xlsx(to_xlsx_bytes(table, notes=[])).sheetnames == ["Gegevens"]


def test_xlsx_sheet_name_shortened_and_cleaned(table):
    name = "Laaggeletterdheid per arbeidsmarktregio [2024/2025]"
    title = read_xlsx(to_xlsx_bytes(table, sheet_name=name)).active.title
    assert len(title) <= 31
    assert not set(title) & set("[]:*?/\\")
    assert title.startswith("Laaggeletterdheid per")


def test_xlsx_formula_text_stays_text():
    df = pd.DataFrame({"tekst": ["=SUM(A1:A2)", "@cmd", "-kop", "gewoon"], "n": [-5, 1, 2, 3]})
    ws = read_xlsx(to_xlsx_bytes(df)).active
    for row in range(2, 5):
        cell = ws.cell(row=row, column=1)
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix  # Excel's leading apostrophe: shown and kept as text
    assert ws["A2"].value == "=SUM(A1:A2)"
    assert not ws["A5"].quotePrefix
    assert ws["B2"].value == -5 and not ws["B2"].quotePrefix


def test_xlsx_drops_control_characters():
    ws = read_xlsx(to_xlsx_bytes(pd.DataFrame({"t": ["a\x00b\x1fc"]}))).active
    assert ws["A2"].value == "abc"


def test_xlsx_empty_frame():
    ws = read_xlsx(to_xlsx_bytes(pd.DataFrame({"a": [], "b": []}))).active
    assert [c.value for c in ws[1]] == ["a", "b"]
    assert ws.max_row == 1


def test_xlsx_reads_back_with_pandas(table):
    back = pd.read_excel(BytesIO(to_xlsx_bytes(table)))
    pd.testing.assert_frame_equal(back, table)


# --- file names ------------------------------------------------------------

TODAY = date(2026, 11, 23)


def test_download_filename():
    assert download_filename("doelgroep", "AM12", "csv", TODAY) == "llo-doelgroep-AM12-2026-11-23.csv"
    assert download_filename("Doelgroep", "AM12", "xlsx", TODAY) == "llo-doelgroep-AM12-2026-11-23.xlsx"


def test_download_filename_without_region():
    assert download_filename("doelgroep", None, "csv", TODAY) == "llo-doelgroep-nederland-2026-11-23.csv"
    assert download_filename("doelgroep", "", "csv", TODAY) == "llo-doelgroep-nederland-2026-11-23.csv"


def test_download_filename_slugifies():
    name = download_filename("Laaggeletterdheid in Fryslân (2024)", "GM0080", ".CSV", TODAY)
    assert name == "llo-laaggeletterdheid-in-fryslan-2024-GM0080-2026-11-23.csv"
    assert download_filename("LLO doelgroep", "AM12", "csv", TODAY) == "llo-doelgroep-AM12-2026-11-23.csv"
    assert download_filename("???", "AM/12", "csv", TODAY) == "llo-gegevens-AM-12-2026-11-23.csv"


def test_download_filename_defaults_to_today():
    assert download_filename("x", None, "csv").endswith(f"-{date.today().isoformat()}.csv")


def test_download_filename_rejects_other_extensions():
    with pytest.raises(ValueError, match="Onbekend bestandstype 'pdf'"):
        download_filename("x", None, "pdf", TODAY)


def test_slugify():
    assert slugify("'s-Gravenhage") == "s-gravenhage"
    assert slugify("  Zuid-Holland / Noord  ") == "zuid-holland-noord"
    assert slugify("Één œuvre") == "een-uvre"


def test_rounded_to_the_screens_decimals_half_up_and_missing_stays_missing():
    table = pd.DataFrame({"naam": ["a", "b", "c"], "pct": [14.4275, 2.25, None], "aantal": [22461.4, 0.5, 3.0],
                          "rest": [1.23456, 2.0, 3.0]})
    rounded = afronden(table, {"pct": 1, "aantal": 0, "naam": 0, "ontbreekt": 2})
    assert rounded["pct"].tolist()[:2] == [14.4, 2.3] and pd.isna(rounded["pct"].iloc[2])  # 2,25 -> 2,3 (half up)
    assert rounded["aantal"].tolist() == [22461, 1, 3]
    assert rounded["rest"].tolist() == [1.23456, 2.0, 3.0] and rounded["naam"].tolist() == ["a", "b", "c"]
    assert table["pct"].iloc[0] == 14.4275  # a copy
    lines = to_csv_bytes(rounded).decode("utf-8-sig").splitlines()
    assert lines[1] == "a;14,4;22461;1,23456" and lines[3] == "c;;3;3"


def test_csv_keeps_columns_with_the_same_header_apart():
    frame = pd.DataFrame([[1, 2.5]], columns=["Aantal", "Aantal"])
    assert to_csv_bytes(frame).decode("utf-8-sig") == "Aantal;Aantal\r\n1;2,5\r\n"
