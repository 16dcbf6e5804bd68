"""Exceptions raised by the calculation engine.

Every exception carries its data as attributes (``code``, ``item``, ``value``
and, where relevant, ``limit``, ``other``, ``set_name``, ``total``) so that a
caller can build a translated message without parsing the English text.
"""

from __future__ import annotations

__all__ = [
    "EngineError",
    "InvalidInputError",
    "NegativeValueError",
    "WeightError",
]


class EngineError(ValueError):
    """Base class of all engine errors.

    :ivar code: stable machine-readable reason, e.g. ``"negative_value"``.
    :ivar item: name of the offending item (set, goal, entry, field), or None.
    :ivar value: the offending value as given (or as converted), or None.
    :ivar message: the plain English message (also ``str(exc)``).
    """

    code: str = "engine_error"

    def __init__(
        self,
        message: str,
        *,
        item: str | None = None,
        value: object = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.item = item
        self.value = value
        if code is not None:
            self.code = code


class WeightError(EngineError):
    """Weights of a set do not sum to exactly 100.

    :ivar set_name: name of the weight set.
    :ivar total: the actual sum of the weights (Decimal).
    """

    code = "weights_not_100"

    def __init__(self, set_name: str, total: object) -> None:
        super().__init__(
            f"The weights of '{set_name}' sum to {total}; "
            "they must sum to exactly 100.",
            item=set_name,
            value=total,
        )
        self.set_name = set_name
        self.total = total


class NegativeValueError(EngineError):
    """A value that must be zero or positive is negative."""

    code = "negative_value"

    def __init__(self, item: str, value: object) -> None:
        super().__init__(
            f"'{item}' must not be negative (got {value}).",
            item=item,
            value=value,
        )


class InvalidInputError(EngineError):
    """Any other invalid input (not a number, too many decimals, overlap...).

    :ivar limit: the violated limit (e.g. the scale maximum), or None.
    :ivar other: a second item involved (e.g. the overlapping section), or None.
    """

    code = "invalid_input"

    def __init__(
        self,
        message: str,
        *,
        item: str | None = None,
        value: object = None,
        code: str | None = None,
        limit: object = None,
        other: object = None,
    ) -> None:
        super().__init__(message, item=item, value=value, code=code)
        self.limit = limit
        self.other = other
