"""Overzicht: one indicator on a map of the arbeidsmarktregio's or gemeenten, and headline figures."""

import streamlit as st

from llo_dash import figures, queries, ui

keuze = ui.page_setup("Overzicht", ":material/map:")
df = keuze.df

st.markdown(
    "Kies een indicator en bekijk hoe de regio's of gemeenten van Nederland verschillen. "
    "Klik op de kaart of kies links een arbeidsmarktregio om die te markeren en de kerncijfers te zien."
)

# --- headline figures: the chosen gemeente, its region and Nederland, one tab each ---
kern = queries.kern_indicatoren(df)
ui.kerncijfers(df, [code for code in (keuze.gemeente, keuze.regio) if code] + [queries.NEDERLAND], kern)
ui.source_note(kern, toelichting=False)

# --- the map ---
st.subheader("Kaart")
links, rechts = st.columns([1, 2])
niveau = ui.url_keuze(
    links.radio, "Kaart van", queries.KAART_NIVEAUS, param="kaart", default="arbeidsmarktregio",
    format_func=ui.NIVEAU_NAMEN.get, horizontal=True,
)
opties = queries.indicator_opties(df, niveau)
indicator = ui.url_keuze(
    rechts.selectbox, "Indicator", opties, param="indicator", default=queries.standaard_indicator(opties),
    format_func=queries.indicator_naam,
)
gekozen = [code for code in (keuze.gemeente, keuze.regio) if code]
st.markdown(f"**{queries.indicator_naam(indicator)}** — {queries.samenvatting(df, indicator, [*gekozen, queries.NEDERLAND])}")

waarden = queries.kaartwaarden(df, niveau, indicator)
titel = f"{queries.indicator_naam(indicator)} per {'arbeidsmarktregio' if niveau == 'arbeidsmarktregio' else 'gemeente'}"
fig = figures.choropleth(
    ui.grenzen(niveau), waarden, indicator, titel, highlight=keuze.markering(), bron=queries.bronvermelding(indicator)
)
ui.kaart(fig, key="overzicht_kaart", bestandsnaam=f"llo-overzicht-{indicator}-{niveau}")
ontbrekend = int(waarden["waarde"].isna().sum())
if ontbrekend:
    st.caption(f"Grijs: geen gegevens voor {ontbrekend} van de {len(waarden)} {ui.NIVEAU_NAMEN[niveau].lower()}.")
ui.source_note([indicator], kaart=True)

# --- table alternative of the map ---
with st.expander("Tabel bij de kaart"):
    tabel, formats = queries.kaarttabel(waarden, indicator)
    ui.show_table(tabel, formats)
    ui.download_row(
        tabel, f"overzicht {indicator} {niveau}", None,
        notes=[titel, queries.bronvermelding(indicator), queries.grenzen_bron()],
    )
