"""The page's sentences: the answers to the handreiking's two questions, the notes under tables, and the
source lines of the tables and figures, all from the figures (Markdown where shown as such).

Honesty rules followed here: a rough regional estimate says so wherever it appears; a % that no
source publishes is named as such, never guessed; a sector structure of only some gemeenten is never
shown as the region's; the occupation-to-sector-group mapping is said to be the dashboard's own.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash import sources
from llo_dash.formatting import getal, opsomming, procent
from llo_dash.views.queries import NEDERLAND, naam
from llo_dash.views.sectoren.banen_sector import NIET_IN_MIRROR
from llo_dash.views.sectoren.beroepen import (
    REGIONAAL,
    SpanningBron,
    handreiking_beroepen,
    regio_aandeel,
    schatting_afronden,
)
from llo_dash.views.sectoren.sectorstructuur import Sectorstructuur, sector_indeling, sectorgroepen_van_beroepen
from llo_dash.spanning import KRAP
from llo_dash.views.sectoren.typering import LandelijkeSpanning

NODIG_VOOR_SECTOREN = (
    "Voor een regiocijfer per sector zijn de cijfers van álle gemeenten nodig: CBS 83582NED (banen van "
    "werknemers naar SBI-sector en gemeente) of 81575NED (vestigingen van bedrijven naar SBI en gemeente), "
    "live op te halen bij CBS StatLine; ze zijn niet volledig in dit dashboard ingelezen."
)
BANEN_PER_SECTOR = NIET_IN_MIRROR  # offline (the normal case): jobs per section are not in the mirror
BANEN_LIVE = ("Banen per sector (CBS 83582NED, live opgehaald, naar werklocatie) staan in de tabel bij de sectorstructuur "
              "hieronder; de regels hierboven gaan over vestigingen.")
VESTIGINGEN_VOORBEHOUD = (
    "Let op: vestigingen zijn bedrijfslocaties, geen banen: een eenmanszaak telt even zwaar als een fabriek met "
    "honderden werknemers. De toedeling van beroepen aan sectorgroepen is een indeling van dit dashboard, geen CBS-cijfer."
)


# --- notes and small texts ------------------------------------------------------


def code_span(text: str) -> str:
    """User-supplied text (a file name) as a Markdown code span: nothing in it is interpreted."""
    return "`" + re.sub(r"[`\r\n]", "'", str(text)) + "`"


KLASSE_METHODE = (
    "grove schatting = landelijk aantal per beroep × (werkende inwoners van de regio in de beroepsklasse van dat beroep "
    "/ landelijk in die klasse; CBS 84916NED, 2022). Aanname: binnen de beroepsklasse dezelfde verdeling als landelijk. "
    "Het gaat om inwoners (woonregio), niet om banen in de regio. Schatting, geen telling."
)


def beroepen_toelichting(df: pd.DataFrame, regio: str | None, *, per_klasse: bool = False) -> str:
    """What the occupations table's empty cells and estimates mean (and, for a region, how its columns are made)."""
    tekst = ("\"niet gepubliceerd\": geen bron publiceert dit percentage per beroep. Laaggeletterde werkenden = werkzamen × "
             "gepubliceerd percentage (afgerond).")
    if regio and per_klasse:
        return tekst + f" Regiokolommen voor {naam(df, regio)}: {KLASSE_METHODE}"
    if regio:
        tekst += (f" Regiokolommen: grove schatting voor {naam(df, regio)} = landelijk aantal × aandeel van de regio in de "
                  f"werkzame beroepsbevolking ({procent(100 * regio_aandeel(df, regio), 1)}); er zijn geen openbare "
                  "regiocijfers per beroep.")
    return tekst


def geen_regiocijfer_tekst(structuur: Sectorstructuur) -> str:
    """Why a region without complete data gets no sector figure, and what the table per gemeente shows instead."""
    zonder = f" (geen gegevens voor {opsomming(structuur.zonder_gegevens)})" if structuur.zonder_gegevens else ""
    return (f"Vestigingen per sector: {structuur.dekking} hebben gegevens{zonder}; geen regiocijfer (een optelling van een deel "
            "van de gemeenten zou de regio verkeerd weergeven). Hieronder per gemeente: het locatiequotiënt is het "
            "aandeel van een sector in de vestigingen van de gemeente gedeeld door dat aandeel in Nederland (boven 1 = "
            "naar verhouding meer dan in Nederland).")



# --- the two handreiking questions, answered in sentences -----------------------


def _pct_tekst(row) -> str:
    delen = []
    if not pd.isna(row["pct_laaggeletterd"]):
        delen.append(f"{procent(row['pct_laaggeletterd'], 0)} laaggeletterd")
    if not pd.isna(row["pct_laaggecijferd"]):
        delen.append(f"{procent(row['pct_laaggecijferd'], 0)} laaggecijferd")
    if not pd.isna(row["pct_laaggeletterd_en_of_laaggecijferd"]):
        delen.append(f"{procent(row['pct_laaggeletterd_en_of_laaggecijferd'], 0)} laaggeletterd en/of laaggecijferd")
    return ", ".join(delen)


def spanning_tekst(row) -> str:
    """"1,85; krap; regio 2024K3" — value, type, and where and when it comes from."""
    if pd.isna(row["spanningsindicator"]):
        return "spanning onbekend"
    waar = "regio" if row["spanning_herkomst"] == REGIONAAL else "landelijk"
    return f"{getal(row['spanningsindicator'], 2)}; {row['spanning_typering']}; {waar} {row['spanning_periode']}"


def _lq_woorden(lq: float) -> str:
    """"meer", "minder" or "even veel", as the location quotient reads with 2 decimals."""
    if getal(lq, 2) == "1,00":
        return "even veel"
    return "meer" if lq > 1 else "minder"


def _vergelijking_landelijk(lq: float) -> str:
    """"naar verhouding meer vestigingen dan landelijk" (or minder …, or even veel … als landelijk)."""
    woord = _lq_woorden(lq)
    return f"naar verhouding {woord} vestigingen {'als' if woord == 'even veel' else 'dan'} landelijk"


def _in_gemeenten(aantal: int, totaal: int, uitzonderingen: list[str]) -> str:
    """"alle 6 gemeenten met gegevens" / "5 van de 6 gemeenten met gegevens (niet in Eemnes)"."""
    if aantal == totaal:
        return f"alle {totaal} gemeenten met gegevens"
    tekst = f"{aantal} van de {totaal} gemeenten met gegevens"
    if len(uitzonderingen) <= 2:
        tekst += f" (niet in {opsomming(uitzonderingen)})"
    return tekst


def _regio_per_sector(groep: dict, structuur: Sectorstructuur) -> str:
    """How one sector group is represented in the region: its location quotient when the region is complete,
    else per gemeente with data (in how many it is above or below Nederland); "" without data."""
    kolom, regio_naam = groep["sector_kolom"], structuur.gebied_naam
    if structuur.volledig:
        r = structuur.regio_tabel.set_index("sector_kolom").loc[kolom]
        return (f"In {regio_naam} {procent(r['aandeel_pct'], 1)} van de vestigingen, in Nederland "
                f"{procent(r['aandeel_nl_pct'], 1)} (locatiequotiënt {getal(r['locatiequotient'], 2)}: naar verhouding "
                f"{_lq_woorden(r['locatiequotient'])}).")
    if not structuur.gemeenten_met_gegevens:
        return ""
    per_gemeente = structuur.gemeenten[structuur.gemeenten["sector_kolom"] == kolom]
    woorden = [(g, _lq_woorden(lq)) for g, lq in zip(per_gemeente["gemeente"], per_gemeente["locatiequotient"])]
    n = len(woorden)
    if n == 1:
        gemeente, lq = per_gemeente["gemeente"].iloc[0], per_gemeente["locatiequotient"].iloc[0]
        return (f"In {gemeente}, de enige gemeente van {regio_naam} met gegevens: {_vergelijking_landelijk(lq)} "
                f"(locatiequotiënt {getal(lq, 2)}).")
    tellingen = {w: [g for g, woord in woorden if woord == w] for w in ("meer", "minder", "even veel")}
    # Never "In <regio>:" when gemeenten lack data: the count is of the gemeenten with data only.
    wie = f"In {regio_naam}" if not structuur.zonder_gegevens else "Bij de gemeenten met gegevens"
    for woord in ("meer", "minder"):
        if len(tellingen[woord]) > n / 2:
            anders = [g for g, w in woorden if w != woord]
            return (f"{wie}: naar verhouding {woord} vestigingen dan landelijk in "
                    f"{_in_gemeenten(len(tellingen[woord]), n, anders)}.")
    delen = [f"meer dan landelijk in {len(tellingen['meer'])}", f"minder in {len(tellingen['minder'])}"]
    if tellingen["even veel"]:
        delen.append(f"even veel in {len(tellingen['even veel'])}")
    return f"{wie}: wisselend (van de {n} gemeenten met gegevens: {', '.join(delen)})."


def _sector_regel(groep: dict, structuur: Sectorstructuur | None) -> str:
    """One bullet: the sector group, its occupations (national workers) and, for a region, how it is represented."""
    delen = []
    if groep["beroepen"]:
        samen = "samen " if len(groep["beroepen"]) > 1 else ""
        delen.append(f"{opsomming(groep['beroepen'])} ({samen}{getal(groep['werkzaam_nl'])} werkenden in Nederland)")
    ook = [f"een deel van de {beroep} ({bedrijven})" for beroep, bedrijven in groep["ook"]]
    if ook:
        delen.append(("ook " if groep["beroepen"] else "") + opsomming(ook))
    regel = f"- **{groep['sector']}**: " + "; ".join(delen) + "."
    regionaal = _regio_per_sector(groep, structuur) if structuur is not None else ""
    return regel + (f" {regionaal}" if regionaal else "")


def _dekking_tekst(structuur: Sectorstructuur) -> str:
    """Which gemeenten of the region have vestigingen per sector, and what the comparison means."""
    regio_naam = structuur.gebied_naam
    if structuur.volledig:
        return (f"Vestigingen per sectorgroep zijn bekend voor alle {structuur.gemeenten_totaal} gemeenten van "
                f"{regio_naam}. Het locatiequotiënt is het aandeel van de sectorgroep in alle vestigingen van de regio, "
                "gedeeld door dat aandeel in Nederland (boven 1 = naar verhouding meer).")
    if not structuur.gemeenten_met_gegevens:
        return (f"Vestigingen per sectorgroep zijn voor geen van de {structuur.gemeenten_totaal} gemeenten van "
                f"{regio_naam} bekend, dus hier is niet te zien hoe deze sectorgroepen in de regio vertegenwoordigd zijn.")
    welke = f" (geen gegevens voor {opsomming(structuur.zonder_gegevens)})" if structuur.zonder_gegevens else ""
    return (f"Vestigingen per sectorgroep zijn bekend voor {structuur.dekking}{welke}, dus er is geen regiocijfer: "
            "een optelling van een deel van de gemeenten zou de regio verkeerd weergeven. Daarom per gemeente: het "
            "aandeel van de sectorgroep in alle vestigingen van de gemeente tegen dat in Nederland (locatiequotiënt "
            "boven of onder 1; de figuur per gemeente staat hieronder).")


def ontbrekende_gemeenten_zin(structuur: Sectorstructuur) -> str:
    """The warning that opens the regional answer when gemeenten lack vestigingen per sector: names them all and
    says that no conclusion about the region follows; "" when every gemeente has data (or for Nederland)."""
    if not structuur.zonder_gegevens:
        return ""
    return (f"**Geen vestigingencijfers per sector voor {opsomming(structuur.zonder_gegevens)}; daarom geen conclusie over "
            f"{structuur.gebied_naam} als geheel.** Hieronder alleen wat de {structuur.gemeenten_met_gegevens} gemeenten "
            "met gegevens laten zien.")


def antwoord_sectoren(overzicht: pd.DataFrame, df: pd.DataFrame, regio: str | None, structuur: Sectorstructuur,
                      *, indeling: pd.DataFrame | None = None, banen_per_sector: bool = False) -> str:
    """Plain-Dutch answer (Markdown) to "In welke sectoren werken meer mensen die moeite hebben met
    basisvaardigheden? Hoe zijn deze sectoren vertegenwoordigd in onze regio?", from the figures.

    National part: the lists, the published %, national workers and estimated low-literate workers. Then per
    KWB sector group where these occupations mostly work (`indeling`, the dashboard's own mapping; read from
    the reference table when not given) a bullet with its occupations and, for a region, how the group is
    represented there: its location quotient when every gemeente has data, else per gemeente with data.
    """
    if indeling is None:
        indeling = sector_indeling()
    lijst = handreiking_beroepen(overzicht)
    met_pct = lijst[lijst[["pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd"]].notna().any(axis=1)]
    met_pct = met_pct.sort_values("pct_matrix", ascending=False)
    zonder_pct = len(lijst) - len(met_pct)
    genoemd = [f"{row['beroep']} ({_pct_tekst(row)})" for _, row in met_pct.iterrows()]
    zinnen = [
        f"De handreiking noemt {len(lijst)} beroepen waarin laaggeletterdheid of laaggecijferdheid veel voorkomt "
        f"(twee top-10-lijsten)."
    ]
    if genoemd:
        zinnen.append(
            f"Gepubliceerde percentages zijn er voor {opsomming(genoemd)} (ROA 2019); voor de andere {zonder_pct} beroepen "
            "is geen percentage per beroep gepubliceerd."
        )
    # Totals from the unrounded estimates, rounded once (a sum of rounded parts looks more precise than it is).
    ll_nl = schatting_afronden((lijst["werkzaam_nl"] * lijst["pct_laaggeletterd"] / 100).sum(min_count=1))
    zinnen.append(
        f"In Nederland werken {getal(lijst['werkzaam_nl'].sum())} mensen in deze {len(lijst)} beroepen (CBS, 2023)"
        + (f"; in de {int(met_pct['laaggeletterd_nl'].notna().sum())} beroepen met een gepubliceerd percentage "
           f"laaggeletterdheid zijn naar schatting {getal(ll_nl)} werkenden laaggeletterd." if not pd.isna(ll_nl) else ".")
    )
    groepen, zonder_sector = sectorgroepen_van_beroepen(overzicht, indeling)
    regionaal = bool(regio) and regio != NEDERLAND
    waarschuwing = ontbrekende_gemeenten_zin(structuur) if regionaal else ""
    delen = ([waarschuwing] if waarschuwing else []) + [" ".join(zinnen)]
    if groepen:
        inleiding = (
            "Volgens de indeling van dit dashboard (een eigen toedeling op basis van de SBI-bedrijfsindeling, geen "
            "CBS-cijfer: er is geen openbare telling van deze beroepen per sector) werken ze vooral in deze sectorgroepen"
            + (f", met hoe die in {structuur.gebied_naam} vertegenwoordigd zijn:" if regionaal else ":")
        )
        regels = [_sector_regel(groep, structuur if regionaal else None) for groep in groepen]
        delen.append(inleiding + "\n\n" + "\n".join(regels))
    if zonder_sector:
        delen.append(f"Zonder sectorgroep in de indeling: {opsomming(zonder_sector)}.")
    if regionaal:
        delen.append(_dekking_tekst(structuur) + " " + VESTIGINGEN_VOORBEHOUD + " "
                     + (BANEN_LIVE if banen_per_sector else BANEN_PER_SECTOR))
    else:
        delen.append("Kies links een arbeidsmarktregio om te zien hoe deze sectorgroepen in de regio vertegenwoordigd zijn.")
    return "\n\n".join(delen)


def landelijke_vergelijking(totaal: LandelijkeSpanning) -> str:
    """The sentence comparing with the whole country: latest typology (period named), and the latest value
    only as published, with its own period when that is earlier. No value is made up."""
    if totaal.waarde is not None:
        return (f"Ter vergelijking: de arbeidsmarkt in heel Nederland was in {totaal.periode} {totaal.typering} "
                f"({getal(totaal.waarde, 2)}; laatst gepubliceerde landelijke cijfer).")
    herkomst = ("typering afgeleid uit de tekst van de bron" if totaal.typering_herkomst == "afgeleid uit tekst"
                else "laatst gepubliceerde typering")
    zin = (f"Ter vergelijking: de arbeidsmarkt in heel Nederland was in {totaal.periode} {totaal.typering} "
           f"({herkomst}; UWV gaf daarbij geen waarde).")
    if totaal.laatste_waarde is not None:
        zin += (f" De laatst gepubliceerde waarde is {getal(totaal.laatste_waarde, 2)} ({totaal.waarde_typering}), "
                f"voor {totaal.waarde_periode}.")
    return zin


def upload_herkomst(bron: SpanningBron, *, markdown: bool = True) -> str:
    """"de upload `x.csv`" or "het bestand `x.csv` uit de map met uploads (`/pad`)"; plain quotes without `markdown`."""
    def toon(tekst: str) -> str:
        return code_span(tekst) if markdown else f"'{tekst}'"
    if bron.uit_map:
        return f"het bestand {toon(bron.bestandsnaam)} uit de map met uploads ({toon(bron.uit_map)})"
    return f"de upload {toon(bron.bestandsnaam)}"


def antwoord_tekorten(overzicht: pd.DataFrame, df: pd.DataFrame, regio: str | None, bron: SpanningBron,
                      landelijk_totaal: LandelijkeSpanning | None = None, *,
                      sector_zinnen: dict[str, str] | None = None) -> str:
    """Plain-Dutch answer to "In welke sectoren zijn arbeidsmarkttekorten waar scholing een antwoord op kan zijn?".

    Never "not tight" from missing values: without a tension value an occupation is named as unknown, with the
    vacancy rate of its main sector when `sector_zinnen` (occupation → sentence part, see
    `vacatures.sector_zin`) gives one."""
    lijst = handreiking_beroepen(overzicht)
    bekend = lijst[lijst["spanningsindicator"].notna()].sort_values("spanningsindicator", ascending=False)
    onbekend = lijst[lijst["spanningsindicator"].isna()]
    regionaal = int((bekend["spanning_herkomst"] == REGIONAAL).sum())
    if bron.regionaal and regionaal:
        periode = bron.periode or opsomming(sorted(bekend.loc[bekend["spanning_herkomst"] == REGIONAAL, "spanning_periode"].unique()))
        zin = (f"Spanning op de arbeidsmarkt: de UWV-spanningsindicator van {naam(df, regio)} uit "
               f"{upload_herkomst(bron)} (periode {periode}) voor {regionaal} van de {len(lijst)} beroepen")
        if regionaal < len(bekend):
            rest = len(bekend) - regionaal
            zin += f", de landelijk gepubliceerde waarde voor {rest} {'beroep' if rest == 1 else 'beroepen'}"
        zinnen = [zin + "."]
    else:
        zinnen = [
            f"Spanning op de arbeidsmarkt: de landelijke UWV-spanningsindicator zoals gepubliceerd (periode per beroep) "
            f"is bekend voor {len(bekend)} van de {len(lijst)} beroepen."
        ]
    krap = bekend[bekend["spanning_typering"].isin(KRAP)]
    niet_krap = bekend[~bekend["spanning_typering"].isin(KRAP)]
    if not krap.empty:
        zinnen.append("Krap of zeer krap: " + opsomming([f"{r['beroep']} ({spanning_tekst(r)})" for _, r in krap.iterrows()]) + ".")
        kansrijk = krap[krap["pct_matrix"].notna()]
        if not kansrijk.empty:
            zinnen.append(
                "Veel laaggeletterdheid én krapte, dus kansrijk om met werkgevers scholing te organiseren: "
                + opsomming([f"{r['beroep']} ({procent(r['pct_matrix'], 0)} {r['pct_matrix_maat']})" for _, r in kansrijk.iterrows()])
                + "."
            )
    elif bekend.empty:
        zinnen.append("Voor geen van deze beroepen is een spanningsindicator bekend, dus of ze krap zijn valt hieruit "
                      "niet af te leiden.")
    else:
        periodes = opsomming(sorted(bekend["spanning_periode"].dropna().astype(str).unique()))
        wie = ("Het enige beroep met een bekende spanningsindicator" if len(bekend) == 1 else
               f"Geen van de {len(bekend)} beroepen met een bekende spanningsindicator")
        zinnen.append(f"{wie} ({periodes}) is niet krap of zeer krap; voor de andere {len(onbekend)} is de spanning "
                      "onbekend, wat niet betekent dat ze niet krap zijn.")
    if not niet_krap.empty:
        zinnen.append("Niet krap: " + opsomming([f"{r['beroep']} ({spanning_tekst(r)})" for _, r in niet_krap.iterrows()]) + ".")
    if not onbekend.empty:
        zinnen.append(
            f"Geen spanningsindicator bekend voor {opsomming(onbekend['beroep'].tolist())}"
            + ("; upload de UWV-cijfers van de regio om dat aan te vullen." if not bron.regionaal else ".")
        )
        met_sector = [sector_zinnen[b] for b in onbekend["beroep"] if sector_zinnen and b in sector_zinnen]
        if met_sector:
            zinnen.append("In plaats daarvan de landelijke vacaturegraad van de sector waar ze vooral werken (vacatures "
                          "(CBS), geen spanningsindicator; toedeling aan sectoren door dit dashboard): "
                          + "; ".join(met_sector) + ".")
    if landelijk_totaal:
        zinnen.append(landelijke_vergelijking(landelijk_totaal))
    return " ".join(zinnen)


# --- source lines ----------------------------------------------------------------


def _bronregels(bron: SpanningBron, regio: str | None, per_klasse: bool = False) -> dict[str, str]:
    werkzamen = sources.get("beroepen_werkzamen")
    regels = {
        "werkzamen": f"Werkzame beroepsbevolking per beroep: Bron: CBS, Werkzame beroepsbevolking; beroep (85276NED), "
                     f"jaargemiddelde 2023, afgerond op duizendtallen ({werkzamen.licence}).",
        "lijsten": "Beroepenlijsten: Handreiking professionaliseringsopgave LLO-Collectieven. Percentages "
                   "laaggeletterd/laaggecijferd per beroep: ROA (2019), Spreiding van laaggeletterdheid, zoals geciteerd "
                   "door AD en NOS; niet voor elk beroep gepubliceerd.",
        "schatting": "Laaggeletterde werkenden in Nederland: schatting LLO Regiodashboard = werkzamen × gepubliceerd "
                     "percentage (percentage 2019, werkzamen 2023). Schatting, geen telling.",
    }
    if regio and per_klasse:
        regels["regio"] = "Regio: " + KLASSE_METHODE
    elif regio:
        regels["regio"] = (
            "Regio: grove schatting LLO Regiodashboard = landelijk aantal × aandeel van de regio in de werkzame "
            "beroepsbevolking (CBS 86088NED, 2024). Aanname: de regio heeft dezelfde beroepenverdeling als Nederland. "
            "Schatting, geen telling."
        )
    if bron.regionaal:
        regels["spanning"] = (
            f"Spanningsindicator: UWV, regionale cijfers uit {upload_herkomst(bron, markdown=False)} "
            f"({'periode ' + bron.periode if bron.periode else 'laatste periode per beroep'}); waar de upload geen "
            "waarde heeft, de landelijke gepubliceerde waarde. "
            + ("Alleen in deze sessie, niet opgeslagen." if not bron.uit_map else "Het bestand wordt alleen gelezen.")
        )
    else:
        regels["spanning"] = (
            "Spanningsindicator: UWV (openstaande vacatures per persoon met een kortdurende WW-uitkering), landelijk per "
            "beroepsgroep zoals gepubliceerd in UWV-berichten en nieuwsberichten die UWV citeren; periode per beroep."
        )
    return regels


def bronregels(bron: SpanningBron, regio: str | None = None, *, per_klasse: bool = False) -> list[str]:
    """The source lines of the occupations table (Dutch, one fact per line); with `regio` also the line of the
    rough regional estimate. The file name of an upload is in it as cleaned by `upload.validate_tension_upload`; escape the
    lines where Markdown renders them (`formatting.markdown_veilig`)."""
    return list(_bronregels(bron, regio, per_klasse).values())


# Which source lines each figure needs: what it draws, and nothing it does not.
FIGUUR_BRONNEN = {
    # workers per occupation (85276NED), the low-literate part (published % × workers: an estimate),
    # the region's rough estimate (when shown), and the tension written after each bar
    "beroepen": ("werkzamen", "lijsten", "schatting", "regio", "spanning"),
    # x = published %, y = tension, bubble = workers in Nederland
    "matrix": ("werkzamen", "lijsten", "spanning"),
}


def figuur_bronregels(bron: SpanningBron, regio: str | None, figuur: str, *, per_klasse: bool = False) -> list[str]:
    """The source lines of one figure (`FIGUUR_BRONNEN`); `regio` only when the figure shows the region's
    rough estimate."""
    regels = _bronregels(bron, regio, per_klasse)
    return [regels[deel] for deel in FIGUUR_BRONNEN[figuur] if deel in regels]

