"""Part-time share, employed share (days/months) and points."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import (
    ExcludedInterval,
    InvalidInputError,
    NegativeValueError,
    Section,
    employed_share,
    part_time_share,
    points_for,
)

D = Decimal
d = dt.date
Y2025 = (d(2025, 1, 1), d(2025, 12, 31))


def employed(start, end):
    return Section(start, end, "employed")


# --- part-time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "full", "share"),
    [
        ("19.5", 39, "0.5000"),
        (19.5, 39, "0.5000"),
        (20, 39, "0.5128"),
        (13, 39, "0.3333"),
        (26, 39, "0.6667"),
        (0, 39, "0.0000"),
        (39, 39, "1.0000"),
        (41, 39, "1.0000"),
        ("38.5", "38.5", "1.0000"),
    ],
)
def test_part_time_share(hours, full, share):
    result = part_time_share(hours, full)
    assert result == D(share)
    assert str(result) == share


def test_part_time_share_invalid():
    with pytest.raises(InvalidInputError) as info:
        part_time_share(10, 0)
    assert info.value.code == "zero"
    with pytest.raises(NegativeValueError) as info:
        part_time_share(-1, 39)
    assert info.value.item == "working hours"
    with pytest.raises(NegativeValueError):
        part_time_share(10, -39)
    with pytest.raises(InvalidInputError):
        part_time_share(None, 39)


# --- days ----------------------------------------------------------------------


def test_days_full_leap_year():
    result = employed_share(d(2024, 1, 1), d(2024, 12, 31), [employed(*Y2025)])
    # The section does not cover 2024 at all.
    assert result.share == D("0.0000")
    assert result.excluded == (
        ExcludedInterval(d(2024, 1, 1), d(2024, 12, 31), "no_section"),
    )
    result = employed_share(
        d(2024, 1, 1), d(2024, 12, 31), [employed(d(2020, 1, 1), d(2030, 12, 31))]
    )
    assert (result.paid_units, result.total_units) == (366, 366)
    assert result.share == D("1.0000")
    assert result.method == "days" and result.month_rule is None


def test_days_leap_year_partial():
    result = employed_share(
        d(2024, 1, 1), d(2024, 12, 31), [employed(d(2024, 1, 1), d(2024, 2, 29))]
    )
    assert (result.paid_units, result.total_units) == (60, 366)
    assert result.share == D("0.1639")  # 60 / 366 = 0.16393...
    assert result.excluded[0].date_from == d(2024, 3, 1)
    assert result.excluded[0].days == 306


def test_days_unpaid_leave_in_the_middle():
    sections = [
        employed(d(2025, 1, 1), d(2025, 3, 31)),
        Section(d(2025, 4, 1), d(2025, 4, 30), "unpaid_leave"),
        employed(d(2025, 5, 1), d(2025, 12, 31)),
    ]
    result = employed_share(*Y2025, sections)
    assert (result.paid_units, result.total_units) == (335, 365)
    assert result.share == D("0.9178")  # 335 / 365 = 0.91780...
    assert result.excluded == (
        ExcludedInterval(d(2025, 4, 1), d(2025, 4, 30), "unpaid_leave"),
    )
    assert result.paid == (
        (d(2025, 1, 1), d(2025, 3, 31)),
        (d(2025, 5, 1), d(2025, 12, 31)),
    )


def test_days_section_starting_mid_period_and_clipped():
    result = employed_share(*Y2025, [employed(d(2025, 7, 15), d(2026, 6, 30))])
    assert (result.paid_units, result.total_units) == (170, 365)
    assert result.share == D("0.4658")  # 170 / 365 = 0.46575...
    assert result.paid == ((d(2025, 7, 15), d(2025, 12, 31)),)
    assert result.excluded == (
        ExcludedInterval(d(2025, 1, 1), d(2025, 7, 14), "no_section"),
    )


def test_days_not_employed_section_and_gap():
    sections = [
        Section(d(2024, 1, 1), d(2025, 2, 28), "not_employed"),
        employed(d(2025, 3, 1), d(2025, 10, 31)),
    ]
    result = employed_share(*Y2025, sections)
    assert result.paid_days == 245
    assert [(x.reason, x.days) for x in result.excluded] == [
        ("not_employed", 59),
        ("no_section", 61),
    ]


def test_single_day_period():
    one = d(2025, 6, 1)
    result = employed_share(one, one, [employed(one, one)])
    assert result.share == D("1.0000") and result.total_units == 1


# --- months --------------------------------------------------------------------


def test_months_both_rules_mid_month_start():
    sections = [employed(d(2025, 7, 15), d(2025, 12, 31))]
    any_day = employed_share(*Y2025, sections, method="months")
    assert (any_day.paid_units, any_day.total_units) == (6, 12)
    assert any_day.share == D("0.5000")
    assert any_day.month_rule == "any_paid_day"
    full = employed_share(*Y2025, sections, method="months", month_rule="full_month")
    assert (full.paid_units, full.total_units) == (5, 12)
    assert full.share == D("0.4167")
    assert full.paid_days == 170  # days are reported for every method


def test_months_unpaid_leave_across_two_months():
    sections = [
        employed(d(2025, 1, 1), d(2025, 4, 9)),
        Section(d(2025, 4, 10), d(2025, 5, 20), "unpaid_leave"),
        employed(d(2025, 5, 21), d(2025, 12, 31)),
    ]
    any_day = employed_share(*Y2025, sections, method="months")
    assert any_day.share == D("1.0000")
    full = employed_share(*Y2025, sections, method="months", month_rule="full_month")
    assert (full.paid_units, full.total_units) == (10, 12)
    assert full.share == D("0.8333")


def test_months_period_starting_mid_month():
    # Jan 15 - Mar 31: three calendar months, the first one partial.
    sections = [employed(d(2025, 1, 15), d(2025, 3, 31))]
    full = employed_share(
        d(2025, 1, 15),
        d(2025, 3, 31),
        sections,
        method="months",
        month_rule="full_month",
    )
    assert (full.paid_units, full.total_units) == (3, 3)
    late = [employed(d(2025, 1, 20), d(2025, 3, 31))]
    full = employed_share(
        d(2025, 1, 15), d(2025, 3, 31), late, method="months", month_rule="full_month"
    )
    assert (full.paid_units, full.total_units) == (2, 3)
    assert full.share == D("0.6667")


def test_months_february_leap_year_full_month():
    sections = [employed(d(2024, 2, 1), d(2024, 2, 29))]
    full = employed_share(
        d(2024, 1, 1),
        d(2024, 12, 31),
        sections,
        method="months",
        month_rule="full_month",
    )
    assert full.paid_units == 1
    short = [employed(d(2024, 2, 1), d(2024, 2, 28))]
    full = employed_share(
        d(2024, 1, 1), d(2024, 12, 31), short, method="months", month_rule="full_month"
    )
    assert full.paid_units == 0


# --- reductions ----------------------------------------------------------------


def test_reduction_long_sickness_without_pay():
    result = employed_share(
        *Y2025,
        [employed(*Y2025)],
        reductions=[(d(2025, 3, 1), d(2025, 4, 15), "sickness_no_pay")],
    )
    assert result.paid_units == 365 - 46
    assert result.share == D("0.8740")  # 319 / 365 = 0.87397...
    assert result.excluded == (
        ExcludedInterval(d(2025, 3, 1), d(2025, 4, 15), "sickness_no_pay"),
    )
    months = employed_share(
        *Y2025,
        [employed(*Y2025)],
        method="months",
        month_rule="full_month",
        reductions=[(d(2025, 3, 1), d(2025, 4, 15), "sickness_no_pay")],
    )
    assert months.paid_units == 10


def test_reductions_clipped_and_not_double_counted():
    sections = [
        employed(d(2025, 1, 1), d(2025, 5, 31)),
        Section(d(2025, 6, 1), d(2025, 6, 30), "unpaid_leave"),
        employed(d(2025, 7, 1), d(2025, 12, 31)),
    ]
    reductions = [
        (d(2024, 12, 1), d(2025, 1, 10), "sickness_no_pay"),  # clipped at start
        (d(2025, 5, 25), d(2025, 7, 5), "sickness_no_pay"),  # spans unpaid leave
        (d(2025, 7, 1), d(2025, 7, 10), "other"),  # overlaps the one before
    ]
    result = employed_share(*Y2025, sections, reductions=reductions)
    assert [(x.date_from, x.date_to, x.reason) for x in result.excluded] == [
        (d(2025, 1, 1), d(2025, 1, 10), "sickness_no_pay"),
        (d(2025, 5, 25), d(2025, 5, 31), "sickness_no_pay"),
        (d(2025, 6, 1), d(2025, 6, 30), "unpaid_leave"),
        (d(2025, 7, 1), d(2025, 7, 5), "sickness_no_pay"),
        (d(2025, 7, 6), d(2025, 7, 10), "other"),
    ]
    assert result.paid_days == 365 - 10 - 7 - 30 - 5 - 5
    assert result.paid_days + sum(x.days for x in result.excluded) == 365


# --- validation ----------------------------------------------------------------


def test_overlapping_sections_rejected():
    sections = [
        employed(d(2025, 1, 1), d(2025, 6, 30)),
        Section(d(2025, 6, 30), d(2025, 12, 31), "unpaid_leave"),
    ]
    with pytest.raises(InvalidInputError) as info:
        employed_share(*Y2025, sections)
    exc = info.value
    assert exc.code == "overlap"
    assert "2025-01-01" in exc.item and "2025-06-30" in str(exc.other)
    # Adjacent sections are fine.
    sections[1] = Section(d(2025, 7, 1), d(2025, 12, 31), "unpaid_leave")
    assert employed_share(*Y2025, sections).paid_days == 181


def test_section_validation():
    with pytest.raises(InvalidInputError) as info:
        Section(d(2025, 2, 1), d(2025, 1, 31), "employed")
    assert info.value.code == "date_order"
    assert "2025-02-01" in str(info.value)
    with pytest.raises(InvalidInputError) as info:
        Section(d(2025, 1, 1), d(2025, 1, 31), "retired")
    assert info.value.code == "unknown_status"
    with pytest.raises(InvalidInputError) as info:
        Section(dt.datetime(2025, 1, 1), d(2025, 1, 31), "employed")
    assert info.value.code == "not_a_date"


@pytest.mark.parametrize(
    ("args", "kwargs", "code"),
    [
        ((d(2025, 2, 1), d(2025, 1, 1), []), {}, "date_order"),
        ((*Y2025, []), {"method": "weeks"}, "unknown_method"),
        ((*Y2025, []), {"method": "months", "month_rule": "x"}, "unknown_month_rule"),
        ((*Y2025, [("2025-01-01", "2025-12-31", "employed")]), {}, "malformed_item"),
        (
            (*Y2025, []),
            {"reductions": [(d(2025, 3, 2), d(2025, 3, 1), "sick")]},
            "date_order",
        ),
        ((*Y2025, []), {"reductions": [(d(2025, 3, 2), "sick")]}, "malformed_item"),
        (
            (*Y2025, []),
            {"reductions": [("2025-03-01", d(2025, 3, 1), "x")]},
            "not_a_date",
        ),
    ],
)
def test_employed_share_validation(args, kwargs, code):
    with pytest.raises(InvalidInputError) as info:
        employed_share(*args, **kwargs)
    assert info.value.code == code


# --- points --------------------------------------------------------------------


def test_points_for_breakdown():
    result = points_for("45.00", pay_factor="1.2", part_time="0.5", employed="0.9178")
    assert result.exact == D("24.7806")
    assert result.points == D("24.7806")
    assert (result.result, result.pay_factor) == (D("45.00"), D("1.2"))
    assert (result.part_time, result.employed) == (D("0.5"), D("0.9178"))
    assert points_for(45).points == D("45.0000")


def test_points_for_rounds_once_at_the_end():
    result = points_for(45, part_time="0.3333", employed="0.4167")
    assert result.exact == D("6.24987495")
    assert result.points == D("6.2499")
    assert points_for("0.00005").points == D("0.0001")  # HALF_UP


def test_points_for_validation():
    with pytest.raises(InvalidInputError) as info:
        points_for(45, part_time="1.01")
    assert info.value.item == "part-time share"
    assert info.value.code == "above_maximum"
    with pytest.raises(InvalidInputError):
        points_for(45, employed=2)
    with pytest.raises(NegativeValueError) as info:
        points_for(45, pay_factor=-1)
    assert info.value.item == "pay factor"
    with pytest.raises(NegativeValueError):
        points_for(-1)


# --- properties ----------------------------------------------------------------

BASE = d(2024, 1, 1)
STATUSES = st.sampled_from(["employed", "employed", "not_employed", "unpaid_leave"])


@st.composite
def timelines(draw):
    start = BASE + dt.timedelta(days=draw(st.integers(0, 400)))
    end = start + dt.timedelta(days=draw(st.integers(0, 500)))
    cursor = start - dt.timedelta(days=draw(st.integers(0, 60)))
    sections = []
    for _ in range(draw(st.integers(0, 5))):
        cursor += dt.timedelta(days=draw(st.integers(0, 40)))
        length = dt.timedelta(days=draw(st.integers(0, 200)))
        sections.append(Section(cursor, cursor + length, draw(STATUSES)))
        cursor += length + dt.timedelta(days=1)
    reductions = []
    for _ in range(draw(st.integers(0, 3))):
        r_start = start + dt.timedelta(days=draw(st.integers(-30, 500)))
        r_end = r_start + dt.timedelta(days=draw(st.integers(0, 90)))
        reductions.append((r_start, r_end, draw(st.sampled_from(["sick", "other"]))))
    return start, end, draw(st.permutations(sections)), reductions


def brute_force_paid(start, end, sections, reductions):
    paid = set()
    day = start
    while day <= end:
        if any(
            s.date_from <= day <= s.date_to and s.status == "employed" for s in sections
        ) and not any(a <= day <= b for a, b, _ in reductions):
            paid.add(day)
        day += dt.timedelta(days=1)
    return paid


@settings(max_examples=150, deadline=None)
@given(timelines())
def test_employed_share_properties(timeline):
    start, end, sections, reductions = timeline
    days = employed_share(start, end, sections, reductions=reductions)
    paid = brute_force_paid(start, end, sections, reductions)
    assert days.paid_units == len(paid)
    assert days.total_units == (end - start).days + 1
    assert days.paid_days + sum(x.days for x in days.excluded) == days.total_days
    assert D(0) <= days.share <= D(1)
    spans = sorted((x.date_from, x.date_to) for x in days.excluded)
    for (_, prev_end), (next_start, _) in itertools.pairwise(spans):
        assert prev_end < next_start  # excluded intervals are disjoint
    any_day = employed_share(
        start, end, sections, method="months", reductions=reductions
    )
    full = employed_share(
        start,
        end,
        sections,
        method="months",
        month_rule="full_month",
        reductions=reductions,
    )
    assert any_day.total_units == full.total_units
    assert full.paid_units <= any_day.paid_units
    assert full.share <= any_day.share
    months_with_paid = {(x.year, x.month) for x in paid}
    assert any_day.paid_units == len(months_with_paid)
    in_period = {}
    day = start
    while day <= end:
        in_period.setdefault((day.year, day.month), set()).add(day)
        day += dt.timedelta(days=1)
    assert full.total_units == len(in_period)
    assert full.paid_units == sum(1 for ds in in_period.values() if ds <= paid)
