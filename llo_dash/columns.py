"""Table columns: one definition per column drives the screen, the CSV and the Excel file.

A table keeps real numbers under short column ids (`laaggeletterd_16_65`, `aandeel`); each id has a
`Kolom` with its Dutch header, kind and decimals. The screen gets its Dutch display ("1.234,5",
"22,6%", "geen gegevens") from a pandas Styler over those numbers, so a click on a column header
sorts numbers as numbers; the downloads get the same headers and are rounded half up to the
decimals of the screen, so an estimate does not look more exact in Excel than on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from pandas.io.formats.style import Styler

from llo_dash import indicators
from llo_dash.export import excel_formaat, half_up
from llo_dash.formatting import GEEN_GEGEVENS, getal, is_missing, procent, verschil

SOORTEN = ("tekst", "getal", "procent", "verschil")
_STANDAARD_DECIMALEN = {"tekst": 0, "getal": 0, "procent": 1, "verschil": 1}
PER_RIJ = "per_rij"  # a column whose kind and decimals differ per row (key figures: % and counts in one column)


@dataclass(frozen=True)
class Kolom:
    """How one column reads: header, kind ("tekst", "getal", "procent", "verschil" or `PER_RIJ`) and decimals."""

    label: str
    soort: str = "tekst"
    decimalen: int | None = None
    eenheid: str = "procentpunt"  # the unit after a "verschil" ("+1,2 procentpunt"); "" for none

    def __post_init__(self) -> None:
        if self.soort not in (*SOORTEN, PER_RIJ):
            raise ValueError(f"Onbekende soort kolom {self.soort!r} voor {self.label!r}; kies uit {SOORTEN}.")

    @property
    def numeriek(self) -> bool:
        return self.soort != "tekst"

    @property
    def aantal_decimalen(self) -> int:
        return _STANDAARD_DECIMALEN.get(self.soort, 0) if self.decimalen is None else self.decimalen

    def tekst(self, value, soort: str | None = None, decimalen: int | None = None) -> str:
        """One value the Dutch way; `soort`/`decimalen` override the column's (for `PER_RIJ` columns)."""
        soort = soort or self.soort
        decimalen = self.aantal_decimalen if decimalen is None else decimalen
        if soort == "tekst":
            return "" if is_missing(value) else str(value)
        if is_missing(value):
            return GEEN_GEGEVENS
        if soort == "procent":
            return procent(value, decimalen)
        if soort == "verschil":
            return verschil(value, decimalen, self.eenheid)
        return getal(value, decimalen)


def indicator_kolom(kolom: str, label: str | None = None) -> Kolom:
    """The `Kolom` of an indicator of table `gebieden` (registry `llo_dash.indicators`), with its own header
    unless `label` is given. Interval columns (`_laag`, `_hoog`) read like their indicator."""
    meta = indicators.get(kolom)
    return Kolom(label or meta.label, "procent" if meta.is_percentage else "getal", meta.decimalen)


@dataclass(frozen=True)
class Tabel:
    """A table of real values (`frame`, columns = ids) with a `Kolom` per id, in the order shown.

    Columns of `frame` without a `Kolom` are neither shown nor downloaded. `rij_opmaak` gives, for
    `PER_RIJ` columns, (soort, decimalen) per row.
    """

    frame: pd.DataFrame
    kolommen: Mapping[str, Kolom]
    rij_opmaak: Sequence[tuple[str, int]] | None = field(default=None)

    def __post_init__(self) -> None:
        ontbreekt = [kolom for kolom in self.kolommen if kolom not in self.frame.columns]
        if ontbreekt:
            raise KeyError(f"Kolommen niet in de tabel: {ontbreekt}")
        labels = [kolom.label for kolom in self.kolommen.values()]
        dubbel = sorted({label for label in labels if labels.count(label) > 1})
        if dubbel:
            raise ValueError(f"Kolomkoppen komen meer dan eens voor: {dubbel}")
        if self.rij_opmaak is None and any(k.soort == PER_RIJ for k in self.kolommen.values()):
            raise ValueError("Een kolom met opmaak per rij heeft `rij_opmaak` nodig.")

    @property
    def labels(self) -> list[str]:
        return [kolom.label for kolom in self.kolommen.values()]

    def _decimalen(self, kolom: Kolom) -> list[int]:
        if kolom.soort == PER_RIJ:
            return [decimalen for _, decimalen in self.rij_opmaak]
        return [kolom.aantal_decimalen] * len(self.frame)

    def waarden(self) -> pd.DataFrame:
        """The values with Dutch headers and a plain index (no rounding): what the screen sorts on."""
        waarden = self.frame[list(self.kolommen)].reset_index(drop=True)
        waarden.columns = self.labels
        return waarden

    def scherm(self) -> Styler:
        """The table for `st.dataframe`: real numbers, shown the Dutch way."""
        waarden = self.waarden()
        # One format call for all plain numeric columns: a call per column slices the frame each time
        # (~3 ms a call), one call with a {header: function} mapping does not.
        styler = waarden.style.format({label: kolom.tekst for label, kolom in zip(self.labels, self.kolommen.values())
                                       if kolom.numeriek and kolom.soort != PER_RIJ})
        for label, kolom in zip(self.labels, self.kolommen.values()):
            if kolom.soort == PER_RIJ:
                # One format call per (soort, decimalen), not per row: a Styler call costs ~2 ms.
                groepen: dict[tuple[str, int], list[int]] = {}
                for rij, opmaak in enumerate(self.rij_opmaak):
                    groepen.setdefault(tuple(opmaak), []).append(rij)
                for (soort, decimalen), rijen in groepen.items():
                    styler = styler.format(lambda v, k=kolom, s=soort, d=decimalen: k.tekst(v, s, d),
                                           subset=pd.IndexSlice[rijen, [label]])
        return styler

    def als_tekst(self) -> pd.DataFrame:
        """Every cell as Dutch text, for a static table (`st.table`) and for reading a table in tests."""
        tekst = self.waarden().astype(object)
        for label, kolom in zip(self.labels, self.kolommen.values()):
            if kolom.soort == PER_RIJ:
                tekst[label] = [kolom.tekst(v, s, d) for v, (s, d) in zip(tekst[label], self.rij_opmaak)]
            elif kolom.numeriek:
                tekst[label] = [kolom.tekst(v) for v in tekst[label]]
        return tekst

    def download(self) -> pd.DataFrame:
        """The values for CSV and Excel: Dutch headers, numbers rounded half up to the decimals of the screen."""
        download = self.waarden()
        for label, kolom in zip(self.labels, self.kolommen.values()):
            reeks = download[label]
            if kolom.numeriek and pd.api.types.is_numeric_dtype(reeks) and not pd.api.types.is_bool_dtype(reeks):
                download[label] = pd.to_numeric(pd.Series(
                    [half_up(v, d) for v, d in zip(reeks, self._decimalen(kolom))], index=download.index))
        return download

    def excel_formaten(self) -> dict[str, str]:
        """Excel number formats of the numeric columns with one number of decimals ("#,##0.0")."""
        return {label: excel_formaat(kolom.aantal_decimalen)
                for label, kolom in zip(self.labels, self.kolommen.values())
                if kolom.numeriek and kolom.soort != PER_RIJ}


def uit_frame(frame: pd.DataFrame, kolommen: Mapping[str, Kolom] | None = None) -> Tabel:
    """A `Tabel` of `frame` whose column names are already the headers: text columns unless given."""
    kolommen = dict(kolommen or {})
    return Tabel(frame, {kolom: kolommen.get(kolom, Kolom(str(kolom))) for kolom in frame.columns})
