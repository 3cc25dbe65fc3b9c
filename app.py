"""LLO Regiodashboard: `streamlit run app.py`. Router only; the pages live in pages/."""

import streamlit as st

from llo_dash import ui

ui.router_started()  # page config and, on first start, the build

# The app's menu. A shared link to a page opened before any session ran this file is served by Streamlit
# from pages/ directly; page_setup then runs it again through here (llo_dash/ui/pages_menu.py).
st.navigation(
    [
        st.Page("pages/overzicht.py", title="Overzicht", icon=":material/map:", default=True),
        st.Page("pages/profiel.py", title="Regioprofiel", icon=":material/description:"),
        st.Page("pages/doelgroep.py", title="Doelgroep", icon=":material/groups:"),
        st.Page("pages/vindplaatsen.py", title="Vindplaatsen", icon=":material/location_on:"),
        st.Page("pages/sectoren.py", title="Sectoren & beroepen", icon=":material/work:"),
        st.Page("pages/vergelijken.py", title="Vergelijken", icon=":material/compare_arrows:"),
        st.Page("pages/trends.py", title="Trends", icon=":material/trending_up:"),
        st.Page("pages/bronnen.py", title="Bronnen & methode", icon=":material/menu_book:"),
    ]
).run()
