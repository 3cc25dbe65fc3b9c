"""Vergelijken: 2 tot 6 arbeidsmarktregio's of gemeenten naast elkaar en naast Nederland, en een rangorde.

The compared areas live in the link (`?vergelijk=AM12,AM10,AM32`); without one the page compares the
chosen area with the two areas closest to it in number of inhabitants. Logic: `llo_dash.vergelijken`.
"""

import streamlit as st

from llo_dash import figures, queries, ui
from llo_dash import vergelijken as vg

_W_NIVEAU = "_w_vergelijk_niveau"

keuze = ui.page_setup("Vergelijken", ":material/compare_arrows:")
df = keuze.df


def _niveau_gewijzigd() -> None:
    """Another level: its default comparison, in the link unless it is the page's default."""
    niveau = st.session_state[_W_NIVEAU]
    codes = vg.standaard_codes(df, niveau, keuze.regio, keuze.gemeente)
    ui.zet_url_lijst(vg.PARAM, codes, standaard=codes if niveau == vg.standaard_niveau(keuze.gemeente) else None)


# --- which areas: the link, else the session, else the default ---
weergave = vg.weergave(df, ui.url_lijst_waarde(vg.PARAM), keuze.regio, keuze.gemeente, st.session_state.get(_W_NIVEAU))
for melding in weergave.meldingen:
    st.warning(melding)
if weergave.info:
    st.info(weergave.info)
niveau, codes = weergave.niveau, weergave.codes
ui.zet_url_lijst(vg.PARAM, codes, standaard=weergave.standaard)  # writes the clean form back: "am12,xx99" -> "AM12"

st.markdown(
    f"Zet {vg.MIN_GEBIEDEN} tot {vg.MAX_GEBIEDEN} arbeidsmarktregio's of gemeenten naast elkaar en naast Nederland. "
    "De keuze staat in de link (adresbalk), zodat je de vergelijking kunt delen."
)
links, rechts = st.columns([1, 3])
st.session_state[_W_NIVEAU] = niveau
links.radio("Vergelijk", vg.NIVEAUS, key=_W_NIVEAU, format_func=queries.NIVEAU_NAMEN.get, on_change=_niveau_gewijzigd)
labels = dict(vg.opties(df, niveau))
ui.url_lijst(
    rechts.multiselect, queries.NIVEAU_NAMEN[niveau], labels, param=vg.PARAM, waarden=codes, standaard=weergave.standaard,
    format_func=labels.get, max_selections=vg.MAX_GEBIEDEN,
    placeholder=f"Kies {vg.MIN_GEBIEDEN} tot {vg.MAX_GEBIEDEN} {queries.NIVEAU_MEERVOUD[niveau]}",
)
if not weergave.uit_link:
    rechts.caption(vg.standaard_uitleg(niveau, keuze.regio, keuze.gemeente))

# --- side by side ---
st.subheader("Naast elkaar")
if len(codes) < vg.MIN_GEBIEDEN:
    st.info(f"Kies minstens {vg.MIN_GEBIEDEN} {queries.NIVEAU_MEERVOUD[niveau]} om te vergelijken.")
kolommen = vg.vergelijk_indicatoren(df, niveau)
if codes:
    ui.tabel(vg.naast_elkaar_download(df, codes, kolommen), {}, f"vergelijken {niveau}", "-".join(codes),
             kolommen=kolommen, scherm=vg.naast_elkaar(df, codes, kolommen), height="content", bron_noot=False,
             titel=f"Vergelijking: {', '.join(queries.naam(df, code) for code in codes)} en Nederland")
    st.caption(
        "Schattingen (laaggeletterdheid, laaggecijferdheid) staan met hun bandbreedte tussen haakjes; "
        "de methode staat op de pagina Bronnen & methode. Enquêtecijfers (onderwijs, arbeid) hebben bij kleine "
        "gemeenten een ruime marge."
    )
    ui.source_note(kolommen, toelichting=False)

# --- ranking ---
st.subheader("Rangorde")
opties = queries.indicator_opties(df, niveau)
indicator = ui.url_keuze(
    st.selectbox, "Indicator", opties, param="indicator", default=queries.standaard_indicator(opties),
    format_func=queries.indicator_naam,
)
ranking = vg.rangorde(df, niveau, indicator)
nederland = queries.waarde(df, queries.NEDERLAND, indicator)
plaats = vg.plaatsen(ranking, indicator, codes)
st.markdown(
    f"**{queries.indicator_naam(indicator)}** — {plaats + ' · ' if plaats else ''}"
    f"Nederland: {queries.waarde_tekst(indicator, nederland)}"
)
alles = False
if niveau == "gemeente":
    alles = st.toggle(
        f"Alle {int(ranking['waarde'].notna().sum())} gemeenten in de grafiek",
        help=f"Anders: de hoogste en laagste {figures.UITERSTEN} gemeenten en de vergeleken gemeenten.",
    )
titel = f"{queries.indicator_naam(indicator)}: rangorde van de {queries.NIVEAU_MEERVOUD[niveau]}"
fig = figures.rangorde_figuur(
    ranking, indicator, titel, highlight=codes, nederland=nederland, bron=queries.bronvermelding(indicator), alles=alles
)
st.plotly_chart(fig, key="vergelijken_rangorde", config=figures.plotly_config(f"llo-rangorde-{indicator}-{niveau}"))
st.caption("Geel met zwarte rand: de vergeleken gebieden. Gestreepte lijn: Nederland." +
           (" Streepjes: de bandbreedte van de schatting." if "ondergrens" in ranking else ""))
ui.source_note([indicator])

with st.expander("Tabel bij de grafiek: rangorde van alle " + queries.NIVEAU_MEERVOUD[niveau]):
    tabel, formats = queries.kaarttabel(ranking, indicator)
    ui.tabel(tabel, formats, f"rangorde {indicator} {niveau}", None, kolommen=[indicator], titel=titel, bron_noot=False,
             notes=[f"Nederland: {queries.waarde_tekst(indicator, nederland)}"])
    st.caption("Gelijke waarden delen dezelfde plaats; zonder waarde: geen plaats (onderaan).")
