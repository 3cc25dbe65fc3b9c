"""The ranking chart: horizontal bars of every area (or, for a long list, the highest and lowest and the
compared ones), the compared areas marked, Nederland as a reference line, labels that fit."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash import indicators
from llo_dash.figures.theme import (
    BALK_KLEUR,
    BALK_MARKEER_KLEUR,
    NEDERLAND_KLEUR,
    bron_onder,
    eenheid_tekst,
    opmaak,
    waarde_formaat,
)
from llo_dash.formatting import GEEN_GEGEVENS, d3_format

# The ranking of a long list (the 342 gemeenten) shows the highest and the lowest this many, plus the
# compared ones. Lists up to MAX_BALKEN areas (the 35 regions) are always shown whole.
UITERSTEN = 15
MAX_BALKEN = 60
RANGORDE_LABEL_GROOTTE = 11  # px, the labels of the ranking's bars


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
    fmt, suffix = waarde_formaat(meta)
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
        customdata = [row + [indicators.marge_tekst(indicator, low, high)]
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
                           text=f"Nederland: {indicators.waarde_tekst(indicator, nederland)}", font=dict(color=NEDERLAND_KLEUR))

    notes = []
    known = int(ranking["waarde"].notna().sum())
    if len(selectie) < known:
        notes.append(f"Getoond: de hoogste en laagste {UITERSTEN} van {known} en de vergeleken gebieden; het getal is de plaats.")
    missing = ranking.loc[ranking["waarde"].isna(), "naam"].tolist()
    if missing:
        notes.append(f"{GEEN_GEGEVENS.capitalize()} ({len(missing)}): " + ", ".join(missing[:6]) + (" …" if len(missing) > 6 else ""))
    opmaak(
        fig,
        title_text=title,
        xaxis=dict(title=dict(text=eenheid_tekst(meta)), tickformat=d3_format("getal", 0),
                   ticksuffix=suffix, rangemode="tozero"),
        # The left margin holds the longest label itself: plotly's automargin alone sets it flush against the
        # edge, where the browser cuts off its first glyph. Automargin stays as the safety net.
        yaxis=dict(automargin=True, tickfont=dict(size=RANGORDE_LABEL_GROOTTE)),
        height=max(320, 20 * len(shown) + 150),
        margin=dict(l=label_breedte(ylabels, RANGORDE_LABEL_GROOTTE), r=10, t=60 if title else 30, b=60),
        bargap=0.25,
    )
    return bron_onder(fig, [*notes, bron])
