"""Map boundaries: gemeente and wijk polygons, with arbeidsmarktregio's and provincies dissolved from gemeenten.

Input are the generalised CBS/PDOK boundaries (see `sources.py`, `grenzen_gemeente_2025` and
`grenzen_wijk_2024`). The regions are dissolved from the gemeente polygons instead of read from
the published region files, because those were generalised separately and their borders would
not line up with the gemeente layer. The output is small, compact GeoJSON for the browser.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

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
    `provincie_code`). Returns per level the manifest entry
    `{"file", "features", "bytes", "sha256"}`. Everything is checked before anything is
    written, so on an error `out_dir` is left as it was.
    """
    if not 1 <= decimals <= 7:
        raise ValueError(f"decimals moet tussen 1 en 7 liggen, niet {decimals}.")
    gemeente_file, wijk_file = Path(gemeente_file), Path(wijk_file)
    # Snapping to the same grid the output is rounded to keeps the geometries valid after
    # rounding, and makes the shared borders of neighbouring gemeenten cancel in the union.
    grid = 10.0**-decimals
    table = _check_gemeente_table(gemeenten)

    gemeente_raw = _read_features(gemeente_file)
    _check_gemeente_codes(gemeente_raw, table, gemeente_file)
    wijk_raw = _read_features(wijk_file)
    _check_wijk_codes(wijk_raw, set(table.index), wijk_file)

    layers = {"gemeente": _repair_all(gemeente_raw, grid, gemeente_file)}
    for level, column in REGION_LEVELS.items():
        layers[level] = _dissolve(layers["gemeente"], table[column], grid, level)
    layers["wijk"] = _repair_all(wijk_raw, grid, wijk_file)

    encoded = {level: _feature_collection_bytes(geoms, decimals) for level, geoms in layers.items()}
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
    return table.set_index("gemeente_code")


def _duplicates(codes: Iterable[str]) -> list[str]:
    return [code for code, count in Counter(codes).items() if count > 1]


def _read_features(path: Path) -> list[tuple[str, object]]:
    """(code, geometry) per feature of a GeoJSON file, with a Dutch message for every way it can be broken."""
    if not path.is_file():
        raise SourceError(f"Het grenzenbestand {path.name} is niet gevonden (gezocht in {path.parent}).")
    try:
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        where = ""
        if isinstance(error, json.JSONDecodeError):
            where = f" (fout bij regel {error.lineno}, kolom {error.colno})"
        raise SchemaError(
            f"Het bestand {path.name} is geen geldige GeoJSON: het is afgebroken of beschadigd{where}."
        ) from error
    features = document.get("features") if isinstance(document, dict) else None
    if not (isinstance(document, dict) and document.get("type") == "FeatureCollection" and isinstance(features, list)):
        raise SchemaError(f"Het bestand {path.name} is geen GeoJSON FeatureCollection met een lijst 'features'.")
    if not features:
        raise SchemaError(f"Het bestand {path.name} bevat geen gebieden.")

    result = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        code = properties.get(CODE_FIELD) if isinstance(properties, dict) else None
        if not isinstance(code, str) or not code:
            raise SchemaError(f"In {path.name} heeft gebied nummer {number} geen veld '{CODE_FIELD}' met een code.")
        result.append((code, _geometry(feature.get("geometry"), code, path)))

    duplicates = _duplicates(code for code, _ in result)
    if duplicates:
        raise SchemaError(f"In {path.name} (veld '{CODE_FIELD}') staan codes meer dan eens: {_listing(duplicates)}.")
    return result


def _geometry(data: object, code: str, path: Path):
    """A shapely (Multi)Polygon from a GeoJSON geometry, or SchemaError naming the area."""
    try:
        geometry = shape(data)
    except Exception as error:  # shapely raises several types for malformed coordinates
        raise SchemaError(f"In {path.name} heeft gebied {code} geen bruikbare geometrie.") from error
    if geometry.geom_type not in _POLYGONAL or geometry.is_empty:
        raise SchemaError(
            f"In {path.name} is gebied {code} geen vlak (Polygon of MultiPolygon) maar {geometry.geom_type}."
        )
    return geometry


def _check_gemeente_codes(features: list[tuple[str, object]], table: pd.DataFrame, path: Path) -> None:
    """The file must hold exactly the gemeenten of the table: no more, no less."""
    codes = [code for code, _ in features]
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


def _check_wijk_codes(features: list[tuple[str, object]], gemeente_codes: set[str], path: Path) -> None:
    """Every wijk code must be well-formed and belong to a gemeente of the table."""
    malformed = [code for code, _ in features if not _WIJK_CODE.fullmatch(code)]
    if malformed:
        raise SchemaError(
            f"In {path.name} (veld '{CODE_FIELD}') staan codes die geen wijkcode zijn "
            f"(verwacht WK gevolgd door zes tekens): {_listing(malformed)}."
        )
    unknown = [
        f"{code} ({wijk_gemeente_code(code)})"
        for code, _ in features
        if wijk_gemeente_code(code) not in gemeente_codes
    ]
    if unknown:
        raise SchemaError(
            f"In {path.name} (veld '{CODE_FIELD}') horen {len(unknown)} wijken bij een gemeente die niet in "
            f"{GEMEENTE_TABLE} staat: {_listing(unknown)}."
        )


# --- geometry ---------------------------------------------------------------------------------


def _polygonal(geometry):
    """Only the areas of a geometry: make_valid can add lines or points where a ring touches itself."""
    if geometry.geom_type in _POLYGONAL:
        parts = shapely.get_parts(geometry)
    else:
        parts = [part for part in shapely.get_parts(geometry) if part.geom_type in _POLYGONAL]
        parts = [polygon for part in parts for polygon in shapely.get_parts(part)]
    parts = [part for part in parts if not part.is_empty]
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _oriented(geometry):
    """RFC 7946 winding: exteriors counter-clockwise, holes clockwise.

    Plotly `choropleth_map` (MapLibre) draws this correctly; MapLibre ignores winding anyway.
    (The d3-based `choropleth` trace is the one that cares about winding; see SOURCES.md.)
    """
    if geometry.geom_type == "Polygon":
        return orient(geometry, sign=1.0)
    return MultiPolygon([orient(part, sign=1.0) for part in geometry.geoms])


def _repair(geometry, grid: float):
    """Valid, polygon-only, snapped to the grid and consistently wound."""
    geometry = _polygonal(shapely.make_valid(geometry))
    # set_precision keeps the result valid (it may collapse slivers thinner than the grid).
    geometry = _polygonal(shapely.set_precision(geometry, grid))
    return geometry if geometry.is_empty else _oriented(geometry)


def _repair_all(features: list[tuple[str, object]], grid: float, path: Path) -> dict[str, object]:
    repaired = {code: _repair(geometry, grid) for code, geometry in sorted(features, key=lambda item: item[0])}
    empty = [code for code, geometry in repaired.items() if geometry.is_empty]
    if empty:
        raise BuildError(f"In {path.name} blijft van deze gebieden na reparatie geen vlak over: {_listing(empty)}.")
    return repaired


def _dissolve(gemeenten: Mapping[str, object], membership: pd.Series, grid: float, level: str) -> dict[str, object]:
    """Union the gemeenten per region code and check the result against the gemeenten it came from."""
    members: dict[str, list[str]] = {}
    for gemeente_code, region_code in membership.items():
        members.setdefault(region_code, []).append(gemeente_code)

    regions = {}
    for region_code in sorted(members):
        parts = [gemeenten[code] for code in members[region_code]]
        # grid_size makes the overlay snap-round on the same grid, so shared borders cancel exactly.
        union = _polygonal(shapely.union_all(parts, grid_size=grid))
        _check_region(union, parts, region_code, level)
        regions[region_code] = _oriented(union)
    return regions


def _check_region(union, parts: list, region_code: str, level: str) -> None:
    if union.is_empty or not union.is_valid:
        raise BuildError(f"Het samenvoegen van de gemeenten tot {level} {region_code} gaf geen geldig vlak.")
    expected = sum(part.area for part in parts)
    difference = abs(union.area - expected) / expected
    if difference >= AREA_TOLERANCE:
        raise BuildError(
            f"De oppervlakte van {level} {region_code} wijkt {difference:.2%} af van de som van zijn gemeenten; "
            "overlappen de gemeentegrenzen?"
        )


# --- output -----------------------------------------------------------------------------------


def _rounded(coordinates, decimals: int):
    """Nested coordinate lists rounded; on-grid values lose their float noise (6.7730000001 -> 6.773)."""
    if isinstance(coordinates[0], (int, float)):
        return [round(value, decimals) for value in coordinates]
    return [_rounded(part, decimals) for part in coordinates]


def _feature_collection_bytes(geometries: Mapping[str, object], decimals: int) -> bytes:
    """Compact GeoJSON with only the code, also as feature id (plotly's `featureidkey` default)."""
    features = []
    for code, geometry in geometries.items():
        geo = mapping(geometry)
        features.append({
            "type": "Feature",
            "id": code,
            "properties": {"code": code},
            "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"], decimals)},
        })
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


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
