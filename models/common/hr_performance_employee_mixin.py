from odoo import fields, models


def stored_user(related, string):
    """A user of the record's team, stored for the record rules.

    Rules and portal domains compare these with ``user.id`` without joins
    through ``hr.employee``, which plain users cannot read.
    """
    return fields.Many2one(
        "res.users",
        related=related,
        related_sudo=True,
        store=True,
        index=True,
        string=string,
    )


class HrPerformanceEmployeeMixin(models.AbstractModel):
    """A performance record of one employee (agreement, assessment, result,
    pay line).

    Plain internal users cannot read ``hr.employee`` and portal users not at
    all: the record rules and portal domains work on the stored
    copies below. Users never write them (see ``write_guard.py``); they
    follow the employee.
    """

    _name = "hr.performance.employee.mixin"
    _description = "Performance Record of an Employee"

    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    employee_user_id = stored_user("employee_id.user_id", "Employee User")
    department_id = fields.Many2one(
        "hr.department",
        related="employee_id.department_id",
        related_sudo=True,
        store=True,
        index=True,
    )
