"""Cut one slice (fixed dimension categories, chosen topics) out of a CBS table, from the mirror or live.

The slice is described once, in CBS *titles* ("Totaal mannen en vrouwen", "2023"), which
is what the bulk dumps in the mirror contain; live, the titles are translated to keys
through the table's dimension endpoints and topics are found through DataProperties.
Either way the result is the same: one row per area code with numeric topic columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from llo_dash.build.indeling import NEDERLAND_CODE, Indeling, level_of_code, map_region_names
from llo_dash.errors import BuildError, FileLabel, SchemaError
from llo_dash.ingest.readers import collapse_spaces, require_columns, resolve_stems, to_number


@dataclass(frozen=True)
class Slice:
    """Rows where every dimension in `dims` has the given title(s); topics by key stem."""

    dims: dict[str, str | tuple[str, ...]]
    topics: dict[str, str]
    region_dim: str = "RegioS"
    # Dimensions with several titles are kept as a column (e.g. months to average).
    keep: tuple[str, ...] = field(default=())


def _titles(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _normalise_title(series: pd.Series) -> pd.Series:
    # CBS labels sometimes carry double spaces ("2024  november"); compare on single spaces.
    return series.astype(str).map(collapse_spaces)


def slice_from_dump(frame: pd.DataFrame, spec: Slice, indeling: Indeling, *, file: FileLabel | str) -> pd.DataFrame:
    """The slice from a bulk dump (titles in the dimension columns, names in `RegioS`); `file` names it in errors."""
    require_columns(frame, [*spec.dims, spec.region_dim], file=file)
    selected = pd.Series(True, index=frame.index)
    for dim, value in spec.dims.items():
        titles = {collapse_spaces(title) for title in _titles(value)}
        in_slice = _normalise_title(frame[dim]).isin(titles)
        missing = titles - set(_normalise_title(frame.loc[in_slice, dim]))
        if missing:
            raise SchemaError(f"categorie '{sorted(missing)[0]}' komt niet voor", file=file, column=dim)
        selected &= in_slice
    rows = frame[selected]
    columns = resolve_stems(list(frame.columns), spec.topics, file=file)
    values = pd.DataFrame(
        {name: to_number(rows[column], file=file, column=column) for name, column in columns.items()}, index=rows.index
    )
    for dim in spec.keep:
        values[dim] = _normalise_title(rows[dim])
    values[spec.region_dim] = rows[spec.region_dim]
    # A region occurs once per combination of the kept dimensions (e.g. once per month).
    groups = [values] if not spec.keep else [group for _, group in values.groupby(list(spec.keep), sort=False)]
    mapped = pd.concat(
        map_region_names(group, spec.region_dim, indeling, list(spec.topics), file=file) for group in groups
    )
    return mapped.drop(columns=[spec.region_dim]).set_index(_index(spec))


def _index(spec: Slice) -> str | list[str]:
    return ["code", *spec.keep] if spec.keep else "code"


def slice_from_odata(client, table: str, spec: Slice, indeling: Indeling) -> pd.DataFrame:
    """The same slice fetched live from the CBS OData service (keys instead of titles, codes in RegioS)."""
    from llo_dash.ingest import odata  # the live path only

    conditions = {}
    for dim, value in spec.dims.items():
        conditions[dim] = odata.dimension_keys(
            client.dimension(table, dim), list(_titles(value)), table=table, dimension=dim
        )
    keys = odata.resolve_topics(client.data_properties(table), spec.topics, table=table)
    rows = client.typed_dataset(
        table, filter=odata.build_filter(conditions), select=[spec.region_dim, *spec.keep, *keys.values()]
    )
    frame = odata.rows_to_frame(rows)
    if frame.empty:
        raise SchemaError(f"CBS-tabel {table}: de gevraagde selectie levert geen rijen op.")
    result = pd.DataFrame({name: pd.to_numeric(frame[key]).astype("Float64") for name, key in keys.items()})
    for dim in spec.keep:
        titles = {row["Key"].strip(): row["Title"] for row in client.dimension(table, dim)}
        result[dim] = _normalise_title(frame[dim].map(titles))
    result["code"] = frame[spec.region_dim].str.strip().replace({"NL01": NEDERLAND_CODE})
    known = indeling.gemeente_codes() | indeling.regio_codes() | {NEDERLAND_CODE}
    is_used_level = result["code"].str[:2].isin(["GM", "AM", "NL"])
    unknown = is_used_level & ~result["code"].isin(known)
    lost = unknown & result[list(keys)].notna().any(axis=1)
    if lost.any():
        raise BuildError(
            f"CBS-tabel {table}: gebiedscode(s) {', '.join(sorted(set(result.loc[lost, 'code']))[:8])} met gegevens "
            "komen niet voor in de indeling 2025 (86059NED)."
        )
    result = result[is_used_level & ~unknown]
    duplicated = result.duplicated(["code", *spec.keep])
    if duplicated.any():
        raise BuildError(f"CBS-tabel {table}: gebied {result.loc[duplicated, 'code'].iloc[0]} komt meer dan eens voor in de selectie.")
    result["niveau"] = result["code"].map(level_of_code)
    return result.set_index(_index(spec))


def load_slice(ctx, source_id: str, spec: Slice, indeling: Indeling) -> pd.DataFrame:
    """The slice from the mirror's bulk dump, or live from CBS OData when the file is not in the mirror."""
    from llo_dash import sources

    if ctx.mirror_file(source_id):
        return slice_from_dump(ctx.read(source_id), spec, indeling, file=ctx.file_label(source_id))
    return slice_from_odata(ctx.live(source_id), sources.get(source_id).table, spec, indeling)


def split_levels(frame: pd.DataFrame, indeling: Indeling, *, file: FileLabel | str) -> dict[str, pd.DataFrame]:
    """Gemeente rows (checked complete against the indeling), region rows and the Nederland row.

    `file` names the source in errors (`ctx.file_label`: the mirror file or the live table).
    """
    parts = {level: rows.drop(columns="niveau") for level, rows in frame.groupby("niveau")}
    gemeenten = parts.get("gemeente", frame.iloc[0:0].drop(columns="niveau"))
    missing = indeling.gemeente_codes() - set(gemeenten.index.get_level_values(0))
    if missing:
        raise BuildError(
            f"{len(missing)} gemeenten van de indeling 2025 ontbreken in de selectie, "
            f"bijvoorbeeld {', '.join(sorted(missing)[:5])}. Het bestand is mogelijk afgekapt",
            file=file,
        )
    return {
        "gemeente": gemeenten,
        "arbeidsmarktregio": parts.get("arbeidsmarktregio"),
        "nederland": parts.get("nederland"),
    }
