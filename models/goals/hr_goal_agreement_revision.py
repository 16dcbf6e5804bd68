from odoo import fields, models

from .hr_goal_agreement import AGREEMENT_STATES


class HrGoalAgreementRevision(models.Model):
    """A previous version of a goal agreement, kept when it was revised.

    Written once by the revision (Zielanpassung); nobody edits or deletes it.
    """

    _name = "hr.goal.agreement.revision"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Goal Agreement Version"
    _order = "agreement_id, version desc, id desc"
    _rec_name = "version"

    agreement_id = fields.Many2one(
        "hr.goal.agreement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="agreement_id.employee_user_id", store=True, index=True
    )
    supervisor_user_id = fields.Many2one(
        related="agreement_id.supervisor_user_id", store=True, index=True
    )
    employee_id = fields.Many2one(related="agreement_id.employee_id", store=True)
    version = fields.Integer(required=True, readonly=True)
    reason = fields.Text("Reason for Revision", required=True, readonly=True)
    revised_by = fields.Many2one("res.users", readonly=True)
    revised_on = fields.Datetime(readonly=True)
    state_before = fields.Selection(
        AGREEMENT_STATES, string="State Before Revision", readonly=True
    )
    employee_agreed_by = fields.Many2one("res.users", readonly=True)
    employee_agreed_on = fields.Datetime(readonly=True)
    supervisor_agreed_by = fields.Many2one("res.users", readonly=True)
    supervisor_agreed_on = fields.Datetime(readonly=True)
    weight_company = fields.Float("Company Goals (%)", readonly=True)
    weight_department = fields.Float("Department Goals (%)", readonly=True)
    weight_personal = fields.Float("Personal Goals (%)", readonly=True)
    line_ids = fields.One2many(
        "hr.goal.agreement.revision.line", "revision_id", string="Goals", readonly=True
    )

    def _compute_display_name(self):
        for revision in self:
            revision.display_name = self.env._(
                "Version %(version)s", version=revision.version
            )
