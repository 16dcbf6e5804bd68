"""Result so far of an assessment being filled in (``running_result``)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import InvalidInputError, divide_rounded, running_result, weighted_total
from engine.rounding import RESULT_QUANTUM

D = Decimal


def test_unrated_criteria_do_not_count_as_zero():
    # Two criteria of 50 % each, one rated 4 of 5 points: 4.00, not 2.00.
    result = running_result([(100, [(4, 50), (None, 50)])], 5)
    assert (result.points, result.percent, result.rated, result.total) == (
        D("4.00"),
        D("80.00"),
        1,
        2,
    )


def test_groups_without_a_rated_criterion_do_not_count():
    result = running_result([(20, [(5, 100)]), (80, [(None, 60), (None, 40)])], 5)
    assert result.points == D("5.00")
    assert (result.rated, result.total) == (1, 3)


def test_nothing_rated_has_no_result():
    result = running_result([(100, [(None, 100)])], 5)
    assert result.points is None and result.percent is None
    assert (result.rated, result.total) == (0, 1)


def test_refuses_a_scale_without_maximum():
    with pytest.raises(InvalidInputError):
        running_result([(100, [(1, 100)])], 0)


def final_result(groups, scale_max):
    """The submitted result, as the assessment computes it on submit."""
    items = []
    for index, (group_weight, lines) in enumerate(groups):
        detail = weighted_total(
            [(f"c{n}", score, weight) for n, (score, weight) in enumerate(lines)],
            set_name=f"g{index}",
        )
        items.append((f"g{index}", detail.exact, group_weight))
    total = weighted_total(items, set_name="form")
    percent = divide_rounded(total.exact * 100, D(scale_max), RESULT_QUANTUM)
    return total.total, percent


def split_100(draw, count):
    """``count`` integer weights that add up to 100."""
    cuts = sorted(
        draw(st.lists(st.integers(0, 100), min_size=count - 1, max_size=count - 1))
    )
    bounds = [0, *cuts, 100]
    return [bounds[i + 1] - bounds[i] for i in range(count)]


@st.composite
def complete_forms(draw):
    scale_max = draw(st.integers(1, 10))
    group_count = draw(st.integers(1, 4))
    group_weights = split_100(draw, group_count)
    groups = []
    for weight in group_weights:
        criteria = draw(st.integers(1, 5))
        weights = split_100(draw, criteria)
        scores = [draw(st.integers(0, scale_max)) for _ in range(criteria)]
        groups.append((weight, list(zip(scores, weights, strict=True))))
    return groups, scale_max


@given(complete_forms())
def test_fully_rated_equals_the_submitted_result(case):
    groups, scale_max = case
    # weights of 0 are legal on a form but leave a group without influence
    if any(sum(w for _s, w in lines) == 0 for _g, lines in groups):
        return
    result = running_result(groups, scale_max)
    assert result.rated == result.total
    assert (result.points, result.percent) == final_result(groups, scale_max)


@given(complete_forms(), st.data())
def test_unrating_a_criterion_never_counts_it_as_zero(case, data):
    groups, scale_max = case
    # Rate every criterion with the maximum, then leave some unrated: the
    # result so far stays at the maximum (nothing counts as 0 points).
    full = [(weight, [(scale_max, w) for _s, w in lines]) for weight, lines in groups]
    partial = [
        (weight, [(None if data.draw(st.booleans()) else s, w) for s, w in lines])
        for weight, lines in full
    ]
    result = running_result(partial, scale_max)
    if result.points is not None:
        assert result.points == D(scale_max)
        assert result.percent == D("100.00")
