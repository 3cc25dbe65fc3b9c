"""Tests for llo_dash.ingest.odata against the real CBS OData v3 responses in the mirror (api_examples).

A fake session maps each request URL (ignoring `$format`) to a recorded response, so the
client is exercised on exactly the formats CBS returned; see SOURCES.md §1 for the
request URL of each file.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pandas as pd
import pytest
import requests

from llo_dash.errors import SchemaError, SourceError
from llo_dash.ingest.odata import (
    ODATA_FEED,
    ODataClient,
    build_filter,
    dimension_keys,
    dimension_names,
    resolve_topics,
    rows_to_frame,
    topic_table,
)
from tests.fixtures.http import Sleeps
from tests.fixtures.mirror import mirror_path

FEED = ODATA_FEED  # https://opendata.cbs.nl/ODataFeed/odata
# The recorded nextLink of page 1, verbatim (note CBS writes "OData" and a trailing slash).
PAGE2_LINK = "https://opendata.cbs.nl/ODataFeed/OData/83599NED/UntypedDataSet/?$format=json&$skip=10000"
PAGE1 = "odata3_83599NED_UntypedDataSet_page1.json.gz"
PAGE2 = "odata3_83599NED_UntypedDataSet_page2_skip10000.json.gz"


def api_examples() -> Path:
    """cbs/api_examples in the shared mirror (../shared/data or LLO_DASH_MIRROR); missing is a failure."""
    folder = mirror_path() / "cbs" / "api_examples"
    if not folder.is_dir():
        pytest.fail(
            f"Recorded CBS responses not found in {folder}: the mirror folder is missing. "
            "Set LLO_DASH_MIRROR to the folder with the public sources (it holds cbs/api_examples/)."
        )
    return folder


def load(name: str):
    path = api_examples() / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def body(name: str) -> bytes:
    """A recorded response exactly as CBS sent it (gz files are unpacked)."""
    path = api_examples() / name
    return gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()


def kwb_body(name: str) -> bytes:
    # The KWB 2024 files were saved by the `cbsodata` client, which keeps only the `value`
    # array of each response; wrap it in the envelope the service sends.
    return json.dumps({"value": load(name)}).encode()


def without_format(url: str) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "$format"]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote, safe="$'(),")))


class FakeResponse:
    def __init__(self, content: bytes, status: int = 200):
        self.content = content
        self.status_code = status
        self.headers = {"Content-Type": "application/json;charset=utf-8"}

    def json(self):
        return json.loads(self.content)  # raises ValueError on a non-JSON body, like requests

    def iter_content(self, chunk_size=1):  # the client streams the body (size and time caps)
        yield from (self.content[start:start + chunk_size] for start in range(0, len(self.content), chunk_size))

    def close(self):
        pass


class FakeSession:
    """Serves recorded responses by URL; a route may hold a list of responses served in turn."""

    def __init__(self, routes: dict):
        self.routes = {without_format(url): value for url, value in routes.items()}
        self.urls: list[str] = []

    def get(self, url, **kwargs):
        self.urls.append(url)
        key = without_format(url)
        if key not in self.routes:
            raise AssertionError(f"no recorded response for {url}")
        outcome = self.routes[key]
        if isinstance(outcome, list):
            outcome = outcome.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome if isinstance(outcome, FakeResponse) else FakeResponse(outcome)


def client(routes: dict, **options) -> ODataClient:
    options.setdefault("sleep", Sleeps())
    return ODataClient(session=FakeSession(routes), **options)


def t80137(endpoint: str = "") -> str:
    return f"{FEED}/80137ned/{endpoint}" if endpoint else f"{FEED}/80137ned"


# --- metadata -------------------------------------------------------------------------------


def test_service_root_lists_endpoints():
    odata = client({t80137(): body("odata3_80137ned_service_root.json")})

    endpoints = odata.endpoints("80137ned")

    assert list(endpoints) == [
        "TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups",
        "Persoonskenmerken", "BedrijfstakkenSBI93", "Perioden",
    ]
    assert endpoints["Perioden"] == f"{FEED}/80137ned/Perioden"
    assert odata.session.urls == [f"{FEED}/80137ned?$format=json"]


def test_table_infos():
    odata = client({t80137("TableInfos"): body("odata3_80137ned_TableInfos.json")})

    infos = odata.table_infos("80137ned")

    assert infos["Identifier"] == "80137ned"
    assert infos["Title"] == "Arbeidsrekeningen; leeftijd en opleidingsniveau"
    assert infos["Period"] == "2001-2005"


def test_table_infos_kwb_value_only_file():
    odata = client({f"{FEED}/85984NED/TableInfos": kwb_body("kwb2024_85984NED_TableInfos_value.json")})

    infos = odata.table_infos("85984NED")

    assert (infos["Identifier"], infos["Modified"]) == ("85984NED", "2025-03-27T02:00:00")
    assert "WijkenEnBuurten eq 'GM1680    '" in infos["DefaultSelection"]  # codes padded to 10


def test_empty_dimension_list_is_fine():
    odata = client({t80137("CategoryGroups"): body("odata3_80137ned_CategoryGroups.json")})
    assert odata.dimension("80137ned", "CategoryGroups") == []


def test_data_properties_and_topic_table_80137ned():
    odata = client({t80137("DataProperties"): body("odata3_80137ned_DataProperties.json")})
    properties = odata.data_properties("80137ned")

    topics = topic_table(properties)

    assert len(properties) == 19 and len(topics) == 12
    assert dimension_names(properties) == ["Persoonskenmerken", "BedrijfstakkenSBI93", "Perioden"]
    first = topics.iloc[0]
    assert (first.key, first.stem, first.title, first.unit, first.datatype, first.decimals) == (
        "Totaal_1", "Totaal", "Totaal", "1 000 banen", "Double", 0,
    )
    assert topics.set_index("key").loc["PerGewerktUur_12", "path"] == (
        "Beloning van werknemers (loonkosten)", "Per gewerkt uur",
    )
    # Same stem in four topic groups: only the path tells them apart.
    assert (topics["stem"] == "Totaal").sum() == 4
    resolved = resolve_topics(
        properties,
        {"banen": ("Gemiddeld aantal banen", "Totaal"), "uren": ("arbeidsvolume IN gewerkte  uren", "totaal")},
        table="80137ned",
    )
    assert resolved == {"banen": "Totaal_1", "uren": "Totaal_7"}


def kwb_properties() -> list[dict]:
    odata = client({f"{FEED}/85984NED/DataProperties": kwb_body("kwb2024_85984NED_DataProperties_value.json")})
    return odata.data_properties("85984NED")


def test_topic_table_kwb_paths_are_stripped():
    topics = topic_table(kwb_properties()).set_index("key")

    assert len(topics) == 128
    # CBS titles carry trailing spaces ('Buiten Europa ') and non-breaking spaces; paths are clean.
    assert topics.loc["BuitenEuropa_19", "path"] == (
        "Bevolking", "Bevolking naar herkomst", "Herkomstland", "Buiten Europa",
    )
    assert topics.loc["BuitenEuropa_24", "path"] == (
        "Bevolking", "Bevolking naar herkomst", "Geboren buiten Nederland", "Buiten Europa",
    )
    assert topics.loc["AantalInkomensontvangers_81", "title"] == "Aantal inkomensontvangers"
    assert topics.loc["k_0Tot15Jaar_8", "stem"] == "k_0Tot15Jaar"
    assert topics.loc["PersonenPerSoortUitkeringBijstand_94", ["unit", "datatype"]].tolist() == ["aantal", "Long"]
    assert dimension_names(kwb_properties()) == ["WijkenEnBuurten"]


def test_resolve_topics_kwb():
    resolved = resolve_topics(
        kwb_properties(),
        {
            "eerste_generatie_buiten_europa": ("Geboren buiten Nederland", "Buiten Europa"),
            "herkomst_buiten_europa": ("Bevolking naar herkomst", "Herkomstland", "Buiten Europa"),
            "inwoners": "AantalInwoners",
            "bijstand": "personenpersoortuitkeringbijstand",  # stems compare case-insensitively
        },
        table="85984NED",
    )

    assert resolved == {
        "eerste_generatie_buiten_europa": "BuitenEuropa_24",
        "herkomst_buiten_europa": "BuitenEuropa_19",
        "inwoners": "AantalInwoners_5",
        "bijstand": "PersonenPerSoortUitkeringBijstand_94",
    }


@pytest.mark.parametrize(
    "spec",
    ["Nederland", ("Buiten Europa",), ("Naar woningtype", "Appartement")],
    ids=["stem", "title", "path-too-short"],
)
def test_resolve_topics_ambiguous_is_schema_error(spec):
    with pytest.raises(SchemaError) as caught:
        resolve_topics(kwb_properties(), {"nl": spec}, table="85984NED")
    message = str(caught.value)
    assert "85984NED" in message and "meer dan één kolom" in message


def test_resolve_topics_ambiguous_stem_names_candidates():
    with pytest.raises(SchemaError) as caught:
        resolve_topics(kwb_properties(), {"herkomst_nl": "Nederland"}, table="85984NED")
    message = str(caught.value)
    assert "'Nederland'" in message and "Nederland_17" in message and "Nederland_20" in message


@pytest.mark.parametrize("spec", ["Laaggeletterden", ("Geboren buiten Nederland", "Afrika")])
def test_resolve_topics_missing_is_schema_error(spec):
    with pytest.raises(SchemaError) as caught:
        resolve_topics(kwb_properties(), {"x": spec}, table="85984NED")
    assert "85984NED" in str(caught.value) and "ontbreekt" in str(caught.value)


def test_resolve_topics_refuses_hard_coded_suffix():
    with pytest.raises(ValueError, match="zonder _NN-achtervoegsel, niet 'AantalInwoners_5'"):
        resolve_topics(kwb_properties(), {"inwoners": "AantalInwoners_5"}, table="85984NED")


# --- dimensions and filters -----------------------------------------------------------------


def test_dimension_keys_perioden():
    odata = client({t80137("Perioden"): body("odata3_80137ned_Perioden.json")})
    rows = odata.dimension("80137ned", "Perioden")

    keys = dimension_keys(rows, ["2003", " 2005 "], table="80137ned", dimension="Perioden")
    assert keys == ["2003JJ00", "2005JJ00"]
    with pytest.raises(SchemaError) as caught:
        dimension_keys(rows, ["2024"], table="80137ned", dimension="Perioden")
    assert "'2024'" in str(caught.value) and "80137ned" in str(caught.value) and "Perioden" in str(caught.value)


def test_dimension_keys_keep_cbs_padding():
    odata = client({t80137("Persoonskenmerken"): body("odata3_80137ned_Persoonskenmerken.json")})
    rows = odata.dimension("80137ned", "Persoonskenmerken")
    # Keys come back as CBS gives them ('2 '), ready for a $filter on this dimension.
    assert dimension_keys(rows, ["Mannen"], table="80137ned", dimension="Persoonskenmerken") == ["2 "]


def test_build_filter():
    assert build_filter({"Perioden": ["2023JJ00"], "RegioS": ["GM0363", "AM01"]}) == (
        "(Perioden eq '2023JJ00') and (RegioS eq 'GM0363' or RegioS eq 'AM01')"
    )
    assert build_filter({"WijkenEnBuurten": ["GM0363    "]}) == "(WijkenEnBuurten eq 'GM0363    ')"
    assert build_filter({"Naam": ["'s-Gravenhage"]}) == "(Naam eq '''s-Gravenhage')"
    assert build_filter({}) == ""
    with pytest.raises(ValueError, match='Geen waarden opgegeven voor het filter op RegioS'):
        build_filter({"RegioS": []})
    with pytest.raises(ValueError, match='Ongeldige dimensienaam voor een filter'):
        build_filter({"RegioS eq 'x') or (1": ["GM0363"]})


# --- datasets -------------------------------------------------------------------------------


def test_typed_dataset_80137ned():
    odata = client({t80137("TypedDataSet"): body("odata3_80137ned_TypedDataSet.json")})

    rows = odata.typed_dataset("80137ned")
    frame = rows_to_frame(rows)

    assert len(rows) == 675 and len(frame) == 675
    assert odata.session.urls == [f"{FEED}/80137ned/TypedDataSet?$format=json"]
    assert frame["Persoonskenmerken"].iloc[0] == "1"  # '1 ' stripped, still text
    assert set(frame["BedrijfstakkenSBI93"]) >= {"99", "01"}  # leading zero kept: a code, not a number
    assert frame.loc[0, ["Perioden", "Totaal_1", "Zelfstandigen_6"]].tolist() == ["2001JJ00", 8811.0, 778.0]
    assert pd.api.types.is_float_dtype(frame["Werknemers_5"])


def untyped_client(**options) -> ODataClient:
    return client(
        {
            f"{FEED}/83599NED/UntypedDataSet": body(PAGE1),
            PAGE2_LINK: body(PAGE2),
        },
        **options,
    )


def test_recorded_pages_83599ned():
    page1 = load(PAGE1)
    page2 = load(PAGE2)
    assert len(page1["value"]) == 10_000 and page1["odata.nextLink"] == PAGE2_LINK
    assert page1["odata.nextLink"].endswith("&$skip=10000")
    assert len(page2["value"]) == 5_504 and "odata.nextLink" not in page2


def test_untyped_dataset_follows_next_link():
    odata = untyped_client()

    rows = odata.untyped_dataset("83599NED")

    assert len(rows) == 15_504
    assert [row["ID"] for row in rows] == list(range(15_504))  # unique and continuous across pages
    assert odata.session.urls == [f"{FEED}/83599NED/UntypedDataSet?$format=json", PAGE2_LINK]


def test_unfiltered_paging_follows_more_than_two_links():
    """Without $filter/$select the client must keep following next links beyond page 2 (a 3-page table crashed)."""
    page2 = load(PAGE2)
    page3_link = PAGE2_LINK.replace("$skip=10000", "$skip=12000")
    # The recorded page 2, cut in two pages: the first 2.000 rows link on to the rest.
    first = {"value": page2["value"][:2_000], "odata.nextLink": page3_link}
    rest = {"value": page2["value"][2_000:]}
    odata = client({
        f"{FEED}/83599NED/UntypedDataSet": body(PAGE1),
        PAGE2_LINK: json.dumps(first).encode(),
        page3_link: json.dumps(rest).encode(),
    })

    rows = odata.untyped_dataset("83599NED")

    assert [row["ID"] for row in rows] == list(range(15_504))
    assert len(odata.session.urls) == 3


def test_untyped_rows_to_frame_83599ned():
    frame = rows_to_frame(untyped_client().untyped_dataset("83599NED"))

    values = frame["OpenstaandeVacatures_1"]
    assert pd.api.types.is_float_dtype(values)
    assert values.iloc[0] == 135.5  # recorded as '   135.5'
    # The only missing value in these pages is an empty string (ID 12250): NA, never 0.
    missing = frame.loc[values.isna(), "ID"].tolist()
    assert missing == [12250]
    first = frame.loc[0, ["Perioden", "BedrijfstakkenBranchesSBI2008", "RegioS"]].tolist()
    assert first == ["2011KW01", "T001081", "NL01"]
    assert set(frame["RegioS"].str.len()) == {4}  # 'PV23  ' -> 'PV23'
    assert frame["BedrijfstakkenBranchesSBI2008"].iloc[-1] == "435500"  # code '435500 ' stays text
    recorded = [
        float(row["OpenstaandeVacatures_1"])
        for name in (PAGE1, PAGE2)
        for row in load(name)["value"]
        if row["OpenstaandeVacatures_1"].strip()
    ]
    assert values.dropna().tolist() == recorded


def test_rows_to_frame_missing_markers_are_na():
    # '       .' is CBS's documented UntypedDataSet marker for missing/secret (SOURCES.md); null the typed one.
    untyped = rows_to_frame([
        {"ID": 0, "RegioS": "GM0363", "Waarde_1": "   135.5"},
        {"ID": 1, "RegioS": "GM0014", "Waarde_1": "       ."},
        {"ID": 2, "RegioS": "GM0034", "Waarde_1": "     0.0"},
    ])
    assert untyped["Waarde_1"].isna().tolist() == [False, True, False]
    assert untyped["Waarde_1"].iloc[2] == 0.0
    typed = rows_to_frame([
        {"ID": 0, "Waarde_1": 1.5, "Leeg_2": None},
        {"ID": 1, "Waarde_1": None, "Leeg_2": None},
    ])
    assert typed["Waarde_1"].isna().tolist() == [False, True]
    assert pd.api.types.is_float_dtype(typed["Leeg_2"]) and typed["Leeg_2"].isna().all()


def test_rows_to_frame_text_columns_stay_text():
    rows = [{"ID": 0, "Code": "  12", "Waarde_1": "   3.5"}, {"ID": 1, "Code": "  13", "Waarde_1": "   4.5"}]
    frame = rows_to_frame(rows, text_columns=["Code"])
    assert frame["Code"].tolist() == ["12", "13"] and frame["Waarde_1"].tolist() == [3.5, 4.5]


def test_dataset_filter_and_select_go_into_the_query():
    link = f"{FEED}/83599NED/UntypedDataSet?$filter=(RegioS eq 'NL01  ')&$select=ID,OpenstaandeVacatures_1"
    odata = client({link: body(PAGE2)})

    rows = odata.untyped_dataset(
        "83599NED", filter=build_filter({"RegioS": ["NL01  "]}), select=["ID", "OpenstaandeVacatures_1"]
    )

    assert len(rows) == 5_504
    sent = urlsplit(odata.session.urls[0]).query
    assert sent.startswith("$format=json&$filter=") and "%20eq%20'NL01%20%20'" in sent


def test_filter_and_select_survive_the_next_link():
    """The recorded next link carries only $format and $skip: the client adds the query options back."""
    query = "?$filter=(RegioS%20eq%20'PV31%20%20')&$select=RegioS,OpenstaandeVacatures_1"
    odata = client({
        f"{FEED}/83599NED/UntypedDataSet{query}": body(PAGE1),
        f"{PAGE2_LINK}&$filter=(RegioS%20eq%20'PV31%20%20')&$select=RegioS,OpenstaandeVacatures_1": body(PAGE2),
    })
    rows = odata.untyped_dataset("83599NED", filter="(RegioS eq 'PV31  ')", select=["RegioS", "OpenstaandeVacatures_1"])
    assert len(rows) == 15_504
    second = odata.session.urls[1]
    assert second.startswith(PAGE2_LINK) and "$filter=" in second and "$select=" in second


def test_paging_stops_at_max_pages():
    odata = untyped_client(max_pages=1)
    with pytest.raises(SourceError) as caught:
        odata.untyped_dataset("83599NED")
    assert "83599NED" in str(caught.value) and "1 pagina" in str(caught.value)


def test_next_link_to_other_server_is_refused():
    page = load(PAGE1)
    page["odata.nextLink"] = "https://evil.example/steal?$skip=10000"
    odata = client({f"{FEED}/83599NED/UntypedDataSet": json.dumps(page).encode()})
    with pytest.raises(SourceError, match="andere server"):
        odata.untyped_dataset("83599NED")


# --- failures -------------------------------------------------------------------------------


def test_http_500_then_success_is_retried():
    sleeps = Sleeps()
    odata = client(
        {t80137("TableInfos"): [
            FakeResponse(b"Internal Server Error", status=500),
            FakeResponse(body("odata3_80137ned_TableInfos.json")),
        ]},
        sleep=sleeps, backoff=2.0,
    )

    assert odata.table_infos("80137ned")["Identifier"] == "80137ned"
    assert len(odata.session.urls) == 2 and sleeps == [2.0]


def test_connection_errors_exhaust_retries_with_dutch_message():
    refused = requests.ConnectionError("Failed to establish a new connection: [Errno 111] Connection refused")
    sleeps = Sleeps()
    odata = client({t80137("TableInfos"): [refused, refused, refused]}, sleep=sleeps)

    with pytest.raises(SourceError) as caught:
        odata.table_infos("80137ned")

    assert str(caught.value) == (
        f"Ophalen van {FEED}/80137ned/TableInfos?$format=json is mislukt na 3 pogingen: verbinding geweigerd."
    )
    assert sleeps == [1.0, 2.0]


def test_404_is_not_retried():
    odata = client({f"{FEED}/99999NED/TableInfos": [FakeResponse(b"Not found", status=404)]})
    with pytest.raises(SourceError, match="HTTP 404"):
        odata.table_infos("99999NED")
    assert len(odata.session.urls) == 1


def test_malformed_json_is_source_error():
    truncated = body("odata3_80137ned_TableInfos.json")[:500]  # a response cut off halfway
    odata = client({t80137("TableInfos"): FakeResponse(truncated)})
    with pytest.raises(SourceError) as caught:
        odata.table_infos("80137ned")
    assert "geen geldige JSON" in str(caught.value) and f"{FEED}/80137ned/TableInfos" in str(caught.value)


@pytest.mark.parametrize("content", [b"[]", b'{"odata.metadata": "x"}', b'{"value": {"a": 1}}'])
def test_json_without_value_list_is_source_error(content):
    odata = client({t80137("DataProperties"): FakeResponse(content)})
    with pytest.raises(SourceError, match="'value'"):
        odata.data_properties("80137ned")
