"""The fault suite: every source of the registry (`sources.SOURCES`), broken in every way that fits its format.

A new source is covered automatically. For each (source, fault) the CLI build (`python -m llo_dash
build`, run in-process) must either
(a) stop: exit code ≠ 0, one Dutch sentence naming the file in the mirror (and line, column or value
    where the fault has one), no traceback, the previous `data/` byte-identical, no staging left; or
(b) build: then the tables are byte-identical to those of the intact mirror (the fault lies in rows
    or columns the dashboard does not use), or the build ends with a warning naming the file
    ("Let op: …"), also kept in the manifest (optional sources).
Never a traceback, never changed figures without (a) or (b).

Speed: the intact build is made once per session (`built_data`); each case links the untouched
files of the mirror and writes only the broken one.
"""

from __future__ import annotations

import faulthandler
import gzip
import hashlib
import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from llo_dash import __main__ as cli
from llo_dash.sources import SOURCES, Source
from tests.fixtures.mirror import linked_mirror, mirror_path, settings_for

pytestmark = pytest.mark.integration

TEXT_READERS = {"dertje_csv", "statline_csv", "csv"}
HANG_LIMIT = 300  # seconds: a build that runs this long hangs; the dump shows where (and ends the run)


# --- faults: bytes of the file → bytes of the broken file ------------------------------------

def _text(source: Source, data: bytes) -> str:
    raw = gzip.decompress(data) if source.mirror_path.endswith(".gz") else data
    return raw.decode("utf-8-sig")


def _pack(source: Source, text: str | bytes, encoding: str = "utf-8") -> bytes:
    raw = text.encode(encoding) if isinstance(text, str) else text
    return gzip.compress(raw, mtime=0) if source.mirror_path.endswith(".gz") else raw


def _lines(source: Source, data: bytes) -> list[str]:
    return _text(source, data).splitlines(keepends=True)


def cut_mid_row(source, data):
    """The first half of the rows, the last one cut off in the middle (a download that broke off)."""
    lines = _lines(source, data)
    keep = lines[: max(2, len(lines) // 2)]
    keep[-1] = keep[-1][: len(keep[-1].rstrip("\r\n")) // 2]
    return _pack(source, "".join(keep))


def utf16(source, data):
    return _pack(source, _text(source, data), "utf-16-le")  # no byte-order mark: nothing says what it is


def latin1(source, data):
    return _pack(source, _text(source, data).encode("latin-1", errors="replace"))


def rename_header(source, data):
    """Every column of the header renamed (so certainly the ones the build needs)."""
    lines = _lines(source, data)
    sep = ";" if source.reader != "csv" else ","
    lines[0] = sep.join(f"X{field}" if field.strip() else field for field in lines[0].split(sep))
    return _pack(source, "".join(lines))


NUMBER = re.compile(r'^"?-?\d+[.,]\d+"?$')  # with decimals: a value, not a key such as a year or a class code


def text_in_numbers(source, data):
    """In every 25th data row, every number with decimals replaced by 'veel'."""
    lines = _lines(source, data)
    sep = ";" if source.reader != "csv" else ","
    for index in range(1, len(lines), 25):
        end = "\n" if lines[index].endswith("\n") else ""
        fields = lines[index].rstrip("\r\n").split(sep)
        lines[index] = sep.join("veel" if NUMBER.match(field.strip()) else field for field in fields) + end
    return _pack(source, "".join(lines))


def duplicate_row(source, data):
    lines = _lines(source, data)
    middle = len(lines) // 2
    if not lines[middle].endswith("\n"):
        lines[middle] += "\n"
    return _pack(source, "".join([*lines[: middle + 1], lines[middle], *lines[middle + 1:]]))


GM_CODE = re.compile(rb"GM\d{4}")


def unknown_area(source, data):
    """A gemeente code (or, where the file has names only, the first gemeente's name) that does not exist."""
    raw = gzip.decompress(data) if source.mirror_path.endswith(".gz") else data
    body = raw.split(b"\n", 1)[1] if source.reader in TEXT_READERS else raw
    found = GM_CODE.search(body)
    changed = raw.replace(found.group(), b"GM9999") if found else raw.replace(b"Aa en Hunze", b"Aa en Hunse")
    return gzip.compress(changed, mtime=0) if source.mirror_path.endswith(".gz") else changed


def has_unknown_area_fault(source, data) -> bool:
    raw = gzip.decompress(data) if source.mirror_path.endswith(".gz") else data
    return bool(GM_CODE.search(raw)) or b"Aa en Hunze" in raw


def half(source, data):
    return data[: len(data) // 2]


def not_gzip(source, data):
    return gzip.decompress(data)  # the plain text under a .gz name


def gzip_crc(source, data):
    """A flipped byte in the checksum at the end of the gzip stream."""
    return data[:-8] + bytes([data[-8] ^ 0xFF]) + data[-7:]


def zero_header(source, data):
    return b"\0" * 32 + data[32:]


def too_many_records(source, data):
    """A dBASE header promising a million more records than the file holds."""
    return data[:4] + (int.from_bytes(data[4:8], "little") + 1_000_000).to_bytes(4, "little") + data[8:]


def json_without_value(source, data):
    return json.dumps({"odata.metadata": "x", "rows": json.loads(data.decode("utf-8-sig"))}).encode()


def json_key_renamed(source, data):
    """DataProperties whose field `Key` has another name (a change of the CBS API)."""
    return data.replace(b'"Key"', b'"Sleutel"')


def geojson_property_renamed(source, data):
    return data.replace(b'"statcode"', b'"code"')


def remove(source, data):
    return None


Fault = tuple[str, Callable, Callable | None]  # name, how to break, applies to this file? (None: always)
COMMON: list[Fault] = [("ontbreekt", remove, None), ("leeg", lambda s, d: b"", None)]
BY_READER: dict[str, list[Fault]] = {
    "text": [
        ("afgekapt_midden_in_rij", cut_mid_row, None),
        ("utf16_zonder_bom", utf16, None),
        ("latin1", latin1, lambda s, d: any(ord(c) > 127 for c in _text(s, d))),
        ("kolommen_hernoemd", rename_header, None),
        ("tekst_in_getallen", text_in_numbers, lambda s, d: text_in_numbers(s, d) != d),  # files with decimals
        ("dubbele_rij", duplicate_row, None),
        ("onbekend_gebied", unknown_area, has_unknown_area_fault),
    ],
    "gz": [("half_gzip", half, None), ("geen_gzip", not_gzip, None), ("gzip_controlegetal", gzip_crc, None)],
    "json_value": [("afgekapt", half, None), ("utf16_zonder_bom", utf16, None), ("zonder_value", json_without_value, None),
                   ("sleutel_hernoemd", json_key_renamed, None)],
    "dbf": [("afgekapt", half, None), ("kop_nullen", zero_header, None), ("te_veel_records", too_many_records, None),
            ("onbekend_gebied", unknown_area, has_unknown_area_fault)],
    "geojson": [("afgekapt", half, None), ("utf16_zonder_bom", utf16, None),
                ("eigenschap_hernoemd", geojson_property_renamed, None), ("onbekend_gebied", unknown_area, has_unknown_area_fault)],
}


def faults_of(source: Source) -> list[Fault]:
    faults = COMMON + BY_READER["text" if source.reader in TEXT_READERS else source.reader]
    if source.mirror_path.endswith(".gz"):
        faults = faults + BY_READER["gz"]
    return faults


def _cases():
    for source in SOURCES:
        data = (mirror_path() / source.mirror_path).read_bytes()
        for name, _, applies in faults_of(source):
            if applies is None or applies(source, data):
                yield pytest.param(source, name, id=f"{source.id}-{name}")


# --- running a build and judging it --------------------------------------------------------

def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def table_hashes(data_dir: Path) -> dict[str, str]:
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    return {entry["bestand"]: entry["sha256"] for entry in manifest["bestanden"]}


def build_cli(mirror: Path, data_dir: Path, monkeypatch, capsys) -> tuple[int, str]:
    """`python -m llo_dash build --offline --quiet` in-process; returns exit code and what it wrote to stderr."""
    monkeypatch.setattr(cli, "load_settings", lambda: settings_for(mirror, data_dir))
    capsys.readouterr()
    faulthandler.dump_traceback_later(HANG_LIMIT, exit=True, file=sys.__stderr__)
    try:
        code = cli.main(["build", "--offline", "--quiet"])
    finally:
        faulthandler.cancel_dump_traceback_later()
    return code, capsys.readouterr().err


EXPECTED_DETAIL = {  # where a fault has a place, the message gives it
    "afgekapt_midden_in_rij": r"regel \d+",
    "tekst_in_getallen": r"waarde 'veel'",
    "onbekend_gebied": r"GM\d{4}|Aa en Hunse|regel \d+",  # the unknown code, the gemeente it replaced, or the row
}


@pytest.mark.parametrize("source, fault", list(_cases()))
def test_a_broken_source_stops_the_build_or_warns(source, fault, built_data, tmp_path, monkeypatch, capsys):
    original = (mirror_path() / source.mirror_path).read_bytes()
    broken = dict((name, how) for name, how, _ in faults_of(source))[fault](source, original)
    assert broken != original, "precondition: the fault changes the file"
    mirror = linked_mirror(tmp_path / "mirror", replace={} if broken is None else {source.mirror_path: broken},
                           remove=(source.mirror_path,) if broken is None else ())
    data_dir = tmp_path / "data"
    shutil.copytree(built_data, data_dir)
    before = tree_hash(data_dir)

    code, err = build_cli(mirror, data_dir, monkeypatch, capsys)

    assert "Traceback" not in err
    if code != 0:
        assert err.startswith("Fout: ") and err.count("\n") == 1, err
        assert Path(source.mirror_path).name in err, f"the message names another file: {err}"
        if fault in EXPECTED_DETAIL:
            assert re.search(EXPECTED_DETAIL[fault], err), err
        assert tree_hash(data_dir) == before, "a failed build changed data/"
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".data-")], "staging folder left behind"
        return
    warnings = [line for line in err.splitlines() if line.startswith("Let op:")]
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    used = source.id in {entry["id"] for entry in json.loads((built_data / "manifest.json").read_text())["bronnen"]}
    if table_hashes(data_dir) != table_hashes(built_data) or (fault == "ontbreekt" and used):
        assert any(source.mirror_path in line for line in warnings), f"figures changed without a warning: {err}"
        assert manifest["waarschuwingen"] == warnings
    else:
        assert not warnings, err


# --- two builds at once, and a build killed halfway ---------------------------------------------

def test_a_second_build_waits_for_the_first_and_refuses_clearly_after_its_limit(tmp_path):
    from llo_dash.build.slot import bouwslot
    from llo_dash.errors import BuildError

    data_dir = tmp_path / "data"
    meldingen = []
    with bouwslot(data_dir):  # the first build holds the lock
        with pytest.raises(BuildError, match=r"Er loopt al een bouw van .*data .*na 1 seconden nog niet klaar"):
            with bouwslot(data_dir, melding=meldingen.append, max_wacht=1):
                pass
    assert meldingen == ["Er loopt al een bouw van deze gegevens; wachten tot die klaar is …"]
    with bouwslot(data_dir, max_wacht=1):  # released: the next one goes ahead at once
        pass


def test_what_a_killed_build_left_behind_is_removed_by_the_next(tmp_path):
    from llo_dash.build.slot import bouwslot

    data_dir = tmp_path / "data"
    leftover = tmp_path / ".data-bouw-4242"  # a killed build's staging folder (its pid is long gone)
    (leftover / "cbs").mkdir(parents=True)
    (leftover / "cbs" / "gebieden.parquet").write_bytes(b"half")
    other = tmp_path / ".anders-bouw-1"  # another data folder's staging is not ours to remove
    other.mkdir()
    with bouwslot(data_dir):
        assert not leftover.exists() and other.exists()
