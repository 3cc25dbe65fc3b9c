"""Which gemeenten CBS counted in a published region figure, compared with the 2025 indeling.

CBS publishes arbeidsmarktregio figures in several tables on the composition of the table's own
year. A published region figure is used only where that composition equals the 2025 one;
otherwise the region is the sum of its 2025 gemeenten, and the published figure, the difference
and the reason go to `regio_verschillen`.

How the composition is known, per source:

- declared: the table says which regional indeling it follows (86088NED: "regionale indeling
  2024"; the arbeidsmarktregio's of 2024 (85755NED) and 2025 (86059NED) hold the same gemeenten,
  see `tests/test_samenstelling.py`);
- detected: a count column that CBS publishes for gemeenten and regions alike (85525NED
  population 15–75, 83582NED jobs). Where the published region figure differs from the sum of
  its 2025 gemeenten by more than the rounding of the figures allows, CBS counted other
  gemeenten; the gemeente whose own figure equals the difference (counted in a region it no
  longer belongs to, or left out) names the reason, e.g. Olst-Wijhe, counted by 85525NED 2023
  in Veluwe Stedendriehoek and in 2025 part of Regio Zwolle.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from llo_dash.formatting import getal
from llo_dash.indicators import SECTOREN

GELIJK = "samenstelling gelijk aan de indeling 2025"


@dataclass(frozen=True)
class Samenstelling:
    """The published columns of one source that share one region composition."""

    bron: str
    kolommen: tuple[str, ...]
    referentie: str | None = None  # count column that reveals the composition; None: declared by the table
    afronding: float = 1.0  # rounding unit of the published gemeente and region figures of `referentie`
    bewijs: tuple[str, ...] = ()  # more counts of the table that tell gemeenten of about the same size apart
    verklaring: str = ""  # for a declared composition: why it equals the 2025 one


ONDERWIJS_KOLOMMEN = (
    "inwoners_15_75", "laag_opgeleid_pct", "middelbaar_opgeleid_pct", "hoog_opgeleid_pct", "basisonderwijs_pct",
    "laag_opgeleid", "middelbaar_opgeleid", "hoog_opgeleid", "basisonderwijs",
)
ARBEID_KOLOMMEN = (
    "werkzame_beroepsbevolking", "werkloze_beroepsbevolking", "beroepsbevolking", "niet_beroepsbevolking",
    "netto_arbeidsparticipatie_pct", "bruto_arbeidsparticipatie_pct", "werkloosheid_pct",
)
SAMENSTELLINGEN: tuple[Samenstelling, ...] = (
    Samenstelling("onderwijsniveau", ONDERWIJS_KOLOMMEN, referentie="inwoners_15_75", afronding=100,
                  bewijs=("laag_opgeleid", "middelbaar_opgeleid", "hoog_opgeleid", "basisonderwijs")),
    Samenstelling("banen", ("banen_werknemers",), referentie="banen_werknemers", afronding=100),
    Samenstelling(
        "arbeidsdeelname", ARBEID_KOLOMMEN,
        verklaring="86088NED volgt de regionale indeling 2024; die heeft dezelfde gemeenten per arbeidsmarktregio "
        "als 2025 (85755NED en 86059NED)",
    ),
)
BY_KOLOM = {kolom: samenstelling for samenstelling in SAMENSTELLINGEN for kolom in samenstelling.kolommen}


def tolerantie(afronding: float, aantal_gemeenten: int) -> float:
    """The largest difference rounding alone can make: half a unit per gemeente and for the region itself."""
    return afronding / 2 * (aantal_gemeenten + 1)


def _naam(code: str, namen: dict[str, str]) -> str:
    return f"{namen.get(code, code)} ({code})"


def vergelijk_samenstelling(
    gepubliceerd: pd.Series, gemeenten: pd.Series, regio_van: pd.Series, *, afronding: float,
    namen: dict[str, str] | None = None, bewijs: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Per region: does CBS's published figure have the 2025 composition, and if not, why not.

    `gepubliceerd` holds CBS's region figures (AM codes), `gemeenten` the same count per 2025
    gemeente, `regio_van` each gemeente's 2025 region. `bewijs` (published regions, gemeenten) holds
    more counts of the same table: they choose between gemeenten of about the same size. Returns one
    row per published region with `som_gemeenten`, `verschil`, `gelijk` (NA when a gemeente is
    missing) and `reden`.
    """
    namen = namen or {}
    gemeenten = gemeenten.astype("Float64")
    regio_van = regio_van.reindex(gemeenten.index)
    sommen, aantallen = _sums(gemeenten, regio_van)
    regios = gepubliceerd.dropna().index.intersection(sommen.index)
    verschil = (gepubliceerd.reindex(regios).astype("Float64") - sommen.reindex(regios)).astype("Float64")
    gaps = None
    if bewijs is not None:
        bewijs_sommen = bewijs[1].astype("Float64").groupby(regio_van.reindex(bewijs[1].index)).sum(min_count=1)
        gaps = (bewijs[0].reindex(regios).astype("Float64") - bewijs_sommen.reindex(regios)).astype("Float64")
    rows = []
    for regio in regios:
        diff = verschil[regio]
        marge = tolerantie(afronding, int(aantallen[regio]))
        if pd.isna(diff):
            rows.append((regio, sommen[regio], diff, pd.NA, "optelling onvolledig: niet elke gemeente heeft een waarde"))
        elif abs(diff) <= marge:
            rows.append((regio, sommen[regio], diff, True, f"{GELIJK} (verschil binnen de afronding)"))
        else:
            evidence = None if gaps is None else (gaps.loc[regio], bewijs[1])
            reden = _verklaar(regio, float(diff), gemeenten, regio_van, verschil, marge, namen, evidence)
            rows.append((regio, sommen[regio], diff, False, reden))
    frame = pd.DataFrame(rows, columns=["code", "som_gemeenten", "verschil", "gelijk", "reden"]).set_index("code")
    frame["gelijk"] = frame["gelijk"].astype("boolean")
    return frame


def _sums(gemeenten: pd.Series, regio_van: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Sum per 2025 region (missing when a gemeente is missing) and the number of gemeenten."""
    grouped = gemeenten.groupby(regio_van)
    complete = grouped.count() == grouped.size()
    return grouped.sum(min_count=1).where(complete), grouped.size()


def _verklaar(regio, diff, gemeenten, regio_van, verschil, marge, namen, evidence) -> str:
    """The gemeente whose figure equals the gap: counted in `regio` by CBS (diff > 0) or left out (diff < 0)."""
    waarden = gemeenten.dropna()
    elders = regio_van.reindex(waarden.index) != regio
    if diff > 0:
        kandidaten = waarden[elders & ((waarden - diff).abs() <= marge)]
    else:
        kandidaten = waarden[~elders & ((waarden + diff).abs() <= marge)]
        # CBS counted it in a region that shows the opposite gap.
        tegenhangers = verschil[(verschil - (-diff)).abs() <= marge].index.difference([regio])
        kandidaten = kandidaten if len(tegenhangers) else kandidaten.iloc[:0]

    def mismatch(code: str) -> float:
        sign = 1 if diff > 0 else -1
        score = abs(float(waarden[code]) - abs(diff)) / abs(diff)
        if evidence is not None:
            gaps, bewijs = evidence
            for kolom, gap in gaps.dropna().items():
                if gap and not pd.isna(bewijs.loc[code, kolom]):
                    score += abs(float(bewijs.loc[code, kolom]) - sign * float(gap)) / abs(float(gap))
        return score

    for gemeente in sorted(kandidaten.index, key=mismatch):
        waarde = getal(float(waarden[gemeente]))
        if diff > 0:
            andere = regio_van[gemeente]
            if andere in verschil.index and not pd.isna(verschil[andere]) and abs(float(verschil[andere]) + diff) > marge:
                continue
            return (f"CBS telde {_naam(gemeente, namen)}, {waarde}, bij deze regio; in de indeling 2025 hoort het "
                    f"bij {_naam(andere, namen)}")
        return f"CBS telde {_naam(gemeente, namen)}, {waarde}, niet bij deze regio; in de indeling 2025 hoort het erbij"
    return "samenstelling wijkt af van de indeling 2025 (verschil groter dan de afronding)"


def compare_compositions(gemeenten: pd.DataFrame, published: pd.DataFrame, indeling) -> dict[str, pd.DataFrame]:
    """Per source (`Samenstelling.bron`): `vergelijk_samenstelling` of its reference column, or its declaration."""
    regio_van = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"]
    namen = {**dict(zip(indeling.gemeenten["gemeente_code"], indeling.gemeenten["gemeente_naam"])),
             **dict(zip(indeling.regios["arbeidsmarktregio_code"], indeling.regios["arbeidsmarktregio_naam"]))}
    result = {}
    for samenstelling in SAMENSTELLINGEN:
        regios = published.index[published.index.str.startswith("AM")] if len(published) else published.index
        if samenstelling.referentie is None:
            result[samenstelling.bron] = pd.DataFrame(
                {"gelijk": pd.Series(True, index=regios, dtype="boolean"), "reden": samenstelling.verklaring}
            )
        elif samenstelling.referentie in published.columns and samenstelling.referentie in gemeenten.columns:
            bewijs = [kolom for kolom in samenstelling.bewijs if kolom in published.columns and kolom in gemeenten.columns]
            result[samenstelling.bron] = vergelijk_samenstelling(
                published.loc[regios, samenstelling.referentie], gemeenten[samenstelling.referentie], regio_van,
                afronding=samenstelling.afronding, namen=namen,
                bewijs=(published.loc[regios, bewijs], gemeenten[bewijs]) if bewijs else None,
            )
    return result


def composition_differs(compositions: dict[str, pd.DataFrame], kolom: str, index: pd.Index) -> pd.Series:
    """True for the regions whose published `kolom` was counted on another composition than 2025."""
    samenstelling = BY_KOLOM.get(kolom)
    if samenstelling is None or samenstelling.bron not in compositions:
        return pd.Series(False, index=index)
    gelijk = compositions[samenstelling.bron]["gelijk"].reindex(index)
    return (gelijk == False).fillna(False).astype(bool)  # noqa: E712 (nullable boolean)


_SPLITS = ("Nederland: het landelijke CBS-cijfer voor de hele eerste generatie en haar verdeling (KWB 2024, rij "
           "Nederland); de som van de gemeenten wijkt af doordat 170 gemeenten met de hele percentages van 1 januari "
           "2023 zijn verdeeld")
_VESTIGINGEN = ("Nederland: het landelijke CBS-cijfer voor alle vestigingen, totaal en sectoren (Fvw en KWB 2024 "
                "geven hetzelfde landelijke totaal); de sectoren zijn in de mirror maar voor 172 gemeenten bekend")
# Why the Nederland row of these columns is CBS's national figure (`indicators.NEDERLAND_CBS`): one method per row.
NEDERLAND_REDEN = {
    "eerste_generatie": "Nederland: het landelijke CBS-cijfer (85458NED), gelijk aan de som van de gemeenten",
    "eerste_generatie_europa": _SPLITS, "eerste_generatie_buiten_europa": _SPLITS,
    "bedrijfsvestigingen": _VESTIGINGEN, "vestigingen_totaal": _VESTIGINGEN,
    **{kolom: _VESTIGINGEN for kolom in SECTOREN},
}


def composition_reason(compositions: dict[str, pd.DataFrame], kolom: str, code: str, gebruikt: str) -> str:
    """Why a row of `regio_verschillen` uses the figure it uses (one Dutch sentence, no full stop)."""
    if code == "NL00":
        if kolom in NEDERLAND_REDEN:
            return NEDERLAND_REDEN[kolom]
        return ("Nederland: het landelijke CBS-cijfer" if gebruikt == "cbs_waarde"
                else "Nederland: som van de gemeenten (het CBS-cijfer staat ernaast)")
    samenstelling = BY_KOLOM.get(kolom)
    if samenstelling is not None and samenstelling.bron in compositions and code in compositions[samenstelling.bron].index:
        return str(compositions[samenstelling.bron].loc[code, "reden"])
    if gebruikt == "cbs_waarde":
        return "geen volledige optelling van gemeenten mogelijk: het CBS-cijfer van de regio"
    return "som van de gemeenten"
