"""The choice in the URL: page setup, the shared sidebar with the region and gemeente pickers, and
page-specific view settings and lists kept in the link.

The chosen region lives in the URL (`?regio=AM12`, `?gemeente=GM0363`) so every view
is a link that can be shared. Streamlit's page menu clears the query string when the
user switches pages, so the last choice is also kept in the session and put back into
the URL on the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from llo_dash.views import queries
from llo_dash.formatting import tijdstip
from llo_dash.ui.data import load_data, manifest, markering, opruimen
from llo_dash.ui.first_run import ensure_built
from llo_dash.ui.pages_menu import ensure_app_menu

REGIO_PARAM, GEMEENTE_PARAM = "regio", "gemeente"
NEDERLAND_OPTIE = queries.NEDERLAND  # the "no region" entry of the picker
GEEN_GEMEENTE = ""

_KEUZE = "_llo_keuze"  # session memory of {"regio", "gemeente"} across page switches
_URL_GEHEUGEN = "_llo_url_geheugen"  # session memory of list parameters ({param: "AM12,AM13"}) across page switches
_W_REGIO, _W_GEMEENTE = "_w_regio", "_w_gemeente"  # widget keys of the sidebar pickers


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
        return markering(self.regio, self.gemeente)


def _zet_param(key: str, value: str | None) -> None:
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != [value]:  # also writes one value over a repeated parameter
        st.query_params[key] = value


def url_waarde(param: str) -> str | None:
    """The value of `?param=` in the link, None when absent.

    A repeated parameter (`?gemeente=GM0363&gemeente=GM0518`) gives a Dutch warning and its first value,
    always (Streamlit's own `st.query_params.get` would quietly take the last one).
    """
    waarden = st.query_params.get_all(param)
    if not waarden:
        return None
    if len(set(waarden)) > 1:
        st.warning(
            f"De link bevat {len(waarden)} waarden voor '{param}' ({', '.join(map(_veilige_lijst, waarden))}); "
            f"alleen de eerste (**{_veilige_lijst(waarden[0])}**) wordt gebruikt."
        )
    return waarden[0]


def kies(regio: str | None, gemeente: str | None = None) -> None:
    """Make (regio, gemeente) the choice: in the URL and in the session memory."""
    st.session_state[_KEUZE] = {"regio": regio, "gemeente": gemeente}
    _zet_param(REGIO_PARAM, regio)
    _zet_param(GEMEENTE_PARAM, gemeente)


def _veilige_lijst(waarde: str) -> str:
    """A value from the link shown safely, a list value ("AM12,AM13") with its commas."""
    return ",".join(queries.veilig(deel) for deel in waarde.split(","))


def _uit_url(df: pd.DataFrame) -> tuple[str | None, str | None]:
    """The choice from the URL, with a Dutch warning for codes that do not exist."""
    params = st.query_params
    if REGIO_PARAM not in params and GEMEENTE_PARAM not in params:
        # Either a fresh start or a page switch (which empties the query string): the session remembers.
        memory = st.session_state.get(_KEUZE) or {}
        return memory.get("regio"), memory.get("gemeente")

    raw_regio = url_waarde(REGIO_PARAM) or None
    raw_gemeente = url_waarde(GEMEENTE_PARAM) or None
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


# A little wider than Streamlit's 300 px, so the longest region in the picker ("Zuid-Kennemerland en IJmond (AM37)")
# is not cut off on a 1366 × 768 laptop. Style only: st.html sends it without taking room on the page.
_ZIJBALK_CSS = '<style>section[data-testid="stSidebar"][data-collapsed="false"] { min-width: 22rem; }</style>'


def _zijbalk(df: pd.DataFrame, regio: str | None, gemeente: str | None, gemeente_kiezer: bool) -> None:
    st.html(_ZIJBALK_CSS)
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
        # Not through app.py: either Streamlit served a shared link straight from pages/ (then this
        # runs the page again, through app.py; see pages_menu), or a page runs on its own (AppTest
        # of one page file): then do app.py's part here.
        ensure_app_menu()
        st.set_page_config(**PAGE_CONFIG)
        ensure_built()
    df = load_data()
    opruimen()
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
    raw = url_waarde(param)
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
        return url_waarde(param)
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
