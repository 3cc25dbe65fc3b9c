"""Vindplaatsen: the tables of where the target group lives and who reaches them (each a `columns.Tabel`).

Per gemeente or wijk: population, origin, benefits, low income and the estimate; per partner of the
handreiking the number of people it can reach; the handreiking's table of professionals; establishments
per sector. The partners and professionals come from two reference tables written from the handreiking
(`reference/vindplaatsen_partners.csv`, `reference/professionals_handreiking.csv`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from llo_dash import indicators
from llo_dash.columns import PER_RIJ, Kolom, Tabel
from llo_dash.errors import SchemaError
from llo_dash.formatting import is_missing
from llo_dash.indicators import LAAGGELETTERD as TOTAAL
from llo_dash.reference import read_reference
from llo_dash.views import gebiedstabel, queries
from llo_dash.views.queries import aandeel, als_float, rij

NIVEAUS = ("gemeente", "wijk")

# Columns per level (interval columns are added next to their estimate).
KOLOMMEN = {
    "gemeente": (
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstandsuitkeringen",
        "huishoudens_laag_inkomen_pct", "laaggeletterd_16_65", "laaggeletterd_16_65_pct",
        "laaggeletterd_nt1", "laaggeletterd_nt2",
    ),
    "wijk": (
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstand_personen",
        "laaggeletterd_16_65", "laaggeletterd_16_65_pct", "laaggeletterd_nt1", "laaggeletterd_nt2",
    ),
}
KAART_OPTIES = {
    "gemeente": (
        "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggeletterd_nt1", "laaggeletterd_nt2",
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstandsuitkeringen",
        "huishoudens_laag_inkomen_pct",
    ),
    "wijk": (
        "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggeletterd_nt1", "laaggeletterd_nt2",
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstand_personen",
    ),
}

# Reference tables written from the handreiking (see the files for sources).
HANDREIKING = "Handreiking professionaliseringsopgave LLO-Collectieven"
ROA_URL = "https://www.parool.nl/nederland/weinig-taalkennis-zorgt-voor-risico-s-op-de-werkvloer~b5462a28/"
PARTNERS = "vindplaatsen_partners"
PARTNER_KOLOMMEN = (
    "volgorde", "partner", "professionals", "wie", "rol", "doelgroep", "indicator", "contact_indicator", "basis",
    "indicatie", "indicatie_bron_url", "bron", "bron_sectie",
)
PROFESSIONALS = "professionals_handreiking"
PROFESSIONAL_KOLOMMEN = ("volgorde", "professionals", "waarom", "wie", "bron", "bron_sectie", "toelichting")


# --- gemeenten and wijken ------------------------------------------------------


def gebieden_van(df: pd.DataFrame, niveau: str, regio: str | None, gemeente: str | None) -> pd.DataFrame:
    """The rows the page shows (`gebiedstabel.rijen`): the gemeenten of the region (all without one), or the wijken
    of the gemeente (else of the region)."""
    if niveau not in NIVEAUS:
        raise ValueError(f"Onbekend niveau {niveau!r}; kies uit: {', '.join(NIVEAUS)}.")
    return gebiedstabel.rijen(df, niveau, (*KOLOMMEN[niveau], *KAART_OPTIES[niveau]), regio, gemeente)


def vindplaatsen_tabel(rows: pd.DataFrame, niveau: str) -> Tabel:
    """Per gemeente or wijk of `rows` (`gebieden_van`): population, origin, benefits, low income and the estimate.

    Sorted by the estimated number of low-literates 16–65, largest first (areas without an estimate last).
    """
    volgorde = pd.to_numeric(rows[TOTAAL], errors="coerce").astype("float64")
    rows = rows.assign(_volgorde=volgorde).sort_values("_volgorde", ascending=False, na_position="last", kind="stable")
    return gebiedstabel.gebiedstabel(rows, KOLOMMEN[niveau], niveau)


# --- the reference tables --------------------------------------------------------


def _lees(naam: str, kolommen: Sequence[str], directory: Path | None) -> pd.DataFrame:
    frame = read_reference(naam, directory)
    missing = [kolom for kolom in kolommen if kolom not in frame.columns]
    if missing:
        raise SchemaError(f"Referentietabel '{naam}' mist de kolom(men) {', '.join(missing)}.")
    if frame["bron"].isna().any():
        raise SchemaError(f"Referentietabel '{naam}': elke regel heeft een bron nodig (kolom bron).")
    frame["volgorde"] = pd.to_numeric(frame["volgorde"], errors="raise")
    return frame.sort_values("volgorde").reset_index(drop=True)


def _partner_kolommen(value) -> list[str]:
    """The columns of a partner's indicator: "a+b" -> ["a", "b"]; none when empty."""
    if is_missing(value) or not str(value).strip():
        return []
    return [kolom.strip() for kolom in str(value).split("+") if kolom.strip()]


def lees_partners(directory: Path | None = None) -> pd.DataFrame:
    """`reference/vindplaatsen_partners.csv`, checked: every indicator it names exists in the registry."""
    frame = _lees(PARTNERS, PARTNER_KOLOMMEN, directory)
    for _, row in frame.iterrows():
        for kolom in _partner_kolommen(row["indicator"]) + _partner_kolommen(row["contact_indicator"]):
            if kolom not in indicators.BY_KOLOM:
                raise SchemaError(
                    f"Referentietabel '{PARTNERS}', partner {row['partner']}: indicator '{kolom}' bestaat niet."
                )
        if is_missing(row["basis"]) or not str(row["basis"]).strip():
            raise SchemaError(f"Referentietabel '{PARTNERS}', partner {row['partner']}: de basis van het aantal ontbreekt.")
    return frame


def lees_professionals(directory: Path | None = None) -> pd.DataFrame:
    """`reference/professionals_handreiking.csv`: the handreiking's table of professionals."""
    return _lees(PROFESSIONALS, PROFESSIONAL_KOLOMMEN, directory)


# --- partners and professionals ---------------------------------------------------


def _som(row: pd.Series, kolommen: Sequence[str]) -> float:
    """Sum of the columns; missing if any of them is missing (never a partial sum)."""
    values = [als_float(row[kolom]) if kolom in row.index else float("nan") for kolom in kolommen]
    return float("nan") if not values or any(math.isnan(v) for v in values) else sum(values)


def _tekst(value) -> str:
    return "" if is_missing(value) else str(value)


PARTNER_KOPPEN = {
    "partner": Kolom("Partner"),
    "professionals": Kolom("Professionals (handreiking)"),
    "wie": Kolom("Wie"),
    "bereikt": Kolom("Bereikt"),
    "aantal": Kolom("Aantal", "getal"),
    "ondergrens": Kolom("Ondergrens", "getal"),
    "bovengrens": Kolom("Bovengrens", "getal"),
    "soort": Kolom("Soort"),
    "basis": Kolom("Basis van het aantal"),
    "contactgroep": Kolom("Contactgroep"),
    "aantal_contactgroep": Kolom("Aantal contactgroep", PER_RIJ),  # empty, not "geen gegevens", without a group
    "indicatie": Kolom("Indicatie"),
    "rol": Kolom("Rol (handreiking)"),
    "bron_aantal": Kolom("Bron aantal"),
    "bron_rol": Kolom("Bron rol"),
    "indicatie_bron": Kolom("Indicatie bron"),
    "indicator": Kolom("Indicator"),
}

# The screen shows first what each partner reaches (`column_order`); the roles have a table of their own
# (`partners_rollen`), the sources are in the note under the table, and the download has every column.
PARTNERS_SCHERM = tuple(PARTNER_KOPPEN[kolom].label for kolom in (
    "partner", "bereikt", "aantal", "ondergrens", "bovengrens", "soort", "contactgroep", "aantal_contactgroep", "basis",
    "indicatie"))


def partners_tabel(df: pd.DataFrame, code: str, partners: pd.DataFrame) -> Tabel:
    """Per partner of the handreiking (`lees_partners`): who they reach in area `code`, how many, and on what basis.

    The number comes from the partner's `indicator` (a column of `gebieden`, or "a+b"); an interval
    only where the build wrote one for that single column; `contact_indicator` gives the group the
    partner is in contact with (e.g. people with WW). Missing stays missing; a partner without a contact
    group has an empty cell there on screen.
    """
    row = rij(df, code)
    records = []
    for _, partner in partners.iterrows():
        kolommen = _partner_kolommen(partner["indicator"])
        contact = _partner_kolommen(partner["contact_indicator"])
        metas = [indicators.get(kolom) for kolom in kolommen]
        grenzen = queries.interval_kolommen(row, kolommen[0]) if len(kolommen) == 1 and metas[0].schatting else None
        records.append({
            "partner": partner["partner"],
            "professionals": partner["professionals"],
            "wie": partner["wie"],
            "bereikt": partner["doelgroep"],
            "aantal": _som(row, kolommen),
            "ondergrens": als_float(row[grenzen[0]]) if grenzen else float("nan"),
            "bovengrens": als_float(row[grenzen[1]]) if grenzen else float("nan"),
            "soort": "schatting" if any(meta.schatting for meta in metas) else "telling",
            "basis": partner["basis"],
            "contactgroep": indicators.get(contact[0]).label if contact else "",
            "aantal_contactgroep": _som(row, contact) if contact else float("nan"),
            "indicatie": _tekst(partner["indicatie"]),
            "rol": partner["rol"],
            "bron_aantal": " ".join(queries.bronregels(kolommen + contact)),
            "bron_rol": f"{partner['bron']}, {partner['bron_sectie']}",
            "indicatie_bron": _tekst(partner["indicatie_bron_url"]),
            "indicator": partner["indicator"],
        })
    per_rij = [("getal", 0) if record["contactgroep"] else ("tekst", 0) for record in records]
    return Tabel(pd.DataFrame.from_records(records, columns=list(PARTNER_KOPPEN)), PARTNER_KOPPEN, per_rij)


def partner_indicatoren(partners: pd.DataFrame) -> list[str]:
    """Every `gebieden` column the partners table reads (numbers and contact groups), for the source note."""
    kolommen = [kolom for kolom_tekst in [*partners["indicator"], *partners["contact_indicator"]]
                for kolom in _partner_kolommen(kolom_tekst)]
    return list(dict.fromkeys(kolommen))


def partner_bronnen(tabel: Tabel) -> list[str]:
    """The distinct sources of the partners' roles (`partners_tabel`), for the notes of the downloads."""
    return list(dict.fromkeys(tabel.frame["bron_rol"]))


def partners_rollen(tabel: Tabel) -> Tabel:
    """The partners' role per the handreiking and which professionals they are (`partners_tabel`, text only)."""
    koppen = {"partner": Kolom("Partner"), "professionals": Kolom("Professionals (handreiking)"), "wie": Kolom("Wie"),
              "rol": Kolom("Rol"), "bron_rol": Kolom("Bron")}
    return Tabel(tabel.frame, koppen)


def professionals_tabel(professionals: pd.DataFrame) -> Tabel:
    """The handreiking's table of professionals (`lees_professionals`): one row per kind, why, who, and its source."""
    frame = pd.DataFrame({"professionals": professionals["professionals"], "waarom": professionals["waarom"],
                          "wie": professionals["wie"],
                          "bron": professionals["bron"] + ", " + professionals["bron_sectie"]})
    return Tabel(frame, {"professionals": Kolom("Professionals"), "waarom": Kolom("Waarom deze professionals?"),
                         "wie": Kolom("Wie zijn deze professionals?"), "bron": Kolom("Bron")})


# --- employers -----------------------------------------------------------------


def werkgevers_sectoren(df: pd.DataFrame, code: str) -> Tabel | None:
    """Business establishments per sector group in area `code` (KWB 2024): Sector, Vestigingen, Aandeel (%).

    None when the area has no figure for any sector (often: the mirror lacks them for some gemeenten, and
    a region is never a partial sum). The frame keeps each row's indicator in column `kolom` (not shown).
    """
    row = rij(df, code)
    waarde = {kolom: als_float(row[kolom]) if kolom in row.index else float("nan") for kolom in indicators.SECTOREN}
    if all(math.isnan(value) for value in waarde.values()):
        return None
    totaal = als_float(row["vestigingen_totaal"]) if "vestigingen_totaal" in row.index else float("nan")
    frame = pd.DataFrame({"kolom": list(indicators.SECTOREN), "sector": list(indicators.SECTOREN.values()),
                          "vestigingen": list(waarde.values()),
                          "aandeel": [aandeel(value, totaal) for value in waarde.values()]})
    return Tabel(frame, {"sector": Kolom("Sector"), "vestigingen": Kolom("Vestigingen", "getal"),
                         "aandeel": Kolom("Aandeel (%)", "procent", 1)})
