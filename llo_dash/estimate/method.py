"""The method of the estimate in plain Dutch, for the page Bronnen & methode (values read from the parameter table)."""

from __future__ import annotations

import pandas as pd

from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.estimate import groepen
from llo_dash.estimate.parameters import CENTRAAL, read_parameters, scenarios
from llo_dash.estimate.run import relative_sampling_margin
from llo_dash.formatting import getal, procent, verschil
from llo_dash.tables import read_table

SCENARIO_LABELS = {
    CENTRAAL: "Centrale schatting",
    "opleiding_letterlijk": "'Bijna 40%' van vmbo/mbo-1 letterlijk als alleen taal",
    "hoog_sterk": "Groter verschil hoog- en middelbaar opgeleiden (odds ratio 0,15)",
    "hoog_zwak": "Kleiner verschil hoog- en middelbaar opgeleiden (odds ratio 0,6)",
    "nt2_44": "NT2 in 2023 44% van de laaggeletterden (NT1 56%, GGD)",
    "nt2_55": "NT2 in 2023 55% van de laaggeletterden (aanname)",
    "nt2_2012_33": "NT2 in 2012 33% van de laaggeletterden",
    "totaal_2012_oeso": "Niveau 2012 volgens de OESO (11% in plaats van 12,2%)",
}
CHECK_COLUMNS = {"groep", "gepubliceerd_2012_pct", "model_2012_pct", "model_2023_pct", "rol"}
def _usable(controle: pd.DataFrame | None) -> pd.DataFrame | None:
    """`controle` indexed by group when it has every column and row the text quotes (not from an older build)."""
    if controle is None or not CHECK_COLUMNS <= set(controle.columns) or not set(groepen.IN_DE_TEKST) <= set(controle["groep"]):
        return None
    return controle.set_index("groep")


def built_check() -> pd.DataFrame | None:
    """The table `schatting_controle` of the current build; None when there is none."""
    try:
        return read_table(load_settings().data_dir, "schatting_controle")
    except (LloDashError, OSError, ValueError):
        return None


def method_markdown(parameters: pd.DataFrame | None = None, controle: pd.DataFrame | None = None) -> str:
    """The method text (Markdown), with the numbers of the central scenario filled in.

    How far the model is from the published figures comes from `controle` (the table `schatting_controle`;
    by default that of the current build). Without it the text gives no such numbers, so none can go stale.
    """
    parameters = read_parameters() if parameters is None else parameters
    controle = built_check() if controle is None else controle
    central = scenarios(parameters)[0]
    margin = relative_sampling_margin(central, "laaggeletterd_16_65") * central["doel_16_65"]
    margin_older = relative_sampling_margin(central, "laaggeletterd_66_75") * central["doel_66_75"]
    nt2_values = sorted({scenario["aandeel_nt2_2023"] for scenario in scenarios(parameters)})
    check = _usable(controle)

    def p(name: str, decimals: int = 1) -> str:
        return procent(central[name], decimals)

    def model(group: str, year: int = 2012) -> str:
        return procent(check.loc[group, f"model_{year}_pct"], 1)

    def deviation(group: str) -> str:
        return verschil(check.loc[group, "model_2012_pct"] - check.loc[group, "gepubliceerd_2012_pct"], 1)

    # Low-literate NT1 per 100 inhabitants 16–65: the NT1 share of the low-literates times the total rate.
    nt1_2012 = (100 - central["aandeel_nt2_2012"]) * central["totaal_2012"] / 100
    nt1_2023 = (100 - central["aandeel_nt2_2023"]) * central["doel_16_65"] / 100
    older_check = (f"{p('leeftijd_55_65_2012')} bij 55–65-jarigen: niet te controleren, want het model kent (net als CBS "
                   "per gemeente)\n       alleen 45–65 jaar; het is verwerkt in het afgeleide doel voor 45–65 jaar.")
    if check is not None:
        checked = f"""
     - 'Bijna 40%' bij vmbo/mbo-1 ({p('opleiding_vmbo_mbo1_gepubliceerd', 0)} gepubliceerd): het model geeft
       {model(groepen.VMBO_MBO1)} ({deviation(groepen.VMBO_MBO1)}), omdat we het lezen als taal
       en/of rekenen (zie Aannames); {p('opleiding_vmbo_mbo1_gepubliceerd', 0)} letterlijk is alleen een scenario.
     - {older_check}
     - {p('arbeid_beroepsbevolking_2012', 0)} in de beroepsbevolking (werkenden en werklozen samen): het model geeft
       {model(groepen.BEROEPSBEVOLKING)} ({deviation(groepen.BEROEPSBEVOLKING)}).
     - {p('aandeel_betaald_werk_2012', 0)} van de laaggeletterden heeft betaald werk: het model geeft
       {model(groepen.AANDEEL_BETAALD_WERK)} ({deviation(groepen.AANDEEL_BETAALD_WERK)})."""
        gaps = [check.loc[g, "model_2023_pct"] - check.loc[g, "gepubliceerd_2012_pct"] for g in groepen.SUBGROEPEN if g in check.index]
        level_2023 = (
            f"liggen de percentages per groep in het model in 2023 {getal(min(gaps), 1)} tot {getal(max(gaps), 1)} "
            "procentpunt hoger dan de gepubliceerde van 2012 (kolom *Model 2023* van de controletabel)"
        )
        nt_rates = (
            f" In het model: onder NT1 {model(groepen.NT1)} (2012) en "
            f"{model(groepen.NT1, 2023)} (2023), onder NT2 "
            f"{model(groepen.NT2)} en {model(groepen.NT2, 2023)}."
        )
    else:
        checked = f"""
     - 'Bijna 40%' bij vmbo/mbo-1: het model blijft daar ruim onder, omdat we het lezen als taal en/of rekenen
       (zie Aannames); {p('opleiding_vmbo_mbo1_gepubliceerd', 0)} letterlijk is alleen een scenario.
     - {older_check}
     - {p('arbeid_beroepsbevolking_2012', 0)} in de beroepsbevolking (werkenden en werklozen samen).
     - {p('aandeel_betaald_werk_2012', 0)} van de laaggeletterden heeft betaald werk.

     Hoeveel het model hiervan afwijkt, staat in de controletabel van de schatting (na de bouw van de gegevens)."""
        level_2023 = "liggen de percentages per groep in het model in 2023 enkele procentpunten boven de gepubliceerde van 2012 (zie de controletabel)"
        nt_rates = ""

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
   (86088NED 2024: werkend; werkloos = werkzoekend; niet-werkend en niet-zoekend). CBS geeft de arbeidsmarktpositie
   voor 15–75 jaar; voor de 16–65-jarigen halen we de 65–75-jarigen van de gemeente eruit, met het landelijke aandeel
   werkenden ({p('arbeid_65_75_werkend_2024')}) en werklozen ({p('arbeid_65_75_werkloos_2024')}) onder 65–75-jarigen
   (CBS 85267NED, begin 2024). Anders zouden de gepensioneerden het aandeel niet-werkenden te hoog maken.
2. **Groepjes.** De 16–65-jarigen van elke gemeente worden verdeeld over 4 × 3 × 3 × 3 = 108 groepjes
   (opleiding × leeftijd × herkomst × arbeid). Binnen een gemeente nemen we aan dat deze kenmerken los van elkaar
   voorkomen; tussen gemeenten blijven verschillen (steden met veel hoogopgeleiden én veel nieuwkomers) wel bestaan.
3. **Kans per groepje.** Elk groepje krijgt een kans op laaggeletterdheid die optelt uit een effect van opleiding,
   leeftijd, herkomst en arbeid (een logistisch model).
   - *Stap 1, de verhoudingen van PIAAC 2012.* De effecten worden zo gekozen dat het model, opgeteld over alle
     gemeenten, deze landelijke cijfers van 2012 precies nadoet (**gefit**). Gepubliceerd:
     {p('opleiding_basisonderwijs_2012')} bij hoogstens basisonderwijs (gepubliceerd voor wie de basisschool niet
     afmaakte), {p('leeftijd_16_24_2012', 0)} bij 16–24-jarigen (hier 15–25 jaar), {p('arbeid_werkend_2012', 0)} bij
     werkenden, {p('arbeid_werkloos_2012')} bij werklozen, {p('aandeel_nt2_2012', 0)} NT2 onder de laaggeletterden
     (100 min 'circa 65%' NT1) en {p('totaal_2012')} in totaal. Afgeleid (zie Aannames): {p('opleiding_vmbo_mbo1_2012')}
     bij vmbo/mbo-1 en {p('leeftijd_45_65_2012', 2)} bij 45–65-jarigen.
   - *Alleen gecontroleerd, niet gefit* (gepubliceerd, maar niet gebruikt om het model te kiezen):{checked}

     Het aandeel met betaald werk is {p('arbeid_werkend_2012', 0)} × het aandeel werkenden / {p('totaal_2012')}; het
     model gebruikt de bevolking van 2024, waarin meer 16–65-jarigen werken dan in 2012, dus komt het hoger uit.
   - *Stap 2, het niveau van 2023.* PIAAC 2023 is in onze bronnen niet gepubliceerd naar opleiding, leeftijd of
     arbeid. Daarom nemen we de verhoudingen van 2012 mee naar het niveau van 2023: opleiding, leeftijd en arbeid
     houden hun effect (odds ratio) uit stap 1; het effect van herkomst wordt zo gekozen dat NT2 (eerste generatie)
     {p('aandeel_nt2_2023', 0)} van de laaggeletterden uitmaakt ("de grootste groep verschoof naar NT2", PIAAC 2023), en
     het niveau zo dat Nederland precies op {p('doel_16_65')} uitkomt. Daardoor {level_2023}. Dat zijn geen gemeten
     cijfers van 2023, maar de verhoudingen van 2012 op het niveau van 2023.
   - *Gevolg voor NT1 en NT2.* In de centrale schatting komt de stijging van {p('totaal_2012')} (2012) naar
     {p('doel_16_65')} (2023) vooral bij NT2 terecht: per 100 16–65-jarigen zijn er
     {getal(nt1_2012, 1)} laaggeletterden met NT1 in 2012 ({getal(100 - central['aandeel_nt2_2012'], 0)}% van
     {p('totaal_2012')}) en {getal(nt1_2023, 1)} in 2023 ({getal(100 - central['aandeel_nt2_2023'], 0)}% van
     {p('doel_16_65')}), dus blijft het percentage onder NT1 ongeveer gelijk.{nt_rates} In het scenario met
     {procent(nt2_values[0], 0)} NT2 stijgt ook NT1; met {procent(nt2_values[-1], 0)} daalt NT1.
4. **Optellen.** Aantal per gemeente = som over de groepjes van inwoners × kans. Een arbeidsmarktregio is de som
   van haar gemeenten; Nederland de som van alle gemeenten en daarmee precies {p('doel_16_65')}. De uitsplitsingen
   (NT1/NT2, werkend/werkzoekend/niet-werkend, leeftijd) tellen op tot het totaal.
5. **66–75 jaar, 16–75 jaar en laaggecijferdheid.** Voor 66–75-jarigen gelden dezelfde verschillen naar opleiding
   en herkomst (zonder leeftijd en arbeid), met Nederland op {p('doel_66_75', 0)}. 16–75 jaar is 16–65 plus 66–75
   jaar. Laaggecijferdheid gebruikt dezelfde verschillen als taal, met Nederland op {p('doel_gecijferd_16_65')}.
6. **Wijken (grover).** Per wijk gebruiken we de leeftijdsopbouw en het aantal inwoners met herkomst buiten
   Nederland van de wijk, maar opleiding en arbeid van de gemeente (CBS publiceert die niet per wijk in onze
   bronnen). Voor wijken waarvoor onze bronbestanden de eerste generatie niet naar Europa / buiten Europa
   uitsplitsen, nemen we het aandeel eerste generatie binnen de inwoners met herkomst buiten Nederland over van de
   gemeente; dat staat bij de wijk vermeld. De wijken worden daarna zo geschaald dat ze samen precies de schatting
   van hun gemeente geven; alleen de verdeling over de wijken komt uit de wijkcijfers. Wijken krijgen alleen een
   schatting voor 16–65 jaar, niet voor 66–75 jaar, 16–75 jaar of laaggecijferdheid (ook dat staat bij de wijk).
   Heeft een wijk geen inwoners (van 16–65 jaar), dan is er geen schatting; waar CBS kleine aantallen onderdrukt,
   staat dat erbij.

### Aannames

- Binnen een gemeente hangen opleiding, leeftijd, herkomst en arbeid niet met elkaar samen (onafhankelijkheid).
  Nieuwkomers zijn in werkelijkheid vaker laagopgeleid; dat effect zit nu in het effect van herkomst.
- 16–65 jaar wordt benaderd met CBS-leeftijdsgroep 15 tot 65 jaar (evenveel jaargangen) en 66–75 jaar met
  15–75 jaar (2023) min 15–65 jaar (2024). Onderwijsniveau geldt voor 15–75 jaar; arbeid voor 15–75 jaar, omgerekend
  naar 15–65 jaar met het landelijke aandeel werkenden en werklozen onder 65–75-jarigen (in elke gemeente
  hetzelfde aangenomen); de herkomstverdeling voor alle leeftijden.
- NT1/NT2 wordt benaderd met geboren in Nederland / eerste generatie. Wie in België (Vlaanderen), Suriname of op
  de Antillen is geboren, spreekt vaak Nederlands als moedertaal: in grensgemeenten zoals Sluis en Baarle-Nassau en
  bij veel expats overschat de schatting daardoor waarschijnlijk. De tweede generatie telt als NT1.
- NT2 is in 2023 {p('aandeel_nt2_2023', 0)} van de laaggeletterden: de ondergrens van "NT2 is nu de grootste
  groep". De scenario's lopen van {procent(nt2_values[0], 0)} (het veel geciteerde 56% NT1 van de GGD, dat met die
  uitspraak in strijd is) tot {procent(nt2_values[-1], 0)} (aanname: duidelijk meer dan de helft).
- Tussen eerste generatie uit Europa en van buiten Europa nemen we geen verschil aan (odds ratio
  {getal(central['odds_nt2_buiten_europa'], 1)}); alleen hun aantallen verschillen per gemeente.
- Hoogopgeleiden hebben een kleinere kans dan middelbaar opgeleiden (odds ratio
  {getal(central['odds_hoog_vs_middelbaar'], 2)}); hier is geen Nederlands cijfer voor gevonden, daarom loopt dit
  in de scenario's van 0,15 tot 0,6.
- 'Bijna 40%' laaggeletterden onder mensen met vmbo/mbo-1 lezen we als laaggeletterd en/of laaggecijferd en
  rekenen we om naar alleen taal ({p('opleiding_vmbo_mbo1_2012')}); letterlijk genomen is een scenario.
- Voor 45–65 jaar nemen we aan dat 45–54-jarigen het landelijke gemiddelde hebben en 55–65-jarigen
  {p('leeftijd_55_65_2012')} (gepubliceerd): {p('leeftijd_45_65_2012', 2)}.
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
({getal(central['deelnemers_piaac_66_75'])}), wat ± {getal(margin_older, 1)} procentpunt op {p('doel_66_75', 0)} geeft.
De bandbreedte voor 16–75 jaar is de som van de ondergrenzen en de som van de bovengrenzen van 16–65 en 66–75 jaar:
een ruime keuze, alsof beide tegelijk aan hun grens liggen. Wijken krijgen de relatieve bandbreedte van hun gemeente
(dezelfde verhouding tot de schatting); die is niet breder gemaakt, hoewel de wijkschatting grover is. De werkelijke
onzekerheid per gemeente, en zeker per wijk, is groter: een synthetische schatting ziet geen plaatselijke verschillen
die niet uit de samenstelling volgen.

### Laaggeletterden met een uitkering

Naast de arbeidsposities (werkend, werkloos volgens CBS, niet-werkend) toont de pagina *Doelgroep* de mensen met een
uitkering als eigen groep: bijstand, WW en, waar CBS het publiceert, arbeidsongeschiktheid (AO). Hoeveel van hen
laaggeletterd zijn, wordt niet geteld; het dashboard past gepubliceerde landelijke verhoudingen toe op het geschatte
aandeel p (16–65 jaar) van het gebied:

- **bijstand**: laaggeletterden zijn {getal(central['uitkering_bijstand_relatief_risico'])} keer zo vaak afhankelijk van de bijstand als
  anderen (Stichting Lezen & Schrijven), dus is het aandeel onder bijstandsontvangers 3p / (3p + 1 − p);
- **WW**: wie WW heeft moet werk zoeken; PIAAC 2012 vond {p('arbeid_werkloos_2012')} laaggeletterden onder werklozen
  tegen {p('totaal_2012')} in het geheel, dus p × {getal(central['arbeid_werkloos_2012'], 1)} / {getal(central['totaal_2012'], 1)};
- **AO**: geen gepubliceerd cijfer; *aanname* {getal(central['uitkering_ao_relatief_risico'])} keer zo vaak, met als grenzen 1 (als
  iedereen) en {getal(central['uitkering_bijstand_relatief_risico'])} (als de bijstand).

De bandbreedte volgt uit de onder- en bovengrens van p (en voor AO uit de grenzen van de verhouding); de onzekerheid
van de landelijke verhoudingen zelf zit er niet in. De groepen worden niet opgeteld: bijstand kan een aanvulling op
WW of AO zijn, en ze overlappen met de arbeidsposities (WW'ers die actief zoeken zijn werkloos volgens CBS; bijstand
zonder sollicitatieplicht en de meeste AO'ers zijn niet-werkend). Bijstand telt uitkeringen (een paar heeft er één),
per wijk personen.

### Niet afgestemd op andere schattingen

De parameters komen alleen uit landelijke, gepubliceerde cijfers (tabel hieronder). De schatting is bewust niet
afgestemd op gepubliceerde gemeentecijfers (zoals Geletterdheid in Zicht of Basisvaardigheden in Zicht), zodat
ze daarmee onafhankelijk vergeleken kan worden. Verschillen met die bronnen zijn te verwachten: zij gebruiken
microdata van PIAAC en CBS, wij alleen landelijke uitsplitsingen en de samenstelling per gemeente.
""".strip()


# What each parameter of reference/geletterdheid_parameters.csv is, in words, for the page (the code stays a column).
PARAMETER_OMSCHRIJVING = {
    "doel_16_65": "Laaggeletterd 16–65 jaar, Nederland 2023",
    "doel_66_75": "Laaggeletterd 66–75 jaar, Nederland 2023",
    "doel_gecijferd_16_65": "Laaggecijferd 16–65 jaar, Nederland 2023",
    "deelnemers_piaac_2023": "Deelnemers PIAAC 2023, 16–65 jaar",
    "deelnemers_piaac_66_75": "Deelnemers PIAAC 2023, 66–75 jaar",
    "totaal_2012": "Laaggeletterd 16–65 jaar, Nederland 2012",
    "opleiding_basisonderwijs_2012": "Laaggeletterd bij hoogstens basisonderwijs, 2012",
    "opleiding_vmbo_mbo1_gepubliceerd": "Laaggeletterd bij vmbo/mbo-1, gepubliceerd ('bijna 40%')",
    "laaggeletterd_2012_aantal": "Aantal laaggeletterden (taal), 2012",
    "laaggeletterd_en_of_gecijferd_2012_aantal": "Aantal laaggeletterden en/of laaggecijferden, 2012",
    "opleiding_vmbo_mbo1_2012": "Laaggeletterd bij vmbo/mbo-1 (alleen taal), 2012",
    "odds_hoog_vs_middelbaar": "Odds ratio hoog- tegenover middelbaar opgeleiden",
    "leeftijd_16_24_2012": "Laaggeletterd 16–24 jaar, 2012",
    "leeftijd_55_65_2012": "Laaggeletterd 55–65 jaar, 2012",
    "leeftijd_45_65_2012": "Laaggeletterd 45–65 jaar, 2012 (afgeleid)",
    "arbeid_werkend_2012": "Laaggeletterd onder werkenden, 2012",
    "arbeid_werkloos_2012": "Laaggeletterd onder werklozen (werkzoekenden), 2012",
    "arbeid_beroepsbevolking_2012": "Laaggeletterd in de beroepsbevolking, 2012",
    "arbeid_65_75_werkend_2024": "Aandeel werkenden onder 65–75-jarigen, 2024",
    "arbeid_65_75_werkloos_2024": "Aandeel werklozen onder 65–75-jarigen, 2024",
    "aandeel_nt2_2023": "Aandeel NT2 onder laaggeletterden, 2023",
    "aandeel_nt2_2012": "Aandeel NT2 onder laaggeletterden, verhoudingen van 2012",
    "odds_nt2_buiten_europa": "Odds ratio eerste generatie buiten Europa tegenover Europa",
    "aandeel_betaald_werk_2012": "Aandeel met betaald werk onder laaggeletterden, 2012",
    "uitkering_bijstand_relatief_risico": "Hoe veel vaker laaggeletterden bijstand hebben dan anderen",
    "uitkering_ao_relatief_risico": "Hoe veel vaker laaggeletterden een AO-uitkering hebben (aanname)",
}


def parameter_table(parameters: pd.DataFrame | None = None) -> pd.DataFrame:
    """The parameter table as shown on the page: Dutch column names, the column Parameter says in words what
    each parameter is (`PARAMETER_OMSCHRIJVING`; a new code without one shows its code in words) and the
    column Code keeps the code the method text and the column Gebruik refer to."""
    parameters = read_parameters() if parameters is None else parameters
    shown = parameters.rename(
        columns={"parameter": "Code", "scenario": "Scenario", "waarde": "Waarde", "eenheid": "Eenheid",
                 "populatie": "Populatie", "jaar": "Jaar", "soort": "Soort", "gebruik": "Gebruik", "bron": "Bron",
                 "bron_url": "Bron-URL", "toelichting": "Toelichting"}
    )
    omschrijving = [PARAMETER_OMSCHRIJVING.get(code, str(code).replace("_", " ").capitalize()) for code in shown["Code"]]
    shown.insert(0, "Parameter", omschrijving)
    return shown[["Parameter", *(kolom for kolom in shown.columns if kolom not in ("Parameter", "Code")), "Code"]]


def scenario_labels(names) -> list[str]:
    return [SCENARIO_LABELS.get(name, name) for name in names]
