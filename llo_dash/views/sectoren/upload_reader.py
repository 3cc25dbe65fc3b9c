"""An uploaded file read into rows of raw cells, safely, and single cells read as text, number or formula.

Safety: the file is never executed or evaluated. The size is checked before reading, an .xlsx is
checked for its unpacked size before openpyxl opens it, and a formula shows up as formula text (to be
refused by the checks in `upload`), never as its result. Whatever makes the whole file unusable
raises `Rejected` with the Dutch message.
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
    try:
        # Record n is row n in Excel (a quoted line break stays inside one cell there too).
        return [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=separator), 1)]
    except csv.Error as error:
        raise Rejected(f"'{name}' kan niet als CSV worden gelezen ({error}).") from None


def _decode(name: str, content: bytes, warnings: list[str]) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)  # Excel "Unicode-tekst"
    else:
        encodings = ("utf-8", "cp1252")  # Excel "CSV (gescheiden door lijstscheidingsteken)" is cp1252
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252":
            warnings.append(f"'{name}' is niet in UTF-8 opgeslagen en is gelezen als Windows-tekst (cp1252).")
        return text
    raise Rejected(f"De tekens in '{name}' kunnen niet worden gelezen; sla het bestand op als CSV UTF-8.")


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
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # do not trust the stored dimension: read every row and column
        return [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), 1)]
    except Rejected:
        raise
    except Exception:
        raise Rejected(corrupt) from None
    finally:
        workbook.close()


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

