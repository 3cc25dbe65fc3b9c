"""Downloads that open correctly in Dutch Excel: CSV and xlsx, with real numbers.

Pure functions, no Streamlit. The screen shows Dutch text (`llo_dash.formatting`);
the files keep numbers so users can calculate with them.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Integral, Number

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from llo_dash.formatting import getal, is_missing, rounded

# Floats carry binary noise (0.1 + 0.2 == 0.30000000000000004). A float has about
# 15 reliable significant digits, and no figure in the dashboard needs more than
# 6 decimals, so a CSV cell gets whichever of the two is fewer.
MAX_DECIMALS = 6
SIGNIFICANT_DIGITS = 15

# Excel (and LibreOffice) treat a cell starting with one of these as a formula, so
# a region name such as "=HYPERLINK(...)" in source data could run in the user's
# spreadsheet (CSV injection, see OWASP). Tab and carriage return are on OWASP's
# list too. A leading apostrophe makes Excel keep the cell as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SHEET_NAME_MAX = 31  # Excel refuses longer sheet names
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NOTES_SHEET = "Toelichting"

INTEGER_FORMAT = "#,##0"  # Dutch Excel shows 1.234
FLOAT_FORMAT = "#,##0.0"  # Dutch Excel shows 1.234,5
MIN_WIDTH, MAX_WIDTH, NOTES_WIDTH = 8, 60, 120


# --- cells -----------------------------------------------------------------


def _is_formula_like(text: str) -> bool:
    """True when Excel would read `text` as a formula; "-5" or "+1,5" are numbers, not formulas."""
    if not text.startswith(FORMULA_START):
        return False
    try:
        float(text.replace(",", "."))
    except ValueError:
        return True
    return False


def _safe_text(text: str) -> str:
    return "'" + text if _is_formula_like(text) else text


def _plain_decimal(value: float) -> str:
    """A float as plain decimals, without noise or exponent.

    15.900000000000002 -> "15.9", 1e20 -> "100000000000000000000", 1e-7 -> "0".
    """
    number = Decimal(repr(float(value)))
    places = max(0, min(MAX_DECIMALS, SIGNIFICANT_DIGITS - (number.adjusted() + 1)))
    with localcontext() as ctx:
        ctx.prec = max(28, number.adjusted() + places + 2)
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _csv_cell(value) -> str:
    """One value as CSV text for Dutch Excel: decimal comma, no thousands separator."""
    if is_missing(value):
        return ""
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Number):
        return _plain_decimal(value).replace(".", ",")
    if isinstance(value, datetime):
        # A date stored as midnight (the usual pandas case) is written as a date.
        return value.date().isoformat() if value.time() == time.min else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return _safe_text(str(value))


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """`df` as a CSV that Dutch Excel opens by double-click.

    UTF-8 with BOM (otherwise Excel guesses Windows-1252 and mangles "Fryslân"),
    ";" as separator and "," as decimal mark (the nl-NL list and decimal
    separators), CRLF line endings, no index, missing values as empty cells.
    Each cell is written by `_csv_cell` first (no float noise, no "1234,0", the formula guard);
    pandas does the quoting and separators.
    """
    cellen = pd.DataFrame({i: [_csv_cell(value) for value in df.iloc[:, i]] for i in range(df.shape[1])})
    cellen.columns = [_safe_text(str(column)) for column in df.columns]
    tekst = cellen.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return tekst.encode("utf-8-sig")


# --- xlsx ------------------------------------------------------------------


def _sheet_name(name: str) -> str:
    """A name Excel accepts: no []:*?/\\, at most 31 characters, not empty."""
    cleaned = SHEET_NAME_FORBIDDEN.sub("-", name).strip("'").strip()
    return cleaned[:SHEET_NAME_MAX] or "Gegevens"


def _column_format(series: pd.Series) -> str | None:
    """The number format for a column, or None for non-numeric columns.

    Float columns whose values are all whole (counts with gaps: pandas makes them
    float because of NaN) are shown as integers.
    """
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return INTEGER_FORMAT
    values = series.dropna()
    values = values[values.map(math.isfinite)]
    whole = len(values) > 0 and bool((values == values.round()).all())
    return INTEGER_FORMAT if whole else FLOAT_FORMAT


def _xlsx_value(value):
    """A value openpyxl can store: numbers stay numbers, text is cleaned."""
    if is_missing(value):
        return None
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Number):
        return float(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, date):
        return value
    return str(value)


def _write_cell(ws, row: int, column: int, value, number_format: str | None = None):
    value = _xlsx_value(value)
    if isinstance(value, str):
        # openpyxl would refuse control characters and store "=..." as a formula.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and _is_formula_like(value):
        # The xlsx form of the leading apostrophe: stored as text, shown as typed.
        cell.data_type = "s"
        cell.quotePrefix = True
    elif number_format and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = number_format
    return cell


def _display_width(value, number_format: str | None) -> int:
    """How many characters Excel needs to show `value`."""
    if is_missing(value):
        return 0
    if number_format and isinstance(value, Number) and not isinstance(value, bool):
        return len(getal(value, 0 if number_format == INTEGER_FORMAT else 1))
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fit_columns(ws, df: pd.DataFrame, formats: list[str | None]) -> None:
    for index, (column, number_format) in enumerate(zip(df.columns, formats), start=1):
        widths = [len(str(column))] + [_display_width(v, number_format) for v in df[column]]
        width = min(MAX_WIDTH, max(MIN_WIDTH, max(widths) + 2))
        ws.column_dimensions[get_column_letter(index)].width = width


def _write_notes(wb: Workbook, notes: list[str]) -> None:
    ws = wb.create_sheet(NOTES_SHEET)
    for row, line in enumerate(notes, start=1):
        _write_cell(ws, row, 1, str(line))
    longest = max((len(str(line)) for line in notes), default=0)
    ws.column_dimensions["A"].width = min(NOTES_WIDTH, max(MIN_WIDTH, longest + 2))


def excel_formaat(decimals: int) -> str:
    """The Excel number format with `decimals` decimals: 0 -> "#,##0", 2 -> "#,##0.00" (Dutch Excel: 1.234,56)."""
    return INTEGER_FORMAT if decimals <= 0 else "#,##0." + "0" * decimals


def afronden(df: pd.DataFrame, decimalen: dict[str, int]) -> pd.DataFrame:
    """A copy of `df` with the numeric columns in `decimalen` rounded (half up) to that many decimals: a
    download shows the precision of the screen ("14,4" not "14,4275"), so an estimate does not look exact."""
    df = df.copy()
    for kolom, aantal in decimalen.items():
        if kolom in df and pd.api.types.is_numeric_dtype(df[kolom]) and not pd.api.types.is_bool_dtype(df[kolom]):
            df[kolom] = pd.to_numeric(pd.Series([half_up(value, aantal) for value in df[kolom]], index=df.index))
    return df


def half_up(value, decimals: int) -> float:
    """`value` rounded half up to `decimals` decimals as on screen (`formatting.rounded`: 2,25 -> 2,3, unlike
    round()); missing -> NaN."""
    return float("nan") if is_missing(value) else float(rounded(float(value), decimals))


def met_bron(df: pd.DataFrame, bronnen: Sequence[str]) -> pd.DataFrame:
    """`df` with a last column "Bron" holding the source lines, so a downloaded file names its source.

    Left as it is when `bronnen` is empty or the table already has a source column (a name starting with "bron").
    """
    if not bronnen or any(str(column).lower().startswith("bron") for column in df.columns):
        return df
    return df.assign(Bron=" ".join(dict.fromkeys(bronnen)))


def to_xlsx_bytes(
    df: pd.DataFrame,
    sheet_name: str = "Gegevens",
    notes: list[str] | None = None,
    number_formats: dict[str, str] | None = None,
) -> bytes:
    """`df` as an Excel workbook: numbers stay numbers, header bold and frozen.

    Integer columns get "#,##0", other numeric columns "#,##0.0" (Dutch Excel shows
    1.234,5); `number_formats` overrides this per column, e.g. "0.000" for ratios.
    `notes` (source, year, remarks on estimates) go on a second sheet "Toelichting".
    """
    number_formats = number_formats or {}
    formats = [number_formats.get(column, _column_format(df[column])) for column in df.columns]

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_name(sheet_name)
    bold = Font(bold=True)
    for index, column in enumerate(df.columns, start=1):
        _write_cell(ws, 1, index, str(column)).font = bold
    for index, (column, number_format) in enumerate(zip(df.columns, formats), start=1):
        for row, value in enumerate(df[column], start=2):
            _write_cell(ws, row, index, value, number_format)
    ws.freeze_panes = "A2"  # header stays visible when scrolling
    _fit_columns(ws, df, formats)

    if notes:
        _write_notes(wb, notes)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- file names ------------------------------------------------------------

EXTENSIONS = ("csv", "xlsx")


def slugify(text: str) -> str:
    """Lowercase ASCII with hyphens: "Doelgroep Fryslân (2026)" -> "doelgroep-fryslan-2026"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def download_filename(
    stem: str, region_code: str | None, ext: str, today: date | None = None
) -> str:
    """A self-describing file name: "llo-doelgroep-AM12-2026-11-23.csv".

    The "llo-" prefix is added unless the stem already has it; without a region
    the name says "nederland". Region codes keep their case (CBS writes "GM0363").
    """
    ext = ext.lower().lstrip(".")
    if ext not in EXTENSIONS:
        raise ValueError(f"Onbekend bestandstype {ext!r}; kies uit {EXTENSIONS}.")
    slug = slugify(stem) or "gegevens"
    if slug != "llo" and not slug.startswith("llo-"):
        slug = f"llo-{slug}"
    region = re.sub(r"[^A-Za-z0-9]+", "-", region_code or "").strip("-") or "nederland"
    day = (today or date.today()).isoformat()
    return f"{slug}-{region}-{day}.{ext}"


# --- upload templates ------------------------------------------------------


def sjabloon_csv(kolommen: Sequence[str], voorbeeld: Sequence[Sequence]) -> bytes:
    """An upload template as CSV for Excel: UTF-8 with BOM, ';' separator, header and example rows (as given)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(kolommen)
    writer.writerows(voorbeeld)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sjabloon_xlsx(blad: str, kolommen: Sequence[str], voorbeeld: Sequence[Sequence], toelichting: Sequence[str],
                  breedtes: Sequence[int], tekstkolommen: Sequence[int] | None = None) -> bytes:
    """An upload template as .xlsx: header and example rows on sheet `blad`, the notes on sheet Toelichting (not read
    back). The columns `tekstkolommen` (0-based; default all but the last) are formatted as text, the whole column,
    so Excel keeps "0771" or "2024K3" as typed in new rows too."""
    tekst = range(len(kolommen) - 1) if tekstkolommen is None else tekstkolommen
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = blad
    sheet.append(list(kolommen))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in voorbeeld:
        sheet.append(list(row))
    for position, width in enumerate(breedtes, 1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    for index in tekst:
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].number_format = "@"
        for cell in sheet[letter][1:]:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(NOTES_SHEET)
    for line in toelichting:
        notes.append([line])
    notes.column_dimensions["A"].width = 110  # one instruction per line, readable without wrapping
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
