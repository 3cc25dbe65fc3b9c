"""llo_dash.figures: pure plotly builders; maps must load nothing from outside localhost."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.colors
import pytest

from llo_dash import figures, geo, queries
from llo_dash.formatting import PLOTLY_SEPARATORS

URL = re.compile(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", re.IGNORECASE)


@pytest.fixture(scope="module")
def df(built_data):
    return queries.gebieden(built_data)


@pytest.fixture(scope="module")
def regio_grenzen(built_data):
    return geo.read_boundaries(built_data, "arbeidsmarktregio")


@pytest.fixture(scope="module")
def gemeente_grenzen(built_data):
    return geo.read_boundaries(built_data, "gemeente")


def _square(code: str, x: float) -> dict:
    ring = [[x, 52.0], [x + 0.1, 52.0], [x + 0.1, 52.1], [x, 52.1], [x, 52.0]]
    return {"type": "Feature", "id": code, "properties": {"code": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


@pytest.fixture
def drie():
    """Three tiny areas, one without a value, with an interval."""
    geojson = {"type": "FeatureCollection", "features": [_square("GM0001", 5.0), _square("GM0002", 5.2), _square("GM0003", 5.4)]}
    values = pd.DataFrame({
        "code": ["GM0001", "GM0002", "GM0003"], "naam": ["Aa", "Bee", "Cee"], "waarde": [12.5, np.nan, 30.25],
        "ondergrens": [10.0, np.nan, 28.0], "bovengrens": [15.0, np.nan, 33.0],
        "arbeidsmarktregio_naam": ["Regio A", "Regio A", "Regio B"],
    })
    return geojson, values


def _external_urls(fig) -> set[str]:
    return set(URL.findall(fig.to_json()))


def test_region_map_one_trace_offline_dutch(df, regio_grenzen):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "laag_opgeleid_pct")
    fig = figures.choropleth(regio_grenzen, values, "laag_opgeleid_pct", "Laag opgeleid", bron=queries.bronvermelding("laag_opgeleid_pct"))
    assert len(fig.data) == 1
    trace = fig.data[0]
    assert trace.type == "choroplethmap"
    assert sorted(trace.locations) == sorted(values["code"]) and len(trace.locations) == 35
    assert fig.layout.map.style == "white-bg"
    assert fig.layout.separators == PLOTLY_SEPARATORS == ",."
    assert [c for _, c in trace.colorscale] == list(reversed(plotly.colors.sequential.Viridis))  # colour-blind safe
    assert trace.colorbar.title.text == "%"
    assert ",.1f}%" in trace.hovertemplate and "%{customdata[0]}" in trace.hovertemplate
    text = fig.to_json()
    assert "mapbox" not in text.lower() and "accesstoken" not in text.lower()
    assert _external_urls(fig) == set(), "the figure must not load anything from the internet"
    center, zoom = geo.center_zoom(regio_grenzen, height_px=figures.KAART_HOOGTE)
    assert fig.layout.map.center.lat == pytest.approx(center["lat"]) and fig.layout.map.zoom == pytest.approx(zoom)


def test_missing_values_grey_with_hover(drie):
    geojson, values = drie
    fig = figures.choropleth(geojson, values, "laag_opgeleid_pct", "Test")
    data, grey = fig.data
    assert list(data.locations) == ["GM0001", "GM0003"] and list(data.z) == [12.5, 30.25]
    assert list(grey.locations) == ["GM0002"] and grey.showscale is False
    assert "geen gegevens" in grey.hovertemplate
    assert {c for _, c in grey.colorscale} == {figures.GEEN_GEGEVENS_KLEUR}
    # each trace carries only its own geometry
    assert [f["id"] for f in data.geojson["features"]] == ["GM0001", "GM0003"]
    assert [f["id"] for f in grey.geojson["features"]] == ["GM0002"]


def test_hover_has_dutch_interval_and_region(drie):
    geojson, values = drie
    fig = figures.choropleth(geojson, values, "laag_opgeleid_pct")
    extra = [row[1] for row in fig.data[0].customdata]
    assert extra[0] == "<br>Marge: 10,0% – 15,0%<br>Arbeidsmarktregio: Regio A"
    assert fig.data[0].customdata[0][0] == "Aa"


def test_no_missing_trace_when_complete(drie):
    geojson, values = drie
    fig = figures.choropleth(geojson, values.dropna(), "laag_opgeleid_pct")
    assert len(fig.data) == 1


def test_highlight_is_a_layer_not_a_trace(df, regio_grenzen, built_data):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "inwoners")
    chosen = geo.read_boundaries(built_data, "arbeidsmarktregio", codes=["AM12"])
    fig = figures.choropleth(regio_grenzen, values, "inwoners", highlight=[chosen])
    assert len(fig.data) == 1
    (layer,) = fig.layout.map.layers
    assert layer.type == "line" and layer.sourcetype == "geojson" and layer.source["features"][0]["id"] == "AM12"
    assert fig.data[0].colorbar.title.text == "personen"
    assert ",.0f}<" in fig.data[0].hovertemplate or ",.0f}%{" in fig.data[0].hovertemplate


def test_gemeente_map_covers_342(df, gemeente_grenzen):
    values = queries.kaartwaarden(df, "gemeente", "ww_personen")
    fig = figures.choropleth(gemeente_grenzen, values, "ww_personen", "WW")
    assert sum(len(trace.locations) for trace in fig.data) == 342
    assert len(fig.data) == 2  # partial source: the grey trace is needed
    assert _external_urls(fig) == set()


def test_source_annotation_in_figure(drie):
    geojson, values = drie
    fig = figures.choropleth(geojson, values, "laag_opgeleid_pct", bron="Bron: CBS, test, 2023.")
    assert fig.layout.annotations[0].text == "Bron: CBS, test, 2023."
    long = figures.choropleth(geojson, values, "laag_opgeleid_pct", bron="Bron: " + "woord " * 40)
    assert "<br>" in long.layout.annotations[0].text  # wrapped, not cut off


def test_plotly_config_png_download():
    config = figures.plotly_config("LLO overzicht Laag opgeleid (%)")
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["filename"] == "llo-overzicht-laag-opgeleid"
    assert config["displaylogo"] is False


def test_bar_ranking(df):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "laag_opgeleid_pct")
    values.loc[0, "waarde"] = np.nan
    fig = figures.bar_ranking(values, "laag_opgeleid_pct", "Ranglijst", highlight=["AM12"], nederland=26.2)
    (bar,) = fig.data
    assert len(bar.y) == 34  # the missing one is not drawn as zero
    assert list(bar.x) == sorted(bar.x)  # highest on top (plotly draws from the bottom)
    colours = dict(zip(bar.y, bar.marker.color))
    assert colours["Gooi en Vechtstreek"] == figures.BALK_MARKEER_KLEUR
    assert fig.layout.separators == ",."
    texts = [a.text for a in fig.layout.annotations]
    assert "Nederland: 26,2%" in texts
    assert any(t.startswith("geen gegevens: ") and values.loc[0, "naam"] in t for t in texts)
    assert _external_urls(fig) == set()
