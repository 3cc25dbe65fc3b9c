"""Trends: the line chart of the chosen region, Nederland, the neighbouring regions and the chosen gemeente.
Pure, no Streamlit.

A missing period stays a gap in the line (`connectgaps=False`), with markers so a value between two gaps still
shows. Years are plain numbers on the x axis; months are dates.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash.figures.theme import BALK_KLEUR, NEDERLAND_KLEUR, bron_onder, opmaak
from llo_dash.formatting import d3_format
from llo_dash.views.trends import text
from llo_dash.views.trends.data import Lijn, decimalen, is_procent

BUUR_KLEUR = "#a0a0a0"
STIJL = {  # role → (colour, width, dash)
    "gebied": ("#000000", 3, "solid"),
    "nederland": (NEDERLAND_KLEUR, 2.5, "dash"),
    "buur": (BUUR_KLEUR, 1.2, "solid"),
    "gemeente": (BALK_KLEUR, 2.5, "dot"),
}
HOOGTE = 430


def _x(perioden: Sequence[str]) -> list:
    """Years as numbers, months ("2024-03") as the first day of the month."""
    if perioden and len(perioden[0]) == 7 and perioden[0][5:].isdigit():
        return list(pd.to_datetime([f"{periode}-01" for periode in perioden]))
    return [int(periode[:4]) for periode in perioden]


def _legenda(lijn: Lijn) -> str:
    """"Twente", "Nederland", "Achterhoek (buurregio)", "Enschede (gekozen gemeente)"."""
    return lijn.naam if lijn.rol in ("gebied", "nederland") else f"{lijn.naam} ({text.ROLLEN[lijn.rol]})"


def trendgrafiek(lijnen: Sequence[Lijn], indicator: str, *, titel: str, bron: Sequence[str]) -> go.Figure:
    """One line per area, the chosen region on top; the source (and notes) inside the figure."""
    fig = go.Figure()
    procent = is_procent(indicator)
    formaat = d3_format("getal", decimalen(indicator))
    # Neighbours first, so the chosen region, Nederland and the gemeente are drawn over them.
    for lijn in sorted(lijnen, key=lambda lijn: lijn.rol != "buur"):
        kleur, breedte, streep = STIJL[lijn.rol]
        perioden = list(lijn.serie.index)
        fig.add_trace(go.Scatter(
            x=_x(perioden), y=lijn.serie.to_numpy(dtype="float64"), name=_legenda(lijn),
            mode="lines+markers", connectgaps=False, line=dict(color=kleur, width=breedte, dash=streep),
            marker=dict(size=4 if lijn.rol == "buur" else 6), customdata=[text.periode_tekst(p) for p in perioden],
            hovertemplate=f"{lijn.naam}<br>%{{customdata}}: %{{y:{formaat}}}{'%' if procent else ''}<extra></extra>",
        ))
    opmaak(fig, title=dict(text=titel), height=HOOGTE, showlegend=True, margin=dict(l=60, r=20, t=60, b=60),
           legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
           yaxis=dict(title="%" if procent else None, tickformat=formaat, rangemode="tozero" if not procent else "normal"),
           xaxis=dict(dtick=1 if lijnen and not isinstance(_x(list(lijnen[0].serie.index))[0], pd.Timestamp) else None))
    # The legend sits under the plot: the source note goes under the legend.
    fig.update_layout(margin=dict(b=60 + 22 * ((len(lijnen) + 1) // 2)))
    return bron_onder(fig, list(bron))
