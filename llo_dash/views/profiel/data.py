"""Regioprofiel: the answers of one arbeidsmarktregio to the handreiking's questions, in order.

Nothing is computed here that a page already computes: the sentences, tables and figures come from the
views of Doelgroep, Vindplaatsen, Sectoren & beroepen and Vergelijken; this module only picks them, in the
handreiking's order, and makes the tables compact (fewer columns) for paper and slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from llo_dash import tables
from llo_dash.columns import Tabel
from llo_dash.figures import kaart_statisch
from llo_dash.views import buren as buren_
from llo_dash.views import doelgroep, queries, vindplaatsen
from llo_dash.views.profiel.text import VERWIJZINGEN, Verwijzing
from llo_dash.views.queries import NEDERLAND
from llo_dash.views.sectoren import beroepen, sectorstructuur, typering
from llo_dash.views.sectoren import figures as sector_figuren
from llo_dash.views.sectoren import text as sector_tekst

KAART_INDICATOR = "laaggeletterd_16_65_pct"
BUREN_KOLOMMEN = ("laaggeletterd_16_65_pct", "laaggecijferd_16_65_pct", "laag_opgeleid_pct", "werkloosheid_pct",
                  "eerste_generatie_pct")
GEMEENTE_KOLOMMEN = ("naam", "laaggeletterd_16_65", "laaggeletterd_16_65_pct", "laaggeletterd_16_65_pct_laag",
                     "laaggeletterd_16_65_pct_hoog", "laaggeletterd_nt1", "laaggeletterd_nt2", "laaggeletterd_werkend")
PARTNER_KOLOMMEN = ("partner", "bereikt", "aantal", "soort", "contactgroep", "aantal_contactgroep")
BEROEP_KOLOMMEN = ("beroep", "werkzaam_nl", "pct_laaggeletterd", "laaggeletterd_nl", "werkzaam_regio",
                   "spanningsindicator", "spanning_typering")


@dataclass
class Sectie:
    """One question (or a few that belong together) with its answer: sentences (Markdown), tables, figures."""

    titel: str
    vragen: list[str]
    zinnen: list[str] = field(default_factory=list)
    tabellen: list[tuple[str, Tabel]] = field(default_factory=list)
    figuren: list[go.Figure] = field(default_factory=list)
    kaarten: list[kaart_statisch.StatischeKaart] = field(default_factory=list)
    bronnen: list[str] = field(default_factory=list)


@dataclass
class Profiel:
    code: str
    naam: str
    secties: list[Sectie]
    verwijzingen: Sequence[Verwijzing] = VERWIJZINGEN


def compact(tabel: Tabel, kolommen: Sequence[str]) -> Tabel:
    """The same table with only `kolommen` (in that order), for paper: the full table is on the pages."""
    return Tabel(tabel.frame, {kolom: tabel.kolommen[kolom] for kolom in kolommen if kolom in tabel.kolommen},
                 tabel.rij_opmaak)


def _kern(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str], marge: bool) -> Tabel:
    tabel = doelgroep.kerncijfers_tabel(df, codes, kolommen)
    ids = ["indicator"]
    for i in range(len(codes)):
        ids += [f"gebied_{i}", f"gebied_{i}_laag", f"gebied_{i}_hoog"] if marge and i == 0 else [f"gebied_{i}"]
    return compact(tabel, ids)


def gemeentekaart(df: pd.DataFrame, data_dir: Path, regio: str, kolom: str = KAART_INDICATOR) -> kaart_statisch.StatischeKaart:
    """The static map of the region's gemeenten with their names (for print and slides)."""
    gemeenten = doelgroep.gemeenten(df, regio)
    grenzen = tables.read_boundaries(data_dir, "gemeente", gemeenten["code"])
    omtrek = tables.read_boundaries(data_dir, "arbeidsmarktregio", [regio])
    titel = f"{queries.indicator_naam(kolom)} per gemeente, {queries.naam(df, regio)}"
    bron = f"{queries.bronvermelding(kolom)} {queries.grenzen_bron()}"
    return kaart_statisch.kaart(grenzen, gemeenten, kolom, titel=titel, bron=bron, omtrek=omtrek)


def maak_profiel(df: pd.DataFrame, regio: str, data_dir: Path, beroepen_tabel: pd.DataFrame) -> Profiel:
    """The profile of arbeidsmarktregio `regio`: every handreiking question data can answer, in its order."""
    naam = queries.naam(df, regio)
    antwoorden = dict(doelgroep.doelgroep_zinnen(df, regio))
    schatting_bron = queries.bronvermelding(doelgroep.TOTAAL)
    gemeenten = vindplaatsen.gebieden_van(df, "gemeente", regio, None)
    buren = buren_.buren(data_dir).get(regio, [])[:3]
    secties: list[Sectie] = []

    samen = doelgroep.samenstelling_tabel(df, regio)
    secties.append(Sectie(
        "Welke doelgroepen herkennen wij in onze regio?", ["Welke doelgroepen herkennen wij in onze regio?"],
        [antwoorden["Hoe groot is de doelgroep?"], antwoorden["Welke leeftijden?"],
         antwoorden["Hoeveel mensen zijn laag opgeleid?"]],
        [(f"Kerncijfers {naam} naast Nederland", _kern(df, [regio, NEDERLAND], doelgroep.KERN_KOLOMMEN, True))],
        [doelgroep.samenstelling_figuur(samen, naam, f"Samenstelling van de laaggeletterden 16–65 jaar, {naam} en Nederland",
                                        schatting_bron)],
        bronnen=[schatting_bron]))

    buur_tabel = [(f"{naam}, buurregio's en Nederland", _kern(df, [regio, *buren, NEDERLAND], BUREN_KOLOMMEN, False))]
    gem_tabel = vindplaatsen.vindplaatsen_tabel(gemeenten, "gemeente")
    secties.append(Sectie(
        "Laaggeletterdheid in de regio, per gemeente",
        ["Welke gegevens laat www.geletterdheidinzicht.nl zien over laaggeletterdheid in mijn regio?"],
        [vindplaatsen.concentratie_zin(gemeenten, "gemeente", naam), vindplaatsen.hoogste_aandeel_zin(gemeenten, "gemeente")],
        [(f"Laaggeletterdheid per gemeente, {naam}", compact(gem_tabel, GEMEENTE_KOLOMMEN)), *buur_tabel],
        kaarten=[gemeentekaart(df, data_dir, regio)],
        bronnen=[schatting_bron, queries.grenzen_bron()]))

    nt = doelgroep.nt_arbeid_tabel(df, regio)
    secties.append(Sectie(
        "Werkenden en werkzoekenden",
        ["Hoe groot is de doelgroep werkenden in onze regio?", "Hoe groot is de doelgroep werkzoekenden in onze regio?"],
        [antwoorden["Hoe groot is de doelgroep werkenden?"], antwoorden["Hoe groot is de doelgroep werkzoekenden?"]],
        [(f"Laaggeletterden naar herkomst en arbeid, {naam}", nt)],
        [doelgroep.nt_arbeid_figuur(nt, f"Laaggeletterden 16–65 jaar in {naam} naar herkomst en arbeid (schatting)",
                                    schatting_bron)],
        bronnen=[schatting_bron]))

    partners = vindplaatsen.partners_tabel(df, regio, vindplaatsen.lees_partners())
    secties.append(Sectie(
        "Partners die de doelgroep bereiken",
        ["Welke partners komen in contact met de doelgroep werkenden?",
         "Welke partners komen in contact met de doelgroep werkzoekenden?"],
        [vindplaatsen.partners_zin(df, regio)],
        [(f"Partners en wie zij bereiken, {naam}", compact(partners, PARTNER_KOLOMMEN))],
        bronnen=vindplaatsen.partner_bronnen(partners)))

    secties.append(Sectie(
        "NT1 en NT2: hoe groot, en waar?",
        ["Hoe groot is de NT1 groep? En waar vinden we die? Wie heeft contact met hen?",
         "Hoe groot is de NT2 groep? Uit welke subgroepen bestaat die groep? En waar vinden we de subgroepen?"],
        [antwoorden["Hoe groot is de NT1- en de NT2-groep?"],
         vindplaatsen.concentratie_zin(gemeenten, "gemeente", naam, "laaggeletterd_nt1"),
         vindplaatsen.concentratie_zin(gemeenten, "gemeente", naam, "laaggeletterd_nt2")],
        [(f"Samenstelling van de laaggeletterden, {naam} en Nederland", samen)],
        bronnen=[schatting_bron]))

    secties += _sectoren(df, regio, naam, beroepen_tabel)
    return Profiel(regio, naam, secties)


def _sectoren(df: pd.DataFrame, regio: str, naam: str, beroepen_tabel: pd.DataFrame) -> list[Sectie]:
    """The two questions of Sectoren & beroepen, with the national published tension (no upload here)."""
    bron = beroepen.SpanningBron()
    spanning = beroepen.spanning_per_beroep(beroepen_tabel)
    overzicht = beroepen.handreiking_beroepen(beroepen.beroepen_overzicht(beroepen_tabel, df, regio, spanning, alle=True))
    structuur = sectorstructuur.sectorstructuur(df, regio)
    _, nl_totaal = typering.referentie()
    bronregels = sector_tekst.bronregels(bron, regio)
    tabel = compact(beroepen.beroepen_tabel(overzicht, regionaal=True), BEROEP_KOLOMMEN)
    figuur = sector_figuren.figuur_beroepen(overzicht, bron=sector_tekst.figuur_bronregels(bron, None, "beroepen"))
    return [
        Sectie("Sectoren en beroepen",
               ["In welke sectoren werken meer mensen die moeite hebben met basisvaardigheden? Hoe zijn deze sectoren "
                "vertegenwoordigd in onze regio?"],
               [sector_tekst.antwoord_sectoren(overzicht, df, regio, structuur)],
               [(f"Beroepen met veel laaggeletterdheid, {naam}", tabel)], [figuur],
               bronnen=bronregels + sectorstructuur.sector_bronnen(structuur)),
        Sectie("Tekorten op de arbeidsmarkt",
               ["In welke sectoren zijn arbeidsmarkttekorten waar de scholing en begeleiding van mensen die moeite "
                "hebben met basisvaardigheden een antwoord op kan zijn?"],
               [sector_tekst.antwoord_tekorten(overzicht, df, regio, bron, nl_totaal)],
               bronnen=bronregels),
    ]
