"""Validation of a coordinator's upload of regional UWV tension data, and the template to fill in.

UWV publishes the spanningsindicator per arbeidsmarktregio × beroepsgroep only as
downloads from its dashboard; a coordinator pastes those figures into our template
(`template_csv` / `template_xlsx`) and uploads it. `validate_tension_upload` checks the
file completely and keeps nothing when anything is wrong: on any error `data` is None.

Safety: the file is never executed or evaluated (`upload_reader`). Spreadsheet formulas (and
text that looks like one, such as `=HYPERLINK(...)`) are rejected.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from llo_dash.errors import SchemaError
from llo_dash.export import sjabloon_csv, sjabloon_xlsx
from llo_dash.spanning import typering
from llo_dash.views.sectoren.upload_reader import (
    MAX_BYTES,
    Rejected,
    cell_text,
    display_name,
    format_number,
    is_empty,
    is_formula,
    parse_number,
    read_rows,
    row_empty,
    show_cell,
)

TEMPLATE_COLUMNS = ("arbeidsmarktregio_code", "beroepsgroep_code", "beroepsgroep", "periode", "spanningsindicator")
REQUIRED_COLUMNS = ("arbeidsmarktregio_code", "periode", "spanningsindicator")
BEROEP_COLUMNS = ("beroepsgroep_code", "beroepsgroep")  # at least one of the two
OUTPUT_COLUMNS = (
    "arbeidsmarktregio_code", "brc_beroepsgroep_code", "brc_beroepsgroep_naam", "periode",
    "spanningsindicator", "typering",
)
MAX_WAARDE = 100.0  # UWV values are a few vacancies per person; above 100 is a typing error
MAX_LISTED = 20  # row messages shown; the rest is summarised

EXAMPLE_ROWS = (
    ("AM01", "1121", "Schoonmakers", "2024K3", 1.85),
    ("AM01", "0771", "Productiemachinebedieners", "2024K3", 2.4),
    ("AM02", "0921", "Hulpkrachten landbouw", "2024K3", 0.93),
)

_REGIO = re.compile(r"^AM\s*0*(\d{1,2})$", re.IGNORECASE)
_PERIODE = re.compile(r"^(\d{4})\s*[-_/]?\s*(?:K|Q|KW|kwartaal)\s*[-_/]?\s*([1-4])$", re.IGNORECASE)
_CODE = re.compile(r"^\d{1,4}$")


@dataclass
class UploadResult:
    """Outcome of one upload: `data` is None whenever `errors` is not empty."""

    data: pd.DataFrame | None
    errors: list[str]
    warnings: list[str]
    filename: str  # cleaned for display (`display_name`): letters, digits, space and . _ ( ) - only

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.errors

    @property
    def regios(self) -> list[str]:
        """The arbeidsmarktregio codes in the upload, sorted."""
        return [] if self.data is None else sorted(self.data["arbeidsmarktregio_code"].unique().tolist())

    def periodes(self, regio: str | None = None) -> list[str]:
        """The periods in the upload (of one region, when given), oldest first ("2024K2" < "2024K3" sorts as text)."""
        if self.data is None:
            return []
        rows = self.data if regio is None else self.data[self.data["arbeidsmarktregio_code"] == regio]
        return sorted(rows["periode"].unique().tolist())


# ---------------------------------------------------------------- public API


def validate_tension_upload(
    filename: str, content: bytes, *, regio_codes: set[str], brc: pd.DataFrame
) -> UploadResult:
    """Check an uploaded .csv/.xlsx with regional spanningsindicator values.

    `regio_codes` are the valid arbeidsmarktregio codes ({"AM01", ...}); `brc` has
    columns `brc_beroepsgroep_code` and `brc_beroepsgroep_naam`.
    """
    name = display_name(filename)
    warnings: list[str] = []
    try:
        rows = read_rows(name, content, warnings)
        header_index = next((i for i, (_, cells) in enumerate(rows) if not row_empty(cells)), None)
        if header_index is None:
            raise Rejected(f"Het bestand '{name}' is leeg.")
        columns = _map_columns(name, rows[header_index][1], warnings)
        body = [(number, cells) for number, cells in rows[header_index + 1 :] if not row_empty(cells)]
        if not body:
            raise Rejected(f"Het bestand '{name}' bevat alleen een kopregel en geen gegevens.")
    except Rejected as rejected:
        return UploadResult(None, [str(rejected)], warnings, name)

    is_csv = name.lower().endswith(".csv")
    checker = _RowChecker(columns, len(rows[header_index][1]), regio_codes, _brc_lookup(brc), is_csv)
    records = [record for number, cells in body if (record := checker.check(number, cells)) is not None]
    warnings.extend(checker.summary_warnings())
    if checker.errors:
        count = len(checker.errors)
        errors = [
            f"'{name}' bevat {count} {'fout' if count == 1 else 'fouten'}; er is niets overgenomen. "
            "Verbeter het bestand en upload het opnieuw."
        ]
        errors += _limited(checker.errors, "fout", "fouten")
        return UploadResult(None, errors, _limited(warnings, "waarschuwing", "waarschuwingen"), name)

    data = pd.DataFrame.from_records(records, columns=list(OUTPUT_COLUMNS))
    data = data.sort_values(["periode", "arbeidsmarktregio_code", "brc_beroepsgroep_code"], ignore_index=True)
    data["spanningsindicator"] = data["spanningsindicator"].astype(float)
    return UploadResult(data, [], _limited(warnings, "waarschuwing", "waarschuwingen"), name)


def template_mismatch(filename: str, content: bytes) -> str | None:
    """None when the file's header has the template's columns, else why not (one Dutch sentence).

    The folder of uploads (`ui.uploads_map`) checks only such files with `validate_tension_upload`; other files
    there (a coordinator's own notes, other exports) are ignored with this reason."""
    name = display_name(filename)
    try:
        rows = read_rows(name, content, [])
        header = next((cells for _, cells in rows if not row_empty(cells)), None)
        if header is None:
            raise Rejected(f"Het bestand '{name}' is leeg.")
        _map_columns(name, header, [])
    except Rejected as rejected:
        return str(rejected)
    return None


def template_csv(example: bool = True) -> bytes:
    """Upload template as CSV for Excel: UTF-8 with BOM, ';' separator, decimal comma."""
    rows = [(regio, code, beroep, periode, format_number(waarde))
            for regio, code, beroep, periode, waarde in (EXAMPLE_ROWS if example else ())]
    return sjabloon_csv(TEMPLATE_COLUMNS, rows)


def template_xlsx(example: bool = True) -> bytes:
    """Upload template as .xlsx: data on the first sheet (the code columns and the period as text, so Excel keeps
    leading zeros such as 0771), instructions on the second."""
    return sjabloon_xlsx("Spanningsindicator", TEMPLATE_COLUMNS, EXAMPLE_ROWS if example else (), _TEMPLATE_NOTES,
                         (24, 20, 40, 12, 20), tekstkolommen=(0, 1, 3))


_TEMPLATE_NOTES = (
    "Sjabloon voor de UWV-spanningsindicator per arbeidsmarktregio en beroepsgroep.",
    "Vul het eerste tabblad in; dit tabblad wordt niet gelezen.",
    "arbeidsmarktregio_code: CBS-code van de arbeidsmarktregio, bijvoorbeeld AM01.",
    "beroepsgroep_code: BRC 2014-beroepsgroep, vier cijfers als tekst, bijvoorbeeld 0771. "
    "Of vul de kolom beroepsgroep in met de BRC-naam.",
    "periode: kwartaal, bijvoorbeeld 2024K3 (2024-K3, 2024Q3 en '2024 kwartaal 3' mag ook).",
    "spanningsindicator: getal, decimale komma of punt (bijvoorbeeld 1,85).",
    "De voorbeeldregels zijn verzonnen: vervang ze door de cijfers uit de UWV-download.",
    "Formules worden niet geaccepteerd: plak alleen waarden.",
    f"Maximale bestandsgrootte: {MAX_BYTES // 2**20} MB.",
)


# ---------------------------------------------------------------- columns


def _map_columns(name: str, header: list, warnings: list[str]) -> dict[str, int]:
    """Canonical column name -> position; case-insensitive, trimmed."""
    positions: dict[str, int] = {}
    found: list[str] = []
    ignored: list[str] = []
    for position, cell in enumerate(header):
        if is_formula(cell):
            raise Rejected(f"Rij 1 van '{name}' (kopregel) bevat een formule; plak alleen waarden.")
        label = cell_text(cell).lstrip("\ufeff").strip()
        if not label:
            continue
        found.append(label)
        key = re.sub(r"\s+", "_", label.lower())
        if key in TEMPLATE_COLUMNS:
            if key in positions:
                raise Rejected(f"De kolom {key} komt twee keer voor in '{name}'.")
            positions[key] = position
        else:
            ignored.append(label)
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if not any(column in positions for column in BEROEP_COLUMNS):
        missing.append("beroepsgroep_code of beroepsgroep")
    if missing:
        raise Rejected(
            f"'{name}' heeft niet de juiste kolommen. Ontbreekt: {', '.join(missing)}. "
            f"Verwacht: {', '.join(TEMPLATE_COLUMNS)} (beroepsgroep_code of beroepsgroep is genoeg). "
            f"Gevonden: {', '.join(show_cell(label) for label in found) or '(geen)'}."
        )
    if ignored:
        warnings.append(f"Deze kolommen in '{name}' worden genegeerd: {', '.join(show_cell(label) for label in ignored)}.")
    return positions


# ---------------------------------------------------------------- row checks


@dataclass
class _BrcLookup:
    names_by_code: dict[str, str]
    codes_by_key: dict[str, str]


def _brc_lookup(brc: pd.DataFrame) -> _BrcLookup:
    required = ("brc_beroepsgroep_code", "brc_beroepsgroep_naam")
    if any(column not in brc.columns for column in required):
        raise SchemaError(f"De BRC-tabel voor de uploadcontrole mist kolommen; verwacht {', '.join(required)}.")
    # zfill: a BRC table read without dtype=str has lost its leading zeros (771 -> "0771").
    names = {str(code).strip().zfill(4): str(name).strip() for code, name in zip(brc[required[0]], brc[required[1]])}
    return _BrcLookup(names, {_name_key(name): code for code, name in names.items()})


class _RowChecker:
    """Checks data rows one by one, collecting Dutch messages and the duplicate keys."""

    def __init__(self, columns: dict[str, int], width: int, regio_codes: set[str], brc: _BrcLookup, is_csv: bool):
        self.columns = columns
        self.width = width
        self.is_csv = is_csv
        self.regio_codes = {code.strip().upper() for code in regio_codes}
        self.brc = brc
        self.errors: list[str] = []
        self.name_warnings: list[str] = []
        self.padded: list[tuple[str, str]] = []
        self.example_rows: list[int] = []
        self.seen: dict[tuple[str, str, str], int] = {}

    def check(self, number: int, cells: list) -> dict | None:
        """The output record for a valid row, else None (and messages added)."""
        before = len(self.errors)
        self._check_formulas(number, cells)
        self._check_width(number, cells)
        if len(self.errors) > before:
            return None
        regio = self._regio(number, self._cell(cells, "arbeidsmarktregio_code"))
        beroep = self._beroep(number, cells)
        periode = self._periode(number, self._cell(cells, "periode"))
        waarde = self._waarde(number, self._cell(cells, "spanningsindicator"))
        if len(self.errors) > before:
            return None
        key = (regio, beroep, periode)
        if key in self.seen:
            self.errors.append(
                f"Rij {number}: dubbele regel voor arbeidsmarktregio {regio}, beroepsgroep {beroep} en "
                f"periode {periode} (ook in rij {self.seen[key]})."
            )
            return None
        self.seen[key] = number
        if (regio, beroep, periode, waarde) in _EXAMPLE_KEYS:
            self.example_rows.append(number)
        return {
            "arbeidsmarktregio_code": regio,
            "brc_beroepsgroep_code": beroep,
            "brc_beroepsgroep_naam": self.brc.names_by_code[beroep],
            "periode": periode,
            "spanningsindicator": waarde,
            "typering": typering(waarde),
        }

    def summary_warnings(self) -> list[str]:
        warnings = []
        if self.padded:
            raw, code = self.padded[0]
            warnings.append(
                f"In {len(self.padded)} {'rij' if len(self.padded) == 1 else 'rijen'} is de beroepsgroepcode "
                f"aangevuld met voorloopnullen (bijvoorbeeld {raw} → {code}); Excel haalt die vaak weg."
            )
        if self.example_rows:
            rows = ", ".join(str(number) for number in self.example_rows)
            one = len(self.example_rows) == 1
            warnings.append(
                f"{'Rij' if one else 'Rijen'} {rows} {'is' if one else 'zijn'} gelijk aan "
                f"{'een verzonnen voorbeeldregel' if one else 'verzonnen voorbeeldregels'} uit het sjabloon; "
                "vervang of verwijder ze."
            )
        return warnings + self.name_warnings

    # -- helpers per column

    def _cell(self, cells: list, column: str):
        position = self.columns.get(column)
        return cells[position] if position is not None and position < len(cells) else None

    def _error(self, number: int, column: str, message: str) -> None:
        self.errors.append(f"Rij {number}, kolom {column}: {message}")

    def _check_formulas(self, number: int, cells: list) -> None:
        for position, cell in enumerate(cells):
            if is_formula(cell):
                column = next((c for c, p in self.columns.items() if p == position), get_column_letter(position + 1))
                self._error(
                    number, column,
                    f"{show_cell(cell)} is een formule of begint als een formule; formules worden niet "
                    "geaccepteerd. Plak alleen waarden.",
                )

    def _check_width(self, number: int, cells: list) -> None:
        extra = [cell for cell in cells[self.width :] if not is_empty(cell)]
        if extra:
            message = f"Rij {number}: gevulde cellen buiten de {self.width} kolommen van de kopregel."
            if self.is_csv:  # the usual cause: 1,5 split in two by a ',' separator
                message += (
                    " Staat er een decimale komma in een bestand met komma als scheidingsteken? "
                    "Gebruik ';' als scheidingsteken of zet het getal tussen aanhalingstekens."
                )
            self.errors.append(message)

    def _regio(self, number: int, cell) -> str:
        column = "arbeidsmarktregio_code"
        if is_empty(cell):
            self._error(number, column, "lege cel.")
            return ""
        match = _REGIO.match(cell_text(cell).strip())
        code = f"AM{int(match.group(1)):02d}" if match else ""
        if code not in self.regio_codes:
            self._error(number, column, f"{show_cell(cell)} is geen bekende arbeidsmarktregio-code (zoals AM01).")
            return ""
        return code

    def _beroep(self, number: int, cells: list) -> str:
        code_cell = self._cell(cells, "beroepsgroep_code")
        name_cell = self._cell(cells, "beroepsgroep")
        if is_empty(code_cell) and is_empty(name_cell):
            present = "/".join(column for column in BEROEP_COLUMNS if column in self.columns)
            self._error(number, present, "lege cel; vul een BRC-beroepsgroepcode of -naam in.")
            return ""
        if is_empty(code_cell):
            code = self.brc.codes_by_key.get(_name_key(cell_text(name_cell)))
            if code is None:
                self._error(number, "beroepsgroep", f"{show_cell(name_cell)} is geen BRC 2014-beroepsgroep.")
                return ""
            return code
        raw = cell_text(code_cell).strip()
        code = raw.zfill(4) if _CODE.match(raw) else raw
        if code not in self.brc.names_by_code:
            self._error(number, "beroepsgroep_code", f"{show_cell(code_cell)} is geen BRC 2014-beroepsgroepcode.")
            return ""
        if code != raw:
            self.padded.append((raw, code))
        if not is_empty(name_cell) and self.brc.codes_by_key.get(_name_key(cell_text(name_cell))) != code:
            self.name_warnings.append(
                f"Rij {number}: beroepsgroep {show_cell(name_cell)} hoort niet bij code {code} "
                f"({self.brc.names_by_code[code]}); de code is gebruikt."
            )
        return code

    def _periode(self, number: int, cell) -> str:
        if is_empty(cell):
            self._error(number, "periode", "lege cel.")
            return ""
        match = _PERIODE.match(cell_text(cell).strip())
        if not match:
            self._error(number, "periode", f"{show_cell(cell)} is geen kwartaal; schrijf bijvoorbeeld 2024K3.")
            return ""
        return f"{match.group(1)}K{match.group(2)}"

    def _waarde(self, number: int, cell) -> float:
        column = "spanningsindicator"
        if is_empty(cell):
            self._error(number, column, "lege cel.")
            return math.nan
        value = parse_number(cell)
        if value is None:
            self._error(number, column, f"{show_cell(cell)} is geen getal.")
        elif value < 0:
            self._error(number, column, f"{show_cell(cell)} is negatief; de spanningsindicator kan niet onder 0 liggen.")
        elif value > MAX_WAARDE:
            self._error(
                number, column,
                f"{show_cell(cell)} is onwaarschijnlijk hoog (meer dan {format_number(MAX_WAARDE)}); controleer de waarde.",
            )
        else:
            return value
        return math.nan


_EXAMPLE_KEYS = {(regio, code, periode, waarde) for regio, code, _, periode, waarde in EXAMPLE_ROWS}


def _name_key(name: str) -> str:
    """Match key for names: case, accents and spacing ignored (Conciërges = concierges)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def _limited(messages: list[str], singular: str, plural: str) -> list[str]:
    if len(messages) <= MAX_LISTED:
        return list(messages)
    rest = len(messages) - MAX_LISTED
    return messages[:MAX_LISTED] + [f"… en nog {rest} {singular if rest == 1 else plural}."]
