"""The page Doelgroep: who the target group is in an area (estimated low-literates and low-educated), next to
Nederland. Pure functions, no Streamlit; they read the built table `gebieden` and the indicator registry.

    data     the tables (`columns.Tabel`): key figures, NT1/NT2 × work, composition, per gemeente
    uitkeringen  benefit recipients (bijstand, WW, AO) and the estimated low-literates among them
    leeftijd the estimated share of low-literates per age band, next to Nederland
    text     the handreiking's questions answered in sentences
    figures  the bar charts of NT1/NT2 × work and of the composition

The page uses `from llo_dash.views import doelgroep` and the names below.
"""

from llo_dash.views.doelgroep.data import (
    GEMEENTE_KOLOMMEN,
    KAART_OPTIES,
    KERN_KOLOMMEN,
    KERN_METRICS,
    NT_AANDEEL,
    NT_KOPPEN,
    NT_TOTAAL,
    SAMENSTELLING,
    TOTAAL,
    gemeenten,
    gemeentetabel,
    kern_kolommen,
    kern_scherm,
    kerncijfers_tabel,
    nt_arbeid_tabel,
    samenstelling_tabel,
    vergelijk_standaard,
)
from llo_dash.views.doelgroep.leeftijd import JONGVOLWASSENEN, leeftijd_tabel, leeftijd_zin
from llo_dash.views.doelgroep.uitkeringen import OVERLAP, uitkeringen_tabel
from llo_dash.views.doelgroep.figures import nt_arbeid_figuur, samenstelling_figuur
from llo_dash.views.doelgroep.text import aandeel_in_woorden, doelgroep_zinnen
from llo_dash.views.gebiedstabel import toelichting_regel

__all__ = [
    "GEMEENTE_KOLOMMEN", "KAART_OPTIES", "KERN_KOLOMMEN", "KERN_METRICS", "NT_AANDEEL", "NT_KOPPEN", "NT_TOTAAL",
    "SAMENSTELLING", "TOTAAL", "gemeenten", "gemeentetabel", "kern_kolommen", "kerncijfers_tabel", "nt_arbeid_tabel",
    "samenstelling_tabel", "kern_scherm", "vergelijk_standaard",
    "JONGVOLWASSENEN", "leeftijd_tabel", "leeftijd_zin", "OVERLAP", "uitkeringen_tabel",
    "nt_arbeid_figuur", "samenstelling_figuur",
    "aandeel_in_woorden", "doelgroep_zinnen",
    "toelichting_regel",
]
