"""Reach (bereik): the sentences under the upload — reach of the area, NT1 among participants next to the estimate,
gemeenten missing from or outside the selection, reach above 100%."""

from __future__ import annotations

import math

import pandas as pd

from llo_dash.formatting import getal, marge, opsomming, procent
from llo_dash.views.bereik.data import BEREIK_DECIMALEN

METHODE = (
    "Bereik = deelnemers gedeeld door het geschatte aantal laaggeletterden van 16–65 jaar (schatting van het dashboard, "
    "zie *Bronnen & methode*). De marge van het bereik volgt uit de marge van die schatting: het lage bereik deelt door "
    "de bovengrens, het hoge door de ondergrens. De schattingen per groep (NT1, NT2, werkend, …) hebben geen eigen marge; "
    "ze krijgen de relatieve marge van het totaal. Deelnemers die geen laaggeletterde 16–65-jarige zijn (ouderen, mensen "
    "die al goed lezen) tellen ook mee: het bereik is dan te hoog."
)


def periode_tekst(periode: str | None) -> str:
    """" in periode 2024" (the upload allows only letters, digits, space and . - / in a period: safe as it is)."""
    return f" in periode {periode}" if periode else ""


def bereik_zin(totaal: pd.Series, naam: str, periode: str | None) -> str:
    """The reach of area `naam` (the total row of `bereik_per_gemeente`)."""
    if math.isnan(totaal["bereik_pct"]):
        return f"Voor {naam} is geen schatting van de doelgroep beschikbaar; het bereik kan niet worden berekend."
    return (
        f"Het collectief telt{periode_tekst(periode)} **{getal(totaal['deelnemers'])} deelnemers** in {naam}: naar schatting "
        f"**{procent(totaal['bereik_pct'], BEREIK_DECIMALEN)}** van de {getal(totaal['doelgroep'])} laaggeletterden van 16–65 jaar "
        f"(marge {marge(totaal['bereik_pct_laag'], totaal['bereik_pct_hoog'], BEREIK_DECIMALEN, procent=True)})."
    )


def nt1_zin(deelnemers_nt1: float, geschat_nt1: float, bekend: int, naam: str) -> str:
    """The NT1 share among participants next to the estimated NT1 share of the target group."""
    geschat = f"onder de geschatte laaggeletterden van 16–65 jaar in {naam} is dat {procent(geschat_nt1, 0)}"
    if not bekend:
        return f"De upload zegt niet of deelnemers NT1 of NT2 zijn; {geschat} NT1."
    verschil = deelnemers_nt1 - geschat_nt1
    oordeel = ("NT1 is onder de deelnemers ondervertegenwoordigd" if verschil <= -10 else
               "NT1 is onder de deelnemers oververtegenwoordigd" if verschil >= 10 else
               "de verhouding NT1/NT2 onder de deelnemers lijkt op die van de doelgroep")
    return (f"Van de {getal(bekend)} deelnemers van wie bekend is of ze NT1 of NT2 zijn, is **{procent(deelnemers_nt1, 0)} "
            f"NT1**; {geschat} (schatting): {oordeel} (een verschil van 10 procentpunt of meer telt hier als groot).")


def ontbrekend_zin(frame: pd.DataFrame) -> str:
    """The gemeenten of the selection that are not in the upload (no figure, not 0)."""
    ontbrekend = frame.loc[frame["code"].str.startswith("GM") & frame["deelnemers"].isna(), "naam"].tolist()
    if not ontbrekend:
        return ""
    return (f"Niet in de upload ({len(ontbrekend)}): {opsomming(ontbrekend)}. Die gemeenten hebben geen bereik in de "
            "tabel en op de kaart (grijs); in het totaal tellen ze als 0 deelnemers.")


def buiten_zin(namen: list[str], gebied: str) -> str:
    """The uploaded gemeenten outside the chosen region (they are not shown)."""
    if not namen:
        return ""
    getoond = opsomming(namen[:10]) + (f" en nog {len(namen) - 10}" if len(namen) > 10 else "")
    return f"De upload bevat ook {len(namen)} gemeente(n) buiten {gebied}: {getoond}. Kies hun regio om ze te zien."


def boven_100_zin(frame: pd.DataFrame) -> str:
    """Gemeenten where even the high bound of the target group is smaller than the number of participants."""
    gemeenten = frame[frame["code"].str.startswith("GM") & (frame["bereik_pct_laag"] > 100)]
    if gemeenten.empty:
        return ""
    return (f"In {opsomming(gemeenten['naam'].tolist())} zijn er meer deelnemers dan de bovengrens van de geschatte "
            "doelgroep. Tel je ook mensen die niet laaggeletterd zijn of buiten 16–65 jaar vallen, of staan deelnemers "
            "bij de verkeerde gemeente?")


def bron_regel(bestandsnaam: str, periode: str | None) -> str:
    """The source line of the reach table and map (the file name is cleaned by the upload's `display_name`)."""
    return (f"Bron: deelnemers uit de upload {bestandsnaam}{periode_tekst(periode)} (alleen in deze sessie); doelgroep: "
            "schatting van het dashboard (PIAAC 2023, CBS 2023/2024). Bereik is een schatting, geen telling.")
