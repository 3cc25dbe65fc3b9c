"""Reach (bereik) on the page Vindplaatsen: the collective's own participants per gemeente (an upload kept in the
session) as a share of the estimated target group, and its own partners per gemeente. Pure functions, no Streamlit.

    controle  what both uploads check alike: safe reading, header, formulas, gemeente by code or name, templates
    upload    the participants: template (CSV, Excel) and validation (per-row Dutch messages, nothing kept on error)
    partners  the collective's own partners: template, validation, the count per gemeente (page: `bereik.partners`)
    data      reach per gemeente and per group with its range, the NT1 shares, map values; the tables
    text      the sentences under the upload
"""

from llo_dash.views.bereik.controle import gemeente_namen
from llo_dash.views.bereik.data import (
    BEREIK_INDICATOR,
    bereik_per_gemeente,
    bereik_per_groep,
    bereik_tabel,
    buiten_selectie,
    gemeente_codes,
    groepen_tabel,
    in_periode,
    kaartwaarden,
    nt1_aandelen,
)
from llo_dash.views.bereik.text import (
    METHODE,
    boven_100_zin,
    bereik_zin,
    bron_regel,
    buiten_zin,
    nt1_zin,
    ontbrekend_zin,
)
from llo_dash.views.bereik.upload import (
    MAX_BYTES,
    BereikUpload,
    template_csv,
    template_xlsx,
    valideer_bereik_upload,
)

__all__ = [
    "BEREIK_INDICATOR", "bereik_per_gemeente", "bereik_per_groep", "bereik_tabel", "buiten_selectie", "gemeente_codes", "groepen_tabel",
    "in_periode", "kaartwaarden", "nt1_aandelen",
    "METHODE", "boven_100_zin", "bereik_zin", "bron_regel", "buiten_zin", "nt1_zin", "ontbrekend_zin",
    "MAX_BYTES", "BereikUpload", "gemeente_namen", "template_csv", "template_xlsx", "valideer_bereik_upload",
]
