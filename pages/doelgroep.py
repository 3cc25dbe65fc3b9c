"""Doelgroep: who the target group is in the chosen area (estimated low-literates and low-educated), next to Nederland."""

import streamlit as st

from llo_dash import figures, ui
from llo_dash.views import doelgroep, queries

keuze = ui.page_setup("Doelgroep", ":material/groups:")
df = keuze.df
code = keuze.gebied
naam = keuze.naam()
schatting_bron = queries.bronvermelding(doelgroep.TOTAAL)

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
st.markdown("\n".join(f"- **{vraag}** {antwoord}" for vraag, antwoord in doelgroep.doelgroep_zinnen(df, code)))
ui.source_note(["laaggeletterd_16_65", "laag_opgeleid", "werkloze_beroepsbevolking", "bijstandsuitkeringen", "ww_personen"],
               toelichting=False)

# --- all key figures next to Nederland ---
st.subheader("Kerncijfers naast Nederland")
ui.tabel(doelgroep.kerncijfers_tabel(df, keuze.vergelijk_codes), "doelgroep kerncijfers", code,
         kolommen=doelgroep.kern_kolommen(df), titel=f"Kerncijfers {naam} naast Nederland", height="content")

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
