"""Bonus curves and rating levels (``engine.curves``)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import InvalidInputError
from engine.curves import (
    NEGATIVE,
    POSITIVE,
    RATING_LEVELS,
    STEPS,
    TABLE,
    achievement,
    build_curve,
)

D = Decimal
STANDARD = build_curve(POSITIVE, lower=(80, 50), upper=(120, 150))


def test_standard_positive_seed_shape():
    # Zero below the lower point, linear to 100 % at 100 %, steeper to the
    # upper point, flat above it.
    assert STANDARD.rate("79.9999") == 0
    assert STANDARD.rate(80) == 50
    assert STANDARD.rate(90) == D("75.0000")
    assert STANDARD.rate(100) == 100
    assert STANDARD.rate(110) == D("125.0000")
    assert STANDARD.rate(120) == 150
    assert STANDARD.rate(500) == 150
    assert STANDARD.cap == 150


def test_steeper_upper_branch_and_four_decimal_rate():
    curve = build_curve(POSITIVE, lower=(70, 0), upper=(130, 200))
    # 100 % over 30 points below, 100 % over 30 points above: 3.3333 %/point
    assert curve.rate(85) == D("50.0000")
    assert curve.rate(101) == D("103.3333")  # 100 + 100/30, half up
    assert curve.rate(115) == D("150.0000")


def test_standard_negative_pays_more_for_less():
    curve = build_curve(NEGATIVE, lower=(80, 150), upper=(120, 50))
    assert curve.rate(50) == 150
    assert curve.rate(90) == D("125.0000")
    assert curve.rate(100) == 100
    assert curve.rate(120) == 50
    assert curve.rate("120.0001") == 0
    assert curve.level(70) == "far_exceeded"
    assert curve.level(100) == "narrowly_reached"
    assert curve.level(140) == "far_missed"


def test_steps_and_table():
    steps = build_curve(STEPS, points=[(80, 50), (100, 100), (120, 150)])
    assert [steps.rate(a) for a in (79, 80, 99, 100, 119, 120, 300)] == [
        0,
        50,
        50,
        100,
        100,
        150,
        150,
    ]
    table = build_curve(TABLE, points=[(50, 10), (100, 100), (150, 180)])
    assert table.rate(0) == 10
    assert table.rate(75) == D("55.0000")
    assert table.rate(125) == D("140.0000")
    assert table.rate(1000) == 180


def test_levels_at_default_thresholds():
    levels = [STANDARD.level(a) for a in (0, 70, 90, 100, 110, 130)]
    assert levels == list(RATING_LEVELS)
    assert STANDARD.level("99.9999") == "narrowly_missed"


def test_achievement_is_actual_over_target():
    assert achievement(110, 100) == D("110.0000")
    assert achievement(1, 3) == D("33.3333")
    assert achievement(2, 3) == D("66.6667")
    with pytest.raises(InvalidInputError) as error:
        achievement(5, 0)
    assert error.value.code == "zero_target"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"lower": (100, 50), "upper": (120, 150)}, "points_around_100"),
        ({"lower": (80, 50), "upper": (100, 150)}, "points_around_100"),
        ({"lower": (80, 120), "upper": (120, 150)}, "rates_direction"),
        ({"lower": (80, 50)}, "missing"),
    ],
)
def test_standard_curve_refuses_bad_parameters(kwargs, code):
    with pytest.raises(InvalidInputError) as error:
        build_curve(POSITIVE, **kwargs)
    assert error.value.code == code


def test_table_refuses_points_not_increasing():
    with pytest.raises(InvalidInputError) as error:
        build_curve(
            TABLE, points=[(50, 0), (100, 100), (100, 120)], name="Mein Verlauf"
        )
    assert error.value.code == "points_not_increasing"
    assert error.value.item == "Mein Verlauf"
    assert error.value.other == 3
    with pytest.raises(InvalidInputError) as error:
        build_curve(TABLE, points=[])
    assert error.value.code == "no_points"


def test_thresholds_must_increase_and_be_five():
    with pytest.raises(InvalidInputError) as error:
        build_curve(TABLE, points=[(0, 0)], thresholds=[70, 90, 90, 110, 130])
    assert error.value.code == "thresholds_not_increasing"
    with pytest.raises(InvalidInputError) as error:
        build_curve(TABLE, points=[(0, 0)], thresholds=[70, 90])
    assert error.value.code == "threshold_count"


def test_graph_draws_the_jumps():
    assert STANDARD.graph(0, 150) == [
        (D(0), D(0)),
        (D(80), D(0)),
        (D(80), D(50)),
        (D(100), D(100)),
        (D(120), D(150)),
        (D(150), D(150)),
    ]
    negative = build_curve(NEGATIVE, lower=(80, 150), upper=(120, 50))
    assert negative.graph(0, 150)[-3:] == [
        (D(120), D(50)),
        (D(120), D(0)),
        (D(150), D(0)),
    ]


# ----------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------
percent = st.decimals(min_value=0, max_value=400, places=4)


@st.composite
def standard_curves(draw):
    lower_a = draw(st.decimals(min_value=0, max_value="99.99", places=2))
    upper_a = draw(st.decimals(min_value="100.01", max_value=300, places=2))
    lower_r = draw(st.decimals(min_value=0, max_value=100, places=2))
    upper_r = draw(st.decimals(min_value=100, max_value=400, places=2))
    return build_curve(POSITIVE, lower=(lower_a, lower_r), upper=(upper_a, upper_r))


@st.composite
def monotone_tables(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    xs = sorted(set(draw(st.lists(percent, min_size=count, max_size=count))))
    rates = sorted(draw(st.lists(percent, min_size=len(xs), max_size=len(xs))))
    kind = draw(st.sampled_from([TABLE, STEPS]))
    return build_curve(kind, points=list(zip(xs, rates, strict=True)))


@given(st.one_of(standard_curves(), monotone_tables()), percent, percent)
def test_monotone_curves_never_pay_less_for_more(curve, a, b):
    low, high = min(a, b), max(a, b)
    assert curve.monotone
    assert curve.rate(low) <= curve.rate(high)
    # the cap holds
    assert 0 <= curve.rate(high) <= curve.cap


@given(standard_curves(), percent)
def test_negative_mirror_never_pays_more_for_more(curve, a):
    lower, _middle, upper = curve.points
    negative = build_curve(
        NEGATIVE,
        lower=(lower[0], upper[1]),
        upper=(upper[0], lower[1]),
    )
    step = D("0.5")
    assert negative.rate(a + step) <= negative.rate(a) <= negative.cap


@given(st.one_of(standard_curves(), monotone_tables()), percent)
def test_levels_cover_every_achievement_exactly_once(curve, a):
    level = curve.level(a)
    assert level in RATING_LEVELS
    t = curve.thresholds
    bounds = [D("-Infinity"), *t, D("Infinity")]
    containing = [
        RATING_LEVELS[i]
        for i in range(len(RATING_LEVELS))
        if bounds[i] <= a < bounds[i + 1]
    ]
    assert containing == [level]


@given(percent, percent)
def test_levels_move_with_the_curve_direction(a, b):
    low, high = min(a, b), max(a, b)
    negative = build_curve(NEGATIVE, lower=(80, 150), upper=(120, 50))
    order = {level: i for i, level in enumerate(RATING_LEVELS)}
    assert order[STANDARD.level(low)] <= order[STANDARD.level(high)]
    assert order[negative.level(low)] >= order[negative.level(high)]
