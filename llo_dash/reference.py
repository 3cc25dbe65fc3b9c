"""Small reference tables that the project keeps itself, in `reference/` at the project root.

Each table is written by hand from published facts, one row per fact, with a source
column. Codes stay text (leading zeros); the numeric columns named in the schema are
read as floats. Other modules read them through `read_reference`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from llo_dash.errors import SchemaError

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


@dataclass(frozen=True)
class TableSchema:
    """Columns a reference table must have; `numeric` ones are converted to float."""

    columns: tuple[str, ...]
    numeric: tuple[str, ...] = ()


SCHEMAS: dict[str, TableSchema] = {
    "beroepen_basisvaardigheden": TableSchema(
        columns=(
            "lijst", "rang", "beroep_handreiking", "brc_beroepsgroep_code", "brc_beroepsgroep_naam",
            "koppeling", "pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd",
            "pct_toelichting", "bron_lijst", "bron_pct_url",
        ),
        numeric=("rang", "pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd"),
    ),
    "uwv_spanningsindicator_typering": TableSchema(
        columns=(
            "typering", "volgorde", "ondergrens", "bovengrens", "ondergrens_inbegrepen", "bovengrens_inbegrepen",
            "regel", "betekenis", "definitie", "grenswaarde_keuze", "bron_url", "bron_url_afwijkend",
        ),
        numeric=("volgorde", "ondergrens", "bovengrens"),
    ),
    "geletterdheid_parameters": TableSchema(
        columns=(
            "parameter", "scenario", "waarde", "eenheid", "populatie", "jaar", "soort", "gebruik", "bron",
            "bron_url", "toelichting",
        ),
        numeric=("waarde",),
    ),
    "beroepen_sectorgroep": TableSchema(
        columns=(
            "brc_beroepsgroep_code", "brc_beroepsgroep_naam", "rol", "sectorgroep_kolom", "sectorgroep", "bedrijven",
            "sbi_2008", "sbi_sectie", "basis", "soort", "bron", "bron_url",
        ),
    ),
    "uwv_spanningsindicator_landelijk": TableSchema(
        columns=(
            "periode", "beroepsgroep_uwv", "brc_beroepsgroep_code", "spanningsindicator", "nauwkeurigheid",
            "typering", "typering_herkomst", "toelichting", "bron_titel", "bron_url", "bron_datum",
        ),
        numeric=("spanningsindicator",),
    ),
    # One row per former gemeente and 2025 successor (a split gemeente has one row per successor).
    "gemeente_herindelingen": TableSchema(
        columns=("jaar", "oude_code", "oude_naam", "nieuwe_code", "nieuwe_naam", "soort", "toelichting", "bron"),
        numeric=("jaar",),
    ),
}


def reference_path(name: str, directory: Path | None = None) -> Path:
    """Path of reference table `name` (with or without `.csv`)."""
    stem = name.removesuffix(".csv")
    return (directory or REFERENCE_DIR) / f"{stem}.csv"


def read_reference(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Read reference table `name`: text columns as str, schema's numeric columns as float.

    Raises `SchemaError` (Dutch message) when the file or a required column is missing
    or a numeric column holds text. Tables without a schema are read as all-text.
    """
    path = reference_path(name, directory)
    stem = path.stem
    if not path.is_file():
        raise SchemaError(f"Referentietabel '{stem}' ontbreekt: verwacht bestand {path}.")
    # keep_default_na=False: only truly empty cells are missing, "NA" stays text.
    frame = pd.read_csv(path, dtype=str, encoding="utf-8", keep_default_na=False, na_values=[""])
    schema = SCHEMAS.get(stem)
    if schema is None:
        return frame
    missing = [column for column in schema.columns if column not in frame.columns]
    if missing:
        raise SchemaError(
            f"Referentietabel '{stem}' ({path.name}) mist de kolom(men) {', '.join(missing)}. "
            f"Gevonden: {', '.join(frame.columns)}."
        )
    for column in schema.numeric:
        converted = pd.to_numeric(frame[column], errors="coerce")
        bad = frame[column].notna() & converted.isna()
        if bad.any():
            row = int(bad.idxmax()) + 2  # header is line 1
            raise SchemaError(
                f"Referentietabel '{stem}' ({path.name}), regel {row}, kolom {column}: "
                f"'{frame.at[bad.idxmax(), column]}' is geen getal."
            )
        frame[column] = converted.astype(float)
    return frame
