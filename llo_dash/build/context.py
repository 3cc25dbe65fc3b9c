"""What every build step shares: where sources come from, what was used, and the shape of a step's output."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from llo_dash import sources
from llo_dash.config import Settings
from llo_dash.errors import SourceError
from llo_dash.readers import read_source_file


@dataclass
class Part:
    """Indicator columns produced by one build step.

    `gemeente` is indexed by GM code; `published` holds CBS's own figures for
    arbeidsmarktregio's (AMxx) and Nederland (NL00); `klein` holds wijk and buurt rows
    (WK/BU codes). `redenen` explains why values may be missing: column → {niveau or
    "*": reason}.
    """

    gemeente: pd.DataFrame
    published: pd.DataFrame | None = None
    klein: pd.DataFrame | None = None
    redenen: dict[str, dict[str, str]] = field(default_factory=dict)


def reasons(*entries: tuple) -> dict[str, dict[str, str]]:
    """Build `Part.redenen` from (columns, reason, niveaus) entries; niveaus default to all ("*")."""
    result: dict[str, dict[str, str]] = {}
    for columns, reason, *niveaus in entries:
        for column in columns:
            result.setdefault(column, {}).update({niveau: reason for niveau in (niveaus[0] if niveaus else ("*",))})
    return result


@dataclass
class UsedSource:
    id: str
    path: str
    origin: str
    sha256: str
    bytes: int


class BuildContext:
    """Obtains source files (mirror first, then the public URL) and remembers what was used."""

    def __init__(self, settings: Settings, *, offline: bool = False, session=None, odata_client=None):
        self.settings = settings
        self.offline = offline
        self.session = session
        self._odata_client = odata_client
        self.used: dict[str, UsedSource] = {}
        self._frames: dict[str, pd.DataFrame] = {}

    def mirror_file(self, source_id: str) -> Path | None:
        from llo_dash.fetch import mirror_copy

        return mirror_copy(sources.get(source_id), self.settings.mirror)

    def path(self, source_id: str) -> Path:
        """Local file of a source: the mirror copy, a cached or a fresh download."""
        from llo_dash.fetch import obtain

        source = sources.get(source_id)
        if not source.downloadable and not self.mirror_file(source_id):
            # The public URL of this source is a web page, not the file: only the mirror has it.
            raise SourceError(
                f"Bronbestand {source.mirror_path} ({source.title}) ontbreekt in de mirror "
                f"({self.settings.mirror}). Deze bron is niet als los bestand te downloaden; "
                f"haal de tabel op via {source.url} en zet hem in de mirror."
            )
        obtained = obtain(
            source, self.settings.mirror, self.settings.cache_dir, session=self.session, offline=self.offline
        )
        self.used[source_id] = UsedSource(source_id, str(obtained.path), obtained.origin, obtained.sha256, obtained.size)
        return obtained.path

    def read(self, source_id: str):
        """The source file parsed by its reader (cached: several steps read the same file)."""
        if source_id not in self._frames:
            source = sources.get(source_id)
            self._frames[source_id] = read_source_file(source.reader, self.path(source_id))
        return self._frames[source_id]

    def read_partial(self, source_id: str):
        """A source that covers only part of the areas in the mirror: parsed, or None when it is absent.

        Its indicators then stay missing with a reason, as for the areas it does not cover.
        """
        return self.read(source_id) if self.mirror_file(source_id) else None

    def live(self, source_id: str):
        """The OData client for a CBS table that is not in the mirror (records the live use)."""
        source = sources.get(source_id)
        if self.offline or source.table is None:
            why = "de bouw draait offline" if self.offline else "deze bron heeft geen CBS-tabel om live op te halen"
            raise SourceError(
                f"Bronbestand {source.mirror_path} ({source.title}) ontbreekt in de mirror ({self.settings.mirror}) "
                f"en {why}. Zet het bestand in de mirror of bouw met internettoegang."
            )
        if self._odata_client is None:
            from llo_dash.odata import ODataClient

            self._odata_client = ODataClient(session=self.session)
        self.used[source_id] = UsedSource(source_id, source.odata_url, "live (CBS OData)", "", 0)
        return self._odata_client
