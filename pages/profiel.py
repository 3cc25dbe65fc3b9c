"""Regioprofiel: the handreiking's questions answered for one arbeidsmarktregio, on one page, with downloads as
self-contained HTML (print on A4, or open as slides) and as PDF."""

import streamlit as st

from llo_dash import export_profiel, ui
from llo_dash.config import load_settings
from llo_dash.figures import plotly_config
from llo_dash.views import profiel

keuze = ui.page_setup("Regioprofiel", ":material/description:", gemeente_kiezer=False)
st.markdown(profiel.INLEIDING)
if not keuze.regio:
    st.info("Kies links een arbeidsmarktregio: het profiel beschrijft één regio naast Nederland.")
    st.stop()

regio = keuze.regio
rapport = profiel.maak_profiel(keuze.df, regio, load_settings().data_dir, ui.lees_tabel("beroepen"))
bestand = f"regioprofiel-{regio}-{rapport.naam}".replace(" ", "-").replace("/", "-")

# --- downloads: made on click (the HTML carries plotly.js; the PDF needs Chromium) ---
st.subheader("Downloaden")
rij = st.container(horizontal=True)
rij.download_button("Profiel (HTML, afdrukbaar)", data=lambda: export_profiel.profiel_html(rapport).encode("utf-8"),
                    file_name=f"{bestand}.html", mime="text/html", on_click="ignore", icon=":material/download:")
rij.download_button("Presentatie (HTML, 16:9)", data=lambda: export_profiel.profiel_html(rapport, start="dia").encode("utf-8"),
                    file_name=f"{bestand}-presentatie.html", mime="text/html", on_click="ignore", icon=":material/slideshow:")
rij.download_button("Profiel (PDF, A4)", data=lambda: export_profiel.html_naar_pdf(export_profiel.profiel_html(rapport)),
                    file_name=f"{bestand}.pdf", mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:")
st.caption("De HTML werkt zonder internet. Afdrukken vanuit de browser geeft A4 met elke vraag op een nieuwe pagina; "
           "de presentatie toont één figuur per scherm (pijltjestoetsen, Esc om te stoppen).")

# --- the profile ---
for nummer, sectie in enumerate(rapport.secties, start=1):
    st.header(f"{nummer}. {sectie.titel}", divider="gray")
    st.markdown("\n".join(f"- *{vraag}*" for vraag in sectie.vragen))
    for zin in sectie.zinnen:
        if zin:
            st.markdown(zin)
    for kaart in sectie.kaarten:
        st.image(kaart.png())
        st.caption(f"Namen op de kaart: {', '.join(sorted(kaart.labels))}. De HTML-download heeft de kaart als SVG.")
    for i, fig in enumerate(sectie.figuren):
        st.plotly_chart(fig, key=f"profiel_{nummer}_{i}", config=plotly_config(f"llo-profiel-{regio}-{nummer}"))
    for titel, tabel in sectie.tabellen:
        ui.tabel(tabel, f"profiel {titel}", regio, titel=titel, bronnen=sectie.bronnen, height="content")
    st.caption("  \n".join(dict.fromkeys(sectie.bronnen)))

st.header(f"{len(rapport.secties) + 1}. Vragen zonder cijfers: wat de handreiking aanraadt", divider="gray")
for verwijzing in rapport.verwijzingen:
    st.markdown(f"**{verwijzing.vraag}** {verwijzing.verwijzing} *({verwijzing.sectie})*")
