"""Get a source file safely: from the mirror, from the download cache, or by downloading it.

Downloads are streamed with a size cap, retried with exponential backoff on
temporary failures (honouring a server's `Retry-After`) and written atomically, so a
failed or interrupted download never leaves a half-written file behind. Every failure
is a `SourceError` with a Dutch message that names the URL or file.

The retries are our own loop (`with_retries`), not `urllib3.util.Retry` on an
`HTTPAdapter`: Retry works inside the connection pool, so it does not retry a body that
breaks off while it is streamed to disk (it has been handed over by then), it waits 0 s
before the first retry, its waits cannot be observed in tests, and its MaxRetryError
would have to be translated back into "na 3 pogingen: verbinding geweigerd".
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TypeVar

import requests

from llo_dash.errors import FileLabel, SourceError
from llo_dash.sources import Source

MAX_BYTES = 200 * 2**20
CHUNK_SIZE = 2**16
MAX_RETRY_AFTER = 120.0  # seconds: a longer `Retry-After` is capped, not obeyed (the build would seem to hang)

T = TypeVar("T")


@dataclass(frozen=True)
class Obtained:
    """A local copy of a source and where it came from."""

    path: Path  # local file to read
    origin: str  # "mirror" | "download" | "cache"
    sha256: str
    size: int  # bytes


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks so large files need little memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_SIZE), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- obtaining a source ---------------------------------------------------------------------


def obtain(
    source: Source,
    mirror: Path | None,
    cache_dir: Path,
    *,
    session=None,
    max_bytes: int = MAX_BYTES,
    offline: bool = False,
) -> Obtained:
    """The local file for `source`: the mirror copy, else the cached download, else a new download."""
    candidate = mirror_copy(source, mirror)
    if candidate is not None:
        size = _usable_size(candidate, source)
        return Obtained(candidate, "mirror", sha256_file(candidate), size)

    cached = Path(cache_dir) / source.id / Path(source.mirror_path).name
    # Downloads are written atomically, so a non-empty cached file is complete.
    if cached.is_file() and cached.stat().st_size > 0:
        return Obtained(cached, "cache", sha256_file(cached), cached.stat().st_size)

    if offline:
        where = f"in de mirror ({Path(mirror) / source.mirror_path}) " if mirror is not None else "in de mirror "
        raise SourceError(
            file=FileLabel(source.mirror_path, source.title, source.id),
            predicate=f"staat niet {where}en niet in de downloadcache ({cached}). "
            f"Zonder internet (offline) kan {source.url} niet worden gedownload",
        )
    digest, size = download(source.url, cached, session=session, max_bytes=max_bytes)
    return Obtained(cached, "download", digest, size)


def mirror_copy(source: Source, mirror: Path | None) -> Path | None:
    """The source's path in the mirror when it is there (checked for usability by `obtain`)."""
    if mirror is None:
        return None
    candidate = Path(mirror) / source.mirror_path
    return candidate if candidate.exists() else None


def _usable_size(path: Path, source: Source) -> int:
    """Size of a mirror file; a folder or an empty file in its place is an error, not a fallback."""
    label = FileLabel(str(path), source.title, source.id)
    if not path.is_file():
        raise SourceError(
            file=label, predicate="is in de mirror geen bestand maar een map. Zet daar het bronbestand neer of verwijder de map"
        )
    size = path.stat().st_size
    if size == 0:
        raise SourceError(file=label, predicate="is leeg. Vervang het door een volledige kopie van de bron")
    return size


# --- downloading ----------------------------------------------------------------------------


class Transient(Exception):
    """A failure worth retrying (no connection, time-out, HTTP 5xx or 429); `reason` is Dutch.

    `retry_after`: the seconds the server asked us to wait (its `Retry-After` header), if any.
    """

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def download(
    url: str,
    dest: Path,
    *,
    session=None,
    timeout=(10, 60),
    retries: int = 3,
    backoff: float = 1.0,
    max_bytes: int = MAX_BYTES,
    sleep=time.sleep,
) -> tuple[str, int]:
    """Download `url` to `dest` atomically and return (sha256, size in bytes).

    `retries` is the total number of attempts; between attempts we wait
    `backoff`, 2×`backoff`, 4×`backoff`, … seconds.
    """
    dest = Path(dest)
    own_session = session is None
    session = requests.Session() if own_session else session
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SourceError(
            f"De map {dest.parent} voor het downloaden van {url} kon niet worden gemaakt: {error.strerror}."
        ) from error
    try:
        return with_retries(
            lambda: _download_once(session, url, dest, timeout=timeout, max_bytes=max_bytes),
            url=url, retries=retries, backoff=backoff, sleep=sleep, action="Downloaden",
        )
    finally:
        if own_session:
            session.close()


def with_retries(
    attempt: Callable[[], T], *, url: str, retries: int, backoff: float, sleep, action: str = "Downloaden"
) -> T:
    """Run `attempt` until it succeeds; retry only on `Transient`, with exponential backoff.

    A server's `Retry-After` lengthens the wait (up to `MAX_RETRY_AFTER`), never shortens it.
    """
    retries = max(1, retries)
    for number in range(1, retries + 1):
        try:
            return attempt()
        except Transient as error:
            reason, asked = error.reason, error.retry_after
        if number < retries:
            wait = backoff * 2 ** (number - 1)
            sleep(max(wait, min(asked, MAX_RETRY_AFTER)) if asked is not None else wait)
    pogingen = "poging" if retries == 1 else "pogingen"
    raise SourceError(f"{action} van {url} is mislukt na {retries} {pogingen}: {reason}.")


def send(session, url: str, *, timeout, stream: bool = False, action: str = "Downloaden"):
    """GET `url`; network trouble becomes `Transient`, a refused request a `SourceError`."""
    try:
        response = session.get(url, timeout=timeout, stream=stream)
    except requests.Timeout as error:
        raise Transient("de server antwoordde niet op tijd") from error
    except requests.ConnectionError as error:
        raise Transient(_connection_reason(error)) from error
    except requests.exceptions.ChunkedEncodingError as error:  # body cut off (not streamed)
        raise Transient("de verbinding werd halverwege het antwoord verbroken") from error
    except requests.RequestException as error:
        raise SourceError(
            f"{action} van {url} is mislukt: het verzoek kon niet worden verstuurd ({error})."
        ) from error
    if response.status_code >= 400:
        response.close()
        check_status(response, url, action=action)
    return response


def check_status(response, url: str, *, action: str = "Downloaden") -> None:
    """Raise `Transient` for 5xx/429 and `SourceError` for any other HTTP error status."""
    status = response.status_code
    if status < 400:
        return
    if status == 429:
        raise Transient("de server meldt te veel verzoeken (HTTP 429)", _retry_after(response))
    if status >= 500:
        raise Transient(f"de server gaf een foutmelding (HTTP {status})", _retry_after(response))
    if status == 404:
        problem = "het bestand bestaat niet op de server (HTTP 404)"
    elif status in (401, 403):
        problem = f"de server geeft geen toegang tot het bestand (HTTP {status})"
    else:
        problem = f"de server weigerde het verzoek (HTTP {status})"
    raise SourceError(f"{action} van {url} is mislukt: {problem}.")


def _retry_after(response) -> float | None:
    """Seconds to wait from a `Retry-After` header (a number of seconds or an HTTP date); None if absent or unreadable."""
    value = str((getattr(response, "headers", None) or {}).get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - datetime.now(timezone.utc)).total_seconds())


def _connection_reason(error: Exception) -> str:
    text = str(error).lower()
    if "refused" in text:
        return "verbinding geweigerd"
    if "name or service not known" in text or "nameresolution" in text or "getaddrinfo" in text:
        return "de servernaam is onbekend (is er internet?)"
    return "er kon geen verbinding met de server worden gemaakt"


def _download_once(session, url: str, dest: Path, *, timeout, max_bytes: int) -> tuple[str, int]:
    """One attempt: stream into a temporary file next to `dest`, then move it into place."""
    response = send(session, url, timeout=timeout, stream=True)
    tmp: Path | None = None
    try:
        _check_announced_size(response, url, max_bytes)
        # Same folder as `dest`, so os.replace is an atomic rename.
        with tempfile.NamedTemporaryFile(
            dir=dest.parent, prefix=f".{dest.name}.", suffix=".part", delete=False
        ) as handle:
            tmp = Path(handle.name)
            digest, size = stream_to(response, handle, url, max_bytes)
        if size == 0:
            raise SourceError(f"Downloaden van {url} is mislukt: de server stuurde een leeg bestand.")
        os.replace(tmp, dest)
        return digest, size
    except OSError as error:
        raise SourceError(
            f"Het opslaan van {url} als {dest} is mislukt: {error.strerror or error}."
        ) from error
    finally:
        response.close()
        if tmp is not None:
            tmp.unlink(missing_ok=True)  # after os.replace the temporary name is already gone


def _check_announced_size(response, url: str, max_bytes: int) -> None:
    announced = response.headers.get("Content-Length")
    if announced and announced.strip().isdigit() and int(announced) > max_bytes:
        raise SourceError(
            f"Downloaden van {url} is afgebroken: het bestand is {_megabytes(int(announced))} groot, "
            f"meer dan de toegestane {_megabytes(max_bytes)}."
        )


def stream_to(response, handle, url: str, max_bytes: int, max_seconds: float | None = None, *,
              action: str = "Downloaden") -> tuple[str, int]:
    """Copy the body to `handle`, counting bytes: Content-Length may be absent or wrong.

    `max_seconds` bounds the whole body: the read time-out only bounds the wait for each next piece,
    so a server that trickles a byte now and then would otherwise keep the build waiting for ever.
    """
    digest = hashlib.sha256()
    size = 0
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    try:
        for chunk in response.iter_content(chunk_size=CHUNK_SIZE):
            if deadline is not None and time.monotonic() > deadline:
                raise Transient(f"de server stuurde het antwoord te traag (na {max_seconds:g} s nog niet compleet)")
            if not chunk:
                continue
            size += len(chunk)
            if size > max_bytes:
                raise SourceError(
                    f"{action} van {url} is afgebroken: het antwoord is groter dan "
                    f"de toegestane {_megabytes(max_bytes)}."
                )
            digest.update(chunk)
            handle.write(chunk)
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
        raise Transient("de verbinding werd tijdens het downloaden verbroken") from error
    except requests.Timeout as error:
        raise Transient("de server stopte halverwege met antwoorden") from error
    return digest.hexdigest(), size


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB".replace(".", ",")
