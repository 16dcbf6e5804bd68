import base64

from odoo import fields, models
from odoo.exceptions import UserError


class HrGoalAgreementSignatureWizard(models.TransientModel):
    """HR records signatures given on paper: for staff without a login, the
    agreement is signed on the printed sheet and HR enters it here."""

    _name = "hr.goal.agreement.signature.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Record Signatures Given on Paper"

    agreement_ids = fields.Many2many("hr.goal.agreement", required=True)
    employee_signed = fields.Boolean()
    employee_date = fields.Date("Employee Signed On", default=fields.Date.context_today)
    supervisor_signed = fields.Boolean()
    supervisor_date = fields.Date(
        "Supervisor Signed On", default=fields.Date.context_today
    )
    signed_sheet = fields.Binary("Signed Sheet (Scan)", attachment=False)
    signed_sheet_name = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        if not (self.employee_signed or self.supervisor_signed):
            raise UserError(
                self.env._(
                    "Tick whose signature is on the sheet: employee, supervisor "
                    "or both."
                )
            )
        if (self.employee_signed and not self.employee_date) or (
            self.supervisor_signed and not self.supervisor_date
        ):
            raise UserError(self.env._("Enter the date of each signature."))
        self.agreement_ids.action_record_agreement(
            employee_on=self.employee_date if self.employee_signed else False,
            supervisor_on=self.supervisor_date if self.supervisor_signed else False,
            sheet=base64.b64decode(self.signed_sheet) if self.signed_sheet else None,
            sheet_name=self.signed_sheet_name,
        )
        return {"type": "ir.actions.act_window_close"}
