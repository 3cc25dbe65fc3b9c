"""llo_dash.figures: pure plotly builders; maps must load nothing from outside localhost."""

from __future__ import annotations

import re

import math
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from llo_dash import figures
from llo_dash import tables
from llo_dash.views import queries
from llo_dash.views import vergelijken as vg
from llo_dash.formatting import PLOTLY_SEPARATORS

URL = re.compile(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", re.IGNORECASE)


@pytest.fixture(scope="module")
def df(gebieden):
    """The built table as the app reads it: a plain index (the conftest fixture is indexed by code)."""
    return gebieden.reset_index(drop=True)


@pytest.fixture(scope="module")
def regio_grenzen(built_data):
    return tables.read_boundaries(built_data, "arbeidsmarktregio")


@pytest.fixture(scope="module")
def gemeente_grenzen(built_data):
    return tables.read_boundaries(built_data, "gemeente")


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


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _external_urls(fig) -> set[str]:
    return set(URL.findall(fig.to_json()))


def _assert_llo_look(fig) -> None:
    """The figure has the shared look: the "llo" template (Dutch separators, font, no legend, title on the left)
    merged into its template, and the font in its own layout too (Streamlit's chart theme replaces a template
    font in the browser)."""
    template = fig.layout.template.layout
    assert template.separators == PLOTLY_SEPARATORS == ",."
    assert template.font.family == figures.FONT["family"] and template.font.size == figures.FONT["size"]
    assert template.showlegend is False and (template.title.x, template.title.xanchor) == (0, "left")
    assert fig.layout.font.family == figures.FONT["family"] and fig.layout.font.size == figures.FONT["size"]


def test_names_used_elsewhere_are_exported():
    """Pages and other modules use `figures.<name>` or `from llo_dash.figures import <name>`: all re-exported."""
    root = Path(figures.__file__).parents[2]
    used = set()
    for path in [*sorted((root / "pages").glob("*.py")), *sorted((root / "llo_dash").rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*from llo_dash import [^\n]*\bfigures\b", text, re.M):  # not a page's own views figures
            used |= set(re.findall(r"\bfigures\.([A-Za-z_]\w*)", text))
        used |= {name.strip() for names in re.findall(r"from llo_dash\.figures import ([\w, ]+)", text) for name in names.split(",")}
    submodules = {path.stem for path in Path(figures.__file__).parent.glob("*.py")}  # `from llo_dash.figures import maps`
    used -= submodules
    assert used and used <= set(figures.__all__), used - set(figures.__all__)
    assert all(hasattr(figures, name) for name in figures.__all__)


def test_llo_template_holds_the_shared_look():
    llo = pio.templates[figures.TEMPLATE]
    assert llo.layout.separators == ",." and llo.layout.font.size == figures.FONT["size"]
    assert llo.layout.showlegend is False
    assert llo.data.choropleth[0].marker.line.color == figures.GRENS_KLEUR  # the white outline of map areas
    # on top of the figure's own template: what that template sets and "llo" does not is kept
    basis = go.layout.Template(layout=dict(paper_bgcolor="#fafafa", separators=". "))
    fig = figures.opmaak(go.Figure(layout=dict(template=basis)), height=300)
    assert fig.layout.template.layout.paper_bgcolor == "#fafafa" and fig.layout.template.layout.separators == ",."
    assert fig.layout.height == 300


def test_region_map_one_trace_offline_dutch(df, regio_grenzen):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "laag_opgeleid_pct")
    fig = figures.choropleth(regio_grenzen, values, "laag_opgeleid_pct", "Laag opgeleid", bron=queries.bronvermelding("laag_opgeleid_pct"))
    assert len(fig.data) == 1
    trace = fig.data[0]
    assert trace.type == "choropleth"  # plotly geo: SVG, so names can be written on it (test_maps.py)
    assert sorted(trace.locations) == sorted(values["code"]) and len(trace.locations) == 35
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"  # no base map, fits the areas
    _assert_llo_look(fig)
    assert [c for _, c in trace.colorscale] == list(reversed(plotly.colors.sequential.Viridis))  # colour-blind safe
    assert trace.colorbar.title.text.endswith("<br>(%)")  # what is shown, and its unit
    assert ",.1f}%" in trace.hovertemplate and "%{customdata[0]}" in trace.hovertemplate
    text = fig.to_json()
    assert "mapbox" not in text.lower() and "accesstoken" not in text.lower()
    assert _external_urls(fig) == set(), "the figure must not load anything from the internet"


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
    assert extra[0] == "<br>Marge: 10,0–15,0%<br>Arbeidsmarktregio: Regio A"
    assert fig.data[0].customdata[0][0] == "Aa"


def test_map_areas_outlined_by_the_template(drie):
    geojson, values = drie
    fig = figures.choropleth(geojson, values, "laag_opgeleid_pct")
    assert [trace.marker.line.color for trace in fig.data] == [None, None]  # not set per trace ...
    (vorm,) = fig.layout.template.data.choropleth  # ... but once, for every map trace
    assert (vorm.marker.line.color, vorm.marker.line.width) == (figures.GRENS_KLEUR, 0.5)
    assert fig.data[0].marker.opacity == 0.9


def test_no_missing_trace_when_complete(drie):
    geojson, values = drie
    fig = figures.choropleth(geojson, values.dropna(), "laag_opgeleid_pct")
    assert len(fig.data) == 1


def test_highlight_is_a_line_that_takes_no_clicks(df, regio_grenzen, built_data):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "inwoners")
    chosen = tables.read_boundaries(built_data, "arbeidsmarktregio", codes=["AM12"])
    fig = figures.choropleth(regio_grenzen, values, "inwoners", highlight=[chosen])
    areas, outline = fig.data
    assert outline.type == "scattergeo" and outline.mode == "lines" and outline.hoverinfo == "skip"
    assert outline.line.color == figures.MARKEER_KLEUREN[0] and outline.line.width == figures.MARKEER_BREEDTES[0]
    # the outline runs along AM12's own boundary: every point of it is a vertex of that boundary
    ring_points = {tuple(p) for polygon in _polygons(chosen["features"][0]["geometry"]) for ring in polygon for p in ring}
    drawn = {(lon, lat) for lon, lat in zip(outline.lon, outline.lat) if lon is not None}
    assert drawn and drawn <= ring_points
    assert areas.colorbar.title.text.endswith("(personen)")
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
    assert "width" not in config["toImageButtonOptions"]  # a chart is saved as it is on the screen ...
    kaart = figures.plotly_config("kaart", presentatie=True)["toImageButtonOptions"]  # ... a map at slide size
    assert kaart["width"] >= 1280 and kaart["height"] >= 720 and kaart["scale"] == 2


def test_map_zooms_to_the_areas_of_its_values(regio_grenzen, df):
    values = queries.kaartwaarden(df, "arbeidsmarktregio", "inwoners")
    noord = values[values["code"].isin(["AM01", "AM02"])]
    fig = figures.choropleth(regio_grenzen, pd.concat([noord, noord.head(1).assign(code="XX99")]), "inwoners")
    assert sorted(fig.data[0].locations) == ["AM01", "AM02"]  # an area without a boundary cannot be drawn
    assert [f["id"] for f in fig.data[0].geojson["features"]] == ["AM01", "AM02"]  # only these are fitted
    with pytest.raises(ValueError, match='Geen van deze gebieden heeft een grens op de kaart'):
        figures.choropleth(regio_grenzen, noord.assign(code="XX99"), "inwoners")


def test_source_note_under_the_figure_right_aligned_and_never_cut_off():
    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    fig.update_layout(height=300, margin=dict(b=60))
    figures.bron_onder(fig, ["Bron: " + "woord " * 40, "Tweede <b>regel</b>."])
    (note,) = fig.layout.annotations
    assert (note.x, note.xanchor, note.align, note.yref) == (1, "right", "right", "paper")
    regels = note.text.split("<br>")
    assert len(regels) == 4 and all(len(regel) <= 90 for regel in regels)  # wrapped, nothing dropped
    assert regels[-1] == "Tweede &lt;b&gt;regel&lt;/b&gt;."  # shown as text, not as markup
    # the note gets its own strip below the axis room: the figure grows by it, the plot does not shrink
    assert fig.layout.margin.b > 60 and fig.layout.height - 300 == fig.layout.margin.b - 60
    assert note.yshift <= -60
    assert figures.bron_onder(go.Figure(), None).layout.annotations == ()


@pytest.fixture()
def ranking() -> pd.DataFrame:
    """Three regions ranked, one without a value, with intervals (as `vergelijken.rangorde` makes them)."""
    return pd.DataFrame({
        "rang": pd.array([1, 2, 3, None], dtype="Int64"), "code": ["AM01", "AM03", "AM02", "AM05"],
        "naam": ["Noord", "Oost", "Zuid", "West"], "waarde": [18.0, 16.0, 14.0, np.nan],
        "ondergrens": [17.0, 15.0, 13.0, np.nan], "bovengrens": [19.0, 17.0, 15.0, np.nan],
    })


def test_ranking_chart_marks_nederland_and_compared_areas(ranking):
    fig = figures.rangorde_figuur(ranking, "laaggeletterd_16_65_pct", "Titel", highlight=["AM02"], nederland=15.9,
                                  bron="Bron: test")
    (bar,) = fig.data
    assert list(bar.y) == ["<b>3. Zuid</b>", "2. Oost", "1. Noord"]  # "rank. name"; bold = compared (visible without colour)
    assert list(bar.x) == [14.0, 16.0, 18.0]  # highest on top (plotly draws bottom-up)
    assert bar.marker.color[0] == figures.BALK_MARKEER_KLEUR and bar.marker.color[1] != figures.BALK_MARKEER_KLEUR
    assert [shape.x0 for shape in fig.layout.shapes] == [15.9]  # the Nederland reference line
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Nederland: 15,9%" in texts and "Geen gegevens (1): West" in texts and "Bron: test" in texts
    assert list(bar.error_x.array) == pytest.approx([1.0, 1.0, 1.0])
    assert [row[2] for row in bar.customdata] == ["13,0–15,0%", "15,0–17,0%", "17,0–19,0%"]  # the margin in the hover
    _assert_llo_look(fig)
    assert _external_urls(fig) == set()


def test_ranking_chart_of_a_long_list_shows_extremes_and_compared():
    ranking = pd.DataFrame({
        "rang": pd.array(range(1, 101), dtype="Int64"), "code": [f"GM{i:04d}" for i in range(100)],
        "naam": [f"G{i}" for i in range(100)], "waarde": [float(100 - i) for i in range(100)],
    })
    assert len(figures.grafiek_selectie(ranking.head(figures.MAX_BALKEN), ["GM0050"])) == figures.MAX_BALKEN  # 35 regions: all
    shown = figures.grafiek_selectie(ranking, ["GM0050"])
    assert len(shown) == 2 * figures.UITERSTEN + 1 and "GM0050" in set(shown["code"])
    assert list(shown["rang"]) == sorted(shown["rang"])
    assert len(figures.grafiek_selectie(ranking, ["GM0050"], alles=True)) == 100
    fig = figures.rangorde_figuur(ranking, "laag_opgeleid_pct", highlight=["GM0050"])
    labels = list(fig.data[0].y)[::-1]  # top to bottom
    assert len(labels) == 31 + 2 and any("hoogste en laagste" in a.text for a in fig.layout.annotations)
    assert labels[14:18] == ["15. G14", "⋯ plaats 16 t/m 50", "<b>51. G50</b>", "⋯ plaats 52 t/m 85"]
    assert math.isnan(list(fig.data[0].x)[::-1][15])  # the gap has no bar


def _plain(label: str) -> str:
    return re.sub(r"<[^>]+>", "", label)


def test_ranking_chart_leaves_room_for_the_longest_label():
    """Plotly's automargin alone puts the longest label flush against the left edge, where the browser cuts
    its first glyph ("325. Son en Breugel" at 1024 px): the left margin itself must hold every label."""
    namen = ["Vaals", "Son en Breugel", "Hardinxveld-Giessendam", "Bunnik"]
    ranking = pd.DataFrame({
        "rang": pd.array(range(1, 101), dtype="Int64"), "code": [f"GM{i:04d}" for i in range(100)],
        "naam": [namen[i % 4] for i in range(100)], "waarde": [float(100 - i) for i in range(100)],
    })
    lang = figures.rangorde_figuur(ranking, "laag_opgeleid_pct", highlight=["GM0050"])
    labels = [_plain(label) for label in lang.data[0].y]
    size = lang.layout.yaxis.tickfont.size
    assert "51. Hardinxveld-Giessendam" in labels and any(label.startswith("⋯ plaats") for label in labels)
    # at least 0.55 em per character (Source Sans and the usual fallbacks are wider) plus a few pixels to spare
    assert lang.layout.margin.l >= 0.55 * size * max(map(len, labels)) + 4
    kort = figures.rangorde_figuur(ranking.assign(naam="Ede"), "laag_opgeleid_pct")
    assert kort.layout.margin.l < lang.layout.margin.l  # short names do not waste the plot's width
    assert lang.layout.yaxis.automargin  # and plotly still widens the margin if a font turns out wider


def test_ranking_chart_on_built_data(df):
    ranking = vg.rangorde(df, "arbeidsmarktregio", "laag_opgeleid_pct")
    fig = figures.rangorde_figuur(ranking, "laag_opgeleid_pct", highlight=["AM12"])
    (bar,) = fig.data
    assert len(bar.y) == int(ranking["waarde"].notna().sum())  # a missing value is not drawn as zero
    assert list(bar.x) == sorted(bar.x)
