"""The national trend of the handreiking's occupations, 2013–2024 (table `beroepen_trend`, CBS 85276NED), pure.

Per listed occupation the working population per year as far as the source goes: the mirror's copy is cut off,
so a series may stop before 2024 or be absent; that is said, never filled in or extrapolated.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, opsomming, procent

BRON = ("Bron: CBS, Werkzame beroepsbevolking; beroep (85276NED), Nederland, jaargemiddelden 2013–2024, enquête (EBB), "
        "afgerond op duizendtallen; geen schatting van het dashboard.")
VAN = 2013


def reeksen(trend: pd.DataFrame, lijst: pd.DataFrame) -> pd.DataFrame:
    """Long frame (brc_code, beroep, jaar, werkzaam) of the listed occupations in `lijst` (brc_code, beroep), list order."""
    namen = dict(zip(lijst["brc_code"].astype(str), lijst["beroep"]))
    rows = trend[trend["brc_code"].isin(namen) & trend["werkzame_beroepsbevolking"].notna()].copy()
    rows["beroep"] = rows["brc_code"].map(namen)
    rows["volgorde"] = rows["brc_code"].map({code: i for i, code in enumerate(namen)})
    rows = rows.sort_values(["volgorde", "jaar"])
    return rows[["brc_code", "beroep", "jaar", "werkzame_beroepsbevolking"]].reset_index(drop=True)


def overzicht(trend: pd.DataFrame, lijst: pd.DataFrame) -> pd.DataFrame:
    """One row per listed occupation: first and last year in the source, the numbers then, the change in %;
    NaN where the source has no series (the occupation is then still listed)."""
    per_beroep = reeksen(trend, lijst)
    laatste_jaar = int(trend["jaar"].max()) if not trend.empty else None
    rows = []
    for code, beroep in zip(lijst["brc_code"].astype(str), lijst["beroep"]):
        reeks = per_beroep[per_beroep["brc_code"] == code]
        eerste, laatste = (reeks.iloc[0], reeks.iloc[-1]) if not reeks.empty else (None, None)
        rows.append({
            "brc_code": code, "beroep": beroep,
            "van_jaar": "" if eerste is None else str(int(eerste["jaar"])),  # text: a year reads without a dot
            "van": float("nan") if eerste is None else float(eerste["werkzame_beroepsbevolking"]),
            "tot_jaar": "" if laatste is None else str(int(laatste["jaar"])),
            "tot": float("nan") if laatste is None else float(laatste["werkzame_beroepsbevolking"]),
            "afgekapt": laatste is None or int(laatste["jaar"]) != laatste_jaar,
        })
    frame = pd.DataFrame(rows)
    frame["verandering_pct"] = 100 * (frame["tot"] - frame["van"]) / frame["van"]
    return frame


def tabel(frame: pd.DataFrame) -> Tabel:
    """The table of `overzicht`."""
    return Tabel(frame, {
        "beroep": Kolom("Beroep"), "brc_code": Kolom("Code (BRC 2014)"),
        "van_jaar": Kolom("Eerste jaar"), "van": Kolom("Werkzaam in het eerste jaar", "getal"),
        "tot_jaar": Kolom("Laatste jaar in de bron"), "tot": Kolom("Werkzaam in het laatste jaar", "getal"),
        "verandering_pct": Kolom("Verandering (%)", "verschil", 0),
    })


def zin(frame: pd.DataFrame) -> str:
    """What the trend shows, and where the source stops (never filled in)."""
    volledig = frame[~frame["afgekapt"]]
    delen = []
    if not volledig.empty:
        jaar = int(volledig["tot_jaar"].max())
        groei = [f"{r['beroep']} ({'+' if r['verandering_pct'] > 0 else ''}{procent(r['verandering_pct'], 0)})"
                 for _, r in volledig.sort_values("verandering_pct", ascending=False).iterrows()]
        delen.append(f"Werkzame beroepsbevolking in Nederland, {VAN}–{jaar}, verandering per beroep: {opsomming(groei)}.")
    for _, r in frame[frame["afgekapt"]].iterrows():
        if not r["tot_jaar"]:
            delen.append(f"Voor {r['beroep']} staat geen reeks in de (afgekapte) kopie van 85276NED.")
        else:
            delen.append(f"De reeks van {r['beroep']} stopt in de (afgekapte) kopie van 85276NED in {int(r['tot_jaar'])} "
                         f"({getal(r['tot'])} werkenden); latere jaren zijn niet bijgeschat.")
    delen.append("Landelijke cijfers, geen regiocijfers; kleine beroepen schommelen door de enquête van jaar tot jaar.")
    return " ".join(delen)
