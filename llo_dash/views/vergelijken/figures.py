"""Vergelijken: the ranking chart of the page (the chart itself is the shared `figures.rangorde_figuur`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash.figures import rangorde_figuur
from llo_dash.views import queries
from llo_dash.views.vergelijken import text


def rangorde_grafiek(df: pd.DataFrame, ranking: pd.DataFrame, indicator: str, niveau: str, codes: Sequence[str],
                     *, alles: bool = False) -> go.Figure:
    """The ranking (`data.rangorde`) of `niveau` on `indicator`, the compared `codes` marked, Nederland as a
    reference line, the indicator's source under the chart."""
    return rangorde_figuur(ranking, indicator, text.rangorde_titel(indicator, niveau), highlight=codes,
                           nederland=queries.waarde(df, queries.NEDERLAND, indicator),
                           bron=queries.bronvermelding(indicator), alles=alles)
