"""Regioprofiel: the handreiking's questions answered for one arbeidsmarktregio (or one of its gemeenten, next to
its region), on one page, with downloads as self-contained HTML (print on A4, or open as slides) and as PDF."""

import streamlit as st

from llo_dash import export_profiel, ui
from llo_dash.config import load_settings
from llo_dash.figures import plotly_config
from llo_dash.views import profiel, vindplaatsen

# The session keys of the uploads on Vindplaatsen (pages/vindplaatsen.py): a file uploaded there shows here too.
PARTNERS_UPLOAD, BEREIK_UPLOAD = "partners_upload", "bereik_upload"

keuze = ui.page_setup("Regioprofiel", ":material/description:")
st.markdown(profiel.INLEIDING)
if not keuze.regio:
    st.info("Kies links een arbeidsmarktregio: het profiel beschrijft één regio naast Nederland. Kies daarna eventueel "
            "een gemeente van die regio voor een profiel van de gemeente naast haar regio.")
    st.stop()

settings = load_settings()
typen = tuple(ui.bewaard(vindplaatsen.lees_professionals)["professionals"])
uit_map = profiel.uit_map(settings.uploads, keuze.df, typen)
eigen = profiel.EigenBestanden(ui.upload_stand(PARTNERS_UPLOAD).in_gebruik or uit_map.partners,
                               ui.upload_stand(BEREIK_UPLOAD).in_gebruik or uit_map.deelnemers)
code = keuze.gemeente or keuze.regio
rapport = ui.regioprofiel(keuze.df, code, eigen, typen)  # shared between sessions unless own files are in it
bestand = f"regioprofiel-{code}-{rapport.naam}".replace(" ", "-").replace("/", "-")
if rapport.is_gemeente:
    st.caption(f"Profiel van de gemeente {rapport.naam} naast de arbeidsmarktregio {rapport.regio_naam} en Nederland. "
               "Kies links geen gemeente voor het profiel van de hele regio.")

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
           "de presentatie toont per vraag eerst het antwoord en dan elke figuur schermvullend (pijltjestoetsen, Esc "
           "om te stoppen).")

# --- the profile: each heading is the handreiking's question, answered once ---
for nummer, sectie in enumerate(rapport.secties, start=1):
    st.header(f"{nummer}. {sectie.titel}", divider="gray")
    for zin in sectie.zinnen:
        if zin:
            st.markdown(zin)
    for kaart in sectie.kaarten:
        st.image(kaart.png())
        st.caption(f"Namen op de kaart: {', '.join(sorted(kaart.labels))}."
                   + (f" Zonder naam (geen ruimte): {', '.join(sorted(kaart.weggelaten))}." if kaart.weggelaten else "")
                   + " De HTML-download heeft de kaart als SVG.")
    for i, fig in enumerate(sectie.figuren):
        st.plotly_chart(fig, key=f"profiel_{nummer}_{i}", config=plotly_config(f"llo-profiel-{code}-{nummer}"))
    for titel, tabel in sectie.tabellen:
        ui.tabel(tabel, f"profiel {titel}", code, titel=titel, bronnen=sectie.bronnen, height="content")
    st.caption("  \n".join(dict.fromkeys(sectie.bronnen)))

st.header(f"{len(rapport.secties) + 1}. Vragen zonder cijfers: wat de handreiking aanraadt", divider="gray")
for verwijzing in rapport.verwijzingen:
    st.markdown(f"**{verwijzing.vraag}** {verwijzing.verwijzing} *({verwijzing.sectie})*")
