"""Overzicht: one indicator on a map of the arbeidsmarktregio's or gemeenten, and headline figures."""

import streamlit as st

from llo_dash import ui
from llo_dash.views import queries

keuze = ui.page_setup("Overzicht", ":material/map:")
df = keuze.df

st.markdown(
    "Kies een indicator en bekijk hoe de regio's of gemeenten van Nederland verschillen. "
    "Klik op de kaart of kies links een arbeidsmarktregio om die te markeren en de kerncijfers te zien."
)

# --- headline figures: the chosen gemeente, its region and Nederland, one tab each ---
kern = queries.kern_indicatoren(df)
ui.kerncijfers(df, keuze.vergelijk_codes, kern)
ui.source_note(kern, toelichting=False)

# --- the map ---
st.subheader("Kaart")
links, rechts = st.columns([1, 2])
niveau = ui.url_keuze(
    links.radio, "Kaart van", queries.KAART_NIVEAUS, param="kaart", default="arbeidsmarktregio",
    format_func=queries.NIVEAU_NAMEN.get, horizontal=True,
)
opties = queries.indicator_opties(df, niveau)
indicator = ui.url_keuze(
    rechts.selectbox, "Indicator", opties, param="indicator", default=queries.standaard_indicator(opties),
    format_func=queries.indicator_naam,
)
st.markdown(f"**{queries.indicator_naam(indicator)}** — {queries.samenvatting(df, indicator, keuze.vergelijk_codes)}")

titel = f"{queries.indicator_naam(indicator)} per {queries.NIVEAU_ENKELVOUD[niveau]}"
waarden = ui.kaart_blok(keuze, niveau, indicator, titel=titel, key="overzicht_kaart",
                        bestandsnaam=f"llo-overzicht-{indicator}-{niveau}")

# --- table alternative of the map (made only when opened) ---
with ui.uitklap("Tabel bij de kaart", "kaart") as uitgeklapt:
    if uitgeklapt:
        ui.tabel(queries.kaarttabel(waarden, indicator), f"overzicht {indicator} {niveau}", None, titel=titel,
                 bronnen=[queries.bronvermelding(indicator), queries.grenzen_bron(niveau)])
