"""Sectoren & beroepen: occupations with much low literacy, their tension, and the region's sector structure.

Thin page: the figures, texts and tables come from `llo_dash.sectoren`; the upload is
checked by `llo_dash.upload`. An upload lives only in this user's session state.
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from llo_dash import indicators, queries, sectoren, spanning, ui, upload
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.figures import plotly_config
from llo_dash.formatting import procent

UPLOAD = "sectoren_upload"  # session: the validated UploadResult in use
FOUT = "sectoren_upload_fout"  # session: the UploadResult of a refused file (messages only, no data)
VERWERKT = "sectoren_upload_verwerkt"  # session: file_id of the last file checked
TELLER = "sectoren_upload_teller"  # session: part of the uploader key; +1 empties the uploader


@st.cache_data(show_spinner=False, max_entries=2)
def _beroepen(data_dir: str, versie: int) -> pd.DataFrame:
    return sectoren.beroepen_tabel(Path(data_dir))


@st.cache_data(show_spinner=False)
def _referentie() -> tuple[pd.DataFrame, tuple | None]:
    return spanning.typering_tabel(), sectoren.landelijk_totaal(spanning.landelijk())


@st.cache_data(show_spinner=False)
def _sjablonen() -> tuple[bytes, bytes]:
    return upload.template_csv(), upload.template_xlsx()


def _verwijder_upload() -> None:
    for key in (UPLOAD, FOUT, VERWERKT):
        st.session_state.pop(key, None)
    st.session_state[TELLER] = st.session_state.get(TELLER, 0) + 1  # a new key empties the uploader


def _uploader_gewijzigd(key: str) -> None:
    # Fires only when the user changes the uploader (not when it is drawn anew after a page switch):
    # removing the file in the uploader (its ×) removes the upload.
    if st.session_state.get(key) is None:
        _verwijder_upload()


keuze = ui.page_setup("Sectoren & beroepen", ":material/work:", gemeente_kiezer=False)
regio = keuze.regio
df = keuze.df[keuze.df["niveau"].isin(["nederland", "arbeidsmarktregio", "gemeente"])]  # no wijken/buurten needed
settings = load_settings()
try:
    manifest = settings.data_dir / "manifest.json"
    beroepen = _beroepen(str(settings.data_dir), manifest.stat().st_mtime_ns if manifest.exists() else 0)
except LloDashError as error:
    st.error(f"De beroepengegevens zijn niet beschikbaar. {error}")
    st.stop()
typering_tabel, nl_totaal = _referentie()
regio_naam = sectoren.naam(df, regio)

st.markdown(
    "In welke beroepen en sectoren werken veel mensen die moeite hebben met basisvaardigheden, en waar zijn tekorten? "
    "Daar vindt een LLO-Collectief werkgevers om mee samen te werken. "
    + (f"Je ziet **{regio_naam}** naast Nederland." if regio else "Kies links een arbeidsmarktregio voor de regio.")
)

# --- upload of the region's own UWV tension figures (session only) ---------------------
with st.expander("Eigen UWV-spanningscijfers van de regio uploaden", expanded=FOUT in st.session_state):
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
    sjabloon_csv, sjabloon_xlsx = _sjablonen()
    sjablonen = st.container(horizontal=True)
    sjablonen.download_button("Sjabloon CSV", sjabloon_csv, file_name="sjabloon_spanningsindicator.csv",
                              mime="text/csv", key="sjabloon-csv", on_click="ignore", icon=":material/download:")
    sjablonen.download_button("Sjabloon Excel", sjabloon_xlsx, file_name="sjabloon_spanningsindicator.xlsx",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              key="sjabloon-xlsx", on_click="ignore", icon=":material/download:")
    uploader = f"sectoren_uploader_{st.session_state.get(TELLER, 0)}"
    bestand = st.file_uploader(
        "Bestand met spanningsindicatoren (.csv of .xlsx)", type=["csv", "xlsx"], key=uploader,
        on_change=_uploader_gewijzigd, args=(uploader,),
        max_upload_size=60,  # above the 5 MB of the check, so a too-large file gets the Dutch message
    )
    if bestand is None:
        st.session_state.pop(FOUT, None)
    elif bestand.file_id != st.session_state.get(VERWERKT):
        resultaat = upload.validate_tension_upload(
            bestand.name, bestand.getvalue(), regio_codes=sectoren.regio_codes(df), brc=sectoren.brc_groepen(beroepen)
        )
        st.session_state[VERWERKT] = bestand.file_id
        if resultaat.ok:
            st.session_state[UPLOAD] = resultaat
            st.session_state.pop(FOUT, None)
        else:  # nothing of a refused file is kept, and an earlier upload is no longer used either
            st.session_state.pop(UPLOAD, None)
            st.session_state[FOUT] = resultaat
    if UPLOAD in st.session_state or FOUT in st.session_state:
        st.button("Verwijder upload", on_click=_verwijder_upload, icon=":material/delete:", key="verwijder-upload")

in_gebruik: upload.UploadResult | None = st.session_state.get(UPLOAD)
fout: upload.UploadResult | None = st.session_state.get(FOUT)
if fout is not None:
    st.error("De upload is afgekeurd: er is niets overgenomen. Je ziet de landelijke spanningscijfers. Meldingen:")
    st.code("\n".join(fout.errors + fout.warnings), language=None, wrap_lines=True)

bron = sectoren.SpanningBron()
upload_data = None
if in_gebruik is not None:
    naam_code = sectoren.code_span(in_gebruik.filename)
    regio_in_upload = sorted(in_gebruik.data["arbeidsmarktregio_code"].unique())
    periodes = sectoren.upload_periodes(in_gebruik.data, regio)
    if in_gebruik.warnings:
        st.warning(f"De upload {naam_code} is overgenomen, met deze waarschuwingen:")
        st.code("\n".join(in_gebruik.warnings), language=None, wrap_lines=True)
    if not regio:
        st.info(f"De upload {naam_code} bevat regiocijfers voor {', '.join(regio_in_upload)}. Kies links een van die "
                "regio's om ze te gebruiken; voor Nederland zie je de landelijke cijfers.")
    elif not periodes:
        st.info(f"De upload {naam_code} bevat geen cijfers voor {regio_naam} ({regio}), wel voor "
                f"{', '.join(regio_in_upload)}. Je ziet de landelijke spanningscijfers.")
    else:
        periode = periodes[-1]
        if len(periodes) > 1:
            periode = st.selectbox("Periode van de regionale spanningscijfers", periodes, index=len(periodes) - 1,
                                   key="sectoren_periode")
        upload_data = in_gebruik.data
        bron = sectoren.SpanningBron(in_gebruik.filename, periode, True)
        st.success(f"Spanning: regionale UWV-cijfers van {regio_naam} uit de upload {naam_code}, periode {periode} "
                   "(alleen in deze sessie).", icon=":material/upload_file:")

spanning_getoond = sectoren.spanning_per_beroep(beroepen, upload_data, regio if bron.regionaal else None, bron.periode)
overzicht = sectoren.beroepen_overzicht(beroepen, df, regio, spanning_getoond)
structuur = sectoren.sectorstructuur(df, regio)
bronregels = sectoren.bronregels(bron, regio=regio, regionaal_schatting=bool(regio))

# --- the two handreiking questions, answered from the figures ----------------------------
st.subheader("Antwoorden op de vragen uit de handreiking")
st.markdown("**In welke sectoren werken meer mensen die moeite hebben met basisvaardigheden? Hoe zijn deze sectoren "
            "vertegenwoordigd in onze regio?**  \n" + sectoren.antwoord_sectoren(overzicht, df, regio, structuur))
st.markdown("**In welke sectoren zijn arbeidsmarkttekorten waar scholing een antwoord op kan zijn?**  \n"
            + sectoren.antwoord_tekorten(overzicht, df, regio, bron, nl_totaal))
st.caption("Schattingen zijn geen tellingen; de bronnen staan onder elke tabel en figuur.")

# --- occupations --------------------------------------------------------------------------
st.subheader("Beroepen met veel laaggeletterdheid en laaggecijferdheid")
aantallen = "nederland"
if regio:
    aantallen = st.radio("Aantallen in de figuur", ["nederland", "regio"], horizontal=True, key="sectoren_aantallen",
                         format_func=lambda k: "Nederland (CBS 2023)" if k == "nederland" else f"{regio_naam} (grove schatting)")
figuurbron = [bronregels[0], *([line for line in bronregels if line.startswith("Regio:")] if aantallen == "regio" else []),
              bronregels[-1]]
fig = sectoren.figuur_beroepen(overzicht, regio_naam=regio_naam if aantallen == "regio" else None, bron=" ".join(figuurbron))
st.plotly_chart(fig, key="sectoren_beroepen", theme=None, config=plotly_config(f"llo-beroepen-{regio or 'NL'}"))
alle = st.toggle("Alle 114 BRC-beroepsgroepen in de tabel", key="sectoren_alle",
                 help="Standaard de 11 beroepen uit de twee lijsten van de handreiking.")
tabel = sectoren.beroepen_overzicht(beroepen, df, regio, spanning_getoond, alle=alle)
download, scherm = sectoren.beroepen_weergave(tabel, regionaal=bool(regio))
ui.show_table(scherm, {}, height="content" if len(scherm) <= 20 else "auto")
st.caption("\"niet gepubliceerd\": geen bron publiceert dit percentage per beroep. Laaggeletterde werkenden = werkzamen × "
           "gepubliceerd percentage (afgerond)."
           + (f" Regiokolommen: grove schatting voor {regio_naam} = landelijk aantal × aandeel van de regio in de werkzame "
              f"beroepsbevolking ({procent(100 * sectoren.regio_aandeel(df, regio), 1)}); er zijn geen "
              "openbare regiocijfers per beroep." if regio else ""))
ui.download_row(download, "sectoren beroepen", regio, notes=bronregels)
st.caption("  \n".join(bronregels))

# --- matrix --------------------------------------------------------------------------------
st.subheader("Kansrijke beroepen: laaggeletterdheid × krapte")
st.markdown("Rechtsboven staan beroepen met veel laaggeletterde werkenden én veel vacatures per werkzoekende: daar "
            "hebben werkgevers belang bij scholing van hun eigen mensen en van nieuwe instroom.")
titel = f"Kansrijke beroepen{' in ' + regio_naam if bron.regionaal else ''}: % laaggeletterd × spanning"
fig = sectoren.figuur_matrix(overzicht, typering_tabel, titel=titel, bron=" ".join([bronregels[1], bronregels[-1]]))
st.plotly_chart(fig, key="sectoren_matrix", theme=None, config=plotly_config(f"llo-kansrijke-beroepen-{regio or 'NL'}"))
niet_geplaatst = [f"- {reden}: {sectoren.opsomming(namen)}" for reden, namen in sectoren.zonder_gegevens(overzicht).items() if namen]
if niet_geplaatst:
    st.markdown("**Niet in de matrix** (gegevens ontbreken):\n" + "\n".join(niet_geplaatst))
with st.expander("Tabel bij de matrix"):
    matrix = sectoren.matrix_tabel(overzicht)
    ui.show_table(matrix, {"% (gepubliceerd)": ("procent", 0), "Spanningsindicator": ("getal", 2),
                           "Werkzaam in Nederland (2023)": "getal"})
    ui.download_row(matrix, "sectoren kansrijke beroepen", regio, notes=bronregels)
with st.expander("Wat betekent de spanningsindicator?"):
    st.markdown(str(typering_tabel["definitie"].iloc[0]))
    ui.show_table(typering_tabel[["typering", "regel", "betekenis"]].rename(
        columns={"typering": "Typering", "regel": "Grens", "betekenis": "Betekenis"}), {})
    st.caption(str(typering_tabel["grenswaarde_keuze"].iloc[0]) + f" Bron: {typering_tabel['bron_url'].iloc[0]}")

# --- sector structure ---------------------------------------------------------------------
st.subheader(f"Sectorstructuur: {regio_naam} naast Nederland" if regio else "Sectorstructuur van Nederland")
totaal = sectoren.totalen(df, regio)
totaal_scherm = totaal.drop(columns="kolom").rename(columns={"Regio": regio_naam})
if not regio:
    totaal_scherm = totaal_scherm.drop(columns=[regio_naam, "Aandeel van Nederland (%)"])
ui.show_table(totaal_scherm, {k: v for k, v in {regio_naam: "getal", "Nederland": "getal",
                                                 "Aandeel van Nederland (%)": ("procent", 1)}.items() if k in totaal_scherm})
ui.download_row(totaal_scherm, "sectoren totalen", regio, notes=[queries.bronvermelding(k) for k in sectoren.TOTAAL_KOLOMMEN])
ui.source_note(list(sectoren.TOTAAL_KOLOMMEN), toelichting=False)

sector_kolommen = ["vestigingen_totaal", *indicators.SECTOREN]
if structuur.volledig:
    fig = sectoren.figuur_sectoren(structuur.regio_tabel, gebied_naam=structuur.gebied_naam,
                                   titel=f"Bedrijfsvestigingen per sectorgroep: {structuur.gebied_naam}"
                                   + (" en Nederland" if regio else ""), bron="Bron: CBS, Kerncijfers wijken en buurten 2024.")
    st.plotly_chart(fig, key="sectoren_sectoren", theme=None, config=plotly_config(f"llo-sectoren-{regio or 'NL'}"))
    with st.expander("Tabel bij de figuur"):
        sector_tabel = sectoren.sector_download(structuur.regio_tabel)
        ui.show_table(sector_tabel, {k: v for k, v in sectoren.SECTOR_FORMATS.items() if k in sector_tabel})
        ui.download_row(sector_tabel, "sectoren vestigingen", regio, notes=[queries.bronvermelding("vestigingen_totaal")])
else:
    st.info(f"Vestigingen per sector: {structuur.dekking} hebben gegevens; geen regiocijfer (een optelling van een deel "
            "van de gemeenten zou de regio verkeerd weergeven). Hieronder per gemeente: het locatiequotiënt is het aandeel "
            "van een sector in de vestigingen van de gemeente gedeeld door dat aandeel in Nederland (boven 1 = naar "
            "verhouding meer dan in Nederland).")
    if structuur.gemeenten_met_gegevens:
        fig = sectoren.figuur_lq(structuur.gemeenten, titel=f"Locatiequotiënt vestigingen per sectorgroep, gemeenten in {regio_naam}",
                                 bron=f"Bron: CBS, Kerncijfers wijken en buurten 2024; {structuur.dekking}.")
        st.plotly_chart(fig, key="sectoren_lq", theme=None, config=plotly_config(f"llo-sectoren-gemeenten-{regio}"))
        with st.expander("Tabel bij de figuur"):
            ui.show_table(sectoren.lq_breed(structuur.gemeenten),
                          {sector: ("getal", 2) for sector in indicators.SECTOREN.values()})
            ui.download_row(sectoren.sector_download(structuur.gemeenten), "sectoren vestigingen per gemeente", regio,
                            notes=[f"Vestigingen per sectorgroep, {structuur.dekking}; geen regiocijfer.",
                                   queries.bronvermelding("vestigingen_totaal")])
    st.caption(sectoren.NODIG_VOOR_SECTOREN)
ui.source_note(sector_kolommen, toelichting=False)
