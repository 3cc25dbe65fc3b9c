"""Jobs per SBI section of a region next to Nederland (table `banen_sector`, CBS 83582NED, live only), pure.

The table has rows only after a build with internet access; without them the page says so (`NIET_IN_MIRROR`).
"""

from __future__ import annotations

import pandas as pd

from llo_dash.columns import Kolom, Tabel
from llo_dash.formatting import getal, opsomming, procent
from llo_dash.views.queries import NEDERLAND

TOTAAL = "A-U"
NIET_IN_MIRROR = (
    "Banen per sector (CBS 83582NED) ontbreken: de bronbestanden van dit dashboard hebben uit die tabel alleen het "
    "totaal van alle sectoren (A-U); de banen per sector worden bij CBS opgehaald wanneer de gegevens met "
    "internettoegang worden gebouwd. Daarom hier vestigingen (KWB 2024)."
)


def bron(rijen: pd.DataFrame) -> str:
    """The source line of the table of `per_sector` (its period named)."""
    periode = str(rijen["periode"].iloc[0]) if not rijen.empty else "laatste jaar"
    return (f"Bron: CBS, Banen van werknemers in december; economische activiteit (SBI2008), regio (83582NED), {periode}, "
            "live opgehaald; banen naar werklocatie (niet naar woonplaats), in duizendtallen gepubliceerd. Geen schatting.")


def beschikbaar(tabel: pd.DataFrame | None) -> bool:
    """Whether the build fetched jobs per section (live)."""
    return tabel is not None and not tabel.empty and (tabel["sbi_code"] != TOTAAL).any()


def per_sector(tabel: pd.DataFrame, regio: str | None) -> pd.DataFrame:
    """One row per SBI section that Nederland has (A-U last) for the region or Nederland: banen, aandeel, banen
    and aandeel NL, LQ. A section without a row for the region stays in the table, empty (never 0)."""
    code = regio or NEDERLAND
    nl = tabel[tabel["gebied_code"] == NEDERLAND]
    eigen = tabel.loc[tabel["gebied_code"] == code, ["sbi_code", "banen", "aandeel_pct", "locatiequotient"]]
    rijen = nl[["sbi_code", "sbi_naam", "periode", "aandeel_nl_pct"]].merge(eigen, on="sbi_code", how="left")
    rijen["banen_nl"] = rijen["sbi_code"].map(nl.set_index("sbi_code")["banen"]).astype("Float64")
    rijen["gebied_code"] = code
    rijen["sbi"] = rijen["sbi_code"] + " " + rijen["sbi_naam"]
    rijen = rijen.assign(_totaal=rijen["sbi_code"] == TOTAAL).sort_values(["_totaal", "sbi_code"])
    return rijen.drop(columns="_totaal").reset_index(drop=True)


def tabel(rijen: pd.DataFrame, gebied_naam: str) -> Tabel:
    """The table of `per_sector`, the region's columns headed by its name."""
    kolommen = {"sbi": Kolom("SBI-sectie"), "banen": Kolom(f"Banen {gebied_naam}", "getal"),
                "aandeel_pct": Kolom(f"Aandeel {gebied_naam} (%)", "procent", 1)}
    if gebied_naam != "Nederland":
        kolommen |= {"banen_nl": Kolom("Banen Nederland", "getal"), "aandeel_nl_pct": Kolom("Aandeel Nederland (%)", "procent", 1),
                     "locatiequotient": Kolom("Locatiequotiënt", "getal", 2)}
    return Tabel(rijen, kolommen)


def zin(rijen: pd.DataFrame, gebied_naam: str) -> str:
    """The largest sections by jobs and, for a region, the sections clearly above the national share (LQ ≥ 1,2)."""
    secties = rijen[(rijen["sbi_code"] != TOTAAL) & rijen["banen"].notna()]
    geheim = rijen[(rijen["sbi_code"] != TOTAAL) & rijen["banen"].isna()]
    geheim_zin = (f"Geen cijfer (geheim of onbekend) voor {opsomming(geheim['sbi_naam'].tolist())}; niet als 0 geteld."
                  if not geheim.empty else "")
    if secties.empty:
        return f"Voor {gebied_naam} zijn geen banen per sector bekend. {geheim_zin}".strip()
    periode = str(rijen["periode"].iloc[0])
    grootste = secties.nlargest(3, "banen")
    delen = [f"Banen van werknemers in {gebied_naam}, {periode} (naar werklocatie): de meeste in "
             + opsomming([f"{r['sbi_naam']} ({getal(r['banen'], 0)}, {procent(r['aandeel_pct'], 1)})"
                          for _, r in grootste.iterrows()]) + "."]
    if gebied_naam != "Nederland":
        boven = secties[secties["locatiequotient"] >= 1.2].sort_values("locatiequotient", ascending=False)
        if not boven.empty:
            delen.append("Naar verhouding meer banen dan landelijk (locatiequotiënt 1,2 of meer) in "
                         + opsomming([f"{r['sbi_naam']} ({getal(r['locatiequotient'], 2)})" for _, r in boven.iterrows()]) + ".")
    return " ".join([*delen, geheim_zin]).strip()
