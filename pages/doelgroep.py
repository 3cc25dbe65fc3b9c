"""Doelgroep: who the target group is in the chosen area (estimated low-literates and low-educated), next to Nederland."""

import streamlit as st

from llo_dash import doelgroep, figures, queries, ui

keuze = ui.page_setup("Doelgroep", ":material/groups:")
df = keuze.df
code = keuze.gebied
naam = keuze.naam()
bestand_code = None if code == queries.NEDERLAND else code  # file names say "nederland" without a choice
schatting_bron = queries.bronvermelding(doelgroep.TOTAAL)

st.markdown(
    "Wie is de doelgroep in de regio? Hieronder staan de antwoorden op de vragen uit de handreiking "
    "(*Wie zijn de deelnemers en hoe kom je daaraan?*). Laaggeletterdheid per gemeente wordt nergens geteld: de "
    "cijfers zijn een **schatting** met een marge (zie *Bronnen & methode*). Kies links een arbeidsmarktregio of gemeente."
)

# --- headline metrics, with the difference from Nederland ---
st.subheader(f"Kerncijfers {doelgroep.gebied_titel(df, code)}")
for column, metric in zip(st.columns(len(doelgroep.KERN_METRICS)), doelgroep.kern_metrics(df, code)):
    column.metric(metric["label"], metric["waarde"], delta=metric["delta"], delta_color="off", delta_arrow="off",
                  help=metric["bron"])
    column.caption(metric["marge"])

# --- the handreiking's questions, answered from the figures ---
st.subheader("Antwoorden op de vragen uit de handreiking")
st.markdown("\n".join(f"- **{vraag}** {antwoord}" for vraag, antwoord in doelgroep.doelgroep_zinnen(df, code)))
ui.source_note(["laaggeletterd_16_65", "laag_opgeleid", "werkloze_beroepsbevolking", "bijstandsuitkeringen", "ww_personen"],
               toelichting=False)

# --- all key figures next to Nederland ---
st.subheader("Kerncijfers naast Nederland")
codes = doelgroep.vergelijk_codes(code, keuze.regio)
kern = doelgroep.kerncijfers_tabel(df, codes)
ui.show_table(doelgroep.kerncijfers_weergave(kern, [doelgroep.gebied_titel(df, c) for c in codes]), {}, height="content")
ui.download_row(kern.drop(columns="kolom"), "doelgroep kerncijfers", bestand_code,
                notes=[f"Kerncijfers {naam} naast Nederland", *dict.fromkeys(kern["Bron"])])
ui.source_note(list(kern["kolom"]), toelichting=False)

# --- NT1/NT2 × work ---
st.subheader("NT1 en NT2, werkend en niet-werkend")
nt = doelgroep.nt_arbeid_tabel(df, code)
titel = f"Laaggeletterden 16–65 jaar in {naam} naar herkomst en arbeid (schatting)"
st.plotly_chart(doelgroep.nt_arbeid_figuur(nt, titel, schatting_bron),
                config=figures.plotly_config(f"llo-doelgroep-nt-arbeid-{code}"))
ui.show_table(nt, doelgroep.NT_ARBEID_FORMATS, height="content")
ui.download_row(nt, "doelgroep nt1 nt2 arbeid", bestand_code, notes=[titel, schatting_bron])
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
ui.show_table(samen, doelgroep.samenstelling_formats(samen), height="content")
ui.download_row(samen, "doelgroep samenstelling", bestand_code, notes=[titel, schatting_bron])
ui.source_note(["laaggeletterd_nt2_europa", "laaggeletterd_werkend", "laaggeletterd_16_25"])

# --- the gemeenten of the region: map and table ---
gebied_gemeenten = queries.naam(df, keuze.regio) if keuze.regio else "Nederland"
st.subheader(f"Gemeenten in {gebied_gemeenten}")
opties = doelgroep.kaart_opties(df, doelgroep.DOELGROEP_KAART_OPTIES)
indicator = ui.url_keuze(st.selectbox, "Indicator op de kaart", opties, param="indicator", default=opties[0],
                         format_func=queries.indicator_naam)
rijen = doelgroep.gemeenten(df, keuze.regio)
waarden = doelgroep.kaartwaarden(rijen, indicator, "gemeente")
titel = f"{queries.indicator_naam(indicator)} per gemeente, {gebied_gemeenten}"
fig = doelgroep.kaart(ui.grenzen("gemeente"), waarden, indicator, titel, highlight=keuze.markering(),
                      bron=queries.bronvermelding(indicator))
if fig is not None:
    ui.kaart(fig, key="doelgroep_kaart", bestandsnaam=f"llo-doelgroep-{indicator}-{code}")
ontbrekend = int(waarden["waarde"].isna().sum())
if ontbrekend:
    st.caption(f"Grijs: geen gegevens voor {ontbrekend} van de {len(waarden)} gemeenten.")
ui.source_note([indicator], kaart=True)
tabel, formats = doelgroep.doelgroep_gemeentetabel(df, keuze.regio)
st.markdown(f"**Schatting en context per gemeente** ({len(tabel)} gemeenten). Elke schatting met onder- en bovengrens; "
            "deze tabel is ook de tabel bij de kaart.")
ui.show_table(tabel, formats)
ui.download_row(tabel, "doelgroep gemeenten", keuze.regio,
                notes=[f"Doelgroep per gemeente, {gebied_gemeenten}",
                       *dict.fromkeys(queries.bronvermelding(k) for k in doelgroep.DOELGROEP_GEMEENTE_KOLOMMEN)])
opmerkingen = [f"{gemeente}: {tekst}" for gemeente, tekst in zip(tabel["Naam"], tabel[doelgroep.TOELICHTING]) if tekst]
if opmerkingen:
    st.caption("Toelichting bij de schatting — " + "; ".join(opmerkingen))
ui.source_note(list(doelgroep.DOELGROEP_GEMEENTE_KOLOMMEN), toelichting=False)
