"""Maps on a page: a choropleth of one indicator with its places named and the chosen areas outlined, a click
on an area chooses it (into the URL), the count of grey areas and the source note under it. The map of one
region's gemeenten uses the detailed gemeente layer when the build wrote it.

Each map figure is built once per build, level, indicator, selection and outline
(`st.cache_resource`), and shared read-only by every session.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from llo_dash import figures, tables
from llo_dash.config import load_settings
from llo_dash.views import queries
from llo_dash.ui.blocks import source_note
from llo_dash.ui.data import data_versie, grenzen, load_data, markering
from llo_dash.ui.state import Keuze, kies

DETAIL = "gemeente_detail"  # the gemeenten as the union of their wijken (build.geometry): for one region's map


def _kaart_geklikt(key: str) -> None:
    """A click on an area: choose that region (or gemeente and its region). An empty click changes nothing."""
    state = st.session_state.get(key) or {}
    points = (state.get("selection") or {}).get("points") or []
    if not points:
        return
    # the first area clicked (outlines and names take no clicks, but a point without a location is skipped anyway)
    code = next((point["location"] for point in points if point.get("location")), None)
    if code is None:
        return
    df = load_data()
    if regio := queries.normalise_regio(code, df):
        kies(regio, None)
    elif gemeente := queries.normalise_gemeente(code, df):
        kies(queries.regio_van(df, gemeente), gemeente)


# Where plotly.js fetches its base map file (`figures.BASISKAART`): the app's own `static/` folder, which
# Streamlit serves under app/static/ (`enableStaticServing` in .streamlit/config.toml). Relative to the page,
# so it also works when the dashboard runs under a sub-path (`server.baseUrlPath`).
BASISKAART_URL = "app/static/"


def kaart(fig, *, key: str, bestandsnaam: str) -> None:
    """Show a map; a click on an area chooses it (and puts it in the URL). The PNG button saves it at
    presentation size."""
    st.plotly_chart(
        fig, key=key, on_select=partial(_kaart_geklikt, key), selection_mode="points",
        config={**figures.plotly_config(bestandsnaam, presentatie=True), "topojsonURL": BASISKAART_URL},
    )


def _detailkaart(niveau: str, waarden: pd.DataFrame) -> bool:
    """The map shows one region's gemeenten and the build wrote the detailed gemeente layer (an older build
    has only the national one): small gemeenten such as Zandvoort then keep their shape."""
    return (niveau == "gemeente" and len(waarden) <= figures.maps.ALLE_GEMEENTEN_VAN_REGIO
            and tables.boundaries_path(load_settings().data_dir, DETAIL).exists())


def _grenzen_en_markering(niveau: str, waarden: pd.DataFrame, omlijnd: tuple[str | None, str | None]
                          ) -> tuple[dict, list[dict], list[str]]:
    """The boundaries to draw `waarden` on, the outlines of the chosen region and gemeente in the same detail
    (the region as its detailed gemeenten together, so its outline runs along their borders), and the source of
    those boundaries when it is not the level's own (a note inside the figure, so a saved PNG says it too)."""
    if not _detailkaart(niveau, waarden):
        return grenzen(niveau), markering(*omlijnd), []
    regio, gemeente = omlijnd
    detail = grenzen(DETAIL)
    df = load_data()
    lagen = []
    if regio:
        leden = df.loc[(df["niveau"] == "gemeente") & (df["arbeidsmarktregio_code"] == regio), "code"]
        lagen.append(figures.maps.samengevoegd(detail, leden, regio))
    if gemeente:
        lagen.append({"type": "FeatureCollection", "features": [f for f in detail["features"] if f.get("id") == gemeente]})
    return detail, lagen, ["Kaart: gemeenten samengesteld uit hun wijken; " + queries.grenzen_bron("wijk").removeprefix("Kaart: ")]


@st.cache_resource(show_spinner="Kaart tekenen …", max_entries=32)
def _kaart(niveau: str, indicator: str, regio: str | None, gemeente: str | None, titel: str,
           omlijnd: tuple[str | None, str | None], versie: int) -> tuple[go.Figure | None, pd.DataFrame]:
    # cache_resource: the figure (with its geometry) is shared read-only, never copied per rerun;
    # st.plotly_chart serialises it without changing it.
    waarden = queries.kaartwaarden(load_data(), niveau, indicator, regio=regio, gemeente=gemeente)
    geojson, highlight, kaartbron = _grenzen_en_markering(niveau, waarden, omlijnd)
    try:
        fig = figures.choropleth(geojson, waarden, indicator, titel, highlight=highlight,
                                 bron=[queries.bronvermelding(indicator), *kaartbron],
                                 labels=figures.kaartlabels(load_data(), waarden["code"]))
    except ValueError:  # none of these areas has a boundary
        fig = None
    return fig, waarden


def kaart_blok(keuze: Keuze, niveau: str, indicator: str, *, titel: str, key: str, bestandsnaam: str,
               regio: str | None = None, gemeente: str | None = None, grijs_uitleg: str = "") -> pd.DataFrame:
    """A map of `indicator` for the areas of `niveau` in the selection (`queries.selectie`), with the
    chosen region and gemeente outlined, the number of grey areas, and the source note (data and map).

    Returns the map's values (`queries.kaartwaarden`), for the table alternative.
    """
    fig, waarden = _kaart(niveau, indicator, regio, gemeente, titel, (keuze.regio, keuze.gemeente), data_versie())
    if fig is None:
        st.info("Voor deze gebieden zijn geen kaartgrenzen beschikbaar; de cijfers staan in de tabel.")
    else:
        kaart(fig, key=key, bestandsnaam=bestandsnaam)
    ontbrekend = int(waarden["waarde"].isna().sum())
    if ontbrekend:
        st.caption(f"Grijs: geen gegevens voor {ontbrekend} van de {len(waarden)} {queries.NIVEAU_MEERVOUD[niveau]}."
                   + (f" {grijs_uitleg}" if grijs_uitleg else ""))
    source_note([indicator], kaart=niveau)
    return waarden.copy()


def kaart_waarden(keuze: Keuze, waarden: pd.DataFrame, meta, *, niveau: str, titel: str, key: str,
                  bestandsnaam: str, bron: str) -> None:
    """A map of values that are not in the built table (an upload: `waarden` has code, naam, waarde; `meta` is an
    `indicators.Indicator` for its label and unit), with the chosen areas outlined and `bron` under it.

    Not cached: the values belong to one session."""
    geojson, highlight, kaartbron = _grenzen_en_markering(niveau, waarden, (keuze.regio, keuze.gemeente))
    try:
        fig = figures.choropleth(geojson, waarden, meta.kolom, titel, highlight=highlight,
                                 bron=[bron, *kaartbron], meta=meta, tick_decimalen=1,
                                 labels=figures.kaartlabels(load_data(), waarden["code"]))
    except ValueError:  # none of these areas has a boundary
        st.info("Voor deze gebieden zijn geen kaartgrenzen beschikbaar; de cijfers staan in de tabel.")
        return
    kaart(fig, key=key, bestandsnaam=bestandsnaam)
    st.caption(queries.grenzen_bron(niveau))
