"""Structured errors (fields → one Dutch sentence) and the reasons for missing values (code → text)."""

import pickle

import pandas as pd
import pytest

from llo_dash import redenen
from llo_dash.errors import BuildError, FileLabel, LloDashError, SchemaError, SourceError
from llo_dash.ingest.readers import read_dertje_csv, read_json_value, to_number

FVW = FileLabel(
    "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv", "Maatstaven Financiële-verhoudingswet (Fvw) (85383NED)",
    "maatstaven_fvw",
)
FVW_TEXT = ("Bronbestand cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv "
            "(Maatstaven Financiële-verhoudingswet (Fvw) (85383NED), bron maatstaven_fvw)")


# --- errors: fields → one sentence -----------------------------------------------------------


def test_a_plain_error_is_its_sentence():
    error = BuildError("Controle: inwoners van Nederland zijn niet de som van de gemeenten.")
    assert str(error) == "Controle: inwoners van Nederland zijn niet de som van de gemeenten."
    assert error.file is None and error.source_id is None


def test_file_line_column_and_value_make_one_sentence():
    error = SchemaError("is geen getal (1 cel)", file=FVW, line=12, column="TotaalBijstandsuitkeringen_22", value="veel")
    assert str(error) == f"{FVW_TEXT}, regel 12, kolom 'TotaalBijstandsuitkeringen_22': waarde 'veel' is geen getal (1 cel)."
    assert (error.source_id, error.file, error.line, error.column, error.value) == (
        "maatstaven_fvw", FVW, 12, "TotaalBijstandsuitkeringen_22", "veel")


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"problem": "kolom 'RegioS' ontbreekt"}, f"{FVW_TEXT}: kolom 'RegioS' ontbreekt."),
        ({"problem": "geen geldige JSON", "line": 3}, f"{FVW_TEXT}, regel 3: geen geldige JSON."),
        ({"problem": "categorie '2024' komt niet voor", "column": "Perioden"},
         f"{FVW_TEXT}, kolom 'Perioden': categorie '2024' komt niet voor."),
        ({"predicate": "is leeg"}, f"{FVW_TEXT} is leeg."),
        # a problem that ends a sentence itself gets no second full stop
        ({"problem": "code X is onbekend; is de tabel veranderd?"}, f"{FVW_TEXT}: code X is onbekend; is de tabel veranderd?"),
    ],
)
def test_the_forms_of_a_file_error(fields, expected):
    assert str(SchemaError(file=FVW, **fields)) == expected


def test_a_plain_file_name_and_a_value_without_file():
    assert str(SchemaError("is geen getal (1 cel)", file="bron.csv", column="inwoners", value="veel")) == (
        "Bronbestand bron.csv, kolom 'inwoners': waarde 'veel' is geen getal (1 cel).")
    assert str(SchemaError("is geen getal (1 cel)", value="veel")) == "Waarde 'veel' is geen getal (1 cel)."


def test_a_live_table_is_named_without_bronbestand():
    label = FileLabel("CBS-tabel 86088NED, live opgehaald", "Arbeidsdeelname (86088NED)", "arbeidsdeelname", live=True)
    assert str(BuildError("3 gemeenten ontbreken", file=label)) == (
        "CBS-tabel 86088NED, live opgehaald (Arbeidsdeelname (86088NED), bron arbeidsdeelname): 3 gemeenten ontbreken.")


def test_two_files():
    other = FileLabel("b.csv", "Tabel B", "b")
    error = SchemaError(file=(FVW, other), predicate="hebben niet evenveel rijen (3 en 4)")
    assert str(error) == f"Bronbestanden {FVW_TEXT.removeprefix('Bronbestand ')} en b.csv (Tabel B, bron b) hebben niet evenveel rijen (3 en 4)."
    assert error.source_ids == ("maatstaven_fvw", "b")


def test_a_source_id_is_named_by_the_registry_until_the_build_names_it():
    error = SchemaError("beroepsklasse 01 ontbreekt", source_id="beroepen_werkzamen")
    assert str(error).startswith("Bronbestand arbeidsmarkt/cbs_brc_werkzamen_lonen_nl.csv (Werkzame beroepsbevolking")
    assert str(error).endswith(", bron beroepen_werkzamen): beroepsklasse 01 ontbreekt.")
    downloaded = FileLabel("/cache/beroepen_werkzamen/cbs_brc_werkzamen_lonen_nl.csv", "Werkzame beroepsbevolking", "beroepen_werkzamen")
    assert error.name_sources(lambda source_id: downloaded) is error
    assert str(error) == (f"Bronbestand {downloaded}: beroepsklasse 01 ontbreekt.")
    # a file named where the error was raised is kept
    named = SchemaError("x", file=FVW).name_sources(lambda source_id: downloaded)
    assert named.file == FVW


def test_the_subclasses_are_llo_dash_errors():
    for kind in (SourceError, SchemaError, BuildError):
        error = kind("p", file="a.csv")
        assert isinstance(error, LloDashError) and str(error) == "Bronbestand a.csv: p."


def test_fields_survive_pickling():
    error = SchemaError(file=FVW, predicate="is leeg")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is SchemaError and str(copy) == str(error) and copy.source_id == "maatstaven_fvw"


# --- readers raise with fields -----------------------------------------------------------------


def test_readers_fill_in_line_column_and_value(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text("ID;RegioS\n0;Aa en Hunze\n1;Assen;extra\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        read_dertje_csv(path, FVW)
    assert (caught.value.file, caught.value.line) == (FVW, 3)
    assert str(caught.value) == f"{FVW_TEXT}, regel 3: 3 velden in plaats van 2 (zoals de kopregel); het bestand lijkt afgekapt of beschadigd."

    broken = tmp_path / "c.json"
    broken.write_text('{"value": [\n')
    with pytest.raises(SchemaError) as caught:
        read_json_value(broken)
    assert str(caught.value) == "Bronbestand c.json, regel 2: geen geldige JSON."

    with pytest.raises(SchemaError) as caught:
        to_number(pd.Series(["10", "veel", "veel"]), file=FVW, column="inwoners")
    assert (caught.value.column, caught.value.value) == ("inwoners", "veel")
    assert str(caught.value) == f"{FVW_TEXT}, kolom 'inwoners': waarde 'veel' is geen getal (2 cellen)."


# --- reasons for missing values: code → text ---------------------------------------------------

BESTAND = "cbs/kwb/86003NED_uitkeringsontvangers_wijken_buurten_2024_first10000rows_dertje.csv.gz"
TITEL = "Uitkeringsontvangers; wijken en buurten 2024 (86003NED)"
NIET_HIER = "Niet in dit dashboard (de CBS-bron is hier maar deels ingelezen)"

# code, parameters → (the build's text, the dashboard's text): the wording of the app before the codes.
TEKSTEN = [
    ("kleine_gebieden_onderdrukt", {},
     "CBS onderdrukt waarden van kleine gebieden (privacy) of het gebied heeft geen inwoners.",
     "CBS onderdrukt waarden van kleine gebieden (privacy) of het gebied heeft geen inwoners."),
    ("onderwijs_onderdrukt", {"bron": "onderwijsniveau"},
     "CBS onderdrukt het onderwijsniveau van zeer kleine gemeenten (enquête te klein).",
     "CBS onderdrukt het onderwijsniveau van zeer kleine gemeenten (enquête te klein)."),
    ("optelling_onvolledig", {"bron": "kwb_2024_typed"},
     "Optelling onvolledig: niet alle gemeenten van de regio staan in de mirror.",
     "Optelling onvolledig: niet alle gemeenten van de regio zijn ingelezen."),
    ("bron_ontbreekt", {"bron": "uitkeringen_wijken", "bestand": BESTAND, "titel": TITEL},
     f"Niet in de mirror: het aanvullende bestand {BESTAND} ({TITEL}) ontbreekt; CBS publiceert deze cijfers wel.",
     f"{NIET_HIER}: het aanvullende bestand {BESTAND} ({TITEL}) ontbreekt; CBS publiceert deze cijfers wel."),
    ("gemeenten_deels", {"bron": "kwb_2024_gemeenten_100", "aantal": 100},
     "Niet in de mirror: per gemeente alleen de 100 gemeenten van de KWB-export (CBS publiceert ze wel).",
     f"{NIET_HIER}: per gemeente alleen de 100 gemeenten van de KWB-export (CBS publiceert ze wel)."),
    ("wijken_deels", {"bron": "uitkeringen_wijken", "aantal": 48},
     "Niet in de mirror: wijken en buurten alleen voor 48 gemeenten; kleine gebieden ook door CBS onderdrukt.",
     f"{NIET_HIER}: wijken en buurten alleen voor 48 gemeenten; kleine gebieden ook door CBS onderdrukt."),
    ("wijken_deels_live", {"bron": "kwb_2024_typed", "aantal": 172},
     "Niet in de mirror: wijken en buurten alleen voor 172 gemeenten (CBS publiceert ze wel, live op te halen); "
     "kleine gebieden ook door CBS onderdrukt.",
     f"{NIET_HIER}: wijken en buurten alleen voor 172 gemeenten (CBS publiceert ze wel); kleine gebieden ook door CBS onderdrukt."),
    ("sectoren_deels", {"bron": "kwb_2024_typed", "aantal": 172},
     "Niet in de mirror: bedrijfsvestigingen per sector alleen voor 172 gemeenten en hun wijken en buurten.",
     f"{NIET_HIER}: bedrijfsvestigingen per sector alleen voor 172 gemeenten en hun wijken en buurten."),
]


@pytest.mark.parametrize("code, parameters, bouw, gebruikers", TEKSTEN, ids=[t[0] for t in TEKSTEN])
def test_a_reason_code_renders_for_the_build_and_for_users(code, parameters, bouw, gebruikers):
    reden = redenen.reden(code, **parameters)
    assert redenen.tekst(reden, redenen.BOUW) == bouw
    assert redenen.tekst(reden, redenen.GEBRUIKERS) == gebruikers
    assert "mirror" not in gebruikers and "live op te halen" not in gebruikers
    # as the manifest records it, and read back from there
    entry = {"ontbrekend": 3, "totaal": 10, **reden.manifest()}
    assert entry["code"] == code and entry["parameters"] == parameters and entry["reden"] == gebruikers
    assert redenen.tekst(entry, redenen.BOUW) == bouw and redenen.tekst(entry) == gebruikers


def test_every_code_has_a_text_for_both_audiences():
    for code, texts in redenen.TEKSTEN.items():
        assert set(texts) == {redenen.BOUW, redenen.GEBRUIKERS}, code
        assert "mirror" not in texts[redenen.GEBRUIKERS], code


def test_manifests_without_codes_and_unknown_codes_keep_their_text():
    assert redenen.tekst({"reden": "Alleen 48 gemeenten."}, redenen.BOUW) == "Alleen 48 gemeenten."
    assert redenen.tekst("Een tekst.") == "Een tekst."
    assert redenen.tekst({"code": "nieuwe_code", "reden": "Uit een nieuwere bouw."}) == "Uit een nieuwere bouw."
    # a parameter the code needs is missing: the recorded text, else the general sentence
    assert redenen.tekst({"code": "wijken_deels", "parameters": {}, "reden": "Tekst."}) == "Tekst."
    assert redenen.tekst({"code": "wijken_deels", "parameters": {}}) == redenen.ONBEKEND


def test_unknown_codes_and_audiences_are_refused_where_they_are_made():
    with pytest.raises(ValueError, match="Onbekende redencode 'bestaat_niet'"):
        redenen.reden("bestaat_niet")
    with pytest.raises(ValueError, match="Onbekend publiek voor een reden: 'iedereen'"):
        redenen.tekst(redenen.reden("optelling_onvolledig"), "iedereen")
