from odoo import api, models
from odoo.exceptions import AccessError

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
#: Pay run states in which the employee sees their statement.
VISIBLE_RUN_STATES = ["approved", "posted", "paid"]


class HrPerformancePayLine(models.Model):
    """Performance pay statements in the portal (/my/performance-pay)."""

    _name = "hr.performance.pay.line"
    _inherit = ["hr.performance.pay.line", "portal.mixin"]

    def _workflow_free_fields(self):
        # The access token of a shared statement is not part of the computation.
        return super()._workflow_free_fields() | {"access_token"}

    def _portal_ensure_token(self):
        """A shared link is permanent and public: only the employee and HR
        create one, not every reader of the line (payroll, managers)."""
        if not self.env.su and not self.env.user.has_group(OFFICER_GROUP):
            for line in self:
                if line.employee_user_id != self.env.user:
                    raise AccessError(
                        self.env._(
                            "Only %(employee)s and HR can share this pay statement.",
                            employee=line.employee_id.name,
                        )
                    )
        return super()._portal_ensure_token()

    def _compute_access_url(self):
        for line in self:
            line.access_url = f"/my/performance-pay/{line.id}"

    @api.model
    def _get_portal_domain(self):
        """The current user's own pay lines once the run is approved."""
        return [
            ("employee_user_id", "=", self.env.uid),
            ("run_id.state", "in", VISIBLE_RUN_STATES),
        ]

    @api.model
    def _portal_shared_domain(self):
        """Lines whose statement a shared link (access token) may show: only
        once the run is approved."""
        return [("run_id.state", "in", VISIBLE_RUN_STATES)]

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "Performance Pay %(period)s - %(employee)s",
            period=self.period_id.name,
            employee=self.employee_id.name,
        )
