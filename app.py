"""LLO Regiodashboard: `streamlit run app.py`. Router only; the pages live in pages/."""

import streamlit as st

from llo_dash import ui

# The favicon must be an emoji: Streamlit fetches a ":material/...:" favicon from fonts.gstatic.com,
# and the dashboard must work offline. (Material icons inside the page come from the bundled font.)
st.set_page_config(layout="wide", page_title="LLO Regiodashboard", page_icon="📊")
ui.ensure_built()

st.navigation(
    [
        st.Page("pages/overzicht.py", title="Overzicht", icon=":material/map:", default=True),
        st.Page("pages/doelgroep.py", title="Doelgroep", icon=":material/groups:"),
        st.Page("pages/vindplaatsen.py", title="Vindplaatsen", icon=":material/location_on:"),
        st.Page("pages/sectoren.py", title="Sectoren & beroepen", icon=":material/work:"),
        st.Page("pages/vergelijken.py", title="Vergelijken", icon=":material/compare_arrows:"),
        st.Page("pages/bronnen.py", title="Bronnen & methode", icon=":material/menu_book:"),
    ]
).run()
