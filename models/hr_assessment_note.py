from odoo import fields, models


class HrAssessmentNote(models.Model):
    """The assessor's private comment on a criterion.

    Kept in its own model so that record rules hide it from the assessed
    employee on the server, also through the API.
    """

    _name = "hr.assessment.note"
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
