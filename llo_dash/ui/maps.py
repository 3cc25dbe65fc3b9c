"""Maps on a page: a choropleth of one indicator with the chosen areas outlined, a click on an area
chooses it (into the URL), the count of grey areas and the source note under it.

Each map figure is built once per build, level, indicator, selection and outline
(`st.cache_resource`), and shared read-only by every session.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from llo_dash import figures
from llo_dash.views import queries
from llo_dash.ui.blocks import source_note
from llo_dash.ui.data import data_versie, grenzen, load_data, markering
from llo_dash.ui.state import Keuze, kies

def _kaart_geklikt(key: str) -> None:
    """A click on an area: choose that region (or gemeente and its region). An empty click changes nothing."""
    state = st.session_state.get(key) or {}
    points = (state.get("selection") or {}).get("points") or []
    if not points:
        return
    code = points[0].get("location")
    df = load_data()
    if regio := queries.normalise_regio(code, df):
        kies(regio, None)
    elif gemeente := queries.normalise_gemeente(code, df):
        kies(queries.regio_van(df, gemeente), gemeente)


def kaart(fig, *, key: str, bestandsnaam: str) -> None:
    """Show a map; a click on an area chooses it (and puts it in the URL)."""
    st.plotly_chart(
        fig, key=key, on_select=partial(_kaart_geklikt, key), selection_mode="points",
        config=figures.plotly_config(bestandsnaam),
    )


@st.cache_resource(show_spinner="Kaart tekenen …", max_entries=32)
def _kaart(niveau: str, indicator: str, regio: str | None, gemeente: str | None, titel: str,
           omlijnd: tuple[str | None, str | None], versie: int) -> tuple[go.Figure | None, pd.DataFrame]:
    # cache_resource: the figure (with its geometry) is shared read-only, never copied per rerun;
    # st.plotly_chart serialises it without changing it.
    waarden = queries.kaartwaarden(load_data(), niveau, indicator, regio=regio, gemeente=gemeente)
    try:
        fig = figures.choropleth(grenzen(niveau), waarden, indicator, titel, highlight=markering(*omlijnd),
                                 bron=queries.bronvermelding(indicator))
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
    try:
        fig = figures.choropleth(grenzen(niveau), waarden, meta.kolom, titel, highlight=markering(keuze.regio, keuze.gemeente),
                                 bron=bron, meta=meta, tick_decimalen=1)
    except ValueError:  # none of these areas has a boundary
        st.info("Voor deze gebieden zijn geen kaartgrenzen beschikbaar; de cijfers staan in de tabel.")
        return
    kaart(fig, key=key, bestandsnaam=bestandsnaam)
    st.caption(queries.grenzen_bron(niveau))
