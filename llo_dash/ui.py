"""Shared Streamlit pieces: page setup with the region picker bound to the URL, data loading,
first-run build, downloads, source notes and Dutch tables.

The chosen region lives in the URL (`?regio=AM12`, `?gemeente=GM0363`) so every view
is a link that can be shared. Streamlit's page menu clears the query string when the
user switches pages, so the last choice is also kept in the session and put back into
the URL on the next page.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from llo_dash import export, geo, indicators, queries
from llo_dash.build.pipeline import MANIFEST, run_build
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.figures import plotly_config
from llo_dash.formatting import datum, format_table, procent, verschil

REGIO_PARAM, GEMEENTE_PARAM = "regio", "gemeente"
NEDERLAND_OPTIE = queries.NEDERLAND  # the "no region" entry of the picker
GEEN_GEMEENTE = ""
NIVEAU_NAMEN = {"arbeidsmarktregio": "Arbeidsmarktregio's", "gemeente": "Gemeenten"}

_KEUZE = "_llo_keuze"  # session memory of {"regio", "gemeente"} across page switches
_W_REGIO, _W_GEMEENTE = "_w_regio", "_w_gemeente"  # widget keys of the sidebar pickers
_BUILD_LOCK = threading.Lock()  # sessions share one process: build once, not in parallel


# --- data ------------------------------------------------------------------


def _manifest_path() -> Path:
    return load_settings().data_dir / MANIFEST


def _data_versie() -> int:
    # Part of every cache key: a rebuild (new manifest) invalidates cached tables and maps.
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


@st.cache_data(show_spinner="Gegevens laden …", max_entries=2)
def _gebieden(data_dir: str, versie: int) -> pd.DataFrame:
    return queries.gebieden(Path(data_dir))


def load_data() -> pd.DataFrame:
    """The built table `gebieden`, cached per build."""
    try:
        return _gebieden(str(load_settings().data_dir), _data_versie())
    except LloDashError as error:
        st.error(f"De gegevens zijn niet beschikbaar. {error}")
        st.stop()


@st.cache_resource(show_spinner=False, max_entries=8)
def _grenzen(data_dir: str, niveau: str, versie: int) -> dict:
    # cache_resource: one shared, read-only copy of the geometry per process, not a copy per session.
    return geo.read_boundaries(Path(data_dir), niveau)


def grenzen(niveau: str) -> dict:
    """Boundaries of one level (FeatureCollection, feature id = code); do not modify."""
    try:
        return _grenzen(str(load_settings().data_dir), niveau, _data_versie())
    except LloDashError as error:
        st.error(str(error))
        st.stop()


def _features(niveau: str, code: str | None) -> dict | None:
    if not code:
        return None
    return {"type": "FeatureCollection", "features": [f for f in grenzen(niveau)["features"] if f.get("id") == code]}


@st.cache_data(show_spinner=False)
def _manifest(versie: int) -> dict:
    try:
        return json.loads(_manifest_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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

    def naam(self, code: str | None = None) -> str:
        return queries.naam(self.df, code or self.gebied)

    def markering(self) -> list[dict]:
        """Outlines for a map: the chosen region, then the chosen gemeente."""
        return [fc for fc in (_features("arbeidsmarktregio", self.regio), _features("gemeente", self.gemeente)) if fc]


def _veilig(value: str) -> str:
    # A link can carry anything; show only harmless characters (no Markdown, no HTML).
    return re.sub(r"[^0-9A-Za-z _.-]", "", value)[:24] or "(leeg)"


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
            f"Arbeidsmarktregio **{_veilig(raw_regio)}** uit de link bestaat niet (codes AM01 t/m AM38, indeling 2025). "
            "Je ziet nu heel Nederland; kies een regio in de zijbalk."
        )
    if raw_gemeente and gemeente is None:
        getoond = queries.naam(df, regio) if regio else "heel Nederland"
        st.warning(
            f"Gemeente **{_veilig(raw_gemeente)}** uit de link bestaat niet (gemeentecodes GM…, indeling 2025). "
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
        manifest = _manifest(_data_versie())
        gebouwd = manifest.get("gebouwd_op", "")
        if gebouwd:
            try:
                gebouwd = datum(pd.Timestamp(gebouwd))
            except ValueError:
                pass
            st.caption(f"Gegevens gebouwd op {gebouwd}. Cijfers van CBS en andere open bronnen; zie Bronnen & methode.")


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
        # Right after the server starts, a deep link such as /doelgroep can be served from
        # pages/ directly, without app.py (Streamlit only drops its pages/ discovery once
        # st.navigation has run). Do app.py's part here so the page still works.
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


# --- map clicks ------------------------------------------------------------


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
        fig, key=key, on_select=partial(_kaart_geklikt, key), selection_mode="points", config=plotly_config(bestandsnaam)
    )


# --- figures, tables, downloads --------------------------------------------


def source_note(kolommen: Sequence[str], *, kaart: bool = False, toelichting: bool = True) -> None:
    """Caption with source, reference date and estimate marker of each indicator (and the map source)."""
    lines, seen = [], set()
    for kolom in kolommen:
        line = queries.bronvermelding(kolom)
        indicator = indicators.get(kolom)
        if toelichting and indicator.toelichting:
            line += f" {indicator.toelichting}"
        if line not in seen:
            seen.add(line)
            lines.append(f"{indicator.label}: {line}" if len(kolommen) > 1 else line)
    if kaart:
        lines.append(queries.grenzen_bron())
    st.caption("  \n".join(lines))


def show_table(df: pd.DataFrame, formats: dict[str, str | tuple], **kwargs) -> None:
    """A table with Dutch numbers ("1.234,5", "22,6%") and "geen gegevens" for missing values."""
    st.dataframe(format_table(df, formats), hide_index=True, width="stretch", **kwargs)


def download_row(df: pd.DataFrame, stem: str, region_code: str | None, notes: Sequence[str] = ()) -> None:
    """CSV (Dutch Excel: BOM, ";" and decimal comma) and Excel downloads of `df`, with real numbers."""
    key = export.slugify(stem)
    row = st.container(horizontal=True)
    row.download_button(
        "CSV downloaden",
        data=partial(export.to_csv_bytes, df),  # made on click, not on every run
        file_name=export.download_filename(stem, region_code, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
        icon=":material/download:",
        help="Voor Excel: puntkomma's en decimale komma's.",
    )
    row.download_button(
        "Excel downloaden",
        data=partial(export.to_xlsx_bytes, df, sheet_name=stem, notes=list(notes)),
        file_name=export.download_filename(stem, region_code, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx-{key}",
        on_click="ignore",
        icon=":material/download:",
        help="Met een tabblad Toelichting (bron en peildatum).",
    )


def kerncijfers(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str], *, per_rij: int = 3) -> None:
    """Headline figures (st.metric) of each area in `codes`, one tab per area, the first tab shown.

    Areas other than Nederland show the difference with Nederland under each figure.
    """
    codes = list(dict.fromkeys(codes))
    titels = {code: _gebied_titel(df, code) for code in codes}
    for tab, code in zip(st.tabs([queries.naam(df, code) for code in codes]), codes):
        vergelijk = code != queries.NEDERLAND
        cijfers = queries.kerncijfers(df, code, list(kolommen))
        tab.markdown(f"**{titels[code]}**" + (" — verschil met Nederland onder elk cijfer" if vergelijk else ""))
        rows = list(cijfers.itertuples(index=False))
        for start in range(0, len(rows), per_rij):
            for column, row in zip(tab.columns(per_rij), rows[start:start + per_rij]):
                _metric(column, row, vergelijk)


def _gebied_titel(df: pd.DataFrame, code: str) -> str:
    soort = {"arbeidsmarktregio": "Arbeidsmarktregio ", "gemeente": "Gemeente "}
    niveau = df.loc[df["code"] == code, "niveau"]
    return soort.get(niveau.iloc[0] if not niveau.empty else "", "") + queries.naam(df, code)


def _metric(column, row, vergelijk: bool) -> None:
    indicator = indicators.get(row.kolom)
    delta, arrow = None, "auto"
    if vergelijk and indicator.is_percentage and not pd.isna(row.verschil):
        delta = verschil(row.verschil, indicator.decimalen, "procentpunt")
        arrow = "auto" if delta.startswith(("+", "-")) else "off"  # no arrow for "0,0 procentpunt"
    elif vergelijk and not pd.isna(row.aandeel_nederland):
        delta, arrow = f"{procent(row.aandeel_nederland, 1)} van Nederland", "off"
    column.metric(
        indicator.label + (" (schatting)" if indicator.schatting else ""),
        queries.waarde_tekst(row.kolom, row.gebied),
        delta=delta,
        delta_color="off",  # higher is neither good nor bad here: no red/green judgement
        delta_arrow=arrow,
        help=queries.bronvermelding(row.kolom),
    )
    if row.marge:
        column.caption(f"Schatting, {row.marge}")
