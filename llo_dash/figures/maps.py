"""Maps: a choropleth of one indicator, grey areas without a value, the chosen areas outlined.

Maps use `map_style="white-bg"`: MapLibre draws only our own GeoJSON on a white
background, so nothing is fetched from a tile server or CDN and the dashboard works
offline.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash import indicators
from llo_dash.figures.theme import (
    GEEN_GEGEVENS_KLEUR,
    KLEURSCHAAL,
    MARKEER_KLEUREN,
    bron_onder,
    eenheid_tekst,
    opmaak,
    waarde_formaat,
)
from llo_dash.formatting import GEEN_GEGEVENS, d3_format

MARKEER_BREEDTES = (3.0, 2.5)  # outline widths of the chosen region and gemeente
KAART_HOOGTE = 620


# --- framing: centre and zoom so that the areas fill the map ------------------------------

# MapLibre (behind plotly `choropleth_map`) draws the whole world 512 px wide at zoom 0.
_WORLD_PX = 512
# Use this share of the frame, so the outer borders do not touch the edge of the map.
_FILL = 0.9
_MAX_ZOOM = 12.0  # a single tiny area should not zoom in to street level: the boundaries are coarse


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


def _hover_lines(values: pd.DataFrame, indicator: indicators.Indicator) -> list[str]:
    """The extra hover lines per area (already Dutch text): interval and region."""
    lines = [""] * len(values)
    if "ondergrens" in values and "bovengrens" in values:
        lines = [
            line + "<br>Marge: " + indicators.marge_tekst(indicator.kolom, low, high)
            for line, low, high in zip(lines, values["ondergrens"], values["bovengrens"])
        ]
    if "arbeidsmarktregio_naam" in values:
        lines = [line + f"<br>Arbeidsmarktregio: {regio}" for line, regio in zip(lines, values["arbeidsmarktregio_naam"])]
    return lines


def _subset(geojson: dict, codes) -> dict:
    # Each trace gets only its own areas, so no geometry is sent twice.
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f.get("id") in wanted]}


def markeer_lagen(highlight: Sequence[dict]) -> list[dict]:
    """Map layers outlining `highlight` (FeatureCollections: the chosen region, then the chosen gemeente), black
    and thick for the first, vermillion for the next; empty collections are left out."""
    return [
        dict(source=collection, sourcetype="geojson", type="line", color=MARKEER_KLEUREN[min(i, 1)],
             line=dict(width=MARKEER_BREEDTES[min(i, 1)]))
        for i, collection in enumerate(highlight)
        if collection and collection.get("features")
    ]


def choropleth(
    geojson: dict,
    values: pd.DataFrame,
    indicator: str,
    title: str | None = None,
    *,
    highlight: Sequence[dict] = (),
    bron: str | None = None,
    height: int = KAART_HOOGTE,
    meta: indicators.Indicator | None = None,
    tick_decimalen: int = 0,
) -> go.Figure:
    """A map of `values` (from `views.queries.kaartwaarden`: code, naam, waarde) on `geojson` (feature id = code).

    The map shows and zooms to the areas of `values` that have a boundary in `geojson` (the others
    cannot be drawn; ValueError when none has one). One trace carries every area with a value, on a continuous Viridis scale whose
    colour bar shows the unit. Areas without a value cannot be in that trace (plotly
    leaves NaN areas out altogether: no fill, no hover), so they get a second, grey
    trace with "geen gegevens" in the hover, added only when such areas exist.
    `highlight`: FeatureCollections outlined on top (the chosen region, then the chosen
    gemeente), drawn as map layers rather than traces so clicks and hovers still reach
    the areas underneath. `meta` describes a value that is not an indicator of the registry (label, unit);
    `tick_decimalen` the colour bar's decimals (values of a few percent need one).
    """
    meta = meta or indicators.get(indicator)  # `meta` for a value outside the registry (an upload's reach)
    fmt, suffix = waarde_formaat(meta)
    label = meta.label + (" (schatting)" if meta.schatting else "")
    geojson = _subset(geojson, values["code"])
    if not geojson["features"]:
        raise ValueError("Geen van deze gebieden heeft een grens op de kaart.")
    values = values[values["code"].isin({feature.get("id") for feature in geojson["features"]})].reset_index(drop=True)
    extra = _hover_lines(values, meta)
    has_value = values["waarde"].notna().to_numpy()

    # The white outline of every area comes from the template (theme.py).
    known = values[has_value]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=_subset(geojson, known["code"]),
            locations=known["code"],
            z=known["waarde"],
            customdata=list(zip(known["naam"], [extra[i] for i, ok in enumerate(has_value) if ok])),
            hovertemplate=f"<b>%{{customdata[0]}}</b><br>{label}: %{{z:{fmt}}}{suffix}%{{customdata[1]}}<extra></extra>",
            colorscale=KLEURSCHAAL,
            marker=dict(opacity=0.9),
            # A click selects an area (the page reads it); the others must not fade.
            selected=dict(marker=dict(opacity=0.9)),
            unselected=dict(marker=dict(opacity=0.9)),
            colorbar=dict(title=dict(text=eenheid_tekst(meta)), tickformat=d3_format("getal", tick_decimalen),
                          ticksuffix=suffix, thickness=14, len=0.6),
            name=label,
        )
    )
    missing = values[~has_value]
    if not missing.empty:
        fig.add_trace(
            go.Choroplethmap(
                geojson=_subset(geojson, missing["code"]),
                locations=missing["code"],
                z=[0] * len(missing),
                customdata=list(zip(missing["naam"], [extra[i] for i, ok in enumerate(has_value) if not ok])),
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{label}: {GEEN_GEGEVENS}%{{customdata[1]}}<extra></extra>",
                colorscale=[[0, GEEN_GEGEVENS_KLEUR], [1, GEEN_GEGEVENS_KLEUR]],
                showscale=False,
                selected=dict(marker=dict(opacity=1)),
                unselected=dict(marker=dict(opacity=1)),
                name=GEEN_GEGEVENS,
            )
        )

    center, zoom = center_zoom(geojson, height_px=height)
    opmaak(
        fig,
        map=dict(style="white-bg", center=center, zoom=zoom, layers=markeer_lagen(highlight)),
        title_text=title,
        margin=dict(l=0, r=0, t=40 if title else 0, b=0),
        height=height,
        # Keep the user's zoom and pan when only the highlight or the data change.
        uirevision="kaart",
    )
    return bron_onder(fig, bron)
