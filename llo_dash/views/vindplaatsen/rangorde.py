"""Vindplaatsen: which wijken (or gemeenten) stand out, ranked by the estimated share of low-literates rather than
their number (which mostly follows size), among areas above a stated minimum population, with the count beside
it and the weakest estimates flagged. For all low-literates, NT1 and NT2 alike. Pure, no Streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, is_missing, opsomming, procent

MIN_INWONERS = 1000  # inhabitants 15–65: below this a share moves with a handful of people
KLEIN = 2500  # still small: flagged
VEEL_EERSTE_GENERATIE = 25.0  # % born abroad: expats and students count as NT2 and raise the estimate
GROEPEN = {"totaal": ("laaggeletterd_16_65", "laaggeletterden"),
           "nt1": ("laaggeletterd_nt1", "NT1-laaggeletterden"),
           "nt2": ("laaggeletterd_nt2", "NT2-laaggeletterden")}

VOORBEHOUD = (
    "Lees de rangorde met dit voorbehoud: wie buiten Nederland is geboren telt als NT2, ook hoogopgeleide "
    "internationale werknemers (expats) en studenten, dus wijken waar zij wonen komen te hoog uit; opleiding en "
    "arbeid van een wijk komen van de hele gemeente, dus verschillen in opleiding tussen wijken van één gemeente "
    "ziet de schatting niet. De rangorde gaat over het geschatte aandeel (per 100 inwoners van 15 tot 65 jaar), "
    f"alleen voor gebieden met minstens {getal(MIN_INWONERS)} inwoners van 15 tot 65 jaar; het aantal staat ernaast."
)


def _zwakte(row: pd.Series) -> str:
    """Why the estimate of this area is weaker than most, in a few words ("" when nothing stands out)."""
    redenen = []
    inwoners = row.get("inwoners_15_65")
    if pd.notna(inwoners) and inwoners < KLEIN:
        redenen.append(f"klein (minder dan {getal(KLEIN)} inwoners 15–65)")
    eerste = row.get("eerste_generatie_pct")
    if pd.isna(eerste):
        redenen.append("eerste generatie onbekend")
    elif eerste >= VEEL_EERSTE_GENERATIE:
        redenen.append(f"veel eerste generatie ({procent(eerste, 0)}; mogelijk expats/studenten)")
    toelichting = "" if is_missing(row.get("schatting_toelichting")) else str(row.get("schatting_toelichting"))
    if "eerste generatie daarin" in toelichting:
        redenen.append("herkomst Europa/buiten Europa van de gemeente")
    return "; ".join(redenen)


def rangorde(rows: pd.DataFrame, groep: str = "totaal", minimum: int = MIN_INWONERS) -> pd.DataFrame:
    """The areas of `rows` with at least `minimum` inhabitants 15–65 and an estimate, by estimated share of `groep`
    (low-literates of the group per 100 inhabitants 15–65), highest first; columns rang, code, naam, gemeente_naam,
    pct, aantal, inwoners, eerste_generatie_pct, zwakte."""
    kolom, _ = GROEPEN[groep]
    inwoners = pd.to_numeric(rows["inwoners_15_65"], errors="coerce").astype("float64")
    aantal = pd.to_numeric(rows[kolom], errors="coerce").astype("float64")
    frame = pd.DataFrame({
        "code": rows["code"].to_numpy(), "naam": rows["naam"].to_numpy(),
        "gemeente_naam": rows["gemeente_naam"].to_numpy() if "gemeente_naam" in rows else rows["naam"].to_numpy(),
        "aantal": aantal.to_numpy(), "inwoners": inwoners.to_numpy(),
        "eerste_generatie_pct": pd.to_numeric(rows.get("eerste_generatie_pct"), errors="coerce").astype("float64").to_numpy()
        if "eerste_generatie_pct" in rows else np.nan,
        "zwakte": [_zwakte(row) for _, row in rows.iterrows()],
    })
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["pct"] = 100 * frame["aantal"] / frame["inwoners"]
    frame = frame[(frame["inwoners"] >= minimum) & frame["pct"].notna()]
    frame = frame.sort_values(["pct", "naam"], ascending=[False, True], kind="stable").reset_index(drop=True)
    frame.insert(0, "rang", np.arange(1, len(frame) + 1))
    return frame


def rangorde_tabel(frame: pd.DataFrame, groep: str, niveau: str) -> Tabel:
    """`rangorde` as a table: the share first, the count beside it, the flags last."""
    _, wie = GROEPEN[groep]
    koppen = {"rang": Kolom("Rang", "getal"), "naam": Kolom("Wijk" if niveau == "wijk" else "Gemeente")}
    if niveau == "wijk":
        koppen["gemeente_naam"] = Kolom("Gemeente")
    koppen.update({
        "pct": Kolom(f"{wie.capitalize()} per 100 inwoners 15–65 (schatting)", "procent", 1),
        "aantal": Kolom(f"{wie.capitalize()} (schatting)", "getal"),
        "inwoners": Kolom("Inwoners 15–65", "getal"),
        "eerste_generatie_pct": Kolom("Eerste generatie (%)", "procent", 1),
        "zwakte": Kolom("Let op (zwakke schatting)"),
        "code": Kolom("Code"),
    })
    return Tabel(frame, koppen)


def rangorde_zin(frame: pd.DataFrame, groep: str, niveau: str, totaal: int, top: int = 3) -> str:
    """"Het hoogste geschatte aandeel NT1-laaggeletterden (van 42 wijken met minstens 1.000 inwoners): A (Haarlem)
    8,1% (310), …"; weak estimates marked."""
    _, wie = GROEPEN[groep]
    meervoud = "wijken" if niveau == "wijk" else "gemeenten"
    if frame.empty:
        return (f"Geen van de {totaal} {meervoud} heeft minstens {getal(MIN_INWONERS)} inwoners van 15 tot 65 jaar en "
                "een schatting; er is geen rangorde.")
    namen = []
    for _, rij in frame.head(top).iterrows():
        plaats = f" ({rij['gemeente_naam']})" if niveau == "wijk" else ""
        zwak = ", zwakke schatting" if rij["zwakte"] else ""
        namen.append(f"{rij['naam']}{plaats} {procent(rij['pct'], 1)} ({getal(rij['aantal'])} mensen{zwak})")
    return (f"Het hoogste geschatte aandeel {wie} (per 100 inwoners van 15 tot 65 jaar; {len(frame)} van de {totaal} "
            f"{meervoud} hebben minstens {getal(MIN_INWONERS)} inwoners): {opsomming(namen)}.")
