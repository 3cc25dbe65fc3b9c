"""Vindplaatsen: where the target group lives (gemeenten, wijken) and which partners reach them."""

import streamlit as st

from llo_dash import ui
from llo_dash.errors import LloDashError
from llo_dash.formatting import markdown_veilig
from llo_dash.views import bereik, queries, vindplaatsen
from llo_dash.views.bereik import partners as eigen_partners
from llo_dash.views.doelgroep import uitkeringen
from llo_dash.views.vindplaatsen import rangorde
from llo_dash.views.sectoren.sectorstructuur import sector_tabel, sectorstructuur

BEREIK_UPLOAD = "bereik_upload"  # session: the collective's participants per gemeente (`ui.upload_blok`)
PARTNERS_UPLOAD = "partners_upload"  # session: the collective's own partners

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
if niveau == "wijk":
    st.caption(vindplaatsen.WIJK_GROVER)  # before the sentences it qualifies
zinnen = [vindplaatsen.concentratie_zin(rijen, niveau, plaats),
          vindplaatsen.concentratie_zin(rijen, niveau, plaats, "laaggeletterd_nt1"),
          vindplaatsen.concentratie_zin(rijen, niveau, plaats, "laaggeletterd_nt2")]
st.markdown("\n".join(f"- {zin}" for zin in zinnen if zin))

# --- which areas stand out: ranked by share, above a minimum size; the caveat first ---
st.markdown(f"**Waar is het aandeel het hoogst?** {rangorde.VOORBEHOUD}")
groep = ui.url_keuze(st.radio, "Groep", tuple(rangorde.GROEPEN), param="groep", default="totaal", horizontal=True,
                     format_func=lambda g: rangorde.GROEPEN[g][1].capitalize())
volgorde = rangorde.rangorde(rijen, groep)
st.markdown(rangorde.rangorde_zin(volgorde, groep, niveau, len(rijen)))
ui.tabel(rangorde.rangorde_tabel(volgorde, groep, niveau), f"vindplaatsen rangorde {groep} {niveau}",
         keuze.gemeente or keuze.regio, kolommen=[rangorde.GROEPEN[groep][0], "inwoners_15_65", "eerste_generatie_pct"],
         titel=f"Rangorde naar geschat aandeel, {selectie}", bron_noot=False)

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

# --- reach: the collective's own participants (an upload, kept in this session only) ---
st.subheader("Bereik van het collectief")
with st.expander("Deelnemers per gemeente uploaden", expanded=ui.upload_stand(BEREIK_UPLOAD).in_gebruik is None):
    st.markdown(
        "Hoeveel van de doelgroep bereikt het collectief al? Zet de eigen deelnemers per gemeente in het sjabloon en "
        "upload het: de pagina toont dan het bereik als deel van het geschatte aantal laaggeletterden, met de marge. "
        "De upload blijft alleen in deze sessie (niet op de server opgeslagen, nergens heen gestuurd).\n\n"
        "| kolom | inhoud |\n|---|---|\n"
        "| `gemeente_code` | CBS-code van de gemeente, bijvoorbeeld GM0392; of vul `gemeente` met de naam |\n"
        "| `gemeente` | naam zoals CBS die schrijft, bijvoorbeeld Bergen (NH.) (mag leeg als de code er staat) |\n"
        "| `groep` | NT1, NT2 of onbekend (mag leeg) |\n"
        "| `arbeid` | werkend, werkzoekend, niet-werkend of onbekend (mag leeg) |\n"
        "| `periode` | vrije tekst, bijvoorbeeld 2024 (mag leeg, dan op alle regels) |\n"
        "| `deelnemers` | aantal personen, een heel getal |\n\n"
        f"CSV of Excel (.xlsx), hoogstens {bereik.MAX_BYTES // 2**20} MB, zonder formules. De voorbeeldregels in het "
        "sjabloon zijn verzonnen: vervang ze."
    )
    ui.downloads([
        ui.Download("Sjabloon CSV", ui.bewaard(bereik.template_csv), "sjabloon_deelnemers.csv", "csv"),
        ui.Download("Sjabloon Excel", ui.bewaard(bereik.template_xlsx), "sjabloon_deelnemers.xlsx", "xlsx"),
    ], key="sjabloon-deelnemers")
    bereik_stand = ui.upload_blok(BEREIK_UPLOAD, "Bestand met deelnemers per gemeente (.csv of .xlsx)",
                                  lambda bestandsnaam, inhoud: bereik.valideer_bereik_upload(
                                      bestandsnaam, inhoud, gemeenten=bereik.gemeente_namen(df)))

if bereik_stand.afgekeurd is not None:
    st.error("De upload is afgekeurd: er is niets overgenomen. Meldingen:")
    st.code("\n".join(bereik_stand.afgekeurd.errors + bereik_stand.afgekeurd.warnings), language=None, wrap_lines=True)
elif (deelnemers := bereik_stand.in_gebruik) is None:
    st.info("Nog geen deelnemers geüpload: het bereik verschijnt hier na een upload.")
else:
    if deelnemers.warnings:
        st.warning("De upload is overgenomen, met deze waarschuwingen:")
        st.code("\n".join(deelnemers.warnings), language=None, wrap_lines=True)
    periode = None
    if deelnemers.periodes != [""]:
        periode = st.selectbox("Periode", deelnemers.periodes, index=len(deelnemers.periodes) - 1, key="bereik_periode")
    rijen_bereik = bereik.in_periode(deelnemers.data, periode)
    totaal_code = keuze.regio or queries.NEDERLAND
    gemeente_codes = bereik.gemeente_codes(df, keuze.regio, rijen_bereik)
    per_gemeente = bereik.bereik_per_gemeente(df, rijen_bereik, gemeente_codes, totaal_code)
    bron_bereik = bereik.bron_regel(deelnemers.filename, periode)
    regels = [bereik.bereik_zin(per_gemeente.iloc[-1], queries.naam(df, totaal_code), periode),
              bereik.nt1_zin(*bereik.nt1_aandelen(df, rijen_bereik, gemeente_codes, totaal_code), queries.naam(df, totaal_code)),
              bereik.ontbrekend_zin(per_gemeente), bereik.boven_100_zin(per_gemeente),
              bereik.buiten_zin(bereik.buiten_selectie(rijen_bereik, gemeente_codes), queries.naam(df, totaal_code))]
    st.markdown("\n".join(f"- {regel}" for regel in regels if regel))
    st.caption(bereik.METHODE)
    ui.tabel(bereik.bereik_tabel(per_gemeente), "bereik per gemeente", totaal_code, bronnen=[bron_bereik],
             titel=f"Bereik van het collectief per gemeente, {queries.naam(df, totaal_code)}")
    st.markdown("**Bereik per groep**")
    ui.tabel(bereik.groepen_tabel(bereik.bereik_per_groep(df, rijen_bereik, gemeente_codes, totaal_code)),
             "bereik per groep", totaal_code, bronnen=[bron_bereik],
             titel=f"Bereik van het collectief per groep, {queries.naam(df, totaal_code)}")
    ui.kaart_waarden(keuze, bereik.kaartwaarden(per_gemeente), bereik.BEREIK_INDICATOR, niveau="gemeente",
                     titel=f"Bereik van het collectief per gemeente, {queries.naam(df, totaal_code)}",
                     key="bereik_kaart", bestandsnaam=f"llo-bereik-{totaal_code}", bron=bron_bereik)
    st.caption(markdown_veilig(bron_bereik))

# --- who: partners and the number each can reach ---
st.subheader("Wie komt met hen in contact?")
st.markdown(vindplaatsen.partners_zin(df, code, ui.bewaard(uitkeringen.parameters)))
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
with ui.uitklap("Rol van elke partner volgens de handreiking", "rollen") as uitgeklapt:
    if uitgeklapt:
        ui.toon(vindplaatsen.partners_rollen(pt), statisch=True)
st.caption(
    "Partners, rollen en professionals: " + vindplaatsen.HANDREIKING + "; wijkteams en inburgering zijn een aanvulling "
    "van het dashboard. Indicatie 25–50%: ROA (2019), via " + vindplaatsen.ROA_URL + "."
)

# --- the collective's own partners (an upload, kept in this session only; no geocoding) ---
typen = tuple(professionals["professionals"])
with st.expander("Eigen partners uploaden", expanded=ui.upload_stand(PARTNERS_UPLOAD).afgekeurd is not None):
    st.markdown(
        "Zet de partners van het collectief in het sjabloon (naam, `type` uit de tabel met professionals: "
        f"{', '.join(typen)}; gemeente met code of naam; eventueel `wijk_code` en de `groepen` die ze bereiken) en "
        "upload het: je ziet dan per gemeente hoeveel partners er zijn en wie ze samen bereiken. Er wordt geen adres "
        "opgezocht. De upload blijft alleen in deze sessie."
    )
    ui.downloads([
        ui.Download("Sjabloon CSV", ui.bewaard(eigen_partners.template_csv), "sjabloon_partners.csv", "csv"),
        ui.Download("Sjabloon Excel", ui.bewaard(eigen_partners.template_xlsx, typen), "sjabloon_partners.xlsx", "xlsx"),
    ], key="sjabloon-partners")
    partners_stand = ui.upload_blok(PARTNERS_UPLOAD, "Bestand met partners (.csv of .xlsx)",
                                    lambda bestandsnaam, inhoud: eigen_partners.valideer_partners_upload(
                                        bestandsnaam, inhoud, gemeenten=bereik.gemeente_namen(df),
                                        wijken=eigen_partners.wijk_gemeenten(df), typen=typen))
if partners_stand.afgekeurd is not None:
    st.error("De partnerupload is afgekeurd: er is niets overgenomen. Meldingen:")
    st.code("\n".join(partners_stand.afgekeurd.errors + partners_stand.afgekeurd.warnings), language=None, wrap_lines=True)
elif (eigen := partners_stand.in_gebruik) is not None:
    if eigen.warnings:
        st.code("\n".join(eigen.warnings), language=None, wrap_lines=True)
    partner_codes = bereik.gemeente_codes(df, keuze.regio, eigen.data)
    gebied_naam = queries.naam(df, keuze.regio)
    bron_partners = f"Bron: partners uit de upload {eigen.filename} (alleen in deze sessie)."
    st.markdown(f"**Eigen partners per gemeente, {gebied_naam}**")
    ui.tabel(eigen_partners.partners_per_gemeente(eigen.data, {c: queries.naam(df, c) for c in partner_codes}, typen),
             "eigen partners per gemeente", keuze.regio, bronnen=[bron_partners],
             titel=f"Eigen partners per gemeente, {gebied_naam}")
    ui.tabel(eigen_partners.partnerlijst(eigen.data, partner_codes), "eigen partners", keuze.regio, bronnen=[bron_partners],
             titel=f"Eigen partners, {gebied_naam}")
    st.caption(markdown_veilig(bron_partners))

with ui.uitklap("Werkgevers naar sector", "werkgevers") as uitgeklapt:
    if uitgeklapt:
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
