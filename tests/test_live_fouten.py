"""Live fetching from CBS when things go wrong, against a real HTTP server on 127.0.0.1 that replays the
responses recorded in the mirror (`cbs/api_examples/`, see its SOURCES.md §1) and injects faults: no answer,
an answer that trickles, HTTP 500, HTTP 429 with Retry-After, a body cut off halfway, a lost
`odata.nextLink`, and columns that are not what the build asked for.

Each fault ends in one Dutch sentence that names the URL or table (never a traceback), and a build that meets
it leaves `data/` as it was. Unlike test_odata.py (a stand-in session), the client's real HTTP stack is used
here: requests, its time-outs, a connection closed before Content-Length was reached.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from llo_dash.build.bevolking import kwb_from_odata
from llo_dash.build.pipeline import run_build
from llo_dash.errors import SchemaError, SourceError
from llo_dash.ingest.fetch import download
from llo_dash.ingest.odata import ODataClient
from tests.fixtures.http import Sleeps
from tests.fixtures.mirror import linked_mirror, mirror_path, settings_for

CBS = "https://opendata.cbs.nl"
PAGE1 = "odata3_83599NED_UntypedDataSet_page1.json.gz"
PAGE2 = "odata3_83599NED_UntypedDataSet_page2_skip10000.json.gz"


def recorded(name: str) -> bytes:
    path = mirror_path() / "cbs" / "api_examples" / name
    return gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()


# --- the server -----------------------------------------------------------------------------------


class Antwoord:
    """What the server does for one request: a status and body, optionally cut off, trickled or never sent."""

    def __init__(self, body: bytes = b"", status: int = 200, headers: dict | None = None, *,
                 afgekapt_na: int | None = None, druppel: float | None = None, stil: bool = False):
        self.body, self.status, self.headers = body, status, headers or {}
        self.afgekapt_na, self.druppel, self.stil = afgekapt_na, druppel, stil


class Cbs:
    """A stand-in for opendata.cbs.nl: routes (lower-case path without trailing slash, $skip) -> answers,
    served in turn (the last one repeats); every request is recorded."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.routes: dict[tuple[str, str | None], list[Antwoord]] = {}
        self.verzoeken: list[str] = []
        self.stop = threading.Event()

    def zet(self, path: str, *antwoorden: Antwoord, skip: str | None = None) -> None:
        self.routes[(path.lower().rstrip("/"), skip)] = list(antwoorden)

    def feed(self, table: str) -> str:
        return f"/ODataFeed/odata/{table}"

    def client(self, **options) -> ODataClient:
        options.setdefault("sleep", Sleeps())
        options.setdefault("timeout", (2, 2))
        return ODataClient(f"{self.base}/ODataFeed/odata", **options)

    def lokaal(self, body: bytes) -> bytes:
        """A recorded body whose links point at this server instead of CBS."""
        return body.replace(CBS.encode(), self.base.encode())

    def antwoord(self, path: str, query: str) -> Antwoord:
        self.verzoeken.append(f"{path}?{query}")
        skip = dict(parse_qsl(query)).get("$skip")
        antwoorden = self.routes.get((path.lower().rstrip("/"), skip))
        if not antwoorden:
            return Antwoord(b'{"odata.error": "niet opgenomen"}', 404)
        return antwoorden.pop(0) if len(antwoorden) > 1 else antwoorden[0]


class _Handler(BaseHTTPRequestHandler):
    cbs: Cbs

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        parts = urlsplit(self.path)
        answer = self.cbs.antwoord(parts.path, parts.query)
        if answer.stil:
            self.cbs.stop.wait(30)  # never answers while the test runs
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(answer.body)))  # the full length, also when cut off
        for key, value in answer.headers.items():
            self.send_header(key, value)
        self.end_headers()
        body = answer.body if answer.afgekapt_na is None else answer.body[: answer.afgekapt_na]
        if answer.druppel is not None:
            for start in range(len(body)):
                if self.cbs.stop.wait(answer.druppel):
                    return
                self.wfile.write(body[start:start + 1])
                self.wfile.flush()
        else:
            self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True  # a cut-off body: the client sees the connection close early

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def cbs():
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.cbs = fake = Cbs(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _envelope(value) -> bytes:
    return json.dumps({"odata.metadata": "x", "value": value}).encode()


# --- paging ---------------------------------------------------------------------------------------


def test_paging_follows_the_recorded_next_link_to_the_real_end(cbs):
    page1, page2 = recorded(PAGE1), recorded(PAGE2)
    cbs.zet(cbs.feed("83599NED") + "/UntypedDataSet", Antwoord(cbs.lokaal(page1)))
    cbs.zet("/ODataFeed/OData/83599NED/UntypedDataSet/", Antwoord(page2), skip="10000")

    rows = cbs.client().untyped_dataset("83599NED")

    # SOURCES.md: page 1 holds 10 000 rows and a nextLink, page 2 the last 5 504 rows and none
    expected = len(json.loads(page1)["value"]) + len(json.loads(page2)["value"])
    assert expected == 10_000 + 5_504 and len(rows) == expected
    assert [row["ID"] for row in rows] == list(range(expected))
    assert len(cbs.verzoeken) == 2  # a last page shorter than a full page is the end: no extra question


def test_a_full_page_without_next_link_while_more_rows_exist_is_an_error(cbs):
    page1 = json.loads(recorded(PAGE1))
    del page1["odata.nextLink"]  # the link got lost
    cbs.zet(cbs.feed("83599NED") + "/UntypedDataSet", Antwoord(json.dumps(page1).encode()))
    cbs.zet(cbs.feed("83599NED") + "/UntypedDataSet", Antwoord(recorded(PAGE2)), skip="10000")  # there are more rows
    with pytest.raises(SourceError) as caught:
        cbs.client().untyped_dataset("83599NED")
    assert str(caught.value) == (
        "Ophalen van tabel 83599NED bij CBS is onvolledig: pagina 1 had 10.000 rijen maar geen verwijzing naar een "
        "volgende pagina (odata.nextLink), terwijl er na rij 10.000 nog rijen zijn. Probeer het later opnieuw.")
    assert cbs.verzoeken[-1].endswith("UntypedDataSet?$format=json&$skip=10000&$top=1")  # one row more was asked for


def test_a_full_last_page_that_really_is_the_end(cbs):
    page1 = json.loads(recorded(PAGE1))
    del page1["odata.nextLink"]
    cbs.zet(cbs.feed("83599NED") + "/UntypedDataSet", Antwoord(json.dumps(page1).encode()))
    cbs.zet(cbs.feed("83599NED") + "/UntypedDataSet", Antwoord(_envelope([])), skip="10000")
    assert len(cbs.client().untyped_dataset("83599NED")) == 10_000


# --- status codes ---------------------------------------------------------------------------------


def test_http_500_is_retried_then_a_dutch_message_naming_the_url(cbs):
    cbs.zet(cbs.feed("80137ned") + "/TableInfos", Antwoord(b"Internal Server Error", 500))
    client = cbs.client()
    with pytest.raises(SourceError) as caught:
        client.table_infos("80137ned")
    url = f"{cbs.base}/ODataFeed/odata/80137ned/TableInfos?$format=json"
    assert str(caught.value) == f"Ophalen van {url} is mislukt na 3 pogingen: de server gaf een foutmelding (HTTP 500)."
    assert len(cbs.verzoeken) == 3 and client.sleep == [1.0, 2.0]


def test_http_500_once_then_the_recorded_answer(cbs):
    cbs.zet(cbs.feed("80137ned") + "/TableInfos", Antwoord(b"", 500), Antwoord(recorded("odata3_80137ned_TableInfos.json")))
    infos = cbs.client().table_infos("80137ned")
    assert infos["Identifier"] == "80137ned" and len(cbs.verzoeken) == 2


def test_http_429_waits_as_the_server_asks(cbs):
    cbs.zet(cbs.feed("80137ned") + "/Perioden",
            Antwoord(b"", 429, {"Retry-After": "7"}), Antwoord(recorded("odata3_80137ned_Perioden.json")))
    client = cbs.client(backoff=0.5)
    periods = client.dimension("80137ned", "Perioden")
    assert [row["Key"] for row in periods][:1] == ["2001JJ00"]
    assert client.sleep == [7.0]  # the server's 7 s, not the client's own 0,5 s


def test_http_429_without_end_says_so(cbs):
    cbs.zet(cbs.feed("80137ned") + "/Perioden", Antwoord(b"", 429, {"Retry-After": "1"}))
    client = cbs.client(retries=2, backoff=0.01)
    with pytest.raises(SourceError, match=r"mislukt na 2 pogingen: de server meldt te veel verzoeken \(HTTP 429\)\.$"):
        client.dimension("80137ned", "Perioden")
    assert client.sleep == [1.0]


# --- time ---------------------------------------------------------------------------------------


def test_a_server_that_never_answers_is_given_up_with_the_url(cbs):
    cbs.zet(cbs.feed("80137ned") + "/DataProperties", Antwoord(stil=True))
    client = cbs.client(timeout=(1, 0.5), retries=2)
    begin = time.monotonic()
    with pytest.raises(SourceError) as caught:
        client.data_properties("80137ned")
    assert time.monotonic() - begin < 20  # it gave up (0,5 s per attempt); it did not wait for the server
    assert str(caught.value) == (f"Ophalen van {cbs.base}/ODataFeed/odata/80137ned/DataProperties?$format=json is mislukt "
                                 "na 2 pogingen: de server antwoordde niet op tijd.")


def test_a_server_that_trickles_is_given_up_too(cbs):
    """Each byte comes within the read time-out, so only a limit on the whole answer ends it."""
    cbs.zet(cbs.feed("80137ned") + "/CategoryGroups", Antwoord(recorded("odata3_80137ned_CategoryGroups.json"), druppel=0.1))
    client = cbs.client(timeout=(1, 1), retries=2, max_seconds=0.5)
    with pytest.raises(SourceError, match=r"80137ned/CategoryGroups.* na 2 pogingen: de server stuurde het antwoord te "
                                          r"traag \(na 0\.5 s nog niet compleet\)\.$"):
        client.get_json(client.table_url("80137ned", "CategoryGroups"))


# --- broken bodies --------------------------------------------------------------------------------


def test_a_body_cut_off_by_the_connection_is_retried_then_named(cbs):
    body = recorded("odata3_80137ned_TypedDataSet.json")
    cbs.zet(cbs.feed("80137ned") + "/TypedDataSet", Antwoord(body, afgekapt_na=len(body) // 2))
    with pytest.raises(SourceError) as caught:
        cbs.client().typed_dataset("80137ned")
    assert str(caught.value) == (f"Ophalen van {cbs.base}/ODataFeed/odata/80137ned/TypedDataSet?$format=json is mislukt "
                                 "na 3 pogingen: de verbinding werd tijdens het downloaden verbroken.")
    assert len(cbs.verzoeken) == 3


def test_json_cut_halfway_is_retried_then_named(cbs):
    """The server sends half the JSON as a complete answer (its Content-Length fits): the JSON itself is broken."""
    half = recorded("odata3_80137ned_TypedDataSet.json")[:100_000]
    cbs.zet(cbs.feed("80137ned") + "/TypedDataSet", Antwoord(half), Antwoord(recorded("odata3_80137ned_TypedDataSet.json")))
    client = cbs.client()
    assert len(client.typed_dataset("80137ned")) == 675  # the second attempt gets all 675 rows (SOURCES.md)
    cbs.zet(cbs.feed("80137ned") + "/TypedDataSet", Antwoord(half))
    with pytest.raises(SourceError, match=r"/80137ned/TypedDataSet\?\$format=json is mislukt na 3 pogingen: het antwoord "
                                          r"van CBS is geen geldige JSON \(afgebroken of beschadigd\)\.$"):
        client.typed_dataset("80137ned")


def test_a_download_cut_off_leaves_no_file_behind(cbs, tmp_path):
    body = recorded("odata3_catalog_Tables.json")
    cbs.zet("/bestand.json", Antwoord(body, afgekapt_na=1000))
    cache = tmp_path / "cache"
    with pytest.raises(SourceError, match=r"Downloaden van http://127\.0\.0\.1:\d+/bestand\.json is mislukt na 3 pogingen"):
        download(f"{cbs.base}/bestand.json", cache / "bestand.json", sleep=Sleeps(), timeout=(2, 2))
    assert list(cache.iterdir()) == []  # no partial file, no .part left


# --- the schema -----------------------------------------------------------------------------------


def test_columns_other_than_asked_for_are_a_schema_error(cbs):
    """The server leaves out a selected column (here: it ignores $select and the table has no such topic)."""
    cbs.zet(cbs.feed("80137ned") + "/TypedDataSet", Antwoord(recorded("odata3_80137ned_TypedDataSet.json")))
    with pytest.raises(SchemaError) as caught:
        cbs.client().typed_dataset("80137ned", select=["Perioden", "Totaal_1", "Werknemers_9"])
    assert str(caught.value).startswith("CBS-tabel 80137ned, live opgehaald, kolom 'Werknemers_9': ontbreekt in het "
                                        "antwoord (pagina 1, rij 1; wel: ")
    assert "Perioden" in str(caught.value) and str(caught.value).endswith("); CBS heeft de tabel veranderd.")


def test_a_second_page_with_other_columns_is_a_schema_error(cbs):
    page2 = json.loads(recorded(PAGE2))
    for row in page2["value"]:
        row["OpenstaandeVacatures_99"] = row.pop(next(key for key in row if key.startswith("OpenstaandeVacatures")))
    cbs.zet(cbs.feed("83599NED") + "/UntypedDataSet", Antwoord(cbs.lokaal(recorded(PAGE1))))
    cbs.zet("/ODataFeed/OData/83599NED/UntypedDataSet/", Antwoord(json.dumps(page2).encode()), skip="10000")
    with pytest.raises(SchemaError, match=r"^CBS-tabel 83599NED, live opgehaald, kolom 'OpenstaandeVacatures_\d+': "
                                          r"ontbreekt in het antwoord \(pagina 2, rij 1;"):
        cbs.client().untyped_dataset("83599NED")


def _kwb_properties(weg: tuple[str, ...] = (), **hernoemd) -> bytes:
    """The recorded DataProperties of KWB 2024 (value array only: cbsodata kept no envelope), with the topics
    `weg` left out and keys renamed."""
    properties = [entry for entry in json.loads(recorded("kwb2024_85984NED_DataProperties_value.json"))
                  if entry.get("Key") not in weg]
    for entry in properties:
        entry["Key"] = hernoemd.get(entry.get("Key"), entry.get("Key"))
    return _envelope(properties)


def _kwb_row() -> dict:
    """One TypedDataSet row of KWB 2024 with the recorded keys: Nederland, as in the typed dump of the mirror."""
    keys = [entry["Key"] for entry in json.loads(recorded("kwb2024_85984NED_DataProperties_value.json")) if entry.get("Key")]
    return {"ID": 0, **{key: None for key in keys}, "WijkenEnBuurten": "NL00      ", "Codering_3": "NL00      "}


def test_a_changed_key_is_followed_but_data_without_it_is_a_schema_error(cbs):
    """Keys carry a suffix that changes between editions, so topics are found by title: a new key is asked for.
    When the data rows do not have the key that DataProperties announced, the table changed under us."""
    cbs.zet(cbs.feed("85984NED") + "/DataProperties", Antwoord(_kwb_properties(BuitenEuropa_19="BuitenEuropa_20")))
    cbs.zet(cbs.feed("85984NED") + "/TypedDataSet", Antwoord(_envelope([_kwb_row()])))
    with pytest.raises(SchemaError) as caught:
        kwb_from_odata(cbs.client())
    assert ",BuitenEuropa_20" in cbs.verzoeken[-1]  # the data were asked for with the new key
    assert str(caught.value).startswith("CBS-tabel 85984NED, live opgehaald, kolom 'BuitenEuropa_20': ontbreekt in het "
                                        "antwoord (pagina 1, rij 1;")


def test_a_changed_dataproperties_key_names_the_table_and_topic(cbs):
    cbs.zet(cbs.feed("85984NED") + "/DataProperties", Antwoord(_kwb_properties(AantalInwoners_5="Inwonertal_5")))
    with pytest.raises(SchemaError) as caught:
        kwb_from_odata(cbs.client())
    assert str(caught.value) == ("In CBS-tabel 85984NED ontbreekt het onderwerp 'AantalInwoners' (nodig voor 'inwoners'). "
                                 "Mogelijk heeft CBS de tabel gewijzigd.")


# --- a build that meets a fault -------------------------------------------------------------------


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + (path.read_bytes() if path.is_file() else b"/"))
    return digest.hexdigest()


@pytest.fixture
def build_zonder_herkomst(tmp_path):
    """A mirror without the KWB herkomst file (so the build fetches KWB 2024 live) and a previous data/."""
    mirror = linked_mirror(tmp_path / "mirror", remove=("cbs/kwb/kwb2024_85984NED_herkomst_statline.csv",))
    data_dir = tmp_path / "data"
    (data_dir / "cbs").mkdir(parents=True)
    (data_dir / "manifest.json").write_text('{"gebouwd_op": "vorige bouw"}', encoding="utf-8")
    (data_dir / "cbs" / "gebieden.parquet").write_bytes(b"vorige gegevens")
    return settings_for(mirror, data_dir), _tree_hash(data_dir)


@pytest.mark.parametrize("antwoord, melding", [
    (lambda: Antwoord(b"", 503), r"/85984NED/DataProperties\?\$format=json is mislukt na 3 pogingen: de server gaf een "
                                 r"foutmelding \(HTTP 503\)\.$"),
    (lambda: Antwoord(_kwb_properties(weg=("BuitenEuropa_19",))),
     r"^In CBS-tabel 85984NED ontbreekt het onderwerp 'Herkomstland / Buiten Europa' \(nodig voor 'herkomst_buiten_europa'\)"),
], ids=["http_503", "onderwerp_weg"])
def test_the_build_stops_with_the_message_and_leaves_data_as_it_was(cbs, build_zonder_herkomst, antwoord, melding):
    settings, voor = build_zonder_herkomst
    cbs.zet(cbs.feed("85984NED") + "/DataProperties", antwoord())
    with pytest.raises((SourceError, SchemaError)) as caught:
        run_build(settings, odata_client=cbs.client())
    assert re.search(melding, str(caught.value)), str(caught.value)
    assert _tree_hash(settings.data_dir) == voor, "a failed build changed data/"
    assert not [p.name for p in settings.data_dir.parent.iterdir() if p.name.startswith(".data-")], "staging left behind"
