"""The Regioprofiel's section on change over time: the Trends page's sentences ("De werkloosheid daalde van … in
2019 naar … in 2024; landelijk van … naar …") for the figures a board asks about, from the built table `trends`."""

from __future__ import annotations

from pathlib import Path

from llo_dash import tables
from llo_dash.views import trends as tr
from llo_dash.views.profiel.text import vraag

TITEL = "Hoe ontwikkelt onze regio zich, en sneller of trager dan Nederland?"
# Work, benefits and education first (the handreiking's target groups), then who lives there.
# Not the literacy estimate: its change over a year is a change of composition well inside its margin.
INDICATOREN = ("werkloosheid_pct", "netto_arbeidsparticipatie_pct", "ww_personen", "laag_opgeleid_pct",
               "eerste_generatie_pct")
BESCHADIGD = ("De tabel met de ontwikkeling door de jaren (`trends`) kan niet worden gelezen ({fout}). Bouw de "
              "gegevens opnieuw: `python -m llo_dash build`.")
MEER = "Meer jaren, de buurregio's en de rang onder de 35 regio's staan op de pagina *Trends*."


def ontwikkeling(data_dir: Path, code: str, naam: str, gemeente: str | None):
    """(title, sentences, source lines) for `code`, or None when the build has no trends table (an older build)."""
    if not tables.table_path(data_dir, "trends").exists():
        return None
    try:
        trends = tables.read_table(data_dir, "trends")
    except Exception as error:  # noqa: BLE001 - a damaged file: a sentence in the profile, not a traceback
        return vraag(TITEL, gemeente), [BESCHADIGD.format(fout=type(error).__name__)], []
    zinnen, bronnen = [], []
    aanwezig = set(trends["indicator"].unique())
    for indicator in INDICATOREN:
        if indicator not in aanwezig:
            continue
        zin = tr.trendzinnen(trends, code, [indicator], gebiedsnaam=naam)  # empty when the area has no series
        if zin:
            zinnen += zin
            bronnen.append(tr.bronregel(trends, indicator))
    if not zinnen:
        return None
    return vraag(TITEL, gemeente), [*zinnen, MEER], list(dict.fromkeys(bronnen))
