"""Doelgroep: the tables of who the target group is in an area (each a `columns.Tabel` of real numbers).

Key figures next to Nederland, the estimate by origin and work, its composition next to Nederland, and
the table per gemeente. Missing values stay missing; every estimate carries its interval where the
build wrote one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from llo_dash import indicators
from llo_dash.columns import PER_RIJ, Kolom, Tabel
from llo_dash.indicators import ARBEID_GROEPEN, GROEP_KORT, GROEP_LABELS, HERKOMST_GROEPEN, LEEFTIJD_GROEPEN
from llo_dash.indicators import LAAGGELETTERD as TOTAAL
from llo_dash.views import gebiedstabel, queries
from llo_dash.views.queries import NEDERLAND, aandeel, als_float, rij

# Key figures of the page, in this order (count before percentage).
KERN_KOLOMMEN = (
    "laaggeletterd_16_65", "laaggeletterd_16_65_pct",
    "laaggeletterd_66_75", "laaggeletterd_66_75_pct",
    "laaggeletterd_16_75", "laaggeletterd_16_75_pct",
    "laaggecijferd_16_65", "laaggecijferd_16_65_pct",
    "laag_opgeleid", "laag_opgeleid_pct",
    "werkzame_beroepsbevolking", "netto_arbeidsparticipatie_pct",
    "werkloze_beroepsbevolking", "werkloosheid_pct",
    "bijstandsuitkeringen", "ww_personen",
)
# The four headline metrics above the sentences.
KERN_METRICS = ("laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggecijferd_16_65_pct", "laag_opgeleid_pct")

TOTAAL_LABEL = "Totaal"
# (kenmerk, group ids): per kenmerk the groups add up to the total 16–65 (column `laaggeletterd_<id>`).
SAMENSTELLING = (
    ("Herkomst", ("nt1", "nt2_europa", "nt2_buiten_europa")),
    ("Arbeid", ARBEID_GROEPEN),
    ("Leeftijd", LEEFTIJD_GROEPEN),
)

# The table per gemeente, and what the gemeente map can show.
GEMEENTE_KOLOMMEN = (
    "laaggeletterd_16_65", "laaggeletterd_16_65_pct", "laaggeletterd_nt1", "laaggeletterd_nt2",
    "laaggeletterd_werkend", "laaggeletterd_werkzoekend", "laaggeletterd_inactief",
    "laaggeletterd_16_75_pct", "laaggecijferd_16_65_pct",
    "laag_opgeleid", "laag_opgeleid_pct", "werkzame_beroepsbevolking", "netto_arbeidsparticipatie_pct",
    "werkloze_beroepsbevolking", "werkloosheid_pct", "eerste_generatie_pct",
)
KAART_OPTIES = (
    "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggeletterd_nt2", "laaggeletterd_werkend",
    "laaggecijferd_16_65_pct", "laaggeletterd_16_75_pct", "laag_opgeleid_pct", "netto_arbeidsparticipatie_pct",
    "werkloosheid_pct", "eerste_generatie_pct",
)

# Headers of the NT1/NT2 × work table: every number in it is an estimate, and says so (also in a CSV).
NT_KOPPEN = {groep: f"{GROEP_KORT[groep]} (schatting)" for groep in ARBEID_GROEPEN}
NT_TOTAAL = f"{TOTAAL_LABEL} (schatting)"
NT_AANDEEL = "Aandeel van het totaal (%, schatting)"


def kern_kolommen(df: pd.DataFrame, kolommen: Sequence[str] = KERN_KOLOMMEN) -> list[str]:
    """The key figures of `kolommen` that the built table has."""
    return [kolom for kolom in kolommen if kolom in df.columns]


def kerncijfers_tabel(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str] = KERN_KOLOMMEN) -> Tabel:
    """Key figures of each area in `codes` side by side (`queries.kerncijfers`), each row in its indicator's unit.

    Columns: Indicator, Eenheid, Schatting (ja/nee); per area its value, lower and upper bound (ids
    `gebied_<i>`, `gebied_<i>_laag`, `gebied_<i>_hoog`, headers "<titel>", "<titel>, ondergrens", …);
    when the first area is not Nederland the difference with Nederland (percentages, in percentage points)
    and the share of Nederland (counts, two decimals); then Bron. The frame keeps the indicator of each
    row in column `kolom` (not shown).
    """
    codes = list(dict.fromkeys(codes))
    kolommen = kern_kolommen(df, kolommen)
    metas = [indicators.get(kolom) for kolom in kolommen]
    frame = pd.DataFrame({
        "kolom": kolommen,
        "indicator": [meta.label for meta in metas],
        "eenheid": ["%" if meta.is_percentage else meta.eenheid for meta in metas],
        "schatting": ["ja" if meta.schatting else "nee" for meta in metas],
    })
    koppen = {"indicator": Kolom("Indicator"), "eenheid": Kolom("Eenheid"), "schatting": Kolom("Schatting")}
    for i, code in enumerate(codes):
        cijfers = queries.kerncijfers(df, code, kolommen)
        titel = queries.gebied_titel(df, code)
        for suffix, veld, kop in (("", "gebied", titel), ("_laag", "ondergrens", f"{titel}, ondergrens"),
                                  ("_hoog", "bovengrens", f"{titel}, bovengrens")):
            frame[f"gebied_{i}{suffix}"] = cijfers[veld].to_numpy()
            koppen[f"gebied_{i}{suffix}"] = Kolom(kop, PER_RIJ)
        if i == 0 and code != NEDERLAND:
            eerste = cijfers
    if codes[0] != NEDERLAND:
        # Percentages all have one decimal, so the difference has one too.
        frame["verschil"] = eerste["verschil"].to_numpy()
        koppen["verschil"] = Kolom("Verschil met Nederland (procentpunt)", "verschil", 1)
        frame["aandeel_nederland"] = eerste["aandeel_nederland"].to_numpy()
        koppen["aandeel_nederland"] = Kolom("Aandeel van Nederland (%)", "procent", 2)
    frame["bron"] = [queries.bronvermelding(kolom) for kolom in kolommen]
    koppen["bron"] = Kolom("Bron")
    return Tabel(frame, koppen, [queries.opmaak(kolom) for kolom in kolommen])


def nt_arbeid_tabel(df: pd.DataFrame, code: str) -> Tabel:
    """Estimated low-literates 16–65, NT1/NT2 (rows, + Totaal) × werkend/werkzoekend/niet-werkend (columns, + Totaal),
    and each row's share of the total. Every row and column adds up to its total; every header says "(schatting)".

    The frame keeps the group id of each row in column `groep_id` ("nt1", "nt2", "totaal"; not shown).
    """
    row = rij(df, code)
    frame = pd.DataFrame({"groep_id": [*HERKOMST_GROEPEN, "totaal"],
                          "groep": [*(GROEP_LABELS[groep] for groep in HERKOMST_GROEPEN), TOTAAL_LABEL]})
    for arbeid in ARBEID_GROEPEN:
        frame[arbeid] = [*(als_float(row[f"laaggeletterd_{herkomst}_{arbeid}"]) for herkomst in HERKOMST_GROEPEN),
                         als_float(row[f"laaggeletterd_{arbeid}"])]
    frame["totaal"] = [*(als_float(row[f"laaggeletterd_{herkomst}"]) for herkomst in HERKOMST_GROEPEN),
                       als_float(row[TOTAAL])]
    frame["aandeel"] = [aandeel(value, frame["totaal"].iloc[-1]) for value in frame["totaal"]]
    koppen = {"groep": Kolom("Groep"), **{arbeid: Kolom(NT_KOPPEN[arbeid], "getal") for arbeid in ARBEID_GROEPEN},
              "totaal": Kolom(NT_TOTAAL, "getal"), "aandeel": Kolom(NT_AANDEEL, "procent", 0)}
    return Tabel(frame, koppen)


def samenstelling_tabel(df: pd.DataFrame, code: str) -> Tabel:
    """Composition of the estimated low-literates 16–65 by origin, work and age, next to Nederland.

    Columns: Kenmerk, Groep, Aantal (schatting), Aandeel (%), and (unless `code` is Nederland)
    Aandeel Nederland (%) and Verschil (procentpunt). Per kenmerk the counts add up to the total
    and the shares to 100. The frame keeps each row's group id in column `groep_id` (not shown).
    """
    row, nl = rij(df, code), rij(df, NEDERLAND)
    rijen = [(kenmerk, groep) for kenmerk, groepen in SAMENSTELLING for groep in groepen]
    frame = pd.DataFrame({"groep_id": [groep for _, groep in rijen], "kenmerk": [kenmerk for kenmerk, _ in rijen],
                          "groep": [GROEP_LABELS[groep] for _, groep in rijen]})
    frame["aantal"] = [als_float(row[f"laaggeletterd_{groep}"]) for _, groep in rijen]
    frame["aandeel"] = [aandeel(row[f"laaggeletterd_{groep}"], row[TOTAAL]) for _, groep in rijen]
    koppen = {"kenmerk": Kolom("Kenmerk"), "groep": Kolom("Groep"), "aantal": Kolom("Aantal (schatting)", "getal"),
              "aandeel": Kolom("Aandeel (%)", "procent", 1)}
    if code != NEDERLAND:
        frame["aandeel_nederland"] = [aandeel(nl[f"laaggeletterd_{groep}"], nl[TOTAAL]) for _, groep in rijen]
        frame["verschil"] = frame["aandeel"] - frame["aandeel_nederland"]
        koppen["aandeel_nederland"] = Kolom("Aandeel Nederland (%)", "procent", 1)
        koppen["verschil"] = Kolom("Verschil (procentpunt)", "verschil", 1)
    return Tabel(frame, koppen)


def gemeenten(df: pd.DataFrame, regio: str | None = None) -> pd.DataFrame:
    """The gemeente rows of region `regio` (all 342 when None), sorted by name, with the columns of the page."""
    return gebiedstabel.rijen(df, "gemeente", (*GEMEENTE_KOLOMMEN, *KAART_OPTIES), regio)


def gemeentetabel(df: pd.DataFrame, regio: str | None) -> Tabel:
    """Per gemeente of the region (all without one) the estimates with intervals and the context."""
    return gebiedstabel.gebiedstabel(gemeenten(df, regio), GEMEENTE_KOLOMMEN, "gemeente")


MAX_BUREN = 4  # neighbours next to the area in the key-figure table (plus its region and Nederland): fits a laptop


def vergelijk_standaard(code: str, regio: str | None, buren: Mapping[str, Sequence[str]]) -> list[str]:
    """The default areas of the key-figure table: the area, its neighbours (a shared border, longest first;
    `llo_dash.views.buren`), for a gemeente its region, then Nederland."""
    naast = [buur for buur in buren.get(code, ()) if buur != code][:MAX_BUREN]
    return list(dict.fromkeys([code, *naast, *([regio] if regio and regio != code else []), NEDERLAND]))


def kern_scherm(tabel: Tabel) -> list[str]:
    """The screen's column order of `kerncijfers_tabel`: indicator and each area's value first, the bounds (in the
    download) left off screen so the table fits a laptop."""
    ids = ["indicator", *(kolom for kolom in tabel.frame.columns if kolom.startswith("gebied_")
                          and not kolom.endswith(("_laag", "_hoog"))), "verschil", "eenheid", "schatting"]
    return [tabel.kolommen[kolom].label for kolom in ids if kolom in tabel.kolommen]
