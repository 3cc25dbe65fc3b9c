"""The Regioprofiel of a page run: computed once per process and shared by every session, unless the collective's
own files are in it.

Without own partner or participant files (the common case) a profile depends only on the code and the build: it is
made once per (code, build) with `st.cache_resource` and every session gets a shallow copy of it (its own lists;
the tables, plotly figures and map bytes are shared and must not be modified). With own files (a session upload,
or the folder of uploads) it is made per run as before, so one session's files never reach another's profile;
its maps still read the boundaries from the process-wide cache (`data.grenzen`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from llo_dash import tables
from llo_dash.ui.data import data_map, data_versie, grenzen, lees_tabel
from llo_dash.views import profiel

# One profile is ~0,5 MB (two PNG/SVG maps, a few figures and small tables); 64 covers every region and the
# gemeenten in use, and bounds the memory.
MAX_PROFIELEN = 64


def gedeelde_grenzen(data_dir: Path, niveau: str, codes: Sequence[str]) -> dict:
    """`tables.read_boundaries` from the shared per-process boundaries (read once, not per run)."""
    return tables.subset(grenzen(niveau), codes)


@st.cache_resource(show_spinner="Regioprofiel maken …", max_entries=MAX_PROFIELEN)
def _gedeeld(data_dir: str, code: str, typen: tuple[str, ...], versie: int, _df: pd.DataFrame,
             _beroepen: pd.DataFrame) -> profiel.Profiel:
    # `versie` (the build) is in the key, so a rebuild makes new profiles; the frames are those of that build.
    return profiel.maak_profiel(_df, code, Path(data_dir), _beroepen, typen=typen, lees_grenzen=gedeelde_grenzen)


def _kopie(rapport: profiel.Profiel) -> profiel.Profiel:
    """A copy with its own lists, so that a page appending to one never changes the shared profile."""
    return dataclasses.replace(rapport, secties=[dataclasses.replace(
        sectie, zinnen=list(sectie.zinnen), tabellen=list(sectie.tabellen), figuren=list(sectie.figuren),
        kaarten=list(sectie.kaarten), bronnen=list(sectie.bronnen)) for sectie in rapport.secties])


def regioprofiel(df: pd.DataFrame, code: str, eigen: profiel.EigenBestanden, typen: Sequence[str]) -> profiel.Profiel:
    """The profile of `code` (`profiel.maak_profiel`): shared between sessions without own files, per run with."""
    beroepen = lees_tabel("beroepen")
    if eigen:
        return profiel.maak_profiel(df, code, data_map(), beroepen, eigen=eigen, typen=typen,
                                    lees_grenzen=gedeelde_grenzen)
    return _kopie(_gedeeld(str(data_map()), code, tuple(typen), data_versie(), df, beroepen))
