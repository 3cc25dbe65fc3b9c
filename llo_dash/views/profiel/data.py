"""Regioprofiel: the answers of one arbeidsmarktregio (or one of its gemeenten, next to its region) to the
handreiking's questions, in order. Each section's heading is the question; the answer follows once.

Nothing is computed here that a page already computes: the sentences, tables and figures come from the
views of Doelgroep, Vindplaatsen, Sectoren & beroepen and Vergelijken; this module only picks them, in the
handreiking's order, and makes the tables compact (fewer columns) for paper and slides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from llo_dash import tables
from llo_dash.columns import Tabel
from llo_dash.views import buren as buren_
from llo_dash.views import doelgroep, queries, vindplaatsen
from llo_dash.views.profiel.eigen import EigenBestanden, eigen_deel
from llo_dash.views.profiel.ontwikkeling import ontwikkeling
from llo_dash.views.profiel.text import VERWIJZINGEN, Verwijzing, vraag
from llo_dash.views.queries import NEDERLAND
from llo_dash.views.sectoren import beroepen, sectorstructuur, typering
from llo_dash.views.sectoren import figures as sector_figuren
from llo_dash.views.sectoren import text as sector_tekst

if TYPE_CHECKING:  # drawn only when a profile is made: matplotlib and geopandas stay out of the other pages' start
    from llo_dash.figures.kaart_statisch import StatischeKaart

KAART_INDICATOR = "laaggeletterd_16_65_pct"
BUREN_KOLOMMEN = ("laaggeletterd_16_65_pct", "laaggecijferd_16_65_pct", "laag_opgeleid_pct", "werkloosheid_pct",
                  "eerste_generatie_pct")
GEMEENTE_KOLOMMEN = ("naam", "laaggeletterd_16_65", "laaggeletterd_16_65_pct", "laaggeletterd_16_65_pct_laag",
                     "laaggeletterd_16_65_pct_hoog", "laaggeletterd_nt1", "laaggeletterd_nt2", "laaggeletterd_werkend")
PARTNER_KOLOMMEN = ("partner", "bereikt", "aantal", "soort", "contactgroep", "aantal_contactgroep")
# Reads the boundaries of a level (data folder, level, codes) as `tables.read_boundaries`: the page passes the
# process-wide cached boundaries instead, so a run does not parse the wijk GeoJSON again.
LeesGrenzen = Callable[[Path, str, Sequence[str]], dict]
BEROEP_KOLOMMEN = ("beroep", "werkzaam_nl", "pct_laaggeletterd", "laaggeletterd_nl", "werkzaam_regio",
                   "spanningsindicator", "spanning_typering")


@dataclass
class Sectie:
    """One question (the heading) with its answer: sentences (Markdown), tables, figures, maps, source lines."""

    titel: str
    zinnen: list[str] = field(default_factory=list)
    tabellen: list[tuple[str, Tabel]] = field(default_factory=list)
    figuren: list[go.Figure] = field(default_factory=list)
    kaarten: list[StatischeKaart] = field(default_factory=list)
    bronnen: list[str] = field(default_factory=list)


@dataclass
class Profiel:
    code: str
    naam: str
    secties: list[Sectie]
    verwijzingen: Sequence[Verwijzing] = VERWIJZINGEN
    regio: str = ""  # the arbeidsmarktregio (of a gemeente's profile: its region)
    regio_naam: str = ""

    @property
    def is_gemeente(self) -> bool:
        return self.code != self.regio


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


def _gemeentelaag(data_dir: Path) -> str:
    """The gemeente layer for the map of one region: the detailed one (gemeenten dissolved from their wijken, so
    small gemeenten such as Zandvoort keep their shape) when the build wrote it, else the national one."""
    detail = "gemeente_detail"
    return detail if detail in tables.GEO_LEVELS and tables.boundaries_path(data_dir, detail).exists() else "gemeente"


def gemeentekaart(df: pd.DataFrame, data_dir: Path, regio: str, kolom: str = KAART_INDICATOR,
                  nadruk: str | None = None, lees_grenzen: LeesGrenzen = tables.read_boundaries
                  ) -> StatischeKaart:
    """The static map of the region's gemeenten with their names (for print and slides); `nadruk`: a gemeente
    outlined in red."""
    gemeenten = doelgroep.gemeenten(df, regio)
    laag = _gemeentelaag(data_dir)
    grenzen = lees_grenzen(data_dir, laag, gemeenten["code"])
    titel = f"{queries.indicator_naam(kolom)} per gemeente, {queries.naam(df, regio)}"
    if nadruk:
        titel += f" ({queries.naam(df, nadruk)} rood omlijnd)"
    # the detailed layer is drawn from the wijk boundaries: those are the ones to cite
    bron = f"{queries.bronvermelding(kolom)} {queries.grenzen_bron('gemeente' if laag == 'gemeente' else 'wijk')}"
    from llo_dash.figures import kaart_statisch  # issue 14: ~0,4 s of imports, for the profile only

    return kaart_statisch.kaart(grenzen, gemeenten, kolom, titel=titel, bron=bron, nadruk=[nadruk] if nadruk else ())


def wijkkaart(df: pd.DataFrame, data_dir: Path, gemeente: str, kolom: str = KAART_INDICATOR,
              lees_grenzen: LeesGrenzen = tables.read_boundaries) -> StatischeKaart:
    """The static map of a gemeente's wijken, the largest named (a name that does not fit is left out)."""
    wijken = vindplaatsen.gebieden_van(df, "wijk", None, gemeente)
    grenzen = lees_grenzen(data_dir, "wijk", wijken["code"])
    titel = f"{queries.indicator_naam(kolom)} per wijk, {queries.naam(df, gemeente)}"
    bron = f"{queries.bronvermelding(kolom)} {queries.grenzen_bron('wijk')}"
    from llo_dash.figures import kaart_statisch

    return kaart_statisch.kaart(grenzen, wijken, kolom, titel=titel, bron=bron)


def regio_van(df: pd.DataFrame, code: str) -> str:
    """The arbeidsmarktregio of `code` (itself for a region)."""
    return code if code.startswith("AM") else str(queries.rij(df, code)["arbeidsmarktregio_code"])


def maak_profiel(df: pd.DataFrame, code: str, data_dir: Path, beroepen_tabel: pd.DataFrame, *,
                 eigen: EigenBestanden | None = None, typen: Sequence[str] = (),
                 lees_grenzen: LeesGrenzen = tables.read_boundaries) -> Profiel:
    """The profile of arbeidsmarktregio `code` (AMxx), or of gemeente `code` (GMxxxx) next to its region and
    Nederland: every handreiking question data can answer, in its order. `eigen`: the collective's own partner
    and participant files (`eigen.uit_map`, or the session's uploads); `typen` the handreiking's kinds of partners;
    `lees_grenzen` how the maps read their boundaries."""
    regio = regio_van(df, code)
    gemeente = code if code != regio else None
    naam, regio_naam = queries.naam(df, code), queries.naam(df, regio)
    antwoorden = dict(doelgroep.doelgroep_zinnen(df, code))
    schatting_bron = queries.bronvermelding(doelgroep.TOTAAL)
    gemeenten = vindplaatsen.gebieden_van(df, "gemeente", regio, None)
    naast = [code, regio, NEDERLAND] if gemeente else [code, NEDERLAND]
    secties: list[Sectie] = []

    samen = doelgroep.samenstelling_tabel(df, code)
    secties.append(Sectie(
        vraag("Welke doelgroepen herkennen wij in onze regio?", gemeente),
        [antwoorden["Hoe groot is de doelgroep?"], antwoorden["Welke leeftijden?"],
         antwoorden["Hoeveel mensen zijn laag opgeleid?"]],
        [(f"Kerncijfers {naam} naast {' en '.join(queries.naam(df, c) for c in naast[1:])}",
          _kern(df, naast, doelgroep.KERN_KOLOMMEN, True))],
        [doelgroep.samenstelling_figuur(samen, naam, f"Samenstelling van de laaggeletterden 16–65 jaar, {naam} en Nederland",
                                        schatting_bron)],
        bronnen=[schatting_bron]))
    secties.append(_per_gebied(df, data_dir, regio, gemeente, gemeenten, schatting_bron, lees_grenzen))

    nt = doelgroep.nt_arbeid_tabel(df, code)
    secties.append(Sectie(
        vraag("Hoe groot is de doelgroep werkenden en werkzoekenden in onze regio?", gemeente),
        [antwoorden["Hoe groot is de doelgroep werkenden?"], antwoorden["Hoe groot is de doelgroep werkzoekenden?"]],
        [(f"Laaggeletterden naar herkomst en arbeid, {naam}", nt)],
        [doelgroep.nt_arbeid_figuur(nt, f"Laaggeletterden 16–65 jaar in {naam} naar herkomst en arbeid (schatting)",
                                    schatting_bron)],
        bronnen=[schatting_bron]))

    partners = vindplaatsen.partners_tabel(df, code, vindplaatsen.lees_partners())
    eigen_ = eigen_deel(df, regio, code, eigen or EigenBestanden(), typen)
    secties.append(Sectie(
        "Welke partners komen in contact met de doelgroep werkenden en werkzoekenden?",
        [vindplaatsen.partners_zin(df, code), *eigen_.zinnen],
        [(f"Partners en wie zij bereiken, {naam}", compact(partners, PARTNER_KOLOMMEN)), *eigen_.tabellen],
        bronnen=[*vindplaatsen.partner_bronnen(partners), *eigen_.bronnen]))

    secties.append(Sectie(
        vraag("Hoe groot zijn de NT1- en de NT2-groep, uit welke groepen bestaan ze en waar vinden we ze?", gemeente),
        [antwoorden["Hoe groot is de NT1- en de NT2-groep?"],
         vindplaatsen.concentratie_zin(gemeenten, "gemeente", regio_naam, "laaggeletterd_nt1"),
         vindplaatsen.concentratie_zin(gemeenten, "gemeente", regio_naam, "laaggeletterd_nt2")],
        [(f"Samenstelling van de laaggeletterden, {naam} en Nederland", samen)],
        bronnen=[schatting_bron]))

    secties += _sectoren(df, regio, regio_naam, beroepen_tabel, gemeente)
    if trend := ontwikkeling(data_dir, code, naam, gemeente):
        titel, zinnen, bronnen = trend
        secties.append(Sectie(titel, zinnen, bronnen=bronnen))
    return Profiel(code, naam, secties, regio=regio, regio_naam=regio_naam)


def _per_gebied(df: pd.DataFrame, data_dir: Path, regio: str, gemeente: str | None, gemeenten: pd.DataFrame,
                schatting_bron: str, lees_grenzen: LeesGrenzen) -> Sectie:
    """Where in the region (and, for a gemeente, where in the gemeente): the region's gemeenten on a map and in a
    table, next to its neighbouring regions; for a gemeente also its wijken."""
    regio_naam = queries.naam(df, regio)
    buren = buren_.buren(data_dir).get(regio, [])[:3]
    gem_tabel = vindplaatsen.vindplaatsen_tabel(gemeenten, "gemeente")
    sectie = Sectie(
        vraag("Welke gegevens laat Geletterdheid in Zicht zien over laaggeletterdheid in mijn regio?", gemeente),
        [vindplaatsen.concentratie_zin(gemeenten, "gemeente", regio_naam),
         vindplaatsen.hoogste_aandeel_zin(gemeenten, "gemeente")],
        [(f"Laaggeletterdheid per gemeente, {regio_naam}", compact(gem_tabel, GEMEENTE_KOLOMMEN)),
         (f"{regio_naam}, buurregio's en Nederland", _kern(df, [regio, *buren, NEDERLAND], BUREN_KOLOMMEN, False))],
        kaarten=[gemeentekaart(df, data_dir, regio, nadruk=gemeente, lees_grenzen=lees_grenzen)],
        bronnen=[schatting_bron, queries.grenzen_bron()])
    if gemeente:
        wijken = vindplaatsen.gebieden_van(df, "wijk", None, gemeente)
        naam = queries.naam(df, gemeente)
        sectie.zinnen.append(vindplaatsen.concentratie_zin(wijken, "wijk", naam))
        sectie.tabellen.append((f"Laaggeletterdheid per wijk, {naam}",
                                compact(vindplaatsen.vindplaatsen_tabel(wijken, "wijk"), GEMEENTE_KOLOMMEN)))
        sectie.kaarten.append(wijkkaart(df, data_dir, gemeente, lees_grenzen=lees_grenzen))
    return sectie


def _sectoren(df: pd.DataFrame, regio: str, naam: str, beroepen_tabel: pd.DataFrame, gemeente: str | None) -> list[Sectie]:
    """The two questions of Sectoren & beroepen, with the national published tension (no upload here). These
    figures exist per arbeidsmarktregio only: a gemeente's profile says so and shows its region."""
    bron = beroepen.SpanningBron()
    spanning = beroepen.spanning_per_beroep(beroepen_tabel)
    overzicht = beroepen.handreiking_beroepen(beroepen.beroepen_overzicht(beroepen_tabel, df, regio, spanning, alle=True))
    structuur = sectorstructuur.sectorstructuur(df, regio)
    _, nl_totaal = typering.referentie()
    bronregels = sector_tekst.bronregels(bron, regio)
    tabel = compact(beroepen.beroepen_tabel(overzicht, regionaal=True), BEROEP_KOLOMMEN)
    figuur = sector_figuren.figuur_beroepen(overzicht, bron=sector_tekst.figuur_bronregels(bron, None, "beroepen"))
    alleen_regio = ([f"Beroepen en tekorten zijn er alleen per arbeidsmarktregio, niet per gemeente: dit antwoord "
                     f"geldt voor de regio {naam}, waar {queries.naam(df, gemeente)} bij hoort."] if gemeente else [])
    return [
        Sectie("In welke sectoren werken meer mensen die moeite hebben met basisvaardigheden, en hoe zijn die "
               "vertegenwoordigd in onze regio?",
               [*alleen_regio, sector_tekst.antwoord_sectoren(overzicht, df, regio, structuur)],
               [(f"Beroepen met veel laaggeletterdheid, {naam}", tabel)], [figuur],
               bronnen=bronregels + sectorstructuur.sector_bronnen(structuur)),
        Sectie("In welke sectoren zijn tekorten waar scholing in basisvaardigheden een antwoord op kan zijn?",
               [*alleen_regio, sector_tekst.antwoord_tekorten(overzicht, df, regio, bron, nl_totaal)],
               bronnen=bronregels),
    ]
