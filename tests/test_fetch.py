"""Tests for llo_dash.ingest.fetch: mirror, cache and download, with a fake HTTP session (no network)."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
import requests

from llo_dash import sources
from llo_dash.errors import SourceError
from llo_dash.ingest.fetch import Obtained, download, obtain, sha256_file
from tests.fixtures.http import Sleeps
from tests.fixtures.mirror import mirror_path

URL = "https://example.org/data/gemeenten.csv"
BODY = b"code;naam\nGM0363;Amsterdam\n" * 100




class FakeResponse:
    def __init__(self, status: int = 200, chunks=(BODY,), headers=None, error: Exception | None = None):
        self.status_code = status
        self.chunks = list(chunks)
        self.headers = headers or {}
        self.error = error  # raised after the chunks, as a connection dropping mid-body would
        self.read = False
        self.closed = False

    def iter_content(self, chunk_size=1):
        self.read = True
        yield from self.chunks
        if self.error is not None:
            raise self.error

    def close(self):
        self.closed = True


class FakeSession:
    """Hands out the given outcomes in order: a FakeResponse, or an exception to raise."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.calls = []

    def get(self, url, **kwargs):
        self.calls.append((url, kwargs))
        if not self.outcomes:
            raise AssertionError(f"unexpected request to {url}")
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def refused():
    return requests.ConnectionError("Failed to establish a new connection: [Errno 111] Connection refused")


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def source(**changes) -> sources.Source:
    return dataclasses.replace(sources.get("gebieden_2025"), url=URL, **changes)


# --- download -------------------------------------------------------------------------------


def test_sha256_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_download_success_streams_to_dest(tmp_path):
    dest = tmp_path / "sub" / "gemeenten.csv"
    response = FakeResponse(chunks=[BODY[:100], b"", BODY[100:]], headers={"Content-Length": str(len(BODY))})
    session = FakeSession(response)

    digest, size = download(URL, dest, session=session, sleep=Sleeps())

    assert dest.read_bytes() == BODY
    assert (digest, size) == (hashlib.sha256(BODY).hexdigest(), len(BODY))
    assert leftovers(dest.parent) == ["gemeenten.csv"]  # no temporary file left
    url, kwargs = session.calls[0]
    assert url == URL and kwargs["stream"] is True and kwargs["timeout"] == (10, 60)


def test_download_retries_with_exponential_backoff(tmp_path):
    dest = tmp_path / "gemeenten.csv"
    sleeps = Sleeps()
    session = FakeSession(refused(), FakeResponse(status=503), FakeResponse())

    digest, size = download(URL, dest, session=session, retries=3, backoff=1.5, sleep=sleeps)

    assert len(session.calls) == 3
    assert sleeps == [1.5, 3.0]
    assert dest.read_bytes() == BODY and size == len(BODY)


@pytest.mark.parametrize(
    "failure",
    [
        requests.ConnectTimeout("connect timed out"),
        requests.ReadTimeout("read timed out"),
        FakeResponse(status=500),
        FakeResponse(status=429),
        FakeResponse(chunks=[BODY[:50]], error=requests.exceptions.ChunkedEncodingError("connection broken")),
    ],
    ids=["connect-timeout", "read-timeout", "http-500", "http-429", "broken-mid-body"],
)
def test_download_retries_transient_failures(tmp_path, failure):
    dest = tmp_path / "gemeenten.csv"
    session = FakeSession(failure, FakeResponse())

    download(URL, dest, session=session, sleep=Sleeps())

    assert len(session.calls) == 2
    assert dest.read_bytes() == BODY
    assert leftovers(tmp_path) == ["gemeenten.csv"]


@pytest.mark.parametrize(
    "status, retry_after, waited",
    [
        (429, "5", 5.0),  # the server asks for longer than our backoff: wait as asked
        (503, "0", 1.0),  # never shorter than our own backoff
        (429, "86400", 120.0),  # capped: a day would look like a hung build
        (503, "Wed, 21 Oct 2015 07:28:00 GMT", 1.0),  # an HTTP date in the past
        (429, "soon", 1.0),  # unreadable: ignored
    ],
)
def test_download_honours_retry_after(tmp_path, status, retry_after, waited):
    sleeps = Sleeps()
    session = FakeSession(FakeResponse(status=status, headers={"Retry-After": retry_after}), FakeResponse())

    download(URL, tmp_path / "gemeenten.csv", session=session, sleep=sleeps)

    assert sleeps == [waited] and len(session.calls) == 2


def test_download_gives_up_after_all_attempts_with_dutch_message(tmp_path):
    dest = tmp_path / "gemeenten.csv"
    sleeps = Sleeps()
    session = FakeSession(refused(), refused(), refused())

    with pytest.raises(SourceError) as caught:
        download(URL, dest, session=session, retries=3, sleep=sleeps)

    assert str(caught.value) == f"Downloaden van {URL} is mislukt na 3 pogingen: verbinding geweigerd."
    assert sleeps == [1.0, 2.0]  # no pointless wait after the last attempt
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("status", [404, 403])
def test_download_client_error_is_not_retried(tmp_path, status):
    sleeps = Sleeps()
    session = FakeSession(FakeResponse(status=status), FakeResponse())

    with pytest.raises(SourceError) as caught:
        download(URL, tmp_path / "gemeenten.csv", session=session, sleep=sleeps)

    assert len(session.calls) == 1 and sleeps == []
    assert URL in str(caught.value) and f"HTTP {status}" in str(caught.value)
    assert session.outcomes[0].read is False
    assert leftovers(tmp_path) == []


def test_download_refuses_announced_size_over_cap(tmp_path):
    response = FakeResponse(headers={"Content-Length": str(10 * 2**20)})
    session = FakeSession(response)

    with pytest.raises(SourceError) as caught:
        download(URL, tmp_path / "gemeenten.csv", session=session, max_bytes=2**20, sleep=Sleeps())

    assert "afgebroken" in str(caught.value) and URL in str(caught.value)
    assert response.read is False and response.closed is True  # body never streamed
    assert len(session.calls) == 1
    assert leftovers(tmp_path) == []


def test_download_aborts_when_streamed_bytes_exceed_cap(tmp_path):
    # No Content-Length (as with chunked transfer): the streamed byte count must enforce the cap.
    chunks = [b"x" * 400] * 5
    session = FakeSession(FakeResponse(chunks=chunks))

    with pytest.raises(SourceError) as caught:
        download(URL, tmp_path / "gemeenten.csv", session=session, max_bytes=1000, sleep=Sleeps())

    assert "groter dan de toegestane" in str(caught.value)
    assert len(session.calls) == 1  # too large is final, not retried
    assert leftovers(tmp_path) == []  # partial temporary file removed, dest not created


def test_failed_download_keeps_previous_file_intact(tmp_path):
    dest = tmp_path / "gemeenten.csv"
    dest.write_bytes(b"old complete copy")
    broken = [FakeResponse(chunks=[b"new but cut"], error=requests.exceptions.ChunkedEncodingError("broken"))] * 2

    with pytest.raises(SourceError) as caught:
        download(URL, dest, session=FakeSession(*broken), retries=2, sleep=Sleeps())

    assert "na 2 pogingen" in str(caught.value)
    assert dest.read_bytes() == b"old complete copy"
    assert leftovers(tmp_path) == ["gemeenten.csv"]


def test_download_write_failure_is_source_error_and_cleans_up(tmp_path):
    dest = tmp_path / "gemeenten.csv"
    (dest / "in-the-way").mkdir(parents=True)  # a non-empty folder where the file should go

    with pytest.raises(SourceError) as caught:
        download(URL, dest, session=FakeSession(FakeResponse()), sleep=Sleeps())

    assert str(dest) in str(caught.value) and URL in str(caught.value)
    assert leftovers(tmp_path) == ["gemeenten.csv"] and dest.is_dir()  # only the folder, no temporary file


def test_download_rejects_empty_body(tmp_path):
    with pytest.raises(SourceError, match="leeg bestand"):
        download(URL, tmp_path / "gemeenten.csv", session=FakeSession(FakeResponse(chunks=[])), sleep=Sleeps())
    assert leftovers(tmp_path) == []


# --- obtain ---------------------------------------------------------------------------------


def test_obtain_prefers_real_mirror():
    mirror = mirror_path()
    src = sources.get("gebieden_2025")
    expected = mirror / src.mirror_path
    if not expected.is_file():
        pytest.fail(f"Mirror file {expected} not found: the mirror at {mirror} is incomplete.")

    got = obtain(src, mirror, Path("/nonexistent-cache"), session=FakeSession(), offline=True)

    assert got == Obtained(expected, "mirror", sha256_file(expected), expected.stat().st_size)


def test_obtain_mirror_hit_does_not_touch_network_or_cache(tmp_path):
    src = source()
    path = tmp_path / "mirror" / src.mirror_path
    path.parent.mkdir(parents=True)
    path.write_bytes(BODY)

    got = obtain(src, tmp_path / "mirror", tmp_path / "cache", session=FakeSession())

    assert got.origin == "mirror" and got.path == path and got.size == len(BODY)
    assert got.sha256 == hashlib.sha256(BODY).hexdigest()
    assert not (tmp_path / "cache").exists()


def test_obtain_downloads_into_cache_then_reuses_it(tmp_path):
    src = source()
    session = FakeSession(FakeResponse())

    first = obtain(src, tmp_path / "empty-mirror", tmp_path / "cache", session=session)
    second = obtain(src, tmp_path / "empty-mirror", tmp_path / "cache", session=session)

    cached = tmp_path / "cache" / src.id / Path(src.mirror_path).name
    assert (first.origin, first.path, first.size) == ("download", cached, len(BODY))
    assert (second.origin, second.path, second.sha256) == ("cache", cached, first.sha256)
    assert len(session.calls) == 1 and session.calls[0][0] == URL


def test_obtain_cache_hit_without_mirror(tmp_path):
    src = source()
    cached = tmp_path / "cache" / src.id / Path(src.mirror_path).name
    cached.parent.mkdir(parents=True)
    cached.write_bytes(BODY)

    got = obtain(src, None, tmp_path / "cache", session=FakeSession(), offline=True)

    assert got == Obtained(cached, "cache", hashlib.sha256(BODY).hexdigest(), len(BODY))


def test_obtain_offline_without_copy_is_a_clear_error(tmp_path):
    src = source()
    session = FakeSession()

    with pytest.raises(SourceError) as caught:
        obtain(src, tmp_path / "mirror", tmp_path / "cache", session=session, offline=True)

    message = str(caught.value)
    assert src.title in message and src.mirror_path in message and URL in message and "offline" in message
    assert session.calls == []


def test_obtain_mirror_path_that_is_a_folder(tmp_path):
    src = source()
    (tmp_path / "mirror" / src.mirror_path).mkdir(parents=True)

    with pytest.raises(SourceError, match="geen bestand maar een map") as caught:
        obtain(src, tmp_path / "mirror", tmp_path / "cache", session=FakeSession())
    assert str(tmp_path / "mirror" / src.mirror_path) in str(caught.value)


def test_obtain_empty_mirror_file(tmp_path):
    src = source()
    path = tmp_path / "mirror" / src.mirror_path
    path.parent.mkdir(parents=True)
    path.touch()

    with pytest.raises(SourceError, match="is leeg") as caught:
        obtain(src, tmp_path / "mirror", tmp_path / "cache", session=FakeSession())
    assert str(path) in str(caught.value)


def test_obtain_failed_download_leaves_cache_empty(tmp_path):
    src = source()
    session = FakeSession(FakeResponse(status=404))

    with pytest.raises(SourceError, match="HTTP 404"):
        obtain(src, None, tmp_path / "cache", session=session)

    assert leftovers(tmp_path / "cache" / src.id) == []
