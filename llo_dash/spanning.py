"""UWV-spanningsindicator: typology and the reference tables for "Sectoren & beroepen".

The indicator is open vacancies at the end of a quarter divided by the number of people
with a WW benefit that started less than half a year ago. UWV names five types; how an
exact boundary value is classified is not stated unambiguously in the sources. We follow
the UWV explanation ("< 0,25", "< 0,67", "> 1,5", "> 4,0"): 0,25 is ruim, 0,67 and 1,5
are gemiddeld, 4,0 is krap (documented per row in the typology reference table).

Used by the build (`llo_dash.build.beroepen`) and by the Sectoren page (`llo_dash.views.sectoren`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from numbers import Real

import pandas as pd

from llo_dash.reference import read_reference

BEROEPEN = "beroepen_basisvaardigheden"
TYPERING = "uwv_spanningsindicator_typering"
LANDELIJK = "uwv_spanningsindicator_landelijk"
KRAP = ("krap", "zeer krap")


@dataclass(frozen=True)
class Band:
    """One UWV type and its bounds (from the typology reference table); a missing upper bound is open."""

    typering: str
    onder: float
    boven: float | None
    onder_inbegrepen: bool
    boven_inbegrepen: bool

    def bevat(self, value: float) -> bool:
        boven_de_onder = value >= self.onder if self.onder_inbegrepen else value > self.onder
        if self.boven is None:
            return boven_de_onder
        onder_de_boven = value <= self.boven if self.boven_inbegrepen else value < self.boven
        return boven_de_onder and onder_de_boven


@functools.cache
def banden() -> tuple[Band, ...]:
    """The five UWV types with their bounds, in order, as the typology reference table states them."""
    return tuple(
        Band(row.typering, float(row.ondergrens), None if pd.isna(row.bovengrens) else float(row.bovengrens),
             row.ondergrens_inbegrepen == "ja", row.bovengrens_inbegrepen == "ja")
        for row in typering_tabel().itertuples()
    )


def typeringen() -> tuple[str, ...]:
    """The UWV types from very slack to very tight: "zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap"."""
    return tuple(band.typering for band in banden())


def typering(waarde: float | None) -> str | None:
    """UWV type for an indicator value; None for a missing value (None/NaN).

    Raises ValueError for a negative value (a ratio of counts cannot be negative) and
    TypeError for something that is not a number.
    """
    if waarde is None or waarde is pd.NA:
        return None
    if isinstance(waarde, bool) or not isinstance(waarde, Real):
        raise TypeError(f"Spanningsindicator moet een getal zijn, niet {waarde!r}.")
    value = float(waarde)
    if math.isnan(value):
        return None
    if value < 0:
        raise ValueError(f"Spanningsindicator kan niet negatief zijn ({value}).")
    for band in banden():
        if band.bevat(value):
            return band.typering
    raise ValueError(f"Spanningsindicator {value} valt in geen van de UWV-typeringen ({TYPERING}).")


def beroepen_basisvaardigheden() -> pd.DataFrame:
    """Both top-10 lists of the handreiking (laaggeletterdheid, laaggecijferdheid) with BRC group and %."""
    return read_reference(BEROEPEN)


def typering_tabel() -> pd.DataFrame:
    """The five UWV types with bounds, rule, meaning and source, in order."""
    return read_reference(TYPERING).sort_values("volgorde", ignore_index=True)


def landelijk() -> pd.DataFrame:
    """Published national UWV indicator values (per beroepsgroep and total) with their period and source."""
    return read_reference(LANDELIJK)
