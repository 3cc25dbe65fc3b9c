"""The built tables and map boundaries: where they are, and how to read and select them (no Streamlit here)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from llo_dash.errors import BuildError, LloDashError
from llo_dash.indicators import ALLE_NIVEAUS


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # relative to the data folder
    description: str
    levels: bool = False  # has a `niveau` column (selectable with --level / --regio)


TABLES = {
    table.name: table
    for table in (
        Table("gebieden", "cbs/gebieden.parquet", "Eén rij per gebied (Nederland, arbeidsmarktregio, gemeente, wijk, buurt) met alle indicatoren.", True),
        Table("regio_verschillen", "cbs/regio_verschillen.parquet", "Door CBS gepubliceerde regiocijfers naast de optelling van de gemeenten.", True),
        Table("schatting_controle", "geletterdheid/controle.parquet", "Schatting laaggeletterdheid: landelijke uitsplitsingen van het model naast de gepubliceerde."),
        Table("schatting_effecten", "geletterdheid/effecten.parquet", "Schatting laaggeletterdheid: geschatte odds ratio's per scenario."),
        Table("schatting_scenarios", "geletterdheid/scenarios.parquet", "Schatting laaggeletterdheid 16–65 jaar (%) per arbeidsmarktregio en Nederland in elk scenario."),
        Table("beroepen", "arbeidsmarkt/beroepen.parquet", "BRC 2014-beroepen: landelijke werkzame beroepsbevolking 2023 en lonen 2022, lijsten van de handreiking met gepubliceerde %, gepubliceerde landelijke UWV-spanning."),
        Table("vacatures", "arbeidsmarkt/vacatures.parquet", "Vacatures per SBI-sector en kwartaal (CBS 80472NED, 80567NED, 80474NED): openstaand, ontstaan, vervuld, vacaturegraad per 1.000 banen, seizoengecorrigeerd; openstaande vacatures per provincie (83599NED, complete reeksen). Vacatures, geen spanningsindicator."),
        Table("trends", "cbs/trends.parquet", "Indicatoren door de jaren heen op de indeling 2025 (lang: gebied, indicator, periode, waarde, eenheid, bron, toelichting).", True),
        Table("beroepen_trend", "arbeidsmarkt/beroepen_trend.parquet", "Werkzame beroepsbevolking per BRC-beroep, Nederland, per jaar 2013–2024 (CBS 85276NED); in de mirror afgekapt: sommige reeksen stoppen eerder."),
        Table("banen_sector", "arbeidsmarkt/banen_sector.parquet", "Banen van werknemers per SBI-sectie, december van het laatste jaar (CBS 83582NED, naar werklocatie): banen, aandeel, aandeel Nederland, locatiequotiënt voor gemeenten, arbeidsmarktregio's en Nederland. Alleen na een bouw met internettoegang (live opgehaald); offline leeg."),
        Table("beroepsklassen_regio", "arbeidsmarkt/beroepsklassen_regio.parquet", "Werkzame beroepsbevolking naar beroepsklasse 2022 (CBS 84916NED, naar woonregio): personen, aandeel, aandeel Nederland en locatiequotiënt voor Nederland, provincies, alle 35 arbeidsmarktregio's en gemeenten met minstens 20.000 werkzamen."),
    )
}
LEVELS = ALLE_NIVEAUS


class NotBuiltError(LloDashError):
    """The built data are missing: run the build first."""


def table_path(data_dir: Path, name: str) -> Path:
    if name not in TABLES:
        raise KeyError(f"Onbekende tabel '{name}'. Kies uit: {', '.join(TABLES)}.")
    return data_dir / TABLES[name].path


def read_table(data_dir: Path, name: str) -> pd.DataFrame:
    path = table_path(data_dir, name)
    if not path.exists():
        raise NotBuiltError(f"Tabel '{name}' is nog niet gebouwd ({path}). Voer eerst `python -m llo_dash build` uit.")
    return pd.read_parquet(path)


def select(frame: pd.DataFrame, *, level: str | None = None, regio: str | None = None) -> pd.DataFrame:
    """Rows of one level and/or of one arbeidsmarktregio (the region itself and the areas in it)."""
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"Onbekend niveau '{level}'. Kies uit: {', '.join(LEVELS)}.")
        frame = frame[frame["niveau"] == level]
    if regio is not None:
        frame = frame[frame["arbeidsmarktregio_code"] == regio]
    return frame.reset_index(drop=True)


# --- map boundaries (written by llo_dash.build.geometry) ---------------------------------

# gemeente_detail: the gemeenten as the union of their wijken (more detail), for the map of one region
GEO_LEVELS = ("gemeente", "arbeidsmarktregio", "provincie", "wijk", "gemeente_detail")


def boundaries_path(data_dir: Path, level: str) -> Path:
    """Where the build writes the boundaries of one level."""
    if level not in GEO_LEVELS:
        raise ValueError(f"Onbekend kaartniveau {level!r}; kies uit: {', '.join(GEO_LEVELS)}.")
    return Path(data_dir) / "geo" / f"{level}.geojson"


def read_boundaries(data_dir: Path, level: str, codes: Iterable[str] | None = None) -> dict:
    """The boundaries of one level as a GeoJSON FeatureCollection (feature `id` = code).

    With `codes`, only those areas are kept, in file order; codes without a boundary are ignored.
    """
    path = boundaries_path(data_dir, level)
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError as error:
        raise BuildError(
            f"De kaartgrenzen voor {level} ontbreken ({path}). Bouw de gegevens eerst met `python -m llo_dash build`."
        ) from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BuildError(
            f"Het bestand met kaartgrenzen {path.name} is beschadigd. Bouw de gegevens opnieuw met "
            "`python -m llo_dash build`."
        ) from error
    return document if codes is None else subset(document, codes)


def subset(feature_collection: dict, codes: Iterable[str]) -> dict:
    """The features of `feature_collection` whose id is one of `codes`, in their own order (a new collection;
    the features themselves are shared, not copied)."""
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in feature_collection["features"] if f.get("id") in wanted]}
