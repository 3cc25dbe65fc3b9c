"""The explicit peildatum of a download's Toelichting sheet: the period of each source it names, and the build date.

A download names its sources as text lines ("Bron: CBS, Bevolking; … (85525NED), 2023."). This module finds
the registered sources and indicators behind those lines and states their periods in one row
("Peildatum van de cijfers: CBS 85525NED: 2023."), so the reader of the Excel file need not find the year
at the end of each line. Pure, no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from llo_dash import indicators, sources
from llo_dash.formatting import opsomming, tijdstip
from llo_dash.views import queries

_TABEL_ID = re.compile(r"\b\d{5}[A-Z]{3}\b")  # a CBS table id such as 85525NED


def _bron_label(source: sources.Source) -> str:
    """"CBS 85525NED" for a CBS table, else the source's title."""
    return f"CBS {source.table}" if source.table else source.title


@cache
def _indicatorregels() -> dict[str, tuple[str, str]]:
    """The source line of every indicator (as `queries.bronvermelding` writes it) -> (label, peildatum)."""
    regels = {}
    for indicator in indicators.INDICATOREN:
        if indicator.schatting:
            label = "schatting van het dashboard (PIAAC en CBS)"
        else:
            label = opsomming(list(dict.fromkeys(_bron_label(sources.BY_ID[b]) for b in indicator.bronnen if b in sources.BY_ID)))
        regels.setdefault(queries.bronvermelding(indicator.kolom), (label, indicator.peildatum))
    return regels


def _bronnen_in(regel: str) -> list[sources.Source]:
    """The registered sources a free-text source line names: by title, else by a CBS table id that only one source has."""
    bij_titel = [source for source in sources.SOURCES if source.title in regel]
    gevonden = {source.id: source for source in bij_titel}
    genoemd = {tabel for source in bij_titel for tabel in _TABEL_ID.findall(source.title)}
    for tabel in _TABEL_ID.findall(regel):
        if tabel in genoemd:
            continue
        kandidaten = [s for s in sources.SOURCES if s.table == tabel or f"({tabel})" in s.title]
        if len({s.period for s in kandidaten}) == 1:  # one period, so no doubt which one applies
            gevonden.setdefault(kandidaten[0].id, kandidaten[0])
    return list(gevonden.values())


def peildata(bronnen: Sequence[str]) -> list[str]:
    """"CBS 85525NED: 2023" for every source (or indicator line) named in `bronnen`, without repeats."""
    delen: list[str] = []
    for regel in bronnen:
        bekend = _indicatorregels().get(regel)
        if bekend is not None:
            delen.append(f"{bekend[0]}: {bekend[1]}")
            continue
        delen.extend(f"{_bron_label(source)}: {source.period}" for source in _bronnen_in(regel))
    return list(dict.fromkeys(delen))


def peildatum_regels(bronnen: Sequence[str], gebouwd_op: str | None) -> list[str]:
    """The Toelichting rows: "Peildatum van de cijfers: …" (when a source is recognised) and the build date."""
    regels = []
    delen = peildata(bronnen)
    if delen:
        regels.append(f"Peildatum van de cijfers: {'; '.join(delen)}.")
    if gebouwd_op:
        regels.append(f"Gegevens gebouwd op {tijdstip(gebouwd_op, tijd=False)}.")
    return regels
