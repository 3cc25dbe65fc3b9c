"""Boundaries build (`llo_dash.build.geometry`) and map helpers (`llo_dash.geo`).

Small hand-made fixtures for the behaviour, plus one integration run on the real mirror.
"""

from __future__ import annotations

import hashlib
import json
import os
import math
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, shape

from llo_dash import geo
from llo_dash.build import geometry
from llo_dash.build.geometry import build_boundaries, wijk_gemeente_code
from llo_dash.errors import BuildError, SchemaError, SourceError
from tests.fixtures.mirror import mirror_path

LEVEL_FILES = {level: f"{level}.geojson" for level in geo.LEVELS}


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
    assert set(manifest) == set(geo.LEVELS)
    counts = {level: entry["features"] for level, entry in manifest.items()}
    assert counts == {"gemeente": 3, "arbeidsmarktregio": 2, "provincie": 2, "wijk": 4}
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


def test_region_borders_match_gemeente_borders(built):
    _, out_dir = built
    gemeenten = load(out_dir, "gemeente")
    union = shapely.union_all([gemeenten["GM0002"], gemeenten["GM0003"]])
    assert load(out_dir, "provincie")["PV21"].symmetric_difference(union).area == pytest.approx(0, abs=1e-12)


def test_rings_follow_rfc7946(built):
    _, out_dir = built
    for level in geo.LEVELS:
        for code, geom in load(out_dir, level).items():
            for polygon in polygons(geom):
                assert polygon.exterior.is_ccw, f"{level} {code}: exterior not counter-clockwise"
                assert not any(hole.is_ccw for hole in polygon.interiors), f"{level} {code}: hole not clockwise"


def test_output_is_compact_rounded_and_code_only(built):
    _, out_dir = built
    for level in geo.LEVELS:
        text = (out_dir / LEVEL_FILES[level]).read_text(encoding="utf-8")
        assert ", " not in text and ": " not in text and "\n" not in text
        for feature in json.loads(text)["features"]:
            assert feature["properties"] == {"code": feature["id"]}
            for x, y in shapely.get_coordinates(shape(feature["geometry"])):
                assert round(x, 4) == x and round(y, 4) == y
    text = (out_dir / "gemeente.geojson").read_text(encoding="utf-8")
    assert "5.1535" in text and "5.1534567" not in text and "5.10000004" not in text


def test_decimals_option(sources, tmp_path):
    build_boundaries(*sources, TABLE, tmp_path / "out", decimals=2)
    for geom in load(tmp_path / "out", "gemeente").values():
        assert all(round(value, 2) == value for value in shapely.get_coordinates(geom).ravel())


def test_table_order_and_dtype_do_not_matter(sources, tmp_path):
    table = TABLE.iloc[::-1].astype("string")
    manifest = build_boundaries(*sources, table, tmp_path / "out")
    assert manifest["arbeidsmarktregio"]["features"] == 2


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
        ('{"type":"Feature"}', "geen GeoJSON FeatureCollection"),
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
    with pytest.raises(SchemaError):
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


# --- llo_dash.geo -----------------------------------------------------------------------------


@pytest.fixture
def data_dir(sources, tmp_path):
    """A data folder as the build leaves it: boundaries in data_dir/geo."""
    build_boundaries(*sources, TABLE, tmp_path / "data" / "geo")
    return tmp_path / "data"


def test_boundaries_path(tmp_path):
    assert geo.boundaries_path(tmp_path, "wijk") == tmp_path / "geo" / "wijk.geojson"
    with pytest.raises(ValueError, match="Onbekend kaartniveau"):
        geo.boundaries_path(tmp_path, "buurt")


def test_read_boundaries(data_dir):
    collection = geo.read_boundaries(data_dir, "gemeente")
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == ["GM0001", "GM0002", "GM0003"]
    subset = geo.read_boundaries(data_dir, "gemeente", codes=["GM0003", "GM0001", "GM9999"])
    assert [f["id"] for f in subset["features"]] == ["GM0001", "GM0003"]
    with pytest.raises(ValueError):
        geo.read_boundaries(data_dir, "land")


def test_read_boundaries_missing_or_broken(tmp_path):
    with pytest.raises(BuildError, match="ontbreken"):
        geo.read_boundaries(tmp_path, "provincie")
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "provincie.geojson").write_text('{"type":"Feat')
    with pytest.raises(BuildError, match=r"provincie\.geojson is beschadigd"):
        geo.read_boundaries(tmp_path, "provincie")


def test_bounds(data_dir):
    assert geo.bounds(geo.read_boundaries(data_dir, "gemeente")) == pytest.approx((5.0, 52.0, 5.3, 52.1))
    assert geo.bounds(geo.read_boundaries(data_dir, "wijk", ["WK000201"])) == pytest.approx((5.1, 52.0, 5.2, 52.1))
    with pytest.raises(ValueError):
        geo.bounds({"type": "FeatureCollection", "features": []})


def _pixel_extent(collection, zoom):
    """Width and height in px of the features' bounds at a MapLibre zoom (512 px world at zoom 0)."""
    lon_min, lat_min, lon_max, lat_max = geo.bounds(collection)
    world = 512 * 2**zoom
    y = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    return world * (lon_max - lon_min) / 360, world * (y(lat_max) - y(lat_min)) / (2 * math.pi)


def test_center_zoom_fits_the_features(data_dir):
    collection = geo.read_boundaries(data_dir, "gemeente")
    center, zoom = geo.center_zoom(collection, width_px=700, height_px=600)
    assert center["lon"] == pytest.approx(5.15)
    assert 52.0 < center["lat"] < 52.1
    width, height = _pixel_extent(collection, zoom)
    assert width <= 700 and height <= 600
    assert max(width / 700, height / 600) > 0.8  # fits snugly, not zoomed out needlessly
    _, narrow_zoom = geo.center_zoom(collection, width_px=200, height_px=600)
    assert narrow_zoom < zoom


def test_center_zoom_of_a_point_is_capped():
    point = {"type": "FeatureCollection", "features": [{"geometry": {"type": "Point", "coordinates": [5.0, 52.0]}}]}
    center, zoom = geo.center_zoom(point)
    assert center == pytest.approx({"lat": 52.0, "lon": 5.0})
    assert 0 < zoom <= 12


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
    assert counts == {"gemeente": 342, "arbeidsmarktregio": 35, "provincie": 12, "wijk": 3393}
    assert set(load(out_dir, "arbeidsmarktregio")) == set(table["arbeidsmarktregio_code"])
    assert set(load(out_dir, "provincie")) == set(table["provincie_code"])


def test_real_geometries_valid_and_ccw(real_build):
    _, out_dir, _ = real_build
    for level in geo.LEVELS:
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


def test_real_output_sizes(real_build):
    manifest, _, _ = real_build
    sizes = {level: entry["bytes"] for level, entry in manifest.items()}
    limits = {"gemeente": 250_000, "arbeidsmarktregio": 100_000, "provincie": 60_000, "wijk": 1_400_000}
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
