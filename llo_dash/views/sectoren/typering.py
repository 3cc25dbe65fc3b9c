"""The UWV typology as the Sectoren page explains it, and the national total of the indicator as last
published (from the reference tables read by `llo_dash.spanning`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.spanning import landelijk, typering, typering_tabel


def typering_uitleg(tabel: pd.DataFrame) -> tuple[str, Tabel, str]:
    """The typology for the screen: (definition, table Typering/Grens/Betekenis, note on the bounds with its source)."""
    uitleg = Tabel(tabel.reset_index(drop=True), {
        "typering": Kolom("Typering"), "regel": Kolom("Grens"), "betekenis": Kolom("Betekenis")})
    noot = f"{tabel['grenswaarde_keuze'].iloc[0]} Bron: {tabel['bron_url'].iloc[0]}"
    return str(tabel["definitie"].iloc[0]), uitleg, noot


# --- the national total, as last published ------------------------------------------------


@dataclass(frozen=True)
class LandelijkeSpanning:
    """The national total of the indicator as published: the latest typology with its period (and its value
    only where UWV published one), and the latest published value, which may be from an earlier period."""

    periode: str
    typering: str
    waarde: float | None  # the value of `periode`; None when only the typology was published
    typering_herkomst: str | None = None  # as in the reference table ("gepubliceerd", "afgeleid uit tekst", …)
    waarde_periode: str | None = None  # the latest period with a published value
    laatste_waarde: float | None = None
    waarde_typering: str | None = None


def landelijk_totaal(tabel: pd.DataFrame) -> LandelijkeSpanning | None:
    """The national total of the table `landelijk` (rows "Totaal …" without a BRC code): the latest period
    with a typology, with its value if one was published there, and the latest period with a published
    value; None without either.

    A typology without a value (UWV said only "krap") stays without a value; a value without a stated
    typology gets the typology of its bounds (`typering`).
    """
    rows = tabel[tabel["brc_beroepsgroep_code"].isna() & tabel["beroepsgroep_uwv"].str.startswith("Totaal")]
    waarde = rows["spanningsindicator"].astype("float64")
    gegeven = rows["typering"].where(rows["typering"].notna() & (rows["typering"].astype(str) != ""), None)
    typeringen_ = [t if not pd.isna(t) else typering(float(w)) if not pd.isna(w) else None
                   for t, w in zip(gegeven.astype(object), waarde)]
    rows = rows.assign(_waarde=waarde, _typering=typeringen_, _heeft_waarde=waarde.notna())
    met_typering = rows[rows["_typering"].notna()].sort_values(["periode", "_heeft_waarde"])
    if met_typering.empty:
        return None
    last = met_typering.iloc[-1]
    met_waarde = rows[rows["_heeft_waarde"]].sort_values("periode")
    laatste = met_waarde.iloc[-1] if not met_waarde.empty else None
    herkomst = last.get("typering_herkomst")
    return LandelijkeSpanning(
        periode=str(last["periode"]),
        typering=str(last["_typering"]),
        waarde=float(last["_waarde"]) if last["_heeft_waarde"] else None,
        typering_herkomst=None if herkomst is None or pd.isna(herkomst) else str(herkomst),
        waarde_periode=None if laatste is None else str(laatste["periode"]),
        laatste_waarde=None if laatste is None else float(laatste["_waarde"]),
        waarde_typering=None if laatste is None else str(laatste["_typering"]),
    )


def referentie() -> tuple[pd.DataFrame, LandelijkeSpanning | None]:
    """What the page reads of the reference tables: the typology table and the national total as last published."""
    return typering_tabel(), landelijk_totaal(landelijk())
