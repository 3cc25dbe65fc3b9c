"""The low-literacy model: fitting, calibration, sums, monotonicity, missing inputs, parameter table."""

import numpy as np
import pandas as pd
import pytest

from llo_dash.estimate.inputs import REGION_EDUCATION_NOTE, gemeente_inputs
from llo_dash.estimate.model import Composition, Targets, calibrate_intercept, expected_counts, fit
from llo_dash.estimate.parameters import CENTRAAL, read_parameters, scenarios
from llo_dash.estimate.run import PART_GROUPS, estimate_areas, round_to_total

# --- the model on a made-up composition -------------------------------------------------------


def composition(low_education=(0.2, 0.4), population=(1000.0, 3000.0)) -> Composition:
    low = np.array(low_education)
    return Composition(
        population=np.array(population),
        shares={
            "opleiding": np.column_stack([low, 1 - low]),
            "arbeid": np.array([[0.7, 0.3], [0.6, 0.4]]),
        },
        categories={"opleiding": ("laag", "hoog"), "arbeid": ("werkend", "inactief")},
    )


def national_rate(comp, counts, dimension, category):
    axis = comp.dimensions.index(dimension) + 1
    index = comp.categories[dimension].index(category)
    persons = comp.cells()
    taken = [slice(None)] * persons.ndim
    taken[axis] = index
    return counts[tuple(taken)].sum() / persons[tuple(taken)].sum()


def test_fit_reproduces_published_one_way_rates_and_the_total():
    comp = composition()
    targets = Targets(total=0.12, rates={"opleiding": {"laag": 0.30}, "arbeid": {"werkend": 0.08}})
    effects = fit(comp, targets)
    counts = expected_counts(comp, effects)
    assert counts.sum() / comp.cells().sum() == pytest.approx(0.12, abs=1e-9)
    assert national_rate(comp, counts, "opleiding", "laag") == pytest.approx(0.30, abs=1e-9)
    assert national_rate(comp, counts, "arbeid", "werkend") == pytest.approx(0.08, abs=1e-9)


def test_calibration_hits_the_national_target_exactly():
    comp = composition()
    effects = calibrate_intercept(comp, fit(comp, Targets(total=0.12, rates={"opleiding": {"laag": 0.3}})), 0.159)
    assert expected_counts(comp, effects).sum() / comp.cells().sum() == pytest.approx(0.159, abs=1e-12)


def test_more_low_educated_all_else_equal_gives_a_higher_rate():
    base = composition(low_education=(0.2, 0.4))
    effects = fit(base, Targets(total=0.12, rates={"opleiding": {"laag": 0.3}}))
    more = composition(low_education=(0.3, 0.4))  # only area 0 changes
    rate_before = expected_counts(base, effects)[0].sum() / base.cells()[0].sum()
    rate_after = expected_counts(more, effects)[0].sum() / more.cells()[0].sum()
    assert rate_after > rate_before
    assert expected_counts(more, effects)[1].sum() == pytest.approx(expected_counts(base, effects)[1].sum())


def test_impossible_targets_are_reported():
    comp = composition()
    # Every category of a dimension has a target that cannot fit the total.
    targets = Targets(total=0.5, rates={"opleiding": {"laag": 0.05, "hoog": 0.05}})
    with pytest.raises(ValueError, match="niet verenigbaar"):
        fit(comp, targets, max_iterations=200)


def test_rounding_keeps_the_total():
    values = pd.Series([0.4, 0.4, 0.4, 10.6])
    rounded = round_to_total(values)
    assert rounded.sum() == round(values.sum()) == 12
    assert (rounded == rounded.round()).all()


# --- the estimate on a small made-up gebieden table ------------------------------------------

GEMEENTEN = {
    # code: (region, inwoners, 15-25, 25-45, 45-65, 65-75, herkomst NL, first gen Europe, outside Europe, basis%, laag%, middel%, hoog%, netto%, bruto%)
    "GM0001": ("AM01", 20000, 2000, 4000, 5000, 2400, 17000, 300, 700, 7, 25, 45, 30, 70, 73),
    "GM0002": ("AM01", 50000, 7000, 12000, 13000, 5000, 35000, 2000, 6000, 10, 30, 40, 30, 66, 70),
    "GM0003": ("AM02", 80000, 12000, 25000, 20000, 7000, 50000, 5000, 12000, 9, 22, 33, 45, 72, 75),
    "GM0004": ("AM02", 10000, 1000, 2000, 3000, 1300, 9500, 100, 150, None, None, None, None, 71, 74),
}


def small_gebieden(**changes) -> pd.DataFrame:
    rows = []
    for code, values in GEMEENTEN.items():
        region, inwoners, a, b, c, older, nl, europa, buiten, basis, laag, middel, hoog, netto, bruto = changes.get(code, values)
        foreign = inwoners - nl
        rows.append({
            "niveau": "gemeente", "code": code, "gemeente_code": code, "arbeidsmarktregio_code": region,
            "inwoners": inwoners, "inwoners_15_25": a, "inwoners_25_45": b, "inwoners_45_65": c, "inwoners_15_65": a + b + c,
            "inwoners_65_75": older, "herkomst_nederland": nl, "herkomst_buiten_nederland": foreign,
            "eerste_generatie_europa": europa, "eerste_generatie_buiten_europa": buiten,
            "basisonderwijs_pct": basis, "laag_opgeleid_pct": laag, "middelbaar_opgeleid_pct": middel, "hoog_opgeleid_pct": hoog,
            "netto_arbeidsparticipatie_pct": netto, "bruto_arbeidsparticipatie_pct": bruto,
        })
    regions = [
        {"niveau": "arbeidsmarktregio", "code": "AM01", "arbeidsmarktregio_code": "AM01", "basisonderwijs_pct": 9,
         "laag_opgeleid_pct": 28, "middelbaar_opgeleid_pct": 42, "hoog_opgeleid_pct": 30},
        {"niveau": "arbeidsmarktregio", "code": "AM02", "arbeidsmarktregio_code": "AM02", "basisonderwijs_pct": 8,
         "laag_opgeleid_pct": 24, "middelbaar_opgeleid_pct": 36, "hoog_opgeleid_pct": 40},
    ]
    frame = pd.DataFrame(rows + regions)
    totals = frame[frame.niveau == "gemeente"].drop(columns=["niveau", "code", "gemeente_code", "arbeidsmarktregio_code"]).sum()
    nederland = {"niveau": "nederland", "code": "NL00", **{k: v for k, v in totals.items() if not k.endswith("_pct")}}
    return pd.concat([frame, pd.DataFrame([nederland])], ignore_index=True)


def with_notes(estimate) -> pd.DataFrame:
    """The estimate columns with the remark per area, as the build joins them into `gebieden`."""
    return estimate.columns.join(estimate.toelichting.rename("schatting_toelichting"), how="outer")


@pytest.fixture(scope="module")
def small():
    return with_notes(estimate_areas(small_gebieden()))


def test_nederland_hits_the_calibration_targets(small):
    assert small.loc["NL00", "laaggeletterd_16_65_pct"] == pytest.approx(15.9, abs=1e-3)
    assert small.loc["NL00", "laaggeletterd_66_75_pct"] == pytest.approx(39.0, abs=1e-3)
    assert small.loc["NL00", "laaggecijferd_16_65_pct"] == pytest.approx(15.5, abs=1e-3)


def test_regions_are_the_sum_of_their_gemeenten_and_parts_add_up(small):
    for region, members in {"AM01": ["GM0001", "GM0002"], "AM02": ["GM0003", "GM0004"]}.items():
        for column in ("laaggeletterd_16_65", "laaggeletterd_nt2", "laaggeletterd_werkend", "laaggeletterd_66_75"):
            assert small.loc[region, column] == small.loc[members, column].sum()
    for group in PART_GROUPS:
        assert (small[list(group)].sum(axis=1) == small["laaggeletterd_16_65"]).all()
    assert (small["laaggeletterd_nt2_werkend"] + small["laaggeletterd_nt2_werkzoekend"] + small["laaggeletterd_nt2_inactief"] == small["laaggeletterd_nt2"]).all()


def test_the_interval_contains_the_estimate(small):
    for total in ("laaggeletterd_16_65", "laaggecijferd_16_65"):
        assert (small[f"{total}_laag"] < small[total]).all() and (small[total] < small[f"{total}_hoog"]).all()


def test_suppressed_education_uses_the_region_and_says_so(small):
    assert small.loc["GM0004", "schatting_toelichting"] == REGION_EDUCATION_NOTE
    assert pd.notna(small.loc["GM0004", "laaggeletterd_16_65"])


def test_a_missing_input_gives_no_estimate_but_a_reason_never_the_national_average():
    values = list(GEMEENTEN["GM0002"])
    values[13] = None  # netto arbeidsparticipatie unknown
    columns = with_notes(estimate_areas(small_gebieden(GM0002=tuple(values))))
    assert pd.isna(columns.loc["GM0002", "laaggeletterd_16_65"])
    assert "arbeidsdeelname" in columns.loc["GM0002", "schatting_toelichting"]
    # Its region is missing too: a sum without one of its gemeenten is not the region's value.
    assert pd.isna(columns.loc["AM01", "laaggeletterd_16_65"])
    assert pd.notna(columns.loc["AM02", "laaggeletterd_16_65"])


def test_more_low_educated_in_one_gemeente_raises_its_estimate(small):
    values = list(GEMEENTEN["GM0001"])
    values[10], values[11] = 35, 35  # 10 points moved from middelbaar to laag
    changed = with_notes(estimate_areas(small_gebieden(GM0001=tuple(values))))
    # Calibration moves every gemeente a little; the changed one must rise relative to the others.
    before = small.loc["GM0001", "laaggeletterd_16_65_pct"] / small.loc["GM0003", "laaggeletterd_16_65_pct"]
    after = changed.loc["GM0001", "laaggeletterd_16_65_pct"] / changed.loc["GM0003", "laaggeletterd_16_65_pct"]
    assert after > before


def test_unknown_older_population_gives_no_66_75_estimate_not_zero():
    values = list(GEMEENTEN["GM0003"])
    values[5] = None  # population 65–75 unknown
    columns = with_notes(estimate_areas(small_gebieden(GM0003=tuple(values))))
    assert pd.isna(columns.loc["GM0003", "laaggeletterd_66_75"])
    assert pd.isna(columns.loc["AM02", "laaggeletterd_66_75"])  # not a partial sum
    assert pd.notna(columns.loc["GM0003", "laaggeletterd_16_65"])
    assert "66–75" in columns.loc["GM0003", "schatting_toelichting"]
    # The other gemeenten keep their estimate: one unknown population must not pull the calibration off.
    known = with_notes(estimate_areas(small_gebieden()))
    for code in ("GM0001", "GM0002", "GM0004"):
        assert columns.loc[code, "laaggeletterd_66_75"] > 0
        assert columns.loc[code, "laaggeletterd_66_75_pct"] == pytest.approx(known.loc[code, "laaggeletterd_66_75_pct"], rel=0.5)


def test_inputs_of_a_gemeente_sum_to_one():
    inputs = gemeente_inputs(small_gebieden())
    for shares in inputs.shares.values():
        assert np.allclose(shares.sum(axis=1), 1)


# --- the parameter table ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def parameters():
    return read_parameters()


def test_every_parameter_has_a_source_and_published_ones_a_url(parameters):
    assert parameters["bron"].fillna("").str.strip().ne("").all()
    published = parameters[parameters["soort"] == "gepubliceerd"]
    assert published["bron_url"].str.startswith("http").all()
    assert set(parameters["soort"]) <= {"gepubliceerd", "afgeleid", "aanname"}
    assert parameters.loc[parameters["soort"] != "gepubliceerd", "toelichting"].fillna("").str.len().gt(0).all()


def test_derived_parameters_follow_their_stated_formula(parameters):
    value = parameters[parameters["scenario"] == "alle"].set_index("parameter")["waarde"]
    assert value["opleiding_vmbo_mbo1_2012"] == pytest.approx(
        value["opleiding_vmbo_mbo1_gepubliceerd"] * value["laaggeletterd_2012_aantal"] / value["laaggeletterd_en_of_gecijferd_2012_aantal"], abs=0.05
    )
    assert value["leeftijd_45_65_2012"] == pytest.approx((value["totaal_2012"] + value["leeftijd_55_65_2012"]) / 2)
    oecd = parameters[(parameters["scenario"] == "totaal_2012_oeso")].set_index("parameter")["waarde"]
    assert oecd["leeftijd_45_65_2012"] == pytest.approx((oecd["totaal_2012"] + value["leeftijd_55_65_2012"]) / 2)


def test_national_targets_are_the_published_ones(parameters):
    central = scenarios(parameters)[0]
    assert central.naam == CENTRAAL
    assert (central["doel_16_65"], central["doel_66_75"], central["doel_gecijferd_16_65"]) == (15.9, 39, 15.5)
    assert len(scenarios(parameters)) >= 5  # the interval comes from several plausible parameter sets
