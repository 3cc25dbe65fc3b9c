"""The Regioprofiel of a page run: computed once per process and shared by every session, unless the collective's
own files are in it.

Without own partner or participant files (the common case) a profile depends only on the code and the build: it is
made once per (code, build) and kept with `st.cache_data`, as pickled bytes (~0,3 MB, against ~1,1 MB as Python
objects: issue 14 measured the server's memory over all 35 regions); every call gets its own copy (unpickling takes
~30 ms), so a page changing its copy never changes another session's. With own files (a session upload, or the
folder of uploads) it is made per run as before, so one session's files never reach another's profile; its maps
still read the boundaries from the process-wide cache (`data.grenzen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from llo_dash import tables
from llo_dash.ui.data import data_map, data_versie, grenzen, lees_tabel
from llo_dash.views import profiel

# Every region and the gemeenten in use; as pickled bytes 64 profiles are ~20 MB.
MAX_PROFIELEN = 64


def gedeelde_grenzen(data_dir: Path, niveau: str, codes: Sequence[str]) -> dict:
    """`tables.read_boundaries` from the shared per-process boundaries (read once, not per run)."""
    return tables.subset(grenzen(niveau), codes)


@st.cache_data(show_spinner="Regioprofiel maken …", max_entries=MAX_PROFIELEN)
def _gedeeld(data_dir: str, code: str, typen: tuple[str, ...], versie: int, _df: pd.DataFrame,
             _beroepen: pd.DataFrame) -> profiel.Profiel:
    # `versie` (the build) is in the key, so a rebuild makes new profiles; the frames are those of that build.
    return profiel.maak_profiel(_df, code, Path(data_dir), _beroepen, typen=typen, lees_grenzen=gedeelde_grenzen)


def regioprofiel(df: pd.DataFrame, code: str, eigen: profiel.EigenBestanden, typen: Sequence[str]) -> profiel.Profiel:
    """The profile of `code` (`profiel.maak_profiel`): shared between sessions without own files, per run with."""
    beroepen = lees_tabel("beroepen")
    if eigen:
        return profiel.maak_profiel(df, code, data_map(), beroepen, eigen=eigen, typen=typen,
                                    lees_grenzen=gedeelde_grenzen)
    return _gedeeld(str(data_map()), code, tuple(typen), data_versie(), df, beroepen)
