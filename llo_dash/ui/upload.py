"""A file upload whose checked result lives in this user's session only: which file was checked, the refused
file's messages, "Verwijder upload", and the uploader's key (a new key empties the uploader).

The page gives a name (`sleutel`) and a check (file name, bytes -> a result with `.ok`); it reads
`UploadStand` back: the upload in use, or the refused one. Nothing of a refused file is kept, and a
refused file also ends the use of an earlier good one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from llo_dash.views.sectoren.upload import UploadResult

Controle = Callable[[str, bytes], UploadResult]


@dataclass(frozen=True)
class UploadStand:
    """The upload in use (`in_gebruik`) or the last refused one (`afgekeurd`, messages only); at most one is set."""

    in_gebruik: UploadResult | None = None
    afgekeurd: UploadResult | None = None


def _sleutels(sleutel: str) -> tuple[str, str, str, str]:
    """Session keys: the result in use, the refused result, the file_id last checked, the uploader's key counter."""
    return sleutel, f"{sleutel}_fout", f"{sleutel}_verwerkt", f"{sleutel}_teller"


def upload_stand(sleutel: str) -> UploadStand:
    """The state of upload `sleutel` as it stands (before its uploader is drawn in this run)."""
    in_gebruik, fout, _, _ = _sleutels(sleutel)
    return UploadStand(st.session_state.get(in_gebruik), st.session_state.get(fout))


def _vergeet(sleutel: str) -> None:
    for key in _sleutels(sleutel)[:3]:
        st.session_state.pop(key, None)


def _verwijder(sleutel: str) -> None:
    _vergeet(sleutel)
    teller = _sleutels(sleutel)[3]
    st.session_state[teller] = st.session_state.get(teller, 0) + 1  # a new key empties the uploader


def _uploader_gewijzigd(sleutel: str, uploader: str) -> None:
    # Fires only when the user changes the uploader (not when it is drawn anew after a page switch):
    # removing the file in the uploader (its ×) removes the upload. The key stays: choosing another
    # file passes through "no file" too, and a new key would lose the file that follows.
    if st.session_state.get(uploader) is None:
        _vergeet(sleutel)


def upload_blok(sleutel: str, label: str, controle: Controle, *, soorten: tuple[str, ...] = ("csv", "xlsx"),
                max_mb: int = 60) -> UploadStand:
    """A file uploader whose file is checked once (`controle`), and a button "Verwijder upload" while there
    is an upload or a refusal; returns the state after this run.

    `max_mb` is Streamlit's own limit: keep it above the check's, so a too-large file gets the check's
    Dutch message rather than Streamlit's English one.
    """
    in_gebruik, fout, verwerkt, teller = _sleutels(sleutel)
    uploader = f"{sleutel}_bestand_{st.session_state.get(teller, 0)}"
    # No `type=` filter: Streamlit would refuse other types with an English message; the check (`controle`)
    # refuses them in Dutch, and the help text says which types are read.
    bestand = st.file_uploader(label, key=uploader, on_change=_uploader_gewijzigd, args=(sleutel, uploader),
                               max_upload_size=max_mb, help=f"Bestandstypen: {', '.join('.' + soort for soort in soorten)}.")
    if bestand is None:
        st.session_state.pop(fout, None)
    elif bestand.file_id != st.session_state.get(verwerkt):
        resultaat = controle(bestand.name, bestand.getvalue())
        st.session_state[verwerkt] = bestand.file_id
        if resultaat.ok:
            st.session_state[in_gebruik] = resultaat
            st.session_state.pop(fout, None)
        else:  # nothing of a refused file is kept, and an earlier upload is no longer used either
            st.session_state.pop(in_gebruik, None)
            st.session_state[fout] = resultaat
    stand = upload_stand(sleutel)
    if stand.in_gebruik is not None or stand.afgekeurd is not None:
        st.button("Verwijder upload", on_click=_verwijder, args=(sleutel,), icon=":material/delete:",
                  key=f"verwijder-{sleutel}")
    return stand
