"""The plotly figures of Sectoren & beroepen: occupations (bars), the "kansrijke beroepen" matrix, the sector
structure (bars) and the location quotients per gemeente (heatmap).

Text is sized for a projector (bigger than elsewhere in the dashboard, on purpose): labels 16 px, titles
20 px, the source note inside the figure 13 px. Everything else comes from the shared template
(`llo_dash.figures.opmaak`: font family, Dutch separators).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from llo_dash import indicators
from llo_dash.figures import BALK_KLEUR, bron_onder, opmaak, zonder_opmaak
from llo_dash.formatting import GEEN_GEGEVENS, getal, procent
from llo_dash.views.sectoren.beroepen import REGIONAAL
from llo_dash.views.sectoren.sectorstructuur import lq_tabel

# Chart text sized for a projector: the smallest text is 13 px (the source note), labels 16 px.
TEKST_SIZE = 16
LABEL_SIZE = 16
TITEL_SIZE = 20
BRON_SIZE = 13
WERKZAAM_KLEUR = "#b9c4dd"  # a light tint of the Viridis blue used for bars elsewhere
LAAGGELETTERD_KLEUR = BALK_KLEUR
BUBBEL_KLEUR = "#21918c"  # Viridis teal: readable on every band colour
BAND_KLEUREN = {  # light, ordered greys-to-blues: readable in greyscale, colour-blind safe
    "zeer ruim": "#f4f4f4",
    "ruim": "#e9ecf2",
    "gemiddeld": "#dde3ee",
    "krap": "#cdd6e8",
    "zeer krap": "#bac7e1",
}
SECTOR_KORT = {  # short labels for the heatmap columns
    "vestigingen_a_landbouw": "Landbouw",
    "vestigingen_bf_nijverheid_energie": "Nijverheid, energie",
    "vestigingen_gi_handel_horeca": "Handel, horeca",
    "vestigingen_hj_vervoer_informatie": "Vervoer, ICT",
    "vestigingen_kl_financieel_onroerend_goed": "Financieel, vastgoed",
    "vestigingen_mn_zakelijke_dienstverlening": "Zakelijke diensten",
    "vestigingen_oq_overheid_onderwijs_zorg": "Overheid, onderwijs, zorg",
    "vestigingen_ru_cultuur_recreatie_overig": "Cultuur, overig",
}


def _layout(fig: go.Figure, titel: str, bron: str | Sequence[str] | None, *, height: int, legenda_boven: bool = False,
            onder: int = 70) -> go.Figure:
    """The shared template (`opmaak`) with this page's projector-size text, the title, and the source under the
    figure (`bron_onder`, in projector size) so a downloaded PNG names it. `onder`: room below the plot for
    tick labels and axis title; `legenda_boven`: room above it for a legend or note."""
    titelregels = textwrap.wrap(titel, 60) or [titel]
    boven = 40 + 26 * len(titelregels) + (36 if legenda_boven else 0)
    opmaak(
        fig,
        font_size=TEKST_SIZE,
        title=dict(text="<br>".join(titelregels), xref="container", y=1, yanchor="top", yref="container",
                   pad=dict(t=12 + 24 * (len(titelregels) - 1), l=8), font=dict(size=TITEL_SIZE)),
        showlegend=len(fig.data) > 1,  # the template hides legends; here as plotly does by default
        height=height + 26 * (len(titelregels) - 1),
        margin=dict(l=10, r=10, t=boven, b=onder),
        plot_bgcolor="white",
        # Room for tick labels and axis titles, whatever the renderer's defaults (Streamlit's plotly.js differs).
        xaxis_automargin=True,
        yaxis_automargin=True,
    )
    return bron_onder(fig, bron, grootte=BRON_SIZE, breedte=75)  # 13 px text: about 520 px, as elsewhere at 10 px


def _afbreken(text: str, breedte: int = 22) -> str:
    return "<br>".join(textwrap.wrap(text, breedte, break_long_words=False)) or text


def _spanning_label(row) -> str:
    if pd.isna(row["spanningsindicator"]):
        return "spanning onbekend"
    waar = "regio" if row["spanning_herkomst"] == REGIONAAL else "landelijk"
    return f"spanning {getal(row['spanningsindicator'], 2)} {row['spanning_typering']} ({waar} {row['spanning_periode']})"


def figuur_beroepen(overzicht: pd.DataFrame, *, regio_naam: str | None = None, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Horizontal bars: workers per occupation (Nederland, or the region's rough estimate) with the
    estimated low-literate part on top; the tension is written under each occupation's name.

    The tension goes with the name, not after the bar: there it needed half the width and was cut
    off on a laptop screen next to the sidebar."""
    regionaal = regio_naam is not None
    werkzaam = overzicht["werkzaam_regio" if regionaal else "werkzaam_nl"]
    laag = overzicht["laaggeletterd_regio" if regionaal else "laaggeletterd_nl"]
    data = overzicht.assign(_w=werkzaam, _l=laag).sort_values("_w").reset_index(drop=True)
    namen = [f"{row['beroep']}<br><span style='font-size:13px;color:#444444'>{_spanning_label(row)}</span>"
             for _, row in data.iterrows()]
    waar = f"in {regio_naam} (grove schatting)" if regionaal else "in Nederland (2023)"
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=namen, x=data["_w"], orientation="h", name=f"Werkzaam {waar}", marker_color=WERKZAAM_KLEUR,
        text=[getal(w) for w in data["_w"]], textposition="outside", textfont=dict(size=14), cliponaxis=False,
        customdata=data["beroep"], hovertemplate="<b>%{customdata}</b><br>Werkzaam: %{x:,.0f}<extra></extra>",
    ))
    fig.add_trace(go.Bar(
        y=namen, x=data["_l"], orientation="h", name="waarvan laaggeletterd (schatting, waar % gepubliceerd)",
        marker_color=LAAGGELETTERD_KLEUR, customdata=data["beroep"],
        hovertemplate="<b>%{customdata}</b><br>Laaggeletterd (schatting): %{x:,.0f}<extra></extra>",
    ))
    maximum = float(data["_w"].max()) if data["_w"].notna().any() else 1.0
    fig.update_layout(
        barmode="overlay", bargap=0.25,
        xaxis=dict(title=dict(text="Werkzame personen"), tickformat=",.0f", range=[0, maximum * 1.3],
                   gridcolor="#e5e5e5"),
        yaxis=dict(automargin=True, tickfont=dict(size=LABEL_SIZE)),
        legend=dict(orientation="h", x=0, xref="paper", y=1.0, yanchor="bottom", font=dict(size=14)),
    )
    titel = f"Beroepen uit de handreiking: werkenden {waar} en spanning"
    return _layout(fig, titel, bron, height=max(380, 56 * len(data) + 190), legenda_boven=True)


# The lowest tension the log axis shows; a lower one (0 is valid: "zeer ruim") is drawn here and labelled.
SPANNING_VLOER = 0.01


def _log_bereik(waarden: pd.Series) -> tuple[float, float]:
    known = waarden.dropna().clip(lower=SPANNING_VLOER)
    low = min(0.1, float(known.min()) / 1.6) if not known.empty else 0.1
    high = max(10.0, float(known.max()) * 1.6) if not known.empty else 10.0
    return math.log10(max(low, SPANNING_VLOER / 1.6)), math.log10(high)


def _spanning_tekst(value: float) -> str:
    """A tension as on the chart's labels: "2,35", "0,004", "0"."""
    tekst = getal(value, 3)
    return tekst.rstrip("0").rstrip(",") if "," in tekst else tekst


# Where a label may go, relative to its bubble (pixels right, pixels down), in order of preference.
LABEL_PLEKKEN = ((0, -50), (0, 50), (-120, -30), (120, -30), (-120, 30), (120, 30), (0, -100), (0, 100),
                 (-150, -80), (150, -80), (-150, 80), (150, 80))


def label_plekken(xs: Sequence[float], ys: Sequence[float], labels: Sequence[str], *, breedte_px: float = 480,
                  hoogte_px: float = 420, letter_px: float = 9.5, regel_px: float = 20) -> list[tuple[int, int]]:
    """Offsets (ax, ay) for the labels of points at (xs, ys) in plot fractions (0–1, y upwards), so that
    no two label boxes overlap and no label covers another point, as far as the places allow.

    Plotly does not move labels apart itself. The plot is assumed narrow (`breedte_px`, a laptop screen
    next to the sidebar): labels apart there are apart on a projector too. Labels are placed in order;
    one that finds no free place takes the first place.
    """
    punten = [(x * breedte_px, (1 - y) * hoogte_px) for x, y in zip(xs, ys)]
    gezet: list[tuple[float, float, float, float]] = []
    plekken = []
    for (px, py), label in zip(punten, labels):
        regels = label.split("<br>")
        b = letter_px * max(len(zonder_opmaak(regel)) for regel in regels) + 8
        h = regel_px * len(regels) + 6
        gekozen = LABEL_PLEKKEN[0]
        for ax, ay in LABEL_PLEKKEN:
            cx, cy = px + ax, py + ay  # plotly centres the label box on the arrow's tail
            box = (cx - b / 2, cy - h / 2, cx + b / 2, cy + h / 2)
            botst = any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in gezet)
            bedekt = any(box[0] - 6 < qx < box[2] + 6 and box[1] - 6 < qy < box[3] + 6 for qx, qy in punten)
            if not botst and not bedekt:
                gekozen = (ax, ay)
                break
        cx, cy = px + gekozen[0], py + gekozen[1]
        gezet.append((cx - b / 2, cy - h / 2, cx + b / 2, cy + h / 2))
        plekken.append(gekozen)
    return plekken


def _pct_bereik(xs: pd.Series) -> tuple[float, float]:
    """The x range of a matrix panel: the published percentages with 10 points room, within 0–100."""
    if xs.empty:
        return 0.0, 50.0
    return max(0.0, float(xs.min()) - 10), min(100.0, float(xs.max()) + 10)


def _label_notes(xs, ys, labels: Sequence[str], plekken: Sequence[tuple[int, int]]) -> list[dict]:
    """The label of each bubble, at the place `label_plekken` found for it."""
    return [dict(x=x, y=y, text=label, showarrow=True, arrowhead=0, arrowwidth=1, ax=ax, ay=ay,
                 font=dict(size=LABEL_SIZE, color="#111111"), bgcolor="rgba(255,255,255,0.85)", borderpad=2)
            for x, y, label, (ax, ay) in zip(xs, ys, labels, plekken)]


def figuur_matrix(overzicht: pd.DataFrame, typering_tabel: pd.DataFrame, *, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """The "kansrijke beroepen" matrix: x = % low-literate (as published), y = spanningsindicator on a log
    scale with the five UWV bands shaded and named, bubble area = national employment.

    Occupations without a published % or tension cannot be placed; the page lists them under the chart.
    """
    punten = overzicht[overzicht["pct_matrix"].notna() & overzicht["spanningsindicator"].notna()].reset_index(drop=True)
    y0, y1 = _log_bereik(overzicht["spanningsindicator"])
    fig = go.Figure()
    # Shapes and notes are collected and set once: fig.add_hrect/add_annotation per item is slow.
    # On a log axis a shape takes data values, an annotation takes log10 values.
    shapes, notes = [], []
    for _, band in typering_tabel.iterrows():
        onder = max(float(band["ondergrens"]), 10**y0) if not pd.isna(band["ondergrens"]) else 10**y0
        boven = min(float(band["bovengrens"]), 10**y1) if not pd.isna(band["bovengrens"]) else 10**y1
        if boven <= onder:
            continue
        shapes.append(dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=onder, y1=boven, line=dict(width=0),
                           fillcolor=BAND_KLEUREN.get(band["typering"], "#f4f4f4"), layer="below"))
        notes.append(dict(
            x=1, xref="paper", xanchor="right", y=(math.log10(onder) + math.log10(boven)) / 2, yref="y",
            text=f"<b>{band['typering']}</b>", showarrow=False, font=dict(size=15, color="#333333"),
        ))
    maximum = float(punten["werkzaam_nl"].max()) if not punten.empty else 1.0
    size_max = 70
    getekend = punten["spanningsindicator"].clip(lower=SPANNING_VLOER)
    fig.add_trace(go.Scatter(
        x=punten["pct_matrix"], y=getekend, mode="markers",
        marker=dict(size=punten["werkzaam_nl"], sizemode="area", sizeref=2.0 * maximum / size_max**2, sizemin=8,
                    color=BUBBEL_KLEUR, opacity=0.85, line=dict(color="#000000", width=1.5)),
        customdata=list(zip(punten["beroep"], punten["werkzaam_nl"], punten["pct_matrix_maat"].fillna(""),
                            punten["spanning_typering"].fillna(""), punten["spanning_periode"].fillna(""),
                            ["regio" if h == REGIONAAL else "landelijk" for h in punten["spanning_herkomst"]],
                            [_spanning_tekst(v) for v in punten["spanningsindicator"]])),
        hovertemplate=("<b>%{customdata[0]}</b><br>%{x:,.0f}% %{customdata[2]}<br>Spanning: %{customdata[6]} (%{customdata[3]}, "
                       "%{customdata[5]} %{customdata[4]})<br>Werkzaam in Nederland: %{customdata[1]:,.0f}<extra></extra>"),
        showlegend=False,
    ))
    gemengd = (punten["spanning_herkomst"] == REGIONAAL).any() and (punten["spanning_herkomst"] != REGIONAAL).any()
    labels = []
    for _, row in punten.iterrows():
        label = f"<b>{_afbreken(row['beroep'])}</b>"
        if gemengd and row["spanning_herkomst"] != REGIONAAL:  # a national value in a regional chart says so
            label += f"<br><i>spanning landelijk {row['spanning_periode']}</i>"
        if row["spanningsindicator"] < SPANNING_VLOER:
            label += f"<br><i>spanning {_spanning_tekst(row['spanningsindicator'])} (onder de as)</i>"
        labels.append(label)
    xs = punten["pct_matrix"]
    x_low, x_high = _pct_bereik(xs)
    log_y = [math.log10(y) for y in getekend]
    plekken = label_plekken([(x - x_low) / (x_high - x_low) for x in xs], [(y - y0) / (y1 - y0) for y in log_y], labels)
    notes += _label_notes(xs, log_y, labels, plekken)
    fig.update_layout(
        xaxis=dict(title=dict(text="Werkenden laaggeletterd (gepubliceerd %)"), range=[x_low, x_high], ticksuffix="%",
                   gridcolor="#d9d9d9", zeroline=False),
        yaxis=dict(title=dict(text="UWV-spanningsindicator (log-schaal)"), type="log", range=[y0, y1],
                   tickvals=[v for v in (0.1, 0.25, 0.67, 1, 1.5, 4, 10, 25, 50, 100) if y0 <= math.log10(v) <= y1],
                   tickformat=",.2~f", gridcolor="#d9d9d9"),
    )
    if punten.empty:
        notes.append(dict(x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=18),
                          text="Geen beroep met zowel een gepubliceerd percentage als een spanningsindicator"))
    notes.append(dict(x=0, y=1.0, xref="paper", yref="paper", yanchor="bottom", showarrow=False, align="left",
                      font=dict(size=14, color="#555555"), text="Bolgrootte: werkzame personen in Nederland (2023)"))
    fig.update_layout(shapes=shapes, annotations=notes)
    return _layout(fig, titel, bron, height=620, legenda_boven=True)



def figuur_matrix_sector(punten: pd.DataFrame, *, titel: str, label: str,
                         bron: str | Sequence[str] | None = None) -> go.Figure:
    """The matrix's second panel: listed occupations without a tension, x = % low-literate (as published), y = the
    vacancy rate of their main SBI section (`matrix_sector.punten`), a dashed line at Nederland over all sectors.
    Its own linear axis: a vacancy rate is no tension, so it never shares the UWV bands."""
    punten = punten[punten["pct_matrix"].notna() & punten["vacaturegraad"].notna()].reset_index(drop=True)
    alle = float(punten["alle_sectoren"].iloc[0]) if not punten.empty else float("nan")
    maximum = float(punten["werkzaam_nl"].max()) if not punten.empty else 1.0
    fig = go.Figure(go.Scatter(
        x=punten["pct_matrix"], y=punten["vacaturegraad"], mode="markers",
        marker=dict(size=punten["werkzaam_nl"], sizemode="area", sizeref=2.0 * maximum / 70**2, sizemin=8,
                    color="#fde725", opacity=0.9, line=dict(color="#000000", width=1.5)),
        customdata=list(zip(punten["beroep"], punten["sector"], punten["werkzaam_nl"])),
        hovertemplate=("<b>%{customdata[0]}</b><br>%{x:,.0f}% (gepubliceerd)<br>Sector %{customdata[1]}: "
                       "%{y:,.0f} vacatures per 1.000 banen<br>Werkzaam in Nederland: %{customdata[2]:,.0f}<extra></extra>"),
        showlegend=False,
    ))
    labels = [f"<b>{_afbreken(r['beroep'])}</b><br><i>sector {r['sbi_code']}</i>" for _, r in punten.iterrows()]
    x_low, x_high = _pct_bereik(punten["pct_matrix"])
    y_high = max([alle * 1.4 if not math.isnan(alle) else 10.0, *(punten["vacaturegraad"] * 1.25)])
    plekken = label_plekken([(x - x_low) / (x_high - x_low) for x in punten["pct_matrix"]],
                            [y / y_high for y in punten["vacaturegraad"]], labels)
    notes = _label_notes(punten["pct_matrix"], punten["vacaturegraad"], labels, plekken)
    notes.append(dict(x=0, y=1.0, xref="paper", yref="paper", yanchor="bottom", showarrow=False, align="left",
                      font=dict(size=14, color="#555555"), text=f"{label[0].upper()}{label[1:]}; bolgrootte: werkzame "
                      "personen in Nederland (2023)"))
    shapes = []
    if not math.isnan(alle):
        shapes.append(dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=alle, y1=alle,
                           line=dict(color="#222222", width=2, dash="dash")))
        notes.append(dict(x=1, xref="paper", xanchor="right", y=alle, yref="y", yanchor="bottom", showarrow=False,
                          text=f"Nederland, alle sectoren: {getal(alle, 0)}", font=dict(size=15, color="#222222")))
    fig.update_layout(
        xaxis=dict(title=dict(text="Werkenden laaggeletterd (gepubliceerd %)"), range=[x_low, x_high], ticksuffix="%",
                   gridcolor="#d9d9d9", zeroline=False),
        yaxis=dict(title=dict(text="Vacatures per 1.000 banen in de sector"), range=[0, y_high], gridcolor="#d9d9d9"),
        shapes=shapes, annotations=notes,
    )
    return _layout(fig, titel, bron, height=520, legenda_boven=True)


def figuur_lq(gemeenten: pd.DataFrame, *, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Heatmap gemeente × sector of the location quotient; colour on a log scale centred on 1 (= as in Nederland)."""
    wide = lq_tabel(gemeenten).frame.set_index("gemeente")[list(indicators.SECTOREN)]
    kort = [SECTOR_KORT[k] for k in indicators.SECTOREN]
    z = wide.to_numpy(dtype=float)
    log_z = [[math.log2(v) if v and not math.isnan(v) and v > 0 else float("nan") for v in row] for row in z]
    text = [[GEEN_GEGEVENS if math.isnan(v) else getal(v, 2) for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        z=log_z, x=kort, y=list(wide.index), text=text, texttemplate="%{text}", textfont=dict(size=15),
        colorscale="RdBu", zmid=0, zmin=-1.5, zmax=1.5,
        colorbar=dict(title=dict(text="Locatie-<br>quotiënt"), tickvals=[-1.5, -1, 0, 1, 1.5],
                      ticktext=["0,35", "0,5", "1", "2", "2,8"], thickness=14),
        hovertemplate="<b>%{y}</b><br>%{x}<br>Locatiequotiënt: %{text}<extra></extra>", xgap=2, ygap=2,
    ))
    fig.update_layout(
        xaxis=dict(side="bottom", tickangle=-30, tickfont=dict(size=14)),
        yaxis=dict(autorange="reversed", automargin=True, tickfont=dict(size=15)),
    )
    # Room under the heatmap for the slanted sector names.
    return _layout(fig, titel, bron, height=max(320, 40 * len(wide) + 220), onder=130)


def figuur_sectoren(tabel: pd.DataFrame, *, gebied_naam: str, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Grouped bars: share of each sector group in all vestigingen, area vs Nederland (when the area is complete)."""
    fig = go.Figure()
    if gebied_naam != "Nederland":
        fig.add_trace(go.Bar(
            y=tabel["sector"], x=tabel["aandeel_pct"], orientation="h", name=gebied_naam, marker_color=LAAGGELETTERD_KLEUR,
            text=[f"{procent(a, 1)} · LQ {getal(lq, 2)}" for a, lq in zip(tabel["aandeel_pct"], tabel["locatiequotient"])],
            textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x:,.1f}%<extra></extra>",
        ))
    fig.add_trace(go.Bar(
        y=tabel["sector"], x=tabel["aandeel_nl_pct"], orientation="h", name="Nederland",
        marker_color=WERKZAAM_KLEUR if gebied_naam != "Nederland" else LAAGGELETTERD_KLEUR,
        text=[procent(a, 1) for a in tabel["aandeel_nl_pct"]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:,.1f}%<extra></extra>",
    ))
    fig.update_layout(barmode="group", yaxis=dict(autorange="reversed", automargin=True),
                      xaxis=dict(title=dict(text="Aandeel in alle bedrijfsvestigingen (%)"), ticksuffix="%",
                                 range=[0, float(tabel[["aandeel_pct", "aandeel_nl_pct"]].max().max()) * 1.4]),
                      legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"))
    return _layout(fig, titel, bron, height=560, legenda_boven=True)


def figuur_vacaturegraad(trend: pd.DataFrame, *, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Vacancy rate per quarter since 2015: all sectors (thick) and the sectors of the handreiking's occupations."""
    fig = go.Figure()
    for code, rows in trend.groupby("sbi_code", sort=False):
        totaal = code == "A-U"
        fig.add_trace(go.Scatter(x=rows["periode"], y=rows["vacaturegraad"], mode="lines", name=rows["sector"].iloc[0],
                                 line=dict(width=4 if totaal else 2, color="#222222" if totaal else None),
                                 hovertemplate="%{x}: %{y:.0f} per 1.000 banen<extra>" + rows["sector"].iloc[0] + "</extra>"))
    fig.update_yaxes(title_text="vacatures per 1.000 banen", rangemode="tozero")
    fig.update_xaxes(nticks=10)
    return _layout(fig, titel, bron, height=420, legenda_boven=False, onder=90)


def figuur_beroepentrend(reeksen: pd.DataFrame, *, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Working population per year of the handreiking's occupations (Nederland); a series ends where the source does."""
    fig = go.Figure()
    for beroep, rows in reeksen.groupby("beroep", sort=False):
        fig.add_trace(go.Scatter(x=rows["jaar"], y=rows["werkzame_beroepsbevolking"], mode="lines+markers", name=beroep,
                                 hovertemplate="%{x}: %{y:,.0f} werkenden<extra>" + beroep + "</extra>"))
    fig.update_yaxes(title_text="werkzame beroepsbevolking", rangemode="tozero")
    fig.update_xaxes(dtick=1)
    return _layout(fig, titel, bron, height=460, legenda_boven=False, onder=90)
