"""Bronnen & methode: the Dutch texts of the page (introductions, the licence, lines about the build)."""

from __future__ import annotations

from collections.abc import Mapping

from llo_dash.formatting import markdown_veilig, tijdstip

INTRO = (
    "Waar elk cijfer vandaan komt, hoe de schatting van laaggeletterdheid werkt en wanneer en hoe de gegevens "
    "zijn gebouwd. Alle tabellen zijn te downloaden."
)
BRONNEN_INTRO = (
    "Elke bron die de bouw leest: titel, uitgever, periode, licentie en openbare URL, het bestand in de mirror "
    "(lokale kopie van de openbare bron) en hoe het bij de laatste bouw is verkregen, met grootte en checksum."
)
REFERENTIES_INTRO = (
    "Kleine tabellen die het project zelf bijhoudt in `reference/`, samengesteld uit gepubliceerde cijfers; "
    "elke rij noemt haar bron."
)
PARAMETERS_INTRO = "Elke parameter met waarde, populatie, jaar en bron; aannames zijn als *aanname* gemarkeerd."
CONTROLE_INTRO = (
    "De landelijke uitsplitsingen die het model moet nadoen (PIAAC 2012), naast wat het model geeft; "
    "en het model voor 2023. Rijen met *controle, niet gefit* zijn niet gebruikt om het model te kiezen."
)
EFFECTEN_INTRO = (
    "Hoeveel groter de kans (odds) op laaggeletterdheid is dan in de eerste groep van hetzelfde kenmerk "
    "(die heeft 1). Een odds ratio van 0,5 betekent een half zo grote odds."
)
SCENARIOS_INTRO = (
    "De schatting met andere, verdedigbare parameters. De bandbreedte van elke regio combineert de "
    "spreiding over deze scenario's met de steekproefmarge van PIAAC."
)
GEEN_MANIFEST = "De bouwgegevens (data/manifest.json) ontbreken. Voer `python -m llo_dash build` uit."
CONTROLES_INTRO = "De bouw stopt met een melding als een van deze controles faalt; deze bouw is ze allemaal geslaagd."
ONTBREKEND_INTRO = (
    "Per indicator en niveau: hoeveel gebieden geen waarde hebben en waarom. Ontbrekend blijft ontbrekend "
    "(nooit 0) en een regio met een ontbrekende gemeente heeft geen som."
)
VERSCHILLEN_INTRO = (
    "Voor enquêtecijfers (onderwijs, arbeid) en banen publiceert CBS zelf cijfers voor arbeidsmarktregio's en "
    "Nederland; die gebruikt het dashboard. Hier staan ze naast de optelling van de gemeenten. Bij "
    "percentages is het verschil in procentpunten."
)
VERSCHILLEN_FILTER_UITLEG = "Rijen waarvan het verschil onbekend is (geen som van de gemeenten) blijven staan."
INDICATOREN_INTRO = (
    "Elke indicator van het dashboard: label, eenheid, bron, peildatum en hoe een regio uit haar gemeenten volgt."
)
LINK_UITLEG = "Klik om de bron te openen; de download bevat de volledige URL."

REFERENTIE_OMSCHRIJVING = {
    "geletterdheid_parameters": "Parameters van de schatting van laaggeletterdheid: waarde, populatie, jaar en bron "
                                "van elk gepubliceerd cijfer en elke aanname, per scenario.",
    "beroepen_basisvaardigheden": "Beroepen met veel laaggeletterden of laaggecijferden (handreiking LLO-Collectieven), "
                                  "gekoppeld aan de CBS-beroepsgroepen (BRC 2014), met de gepubliceerde percentages.",
    "beroepen_sectorgroep": "Indeling van het dashboard (oordeel, geen CBS-cijfer): de sectorgroep(en) waarin de "
                            "beroepen van de handreiking vooral werken, met de SBI-basis van elke toedeling.",
    "uwv_spanningsindicator_landelijk": "Landelijke UWV-spanningsindicator per beroepsgroep en kwartaal, zoals "
                                        "gepubliceerd in berichten over de UWV-cijfers.",
    "uwv_spanningsindicator_typering": "Grenswaarden van de UWV-typering van de spanningsindicator (zeer ruim t/m zeer krap).",
    "professionals_handreiking": "Professionals die met de doelgroep in contact komen, met hun rol (handreiking "
                                 "LLO-Collectieven).",
    "vindplaatsen_partners": "Partners en vindplaatsen: wie de doelgroep bereikt en met welke indicator de omvang "
                             "van die groep wordt getoond.",
}
REFERENTIE_STANDAARD = "Referentietabel van het project; de bron staat per rij."

LICENTIE_MARKDOWN = """
**Cijfers.** Centraal Bureau voor de Statistiek (CBS), StatLine en open data, onder de licentie
[Creative Commons Naamsvermelding 4.0 (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/deed.nl).
Vermeld bij hergebruik: **"Bron: CBS"**, met het tabelnummer en de peildatum (zie de bronnenlijst).

**Kaarten.** Gebiedsindelingen van CBS / PDOK (CC BY 4.0), vereenvoudigd door
[cartomap/nl](https://github.com/cartomap/nl): "Bron: CBS / PDOK (gebiedsindelingen), vereenvoudigd door cartomap/nl".
Arbeidsmarktregio's en provincies zijn door het dashboard uit de gemeentegrenzen samengevoegd.

**Schatting van laaggeletterdheid.** Een eigen berekening van het LLO Regiodashboard met landelijke PIAAC-cijfers
(ROA / Kohnstamm Instituut, Stichting Lezen & Schrijven; bronnen per parameter in de parametertabel) en CBS-cijfers.
Vermeld bij hergebruik: "Schatting LLO Regiodashboard op basis van PIAAC en CBS" — het is een schatting, geen telling.

**Referentietabellen.** De tabellen in `reference/` zijn door het project zelf samengesteld uit gepubliceerde
cijfers; elke rij noemt haar bron. Citeer bij hergebruik die oorspronkelijke bron.

Het dashboard neemt geen bronbestanden of afgeleide tabellen op in zijn broncode: alles wordt gebouwd uit de
openbare bronnen (`python -m llo_dash build`).
""".strip()


def bouw_bron(manifest: Mapping) -> str:
    """The source line of the tables about the build: "Bouwgegevens van het LLO Regiodashboard (data/manifest.json), …"."""
    return f"Bouwgegevens van het LLO Regiodashboard (data/manifest.json), gebouwd op {tijdstip(manifest.get('gebouwd_op'))}."


def gebouwd_op(manifest: Mapping) -> str:
    return f"Gegevens gebouwd op **{tijdstip(manifest.get('gebouwd_op'))}** (Nederlandse tijd)."


def controles_lijst(manifest: Mapping) -> str:
    """The checks of the build as a Markdown list, each with a tick."""
    return "\n".join(f"- :material/check_circle: {regel}" for regel in manifest.get("controles") or [])


def referentie_kop(naam: str) -> str:
    """The label of a reference table's expander: its name and what it holds."""
    return f"{naam} ({REFERENTIE_OMSCHRIJVING.get(naam, 'referentietabel')})"


def rijen_getoond(getoond: int, totaal: int) -> str:
    return f"{getoond} van {totaal} rijen."


def bouw_waarschuwingen(manifest: Mapping) -> list[str]:
    """The build's warnings (an optional source was absent, so figures are missing or computed otherwise), as
    the build printed them; safe to show through Markdown (file names hold underscores)."""
    return [markdown_veilig(str(zin)) for zin in manifest.get("waarschuwingen") or []]
