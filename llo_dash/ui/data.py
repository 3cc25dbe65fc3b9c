"""Cached reads of what the build wrote to `data/`: tables, the manifest, boundaries.

Everything is cached per build (`data_versie`: the manifest's time stamp), so a rebuild is
picked up and a rerun reads nothing twice. Tables and boundaries are read once per process and shared
by every session (`st.cache_resource`); tables are handed out as copy-on-write shallow copies.
Errors become a Dutch message on the page.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow
import streamlit as st

from llo_dash import tables
from llo_dash.build.pipeline import MANIFEST
from llo_dash.config import CONFIG_FILE, load_settings
from llo_dash.errors import LloDashError
from llo_dash.tables import read_table

# Arrow buffers (reading the tables, and every st.dataframe of every run) from the C library's allocator, which
# hands freed memory back, not from Arrow's own pool (mimalloc), which keeps it: issue 14 measured 55 MB less
# server memory after a tour of all pages and regions. Set at import, before the first table is read.
pyarrow.set_memory_pool(pyarrow.system_memory_pool())


@lru_cache(maxsize=4)
def _data_map(config_mtime: int, data_env: str | None) -> Path:
    return load_settings().data_dir


def data_map() -> Path:
    """The data folder (config.toml or LLO_DASH_DATA), read again only when either changes: a page run asks
    for it a few dozen times, and reading and parsing the config each time was a measurable part of a run."""
    return _data_map(CONFIG_FILE.stat().st_mtime_ns if CONFIG_FILE.exists() else 0, os.environ.get("LLO_DASH_DATA"))


def manifest_path() -> Path:
    """Where the build writes its manifest; the manifest exists once the data are built."""
    return data_map() / MANIFEST


def data_versie() -> int:
    """Part of every cache key: a rebuild (new manifest) invalidates cached tables, maps and texts."""
    path = manifest_path()
    return path.stat().st_mtime_ns if path.exists() else 0


HERBOUWEN = ("Bouw de gegevens opnieuw: voer in een terminal `python -m llo_dash build` uit, of verwijder de map "
             "`{data_dir}` en start het dashboard opnieuw (dan bouwt het ze zelf).")


def beschadigd(wat: str, data_dir: str, error: Exception) -> LloDashError:
    """A built file that cannot be read (cut off, overwritten, from another version): a Dutch sentence and the way out."""
    return LloDashError(f"{wat} in `{data_dir}` is beschadigd en kan niet worden gelezen ({type(error).__name__}). "
                        + HERBOUWEN.format(data_dir=data_dir))


def _blijvend(gedeeld):
    """`gedeeld` (a table or boundaries just read for the whole process), after moving everything alive now out of
    the garbage collector's sight (`gc.freeze`, after one full collection so no garbage is frozen): the collections
    of `opruimen` then skip the imports, tables and boundaries (the four boundary layers alone are ~74,000 lists and
    dicts). Runs only when a shared table or layer is read, a few times per process and build."""
    gc.collect()
    gc.freeze()
    return gedeeld


OPRUIMEN_ELKE = 10  # script runs of the process between two full garbage collections
_runs = itertools.count(1)


def opruimen() -> None:
    """A full garbage collection at the start of every `OPRUIMEN_ELKE`-th script run of the process (`page_setup`).

    Each run leaves cycles behind (plotly and matplotlib figures), which Python's own collector reaches late: issue 14
    measured 25 MB more server memory after a tour without collecting. Streamlit's collection after every run
    (`[runner] postScriptGC`) costs ~40 ms per run even with the shared data frozen (`_blijvend`); once every ten
    runs it costs the same memory-wise and a tenth of the time."""
    if next(_runs) % OPRUIMEN_ELKE == 0:
        gc.collect()


@st.cache_resource(show_spinner="Gegevens laden …", max_entries=16)
def _tabel(data_dir: str, naam: str, versie: int) -> pd.DataFrame:
    # cache_resource: one shared frame per process. st.cache_data would unpickle a new copy on every call
    # (gebieden is ~20 MB: tens of ms per call), and every session that keeps a reference to its page's
    # frames (a widget callback holds the page's globals) would keep its own copy until the session ends.
    try:
        return _blijvend(read_table(Path(data_dir), naam))
    except LloDashError:
        raise
    except Exception as error:  # noqa: BLE001 - pyarrow, OSError, …: the user gets a sentence, not a traceback
        raise beschadigd(f"De gebouwde tabel '{naam}'", data_dir, error) from error


def lees_tabel(naam: str, *, verplicht: bool = True) -> pd.DataFrame | None:
    """A built table (`llo_dash.tables.TABLES`), cached per build.

    When it cannot be read: a Dutch error that stops the page (`verplicht`), or a Dutch warning and None.
    """
    try:
        # A shallow copy: no data are copied, and with pandas' copy-on-write a change made by a page or
        # view (a new column, a changed value) copies then, so it never reaches the shared frame.
        return _tabel(str(data_map()), naam, data_versie()).copy(deep=False)
    except LloDashError as error:
        if verplicht:
            st.error(f"De gegevens zijn niet beschikbaar. {error}")
            st.stop()
        st.warning(f"Deze tabel is niet beschikbaar. {error}")
        return None


def load_data() -> pd.DataFrame:
    """The built table `gebieden`, cached per build."""
    return lees_tabel("gebieden")


def lees_manifest(path: Path) -> dict:
    """`data/manifest.json` as a dict; an empty dict when it is missing or unreadable."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@st.cache_data(show_spinner=False, max_entries=2)
def _manifest(path: str, versie: int) -> dict:
    return lees_manifest(Path(path))


def manifest() -> dict:
    """The build manifest (sources, files, checks, missing values), cached per build; {} when it is missing."""
    return _manifest(str(manifest_path()), data_versie())


@st.cache_data(show_spinner=False, max_entries=64)
def _bewaard(naam: str, versie: int, args: tuple, _functie: Callable):
    return _functie(*args)


def bewaard(functie: Callable, *args):
    """`functie(*args)`, computed once per build and arguments (reference tables, method texts, templates).

    The arguments must be hashable by Streamlit (strings, numbers); errors are not cached.
    """
    return _bewaard(f"{functie.__module__}.{functie.__qualname__}", data_versie(), args, functie)


@st.cache_resource(show_spinner=False, max_entries=8)
def _grenzen(data_dir: str, niveau: str, versie: int) -> dict:
    # cache_resource: one shared, read-only copy of the geometry per process, not a copy per session.
    try:
        return _blijvend(tables.read_boundaries(Path(data_dir), niveau))
    except LloDashError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged GeoJSON: a sentence, not a traceback
        raise beschadigd(f"Het kaartbestand ({niveau})", data_dir, error) from error


def grenzen(niveau: str) -> dict:
    """Boundaries of one level (FeatureCollection, feature id = code); do not modify."""
    try:
        return _grenzen(str(data_map()), niveau, data_versie())
    except LloDashError as error:
        st.error(str(error))
        st.stop()


def _features(niveau: str, code: str | None) -> dict | None:
    if not code:
        return None
    return tables.subset(grenzen(niveau), [code])


def markering(regio: str | None, gemeente: str | None) -> list[dict]:
    """Outlines for a map (`figures.choropleth(highlight=...)`): the boundary of the region, then of the gemeente
    (those that are chosen)."""
    return [fc for fc in (_features("arbeidsmarktregio", regio), _features("gemeente", gemeente)) if fc]
