"""Bronnen & methode: every source, the estimate and its checks, the build manifest, the indicators, the licence.

Thin: the tables come from `llo_dash.bronnen` (pure), the method text from `llo_dash.estimate.method`;
everything read from disk is cached per build (`ui.lees_tabel`, `ui.manifest`, `ui.bewaard`).
"""

import streamlit as st

from llo_dash import bronnen, queries, ui
from llo_dash.estimate.method import method_markdown, parameter_table, scenario_labels
from llo_dash.formatting import tijdstip

keuze = ui.page_setup("Bronnen & methode", ":material/menu_book:", gemeente_kiezer=False)
manifest = ui.manifest()
bouw_bron = bronnen.bouw_bron(manifest)
schatting_bron = queries.bronvermelding("laaggeletterd_16_65_pct")


def _links(frame) -> dict:
    """Clickable links in the columns of `frame` that hold URLs, showing the site (the download has the full URL)."""
    return {kolom: st.column_config.LinkColumn(kolom, display_text=bronnen.LINK_TEKST, width="medium",
                                               help="Klik om de bron te openen; de download bevat de volledige URL.")
            for kolom in bronnen.url_kolommen(frame)}


st.markdown(
    "Waar elk cijfer vandaan komt, hoe de schatting van laaggeletterdheid werkt en wanneer en hoe de gegevens "
    "zijn gebouwd. Alle tabellen zijn te downloaden."
)
tab_bronnen, tab_schatting, tab_bouw, tab_indicatoren, tab_licentie = st.tabs(
    ["Bronnen", "Schatting laaggeletterdheid", "Bouw en controles", "Indicatoren", "Licentie en bronvermelding"]
)

# --- 1. sources -------------------------------------------------------------------
with tab_bronnen:
    st.subheader("Bronnen")
    st.markdown(
        "Elke bron die de bouw leest: titel, uitgever, periode, licentie en openbare URL, het bestand in de mirror "
        "(lokale kopie van de openbare bron) en hoe het bij de laatste bouw is verkregen, met grootte en checksum."
    )
    bron_tabel = bronnen.bronnen_tabel(manifest)
    ui.tabel(bron_tabel, {"Bytes": ("getal", 0)}, "bronnen", None, titel="Bronnen van het LLO Regiodashboard",
             notes=[bouw_bron], column_order=bronnen.BRONNEN_VOLGORDE, height="content",
             # title and link together fit the page at 1024 px (a long title is cut off; the download has it whole)
             column_config={"Titel": st.column_config.TextColumn("Titel", width="large"), **_links(bron_tabel)})

    st.subheader("Referentietabellen van het project")
    st.markdown(
        "Kleine tabellen die het project zelf bijhoudt in `reference/`, samengesteld uit gepubliceerde cijfers; "
        "elke rij noemt haar bron."
    )
    referenties = ui.bewaard(bronnen.referentie_tabellen)
    ui.tabel(bronnen.referentie_overzicht(referenties), {"Rijen": "getal", "Kolommen": "getal", "Aantal bronnen": "getal"},
             "referentietabellen", None, titel="Referentietabellen van het LLO Regiodashboard")
    for naam, referentie in referenties.items():
        with st.expander(f"{naam} ({bronnen.REFERENTIE_OMSCHRIJVING.get(naam, 'referentietabel')})"):
            ui.tabel(referentie, {}, f"referentie {naam}", None, titel=f"reference/{naam}.csv",
                     bronnen=[bronnen.referentie_bron(naam)], scherm=bronnen.met_korte_getallen(referentie),
                     column_config=_links(referentie))

# --- 2. the estimate ----------------------------------------------------------------
with tab_schatting:
    st.subheader("Schatting van laaggeletterdheid: methode")
    st.markdown(ui.bewaard(method_markdown))

    st.subheader("Parameters")
    st.markdown("Elke parameter met waarde, populatie, jaar en bron; aannames zijn als *aanname* gemarkeerd.")
    parameters = ui.bewaard(parameter_table)
    ui.tabel(parameters, {}, "schatting parameters", None, titel="Parameters van de schatting van laaggeletterdheid",
             notes=["reference/geletterdheid_parameters.csv"], scherm=bronnen.met_korte_getallen(parameters),
             column_config=_links(parameters))

    controle = ui.lees_tabel("schatting_controle", verplicht=False)
    if controle is not None:
        st.subheader("Controle: gepubliceerde landelijke cijfers en het model")
        st.markdown(
            "De landelijke uitsplitsingen die het model moet nadoen (PIAAC 2012), naast wat het model geeft; "
            "en het model voor 2023. Rijen met *controle, niet gefit* zijn niet gebruikt om het model te kiezen."
        )
        controle_tabel = bronnen.controle_tabel(controle)
        ui.tabel(controle_tabel, bronnen.controle_formats(controle_tabel), "schatting controle", None,
                 titel="Controle van de schatting", bronnen=[schatting_bron], height="content")

    effecten = ui.lees_tabel("schatting_effecten", verplicht=False)
    if effecten is not None:
        st.subheader("Geschatte effecten (odds ratio's) per scenario")
        st.markdown(
            "Hoeveel groter de kans (odds) op laaggeletterdheid is dan in de eerste groep van hetzelfde kenmerk "
            "(die heeft 1). Een odds ratio van 0,5 betekent een half zo grote odds."
        )
        effecten_tabel = bronnen.effecten_tabel(effecten, scenario_labels)
        ui.tabel(effecten_tabel, bronnen.effecten_formats(effecten_tabel), "schatting effecten", None,
                 titel="Geschatte effecten (odds ratio's) per scenario", bronnen=[schatting_bron], height="content")

    scenarios = ui.lees_tabel("schatting_scenarios", verplicht=False)
    if scenarios is not None:
        st.subheader("Scenario's: laaggeletterd 16–65 jaar (%) per arbeidsmarktregio")
        st.markdown(
            "De schatting met andere, verdedigbare parameters. De bandbreedte van elke regio combineert de "
            "spreiding over deze scenario's met de steekproefmarge van PIAAC."
        )
        scenario_tabel = bronnen.scenarios_tabel(scenarios, scenario_labels, keuze.df)
        ui.tabel(scenario_tabel, bronnen.scenarios_formats(scenario_tabel), "schatting scenarios", None,
                 titel="Laaggeletterd 16–65 jaar (%, schatting) per scenario", bronnen=[schatting_bron])

# --- 3. the build --------------------------------------------------------------------
with tab_bouw:
    st.subheader("Bouw van de gegevens")
    if not manifest:
        st.warning("De bouwgegevens (data/manifest.json) ontbreken. Voer `python -m llo_dash build` uit.")
    else:
        st.markdown(f"Gegevens gebouwd op **{tijdstip(manifest.get('gebouwd_op'))}** (Nederlandse tijd).")
        ui.tabel(bronnen.bouw_samenvatting(manifest), {}, "bouw samenvatting", None, titel="Bouw van de gegevens",
                 bronnen=[bouw_bron])

        st.subheader("Gebouwde bestanden")
        bestanden = bronnen.bestanden_tabel(manifest)
        ui.tabel(bestanden, {}, "bouw bestanden", None, titel="Gebouwde bestanden", bronnen=[bouw_bron],
                 scherm=bronnen.bestanden_scherm(bestanden), height="content")

        st.subheader("Controles")
        st.markdown("De bouw stopt met een melding als een van deze controles faalt; deze bouw is ze allemaal geslaagd.")
        controles = bronnen.controles_tabel(manifest)
        st.markdown("\n".join(f"- :material/check_circle: {regel}" for regel in controles["Controle"]))
        ui.download_row(controles, "bouw controles", None, titel="Controles van de bouw", bronnen=[bouw_bron])

        st.subheader("Ontbrekende waarden")
        st.markdown(
            "Per indicator en niveau: hoeveel gebieden geen waarde hebben en waarom. Ontbrekend blijft ontbrekend "
            "(nooit 0) en een regio met een ontbrekende gemeente heeft geen som."
        )
        ontbrekend = bronnen.ontbrekend_tabel(manifest)
        ui.tabel(ontbrekend, {"Ontbrekend": ("getal", 0), "Totaal": ("getal", 0), "Percentage ontbrekend": ("procent", 1)},
                 "ontbrekende waarden", None, titel="Ontbrekende waarden per indicator en niveau", bronnen=[bouw_bron])

    verschillen = ui.lees_tabel("regio_verschillen", verplicht=False)
    if verschillen is not None:
        st.subheader("Regiocijfers van CBS en de som van de gemeenten")
        st.markdown(
            "Voor enquêtecijfers (onderwijs, arbeid) en banen publiceert CBS zelf cijfers voor arbeidsmarktregio's en "
            "Nederland; die gebruikt het dashboard. Hier staan ze naast de optelling van de gemeenten. Bij "
            "percentages is het verschil in procentpunten."
        )
        verschil_tabel = bronnen.regio_verschillen_tabel(verschillen, keuze.df)
        links, rechts = st.columns([2, 1])
        indicator = links.selectbox("Indicator", [bronnen.ALLE_INDICATOREN, *dict.fromkeys(verschil_tabel["Indicator"])],
                                    key="_w_verschil_indicator")
        alleen = rechts.toggle("Alleen rijen met een verschil", value=True,
                               help="Rijen waarvan het verschil onbekend is (geen som van de gemeenten) blijven staan.")
        getoond = bronnen.regio_verschillen_filter(verschil_tabel, indicator, alleen)
        st.caption(f"{len(getoond)} van {len(verschil_tabel)} rijen.")
        ui.tabel(verschil_tabel, {}, "regio verschillen", None, kolommen=bronnen.regio_verschillen_kolommen(verschil_tabel),
                 titel="Regiocijfers van CBS en de som van de gemeenten", bron_noot=False,
                 scherm=bronnen.regio_verschillen_scherm(getoond))

# --- 4. indicators ---------------------------------------------------------------------
with tab_indicatoren:
    st.subheader("Indicatoren")
    st.markdown("Elke indicator van het dashboard: label, eenheid, bron, peildatum en hoe een regio uit haar gemeenten volgt.")
    ui.tabel(bronnen.indicatoren_tabel(), {}, "indicatoren", None, titel="Indicatoren van het LLO Regiodashboard")

# --- 5. licence ------------------------------------------------------------------------
with tab_licentie:
    st.subheader("Licentie en bronvermelding")
    st.markdown(bronnen.LICENTIE_MARKDOWN)
