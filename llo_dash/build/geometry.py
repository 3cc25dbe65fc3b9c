"""Map boundaries: gemeente and wijk polygons, with arbeidsmarktregio's and provincies dissolved from gemeenten.

Input are the generalised CBS/PDOK boundaries (see `sources.py`, `grenzen_gemeente_2025` and
`grenzen_wijk_2024`). The regions are dissolved from the gemeente polygons instead of read from
the published region files, because those were generalised separately and their borders would
not line up with the gemeente layer. For the same reason the wijken (2024) are clipped to their
gemeente (2025) and fill it (`_nest`): wijk and gemeente outlines nest. The output is small, compact GeoJSON for the browser.
Reading, repairing, dissolving and encoding is geopandas (GDAL through pyogrio); the checks,
with their Dutch messages, and the atomic write are ours.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio.errors
import shapely

from llo_dash.errors import BuildError, SchemaError, SourceError

CODE_FIELD = "statcode"
GEMEENTE_TABLE = "de gemeentetabel (CBS 86059NED)"
REGION_LEVELS = {"arbeidsmarktregio": "arbeidsmarktregio_code", "provincie": "provincie_code"}
# A dissolved region may differ this much (relatively) from the summed area of its gemeenten.
AREA_TOLERANCE = 1e-3

_GEMEENTE_CODE = re.compile(r"GM\d{4}")
# Amsterdam's wijken have letters in the last two places (WK0363AA), so not just digits.
_WIJK_CODE = re.compile(r"WK\d{4}[0-9A-Z]{2}")
_TABLE_PATTERNS = {
    "gemeente_code": (_GEMEENTE_CODE, "GM gevolgd door vier cijfers"),
    "arbeidsmarktregio_code": (re.compile(r"AM\d{2}"), "AM gevolgd door twee cijfers"),
    "provincie_code": (re.compile(r"PV\d{2}"), "PV gevolgd door twee cijfers"),
}
_POLYGONAL = ("Polygon", "MultiPolygon")


def wijk_gemeente_code(wijk_code: str) -> str:
    """Gemeente code of a CBS wijk code: `WK036300` -> `GM0363`, `WK0363AA` -> `GM0363`."""
    if not isinstance(wijk_code, str) or not _WIJK_CODE.fullmatch(wijk_code):
        raise ValueError(
            f"{wijk_code!r} is geen geldige wijkcode (verwacht WK gevolgd door zes tekens, bijvoorbeeld WK036300)."
        )
    return "GM" + wijk_code[2:6]


def build_boundaries(
    gemeente_file: Path,
    wijk_file: Path,
    gemeenten: pd.DataFrame,
    out_dir: Path,
    *,
    decimals: int = 4,
) -> dict[str, dict]:
    """Check, repair and dissolve the boundaries and write one GeoJSON file per level to `out_dir`.

    `gemeenten` holds the official indeling (`gemeente_code`, `arbeidsmarktregio_code`,
    `provincie_code`). Besides the levels, `gemeente_detail`: the gemeenten as the union of their wijken (more
detail, for the map of one region). Returns per level the manifest entry
    `{"file", "features", "bytes", "sha256"}`; the wijk entry also has `meldingen`, a sentence on how the wijken
    were fitted into their gemeenten (`_nest`). Everything is checked before anything is
    written, so on an error `out_dir` is left as it was.
    """
    if not 1 <= decimals <= 7:
        raise ValueError(f"decimals moet tussen 1 en 7 liggen, niet {decimals}.")
    gemeente_file, wijk_file = Path(gemeente_file), Path(wijk_file)
    # Snapping to the grid the coordinates are written on keeps the geometries valid as written,
    # and makes the shared borders of neighbouring gemeenten cancel in the dissolve.
    grid = 10.0**-decimals
    table = _check_gemeente_table(gemeenten)

    gemeente_raw = _read(gemeente_file)
    _check_gemeente_codes(gemeente_raw.index, table, gemeente_file)
    wijk_raw = _read(wijk_file)
    _check_wijk_codes(wijk_raw.index, set(table.index), wijk_file)

    layers = {"gemeente": _repair(gemeente_raw, grid, gemeente_file)}
    for level, column in REGION_LEVELS.items():
        layers[level] = _dissolve(layers["gemeente"], table[column], grid, level)
    wijken = _repair(wijk_raw, grid, wijk_file)
    layers["gemeente_detail"] = _gemeenten_uit_wijken(wijken, layers["gemeente"], grid)
    layers["wijk"], outside = _nest(wijken, layers["gemeente"], grid)

    encoded = {level: _feature_collection_bytes(geometries) for level, geometries in layers.items()}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for level, data in encoded.items():
        name = f"{level}.geojson"
        _write_atomic(out_dir / name, data)
        manifest[level] = {
            "file": name,
            "features": len(layers[level]),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    # What the nesting did, as one sentence for the build's list of checks (shown under Bronnen & methode).
    manifest["wijk"]["meldingen"] = [
        "elke wijk geknipt op de grens van haar gemeente, gaten aan de buurwijk gegeven"
        + (f"; wijken van {wijk_file.name} die na vereenvoudiging helemaal buiten hun gemeente liggen, zijn "
           f"ongeknipt gelaten ({len(outside)}): {_listing(outside)}" if outside else "")
    ]
    return manifest


# --- checks -----------------------------------------------------------------------------------


def _listing(items: Iterable[str], limit: int = 10) -> str:
    """'A, B, C' or 'A, B, … en nog 12 andere': keeps messages readable with long lists."""
    items = sorted(items)
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} en nog {len(items) - limit} andere"


def _check_gemeente_table(gemeenten: pd.DataFrame) -> pd.DataFrame:
    """The gemeente table indexed by `gemeente_code`, after checking columns, codes and duplicates."""
    missing = [column for column in _TABLE_PATTERNS if column not in gemeenten.columns]
    if missing:
        raise SchemaError(f"In {GEMEENTE_TABLE} ontbreken de kolommen: {', '.join(missing)}.")
    table = gemeenten[list(_TABLE_PATTERNS)]
    for column, (pattern, expected) in _TABLE_PATTERNS.items():
        values = table[column]
        if values.isna().any():
            rows = _listing(str(code) for code in table.loc[values.isna(), "gemeente_code"])
            raise SchemaError(f"In {GEMEENTE_TABLE} is de kolom {column} leeg voor: {rows}.")
        bad = [value for value in values if not (isinstance(value, str) and pattern.fullmatch(value))]
        if bad:
            raise SchemaError(
                f"In {GEMEENTE_TABLE} staan in de kolom {column} ongeldige codes (verwacht {expected}): "
                f"{_listing(map(repr, bad))}."
            )
    duplicates = _duplicates(table["gemeente_code"])
    if duplicates:
        raise SchemaError(f"In {GEMEENTE_TABLE} staan gemeentecodes meer dan eens: {_listing(duplicates)}.")
    if table.empty:
        raise SchemaError(f"{GEMEENTE_TABLE.capitalize()} is leeg.")
    return table.astype(str).set_index("gemeente_code")


def _duplicates(codes: Iterable[str]) -> list[str]:
    counts = pd.Series(list(codes), dtype=object).value_counts()
    return list(counts.index[counts > 1])


def _read(path: Path) -> gpd.GeoSeries:
    """code -> geometry of a GeoJSON file (lon/lat), with a Dutch message for every way it can be broken."""
    if not path.is_file():
        raise SourceError(f"Het grenzenbestand {path.name} is niet gevonden (gezocht in {path.parent}).")
    with warnings.catch_warnings(record=True) as gdal_warnings:
        warnings.simplefilter("always")
        try:
            frame = gpd.read_file(path, engine="pyogrio")
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
            raise SchemaError(
                f"Het bestand {path.name} is geen geldige GeoJSON: het is afgebroken of beschadigd "
                f"(GDAL: {str(error).split('; It might help')[0].rstrip('.')})."
            ) from error
    if frame.empty:
        raise SchemaError(f"Het bestand {path.name} bevat geen gebieden.")

    codes = frame[CODE_FIELD].astype("string").str.strip() if CODE_FIELD in frame else pd.Series([pd.NA] * len(frame))
    for number, (code, geometry) in enumerate(zip(codes, frame.geometry), start=1):
        if pd.isna(code) or not code:
            raise SchemaError(f"In {path.name} heeft gebied nummer {number} geen veld '{CODE_FIELD}' met een code.")
        if geometry is None or geometry.is_empty:
            raise SchemaError(f"In {path.name} heeft gebied {code} geen bruikbare geometrie.")
        if geometry.geom_type not in _POLYGONAL:
            raise SchemaError(
                f"In {path.name} is gebied {code} geen vlak (Polygon of MultiPolygon) maar {geometry.geom_type}."
            )
    duplicates = _duplicates(codes)
    if duplicates:
        raise SchemaError(f"In {path.name} (veld '{CODE_FIELD}') staan codes meer dan eens: {_listing(duplicates)}.")
    for caught in gdal_warnings:  # GDAL warns (RuntimeWarning) when it skips something it cannot read
        if issubclass(caught.category, RuntimeWarning):
            raise SchemaError(f"Het bestand {path.name} is niet goed leesbaar: {caught.message}")
        warnings.warn(caught.message, caught.category, stacklevel=2)
    geometries = gpd.GeoSeries(frame.geometry.values, index=pd.Index(codes, dtype=str, name="code"))
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        geometries = geometries.to_crs("EPSG:4326")  # GeoJSON is lon/lat, but an old-style file may say otherwise
    return geometries.sort_index()


def _check_gemeente_codes(codes: pd.Index, table: pd.DataFrame, path: Path) -> None:
    """The file must hold exactly the gemeenten of the table: no more, no less."""
    malformed = [code for code in codes if not _GEMEENTE_CODE.fullmatch(code)]
    if malformed:
        raise SchemaError(
            f"In {path.name} (veld '{CODE_FIELD}') staan codes die geen gemeentecode zijn "
            f"(verwacht GM gevolgd door vier cijfers): {_listing(malformed)}."
        )
    in_file, in_table = set(codes), set(table.index)
    if in_file != in_table:
        parts = []
        if in_table - in_file:
            parts.append(f"ontbreken in het bestand: {_listing(in_table - in_file)}")
        if in_file - in_table:
            parts.append(f"staan niet in de tabel: {_listing(in_file - in_table)}")
        raise SchemaError(
            f"De gemeentecodes in {path.name} (veld '{CODE_FIELD}') komen niet overeen met {GEMEENTE_TABLE}; "
            + "; ".join(parts)
            + "."
        )


def _check_wijk_codes(codes: pd.Index, gemeente_codes: set[str], path: Path) -> None:
    """Every wijk code must be well-formed and belong to a gemeente of the table."""
    malformed = [code for code in codes if not _WIJK_CODE.fullmatch(code)]
    if malformed:
        raise SchemaError(
            f"In {path.name} (veld '{CODE_FIELD}') staan codes die geen wijkcode zijn "
            f"(verwacht WK gevolgd door zes tekens): {_listing(malformed)}."
        )
    unknown = [f"{code} ({wijk_gemeente_code(code)})" for code in codes if wijk_gemeente_code(code) not in gemeente_codes]
    if unknown:
        raise SchemaError(
            f"In {path.name} (veld '{CODE_FIELD}') horen {len(unknown)} wijken bij een gemeente die niet in "
            f"{GEMEENTE_TABLE} staat: {_listing(unknown)}."
        )


# --- geometry ---------------------------------------------------------------------------------


def _repair(geometries: gpd.GeoSeries, grid: float, path: Path) -> gpd.GeoSeries:
    """Valid, polygon-only and snapped to the grid.

    make_valid's "structure" method without collapsed parts returns only areas: a spike or a
    ring touching itself does not leave a stray line. set_precision keeps the result valid (it
    may collapse slivers thinner than the grid).
    """
    repaired = geometries.make_valid(method="structure", keep_collapsed=False).set_precision(grid)
    broken = repaired.is_empty | ~repaired.geom_type.isin(_POLYGONAL)
    if broken.any():
        raise BuildError(
            f"In {path.name} blijft van deze gebieden na reparatie geen vlak over: {_listing(repaired.index[broken])}."
        )
    return repaired


def _dissolve(gemeenten: gpd.GeoSeries, membership: pd.Series, grid: float, level: str) -> gpd.GeoSeries:
    """Union the gemeenten per region code and check the result against the gemeenten it came from."""
    frame = gpd.GeoDataFrame({"region": membership.reindex(gemeenten.index)}, geometry=gemeenten)
    # Snap-rounding on the grid makes shared borders cancel exactly and keeps new vertices on it. The
    # repaired gemeenten carry that grid as their precision already; grid_size says so explicitly.
    regions = frame.dissolve(by="region", grid_size=grid).geometry
    expected = pd.Series(shapely.area(gemeenten.values), index=gemeenten.index).groupby(frame["region"]).sum()
    actual = pd.Series(shapely.area(regions.values), index=regions.index)
    for code in regions.index:
        region = regions[code]
        if region.is_empty or not region.is_valid or region.geom_type not in _POLYGONAL:
            raise BuildError(f"Het samenvoegen van de gemeenten tot {level} {code} gaf geen geldig vlak.")
        difference = abs(actual[code] - expected[code]) / expected[code]
        if difference >= AREA_TOLERANCE:
            raise BuildError(
                f"De oppervlakte van {level} {code} wijkt {difference:.2%} af van de som van zijn gemeenten; "
                "overlappen de gemeentegrenzen?"
            )
    return regions.rename_axis("code")


def _gemeenten_uit_wijken(wijken: gpd.GeoSeries, gemeenten: gpd.GeoSeries, grid: float) -> gpd.GeoSeries:
    """A more detailed gemeente layer for the map of one region: each gemeente as the union of its wijken.

    The wijk file is generalised less than the gemeente file (about five times the vertices), so small
    gemeenten keep more of their shape; neighbouring wijken share their borders, so the dissolved gemeenten
    do too. A gemeente without wijken in the file keeps its outline from the gemeente layer.
    """
    frame = gpd.GeoDataFrame({"gemeente": wijken.index.map(wijk_gemeente_code)}, geometry=wijken.values, crs=wijken.crs)
    # Not `_dissolve`: wijken generalised one by one may overlap a little (0,1% in GM0233), which a union
    # absorbs. They also leave slits between them, holes in the gemeente that would show as white specks:
    # a hole is filled unless another gemeente lies in it (an enclave).
    dissolved = frame.dissolve(by="gemeente", grid_size=grid).geometry
    tree = shapely.STRtree(dissolved.values)
    dissolved = pd.Series([_zonder_gaten(geometry, dissolved.values, tree) for geometry in dissolved.values], index=dissolved.index)
    return gpd.GeoSeries(
        [dissolved[code] if code in dissolved.index else gemeenten[code] for code in gemeenten.index],
        index=gemeenten.index, crs=gemeenten.crs,
    )


def _zonder_gaten(geometry, others, tree: shapely.STRtree):
    """`geometry` with its holes filled, except a hole that is more than half covered by another area of `others`."""
    def keep(ring) -> bool:
        hole = shapely.Polygon(ring)
        covered = sum(shapely.area(shapely.intersection(hole, others[i])) for i in tree.query(hole))
        return covered > hole.area / 2

    parts = [shapely.Polygon(part.exterior, [ring for ring in part.interiors if keep(ring)])
             for part in getattr(geometry, "geoms", [geometry])]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _polygonal(geometry):
    """Only the areas of an overlay result (a clip can leave touching lines and points)."""
    parts = [part for part in getattr(geometry, "geoms", [geometry]) if part.geom_type in _POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _nest(wijken: gpd.GeoSeries, gemeenten: gpd.GeoSeries, grid: float) -> tuple[gpd.GeoSeries, list[str]]:
    """Wijken that tile their gemeente exactly: each wijk clipped to its gemeente's outline, and the gaps the
    clip leaves (the two layers were generalised separately) given to the wijk they share most border with.

    So a wijk never spills over its gemeente and the wijken of a gemeente add up to it: no stray lines where
    wijk and gemeente outlines are drawn together. A wijk that has no area left inside its gemeente keeps
    its own shape and is returned by code, to be reported (the wijk codes are checked against the gemeenten
    before, so every wijk has a gemeente here).
    """
    codes = pd.Series(wijken.index.map(wijk_gemeente_code), index=wijken.index)
    clipped = pd.Series(shapely.intersection(wijken.values, gemeenten.reindex(codes).values, grid_size=grid),
                        index=wijken.index).map(_polygonal)
    outside = sorted(clipped.index[shapely.is_empty(clipped.values)])
    for gemeente, members in codes.drop(outside).groupby(codes):
        inside = clipped[members.index]
        gap = shapely.difference(gemeenten[gemeente], shapely.union_all(inside.values, grid_size=grid), grid_size=grid)
        for piece in getattr(_polygonal(gap), "geoms", [_polygonal(gap)]):
            if piece.is_empty:
                continue
            shared = shapely.length(shapely.intersection(piece.boundary, shapely.boundary(inside.values), grid_size=grid))
            # longest shared border; a gap touching no wijk (a lake, an islet) goes to the nearest one
            owner = inside.index[shared.argmax()] if shared.max() > 0 else inside.index[shapely.distance(piece, inside.values).argmin()]
            inside[owner] = shapely.union(inside[owner], piece, grid_size=grid)
        # once more, as snapping the unions to the grid can move a vertex a grid step over the outline
        clipped[inside.index] = [_polygonal(part) for part in
                                 shapely.intersection(inside.map(_polygonal).values, gemeenten[gemeente], grid_size=grid)]
    clipped[outside] = wijken[outside]
    return gpd.GeoSeries(clipped.values, index=wijken.index, crs=wijken.crs), outside


# --- output -----------------------------------------------------------------------------------


def _feature_collection_bytes(geometries: gpd.GeoSeries) -> bytes:
    """Compact GeoJSON with only the code, also as feature id (plotly's `featureidkey` default).

    Rings follow RFC 7946 (exteriors counter-clockwise, holes clockwise); plotly `choropleth_map`
    (MapLibre) ignores winding, the d3-based `choropleth` trace is the one that cares (SOURCES.md).
    The coordinates are already on the grid, so they print short (5.1535, not 5.153500000000001).
    """
    frame = gpd.GeoDataFrame({"code": geometries.index}, geometry=geometries.orient_polygons(), index=geometries.index)
    return frame.to_json(separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so readers never see a half-written file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes it private; the dashboard may run as another user
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
