"""The collective's own partners (an upload kept in the session): name, type (the handreiking's professionals:
Werkgevers, Bemiddelaars, Netwerkers), gemeente (code or name), optionally a wijk code of that gemeente and the
groups they reach. Validated like the participants' upload (`controle`); no geocoding: a partner is placed by its
gemeente (and wijk) code only. Shown per gemeente on Vindplaatsen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from llo_dash import codes
from llo_dash.columns import Kolom, Tabel
from llo_dash.views.bereik.controle import Rijcontrole, Upload, afgekeurd, lees, sleutel
from llo_dash.export import sjabloon_csv, sjabloon_xlsx
from llo_dash.views.sectoren.upload_reader import MAX_BYTES, Rejected, cell_text, display_name, is_empty, show_cell

TEMPLATE_COLUMNS = ("naam", "type", "gemeente_code", "gemeente", "wijk_code", "groepen")
OUTPUT_COLUMNS = ("naam", "type", "gemeente_code", "gemeente_naam", "wijk_code", "groepen")
MAX_NAAM = 100
# The groups a partner may reach, as written in the file (key form) -> as shown.
GROEPEN = {"nt1": "NT1", "nt2": "NT2", "werkend": "werkend", "werkzoekend": "werkzoekend",
           "nietwerkend": "niet-werkend", "inactief": "niet-werkend"}
EXAMPLE_ROWS = (
    ("Voorbeeldbibliotheek (verzonnen)", "Netwerkers", "GM0392", "Haarlem", "", "NT1, NT2"),
    ("Voorbeeld Schoonmaak BV (verzonnen)", "Werkgevers", "", "Velsen", "", "werkend"),
    ("Voorbeeldwerkplein (verzonnen)", "Bemiddelaars", "GM0392", "", "", "werkzoekend, niet-werkend"),
)


def toelichting(typen: Sequence[str]) -> tuple[str, ...]:
    return (
        "Sjabloon voor de partners van het LLO-Collectief.",
        "Vul het eerste tabblad in; dit tabblad wordt niet gelezen. Eén regel per partner (en per gemeente).",
        f"naam: naam van de partner, hoogstens {MAX_NAAM} tekens.",
        f"type: soort professionals uit de handreiking: {', '.join(typen)}.",
        "gemeente_code: CBS-code van de gemeente (GM0392), of vul gemeente in met de naam zoals CBS die schrijft.",
        "wijk_code (mag leeg): CBS-wijkcode in die gemeente, bijvoorbeeld WK039201.",
        "groepen (mag leeg): wie de partner bereikt, gescheiden door komma's: NT1, NT2, werkend, werkzoekend, niet-werkend.",
        "Er wordt niets opgezocht of op een kaart gezet via een adres: alleen de codes worden gebruikt.",
        "Formules worden niet geaccepteerd: plak alleen waarden.",
        f"Maximale bestandsgrootte: {MAX_BYTES // 2**20} MB. De upload blijft in de sessie en wordt nergens heen gestuurd.",
    )


def template_csv() -> bytes:
    return sjabloon_csv(TEMPLATE_COLUMNS, EXAMPLE_ROWS)


def template_xlsx(typen: tuple[str, ...]) -> bytes:
    return sjabloon_xlsx("Partners", TEMPLATE_COLUMNS, EXAMPLE_ROWS, toelichting(typen), (34, 16, 16, 24, 14, 30))


def wijk_gemeenten(gebieden: pd.DataFrame) -> dict[str, str]:
    """Wijk code -> its gemeente code, from the built table (what a partner's wijk_code may be)."""
    return {code: codes.gemeente_van_wijk(code) for code in gebieden.loc[gebieden["niveau"] == "wijk", "code"]}


def valideer_partners_upload(filename: str, content: bytes, *, gemeenten: dict[str, str], wijken: dict[str, str],
                             typen: Sequence[str]) -> Upload:
    """Check an uploaded .csv/.xlsx of partners; `gemeenten` code -> name, `wijken` wijk code -> gemeente code,
    `typen` the handreiking's kinds of professionals."""
    try:
        name, warnings, columns, width, body = lees(filename, content, TEMPLATE_COLUMNS, ("naam", "type"))
    except Rejected as rejected:
        return Upload(None, [str(rejected)], [], display_name(filename))
    checker = _Partnercontrole(columns, width, gemeenten, wijken, typen)
    records = [record for number, cells in body if (record := checker.check(number, cells)) is not None]
    if checker.errors:
        return Upload(None, *afgekeurd(name, checker.errors, warnings), name)
    data = pd.DataFrame.from_records(records, columns=list(OUTPUT_COLUMNS))
    return Upload(data.sort_values(["gemeente_naam", "type", "naam"], ignore_index=True), [], warnings, name)


class _Partnercontrole(Rijcontrole):
    def __init__(self, columns, width, gemeenten, wijken: dict[str, str], typen: Sequence[str]):
        super().__init__(columns, width, gemeenten)
        self.wijken = wijken
        self.typen_tekst = ", ".join(typen)
        # "Werkgevers" or "werkgever": the plural's final s is optional
        self.typen = {key: typ for typ in typen for key in (sleutel(typ), sleutel(typ).removesuffix("s"))}
        self.seen: dict[tuple[str, str, str], int] = {}

    def check(self, number: int, cells: list) -> dict | None:
        if not self.bruikbaar(number, cells):
            return None
        before = len(self.errors)
        naam = self.tekst(number, self.cel(cells, "naam"), "naam", MAX_NAAM)
        if not naam and len(self.errors) == before:
            self.error(number, "naam", "lege cel; vul de naam van de partner in.")
        typ = self.keuze(number, self.cel(cells, "type"), "type", self.typen, self.typen_tekst, "")
        if not typ and len(self.errors) == before:
            self.error(number, "type", f"lege cel; kies {self.typen_tekst}.")
        code = self.gemeente(number, cells)
        wijk = self._wijk(number, self.cel(cells, "wijk_code"), code)
        groepen = self._groepen(number, self.cel(cells, "groepen"))
        if len(self.errors) > before:
            return None
        key = (sleutel(naam), code, wijk)
        if key in self.seen:
            self.errors.append(f"Rij {number}: dubbele regel voor {naam} in {self.gemeenten[code]} (ook in rij {self.seen[key]}).")
            return None
        self.seen[key] = number
        return {"naam": naam, "type": typ, "gemeente_code": code, "gemeente_naam": self.gemeenten[code],
                "wijk_code": wijk, "groepen": groepen}

    def _wijk(self, number: int, cell, gemeente: str) -> str:
        if is_empty(cell):
            return ""
        code = codes.schoon(cell_text(cell)) or ""
        if code not in self.wijken:
            self.error(number, "wijk_code", f"{show_cell(cell)} is geen bestaande wijkcode (verwacht {codes.VORM['wijk']}).")
            return ""
        if gemeente and self.wijken[code] != gemeente:
            self.error(number, "wijk_code", f"wijk {code} ligt niet in {self.gemeenten[gemeente]} ({gemeente}).")
            return ""
        return code

    def _groepen(self, number: int, cell) -> str:
        if is_empty(cell):
            return ""
        delen = [deel for deel in re.split(r"[,/+|;]", cell_text(cell)) if deel.strip()]
        onbekend = [deel.strip() for deel in delen if sleutel(deel) not in GROEPEN]
        if onbekend:
            self.error(number, "groepen", f"{show_cell(onbekend[0])} is geen groep; kies uit NT1, NT2, werkend, "
                                          "werkzoekend, niet-werkend (gescheiden door komma's).")
            return ""
        return ", ".join(dict.fromkeys(GROEPEN[sleutel(deel)] for deel in delen))


# --- shown per gemeente -------------------------------------------------------------


def partners_per_gemeente(data: pd.DataFrame, gemeenten: dict[str, str], typen: Sequence[str]) -> Tabel:
    """Per gemeente of `gemeenten` (code -> name, in the order shown): the number of uploaded partners, per type,
    and the groups they reach together. A gemeente without uploaded partners has 0 (the upload is the list)."""
    records = []
    for code, naam in gemeenten.items():
        rows = data[data["gemeente_code"] == code]
        bereikt = {groep for tekst in rows["groepen"] for groep in tekst.split(", ") if groep}
        records.append({"naam": naam, "partners": len(rows),
                        **{f"type_{i}": int((rows["type"] == typ).sum()) for i, typ in enumerate(typen)},
                        "groepen": ", ".join(groep for groep in dict.fromkeys(GROEPEN.values()) if groep in bereikt),
                        "code": code})
    kolommen = {"naam": Kolom("Gemeente"), "partners": Kolom("Partners (upload)", "getal"),
                **{f"type_{i}": Kolom(typ, "getal") for i, typ in enumerate(typen)},
                "groepen": Kolom("Bereiken samen"), "code": Kolom("Code")}
    return Tabel(pd.DataFrame.from_records(records, columns=list(kolommen)), kolommen)


def partnerlijst(data: pd.DataFrame, gemeente_codes: Sequence[str]) -> Tabel:
    """The uploaded partners in the gemeenten `gemeente_codes`."""
    rows = data[data["gemeente_code"].isin(set(gemeente_codes))]
    return Tabel(rows, {"naam": Kolom("Partner"), "type": Kolom("Type"), "gemeente_naam": Kolom("Gemeente"),
                        "wijk_code": Kolom("Wijkcode"), "groepen": Kolom("Bereikt")})
