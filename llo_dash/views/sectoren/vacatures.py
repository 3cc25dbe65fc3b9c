"""Shortages per SBI sector from CBS vacancies (table `vacatures`), pure: ranking, provincie view, sentences.

The vacancy rate (open vacancies per 1.000 jobs) is CBS's measure of demand per sector, landelijk. It is not a
tension indicator (no job seekers in it), and CBS publishes no vacancies per arbeidsmarktregio: the regional
view is the provincie, for the sectors the table holds there. Missing values stay missing and are never read as
"not tight".
"""

from __future__ import annotations

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, opsomming
from llo_dash.reference import read_reference

LABEL = "vacatures (CBS), geen spanningsindicator"
KWARTALEN_5_JAAR = 20
TREND_VANAF = 2015
BRON_GRAAD = ("Bron: CBS, Vacaturegraad; SBI 2008 (80567NED), openstaande vacatures per 1.000 banen, landelijk; "
              "2024 waarschijnlijk nog voorlopig. " + LABEL[0].upper() + LABEL[1:] + ".")
BRON_PROVINCIE = ("Bron: CBS, Openstaande vacatures; SBI 2008, regio (83599NED), laagste niveau provincie; en Vacatures; "
                  "SBI 2008 (80472NED) voor Nederland. " + LABEL[0].upper() + LABEL[1:] + ".")


def _kwartalen(vacatures: pd.DataFrame, niveau: str = "nederland") -> pd.DataFrame:
    rows = vacatures[(vacatures["niveau"] == niveau) & vacatures["kwartaal"].notna()].copy()
    rows["volgorde"] = rows["jaar"].astype(int) * 4 + rows["kwartaal"].astype(int)
    return rows


def laatste_periode(vacatures: pd.DataFrame) -> str:
    """The latest quarter with a national vacancy rate for all sectors together."""
    nl = _kwartalen(vacatures)
    nl = nl[(nl["sbi_code"] == "A-U") & nl["vacaturegraad"].notna()]
    return str(nl.sort_values("volgorde")["periode"].iloc[-1])


def sector_tekorten(vacatures: pd.DataFrame) -> pd.DataFrame:
    """Per SBI section (A–S): the latest vacancy rate, its own average over the last 5 years (20 quarters, only
    when all 20 are known), the difference, and all sectors together in the same quarter; ranked high → low."""
    nl = _kwartalen(vacatures)
    periode = laatste_periode(vacatures)
    laatste_volgorde = nl.loc[nl["periode"] == periode, "volgorde"].iloc[0]
    venster = nl[nl["volgorde"] > laatste_volgorde - KWARTALEN_5_JAAR]
    alle = nl.loc[(nl["sbi_code"] == "A-U") & (nl["periode"] == periode), "vacaturegraad"].iloc[0]
    secties = venster[venster["sbi_soort"] == "sectie"]
    records = []
    for code, rows in secties.groupby("sbi_code"):
        laatste = rows.loc[rows["periode"] == periode, "vacaturegraad"]
        graad = rows["vacaturegraad"].astype("float64")
        gemiddeld = graad.mean() if graad.notna().sum() == KWARTALEN_5_JAAR else float("nan")
        waarde = float(laatste.iloc[0]) if len(laatste) and pd.notna(laatste.iloc[0]) else float("nan")
        records.append({"sbi_code": code, "sector": f"{code} {rows['sbi_naam'].iloc[0]}", "vacaturegraad": waarde,
                        "gemiddelde_5_jaar": gemiddeld, "verschil_gemiddelde": waarde - gemiddeld,
                        "alle_sectoren": float(alle), "periode": periode})
    result = pd.DataFrame(records).sort_values("vacaturegraad", ascending=False, na_position="last")
    result["rang"] = range(1, len(result) + 1)
    result.loc[result["vacaturegraad"].isna(), "rang"] = pd.NA
    return result.reset_index(drop=True)


def tekorten_tabel(tekorten: pd.DataFrame, beroepen_per_sectie: dict[str, list[str]]) -> Tabel:
    frame = tekorten.assign(beroepen=[opsomming(beroepen_per_sectie.get(c, [])) for c in tekorten["sbi_code"]])
    return Tabel(frame, {
        "rang": Kolom("Rang", "getal"),
        "sector": Kolom("Sector (SBI 2008)"),
        "vacaturegraad": Kolom(f"Vacaturegraad {tekorten['periode'].iloc[0]} (per 1.000 banen)", "getal"),
        "gemiddelde_5_jaar": Kolom("Eigen gemiddelde afgelopen 5 jaar", "getal", 1),
        "verschil_gemiddelde": Kolom("Verschil met eigen gemiddelde", "verschil", 1),
        "alle_sectoren": Kolom("Nederland, alle sectoren", "getal"),
        "beroepen": Kolom("Beroepen uit de handreiking (hoofdsector)"),
    })


def trend(vacatures: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Quarterly vacancy rate since 2015 for all sectors (A-U) and the given sections: periode, sector, waarde."""
    nl = _kwartalen(vacatures)
    rows = nl[(nl["jaar"] >= TREND_VANAF) & nl["sbi_code"].isin(["A-U", *codes])].sort_values("volgorde")
    return pd.DataFrame({"periode": rows["periode"].astype(str), "sbi_code": rows["sbi_code"].astype(str),
                         "sector": (rows["sbi_code"] + " " + rows["sbi_naam"]).astype(str),
                         "vacaturegraad": rows["vacaturegraad"].astype("float64")}).reset_index(drop=True)


def beroepen_per_sectie(overzicht_lijst: pd.DataFrame) -> dict[str, list[str]]:
    """SBI section → the handreiking's occupations that mostly work there (`reference/beroepen_sectorgroep.csv`,
    rows `hoofdsectorgroep`: the dashboard's own mapping, not a CBS figure)."""
    indeling = read_reference("beroepen_sectorgroep")
    hoofd = indeling[indeling["rol"] == "hoofdsectorgroep"]
    namen = dict(zip(overzicht_lijst["brc_code"].astype(str), overzicht_lijst["beroep"]))
    result: dict[str, list[str]] = {}
    for code, secties in zip(hoofd["brc_beroepsgroep_code"].astype(str), hoofd["sbi_sectie"].astype(str)):
        if code in namen:
            for sectie in secties.split(";"):
                result.setdefault(sectie.strip(), []).append(namen[code])
    return result


def sectie_van_beroep(beroepen_per_sectie_: dict[str, list[str]]) -> dict[str, list[str]]:
    """Occupation name → its main SBI sections (the inverse of `beroepen_per_sectie`)."""
    result: dict[str, list[str]] = {}
    for sectie, beroepen in beroepen_per_sectie_.items():
        for beroep in beroepen:
            result.setdefault(beroep, []).append(sectie)
    return result


def sector_zin(beroep: str, secties: list[str], tekorten: pd.DataFrame) -> str:
    """"Koks: sector I Horeca 63 vacatures per 1.000 banen (eigen 5-jaarsgemiddelde 70)"; the rate as published."""
    per_code = tekorten.set_index("sbi_code")
    delen = []
    for sectie in secties:
        if sectie not in per_code.index or pd.isna(per_code.at[sectie, "vacaturegraad"]):
            delen.append(f"sector {sectie}: geen vacaturegraad gepubliceerd")
            continue
        r = per_code.loc[sectie]
        gemiddeld = (f", eigen 5-jaarsgemiddelde {getal(r['gemiddelde_5_jaar'], 0)}"
                     if pd.notna(r["gemiddelde_5_jaar"]) else "")
        delen.append(f"sector {r['sector']} {getal(r['vacaturegraad'], 0)} per 1.000 banen{gemiddeld}")
    return f"{beroep} ({'; '.join(delen)})"


def antwoord_sectoren_tekort(tekorten: pd.DataFrame) -> str:
    """The ranking in one or two sentences: highest sectors, above their own average, against all sectors."""
    periode, alle = tekorten["periode"].iloc[0], tekorten["alle_sectoren"].iloc[0]
    bekend = tekorten[tekorten["vacaturegraad"].notna()]
    top = [f"{r['sector']} ({getal(r['vacaturegraad'], 0)})" for _, r in bekend.head(3).iterrows()]
    boven = bekend[(bekend["verschil_gemiddelde"] > 0)]
    zin = (f"Vacatures per sector ({LABEL}): in {periode} waren er in Nederland {getal(alle, 0)} openstaande vacatures "
           f"per 1.000 banen over alle sectoren; het hoogst in {opsomming(top)}.")
    if len(bekend) < len(tekorten):
        zin += f" Voor {opsomming(tekorten.loc[tekorten['vacaturegraad'].isna(), 'sector'].tolist())} publiceert CBS geen cijfer."
    if not boven.empty:
        zin += f" Boven hun eigen gemiddelde van de afgelopen 5 jaar: {opsomming(boven['sector'].tolist())}."
    else:
        zin += " Geen enkele sector zit boven zijn eigen gemiddelde van de afgelopen 5 jaar."
    return zin


# --- the provincie of the region ------------------------------------------------------


def provincie_tabel(vacatures: pd.DataFrame, provincie_code: str) -> pd.DataFrame:
    """For the sectors the table holds for the provincie: open vacancies in the latest quarter against their own
    5-year average, next to the same for Nederland (index: 100 = average)."""
    def index_per_sector(rows: pd.DataFrame) -> pd.DataFrame:
        laatste = rows["volgorde"].max()
        venster = rows[rows["volgorde"] > laatste - KWARTALEN_5_JAAR]
        per = venster.groupby("sbi_code").agg(naam=("sbi_naam", "first"), gemiddeld=("openstaande_vacatures", "mean"),
                                              n=("openstaande_vacatures", "count"))
        nu = rows[rows["volgorde"] == laatste].set_index("sbi_code")["openstaande_vacatures"]
        per["laatste"] = nu.reindex(per.index).astype("float64")
        per["index"] = (100 * per["laatste"] / per["gemiddeld"]).where(per["n"] == KWARTALEN_5_JAAR)
        per["periode"] = rows.loc[rows["volgorde"] == laatste, "periode"].iloc[0]
        return per

    prov = _kwartalen(vacatures, "provincie")
    prov = prov[prov["gebied_code"] == provincie_code]
    if prov.empty:
        return pd.DataFrame()
    eigen = index_per_sector(prov)
    nl = index_per_sector(_kwartalen(vacatures)[lambda r: r["sbi_code"].isin(eigen.index)])
    return pd.DataFrame({
        "sector": [f"{code} {naam}" for code, naam in zip(eigen.index, eigen["naam"])],
        "provincie": prov["gebied_naam"].iloc[0], "periode": eigen["periode"],
        "openstaand": eigen["laatste"], "index_provincie": eigen["index"],
        "index_nederland": nl["index"].reindex(eigen.index),
    }).reset_index(drop=True)


def provincie_kolommen(frame: pd.DataFrame) -> Tabel:
    periode = frame["periode"].iloc[0]
    return Tabel(frame.drop(columns=["provincie", "periode"]), {
        "sector": Kolom("Sector (SBI 2008)"),
        "openstaand": Kolom(f"Openstaande vacatures {periode}", "getal"),
        "index_provincie": Kolom("Provincie: t.o.v. eigen 5-jaarsgemiddelde (100 = gemiddeld)", "getal"),
        "index_nederland": Kolom("Nederland: t.o.v. eigen 5-jaarsgemiddelde (100 = gemiddeld)", "getal"),
    })


def provincie_van_regio(df: pd.DataFrame, regio: str) -> tuple[str, str] | None:
    """The provincie (code, name) where most gemeenten of the region lie."""
    gemeenten = df[(df["niveau"] == "gemeente") & (df["arbeidsmarktregio_code"] == regio)]
    if gemeenten.empty or "provincie_code" not in gemeenten:
        return None
    code = gemeenten["provincie_code"].mode().iloc[0]
    return str(code), str(gemeenten.loc[gemeenten["provincie_code"] == code, "provincie_naam"].iloc[0])


def provincie_zin(frame: pd.DataFrame, provincie_naam: str, regio_naam: str) -> str:
    if frame.empty:
        return f"CBS publiceert voor {provincie_naam} geen vacatures per sector in deze gegevens."
    hoog = frame[frame["index_provincie"] > 100]["sector"].tolist()
    return (f"CBS publiceert geen vacatures per arbeidsmarktregio; wel per provincie. {regio_naam} ligt (grotendeels) in "
            f"{provincie_naam}: {len(frame)} sectoren zijn daar bekend. "
            + (f"Boven het eigen 5-jaarsgemiddelde in {frame['periode'].iloc[0]}: {opsomming(hoog)}." if hoog else
               f"Geen van deze sectoren zat in {frame['periode'].iloc[0]} boven zijn eigen 5-jaarsgemiddelde.")
            + f" Dit zijn {LABEL}.")
