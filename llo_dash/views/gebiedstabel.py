"""The areas of a selection as rows, and the table per area of the pages Doelgroep and Vindplaatsen: name,
code, the indicators with the interval of each estimate right after it, and the estimate's remark.

A selection is the gemeenten of a region (all without one) or the wijken of a gemeente or region
(`queries.selectie`). Missing values stay missing ("geen gegevens" on screen, an empty cell in a download).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from llo_dash import indicators
from llo_dash.columns import Kolom, Tabel, indicator_kolom
from llo_dash.formatting import is_missing
from llo_dash.views import queries

TOELICHTING = "Toelichting schatting"
# What every row of a selection carries besides the indicators asked for.
IDENTITEIT = ("niveau", "code", "naam", "gemeente_code", "gemeente_naam", "arbeidsmarktregio_code",
              "arbeidsmarktregio_naam", "schatting_toelichting")


def label(kolom: str, niveau: str | None = None) -> str:
    """Column header of an indicator: label, unit and "(schatting)"; per wijk the estimate is marked coarser."""
    naam = queries.indicator_naam(kolom)
    if niveau == "wijk" and indicators.get(kolom).schatting:
        naam = naam.replace("(schatting)", "(schatting, per wijk grover)")
    return naam


def met_intervallen(df: pd.DataFrame, kolommen: Sequence[str]) -> list[str]:
    """`kolommen` with each estimate's interval columns right after it."""
    result = []
    for kolom in kolommen:
        result.append(kolom)
        result.extend(queries.interval_kolommen(df, kolom) or ())
    return result


def rijen(df: pd.DataFrame, niveau: str, kolommen: Sequence[str], regio: str | None = None,
          gemeente: str | None = None) -> pd.DataFrame:
    """The rows of the areas of `niveau` in the selection (`queries.selectie`), with `IDENTITEIT` and `kolommen`
    (each estimate with its interval); gemeenten sorted by name, wijken by gemeente and name.

    Wijken without a region or gemeente are no selection (all 3.393 are too many for one map): ValueError.
    """
    # Only the columns needed: taking all ~100 columns of the rows costs more than the filter.
    nodig = {*IDENTITEIT, *met_intervallen(df, kolommen)}
    posities = [i for i, kolom in enumerate(df.columns) if kolom in nodig]
    rows = df.iloc[np.flatnonzero(queries.selectie(df, niveau, regio, gemeente)), posities]
    volgorde = ["naam"] if niveau == "gemeente" else ["gemeente_naam", "naam"]
    return rows.sort_values(volgorde, key=lambda namen: namen.str.casefold())


def gebiedstabel(rows: pd.DataFrame, kolommen: Sequence[str], niveau: str) -> Tabel:
    """One row per area of `rows`: Naam, (per wijk) Gemeente, Code, the indicators `kolommen` with the interval
    of each estimate right after it, and, when an estimate is among them, its remark (`TOELICHTING`)."""
    frame = pd.DataFrame({"naam": rows["naam"].to_list()})
    koppen = {"naam": Kolom("Naam")}
    if niveau == "wijk":
        frame["gemeente"], koppen["gemeente"] = rows["gemeente_naam"].to_list(), Kolom("Gemeente")
    frame["code"], koppen["code"] = rows["code"].to_list(), Kolom("Code")
    for kolom in met_intervallen(rows, kolommen):
        waarden = rows[kolom] if kolom in rows else pd.Series(np.nan, index=rows.index)
        frame[kolom] = pd.to_numeric(waarden, errors="coerce").astype("float64").to_numpy()
        koppen[kolom] = indicator_kolom(kolom, label=label(kolom, niveau))
    if any(indicators.get(kolom).schatting for kolom in kolommen):
        opmerkingen = rows["schatting_toelichting"] if "schatting_toelichting" in rows else [None] * len(rows)
        frame["toelichting"] = ["" if is_missing(value) else str(value) for value in opmerkingen]
        koppen["toelichting"] = Kolom(TOELICHTING)
    return Tabel(frame, koppen)


def toelichting_regel(tabel: Tabel) -> str:
    """The remarks on the estimate in a table per area, in one line: "A: …; B: …"; "" if there are none."""
    if "toelichting" not in tabel.kolommen:
        return ""
    frame = tabel.frame
    return "; ".join(f"{naam}: {tekst}" for naam, tekst in zip(frame["naam"], frame["toelichting"]) if tekst)
