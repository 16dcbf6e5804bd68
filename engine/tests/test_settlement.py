"""Settlement of a provisional pay line with the final result."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import InvalidInputError, NegativeValueError
from engine.settlement import settle

D = Decimal


def test_higher_final_result_pays_the_difference():
    s = settle(
        "110",
        pay_factor=1,
        part_time="0.5",
        employed=1,
        value_per_point="12.3456",
        paid_before="617.28",
    )
    assert s.points == D("55.0000")
    assert s.after == D("679.01")  # 55 x 12.3456 = 679.008
    assert s.difference == D("61.73")
    assert s.eligible and not s.capped


def test_lower_final_result_claims_back():
    s = settle(
        80, pay_factor=1, part_time=1, employed=1, value_per_point=10, paid_before=1000
    )
    assert s.after == D("800.00")
    assert s.difference == D("-200.00")


def test_below_the_minimum_result_pays_nothing():
    s = settle(
        40,
        pay_factor=1,
        part_time=1,
        employed=1,
        value_per_point=10,
        paid_before=500,
        min_result=50,
    )
    assert not s.eligible
    assert s.after == D("0.00")
    assert s.difference == D("-500.00")


def test_maximum_payout_caps():
    s = settle(
        150,
        pay_factor=1,
        part_time=1,
        employed=1,
        value_per_point=10,
        paid_before=0,
        max_payout="1200",
    )
    assert s.capped
    assert s.after == D("1200.00")
    assert s.exact_amount == D("1500.0000")


def test_zero_points_is_not_eligible():
    s = settle(
        0, pay_factor=1, part_time=1, employed=1, value_per_point=10, paid_before=0
    )
    assert not s.eligible
    assert s.after == 0


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("final_result", -1, NegativeValueError),
        ("final_result", float("nan"), InvalidInputError),
        ("value_per_point", None, InvalidInputError),
        ("part_time", 2, InvalidInputError),
    ],
)
def test_bad_input_raises_engine_errors(field, value, error):
    args = {
        "final_result": 100,
        "pay_factor": 1,
        "part_time": 1,
        "employed": 1,
        "value_per_point": 10,
        "paid_before": 0,
    }
    args[field] = value
    final = args.pop("final_result")
    with pytest.raises(error):
        settle(final, **args)


money = st.decimals(min_value=0, max_value=100000, places=2)
share = st.decimals(min_value=0, max_value=1, places=4)


@given(
    result=st.decimals(min_value=0, max_value=200, places=2),
    factor=st.decimals(min_value=0, max_value=2, places=2),
    part=share,
    vpp=st.decimals(min_value=0, max_value=100, places=4),
    before=money,
    cap=st.one_of(st.none(), money),
)
def test_properties(result, factor, part, vpp, before, cap):
    s = settle(
        result,
        pay_factor=factor,
        part_time=part,
        employed=1,
        value_per_point=vpp,
        paid_before=before,
        max_payout=cap,
    )
    # cents, never above the cap, and before + difference == after exactly
    assert s.after == s.after.quantize(D("0.01"))
    assert s.before + s.difference == s.after
    if cap:
        assert s.after <= cap
    assert s.after >= 0
    if not s.capped:
        assert abs(s.after - s.exact_amount) <= D("0.005")
