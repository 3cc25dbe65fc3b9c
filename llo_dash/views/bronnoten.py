"""Source lines of indicators and map boundaries: the note under every figure and table, and the "Bron"
of every download. Pure, no Streamlit; read through `llo_dash.views.queries` (which re-exports these names)."""

from __future__ import annotations

from collections.abc import Sequence

from llo_dash import indicators, sources
from llo_dash.formatting import opsomming


def _uitgever(source: sources.Source) -> str:
    return source.attribution.removeprefix("Bron:").strip() or source.publisher


def bronvermelding(kolom: str) -> str:
    """One Dutch line naming sources and reference date of an indicator.

    "Bron: CBS, Bevolking; hoogstbehaald onderwijsniveau en regio (85525NED), 2023";
    estimates end with "Schatting, geen telling.".
    """
    indicator = indicators.get(kolom)
    if indicator.schatting:
        # The model's own line; its many inputs are listed on Bronnen & methode.
        return f"Bron: schatting LLO Regiodashboard met PIAAC en CBS, {indicator.peildatum}. Schatting, geen telling."
    per_uitgever: dict[str, list[str]] = {}
    for source_id in indicator.bronnen:
        source = sources.BY_ID.get(source_id)
        uitgever, titel = (_uitgever(source), source.title) if source else ("", source_id)
        titels = per_uitgever.setdefault(uitgever, [])
        if titel not in titels:
            titels.append(titel)
    delen = [", ".join(filter(None, [uitgever, opsomming(titels)])) for uitgever, titels in per_uitgever.items()]
    return f"Bron: {'; '.join(delen)}, {indicator.peildatum}."


def bronregels(kolommen: Sequence[str]) -> list[str]:
    """The distinct source lines of `kolommen`, in order (for downloads and notes)."""
    return list(dict.fromkeys(bronvermelding(kolom) for kolom in kolommen))


def bronnoot(kolommen: Sequence[str], *, toelichting: bool = True) -> list[str]:
    """The lines of the source note under a figure or table of `kolommen`: every indicator named, with its source.

    Indicators whose line (source, and explanation when `toelichting`) is the same share it, prefixed by all
    their labels: "Netto arbeidsparticipatie en Werkloosheid: Bron: CBS, …". A single indicator's line has no label.
    """
    per_regel: dict[str, list[str]] = {}
    for kolom in kolommen:
        indicator = indicators.get(kolom)
        regel = bronvermelding(kolom)
        if toelichting and indicator.toelichting:
            regel += f" {indicator.toelichting}"
        labels = per_regel.setdefault(regel, [])
        if indicator.label not in labels:
            labels.append(indicator.label)
    if len(kolommen) <= 1:
        return list(per_regel)
    return [f"{opsomming(labels)}: {regel}" for regel, labels in per_regel.items()]


def grenzen_bron(niveau: str = "gemeente") -> str:
    """Source line of the boundaries of a map level ("Kaart: CBS / PDOK …, Wijkgrenzen 2024 …" for wijken).

    Regions are merged from the gemeente boundaries, so they share that source.
    """
    source = sources.get("grenzen_wijk_2024" if niveau == "wijk" else "grenzen_gemeente_2025")
    return f"Kaart: {_uitgever(source)}, {source.title}."
