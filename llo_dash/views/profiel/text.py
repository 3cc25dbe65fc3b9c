"""Regioprofiel: the handreiking's questions in order, and its own short pointers for the questions that
public data cannot answer (each with the section of the handreiking it comes from)."""

from __future__ import annotations

from dataclasses import dataclass

HANDREIKING = "Handreiking professionaliseringsopgave LLO-Collectieven"
GELETTERDHEID_IN_ZICHT = "https://www.geletterdheidinzicht.nl"

INLEIDING = (
    "Dit profiel beantwoordt de vragen uit de handreiking *Professionaliseringsopgave nieuwe LLO-Collectieven* "
    "(bouwsteen Deelnemers: *Wie zijn de deelnemers en hoe kom je daaraan?*) voor één arbeidsmarktregio, naast "
    "Nederland, of voor één gemeente naast haar regio en Nederland. Elke kop is een vraag uit de handreiking. Cijfers over laaggeletterdheid zijn een **schatting** met een marge: er is geen openbare telling per "
    "gemeente. Vragen die cijfers niet kunnen beantwoorden staan aan het eind, met de verwijzingen uit de handreiking."
)


def vraag(tekst: str, gemeente: str | None) -> str:
    """A handreiking question as asked for a region; for a gemeente's profile asked for the gemeente."""
    if not gemeente:
        return tekst
    return tekst.replace("onze regio", "onze gemeente").replace("mijn regio", "mijn gemeente")


@dataclass(frozen=True)
class Verwijzing:
    """A handreiking question that data cannot answer, with the handreiking's own pointer and its section."""

    vraag: str
    verwijzing: str
    sectie: str


DEELNEMERS = "Bouwsteen Deelnemers: Wie zijn de deelnemers en hoe kom je daaraan?"
BEDRIJVEN = "Bouwsteen Bedrijven: Welke rol spelen bedrijven en betrokken partners in de regio?"
TRAJECTEN = "Bouwsteen Trajecten: Aan wat voor type trajecten kun je denken?"

VERWIJZINGEN = (
    Verwijzing("Hoe weet ik of iemand moeite heeft met basisvaardigheden? Hoe krijg ik beeld van het niveau?",
               "Stichting Lezen en Schrijven helpt bij de inzet en implementatie van screening (ook specifiek onder "
               "inwoners in de bijstand) en organiseert sessies 'Aan de slag met screenen op basisvaardigheden'.",
               DEELNEMERS),
    Verwijzing("Hoe bespreek ik dit onderwerp met de doelgroep?",
               "Het gesprekskompas met tips en aanpakken voor het bespreken van basisvaardigheden; sessies 'Trainen "
               "van gesprekstechnieken' van Stichting Lezen en Schrijven; de video 'Ik ben één van deze mensen'.",
               DEELNEMERS),
    Verwijzing("Wat zijn de behoeften van werkenden en werkzoekenden en hoe brengen we die in kaart?",
               "Breng het niveau in kaart door screening en ga over de uitslag in gesprek: zo wordt de "
               "scholingsbehoefte zichtbaar. Leerplatform LLO: taalwerkt.nl/llo.", DEELNEMERS),
    Verwijzing("Hoe betrekken we ervaringsdeskundigen?",
               "Stichting ABC en Stichting Lezen en Schrijven over de inzet van ervaringsdeskundigen; voorbeeld: Team "
               "Ervaringsdeskundigen Rotterdam Rijnmond.", DEELNEMERS),
    Verwijzing("Welke werkgevers en professionals gaan deel uitmaken van het regionale netwerk?",
               "De handreiking noemt werkgevers (management, leidinggevenden, HR), bemiddelaars (klantmanagers "
               "gemeenten, adviseurs UWV en Werkcentrum, trajectbegeleiders) en netwerkers (o.a. adviseurs VNO-NCW, "
               "regionale aanjagers). Herkennen, screenen en bespreken vraagt scholing van deze professionals.",
               BEDRIJVEN),
    Verwijzing("Welke trajecten en welke professionalisering in de uitvoering?",
               "Combineer vak- en basisvaardigheden in korte, modulaire trajecten met doorlopende begeleiding, richting "
               "erkende diploma's of certificaten. Voor vakdocenten en praktijkopleiders: de E-learning Begeleiden bij "
               "de beroepsopleiding van ITTA (scholing.itta.nl/lessonPack/24).", TRAJECTEN),
)
