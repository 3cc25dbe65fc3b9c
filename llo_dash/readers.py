"""Read the file formats of the mirror into plain string DataFrames, and clean their values.

Every reader returns text columns, stripped of CBS padding; numbers are converted by
`to_number`, which turns every CBS missing marker into NA (never 0).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from pathlib import Path

import pandas as pd

from llo_dash.errors import SchemaError

# CBS marks unknown or secret values with "." (StatLine), null (OData) or an empty cell
# (bulk dumps); untyped OData pads them ("       .").
MISSING_MARKERS = {"", ".", "-", "x", "null", "None", "nan", "NaN"}


def _open_text(path: Path, name: str | None = None) -> str:
    name = name or path.name
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise SchemaError(f"Bronbestand {name} is beschadigd of onvolledig (gzip): {error}.") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SchemaError(f"Bronbestand {name} is geen geldige UTF-8-tekst (byte {error.start}).") from error


def _strip_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame.apply(lambda column: column.astype("string").str.strip())


def _check_field_counts(text: str, name: str, *, sep: str) -> None:
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
            raise SchemaError(
                f"Bronbestand {name}: regel {rows.line_num} heeft {len(row)} velden, de kopregel {len(header)}; "
                "het bestand lijkt afgekapt of beschadigd."
            )


def _read_csv_text(text: str, name: str, *, sep: str) -> pd.DataFrame:
    if not text.strip():
        raise SchemaError(f"Bronbestand {name} is leeg.")
    try:
        _check_field_counts(text, name, sep=sep)
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL, index_col=False
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as error:
        raise SchemaError(f"Bronbestand {name} kan niet als CSV worden gelezen: {error}.") from error
    return _strip_frame(frame)


def read_dertje_csv(path: Path, name: str | None = None) -> pd.DataFrame:
    """A bulk dump of a CBS TypedDataSet: `;`, UTF-8 with BOM, dimension titles instead of keys."""
    return _read_csv_text(_open_text(path, name), name or path.name, sep=";")


def read_statline_csv(path: Path, name: str | None = None) -> pd.DataFrame:
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
            raise SchemaError(
                f"Bronbestand {name}: regel {bad[0]} heeft een ander aantal kolommen dan de kopregel "
                f"({len(header)}); het bestand lijkt afgekapt of beschadigd."
            )
        return _strip_frame(pd.DataFrame(body, columns=header, dtype=str))
    return _read_csv_text(text, name, sep=";")


def read_plain_csv(path: Path, name: str | None = None) -> pd.DataFrame:
    """A comma-separated UTF-8 file with a header (reference tables, scout extracts)."""
    return _read_csv_text(_open_text(path, name), name or path.name, sep=",")


def read_dbf(path: Path, name: str | None = None) -> pd.DataFrame:
    """A dBASE attribute table (CBS wijk- en buurtkaart), text columns; -99999999 means missing."""
    from dbfread import DBF  # imported here: only the build needs it

    try:
        records = list(DBF(str(path), encoding="utf-8", char_decode_errors="strict"))
    except (UnicodeDecodeError, ValueError, OSError, EOFError) as error:
        raise SchemaError(f"Bronbestand {name or path.name} kan niet als dBASE-tabel worden gelezen: {error}.") from error
    frame = pd.DataFrame.from_records(records).astype(str)
    return _strip_frame(frame).replace({"-99999999": "", "-99999999.0": ""})


def read_json_value(path: Path, name: str | None = None) -> list[dict]:
    """A CBS OData response saved as JSON: the `value` list (with or without the envelope)."""
    import json

    name = name or path.name
    try:
        data = json.loads(_open_text(path, name))
    except json.JSONDecodeError as error:
        raise SchemaError(f"Bronbestand {name} is geen geldige JSON (regel {error.lineno}).") from error
    value = data.get("value") if isinstance(data, dict) else data
    if not isinstance(value, list):
        raise SchemaError(f"Bronbestand {name} bevat geen lijst 'value' zoals CBS OData die levert.")
    return value


READERS = {
    "json_value": read_json_value,
    "dertje_csv": read_dertje_csv,
    "statline_csv": read_statline_csv,
    "csv": read_plain_csv,
    "dbf": read_dbf,
}


def read_source_file(reader: str, path: Path, name: str | None = None) -> pd.DataFrame:
    """`path` parsed by the named reader; `name` is how messages call the file (default: its name)."""
    if not path.exists():
        raise SchemaError(f"Bronbestand {name or path} bestaat niet.")
    return READERS[reader](path, name)


# A number as the bulk dumps and OData write it ("15.9", "123.0", "-3", "1e-05"): point as decimal
# separator, no thousands separator.
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# A number in a StatLine export ("15,9", "-3"): decimal comma and no thousands separator either.
_NUMBER_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$")


def to_number(values: pd.Series, *, decimal_comma: bool = False, file: str = "", column: str = "") -> pd.Series:
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
        raise SchemaError(
            f"Bronbestand {file}, kolom '{column}': waarde '{example}' {why} ({count} {'cel' if count == 1 else 'cellen'})."
        )
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


def resolve_stems(columns: list[str], stems: dict[str, str], *, file: str) -> dict[str, str]:
    """Map canonical names to the actual columns whose key stem matches; fail in Dutch if absent or ambiguous."""
    by_stem: dict[str, list[str]] = {}
    for column in columns:
        by_stem.setdefault(column_stem(column), []).append(column)
    resolved = {}
    for canonical, stem in stems.items():
        found = by_stem.get(stem, [])
        if not found:
            raise SchemaError(
                f"Bronbestand {file}: kolom '{stem}' ontbreekt (nodig voor '{canonical}'). "
                f"Gevonden kolommen: {', '.join(columns[:12])}{' …' if len(columns) > 12 else ''}."
            )
        if len(found) > 1:
            raise SchemaError(f"Bronbestand {file}: kolom '{stem}' komt {len(found)} keer voor ({', '.join(found)}).")
        resolved[canonical] = found[0]
    return resolved


def require_columns(frame: pd.DataFrame, columns: list[str], *, file: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise SchemaError(
            f"Bronbestand {file}: kolom{'men' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} ontbreekt. Gevonden: {', '.join(list(frame.columns)[:12])}."
        )


def _norm_title(text: str) -> str:
    return collapse_spaces(text).lower()


def _header_path(header: str) -> tuple[list[str], str]:
    """StatLine header `Thema/Sub/Onderwerp (eenheid)` → its title segments, and the last one without unit."""
    segments = [_norm_title(segment) for segment in header.split("/")]
    without_unit = re.sub(r"\s*\([^()]*\)$", "", segments[-1]).strip()
    return segments, without_unit


def find_header(columns: list[str], *parts: str, file: str) -> str:
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
            raise SchemaError(f"Bronbestand {file}: kolom '{what}' ontbreekt.")
        raise SchemaError(f"Bronbestand {file}: kolom '{what}' is niet eenduidig ({len(hits)} kolommen).")
    return hits[0]
