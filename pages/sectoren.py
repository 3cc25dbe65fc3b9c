"""Sectoren & beroepen: occupations with much low literacy, their tension, and the region's sector structure.

Widgets and layout only: the figures, texts and tables come from `llo_dash.views.sectoren`; the upload of
the region's own UWV figures is checked by `views.sectoren.upload` and kept in this user's session only
(`ui.upload_blok`).
"""

import streamlit as st

from llo_dash import indicators, ui
from llo_dash.figures import plotly_config
from llo_dash.ui import uploads_map
from llo_dash.formatting import markdown_veilig, opsomming
from llo_dash.views import queries
from llo_dash.views.sectoren import (
    banen_sector,
    beroepen,
    beroepentrend,
    beroepsstructuur,
    figures,
    matrix_sector,
    sectorstructuur,
    text,
    typering,
    upload,
    vacatures,
)

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
vacatures_tabel = ui.lees_tabel("vacatures", verplicht=False)
klassen_tabel = ui.lees_tabel("beroepsklassen_regio", verplicht=False)
trend_tabel = ui.lees_tabel("beroepen_trend", verplicht=False)
banen_tabel = ui.lees_tabel("banen_sector", verplicht=False)  # issue 11: rows only after a build with internet

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
        "De voorbeeldregels in het sjabloon zijn verzonnen: vervang ze.\n\n"
        "Draai je het dashboard zelf, dan kun je het bestand ook in de map met uploads zetten (`config.toml`, "
        "`[data] uploads`, of `LLO_DASH_UPLOADS`): het blijft dan na een herstart in gebruik, zolang er in de sessie "
        "geen upload is."
    )
    ui.downloads([
        ui.Download("Sjabloon CSV", ui.bewaard(upload.template_csv), "sjabloon_spanningsindicator.csv", "csv"),
        ui.Download("Sjabloon Excel", ui.bewaard(upload.template_xlsx), "sjabloon_spanningsindicator.xlsx", "xlsx"),
    ], key="sjabloon")
    stand = ui.upload_blok(UPLOAD, "Bestand met spanningsindicatoren (.csv of .xlsx)", _controleer)

if stand.afgekeurd is not None:
    st.error("De upload is afgekeurd: er is niets overgenomen. Je ziet de landelijke spanningscijfers. Meldingen:")
    st.code("\n".join(stand.afgekeurd.errors + stand.afgekeurd.warnings), language=None, wrap_lines=True)

# --- the folder of uploads (config `[data] uploads`): used when this session has no upload of its own ---------
uploadmap = uploads_map.lees_uploadmap(_controleer)
uit_map = None
if uploadmap is not None:
    map_code = text.code_span(uploadmap.map)
    if uploadmap.melding:
        st.warning(uploadmap.melding)
    for fout in uploadmap.afgekeurd:
        st.warning(f"Het bestand {text.code_span(fout.filename)} uit de map met uploads ({map_code}) is afgekeurd en "
                   "wordt niet gebruikt. Meldingen:")
        st.code("\n".join(fout.errors + fout.warnings), language=None, wrap_lines=True)
    if uploadmap.genegeerd:
        st.caption(f"Niet gelezen uit de map met uploads ({map_code}), geen UWV-sjabloon:  \n"
                   + "  \n".join(markdown_veilig(b.genegeerd) for b in uploadmap.genegeerd))

bron = beroepen.SpanningBron()
upload_data = None
in_gebruik = stand.in_gebruik
if in_gebruik is None and uploadmap is not None and (in_gebruik := uploadmap.voor_regio(regio)) is not None:
    uit_map = uploadmap.map
if in_gebruik is not None:
    naam_code = text.upload_herkomst(beroepen.SpanningBron(in_gebruik.filename, uit_map=uit_map))
    Naam_code = naam_code[0].upper() + naam_code[1:]  # at the start of a sentence
    periodes = in_gebruik.periodes(regio) if regio else []
    if in_gebruik.warnings:
        st.warning(f"{Naam_code} is overgenomen, met deze waarschuwingen:")
        st.code("\n".join(in_gebruik.warnings), language=None, wrap_lines=True)
    if not regio:
        st.info(f"{Naam_code} bevat regiocijfers voor {', '.join(in_gebruik.regios)}. Kies links een van die "
                "regio's om ze te gebruiken; voor Nederland zie je de landelijke cijfers.")
    elif not periodes:
        st.info(f"{Naam_code} bevat geen cijfers voor {regio_naam} ({regio}), wel voor "
                f"{', '.join(in_gebruik.regios)}. Je ziet de landelijke spanningscijfers.")
    else:
        periode = periodes[-1]
        if len(periodes) > 1:
            periode = st.selectbox("Periode van de regionale spanningscijfers", periodes, index=len(periodes) - 1,
                                   key="sectoren_periode")
        upload_data = in_gebruik.data
        bron = beroepen.SpanningBron(in_gebruik.filename, periode, True, uit_map)
        st.success(f"Spanning: regionale UWV-cijfers van {regio_naam} uit {naam_code}, periode {periode} "
                   + ("(alleen in deze sessie)." if uit_map is None else "(het bestand wordt alleen gelezen)."),
                   icon=":material/upload_file:")

spanning_getoond = beroepen.spanning_per_beroep(tabel_beroepen, upload_data, regio if bron.regionaal else None, bron.periode)
klasse_factor = beroepsstructuur.klasse_factoren(klassen_tabel, regio) if klassen_tabel is not None else {}
per_klasse = bool(klasse_factor)
alle_beroepen = beroepen.beroepen_overzicht(tabel_beroepen, df, regio, spanning_getoond, alle=True, klasse_factor=klasse_factor)
overzicht = beroepen.handreiking_beroepen(alle_beroepen)
structuur = sectorstructuur.sectorstructuur(df, regio)
bronregels = text.bronregels(bron, regio, per_klasse=per_klasse)
tekorten = vacatures.sector_tekorten(vacatures_tabel) if vacatures_tabel is not None else None
per_sectie = vacatures.beroepen_per_sectie(overzicht)
sector_zinnen = None if tekorten is None else {
    beroep: vacatures.sector_zin(beroep, secties, tekorten) for beroep, secties in vacatures.sectie_van_beroep(per_sectie).items()}

# --- the two handreiking questions, answered from the figures ----------------------------
st.subheader("Antwoorden op de vragen uit de handreiking")
st.markdown("**In welke sectoren werken meer mensen die moeite hebben met basisvaardigheden? Hoe zijn deze sectoren "
            "vertegenwoordigd in onze regio?**  \n" + text.antwoord_sectoren(overzicht, df, regio, structuur,
                                                                              indeling=sector_indeling,
                                                                              banen_per_sector=banen_sector.beschikbaar(banen_tabel)))
st.markdown("**In welke sectoren zijn arbeidsmarkttekorten waar scholing een antwoord op kan zijn?**  \n"
            + text.antwoord_tekorten(overzicht, df, regio, bron, nl_totaal, sector_zinnen=sector_zinnen)
            + ("\n\n" + vacatures.antwoord_sectoren_tekort(tekorten) if tekorten is not None else ""))
st.caption("Schattingen zijn geen tellingen; de bronnen staan onder elke tabel en figuur.")

# --- shortages per sector: CBS vacancies ------------------------------------------------------
if tekorten is not None:
    st.subheader(f"Tekorten per sector: {vacatures.LABEL}")
    titel = f"Vacaturegraad per sector, Nederland, {tekorten['periode'].iloc[0]}"
    ui.tabel(vacatures.tekorten_tabel(tekorten, per_sectie), "sectoren vacaturegraad", None, titel=titel,
             bronnen=[vacatures.BRON_GRAAD])
    trend = vacatures.trend(vacatures_tabel, sorted(per_sectie))
    fig = figures.figuur_vacaturegraad(trend, titel=f"Vacaturegraad sinds {vacatures.TREND_VANAF}: alle sectoren en de "
                                       "sectoren van de beroepen uit de handreiking", bron=vacatures.BRON_GRAAD)
    st.plotly_chart(fig, key="sectoren_vacaturegraad", theme=None, config=plotly_config("llo-vacaturegraad"))
    if regio and (provincie := vacatures.provincie_van_regio(df, regio)) is not None:
        per_provincie = vacatures.provincie_tabel(vacatures_tabel, provincie[0])
        st.markdown(vacatures.provincie_zin(per_provincie, provincie[1], regio_naam))
        if not per_provincie.empty:
            ui.tabel(vacatures.provincie_kolommen(per_provincie), "sectoren vacatures provincie", regio,
                     titel=f"Openstaande vacatures per sector, {provincie[1]} ({vacatures.LABEL})",
                     bronnen=[vacatures.BRON_PROVINCIE])
    st.caption(vacatures.BRON_GRAAD)

# --- the region's occupation structure -------------------------------------------------------
if regio and klassen_tabel is not None:
    st.subheader(f"Beroepen van de werkende inwoners: {regio_naam} naast Nederland")
    per_klasse_tabel = beroepsstructuur.klassen(klassen_tabel, regio, overzicht)
    st.markdown(beroepsstructuur.antwoord(per_klasse_tabel, regio_naam))
    if not per_klasse_tabel.empty:
        ui.tabel(beroepsstructuur.klassen_tabel(per_klasse_tabel), "sectoren beroepsklassen", regio,
                 titel=f"Werkzame beroepsbevolking naar beroepsklasse, {regio_naam}, 2022", bronnen=[beroepsstructuur.BRON])
    st.caption(beroepsstructuur.BRON)

# --- occupations --------------------------------------------------------------------------
st.subheader("Beroepen met veel laaggeletterdheid en laaggecijferdheid")
aantallen = "nederland"
if regio:
    aantallen = st.radio("Aantallen in de figuur", ["nederland", "regio"], horizontal=True, key="sectoren_aantallen",
                         format_func=lambda k: "Nederland (CBS 2023)" if k == "nederland" else f"{regio_naam} (grove schatting)")
figuur_regio = regio if aantallen == "regio" else None
fig = figures.figuur_beroepen(overzicht, regio_naam=regio_naam if figuur_regio else None,
                              bron=text.figuur_bronregels(bron, figuur_regio, "beroepen", per_klasse=per_klasse))
st.plotly_chart(fig, key="sectoren_beroepen", theme=None, config=plotly_config(f"llo-beroepen-{regio or 'NL'}"))
alle = st.toggle("Alle 114 BRC-beroepsgroepen in de tabel", key="sectoren_alle",
                 help="Standaard de 11 beroepen uit de twee lijsten van de handreiking.")
tabel = beroepen.beroepen_tabel(alle_beroepen if alle else overzicht, regionaal=bool(regio))
ui.tabel(tabel, "sectoren beroepen", regio, titel="Beroepen met veel laaggeletterdheid en laaggecijferdheid",
         bronnen=bronregels, height="content" if len(tabel.frame) <= 20 else "auto")
st.caption(text.beroepen_toelichting(df, regio, per_klasse=per_klasse))
_bronnen(bronregels)

if trend_tabel is not None:
    st.markdown("**Hoe ontwikkelen deze beroepen zich landelijk?**")
    ontwikkeling = beroepentrend.overzicht(trend_tabel, overzicht)
    st.markdown(beroepentrend.zin(ontwikkeling))
    fig = figures.figuur_beroepentrend(beroepentrend.reeksen(trend_tabel, overzicht), bron=beroepentrend.BRON,
                                       titel=f"Werkzame beroepsbevolking per beroep uit de handreiking, Nederland, "
                                       f"{beroepentrend.VAN}–2024")
    st.plotly_chart(fig, key="sectoren_beroepentrend", theme=None, config=plotly_config("llo-beroepen-trend"))
    with ui.uitklap("Tabel bij de figuur", "beroepentrend") as uitgeklapt:
        if uitgeklapt:
            ui.tabel(beroepentrend.tabel(ontwikkeling), "sectoren beroepen trend", None, bronnen=[beroepentrend.BRON],
                     titel="Werkzame beroepsbevolking per beroep uit de handreiking, Nederland")
    st.caption(beroepentrend.BRON)

# --- matrix --------------------------------------------------------------------------------
st.subheader("Kansrijke beroepen: laaggeletterdheid × krapte")
st.markdown("Rechtsboven staan beroepen met veel laaggeletterde werkenden én veel vacatures per werkzoekende: daar "
            "hebben werkgevers belang bij scholing van hun eigen mensen en van nieuwe instroom.")
titel = f"Kansrijke beroepen{' in ' + regio_naam if bron.regionaal else ''}: % laaggeletterd × spanning"
matrix_bronnen = text.figuur_bronregels(bron, None, "matrix")
fig = figures.figuur_matrix(overzicht, typering_tabel, titel=titel, bron=matrix_bronnen)
st.plotly_chart(fig, key="sectoren_matrix", theme=None, config=plotly_config(f"llo-kansrijke-beroepen-{regio or 'NL'}"))
sectorpunten = matrix_sector.punten(overzicht, tekorten) if tekorten is not None else None
if sectorpunten is not None and sectorpunten["vacaturegraad"].notna().any():
    st.markdown(f"**Beroepen zonder spanningsindicator: {matrix_sector.LABEL}**  \n" + matrix_sector.zin(sectorpunten))
    sector_titel = f"Beroepen zonder spanningsindicator: % laaggeletterd × vacaturegraad van de sector, {tekorten['periode'].iloc[0]}"
    sector_bronnen = [*text.figuur_bronregels(bron, None, "matrix")[:2], vacatures.BRON_GRAAD]
    fig = figures.figuur_matrix_sector(sectorpunten, titel=sector_titel, label=matrix_sector.LABEL, bron=sector_bronnen)
    st.plotly_chart(fig, key="sectoren_matrix_sector", theme=None, config=plotly_config("llo-kansrijke-beroepen-sector"))
    with ui.uitklap("Tabel bij de figuur", "matrix_sector") as uitgeklapt:
        if uitgeklapt:
            ui.tabel(matrix_sector.tabel(sectorpunten), "sectoren beroepen vacaturegraad sector", None,
                     titel=sector_titel, bronnen=sector_bronnen)
    groepen = matrix_sector.niet_geplaatst(overzicht, sectorpunten)
else:
    groepen = beroepen.zonder_gegevens(overzicht)
niet_geplaatst = [f"- {reden}: {opsomming(namen)}" for reden, namen in groepen.items() if namen]
if niet_geplaatst:
    st.markdown("**Niet in de figuren** (gegevens ontbreken):\n" + "\n".join(niet_geplaatst))
with ui.uitklap("Tabel bij de matrix", "matrix") as uitgeklapt:
    if uitgeklapt:
        ui.tabel(beroepen.matrix_tabel(overzicht), "sectoren kansrijke beroepen", regio, titel=titel,
                 bronnen=matrix_bronnen)
with ui.uitklap("Wat betekent de spanningsindicator?", "spanningsindicator") as uitgeklapt:
    if uitgeklapt:
        definitie, typeringen, noot = typering.typering_uitleg(typering_tabel)
        st.markdown(definitie)
        ui.tabel(typeringen, "spanningsindicator typering", None, titel="Typering van de UWV-spanningsindicator",
                 bronnen=[noot])
        st.caption(noot)

# --- sector structure ---------------------------------------------------------------------
st.subheader(f"Sectorstructuur: {regio_naam} naast Nederland" if regio else "Sectorstructuur van Nederland")
ui.tabel(sectorstructuur.totalen_tabel(df, regio), "sectoren totalen", regio, kolommen=sectorstructuur.TOTAAL_KOLOMMEN,
         titel=f"Banen, vestigingen en werkzame beroepsbevolking, {regio_naam}")
if banen_sector.beschikbaar(banen_tabel):  # issue 11: jobs per SBI section (83582NED), fetched live by the build
    banen_rijen = banen_sector.per_sector(banen_tabel, regio)
    st.markdown(banen_sector.zin(banen_rijen, regio_naam))
    ui.tabel(banen_sector.tabel(banen_rijen, regio_naam), "sectoren banen per sector", regio,
             titel=f"Banen van werknemers per SBI-sectie, {regio_naam}", bronnen=[banen_sector.bron(banen_rijen)])
else:
    st.caption(banen_sector.NIET_IN_MIRROR)

sector_bronnen = sectorstructuur.sector_bronnen(structuur)
if structuur.volledig:
    fig = figures.figuur_sectoren(structuur.regio_tabel, gebied_naam=structuur.gebied_naam,
                                  titel=f"Bedrijfsvestigingen per sectorgroep: {structuur.gebied_naam}"
                                  + (" en Nederland" if regio else ""), bron=sector_bronnen)
    st.plotly_chart(fig, key="sectoren_sectoren", theme=None, config=plotly_config(f"llo-sectoren-{regio or 'NL'}"))
    with ui.uitklap("Tabel bij de figuur", "sectoren") as uitgeklapt:
        if uitgeklapt:
            ui.tabel(sectorstructuur.sector_tabel(structuur.regio_tabel), "sectoren vestigingen", regio,
                     titel=f"Bedrijfsvestigingen per sectorgroep, {structuur.gebied_naam}", bronnen=sector_bronnen)
else:
    st.info(text.geen_regiocijfer_tekst(structuur))
    if structuur.gemeenten_met_gegevens:
        fig = figures.figuur_lq(structuur.gemeenten, titel=f"Locatiequotiënt vestigingen per sectorgroep, gemeenten in {regio_naam}",
                                bron=sector_bronnen)
        st.plotly_chart(fig, key="sectoren_lq", theme=None, config=plotly_config(f"llo-sectoren-gemeenten-{regio}"))
        with ui.uitklap("Tabel bij de figuur", "lq") as uitgeklapt:
            if uitgeklapt:
                # On screen gemeente × sector (as the heatmap); the downloads: every figure per gemeente and sector.
                ui.toon(sectorstructuur.lq_tabel(structuur.gemeenten))
                ui.download_row(sectorstructuur.sector_tabel(structuur.gemeenten), "sectoren vestigingen per gemeente",
                                regio, titel=f"Vestigingen per sectorgroep per gemeente, {regio_naam}",
                                bronnen=sector_bronnen)
    st.caption(text.NODIG_VOOR_SECTOREN)
ui.source_note(["vestigingen_totaal", *indicators.SECTOREN], toelichting=False)
