from odoo import fields, models


class HrAssessmentReopenWizard(models.TransientModel):
    """HR reopens submitted assessments with a reason."""

    _name = "hr.assessment.reopen.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Reopen Assessments"

    assessment_ids = fields.Many2many("hr.assessment", string="Assessments")
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.assessment_ids._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
