from odoo import models


class HrGoalAgreement(models.Model):
    _inherit = "hr.goal.agreement"

    def _attach_agreement_pdf(self):
        """Attach the signed agreement as PDF once it becomes valid.

        Placeholder until the reports land (issue 3, reports part).
        """
        return self.env["ir.attachment"]
