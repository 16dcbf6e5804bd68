"""Limits of what a user types: a title is not blank, a text is not a
megabyte, a number is a number. Used by the models that take such input."""

import math

from odoo.exceptions import ValidationError

TITLE_MAX = 500
TEXT_MAX = 20000


NUMBER_TYPES = ("float", "monetary", "integer")
#: The largest amount a number field takes: beyond it is a typo, not a figure
#: (PostgreSQL's integer ends at 2**31 - 1, money is rounded to the cent).
NUMBER_LIMITS = {"integer": 2**31 - 1, "float": 1e15, "monetary": 1e15}


def _label(model, field):
    """The field's label in the user's language (only for a message)."""
    return field._description_string(model.env)


def check_numbers(model, vals):
    """Refuse what is not a finite number of a sensible size for the float,
    money and integer fields in ``vals`` with a translated message, before
    the ORM converts it (which would fail with a server error)."""
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or field.type not in NUMBER_TYPES or value in (None, False):
            continue
        try:
            if not isinstance(value, (int, float, str)):
                raise TypeError(value)
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        if not math.isfinite(number):
            raise ValidationError(
                model.env._(
                    "Please enter a number for %(field)s.", field=_label(model, field)
                )
            )
        if abs(number) > NUMBER_LIMITS[field.type]:
            raise ValidationError(
                model.env._("%(field)s is out of range.", field=_label(model, field))
            )


def check_input(model, vals):
    """What a user may send for the fields of ``model`` (create or write):
    numbers as above, texts without NUL characters, a selection among its
    values, no required field emptied. Refused with a translated message
    before the ORM or the database would fail with a server error."""
    check_numbers(model, vals)
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or (field.compute and not field.inverse and not field.store):
            continue
        if (
            field.required
            and field.type != "boolean"
            and (value is None or value is False or value == "")
        ):
            raise ValidationError(
                model.env._("Please fill in %(field)s.", field=_label(model, field))
            )
        if field.type in ("char", "text", "html") and value not in (None, False):
            if not isinstance(value, (str, int, float)):
                raise ValidationError(
                    model.env._(
                        "Please enter a text for %(field)s.", field=_label(model, field)
                    )
                )
            if "\x00" in str(value):
                raise ValidationError(
                    model.env._(
                        "%(field)s contains a character that cannot be saved.",
                        field=_label(model, field),
                    )
                )
        if field.type == "selection" and value not in (None, False):
            allowed = field.get_values(model.env)
            if not isinstance(value, (str, int)) or value not in allowed:
                raise ValidationError(
                    model.env._(
                        "Please choose one of the values offered for %(field)s.",
                        field=_label(model, field),
                    )
                )


def check_texts(records, titles=(), texts=()):
    """Raise a translated ``ValidationError`` for a blank or too long title or
    a too long text of ``records`` (field names)."""
    env = records.env
    for record in records:
        for name in titles:
            value = record[name] or ""
            label = record._fields[name].get_description(env)["string"]
            if not value.strip():
                raise ValidationError(env._("Please fill in %(field)s.", field=label))
            if len(value) > TITLE_MAX:
                raise ValidationError(
                    env._(
                        "%(field)s is too long: at most %(max)s characters.",
                        field=label,
                        max=TITLE_MAX,
                    )
                )
        for name in texts:
            if len(record[name] or "") > TEXT_MAX:
                raise ValidationError(
                    env._(
                        "%(field)s is too long: at most %(max)s characters.",
                        field=record._fields[name].get_description(env)["string"],
                        max=TEXT_MAX,
                    )
                )
