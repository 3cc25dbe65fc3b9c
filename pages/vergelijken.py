"""Vergelijken: 2 tot 6 arbeidsmarktregio's of gemeenten naast elkaar en naast Nederland, en een rangorde.

The compared areas live in the link (`?vergelijk=AM12,AM10,AM32`); without one the page compares the
chosen area with the two areas closest to it in number of inhabitants. Logic: `llo_dash.vergelijken`.
"""

import streamlit as st

from llo_dash import queries, ui
from llo_dash import vergelijken as vg
from llo_dash.figures import plotly_config

_W_NIVEAU, _W_GEBIEDEN = "_w_vergelijk_niveau", "_w_vergelijk"
_GEHEUGEN = "_llo_vergelijk"  # the page menu empties the query string: the session keeps the comparison

keuze = ui.page_setup("Vergelijken", ":material/compare_arrows:")
df = keuze.df
standaard_niveau = vg.standaard_niveau(keuze.regio, keuze.gemeente)


def _standaard(niveau: str) -> list[str]:
    return vg.standaard_codes(df, niveau, keuze.regio, keuze.gemeente)


def _bewaar(niveau: str, codes: list[str]) -> None:
    """Put the comparison in the link (left out when it is the default) and in the session."""
    if niveau == standaard_niveau and codes == _standaard(niveau):
        st.session_state.pop(_GEHEUGEN, None)
        if vg.PARAM in st.query_params:
            del st.query_params[vg.PARAM]
    else:
        waarde = vg.link_waarde(codes)
        st.session_state[_GEHEUGEN] = waarde
        if st.query_params.get(vg.PARAM) != waarde:
            st.query_params[vg.PARAM] = waarde


def _niveau_gewijzigd() -> None:
    niveau = st.session_state[_W_NIVEAU]
    _bewaar(niveau, _standaard(niveau))


def _gebieden_gewijzigd() -> None:
    _bewaar(st.session_state[_W_NIVEAU], list(st.session_state[_W_GEBIEDEN]))


# --- which areas: the link, else the session, else the default ---
raw = st.query_params.get(vg.PARAM)
if raw is None:
    raw = st.session_state.get(_GEHEUGEN)
link = vg.lees_vergelijk(raw, df)
for melding in link.meldingen if link else ():
    st.warning(melding)
if link is None or (not link.codes and raw.strip()):
    # No link, or a link without a single usable code: the default comparison.
    niveau, codes = standaard_niveau, _standaard(standaard_niveau)
    if link is not None:
        st.info("Geen bruikbare codes in de link: je ziet nu de standaardvergelijking.")
elif not link.codes:
    # Everything deselected ("?vergelijk="): keep the level the user was looking at.
    niveau, codes = st.session_state.get(_W_NIVEAU, standaard_niveau), []
else:
    niveau, codes = link.niveau, list(link.codes)
_bewaar(niveau, codes)  # writes the clean form back: "am12,xx99" -> "AM12"

st.markdown(
    f"Zet {vg.MIN_GEBIEDEN} tot {vg.MAX_GEBIEDEN} arbeidsmarktregio's of gemeenten naast elkaar en naast Nederland. "
    "De keuze staat in de link (adresbalk), zodat je de vergelijking kunt delen."
)
links, rechts = st.columns([1, 3])
st.session_state[_W_NIVEAU] = niveau
links.radio("Vergelijk", vg.NIVEAUS, key=_W_NIVEAU, format_func=vg.NIVEAU_NAMEN.get, on_change=_niveau_gewijzigd)
labels = dict(vg.opties(df, niveau))
st.session_state[_W_GEBIEDEN] = codes
rechts.multiselect(
    vg.NIVEAU_NAMEN[niveau],
    list(labels),
    key=_W_GEBIEDEN,
    format_func=labels.get,
    max_selections=vg.MAX_GEBIEDEN,
    on_change=_gebieden_gewijzigd,
    placeholder=f"Kies {vg.MIN_GEBIEDEN} tot {vg.MAX_GEBIEDEN} {vg.MEERVOUD[niveau]}",
)
if link is None or not link.codes:
    rechts.caption(vg.standaard_uitleg(niveau, keuze.regio, keuze.gemeente))

# --- side by side ---
st.subheader("Naast elkaar")
if len(codes) < vg.MIN_GEBIEDEN:
    st.info(f"Kies minstens {vg.MIN_GEBIEDEN} {vg.MEERVOUD[niveau]} om te vergelijken.")
kolommen = vg.vergelijk_indicatoren(df, niveau)
if codes:
    naast = vg.naast_elkaar(df, codes, kolommen)
    ui.show_table(naast, {}, height=vg.tabel_hoogte(len(naast)))
    st.caption(
        "Schattingen (laaggeletterdheid, laaggecijferdheid) staan met hun bandbreedte tussen haakjes; "
        "de methode staat op de pagina Bronnen & methode. Enquêtecijfers (onderwijs, arbeid) hebben bij kleine "
        "gemeenten een ruime marge."
    )
    ui.source_note(kolommen, toelichting=False)
    naam_lijst = ", ".join(queries.naam(df, code) for code in codes)
    ui.download_row(
        vg.naast_elkaar_download(df, codes, kolommen), f"vergelijken {niveau}", "-".join(codes),
        notes=[f"Vergelijking: {naam_lijst} en Nederland", *dict.fromkeys(queries.bronvermelding(k) for k in kolommen)],
    )

# --- ranking ---
st.subheader("Rangorde")
opties = vg.rangorde_opties(df, niveau)
indicator = ui.url_keuze(
    st.selectbox, "Indicator", opties, param="indicator", default=vg.standaard_rangorde(opties),
    format_func=queries.indicator_naam,
)
ranking = vg.rangorde(df, niveau, indicator)
nederland = vg.nederland_waarde(df, indicator)
plaats = vg.plaatsen(ranking, indicator, codes)
st.markdown(
    f"**{queries.indicator_naam(indicator)}** — {plaats + ' · ' if plaats else ''}"
    f"Nederland: {queries.waarde_tekst(indicator, nederland)}"
)
alles = False
if niveau == "gemeente":
    alles = st.toggle(
        f"Alle {int(ranking['waarde'].notna().sum())} gemeenten in de grafiek",
        help=f"Anders: de hoogste en laagste {vg.UITERSTEN} gemeenten en de vergeleken gemeenten.",
    )
titel = f"{queries.indicator_naam(indicator)}: rangorde van de {vg.MEERVOUD[niveau]}"
fig = vg.rangorde_figuur(
    ranking, indicator, titel, highlight=codes, nederland=nederland, bron=queries.bronvermelding(indicator), alles=alles
)
st.plotly_chart(fig, key="vergelijken_rangorde", config=plotly_config(f"llo-rangorde-{indicator}-{niveau}"))
st.caption("Geel met zwarte rand: de vergeleken gebieden. Gestreepte lijn: Nederland." +
           (" Streepjes: de bandbreedte van de schatting." if "ondergrens" in ranking else ""))
ui.source_note([indicator])

with st.expander("Tabel bij de grafiek: rangorde van alle " + vg.MEERVOUD[niveau]):
    tabel, formats = vg.rangorde_tabel(ranking, indicator)
    ui.show_table(tabel, formats)
    st.caption("Gelijke waarden delen dezelfde plaats; zonder waarde: geen plaats (onderaan).")
    ui.download_row(
        tabel, f"rangorde {indicator} {niveau}", None,
        notes=[titel, f"Nederland: {queries.waarde_tekst(indicator, nederland)}", queries.bronvermelding(indicator)],
    )
