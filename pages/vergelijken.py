"""Vergelijken: 2 tot 6 arbeidsmarktregio's of gemeenten naast elkaar en naast Nederland, en een rangorde.

The compared areas live in the link (`?vergelijk=AM12,AM10,AM32`); without one the page compares the
chosen area with its neighbouring areas (a shared border, `llo_dash.views.buren`). Logic: `llo_dash.views.vergelijken`.
"""

import streamlit as st

from llo_dash import figures, ui
from llo_dash.config import load_settings
from llo_dash.views import buren as gebiedsburen
from llo_dash.views import queries
from llo_dash.views import vergelijken as vg

_W_NIVEAU = "_w_vergelijk_niveau"

keuze = ui.page_setup("Vergelijken", ":material/compare_arrows:")
df = keuze.df
buren = ui.bewaard(gebiedsburen.buren, str(load_settings().data_dir), vg.standaard_niveau(keuze.gemeente))


def _niveau_gewijzigd() -> None:
    """Another level: its default comparison, in the link unless it is the page's default."""
    niveau = st.session_state[_W_NIVEAU]
    codes, standaard = vg.niveau_link(df, niveau, keuze.regio, keuze.gemeente,
                                      ui.bewaard(gebiedsburen.buren, str(load_settings().data_dir), niveau))
    ui.zet_url_lijst(vg.PARAM, codes, standaard=standaard)


# --- which areas: the link, else the session, else the default ---
weergave = vg.weergave(df, ui.url_lijst_waarde(vg.PARAM), keuze.regio, keuze.gemeente, st.session_state.get(_W_NIVEAU),
                       buren)
for melding in weergave.meldingen:
    st.warning(melding)
if weergave.info:
    st.info(weergave.info)
niveau, codes = weergave.niveau, weergave.codes
ui.zet_url_lijst(vg.PARAM, codes, standaard=weergave.standaard)  # writes the clean form back: "am12,xx99" -> "AM12"

st.markdown(vg.INTRO)
links, rechts = st.columns([1, 3])
st.session_state[_W_NIVEAU] = niveau
links.radio("Vergelijk", vg.NIVEAUS, key=_W_NIVEAU, format_func=queries.NIVEAU_NAMEN.get, on_change=_niveau_gewijzigd)
labels = dict(vg.opties(df, niveau))
ui.url_lijst(
    rechts.multiselect, queries.NIVEAU_NAMEN[niveau], labels, param=vg.PARAM, waarden=codes, standaard=weergave.standaard,
    format_func=labels.get, max_selections=vg.MAX_GEBIEDEN, placeholder=vg.kiezer_tekst(niveau),
)
if not weergave.uit_link:
    rechts.caption(vg.standaard_uitleg(niveau, keuze.regio, keuze.gemeente))

# --- side by side ---
st.subheader("Naast elkaar")
if len(codes) < vg.MIN_GEBIEDEN:
    st.info(vg.te_weinig(niveau))
kolommen = vg.vergelijk_indicatoren(df, niveau)
if codes:
    naast = vg.naast_elkaar(df, codes, kolommen)
    ui.toon(naast.scherm, statisch=True)
    ui.download_row(naast.cijfers, f"vergelijken {niveau}", "-".join(codes), titel=vg.vergelijking_titel(df, codes),
                    bronnen=queries.bronregels(kolommen))
    st.caption(vg.SCHATTINGEN)
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
st.markdown(vg.rangorde_regel(ranking, indicator, codes, nederland))
alles = False
if niveau == "gemeente":
    alles = st.toggle(vg.alle_gemeenten(ranking), help=vg.ALLE_GEMEENTEN_UITLEG)
st.plotly_chart(vg.rangorde_grafiek(df, ranking, indicator, niveau, codes, alles=alles), key="vergelijken_rangorde",
                config=figures.plotly_config(f"llo-rangorde-{indicator}-{niveau}"))
st.caption(vg.grafiek_uitleg(ranking))
ui.source_note([indicator])

with ui.uitklap(vg.tabel_kop(niveau), "rangorde") as uitgeklapt:
    if uitgeklapt:
        ui.tabel(queries.kaarttabel(ranking, indicator), f"rangorde {indicator} {niveau}", None, kolommen=[indicator],
                 titel=vg.rangorde_titel(indicator, niveau), bron_noot=False,
                 notes=[vg.nederland_regel(indicator, nederland)])
        st.caption(vg.GELIJKE_WAARDEN)
