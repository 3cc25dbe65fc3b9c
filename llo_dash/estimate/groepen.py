"""The rows of the control table (`schatting_controle`: the model next to the published PIAAC figures).

One label per group, used by the build (`run.structure_check`) and by the method text (`method`), so the
text always finds the row it quotes.
"""

TOTAAL = "Totaal 16–65 jaar"
BASISONDERWIJS = "Hoogst basisonderwijs"
VMBO_MBO1 = "Vmbo, mbo-1, havo/vwo-onderbouw"
LEEFTIJD_16_25 = "16 tot 25 jaar"
LEEFTIJD_45_65 = "45 tot 65 jaar"
LEEFTIJD_55_65 = "55 tot 65 jaar"
WERKENDEN = "Werkenden"
WERKLOZEN = "Werklozen (werkzoekenden)"
BEROEPSBEVOLKING = "Beroepsbevolking (werkenden en werklozen)"
AANDEEL_BETAALD_WERK = "Aandeel met betaald werk onder laaggeletterden"
AANDEEL_NT2 = "Aandeel eerste generatie (NT2) onder laaggeletterden"
NT1 = "Laaggeletterd onder NT1 (geboren in Nederland)"
NT2 = "Laaggeletterd onder NT2 (eerste generatie)"

# Groups whose 2023 rate is compared with the published 2012 rate in the text (the subgroups, not total or shares).
SUBGROEPEN = (BASISONDERWIJS, LEEFTIJD_16_25, WERKENDEN, WERKLOZEN)
# Every group the method text quotes.
IN_DE_TEKST = SUBGROEPEN + (VMBO_MBO1, BEROEPSBEVOLKING, AANDEEL_BETAALD_WERK, NT1, NT2)
