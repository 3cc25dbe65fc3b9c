"""The region's occupation structure (table `beroepsklassen_regio`, CBS 84916NED 2022), pure.

Per occupation class the share of the region's working residents next to Nederland (location quotient), the
classes of the handreiking's occupations marked. Also the factor that scales a national occupation count to the
region with the region's own class share (residents, not jobs). Two groups are merged in the source
(07 Technisch + 08 ICT; 02 Creatief + 09 Agrarisch + 13 Overig) and are shown as merged.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, opsomming, procent

TOTAAL = "T"
BRON = ("Bron: CBS, Werkzame beroepsbevolking; beroepsklasse, regio (84916NED), 2022, naar woonregio (inwoners, geen "
        "banen), afgerond op duizendtallen; sleutels van de beroepsklassen afgeleid bij het verzamelen (twee groepen "
        "samengevoegd).")


def groep_van_klasse(klasse: str, groepen: list[str]) -> str | None:
    """The group code of the source ("07+08") that holds BRC class `klasse` ("07")."""
    return next((groep for groep in groepen if klasse in groep.split("+")), None)


def klassen(tabel: pd.DataFrame, gebied: str, lijst: pd.DataFrame) -> pd.DataFrame:
    """One row per class group of `gebied` (without the total): persons, share, share NL, location quotient, and
    the handreiking's occupations in that group (BRC class = first two digits of the code)."""
    rows = tabel[(tabel["gebied_code"] == gebied) & (tabel["beroepsklasse_code"] != TOTAAL)].copy()
    groepen = rows["beroepsklasse_code"].astype(str).tolist()
    per_groep: dict[str, list[str]] = {}
    for code, beroep in zip(lijst["brc_code"].astype(str), lijst["beroep"]):
        groep = groep_van_klasse(code[:2], groepen)
        if groep:
            per_groep.setdefault(groep, []).append(beroep)
    rows["beroepen_handreiking"] = [opsomming(per_groep.get(g, [])) for g in groepen]
    rows["handreiking"] = [g in per_groep for g in groepen]
    return rows.sort_values("locatiequotient", ascending=False).reset_index(drop=True)


def klassen_tabel(frame: pd.DataFrame) -> Tabel:
    return Tabel(frame, {
        "beroepsklasse_naam": Kolom("Beroepsklasse (CBS 84916NED)"),
        "werkzame_beroepsbevolking": Kolom("Werkzame inwoners (2022)", "getal"),
        "aandeel_pct": Kolom("Aandeel in de regio", "procent", 1),
        "aandeel_nl_pct": Kolom("Aandeel in Nederland", "procent", 1),
        "locatiequotient": Kolom("Locatiequotiënt", "getal", 2),
        "beroepen_handreiking": Kolom("Beroepen uit de handreiking"),
    })


def klasse_factoren(tabel: pd.DataFrame, regio: str | None) -> dict[str, float]:
    """BRC class ("11") → region's working residents in its group / Nederland's (2022). Empty for Nederland.

    A national occupation count × this factor assumes the occupation has the same share within its class
    group in the region as in Nederland: a better assumption than the region's share of all workers.
    """
    if not regio or regio == "NL00":
        return {}
    groepen = tabel[tabel["beroepsklasse_code"] != TOTAAL]
    regio_rows = groepen[groepen["gebied_code"] == regio].set_index("beroepsklasse_code")["werkzame_beroepsbevolking"]
    nl = groepen[groepen["gebied_code"] == "NL00"].set_index("beroepsklasse_code")["werkzame_beroepsbevolking"]
    factoren = {}
    for groep in regio_rows.index:
        if pd.notna(regio_rows[groep]) and pd.notna(nl.get(groep)) and nl[groep]:
            for klasse in str(groep).split("+"):
                factoren[klasse] = float(regio_rows[groep]) / float(nl[groep])
    return factoren


def antwoord(frame: pd.DataFrame, regio_naam: str) -> str:
    """How the classes of the handreiking's occupations are represented among the region's working residents."""
    if frame.empty:
        return f"Voor {regio_naam} publiceert CBS geen werkzame beroepsbevolking per beroepsklasse."
    delen = []
    for _, r in frame[frame["handreiking"]].iterrows():
        woord = "meer" if r["locatiequotient"] > 1.05 else "minder" if r["locatiequotient"] < 0.95 else "ongeveer even veel"
        delen.append(f"{r['beroepsklasse_naam']} ({r['beroepen_handreiking']}): {procent(r['aandeel_pct'], 1)} van de "
                     f"werkende inwoners, in Nederland {procent(r['aandeel_nl_pct'], 1)} (locatiequotiënt "
                     f"{getal(r['locatiequotient'], 2)}, naar verhouding {woord})")
    return (f"Beroepen van de werkende inwoners van {regio_naam} (CBS, 2022, naar woonregio: waar mensen wonen, niet "
            "waar ze werken): " + "; ".join(delen) + ".")
