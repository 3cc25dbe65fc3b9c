"""Regioprofiel, pure (no Streamlit): one region's answers to the handreiking's questions, in order, built
from the views of the other pages (`data.maak_profiel`), and the handreiking's pointers for the questions
data cannot answer (`text`). Rendering to HTML, PDF and slides: `llo_dash.export_profiel`."""

from llo_dash.views.profiel.data import Profiel, Sectie, compact, gemeentekaart, maak_profiel
from llo_dash.views.profiel.text import INLEIDING, VERWIJZINGEN, Verwijzing

__all__ = ["Profiel", "Sectie", "compact", "gemeentekaart", "maak_profiel", "INLEIDING", "VERWIJZINGEN", "Verwijzing"]
