"""Budget distribution by points: examples and edge cases."""

from decimal import Decimal

import pytest

from engine import (
    BELOW_MINIMUM,
    CAPPED,
    NO_POINTS,
    Entry,
    InvalidInputError,
    NegativeValueError,
    distribute,
)

D = Decimal


def amounts(dist):
    return {line.key: line.amount for line in dist.lines}


def assert_balanced(dist):
    total = sum((line.amount for line in dist.lines), D(0))
    assert total + dist.residual == dist.budget
    assert dist.distributed == total


def test_proportional_by_points():
    dist = distribute(
        "1000.00", [Entry("a", 80, 2), Entry("b", 60, 1), Entry("c", 40, 1)]
    )
    assert amounts(dist) == {"a": D("500.00"), "b": D("250.00"), "c": D("250.00")}
    assert dist.value_per_point == D(250)
    assert dist.total_points == D(4)
    assert dist.residual == D("0.00")
    assert dist.rounds == 1
    assert_balanced(dist)


def test_cent_handout_three_equal_people():
    dist = distribute("100.00", [("c", 1, 1), ("b", 1, 1), ("a", 1, 1)])
    assert amounts(dist) == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    line_a = dist.line_for("a")
    assert line_a.floored_amount == D("33.33")
    assert line_a.rounding_adjustment == D("0.01")
    assert dist.line_for("b").rounding_adjustment == D("0.00")
    assert str(dist.line_for("b").rounding_adjustment) == "0.00"
    assert dist.cents_handed_out == 1
    assert [line.key for line in dist.lines] == ["c", "b", "a"]  # input order
    assert dist.value_per_point_display == D("33.333333")
    assert_balanced(dist)


def test_cent_handout_largest_remainder_first():
    # 0.11 over 1, 1, 1 and 2 points: exact 0.022 (x3) and 0.044; floors
    # 0.02 (x3) and 0.04, one cent left -> largest remainder (d, 0.004).
    dist = distribute("0.11", [("a", 1, 1), ("b", 1, 1), ("c", 1, 1), ("d", 1, 2)])
    assert amounts(dist) == {
        "a": D("0.02"),
        "b": D("0.02"),
        "c": D("0.02"),
        "d": D("0.05"),
    }
    # 0.02 over 3, 1, 1: exact 0.012, 0.004, 0.004; floors 0.01, 0, 0;
    # remainders 0.002, 0.004, 0.004 -> y and z tie, key decides (y).
    dist = distribute("0.02", [("x", 1, 3), ("z", 1, 1), ("y", 1, 1)])
    assert amounts(dist) == {"x": D("0.01"), "y": D("0.01"), "z": D("0.00")}


def test_equal_remainders_more_points_before_key():
    # 0.02 over 1, 1, 4 points: exact 0.00333, 0.00333, 0.01333; floors
    # 0, 0, 0.01; all remainders 1/3 cent; one cent left -> more points (z).
    dist = distribute("0.02", [("a", 1, 1), ("b", 1, 1), ("z", 1, 4)])
    assert amounts(dist) == {"a": D("0.00"), "b": D("0.00"), "z": D("0.02")}
    assert dist.line_for("z").rounding_adjustment == D("0.01")


def test_one_person_gets_everything():
    dist = distribute("1234.56", [Entry("solo", 50, "0.3333")])
    assert amounts(dist) == {"solo": D("1234.56")}
    assert dist.residual == 0
    assert dist.cents_handed_out == 0
    assert_balanced(dist)


def test_nobody_eligible_residual_is_budget():
    dist = distribute("500.00", [("a", 10, 1), ("b", 20, 2)], min_result=30)
    assert amounts(dist) == {"a": D("0.00"), "b": D("0.00")}
    assert dist.residual == D("500.00")
    assert all(not line.eligible for line in dist.lines)
    assert all(line.reason == BELOW_MINIMUM for line in dist.lines)
    assert dist.rounds == 0
    assert dist.value_per_point == 0
    assert dist.total_points == 0
    assert_balanced(dist)


def test_below_minimum_excluded_from_divisor():
    dist = distribute(
        "300.00", [("low", "29.99", 5), ("ok", 30, 1), ("good", 90, 2)], min_result=30
    )
    assert amounts(dist) == {"low": D("0.00"), "ok": D("100.00"), "good": D("200.00")}
    assert dist.line_for("low").reason == BELOW_MINIMUM
    assert dist.line_for("ok").eligible and dist.line_for("ok").reason is None
    assert dist.total_points == 3


def test_zero_points():
    dist = distribute("90.00", [("a", 50, 0), ("b", 50, 3)])
    assert amounts(dist) == {"a": D("0.00"), "b": D("90.00")}
    assert dist.line_for("a").reason == NO_POINTS
    assert dist.line_for("a").eligible


def test_all_zero_points_residual_is_budget():
    dist = distribute("90.00", [("a", 50, 0), ("b", 50, "0.0000")])
    assert dist.residual == D("90.00")
    assert amounts(dist) == {"a": D("0.00"), "b": D("0.00")}
    assert_balanced(dist)


def test_no_entries():
    dist = distribute("10.00", [])
    assert dist.residual == D("10.00")
    assert dist.lines == ()


def test_zero_budget():
    dist = distribute(0, [("a", 50, 1), ("b", 50, 2)], max_payout=100)
    assert amounts(dist) == {"a": D("0.00"), "b": D("0.00")}
    assert dist.residual == D("0.00")
    assert dist.value_per_point == 0
    assert str(dist.budget) == "0.00"
    assert_balanced(dist)


def test_all_capped_residual():
    dist = distribute("1000.00", [("a", 50, 1), ("b", 50, 3)], max_payout="200.00")
    assert amounts(dist) == {"a": D("200.00"), "b": D("200.00")}
    assert dist.residual == D("600.00")
    assert dist.capped_total == D("400.00")
    assert all(line.capped and line.reason == CAPPED for line in dist.lines)
    assert dist.value_per_point == 0
    assert dist.total_points == 0
    assert_balanced(dist)


def test_max_payout_zero_caps_everyone():
    dist = distribute("10.00", [("a", 50, 1)], max_payout=0)
    assert amounts(dist) == {"a": D("0.00")}
    assert dist.residual == D("10.00")


def test_cap_exactly_reached_is_not_capped():
    dist = distribute("200.00", [("a", 1, 1), ("b", 1, 1)], max_payout=100)
    assert amounts(dist) == {"a": D("100.00"), "b": D("100.00")}
    assert not any(line.capped for line in dist.lines)
    assert dist.residual == 0


def test_cap_redistribution_over_several_rounds():
    dist = distribute(
        "1000.00",
        [("a", 1, 5), ("b", 1, 3), ("c", 1, 1), ("d", 1, 1)],
        max_payout="300.00",
    )
    assert amounts(dist) == {
        "a": D("300.00"),
        "b": D("300.00"),
        "c": D("200.00"),
        "d": D("200.00"),
    }
    assert dist.rounds == 3
    details = dist.round_details
    assert [r.value_per_point for r in details] == [D(100), D(140), D(200)]
    assert [r.available for r in details] == [D("1000.00"), D("700.00"), D("400.00")]
    assert [r.points for r in details] == [D(10), D(5), D(2)]
    assert [r.newly_capped for r in details] == [("a",), ("b",), ()]
    assert dist.line_for("a").cap_round == 1
    assert dist.line_for("b").cap_round == 2
    assert dist.line_for("c").cap_round is None
    assert dist.value_per_point == D(200)
    assert dist.total_points == D(2)
    assert dist.residual == 0
    assert_balanced(dist)


def test_cap_with_cent_handout_never_exceeds_cap():
    dist = distribute(
        "200.01", [("a", 1, 2), ("c", 1, 1), ("b", 1, 1)], max_payout="100.00"
    )
    assert amounts(dist) == {"a": D("100.00"), "b": D("50.01"), "c": D("50.00")}
    assert dist.residual == 0
    dist = distribute("200.01", [("a", 1, 1), ("b", 1, 1)], max_payout="100.00")
    assert amounts(dist) == {"a": D("100.00"), "b": D("100.00")}
    assert dist.residual == D("0.01")


def test_amount_for_and_unknown_key():
    dist = distribute("10.00", [("a", 1, 1)])
    assert dist.amount_for("a") == D("10.00")
    with pytest.raises(KeyError):
        dist.amount_for("zz")


def test_report_explains_all_figures():
    dist = distribute(
        "1000.00",
        [("a", 90, 5), ("b", 60, 3), ("c", 50, 1), ("low", 10, 1), ("d", 55, 0)],
        min_result=20,
        max_payout="450.00",
    )
    report = dist.as_report()
    summary, *rest = report
    rounds = [row for row in rest if row["kind"] == "round"]
    lines = [row for row in rest if row["kind"] == "line"]
    assert summary["kind"] == "summary"
    assert summary["budget"] == "1000.00"
    assert summary["max_payout"] == "450.00"
    assert summary["min_result"] == "20"
    assert summary["eligible_points"] == "9"
    assert summary["residual"] == "0.00"
    assert summary["rounds"] == dist.rounds == len(rounds) == 2
    assert [row["key"] for row in lines] == ["a", "b", "c", "low", "d"]
    assert lines[0] == {
        "kind": "line",
        "key": "a",
        "result": "90",
        "points": "5",
        "eligible": True,
        "reason": "capped",
        "capped": True,
        "cap_round": 1,
        "exact_amount": "450.00",
        "floored_amount": "450.00",
        "rounding_adjustment": "0.00",
        "amount": "450.00",
    }
    assert lines[3]["reason"] == "below_minimum"
    assert lines[4]["reason"] == "no_points"
    assert rounds[1]["value_per_point"] == "137.5"
    for row in report:
        for value in row.values():
            assert value is None or isinstance(value, str | bool | int | list)
    total = sum(D(row["amount"]) for row in lines) + D(summary["residual"])
    assert total == D(summary["budget"])


@pytest.mark.parametrize(
    ("kwargs", "item"),
    [
        ({"budget": "-0.01"}, "budget"),
        ({"budget": 100, "max_payout": -1}, "max payout"),
        ({"budget": 100, "min_result": -1}, "min result"),
        ({"budget": 100, "entries": [("a", 1, -1)]}, "a: points"),
        ({"budget": 100, "entries": [("a", -5, 1)]}, "a: result"),
    ],
)
def test_negative_rejected(kwargs, item):
    args = {"entries": [("x", 1, 1)], **kwargs}
    with pytest.raises(NegativeValueError) as info:
        distribute(args.pop("budget"), args.pop("entries"), **args)
    assert info.value.item == item
    assert item in str(info.value)


@pytest.mark.parametrize("budget", ["100.001", D("0.005"), 0.125])
def test_budget_with_more_than_two_decimals_rejected(budget):
    with pytest.raises(InvalidInputError) as info:
        distribute(budget, [("a", 1, 1)])
    assert info.value.code == "too_many_decimals"
    assert info.value.item == "budget"


def test_budget_trailing_zero_decimals_accepted():
    dist = distribute("100.000", [("a", 1, 1)])
    assert dist.budget == D("100.00") and str(dist.budget) == "100.00"
    assert distribute(D("1E+3"), [("a", 1, 1)]).amount_for("a") == D("1000.00")


def test_max_payout_with_more_than_two_decimals_rejected():
    with pytest.raises(InvalidInputError) as info:
        distribute(100, [("a", 1, 1)], max_payout="10.001")
    assert info.value.item == "max payout"


def test_duplicate_keys_rejected():
    with pytest.raises(InvalidInputError) as info:
        distribute(100, [("a", 1, 1), ("b", 1, 1), ("a", 2, 2)])
    assert info.value.code == "duplicate_key"
    assert info.value.item == "a"
    assert "'a'" in str(info.value)


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        (("", 1, 1), "invalid_key"),
        ((7, 1, 1), "invalid_key"),
        (("a", 1), "malformed_item"),
        (("a", "NaN", 1), "not_finite"),
        (("a", 1, None), "missing"),
        (("a", 1, "x"), "not_a_number"),
    ],
)
def test_invalid_entries_rejected(entry, code):
    with pytest.raises(InvalidInputError) as info:
        distribute(100, [entry])
    assert info.value.code == code


def test_fractional_points_and_floats():
    dist = distribute(1000, [("a", 1, "1.2345"), ("b", 1, 0.5), ("c", 1, D("2.25E+1"))])
    assert_balanced(dist)
    assert dist.residual == 0
    assert dist.total_points == D("24.2345")
    for line in dist.lines:
        assert abs(line.amount - line.exact_amount) < D("0.01")
