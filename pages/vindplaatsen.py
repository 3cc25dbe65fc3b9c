"""Vindplaatsen: where the target group lives (gemeenten, wijken) and which partners reach them."""

import streamlit as st

from llo_dash import ui
from llo_dash.errors import LloDashError
from llo_dash.views import queries, vindplaatsen
from llo_dash.views.sectoren.sectorstructuur import sector_tabel, sectorstructuur

keuze = ui.page_setup("Vindplaatsen", ":material/location_on:")
df = keuze.df
code = keuze.gebied
naam = keuze.naam()
ontbrekend = ui.manifest().get("ontbrekend") or {}

st.markdown(
    "Waar wonen de laaggeletterden en laagopgeleiden, en wie komt met hen in contact? De kaart en tabel tonen per "
    "gemeente of wijk waar de doelgroep woont; daaronder staan de partners uit de handreiking met het aantal mensen "
    "dat elk van hen kan bereiken. Cijfers over laaggeletterdheid zijn een **schatting** met een marge."
)

# --- where: gemeenten or wijken ---
st.subheader("Waar wonen ze?")
links, rechts = st.columns([1, 2])
niveau = ui.url_keuze(
    links.radio, "Niveau", vindplaatsen.NIVEAUS, param="niveau", default="wijk" if keuze.gemeente else "gemeente",
    format_func=queries.NIVEAU_NAMEN.get, horizontal=True,
)
if niveau == "wijk" and not keuze.regio:
    st.info("Kies links een arbeidsmarktregio of gemeente om de wijken te zien. Hieronder staan de gemeenten van heel Nederland.")
    niveau = "gemeente"
opties = queries.indicator_opties(df, niveau, vindplaatsen.KAART_OPTIES[niveau])
indicator = ui.url_keuze(rechts.selectbox, "Indicator op de kaart", opties, param="indicator", default=opties[0],
                         format_func=lambda kolom: vindplaatsen.label(kolom, niveau))

selectie, plaats = vindplaatsen.selectie_namen(df, niveau, keuze.regio, keuze.gemeente)
rijen = vindplaatsen.gebieden_van(df, niveau, keuze.regio, keuze.gemeente)
zinnen = [vindplaatsen.concentratie_zin(rijen, niveau, plaats),
          vindplaatsen.concentratie_zin(rijen, niveau, plaats, "laaggeletterd_nt2"),
          vindplaatsen.hoogste_aandeel_zin(rijen, niveau)]
st.markdown("\n".join(f"- {zin}" for zin in zinnen if zin))
if niveau == "wijk":
    st.caption(vindplaatsen.WIJK_GROVER)  # next to the sentences it qualifies

ui.kaart_blok(keuze, niveau, indicator, regio=keuze.regio, gemeente=keuze.gemeente, key="vindplaatsen_kaart",
              titel=f"{vindplaatsen.label(indicator, niveau)} per {niveau}, {selectie}",
              bestandsnaam=f"llo-vindplaatsen-{indicator}-{niveau}-{code}", grijs_uitleg="Zie onder de tabel.")

kolommen = vindplaatsen.KOLOMMEN[niveau]
st.markdown(f"**{queries.NIVEAU_NAMEN[niveau]} in {selectie}** ({len(rijen)}), de meeste laaggeletterden (schatting) "
            "bovenaan. Deze tabel is ook de tabel bij de kaart.")
ui.tabel(vindplaatsen.vindplaatsen_tabel(rijen, niveau), f"vindplaatsen {niveau}", keuze.gemeente or keuze.regio,
         kolommen=kolommen, titel=f"Vindplaatsen per {niveau}, {selectie}", bron_noot=False)
regels = vindplaatsen.ontbrekend_regels(rijen, kolommen, niveau, ontbrekend)
if niveau == "wijk":
    regels.append(vindplaatsen.WIJK_ZONDER_INKOMEN)
if regels:
    st.caption("**Geen gegevens** (nooit als 0 geteld):  \n" + "  \n".join(regels))
ui.source_note(list(kolommen), toelichting=False)

# --- who: partners and the number each can reach ---
st.subheader("Wie komt met hen in contact?")
st.markdown(vindplaatsen.partners_zin(df, code))
try:
    partners = ui.bewaard(vindplaatsen.lees_partners)
    professionals = ui.bewaard(vindplaatsen.lees_professionals)
except LloDashError as error:
    st.error(f"De partnertabel kan niet worden gelezen. {error}")
    st.stop()
pt = vindplaatsen.partners_tabel(df, code, partners)
st.markdown(f"**Partners en wie zij bereiken in {naam}**")
ui.tabel(pt, "vindplaatsen partners", code, kolommen=vindplaatsen.partner_indicatoren(partners),
         titel=f"Partners en wie zij bereiken, {naam}", notes=vindplaatsen.partner_bronnen(pt),
         column_order=vindplaatsen.PARTNERS_SCHERM, column_config={"Basis van het aantal": st.column_config.TextColumn(width="large")})
with st.expander("Rol van elke partner volgens de handreiking"):
    ui.toon(vindplaatsen.partners_rollen(pt), statisch=True)
st.caption(
    "Partners, rollen en professionals: " + vindplaatsen.HANDREIKING + "; wijkteams en inburgering zijn een aanvulling "
    "van het dashboard. Indicatie 25–50%: ROA (2019), via " + vindplaatsen.ROA_URL + "."
)

with st.expander("Werkgevers naar sector"):
    werkgevers = vindplaatsen.werkgevers_sectoren(df, code)
    st.markdown(vindplaatsen.vestigingen_zin(df, code))
    structuur = sectorstructuur(df, keuze.regio) if keuze.regio and not keuze.gemeente else None
    if werkgevers is None and structuur is not None and structuur.gemeenten_met_gegevens:
        # No total for the region, but its gemeenten with figures are worth showing (as on Sectoren & beroepen).
        st.info(f"Vestigingen per sector zijn bekend voor {structuur.dekking} van {naam}; daarom per gemeente.")
        ui.tabel(sector_tabel(structuur.gemeenten), "vindplaatsen werkgevers sectoren per gemeente", code,
                 kolommen=["vestigingen_totaal"], titel=f"Bedrijfsvestigingen per sector per gemeente, {naam}",
                 toelichting=True)
    elif werkgevers is None:
        st.info(vindplaatsen.sectoren_ontbreken_zin(df, code, ontbrekend))
    else:
        ui.tabel(werkgevers, "vindplaatsen werkgevers sectoren", code, kolommen=["vestigingen_totaal"],
                 titel=f"Bedrijfsvestigingen per sector, {naam}", toelichting=True)

# --- the handreiking's table of professionals ---
st.subheader("Welke professionals betrek je?")
st.markdown("De tabel met te betrekken professionals uit de handreiking: waarom juist zij, en wie het zijn.")
ui.tabel(vindplaatsen.professionals_tabel(professionals), "vindplaatsen professionals handreiking", None,
         titel=vindplaatsen.HANDREIKING, statisch=True)
st.caption(f"Bron: {vindplaatsen.HANDREIKING}, bouwsteen bedrijven (tabel met te betrekken professionals). "
           "Tekst overgenomen; alleen spelfouten hersteld.")
