"""Workaround: Streamlit's own menu of the files in `pages/`, shown to a shared link opened first.

The app's menu is the `st.navigation` in app.py. The project keeps its page files in a folder
named `pages/` (the design names it), next to app.py, and Streamlit 1.67 (requirements.txt)
treats such a folder as the old, file-based multipage app until `st.navigation` has run once:

- `streamlit/runtime/pages_manager.py`: the class attribute `PagesManager.uses_pages_directory`
  is set, when the first session starts, to whether `<folder of app.py>/pages` exists. The
  folder name is fixed; no config option changes it or turns the discovery off.
- `streamlit/runtime/scriptrunner/script_runner.py`: while it is True, a run does not execute
  app.py but `_mpa_v1`, which builds a menu of app.py and every `pages/*.py` by file name
  ("app", "bronnen", …) and runs the requested page file directly.
- `streamlit/commands/navigation.py`: `st.navigation` sets it to False, for the whole process.
  A link such as /doelgroep?regio=AM12 that is the first request after a server start never
  runs app.py, so nothing calls `st.navigation`.
- The public option `[client] showSidebarNavigation = false` does not help: it hides the file
  menu, but it also hides the app's own `st.navigation` menu in the sidebar (navigation.py sets
  the position to HIDDEN; app_session.py sends `hide_sidebar_nav`), and the page still runs
  without app.py. (Tried: with that option and without this workaround, the shared link shows
  no menu at all, and neither does the start page.)

So `ensure_app_menu` turns the discovery off itself (a private attribute of the pinned
Streamlit) and runs the page again, which then goes through app.py with the same page and link.
Proof that it works: tests/test_browser.py::test_first_request_is_a_deep_link_to_another_page
(the first request to a fresh server is /doelgroep?regio=AM12; the menu must be the app's).
Check it again when Streamlit is upgraded.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager  # private API of the pinned Streamlit; see above


def ensure_app_menu() -> None:
    """In a run that Streamlit's `pages/` discovery started (not app.py): turn the discovery off and run again
    through app.py. Returns normally otherwise (a page file run on its own, as in AppTest)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
