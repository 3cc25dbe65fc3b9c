"""What every build step shares: where sources come from, what was used, and the shape of a step's output."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from llo_dash import sources
from llo_dash.config import Settings
from llo_dash.errors import FileLabel, SourceError
from llo_dash.ingest.readers import read_source_file
from llo_dash.redenen import Reden, reden

LIVE = "live (CBS OData)"


@dataclass
class Part:
    """Indicator columns produced by one build step.

    `gemeente` is indexed by GM code; `published` holds CBS's own figures for
    arbeidsmarktregio's (AMxx) and Nederland (NL00); `klein` holds wijk and buurt rows
    (WK/BU codes). `redenen` explains why values may be missing: column → {niveau or
    "*": reason code (`llo_dash.redenen`)}.
    """

    gemeente: pd.DataFrame
    published: pd.DataFrame | None = None
    klein: pd.DataFrame | None = None
    redenen: dict[str, dict[str, Reden]] = field(default_factory=dict)


def reasons(*entries: tuple) -> dict[str, dict[str, Reden]]:
    """Build `Part.redenen` from (columns, reason, niveaus) entries; niveaus default to all ("*")."""
    result: dict[str, dict[str, Reden]] = {}
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
        self._live_rows: dict[str, list[dict]] = {}
        self.absent: list[str] = []  # optional (partial) sources not in the mirror: the build warns at the end
        self.waarschuwingen: list[str] = []  # what a step computed differently for lack of a source

    def mirror_file(self, source_id: str) -> Path | None:
        from llo_dash.ingest.fetch import mirror_copy

        return mirror_copy(sources.get(source_id), self.settings.mirror)

    def path(self, source_id: str) -> Path:
        """Local file of a source: the mirror copy, a cached or a fresh download."""
        from llo_dash.ingest.fetch import obtain

        source = sources.get(source_id)
        if not source.downloadable and not self.mirror_file(source_id):
            # The public URL of this source is a web page, not the file, and this version has no
            # live path for it (see README, "Gegevens bouwen en verversen"): only the mirror has it.
            raise SourceError(
                source_id=source_id,
                predicate=f"ontbreekt in de mirror ({self.settings.mirror}). Deze versie leest deze bron alleen uit "
                f"de mirror; haal de tabel op via {source.url} en zet hem in de mirror",
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
            path = self.path(source_id)
            self._frames[source_id] = read_source_file(source.reader, path, self.file_label(source_id))
        return self._frames[source_id]

    def file_label(self, source_id: str) -> FileLabel:
        """How messages name a source: its file (path in the mirror, or the download) or live table, title and id."""
        source = sources.get(source_id)
        used = self.used.get(source_id)
        if used is not None and used.origin == LIVE:
            return FileLabel(f"CBS-tabel {source.table}, live opgehaald", source.title, source.id, live=True)
        where = source.mirror_path if used is None or used.origin == "mirror" else used.path
        return FileLabel(where, source.title, source.id)

    def read_partial(self, source_id: str):
        """A source that covers only part of the areas in the mirror: parsed, or None when it is absent.

        Its indicators then stay missing with a reason, as for the areas it does not cover, and the
        build ends with a warning (`absent`), so that changed figures never pass unnoticed.
        """
        if self.mirror_file(source_id):
            return self.read(source_id)
        if source_id not in self.absent:
            self.absent.append(source_id)
        return None

    def waarschuw(self, source_id: str, gevolg: str) -> None:
        """Record that the absence of optional `source_id` changed a figure (said in `gevolg`), for the end of the build."""
        source = sources.get(source_id)
        self.waarschuwingen.append(f"Let op: {gevolg}: bestand {source.mirror_path} ({source.title}) ontbreekt in de mirror.")

    def absent_reason(self, source_id: str) -> Reden:
        """Why the indicators of an absent partial source are missing (for the manifest)."""
        source = sources.get(source_id)
        return reden("bron_ontbreekt", bron=source.id, bestand=source.mirror_path, titel=source.title)

    def live(self, source_id: str):
        """The OData client for a CBS table that is not in the mirror (records the live use)."""
        source = sources.get(source_id)
        if self.offline or source.table is None:
            why = "de bouw draait offline" if self.offline else "deze bron heeft geen CBS-tabel om live op te halen"
            raise SourceError(
                source_id=source_id,
                predicate=f"ontbreekt in de mirror ({self.settings.mirror}) en {why}. "
                "Zet het bestand in de mirror of bouw met internettoegang",
            )
        if self._odata_client is None:
            from llo_dash.ingest.odata import ODataClient

            self._odata_client = ODataClient(session=self.session)
        if source_id not in self.used:
            self._record_live(source_id, [])
        return _RecordingClient(self._odata_client, lambda rows: self._record_live(source_id, rows))

    def _record_live(self, source_id: str, rows: list[dict]) -> None:
        """Checksum and size of everything fetched live for a source, as for a file.

        The rows of every data request for the source, in order, as one canonical JSON array
        (keys sorted, UTF-8, no spaces): the manifest's sha256 and bytes are of that text.
        """
        fetched = self._live_rows.setdefault(source_id, [])
        fetched.extend(rows)
        canonical = json.dumps(fetched, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        source = sources.get(source_id)
        self.used[source_id] = UsedSource(source_id, source.odata_url, LIVE, hashlib.sha256(canonical).hexdigest(), len(canonical))


class _RecordingClient:
    """An OData client that reports the data rows it returns (for the checksum in the manifest)."""

    def __init__(self, client, record):
        self._client, self._record = client, record

    def __getattr__(self, name):
        return getattr(self._client, name)

    def typed_dataset(self, *args, **kwargs):
        rows = self._client.typed_dataset(*args, **kwargs)
        self._record(rows)
        return rows

    def untyped_dataset(self, *args, **kwargs):
        rows = self._client.untyped_dataset(*args, **kwargs)
        self._record(rows)
        return rows
