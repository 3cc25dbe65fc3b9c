"""Trends: de regio door de jaren heen, naast Nederland, de buurregio's en de gekozen gemeente.

The indicator lives in the link (`?indicator=ww_personen`). Logic: `llo_dash.views.trends`.
"""

import streamlit as st

from llo_dash import figures, ui
from llo_dash.config import load_settings
from llo_dash.views import buren as gebiedsburen
from llo_dash.views import queries
from llo_dash.views import trends as tr

keuze = ui.page_setup("Trends", ":material/trending_up:")
trends = ui.lees_tabel("trends")
st.markdown(tr.INTRO)

opties = tr.indicator_opties(trends)
links, rechts = st.columns([2, 1])
with links:
    indicator = ui.url_keuze(st.selectbox, "Indicator", opties, param="indicator",
                             default=tr.standaard_indicator(opties), format_func=tr.indicator_naam)
per_maand = False
if tr.heeft_maanden(trends, indicator):
    with rechts:
        per_maand = st.radio("Weergave", tr.WEERGAVEN, horizontal=True, key="_w_trends_weergave") == tr.WEERGAVEN[1]

regio, gemeente = keuze.regio, keuze.gemeente
buren = ui.bewaard(gebiedsburen.buren, str(load_settings().data_dir), "arbeidsmarktregio").get(regio, []) if regio else []
namen = {code: queries.naam(keuze.df, code) for code in [queries.NEDERLAND, regio, gemeente, *buren] if code}
lijnen = tr.lijnen(trends, indicator, namen, regio, gemeente, buren, per_maand=per_maand)
hoofd = regio or queries.NEDERLAND

if not regio:
    st.info(tr.GEEN_REGIO)
if gemeente and gemeente not in [lijn.code for lijn in lijnen]:
    st.info(tr.geen_gemeentecijfers(indicator, namen[gemeente]))

perioden = tr.perioden(trends, indicator, per_maand=per_maand)
if len(perioden) == 1:
    st.info(tr.een_periode(indicator, perioden[0]))
for zin in tr.trendzinnen(trends, hoofd, [indicator], gebiedsnaam=namen[hoofd]):
    st.markdown(f"**{zin}**")
if gemeente:
    for zin in tr.trendzinnen(trends, gemeente, [indicator], gebiedsnaam=namen[gemeente]):
        st.markdown(zin)

bron = tr.bronregel(trends, indicator, per_maand=per_maand)
notes = tr.toelichtingen(trends, indicator, per_maand=per_maand)
titel = tr.grafiek_titel(indicator, namen[hoofd], per_maand=per_maand, maandreeks=tr.heeft_maanden(trends, indicator))
st.plotly_chart(tr.trendgrafiek(lijnen, indicator, titel=titel, bron=[bron]), key="trends_grafiek",
                config=figures.plotly_config(f"llo-trend-{indicator}-{hoofd}"))
st.caption("  \n".join([bron, *notes]))
with ui.uitklap("Cijfers van de grafiek", "grafiek") as uitgeklapt:
    if uitgeklapt:
        ui.tabel(tr.grafiektabel(lijnen, indicator), f"trend {indicator}", hoofd, titel=titel, bronnen=[bron],
                 notes=notes)

st.subheader("Laatste stand, verandering en rang")
tabel_bron = tr.bronregel(trends, indicator)
ui.tabel(tr.standtabel(trends, indicator, lijnen), f"trend stand {indicator}", hoofd,
         titel=tr.tabel_titel(indicator, namen[hoofd]), bronnen=[tabel_bron],
         notes=[*tr.toelichtingen(trends, indicator), tr.RANG_UITLEG])
st.caption("  \n".join([tabel_bron, tr.RANG_UITLEG]))
