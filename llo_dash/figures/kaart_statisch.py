"""Static maps with place names, for print, slides and PNG/SVG export (geopandas + matplotlib, no server).

The interactive maps of the pages are plotly/MapLibre maps: MapLibre needs a glyph server to draw text,
so they name no place. For paper and the projector a static drawing is better anyway: every gemeente
named, a legend with title and unit, sharp at any size, and nothing fetched from outside. Labels go on a
point inside each area, largest areas first; a label that would overlap one already placed is tried a
little above and below, and left out when it still overlaps (its area keeps its colour and the table
next to the map names it).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from llo_dash import indicators
from llo_dash.figures.theme import BRON_KLEUR, GEEN_GEGEVENS_KLEUR
from llo_dash.formatting import GEEN_GEGEVENS, getal

RD_NEW = "EPSG:28992"  # the Dutch national grid: true shapes and metres, unlike longitude/latitude
KLEURSCHAAL = "viridis_r"  # as the plotly maps (theme.KLEURSCHAAL): darker is more
PRESENTATIE = (16, 9)  # inches; at 120 dpi a 1920×1080 PNG
DPI = 120
_VERSCHUIVINGEN = (0.0, 1.0, -1.0, 2.0, -2.0)  # label heights tried, in label heights


@dataclass
class StatischeKaart:
    """A drawn map and the place names on it (`labels`), plus those left out for lack of room."""

    figuur: Figure
    labels: list[str] = field(default_factory=list)
    weggelaten: list[str] = field(default_factory=list)

    def png(self, dpi: int = DPI) -> bytes:
        buffer = io.BytesIO()
        self.figuur.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def svg(self) -> str:
        """SVG with the names as `<text>` (searchable, selectable, sharp in print)."""
        buffer = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            self.figuur.savefig(buffer, format="svg")
        return buffer.getvalue()


def _frame(grenzen: dict, waarden: pd.DataFrame, kolom: str) -> gpd.GeoDataFrame:
    """The areas of the FeatureCollection `grenzen` with name and value (`waarden`: code, naam, `kolom`)."""
    geo = gpd.GeoDataFrame.from_features(grenzen["features"], crs="EPSG:4326")
    geo["code"] = [feature["id"] for feature in grenzen["features"]]
    geo = geo.merge(waarden[["code", "naam", kolom]], on="code", how="left")
    geo["waarde"] = pd.to_numeric(geo[kolom], errors="coerce").astype("float64")
    return geo.to_crs(RD_NEW)


def _overlapt(box, geplaatst) -> bool:
    return any(box.overlaps(ander) for ander in geplaatst)


def _plaats_labels(ax, geo: gpd.GeoDataFrame, grootte: float) -> tuple[list[str], list[str]]:
    """Names at a point inside each area, largest area first, without overlap (see the module docstring)."""
    renderer = ax.figure.canvas.get_renderer()
    geplaatst, labels, weggelaten = [], [], []
    for _, area in geo.assign(_opp=geo.area).sort_values("_opp", ascending=False).iterrows():
        if not isinstance(area["naam"], str):
            continue
        punt = area.geometry.representative_point()
        donker = not np.isnan(area["waarde"]) and area["_kleurwaarde"] > 0.55  # dark fill: white text
        tekst = ax.annotate(area["naam"], (punt.x, punt.y), ha="center", va="center", fontsize=grootte,
                            color="white" if donker else "black", fontweight="bold",
                            xytext=(0, 0), textcoords="offset points")
        hoogte = grootte * 1.3
        for stap in _VERSCHUIVINGEN:
            tekst.set_position((0, stap * hoogte))
            box = tekst.get_window_extent(renderer).expanded(1.05, 1.1)
            if not _overlapt(box, geplaatst):
                geplaatst.append(box)
                labels.append(area["naam"])
                break
        else:
            tekst.remove()
            weggelaten.append(area["naam"])
    return labels, weggelaten


def kaart(grenzen: dict, waarden: pd.DataFrame, kolom: str, *, titel: str, bron: str,
          omtrek: dict | None = None, formaat: tuple[float, float] = PRESENTATIE, labelgrootte: float = 11) -> StatischeKaart:
    """A choropleth of indicator `kolom` with every area named where there is room.

    `grenzen`: FeatureCollection of the areas (feature id = code; `tables.read_boundaries`); `waarden`: a frame
    with `code`, `naam` and `kolom`; `omtrek`: an optional FeatureCollection drawn as a thick outline (the region).
    The legend is a colour bar titled with the indicator and its unit, plus a grey patch "geen gegevens".
    """
    meta = indicators.get(kolom)
    eenheid = "%" if meta.is_percentage else meta.eenheid
    geo = _frame(grenzen, waarden, kolom)
    bekend = geo["waarde"].dropna()
    lo, hi = (bekend.min(), bekend.max()) if len(bekend) else (0.0, 1.0)
    geo["_kleurwaarde"] = (geo["waarde"] - lo) / ((hi - lo) or 1.0)

    fig = Figure(figsize=formaat, layout="constrained")
    FigureCanvasAgg(fig)  # no pyplot: no global state, safe in Streamlit's threads
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    cmap = matplotlib.colormaps[KLEURSCHAAL]
    norm = matplotlib.colors.Normalize(vmin=lo, vmax=hi)
    if geo["waarde"].isna().any():
        geo[geo["waarde"].isna()].plot(ax=ax, color=GEEN_GEGEVENS_KLEUR, edgecolor="white", linewidth=0.8)
    if geo["waarde"].notna().any():
        geo[geo["waarde"].notna()].plot(ax=ax, column="waarde", cmap=cmap, norm=norm, edgecolor="white", linewidth=0.8)
    if omtrek is not None and omtrek.get("features"):
        rand = gpd.GeoDataFrame.from_features(omtrek["features"], crs="EPSG:4326").to_crs(RD_NEW)
        rand.boundary.plot(ax=ax, color="black", linewidth=1.6)

    schaal = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
    balk = fig.colorbar(schaal, ax=ax, shrink=0.7, pad=0.01)
    balk.set_label(f"{meta.label} ({eenheid})", fontsize=13)
    balk.ax.tick_params(labelsize=12)
    balk.ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _: getal(v, 1 if meta.is_percentage else 0)))
    if geo["waarde"].isna().any():
        ax.legend(handles=[Patch(facecolor=GEEN_GEGEVENS_KLEUR, label=GEEN_GEGEVENS)], loc="lower left", fontsize=12,
                  frameon=False)
    ax.set_anchor("C")
    fig.suptitle(titel, x=0.01, ha="left", fontsize=18, fontweight="bold")
    fig.text(0.99, 0.01, bron, ha="right", va="bottom", fontsize=10, color=BRON_KLEUR, wrap=True)
    fig.canvas.draw()  # fixes the layout, so the label boxes are measured where they will be
    labels, weggelaten = _plaats_labels(ax, geo, labelgrootte)
    return StatischeKaart(fig, labels, weggelaten)
