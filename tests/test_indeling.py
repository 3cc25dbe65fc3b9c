"""The 2025 indeling and the one place where region names become codes."""

import pandas as pd
import pytest

from llo_dash.build.cbs_slices import Slice, slice_from_dump, split_levels
from llo_dash.build.indeling import indeling_from_frame, level_of_code, map_region_names
from llo_dash.errors import BuildError, SchemaError
from tests.fixtures.tiny import gebieden_frame, tiny_indeling


def test_indeling_regions_and_names():
    indeling = tiny_indeling()
    assert indeling.regios["arbeidsmarktregio_code"].tolist() == ["AM01", "AM05"]
    assert indeling.regios.set_index("arbeidsmarktregio_code").loc["AM05", "aantal_gemeenten"] == 2
    mapping = indeling.name_to_code()
    assert mapping["Hengelo (O.)"] == "GM0164"
    assert mapping["Groningen (gemeente)"] == "GM0014"
    assert mapping["Groningen (AM)"] == "AM01"
    assert mapping["Nederland"] == "NL00"


def test_a_malformed_code_in_the_indeling_is_refused():
    frame = gebieden_frame()
    frame.loc[0, "Code_4"] = "Twente"
    with pytest.raises(SchemaError, match="arbeidsmarktregio_code"):
        indeling_from_frame(frame, file="86059NED")


def test_a_missing_column_in_the_indeling_is_named():
    with pytest.raises(SchemaError, match="Code_4"):
        indeling_from_frame(gebieden_frame().drop(columns="Code_4"), file="86059NED")


def _values(names, values):
    return pd.DataFrame({"RegioS": names, "x": pd.array(values, dtype="Float64")})


def test_names_map_to_codes_and_other_levels_are_dropped():
    frame = _values(["Hengelo (O.)", "Twente (AM)", "Overijssel (PV)", "Nederland", "Niet in te delen (AM)"], [1, 2, 3, 4, 5])
    mapped = map_region_names(frame, "RegioS", tiny_indeling(), ["x"], file="t")
    assert dict(zip(mapped["code"], mapped["niveau"])) == {"GM0164": "gemeente", "AM05": "arbeidsmarktregio", "NL00": "nederland"}


def test_a_name_without_code_but_with_data_stops_the_build():
    frame = _values(["Hengelo", "Enschede"], [10, 20])  # "Hengelo" lacks the CBS suffix "(O.)"
    with pytest.raises(BuildError, match="Hengelo"):
        map_region_names(frame, "RegioS", tiny_indeling(), ["x"], file="t")


def test_a_former_gemeente_without_data_is_dropped_quietly():
    frame = _values(["Enschede", "Boarnsterhim"], [20, None])
    mapped = map_region_names(frame, "RegioS", tiny_indeling(), ["x"], file="t")
    assert mapped["code"].tolist() == ["GM0153"]


def test_old_region_name_alias():
    indeling = indeling_from_frame(
        pd.DataFrame(
            [("0", "Apeldoorn", "GM0200", "Apeldoorn", "AM06", "Veluwe Stedendriehoek", "PV25", "Gelderland")],
            columns=["ID", "RegioS", "Code_1", "Naam_2", "Code_4", "Naam_5", "Code_28", "Naam_29"],
        ),
        file="t",
    )
    mapped = map_region_names(_values(["Stedendriehoek en Noordwest Veluwe (AM)"], [1]), "RegioS", indeling, ["x"], file="t")
    assert mapped["code"].tolist() == ["AM06"]


def test_level_of_code():
    assert [level_of_code(c) for c in ["NL00", "AM12", "GM0363", "WK036300", "BU03630000"]] == [
        "nederland", "arbeidsmarktregio", "gemeente", "wijk", "buurt"
    ]


DUMP = pd.DataFrame(
    {
        "ID": ["0", "1", "2", "3", "4", "5"],
        "Geslacht": ["Totaal mannen en vrouwen"] * 5 + ["Mannen"],
        "Perioden": ["2023", "2023", "2023", "2023", "2022", "2023"],
        "RegioS": ["Nederland", "Hengelo (O.)", "Enschede", "Groningen (gemeente)", "Enschede", "Enschede"],
        "Werkloosheidspercentage_13": ["3.7", "4.1", "", "5.0", "9.9", "8.8"],
    }
)
SPEC = Slice(dims={"Geslacht": "Totaal mannen en vrouwen", "Perioden": "2023"}, topics={"werkloosheid_pct": "Werkloosheidspercentage"})


def test_slice_from_dump_selects_rows_and_keeps_missing_missing():
    frame = slice_from_dump(DUMP, SPEC, tiny_indeling(), file="86088")
    assert frame.loc["GM0164", "werkloosheid_pct"] == 4.1
    assert pd.isna(frame.loc["GM0153", "werkloosheid_pct"])  # empty cell: missing, not 0
    assert frame.loc["NL00", "niveau"] == "nederland"


def test_slice_with_an_unknown_category_names_it():
    spec = Slice(dims={"Geslacht": "Totaal mannen en vrouwen", "Perioden": "2024"}, topics=SPEC.topics)
    with pytest.raises(SchemaError, match="'2024' komt niet voor"):
        slice_from_dump(DUMP, spec, tiny_indeling(), file="86088")


def test_split_levels_requires_every_gemeente():
    truncated = DUMP[DUMP["RegioS"] != "Groningen (gemeente)"]
    frame = slice_from_dump(truncated, SPEC, tiny_indeling(), file="86088")
    with pytest.raises(BuildError, match="GM0014"):
        split_levels(frame, tiny_indeling(), file="86088")
