"""Decimal conversion and the engine's explicit rounding rules.

All rounding in the engine is ``ROUND_HALF_UP`` to a fixed quantum:

* money: 0.01 (``MONEY_QUANTUM``)
* points and factors: 4 decimals (``POINTS_QUANTUM``, ``FACTOR_QUANTUM``)
* performance results: 2 decimals (``RESULT_QUANTUM``)

Intermediate figures are kept unrounded; rounding happens once, at the end.
Sums and products are computed in ``exact_arithmetic()``, which raises instead
of silently losing a digit. Quotients are rounded with ``divide_rounded()``,
which rounds the true rational quotient (no double rounding).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import (
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)

from .exceptions import InvalidInputError, NegativeValueError

__all__ = [
    "EXACT_PRECISION",
    "FACTOR_QUANTUM",
    "MONEY_QUANTUM",
    "POINTS_QUANTUM",
    "RESULT_QUANTUM",
    "ROUNDING",
    "VALUE_PER_POINT_DISPLAY_QUANTUM",
    "divide_rounded",
    "exact_arithmetic",
    "money_cents",
    "quotient",
    "round_factor",
    "round_money",
    "round_points",
    "round_result",
    "to_decimal",
]

#: Rounding mode used for every explicit rounding in the engine.
ROUNDING = ROUND_HALF_UP
#: Money is rounded to cents.
MONEY_QUANTUM = Decimal("0.01")
#: Points are rounded to 4 decimals.
POINTS_QUANTUM = Decimal("0.0001")
#: Factors (part-time share, employed share, pay factor) to 4 decimals.
FACTOR_QUANTUM = Decimal("0.0001")
#: Performance results (weighted totals) are rounded to 2 decimals.
RESULT_QUANTUM = Decimal("0.01")
#: The value per point is shown with 6 decimals.
VALUE_PER_POINT_DISPLAY_QUANTUM = Decimal("0.000001")
#: Significant digits of non-terminating quotients (e.g. value per point).
EXACT_PRECISION = 34

_EXACT_CONTEXT = Context(
    prec=200,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)
_QUOTIENT_CONTEXT = Context(
    prec=EXACT_PRECISION,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_ROUND_CONTEXT = Context(
    prec=200,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


def to_decimal(value: object, name: str, *, allow_negative: bool = False) -> Decimal:
    """Convert ``value`` (int, str, Decimal or float) to a finite Decimal.

    Floats are converted via ``Decimal(str(value))`` (so ``0.1`` is ``0.1``).
    ``None``, booleans, NaN and infinities raise ``InvalidInputError``; a
    negative value raises ``NegativeValueError`` unless ``allow_negative``.
    ``name`` names the item in the error message. No rounding is applied.
    """
    if value is None:
        raise InvalidInputError(
            f"'{name}' is missing.", item=name, value=None, code="missing"
        )
    if isinstance(value, bool):
        raise InvalidInputError(
            f"'{name}' must be a number, not a boolean ({value}).",
            item=name,
            value=value,
            code="not_a_number",
        )
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(str(value))
        elif isinstance(value, str):
            result = Decimal(value.strip())
        else:
            raise TypeError(type(value).__name__)
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidInputError(
            f"'{name}' must be a number (got {value!r}).",
            item=name,
            value=value,
            code="not_a_number",
        ) from None
    if not result.is_finite():
        raise InvalidInputError(
            f"'{name}' must be a finite number (got {value!r}).",
            item=name,
            value=value,
            code="not_finite",
        )
    if result.is_zero():
        result = result.copy_abs()
    if result < 0 and not allow_negative:
        raise NegativeValueError(name, result)
    return result


@contextmanager
def exact_arithmetic(what: str) -> Iterator[None]:
    """Context in which Decimal sums/products must be exact.

    Any operation that would have to round raises ``InvalidInputError``
    (code ``"too_many_digits"``) naming ``what``.
    """
    try:
        with localcontext(_EXACT_CONTEXT):
            yield
    except (Inexact, Overflow):
        raise InvalidInputError(
            f"'{what}' has too many digits to be computed exactly.",
            item=what,
            code="too_many_digits",
        ) from None


def _round(value: Decimal, quantum: Decimal) -> Decimal:
    return value.quantize(quantum, rounding=ROUNDING, context=_ROUND_CONTEXT)


def round_money(value: Decimal) -> Decimal:
    """Round to 0.01 with ROUND_HALF_UP."""
    return _round(value, MONEY_QUANTUM)


def round_points(value: Decimal) -> Decimal:
    """Round to 4 decimals (0.0001) with ROUND_HALF_UP."""
    return _round(value, POINTS_QUANTUM)


def round_factor(value: Decimal) -> Decimal:
    """Round to 4 decimals (0.0001) with ROUND_HALF_UP."""
    return _round(value, FACTOR_QUANTUM)


def round_result(value: Decimal) -> Decimal:
    """Round to 2 decimals (0.01) with ROUND_HALF_UP."""
    return _round(value, RESULT_QUANTUM)


def divide_rounded(
    numerator: Decimal | int, denominator: Decimal | int, quantum: Decimal
) -> Decimal:
    """Return ``numerator / denominator`` rounded ROUND_HALF_UP to ``quantum``.

    The true rational quotient is rounded once (integer arithmetic), so there
    is no double rounding. ``quantum`` must be a power of ten such as 0.0001.
    """
    num, den = Decimal(numerator).as_integer_ratio()
    dnum, dden = Decimal(denominator).as_integer_ratio()
    if dnum == 0:
        raise InvalidInputError(
            "Division by zero.", item="denominator", value=denominator, code="zero"
        )
    exponent = quantum.as_tuple().exponent
    assert isinstance(exponent, int)
    # value = (num * dden) / (den * dnum); scaled by 10**-exponent.
    top = num * dden
    bottom = den * dnum
    if bottom < 0:
        top, bottom = -top, -bottom
    if exponent <= 0:
        top *= 10**-exponent
    else:
        bottom *= 10**exponent
    sign = -1 if top < 0 else 1
    whole, rest = divmod(abs(top), bottom)
    if 2 * rest >= bottom:
        whole += 1
    return Decimal(f"{sign * whole}E{exponent}").quantize(
        quantum, context=_ROUND_CONTEXT
    )


def quotient(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    """Return ``numerator / denominator`` to ``EXACT_PRECISION`` digits.

    Exact whenever the quotient terminates within 34 significant digits;
    otherwise rounded ROUND_HALF_UP at the 34th digit. Used for figures that
    are shown for explanation only (value per point, unrounded amounts).
    """
    with localcontext(_QUOTIENT_CONTEXT):
        return Decimal(numerator) / Decimal(denominator)


def money_cents(value: Decimal, name: str) -> int:
    """Return a money amount as an integer number of cents.

    Raises ``InvalidInputError`` (code ``"too_many_decimals"``) when the value
    has non-zero digits beyond the second decimal (``1.000`` is accepted).
    """
    scaled = value.scaleb(2, context=_ROUND_CONTEXT)
    if scaled != scaled.to_integral_value(rounding=ROUND_FLOOR):
        raise InvalidInputError(
            f"'{name}' must have at most 2 decimals (got {value}).",
            item=name,
            value=value,
            code="too_many_decimals",
            limit=MONEY_QUANTUM,
        )
    return int(scaled)
