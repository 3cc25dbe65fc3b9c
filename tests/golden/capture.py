"""What a page shows and offers for download, recorded for the golden files (shared by `make_golden.py`
and `tests/test_golden.py`).

Deliberately independent of the project's own module names (they are about to move): pages are run
as files with AppTest, text is read from the element tree, and downloads are caught by wrapping
Streamlit's own `download_button` (every `st.download_button`, `container.download_button`,
`column.download_button`, … goes through `DeltaGenerator.download_button`). AppTest runs the page
script in this process, so the wrapper sees every call.

Per view (page × area) the golden folder `tests/golden/<pagina>/<gebied>/` holds:
- `tekst.txt`: titles, subheaders, markdown, captions, messages, metrics, tab and expander labels in
  page order (main page, then sidebar), and the list of download buttons (label, file name, type), with
  every expander that makes its content only while open (issue 14) opened;
- every CSV download, byte for byte, named after its `file_name` with the date replaced by `DATUM`.

Whatever depends on the build rather than on the data (build time, duration, git commit, absolute
paths of the mirror and the data folder, today's date) is replaced by a fixed token (`Normalisatie`).
"""

from __future__ import annotations

import difflib
import hashlib
import inspect
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit
import streamlit.testing.v1.element_tree as et
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from tests.apptest import Sessie, assert_ok

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = PROJECT_ROOT / "pages"
GOLDEN_DIR = Path(__file__).resolve().parent
# What is committed: a fingerprint per file (checksum, size, lines, first line). The files themselves hold
# figures derived from the public sources, which the project never commits; the generator keeps them
# beside the index in lokaal/ (git-ignored), so a difference can be shown line by line on this machine.
INDEX = GOLDEN_DIR / "golden.json"
LOKAAL_DIR = GOLDEN_DIR / "lokaal"
TEKST = "tekst.txt"
DATUM_TOKEN = "DATUM"  # replaces the date in download file names ("llo-…-AM22-2026-12-06.csv")

PAGINAS = ["overzicht", "doelgroep", "vindplaatsen", "sectoren", "vergelijken", "trends", "bronnen"]

# The three areas: heel Nederland (no ?regio=), the smallest arbeidsmarktregio by inhabitants
# (AM35 Gorinchem, 145.611 inwoners) and the largest (AM22 Rijnmond, 1.436.988 inwoners).
GEBIEDEN: dict[str, dict[str, str]] = {
    "nederland": {},
    "AM35": {"regio": "AM35"},
    "AM22": {"regio": "AM22"},
}


@dataclass(frozen=True)
class Weergave:
    """One page in one area (and, for a few, a non-default view), with its URL query parameters."""

    pagina: str
    gebied: str
    params: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def pad(self) -> Path:
        return PAGES_DIR / f"{self.pagina}.py"

    @property
    def map(self) -> Path:
        """Where the generator keeps this view's full files on this machine (not committed)."""
        return LOKAAL_DIR / self.pagina / self.gebied

    @property
    def naam(self) -> str:
        return f"{self.pagina}/{self.gebied}"


WEERGAVEN: list[Weergave] = [
    *(Weergave(pagina, gebied, params) for pagina in PAGINAS for gebied, params in GEBIEDEN.items()),
    # Cheap non-default views that add tables: the wijken of the large region, and the gemeente map.
    Weergave("vindplaatsen", "AM22-wijk", {"regio": "AM22", "niveau": "wijk"}),
    Weergave("overzicht", "nederland-kaart-gemeente", {"kaart": "gemeente"}),
]


# --- downloads ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    label: str
    file_name: str
    mime: str
    data: bytes | None  # only for CSV downloads (the others are listed, not made)

    @property
    def is_csv(self) -> bool:
        return self.mime == "text/csv" or self.file_name.lower().endswith(".csv")


class _Opname:
    """The downloads offered during the current run (AppTest runs the script in another thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._downloads: list[Download] = []

    def leeg(self) -> None:
        with self._lock:
            self._downloads = []

    def voeg_toe(self, download: Download) -> None:
        with self._lock:
            self._downloads.append(download)

    def alles(self) -> list[Download]:
        with self._lock:
            return list(self._downloads)


OPNAME = _Opname()


def _als_bytes(data) -> bytes:
    """The file of a download button: bytes, str, a file-like object, or a callable (deferred) giving one."""
    if callable(data):
        data = data()
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if hasattr(data, "getvalue"):
        return _als_bytes(data.getvalue())
    if hasattr(data, "read"):
        return _als_bytes(data.read())
    raise TypeError(f"Onbekend soort downloadgegevens: {type(data).__name__}")


def _neem_op(arguments: dict) -> None:
    download = Download(str(arguments.get("label", "")), str(arguments.get("file_name") or ""),
                        str(arguments.get("mime") or ""), None)
    if download.is_csv:
        download = Download(download.label, download.file_name, download.mime, _als_bytes(arguments.get("data")))
    OPNAME.voeg_toe(download)


def _omhul(origineel):
    signatuur = inspect.signature(origineel)

    def download_button(*args, **kwargs):
        _neem_op(signatuur.bind(*args, **kwargs).arguments)
        return origineel(*args, **kwargs)

    download_button.__wrapped__ = origineel
    download_button._golden_opname = True
    return download_button


@contextmanager
def downloads_opnemen() -> Iterator[_Opname]:
    """Record every download button while active: `DeltaGenerator.download_button` (containers, columns,
    tabs, sidebar) and `st.download_button` (a bound method of the main container, made at import)."""
    dg_origineel = DeltaGenerator.download_button
    st_origineel = streamlit.download_button
    if getattr(dg_origineel, "_golden_opname", False):  # already active (nested use)
        yield OPNAME
        return
    DeltaGenerator.download_button = _omhul(dg_origineel)
    streamlit.download_button = _omhul(st_origineel)
    try:
        yield OPNAME
    finally:
        DeltaGenerator.download_button = dg_origineel
        streamlit.download_button = st_origineel


# --- normalisation ----------------------------------------------------------------------------

MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# What must never be in a golden file once normalised: an absolute path of this machine.
ABSOLUUT_PAD = re.compile(r"(?<![\w.:/-])/(?:tmp|work|home|root|var|private|Users|mnt|opt|srv)/")


def _nl_datum(dag: date) -> str:
    return rf"0?{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def _nl_getal(waarde: float, decimalen: int) -> str:
    return f"{waarde:,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")


@dataclass(frozen=True)
class Normalisatie:
    """Replaces what depends on the build or the day, not on the data, by fixed tokens."""

    regels: tuple[tuple[re.Pattern, str], ...] = field(repr=False)
    datums: tuple[date, ...]
    commit: str | None = field(repr=False)

    @classmethod
    def voor(cls, data_dir: Path, vandaag: date | None = None) -> Normalisatie:
        """The rules for the build in `data_dir` (its manifest.json) and today."""
        data_dir = Path(data_dir)
        manifest_pad = data_dir / "manifest.json"
        manifest = json.loads(manifest_pad.read_text(encoding="utf-8")) if manifest_pad.exists() else {}
        vandaag = vandaag or date.today()
        datums = {vandaag}

        regels: list[tuple[re.Pattern, str]] = []
        # Absolute paths, longest first: the mirror, the data and cache folder of the build, the project.
        paden: dict[str, str] = {}
        if manifest.get("mirror"):
            paden[str(manifest["mirror"])] = "<MIRROR>"
            paden[str(Path(manifest["mirror"]).resolve())] = "<MIRROR>"
        for pad, token in ((data_dir, "<DATA>"), (data_dir.parent / "cache", "<CACHE>"), (PROJECT_ROOT, "<PROJECT>")):
            paden[str(pad)] = token
            paden[str(pad.resolve())] = token
        for pad in sorted(paden, key=len, reverse=True):
            regels.append((re.compile(re.escape(pad)), paden[pad]))

        # The build time: as ISO text, and as a Dutch date (with or without time) in any zone it is shown in.
        gebouwd = manifest.get("gebouwd_op")
        if gebouwd:
            regels.append((re.compile(re.escape(str(gebouwd))), "<GEBOUWD_OP>"))
            try:
                moment = datetime.fromisoformat(str(gebouwd))
            except ValueError:
                moment = None
            if moment is not None:
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=timezone.utc)
                for zone in (AMSTERDAM, timezone.utc):
                    datums.add(moment.astimezone(zone).date())
                datums.add(moment.astimezone().date())
        for dag in sorted(datums):
            regels.append((re.compile(rf"\b{_nl_datum(dag)}, \d{{1,2}}[:.]\d{{2}}( uur)?"), r"<DATUM>, <TIJD>\1"))
            regels.append((re.compile(rf"\b{_nl_datum(dag)}\b"), "<DATUM>"))
            regels.append((re.compile(rf"\b{dag.isoformat()}(T\d\d:\d\d(:\d\d)?([+-]\d\d:?\d\d|Z)?)?"), "<DATUM>"))

        # The build's duration and the git commit of the code that built it (with "+lokale-wijzigingen").
        duur = manifest.get("duur_seconden")
        if isinstance(duur, (int, float)):
            for decimalen in (1, 0, 2):
                regels.append((re.compile(rf"(?<![\d,.]){re.escape(_nl_getal(duur, decimalen))} seconden"),
                               "<DUUR> seconden"))
        commit = (manifest.get("code_versie") or {}).get("git") if isinstance(manifest.get("code_versie"), dict) else None
        regels.append((re.compile(r"\bgit: (?:[0-9a-f]{7,40}(?:\+[\w-]+)?|None|geen gegevens)"), "git: <GIT>"))
        if commit:
            sha = str(commit).split("+")[0]
            regels.append((re.compile(re.escape(str(commit))), "<GIT>"))
            regels.append((re.compile(rf"\b{re.escape(sha[:7])}[0-9a-f]*\b"), "<GIT>"))
        return cls(tuple(regels), tuple(sorted(datums)), commit)

    def tekst(self, tekst: str) -> str:
        for patroon, vervanging in self.regels:
            tekst = patroon.sub(vervanging, tekst)
        return tekst

    def bestand(self, inhoud: bytes) -> bytes:
        """A downloaded file: as text (utf-8, the BOM kept) with the rules applied; other bytes as they are."""
        try:
            tekst = inhoud.decode("utf-8")
        except UnicodeDecodeError:
            return inhoud
        nieuw = self.tekst(tekst)
        return inhoud if nieuw == tekst else nieuw.encode("utf-8")

    @staticmethod
    def bestandsnaam(naam: str) -> str:
        """A download's file name with its date (today's, in the name) replaced: "…-AM22-DATUM.csv"."""
        return re.sub(r"\d{4}-\d{2}-\d{2}", DATUM_TOKEN, naam)

    def verdacht(self, inhoud: bytes | str) -> list[str]:
        """What a normalised golden file must not contain: absolute paths, today's or the build's date."""
        tekst = inhoud if isinstance(inhoud, str) else inhoud.decode("utf-8", errors="replace")
        gevonden = [f"absoluut pad: {m.group(0)!r}…" for m in ABSOLUUT_PAD.finditer(tekst)][:3]
        for dag in self.datums:
            for patroon in (re.escape(dag.isoformat()), _nl_datum(dag)):
                if re.search(rf"\b{patroon}\b", tekst):
                    gevonden.append(f"datum van vandaag of van de bouw: {dag.isoformat()}")
        if self.commit and str(self.commit).split("+")[0][:12] in tekst:
            gevonden.append("git-commit van de bouw")
        return gevonden


# --- page text ------------------------------------------------------------------------------


def _elementen(node, regels: list[str]) -> None:
    if isinstance(node, et.Block):
        if isinstance(node, (et.Tab, et.Expander)):
            regels.append(f"[{node.type}: {node.label}]")
        for kind in node.children.values():
            _elementen(kind, regels)
    elif isinstance(node, et.HeadingBase):
        regels.append(f"[{node.type}] {node.value}")
    elif isinstance(node, et.Markdown):  # markdown, caption, latex, divider
        regels.append(f"[{node.type}]\n{node.value}")
    elif isinstance(node, et.Metric):
        regels.append(f"[metric] {node.label}: {node.value}" + (f" ({node.delta})" if node.delta else ""))
    elif isinstance(node, et.AlertBase):  # info, success, warning, error
        regels.append(f"[{node.type}] {node.value}")
    elif isinstance(node, et.Exception):
        regels.append(f"[exception] {node.value}")


def pagina_tekst(at: AppTest, downloads: list[Download], norm: Normalisatie) -> str:
    """Everything written on the page, in page order, then the download buttons; normalised."""
    delen = []
    for titel, blok in (("hoofdpagina", at.main), ("zijbalk", at.sidebar)):
        regels: list[str] = []
        _elementen(blok, regels)
        delen.append(f"===== {titel} =====\n\n" + "\n\n".join(regels))
    knoppen = [f"{d.label}: {norm.bestandsnaam(d.file_name)} ({d.mime})" for d in downloads]
    delen.append("===== downloads =====\n\n" + "\n".join(knoppen))
    tekst = "\n\n".join(delen)
    return norm.tekst(tekst).rstrip("\n") + "\n"


# --- one view -------------------------------------------------------------------------------


def neem_op(sessie: Sessie, weergave: Weergave, norm: Normalisatie) -> dict[str, bytes]:
    """Run one view and return its golden files: name -> bytes (`tekst.txt` and the CSV downloads).

    Every expander whose content is made only while it is open (`uitklap_…` keys, issue 14) is opened, so the
    view holds everything a user can see or download on it. Call inside `downloads_opnemen()`.
    """
    at = sessie.run(str(weergave.pad), uitgeklapt=True, voor_run=OPNAME.leeg, **weergave.params)
    assert_ok(at)
    downloads = OPNAME.alles()
    knoppen = at.get("download_button")
    assert len(downloads) == len(knoppen), (
        f"{weergave.naam}: {len(knoppen)} downloadknoppen op de pagina, maar {len(downloads)} opgenomen")
    bestanden: dict[str, bytes] = {TEKST: pagina_tekst(at, downloads, norm).encode("utf-8")}
    for download in downloads:
        if not download.is_csv:
            continue
        naam = norm.bestandsnaam(download.file_name) or "download.csv"
        basis, n = naam, 2
        while naam in bestanden:  # two downloads with one file name: keep both
            naam = re.sub(r"(\.csv)?$", f"-{n}\\1", basis, count=1)
            n += 1
        bestanden[naam] = norm.bestand(download.data or b"")
    return bestanden


def neem_alles_op(norm: Normalisatie, weergaven: list[Weergave] = WEERGAVEN) -> dict[Weergave, dict[str, bytes]]:
    """Every view, one AppTest session per page."""
    sessie = Sessie()
    with downloads_opnemen():
        return {weergave: neem_op(sessie, weergave, norm) for weergave in weergaven}


# --- golden files on disk -------------------------------------------------------------------


def vingerafdruk(inhoud: bytes) -> dict:
    """What the index keeps of one file: checksum, size, number of lines and the first line (a header)."""
    regels = inhoud.decode("utf-8-sig", errors="replace").splitlines()
    return {"sha256": hashlib.sha256(inhoud).hexdigest(), "bytes": len(inhoud), "regels": len(regels),
            "eerste_regel": regels[0][:300] if regels else ""}


def lees_index() -> dict[str, dict[str, dict]]:
    """The committed index: view name -> file name -> fingerprint."""
    return json.loads(INDEX.read_text(encoding="utf-8")) if INDEX.exists() else {}


def lees_golden(weergave: Weergave) -> dict[str, dict]:
    """The fingerprints of one view's golden files."""
    return lees_index().get(weergave.naam, {})


def lees_lokaal(weergave: Weergave) -> dict[str, bytes]:
    """The full golden files of one view, when the generator ran on this machine; else {}."""
    if not weergave.map.is_dir():
        return {}
    return {pad.name: pad.read_bytes() for pad in sorted(weergave.map.iterdir()) if pad.is_file()}


def schrijf_golden(alles: dict[Weergave, dict[str, bytes]]) -> None:
    """The index of every view (committed) and the full files (kept in lokaal/, git-ignored)."""
    index = {}
    for weergave, bestanden in alles.items():
        index[weergave.naam] = {naam: vingerafdruk(inhoud) for naam, inhoud in sorted(bestanden.items())}
        weergave.map.mkdir(parents=True, exist_ok=True)
        for oud in weergave.map.iterdir():
            if oud.is_file() and oud.name not in bestanden:
                oud.unlink()
        for naam, inhoud in bestanden.items():
            (weergave.map / naam).write_bytes(inhoud)
    INDEX.write_text(json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


MAX_DIFF_REGELS = 80


def _regels(inhoud: bytes, csv: bool) -> list[str]:
    return inhoud.decode("utf-8-sig" if csv else "utf-8", errors="replace").splitlines()


def verschillen(weergave: Weergave, nieuw: dict[str, bytes], golden: dict[str, dict]) -> list[str]:
    """Readable differences between a fresh capture and the golden fingerprints of one view ([] when equal).

    With the full golden files on this machine (lokaal/, from the generator) a changed file is shown as a
    line diff; otherwise as its changed size, line count or first line.
    """
    meldingen = []
    plek = f"{weergave.naam} (pagina {weergave.pagina}, gebied {weergave.gebied})"
    for naam in sorted(set(golden) - set(nieuw)):
        meldingen.append(f"{plek}: {naam} staat in de golden files maar wordt niet meer getoond/aangeboden.")
    for naam in sorted(set(nieuw) - set(golden)):
        meldingen.append(f"{plek}: {naam} is nieuw (niet in de golden files).")
    lokaal = lees_lokaal(weergave)
    for naam in sorted(set(nieuw) & set(golden)):
        nu = vingerafdruk(nieuw[naam])
        if nu["sha256"] == golden[naam]["sha256"]:
            continue
        oud = lokaal.get(naam)
        if oud is not None and vingerafdruk(oud)["sha256"] == golden[naam]["sha256"]:
            csv = naam.lower().endswith(".csv")
            diff = list(difflib.unified_diff(_regels(oud, csv), _regels(nieuw[naam], csv), f"golden/{weergave.naam}/{naam}",
                                             f"nu/{weergave.naam}/{naam}", lineterm="", n=1))
            if len(diff) > MAX_DIFF_REGELS:
                diff = diff[:MAX_DIFF_REGELS] + [f"… nog {len(diff) - MAX_DIFF_REGELS} regels verschil"]
            if not diff:  # same lines, other bytes: BOM, line endings or a final newline
                diff = [f"zelfde regels, andere bytes (BOM, regeleinden of slotregel): golden begint met {oud[:4]!r}, "
                        f"nu met {nieuw[naam][:4]!r}, {len(oud)} tegen {len(nieuw[naam])} bytes"]
        else:
            diff = [f"{sleutel}: golden {golden[naam][sleutel]!r}, nu {nu[sleutel]!r}"
                    for sleutel in ("bytes", "regels", "eerste_regel") if golden[naam][sleutel] != nu[sleutel]]
            diff.append("(de volledige golden files staan niet op deze machine: maak ze met de generator op de "
                        "vorige versie om de regels te vergelijken)")
        meldingen.append(f"{plek}: {naam} verschilt:\n" + "\n".join(diff))
    return meldingen
