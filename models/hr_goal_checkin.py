from odoo import fields, models

from .hr_goal import CHECKIN_STATUS


class HrGoalCheckin(models.Model):
    """A progress update on a goal agreement or on one of its goals."""

    _name = "hr.goal.checkin"
    _description = "Goal Check-in"
    _order = "date desc, id desc"

    agreement_id = fields.Many2one(
        "hr.goal.agreement", required=True, ondelete="cascade", index=True
    )
    goal_id = fields.Many2one(
        "hr.goal",
        index="btree_not_null",
        ondelete="cascade",
        domain="[('agreement_id', '=', agreement_id)]",
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="agreement_id.employee_user_id", store=True, index=True
    )
    supervisor_user_id = fields.Many2one(
        related="agreement_id.supervisor_user_id", store=True, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    progress = fields.Float("Progress (%)")
    status = fields.Selection(CHECKIN_STATUS, required=True, default="on_track")
    comment = fields.Text()
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
