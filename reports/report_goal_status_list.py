from odoo import api, models


class ReportGoalStatusList(models.AbstractModel):
    """Values of the status list PDF (Prüfliste).

    Printed for selected agreements (``docids``) or, from the status list
    wizard, for a domain passed as ``data["status_domain"]``. Either way the
    search runs with the printing user's rights.
    """

    _name = "report.hr_performance.report_goal_status_list"
    _description = "Goal Agreement Status List Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        Agreement = self.env["hr.goal.agreement"]
        docs = Agreement.browse(docids)
        domain = (data or {}).get("status_domain") or [("id", "in", docs.ids)]
        status = Agreement._get_status_list_data(domain)
        return {
            "doc_ids": docids,
            "doc_model": "hr.goal.agreement",
            "docs": docs,
            "status": status,
            # sudo: the company's name and logo for the report's letterhead
            "company": Agreement.browse(status["ids"][:1]).company_id.sudo()
            or self.env.company,
        }
