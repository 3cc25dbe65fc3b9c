"""UWV-spanningsindicator: typology and the reference tables for "Sectoren & beroepen".

The indicator is open vacancies at the end of a quarter divided by the number of people
with a WW benefit that started less than half a year ago. UWV names five types; how an
exact boundary value is classified is not stated unambiguously in the sources. We follow
the UWV explanation ("< 0,25", "< 0,67", "> 1,5", "> 4,0"): 0,25 is ruim, 0,67 and 1,5
are gemiddeld, 4,0 is krap (documented per row in the typology reference table).
"""

from __future__ import annotations

import math
from numbers import Real

import pandas as pd

from llo_dash.reference import read_reference

TYPERINGEN: tuple[str, ...] = ("zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap")

ZEER_RUIM_ONDER = 0.25  # zeer ruim: waarde < 0,25
RUIM_ONDER = 0.67  # ruim: waarde < 0,67
GEMIDDELD_TOT_EN_MET = 1.5  # gemiddeld: 0,67 <= waarde <= 1,5
KRAP_TOT_EN_MET = 4.0  # krap: 1,5 < waarde <= 4,0; daarboven zeer krap

BEROEPEN = "beroepen_basisvaardigheden"
TYPERING = "uwv_spanningsindicator_typering"
LANDELIJK = "uwv_spanningsindicator_landelijk"


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
    if value < ZEER_RUIM_ONDER:
        return "zeer ruim"
    if value < RUIM_ONDER:
        return "ruim"
    if value <= GEMIDDELD_TOT_EN_MET:
        return "gemiddeld"
    if value <= KRAP_TOT_EN_MET:
        return "krap"
    return "zeer krap"


def beroepen_basisvaardigheden() -> pd.DataFrame:
    """Both top-10 lists of the handreiking (laaggeletterdheid, laaggecijferdheid) with BRC group and %."""
    return read_reference(BEROEPEN)


def typering_tabel() -> pd.DataFrame:
    """The five UWV types with bounds, rule, meaning and source, in order."""
    return read_reference(TYPERING).sort_values("volgorde", ignore_index=True)


def landelijk() -> pd.DataFrame:
    """Published national UWV indicator values (per beroepsgroep and total) with their period and source."""
    return read_reference(LANDELIJK)
