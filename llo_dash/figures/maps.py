"""Maps: a choropleth of one indicator, grey areas without a value, the chosen areas outlined, places named.

Maps are plotly *geo* traces (`go.Choropleth`, `go.Scattergeo`) drawn as SVG from our own GeoJSON,
with the base map switched off (`geo.visible=False`). Two reasons, both checked in headless Chromium:
place names are SVG text (plotly's MapLibre maps need a glyph server for any text on the map), and
nothing comes from outside. Plotly.js still fetches one topojson base file for geo maps, even an
invisible one; `ui.maps` points the chart's `topojsonURL` at the app's own empty file (`static/`,
see `BASISKAART`), so that request stays on the dashboard's own server.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import shapely
import shapely.geometry
import shapely.ops

from llo_dash import indicators, tables
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
GRENS_RASTER = 1e-4  # the grid the build writes the boundaries on (build.geometry, decimals=4)
KAART_HOOGTE = 620
# The base file plotly.js requests for a geo subplot: "<scope>_<resolution>m.json" under `topojsonURL`
# (plotly.js src/lib/topojson_utils.js); scope "world" and resolution 110 are plotly's defaults.
BASISKAART = "world_110m.json"

# Place names: dark text with a white halo, readable on every colour of the scale and on grey.
LABEL_GROOTTE = 12
LABEL_GROOTTE_KRAP = 10  # px, for a name that does not fit at the normal size
LABEL_KLEUR = "#1a1a1a"
LABEL_HALO = "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff, 0 0 3px #fff"
LABEL_BREEDTE = 18  # characters per line: long names ("Zuid-Kennemerland en IJmond") get two lines
# How many areas a map names, largest by inhabitants first (None: all). A region's gemeenten are all
# named; on the map of all 342 gemeenten only the largest, or the map is unreadable.
MAX_LABELS = {"AM": None, "GM": 25, "WK": 12}
# The width (px) of a map on a 1366 px screen next to the sidebar, without its colour bar: names are spaced for it.
LABEL_KAARTBREEDTE = 800
ALLE_GEMEENTEN_VAN_REGIO = 60  # the largest region has 33 gemeenten; more than this is the national map


# --- place names ------------------------------------------------------------------------------


def kaartlabels(gebieden: pd.DataFrame, codes: Iterable[str]) -> dict[str, str]:
    """Which of `codes` a map names, and with which text: code -> name (wrapped on two lines when long), the
    largest by inhabitants first (`choropleth` leaves out a name that would cover a larger one).

    `gebieden` has columns code, naam and inwoners (the built table). Regions are all named; gemeenten all
    when they are one region's (at most `ALLE_GEMEENTEN_VAN_REGIO`), else the largest `MAX_LABELS["GM"]`
    by inhabitants; wijken the largest `MAX_LABELS["WK"]`.
    """
    wanted = list(dict.fromkeys(codes))
    rows = gebieden.loc[gebieden["code"].isin(wanted), ["code", "naam", "inwoners"]]
    if rows.empty:
        return {}
    prefix = str(rows["code"].iloc[0])[:2]
    limit = MAX_LABELS.get(prefix)
    if prefix == "GM" and len(rows) <= ALLE_GEMEENTEN_VAN_REGIO:
        limit = None
    inwoners = pd.to_numeric(rows["inwoners"], errors="coerce").astype("float64").fillna(-1)
    rows = rows.assign(_inwoners=inwoners.to_numpy()).sort_values(["_inwoners", "code"], ascending=[False, True])
    if limit is not None:
        rows = rows.head(limit)
    return {code: "<br>".join(textwrap.wrap(str(naam), LABEL_BREEDTE, break_on_hyphens=False, break_long_words=False))
            for code, naam in zip(rows["code"], rows["naam"])}


def label_punt(geometry: dict) -> tuple[float, float]:
    """(lon, lat) where a name goes: the point of the area's largest part farthest from its edges
    (`polylabel`), so the name sits well inside the area, also in a bent or hollow one."""
    shape = shapely.geometry.shape(geometry)
    part = max(getattr(shape, "geoms", [shape]), key=lambda polygon: polygon.area)
    lon_min, lat_min, lon_max, lat_max = part.bounds
    point = shapely.ops.polylabel(part, tolerance=max(lon_max - lon_min, lat_max - lat_min) / 100 or 1e-6)
    return point.x, point.y


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _label_vak(point: tuple[float, float], text: str, scale: float, size: int = LABEL_GROOTTE) -> shapely.geometry.Polygon:
    """The box a name takes on the map, in (lon, Mercator y in degrees) units at `scale` px per unit."""
    lines = text.split("<br>")
    # an average character is about 0.6 em wide; 2 px of room around each name
    width = (max(map(len, lines)) * size * 0.6 + 4) / scale / 2
    height = (len(lines) * size * 1.2 + 4) / scale / 2
    x, y = point[0], _mercator_y(point[1])
    return shapely.geometry.box(x - width, y - height, x + width, y + height)


def _zonder_overlap(features: Sequence[dict], labels: Mapping[str, str], plot_px: tuple[int, int]
                    ) -> list[tuple[dict, tuple[float, float], int]]:
    """The named features with their label point and font size, in the order of `labels`, leaving out a name that
    would cover one placed before it, also at the smaller size. The scale is the one `fitbounds` gives the map at `plot_px` (width, height): a
    width for the small screen (1366 px), so on a larger screen the names have more room, never less."""
    by_id = {feature.get("id"): feature for feature in features}
    named = [by_id[code] for code in labels if code in by_id]
    bounds = [shapely.geometry.shape(feature["geometry"]).bounds for feature in named]
    lon_min, lon_max = min(b[0] for b in bounds), max(b[2] for b in bounds)
    y_min, y_max = _mercator_y(min(b[1] for b in bounds)), _mercator_y(max(b[3] for b in bounds))
    # fitbounds leaves a margin round the areas: they fill about 90% of the frame (measured in Chromium)
    scale = 0.9 * min(plot_px[0] / max(lon_max - lon_min, 1e-6), plot_px[1] / max(y_max - y_min, 1e-6))
    placed, boxes = [], []
    for feature in named:
        point = label_punt(feature["geometry"])
        for size in (LABEL_GROOTTE, LABEL_GROOTTE_KRAP):  # a smaller name where the normal one does not fit
            box = _label_vak(point, labels[feature["id"]], scale, size)
            if not any(box.intersects(other) for other in boxes):
                placed.append((feature, point, size))
                boxes.append(box)
                break
    return placed


def _label_spoor(features: Sequence[dict], labels: Mapping[str, str], plot_px: tuple[int, int]) -> go.Scattergeo | None:
    if not any(feature.get("id") in labels for feature in features):
        return None
    placed = _zonder_overlap(features, labels, plot_px)
    return go.Scattergeo(
        lon=[point[0] for _, point, _ in placed], lat=[point[1] for _, point, _ in placed],
        text=[labels[feature["id"]] for feature, _, _ in placed],
        mode="text", textfont=dict(size=[size for _, _, size in placed], color=LABEL_KLEUR, shadow=LABEL_HALO),
        # Names only show; hover and clicks go to the area underneath.
        hoverinfo="skip", name="namen",
    )


# --- geometry for d3 ----------------------------------------------------------------------------


def _ringen_met_de_klok(geometry: dict) -> dict:
    """The geometry with every ring reversed. The build writes RFC 7946 rings (exteriors counter-clockwise);
    d3-geo, behind plotly's geo traces, reads an exterior as clockwise and would fill the rest of the world."""
    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": [ring[::-1] for ring in geometry["coordinates"]]}
    if geometry.get("type") == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring[::-1] for ring in polygon] for polygon in geometry["coordinates"]]}
    return geometry


def _subset(geojson: dict, codes) -> dict:
    # Each trace gets only its own areas, so no geometry is sent twice.
    return tables.subset(geojson, codes)


def _voor_d3(features: Iterable[dict]) -> dict:
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": f["id"], "geometry": _ringen_met_de_klok(f["geometry"])} for f in features]}


def _omtrek(collection: dict, kader: shapely.geometry.Polygon | None) -> tuple[list, list]:
    """lon and lat lists of the outlines of `collection` within `kader`, lines separated by None (a break)."""
    lons: list = []
    lats: list = []
    for feature in collection.get("features", []):
        outline = shapely.geometry.shape(feature["geometry"]).boundary
        if kader is not None:
            outline = outline.intersection(kader)
        for line in getattr(outline, "geoms", [outline]):
            if line.geom_type == "LineString" and not line.is_empty:
                lons += [x for x, _ in line.coords] + [None]
                lats += [y for _, y in line.coords] + [None]
    return lons, lats


def markeer_sporen(highlight: Sequence[dict], kader: shapely.geometry.Polygon | None = None) -> list[go.Scattergeo]:
    """Line traces outlining `highlight` (FeatureCollections: the chosen region, then the chosen gemeente), black
    and thick for the first, vermillion for the next; empty collections are left out. They take no hover or
    click, so both reach the areas underneath. Only the part within `kader` is drawn: the map fits all its
    traces, and the outline of the region around one gemeente's wijken would otherwise zoom the map out."""
    traces = []
    for i, collection in enumerate(highlight):
        lons, lats = _omtrek(collection or {}, kader)
        if lons:
            traces.append(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", name="gekozen",
                                        line=dict(color=MARKEER_KLEUREN[min(i, 1)], width=MARKEER_BREEDTES[min(i, 1)])))
    return traces


def samengevoegd(geojson: dict, codes: Iterable[str], code: str) -> dict:
    """A FeatureCollection of one feature `code`: the outer outline of the areas `codes` of `geojson` together (a
    region's outline from its detailed gemeenten, so that it runs along their borders). Holes are left out:
    neighbouring gemeenten of the wijk file do not always meet exactly, and the slits between them would be
    drawn as stray lines inside the region."""
    wanted = set(codes)
    shapes = [shapely.geometry.shape(f["geometry"]) for f in geojson["features"] if f.get("id") in wanted]
    if not shapes:
        return {"type": "FeatureCollection", "features": []}
    union = shapely.union_all(shapes, grid_size=GRENS_RASTER)
    union = shapely.union_all([shapely.Polygon(part.exterior) for part in getattr(union, "geoms", [union])
                               if part.geom_type == "Polygon"])
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "id": code, "geometry": shapely.geometry.mapping(union)}]}


def kader(features: Sequence[dict], marge: float = 0.03) -> shapely.geometry.Polygon:
    """The bounding box of `features`, `marge` of its size wider on every side."""
    lon_min, lat_min, lon_max, lat_max = shapely.geometry.GeometryCollection(
        [shapely.geometry.shape(feature["geometry"]) for feature in features]).bounds
    dx, dy = (lon_max - lon_min) * marge, (lat_max - lat_min) * marge
    return shapely.geometry.box(lon_min - dx, lat_min - dy, lon_max + dx, lat_max + dy)


# --- the map ----------------------------------------------------------------------------------


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


def legenda_titel(meta: indicators.Indicator) -> str:
    """The colour bar's title: what is shown (wrapped), and its unit on its own line."""
    regels = textwrap.wrap(meta.label + (" (schatting)" if meta.schatting else ""), LABEL_BREEDTE,
                           break_on_hyphens=False, break_long_words=False)
    return "<br>".join(regels + [f"({eenheid_tekst(meta)})"])


def choropleth(
    geojson: dict,
    values: pd.DataFrame,
    indicator: str,
    title: str | None = None,
    *,
    highlight: Sequence[dict] = (),
    bron: str | Sequence[str] | None = None,
    height: int = KAART_HOOGTE,
    meta: indicators.Indicator | None = None,
    tick_decimalen: int = 0,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """A map of `values` (from `views.queries.kaartwaarden`: code, naam, waarde) on `geojson` (feature id = code).

    The map shows and fits to the areas of `values` that have a boundary in `geojson` (the others
    cannot be drawn; ValueError when none has one). One trace carries every area with a value, on a continuous
    Viridis scale whose colour bar names the value and its unit. Areas without a value cannot be in that
    trace (plotly leaves NaN areas out altogether: no fill, no hover), so they get a second, grey
    trace with "geen gegevens" in the hover, added only when such areas exist.
    `highlight`: FeatureCollections outlined on top (the chosen region, then the chosen gemeente).
    `labels`: code -> the name written on the map (`kaartlabels`). `meta` describes a value that is not an
    indicator of the registry (label, unit); `tick_decimalen` the colour bar's decimals.
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
        go.Choropleth(
            geojson=_voor_d3(_subset(geojson, known["code"])["features"]),
            locations=known["code"],
            z=known["waarde"],
            customdata=list(zip(known["naam"], [extra[i] for i, ok in enumerate(has_value) if ok])),
            hovertemplate=f"<b>%{{customdata[0]}}</b><br>{label}: %{{z:{fmt}}}{suffix}%{{customdata[1]}}<extra></extra>",
            colorscale=KLEURSCHAAL,
            marker=dict(opacity=0.9),
            # A click selects an area (the page reads it); the others must not fade.
            selected=dict(marker=dict(opacity=0.9)),
            unselected=dict(marker=dict(opacity=0.9)),
            colorbar=dict(title=dict(text=legenda_titel(meta), font=dict(size=14, color=LABEL_KLEUR)),
                          tickformat=d3_format("getal", tick_decimalen), ticksuffix=suffix, thickness=16, len=0.75,
                          tickfont=dict(size=13, color=LABEL_KLEUR)),
            name=label,
        )
    )
    missing = values[~has_value]
    if not missing.empty:
        fig.add_trace(
            go.Choropleth(
                geojson=_voor_d3(_subset(geojson, missing["code"])["features"]),
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
    fig.add_traces(markeer_sporen(highlight, kader(geojson["features"])))
    plot_px = (LABEL_KAARTBREEDTE, height - (40 if title else 0))
    if (namen := _label_spoor(geojson["features"], labels or {}, plot_px)) is not None:
        fig.add_trace(namen)

    opmaak(
        fig,
        # The frame fits every trace: the areas, and the outlines cut to the areas' box (`markeer_sporen`).
        geo=dict(visible=False, fitbounds="locations", projection=dict(type="mercator"), bgcolor="rgba(0,0,0,0)"),
        title_text=title,
        margin=dict(l=0, r=0, t=40 if title else 0, b=0),
        height=height,
        # Keep the user's zoom and pan when only the highlight or the data change.
        uirevision="kaart",
    )
    return bron_onder(fig, bron)

