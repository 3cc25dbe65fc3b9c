"""An expander whose content is made only while it is open (issue 14: speed).

A plain `st.expander` runs its content on every run and sends it to the browser even when it is closed;
for a table under a map or figure that costs server time on each run and drawing time on each load. This
one tracks its state (`on_change="rerun"`): opening or closing it reruns the page, and the page makes the
content only when it is open. Use it only for content without widgets whose state must survive while it
is closed (a file uploader, say: its upload would be lost).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

PREFIX = "uitklap_"  # the widget key of every such expander; tests open them all by this prefix


@contextmanager
def uitklap(label: str, key: str) -> Iterator[bool]:
    """`with ui.uitklap(label, key) as uitgeklapt:` an expander, closed at first; make its content under
    `if uitgeklapt:`.

    `key` must be unique on the page; the widget key is `uitklap_<key>`.
    """
    with st.expander(label, key=f"{PREFIX}{key}", on_change="rerun") as box:
        yield bool(box.open)
