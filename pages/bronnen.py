"""Bronnen & methode: every source, the estimate and its checks, the build manifest, the indicators, the licence.

Thin: tables and texts come from `llo_dash.views.bronnen` (pure); everything read from disk is cached per
build (`ui.lees_tabel`, `ui.manifest`, `ui.bewaard`).
"""

import streamlit as st

from llo_dash import ui
from llo_dash.views import bronnen

keuze = ui.page_setup("Bronnen & methode", ":material/menu_book:", gemeente_kiezer=False)
manifest = ui.manifest()
bouw_bron = bronnen.bouw_bron(manifest)


def _links(tabel) -> dict:
    """Clickable links in the columns of `tabel` that hold URLs, showing the site (the download has the full URL)."""
    return {kolom: st.column_config.LinkColumn(kolom, display_text=bronnen.LINK_TEKST, width="medium",
                                               help=bronnen.LINK_UITLEG)
            for kolom in bronnen.url_kolommen(tabel.labels)}


st.markdown(bronnen.INTRO)
for waarschuwing in bronnen.bouw_waarschuwingen(manifest):  # the build's own warnings, where nobody misses them
    st.warning(waarschuwing, icon=":material/warning:")
tab_bronnen, tab_schatting, tab_bouw, tab_indicatoren, tab_licentie = st.tabs(
    ["Bronnen", "Schatting laaggeletterdheid", "Bouw en controles", "Indicatoren", "Licentie en bronvermelding"]
)

# --- 1. sources -------------------------------------------------------------------
with tab_bronnen:
    st.subheader("Bronnen")
    st.markdown(bronnen.BRONNEN_INTRO)
    bron_tabel = bronnen.bronnen_tabel(manifest)
    ui.tabel(bron_tabel, "bronnen", None, titel="Bronnen van het LLO Regiodashboard", notes=[bouw_bron],
             column_order=bronnen.BRONNEN_VOLGORDE, height="content",
             # title and link together fit the page at 1024 px (a long title is cut off; the download has it whole)
             column_config={"Titel": st.column_config.TextColumn("Titel", width="large"), **_links(bron_tabel)})

    st.subheader("Referentietabellen van het project")
    st.markdown(bronnen.REFERENTIES_INTRO)
    referenties = ui.bewaard(bronnen.referentie_tabellen)
    ui.tabel(bronnen.referentie_overzicht(referenties), "referentietabellen", None,
             titel="Referentietabellen van het LLO Regiodashboard")
    for naam, referentie in referenties.items():
        with ui.uitklap(bronnen.referentie_kop(naam), f"referentie_{naam}") as uitgeklapt:
            if uitgeklapt:
                tabel = bronnen.referentie_tabel(referentie)
                ui.tabel(tabel, f"referentie {naam}", None, titel=f"reference/{naam}.csv",
                         bronnen=[bronnen.referentie_bron(naam)], column_config=_links(tabel))

# --- 2. the estimate ----------------------------------------------------------------
with tab_schatting:
    st.subheader("Schatting van laaggeletterdheid: methode")
    st.markdown(ui.bewaard(bronnen.methode_tekst))

    st.subheader("Parameters")
    st.markdown(bronnen.PARAMETERS_INTRO)
    parameters = ui.bewaard(bronnen.parameters_tabel)
    ui.tabel(parameters, "schatting parameters", None, titel="Parameters van de schatting van laaggeletterdheid",
             notes=["reference/geletterdheid_parameters.csv"], column_config=_links(parameters))

    controle = ui.lees_tabel("schatting_controle", verplicht=False)
    if controle is not None:
        st.subheader("Controle: gepubliceerde landelijke cijfers en het model")
        st.markdown(bronnen.CONTROLE_INTRO)
        ui.tabel(bronnen.controle_tabel(controle), "schatting controle", None, titel="Controle van de schatting",
                 bronnen=[bronnen.SCHATTING_BRON], height="content")

    effecten = ui.lees_tabel("schatting_effecten", verplicht=False)
    if effecten is not None:
        st.subheader("Geschatte effecten (odds ratio's) per scenario")
        st.markdown(bronnen.EFFECTEN_INTRO)
        ui.tabel(bronnen.effecten_tabel(effecten), "schatting effecten", None,
                 titel="Geschatte effecten (odds ratio's) per scenario", bronnen=[bronnen.SCHATTING_BRON], height="content")

    scenarios = ui.lees_tabel("schatting_scenarios", verplicht=False)
    if scenarios is not None:
        st.subheader("Scenario's: laaggeletterd 16–65 jaar (%) per arbeidsmarktregio")
        st.markdown(bronnen.SCENARIOS_INTRO)
        ui.tabel(bronnen.scenarios_tabel(scenarios, keuze.df), "schatting scenarios", None,
                 titel="Laaggeletterd 16–65 jaar (%, schatting) per scenario", bronnen=[bronnen.SCHATTING_BRON])

# --- 3. the build --------------------------------------------------------------------
with tab_bouw:
    st.subheader("Bouw van de gegevens")
    if not manifest:
        st.warning(bronnen.GEEN_MANIFEST)
    else:
        st.markdown(bronnen.gebouwd_op(manifest))
        ui.tabel(bronnen.bouw_samenvatting(manifest), "bouw samenvatting", None, titel="Bouw van de gegevens",
                 bronnen=[bouw_bron])

        st.subheader("Gebouwde bestanden")
        ui.tabel(bronnen.bestanden_tabel(manifest), "bouw bestanden", None, titel="Gebouwde bestanden",
                 bronnen=[bouw_bron], height="content")

        st.subheader("Controles")
        st.markdown(bronnen.CONTROLES_INTRO)
        st.markdown(bronnen.controles_lijst(manifest))
        ui.download_row(bronnen.controles_tabel(manifest), "bouw controles", None, titel="Controles van de bouw",
                        bronnen=[bouw_bron])

        st.subheader("Ontbrekende waarden")
        st.markdown(bronnen.ONTBREKEND_INTRO)
        ui.tabel(bronnen.ontbrekend_tabel(manifest), "ontbrekende waarden", None,
                 titel="Ontbrekende waarden per indicator en niveau", bronnen=[bouw_bron])

    verschillen = ui.lees_tabel("regio_verschillen", verplicht=False)
    if verschillen is not None:
        st.subheader("Regiocijfers van CBS en de som van de gemeenten")
        st.markdown(bronnen.VERSCHILLEN_INTRO)
        verschil_tabel = bronnen.regio_verschillen_tabel(verschillen, keuze.df)
        links, rechts = st.columns([2, 1])
        indicator = links.selectbox("Indicator", bronnen.regio_verschillen_indicatoren(verschil_tabel),
                                    key="_w_verschil_indicator")
        alleen = rechts.toggle("Alleen rijen met een verschil", value=True, help=bronnen.VERSCHILLEN_FILTER_UITLEG)
        getoond = bronnen.regio_verschillen_filter(verschil_tabel, indicator, alleen)
        st.caption(bronnen.rijen_getoond(len(getoond.frame), len(verschil_tabel.frame)))
        ui.toon(getoond)  # the filtered rows on screen; the downloads hold every row
        ui.download_row(verschil_tabel, "regio verschillen", None, titel="Regiocijfers van CBS en de som van de gemeenten",
                        bronnen=bronnen.regio_verschillen_bronnen(verschil_tabel))

# --- 4. indicators ---------------------------------------------------------------------
with tab_indicatoren:
    st.subheader("Indicatoren")
    st.markdown(bronnen.INDICATOREN_INTRO)
    ui.tabel(bronnen.indicatoren_tabel(), "indicatoren", None, titel="Indicatoren van het LLO Regiodashboard")

# --- 5. licence ------------------------------------------------------------------------
with tab_licentie:
    st.subheader("Licentie en bronvermelding")
    st.markdown(bronnen.LICENTIE_MARKDOWN)
