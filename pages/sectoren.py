"""Sectoren & beroepen: occupations with much low literacy, their tension, and the region's sector structure.

Widgets and layout only: the figures, texts and tables come from `llo_dash.views.sectoren`; the upload of
the region's own UWV figures is checked by `views.sectoren.upload` and kept in this user's session only
(`ui.upload_blok`).
"""

import streamlit as st

from llo_dash import indicators, ui
from llo_dash.figures import plotly_config
from llo_dash.formatting import markdown_veilig, opsomming
from llo_dash.views import queries
from llo_dash.views.sectoren import beroepen, figures, sectorstructuur, text, typering, upload

UPLOAD = "sectoren_upload"  # session: the upload of the region's UWV figures (`ui.upload_blok`)


def _bronnen(regels: list[str]) -> None:
    """Source lines as a caption; escaped, because one of them may name an uploaded file."""
    st.caption("  \n".join(markdown_veilig(regel) for regel in regels))


def _controleer(bestandsnaam: str, inhoud: bytes) -> upload.UploadResult:
    return upload.validate_tension_upload(bestandsnaam, inhoud, regio_codes=beroepen.regio_codes(df),
                                          brc=beroepen.brc_groepen(tabel_beroepen))


keuze = ui.page_setup("Sectoren & beroepen", ":material/work:", gemeente_kiezer=False)
regio = keuze.regio
df = keuze.df
tabel_beroepen = ui.lees_tabel("beroepen")
typering_tabel, nl_totaal = ui.bewaard(typering.referentie)
sector_indeling = ui.bewaard(sectorstructuur.sector_indeling)
regio_naam = queries.naam(df, regio)

st.markdown(
    "In welke beroepen en sectoren werken veel mensen die moeite hebben met basisvaardigheden, en waar zijn tekorten? "
    "Daar vindt een LLO-Collectief werkgevers om mee samen te werken. "
    + (f"Je ziet **{regio_naam}** naast Nederland." if regio else "Kies links een arbeidsmarktregio voor de regio.")
)

# --- upload of the region's own UWV tension figures (session only) ---------------------
with st.expander("Eigen UWV-spanningscijfers van de regio uploaden", expanded=ui.upload_stand(UPLOAD).afgekeurd is not None):
    st.markdown(
        "UWV publiceert de spanningsindicator per arbeidsmarktregio en beroepsgroep in zijn dashboard "
        "(uwv.nl/arbeidsmarktinformatie). Zet die cijfers in het sjabloon en upload het: de pagina gebruikt dan voor de "
        "gekozen regio jouw regiocijfers in plaats van de landelijke. De upload blijft alleen in deze sessie "
        "(niet op de server opgeslagen) en verdwijnt als je de pagina sluit.\n\n"
        "| kolom | inhoud |\n|---|---|\n"
        "| `arbeidsmarktregio_code` | CBS-code van de regio, bijvoorbeeld AM12 |\n"
        "| `beroepsgroep_code` | BRC 2014-beroepsgroep, vier cijfers als tekst (0771); of vul `beroepsgroep` met de naam |\n"
        "| `beroepsgroep` | naam van de BRC-beroepsgroep (mag leeg als de code er staat) |\n"
        "| `periode` | kwartaal, bijvoorbeeld 2024K3 |\n"
        "| `spanningsindicator` | getal, decimale komma of punt (1,85) |\n\n"
        f"CSV (puntkomma of komma) of Excel (.xlsx), hoogstens {upload.MAX_BYTES // 2**20} MB, zonder formules. "
        "De voorbeeldregels in het sjabloon zijn verzonnen: vervang ze."
    )
    ui.downloads([
        ui.Download("Sjabloon CSV", ui.bewaard(upload.template_csv), "sjabloon_spanningsindicator.csv", "csv"),
        ui.Download("Sjabloon Excel", ui.bewaard(upload.template_xlsx), "sjabloon_spanningsindicator.xlsx", "xlsx"),
    ], key="sjabloon")
    stand = ui.upload_blok(UPLOAD, "Bestand met spanningsindicatoren (.csv of .xlsx)", _controleer)

if stand.afgekeurd is not None:
    st.error("De upload is afgekeurd: er is niets overgenomen. Je ziet de landelijke spanningscijfers. Meldingen:")
    st.code("\n".join(stand.afgekeurd.errors + stand.afgekeurd.warnings), language=None, wrap_lines=True)

bron = beroepen.SpanningBron()
upload_data = None
if (in_gebruik := stand.in_gebruik) is not None:
    naam_code = text.code_span(in_gebruik.filename)
    periodes = in_gebruik.periodes(regio) if regio else []
    if in_gebruik.warnings:
        st.warning(f"De upload {naam_code} is overgenomen, met deze waarschuwingen:")
        st.code("\n".join(in_gebruik.warnings), language=None, wrap_lines=True)
    if not regio:
        st.info(f"De upload {naam_code} bevat regiocijfers voor {', '.join(in_gebruik.regios)}. Kies links een van die "
                "regio's om ze te gebruiken; voor Nederland zie je de landelijke cijfers.")
    elif not periodes:
        st.info(f"De upload {naam_code} bevat geen cijfers voor {regio_naam} ({regio}), wel voor "
                f"{', '.join(in_gebruik.regios)}. Je ziet de landelijke spanningscijfers.")
    else:
        periode = periodes[-1]
        if len(periodes) > 1:
            periode = st.selectbox("Periode van de regionale spanningscijfers", periodes, index=len(periodes) - 1,
                                   key="sectoren_periode")
        upload_data = in_gebruik.data
        bron = beroepen.SpanningBron(in_gebruik.filename, periode, True)
        st.success(f"Spanning: regionale UWV-cijfers van {regio_naam} uit de upload {naam_code}, periode {periode} "
                   "(alleen in deze sessie).", icon=":material/upload_file:")

spanning_getoond = beroepen.spanning_per_beroep(tabel_beroepen, upload_data, regio if bron.regionaal else None, bron.periode)
alle_beroepen = beroepen.beroepen_overzicht(tabel_beroepen, df, regio, spanning_getoond, alle=True)
overzicht = beroepen.handreiking_beroepen(alle_beroepen)
structuur = sectorstructuur.sectorstructuur(df, regio)
bronregels = text.bronregels(bron, regio)

# --- the two handreiking questions, answered from the figures ----------------------------
st.subheader("Antwoorden op de vragen uit de handreiking")
st.markdown("**In welke sectoren werken meer mensen die moeite hebben met basisvaardigheden? Hoe zijn deze sectoren "
            "vertegenwoordigd in onze regio?**  \n" + text.antwoord_sectoren(overzicht, df, regio, structuur,
                                                                              indeling=sector_indeling))
st.markdown("**In welke sectoren zijn arbeidsmarkttekorten waar scholing een antwoord op kan zijn?**  \n"
            + text.antwoord_tekorten(overzicht, df, regio, bron, nl_totaal))
st.caption("Schattingen zijn geen tellingen; de bronnen staan onder elke tabel en figuur.")

# --- occupations --------------------------------------------------------------------------
st.subheader("Beroepen met veel laaggeletterdheid en laaggecijferdheid")
aantallen = "nederland"
if regio:
    aantallen = st.radio("Aantallen in de figuur", ["nederland", "regio"], horizontal=True, key="sectoren_aantallen",
                         format_func=lambda k: "Nederland (CBS 2023)" if k == "nederland" else f"{regio_naam} (grove schatting)")
figuur_regio = regio if aantallen == "regio" else None
fig = figures.figuur_beroepen(overzicht, regio_naam=regio_naam if figuur_regio else None,
                              bron=text.figuur_bronregels(bron, figuur_regio, "beroepen"))
st.plotly_chart(fig, key="sectoren_beroepen", theme=None, config=plotly_config(f"llo-beroepen-{regio or 'NL'}"))
alle = st.toggle("Alle 114 BRC-beroepsgroepen in de tabel", key="sectoren_alle",
                 help="Standaard de 11 beroepen uit de twee lijsten van de handreiking.")
tabel = beroepen.beroepen_tabel(alle_beroepen if alle else overzicht, regionaal=bool(regio))
ui.tabel(tabel, "sectoren beroepen", regio, titel="Beroepen met veel laaggeletterdheid en laaggecijferdheid",
         bronnen=bronregels, height="content" if len(tabel.frame) <= 20 else "auto")
st.caption(text.beroepen_toelichting(df, regio))
_bronnen(bronregels)

# --- matrix --------------------------------------------------------------------------------
st.subheader("Kansrijke beroepen: laaggeletterdheid × krapte")
st.markdown("Rechtsboven staan beroepen met veel laaggeletterde werkenden én veel vacatures per werkzoekende: daar "
            "hebben werkgevers belang bij scholing van hun eigen mensen en van nieuwe instroom.")
titel = f"Kansrijke beroepen{' in ' + regio_naam if bron.regionaal else ''}: % laaggeletterd × spanning"
matrix_bronnen = text.figuur_bronregels(bron, None, "matrix")
fig = figures.figuur_matrix(overzicht, typering_tabel, titel=titel, bron=matrix_bronnen)
st.plotly_chart(fig, key="sectoren_matrix", theme=None, config=plotly_config(f"llo-kansrijke-beroepen-{regio or 'NL'}"))
niet_geplaatst = [f"- {reden}: {opsomming(namen)}" for reden, namen in beroepen.zonder_gegevens(overzicht).items() if namen]
if niet_geplaatst:
    st.markdown("**Niet in de matrix** (gegevens ontbreken):\n" + "\n".join(niet_geplaatst))
with st.expander("Tabel bij de matrix"):
    ui.tabel(beroepen.matrix_tabel(overzicht), "sectoren kansrijke beroepen", regio, titel=titel, bronnen=matrix_bronnen)
with st.expander("Wat betekent de spanningsindicator?"):
    definitie, typeringen, noot = typering.typering_uitleg(typering_tabel)
    st.markdown(definitie)
    ui.tabel(typeringen, "spanningsindicator typering", None, titel="Typering van de UWV-spanningsindicator",
             bronnen=[noot])
    st.caption(noot)

# --- sector structure ---------------------------------------------------------------------
st.subheader(f"Sectorstructuur: {regio_naam} naast Nederland" if regio else "Sectorstructuur van Nederland")
ui.tabel(sectorstructuur.totalen_tabel(df, regio), "sectoren totalen", regio, kolommen=sectorstructuur.TOTAAL_KOLOMMEN,
         titel=f"Banen, vestigingen en werkzame beroepsbevolking, {regio_naam}")

sector_bronnen = sectorstructuur.sector_bronnen(structuur)
if structuur.volledig:
    fig = figures.figuur_sectoren(structuur.regio_tabel, gebied_naam=structuur.gebied_naam,
                                  titel=f"Bedrijfsvestigingen per sectorgroep: {structuur.gebied_naam}"
                                  + (" en Nederland" if regio else ""), bron=sector_bronnen)
    st.plotly_chart(fig, key="sectoren_sectoren", theme=None, config=plotly_config(f"llo-sectoren-{regio or 'NL'}"))
    with st.expander("Tabel bij de figuur"):
        ui.tabel(sectorstructuur.sector_tabel(structuur.regio_tabel), "sectoren vestigingen", regio,
                 titel=f"Bedrijfsvestigingen per sectorgroep, {structuur.gebied_naam}", bronnen=sector_bronnen)
else:
    st.info(text.geen_regiocijfer_tekst(structuur))
    if structuur.gemeenten_met_gegevens:
        fig = figures.figuur_lq(structuur.gemeenten, titel=f"Locatiequotiënt vestigingen per sectorgroep, gemeenten in {regio_naam}",
                                bron=sector_bronnen)
        st.plotly_chart(fig, key="sectoren_lq", theme=None, config=plotly_config(f"llo-sectoren-gemeenten-{regio}"))
        with st.expander("Tabel bij de figuur"):
            # On screen gemeente × sector (as the heatmap); the downloads have every figure per gemeente and sector.
            ui.toon(sectorstructuur.lq_tabel(structuur.gemeenten))
            ui.download_row(sectorstructuur.sector_tabel(structuur.gemeenten), "sectoren vestigingen per gemeente", regio,
                            titel=f"Vestigingen per sectorgroep per gemeente, {regio_naam}", bronnen=sector_bronnen)
    st.caption(text.NODIG_VOOR_SECTOREN)
ui.source_note(["vestigingen_totaal", *indicators.SECTOREN], toelichting=False)
