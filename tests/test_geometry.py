"""Boundaries build (`llo_dash.build.geometry`), map helpers (`llo_dash.tables`) and the DBF reader.

Small hand-made fixtures for the behaviour, plus one integration run on the real mirror. The
DBF reader (`llo_dash.ingest.readers.read_dbf`, GDAL through pyogrio like the boundaries) is tested at
the end, on the real wijk- en buurtkaart table and on damaged copies of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, shape

from llo_dash import tables
from llo_dash.build import geometry
from llo_dash.build.geometry import build_boundaries, wijk_gemeente_code
from llo_dash.errors import BuildError, SchemaError, SourceError
from llo_dash.ingest.readers import read_dbf
from tests.fixtures.mirror import mirror_file, mirror_path

LEVEL_FILES = {level: f"{level}.geojson" for level in tables.GEO_LEVELS}


# --- fixtures ---------------------------------------------------------------------------------


def _ring(*points):
    return [list(point) for point in points]


def _square(x0, y0, x1, y1):
    """Counter-clockwise ring."""
    return _ring((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))


# GM0001: clockwise exterior with a spike that make_valid turns into a stray line, and a
# counter-clockwise hole (both windings wrong for RFC 7946).
GM0001 = {
    "type": "Polygon",
    "coordinates": [
        _ring(
            (5.0, 52.0), (5.0, 52.05), (4.95, 52.05), (5.0, 52.05),  # the spike
            (5.0, 52.1), (5.1, 52.1), (5.1, 52.0), (5.0, 52.0),
        ),
        _square(5.02, 52.02, 5.04, 52.04),
    ],
}
# GM0002: its western border is GM0001's eastern one plus a vertex 4e-8 to the east, which
# without the grid snap leaves a sliver of a hole between the two; one vertex has far too many decimals.
GM0002 = {
    "type": "Polygon",
    "coordinates": [
        _ring((5.1, 52.0), (5.1534567, 52.0), (5.2, 52.0), (5.2, 52.1), (5.1, 52.1), (5.10000004, 52.05), (5.1, 52.0))
    ],
}
# GM0003: a bow-tie (self-intersecting ring); repaired it is two triangles of half the square.
GM0003 = {"type": "Polygon", "coordinates": [_ring((5.2, 52.0), (5.3, 52.1), (5.3, 52.0), (5.2, 52.1), (5.2, 52.0))]}

GEMEENTEN = {"GM0001": GM0001, "GM0002": GM0002, "GM0003": GM0003}
WIJKEN = {
    "WK000101": {"type": "Polygon", "coordinates": [_square(5.0, 52.0, 5.05, 52.1)]},
    "WK000102": {"type": "Polygon", "coordinates": [_square(5.05, 52.0, 5.1, 52.1)]},
    "WK000201": {"type": "Polygon", "coordinates": [_square(5.1, 52.0, 5.2, 52.1)]},
    "WK0003AA": {"type": "Polygon", "coordinates": [_square(5.2, 52.0, 5.3, 52.1)]},
}
BAD_WIJK = {"WK999901": {"type": "Polygon", "coordinates": [_square(6.0, 52.0, 6.1, 52.1)]}}

TABLE = pd.DataFrame(
    {
        "gemeente_code": ["GM0001", "GM0002", "GM0003"],
        "arbeidsmarktregio_code": ["AM01", "AM01", "AM02"],
        "provincie_code": ["PV20", "PV21", "PV21"],
    }
)


def write_geojson(path: Path, geometries: dict[str, dict], extra_properties: dict | None = None) -> Path:
    features = [
        {"type": "Feature", "id": code, "properties": {"statcode": code, **(extra_properties or {})}, "geometry": geom}
        for code, geom in geometries.items()
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path):
    """(gemeente file, wijk file) holding the small fixtures."""
    return (
        write_geojson(tmp_path / "gemeente_test.geojson", GEMEENTEN, {"statnaam": "Testdorp"}),
        write_geojson(tmp_path / "wijk_test.geojson", WIJKEN),
    )


@pytest.fixture
def built(sources, tmp_path):
    """Build the fixtures; returns (manifest, out_dir)."""
    out_dir = tmp_path / "out"
    return build_boundaries(*sources, TABLE, out_dir), out_dir


def load(out_dir: Path, level: str) -> dict[str, object]:
    """code -> shapely geometry of a built level."""
    document = json.loads((out_dir / LEVEL_FILES[level]).read_text(encoding="utf-8"))
    return {feature["id"]: shape(feature["geometry"]) for feature in document["features"]}


def polygons(geometry):
    return list(getattr(geometry, "geoms", [geometry]))


# --- wijk_gemeente_code -----------------------------------------------------------------------


def test_wijk_gemeente_code():
    assert wijk_gemeente_code("WK036300") == "GM0363"
    assert wijk_gemeente_code("WK0363AA") == "GM0363"
    for bad in ("BU03630000", "WK0363", "GM036300", "wk036300"):
        with pytest.raises(ValueError, match="geen geldige wijkcode"):
            wijk_gemeente_code(bad)


# --- build: results ---------------------------------------------------------------------------


def test_manifest_describes_the_written_files(built):
    manifest, out_dir = built
    assert set(manifest) == set(tables.GEO_LEVELS)
    counts = {level: entry["features"] for level, entry in manifest.items()}
    assert counts == {"gemeente": 3, "arbeidsmarktregio": 2, "provincie": 2, "wijk": 4, "gemeente_detail": 3}
    for level, entry in manifest.items():
        data = (out_dir / entry["file"]).read_bytes()
        assert entry["file"] == LEVEL_FILES[level]
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert sorted(os.listdir(out_dir)) == sorted(LEVEL_FILES.values())  # no temp files left


def test_repair_keeps_only_valid_polygons(built):
    _, out_dir = built
    gemeenten = load(out_dir, "gemeente")
    assert all(g.is_valid and g.geom_type in ("Polygon", "MultiPolygon") for g in gemeenten.values())
    # The spike west of GM0001 is gone (it became a line), the hole stays.
    assert gemeenten["GM0001"].geom_type == "Polygon"
    assert gemeenten["GM0001"].bounds[0] == pytest.approx(5.0)
    assert gemeenten["GM0001"].area == pytest.approx(0.01 - 0.0004)
    # The bow-tie is two triangles of half the square.
    assert gemeenten["GM0003"].geom_type == "MultiPolygon"
    assert len(gemeenten["GM0003"].geoms) == 2
    assert gemeenten["GM0003"].area == pytest.approx(0.005)


def test_dissolve_cancels_shared_borders(built):
    _, out_dir = built
    regions, provincies = load(out_dir, "arbeidsmarktregio"), load(out_dir, "provincie")
    assert sorted(regions) == ["AM01", "AM02"]
    assert sorted(provincies) == ["PV20", "PV21"]
    # GM0001 + GM0002 despite the noisy border: one polygon, only GM0001's hole, no slivers.
    am01 = regions["AM01"]
    assert am01.geom_type == "Polygon"
    assert len(am01.interiors) == 1
    assert am01.area == pytest.approx(0.0196)
    assert am01.bounds == pytest.approx((5.0, 52.0, 5.2, 52.1))
    assert provincies["PV21"].area == pytest.approx(0.015)
    assert all(g.is_valid for g in [*regions.values(), *provincies.values()])


def test_dissolve_stays_on_the_grid(tmp_path):
    """Borders that cross between grid points (a sliver of overlap) still give coordinates on the grid."""
    gemeenten = {
        "GM0001": {"type": "Polygon", "coordinates": [_square(5.0, 52.0, 5.1, 52.1)]},
        # its western edge leaves GM0001 through its top edge at x = 5.09990029…, between grid points
        "GM0002": {"type": "Polygon", "coordinates": [_ring((5.1, 52.0), (5.2, 52.0), (5.2, 52.1), (5.0999, 52.1003), (5.1, 52.0))]},
        "GM0003": GM0003,
    }
    gemeente_file = write_geojson(tmp_path / "gemeente.geojson", gemeenten)
    wijk_file = write_geojson(tmp_path / "wijk.geojson", WIJKEN)
    build_boundaries(gemeente_file, wijk_file, TABLE, tmp_path / "out")
    am01 = load(tmp_path / "out", "arbeidsmarktregio")["AM01"]
    assert am01.is_valid and am01.geom_type == "Polygon"
    assert all(round(value, 4) == value for value in shapely.get_coordinates(am01).ravel())
    assert not re.search(r"\d\.\d{5,}", (tmp_path / "out" / "arbeidsmarktregio.geojson").read_text())


def test_wijken_are_clipped_to_their_gemeente_and_fill_it(tmp_path):
    """A wijk that spills into the next gemeente is cut back, the gap it leaves in its own gemeente goes to
    the wijk with the longest shared border, and a wijk wholly outside its gemeente is kept and reported."""
    gemeenten = {"GM0001": {"type": "Polygon", "coordinates": [_square(5.0, 52.0, 5.1, 52.1)]},
                 "GM0002": {"type": "Polygon", "coordinates": [_square(5.1, 52.0, 5.2, 52.1)]}, "GM0003": GM0003}
    wijken = {
        "WK000101": {"type": "Polygon", "coordinates": [_square(5.0, 52.0, 5.05, 52.1)]},
        # 0.02 into GM0002, and 0.01 short of GM0001's top: the strip above borders it over 0.05, WK000101 over 0.01
        "WK000102": {"type": "Polygon", "coordinates": [_square(5.05, 52.0, 5.12, 52.09)]},
        "WK000201": {"type": "Polygon", "coordinates": [_square(5.1, 52.0, 5.2, 52.1)]},
        "WK000202": {"type": "Polygon", "coordinates": [_square(5.5, 52.0, 5.51, 52.01)]},  # far outside GM0002
        "WK0003AA": WIJKEN["WK0003AA"],
    }
    out_dir = tmp_path / "out"
    manifest = build_boundaries(write_geojson(tmp_path / "g.geojson", gemeenten), write_geojson(tmp_path / "w.geojson", wijken),
                                TABLE, out_dir)
    built = load(out_dir, "wijk")
    assert built["WK000101"].equals(shapely.box(5.0, 52.0, 5.05, 52.1))
    assert built["WK000102"].equals(shapely.box(5.05, 52.0, 5.1, 52.1))
    assert built["WK000201"].equals(shapely.box(5.1, 52.0, 5.2, 52.1))
    assert built["WK0003AA"].area == pytest.approx(0.005)  # the bow-tie gemeente's two triangles
    assert built["WK000202"].equals(shapely.box(5.5, 52.0, 5.51, 52.01))  # kept as published, not dropped
    assert manifest["wijk"]["features"] == 5
    (melding,) = manifest["wijk"]["meldingen"]
    assert "geknipt" in melding and "wijken van w.geojson" in melding and melding.endswith("(1): WK000202")


def test_detailed_gemeenten_are_the_union_of_their_wijken(built):
    """gemeente_detail (the map of one region): each gemeente as its wijken together, from the wijk file."""
    _, out_dir = built
    detail = load(out_dir, "gemeente_detail")
    assert set(detail) == {"GM0001", "GM0002", "GM0003"}
    for gemeente, wijken in {"GM0001": ["WK000101", "WK000102"], "GM0002": ["WK000201"], "GM0003": ["WK0003AA"]}.items():
        union = shapely.union_all([shape(WIJKEN[code]) for code in wijken])
        assert detail[gemeente].symmetric_difference(union).area == pytest.approx(0, abs=1e-12), gemeente


def test_region_borders_match_gemeente_borders(built):
    _, out_dir = built
    gemeenten = load(out_dir, "gemeente")
    union = shapely.union_all([gemeenten["GM0002"], gemeenten["GM0003"]])
    assert load(out_dir, "provincie")["PV21"].symmetric_difference(union).area == pytest.approx(0, abs=1e-12)


def test_rings_follow_rfc7946(built):
    _, out_dir = built
    for level in tables.GEO_LEVELS:
        for code, geom in load(out_dir, level).items():
            for polygon in polygons(geom):
                assert polygon.exterior.is_ccw, f"{level} {code}: exterior not counter-clockwise"
                assert not any(hole.is_ccw for hole in polygon.interiors), f"{level} {code}: hole not clockwise"


def test_output_is_compact_rounded_and_code_only(built):
    _, out_dir = built
    for level in tables.GEO_LEVELS:
        text = (out_dir / LEVEL_FILES[level]).read_text(encoding="utf-8")
        assert ", " not in text and ": " not in text and "\n" not in text
        for feature in json.loads(text)["features"]:
            assert feature["properties"] == {"code": feature["id"]}
            for x, y in shapely.get_coordinates(shape(feature["geometry"])):
                assert round(x, 4) == x and round(y, 4) == y
        assert not re.search(r"\d\.\d{5,}", text), f"{level}: a coordinate with more than 4 decimals"
    text = (out_dir / "gemeente.geojson").read_text(encoding="utf-8")
    assert "5.1535" in text and "5.1534567" not in text and "5.10000004" not in text
    document = json.loads(text)
    assert list(document) == ["type", "features"] and document["type"] == "FeatureCollection"  # no crs, no bbox
    assert all(set(feature) == {"type", "id", "properties", "geometry"} for feature in document["features"])


def test_decimals_option(sources, tmp_path):
    build_boundaries(*sources, TABLE, tmp_path / "out", decimals=2)
    for geom in load(tmp_path / "out", "gemeente").values():
        assert all(round(value, 2) == value for value in shapely.get_coordinates(geom).ravel())


def test_table_order_and_dtype_do_not_matter(sources, tmp_path):
    table = TABLE.iloc[::-1].astype("string")
    manifest = build_boundaries(*sources, table, tmp_path / "out")
    assert manifest["arbeidsmarktregio"]["features"] == 2


def test_file_in_another_crs_is_reprojected_to_lon_lat(sources, built, tmp_path):
    """An old-style GeoJSON may declare another CRS (here RD New); the output is always lon/lat."""
    import geopandas as gpd

    gemeente_file, wijk_file = sources
    rd_file = tmp_path / "gemeente_rd.geojson"
    gpd.read_file(gemeente_file).to_crs("EPSG:28992").to_file(rd_file, driver="GeoJSON")
    assert '"EPSG","28992"' in rd_file.read_text() or "28992" in rd_file.read_text()
    build_boundaries(rd_file, wijk_file, TABLE, tmp_path / "rd")
    _, lonlat_dir = built
    for level in ("gemeente", "arbeidsmarktregio"):
        expected, actual = load(lonlat_dir, level), load(tmp_path / "rd", level)
        assert sorted(actual) == sorted(expected)
        for code, geom in actual.items():
            assert geom.bounds == pytest.approx(expected[code].bounds, abs=2e-4), code
            assert geom.area == pytest.approx(expected[code].area, rel=1e-2), code


# --- build: errors ----------------------------------------------------------------------------


def assert_nothing_written(out_dir: Path):
    assert not out_dir.exists() or os.listdir(out_dir) == []


def test_bad_wijk_code_names_file_and_code(sources, tmp_path):
    gemeente_file, _ = sources
    wijk_file = write_geojson(tmp_path / "wijk_bad.geojson", {**WIJKEN, **BAD_WIJK})
    with pytest.raises(SchemaError) as caught:
        build_boundaries(gemeente_file, wijk_file, TABLE, tmp_path / "out")
    message = str(caught.value)
    assert "wijk_bad.geojson" in message and "WK999901" in message and "GM9999" in message
    assert_nothing_written(tmp_path / "out")


def test_malformed_wijk_code(sources, tmp_path):
    gemeente_file, _ = sources
    wijk_file = write_geojson(tmp_path / "wijk.geojson", {**WIJKEN, "BU00010000": WIJKEN["WK000101"]})
    with pytest.raises(SchemaError, match=r"wijk\.geojson.*geen wijkcode.*BU00010000"):
        build_boundaries(gemeente_file, wijk_file, TABLE, tmp_path / "out")


def test_missing_and_extra_gemeenten_are_listed(sources, tmp_path):
    _, wijk_file = sources
    geometries = {"GM0001": GM0001, "GM0002": GM0002, "GM0999": GM0003}
    gemeente_file = write_geojson(tmp_path / "gemeente_wrong.geojson", geometries)
    with pytest.raises(SchemaError) as caught:
        build_boundaries(gemeente_file, wijk_file, TABLE, tmp_path / "out")
    message = str(caught.value)
    assert "gemeente_wrong.geojson" in message
    assert "ontbreken in het bestand: GM0003" in message
    assert "staan niet in de tabel: GM0999" in message
    assert_nothing_written(tmp_path / "out")


def test_duplicate_codes(sources, tmp_path):
    _, wijk_file = sources
    gemeente_file = tmp_path / "dubbel.geojson"
    write_geojson(gemeente_file, GEMEENTEN)
    document = json.loads(gemeente_file.read_text())
    document["features"].append(document["features"][0])
    gemeente_file.write_text(json.dumps(document))
    with pytest.raises(SchemaError, match=r"dubbel\.geojson.*meer dan eens: GM0001"):
        build_boundaries(gemeente_file, wijk_file, TABLE, tmp_path / "out")


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"ty', "afgebroken of beschadigd"),
        ("", "afgebroken of beschadigd"),
        (b"\xff\xfe\x00garbage", "afgebroken of beschadigd"),
        ('{"type":"Feature"}', "geen veld 'statcode'"),
        ("<html><body>Niet gevonden</body></html>", "afgebroken of beschadigd"),
        ("[1, 2, 3]", "afgebroken of beschadigd"),
        ('{"type":"FeatureCollection","features":[]}', "geen gebieden"),
        (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"GM0001"},'
            '"geometry":{"type":"Point","coordinates":[5,52]}}]}',
            "geen veld 'statcode'",
        ),
        (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001"},'
            '"geometry":{"type":"Point","coordinates":[5,52]}}]}',
            "GM0001 geen vlak",
        ),
        (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001"},'
            '"geometry":{"type":"Polygon","coordinates":"kapot"}}]}',
            "GM0001 geen bruikbare geometrie",
        ),
        (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001"},'
            '"geometry":null}]}',
            "GM0001 geen bruikbare geometrie",
        ),
        (  # GDAL skips the broken second part with only a warning: that is an error here
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001"},'
            '"geometry":{"type":"MultiPolygon","coordinates":[[[[5,52],[6,52],[6,53],[5,52]]],"kapot"]}}]}',
            "niet goed leesbaar",
        ),
        (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":" "},'
            '"geometry":{"type":"Point","coordinates":[5,52]}}]}',
            "gebied nummer 1 geen veld 'statcode'",
        ),
    ],
)
def test_broken_file_gives_dutch_message_naming_the_file(sources, tmp_path, content, expected):
    _, wijk_file = sources
    broken = tmp_path / "kapot.geojson"
    broken.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(SchemaError) as caught:
        build_boundaries(broken, wijk_file, TABLE, tmp_path / "out")
    assert "kapot.geojson" in str(caught.value) and expected in str(caught.value)
    assert_nothing_written(tmp_path / "out")


def test_missing_file(sources, tmp_path):
    gemeente_file, _ = sources
    with pytest.raises(SourceError, match=r"wijk_weg\.geojson is niet gevonden"):
        build_boundaries(gemeente_file, tmp_path / "wijk_weg.geojson", TABLE, tmp_path / "out")


@pytest.mark.parametrize(
    "table, expected",
    [
        (TABLE.drop(columns="provincie_code"), "ontbreken de kolommen: provincie_code"),
        (pd.concat([TABLE, TABLE.iloc[:1]]), "meer dan eens: GM0001"),
        (TABLE.assign(arbeidsmarktregio_code=["AM01", "AM1", "AM02"]), "ongeldige codes"),
        (TABLE.assign(provincie_code=["PV20", None, "PV21"]), "leeg voor: GM0002"),
    ],
)
def test_bad_gemeente_table(sources, tmp_path, table, expected):
    with pytest.raises(SchemaError, match="gemeentetabel") as caught:
        build_boundaries(*sources, table, tmp_path / "out")
    assert expected in str(caught.value)


def test_overlapping_gemeenten_fail_the_area_check(sources, tmp_path):
    _, wijk_file = sources
    overlapping = {**GEMEENTEN, "GM0002": {"type": "Polygon", "coordinates": [_square(5.05, 52.0, 5.2, 52.1)]}}
    gemeente_file = write_geojson(tmp_path / "overlap.geojson", overlapping)
    with pytest.raises(BuildError, match=r"arbeidsmarktregio AM01 wijkt .* af van de som van zijn gemeenten"):
        build_boundaries(gemeente_file, wijk_file, TABLE, tmp_path / "out")
    assert_nothing_written(tmp_path / "out")


def test_existing_output_untouched_on_error(sources, tmp_path):
    gemeente_file, _ = sources
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "gemeente.geojson").write_text("vorige versie")
    wijk_file = write_geojson(tmp_path / "wijk_bad.geojson", {**WIJKEN, **BAD_WIJK})
    with pytest.raises(SchemaError, match="WK999901"):
        build_boundaries(gemeente_file, wijk_file, TABLE, out_dir)
    assert os.listdir(out_dir) == ["gemeente.geojson"]
    assert (out_dir / "gemeente.geojson").read_text() == "vorige versie"


def test_failed_replace_leaves_old_file_and_no_temp(sources, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "gemeente.geojson").write_text("vorige versie")

    def failing_replace(source, target):
        raise OSError("schijf vol")

    monkeypatch.setattr(geometry.os, "replace", failing_replace)
    with pytest.raises(OSError, match="schijf vol"):
        build_boundaries(*sources, TABLE, out_dir)
    assert os.listdir(out_dir) == ["gemeente.geojson"]
    assert (out_dir / "gemeente.geojson").read_text() == "vorige versie"


# --- llo_dash.tables -----------------------------------------------------------------------------


@pytest.fixture
def data_dir(sources, tmp_path):
    """A data folder as the build leaves it: boundaries in data_dir/geo."""
    build_boundaries(*sources, TABLE, tmp_path / "data" / "geo")
    return tmp_path / "data"


def test_boundaries_path(tmp_path):
    assert tables.boundaries_path(tmp_path, "wijk") == tmp_path / "geo" / "wijk.geojson"
    with pytest.raises(ValueError, match="Onbekend kaartniveau"):
        tables.boundaries_path(tmp_path, "buurt")


def test_read_boundaries(data_dir):
    collection = tables.read_boundaries(data_dir, "gemeente")
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == ["GM0001", "GM0002", "GM0003"]
    subset = tables.read_boundaries(data_dir, "gemeente", codes=["GM0003", "GM0001", "GM9999"])
    assert [f["id"] for f in subset["features"]] == ["GM0001", "GM0003"]
    with pytest.raises(ValueError, match="Onbekend kaartniveau 'land'"):
        tables.read_boundaries(data_dir, "land")


def test_read_boundaries_missing_or_broken(tmp_path):
    with pytest.raises(BuildError, match="ontbreken"):
        tables.read_boundaries(tmp_path, "provincie")
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "provincie.geojson").write_text('{"type":"Feat')
    with pytest.raises(BuildError, match=r"provincie\.geojson is beschadigd"):
        tables.read_boundaries(tmp_path, "provincie")


# --- integration on the real mirror -----------------------------------------------------------


@pytest.fixture(scope="module")
def real_build(tmp_path_factory):
    """Build the real boundaries once for all integration tests; returns (manifest, out_dir, table)."""
    folder = mirror_path() / "geo"
    names = ("gemeente_2025.geojson", "wijk_2024.geojson", "gemeente_regio_koppeling_2025.csv")
    needed = [folder / name for name in names]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        pytest.fail(
            "Mirror with the real boundaries not found; set LLO_DASH_MIRROR to the folder holding geo/. "
            f"Missing: {', '.join(missing)}"
        )
    # Stand-in for the lead's 86059NED table: same columns, derived and checked against CBS (SOURCES.md, file 8).
    table = pd.read_csv(needed[2], dtype=str)[["gemeente_code", "arbeidsmarktregio_code", "provincie_code"]]
    out_dir = tmp_path_factory.mktemp("geo")
    return build_boundaries(needed[0], needed[1], table, out_dir), out_dir, table


def test_real_counts(real_build):
    manifest, out_dir, table = real_build
    counts = {level: entry["features"] for level, entry in manifest.items()}
    assert counts == {"gemeente": 342, "arbeidsmarktregio": 35, "provincie": 12, "wijk": 3393, "gemeente_detail": 342}
    assert set(load(out_dir, "arbeidsmarktregio")) == set(table["arbeidsmarktregio_code"])
    assert set(load(out_dir, "provincie")) == set(table["provincie_code"])


def test_real_geometries_valid_and_ccw(real_build):
    _, out_dir, _ = real_build
    for level in tables.GEO_LEVELS:
        for code, geom in load(out_dir, level).items():
            assert geom.is_valid, f"{level} {code} invalid"
            assert all(p.exterior.is_ccw for p in polygons(geom)), f"{level} {code} not CCW"


@pytest.mark.parametrize("level", ["arbeidsmarktregio", "provincie"])
def test_real_regions_match_their_gemeenten(real_build, level):
    _, out_dir, table = real_build
    column = f"{level}_code"
    gemeenten, regions = load(out_dir, "gemeente"), load(out_dir, level)
    for region, members in table.groupby(column)["gemeente_code"]:
        expected = sum(gemeenten[code].area for code in members)
        assert abs(regions[region].area - expected) / expected < 1e-3, region


def test_real_detailed_gemeenten_keep_more_shape(real_build):
    """Zandvoort is a box of four corners in the gemeente layer; the detailed layer (its wijken together) has
    more, covers about the same area, and the region's detailed gemeenten do not overlap."""
    _, out_dir, table = real_build
    coarse, detail = load(out_dir, "gemeente"), load(out_dir, "gemeente_detail")
    assert shapely.get_num_coordinates(detail["GM0473"]) > shapely.get_num_coordinates(coarse["GM0473"]) == 5
    # about twice the vertices in all (11.990 against 6.441 when this was written)
    assert sum(shapely.get_num_coordinates(g) for g in detail.values()) > 1.5 * sum(shapely.get_num_coordinates(g) for g in coarse.values())
    # the two generalisations differ most for small gemeenten (Leiderdorp 21%); in the middle they agree closely
    difference = pd.Series({code: abs(detail[code].area - coarse[code].area) / coarse[code].area for code in table["gemeente_code"]})
    assert difference.max() < 0.25 and difference.median() < 0.02, difference.nlargest(3)
    kennemerland = [detail[code] for code in table.loc[table["arbeidsmarktregio_code"] == "AM37", "gemeente_code"]]
    assert shapely.union_all(kennemerland).area == pytest.approx(sum(g.area for g in kennemerland), rel=1e-3)


def test_real_output_sizes(real_build):
    manifest, _, _ = real_build
    sizes = {level: entry["bytes"] for level, entry in manifest.items()}
    limits = {"gemeente": 250_000, "arbeidsmarktregio": 100_000, "provincie": 60_000, "wijk": 1_400_000,
              "gemeente_detail": 400_000}
    assert all(sizes[level] <= limits[level] for level in limits), f"output sizes {sizes}"
    assert all(sizes[level] > limits[level] / 10 for level in limits), f"suspiciously small: {sizes}"



@pytest.mark.parametrize("level, zeeland", [("arbeidsmarktregio", "AM24"), ("provincie", "PV29")])
def test_real_dissolve_leaves_no_slivers(real_build, level, zeeland):
    """The only holes in the dissolved layers are real water: Oosterschelde and Veerse Meer (Zeeland)."""
    _, out_dir, _ = real_build
    holes = {}
    for code, geom in load(out_dir, level).items():
        areas = [Polygon(ring).area for part in polygons(geom) for ring in part.interiors]
        if areas:
            holes[code] = sorted(areas)
    # Two lakes, no slivers: Veerse Meer (~20 km², ~0.003 deg²) and Oosterschelde (~300 km², ~0.04 deg²);
    # a sliver between gemeenten would be orders of magnitude smaller.
    assert list(holes) == [zeeland] and len(holes[zeeland]) == 2
    veerse_meer, oosterschelde = holes[zeeland]
    assert 0.001 < veerse_meer < 0.01 and 0.02 < oosterschelde < 0.08


def test_real_regions_equal_the_published_dissolve(real_build):
    """SOURCES.md file 7 is the same dissolve (make_valid, 0.0001° grid) made independently: same outlines."""
    import geopandas as gpd

    _, out_dir, _ = real_build
    published = gpd.read_file(mirror_path() / "geo" / "arbeidsmarktregio_2025_dissolved_from_gemeente.geojson")
    published = published.set_index("statcode").geometry
    regions = load(out_dir, "arbeidsmarktregio")
    assert sorted(regions) == sorted(published.index)
    for code, geom in regions.items():
        overlap = geom.intersection(published[code]).area / geom.union(published[code]).area
        assert overlap > 0.999, f"{code}: overlap {overlap:.4f}"


def test_real_gemeenten_keep_their_area(real_build):
    """Repairing and snapping changes no gemeente by more than 0.1% of its (repaired) published area."""
    _, out_dir, _ = real_build
    source = json.loads((mirror_path() / "geo" / "gemeente_2025.geojson").read_bytes())
    published = {f["properties"]["statcode"]: shapely.make_valid(shape(f["geometry"])) for f in source["features"]}
    for code, geom in load(out_dir, "gemeente").items():
        assert abs(geom.area - published[code].area) / published[code].area < 1e-3, code

# Snap-rounding on the 0.0001° grid can move a clipped edge by less than a grid step over the outline: what
# lies outside is at most a strip half a grid step wide along the wijk's outline (~5 m; less than a pixel).
SNAP_STRIP = 0.5e-4


def test_real_haarlem_wijken_nest_in_the_gemeente(real_build):
    """Haarlem (GM0392): as published, wijken and gemeente were simplified separately and wijken spill over
    the outline; built, every wijk lies within it and together they cover it (within 0.1%)."""
    _, out_dir, _ = real_build
    haarlem = load(out_dir, "gemeente")["GM0392"]
    wijken = {code: geom for code, geom in load(out_dir, "wijk").items() if code.startswith("WK0392")}
    source = json.loads((mirror_path() / "geo" / "wijk_2024.geojson").read_bytes())
    published = [shapely.make_valid(shape(f["geometry"])) for f in source["features"]
                 if f["properties"]["statcode"].startswith("WK0392")]
    assert len(wijken) == len(published) == 21
    assert sum(w.difference(haarlem).area for w in published) > 1e-3 * haarlem.area  # the problem was real
    for code, wijk in wijken.items():
        assert wijk.difference(haarlem).area < SNAP_STRIP * wijk.length, code
    assert sum(w.area for w in wijken.values()) == pytest.approx(haarlem.area, rel=1e-3)  # no overlaps, no gaps
    assert shapely.union_all(list(wijken.values())).symmetric_difference(haarlem).area < 1e-3 * haarlem.area


def test_real_wijken_outside_their_gemeente_are_reported(real_build):
    """Every wijk is within its gemeente, except the few the manifest reports: those have, as published, no
    area inside their own gemeente at all."""
    manifest, out_dir, _ = real_build
    gemeenten, wijken = load(out_dir, "gemeente"), load(out_dir, "wijk")
    (melding,) = manifest["wijk"]["meldingen"]
    gemeld = set(re.findall(r"WK[0-9A-Z]{6}", melding))
    source = json.loads((mirror_path() / "geo" / "wijk_2024.geojson").read_bytes())
    published = {f["properties"]["statcode"]: shapely.make_valid(shape(f["geometry"])) for f in source["features"]}
    assert 0 < len(gemeld) < 10
    for code, wijk in wijken.items():
        gemeente = gemeenten["GM" + code[2:6]]
        if code in gemeld:
            assert published[code].intersection(gemeente).area < 1e-6 * published[code].area, code
        else:
            assert wijk.difference(gemeente).area < SNAP_STRIP * wijk.length, code


# --- read_dbf (CBS wijk- en buurtkaart 2023, attributes) ---------------------------------------

DBF = "cbs/aanvulling/wijkbuurtkaart_2023_v1_gemeenten_attributen_elan.dbf"
# sha256 of the frame as CSV, as the former dbfread reader gave it (checked equal column by column
# when switching to pyogrio): same columns, same text for every number, "" for -99999999.
DBF_FRAME_SHA256 = "1af0ce3ab49b47a42278b65b9b35c648bbc49262bc2ff3d265585b3dfc962720"
_DBF_HEADER, _DBF_RECORD = 1249, 1192  # bytes, from the file's header


@pytest.fixture(scope="module")
def kwb_dbf():
    return read_dbf(mirror_file(DBF))


def test_dbf_frame_unchanged(kwb_dbf):
    frame = kwb_dbf
    assert frame.shape == (424, 38)
    assert list(frame.columns[:3]) == ["GM_CODE", "GM_NAAM", "H2O"] and list(frame.columns[-4:]) == [
        "JRSTATCODE", "JAAR", "layer", "path"]
    assert all(dtype == "string" for dtype in frame.dtypes)
    digest = hashlib.sha256(frame.to_csv(index=False, na_rep="<NA>").encode()).hexdigest()
    assert digest == DBF_FRAME_SHA256


def test_dbf_values(kwb_dbf):
    frame = kwb_dbf.set_index(["GM_CODE", "H2O"])
    # SOURCES.md: 343 land records (342 gemeenten + GM0998 Buitenland); the 342 sum to 17 811 291 inhabitants.
    land = frame.xs("NEE", level="H2O")
    assert len(land) == 343 and land.loc["GM0998", "AANT_INW"] == "0.0"
    assert land.drop(index="GM0998")["AANT_INW"].astype(float).sum() == 17_811_291
    amsterdam = land.loc["GM0363"]
    assert amsterdam["GM_NAAM"] == "Amsterdam" and amsterdam["JAAR"] == "2023"  # whole numbers without ".0"
    assert re.fullmatch(r"\d+\.0", amsterdam["P_GEBBL_NE"])
    water = frame.xs("JA", level="H2O")
    assert (water["AANT_INW"] == "").all()  # -99999999 is missing
    # UTF-8, not the ISO-8859-1 GDAL would assume for this file: an em dash, not 'â\x80\x94'.
    assert water.loc["GM0363", "layer"] == "2023 — gemeente_2023_v1water"


def _damaged_copy(tmp_path: Path, change) -> Path:
    data = bytearray(mirror_file(DBF).read_bytes())
    change(data)
    path = tmp_path / "wijkbuurtkaart_kapot.dbf"
    path.write_bytes(bytes(data))
    return path


def _replace_in_record(number: int, old: bytes, new: bytes):
    def change(data: bytearray):
        start = _DBF_HEADER + number * _DBF_RECORD
        record = bytes(data[start:start + _DBF_RECORD])
        assert old in record and len(old) == len(new)
        data[start:start + _DBF_RECORD] = record.replace(old, new, 1)
    return change


def _zero(start: int, end: int):
    def change(data: bytearray):
        data[start:end] = bytes(end - start)
    return change


@pytest.mark.parametrize(
    "change, expected",
    [
        (_zero(0, 32), "kan niet als dBASE-tabel worden gelezen"),
        (_zero(0, _DBF_HEADER), "kan niet als dBASE-tabel worden gelezen"),
        (lambda data: data.__delitem__(slice(len(data) // 2, None)), "kan niet als dBASE-tabel worden gelezen"),
        (lambda data: data.__delitem__(slice(100, None)), "kan niet als dBASE-tabel worden gelezen"),
        (lambda data: data.__delitem__(slice(None)), "kan niet als dBASE-tabel worden gelezen"),
        # GDAL reads '1.3x5…' as 1.3 with only a warning; that must not pass as a value.
        (_replace_in_record(200, b" 1.37500000000e+03", b" 1.3x500000000e+03"), "1.3x500000000e+03"),
        (_replace_in_record(200, b" 1.37500000000e+03", b"abcdefghijklmnopqr"), "abcdefghijklmnopqr"),
        (_replace_in_record(0, "—".encode(), b"\xff\xfe\x94"), "kan niet als dBASE-tabel worden gelezen"),
    ],
    ids=["header-32-bytes-zero", "header-zero", "half", "100-bytes", "empty", "number-partly", "number-text", "utf8"],
)
def test_damaged_dbf_fails_with_file_name(tmp_path, change, expected):
    path = _damaged_copy(tmp_path, change)
    with pytest.raises(SchemaError) as caught:
        read_dbf(path)
    assert "wijkbuurtkaart_kapot.dbf" in str(caught.value) and expected in str(caught.value)


def test_damaged_dbf_fails_quickly_never_hangs(tmp_path):
    """The former reader (dbfread) never returned on a copy with its first 32 bytes zeroed."""
    path = _damaged_copy(tmp_path, _zero(0, 32))
    script = (
        "import sys, time; from pathlib import Path; from llo_dash.ingest.readers import read_dbf; "
        "from llo_dash.errors import SchemaError\n"
        "start = time.perf_counter()\n"
        "try:\n    read_dbf(Path(sys.argv[1]))\nexcept SchemaError:\n    print(time.perf_counter() - start)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
    assert float(done.stdout) < 5


def test_dbf_empty_cells(tmp_path):
    """An empty text cell is "" (GDAL says null); an empty whole number is NA, not "2023.0" for the others."""
    heiloo = 200
    blank_name = _replace_in_record(heiloo, b"Heiloo", b"      ")
    blank_year = _replace_in_record(heiloo, b"      2023", b"          ")
    frame = read_dbf(_damaged_copy(tmp_path, lambda data: (blank_name(data), blank_year(data))))
    assert frame.loc[heiloo, "GM_NAAM"] == "" and frame.loc[heiloo, "GM_CODE"] == "GM0399"
    assert pd.isna(frame.loc[heiloo, "JAAR"])
    assert set(frame["JAAR"].dropna()) == {"2023"}
