"""The second panel of the "kansrijke beroepen" matrix: the listed occupations whose tension is unknown, placed
by the vacancy rate of their main SBI section (CBS 80567NED, latest quarter) instead.

A vacancy rate is not a tension indicator (no job seekers in it), so these occupations never go on the tension
axis: they get their own panel, with Nederland over all sectors as the reference. Which sections an occupation
mostly works in is the dashboard's own mapping (`reference/beroepen_sectorgroep.csv`, `vacatures.beroepen_per_sectie`).
"""

from __future__ import annotations

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, opsomming
from llo_dash.views.sectoren import vacatures
from llo_dash.views.sectoren.beroepen import handreiking_beroepen, zonder_gegevens

LABEL = "vacaturegraad van de sector (CBS), geen spanningsindicator"
GEEN_SECTORCIJFER = "geen spanningsindicator en geen vacaturegraad van de sector"


def punten(overzicht: pd.DataFrame, tekorten: pd.DataFrame) -> pd.DataFrame:
    """One row per (listed occupation without a tension but with a published %, main SBI section): the section's
    latest vacancy rate (`vacatures.sector_tekorten`), NaN where CBS publishes none, and all sectors together."""
    lijst = handreiking_beroepen(overzicht)
    zonder = lijst[lijst["spanningsindicator"].isna() & lijst["pct_matrix"].notna()]
    secties = vacatures.sectie_van_beroep(vacatures.beroepen_per_sectie(lijst))
    per_code = tekorten.set_index("sbi_code")
    records = []
    for _, rij in zonder.iterrows():
        for sectie in secties.get(rij["beroep"], []):
            bekend = sectie in per_code.index
            records.append({
                "beroep": rij["beroep"], "brc_code": rij["brc_code"], "pct_matrix": rij["pct_matrix"],
                "pct_matrix_maat": rij["pct_matrix_maat"], "werkzaam_nl": rij["werkzaam_nl"], "sbi_code": sectie,
                "sector": per_code.at[sectie, "sector"] if bekend else sectie,
                "vacaturegraad": float(per_code.at[sectie, "vacaturegraad"]) if bekend else float("nan"),
            })
    result = pd.DataFrame(records, columns=["beroep", "brc_code", "pct_matrix", "pct_matrix_maat", "werkzaam_nl",
                                            "sbi_code", "sector", "vacaturegraad"])
    result["periode"] = tekorten["periode"].iloc[0]
    result["alle_sectoren"] = float(tekorten["alle_sectoren"].iloc[0])
    return result


def niet_geplaatst(overzicht: pd.DataFrame, sectorpunten: pd.DataFrame) -> dict[str, list[str]]:
    """`beroepen.zonder_gegevens`, where occupations without a tension that the sector panel places are left out."""
    geplaatst = set(sectorpunten.loc[sectorpunten["vacaturegraad"].notna(), "beroep"])
    groepen = zonder_gegevens(overzicht)
    geen_spanning = groepen.pop("geen spanningsindicator")
    groepen[GEEN_SECTORCIJFER] = [b for b in geen_spanning if b not in geplaatst]
    return groepen


def zin(sectorpunten: pd.DataFrame) -> str:
    """What the second panel shows, in one or two sentences."""
    bekend = sectorpunten[sectorpunten["vacaturegraad"].notna()]
    periode, alle = sectorpunten["periode"].iloc[0], sectorpunten["alle_sectoren"].iloc[0]
    beroepen = list(dict.fromkeys(bekend["beroep"]))
    return (f"Van de beroepen uit de lijsten met een gepubliceerd percentage laaggeletterd "
            f"{'heeft' if len(beroepen) == 1 else 'hebben'} {len(beroepen)} geen spanningsindicator ({opsomming(beroepen)}). Die staan hieronder apart, met de {LABEL}: openstaande "
            f"vacatures per 1.000 banen in de sector waar het beroep vooral werkt, landelijk, {periode} (Nederland, "
            f"alle sectoren: {getal(alle, 0)}). Dat zegt iets over de vraag van werkgevers in die sector, niet over de "
            "krapte in het beroep zelf.")


def tabel(sectorpunten: pd.DataFrame) -> Tabel:
    periode = sectorpunten["periode"].iloc[0]
    return Tabel(sectorpunten.drop(columns=["brc_code", "periode", "sbi_code"]), {
        "beroep": Kolom("Beroep"),
        "pct_matrix": Kolom("% (gepubliceerd)", "procent", 0),
        "pct_matrix_maat": Kolom("Maat"),
        "werkzaam_nl": Kolom("Werkzaam in Nederland (2023)", "getal"),
        "sector": Kolom("Hoofdsector (SBI 2008)"),
        "vacaturegraad": Kolom(f"Vacaturegraad sector {periode} (per 1.000 banen)", "getal"),
        "alle_sectoren": Kolom(f"Nederland, alle sectoren {periode}", "getal"),
    })
