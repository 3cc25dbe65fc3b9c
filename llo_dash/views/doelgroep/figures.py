"""Doelgroep: the figures of the estimate by origin and work, and of its composition next to Nederland."""

from __future__ import annotations

import plotly.graph_objects as go

from llo_dash import figures
from llo_dash.columns import Tabel
from llo_dash.indicators import ARBEID_GROEPEN, GROEP_KORT
from llo_dash.views.queries import aandeel

# Categorical colours (Okabe-Ito): readable with every common colour-vision deficiency.
ARBEID_KLEUREN = ("#0072B2", "#E69F00", "#009E73")
SAMENSTELLING_KLEUREN = (figures.BALK_KLEUR, "#E69F00")  # the area, Nederland
_LEGENDA = dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal")


def nt_arbeid_figuur(tabel: Tabel, titel: str, bron: str | None = None) -> go.Figure:
    """Stacked horizontal bars: NT1 and NT2 (`data.nt_arbeid_tabel`), each split into werkend / werkzoekend /
    niet-werkend (counts)."""
    frame = tabel.frame
    groepen = frame[frame["groep_id"] != "totaal"].iloc[::-1]  # NT1 on top
    fig = go.Figure()
    for arbeid, kleur in zip(ARBEID_GROEPEN, ARBEID_KLEUREN):
        kop = GROEP_KORT[arbeid]
        fig.add_trace(go.Bar(
            y=groepen["groep"], x=groepen[arbeid], name=kop, orientation="h", marker=dict(color=kleur),
            customdata=[aandeel(value, total) for value, total in zip(groepen[arbeid], groepen["totaal"])],
            texttemplate="%{x:,.0f}", textposition="inside", insidetextanchor="middle",
            hovertemplate=f"<b>%{{y}}</b><br>{kop}: %{{x:,.0f}} (%{{customdata:,.0f}}%)<extra></extra>",
        ))
    figures.opmaak(
        fig, barmode="stack", title=dict(text=titel), showlegend=True, legend=_LEGENDA,
        xaxis=dict(title=dict(text="personen (schatting)"), tickformat=",.0f", rangemode="tozero"),
        yaxis=dict(automargin=True), height=300, margin=dict(l=0, r=10, t=80, b=60),
        uniformtext=dict(minsize=10, mode="hide"),  # no unreadable labels in thin segments (the hover has them)
    )
    return figures.bron_onder(fig, bron)


def samenstelling_figuur(tabel: Tabel, gebiedsnaam: str, titel: str, bron: str | None = None) -> go.Figure:
    """Grouped horizontal bars: the share of each group among the low-literates (`data.samenstelling_tabel`),
    the area next to Nederland."""
    frame = tabel.frame
    labels = [f"{kenmerk}: {groep}" for kenmerk, groep in zip(frame["kenmerk"], frame["groep"])][::-1]
    reeksen = [(gebiedsnaam, "aandeel")] + ([("Nederland", "aandeel_nederland")] if "aandeel_nederland" in frame else [])
    fig = go.Figure([
        go.Bar(y=labels, x=frame[kolom].iloc[::-1], name=naam, orientation="h", marker=dict(color=kleur),
               texttemplate="%{x:,.0f}%", textposition="outside", cliponaxis=False,
               hovertemplate=f"<b>%{{y}}</b><br>{naam}: %{{x:,.1f}}%<extra></extra>")
        for (naam, kolom), kleur in zip(reeksen, SAMENSTELLING_KLEUREN)
    ])
    figures.opmaak(
        fig, barmode="group", title=dict(text=titel), showlegend=True, legend=_LEGENDA,
        xaxis=dict(title=dict(text="% van de laaggeletterden 16–65 jaar (schatting)"), ticksuffix="%", rangemode="tozero"),
        yaxis=dict(automargin=True), height=520, margin=dict(l=0, r=40, t=80, b=60),
    )
    return figures.bron_onder(fig, bron)
