"""Reach (bereik): the collective's participants (an upload, `bereik.upload`) as a share of the estimated target
group (`laaggeletterd_16_65`, with its interval) per gemeente, per group, and for the region.

Reach = 100 × deelnemers / geschatte doelgroep. Its margin comes from the interval of the estimate: the low
reach divides by the upper bound, the high reach by the lower bound. The estimates per group (NT1, NT2,
werkend, …) have no interval of their own; they get the relative margin of the total (stated on the page).
A gemeente that is not in the upload has no figure (never 0); the total of an area counts the participants of
its gemeenten in the upload, so there a gemeente without rows counts as none.
"""

from __future__ import annotations

import math

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.indicators import ARBEID_GROEPEN, GROEP_LABELS, HERKOMST_GROEPEN, LAAGGELETTERD, Indicator
from llo_dash.views.bereik.upload import ONBEKEND
from llo_dash.views.queries import aandeel, als_float, rij

GROEPEN = (*HERKOMST_GROEPEN, *ARBEID_GROEPEN)  # nt1, nt2, werkend, werkzoekend, inactief
GROEP_KOLOM = {**{groep: "groep" for groep in HERKOMST_GROEPEN}, **{groep: "arbeid" for groep in ARBEID_GROEPEN}}


def in_periode(data: pd.DataFrame, periode: str | None) -> pd.DataFrame:
    """The upload's rows of one period (all rows when `periode` is None)."""
    return data if periode is None else data[data["periode"] == periode]


def gemeente_codes(df: pd.DataFrame, regio: str | None, data: pd.DataFrame) -> list[str]:
    """The gemeenten shown: all of the region, or without a region those in the upload; in name order."""
    gemeenten = df[df["niveau"] == "gemeente"]
    if regio:
        gemeenten = gemeenten[gemeenten["arbeidsmarktregio_code"] == regio]
    else:
        gemeenten = gemeenten[gemeenten["code"].isin(set(data["gemeente_code"]))]
    return gemeenten.sort_values("naam", key=lambda namen: namen.str.casefold())["code"].tolist()


def buiten_selectie(data: pd.DataFrame, codes: list[str]) -> list[str]:
    """Names of the uploaded gemeenten that are not among `codes` (another region), sorted."""
    rest = data[~data["gemeente_code"].isin(set(codes))]
    return sorted(set(rest["gemeente_naam"]), key=str.casefold)


def _marge(doelgroep_rij: pd.Series) -> tuple[float, float]:
    """(lower bound / estimate, upper bound / estimate) of the total estimate of an area."""
    punt = als_float(doelgroep_rij[LAAGGELETTERD])
    if not punt:
        return float("nan"), float("nan")
    return (als_float(doelgroep_rij[f"{LAAGGELETTERD}_laag"]) / punt,
            als_float(doelgroep_rij[f"{LAAGGELETTERD}_hoog"]) / punt)


def _bereik(deelnemers: float, doelgroep: float, marge: tuple[float, float]) -> dict[str, float]:
    """Reach and its range for `deelnemers` out of an estimate `doelgroep` with relative bounds `marge`."""
    laag, hoog = marge
    return {
        "deelnemers": deelnemers, "doelgroep": doelgroep,
        "doelgroep_laag": doelgroep * laag, "doelgroep_hoog": doelgroep * hoog,
        "bereik_pct": aandeel(deelnemers, doelgroep),
        "bereik_pct_laag": aandeel(deelnemers, doelgroep * hoog),  # more people in the group: lower reach
        "bereik_pct_hoog": aandeel(deelnemers, doelgroep * laag),
    }


def _som(rows: pd.DataFrame, groep: str | None = None) -> float:
    """Participants in `rows` (of `groep`); NaN for a group when no row says which group it is (unknown, not 0)."""
    if groep is None:
        return float(rows["deelnemers"].sum())
    kolom = rows[GROEP_KOLOM[groep]]
    return float(rows.loc[kolom == groep, "deelnemers"].sum()) if (kolom != ONBEKEND).any() else float("nan")


def bereik_per_gemeente(df: pd.DataFrame, data: pd.DataFrame, codes: list[str], totaal_code: str) -> pd.DataFrame:
    """Per gemeente of `codes` and a last row for area `totaal_code` (the region, or NL00): participants, estimated
    target group with bounds, reach with range, and the same for NT1 and NT2 (columns `…_nt1`, `…_nt2`)."""
    records = []
    for code in [*codes, totaal_code]:
        gebied = rij(df, code)
        totaal = code == totaal_code
        rows = data[data["gemeente_code"].isin(codes)] if totaal else data[data["gemeente_code"] == code]
        record = {"code": code, "naam": "Totaal" if totaal else str(gebied["naam"])}  # short: the first column is narrow
        if rows.empty and not totaal:  # not in the upload: unknown, never 0
            records.append(record)
            continue
        marge = _marge(gebied)
        record.update(_bereik(_som(rows), als_float(gebied[LAAGGELETTERD]), marge))
        for groep in HERKOMST_GROEPEN:
            groep_bereik = _bereik(_som(rows, groep), als_float(gebied[f"laaggeletterd_{groep}"]), marge)
            record.update({f"deelnemers_{groep}": groep_bereik["deelnemers"], f"bereik_{groep}_pct": groep_bereik["bereik_pct"]})
        records.append(record)
    return pd.DataFrame.from_records(records).reindex(columns=list(BEREIK_KOLOMMEN))


def bereik_per_groep(df: pd.DataFrame, data: pd.DataFrame, codes: list[str], totaal_code: str) -> pd.DataFrame:
    """Per group (all, NT1, NT2, werkend, werkzoekend, niet-werkend) in the area `totaal_code`: participants (of the
    gemeenten `codes`), estimated group with bounds and reach with range. Participants of an unknown group count in
    "all" only."""
    gebied = rij(df, totaal_code)
    rows = data[data["gemeente_code"].isin(codes)]
    marge = _marge(gebied)
    records = [{"groep": "Alle laaggeletterden 16–65", **_bereik(_som(rows), als_float(gebied[LAAGGELETTERD]), marge)}]
    for groep in GROEPEN:
        records.append({"groep": GROEP_LABELS[groep], **_bereik(_som(rows, groep), als_float(gebied[f"laaggeletterd_{groep}"]), marge)})
    for groep, kolom in (("NT1/NT2 onbekend", "groep"), ("Arbeid onbekend", "arbeid")):
        records.append({"groep": groep, "deelnemers": float(rows.loc[rows[kolom] == ONBEKEND, "deelnemers"].sum())})
    return pd.DataFrame.from_records(records).reindex(columns=["groep", *GROEP_TABEL_KOLOMMEN])


def nt1_aandelen(df: pd.DataFrame, data: pd.DataFrame, codes: list[str], totaal_code: str) -> tuple[float, float, int]:
    """(NT1 share among participants whose group is known, estimated NT1 share of the target group, number of
    participants whose group is known); shares in % of NT1 + NT2, NaN without participants of a known group."""
    rows = data[data["gemeente_code"].isin(codes)]
    nt1, nt2 = _som(rows, "nt1"), _som(rows, "nt2")
    gebied = rij(df, totaal_code)
    geschat_nt1, geschat_nt2 = als_float(gebied["laaggeletterd_nt1"]), als_float(gebied["laaggeletterd_nt2"])
    bekend = 0 if math.isnan(nt1) else int(nt1 + nt2)
    return aandeel(nt1, nt1 + nt2), aandeel(geschat_nt1, geschat_nt1 + geschat_nt2), bekend


def kaartwaarden(frame: pd.DataFrame) -> pd.DataFrame:
    """The gemeente rows of `bereik_per_gemeente` as map values (code, naam, waarde = reach %)."""
    gemeenten = frame[frame["code"].str.startswith("GM")]
    return pd.DataFrame({"code": gemeenten["code"], "naam": gemeenten["naam"],
                         "waarde": gemeenten["bereik_pct"].astype("float64")}).reset_index(drop=True)


BEREIK_DECIMALEN = 2  # a collective reaches a few percent: 1 decimal would hide the margin
# The map's description of reach (not an indicator of the built table: it exists only in a session).
BEREIK_INDICATOR = Indicator("bereik_pct", "Bereik van het collectief", "%", "bereik", (), "upload", "aandeel",
                             decimalen=BEREIK_DECIMALEN, schatting=True)


# --- tables ---------------------------------------------------------------------

_BEREIK = Kolom("Bereik (schatting)", "procent", BEREIK_DECIMALEN)
GROEP_TABEL_KOLOMMEN = {
    "deelnemers": Kolom("Deelnemers", "getal"),
    "bereik_pct": _BEREIK,
    "bereik_pct_laag": Kolom("Bereik, ondergrens", "procent", BEREIK_DECIMALEN),
    "bereik_pct_hoog": Kolom("Bereik, bovengrens", "procent", BEREIK_DECIMALEN),
    "doelgroep": Kolom("Laaggeletterden (schatting)", "getal"),
    "doelgroep_laag": Kolom("Laaggeletterden, ondergrens", "getal"),
    "doelgroep_hoog": Kolom("Laaggeletterden, bovengrens", "getal"),
}
BEREIK_KOLOMMEN = {
    "naam": Kolom("Gemeente"),
    **GROEP_TABEL_KOLOMMEN,
    "deelnemers_nt1": Kolom("Deelnemers NT1", "getal"),
    "bereik_nt1_pct": Kolom("Bereik NT1 (schatting)", "procent", BEREIK_DECIMALEN),
    "deelnemers_nt2": Kolom("Deelnemers NT2", "getal"),
    "bereik_nt2_pct": Kolom("Bereik NT2 (schatting)", "procent", BEREIK_DECIMALEN),
    "code": Kolom("Code"),
}


def bereik_tabel(frame: pd.DataFrame) -> Tabel:
    """`bereik_per_gemeente` as a table: the key columns (gemeente, participants, reach and its range) first."""
    return Tabel(frame, BEREIK_KOLOMMEN)


def groepen_tabel(frame: pd.DataFrame) -> Tabel:
    """`bereik_per_groep` as a table."""
    return Tabel(frame, {"groep": Kolom("Groep"), **GROEP_TABEL_KOLOMMEN})
