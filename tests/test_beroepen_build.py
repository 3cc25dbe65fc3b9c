"""Build step `beroepen`: the real mirror gives every occupation of the handreiking with its size;
a bad source file stops the build with a Dutch message naming the file and the column.

Expected values are read here from the source CSV with plain pandas, not with the build's code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from llo_dash.build import beroepen
from llo_dash.build.context import BuildContext
from llo_dash.config import PROJECT_ROOT
from llo_dash.errors import SchemaError
from llo_dash.reference import read_reference
from tests.fixtures.mirror import mirror_path, settings_for

SOURCE = "arbeidsmarkt/cbs_brc_werkzamen_lonen_nl.csv"


def build_from(mirror: Path, tmp_path: Path) -> pd.DataFrame:
    ctx = BuildContext(settings_for(mirror, tmp_path / "data", tmp_path / "cache"), offline=True)
    return beroepen.build(ctx)


def mirror_with(tmp_path: Path, content: bytes) -> Path:
    """A mirror holding only the occupations file, with `content`."""
    target = tmp_path / "mirror" / SOURCE
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    return tmp_path / "mirror"


@pytest.fixture(scope="module")
def source() -> pd.DataFrame:
    return pd.read_csv(mirror_path() / SOURCE, dtype=str)


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> pd.DataFrame:
    return build_from(mirror_path(), tmp_path_factory.mktemp("beroepen"))


@pytest.fixture(scope="module")
def lists() -> pd.DataFrame:
    return read_reference("beroepen_basisvaardigheden")


def test_every_top10_occupation_has_a_brc_group_with_employment(table, source, lists):
    groups = table[table["brc_niveau"] == "beroepsgroep"].set_index("brc_code")
    source_groups = source[source["brc_niveau"] == "beroepsgroep"].set_index("brc_code")
    for lijst in ("laaggeletterdheid", "laaggecijferdheid"):
        rows = lists[lists["lijst"] == lijst]
        assert len(rows) == 10 and sorted(rows["rang"].astype(int)) == list(range(1, 11))
        for _, row in rows.iterrows():
            code = row["brc_beroepsgroep_code"]
            assert code in groups.index, f"{row['beroep_handreiking']} ({code}) ontbreekt"
            expected = int(source_groups.at[code, "werkzame_beroepsbevolking_2023_x1000"]) * 1000
            assert groups.at[code, "werkzame_beroepsbevolking_2023"] == expected > 0
            assert groups.at[code, f"rang_{lijst}"] == int(row["rang"])
            assert groups.at[code, "brc_naam"] == row["brc_beroepsgroep_naam"]


def test_codes_are_text_with_leading_zeros(table):
    assert str(table["brc_code"].dtype) in ("string", "str")
    assert table["brc_code"].str.fullmatch(r"\d{2}|\d{3}|\d{4}").all()
    groups = table[table["brc_niveau"] == "beroepsgroep"]
    assert {"0771", "0781", "0921", "1121"} <= set(groups["brc_code"])
    assert (groups["brc_beroepssegment_code"] == groups["brc_code"].str[:3]).all()
    assert (groups["brc_beroepsklasse_code"] == groups["brc_code"].str[:2]).all()


def test_hierarchy_and_no_total_row(table, source):
    counts = table["brc_niveau"].value_counts()
    assert counts["beroepsklasse"] == 13 and counts["beroepssegment"] == 41 and counts["beroepsgroep"] == 114
    assert "T" not in set(table["brc_code"])
    schoonmakers = table.set_index("brc_code").loc["1121"]
    assert schoonmakers["brc_beroepsklasse_naam"] == "Dienstverlenende beroepen"
    # the 13 classes add up to the 9 736 (× 1 000) of the source notes
    assert table.loc[table["brc_niveau"] == "beroepsklasse", "werkzame_beroepsbevolking_2023"].sum() == 9_736_000


def test_wages_missing_stay_missing(table, source):
    groups = table.set_index("brc_code")
    empty = source.loc[source["uurloon_mediaan_2022_eur"].isna(), "brc_code"]
    assert len(empty) > 0
    assert groups.loc[empty, "uurloon_mediaan_2022_eur"].isna().all()
    assert groups.at["1121", "uurloon_mediaan_2022_eur"] == float(source.set_index("brc_code").at["1121", "uurloon_mediaan_2022_eur"])


def test_published_percentages_and_national_tension(table):
    groups = table.set_index("brc_code")
    assert groups.at["1121", "pct_laaggeletterd"] == 40 and groups.at["1121", "pct_laaggecijferd"] == 44
    assert groups.at["0781", "pct_laaggeletterd"] == 37 and pd.isna(groups.at["0781", "pct_laaggecijferd"])
    assert pd.isna(groups.at["1122", "pct_laaggeletterd"])  # Keukenhulpen: no % per occupation published
    assert groups.at["0781", "spanningsindicator_landelijk"] == 0.93
    assert groups.at["0781", "spanning_periode"] == "2023K1" and groups.at["0781", "spanning_typering"] == "gemiddeld"
    # Machinemonteurs: published for 2022K1 and 2023K1, the latest is kept
    assert groups.at["0744", "spanning_periode"] == "2023K1"
    assert pd.isna(groups.at["1111", "spanningsindicator_landelijk"])  # Reisbegeleiders: only "< 1", no value


def test_built_table_and_command_line(built_data):
    path = built_data / "arbeidsmarkt" / "beroepen.parquet"
    assert path.is_file()
    built = pd.read_parquet(path)
    assert "0771" in set(built["brc_code"])
    result = subprocess.run([sys.executable, "-m", "llo_dash", "table", "beroepen", "--format", "csv"],
                            cwd=PROJECT_ROOT, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith("brc_code,brc_niveau,brc_naam")
    assert any(line.startswith("0771,beroepsgroep,Productiemachinebedieners,07,") for line in lines)


def original() -> bytes:
    return (mirror_path() / SOURCE).read_bytes()


def test_wrong_column_names_the_file_and_column(tmp_path):
    bad = original().replace(b"werkzame_beroepsbevolking_2023_x1000", b"werkzamen_2023", 1)
    with pytest.raises(SchemaError, match=r"cbs_brc_werkzamen_lonen_nl\.csv \(.*bron beroepen_werkzamen\): kolom 'werkzame_beroepsbevolking_2023_x1000' ontbreekt"):
        build_from(mirror_with(tmp_path, bad), tmp_path)


def test_text_in_a_number_column(tmp_path):
    bad = original().replace(b"0771,beroepsgroep,Productiemachinebedieners,07,79,", b"0771,beroepsgroep,Productiemachinebedieners,07,veel,", 1)
    assert bad != original()
    with pytest.raises(SchemaError, match=r"cbs_brc_werkzamen_lonen_nl\.csv \(.*bron beroepen_werkzamen\), kolom 'werkzame_beroepsbevolking_2023_x1000': waarde 'veel'"):
        build_from(mirror_with(tmp_path, bad), tmp_path)


def test_code_without_leading_zero(tmp_path):
    bad = original().replace(b"\n0771,beroepsgroep,", b"\n771,beroepsgroep,", 1)
    assert bad != original()
    with pytest.raises(SchemaError, match=r"kolom 'brc_code': waarde '771' is geen geldige code"):
        build_from(mirror_with(tmp_path, bad), tmp_path)


def test_missing_occupation_of_the_handreiking(tmp_path):
    lines = original().decode("utf-8").splitlines(keepends=True)
    without = "".join(line for line in lines if not line.startswith("1122,"))  # Keukenhulpen
    with pytest.raises(Exception, match=r"1122 is geen beroepsgroep"):
        build_from(mirror_with(tmp_path, without.encode("utf-8")), tmp_path)
