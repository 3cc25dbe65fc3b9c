"""DataFrames -> plotly figures. Pure builders, no Streamlit.

Maps use `map_style="white-bg"`: MapLibre draws only our own GeoJSON on a white
background, so nothing is fetched from a tile server or CDN and the dashboard works
offline. Numbers are Dutch ("1.234,5") through `layout.separators` plus d3 formats.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash import indicators
from llo_dash.export import slugify
from llo_dash.formatting import GEEN_GEGEVENS, PLOTLY_SEPARATORS, d3_format, getal, interval, procent
from llo_dash.geo import center_zoom

# Viridis is readable with every common colour-vision deficiency and still ordered
# in greyscale; reversed so that darker means "more". It contains no grey, so the
# grey of "geen gegevens" cannot be mistaken for a value.
KLEURSCHAAL = "Viridis_r"
GEEN_GEGEVENS_KLEUR = "#d0d0d0"
GRENS_KLEUR = "#ffffff"
# Okabe-Ito black and vermillion: outlines of the chosen region and gemeente.
MARKEER_KLEUREN = ("#000000", "#d55e00")
MARKEER_BREEDTES = (3.0, 2.5)
NEDERLAND_KLEUR = "#d55e00"
BALK_KLEUR = "#3b528b"  # a Viridis blue
BALK_MARKEER_KLEUR = "#fde725"  # Viridis yellow, with a dark outline

KAART_HOOGTE = 620
_FONT = dict(family="Source Sans Pro, sans-serif", size=13)


def _eenheid_tekst(indicator: indicators.Indicator) -> str:
    return "%" if indicator.is_percentage else indicator.eenheid


def _value_format(indicator: indicators.Indicator) -> tuple[str, str]:
    """(d3 format, suffix) for hovers and ticks: (",.1f", "%") or (",.0f", "")."""
    return d3_format("getal", indicator.decimalen), "%" if indicator.is_percentage else ""


def plotly_config(bestandsnaam: str) -> dict:
    """`st.plotly_chart(config=...)`: PNG download named after the figure, no plotly logo or links."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": slugify(bestandsnaam) or "llo-figuur", "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
        "scrollZoom": True,
    }


def _bron_annotatie(bron: str | None) -> list[dict]:
    """The source as a note under the plot area, so a downloaded PNG still says where it comes from."""
    if not bron:
        return []
    bron = "<br>".join(textwrap.wrap(bron, 120))  # plotly does not wrap annotations itself
    return [dict(text=bron, showarrow=False, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                 yshift=-4, align="left", font=dict(size=10, color="#555555"))]


def _marge_onder(notes: list[dict]) -> int:
    # Room for the source note below the plot: about 13 px per line of 10 px text.
    lines = sum(note["text"].count("<br>") + 1 for note in notes)
    return 13 * lines + 10 if lines else 0


def _hover_lines(values: pd.DataFrame, indicator: indicators.Indicator) -> list[str]:
    """The extra hover lines per area (already Dutch text): interval and region."""
    lines = [""] * len(values)
    if "ondergrens" in values and "bovengrens" in values:
        lines = [
            line + "<br>Marge: " + interval(low, high, indicator.decimalen, indicator.is_percentage)
            for line, low, high in zip(lines, values["ondergrens"], values["bovengrens"])
        ]
    if "arbeidsmarktregio_naam" in values:
        lines = [line + f"<br>Arbeidsmarktregio: {regio}" for line, regio in zip(lines, values["arbeidsmarktregio_naam"])]
    return lines


def _subset(geojson: dict, codes) -> dict:
    # Each trace gets only its own areas, so no geometry is sent twice.
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f.get("id") in wanted]}


def choropleth(
    geojson: dict,
    values: pd.DataFrame,
    indicator: str,
    title: str | None = None,
    *,
    highlight: Sequence[dict] = (),
    bron: str | None = None,
    height: int = KAART_HOOGTE,
) -> go.Figure:
    """A map of `values` (from `queries.kaartwaarden`: code, naam, waarde) on `geojson` (feature id = code).

    One trace carries every area with a value, on a continuous Viridis scale whose
    colour bar shows the unit. Areas without a value cannot be in that trace (plotly
    leaves NaN areas out altogether: no fill, no hover), so they get a second, grey
    trace with "geen gegevens" in the hover, added only when such areas exist.
    `highlight`: FeatureCollections outlined on top (the chosen region, then the chosen
    gemeente), drawn as map layers rather than traces so clicks and hovers still reach
    the areas underneath.
    """
    meta = indicators.get(indicator)
    fmt, suffix = _value_format(meta)
    label = meta.label + (" (schatting)" if meta.schatting else "")
    values = values.reset_index(drop=True)
    extra = _hover_lines(values, meta)
    has_value = values["waarde"].notna().to_numpy()

    known = values[has_value]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=_subset(geojson, known["code"]),
            locations=known["code"],
            z=known["waarde"],
            customdata=list(zip(known["naam"], [extra[i] for i, ok in enumerate(has_value) if ok])),
            hovertemplate=f"<b>%{{customdata[0]}}</b><br>{label}: %{{z:{fmt}}}{suffix}%{{customdata[1]}}<extra></extra>",
            colorscale=KLEURSCHAAL,
            marker=dict(line=dict(color=GRENS_KLEUR, width=0.5), opacity=0.9),
            # A click selects an area (the page reads it); the others must not fade.
            selected=dict(marker=dict(opacity=0.9)),
            unselected=dict(marker=dict(opacity=0.9)),
            colorbar=dict(title=dict(text=_eenheid_tekst(meta)), tickformat=d3_format("getal", 0),
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
                marker=dict(line=dict(color=GRENS_KLEUR, width=0.5)),
                selected=dict(marker=dict(opacity=1)),
                unselected=dict(marker=dict(opacity=1)),
                name=GEEN_GEGEVENS,
            )
        )

    center, zoom = center_zoom(geojson, height_px=height)
    layers = [
        dict(source=collection, sourcetype="geojson", type="line", color=MARKEER_KLEUREN[min(i, 1)],
             line=dict(width=MARKEER_BREEDTES[min(i, 1)]))
        for i, collection in enumerate(highlight)
        if collection and collection.get("features")
    ]
    notes = _bron_annotatie(bron)
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom, layers=layers),
        title=dict(text=title, x=0, xanchor="left") if title else None,
        separators=PLOTLY_SEPARATORS,
        margin=dict(l=0, r=0, t=40 if title else 0, b=_marge_onder(notes)),
        height=height + _marge_onder(notes),
        font=_FONT,
        annotations=notes,
        showlegend=False,
        # Keep the user's zoom and pan when only the highlight or the data change.
        uirevision="kaart",
    )
    return fig


def bar_ranking(
    values: pd.DataFrame,
    indicator: str,
    title: str | None = None,
    *,
    highlight: Sequence[str] = (),
    nederland: float | None = None,
    bron: str | None = None,
    max_rows: int | None = None,
) -> go.Figure:
    """Horizontal bars of `values` (code, naam, waarde), highest on top; `highlight` codes stand out.

    `nederland` draws the national value as a dashed reference line. Areas without a
    value are left out and named in a note below the bars (never drawn as zero).
    """
    meta = indicators.get(indicator)
    fmt, suffix = _value_format(meta)
    label = meta.label + (" (schatting)" if meta.schatting else "")
    known = values[values["waarde"].notna()].sort_values("waarde", ascending=False)
    if max_rows is not None:
        known = known.head(max_rows)
    known = known.iloc[::-1]  # plotly draws the first bar at the bottom
    marked = known["code"].isin(list(highlight))
    fig = go.Figure(
        go.Bar(
            x=known["waarde"],
            y=known["naam"],
            orientation="h",
            marker=dict(color=[BALK_MARKEER_KLEUR if m else BALK_KLEUR for m in marked],
                        line=dict(color=["#000000" if m else BALK_KLEUR for m in marked], width=1.5)),
            hovertemplate=f"<b>%{{y}}</b><br>{label}: %{{x:{fmt}}}{suffix}<extra></extra>",
            name=label,
        )
    )
    if nederland is not None and not pd.isna(nederland):
        fig.add_vline(x=float(nederland), line=dict(color=NEDERLAND_KLEUR, dash="dash", width=2))
        fig.add_annotation(x=float(nederland), y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Nederland: {_dutch_value(nederland, meta)}", font=dict(color=NEDERLAND_KLEUR))
    missing = values.loc[values["waarde"].isna(), "naam"].tolist()
    notes = _bron_annotatie(bron)
    if missing:
        notes.append(dict(text=f"{GEEN_GEGEVENS}: " + ", ".join(missing[:8]) + (" …" if len(missing) > 8 else ""),
                          showarrow=False, xref="paper", yref="paper", x=1, y=0, xanchor="right", yanchor="top",
                          yshift=-30, font=dict(size=10, color="#555555")))
    for note in notes:
        if note["x"] == 0:
            note["yshift"] = -30  # below the axis title
        fig.add_annotation(note)
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left") if title else None,
        separators=PLOTLY_SEPARATORS,
        xaxis=dict(title=dict(text=_eenheid_tekst(meta)), tickformat=d3_format("getal", 0), ticksuffix=suffix,
                   rangemode="tozero"),
        yaxis=dict(automargin=True),
        height=max(300, 22 * len(known) + 120),
        margin=dict(l=0, r=10, t=50 if title else 20, b=40 + _marge_onder(notes)),
        font=_FONT,
        showlegend=False,
    )
    return fig


def _dutch_value(value: float, meta: indicators.Indicator) -> str:
    return procent(value, meta.decimalen) if meta.is_percentage else getal(value, meta.decimalen)
