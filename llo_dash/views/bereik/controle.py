"""What the collective's own uploads (participants, partners) check alike: the file read safely
(`sectoren.upload_reader`: never executed, at most 5 MB), the header mapped to the template's columns, formula
cells refused, and a gemeente given by code or by name (names mapped to codes through the built table `gebieden`,
never guessed). Messages are Dutch and name row and column; a file with any error is kept nowhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from llo_dash import codes
from llo_dash.views.sectoren.upload_reader import (
    Rejected,
    cell_text,
    display_name,
    is_empty,
    is_formula,
    read_rows,
    row_empty,
    show_cell,
)

GEMEENTE_COLUMNS = ("gemeente_code", "gemeente")  # at least one of the two
MAX_LISTED = 20  # row messages shown; the rest is summarised
# Names in common use that differ from CBS's official gemeente name (key form, see `sleutel`).
ANDERE_NAMEN = {"denhaag": "'s-Gravenhage", "denbosch": "'s-Hertogenbosch"}


@dataclass
class Upload:
    """Outcome of one upload: `data` is None whenever `errors` is not empty."""

    data: pd.DataFrame | None
    errors: list[str]
    warnings: list[str]
    filename: str  # cleaned for display (`display_name`)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.errors


def gemeente_namen(gebieden: pd.DataFrame) -> dict[str, str]:
    """Code -> name of every gemeente of the built table `gebieden` (what an upload may name)."""
    rows = gebieden[gebieden["niveau"] == "gemeente"]
    return dict(zip(rows["code"].astype(str), rows["naam"].astype(str)))


def sleutel(text: str) -> str:
    """Match key: case, accents, spaces and punctuation ignored ("Bergen (NH.)" = "bergen nh")."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return re.sub(r"[^0-9a-z]", "", plain.casefold())


def lees(filename: str, content: bytes, kolommen: tuple[str, ...], verplicht: tuple[str, ...]):
    """(display name, warnings, column positions, header width, data rows) of an upload; `Rejected` when the file
    as a whole cannot be used. `verplicht` columns must be there, and `gemeente_code` or `gemeente`."""
    name = display_name(filename)
    warnings: list[str] = []
    rows = read_rows(name, content, warnings)
    header_index = next((i for i, (_, cells) in enumerate(rows) if not row_empty(cells)), None)
    if header_index is None:
        raise Rejected(f"Het bestand '{name}' is leeg.")
    header = rows[header_index][1]
    columns = _kolommen(name, header, kolommen, verplicht, warnings)
    body = [(number, cells) for number, cells in rows[header_index + 1:] if not row_empty(cells)]
    if not body:
        raise Rejected(f"Het bestand '{name}' bevat alleen een kopregel en geen gegevens.")
    return name, warnings, columns, len(header), body


def afgekeurd(name: str, errors: list[str], warnings: list[str]) -> tuple[list[str], list[str]]:
    """The messages of a refused file: a first line saying nothing was kept, then the row messages (limited)."""
    count = len(errors)
    first = (f"'{name}' bevat {count} {'fout' if count == 1 else 'fouten'}; er is niets overgenomen. "
             "Verbeter het bestand en upload het opnieuw.")
    return [first, *beperkt(errors)], beperkt(warnings)


def beperkt(messages: list[str]) -> list[str]:
    """At most `MAX_LISTED` messages, and a count of the rest."""
    rest = len(messages) - MAX_LISTED
    return list(messages) if rest <= 0 else messages[:MAX_LISTED] + [f"… en nog {rest} meldingen."]


def _kolommen(name: str, header: list, kolommen: tuple[str, ...], verplicht: tuple[str, ...],
              warnings: list[str]) -> dict[str, int]:
    """Template column -> position; case-insensitive, spaces read as '_'."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        if is_formula(cell):
            raise Rejected(f"Rij 1 van '{name}' (kopregel) bevat een formule; plak alleen waarden.")
        label = cell_text(cell).lstrip("\ufeff").strip()
        key = re.sub(r"\s+", "_", label.lower())
        if not label:
            continue
        if key not in kolommen:
            ignored.append(label)
        elif key in positions:
            raise Rejected(f"De kolom {key} komt twee keer voor in '{name}'.")
        else:
            positions[key] = position
    missing = [column for column in verplicht if column not in positions]
    if not any(column in positions for column in GEMEENTE_COLUMNS):
        missing.append("gemeente_code of gemeente")
    if missing:
        found = [cell_text(cell).strip() for cell in header if not is_empty(cell)]
        raise Rejected(f"'{name}' heeft niet de juiste kolommen. Ontbreekt: {', '.join(missing)}. "
                       f"Verwacht: {', '.join(kolommen)} (gemeente_code of gemeente is genoeg). "
                       f"Gevonden: {', '.join(show_cell(label) for label in found) or '(geen)'}.")
    if ignored:
        warnings.append(f"Deze kolommen in '{name}' worden genegeerd: {', '.join(show_cell(label) for label in ignored)}.")
    return positions


class Rijcontrole:
    """Checks of one data row shared by the uploads, collecting Dutch messages (row and column named)."""

    def __init__(self, columns: dict[str, int], width: int, gemeenten: dict[str, str]):
        self.columns, self.width, self.gemeenten = columns, width, gemeenten
        self.codes_by_key = {sleutel(naam): code for code, naam in gemeenten.items()}
        for alias, naam in ANDERE_NAMEN.items():
            if code := self.codes_by_key.get(sleutel(naam)):
                self.codes_by_key.setdefault(alias, code)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def bruikbaar(self, number: int, cells: list) -> bool:
        """False (and messages added) when the row holds a formula or cells beyond the header's columns."""
        before = len(self.errors)
        for position, cell in enumerate(cells):
            if is_formula(cell):
                column = next((c for c, p in self.columns.items() if p == position), get_column_letter(position + 1))
                self.error(number, column, f"{show_cell(cell)} is een formule of begint als een formule; formules "
                                           "worden niet geaccepteerd. Plak alleen waarden.")
        if any(not is_empty(cell) for cell in cells[self.width:]):
            self.errors.append(f"Rij {number}: gevulde cellen buiten de {self.width} kolommen van de kopregel.")
        return len(self.errors) == before

    def cel(self, cells: list, column: str):
        position = self.columns.get(column)
        return cells[position] if position is not None and position < len(cells) else None

    def error(self, number: int, column: str, message: str) -> None:
        self.errors.append(f"Rij {number}, kolom {column}: {message}")

    def gemeente(self, number: int, cells: list) -> str:
        """The gemeente code of the row, from `gemeente_code` or else the name in `gemeente` ("" on error)."""
        code_cell, name_cell = self.cel(cells, "gemeente_code"), self.cel(cells, "gemeente")
        if is_empty(code_cell) and is_empty(name_cell):
            present = "/".join(column for column in GEMEENTE_COLUMNS if column in self.columns)
            self.error(number, present, "lege cel; vul een gemeentecode (GM gevolgd door vier cijfers) of -naam in.")
            return ""
        by_name = None if is_empty(name_cell) else self.codes_by_key.get(sleutel(cell_text(name_cell)))
        if is_empty(code_cell):
            if by_name is None:
                self.error(number, "gemeente", f"{show_cell(name_cell)} is geen gemeente (indeling 2025); gebruik de "
                                               "naam zoals CBS die schrijft of de gemeentecode.")
            return by_name or ""
        code = codes.schoon(cell_text(code_cell)) or ""
        if code not in self.gemeenten:
            vorm = "" if codes.is_code(code, "gemeente") else f" (verwacht {codes.VORM['gemeente']})"
            self.error(number, "gemeente_code", f"{show_cell(code_cell)} is geen bestaande gemeentecode (indeling 2025){vorm}.")
            return ""
        if not is_empty(name_cell) and by_name != code:
            self.error(number, "gemeente", f"{show_cell(name_cell)} hoort niet bij code {code} ({self.gemeenten[code]}).")
            return ""
        return code

    def keuze(self, number: int, cell, column: str, choices: dict[str, str], expected: str, leeg: str) -> str:
        """The value of `choices` (keys in `sleutel` form) that the cell names; `leeg` for an empty cell."""
        if is_empty(cell):
            return leeg
        value = choices.get(sleutel(cell_text(cell)))
        if value is None:
            self.error(number, column, f"{show_cell(cell)} is geen geldige waarde; kies {expected}.")
            return ""
        return value

    def tekst(self, number: int, cell, column: str, maximum: int) -> str:
        """Free text of at most `maximum` characters, spaces normalised ("" for an empty cell)."""
        if is_empty(cell):
            return ""
        text = " ".join(cell_text(cell).split())
        if len(text) > maximum or not text.isprintable():
            self.error(number, column, f"{show_cell(cell)} is te lang of bevat vreemde tekens (hoogstens {maximum} tekens).")
            return ""
        return text
