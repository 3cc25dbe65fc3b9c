"""Static maps with place names, for print, slides and PNG/SVG export (geopandas + matplotlib, no server).

The interactive maps of the pages (plotly geo, `figures.maps`) name the larger places where they fit; for paper
and the projector a static drawing is better: every gemeente named, a legend with title and unit, sharp at any
size, and nothing fetched from outside. Labels go on a point inside each area, largest areas first; a label that
would overlap one already placed is tried a little above and below, and left out when it still overlaps (its area
keeps its colour and the table next to the map names it).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import matplotlib
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from shapely.ops import polylabel

from llo_dash import indicators
from llo_dash.figures.theme import BRON_KLEUR, GEEN_GEGEVENS_KLEUR
from llo_dash.formatting import GEEN_GEGEVENS, getal

RD_NEW = "EPSG:28992"  # the Dutch national grid: true shapes and metres, unlike longitude/latitude
KLEURSCHAAL = "viridis_r"  # as the plotly maps (theme.KLEURSCHAAL): darker is more
PRESENTATIE = (16, 9)  # inches: the 16:9 slide
# The page shows the PNG at column width (wide layout: about 1,200–1,500 px): 96 dpi gives 1536 × 864 px, a third
# fewer bytes than 120 dpi at the same look; print and slides use the SVG.
SCHERM_DPI = 96
_VERSCHUIVINGEN = (0.0, 1.0, -1.0, 2.0, -2.0)  # label heights tried, in label heights
SLUITING = 60.0  # metres: gaps between generalised neighbours narrower than twice this are closed in the outline
NADRUK_KLEUR = "#d62728"  # the chosen gemeente's outline: red stands out on every viridis colour


@dataclass(frozen=True)
class StatischeKaart:
    """A drawn map as PNG (for the screen) and SVG (for the HTML and PDF), and the place names on it (`labels`),
    plus those left out for lack of room.

    Only the encoded bytes are kept: the matplotlib figure (tens of MB of artists) is dropped once both are
    written, so a cached profile holds a few hundred kB per map, and two sessions showing the same cached map
    never draw on one shared figure."""

    png_bytes: bytes
    svg_tekst: str
    labels: tuple[str, ...] = ()
    weggelaten: tuple[str, ...] = ()

    def png(self) -> bytes:
        return self.png_bytes

    def svg(self) -> str:
        """SVG with the names as `<text>` (searchable, selectable, sharp in print)."""
        return self.svg_tekst


def _vastleggen(figuur: Figure, labels: Sequence[str], weggelaten: Sequence[str]) -> StatischeKaart:
    """The figure written as PNG (`SCHERM_DPI`) and SVG; the caller drops the figure."""
    png = io.BytesIO()
    figuur.savefig(png, format="png", dpi=SCHERM_DPI)
    svg = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figuur.savefig(svg, format="svg")
    return StatischeKaart(png.getvalue(), svg.getvalue(), tuple(labels), tuple(weggelaten))


def _frame(grenzen: dict, waarden: pd.DataFrame, kolom: str) -> gpd.GeoDataFrame:
    """The areas of the FeatureCollection `grenzen` with name and value (`waarden`: code, naam, `kolom`)."""
    geo = gpd.GeoDataFrame.from_features(grenzen["features"], crs="EPSG:4326")
    geo["code"] = [feature["id"] for feature in grenzen["features"]]
    geo = geo.merge(waarden[["code", "naam", kolom]], on="code", how="left")
    geo["waarde"] = pd.to_numeric(geo[kolom], errors="coerce").astype("float64")
    return geo.to_crs(RD_NEW)


def _omtrek(geo: gpd.GeoDataFrame, naad: float = SLUITING):
    """The outline of all areas together, without the slits and pinholes left where generalised neighbours do not
    quite touch (closed by growing and shrinking `naad` metres): those would be drawn as stray black lines."""
    samen = geo.geometry.buffer(naad).union_all().buffer(-naad)
    delen = getattr(samen, "geoms", [samen])
    return shapely.MultiPolygon([shapely.Polygon(deel.exterior, [ring for ring in deel.interiors
                                                                 if shapely.Polygon(ring).area > naad * naad * 100])
                                 for deel in delen if deel.geom_type == "Polygon"])


def _overlapt(box, geplaatst) -> bool:
    return any(box.overlaps(ander) for ander in geplaatst)


def _labelpunt(vorm):
    """The point of the (largest part of the) area farthest from its edge: a name there stays inside a narrow or
    hooked gemeente, where the representative point can lie against the border."""
    if vorm.geom_type == "MultiPolygon":
        vorm = max(vorm.geoms, key=lambda deel: deel.area)
    return polylabel(vorm, tolerance=max(vorm.length / 2000, 1.0))


def _plaats_labels(ax, geo: gpd.GeoDataFrame, grootte: float) -> tuple[list[str], list[str]]:
    """Names at a point inside each area, largest area first, without overlap (see the module docstring)."""
    renderer = ax.figure.canvas.get_renderer()
    geplaatst, labels, weggelaten = [], [], []
    for _, area in geo.assign(_opp=geo.area).sort_values("_opp", ascending=False).iterrows():
        if not isinstance(area["naam"], str):
            continue
        punt = _labelpunt(area.geometry)
        # Black on a light box: readable on every fill, also where a long name runs over a neighbour or the sea
        # (a box, not a halo: matplotlib writes a halo'd name as paths, and the SVG should keep names as text).
        tekst = ax.annotate(area["naam"], (punt.x, punt.y), ha="center", va="center", fontsize=grootte,
                            color="black", fontweight="bold", xytext=(0, 0), textcoords="offset points",
                            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "alpha": 0.72, "edgecolor": "none"})
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


# Sizes in points on the 16 × 9 inch figure. On a 1920 × 1080 screen the figure fills the slide (1 pt = 1,67 px):
# names of 14 pt show at 23 px, as large as 17 pt type; on A4 (landscape page in print) they are about 9 pt.
LABELGROOTTE = 14.0
TITELGROOTTE = 22
MIN_TITELGROOTTE = 16
LEGENDA_TITEL = 18
LEGENDA_GETALLEN = 16
BRONGROOTTE = 12
KAARTVAK = (0.01, 0.075, 0.80, 0.85)  # left, bottom, width, height of the map (figure fractions): 85% of the height


def kaart(grenzen: dict, waarden: pd.DataFrame, kolom: str, *, titel: str, bron: str,
          nadruk: Sequence[str] = (), formaat: tuple[float, float] = PRESENTATIE,
          labelgrootte: float = LABELGROOTTE) -> StatischeKaart:
    """A choropleth of indicator `kolom` with every area named where there is room.

    `grenzen`: FeatureCollection of the areas (feature id = code; `tables.read_boundaries`); `waarden`: a frame
    with `code`, `naam` and `kolom`; `nadruk`: codes of areas outlined in red (the chosen gemeente). The outline of
    all areas together (the region, or the gemeente of a wijk map) is drawn thick: dissolved from the same areas, so
    it lies exactly on their borders.
    The legend is a colour bar titled with the indicator and its unit, plus a grey patch "geen gegevens". The map
    fills 85% of the height; the colour bar sits against its right edge (an inset of the map's axes, so it follows
    the map when the equal aspect narrows it).
    """
    meta = indicators.get(kolom)
    eenheid = "%" if meta.is_percentage else meta.eenheid
    geo = _frame(grenzen, waarden, kolom)
    bekend = geo["waarde"].dropna()
    lo, hi = (bekend.min(), bekend.max()) if len(bekend) else (0.0, 1.0)

    fig = Figure(figsize=formaat)
    FigureCanvasAgg(fig)  # no pyplot: no global state, safe in Streamlit's threads
    ax = fig.add_axes(KAARTVAK)
    ax.set_axis_off()
    ax.set_aspect("equal")
    cmap = matplotlib.colormaps[KLEURSCHAAL]
    norm = matplotlib.colors.Normalize(vmin=lo, vmax=hi)
    if geo["waarde"].isna().any():
        geo[geo["waarde"].isna()].plot(ax=ax, color=GEEN_GEGEVENS_KLEUR, edgecolor="white", linewidth=1.0)
    if geo["waarde"].notna().any():
        geo[geo["waarde"].notna()].plot(ax=ax, column="waarde", cmap=cmap, norm=norm, edgecolor="white", linewidth=1.0)
    gpd.GeoSeries([_omtrek(geo)], crs=geo.crs).boundary.plot(ax=ax, color="black", linewidth=2.0)
    if nadruk:
        geo[geo["code"].isin(nadruk)].boundary.plot(ax=ax, color=NADRUK_KLEUR, linewidth=4.0)

    schaal = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
    balk = fig.colorbar(schaal, cax=ax.inset_axes((1.03, 0.12, 0.035, 0.76)))
    balk.set_label(f"{meta.label} ({eenheid})", fontsize=LEGENDA_TITEL)
    balk.ax.tick_params(labelsize=LEGENDA_GETALLEN)
    balk.ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _: getal(v, 1 if meta.is_percentage else 0)))
    if geo["waarde"].isna().any():
        ax.legend(handles=[Patch(facecolor=GEEN_GEGEVENS_KLEUR, label=GEEN_GEGEVENS)], loc="lower left",
                  fontsize=LEGENDA_GETALLEN, frameon=False)
    kop = fig.suptitle(titel, x=0.01, y=0.985, ha="left", va="top", fontsize=TITELGROOTTE, fontweight="bold")
    fig.text(0.99, 0.01, bron, ha="right", va="bottom", fontsize=BRONGROOTTE, color=BRON_KLEUR, wrap=True)
    # Fixes the layout, so the label boxes are measured where they will be; without painting pixels (11 ms, where
    # `canvas.draw()` took ~100 ms: issue 14), the same layout.
    fig.draw_without_rendering()
    breedte = kop.get_window_extent().width / (0.98 * fig.bbox.width)
    if breedte > 1:  # a long title (a long region name, a chosen gemeente): smaller, never cut off
        kop.set_fontsize(max(TITELGROOTTE / breedte, MIN_TITELGROOTTE))
        kop.set_wrap(breedte * MIN_TITELGROOTTE > TITELGROOTTE)
        fig.draw_without_rendering()
    labels, weggelaten = _plaats_labels(ax, geo, labelgrootte)
    return _vastleggen(fig, labels, weggelaten)  # `fig` goes out of scope here: no pyplot registry keeps it
