"""Blocks of a page: headline figures, and tables with their CSV and Excel downloads and the source note
of their indicators."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from llo_dash import export
from llo_dash.views import queries
from llo_dash.columns import Tabel
from llo_dash.formatting import GEEN_GEGEVENS
from llo_dash.ui.data import manifest
from llo_dash.ui.schermtabel import snel
from llo_dash.views.peildatum import peildatum_regels

# --- headline figures ------------------------------------------------------


def metric_rij(df: pd.DataFrame, code: str, kolommen: Sequence[str], *, kort: bool = False,
               per_rij: int | None = None, container=st) -> None:
    """Headline figures of one area (`queries.metrics`): value, difference with Nederland, and under each
    estimate "Schatting, marge …"; the source is in the help of each figure."""
    items = queries.metrics(df, code, kolommen, kort=kort)
    per_rij = per_rij or len(items) or 1
    for start in range(0, len(items), per_rij):
        for column, item in zip(container.columns(per_rij), items[start:start + per_rij]):
            column.metric(item["label"], item["waarde"], delta=item["delta"], delta_color="off",  # no red/green judgement
                          delta_arrow=item["pijl"], help=item["bron"])
            if item["onder"]:
                column.caption(item["onder"])


def kerncijfers(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str]) -> None:
    """Headline figures of each area in `codes`, one tab per area, the first tab shown."""
    codes = list(dict.fromkeys(codes))
    for tab, code in zip(st.tabs([queries.naam(df, code) for code in codes]), codes):
        vergelijk = code != queries.NEDERLAND
        tab.markdown(f"**{queries.gebied_titel(df, code)}**" + (" — verschil met Nederland onder elk cijfer" if vergelijk else ""))
        metric_rij(df, code, kolommen, per_rij=3, container=tab)


# --- tables, downloads, source notes ----------------------------------------


def source_note(kolommen: Sequence[str], *, kaart: str | None = None, toelichting: bool = True) -> None:
    """Caption with source, reference date and estimate marker of each indicator, every indicator named
    (`queries.bronnoot`), and, for a map of level `kaart`, the source of its boundaries."""
    lines = queries.bronnoot(kolommen, toelichting=toelichting)
    if kaart:
        lines.append(queries.grenzen_bron(kaart))
    st.caption("  \n".join(lines))


def toon(tabel: Tabel, *, statisch: bool = False, **kwargs) -> None:
    """A table on screen: real numbers shown the Dutch way ("1.234,5", "22,6%", "geen gegevens"), so a click
    on a column header sorts numbers as numbers; with `statisch` a plain table (no sorting, all rows)."""
    if statisch:
        st.table(tabel.als_tekst())
    else:
        # snel: the same message to the browser, without pandas' HTML render model (the costliest part of a page run)
        st.dataframe(snel(tabel.scherm()), hide_index=True, width="stretch", placeholder=GEEN_GEGEVENS, **kwargs)


MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Download:
    """One download button: label, the bytes (or a function that makes them on click), file name and type."""

    label: str
    data: bytes | Callable[[], bytes]
    bestandsnaam: str
    soort: str  # "csv" or "xlsx"
    help: str | None = None


def downloads(bestanden: Sequence[Download], *, key: str) -> None:
    """Download buttons side by side."""
    row = st.container(horizontal=True)
    for bestand in bestanden:
        row.download_button(bestand.label, data=bestand.data, file_name=bestand.bestandsnaam, mime=MIME[bestand.soort],
                            key=f"{bestand.soort}-{key}", on_click="ignore", icon=":material/download:", help=bestand.help)


def download_row(tabel: Tabel, stem: str, region_code: str | None, *, titel: str | None = None,
                 bronnen: Sequence[str] = (), notes: Sequence[str] = ()) -> None:
    """CSV (Dutch Excel: BOM, ";" and decimal comma) and Excel downloads of `tabel`, numbers rounded as on screen.

    Both files name their source: a last column "Bron" with `bronnen` (unless the table has a source
    column of its own); the Excel file also has a sheet Toelichting with the title, sources and notes,
    and shows numbers with the decimals of the screen. Nederland (NL00) is named "nederland" in the
    file name, like no region at all.
    """
    region_code = None if region_code == queries.NEDERLAND else region_code
    # The peildatum said explicitly: the period of each named source, and when the data were built.
    peildatum = peildatum_regels(bronnen, manifest().get("gebouwd_op"))
    toelichting = [regel for regel in dict.fromkeys([titel, *bronnen, *notes, *peildatum]) if regel]
    downloads([
        Download("CSV downloaden", partial(_csv, tabel, tuple(bronnen)), export.download_filename(stem, region_code, "csv"),
                 "csv", "Voor Excel: puntkomma's en decimale komma's; de bron staat in de laatste kolom."),
        Download("Excel downloaden", partial(_xlsx, tabel, tuple(bronnen), stem, toelichting),
                 export.download_filename(stem, region_code, "xlsx"), "xlsx",
                 "Met een tabblad Toelichting (bron en peildatum)."),
    ], key=export.slugify(stem))


# The files are made on a click, not on every run: rounding every cell for the download cost more than
# showing the table.
def _bestand(tabel: Tabel, bronnen: Sequence[str]) -> pd.DataFrame:
    return export.met_bron(tabel.download(), list(bronnen))


def _csv(tabel: Tabel, bronnen: Sequence[str]) -> bytes:
    return export.to_csv_bytes(_bestand(tabel, bronnen))


def _xlsx(tabel: Tabel, bronnen: Sequence[str], stem: str, toelichting: list[str]) -> bytes:
    bestand = _bestand(tabel, bronnen)
    getallen = {kolom: formaat for kolom, formaat in tabel.excel_formaten().items()
                if pd.api.types.is_numeric_dtype(bestand[kolom])}
    return export.to_xlsx_bytes(bestand, sheet_name=stem, notes=toelichting, number_formats=getallen)


def tabel(tabel: Tabel, stem: str, code: str | None, *, kolommen: Sequence[str] = (), titel: str | None = None,
          bronnen: Sequence[str] | None = None, notes: Sequence[str] = (), statisch: bool = False,
          bron_noot: bool = True, toelichting: bool = False, **kwargs) -> None:
    """A table on screen (`toon`) with its CSV and Excel downloads and the source note of its indicators.

    The downloads' sources are `bronnen`, else those of the indicators `kolommen`, which also get a source
    note under the table (unless `bron_noot` is False; with the registry's remarks when `toelichting`).
    """
    toon(tabel, statisch=statisch, **kwargs)
    download_row(tabel, stem, code, titel=titel, bronnen=queries.bronregels(kolommen) if bronnen is None else bronnen,
                 notes=notes)
    if kolommen and bron_noot:
        source_note(kolommen, toelichting=toelichting)
