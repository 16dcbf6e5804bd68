from odoo import fields, models


class HrLeaveType(models.Model):
    _inherit = "hr.leave.type"

    hrp_unpaid = fields.Boolean(
        "Unpaid (Reduces Variable Pay)",
        help="Approved time off of this type (e.g. unpaid leave, parental "
        "leave) reduces the bonus of variable-pay goals day by day; the goals' "
        "target values are not adjusted.",
    )
