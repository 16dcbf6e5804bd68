"""Report periods of KPIs (``engine.periods``): the seed's three examples,
delays, corrections and properties."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import InvalidInputError
from engine.periods import Periodisation, add_units, corrected_value

d = dt.date


def test_seed_example_1_quarters_from_1_1_2000():
    quarters = Periodisation("months", 3, d(2000, 1, 1))
    assert quarters.period_of(d(2026, 5, 17)) == (d(2026, 4, 1), d(2026, 6, 30))
    assert quarters.periods(d(2026, 1, 1), d(2026, 12, 31)) == [
        (d(2026, 1, 1), d(2026, 3, 31)),
        (d(2026, 4, 1), d(2026, 6, 30)),
        (d(2026, 7, 1), d(2026, 9, 30)),
        (d(2026, 10, 1), d(2026, 12, 31)),
    ]
    # before the reference date too
    assert quarters.period_of(d(1999, 12, 31)) == (d(1999, 10, 1), d(1999, 12, 31))


def test_seed_example_2_months_from_the_16th():
    months = Periodisation("months", 1, d(2000, 1, 16))
    assert months.period_of(d(2026, 3, 10)) == (d(2026, 2, 16), d(2026, 3, 15))
    assert months.period_of(d(2026, 3, 16)) == (d(2026, 3, 16), d(2026, 4, 15))
    assert months.period_of(d(2026, 12, 31)) == (d(2026, 12, 16), d(2027, 1, 15))


def test_seed_example_3_weeks_from_wednesday():
    weeks = Periodisation("weeks", 1, d(2018, 8, 29))
    assert d(2018, 8, 29).weekday() == 2  # a Wednesday
    start, end = weeks.period_of(d(2026, 12, 4))  # a Friday
    assert (start, end) == (d(2026, 12, 2), d(2026, 12, 8))
    assert start.weekday() == 2
    assert end.weekday() == 1  # Tuesday


def test_month_end_reference_keeps_the_last_day():
    months = Periodisation("months", 1, d(2000, 1, 31))
    assert months.period_of(d(2024, 2, 29)) == (d(2024, 2, 29), d(2024, 3, 30))
    assert months.period_of(d(2023, 3, 1)) == (d(2023, 2, 28), d(2023, 3, 30))
    assert months.is_period(d(2024, 3, 31), d(2024, 4, 29))
    assert not months.is_period(d(2024, 3, 1), d(2024, 3, 31))


def test_years_and_days():
    years = Periodisation("years", 1, d(2000, 4, 1))  # fiscal year from April
    assert years.period_of(d(2026, 2, 1)) == (d(2025, 4, 1), d(2026, 3, 31))
    days = Periodisation("days", 10, d(2026, 1, 1))
    assert days.period_of(d(2026, 1, 25)) == (d(2026, 1, 21), d(2026, 1, 30))


def test_delay_of_the_seed_ten_days():
    # The customer rating of a poster finished on 31 January is final on
    # 10 February.
    assert add_units(d(2026, 1, 31), "days", 10) == d(2026, 2, 10)
    assert add_units(d(2026, 1, 31), "months", 1) == d(2026, 2, 28)
    assert add_units(d(2026, 3, 31), "weeks", 2) == d(2026, 4, 14)
    assert add_units(d(2024, 2, 29), "years", 1) == d(2025, 2, 28)


def test_corrections_add_or_replace():
    # cumulative (sales): the correction is added
    assert corrected_value("1200.50", "-200.50", True) == Decimal("1000.00")
    # non-cumulative (satisfaction score): the correction replaces the value
    assert corrected_value("3.8", "4.1", False) == Decimal("4.1")
    assert corrected_value("3.8", None, False) == Decimal("3.8")


@pytest.mark.parametrize(
    ("unit", "count", "code"),
    [
        ("fortnights", 1, "unknown_unit"),
        ("days", 0, "not_a_count"),
        ("days", 1.5, "not_a_count"),
    ],
)
def test_bad_periodisation_is_refused(unit, count, code):
    with pytest.raises(InvalidInputError) as error:
        Periodisation(unit, count, d(2000, 1, 1))
    assert error.value.code == code


units = st.sampled_from(["days", "weeks", "months", "years"])
dates = st.dates(min_value=d(1990, 1, 1), max_value=d(2060, 12, 31))


@given(units, st.integers(min_value=1, max_value=13), dates, dates, st.integers(0, 400))
def test_periods_tile_the_time_line(unit, count, reference, start, length):
    periodisation = Periodisation(unit, count, reference)
    end = start + dt.timedelta(days=length)
    periods = periodisation.periods(start, end)
    # consecutive, without gap or overlap, covering the range
    assert periods[0][0] <= start and periods[-1][1] >= end
    for (_a, b), (c, _d) in itertools.pairwise(periods):
        assert c == b + dt.timedelta(days=1)
    # every day lies in exactly the period period_of names
    for offset in range(0, length + 1, 17):
        day = start + dt.timedelta(days=offset)
        first, last = periodisation.period_of(day)
        assert first <= day <= last
        assert periodisation.is_period(first, last)


def test_kpi_actual_cumulative_sums_and_projects():
    from engine.periods import kpi_actual, projected_actual

    quarters = [
        (d(2026, 1, 1), d(2026, 3, 31), 100),
        (d(2026, 4, 1), d(2026, 6, 30), "120.5"),
        (d(2025, 10, 1), d(2025, 12, 31), 999),  # outside the goal period
    ]
    result = kpi_actual(quarters, d(2026, 1, 1), d(2026, 12, 31), True)
    assert result.actual == Decimal("220.5")
    assert (result.covered_days, result.goal_days, result.periods) == (181, 365, 2)
    # held for the whole year: 220.5 x 365 / 181
    assert round(projected_actual(result, True), 4) == Decimal("444.6547")


def test_kpi_actual_non_cumulative_takes_the_latest():
    from engine.periods import kpi_actual, projected_actual

    scores = [
        (d(2026, 2, 1), d(2026, 2, 28), "4.1"),
        (d(2026, 1, 1), d(2026, 1, 31), "3.8"),
    ]
    result = kpi_actual(scores, d(2026, 1, 1), d(2026, 12, 31), False)
    assert result.actual == Decimal("4.1")
    assert projected_actual(result, False) == Decimal("4.1")
    assert kpi_actual([], d(2026, 1, 1), d(2026, 12, 31), True) is None
