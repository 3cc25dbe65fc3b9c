"""Read the boundaries written by `llo_dash.build.geometry` and frame them on a map.

Plain functions without Streamlit: the UI layer caches them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path

from llo_dash.errors import BuildError

LEVELS = ("gemeente", "arbeidsmarktregio", "provincie", "wijk")

# MapLibre (behind plotly `choropleth_map`) draws the whole world 512 px wide at zoom 0.
_WORLD_PX = 512
# Use this share of the frame, so the outer borders do not touch the edge of the map.
_FILL = 0.9
_MAX_ZOOM = 12.0  # a single tiny area should not zoom in to street level: the boundaries are coarse


def boundaries_path(data_dir: Path, level: str) -> Path:
    """Where the build writes the boundaries of one level."""
    if level not in LEVELS:
        raise ValueError(f"Onbekend kaartniveau {level!r}; kies uit: {', '.join(LEVELS)}.")
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
    if codes is None:
        return document
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in document["features"] if f.get("id") in wanted]}


def _positions(coordinates) -> Iterator[list[float]]:
    """Every [lon, lat] position in (nested) GeoJSON coordinates."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _positions(part)


def bounds(feature_collection: dict) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) of all features."""
    lons, lats = [], []
    for feature in feature_collection.get("features", []):
        geometry = feature.get("geometry") or {}
        for position in _positions(geometry.get("coordinates", [])):
            lons.append(position[0])
            lats.append(position[1])
    if not lons:
        raise ValueError("Er zijn geen gebieden om op de kaart te tonen.")
    return min(lons), min(lats), max(lons), max(lats)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def center_zoom(feature_collection: dict, *, width_px: int = 700, height_px: int = 600) -> tuple[dict, float]:
    """Centre ({"lat", "lon"}) and zoom for plotly `choropleth_map` so that all features fit the frame."""
    lon_min, lat_min, lon_max, lat_max = bounds(feature_collection)
    y_min, y_max = _mercator_y(lat_min), _mercator_y(lat_max)
    # The map is Web Mercator: centre vertically in projected space, or the frame is lopsided.
    center = {"lat": _mercator_lat((y_min + y_max) / 2), "lon": (lon_min + lon_max) / 2}
    zooms = [_MAX_ZOOM]
    if lon_max > lon_min:
        zooms.append(math.log2(_FILL * width_px * 360 / (_WORLD_PX * (lon_max - lon_min))))
    if y_max > y_min:
        zooms.append(math.log2(_FILL * height_px * 2 * math.pi / (_WORLD_PX * (y_max - y_min))))
    return center, max(0.0, min(zooms))
