"""Reading and cleaning source files: missing markers, decimal commas, headers, broken files."""

import gzip
import re

import pandas as pd
import pytest

from llo_dash.errors import SchemaError
from llo_dash.ingest.readers import (
    column_stem,
    find_header,
    read_dertje_csv,
    read_json_value,
    read_plain_csv,
    read_statline_csv,
    resolve_stems,
    to_number,
)
from tests.fixtures.mirror import mirror_file

FVW = "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv"


def test_cbs_missing_markers_become_na_never_zero():
    values = to_number(pd.Series(["12.5", ".", "", "  .  ", None, "0"]), file="f.csv", column="x")
    assert values.iloc[0] == 12.5
    assert values.iloc[1:5].isna().all()
    assert values.iloc[5] == 0


def test_decimal_comma():
    values = to_number(pd.Series(["15,9", "1234,5", "-3", "."]), decimal_comma=True)
    assert list(values[:3]) == [15.9, 1234.5, -3.0]
    assert pd.isna(values.iloc[3])  # the lone "." of StatLine is missing, not a separator


@pytest.mark.parametrize("value", ["11.4", "1.234,5", "1.234"])
def test_a_point_in_a_decimal_comma_file_is_refused(value):
    """StatLine exports have no thousands separators: '11.4' is not silently 114."""
    with pytest.raises(SchemaError, match=rf"inkomen\.csv, kolom 'huishoudens': waarde '{re.escape(value)}'.*punt"):
        to_number(pd.Series(["15,9", value]), decimal_comma=True, file="inkomen.csv", column="huishoudens")


def test_a_decimal_comma_in_a_bulk_dump_is_a_dutch_error():
    with pytest.raises(SchemaError, match=r"dump\.csv, kolom 'Banen_1': waarde '12,5'.*komma"):
        to_number(pd.Series(["3.0", "12,5"]), file="dump.csv", column="Banen_1")


def test_text_in_a_number_column_names_file_and_column():
    with pytest.raises(SchemaError, match=r"bron\.csv, kolom 'inwoners': waarde 'veel'"):
        to_number(pd.Series(["10", "veel"]), file="bron.csv", column="inwoners")


def test_stem_drops_only_the_position_suffix():
    assert column_stem("NettoArbeidsparticipatie_16") == "NettoArbeidsparticipatie"
    assert column_stem("k_1BasisonderwijsVmboMbo1_2") == "k_1BasisonderwijsVmboMbo1"


def test_resolve_stems_finds_columns_whatever_their_suffix():
    columns = ["ID", "RegioS", "Bevolking_7", "k_3HboWo_9"]
    assert resolve_stems(columns, {"pop": "Bevolking", "hoog": "k_3HboWo"}, file="f") == {"pop": "Bevolking_7", "hoog": "k_3HboWo_9"}


def test_resolve_stems_missing_column_is_a_dutch_error():
    with pytest.raises(SchemaError, match=r"kolom 'Werkloosheidspercentage' ontbreekt"):
        resolve_stems(["ID", "RegioS"], {"w": "Werkloosheidspercentage"}, file="86088.csv")


def test_resolve_stems_refuses_ambiguous_stems():
    with pytest.raises(SchemaError, match="2 keer"):
        resolve_stems(["Nederland_17", "Nederland_20"], {"nl": "Nederland"}, file="kwb")


def test_find_header_matches_the_end_of_the_title_path():
    headers = [
        "Bevolking/Bevolking naar herkomst/Herkomstland/Nederland (aantal)",
        "Bevolking/Bevolking naar herkomst/Herkomstland/Europa (exclusief Nederland)  (aantal)",
        "Bevolking/Aantal inwoners (aantal)",
    ]
    assert find_header(headers, "Herkomstland", "Nederland", file="f") == headers[0]
    assert find_header(headers, "Herkomstland", "Europa (exclusief Nederland)", file="f") == headers[1]
    assert find_header(headers, "Aantal inwoners", file="f") == headers[2]
    with pytest.raises(SchemaError, match="ontbreekt"):
        find_header(headers, "Buiten Europa", file="f")


def test_statline_export_with_mangled_quotes(tmp_path):
    path = tmp_path / "inkomen.csv"
    path.write_bytes(
        '\ufeff"Perioden"";""Regio\'s"";""Particuliere huishoudens (x 1 000)"\r\n'
        '""2024*"";""Aa en Hunze"";11,4\r\n""2024*"";""Fryslân"";.\r\n"\r\n'.encode("utf-8")
    )
    frame = read_statline_csv(path)
    assert list(frame.columns) == ["Perioden", "Regio's", "Particuliere huishoudens (x 1 000)"]
    assert frame["Regio's"].tolist() == ["Aa en Hunze", "Fryslân"]
    assert to_number(frame.iloc[:, 2], decimal_comma=True).tolist()[0] == 11.4


def test_statline_export_cut_off_mid_row_is_reported(tmp_path):
    path = tmp_path / "afgekapt.csv"
    path.write_text('"A"";""B"";""C"\n""1"";""2"\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="afgekapt"):
        read_statline_csv(path)


def _cut_last_line(data: bytes) -> tuple[bytes, int]:
    """The file with its last line cut in half (as by an interrupted copy), and that line's number."""
    lines = data.rstrip(b"\n").split(b"\n")
    return b"\n".join([*lines[:-1], lines[-1][: len(lines[-1]) // 2]]), len(lines)


@pytest.mark.parametrize(
    "relative, reader",
    [(FVW, read_dertje_csv), ("arbeidsmarkt/cbs_brc_werkzamen_lonen_nl.csv", read_plain_csv)],
)
def test_a_csv_cut_off_mid_row_is_reported_with_its_line(tmp_path, relative, reader):
    cut, line = _cut_last_line(mirror_file(relative).read_bytes())
    path = tmp_path / relative.rsplit("/", 1)[-1]
    path.write_bytes(cut)
    with pytest.raises(SchemaError, match=rf"{re.escape(path.name)}.*regel {line}\b.*afgekapt"):
        reader(path)


def test_a_row_with_too_many_fields_is_reported(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text("ID;RegioS\n0;Aa en Hunze\n1;Assen;extra\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"dump\.csv.*regel 3\b"):
        read_dertje_csv(path)


def test_padding_is_stripped_from_dump_values(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text("\ufeffID;RegioS;Code_1\n0;Aa en Hunze;GM1680    \n", encoding="utf-8")
    assert read_dertje_csv(path)["Code_1"].iloc[0] == "GM1680"


def test_broken_gzip_names_the_file(tmp_path):
    path = tmp_path / "tabel.csv.gz"
    complete = gzip.compress("".join(f"{i};regio {i * 7919 % 10007}\n" for i in range(2000)).encode())
    path.write_bytes(complete[: len(complete) // 2])
    with pytest.raises(SchemaError, match=r"tabel\.csv\.gz is beschadigd"):
        read_dertje_csv(path)


def test_empty_file_is_reported(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text("")
    with pytest.raises(SchemaError, match="leeg"):
        read_dertje_csv(path)


def test_json_value_with_and_without_envelope(tmp_path):
    with_envelope = tmp_path / "a.json"
    with_envelope.write_text('{"odata.metadata": "x", "value": [{"Key": "A"}]}')
    bare = tmp_path / "b.json"
    bare.write_text('[{"Key": "B"}]')
    broken = tmp_path / "c.json"
    broken.write_text('{"value": [')
    assert read_json_value(with_envelope) == [{"Key": "A"}]
    assert read_json_value(bare) == [{"Key": "B"}]
    with pytest.raises(SchemaError, match="geen geldige JSON"):
        read_json_value(broken)
