"""Part-time share of a period whose working time changed."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import part_time_over_time, part_time_share

d = dt.date
YEAR = (d(2027, 1, 1), d(2027, 12, 31))


def test_half_year_full_half_year_half_is_three_quarters_by_months():
    share = part_time_over_time(
        *YEAR,
        [(d(2027, 1, 1), d(2027, 6, 30), 40), (d(2027, 7, 1), d(2027, 12, 31), 20)],
        40,
        method="months",
    )
    assert share == Decimal("0.7500")


def test_by_days_the_days_count():
    share = part_time_over_time(
        *YEAR,
        [(d(2027, 1, 1), d(2027, 3, 31), 40), (d(2027, 4, 1), d(2027, 12, 31), 20)],
        40,
        method="days",
    )
    # 90 days at 1, 275 days at 0.5
    assert share == Decimal("0.6233")


def test_one_segment_is_the_plain_share():
    assert part_time_over_time(
        *YEAR, [(d(2020, 1, 1), d(2030, 12, 31), 30)], 40, method="months"
    ) == part_time_share(30, 40)


def test_no_segment_in_the_period_is_zero():
    assert part_time_over_time(*YEAR, [(d(2020, 1, 1), d(2020, 12, 31), 40)], 40) == 0


@given(
    split=st.integers(min_value=1, max_value=11),
    first=st.integers(min_value=0, max_value=40),
    second=st.integers(min_value=0, max_value=40),
)
def test_month_weighted_mean_lies_between_the_shares(split, first, second):
    segments = [
        (d(2027, 1, 1), d(2027, split, 28), first),
        (d(2027, split + 1, 1), d(2027, 12, 31), second),
    ]
    share = part_time_over_time(*YEAR, segments, 40, method="months")
    low, high = sorted((part_time_share(first, 40), part_time_share(second, 40)))
    assert low <= share <= high
    expected = (
        part_time_share(first, 40) * split + part_time_share(second, 40) * (12 - split)
    ) / 12
    assert abs(share - expected) <= Decimal("0.00005")


def test_bad_hours_raise():
    from engine import InvalidInputError

    with pytest.raises(InvalidInputError):
        part_time_over_time(*YEAR, [(d(2027, 1, 1), d(2027, 12, 31), 20)], 0)
