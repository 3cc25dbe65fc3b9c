"""The live path of the build (CBS OData instead of the mirror), with a client that serves recorded data.

The OData client itself is tested against the recorded responses in test_odata.py. Here
the build's translation is tested: titles → keys, topics via DataProperties, padded
region keys → codes. Rows are in the TypedDataSet shape of the recorded responses
(`odata3_80137ned_TypedDataSet.json`: dimension keys as padded strings, null for missing).
"""

import hashlib
import json

import pandas as pd
import pytest

from llo_dash.build.bevolking import kwb_from_odata
from llo_dash.build.cbs_slices import Slice, slice_from_odata
from llo_dash.build.context import BuildContext
from llo_dash.errors import BuildError
from llo_dash.ingest.readers import read_dertje_csv
from tests.fixtures.mirror import mirror_path, settings_for
from tests.fixtures.tiny import tiny_indeling


class RecordedClient:
    """Serves DataProperties, dimension lists and TypedDataSet rows, and records the queries."""

    def __init__(self, properties, dimensions, rows):
        self.properties, self.dimensions, self.rows = properties, dimensions, rows
        self.queries = []

    def data_properties(self, table):
        return self.properties

    def dimension(self, table, name):
        return self.dimensions[name]

    def typed_dataset(self, table, *, filter=None, select=None):
        self.queries.append({"filter": filter, "select": select})
        return [{key: row.get(key) for key in ["ID", *select]} for row in self.rows]


PROPERTIES = [
    {"odata.type": "Cbs.OData.Dimension", "ID": 0, "ParentID": None, "Key": "Geslacht", "Title": "Geslacht", "Type": "Dimension"},
    {"odata.type": "Cbs.OData.GeoDimension", "ID": 1, "ParentID": None, "Key": "RegioS", "Title": "Regio's", "Type": "GeoDimension"},
    {"odata.type": "Cbs.OData.TimeDimension", "ID": 2, "ParentID": None, "Key": "Perioden", "Title": "Perioden", "Type": "TimeDimension"},
    {"odata.type": "Cbs.OData.TopicGroup", "ID": 3, "ParentID": None, "Key": "", "Title": "Werkloosheid", "Type": "TopicGroup"},
    {"odata.type": "Cbs.OData.Topic", "ID": 4, "ParentID": 3, "Key": "Werkloosheidspercentage_19", "Title": "Werkloosheidspercentage",
     "Unit": "%", "Datatype": "Double", "Decimals": 1, "Type": "Topic"},
]
DIMENSIONS = {
    "Geslacht": [{"Key": "T001038", "Title": "Totaal mannen en vrouwen", "Description": None, "CategoryGroupID": None}],
    "Perioden": [{"Key": "2024JJ00", "Title": "2024", "Description": None, "Status": "Definitief"}],
}
ROWS = [
    {"ID": 0, "Geslacht": "T001038", "RegioS": "NL01  ", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": 3.7},
    {"ID": 1, "Geslacht": "T001038", "RegioS": "PV23  ", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": 3.5},
    {"ID": 2, "Geslacht": "T001038", "RegioS": "AM05  ", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": 4.2},
    {"ID": 3, "Geslacht": "T001038", "RegioS": "GM0164", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": None},
    {"ID": 4, "Geslacht": "T001038", "RegioS": "GM0153", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": 5.1},
    {"ID": 5, "Geslacht": "T001038", "RegioS": "GM0014", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": 4.0},
]
SPEC = Slice(dims={"Geslacht": "Totaal mannen en vrouwen", "Perioden": "2024"}, topics={"werkloosheid_pct": "Werkloosheidspercentage"})


def test_live_slice_uses_keys_and_codes():
    client = RecordedClient(PROPERTIES, DIMENSIONS, ROWS)
    frame = slice_from_odata(client, "86088NED", SPEC, tiny_indeling())
    assert client.queries[0]["filter"] == "(Geslacht eq 'T001038') and (Perioden eq '2024JJ00')"
    assert "Werkloosheidspercentage_19" in client.queries[0]["select"]
    assert frame.loc["NL00", "werkloosheid_pct"] == 3.7
    assert frame.loc["AM05", "niveau"] == "arbeidsmarktregio"
    assert "PV23" not in frame.index
    assert pd.isna(frame.loc["GM0164", "werkloosheid_pct"])  # null is missing, never 0


def test_live_slice_refuses_a_gemeente_code_outside_the_indeling():
    rows = ROWS + [{"ID": 6, "Geslacht": "T001038", "RegioS": "GM1234", "Perioden": "2024JJ00", "Werkloosheidspercentage_19": 6.0}]
    with pytest.raises(BuildError, match="GM1234"):
        slice_from_odata(RecordedClient(PROPERTIES, DIMENSIONS, rows), "86088NED", SPEC, tiny_indeling())


def _json_value(text):
    """A dump cell as OData JSON gives it: a number, a string, or null for an empty cell."""
    if text in ("", None):
        return None
    try:
        return float(text)
    except ValueError:
        return text


def test_live_kwb_with_the_real_dataproperties_and_recorded_rows():
    """KWB 2024 via OData: topics found by title path in the real 85984NED DataProperties."""
    properties = json.loads((mirror_path() / "cbs/api_examples/kwb2024_85984NED_DataProperties_value.json").read_text(encoding="utf-8"))
    dump = read_dertje_csv(mirror_path() / "cbs/kwb/kwb2024_85984NED_typeddataset_first10000rows_dertje.csv.gz").head(40)
    # The dump is this table's TypedDataSet with its keys as columns; turn rows back into OData rows,
    # with the padding OData uses (codes 10 wide) and JSON numbers.
    # In OData the dimension column holds the key (the padded code); the dump wrote its title.
    rows = [
        {key: _json_value(value) for key, value in row.items()}
        | {"WijkenEnBuurten": row["Codering_3"].ljust(10), "Codering_3": row["Codering_3"].ljust(10),
           "SoortRegio_2": row["SoortRegio_2"].ljust(10)}
        for _, row in dump.iterrows()
    ]
    dimension = [{"Key": row["Codering_3"].ljust(10), "Title": row["WijkenEnBuurten"], "Description": None,
                  "CategoryGroupID": None} for _, row in dump.iterrows()]
    client = RecordedClient(properties, {"WijkenEnBuurten": dimension}, rows)
    frame = kwb_from_odata(client)
    assert "BuitenEuropa_19" in client.queries[0]["select"] and "BuitenEuropa_24" not in client.queries[0]["select"]
    nederland = frame.set_index("code").loc["NL00"]
    assert nederland["inwoners"] == 17_942_942 and nederland["niveau"] == "nederland"
    assert frame.set_index("code").loc["WK168000", "naam"] == "Wijk 00 Annen"
    aa_en_hunze = frame.set_index("code").loc["GM1680"]
    # Independently: the same area in the StatLine herkomst export, found by its title.
    herkomst = pd.read_csv(mirror_path() / "cbs/kwb/kwb2024_85984NED_herkomst_statline.csv", sep=";", dtype=str, encoding="utf-8-sig")
    published = herkomst[herkomst.iloc[:, 0].str.strip() == "Aa en Hunze"].iloc[0, 2:].astype(int).tolist()
    assert [aa_en_hunze["inwoners"], aa_en_hunze["herkomst_europa"], aa_en_hunze["herkomst_buiten_europa"]] == [
        published[0], published[2], published[3]
    ]


def test_live_data_get_a_checksum_and_size_in_the_manifest(tmp_path):
    """What came live is recorded like a file: sha256 and bytes of the fetched rows as canonical JSON."""
    client = RecordedClient(PROPERTIES, DIMENSIONS, ROWS)
    ctx = BuildContext(settings_for(None, tmp_path / "data"), odata_client=client)
    for _ in range(2):  # a table can be queried more than once (Fvw: three slices); all rows count
        slice_from_odata(ctx.live("arbeidsdeelname"), "86088NED", SPEC, tiny_indeling())
    fetched = 2 * client.typed_dataset("86088NED", select=client.queries[0]["select"])  # the same rows again
    canonical = json.dumps(fetched, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    used = ctx.used["arbeidsdeelname"]
    assert used.origin == "live (CBS OData)"
    assert (used.sha256, used.bytes) == (hashlib.sha256(canonical).hexdigest(), len(canonical))
