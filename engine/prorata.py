"""Pro-rata factors for points: part-time share, employed share, points.

Rules:

* ``part_time_share``: ``hours / full_time_hours``, capped at 1, rounded to 4
  decimals (ROUND_HALF_UP). 0 hours give 0.
* ``employed_share``: a day counts ("paid day") when it lies in the period,
  is covered by a section with status ``"employed"`` and by no reduction.
  Days without any section count as not employed. Sections and reductions
  are clipped to the period (all dates inclusive).

  - ``method="days"``: paid days / calendar days of the period.
  - ``method="months"``: qualifying months / calendar months touched by the
    period. With ``month_rule="any_paid_day"`` a month qualifies when it has
    at least one paid day; with ``"full_month"`` when every day of the month
    that lies within the period is paid.

  The share is rounded to 4 decimals (ROUND_HALF_UP).
* ``points_for``: ``result * pay_factor * part_time * employed``, computed
  exactly and rounded to 4 decimals (ROUND_HALF_UP) at the end.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .exceptions import InvalidInputError
from .rounding import (
    FACTOR_QUANTUM,
    divide_rounded,
    exact_arithmetic,
    round_points,
    to_decimal,
)

__all__ = [
    "EMPLOYED",
    "NOT_EMPLOYED",
    "SECTION_STATUSES",
    "UNPAID_LEAVE",
    "ExcludedInterval",
    "PointsResult",
    "Section",
    "ShareResult",
    "employed_share",
    "part_time_share",
    "points_for",
]

EMPLOYED = "employed"
NOT_EMPLOYED = "not_employed"
UNPAID_LEAVE = "unpaid_leave"
SECTION_STATUSES = frozenset({EMPLOYED, NOT_EMPLOYED, UNPAID_LEAVE})
METHODS = frozenset({"days", "months"})
MONTH_RULES = frozenset({"any_paid_day", "full_month"})

_ONE = Decimal(1)

# Inclusive interval of proleptic Gregorian ordinals.
_Span = tuple[int, int]


def _check_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(
            f"'{name}' must be a date (got {value!r}).",
            item=name,
            value=value,
            code="not_a_date",
        )
    return value


def _check_order(date_from: dt.date, date_to: dt.date, name: str) -> None:
    if date_from > date_to:
        raise InvalidInputError(
            f"'{name}' starts on {date_from} after it ends on {date_to}.",
            item=name,
            value=(date_from, date_to),
            code="date_order",
        )


def part_time_share(hours: object, full_time_hours: object) -> Decimal:
    """Return ``hours / full_time_hours`` rounded to 4 decimals (HALF_UP).

    ``hours`` >= 0 (0 gives 0); ``full_time_hours`` > 0. Hours above full
    time are capped: the share never exceeds 1.
    """
    worked = to_decimal(hours, "working hours")
    full = to_decimal(full_time_hours, "full-time hours")
    if full == 0:
        raise InvalidInputError(
            "'full-time hours' must be greater than 0.",
            item="full-time hours",
            value=full,
            code="zero",
        )
    if worked >= full:
        return _ONE.quantize(FACTOR_QUANTUM)
    return divide_rounded(worked, full, FACTOR_QUANTUM)


@dataclass(frozen=True)
class Section:
    """An employment section; dates inclusive, status in SECTION_STATUSES."""

    date_from: dt.date
    date_to: dt.date
    status: str

    def __post_init__(self) -> None:
        _check_date(self.date_from, f"{self.label}: start")
        _check_date(self.date_to, f"{self.label}: end")
        _check_order(self.date_from, self.date_to, self.label)
        if self.status not in SECTION_STATUSES:
            raise InvalidInputError(
                f"'{self.label}' has unknown status {self.status!r}; expected "
                f"one of {', '.join(sorted(SECTION_STATUSES))}.",
                item=self.label,
                value=self.status,
                code="unknown_status",
            )

    @property
    def label(self) -> str:
        """Human-readable name used in error messages."""
        return f"section {self.date_from}..{self.date_to}"


@dataclass(frozen=True)
class ExcludedInterval:
    """Days of the period that do not count, with the reason.

    ``reason`` is the section status (``"not_employed"``,
    ``"unpaid_leave"``), ``"no_section"`` for days without any section, or
    the reason given with a reduction.
    """

    date_from: dt.date
    date_to: dt.date
    reason: str

    @property
    def days(self) -> int:
        """Number of calendar days (inclusive)."""
        return (self.date_to - self.date_from).days + 1


@dataclass(frozen=True)
class ShareResult:
    """Employed share of a period.

    ``share = paid_units / total_units`` rounded to 4 decimals; units are
    days or months per ``method``. ``paid_days``/``total_days`` are always
    days. ``paid`` lists the paid intervals; ``excluded`` the non-paid days
    of the period (disjoint; paid + excluded days = period days).
    """

    share: Decimal
    paid_units: int
    total_units: int
    method: str
    month_rule: str | None
    paid_days: int
    total_days: int
    paid: tuple[tuple[dt.date, dt.date], ...]
    excluded: tuple[ExcludedInterval, ...]


def _subtract(spans: Iterable[_Span], cut: _Span) -> list[_Span]:
    result: list[_Span] = []
    for start, end in spans:
        if cut[1] < start or cut[0] > end:
            result.append((start, end))
            continue
        if start < cut[0]:
            result.append((start, cut[0] - 1))
        if cut[1] < end:
            result.append((cut[1] + 1, end))
    return result


def _intersect(spans: Iterable[_Span], window: _Span) -> list[_Span]:
    result: list[_Span] = []
    for start, end in spans:
        lo, hi = max(start, window[0]), min(end, window[1])
        if lo <= hi:
            result.append((lo, hi))
    return result


def _days(spans: Iterable[_Span]) -> int:
    return sum(end - start + 1 for start, end in spans)


def _merge(spans: Iterable[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _months(start: dt.date, end: dt.date) -> list[_Span]:
    """Calendar months touched by ``start..end``, clipped to it."""
    spans: list[_Span] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = calendar.monthrange(year, month)[1]
        lo = max(dt.date(year, month, 1), start).toordinal()
        hi = min(dt.date(year, month, last), end).toordinal()
        spans.append((lo, hi))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return spans


def _check_sections(sections: Iterable[Section]) -> list[Section]:
    checked: list[Section] = []
    for section in sections:
        if not isinstance(section, Section):
            raise InvalidInputError(
                f"Expected a Section (got {section!r}).",
                item="sections",
                value=section,
                code="malformed_item",
            )
        checked.append(section)
    ordered = sorted(checked, key=lambda s: (s.date_from, s.date_to))
    for previous, current in itertools.pairwise(ordered):
        if current.date_from <= previous.date_to:
            raise InvalidInputError(
                f"'{previous.label}' overlaps '{current.label}'.",
                item=previous.label,
                value=(previous.date_from, previous.date_to),
                code="overlap",
                other=current.label,
            )
    return ordered


def _check_reductions(
    reductions: Iterable[Sequence[object]],
) -> list[tuple[dt.date, dt.date, str]]:
    checked: list[tuple[dt.date, dt.date, str]] = []
    for raw in reductions:
        try:
            date_from, date_to, reason = raw
        except (TypeError, ValueError):
            raise InvalidInputError(
                f"A reduction must be (date_from, date_to, reason) (got {raw!r}).",
                item="reductions",
                value=raw,
                code="malformed_item",
            ) from None
        name = f"reduction {reason}"
        _check_date(date_from, f"{name}: start")
        _check_date(date_to, f"{name}: end")
        assert isinstance(date_from, dt.date) and isinstance(date_to, dt.date)
        _check_order(date_from, date_to, name)
        checked.append((date_from, date_to, str(reason)))
    return checked


def employed_share(
    period_start: dt.date,
    period_end: dt.date,
    sections: Iterable[Section],
    *,
    method: str = "days",
    month_rule: str = "any_paid_day",
    reductions: Iterable[Sequence[object]] = (),
) -> ShareResult:
    """Share of the period in which the employee was employed and paid.

    See the module docstring for the day and month rules. Overlapping
    sections or a start after the end raise ``InvalidInputError``.
    Reductions are ``(date_from, date_to, reason)``; they may overlap each
    other and are charged in the given order.
    """
    _check_date(period_start, "period start")
    _check_date(period_end, "period end")
    _check_order(period_start, period_end, "period")
    if method not in METHODS:
        raise InvalidInputError(
            f"Unknown method {method!r}; expected 'days' or 'months'.",
            item="method",
            value=method,
            code="unknown_method",
        )
    if method == "months" and month_rule not in MONTH_RULES:
        raise InvalidInputError(
            f"Unknown month rule {month_rule!r}; "
            "expected 'any_paid_day' or 'full_month'.",
            item="month_rule",
            value=month_rule,
            code="unknown_month_rule",
        )
    ordered = _check_sections(sections)
    cuts = _check_reductions(reductions)
    period: _Span = (period_start.toordinal(), period_end.toordinal())

    excluded: list[tuple[_Span, str]] = []
    paid: list[_Span] = []
    covered: list[_Span] = []
    for section in ordered:
        span = (section.date_from.toordinal(), section.date_to.toordinal())
        clipped = _intersect([span], period)
        covered.extend(clipped)
        if section.status == EMPLOYED:
            paid.extend(clipped)
        else:
            excluded.extend((piece, section.status) for piece in clipped)
    gaps = [period]
    for span in covered:
        gaps = _subtract(gaps, span)
    excluded.extend((gap, "no_section") for gap in gaps)
    for date_from, date_to, reason in cuts:
        cut = (date_from.toordinal(), date_to.toordinal())
        removed = _intersect(paid, cut)
        paid = _subtract(paid, cut)
        excluded.extend((piece, reason) for piece in _merge(removed))
    paid = _merge(paid)

    paid_days = _days(paid)
    total_days = period[1] - period[0] + 1
    rule: str | None = None
    if method == "days":
        paid_units, total_units = paid_days, total_days
    else:
        rule = month_rule
        months = _months(period_start, period_end)
        paid_units = 0
        for month in months:
            days_paid = _days(_intersect(paid, month))
            if rule == "any_paid_day":
                paid_units += days_paid > 0
            else:
                paid_units += days_paid == month[1] - month[0] + 1
        total_units = len(months)

    return ShareResult(
        share=divide_rounded(paid_units, total_units, FACTOR_QUANTUM),
        paid_units=paid_units,
        total_units=total_units,
        method=method,
        month_rule=rule,
        paid_days=paid_days,
        total_days=total_days,
        paid=tuple(
            (dt.date.fromordinal(lo), dt.date.fromordinal(hi)) for lo, hi in paid
        ),
        excluded=tuple(
            ExcludedInterval(dt.date.fromordinal(lo), dt.date.fromordinal(hi), why)
            for (lo, hi), why in sorted(excluded, key=lambda x: (x[0], x[1]))
        ),
    )


@dataclass(frozen=True)
class PointsResult:
    """Points with their factors.

    ``exact = result * pay_factor * part_time * employed`` (unrounded);
    ``points`` is ``exact`` rounded to 4 decimals (ROUND_HALF_UP).
    """

    points: Decimal
    exact: Decimal
    result: Decimal
    pay_factor: Decimal
    part_time: Decimal
    employed: Decimal


def points_for(
    result: object,
    *,
    pay_factor: object = 1,
    part_time: object = 1,
    employed: object = 1,
) -> PointsResult:
    """Return points = result x pay_factor x part_time x employed.

    All inputs >= 0; ``part_time`` and ``employed`` are shares and must be
    <= 1 (``InvalidInputError``, code ``"above_maximum"``). Rounded to 4
    decimals (ROUND_HALF_UP) at the end only.
    """
    res = to_decimal(result, "result")
    factors: dict[str, Decimal] = {
        "pay factor": to_decimal(pay_factor, "pay factor"),
        "part-time share": to_decimal(part_time, "part-time share"),
        "employed share": to_decimal(employed, "employed share"),
    }
    for name in ("part-time share", "employed share"):
        if factors[name] > _ONE:
            raise InvalidInputError(
                f"'{name}' must not exceed 1 (got {factors[name]}).",
                item=name,
                value=factors[name],
                code="above_maximum",
                limit=_ONE,
            )
    with exact_arithmetic("points"):
        exact = res
        for factor in factors.values():
            exact *= factor
    return PointsResult(
        points=round_points(exact),
        exact=exact,
        result=res,
        pay_factor=factors["pay factor"],
        part_time=factors["part-time share"],
        employed=factors["employed share"],
    )


def part_time_over_time(
    period_start: dt.date,
    period_end: dt.date,
    segments: Iterable[Sequence[object]],
    full_time_hours: object,
    *,
    method: str = "days",
    month_rule: str = "any_paid_day",
) -> Decimal:
    """Part-time share of a period in which the working time changed.

    ``segments`` are ``(date_from, date_to, weekly_hours)`` (e.g. one per
    contract), clipped to the period. Each segment's part-time share counts
    for the time it held, measured like the employed share (days or months
    per ``method`` and ``month_rule``): six months full time and six months
    half time give 0.75. Segments outside the period are ignored; without a
    segment in the period the share is 0. Rounded to 4 decimals (HALF_UP).
    """
    weighted = Decimal(0)
    units = 0
    for date_from, date_to, hours in segments:
        start = max(date_from, period_start)
        end = min(date_to, period_end)
        if start > end:
            continue
        held = employed_share(
            period_start,
            period_end,
            [Section(start, end, EMPLOYED)],
            method=method,
            month_rule=month_rule,
        )
        share = part_time_share(hours, full_time_hours)
        weighted += share * held.paid_units
        units += held.paid_units
    if not units:
        return Decimal(0).quantize(FACTOR_QUANTUM)
    return divide_rounded(weighted, Decimal(units), FACTOR_QUANTUM)
