"""An uploaded file read into rows of raw cells, safely, and single cells read as text, number or formula.

Safety: the file is never executed or evaluated. The size is checked before reading, an .xlsx is
checked for its unpacked size before openpyxl opens it, and a formula shows up as formula text (to be
refused by the checks in `upload`), never as its result. Whatever makes the whole file unusable
raises `Rejected` with the Dutch message.

Bounded in time and memory before parsing: at most `MAX_ROWS` rows and `MAX_COLUMNS` columns. A CSV's
lines are counted before the CSV parser runs (a flood of empty lines); an .xlsx is read cell by cell
as stored (sparse), after its used range (`dimension`) is checked, so one cell in column XFD costs one
cell, not 16,384. A workbook must have exactly one sheet, visible: a hidden sheet's values are never
used unseen.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from datetime import date, datetime, time, timedelta

import openpyxl

MAX_BYTES = 5 * 2**20
MAX_UNPACKED_BYTES = 100 * 2**20  # an .xlsx is a zip: refuse "zip bombs" before parsing
MAX_ROWS = 20_000  # a UWV list has a few hundred occupations; more is another kind of file
MAX_COLUMNS = 100
NOTES_SHEET = "Toelichting"  # the explanation sheet of the dashboard's own templates: not data

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$")
_PLAIN_TYPES = (str, int, float, bool, datetime, date, time, timedelta)


class Rejected(Exception):
    """The file as a whole cannot be used; the message is the Dutch error."""


# ---------------------------------------------------------------- reading


def display_name(filename: str) -> str:
    """The file name as it is shown everywhere (messages, captions, figure notes): the base name only
    (browsers may send a path), with only letters, digits, space and . _ ( ) - kept, so a name can carry
    no Markdown, HTML or plotly markup."""
    base = re.split(r"[\\/]", filename or "")[-1]
    return re.sub(r"[^\w .()-]", "", base).strip()[:120] or "bestand"


def read_rows(name: str, content: bytes, warnings: list[str]) -> list[tuple[int, list]]:
    """(Excel row number, cells) for every row of the file, header included."""
    size = len(content)
    if size > MAX_BYTES:  # first, so a huge file costs nothing
        raise Rejected(
            f"Het bestand '{name}' is {_megabytes(size)} groot; de grens is {_megabytes(MAX_BYTES)}. "
            "Upload alleen de benodigde regels."
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xls":
        raise Rejected(
            f"'{name}' is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV en upload het opnieuw."
        )
    if extension not in ("csv", "xlsx"):
        shown = f".{extension}" if extension else "zonder extensie"
        raise Rejected(f"Bestandstype {shown} van '{name}' wordt niet ondersteund; gebruik .csv of .xlsx.")
    if size == 0:
        raise Rejected(f"Het bestand '{name}' is leeg.")
    if extension == "xlsx":
        return _read_xlsx(name, content)
    return _read_csv(name, content, warnings)


def _read_csv(name: str, content: bytes, warnings: list[str]) -> list[tuple[int, list]]:
    if content.startswith(b"PK\x03\x04"):
        raise Rejected(f"'{name}' lijkt een Excel-bestand en geen CSV; geef het de extensie .xlsx.")
    text = _decode(name, content, warnings)
    if "\x00" in text:
        raise Rejected(f"'{name}' is geen tekstbestand (CSV).")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    separator = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ";"
    if text.count("\n") > MAX_ROWS:  # counted before parsing: a flood of (empty) lines costs no memory
        raise Rejected(_too_many_rows(name))
    rows = []
    try:
        # Record n is row n in Excel (a quoted line break stays inside one cell there too).
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=separator), 1):
            if len(row) > MAX_COLUMNS:
                raise Rejected(_too_many_columns(name, len(row)))
            rows.append((number, row))
    except csv.Error as error:
        raise Rejected(f"'{name}' kan niet als CSV worden gelezen ({error}).") from None
    return rows


def _too_many_rows(name: str) -> str:
    return f"'{name}' heeft meer dan {MAX_ROWS:,} regels (ook lege tellen mee); upload alleen de benodigde regels.".replace(",", ".")


def _too_many_columns(name: str, columns: int) -> str:
    return (f"'{name}' heeft {columns:,} kolommen; de grens is {MAX_COLUMNS}. Upload alleen de benodigde kolommen "
            "(en maak in Excel verre, ongebruikte cellen leeg).").replace(",", ".")


def _decode(name: str, content: bytes, warnings: list[str]) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)  # Excel "Unicode-tekst"
    elif _utf16_without_bom(content):
        encodings = (_utf16_without_bom(content),)
    else:
        # Excel "CSV (gescheiden door lijstscheidingsteken)" is cp1252; Latin-1 reads every byte (last resort)
        encodings = ("utf-8", "cp1252", "latin-1")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding in ("cp1252", "latin-1"):
            warnings.append(f"'{name}' is niet in UTF-8 opgeslagen en is gelezen als Windows-tekst ({encoding}).")
        return text
    raise Rejected(f"De tekens in '{name}' kunnen niet worden gelezen; sla het bestand op als CSV UTF-8.")


def _utf16_without_bom(content: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the text has a zero byte beside (nearly) every character, as ASCII text in
    UTF-16 has; None otherwise."""
    sample = content[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            return encoding
    return None


def _read_xlsx(name: str, content: bytes) -> list[tuple[int, list]]:
    corrupt = f"Het Excel-bestand '{name}' kan niet worden geopend: het is beschadigd of geen .xlsx-bestand."
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Rejected(corrupt) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise Rejected(
            f"Het Excel-bestand '{name}' is uitgepakt {_megabytes(unpacked)} groot; "
            f"de grens is {_megabytes(MAX_UNPACKED_BYTES)}."
        )
    # data_only=False on purpose: with data_only=True a formula would show up as its cached
    # result and slip through; now it shows up as formula text and is rejected. Nothing is evaluated.
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types on malformed input; all mean "cannot open"
        raise Rejected(corrupt) from None
    try:
        if not workbook.worksheets:
            raise Rejected(corrupt)
        return _read_sheet(name, _the_one_sheet(name, workbook))
    except Rejected:
        raise
    except Exception:
        raise Rejected(corrupt) from None
    finally:
        workbook.close()


def _the_one_sheet(name: str, workbook):
    """The workbook's one data sheet; a hidden sheet or more than one data sheet is refused (which one would be
    meant?). A sheet `Toelichting` (the explanation the dashboard puts in its templates) is not a data sheet."""
    hidden = [sheet.title for sheet in workbook.worksheets if sheet.sheet_state != "visible"]
    if hidden:
        raise Rejected(f"Het Excel-bestand '{name}' heeft een verborgen werkblad ({_clean(hidden[0])[:40]}). Verwijder "
                       "verborgen werkbladen of kopieer de gegevens naar een nieuw bestand met één werkblad.")
    data_sheets = [sheet for sheet in workbook.worksheets if sheet.title != NOTES_SHEET] or workbook.worksheets
    if len(data_sheets) > 1:
        names = ", ".join(_clean(sheet.title)[:40] for sheet in data_sheets[:5])
        raise Rejected(f"Het Excel-bestand '{name}' heeft {len(data_sheets)} werkbladen ({names}). Laat alleen "
                       "het werkblad met de gegevens staan, of sla dat werkblad op als CSV.")
    return data_sheets[0]


def _read_sheet(name: str, sheet) -> list[tuple[int, list]]:
    """(row number, cells) of a read-only sheet, cell by cell as stored: a row is as long as its last stored cell.

    The stored used range is checked first; the cells themselves too (the range may be missing or wrong).
    """
    if (sheet.max_row or 0) > MAX_ROWS:
        raise Rejected(_too_many_rows(name))
    if (sheet.max_column or 0) > MAX_COLUMNS:
        raise Rejected(_too_many_columns(name, sheet.max_column))
    from openpyxl.worksheet._reader import WorkSheetParser  # sparse rows; the public iter_rows pads every row

    workbook = sheet.parent
    rows: list[tuple[int, list]] = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=False, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for number, stored in parser.parse():
            if number > MAX_ROWS:
                raise Rejected(_too_many_rows(name))
            width = max((cell["column"] for cell in stored), default=0)
            if width > MAX_COLUMNS:
                raise Rejected(_too_many_columns(name, width))
            cells: list = [None] * width
            for cell in stored:
                cells[cell["column"] - 1] = cell["value"]
            rows.extend((missing, []) for missing in range(len(rows) + 1, number))  # rows without stored cells
            rows.append((number, cells))
    return rows


# ---------------------------------------------------------------- cells


def is_empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def row_empty(cells: list) -> bool:
    return all(is_empty(cell) for cell in cells)


def cell_text(cell) -> str:
    """Cell as text; whole floats from Excel lose their '.0' (771.0 -> '771')."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def parse_number(cell) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell) if math.isfinite(cell) else None
    if isinstance(cell, str):
        text = cell.strip().replace("\u00a0", "").replace(" ", "")
        if _NUMBER.match(text):
            return float(text.replace(",", "."))
    return None


def is_formula(cell) -> bool:
    """A formula (openpyxl gives '=...' or a formula object) or text a spreadsheet would run as one."""
    if cell is None:
        return False
    if not isinstance(cell, _PLAIN_TYPES):
        return True  # ArrayFormula, DataTableFormula
    if isinstance(cell, str):
        text = cell.strip()
        return len(text) > 1 and text[0] in "=+-@" and parse_number(text) is None
    return False



def _clean(text: str) -> str:
    return "".join(char for char in text if char.isprintable())


def show_cell(cell) -> str:
    """Cell value for a message: quoted, printable, at most 40 characters."""
    if isinstance(cell, float):
        return format_number(cell)
    text = _clean(cell_text(cell))
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def format_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB".replace(".", ",")

