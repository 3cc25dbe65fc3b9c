"""The occupations of the handreiking's lists: their size, the low-literate part, and the tension shown.

Inputs are the built table `beroepen` (one row per BRC class, segment and group; see
`llo_dash.build.beroepen`), table `gebieden`, and optionally a validated upload of regional
tension values (`upload.validate_tension_upload`). A regional number of workers per occupation
does not exist in public data: the `*_regio` columns are a rough estimate (national number × the
region's share of the national werkzame beroepsbevolking), rounded so they do not look precise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.views import queries
from llo_dash.views.queries import NEDERLAND, als_float, rij
from llo_dash import spanning

NIET_GEPUBLICEERD = "niet gepubliceerd"
ONBEKEND = "onbekend"

REGIONAAL, LANDELIJK = "regionaal (upload)", "landelijk (UWV, gepubliceerd)"  # where a tension comes from


# --- inputs of the upload check and of the regional estimate ---------------------------


def brc_groepen(beroepen: pd.DataFrame) -> pd.DataFrame:
    """The 114 BRC-beroepsgroepen as (brc_beroepsgroep_code, brc_beroepsgroep_naam), for upload validation."""
    groepen = beroepen[beroepen["brc_niveau"] == "beroepsgroep"]
    return pd.DataFrame({"brc_beroepsgroep_code": groepen["brc_code"].astype(str).to_numpy(),
                         "brc_beroepsgroep_naam": groepen["brc_naam"].astype(str).to_numpy()})


def regio_codes(df: pd.DataFrame) -> set[str]:
    """The arbeidsmarktregio codes of table `gebieden`."""
    return {code for code, _ in queries.regio_opties(df)}


def regio_aandeel(df: pd.DataFrame, regio: str | None) -> float:
    """The region's share (0–1) of the national werkzame beroepsbevolking (86088NED); NaN for Nederland."""
    if not regio or regio == NEDERLAND:
        return float("nan")
    regio_waarde = als_float(rij(df, regio)["werkzame_beroepsbevolking"])
    nl = als_float(rij(df, NEDERLAND)["werkzame_beroepsbevolking"])
    return regio_waarde / nl if nl else float("nan")


def schatting_afronden(value: float) -> float:
    """An estimate, rounded so it does not look precise: to 100 from 1.000 up, else to 10 (half up)."""
    if value is None or pd.isna(value):
        return float("nan")
    step = 100 if abs(value) >= 1000 else 10
    return float(math.floor(value / step + 0.5) * step)


# --- tension: national as published, or the region's own from an upload ------


@dataclass
class SpanningBron:
    """Where the tension shown comes from: the upload (file name, periods) or the national publications."""

    bestandsnaam: str | None = None
    periode: str | None = None  # the uploaded period used for the region (None: the latest per occupation)
    regio_in_upload: bool = False
    uit_map: str | None = None  # the folder of uploads the file was read from (None: uploaded in this session)

    @property
    def regionaal(self) -> bool:
        return bool(self.bestandsnaam) and self.regio_in_upload


def spanning_per_beroep(
    beroepen: pd.DataFrame, upload: pd.DataFrame | None = None, regio: str | None = None, periode: str | None = None
) -> pd.DataFrame:
    """Per BRC group (index brc_code) the tension shown: the region's uploaded value where there is one.

    Columns: spanningsindicator, spanning_periode, spanning_typering, spanning_herkomst
    (`REGIONAAL`, `LANDELIJK` or NA). Uploaded values are used only for `regio` and, when
    given, only for `periode` (else the latest period per group); every other group keeps
    its national published value, so the herkomst column says which is which.
    """
    groepen = beroepen[beroepen["brc_niveau"] == "beroepsgroep"].set_index("brc_code")
    waarde = groepen["spanningsindicator_landelijk"].astype("float64")
    result = pd.DataFrame({
        "spanningsindicator": waarde,
        "spanning_periode": groepen["spanning_periode"].astype(object).where(waarde.notna(), None),
        "spanning_typering": groepen["spanning_typering"].astype(object).where(waarde.notna(), None),
        "spanning_herkomst": pd.Series(LANDELIJK, index=groepen.index, dtype=object).where(waarde.notna(), None),
    })
    if upload is not None and regio:
        eigen = upload[upload["arbeidsmarktregio_code"] == regio]
        if periode:
            eigen = eigen[eigen["periode"] == periode]
        eigen = eigen.sort_values("periode").groupby("brc_beroepsgroep_code").tail(1).set_index("brc_beroepsgroep_code")
        eigen = eigen[eigen.index.isin(result.index)]
        result.loc[eigen.index, "spanningsindicator"] = eigen["spanningsindicator"].astype(float)
        result.loc[eigen.index, "spanning_periode"] = eigen["periode"]
        result.loc[eigen.index, "spanning_typering"] = [spanning.typering(float(v)) for v in eigen["spanningsindicator"]]
        result.loc[eigen.index, "spanning_herkomst"] = REGIONAAL
    result.index.name = "brc_code"
    return result


# --- the occupations overview ----------------------------------------------------


def beroepen_overzicht(
    beroepen: pd.DataFrame, df: pd.DataFrame, regio: str | None, spanning_: pd.DataFrame, *, alle: bool = False,
    klasse_factor: dict[str, float] | None = None,
) -> pd.DataFrame:
    """One row per occupation: the handreiking's lists (or all 114 BRC groups with `alle`; column
    `handreiking` says which rows are on the lists, see `handreiking_beroepen`).

    Numbers stay numbers (NaN where unknown). `laaggeletterd_nl` = national employment ×
    published % (an estimate); `*_regio` columns are the rough regional estimates
    (national × `regio_aandeel`, or with `klasse_factor` national × the region's own share in the occupation's
    class, see `beroepsstructuur.klasse_factoren`), rounded with `schatting_afronden`; NaN for Nederland.
    `pct_matrix` is the x of the matrix: % laaggeletterd, or % laaggeletterd en/of
    laaggecijferd where only that is published (`pct_matrix_maat` says which).
    """
    groepen = beroepen[beroepen["brc_niveau"] == "beroepsgroep"].copy()
    if not alle:
        groepen = groepen[groepen["beroep_handreiking"].notna()]
    aandeel = regio_aandeel(df, regio)
    werkzaam = groepen["werkzame_beroepsbevolking_2023"].astype("float64")
    pct_ll = groepen["pct_laaggeletterd"].astype("float64")
    pct_lc = groepen["pct_laaggecijferd"].astype("float64")
    pct_eo = groepen["pct_laaggeletterd_en_of_laaggecijferd"].astype("float64")
    codes = groepen["brc_code"].astype(str)
    if klasse_factor and regio and regio != NEDERLAND:
        factor = pd.Series([klasse_factor.get(code[:2], float("nan")) for code in codes], index=groepen.index)
    else:
        factor = pd.Series(aandeel, index=groepen.index)
    shown = spanning_.reindex(codes)
    result = pd.DataFrame({
        "handreiking": groepen["beroep_handreiking"].notna().to_numpy(),
        "brc_code": codes.to_numpy(),
        "beroep": groepen["brc_naam"].astype(str).to_numpy(),
        "beroepsklasse": groepen["brc_beroepsklasse_naam"].astype(str).to_numpy(),
        "rang_laaggeletterdheid": groepen["rang_laaggeletterdheid"].astype("float64").to_numpy(),
        "rang_laaggecijferdheid": groepen["rang_laaggecijferdheid"].astype("float64").to_numpy(),
        "werkzaam_nl": werkzaam.to_numpy(),
        "pct_laaggeletterd": pct_ll.to_numpy(),
        "pct_laaggecijferd": pct_lc.to_numpy(),
        "pct_laaggeletterd_en_of_laaggecijferd": pct_eo.to_numpy(),
        "laaggeletterd_nl": [schatting_afronden(v * p / 100) for v, p in zip(werkzaam, pct_ll)],
        "laaggecijferd_nl": [schatting_afronden(v * p / 100) for v, p in zip(werkzaam, pct_lc)],
        "werkzaam_regio": [schatting_afronden(v * f) for v, f in zip(werkzaam, factor)],
        "laaggeletterd_regio": [schatting_afronden(v * f * p / 100) for v, f, p in zip(werkzaam, factor, pct_ll)],
        "laaggecijferd_regio": [schatting_afronden(v * f * p / 100) for v, f, p in zip(werkzaam, factor, pct_lc)],
        "spanningsindicator": shown["spanningsindicator"].astype("float64").to_numpy(),
        "spanning_periode": shown["spanning_periode"].to_numpy(),
        "spanning_typering": shown["spanning_typering"].to_numpy(),
        "spanning_herkomst": shown["spanning_herkomst"].to_numpy(),
    })
    result["pct_matrix"] = result["pct_laaggeletterd"].fillna(result["pct_laaggeletterd_en_of_laaggecijferd"])
    result["pct_matrix_maat"] = [
        "laaggeletterd" if not pd.isna(ll) else ("laaggeletterd en/of laaggecijferd" if not pd.isna(eo) else None)
        for ll, eo in zip(result["pct_laaggeletterd"], result["pct_laaggeletterd_en_of_laaggecijferd"])
    ]
    # Order: the literacy list first (by rank), then the numeracy-only occupations, then the rest by size.
    result["_volgorde"] = result["rang_laaggeletterdheid"].fillna(10 + result["rang_laaggecijferdheid"]).fillna(100)
    result = result.sort_values(["_volgorde", "werkzaam_nl"], ascending=[True, False]).drop(columns="_volgorde")
    return result.reset_index(drop=True)


def handreiking_beroepen(overzicht: pd.DataFrame) -> pd.DataFrame:
    """The rows of a `beroepen_overzicht` on the handreiking's lists (a rank on the list of laaggeletterdheid
    or of laaggecijferdheid), in the same order."""
    return overzicht[overzicht["handreiking"]].reset_index(drop=True)


def zonder_gegevens(overzicht: pd.DataFrame) -> dict[str, list[str]]:
    """Occupations of the lists that the matrix cannot place, grouped by what is missing (listed under the chart)."""
    lijst = handreiking_beroepen(overzicht)
    geen_pct, geen_spanning = lijst["pct_matrix"].isna(), lijst["spanningsindicator"].isna()
    return {
        "geen gepubliceerd percentage en geen spanningsindicator": lijst.loc[geen_pct & geen_spanning, "beroep"].tolist(),
        "geen gepubliceerd percentage": lijst.loc[geen_pct & ~geen_spanning, "beroep"].tolist(),
        "geen spanningsindicator": lijst.loc[~geen_pct & geen_spanning, "beroep"].tolist(),
    }


# --- tables -------------------------------------------------------------------------


BEROEPEN_KOLOMMEN = {
    "brc_code": Kolom("BRC-code"),
    "beroep": Kolom("Beroep (BRC-beroepsgroep)"),
    "beroepsklasse": Kolom("Beroepsklasse"),
    "rang_laaggeletterdheid": Kolom("Rang lijst laaggeletterdheid", "getal"),
    "rang_laaggecijferdheid": Kolom("Rang lijst laaggecijferdheid", "getal"),
    "werkzaam_nl": Kolom("Werkzaam in Nederland (2023)", "getal"),
    "pct_laaggeletterd": Kolom("% laaggeletterd", "procent", 0),
    "pct_laaggecijferd": Kolom("% laaggecijferd", "procent", 0),
    "pct_laaggeletterd_en_of_laaggecijferd": Kolom("% laaggeletterd en/of laaggecijferd", "procent", 0),
    "laaggeletterd_nl": Kolom("Laaggeletterde werkenden in Nederland (schatting)", "getal"),
    "laaggecijferd_nl": Kolom("Laaggecijferde werkenden in Nederland (schatting)", "getal"),
    "werkzaam_regio": Kolom("Werkzaam in de regio (grove schatting)", "getal"),
    "laaggeletterd_regio": Kolom("Laaggeletterde werkenden in de regio (grove schatting)", "getal"),
    "laaggecijferd_regio": Kolom("Laaggecijferde werkenden in de regio (grove schatting)", "getal"),
    "spanningsindicator": Kolom("Spanningsindicator", "getal", 2),
    "spanning_typering": Kolom("Typering"),
    "spanning_periode": Kolom("Periode spanning"),
    "spanning_herkomst": Kolom("Spanning: herkomst"),
}


def beroepen_tabel(overzicht: pd.DataFrame, *, regionaal: bool) -> Tabel:
    """The occupations table of `beroepen_overzicht`; the region's rough estimates only when `regionaal`."""
    return Tabel(overzicht, {kolom: definitie for kolom, definitie in BEROEPEN_KOLOMMEN.items()
                             if regionaal or not kolom.endswith("_regio")})


def matrix_tabel(overzicht: pd.DataFrame) -> Tabel:
    """The table alternative of the matrix (all occupations of the lists, with or without a point)."""
    lijst = handreiking_beroepen(overzicht)
    tabel = pd.DataFrame({
        "beroep": lijst["beroep"],
        "pct_matrix": lijst["pct_matrix"],
        "maat": lijst["pct_matrix_maat"].fillna(NIET_GEPUBLICEERD),
        "spanningsindicator": lijst["spanningsindicator"],
        "typering": lijst["spanning_typering"].fillna(ONBEKEND),
        "periode": lijst["spanning_periode"].fillna(""),
        "herkomst": lijst["spanning_herkomst"].fillna(""),
        "werkzaam_nl": lijst["werkzaam_nl"],
        "in_matrix": ["ja" if not (pd.isna(p) or pd.isna(s)) else "nee"
                      for p, s in zip(lijst["pct_matrix"], lijst["spanningsindicator"])],
    }).reset_index(drop=True)
    return Tabel(tabel, {
        "beroep": Kolom("Beroep"),
        "pct_matrix": Kolom("% (gepubliceerd)", "procent", 0),
        "maat": Kolom("Maat"),
        "spanningsindicator": Kolom("Spanningsindicator", "getal", 2),
        "typering": Kolom("Typering"),
        "periode": Kolom("Periode"),
        "herkomst": Kolom("Herkomst spanning"),
        "werkzaam_nl": Kolom("Werkzaam in Nederland (2023)", "getal"),
        "in_matrix": Kolom("In de matrix"),
    })
