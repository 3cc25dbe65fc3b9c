"""The sector structure of a region against Nederland: vestigingen per KWB sector group, totals, and the
dashboard's own mapping of the handreiking's occupations to those sector groups.

A sector structure is computed for a region only when every gemeente has data; otherwise per
gemeente, with the coverage stated, never a partial sum shown as the region. Which sector group an
occupation works in is the dashboard's own mapping (`reference/beroepen_sectorgroep.csv`, based on
the SBI 2008), said to be so wherever it is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from llo_dash import indicators
from llo_dash.columns import Kolom, Tabel
from llo_dash.reference import read_reference
from llo_dash.views import queries
from llo_dash.views.queries import NEDERLAND, als_float, rij
from llo_dash.views.sectoren.beroepen import handreiking_beroepen

TOTAAL_KOLOMMEN = ("banen_werknemers", "bedrijfsvestigingen", "werkzame_beroepsbevolking", "inwoners_15_75")
SECTOR_RIJ = ["sector_kolom", "sector", "vestigingen", "aandeel_pct", "vestigingen_nl", "aandeel_nl_pct",
              "locatiequotient"]  # the columns of one sector's row


def locatiequotient(waarde, totaal, waarde_nl, totaal_nl) -> float:
    """(waarde / totaal) / (waarde_nl / totaal_nl): above 1 = relatively more than in Nederland; NaN if unknown."""
    values = [als_float(v) for v in (waarde, totaal, waarde_nl, totaal_nl)]
    if any(math.isnan(v) for v in values) or values[1] == 0 or values[2] == 0 or values[3] == 0:
        return float("nan")
    return (values[0] / values[1]) / (values[2] / values[3])


@dataclass
class Sectorstructuur:
    """Vestigingen per KWB sector group of a region (or Nederland) against Nederland.

    `regio_tabel` has one row per sector (`SECTOR_RIJ`: vestigingen, aandeel, aandeel Nederland, LQ)
    and is filled only when the area is complete (`volledig`). `gemeenten` is the long table per
    gemeente with data (gemeente_code, gemeente, then the columns of `SECTOR_RIJ`).
    """

    gebied: str
    gebied_naam: str
    volledig: bool
    gemeenten_met_gegevens: int
    gemeenten_totaal: int
    regio_tabel: pd.DataFrame
    gemeenten: pd.DataFrame = field(default_factory=pd.DataFrame)
    zonder_gegevens: list[str] = field(default_factory=list)  # names of the region's gemeenten without data

    @property
    def dekking(self) -> str:
        """"5 van de 14 gemeenten" (for the region), or "" for Nederland."""
        if self.gebied == NEDERLAND:
            return ""
        return f"{self.gemeenten_met_gegevens} van de {self.gemeenten_totaal} gemeenten"


def _sector_rijen(rij_: pd.Series, nl: pd.Series) -> list[dict]:
    totaal, totaal_nl = als_float(rij_["vestigingen_totaal"]), als_float(nl["vestigingen_totaal"])
    rows = []
    for kolom, label in indicators.SECTOREN.items():
        waarde, waarde_nl = als_float(rij_[kolom]), als_float(nl[kolom])
        rows.append({
            "sector_kolom": kolom,
            "sector": label,
            "vestigingen": waarde,
            "aandeel_pct": 100 * waarde / totaal if totaal else float("nan"),
            "vestigingen_nl": waarde_nl,
            "aandeel_nl_pct": 100 * waarde_nl / totaal_nl if totaal_nl else float("nan"),
            "locatiequotient": locatiequotient(waarde, totaal, waarde_nl, totaal_nl),
        })
    return rows


def sectorstructuur(df: pd.DataFrame, regio: str | None) -> Sectorstructuur:
    """The sector structure of `regio` (or Nederland) from the KWB vestigingen columns of `gebieden`."""
    code = regio or NEDERLAND
    gebied, nl = rij(df, code), rij(df, NEDERLAND)
    kolommen = ["vestigingen_totaal", *indicators.SECTOREN]
    volledig = all(not pd.isna(gebied[k]) for k in kolommen)
    regio_tabel = pd.DataFrame(_sector_rijen(gebied, nl)) if volledig else pd.DataFrame(columns=SECTOR_RIJ)
    if code == NEDERLAND:
        return Sectorstructuur(code, "Nederland", volledig, 0, 0, regio_tabel)
    gemeenten = df.loc[queries.selectie(df, "gemeente", code), ["code", "naam", *kolommen]]
    met = gemeenten[gemeenten[kolommen].notna().all(axis=1)].sort_values("naam", key=lambda s: s.str.casefold())
    long = [
        {"gemeente_code": g["code"], "gemeente": g["naam"], **row}
        for _, g in met.iterrows()
        for row in _sector_rijen(g, nl)
    ]
    gemeente_tabel = pd.DataFrame(long, columns=["gemeente_code", "gemeente", *SECTOR_RIJ])
    zonder = sorted(set(gemeenten["naam"].astype(str)) - set(met["naam"].astype(str)), key=str.casefold)
    return Sectorstructuur(code, str(gebied["naam"]), volledig, len(met), len(gemeenten), regio_tabel, gemeente_tabel,
                           zonder)


def sector_bronnen(structuur: Sectorstructuur) -> list[str]:
    """Source lines of the sector figures and tables (KWB), with the coverage when only some gemeenten have data."""
    regels = [queries.bronvermelding("vestigingen_totaal")]
    if not structuur.volledig and structuur.dekking:
        regels.append(f"Vestigingen per sectorgroep: {structuur.dekking} hebben gegevens; geen regiocijfer.")
    return regels


# --- tables -------------------------------------------------------------------------


SECTOR_KOLOMMEN = {
    "gemeente": Kolom("Gemeente"),
    "sector": Kolom("Sectorgroep (KWB)"),
    "vestigingen": Kolom("Vestigingen", "getal"),
    "aandeel_pct": Kolom("Aandeel in alle vestigingen (%)", "procent", 1),
    "vestigingen_nl": Kolom("Vestigingen Nederland", "getal"),
    "aandeel_nl_pct": Kolom("Aandeel Nederland (%)", "procent", 1),
    "locatiequotient": Kolom("Locatiequotiënt", "getal", 2),
}


def sector_tabel(sectoren: pd.DataFrame) -> Tabel:
    """A sector table of `Sectorstructuur`: `regio_tabel`, or `gemeenten` (then with a column Gemeente)."""
    return Tabel(sectoren, {kolom: definitie for kolom, definitie in SECTOR_KOLOMMEN.items()
                            if kolom in sectoren.columns})


def lq_tabel(gemeenten: pd.DataFrame) -> Tabel:
    """Gemeente × sector table of location quotients (the table alternative of the heatmap), from
    `Sectorstructuur.gemeenten`; columns are the sector ids of `indicators.SECTOREN`."""
    kolommen = {"gemeente": Kolom("Gemeente"),
                **{kolom: Kolom(label, "getal", 2) for kolom, label in indicators.SECTOREN.items()}}
    if gemeenten.empty:
        return Tabel(pd.DataFrame(columns=list(kolommen)), kolommen)
    breed = gemeenten.pivot(index="gemeente", columns="sector_kolom", values="locatiequotient")
    breed = breed.reindex(columns=list(indicators.SECTOREN), index=gemeenten["gemeente"].drop_duplicates().tolist())
    return Tabel(breed.reset_index(), kolommen)


def totalen(df: pd.DataFrame, regio: str | None) -> pd.DataFrame:
    """Complete totals of the region against Nederland: banen, vestigingen, werkzame beroepsbevolking, inwoners 15–75.

    One row per column of `TOTAAL_KOLOMMEN` (`kolom`): indicator, peildatum, regio, nederland and aandeel
    (the region's % of Nederland); regio and aandeel are NaN without a region."""
    nl = rij(df, NEDERLAND)
    gebied = rij(df, regio) if regio else None
    rows = []
    for kolom in TOTAAL_KOLOMMEN:
        indicator = indicators.get(kolom)
        waarde_nl = als_float(nl[kolom])
        waarde = als_float(gebied[kolom]) if gebied is not None else float("nan")
        rows.append({
            "kolom": kolom,
            "indicator": indicator.label,
            "peildatum": indicator.peildatum,
            "regio": waarde,
            "nederland": waarde_nl,
            "aandeel": 100 * waarde / waarde_nl if waarde_nl else float("nan"),
        })
    return pd.DataFrame(rows)


def totalen_tabel(df: pd.DataFrame, regio: str | None) -> Tabel:
    """The table of `totalen`, the region's column headed by its name; for Nederland only Nederland's own column."""
    kolommen = {"indicator": Kolom("Indicator"), "peildatum": Kolom("Peildatum")}
    if regio:
        kolommen["regio"] = Kolom(queries.naam(df, regio), "getal")
    kolommen["nederland"] = Kolom("Nederland", "getal")
    if regio:
        kolommen["aandeel"] = Kolom("Aandeel van Nederland (%)", "procent", 1)
    return Tabel(totalen(df, regio), kolommen)


# --- the dashboard's own mapping of occupations to sector groups -----------------------


# reference/beroepen_sectorgroep.csv: a judgement based on the SBI 2008, not a CBS figure.
SECTOR_INDELING = "beroepen_sectorgroep"
HOOFD, OOK = "hoofdsectorgroep", "ook"


def sector_indeling() -> pd.DataFrame:
    """Per occupation of the handreiking's lists the KWB sector group(s) where it mostly works (`rol`
    hoofdsectorgroep, one per occupation) or partly (`rol` ook), with basis and source: a judgement of the
    dashboard based on the SBI 2008, not a CBS figure (no public table counts these occupations per sector)."""
    return read_reference(SECTOR_INDELING)


def sectorgroepen_van_beroepen(overzicht: pd.DataFrame, indeling: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """The sector groups of the occupations in `overzicht` (the lists), per `indeling`.

    Returns (groups, occupations without a main sector group). Each group: sector_kolom, sector (KWB label),
    beroepen (main group of these occupations, in list order), werkzaam_nl (their national workers, summed),
    ook (list of (occupation, bedrijven) that partly work here). Main groups come first, by werkzaam_nl
    (largest first); groups with only "ook" occupations follow.
    """
    lijst = handreiking_beroepen(overzicht)
    namen = dict(zip(lijst["brc_code"], lijst["beroep"]))
    werkzaam = dict(zip(lijst["brc_code"], lijst["werkzaam_nl"]))
    rijen = indeling[indeling["brc_beroepsgroep_code"].isin(namen)]
    groepen: dict[str, dict] = {}
    for code in lijst["brc_code"]:  # list order, so the occupations of a group are named in that order
        for _, r in rijen[rijen["brc_beroepsgroep_code"] == code].iterrows():
            kolom = str(r["sectorgroep_kolom"])
            groep = groepen.setdefault(kolom, {"sector_kolom": kolom, "sector": indicators.SECTOREN[kolom], "beroepen": [],
                                               "werkzaam_nl": 0.0, "ook": []})
            if r["rol"] == HOOFD:
                groep["beroepen"].append(namen[code])
                groep["werkzaam_nl"] += 0.0 if pd.isna(werkzaam[code]) else float(werkzaam[code])
            else:
                groep["ook"].append((namen[code], str(r["bedrijven"])))
    hoofd_codes = set(rijen.loc[rijen["rol"] == HOOFD, "brc_beroepsgroep_code"])
    zonder = [namen[code] for code in lijst["brc_code"] if code not in hoofd_codes]
    volgorde = sorted(groepen.values(), key=lambda g: (not g["beroepen"], -g["werkzaam_nl"]))
    return volgorde, zonder
