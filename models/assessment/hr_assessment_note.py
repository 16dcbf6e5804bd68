from odoo import api, fields, models
from odoo.exceptions import UserError

from ..common.write_guard import check_no_related_create, check_no_related_write


class HrAssessmentNote(models.Model):
    """The assessor's private comment on a criterion.

    Kept in its own model so that record rules hide it from the assessed
    employee on the server, also through the API.
    """

    _name = "hr.assessment.note"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Private Assessment Comment"

    line_id = fields.Many2one(
        "hr.assessment.line", required=True, ondelete="cascade", index=True
    )
    assessment_id = fields.Many2one(
        related="line_id.assessment_id", store=True, index=True
    )
    company_id = fields.Many2one(related="line_id.assessment_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="line_id.assessment_id.employee_user_id", store=True, index=True
    )
    assessor_id = fields.Many2one(
        related="line_id.assessment_id.assessor_id", store=True, index=True
    )
    note = fields.Text(required=True)

    _sql_constraints = [
        ("line_unique", "unique(line_id)", "A criterion has one private comment."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        if not self.env.su:
            # Written with the scores: frozen once the assessment is submitted.
            self.env["hr.assessment.line"].browse(
                [vals.get("line_id") for vals in vals_list]
            )._check_open()
        return super().create(vals_list)

    def write(self, vals):
        check_no_related_write(self, vals)
        if not self.env.su:
            if "line_id" in vals:
                raise UserError(
                    self.env._("A private comment stays with its criterion.")
                )
            self.line_id._check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self.line_id._check_open()
