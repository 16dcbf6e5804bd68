from odoo import fields, models

from .hr_goal import GOAL_LEVELS


class HrGoalAgreementRevisionLine(models.Model):
    """One goal as it was in a previous version of a goal agreement."""

    _name = "hr.goal.agreement.revision.line"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Goal of a Previous Version"
    _order = "revision_id, level, sequence, id"

    revision_id = fields.Many2one(
        "hr.goal.agreement.revision", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="revision_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="revision_id.employee_user_id", store=True, index=True
    )
    level = fields.Selection(GOAL_LEVELS, readonly=True)
    sequence = fields.Integer(readonly=True)
    name = fields.Char("Title", readonly=True)
    description = fields.Html(readonly=True)
    weight = fields.Float("Weight (%)", readonly=True)
    success_criteria = fields.Text(readonly=True)
    actions = fields.Text(readonly=True)
    resources = fields.Text(readonly=True)
    target_value = fields.Float("Target", readonly=True)
    unit = fields.Char(readonly=True)
    deadline = fields.Date(readonly=True)
