"""Vindplaatsen: where the target group lives (gemeenten, wijken) and which partners reach them."""

import streamlit as st

from llo_dash import doelgroep, queries, ui
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError

NIVEAU_LABELS = {"gemeente": "Gemeenten", "wijk": "Wijken"}

keuze = ui.page_setup("Vindplaatsen", ":material/location_on:")
df = keuze.df
code = keuze.gebied
naam = keuze.naam()
bestand_code = None if code == queries.NEDERLAND else code
ontbrekend = doelgroep.lees_ontbrekend(load_settings().data_dir)

st.markdown(
    "Waar wonen de laaggeletterden en laagopgeleiden, en wie komt met hen in contact? De kaart en tabel tonen per "
    "gemeente of wijk waar de doelgroep woont; daaronder staan de partners uit de handreiking met het aantal mensen "
    "dat elk van hen kan bereiken. Cijfers over laaggeletterdheid zijn een **schatting** met een marge."
)

# --- where: gemeenten or wijken ---
st.subheader("Waar wonen ze?")
links, rechts = st.columns([1, 2])
niveau = ui.url_keuze(
    links.radio, "Niveau", doelgroep.NIVEAUS, param="niveau", default="wijk" if keuze.gemeente else "gemeente",
    format_func=NIVEAU_LABELS.get, horizontal=True,
)
if niveau == "wijk" and not keuze.regio:
    st.info("Kies links een arbeidsmarktregio of gemeente om de wijken te zien. Hieronder staan de gemeenten van heel Nederland.")
    niveau = "gemeente"
opties = doelgroep.kaart_opties(df, doelgroep.VINDPLAATS_KAART_OPTIES[niveau])
indicator = ui.url_keuze(rechts.selectbox, "Indicator op de kaart", opties, param="indicator", default=opties[0],
                         format_func=lambda kolom: doelgroep.label(kolom, niveau))

if niveau == "wijk":
    selectie = f"gemeente {queries.naam(df, keuze.gemeente)}" if keuze.gemeente else f"arbeidsmarktregio {queries.naam(df, keuze.regio)}"
    plaats = queries.naam(df, keuze.gemeente or keuze.regio)
else:
    selectie = f"arbeidsmarktregio {queries.naam(df, keuze.regio)}" if keuze.regio else "Nederland"
    plaats = queries.naam(df, keuze.regio) if keuze.regio else "Nederland"
rijen = doelgroep.gebieden_van(df, niveau, keuze.regio, keuze.gemeente)
zinnen = [doelgroep.concentratie_zin(rijen, niveau, plaats), doelgroep.concentratie_zin(rijen, niveau, plaats, "laaggeletterd_nt2"),
          doelgroep.hoogste_aandeel_zin(rijen, niveau)]
st.markdown("\n".join(f"- {zin}" for zin in zinnen if zin))

waarden = doelgroep.kaartwaarden(rijen, indicator, niveau)
titel = f"{doelgroep.label(indicator, niveau)} per {niveau}, {selectie}"
fig = doelgroep.kaart(ui.grenzen(niveau), waarden, indicator, titel, highlight=keuze.markering(),
                      bron=queries.bronvermelding(indicator))
if fig is not None:
    ui.kaart(fig, key="vindplaatsen_kaart", bestandsnaam=f"llo-vindplaatsen-{indicator}-{niveau}-{code}")
grijs = int(waarden["waarde"].isna().sum())
if grijs:
    st.caption(f"Grijs: geen gegevens voor {grijs} van de {len(waarden)} {doelgroep.NIVEAU_MEERVOUD[niveau]} (zie onder de tabel).")
ui.source_note([indicator])
st.caption(doelgroep.grenzen_bron(niveau))

kolommen = doelgroep.VINDPLAATS_KOLOMMEN[niveau]
tabel, formats = doelgroep.vindplaatsen_tabel(df, niveau, keuze.regio, keuze.gemeente)
st.markdown(f"**{NIVEAU_LABELS[niveau]} in {selectie}** ({len(tabel)}), de meeste laaggeletterden (schatting) "
            "bovenaan. Deze tabel is ook de tabel bij de kaart.")
ui.show_table(tabel, formats)
ui.download_row(tabel, f"vindplaatsen {niveau}", keuze.gemeente or keuze.regio,
                notes=[f"Vindplaatsen per {niveau}, {selectie}", *dict.fromkeys(queries.bronvermelding(k) for k in kolommen)])
regels = doelgroep.ontbrekend_regels(rijen, kolommen, niveau, ontbrekend)
if regels:
    st.caption("**Geen gegevens** (nooit als 0 geteld):  \n" + "  \n".join(regels))
if niveau == "wijk":
    st.caption(doelgroep.WIJK_GROVER)
ui.source_note(list(kolommen), toelichting=False)

# --- who: partners and the number each can reach ---
st.subheader("Wie komt met hen in contact?")
st.markdown(doelgroep.partners_zin(df, code))
try:
    partners = doelgroep.lees_partners()
    professionals = doelgroep.lees_professionals()
except LloDashError as error:
    st.error(f"De partnertabel kan niet worden gelezen. {error}")
    st.stop()
pt = doelgroep.partners_tabel(df, code, partners)
st.markdown(f"**Partners en wie zij bereiken in {naam}**")
st.table(doelgroep.partners_weergave(pt))
ui.download_row(pt, "vindplaatsen partners", bestand_code,
                notes=[f"Partners en wie zij bereiken, {naam}", *dict.fromkeys(pt["Bron aantal"]),
                       *dict.fromkeys(pt["Bron rol"])])
ui.source_note(doelgroep.partner_indicatoren(partners), toelichting=False)
with st.expander("Rol van elke partner volgens de handreiking"):
    st.table(doelgroep.partners_rollen(pt))
st.caption(
    "Partners, rollen en professionals: " + doelgroep.HANDREIKING + "; wijkteams en inburgering zijn een aanvulling van "
    "het dashboard. Indicatie 25–50%: ROA (2019), via " + doelgroep.ROA_URL + "."
)

with st.expander("Werkgevers naar sector"):
    sectoren = doelgroep.werkgevers_sectoren(df, code)
    niveau_gebied = doelgroep.gebied(df, code)["niveau"]
    vestigingen = doelgroep.waarde(df, code, "bedrijfsvestigingen")
    st.markdown(f"{naam} telt {queries.waarde_tekst('bedrijfsvestigingen', vestigingen)} bedrijfsvestigingen "
                f"({queries.bronvermelding('bedrijfsvestigingen').removeprefix('Bron: ').rstrip('.')}). Welke sectoren en beroepen vaak "
                "laaggeletterden in dienst hebben, staat op de pagina *Sectoren & beroepen*.")
    if sectoren["Vestigingen"].isna().all():
        st.info(f"Vestigingen per sector: geen gegevens voor {naam}. "
                f"{doelgroep.reden_ontbrekend(ontbrekend, 'vestigingen_a_landbouw', niveau_gebied)} Kies een gemeente.")
    else:
        sector_tabel = sectoren.drop(columns="kolom")
        ui.show_table(sector_tabel, doelgroep.SECTOR_FORMATS)
        ui.download_row(sector_tabel, "vindplaatsen werkgevers sectoren", bestand_code,
                        notes=[f"Bedrijfsvestigingen per sector, {naam}", queries.bronvermelding("vestigingen_totaal")])
        ui.source_note(["vestigingen_totaal"])

# --- the handreiking's table of professionals ---
st.subheader("Welke professionals betrek je?")
st.markdown("De tabel met te betrekken professionals uit de handreiking: waarom juist zij, en wie het zijn.")
st.table(doelgroep.professionals_weergave(professionals))
ui.download_row(doelgroep.professionals_download(professionals), "vindplaatsen professionals handreiking", None,
                notes=[doelgroep.HANDREIKING])
st.caption(f"Bron: {doelgroep.HANDREIKING}, bouwsteen bedrijven (tabel met te betrekken professionals). "
           "Tekst overgenomen; alleen spelfouten hersteld.")
