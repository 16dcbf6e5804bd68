from odoo import fields, models


class HrAssessmentScheduleWizardLine(models.TransientModel):
    """One employee the scheduling wizard skipped, with the reason."""

    _name = "hr.assessment.schedule.wizard.line"
    _description = "Skipped Employee of the Assessment Scheduling"

    wizard_id = fields.Many2one(
        "hr.assessment.schedule.wizard", required=True, ondelete="cascade"
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    reason = fields.Char(readonly=True)
