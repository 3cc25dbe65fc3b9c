"""Doelgroep: ages as rates. Per age band the estimated share of low-literates in that age group, next to
Nederland (a share of the group, not of the low-literates: a region with many young people is not therefore
a region where young people more often have trouble reading). Pure, no Streamlit.

The bands are those of the CBS population counts the estimate uses (KWB: 15–25, 25–45, 45–65 jaar, plus
65–75 from the age tables): a young-adults band of 16–30 jaar cannot be formed from them; 16–25 is the
nearest (the count includes the 15-year-olds, as in the estimate itself).
"""

from __future__ import annotations

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, procent
from llo_dash.views.queries import NEDERLAND, aandeel, als_float, rij

# (band id, label, estimated low-literates, inhabitants of the band or None when the estimate has its own %)
BANDEN = (
    ("16_25", "16 tot 25 jaar (jongvolwassenen)", "laaggeletterd_16_25", "inwoners_15_25"),
    ("25_45", "25 tot 45 jaar", "laaggeletterd_25_45", "inwoners_25_45"),
    ("45_65", "45 tot 65 jaar", "laaggeletterd_45_65", "inwoners_45_65"),
    ("66_75", "66 tot 75 jaar", "laaggeletterd_66_75", None),
)
JONGVOLWASSENEN = ("Jongvolwassenen: de CBS-tellingen per gebied hebben de leeftijdsgroepen 15–25 en 25–45 jaar, dus "
                   "16–30 jaar (de groep uit veel samenwerkingsagenda's) is niet te vormen; 16–25 jaar komt het dichtst "
                   "in de buurt. De telling van 15–25 jaar bevat de 15-jarigen, zoals in de schatting zelf.")


def _pct(row: pd.Series, kolom: str, inwoners: str | None) -> float:
    if inwoners is None:
        return als_float(row.get(f"{kolom}_pct"))
    return aandeel(row.get(kolom), row.get(inwoners))


def leeftijd_tabel(df: pd.DataFrame, code: str) -> Tabel:
    """Per age band: inhabitants, estimated low-literates, their share of the age group, Nederland's share and the
    difference (procentpunt; not for Nederland itself)."""
    row, nl = rij(df, code), rij(df, NEDERLAND)
    frame = pd.DataFrame({
        "band": [band for band, *_ in BANDEN],
        "leeftijd": [label for _, label, *_ in BANDEN],
        "inwoners": [als_float(row.get(inwoners)) if inwoners else float("nan") for *_, inwoners in BANDEN],
        "laaggeletterd": [als_float(row.get(kolom)) for _, _, kolom, _ in BANDEN],
        "pct": [_pct(row, kolom, inwoners) for _, _, kolom, inwoners in BANDEN],
    })
    koppen = {"leeftijd": Kolom("Leeftijd"), "inwoners": Kolom("Inwoners", "getal"),
              "laaggeletterd": Kolom("Laaggeletterd (schatting)", "getal"),
              "pct": Kolom("Aandeel van de leeftijdsgroep (%, schatting)", "procent", 1)}
    if code != NEDERLAND:
        frame["pct_nl"] = [_pct(nl, kolom, inwoners) for _, _, kolom, inwoners in BANDEN]
        frame["verschil"] = frame["pct"] - frame["pct_nl"]
        koppen["pct_nl"] = Kolom("Nederland (%, schatting)", "procent", 1)
        koppen["verschil"] = Kolom("Verschil (procentpunt)", "verschil", 1)
    return Tabel(frame, koppen)


def leeftijd_zin(tabel: Tabel, naam: str) -> str:
    """"Naar schatting heeft 6,1% van de 16- tot 25-jarigen in X moeite met lezen (landelijk 6,0%), …"."""
    delen = []
    for _, rij_ in tabel.frame.iterrows():
        deel = f"{procent(rij_['pct'], 1)} van de {rij_['leeftijd'].split(' (')[0].replace(' tot ', '- tot ').replace(' jaar', '-jarigen')}"
        if "pct_nl" in rij_:
            deel += f" (landelijk {procent(rij_['pct_nl'], 1)})"
        delen.append(deel)
    jong = tabel.frame.iloc[0]
    return (f"Als aandeel van elke leeftijdsgroep is naar schatting laaggeletterd: {'; '.join(delen)}. Onder de "
            f"jongvolwassenen (16–25 jaar) gaat het in {naam} om naar schatting {getal(jong['laaggeletterd'])} mensen.")
