"""The method of the estimate in plain Dutch, for the page Bronnen & methode (values read from the parameter table)."""

from __future__ import annotations

import pandas as pd

from llo_dash.estimate.parameters import CENTRAAL, read_parameters, scenarios
from llo_dash.estimate.run import relative_sampling_margin
from llo_dash.formatting import getal, procent

SCENARIO_LABELS = {
    CENTRAAL: "Centrale schatting",
    "opleiding_letterlijk": "'Bijna 40%' van vmbo/mbo-1 letterlijk als alleen taal",
    "hoog_sterk": "Groter verschil hoog- en middelbaar opgeleiden (odds ratio 0,15)",
    "hoog_zwak": "Kleiner verschil hoog- en middelbaar opgeleiden (odds ratio 0,6)",
    "nt2_44": "NT2 in 2023 44% van de laaggeletterden (NT1 56%)",
    "nt2_2012_33": "NT2 in 2012 33% van de laaggeletterden",
    "totaal_2012_oeso": "Niveau 2012 volgens de OESO (11% in plaats van 12,2%)",
}


def method_markdown(parameters: pd.DataFrame | None = None) -> str:
    """The method text (Markdown), with the numbers of the central scenario filled in."""
    parameters = read_parameters() if parameters is None else parameters
    central = scenarios(parameters)[0]
    margin = relative_sampling_margin(central, "laaggeletterd_16_65") * central["doel_16_65"]
    margin_older = relative_sampling_margin(central, "laaggeletterd_66_75") * central["doel_66_75"]

    def p(name: str, decimals: int = 1) -> str:
        return procent(central[name], decimals)

    return f"""
### Wat wordt geschat

*Laaggeletterd* betekent hier: op het laagste niveau (niveau 1 of lager) van de taaltoets van PIAAC, het
internationale onderzoek naar vaardigheden van volwassenen. In 2023 gold dat voor {p('doel_16_65')} van de
16- tot en met 65-jarigen en voor {p('doel_66_75', 0)} van de 66- tot en met 75-jarigen; {p('doel_gecijferd_16_65')}
van de 16–65-jarigen was laaggecijferd. Die landelijke cijfers zijn gemeten. Per gemeente, regio of wijk is er
geen openbare tabel; daarom berekent het dashboard een **schatting**: hoeveel laaggeletterden je mag verwachten
gezien de samenstelling van de bevolking. Het is geen meting in de gemeente zelf.

### Werkwijze

1. **Samenstelling per gemeente (CBS).** Leeftijd (Kerncijfers wijken en buurten 2024), geboren in Nederland
   of eerste generatie met herkomst Europa / buiten Europa (85458NED 2024, verdeling uit 2023), hoogst behaald
   onderwijsniveau (85525NED 2023: basisonderwijs; vmbo/mbo-1; middelbaar; hoog) en positie op de arbeidsmarkt
   (86088NED 2024: werkend; werkloos = werkzoekend; niet-werkend en niet-zoekend).
2. **Groepjes.** De 16–65-jarigen van elke gemeente worden verdeeld over 4 × 3 × 3 × 3 = 108 groepjes
   (opleiding × leeftijd × herkomst × arbeid). Binnen een gemeente nemen we aan dat deze kenmerken los van elkaar
   voorkomen; tussen gemeenten blijven verschillen (steden met veel hoogopgeleiden én veel nieuwkomers) wel bestaan.
3. **Kans per groepje.** Elk groepje krijgt een kans op laaggeletterdheid die optelt uit een effect van opleiding,
   leeftijd, herkomst en arbeid (een logistisch model).
   - *Stap 1, de verhoudingen van PIAAC 2012*: de effecten worden zo gekozen dat het model, opgeteld over alle
     gemeenten, de gepubliceerde landelijke cijfers van 2012 precies nadoet: {p('opleiding_basisonderwijs_2012')} bij
     hoogstens basisonderwijs (gepubliceerd voor wie de basisschool niet afmaakte), {p('opleiding_vmbo_mbo1_2012')} bij vmbo/mbo-1, {p('leeftijd_16_24_2012', 0)} bij 16–24-jarigen,
     {p('leeftijd_45_65_2012')} bij 45–65-jarigen, {p('arbeid_werkend_2012', 0)} bij werkenden, {p('arbeid_werkloos_2012')}
     bij werklozen, {p('aandeel_nt2_2012', 0)} NT2 onder de laaggeletterden en {p('totaal_2012')} in totaal.
   - *Stap 2, het niveau van 2023*: opleiding, leeftijd en arbeid houden hun effect; het effect van herkomst
     wordt zo gekozen dat NT2 (eerste generatie) {p('aandeel_nt2_2023', 0)} van de laaggeletterden uitmaakt
     ("de grootste groep verschoof naar NT2", PIAAC 2023), en het niveau zo dat Nederland precies op
     {p('doel_16_65')} uitkomt.
4. **Optellen.** Aantal per gemeente = som over de groepjes van inwoners × kans. Een arbeidsmarktregio is de som
   van haar gemeenten; Nederland de som van alle gemeenten en daarmee precies {p('doel_16_65')}. De uitsplitsingen
   (NT1/NT2, werkend/werkzoekend/niet-werkend, leeftijd) tellen op tot het totaal.
5. **66–75 jaar en laaggecijferdheid.** Voor 66–75-jarigen gelden dezelfde verschillen naar opleiding en herkomst
   (zonder leeftijd en arbeid), met Nederland op {p('doel_66_75', 0)}. Laaggecijferdheid gebruikt dezelfde verschillen
   als taal, met Nederland op {p('doel_gecijferd_16_65')}.
6. **Wijken (grover).** Per wijk gebruiken we leeftijd en herkomst van de wijk, maar opleiding en arbeid van de
   gemeente (CBS publiceert die niet per wijk in onze bronnen). De wijken worden daarna zo geschaald dat ze samen
   precies de schatting van hun gemeente geven; alleen de verdeling over de wijken komt uit de wijkcijfers.

### Aannames

- Binnen een gemeente hangen opleiding, leeftijd, herkomst en arbeid niet met elkaar samen (onafhankelijkheid).
  Nieuwkomers zijn in werkelijkheid vaker laagopgeleid; dat effect zit nu in het effect van herkomst.
- 16–65 jaar wordt benaderd met CBS-leeftijdsgroep 15 tot 65 jaar (evenveel jaargangen) en 66–75 jaar met
  15–75 jaar (2023) min 15–65 jaar (2024). Onderwijsniveau en arbeidsdeelname gelden voor 15–75 jaar;
  de herkomstverdeling voor alle leeftijden.
- NT1/NT2 wordt benaderd met geboren in Nederland / eerste generatie. Wie in België (Vlaanderen), Suriname of op
  de Antillen is geboren, spreekt vaak Nederlands als moedertaal: in grensgemeenten zoals Sluis en Baarle-Nassau en
  bij veel expats overschat de schatting daardoor waarschijnlijk. De tweede generatie telt als NT1.
- Tussen eerste generatie uit Europa en van buiten Europa nemen we geen verschil aan (odds ratio
  {getal(central['odds_nt2_buiten_europa'], 1)}); alleen hun aantallen verschillen per gemeente.
- Hoogopgeleiden hebben een kleinere kans dan middelbaar opgeleiden (odds ratio
  {getal(central['odds_hoog_vs_middelbaar'], 2)}); hier is geen Nederlands cijfer voor gevonden, daarom loopt dit
  in de scenario's van 0,15 tot 0,6.
- 'Bijna 40%' laaggeletterden onder mensen met vmbo/mbo-1 lezen we als laaggeletterd en/of laaggecijferd en
  rekenen we om naar alleen taal ({p('opleiding_vmbo_mbo1_2012')}); letterlijk genomen is een scenario.
- Voor 45–65 jaar nemen we aan dat 45–54-jarigen het landelijke gemiddelde hebben en 55–65-jarigen
  {p('leeftijd_55_65_2012')} (gepubliceerd).
- De verschillen tussen groepen van 2012 gelden nog in 2023, behalve voor herkomst (stap 2).
- Bijstand wordt niet in de kans gebruikt: er is geen landelijk cijfer voor bijstandsontvangers gepubliceerd.
  Het aantal bijstandsuitkeringen staat wel naast de schatting, als vindplaats.
- Onderdrukt CBS het onderwijsniveau van een gemeente (Schiermonnikoog), dan gebruiken we de verdeling van de
  arbeidsmarktregio; dat staat bij de gemeente vermeld. Ontbreekt andere invoer, dan is er geen schatting (met de
  reden), nooit het landelijke gemiddelde.

### Bandbreedte

De bandbreedte (ondergrens – bovengrens) combineert twee onzekerheden:
1. **De keuzes in het model**: we rekenen alles ook uit met andere, verdedigbare parameters (zie de scenario's
   hieronder) en nemen per gebied de grootste afwijking naar beneden en naar boven.
2. **De steekproef van PIAAC**: het landelijke cijfer berust op ongeveer {getal(central['deelnemers_piaac_2023'])}
   deelnemers; dat geeft een marge van ongeveer ± {getal(margin, 1)} procentpunt op {p('doel_16_65')} (95%, zonder
   correctie voor het steekproefontwerp), naar verhouding toegepast op elk gebied.

Beide worden gecombineerd als onafhankelijke onzekerheden (wortel uit de som van de kwadraten). Voor 66–75 jaar is
het aantal deelnemers niet gepubliceerd; we nemen aan dat het naar verhouding even groot was
({getal(central['deelnemers_piaac_66_75'])}), wat ± {getal(margin_older, 1)} procentpunt op {p('doel_66_75', 0)} geeft. De
werkelijke onzekerheid per gemeente is groter: een synthetische schatting ziet geen plaatselijke verschillen die niet
uit de samenstelling volgen.

### Niet afgestemd op andere schattingen

De parameters komen alleen uit landelijke, gepubliceerde cijfers (tabel hieronder). De schatting is bewust niet
afgestemd op gepubliceerde gemeentecijfers (zoals Geletterdheid in Zicht of Basisvaardigheden in Zicht), zodat
ze daarmee onafhankelijk vergeleken kan worden. Verschillen met die bronnen zijn te verwachten: zij gebruiken
microdata van PIAAC en CBS, wij alleen landelijke uitsplitsingen en de samenstelling per gemeente.
""".strip()


def parameter_table(parameters: pd.DataFrame | None = None) -> pd.DataFrame:
    """The parameter table as shown on the page (Dutch column names)."""
    parameters = read_parameters() if parameters is None else parameters
    shown = parameters.rename(
        columns={"parameter": "Parameter", "scenario": "Scenario", "waarde": "Waarde", "eenheid": "Eenheid",
                 "populatie": "Populatie", "jaar": "Jaar", "soort": "Soort", "gebruik": "Gebruik", "bron": "Bron",
                 "bron_url": "Bron-URL", "toelichting": "Toelichting"}
    )
    return shown


def scenario_labels(names) -> list[str]:
    return [SCENARIO_LABELS.get(name, name) for name in names]
