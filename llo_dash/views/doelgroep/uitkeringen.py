"""Benefit recipients as a group of their own: bijstand, WW and (where CBS publishes it) AO per area, and an
estimated number of low-literates among them. Pure, no Streamlit.

There is no count of low-literates among benefit recipients per area. The estimate applies published
national relations to the area's own estimated share p of low-literates aged 16–65 (with its interval):

- bijstand: low-literates are 3 times as often on bijstand as others (Lezen & Schrijven), so the share
  among recipients is 3p / (3p + 1 − p) (Bayes);
- WW: WW recipients must look for work; PIAAC 2012 found 16,2% low-literates among the unemployed against
  12,2% overall, so the share is p × 16,2 / 12,2;
- AO: no published figure; relative risk 2 (assumption), the range from 1 (as everyone) to 3 (as bijstand).

The range uses the lower bound of p with the lower relation and the upper bound with the upper one.
Parameters: `reference/geletterdheid_parameters.csv`. The groups overlap (see `OVERLAP`) and are never added up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from llo_dash import indicators
from llo_dash.columns import Kolom, Tabel
from llo_dash.estimate.parameters import read_parameters
from llo_dash.formatting import getal, opsomming
from llo_dash.views.queries import als_float

# (group, label, candidate columns in order of preference: the first one the area has is used)
GROEPEN = (
    ("bijstand", "Bijstand", ("bijstandsuitkeringen", "bijstand_personen")),
    ("ww", "WW", ("ww_personen",)),
    ("ao", "Arbeidsongeschiktheid (AO)", ("ao_personen",)),
)
OVERLAP = (
    "De drie groepen worden niet opgeteld: iemand kan WW of AO hebben met een aanvulling uit de bijstand, en AO "
    "samen met WW. Ze overlappen ook met de arbeidsposities hierboven: WW'ers die actief werk zoeken tellen bij "
    "werkzoekend (werkloos volgens CBS), bijstand zonder sollicitatieplicht en de meeste AO'ers bij niet-werkend, "
    "en wie naast de uitkering werkt bij werkend. Bijstand telt uitkeringen (een paar heeft er één); per wijk personen."
)


@dataclass(frozen=True)
class Verhouding:
    """How the share among recipients follows from the area's share p: relative risk (bijstand, AO) or ratio (WW)."""

    soort: str  # "risico" or "factor"
    centraal: float
    laag: float
    hoog: float

    def toepassen(self, p: float, waarde: float) -> float:
        if self.soort == "factor":
            return min(1.0, p * waarde)
        return waarde * p / (waarde * p + 1 - p)


def parameters() -> dict[str, float]:
    """The parameters that hold in every scenario (`reference/geletterdheid_parameters.csv`, scenario `alle`)."""
    table = read_parameters()
    alle = table[table["scenario"] == "alle"]
    return dict(zip(alle["parameter"], alle["waarde"].astype(float)))


def verhoudingen(parameters: Mapping[str, float]) -> dict[str, Verhouding]:
    """The relation per group from the parameters (scenario `alle` of `geletterdheid_parameters.csv`)."""
    bijstand = parameters["uitkering_bijstand_relatief_risico"]
    ww = parameters["arbeid_werkloos_2012"] / parameters["totaal_2012"]
    ao = parameters["uitkering_ao_relatief_risico"]
    return {"bijstand": Verhouding("risico", bijstand, bijstand, bijstand),
            "ww": Verhouding("factor", ww, ww, ww),
            "ao": Verhouding("risico", ao, 1.0, bijstand)}


@dataclass(frozen=True)
class UitkeringSchatting:
    groep: str
    label: str
    kolom: str | None  # the column of recipients used; None when the area has none of them
    ontvangers: float
    pct: float
    pct_laag: float
    pct_hoog: float

    @property
    def aantal(self) -> float:
        return self.ontvangers * self.pct / 100

    @property
    def laag(self) -> float:
        return self.ontvangers * self.pct_laag / 100

    @property
    def hoog(self) -> float:
        return self.ontvangers * self.pct_hoog / 100


def schatting(row: pd.Series, parameters: Mapping[str, float]) -> list[UitkeringSchatting]:
    """Per benefit group the recipients in the area of `row` and the estimated share and number of low-literates
    among them (with range). Missing recipients or a missing estimate stay missing (NaN)."""
    nan = float("nan")
    p, p_laag, p_hoog = (als_float(row.get(f"laaggeletterd_16_65_pct{s}")) / 100 for s in ("", "_laag", "_hoog"))
    uitkomst = []
    for (groep, label, kandidaten), verhouding in zip(GROEPEN, verhoudingen(parameters).values()):
        kolom = next((k for k in kandidaten if not math.isnan(als_float(row.get(k)))), None)
        ontvangers = als_float(row.get(kolom)) if kolom else nan
        if math.isnan(p):
            pcts = (nan, nan, nan)
        else:
            pcts = (verhouding.toepassen(p, verhouding.centraal), verhouding.toepassen(p_laag, verhouding.laag),
                    verhouding.toepassen(p_hoog, verhouding.hoog))
        uitkomst.append(UitkeringSchatting(groep, label, kolom, ontvangers, *(100 * x for x in pcts)))
    return uitkomst


KOPPEN = {
    "groep": Kolom("Uitkering"),
    "ontvangers": Kolom("Ontvangers (telling)", "getal"),
    "aantal": Kolom("Laaggeletterd (schatting)", "getal"),
    "laag": Kolom("Laaggeletterd, ondergrens", "getal"),
    "hoog": Kolom("Laaggeletterd, bovengrens", "getal"),
    "pct": Kolom("Aandeel laaggeletterd (%, schatting)", "procent", 0),
    "pct_laag": Kolom("Aandeel, ondergrens (%)", "procent", 0),
    "pct_hoog": Kolom("Aandeel, bovengrens (%)", "procent", 0),
    "telling": Kolom("Telling"),
}


def uitkeringen_tabel(row: pd.Series, parameters: Mapping[str, float]) -> Tabel:
    """One row per benefit group (`schatting`): recipients, estimated low-literates with range, and which count."""
    rijen = schatting(row, parameters)
    frame = pd.DataFrame({
        "groep": [s.label for s in rijen], "ontvangers": [s.ontvangers for s in rijen],
        "aantal": [s.aantal for s in rijen], "laag": [s.laag for s in rijen], "hoog": [s.hoog for s in rijen],
        "pct": [s.pct for s in rijen], "pct_laag": [s.pct_laag for s in rijen], "pct_hoog": [s.pct_hoog for s in rijen],
        "telling": [indicators.get(s.kolom).label if s.kolom else "geen gegevens" for s in rijen],
    })
    return Tabel(frame, KOPPEN)


def uitkeringen_zin(row: pd.Series, parameters: Mapping[str, float]) -> str:
    """"Met een uitkering: 6.900 bijstandsuitkeringen, van wie naar schatting 2.441 (2.300–2.575) laaggeletterd; …"."""
    delen = []
    for s in schatting(row, parameters):
        if math.isnan(s.ontvangers) or math.isnan(s.aantal):
            continue
        wat = {"bijstand": "bijstandsuitkeringen" if s.kolom == "bijstandsuitkeringen" else "personen met bijstand",
               "ww": "personen met WW", "ao": "personen met een AO-uitkering"}[s.groep]
        delen.append(f"{getal(s.ontvangers)} {wat}, van wie naar schatting {getal(s.aantal)} laaggeletterd "
                     f"({getal(s.laag)}–{getal(s.hoog)})")
    if not delen:
        return ""
    return f"Met een uitkering: {opsomming(delen)}."
