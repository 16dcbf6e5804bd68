import base64

from odoo import fields, models


class HrAssessmentPaperWizard(models.TransientModel):
    """HR records an acknowledgement the employee gave on paper (staff
    without a login), with the date, his comment and the scanned sheet."""

    _name = "hr.assessment.paper.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Record Acknowledgement Given on Paper"

    assessment_ids = fields.Many2many("hr.assessment", required=True)
    date = fields.Date(
        "Acknowledged On", required=True, default=fields.Date.context_today
    )
    comment = fields.Text("Employee's Comment")
    signed_sheet = fields.Binary("Signed Sheet (Scan)", attachment=False)
    signed_sheet_name = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        self.assessment_ids.action_record_acknowledgement(
            date=self.date,
            comment=self.comment,
            sheet=base64.b64decode(self.signed_sheet) if self.signed_sheet else None,
            sheet_name=self.signed_sheet_name,
        )
        return {"type": "ir.actions.act_window_close"}
