"""Warnings at the end of a build: which optional sources were absent and what that did to the figures.

A partial source (`BuildContext.read_partial`) may be missing from the mirror: the build then
succeeds, but figures are missing or computed another way. That must never pass silently: each
absent source gives one sentence that the CLI prints at the end, the manifest keeps
(`waarschuwingen`) and *Bronnen & methode* shows.
"""

from __future__ import annotations

from llo_dash import sources
from llo_dash.formatting import getal, opsomming
from llo_dash.indicators import BY_KOLOM

NIVEAU_MEERVOUD = {"nederland": "Nederland", "arbeidsmarktregio": "arbeidsmarktregio's", "provincie": "provincies",
                   "gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
MAX_LABELS = 4  # indicators named per group of areas; the rest counted


def _zonder_waarde(source_id: str, ontbrekend: dict) -> list[str]:
    """'voor 3.393 wijken en 14.574 buurten: eerste generatie, …' per group of areas, for the indicators whose
    missing values this source explains (a count and its share count once; a long list is cut short)."""
    per_gebieden: dict[str, list[str]] = {}
    for kolom, per_niveau in ontbrekend.items():
        aantallen = [f"{getal(entry['ontbrekend'])} {NIVEAU_MEERVOUD.get(niveau, niveau)}" if niveau != "nederland" else "Nederland"
                     for niveau, entry in per_niveau.items() if (entry.get("parameters") or {}).get("bron") == source_id]
        if aantallen:
            label = BY_KOLOM[kolom].label if kolom in BY_KOLOM else kolom
            labels = per_gebieden.setdefault(opsomming(aantallen), [])
            if label not in labels:
                labels.append(label)
    result = []
    for gebieden, labels in per_gebieden.items():
        shown = labels if len(labels) <= MAX_LABELS else [*labels[:MAX_LABELS - 1], f"{len(labels) - MAX_LABELS + 1} andere"]
        result.append(f"voor {gebieden}: {opsomming(shown)}")
    return result


def bouw_waarschuwingen(absent: list[str], stap_waarschuwingen: list[str], ontbrekend: dict) -> list[str]:
    """One Dutch sentence per absent optional source (with the affected indicators and areas), then the steps' own."""
    zinnen = []
    for source_id in absent:
        source = sources.get(source_id)
        zonder = _zonder_waarde(source_id, ontbrekend)
        gevolg = f"zonder waarde {' — '.join(zonder)}" if zonder else "de cijfers uit dit bestand ontbreken"
        zinnen.append(f"Let op: bestand {source.mirror_path} ({source.title}) ontbreekt in de mirror; {gevolg}.")
    return zinnen + stap_waarschuwingen
