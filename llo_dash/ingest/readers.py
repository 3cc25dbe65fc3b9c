"""Read the file formats of the mirror into plain string DataFrames, and clean their values.

Every reader returns text columns, stripped of CBS padding; numbers are converted by
`to_number`, which turns every CBS missing marker into NA (never 0).

Errors name the file by the label the caller passes (`name` / `file`: a `FileLabel` from the
build context, or a plain file name) and carry line, column and value as fields.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from pathlib import Path

import pandas as pd

from llo_dash.errors import FileLabel, SchemaError

Name = FileLabel | str

# CBS marks unknown or secret values with "." (StatLine), null (OData) or an empty cell
# (bulk dumps); untyped OData pads them ("       .").
MISSING_MARKERS = {"", ".", "-", "x", "null", "None", "nan", "NaN"}


def _open_text(path: Path, name: Name | None = None) -> str:
    name = name or path.name
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise SchemaError(file=name, predicate=f"is beschadigd of onvolledig (gzip): {error}") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SchemaError(file=name, predicate=f"is geen geldige UTF-8-tekst (byte {error.start})") from error


def _strip_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame.apply(lambda column: column.astype("string").str.strip())


def _fields_differ(fields: int, header: int) -> str:
    return f"{fields} velden in plaats van {header} (zoals de kopregel); het bestand lijkt afgekapt of beschadigd"


def _check_field_counts(text: str, name: Name, *, sep: str) -> None:
    """Every data row has as many fields as the header: a shorter or longer row means a broken file.

    pandas would fill a row cut off mid-way with empty cells, and read rows with one field too
    many as an index column; neither may pass silently.
    """
    rows = csv.reader(io.StringIO(text), delimiter=sep)
    header = next(rows, [])
    for row in rows:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line, as pandas skips it
        if len(row) != len(header):
            raise SchemaError(_fields_differ(len(row), len(header)), file=name, line=rows.line_num)


def _read_csv_text(text: str, name: Name, *, sep: str) -> pd.DataFrame:
    if not text.strip():
        raise SchemaError(file=name, predicate="is leeg")
    try:
        _check_field_counts(text, name, sep=sep)
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL, index_col=False
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as error:
        raise SchemaError(file=name, predicate=f"kan niet als CSV worden gelezen: {error}") from error
    return _strip_frame(frame)


def read_dertje_csv(path: Path, name: Name | None = None) -> pd.DataFrame:
    """A bulk dump of a CBS TypedDataSet: `;`, UTF-8 with BOM, dimension titles instead of keys."""
    return _read_csv_text(_open_text(path, name), name or path.name, sep=";")


def read_statline_csv(path: Path, name: Name | None = None) -> pd.DataFrame:
    """A StatLine web export: `;`, decimal comma, `.` for unknown; headers like `Thema/Onderwerp (eenheid)`.

    Some stored exports have mangled quoting (`""Aa en Hunze""`); those quotes carry no
    meaning, so lines with doubled quotes are split on `;` after removing every `"`.
    """
    name = name or path.name
    text = _open_text(path, name)
    first_line = text.split("\n", 1)[0]
    if '""' in first_line:
        lines = (line.replace('"', "") for line in text.splitlines())
        rows = [line.split(";") for line in lines if line.strip()]
        header, body = rows[0], rows[1:]
        bad = [i + 2 for i, row in enumerate(body) if len(row) != len(header)]
        if bad:
            raise SchemaError(_fields_differ(len(body[bad[0] - 2]), len(header)), file=name, line=bad[0])
        return _strip_frame(pd.DataFrame(body, columns=header, dtype=str))
    return _read_csv_text(text, name, sep=";")


def read_plain_csv(path: Path, name: Name | None = None) -> pd.DataFrame:
    """A comma-separated UTF-8 file with a header (reference tables, scout extracts)."""
    return _read_csv_text(_open_text(path, name), name or path.name, sep=",")


def read_dbf(path: Path, name: Name | None = None) -> pd.DataFrame:
    """A dBASE attribute table (CBS wijk- en buurtkaart), text columns; -99999999 means missing.

    Read by GDAL (pyogrio). The table is UTF-8 ('—' in `layer`), but it has no .cpg and its
    language byte is 0, for which GDAL assumes ISO-8859-1: so the encoding is given. Numbers come
    as they did from dbfread ("1375.0", whole-number fields "2023"), a blank text field as "".
    A damaged file fails at once; a warning of GDAL (a number it could read only partly,
    "1.3x5" as 1.3) is an error too, never a silently wrong value.
    """
    import warnings

    import pyogrio  # imported here: only the build needs it (loading GDAL takes a moment)

    name = name or path.name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            info = pyogrio.read_info(path, encoding="utf-8")
            frame = pyogrio.read_dataframe(path, read_geometry=False, encoding="utf-8")
        except (RuntimeError, UnicodeDecodeError, ValueError, OSError) as error:  # pyogrio's errors are RuntimeErrors
            reason = str(error).split("; It might help")[0]  # GDAL's hint about drivers means nothing to the user
            raise SchemaError(file=name, predicate=f"kan niet als dBASE-tabel worden gelezen: {reason}") from error
    gdal_warnings = [str(warning.message) for warning in caught if issubclass(warning.category, RuntimeWarning)]
    if gdal_warnings:
        raise SchemaError(file=name, predicate=f"kan niet als dBASE-tabel worden gelezen: {gdal_warnings[0]}")
    # A whole-number field with an empty cell would come as float ("2023.0"); GDAL reads an empty text field as null.
    integers = [field for field, kind in zip(info["fields"], info["ogr_types"]) if kind.startswith("OFTInteger")]
    frame = frame.astype({field: "Int64" for field in integers})
    texts = [field for field, kind in zip(info["fields"], info["ogr_types"]) if kind == "OFTString"]
    frame[texts] = frame[texts].fillna("")
    return _strip_frame(frame).replace({"-99999999": "", "-99999999.0": ""})


def read_json_value(path: Path, name: Name | None = None) -> list[dict]:
    """A CBS OData response saved as JSON: the `value` list (with or without the envelope)."""
    import json

    name = name or path.name
    try:
        data = json.loads(_open_text(path, name))
    except json.JSONDecodeError as error:
        raise SchemaError("geen geldige JSON", file=name, line=error.lineno) from error
    value = data.get("value") if isinstance(data, dict) else data
    if not isinstance(value, list):
        raise SchemaError(file=name, predicate="bevat geen lijst 'value' zoals CBS OData die levert")
    return value


READERS = {
    "json_value": read_json_value,
    "dertje_csv": read_dertje_csv,
    "statline_csv": read_statline_csv,
    "csv": read_plain_csv,
    "dbf": read_dbf,
}


def read_source_file(reader: str, path: Path, name: Name | None = None) -> pd.DataFrame:
    """`path` parsed by the named reader; `name` is how messages call the file (default: its name)."""
    if not path.exists():
        raise SchemaError(file=name or str(path), predicate="bestaat niet")
    return READERS[reader](path, name)


# A number as the bulk dumps and OData write it ("15.9", "123.0", "-3", "1e-05"): point as decimal
# separator, no thousands separator.
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# A number in a StatLine export ("15,9", "-3"): decimal comma and no thousands separator either.
_NUMBER_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$")


def to_number(values: pd.Series, *, decimal_comma: bool = False, file: Name = "", column: str | None = None) -> pd.Series:
    """Text to float; CBS missing markers become NA. Anything else that is not a number is an error.

    `decimal_comma` is for StatLine exports ("15,9"); the bulk dumps write "15.9" and "123.0".
    Neither has thousands separators, so a comma in a dump or a point inside a number of a
    StatLine export (the lone "." is StatLine's missing marker) means a file in an unexpected
    format: it is refused rather than guessed ("11.4" is not read as 114).
    """
    text = values.astype("string").str.strip()
    missing = text.isna() | text.isin(MISSING_MARKERS)
    pattern = _NUMBER_DECIMAL_COMMA if decimal_comma else _NUMBER
    bad = ~missing & ~text.fillna("").str.match(pattern)
    if bad.any():
        example = str(values[bad].iloc[0])
        if decimal_comma and "." in example:
            why = ("bevat een punt, maar dit bestand (StatLine-export) heeft een komma als decimaalteken "
                   "en geen scheidingsteken voor duizendtallen")
        elif not decimal_comma and "," in example:
            why = "bevat een komma, maar in dit bestand is de punt het decimaalteken"
        else:
            why = "is geen getal"
        count = int(bad.sum())
        raise SchemaError(f"{why} ({count} {'cel' if count == 1 else 'cellen'})", file=file, column=column, value=example)
    if decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    return pd.to_numeric(text.where(~missing), errors="raise").astype("Float64")


def collapse_spaces(text) -> str:
    """Trimmed, with every run of whitespace (also non-breaking spaces) as one space; None -> ""."""
    return " ".join(str(text or "").split())


def column_stem(column: str) -> str:
    """CBS topic key without its position suffix: `NettoArbeidsparticipatie_16` → `NettoArbeidsparticipatie`.

    The suffix changes between editions of a table; the stem does not.
    """
    return re.sub(r"_\d+$", "", column)


def resolve_stems(columns: list[str], stems: dict[str, str], *, file: Name) -> dict[str, str]:
    """Map canonical names to the actual columns whose key stem matches; fail in Dutch if absent or ambiguous."""
    by_stem: dict[str, list[str]] = {}
    for column in columns:
        by_stem.setdefault(column_stem(column), []).append(column)
    resolved = {}
    for canonical, stem in stems.items():
        found = by_stem.get(stem, [])
        if not found:
            raise SchemaError(
                f"kolom '{stem}' ontbreekt (nodig voor '{canonical}'). "
                f"Gevonden kolommen: {', '.join(columns[:12])}{' …' if len(columns) > 12 else ''}",
                file=file,
            )
        if len(found) > 1:
            raise SchemaError(f"kolom '{stem}' komt {len(found)} keer voor ({', '.join(found)})", file=file)
        resolved[canonical] = found[0]
    return resolved


def require_columns(frame: pd.DataFrame, columns: list[str], *, file: Name) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise SchemaError(
            f"kolom{'men' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)} ontbreekt. "
            f"Gevonden: {', '.join(list(frame.columns)[:12])}",
            file=file,
        )


def _norm_title(text: str) -> str:
    return collapse_spaces(text).lower()


def _header_path(header: str) -> tuple[list[str], str]:
    """StatLine header `Thema/Sub/Onderwerp (eenheid)` → its title segments, and the last one without unit."""
    segments = [_norm_title(segment) for segment in header.split("/")]
    without_unit = re.sub(r"\s*\([^()]*\)$", "", segments[-1]).strip()
    return segments, without_unit


def find_header(columns: list[str], *parts: str, file: Name) -> str:
    """The single StatLine header whose title path ends with `parts` (case-insensitive, unit optional)."""
    wanted = [_norm_title(part) for part in parts]
    hits = []
    for column in columns:
        segments, last = _header_path(column)
        if len(segments) < len(wanted):
            continue
        head, tail = segments[len(segments) - len(wanted):-1], wanted[-1]
        if head == wanted[:-1] and tail in (segments[-1], last):
            hits.append(column)
    if len(hits) != 1:
        what = " / ".join(parts)
        if not hits:
            raise SchemaError(f"kolom '{what}' ontbreekt", file=file)
        raise SchemaError(f"kolom '{what}' is niet eenduidig ({len(hits)} kolommen)", file=file)
    return hits[0]
