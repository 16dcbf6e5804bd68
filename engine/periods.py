"""Report periods of performance indicators (Reportperiodisierung, seed 004).

A periodisation cuts the infinite time line into regular intervals: a unit
(days, weeks, months or years), a whole number of units and a reference date
on which a period begins. Examples of the seed:

* months × 3 from 1.1.2000: calendar quarters;
* months × 1 from 16.1.2000: the 16th of a month to the 15th of the next;
* weeks × 1 from Wednesday 29.8.2018: Wednesday to Tuesday.

Month steps keep the reference day; where a month is shorter, the period
begins on its last day (reference 31.1.: 29.2., 31.3., 30.4., ...). Every
day lies in exactly one period; periods follow each other without gap.

A delay (Verzögerung) is also a unit and a count: the value of a period is
final on ``delay_end(period end)``.

Correction values (Korrekturwerte): of a cumulative indicator they are added
to the value, of a non-cumulative one they replace it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .exceptions import InvalidInputError
from .rounding import to_decimal

__all__ = [
    "UNITS",
    "KpiActual",
    "Periodisation",
    "add_units",
    "corrected_value",
    "kpi_actual",
    "projected_actual",
]

UNITS = ("days", "weeks", "months", "years")
_ONE_DAY = dt.timedelta(days=1)


def _check_unit(unit: str, count: object, name: str) -> int:
    if unit not in UNITS:
        raise InvalidInputError(
            f"'{name}' has an unknown unit {unit!r}.",
            item=name,
            value=unit,
            code="unknown_unit",
        )
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InvalidInputError(
            f"The count of '{name}' must be a whole number of at least 0.",
            item=name,
            value=count,
            code="not_a_count",
        )
    return count


def _add_months(day: dt.date, months: int, anchor_day: int) -> dt.date:
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise InvalidInputError(
            "The date lies outside the calendar.",
            item="date",
            value=year,
            code="out_of_range",
        )
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(anchor_day, last))


def add_units(day: dt.date, unit: str, count: int) -> dt.date:
    """``day`` plus ``count`` units (months keep the day, clamped to the
    month's last day)."""
    _check_unit(unit, abs(count) if isinstance(count, int) else count, "delay")
    if unit == "days":
        return day + dt.timedelta(days=count)
    if unit == "weeks":
        return day + dt.timedelta(weeks=count)
    months = count * (12 if unit == "years" else 1)
    return _add_months(day, months, day.day)


@dataclass(frozen=True)
class Periodisation:
    """Unit, count (at least 1) and the reference date a period begins on."""

    unit: str
    count: int
    reference: dt.date

    def __post_init__(self) -> None:
        _check_unit(self.unit, self.count, "report periodisation")
        if self.count < 1:
            raise InvalidInputError(
                "A report period must be at least one unit long.",
                item="report periodisation",
                value=self.count,
                code="not_a_count",
            )
        if not isinstance(self.reference, dt.date):
            raise InvalidInputError(
                "The reference date is missing.",
                item="reference date",
                code="missing",
            )

    # -- periods by index (index 0 begins on the reference date) ----------
    def _months(self) -> int:
        return self.count * (12 if self.unit == "years" else 1)

    def _days(self) -> int:
        return self.count * (7 if self.unit == "weeks" else 1)

    def start(self, index: int) -> dt.date:
        """First day of the period ``index`` (0 = the reference period)."""
        if self.unit in ("days", "weeks"):
            return self.reference + dt.timedelta(days=index * self._days())
        return _add_months(self.reference, index * self._months(), self.reference.day)

    def period(self, index: int) -> tuple[dt.date, dt.date]:
        """``(first day, last day)`` of the period ``index``."""
        return self.start(index), self.start(index + 1) - _ONE_DAY

    def index_of(self, day: dt.date) -> int:
        """Index of the period that contains ``day``."""
        if self.unit in ("days", "weeks"):
            return (day - self.reference).days // self._days()
        step = self._months()
        months = (
            (day.year - self.reference.year) * 12 + day.month - self.reference.month
        )
        index = months // step
        while self.start(index) > day:
            index -= 1
        while self.start(index + 1) <= day:
            index += 1
        return index

    def period_of(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The period that contains ``day``."""
        return self.period(self.index_of(day))

    def periods(
        self, date_from: dt.date, date_to: dt.date
    ) -> list[tuple[dt.date, dt.date]]:
        """The periods that overlap ``date_from..date_to``, in order."""
        if date_to < date_from:
            raise InvalidInputError(
                "The range ends before it starts.",
                item="range",
                code="dates_reversed",
            )
        first, last = self.index_of(date_from), self.index_of(date_to)
        return [self.period(index) for index in range(first, last + 1)]

    def is_period(self, date_from: dt.date, date_to: dt.date) -> bool:
        """Whether ``date_from..date_to`` is exactly one report period."""
        return self.period_of(date_from) == (date_from, date_to)


def corrected_value(value: object, correction: object, cumulative: bool) -> Decimal:
    """The value that counts: a cumulative indicator adds the correction, a
    non-cumulative one takes the correction instead of the value. Without a
    correction (None) the value counts as it is."""
    value_d = to_decimal(value, "value", allow_negative=True)
    if correction is None:
        return value_d
    correction_d = to_decimal(correction, "correction", allow_negative=True)
    return value_d + correction_d if cumulative else correction_d


@dataclass(frozen=True)
class KpiActual:
    """The actual value of a goal from its KPI's values (Ist-Wert)."""

    actual: Decimal  # sum (cumulative) or latest value (non-cumulative)
    covered_days: int  # days of the goal period the values cover
    goal_days: int
    periods: int  # number of values used


def kpi_actual(
    values: list[tuple[dt.date, dt.date, object]],
    date_from: dt.date,
    date_to: dt.date,
    cumulative: bool,
) -> KpiActual | None:
    """The actual value of a goal over ``date_from..date_to``.

    ``values`` are ``(period start, period end, counting value)``; the values
    whose report period overlaps the goal period count. A cumulative KPI adds
    them up; a non-cumulative one takes the value of the latest period.
    None when no value counts.
    """
    used = sorted(
        (start, end, to_decimal(value, "value", allow_negative=True))
        for start, end, value in values
        if start <= date_to and end >= date_from
    )
    if not used:
        return None
    covered = sum(
        (min(end, date_to) - max(start, date_from)).days + 1 for start, end, _v in used
    )
    actual = sum((v for _s, _e, v in used), Decimal(0)) if cumulative else used[-1][2]
    return KpiActual(
        actual=actual,
        covered_days=covered,
        goal_days=(date_to - date_from).days + 1,
        periods=len(used),
    )


def projected_actual(result: KpiActual, cumulative: bool) -> Decimal:
    """The actual value if the values so far held for the whole goal period:
    a cumulative KPI is extrapolated by days, a non-cumulative one stays."""
    if not cumulative or result.covered_days >= result.goal_days:
        return result.actual
    return result.actual * result.goal_days / result.covered_days
