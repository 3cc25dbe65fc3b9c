"""Bronnen & methode: every source, the estimate and its checks, the build manifest, the indicators, the licence.

Thin: the tables come from `llo_dash.bronnen` (pure), the method text from `llo_dash.estimate.method`.
"""

import streamlit as st

from llo_dash import bronnen, tables, ui
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.estimate.method import method_markdown, parameter_table, scenario_labels
from llo_dash.reference import read_reference

keuze = ui.page_setup("Bronnen & methode", ":material/menu_book:", gemeente_kiezer=False)
data_dir = load_settings().data_dir
manifest = bronnen.lees_manifest(data_dir)
link = st.column_config.LinkColumn


def _tabel(name: str):
    """A built table, or None with a Dutch message when it is not there."""
    try:
        return tables.read_table(data_dir, name)
    except LloDashError as error:
        st.warning(str(error))
        return None


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
    ui.show_table(
        bron_tabel, {"Bytes": ("getal", 0)}, column_config={"URL": link("URL")}, column_order=bronnen.BRONNEN_VOLGORDE,
        height=bronnen.tabel_hoogte(len(bron_tabel)),
    )
    ui.download_row(bron_tabel, "bronnen", None, notes=["Bronnen van het LLO Regiodashboard", bronnen.tijdstip(manifest.get("gebouwd_op"))])

    st.subheader("Referentietabellen van het project")
    st.markdown(
        "Kleine tabellen die het project zelf bijhoudt in `reference/`, samengesteld uit gepubliceerde cijfers; "
        "elke rij noemt haar bron."
    )
    overzicht = bronnen.referentie_overzicht()
    ui.show_table(overzicht, {})
    ui.download_row(overzicht, "referentietabellen", None)
    for naam in overzicht["Tabel"]:
        with st.expander(f"{naam} ({bronnen.REFERENTIE_OMSCHRIJVING.get(naam, 'referentietabel')})"):
            referentie = read_reference(naam)
            urls = {kolom: link(kolom) for kolom in referentie.columns if kolom.endswith("url") or "_url_" in kolom}
            st.dataframe(referentie, hide_index=True, column_config=urls)
            ui.download_row(referentie, f"referentie {naam}", None, notes=[f"reference/{naam}.csv"])

# --- 2. the estimate ----------------------------------------------------------------
with tab_schatting:
    st.subheader("Schatting van laaggeletterdheid: methode")
    parameters = parameter_table()
    st.markdown(method_markdown())

    st.subheader("Parameters")
    st.markdown("Elke parameter met waarde, populatie, jaar en bron; aannames zijn als *aanname* gemarkeerd.")
    st.dataframe(bronnen.met_korte_getallen(parameters, ["Waarde"]), hide_index=True,
                 column_config={"Bron-URL": link("Bron-URL")})
    ui.download_row(parameters, "schatting parameters", None, notes=["reference/geletterdheid_parameters.csv"])

    controle = _tabel("schatting_controle")
    if controle is not None:
        st.subheader("Controle: gepubliceerde landelijke cijfers en het model")
        st.markdown(
            "De landelijke uitsplitsingen die het model moet nadoen (PIAAC 2012), naast wat het model geeft; "
            "en het model voor 2023. Rijen met *controle, niet gefit* zijn niet gebruikt om het model te kiezen."
        )
        controle_tabel = bronnen.controle_tabel(controle)
        ui.show_table(controle_tabel, bronnen.controle_formats(controle_tabel), height=bronnen.tabel_hoogte(len(controle_tabel)))
        ui.download_row(controle_tabel, "schatting controle", None)

    effecten = _tabel("schatting_effecten")
    if effecten is not None:
        st.subheader("Geschatte effecten (odds ratio's) per scenario")
        st.markdown(
            "Hoeveel groter de kans (odds) op laaggeletterdheid is dan in de eerste groep van hetzelfde kenmerk "
            "(die heeft 1). Een odds ratio van 0,5 betekent een half zo grote odds."
        )
        effecten_tabel = bronnen.effecten_tabel(effecten, scenario_labels)
        scenario_kolommen = [c for c in effecten_tabel.columns if c not in ("Kenmerk", "Groep")]
        ui.show_table(effecten_tabel, {c: ("getal", 3) for c in scenario_kolommen},
                      height=bronnen.tabel_hoogte(len(effecten_tabel)))
        ui.download_row(effecten_tabel, "schatting effecten", None)

    scenarios = _tabel("schatting_scenarios")
    if scenarios is not None:
        st.subheader("Scenario's: laaggeletterd 16–65 jaar (%) per arbeidsmarktregio")
        st.markdown(
            "De schatting met andere, verdedigbare parameters. De bandbreedte van elke regio combineert de "
            "spreiding over deze scenario's met de steekproefmarge van PIAAC."
        )
        scenario_tabel = bronnen.scenarios_tabel(scenarios, scenario_labels, keuze.df)
        ui.show_table(scenario_tabel, {c: ("procent", 1) for c in scenario_tabel.columns if c not in ("Code", "Naam")})
        ui.download_row(scenario_tabel, "schatting scenarios", None)

# --- 3. the build --------------------------------------------------------------------
with tab_bouw:
    st.subheader("Bouw van de gegevens")
    if not manifest:
        st.warning("De bouwgegevens (data/manifest.json) ontbreken. Voer `python -m llo_dash build` uit.")
    else:
        st.markdown(f"Gegevens gebouwd op **{bronnen.tijdstip(manifest.get('gebouwd_op'))}** (Nederlandse tijd).")
        ui.show_table(bronnen.bouw_samenvatting(manifest), {})

        st.subheader("Gebouwde bestanden")
        bestanden = bronnen.bestanden_tabel(manifest)
        ui.show_table(bronnen.bestanden_scherm(bestanden), {}, height=bronnen.tabel_hoogte(len(bestanden)))
        ui.download_row(bestanden, "bouw bestanden", None)

        st.subheader("Controles")
        st.markdown("De bouw stopt met een melding als een van deze controles faalt; deze bouw is ze allemaal geslaagd.")
        controles = bronnen.controles_tabel(manifest)
        st.markdown("\n".join(f"- :material/check_circle: {regel}" for regel in controles["Controle"]))
        ui.download_row(controles, "bouw controles", None)

        st.subheader("Ontbrekende waarden")
        st.markdown(
            "Per indicator en niveau: hoeveel gebieden geen waarde hebben en waarom. Ontbrekend blijft ontbrekend "
            "(nooit 0) en een regio met een ontbrekende gemeente heeft geen som."
        )
        ontbrekend = bronnen.ontbrekend_tabel(manifest)
        ui.show_table(ontbrekend, {"Ontbrekend": ("getal", 0), "Totaal": ("getal", 0), "Percentage ontbrekend": ("procent", 1)})
        ui.download_row(ontbrekend, "ontbrekende waarden", None)

    verschillen = _tabel("regio_verschillen")
    if verschillen is not None:
        st.subheader("Regiocijfers van CBS en de som van de gemeenten")
        st.markdown(
            "Voor enquêtecijfers (onderwijs, arbeid) en banen publiceert CBS zelf cijfers voor arbeidsmarktregio's en "
            "Nederland; die gebruikt het dashboard. Hier staan ze naast de optelling van de gemeenten. Bij "
            "percentages is het verschil in procentpunten."
        )
        verschil_tabel = bronnen.regio_verschillen_tabel(verschillen, keuze.df)
        links, rechts = st.columns([2, 1])
        alle = "Alle indicatoren"
        indicator = links.selectbox("Indicator", [alle, *dict.fromkeys(verschil_tabel["Indicator"])], key="_w_verschil_indicator")
        alleen = rechts.toggle("Alleen rijen met een verschil", value=True)
        getoond = verschil_tabel
        if indicator != alle:
            getoond = getoond[getoond["Indicator"] == indicator]
        if alleen:
            getoond = getoond[getoond["Verschil"].fillna(0) != 0]
        st.caption(f"{len(getoond)} van {len(verschil_tabel)} rijen.")
        ui.show_table(bronnen.regio_verschillen_scherm(getoond), {})
        ui.download_row(verschil_tabel, "regio verschillen", None)

# --- 4. indicators ---------------------------------------------------------------------
with tab_indicatoren:
    st.subheader("Indicatoren")
    st.markdown("Elke indicator van het dashboard: label, eenheid, bron, peildatum en hoe een regio uit haar gemeenten volgt.")
    indicatoren = bronnen.indicatoren_tabel()
    ui.show_table(indicatoren, {})
    ui.download_row(indicatoren, "indicatoren", None)

# --- 5. licence ------------------------------------------------------------------------
with tab_licentie:
    st.subheader("Licentie en bronvermelding")
    st.markdown(bronnen.LICENTIE_MARKDOWN)
