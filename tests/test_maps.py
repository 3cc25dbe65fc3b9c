"""Maps that name their places and load nothing from outside (llo_dash/figures/maps.py, llo_dash/ui/maps.py).

On the built data: which places a map names, where the names go, the ring direction d3 needs, outlines cut
to the map, and the app's own base-map file that plotly.js requests instead of plotly's CDN.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import shapely.geometry

from llo_dash import figures, tables
from llo_dash.figures import maps
from llo_dash.ui import maps as ui_maps
from llo_dash.views import queries

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def df(gebieden):
    return gebieden.reset_index(drop=True)


@pytest.fixture(scope="module")
def grenzen(built_data):
    return {niveau: tables.read_boundaries(built_data, niveau) for niveau in ("gemeente", "arbeidsmarktregio", "wijk")}


def _names(fig) -> dict[str, tuple[float, float]]:
    """Name on the map -> its (lon, lat), from the text trace."""
    (trace,) = [t for t in fig.data if t.type == "scattergeo" and t.mode == "text"]
    return {text.replace("<br>", " "): (lon, lat) for text, lon, lat in zip(trace.text, trace.lon, trace.lat)}


def _map(df, grenzen, niveau, indicator="inwoners", **keuze):
    values = queries.kaartwaarden(df, niveau, indicator, **keuze)
    return figures.choropleth(grenzen[niveau], values, indicator, "t", labels=figures.kaartlabels(df, values["code"])), values


def test_a_region_map_names_all_its_gemeenten(df, grenzen):
    fig, values = _map(df, grenzen, "gemeente", regio="AM37")
    expected = set(df.loc[(df["niveau"] == "gemeente") & (df["arbeidsmarktregio_code"] == "AM37"), "naam"])
    assert {"Haarlem", "Zandvoort", "Velsen"} <= expected
    assert set(_names(fig)) == expected


def test_the_national_gemeente_map_names_only_large_gemeenten(df, grenzen):
    fig, values = _map(df, grenzen, "gemeente")
    gemeenten = df[df["niveau"] == "gemeente"].assign(n=lambda f: f["inwoners"].astype("float64"))
    largest = gemeenten.nlargest(maps.MAX_LABELS["GM"], "n")
    named = set(_names(fig))
    assert named <= set(largest["naam"])  # only the largest 25 are candidates ...
    assert {"Amsterdam", "Rotterdam", "Groningen", "Maastricht"} <= named  # ... the biggest, far apart, all shown
    assert 12 <= len(named) <= maps.MAX_LABELS["GM"]  # names that would cover a larger one are left out


def test_a_wijk_map_names_the_largest_wijken(df, grenzen):
    fig, values = _map(df, grenzen, "wijk", regio="AM37", gemeente="GM0392")
    wijken = df[(df["niveau"] == "wijk") & df["code"].isin(values["code"])].assign(n=lambda f: f["inwoners"].astype("float64"))
    named = set(_names(fig))
    assert named <= set(wijken.nlargest(maps.MAX_LABELS["WK"], "n")["naam"])
    assert wijken.loc[wijken["n"].idxmax(), "naam"] in named and len(named) >= 8


def test_names_sit_inside_their_area(df, grenzen):
    fig, values = _map(df, grenzen, "arbeidsmarktregio")
    named = _names(fig)
    shapes = {f["id"]: shapely.geometry.shape(f["geometry"]) for f in grenzen["arbeidsmarktregio"]["features"]}
    regios = df[df["niveau"] == "arbeidsmarktregio"]
    code_of = dict(zip(regios["naam"], regios["code"]))
    for naam, (lon, lat) in named.items():
        assert shapes[code_of[naam]].contains(shapely.geometry.Point(lon, lat)), naam
    # 35 long names do not fit on the national map: the crowded west loses some, the large regions keep theirs
    assert {"Friesland", "Groningen", "Zeeland", "Twente"} <= set(named) and len(named) < 35


def test_areas_are_wound_for_d3(grenzen):
    """d3-geo (plotly geo) fills the outside of a counter-clockwise ring: every exterior must be clockwise."""
    values = pd.DataFrame({"code": ["GM0473", "GM0392"], "naam": ["Zandvoort", "Haarlem"], "waarde": [1.0, 2.0]})
    fig = figures.choropleth(grenzen["gemeente"], values, "inwoners")
    for feature in fig.data[0].geojson["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for exterior, *holes in polygons:
            assert shapely.geometry.LinearRing(exterior).is_ccw is False
            assert all(shapely.geometry.LinearRing(hole).is_ccw for hole in holes)
    # the build itself writes RFC 7946 (counter-clockwise exteriors): the map reverses them, not the file
    source = next(f for f in grenzen["gemeente"]["features"] if f["id"] == "GM0473")["geometry"]
    first = source["coordinates"][0] if source["type"] == "Polygon" else source["coordinates"][0][0]
    assert shapely.geometry.LinearRing(first).is_ccw


def test_the_region_outline_is_cut_to_a_gemeentes_wijken(df, grenzen, built_data):
    values = queries.kaartwaarden(df, "wijk", "inwoners", regio="AM37", gemeente="GM0392")
    regio = tables.read_boundaries(built_data, "arbeidsmarktregio", ["AM37"])
    gemeente = tables.read_boundaries(built_data, "gemeente", ["GM0392"])
    fig = figures.choropleth(grenzen["wijk"], values, "inwoners", highlight=[regio, gemeente])
    regio_lijn, gemeente_lijn = [t for t in fig.data if t.type == "scattergeo"]
    haarlem = shapely.geometry.shape(gemeente["features"][0]["geometry"])
    lon_min, lat_min, lon_max, lat_max = haarlem.bounds
    margin = 0.05 * max(lon_max - lon_min, lat_max - lat_min)
    for lon, lat in zip(regio_lijn.lon, regio_lijn.lat):
        if lon is not None:  # the map fits its traces: the region's far side would zoom Haarlem out of view
            assert lon_min - margin <= lon <= lon_max + margin and lat_min - margin <= lat <= lat_max + margin
    assert gemeente_lijn.line.color == figures.MARKEER_KLEUREN[1]


def test_the_base_map_file_plotly_requests_is_the_apps_own():
    """plotly.js fetches <topojsonURL><scope>_<resolution>m.json for a geo map, even with the base map off;
    the app serves an empty topology under that name from static/ (Streamlit static serving)."""
    fig = figures.choropleth({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "GM0001", "geometry": {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]]}}]},
        pd.DataFrame({"code": ["GM0001"], "naam": ["A"], "waarde": [1.0]}), "inwoners")
    geo = fig.layout.geo
    requested = f"{geo.scope or 'world'}_{geo.resolution or 110}m.json"  # plotly's defaults when not set
    assert requested == figures.BASISKAART
    topology = json.loads((ROOT / "static" / requested).read_text(encoding="utf-8"))
    assert topology["type"] == "Topology" and topology["arcs"] == []
    assert all(layer["geometries"] == [] for layer in topology["objects"].values())
    streamlit_config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert streamlit_config["server"]["enableStaticServing"] is True
    assert ui_maps.BASISKAART_URL == "app/static/"  # where Streamlit serves static/, relative to the page


def test_colour_bar_names_value_and_unit(df, grenzen):
    fig, _ = _map(df, grenzen, "arbeidsmarktregio", "laaggeletterd_16_65_pct")
    title = fig.data[0].colorbar.title.text
    assert title.startswith("Laaggeletterd") and "schatting" in title and title.endswith("<br>(%)")
    assert fig.data[0].colorbar.title.font.size >= 14 and fig.data[0].colorbar.tickfont.size >= 13


def test_region_outline_from_detailed_gemeenten_has_no_inner_lines(df, built_data):
    """On the map of one region (detailed gemeenten) the region is outlined by its gemeenten together: one outer
    line, no slits between neighbours drawn as stray lines inside it."""
    detail = tables.read_boundaries(built_data, "gemeente_detail")
    leden = df.loc[(df["niveau"] == "gemeente") & (df["arbeidsmarktregio_code"] == "AM37"), "code"]
    (feature,) = figures.maps.samengevoegd(detail, leden, "AM37")["features"]
    outline = shapely.geometry.shape(feature["geometry"])
    assert feature["id"] == "AM37" and all(not list(p.interiors) for p in getattr(outline, "geoms", [outline]))
    members = [shapely.geometry.shape(f["geometry"]) for f in detail["features"] if f["id"] in set(leden)]
    assert outline.area == pytest.approx(sum(m.area for m in members), rel=1e-2)
    assert figures.maps.samengevoegd(detail, [], "AM37")["features"] == []
