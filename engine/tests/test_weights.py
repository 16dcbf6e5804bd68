"""Weighted totals, goal levels and the combined result."""

from decimal import Decimal

import pytest

from engine import (
    InvalidInputError,
    NegativeValueError,
    WeightError,
    combined_result,
    goal_result,
    weighted_total,
)

SEED = [
    ("personal", 50, 50),
    ("department", 40, 30),
    ("company", 30, 10),
    ("assessment", 50, 10),
]


def test_seed_example_combined():
    result = combined_result(SEED)
    assert result.total == Decimal("45.00")
    assert str(result.total) == "45.00"
    assert result.exact == Decimal(45)
    assert [line.contribution for line in result.lines] == [25, 12, 3, 5]
    assert [line.key for line in result.lines] == [k for k, _, _ in SEED]
    assert result.set_name == "combined"


def test_seed_example_goal_levels():
    levels = {
        "personal": (50, [("p1", 60, 50), ("p2", 40, 50)]),
        "department": (30, [("d1", 40, 100)]),
        "company": (10, [("c1", 30, 100)]),
        "assessment": (10, [("a1", 50, 100)]),
        "team": (0, []),
    }
    result = goal_result(levels, scale_max=100)
    assert result.total == Decimal("45.00")
    assert result.level("personal").result == Decimal(50)
    assert result.level("personal").contribution == Decimal(25)
    assert result.level("department").contribution == Decimal(12)
    assert result.level("company").contribution == Decimal(3)
    assert result.level("assessment").contribution == Decimal(5)
    team = result.level("team")
    assert team.skipped and team.detail is None and team.contribution == 0
    assert [lv.name for lv in result.levels] == list(levels)
    with pytest.raises(KeyError):
        result.level("unknown")


def test_goal_levels_then_combined_with_assessment():
    goals = goal_result(
        {
            "personal": (62.5, [("p", 50, 100)]),
            "department": (37.5, [("d", 40, 100)]),
        }
    )
    assert goals.exact == Decimal("46.25")
    combined = combined_result([("goals", goals.exact, 80), ("assessment", 50, 20)])
    assert combined.total == Decimal("47.00")


def test_rounding_only_at_the_end():
    result = weighted_total(
        [("a", "10.005", 50), ("b", "10.004", 50)], set_name="goals"
    )
    assert result.exact == Decimal("10.0045")
    assert result.total == Decimal("10.00")
    result = weighted_total([("a", "1.115", 100)], set_name="goals")
    assert result.total == Decimal("1.12")


def test_fractional_weights_exact():
    result = weighted_total(
        [("a", 100, "33.33"), ("b", 100, "33.33"), ("c", 100, "33.34")],
        set_name="thirds",
    )
    assert result.exact == Decimal(100)
    assert result.total == Decimal("100.00")


@pytest.mark.parametrize(
    ("weights", "total"),
    [((50, 40), Decimal(90)), ((60, 50), Decimal(110)), (("33.33", "66.66"), None)],
)
def test_weights_must_sum_to_100(weights, total):
    items = [(f"g{i}", 10, w) for i, w in enumerate(weights)]
    with pytest.raises(WeightError) as info:
        weighted_total(items, set_name="Goals Alice 2025")
    exc = info.value
    expected = total if total is not None else Decimal("99.99")
    assert exc.set_name == "Goals Alice 2025"
    assert exc.total == expected
    assert "Goals Alice 2025" in str(exc)
    assert str(expected) in str(exc)
    assert exc.code == "weights_not_100"


def test_empty_set_rejected():
    with pytest.raises(WeightError) as info:
        weighted_total([], set_name="empty")
    assert info.value.total == 0


def test_level_weights_must_sum_to_100():
    with pytest.raises(WeightError) as info:
        goal_result({"personal": (50, [("p", 1, 100)]), "team": (40, [("t", 1, 100)])})
    assert info.value.set_name == "goal levels"
    assert info.value.total == Decimal(90)


def test_goal_weights_within_level_named():
    with pytest.raises(WeightError) as info:
        goal_result({"personal": (100, [("p1", 1, 50), ("p2", 1, 40)])})
    assert info.value.set_name == "personal"
    assert info.value.total == Decimal(90)


def test_level_with_weight_but_no_goals_rejected():
    with pytest.raises(WeightError) as info:
        goal_result({"personal": (50, []), "company": (50, [("c", 1, 100)])})
    assert info.value.set_name == "personal"


def test_level_with_zero_weight_and_goals_contributes_nothing():
    result = goal_result(
        {"personal": (100, [("p", 80, 100)]), "team": (0, [("t", 10, 100)])}
    )
    assert result.total == Decimal("80.00")
    team = result.level("team")
    assert not team.skipped and team.result == 10 and team.contribution == 0


def test_value_above_scale_max():
    with pytest.raises(InvalidInputError) as info:
        weighted_total(
            [("Sales target", 120, 50), ("Quality", 90, 50)],
            set_name="goals",
            scale_max=100,
        )
    exc = info.value
    assert exc.code == "above_scale_max"
    assert exc.item == "Sales target"
    assert exc.value == Decimal(120)
    assert exc.limit == Decimal(100)
    assert "Sales target" in str(exc)
    # Exactly at the maximum is fine.
    assert weighted_total([("x", 100, 100)], set_name="g", scale_max=100).total == 100


def test_goal_result_passes_scale_max():
    with pytest.raises(InvalidInputError) as info:
        goal_result({"personal": (100, [("p", 6, 100)])}, scale_max=5)
    assert info.value.item == "p"


@pytest.mark.parametrize(
    "items",
    [[("Quality", -1, 100)], [("a", 1, 150), ("Quality", 1, -50)]],
)
def test_negative_rejected(items):
    with pytest.raises(NegativeValueError) as info:
        weighted_total(items, set_name="goals")
    assert "Quality" in info.value.item
    assert "goals" in str(info.value)


def test_negative_level_weight_rejected():
    with pytest.raises(NegativeValueError):
        goal_result({"a": (-10, [("x", 1, 100)]), "b": (110, [("y", 1, 100)])})


def test_invalid_values_rejected():
    with pytest.raises(InvalidInputError) as info:
        weighted_total([("a", None, 100)], set_name="goals")
    assert info.value.code == "missing"
    assert "a" in info.value.item
    with pytest.raises(InvalidInputError):
        weighted_total([("a", float("nan"), 100)], set_name="goals")
    with pytest.raises(InvalidInputError) as info:
        weighted_total([("a", 1, 50), ("a", 1, 50)], set_name="goals")
    assert info.value.code == "duplicate_key"
    with pytest.raises(InvalidInputError) as info:
        weighted_total([("a", 1)], set_name="goals")
    assert info.value.code == "malformed_item"
    with pytest.raises(InvalidInputError) as info:
        goal_result({"personal": 100})
    assert info.value.code == "malformed_item"


def test_floats_are_converted_via_str():
    result = weighted_total([("a", 0.1, 50), ("b", 0.2, 50)], set_name="f")
    assert result.exact == Decimal("0.15")


def test_too_many_digits_is_an_error_not_silent_rounding():
    huge = "1" * 250 + ".5"
    items = [("a", huge, "33.3333333333"), ("b", 1, "66.6666666667")]
    with pytest.raises(InvalidInputError) as info:
        weighted_total(items, set_name="big")
    assert info.value.code == "too_many_digits"
