"""Validation of a coordinator's upload of the collective's participants per gemeente, and the template.

The collective counts its own participants; the dashboard cannot know them. A coordinator fills in the
template (`template_csv` / `template_xlsx`: per gemeente the number of participants, optionally split by
NT1/NT2, labour position and period) and uploads it. `valideer_bereik_upload` checks the file completely and
keeps nothing when anything is wrong: on any error `data` is None. Gemeenten are given by code (GM0392) or
by name; names are mapped to codes through the built table `gebieden`, and a name that does not map is
refused (never guessed).

Safety: the file is read by `sectoren.upload_reader` (never executed or evaluated, size capped at 5 MB);
formula cells and text that a spreadsheet would run as a formula are refused.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash.views.bereik.controle import Rijcontrole, Upload, afgekeurd, lees
from llo_dash.export import sjabloon_csv, sjabloon_xlsx
from llo_dash.views.sectoren.upload_reader import MAX_BYTES, Rejected, display_name, is_empty, parse_number, show_cell

TEMPLATE_COLUMNS = ("gemeente_code", "gemeente", "groep", "arbeid", "periode", "deelnemers")
OUTPUT_COLUMNS = ("gemeente_code", "gemeente_naam", "groep", "arbeid", "periode", "deelnemers")
ONBEKEND = "onbekend"
# Accepted spellings -> the group id of the estimate (`laaggeletterd_<id>`), or ONBEKEND.
GROEPEN = {"nt1": "nt1", "nt2": "nt2", "onbekend": ONBEKEND}
ARBEID = {
    "werkend": "werkend", "werk": "werkend",
    "werkzoekend": "werkzoekend", "werkloos": "werkzoekend",
    "nietwerkend": "inactief", "inactief": "inactief", "nietwerkendnietzoekend": "inactief",
    "onbekend": ONBEKEND,
}
MAX_DEELNEMERS = 1_000_000  # more than the largest gemeente's target group many times over: a typing error
MAX_PERIODE = 30  # characters
_PERIODE = re.compile(r"[0-9A-Za-zÀ-ÿ .\-/]+")

EXAMPLE_ROWS = (
    ("GM0392", "Haarlem", "NT1", "werkzoekend", "2024", 40),
    ("GM0392", "Haarlem", "NT2", "werkend", "2024", 25),
    ("", "Velsen", "onbekend", "onbekend", "2024", 12),
)


class BereikUpload(Upload):
    """Outcome of one upload (`controle.Upload`); `data` has the columns `OUTPUT_COLUMNS`."""

    @property
    def periodes(self) -> list[str]:
        """The periods in the upload, sorted as text ("" when the file has none)."""
        return [] if self.data is None else sorted(self.data["periode"].unique().tolist())


# ---------------------------------------------------------------- public API


def valideer_bereik_upload(filename: str, content: bytes, *, gemeenten: dict[str, str]) -> BereikUpload:
    """Check an uploaded .csv/.xlsx with participants per gemeente; `gemeenten` is code -> official name."""
    try:
        name, warnings, columns, width, body = lees(filename, content, TEMPLATE_COLUMNS, ("deelnemers",))
    except Rejected as rejected:
        return BereikUpload(None, [str(rejected)], [], display_name(filename))
    checker = _Deelnemerscontrole(columns, width, gemeenten)
    records = [record for number, cells in body if (record := checker.check(number, cells)) is not None]
    checker.check_perioden()
    warnings.extend(checker.warnings)
    if checker.errors:
        return BereikUpload(None, *afgekeurd(name, checker.errors, warnings), name)
    data = pd.DataFrame.from_records(records, columns=list(OUTPUT_COLUMNS))
    data["deelnemers"] = data["deelnemers"].astype("int64")
    data = data.sort_values(["periode", "gemeente_code", "groep", "arbeid"], ignore_index=True)
    return BereikUpload(data, [], warnings, name)


def template_csv() -> bytes:
    """Upload template as CSV for Excel (UTF-8 with BOM, ';'), with the made-up example rows."""
    return sjabloon_csv(TEMPLATE_COLUMNS, EXAMPLE_ROWS)


def template_xlsx() -> bytes:
    """Upload template as .xlsx: data on the first sheet, the notes on `Toelichting`."""
    return sjabloon_xlsx("Deelnemers", TEMPLATE_COLUMNS, EXAMPLE_ROWS, TOELICHTING, (16, 28, 12, 16, 14, 14))


TOELICHTING = (
    "Sjabloon voor de deelnemers van het LLO-Collectief per gemeente (bereik).",
    "Vul het eerste tabblad in; dit tabblad wordt niet gelezen. Eén regel per gemeente (en per groep, arbeid en periode).",
    "gemeente_code: CBS-code van de gemeente, bijvoorbeeld GM0392 (Haarlem). Of vul de kolom gemeente in met de "
    "naam zoals CBS die schrijft, bijvoorbeeld Bergen (NH.).",
    "groep (mag leeg): NT1, NT2 of onbekend.",
    "arbeid (mag leeg): werkend, werkzoekend, niet-werkend of onbekend.",
    "periode (mag leeg): vrije tekst, bijvoorbeeld 2024 of 2024-H1; vul hem in op alle regels of op geen enkele.",
    "deelnemers: aantal personen, een heel getal van 0 of meer.",
    "Tel iemand maar één keer per periode: de regels worden opgeteld.",
    "De voorbeeldregels zijn verzonnen: vervang ze door de eigen aantallen.",
    "Formules worden niet geaccepteerd: plak alleen waarden.",
    f"Maximale bestandsgrootte: {MAX_BYTES // 2**20} MB. De upload blijft in de sessie en wordt nergens heen gestuurd.",
)


# ---------------------------------------------------------------- rows


class _Deelnemerscontrole(Rijcontrole):
    """The participants' rows: gemeente, group, labour position, period, count; duplicates and mixed periods."""

    def __init__(self, columns: dict[str, int], width: int, gemeenten: dict[str, str]):
        super().__init__(columns, width, gemeenten)
        self.seen: dict[tuple[str, str, str, str], int] = {}
        self.perioden: dict[bool, list[int]] = {True: [], False: []}  # period filled in? -> rows

    def check(self, number: int, cells: list) -> dict | None:
        if not self.bruikbaar(number, cells):
            return None
        before = len(self.errors)
        code = self.gemeente(number, cells)
        groep = self.keuze(number, self.cel(cells, "groep"), "groep", GROEPEN, "NT1, NT2 of onbekend (of laat leeg)", ONBEKEND)
        arbeid = self.keuze(number, self.cel(cells, "arbeid"), "arbeid", ARBEID,
                            "werkend, werkzoekend, niet-werkend of onbekend (of laat leeg)", ONBEKEND)
        periode = self._periode(number, self.cel(cells, "periode"))
        deelnemers = self._deelnemers(number, self.cel(cells, "deelnemers"))
        if len(self.errors) > before:
            return None
        key = (code, groep, arbeid, periode)
        if key in self.seen:
            self.errors.append(f"Rij {number}: dubbele regel voor {self.gemeenten[code]} ({code}), groep {groep}, "
                               f"arbeid {arbeid}{f', periode {periode}' if periode else ''} (ook in rij {self.seen[key]}).")
            return None
        self.seen[key] = number
        self.perioden[bool(periode)].append(number)
        return {"gemeente_code": code, "gemeente_naam": self.gemeenten[code], "groep": groep, "arbeid": arbeid,
                "periode": periode, "deelnemers": deelnemers}

    def check_perioden(self) -> None:
        """A period on some rows and not on others cannot be summed (which period would those rows be?)."""
        if self.perioden[True] and self.perioden[False]:
            rows = self.perioden[False]
            shown = ", ".join(str(row) for row in rows[:10]) + (" …" if len(rows) > 10 else "")
            self.errors.append(f"Rij {shown}, kolom periode: lege cel, terwijl andere rijen een periode hebben. "
                               "Vul de periode op alle rijen in of op geen enkele.")

    def _periode(self, number: int, cell) -> str:
        # Only letters, digits, space and . - /: the period is shown in Markdown, in a map note and in downloads.
        periode = self.tekst(number, cell, "periode", MAX_PERIODE)
        if periode and not _PERIODE.fullmatch(periode):
            self.error(number, "periode", f"{show_cell(cell)}: gebruik alleen letters, cijfers, spaties en . - / "
                                          "(bijvoorbeeld 2024 of 2024-H1).")
            return ""
        return periode

    def _deelnemers(self, number: int, cell) -> int:
        column = "deelnemers"
        if is_empty(cell):
            self.error(number, column, "lege cel; vul het aantal deelnemers in (0 mag).")
            return 0
        value = parse_number(cell)
        if value is None:
            self.error(number, column, f"{show_cell(cell)} is geen getal.")
        elif value < 0:
            self.error(number, column, f"{show_cell(cell)} is negatief.")
        elif not float(value).is_integer():
            self.error(number, column, f"{show_cell(cell)} is geen heel getal; tel personen (en schrijf duizendtallen "
                                       "zonder punt: 1234).")
        elif value > MAX_DEELNEMERS:
            self.error(number, column, f"{show_cell(cell)} is onwaarschijnlijk hoog; controleer het aantal.")
        else:
            return int(value)
        return 0
