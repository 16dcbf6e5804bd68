from odoo import api, models


class ReportGoalResult(models.AbstractModel):
    """Values of the result sheet PDF (Ergebnisbogen)."""

    _name = "report.hr_performance.report_goal_result"
    _description = "Goal Result Sheet Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # Built before the template runs: a user who may not read one of the
        # agreements gets a plain AccessError, not a template error.
        docs = self.env["hr.goal.agreement"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "hr.goal.agreement",
            "docs": docs,
            "report_data": docs._get_report_data(),
        }
