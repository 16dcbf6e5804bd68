from odoo import fields, models


class HrGoalAgreementReasonWizard(models.TransientModel):
    """Asks for the mandatory reason to cancel or revise goal agreements."""

    _name = "hr.goal.agreement.reason.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Reason for Cancelling or Revising Goal Agreements"

    agreement_ids = fields.Many2many("hr.goal.agreement", required=True)
    mode = fields.Selection(
        [("cancel", "Cancel"), ("revise", "Revise")], required=True, default="cancel"
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "revise":
            self.agreement_ids.action_revise(reason=self.reason or "")
        else:
            self.agreement_ids.action_cancel(reason=self.reason or "")
        return {"type": "ir.actions.act_window_close"}
