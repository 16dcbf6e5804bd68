"""Write guards shared by the goal agreement and assessment models."""

from odoo.exceptions import UserError


def check_no_related_create(model, vals_list):
    """Refuse related field values in a user's ``create`` (see below).

    A value given for a stored related field on creation is kept instead of
    being computed, so ``employee_user_id`` could name someone else than
    the record's employee and fool the record rules.
    """
    for vals in vals_list:
        check_no_related_write(model, vals)


def check_no_related_write(records, vals):
    """Refuse user writes of related fields (stored copies for the rules).

    Stored related fields such as ``employee_user_id`` are what the record
    rules read; a readonly related field has no inverse, so a raw ``write``
    would change the copy only and hand the record to someone else. Only
    the workflow (superuser) may write them.
    """
    if records.env.su:
        return
    related = [
        name
        for name in vals
        if name in records._fields and records._fields[name].related
    ]
    if related:
        raise UserError(
            records.env._(
                "%(fields)s of %(model)s are taken from the linked records and "
                "cannot be changed here.",
                fields=", ".join(
                    records._fields[name].get_description(records.env)["string"]
                    for name in sorted(related)
                ),
                model=records._description,
            )
        )
