"""The optional folder of uploads (`config.toml [data] uploads`, `LLO_DASH_UPLOADS`): UWV files a coordinator
keeps locally, so the region's tension figures survive a restart.

Every .csv/.xlsx file there whose header has the template's columns is checked with the same function as the
browser upload (the page's check, `upload.validate_tension_upload`); other files are ignored with a note. A
file is read once per change (cached on path, modification time and size) and per build; the folder is
never written. A session upload wins over the folder (the page decides).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from llo_dash.config import load_settings
from llo_dash.ui.data import data_versie
from llo_dash.views.sectoren.upload import UploadResult, template_mismatch
from llo_dash.views.sectoren.upload_reader import display_name

Controle = Callable[[str, bytes], UploadResult]
SOORTEN = (".csv", ".xlsx")


@dataclass(frozen=True)
class MapBestand:
    """One file of the folder: checked (`resultaat`, good or refused) or ignored (`genegeerd`: why)."""

    naam: str
    gewijzigd: int  # modification time (ns): the newest good file with the region is used
    resultaat: UploadResult | None = None
    genegeerd: str | None = None


@dataclass(frozen=True)
class UploadMap:
    map: str
    bestanden: tuple[MapBestand, ...]
    melding: str | None = None  # the folder itself cannot be read

    @property
    def goed(self) -> list[UploadResult]:
        """The good files, newest first."""
        goed = [b for b in self.bestanden if b.resultaat is not None and b.resultaat.ok]
        return [b.resultaat for b in sorted(goed, key=lambda b: b.gewijzigd, reverse=True)]

    @property
    def afgekeurd(self) -> list[UploadResult]:
        return [b.resultaat for b in self.bestanden if b.resultaat is not None and not b.resultaat.ok]

    @property
    def genegeerd(self) -> list[MapBestand]:
        return [b for b in self.bestanden if b.genegeerd is not None]

    def voor_regio(self, regio: str | None) -> UploadResult | None:
        """The newest good file with figures for `regio`; without one, the newest good file (the page then says
        which regions it has)."""
        goed = self.goed
        return next((r for r in goed if regio and r.periodes(regio)), goed[0] if goed else None)


@st.cache_data(show_spinner=False, max_entries=64)
def _lees_bestand(pad: str, gewijzigd: int, grootte: int, versie: int, _controle: Controle) -> MapBestand:
    """One file, checked; cached on path, modification time, size and the build (`versie`: the BRC and region
    lists of the check come from the build)."""
    naam = display_name(Path(pad).name)
    try:
        inhoud = Path(pad).read_bytes()
    except OSError as error:
        return MapBestand(naam, gewijzigd, genegeerd=f"'{naam}' kan niet worden gelezen ({error.strerror}).")
    reden = template_mismatch(naam, inhoud)
    if reden is not None:
        return MapBestand(naam, gewijzigd, genegeerd=reden)
    return MapBestand(naam, gewijzigd, resultaat=_controle(naam, inhoud))


def lees_uploadmap(controle: Controle, map_: Path | None = None) -> UploadMap | None:
    """The folder of uploads (default: the setting), every file checked; None when no folder is set."""
    map_ = load_settings().uploads if map_ is None else map_
    if map_ is None:
        return None
    try:
        paden = sorted(p for p in map_.iterdir() if p.is_file() and p.suffix.lower() in SOORTEN)
    except OSError:
        return UploadMap(str(map_), (), f"De map met uploads ({map_}) bestaat niet of kan niet worden gelezen.")
    versie = data_versie()
    bestanden = []
    for pad in paden:
        stat = pad.stat()
        bestanden.append(_lees_bestand(str(pad), stat.st_mtime_ns, stat.st_size, versie, controle))
    return UploadMap(str(map_), tuple(bestanden))
