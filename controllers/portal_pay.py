"""Portal pages of performance pay: /my/performance-pay, the employee's own
statements once the run is approved (also by a shared link)."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from .portal_assessment import HrpAssessmentPortal

PAY_LINE_MODEL = "hr.performance.pay.line"
PAY_REPORT = "hr_performance.hr_performance_pay_line_report_statement"
PAY_HISTORY = "my_performance_pay_history"


class HrpPayPortal(HrpAssessmentPortal):
    """The employee's performance pay statements."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hrp_pay_count" in counters:
            PayLine = request.env[PAY_LINE_MODEL]
            # sudo: the domain is the user's own lines; portal users cannot
            # read the run whose state the domain asks for.
            values["hrp_pay_count"] = (
                PayLine.sudo().search_count(PayLine._get_portal_domain())
                if PayLine.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Performance pay statements
    # ------------------------------------------------------------------
    @http.route(
        ["/my/performance-pay", "/my/performance-pay/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_performance_pay(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        PayLine = request.env[PAY_LINE_MODEL]
        domain = (
            PayLine._get_portal_domain()
            if PayLine.has_access("read")
            else [("id", "=", False)]
        )
        # The domain is the user's own lines (as the record rules); searched
        # as superuser because the run's state is not readable for portal
        # users (they have no access to pay runs).
        lines, pager = self._hrp_page(
            # sudo: the domain is the user's own lines (see above)
            PayLine.sudo(),
            domain,
            "/my/performance-pay",
            page,
            PAY_HISTORY,
        )
        values.update(
            {
                "pay_lines": lines,
                "page_name": "hrp_pay",
                "pager": pager,
                "default_url": "/my/performance-pay",
                "hrp_run_state_labels": self._hrp_state_labels(
                    "hr.performance.pay.run"
                ),
            }
        )
        return request.render("hr_performance.portal_my_performance_pay", values)

    def _hrp_check_pay_line(self, line_id, access_token=None):
        """The line as sudo record for its employee once the run is approved,
        or for the holder of its link; a 404 for anyone else."""
        PayLine = request.env[PAY_LINE_MODEL]
        line_sudo = self._hrp_document(
            PAY_LINE_MODEL, line_id, access_token, domain=PayLine._get_portal_domain()
        )
        if self._hrp_by_token(line_sudo, access_token) and not (
            line_sudo.filtered_domain(PayLine._portal_shared_domain())
        ):
            # A shared statement is shown only once the run is approved.
            raise NotFound()
        return line_sudo

    @http.route(
        ["/my/performance-pay/<int:line_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_performance_pay_line(
        self, line_id, access_token=None, report_type=None, download=False, **kw
    ):
        login = self._hrp_login_first(f"/my/performance-pay/{line_id}", access_token)
        if login:
            return login
        line_sudo = self._hrp_check_pay_line(line_id, access_token)
        report = request.env.ref(PAY_REPORT, raise_if_not_found=False)
        if report_type in ("html", "pdf", "text"):
            if not report:
                raise NotFound()
            return self._show_report(
                model=line_sudo,
                report_type=report_type,
                report_ref=PAY_REPORT,
                download=download,
            )
        values = {
            "pay_line": line_sudo,
            "page_name": "hrp_pay_detail",
            "hrp_has_report": bool(report),
            "hrp_run_state_labels": self._hrp_state_labels("hr.performance.pay.run"),
            "hrp_reason_labels": dict(
                line_sudo._fields["reason"]._description_selection(request.env)
            ),
        }
        values.update(self._prepare_portal_layout_values())
        values["page_name"] = "hrp_pay_detail"
        values = self._get_page_view_values(
            line_sudo, access_token, values, PAY_HISTORY, False, **kw
        )
        return request.render("hr_performance.portal_my_performance_pay_line", values)
