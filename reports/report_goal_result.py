from odoo import models


class ReportGoalResult(models.AbstractModel):
    """Values of the result sheet PDF (Ergebnisbogen): the same values as the
    goal agreement PDF, read the same way."""

    _name = "report.hr_performance.report_goal_result"
    _inherit = "report.hr_performance.report_goal_agreement"
    _description = "Goal Result Sheet Report"
