"""Shared Streamlit pieces: page setup with the region picker bound to the URL, data loading,
first-run build, maps, metrics, Dutch tables with their downloads and source notes.

The chosen region lives in the URL (`?regio=AM12`, `?gemeente=GM0363`) so every view
is a link that can be shared. Streamlit's page menu clears the query string when the
user switches pages, so the last choice is also kept in the session and put back into
the URL on the next page.

Everything read from `data/` is cached per build (`data_versie`: the manifest's time
stamp), so a rebuild is picked up and a rerun reads nothing twice.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager  # pinned Streamlit; see page_setup

from llo_dash import export, figures, geo, queries
from llo_dash.build.pipeline import MANIFEST, run_build
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.formatting import decimalen, format_table, tijdstip
from llo_dash.tables import read_table

REGIO_PARAM, GEMEENTE_PARAM = "regio", "gemeente"
NEDERLAND_OPTIE = queries.NEDERLAND  # the "no region" entry of the picker
GEEN_GEMEENTE = ""

_KEUZE = "_llo_keuze"  # session memory of {"regio", "gemeente"} across page switches
_URL_GEHEUGEN = "_llo_url_geheugen"  # session memory of list parameters ({param: "AM12,AM13"}) across page switches
_W_REGIO, _W_GEMEENTE = "_w_regio", "_w_gemeente"  # widget keys of the sidebar pickers
_BUILD_LOCK = threading.Lock()  # sessions share one process: build once, not in parallel


# --- data ------------------------------------------------------------------


def _manifest_path() -> Path:
    return load_settings().data_dir / MANIFEST


def data_versie() -> int:
    """Part of every cache key: a rebuild (new manifest) invalidates cached tables, maps and texts."""
    path = _manifest_path()
    return path.stat().st_mtime_ns if path.exists() else 0


def ensure_built() -> None:
    """Build the data on first start (with a progress bar); stop with a Dutch error if that fails."""
    if _manifest_path().exists():
        return
    with _BUILD_LOCK:
        if _manifest_path().exists():  # another session built it while we waited
            return
        st.info("De gegevens worden voor het eerst klaargezet uit de bronnen. Dit duurt meestal minder dan een minuut.")
        bar = st.progress(0.0, text="Bouwen voorbereiden …")
        try:
            run_build(load_settings(), progress=lambda fraction, message: bar.progress(min(max(fraction, 0.0), 1.0), text=message))
        except LloDashError as error:
            st.error(f"De gegevens konden niet worden gebouwd. {error}")
            st.stop()
        except Exception as error:  # noqa: BLE001 - the user gets a sentence, not a traceback
            st.error(
                "De gegevens konden niet worden gebouwd door een onverwachte fout "
                f"({type(error).__name__}). Voer in een terminal `python -m llo_dash build` uit voor de details."
            )
            st.stop()
        bar.empty()
    st.cache_data.clear()
    st.cache_resource.clear()


@st.cache_data(show_spinner="Gegevens laden …", max_entries=16)
def _tabel(data_dir: str, naam: str, versie: int) -> pd.DataFrame:
    return read_table(Path(data_dir), naam)


def lees_tabel(naam: str, *, verplicht: bool = True) -> pd.DataFrame | None:
    """A built table (`llo_dash.tables.TABLES`), cached per build.

    When it cannot be read: a Dutch error that stops the page (`verplicht`), or a Dutch warning and None.
    """
    try:
        return _tabel(str(load_settings().data_dir), naam, data_versie())
    except LloDashError as error:
        if verplicht:
            st.error(f"De gegevens zijn niet beschikbaar. {error}")
            st.stop()
        st.warning(f"Deze tabel is niet beschikbaar. {error}")
        return None


def load_data() -> pd.DataFrame:
    """The built table `gebieden`, cached per build."""
    return lees_tabel("gebieden")


def lees_manifest(path: Path) -> dict:
    """`data/manifest.json` as a dict; an empty dict when it is missing or unreadable."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@st.cache_data(show_spinner=False, max_entries=2)
def _manifest(path: str, versie: int) -> dict:
    return lees_manifest(Path(path))


def manifest() -> dict:
    """The build manifest (sources, files, checks, missing values), cached per build; {} when it is missing."""
    return _manifest(str(_manifest_path()), data_versie())


@st.cache_data(show_spinner=False, max_entries=64)
def _bewaard(naam: str, versie: int, args: tuple, _functie: Callable):
    return _functie(*args)


def bewaard(functie: Callable, *args):
    """`functie(*args)`, computed once per build and arguments (reference tables, method texts, templates).

    The arguments must be hashable by Streamlit (strings, numbers); errors are not cached.
    """
    return _bewaard(f"{functie.__module__}.{functie.__qualname__}", data_versie(), args, functie)


@st.cache_resource(show_spinner=False, max_entries=8)
def _grenzen(data_dir: str, niveau: str, versie: int) -> dict:
    # cache_resource: one shared, read-only copy of the geometry per process, not a copy per session.
    return geo.read_boundaries(Path(data_dir), niveau)


def grenzen(niveau: str) -> dict:
    """Boundaries of one level (FeatureCollection, feature id = code); do not modify."""
    try:
        return _grenzen(str(load_settings().data_dir), niveau, data_versie())
    except LloDashError as error:
        st.error(str(error))
        st.stop()


def _features(niveau: str, code: str | None) -> dict | None:
    if not code:
        return None
    return {"type": "FeatureCollection", "features": [f for f in grenzen(niveau)["features"] if f.get("id") == code]}


def _markering(regio: str | None, gemeente: str | None) -> list[dict]:
    return [fc for fc in (_features("arbeidsmarktregio", regio), _features("gemeente", gemeente)) if fc]


# --- the chosen region, in the URL -----------------------------------------


@dataclass(frozen=True)
class Keuze:
    """What the user looks at: the data, and the chosen region and gemeente (codes or None)."""

    df: pd.DataFrame
    regio: str | None
    gemeente: str | None

    @property
    def gebied(self) -> str:
        """The most detailed chosen area: gemeente, else region, else Nederland (NL00)."""
        return self.gemeente or self.regio or queries.NEDERLAND

    def naam(self) -> str:
        """The name of the most detailed chosen area ("Nederland" without a choice)."""
        return queries.naam(self.df, self.gebied)

    @property
    def titel(self) -> str:
        """"Gemeente Amsterdam", "Arbeidsmarktregio Groot Amsterdam" or "Nederland"."""
        return queries.gebied_titel(self.df, self.gebied)

    @property
    def vergelijk_codes(self) -> list[str]:
        """The chosen gemeente, its region and Nederland (those that apply), most detailed first."""
        return queries.vergelijk_codes(self.gebied, self.regio)

    def markering(self) -> list[dict]:
        """Outlines for a map: the chosen region, then the chosen gemeente."""
        return _markering(self.regio, self.gemeente)


def _zet_param(key: str, value: str | None) -> None:
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def kies(regio: str | None, gemeente: str | None = None) -> None:
    """Make (regio, gemeente) the choice: in the URL and in the session memory."""
    st.session_state[_KEUZE] = {"regio": regio, "gemeente": gemeente}
    _zet_param(REGIO_PARAM, regio)
    _zet_param(GEMEENTE_PARAM, gemeente)


def _uit_url(df: pd.DataFrame) -> tuple[str | None, str | None]:
    """The choice from the URL, with a Dutch warning for codes that do not exist."""
    params = st.query_params
    if REGIO_PARAM not in params and GEMEENTE_PARAM not in params:
        # Either a fresh start or a page switch (which empties the query string): the session remembers.
        memory = st.session_state.get(_KEUZE) or {}
        return memory.get("regio"), memory.get("gemeente")

    raw_regio = params.get(REGIO_PARAM) or None
    raw_gemeente = params.get(GEMEENTE_PARAM) or None
    regio = queries.normalise_regio(raw_regio, df) if raw_regio else None
    gemeente = queries.normalise_gemeente(raw_gemeente, df) if raw_gemeente else None
    if raw_regio and regio is None:
        st.warning(
            f"Arbeidsmarktregio **{queries.veilig(raw_regio)}** uit de link bestaat niet (codes AM01 t/m AM38, indeling 2025). "
            "Je ziet nu heel Nederland; kies een regio in de zijbalk."
        )
    if raw_gemeente and gemeente is None:
        getoond = queries.naam(df, regio) if regio else "heel Nederland"
        st.warning(
            f"Gemeente **{queries.veilig(raw_gemeente)}** uit de link bestaat niet (gemeentecodes GM…, indeling 2025). "
            f"Je ziet nu {getoond}; kies een gemeente in de zijbalk."
        )
    if gemeente:
        eigen = queries.regio_van(df, gemeente)
        if regio and regio != eigen:
            st.warning(
                f"Gemeente {queries.naam(df, gemeente)} hoort bij arbeidsmarktregio {queries.naam(df, eigen)}, "
                f"niet bij {queries.naam(df, regio)}. Je ziet nu {queries.naam(df, eigen)}."
            )
        regio = eigen
    return regio, gemeente


def _regio_gekozen() -> None:
    code = st.session_state[_W_REGIO]
    kies(None if code == NEDERLAND_OPTIE else code, None)


def _gemeente_gekozen() -> None:
    gemeente = st.session_state[_W_GEMEENTE] or None
    regio = queries.regio_van(load_data(), gemeente) if gemeente else (st.session_state.get(_KEUZE) or {}).get("regio")
    kies(regio, gemeente)


def _sync_widget(key: str, value) -> None:
    # Set on every run, before the widget is drawn: the URL (or a map click) wins over the widget's own
    # memory. Unconditionally, because a widget on another page is a new widget that would start at its
    # default even when the session state still holds the same value.
    st.session_state[key] = value


def _zijbalk(df: pd.DataFrame, regio: str | None, gemeente: str | None, gemeente_kiezer: bool) -> None:
    with st.sidebar:
        regio_namen = dict(queries.regio_opties(df))
        _sync_widget(_W_REGIO, regio or NEDERLAND_OPTIE)
        st.selectbox(
            "Arbeidsmarktregio",
            [NEDERLAND_OPTIE, *regio_namen],
            key=_W_REGIO,
            format_func=lambda code: "Heel Nederland" if code == NEDERLAND_OPTIE else f"{regio_namen[code]} ({code})",
            on_change=_regio_gekozen,
            placeholder="Kies een regio",
            help="De keuze staat in de link (adresbalk), zodat je deze weergave kunt delen.",
        )
        if gemeente_kiezer:
            gemeente_namen = dict(queries.gemeente_opties(df, regio))
            _sync_widget(_W_GEMEENTE, gemeente or GEEN_GEMEENTE)
            st.selectbox(
                "Gemeente",
                [GEEN_GEMEENTE, *gemeente_namen],
                key=_W_GEMEENTE,
                format_func=lambda code: ("Alle gemeenten" if regio else "Geen gemeente gekozen") if code == GEEN_GEMEENTE else gemeente_namen[code],
                on_change=_gemeente_gekozen,
                placeholder="Kies een gemeente",
            )
        gebouwd = manifest().get("gebouwd_op")
        if gebouwd:
            # The same Dutch date (Europe/Amsterdam) as on Bronnen & methode.
            st.caption(f"Gegevens gebouwd op {tijdstip(gebouwd, tijd=False)}. Cijfers van CBS en andere open bronnen; "
                       "zie Bronnen & methode.")


# The favicon must be an emoji: a ":material/...:" favicon is fetched from fonts.gstatic.com,
# and the dashboard must work offline. (Material icons inside the page come from the bundled font.)
PAGE_CONFIG = {"layout": "wide", "page_title": "LLO Regiodashboard", "page_icon": "📊"}
_VIA_APP = "_llo_via_app"


def router_started() -> None:
    """Called by app.py on every run: the page config is set and the data are built."""
    st.set_page_config(**PAGE_CONFIG)
    st.session_state[_VIA_APP] = True
    ensure_built()


def page_setup(title: str, icon: str | None = None, *, gemeente_kiezer: bool = True) -> Keuze:
    """Title, the shared sidebar (region and gemeente pickers bound to the URL); returns the choice."""
    if not st.session_state.get(_VIA_APP):
        if PagesManager.uses_pages_directory:
            # Until some session has run app.py, Streamlit serves a link such as /doelgroep from
            # pages/ directly, with its own menu of file names ("app", "bronnen", …): it only drops
            # that discovery when st.navigation runs. Drop it now and run again, through app.py,
            # with the same page and link.
            PagesManager.uses_pages_directory = False
            st.rerun()
        # A page run on its own (AppTest of one page file): do app.py's part here.
        st.set_page_config(**PAGE_CONFIG)
        ensure_built()
    df = load_data()
    st.title(f"{icon} {title}" if icon else title)
    regio, gemeente = _uit_url(df)
    kies(regio, gemeente)  # writes the canonical form back: "am12" -> "AM12", bad codes removed
    _zijbalk(df, regio, gemeente, gemeente_kiezer)
    return Keuze(df=df, regio=regio, gemeente=gemeente)


def url_keuze(widget: Callable, label: str, options: Sequence[str], *, param: str, default: str, **kwargs):
    """A selectbox or radio for a page-specific view setting (indicator, map level) kept in `?param=`.

    An unknown value in the link silently falls back to `default`; the default itself is
    left out of the URL to keep links short.
    """
    key = f"_w_{param}"
    options = list(options)
    raw = st.query_params.get(param)
    value = raw if raw in options else default
    _zet_param(param, None if value == default else value)
    _sync_widget(key, value)

    def _gewijzigd() -> None:
        chosen = st.session_state[key]
        _zet_param(param, None if chosen == default else chosen)

    return widget(label, options, key=key, on_change=_gewijzigd, **kwargs)


def url_lijst_waarde(param: str) -> str | None:
    """The raw value of a list in the link (`?vergelijk=AM12,AM13`); when the link has none, the value this
    session last put there (the page menu empties the query string); None when neither has one."""
    if param in st.query_params:
        return st.query_params.get(param)
    return (st.session_state.get(_URL_GEHEUGEN) or {}).get(param)


def zet_url_lijst(param: str, waarden: Sequence[str], *, standaard: Sequence[str] | None = None) -> None:
    """Put a list in the link as "AM12,AM13" and in the session memory; the default list is left out of
    both (links stay short, and a page switch brings back the default)."""
    geheugen = st.session_state.setdefault(_URL_GEHEUGEN, {})
    if standaard is not None and list(waarden) == list(standaard):
        geheugen.pop(param, None)
        _zet_param(param, None)
    else:
        geheugen[param] = ",".join(waarden)
        _zet_param(param, geheugen[param])


def url_lijst(widget: Callable, label: str, options: Sequence[str], *, param: str, waarden: Sequence[str],
              standaard: Sequence[str] | None = None, **kwargs):
    """A multiselect showing `waarden` (the current list of `?param=`); a change goes into the link
    (see `zet_url_lijst`)."""
    key = f"_w_{param}"
    _sync_widget(key, list(waarden))

    def _gewijzigd() -> None:
        zet_url_lijst(param, list(st.session_state[key]), standaard=standaard)

    return widget(label, list(options), key=key, on_change=_gewijzigd, **kwargs)


# --- maps ------------------------------------------------------------------


def _kaart_geklikt(key: str) -> None:
    """A click on an area: choose that region (or gemeente and its region). An empty click changes nothing."""
    state = st.session_state.get(key) or {}
    points = (state.get("selection") or {}).get("points") or []
    if not points:
        return
    code = points[0].get("location")
    df = load_data()
    if regio := queries.normalise_regio(code, df):
        kies(regio, None)
    elif gemeente := queries.normalise_gemeente(code, df):
        kies(queries.regio_van(df, gemeente), gemeente)


def kaart(fig, *, key: str, bestandsnaam: str) -> None:
    """Show a map; a click on an area chooses it (and puts it in the URL)."""
    st.plotly_chart(
        fig, key=key, on_select=partial(_kaart_geklikt, key), selection_mode="points",
        config=figures.plotly_config(bestandsnaam),
    )


@st.cache_resource(show_spinner="Kaart tekenen …", max_entries=32)
def _kaart(niveau: str, indicator: str, regio: str | None, gemeente: str | None, titel: str,
           markering: tuple[str | None, str | None], versie: int) -> tuple[go.Figure | None, pd.DataFrame]:
    # cache_resource: the figure (with its geometry) is shared read-only, never copied per rerun;
    # st.plotly_chart serialises it without changing it.
    waarden = queries.kaartwaarden(load_data(), niveau, indicator, regio=regio, gemeente=gemeente)
    try:
        fig = figures.choropleth(grenzen(niveau), waarden, indicator, titel, highlight=_markering(*markering),
                                 bron=queries.bronvermelding(indicator))
    except ValueError:  # none of these areas has a boundary
        fig = None
    return fig, waarden


def kaart_blok(keuze: Keuze, niveau: str, indicator: str, *, titel: str, key: str, bestandsnaam: str,
               regio: str | None = None, gemeente: str | None = None, grijs_uitleg: str = "") -> pd.DataFrame:
    """A map of `indicator` for the areas of `niveau` in the selection (`queries.selectie`), with the
    chosen region and gemeente outlined, the number of grey areas, and the source note (data and map).

    Returns the map's values (`queries.kaartwaarden`), for the table alternative.
    """
    fig, waarden = _kaart(niveau, indicator, regio, gemeente, titel, (keuze.regio, keuze.gemeente), data_versie())
    if fig is None:
        st.info("Voor deze gebieden zijn geen kaartgrenzen beschikbaar; de cijfers staan in de tabel.")
    else:
        kaart(fig, key=key, bestandsnaam=bestandsnaam)
    ontbrekend = int(waarden["waarde"].isna().sum())
    if ontbrekend:
        st.caption(f"Grijs: geen gegevens voor {ontbrekend} van de {len(waarden)} {queries.NIVEAU_MEERVOUD[niveau]}."
                   + (f" {grijs_uitleg}" if grijs_uitleg else ""))
    source_note([indicator], kaart=niveau)
    return waarden.copy()


# --- metrics ---------------------------------------------------------------


def metric_rij(df: pd.DataFrame, code: str, kolommen: Sequence[str], *, kort: bool = False,
               per_rij: int | None = None, container=st) -> None:
    """Headline figures of one area (`queries.metrics`): value, difference with Nederland, and under each
    estimate "Schatting, marge …"; the source is in the help of each figure."""
    items = queries.metrics(df, code, kolommen, kort=kort)
    per_rij = per_rij or len(items) or 1
    for start in range(0, len(items), per_rij):
        for column, item in zip(container.columns(per_rij), items[start:start + per_rij]):
            column.metric(item["label"], item["waarde"], delta=item["delta"], delta_color="off",  # no red/green judgement
                          delta_arrow=item["pijl"], help=item["bron"])
            if item["onder"]:
                column.caption(item["onder"])


def kerncijfers(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str]) -> None:
    """Headline figures of each area in `codes`, one tab per area, the first tab shown."""
    codes = list(dict.fromkeys(codes))
    for tab, code in zip(st.tabs([queries.naam(df, code) for code in codes]), codes):
        vergelijk = code != queries.NEDERLAND
        tab.markdown(f"**{queries.gebied_titel(df, code)}**" + (" — verschil met Nederland onder elk cijfer" if vergelijk else ""))
        metric_rij(df, code, kolommen, per_rij=3, container=tab)


# --- tables, downloads, source notes ----------------------------------------


def source_note(kolommen: Sequence[str], *, kaart: str | None = None, toelichting: bool = True) -> None:
    """Caption with source, reference date and estimate marker of each indicator, every indicator named
    (`queries.bronnoot`), and, for a map of level `kaart`, the source of its boundaries."""
    lines = queries.bronnoot(kolommen, toelichting=toelichting)
    if kaart:
        lines.append(queries.grenzen_bron(kaart))
    st.caption("  \n".join(lines))


def show_table(df: pd.DataFrame, formats: dict[str, str | tuple], **kwargs) -> None:
    """A table with Dutch numbers ("1.234,5", "22,6%") and "geen gegevens" for missing values."""
    st.dataframe(format_table(df, formats), hide_index=True, width="stretch", **kwargs)


MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Download:
    """One download button: label, the bytes (or a function that makes them on click), file name and type."""

    label: str
    data: bytes | Callable[[], bytes]
    bestandsnaam: str
    soort: str  # "csv" or "xlsx"
    help: str | None = None


def downloads(bestanden: Sequence[Download], *, key: str) -> None:
    """Download buttons side by side."""
    row = st.container(horizontal=True)
    for bestand in bestanden:
        row.download_button(bestand.label, data=bestand.data, file_name=bestand.bestandsnaam, mime=MIME[bestand.soort],
                            key=f"{bestand.soort}-{key}", on_click="ignore", icon=":material/download:", help=bestand.help)


def download_row(df: pd.DataFrame, stem: str, region_code: str | None, *, titel: str | None = None,
                 bronnen: Sequence[str] = (), notes: Sequence[str] = (), formats: dict | None = None) -> None:
    """CSV (Dutch Excel: BOM, ";" and decimal comma) and Excel downloads of `df`, with real numbers.

    Both files name their source: a last column "Bron" with `bronnen` (unless the table has a source
    column of its own); the Excel file also has a sheet Toelichting with the title, sources and notes,
    and shows numbers with the decimals of the screen (`formats`); both files round the columns of
    `formats` to those decimals. Nederland (NL00) is named
    "nederland" in the file name, like no region at all.
    """
    region_code = None if region_code == queries.NEDERLAND else region_code
    numeriek = {kolom: decimalen(spec) for kolom, spec in (formats or {}).items()}
    bestand = export.met_bron(export.afronden(df, numeriek), list(bronnen))
    toelichting = [regel for regel in dict.fromkeys([titel, *bronnen, *notes]) if regel]
    getallen = {kolom: export.excel_formaat(decimalen(spec)) for kolom, spec in (formats or {}).items()
                if kolom in bestand and pd.api.types.is_numeric_dtype(bestand[kolom])}
    downloads([
        Download("CSV downloaden", partial(export.to_csv_bytes, bestand), export.download_filename(stem, region_code, "csv"),
                 "csv", "Voor Excel: puntkomma's en decimale komma's; de bron staat in de laatste kolom."),
        Download("Excel downloaden", partial(export.to_xlsx_bytes, bestand, sheet_name=stem, notes=toelichting,
                                             number_formats=getallen),
                 export.download_filename(stem, region_code, "xlsx"), "xlsx",
                 "Met een tabblad Toelichting (bron en peildatum)."),
    ], key=export.slugify(stem))


def tabel(df: pd.DataFrame, formats: dict | None, stem: str, code: str | None, *, kolommen: Sequence[str] = (),
          titel: str | None = None, bronnen: Sequence[str] | None = None, notes: Sequence[str] = (),
          scherm: pd.DataFrame | None = None, statisch: bool = False, bron_noot: bool = True, toelichting: bool = False,
          **kwargs) -> None:
    """A table on screen with its CSV and Excel downloads and the source note of its indicators.

    `df` (real numbers) is what is downloaded; the screen shows `scherm` instead when given (a text
    version, or another layout), as an interactive table or, with `statisch`, a plain one. `formats`
    (`format_table` specs) apply to the columns of the screen table and give the Excel file the same decimals. The downloads' sources are
    `bronnen`, else those of the indicators `kolommen`, which also get a source note under the table
    (unless `bron_noot` is False; with the registry's remarks when `toelichting`).
    """
    shown = scherm if scherm is not None else df
    op_scherm = {kolom: spec for kolom, spec in (formats or {}).items() if kolom in shown.columns}
    if statisch:
        st.table(format_table(shown, op_scherm))
    else:
        show_table(shown, op_scherm, **kwargs)
    download_row(df, stem, code, titel=titel, bronnen=queries.bronregels(kolommen) if bronnen is None else bronnen,
                 notes=notes, formats=formats)
    if kolommen and bron_noot:
        source_note(kolommen, toelichting=toelichting)
