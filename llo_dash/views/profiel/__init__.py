"""Regioprofiel, pure (no Streamlit): one region's (or gemeente's) answers to the handreiking's questions, in
order, built from the views of the other pages (`data.maak_profiel`), the collective's own partner and participant
files (`eigen`), and the handreiking's pointers for the questions data cannot answer (`text`). Rendering to HTML,
PDF and slides: `llo_dash.export_profiel`."""

from llo_dash.views.profiel.data import Profiel, Sectie, compact, gemeentekaart, maak_profiel, regio_van, wijkkaart
from llo_dash.views.profiel.eigen import HOE_TOEVOEGEN, EigenBestanden, uit_map
from llo_dash.views.profiel.text import INLEIDING, VERWIJZINGEN, Verwijzing

__all__ = ["Profiel", "Sectie", "compact", "gemeentekaart", "maak_profiel", "regio_van", "wijkkaart", "HOE_TOEVOEGEN",
           "EigenBestanden", "uit_map", "INLEIDING", "VERWIJZINGEN", "Verwijzing"]
