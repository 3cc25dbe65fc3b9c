"""Doelgroep: Wie is de doelgroep in de regio: laaggeletterden en laag opgeleiden naar groep, naast het Nederlandse gemiddelde. (placeholder)."""

import streamlit as st

from llo_dash import ui

ui.page_setup("Doelgroep", ":material/groups:")
st.info("Deze pagina volgt.")
