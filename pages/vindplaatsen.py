"""Vindplaatsen: Waar is de doelgroep te vinden: gemeenten, wijken en partners. (placeholder)."""

import streamlit as st

from llo_dash import ui

ui.page_setup("Vindplaatsen", ":material/location_on:")
st.info("Deze pagina volgt.")
