"""Limits of what a user types: a title is not blank, a text is not a
megabyte, a number is a number. Used by the models that take such input."""

import math

from odoo.exceptions import ValidationError

TITLE_MAX = 500
TEXT_MAX = 20000


def check_numbers(model, vals):
    """Refuse NaN and infinities for the float and money fields in ``vals``
    before the ORM rounds them (which would fail with a server error)."""
    for name, value in vals.items():
        field = model._fields.get(name)
        if (
            field is not None
            and field.type in ("float", "monetary")
            and isinstance(value, float)
            and not math.isfinite(value)
        ):
            raise ValidationError(
                model.env._(
                    "Please enter a number for %(field)s.",
                    field=field.get_description(model.env)["string"],
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
