"""Doelgroep: who the target group is in the chosen area (estimated low-literates and low-educated), next to Nederland."""

import streamlit as st

from llo_dash import figures, ui
from llo_dash.config import load_settings
from llo_dash.views import buren, doelgroep, queries
from llo_dash.views.doelgroep import uitkeringen

keuze = ui.page_setup("Doelgroep", ":material/groups:")
df = keuze.df
code = keuze.gebied
naam = keuze.naam()
schatting_bron = queries.bronvermelding(doelgroep.TOTAAL)
parameters = ui.bewaard(uitkeringen.parameters)

st.markdown(
    "Wie is de doelgroep in de regio? Hieronder staan de antwoorden op de vragen uit de handreiking "
    "(*Wie zijn de deelnemers en hoe kom je daaraan?*). Laaggeletterdheid per gemeente wordt nergens geteld: de "
    "cijfers zijn een **schatting** met een marge (zie *Bronnen & methode*). Kies links een arbeidsmarktregio of gemeente."
)

# --- headline metrics, with the difference from Nederland ---
st.subheader(f"Kerncijfers {keuze.titel}")
ui.metric_rij(df, code, doelgroep.KERN_METRICS, kort=True, per_rij=2)  # 4 in a row are cut off on a laptop

# --- the handreiking's questions, answered from the figures ---
st.subheader("Antwoorden op de vragen uit de handreiking")
st.markdown("\n".join(f"- **{vraag}** {antwoord}" for vraag, antwoord in doelgroep.doelgroep_zinnen(df, code, parameters)))
ui.source_note(["laaggeletterd_16_65", "laag_opgeleid", "werkloze_beroepsbevolking", "bijstandsuitkeringen", "ww_personen"],
               toelichting=False)

# --- all key figures next to the neighbours and Nederland ---
st.subheader("Kerncijfers naast de buren en Nederland")
niveau = "gemeente" if keuze.gemeente else "arbeidsmarktregio"
standaard = doelgroep.vergelijk_standaard(code, keuze.regio if keuze.gemeente else None,
                                          ui.bewaard(buren.buren, str(load_settings().data_dir), niveau))
keuzes = {gebied: f"{gebiedsnaam} ({gebied})" for gebied, gebiedsnaam in
          [(queries.NEDERLAND, "Nederland"), *queries.regio_opties(df), *queries.gemeente_opties(df)]}
codes = st.multiselect("Naast elkaar", list(keuzes), default=standaard, format_func=keuzes.get, max_selections=7,
                       key=f"doelgroep_kern_vergelijk_{code}",
                       help="Standaard: de gekozen regio of gemeente, de aangrenzende gebieden (een gedeelde grens op "
                            "de kaart) en Nederland. Kies er zelf andere bij of haal ze weg.") or [code]
kern = doelgroep.kerncijfers_tabel(df, codes)
ui.tabel(kern, "doelgroep kerncijfers", code, kolommen=doelgroep.kern_kolommen(df),
         titel=f"Kerncijfers {naam} naast de buren en Nederland", height="content",
         column_order=doelgroep.kern_scherm(kern))
st.caption("Op het scherm de waarden; onder- en bovengrens van elke schatting staan in de CSV- en Excel-download.")

# --- benefit recipients ---
st.subheader("Mensen met een uitkering")
uitk = doelgroep.uitkeringen_tabel(queries.rij(df, code), parameters)
ui.tabel(uitk, "doelgroep uitkeringen", code, titel=f"Laaggeletterden met een uitkering, {naam} (schatting)",
         bronnen=[*queries.bronregels(["bijstandsuitkeringen", "ww_personen", "ao_personen"]), schatting_bron],
         height="content")
st.caption("Schatting: het geschatte aandeel laaggeletterden van het gebied, omgerekend met gepubliceerde landelijke "
           "verhoudingen (bijstand, WW) of een aanname (AO); zie *Bronnen & methode*. " + doelgroep.OVERLAP)

# --- ages as rates ---
st.subheader("Leeftijd: aandeel per leeftijdsgroep")
leeftijd = doelgroep.leeftijd_tabel(df, code)
st.markdown(doelgroep.leeftijd_zin(leeftijd, naam))
ui.tabel(leeftijd, "doelgroep leeftijd", code, titel=f"Laaggeletterd per leeftijdsgroep, {naam} (schatting)",
         bronnen=[schatting_bron, *queries.bronregels(["inwoners_25_45"])], height="content")
st.caption(doelgroep.JONGVOLWASSENEN)

# --- NT1/NT2 × work ---
st.subheader("NT1 en NT2, werkend en niet-werkend")
nt = doelgroep.nt_arbeid_tabel(df, code)
titel = f"Laaggeletterden 16–65 jaar in {naam} naar herkomst en arbeid (schatting)"
st.plotly_chart(doelgroep.nt_arbeid_figuur(nt, titel, schatting_bron),
                config=figures.plotly_config(f"llo-doelgroep-nt-arbeid-{code}"))
ui.tabel(nt, "doelgroep nt1 nt2 arbeid", code, titel=titel, bronnen=[schatting_bron], height="content")
st.caption(
    "NT1 = geboren in Nederland, NT2 = eerste generatie (geboren buiten Nederland): een benadering van de moedertaal. "
    "Werkzoekend = werkloos volgens CBS (geen werk, zoekt en is direct beschikbaar). Voor de uitsplitsingen is geen "
    "aparte marge berekend; ze tellen op tot het totaal, waarvan de marge hierboven staat.  \n" + schatting_bron
)

# --- composition next to Nederland ---
st.subheader("Samenstelling naast Nederland")
samen = doelgroep.samenstelling_tabel(df, code)
titel = f"Samenstelling van de laaggeletterden 16–65 jaar, {naam}" + ("" if code == queries.NEDERLAND else " en Nederland")
st.plotly_chart(doelgroep.samenstelling_figuur(samen, naam, titel, schatting_bron),
                config=figures.plotly_config(f"llo-doelgroep-samenstelling-{code}"))
ui.tabel(samen, "doelgroep samenstelling", code, titel=titel, bronnen=[schatting_bron], height="content")
ui.source_note(["laaggeletterd_nt2_europa", "laaggeletterd_werkend", "laaggeletterd_16_25"])

# --- the gemeenten of the region: map and table ---
gebied_gemeenten = queries.naam(df, keuze.regio)
st.subheader(f"Gemeenten in {gebied_gemeenten}")
opties = queries.indicator_opties(df, "gemeente", doelgroep.KAART_OPTIES)
indicator = ui.url_keuze(st.selectbox, "Indicator op de kaart", opties, param="indicator", default=opties[0],
                         format_func=queries.indicator_naam)
ui.kaart_blok(keuze, "gemeente", indicator, regio=keuze.regio, key="doelgroep_kaart",
              titel=f"{queries.indicator_naam(indicator)} per gemeente, {gebied_gemeenten}",
              bestandsnaam=f"llo-doelgroep-{indicator}-{code}")
tabel = doelgroep.gemeentetabel(df, keuze.regio)
st.markdown(f"**Schatting en context per gemeente** ({len(tabel.frame)} gemeenten). Elke schatting met onder- en "
            "bovengrens; deze tabel is ook de tabel bij de kaart.")
ui.tabel(tabel, "doelgroep gemeenten", keuze.regio, kolommen=doelgroep.GEMEENTE_KOLOMMEN,
         titel=f"Doelgroep per gemeente, {gebied_gemeenten}", bron_noot=False)
if toelichting := doelgroep.toelichting_regel(tabel):
    st.caption("Toelichting bij de schatting — " + toelichting)
ui.source_note(list(doelgroep.GEMEENTE_KOLOMMEN), toelichting=False)
