"""Neighbouring areas, computed from the built boundaries (`data/geo/<niveau>.geojson`). Pure, no Streamlit.

Two areas are neighbours when their boundaries share a border. The built boundaries are generalised
(coordinates rounded to about 100 m, rings simplified), so two areas that touch in reality can have a
small gap or overlap between them: each area is widened by `TOLERANTIE` degrees (about 200 m) before
testing whether they meet. A corner of a few hundred metres is not a border: the widened areas must
overlap over at least `MIN_LENGTE` degrees (about 1 km) of border.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from shapely.geometry import shape
from shapely.strtree import STRtree

from llo_dash import tables

TOLERANTIE = 0.002  # degrees; the boundaries are rounded to 0.001°
MIN_LENGTE = 0.01  # degrees of shared border (the overlap of the widened areas, its long side)


def buren_uit_grenzen(grenzen: Mapping) -> dict[str, list[str]]:
    """Per area code of the FeatureCollection `grenzen` (feature id = code) its neighbours, the longest shared
    border first (so a shortened list keeps the closest neighbours)."""
    codes = [feature["id"] for feature in grenzen["features"]]
    vormen = [shape(feature["geometry"]).buffer(TOLERANTIE) for feature in grenzen["features"]]
    boom = STRtree(vormen)
    buren: dict[str, dict[str, float]] = {code: {} for code in codes}
    for i, vorm in enumerate(vormen):
        for j in boom.query(vorm, predicate="intersects"):
            if j <= i:
                continue
            overlap = vorm.intersection(vormen[j])
            minx, miny, maxx, maxy = overlap.bounds if not overlap.is_empty else (0, 0, 0, 0)
            if max(maxx - minx, maxy - miny) >= MIN_LENGTE:
                # The overlap of the widened areas is a strip along the border: its area measures the border.
                buren[codes[i]][codes[j]] = buren[codes[j]][codes[i]] = overlap.area
    return {code: sorted(lengtes, key=lambda buur: (-lengtes[buur], buur)) for code, lengtes in buren.items()}


def buren(data_dir: str | Path, niveau: str = "arbeidsmarktregio") -> dict[str, list[str]]:
    """The neighbours of every area of `niveau`, from the boundaries the build wrote to `data_dir`."""
    return buren_uit_grenzen(tables.read_boundaries(Path(data_dir), niveau))
