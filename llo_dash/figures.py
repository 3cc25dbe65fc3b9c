"""DataFrames -> plotly figures. Pure builders, no Streamlit.

Maps use `map_style="white-bg"`: MapLibre draws only our own GeoJSON on a white
background, so nothing is fetched from a tile server or CDN and the dashboard works
offline. Numbers are Dutch ("1.234,5") through `layout.separators` plus d3 formats.
Every figure names its source inside the figure (`bron_onder`), so a downloaded PNG does too.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash import indicators, queries
from llo_dash.export import slugify
from llo_dash.formatting import GEEN_GEGEVENS, PLOTLY_SEPARATORS, d3_format
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
FONT = dict(family="Source Sans Pro, sans-serif", size=13)
BRON_KLEUR = "#555555"

# The ranking of a long list (the 342 gemeenten) shows the highest and the lowest this many, plus the
# compared ones. Lists up to MAX_BALKEN areas (the 35 regions) are always shown whole.
UITERSTEN = 15
MAX_BALKEN = 60
RANGORDE_LABEL_GROOTTE = 11  # px, the labels of the ranking's bars


def _eenheid_tekst(indicator: indicators.Indicator) -> str:
    return "%" if indicator.is_percentage else indicator.eenheid


def _value_format(indicator: indicators.Indicator) -> tuple[str, str]:
    """(d3 format, suffix) for hovers and ticks: (",.1f", "%") or (",.0f", "")."""
    return d3_format("getal", indicator.decimalen), "%" if indicator.is_percentage else ""


# The chart toolbar in Dutch. Plotly ships its translations as separate scripts (from a CDN); a locale can also
# be given inline in the config, which needs nothing from outside. Keys are plotly.js's English texts.
PLOTLY_NL = {
    "Download plot as a PNG": "Figuur opslaan als PNG", "Download plot as a png": "Figuur opslaan als PNG",
    "Download plot": "Figuur opslaan", "Zoom": "Zoomen (kader)", "Pan": "Verschuiven", "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen", "Autoscale": "Alles tonen", "Reset axes": "Assen herstellen", "Reset view": "Beeld herstellen",
    "Reset views": "Beelden herstellen", "Box Select": "Selecteren met kader", "Lasso Select": "Selecteren met lasso",
    "Toggle Spike Lines": "Hulplijnen aan/uit", "Show closest data on hover": "Dichtstbijzijnde waarde tonen",
    "Compare data on hover": "Waarden vergelijken", "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
    "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks te tonen",
    "Taking snapshot - this may take a few seconds": "Figuur wordt opgeslagen; dit kan enkele seconden duren",
    "Snapshot succeeded": "Figuur opgeslagen",
    "Sorry, there was a problem downloading your snapshot!": "Het opslaan van de figuur is mislukt.",
}


def plotly_config(bestandsnaam: str) -> dict:
    """`st.plotly_chart(config=...)`: PNG download named after the figure, no plotly logo or links, Dutch toolbar."""
    return {
        "locale": "nl",
        "locales": {"nl": {"dictionary": PLOTLY_NL, "format": {}}},
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": slugify(bestandsnaam) or "llo-figuur", "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
        "scrollZoom": True,
    }


def bron_onder(fig: go.Figure, bron: str | Sequence[str] | None, *, grootte: int = 10, breedte: int = 90) -> go.Figure:
    """The source (and other notes, one per item) under the figure, so a downloaded PNG still says where it
    comes from.

    Right-aligned under the plot area and wrapped at `breedte` characters (plotly does not wrap
    annotations itself; 90 characters of 10 px text are about 500 px, which fits a figure next to the
    sidebar on a 1024 px screen, running into the room of the axis labels when the plot is narrower), in
    a strip added below the bottom margin: it never covers the axes (as long as the margin set before
    holds the tick labels and axis title) and is never cut off. Call it after
    the layout's height and margin are set; it makes both larger by the height of the note.
    """
    teksten = [bron] if isinstance(bron, str) else list(bron or [])
    # Plain text: "<" and ">" would be read as plotly markup (a file name or a source title is never markup).
    regels = [regel.replace("<", "&lt;").replace(">", "&gt;")
              for tekst in teksten if tekst for regel in textwrap.wrap(tekst, breedte)]
    if not regels:
        return fig
    onder = fig.layout.margin.b if fig.layout.margin.b is not None else 80  # plotly's default margin
    hoogte = (grootte + 4) * len(regels) + 8
    fig.add_annotation(text="<br>".join(regels), showarrow=False, xref="paper", yref="paper", x=1, y=0,
                       xanchor="right", yanchor="top", yshift=-onder - 4, align="right",
                       font=dict(size=grootte, color=BRON_KLEUR))
    fig.update_layout(margin=dict(b=onder + hoogte), height=(fig.layout.height or 450) + hoogte)
    return fig


def _hover_lines(values: pd.DataFrame, indicator: indicators.Indicator) -> list[str]:
    """The extra hover lines per area (already Dutch text): interval and region."""
    lines = [""] * len(values)
    if "ondergrens" in values and "bovengrens" in values:
        lines = [
            line + "<br>Marge: " + queries.marge_tekst(indicator.kolom, low, high)
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

    The map shows and zooms to the areas of `values` that have a boundary in `geojson` (the others
    cannot be drawn; ValueError when none has one). One trace carries every area with a value, on a continuous Viridis scale whose
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
    geojson = _subset(geojson, values["code"])
    if not geojson["features"]:
        raise ValueError("Geen van deze gebieden heeft een grens op de kaart.")
    values = values[values["code"].isin({feature.get("id") for feature in geojson["features"]})].reset_index(drop=True)
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
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom, layers=layers),
        title=dict(text=title, x=0, xanchor="left") if title else None,
        separators=PLOTLY_SEPARATORS,
        margin=dict(l=0, r=0, t=40 if title else 0, b=0),
        height=height,
        font=FONT,
        showlegend=False,
        # Keep the user's zoom and pan when only the highlight or the data change.
        uirevision="kaart",
    )
    return bron_onder(fig, bron)


# --- ranking -------------------------------------------------------------------


def grafiek_selectie(ranking: pd.DataFrame, codes: Sequence[str], alles: bool = False, uitersten: int = UITERSTEN) -> pd.DataFrame:
    """The rows of the ranking chart: all areas with a value, or (for long lists) the highest and lowest
    `uitersten` plus the compared areas, in ranking order."""
    known = ranking[ranking["waarde"].notna()]
    if alles or len(known) <= max(MAX_BALKEN, 2 * uitersten + len(codes)):
        return known
    keep = known.index[:uitersten].union(known.index[-uitersten:]).union(known.index[known["code"].isin(list(codes))])
    return known.loc[sorted(keep)]


def _met_gaten(ranking: pd.DataFrame, selectie: pd.DataFrame) -> pd.DataFrame:
    """`selectie` (rows of `ranking`, same index) with an empty row where places are skipped,
    labelled "⋯ plaats 16 t/m 327" in column `_gat` (empty for real rows)."""
    rows, vorige = [], None
    for positie, row in selectie.iterrows():
        if vorige is not None and positie - vorige > 1:
            van, tot = ranking.at[vorige + 1, "rang"], ranking.at[positie - 1, "rang"]
            rows.append({"naam": "", "code": "", "rang": pd.NA, "waarde": float("nan"),
                         "_gat": f"⋯ plaats {int(van)} t/m {int(tot)}" if van != tot else f"⋯ plaats {int(van)}"})
        rows.append({**row.to_dict(), "_gat": ""})
        vorige = positie
    return pd.DataFrame.from_records(rows, columns=[*selectie.columns, "_gat"])


def zonder_opmaak(label: str) -> str:
    """The text of a plotly label as the reader sees it: "<b>Koks</b><br>…" without its tags."""
    return re.sub(r"<[^>]+>", "", label)


def label_breedte(labels: Sequence[str], grootte: int) -> int:
    """Pixels the widest of `labels` (plotly text, "<b>…</b>" for bold) needs at font size `grootte`, estimated on
    the generous side: 0.62 em a character, 0.7 em in bold (Source Sans is narrower, a fallback sans-serif such as
    DejaVu Sans about this wide), plus 12 px so the first glyph never touches the edge of the figure."""
    breedtes = [len(zonder_opmaak(label)) * grootte * (0.7 if "<b>" in label else 0.62) for label in labels]
    return int(max(breedtes, default=0)) + 12


def rangorde_figuur(
    ranking: pd.DataFrame,
    indicator: str,
    title: str | None = None,
    *,
    highlight: Sequence[str] = (),
    nederland: float | None = None,
    bron: str | None = None,
    alles: bool = False,
) -> go.Figure:
    """Horizontal bars of a ranking (rang, code, naam, waarde; see `vergelijken.rangorde`), highest on top,
    labelled "rank. naam".

    The compared areas (`highlight`) are yellow with a black outline and a bold label
    (visible without colour too); Nederland is a dashed vermilion reference line with its value;
    estimates carry their interval as error bars. A long list (the 342 gemeenten) shows the
    highest and lowest 15 plus the compared areas unless `alles`; the note under the chart says
    so, and names how many areas have no value (left out, never drawn as zero).
    """
    meta = indicators.get(indicator)
    fmt, suffix = _value_format(meta)
    label = meta.label + (" (schatting)" if meta.schatting else "")
    selectie = grafiek_selectie(ranking, highlight, alles=alles)
    shown = _met_gaten(ranking, selectie).iloc[::-1]  # plotly draws the first bar at the bottom
    marked = shown["code"].isin(list(highlight)).tolist()
    ylabels = [
        gat if gat else (f"<b>{int(rang)}. {naam}</b>" if m else f"{int(rang)}. {naam}")
        for rang, naam, m, gat in zip(shown["rang"], shown["naam"], marked, shown["_gat"])
    ]
    customdata = [[naam, "" if pd.isna(rang) else int(rang)] for naam, rang in zip(shown["naam"], shown["rang"])]
    hover = f"<b>%{{customdata[0]}}</b> (plaats %{{customdata[1]}})<br>{label}: %{{x:{fmt}}}{suffix}"
    error_x = None
    if "ondergrens" in shown and "bovengrens" in shown and shown["ondergrens"].notna().any():
        error_x = dict(type="data", symmetric=False, array=(shown["bovengrens"] - shown["waarde"]).tolist(),
                       arrayminus=(shown["waarde"] - shown["ondergrens"]).tolist(), color="#444444", thickness=1, width=3)
        customdata = [row + [queries.marge_tekst(indicator, low, high)]
                      for row, low, high in zip(customdata, shown["ondergrens"], shown["bovengrens"])]
        hover += "<br>Marge: %{customdata[2]}"
    fig = go.Figure(
        go.Bar(
            x=shown["waarde"],
            y=ylabels,
            orientation="h",
            marker=dict(color=[BALK_MARKEER_KLEUR if m else BALK_KLEUR for m in marked],
                        line=dict(color=["#000000" if m else BALK_KLEUR for m in marked], width=1.5)),
            error_x=error_x,
            customdata=customdata,
            hovertemplate=hover + "<extra></extra>",
            name=label,
        )
    )
    if nederland is not None and not pd.isna(nederland):
        fig.add_vline(x=float(nederland), line=dict(color=NEDERLAND_KLEUR, dash="dash", width=2))
        fig.add_annotation(x=float(nederland), y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Nederland: {queries.waarde_tekst(indicator, nederland)}", font=dict(color=NEDERLAND_KLEUR))

    notes = []
    known = int(ranking["waarde"].notna().sum())
    if len(selectie) < known:
        notes.append(f"Getoond: de hoogste en laagste {UITERSTEN} van {known} en de vergeleken gebieden; het getal is de plaats.")
    missing = ranking.loc[ranking["waarde"].isna(), "naam"].tolist()
    if missing:
        notes.append(f"{GEEN_GEGEVENS.capitalize()} ({len(missing)}): " + ", ".join(missing[:6]) + (" …" if len(missing) > 6 else ""))
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left") if title else None,
        separators=PLOTLY_SEPARATORS,
        xaxis=dict(title=dict(text=_eenheid_tekst(meta)), tickformat=d3_format("getal", 0),
                   ticksuffix=suffix, rangemode="tozero"),
        # The left margin holds the longest label itself: plotly's automargin alone sets it flush against the
        # edge, where the browser cuts off its first glyph. Automargin stays as the safety net.
        yaxis=dict(automargin=True, tickfont=dict(size=RANGORDE_LABEL_GROOTTE)),
        height=max(320, 20 * len(shown) + 150),
        margin=dict(l=label_breedte(ylabels, RANGORDE_LABEL_GROOTTE), r=10, t=60 if title else 30, b=60),
        font=FONT,
        showlegend=False,
        bargap=0.25,
    )
    return bron_onder(fig, [*notes, bron])


