"""Portal page "My team" (/my/team) of supervisors and managers: what the
team's goal agreements need from them; the assessments add their block."""

from odoo import fields, http
from odoo.http import request

from .portal_agreement import AGREEMENT_MODEL, HrpAgreementPortal


class HrpTeamPortal(HrpAgreementPortal):
    """The supervisor's view of the team's goal agreements."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hrp_team_count" in counters:
            values["hrp_team_count"] = self._hrp_team_count()
        return values

    def _hrp_team_count(self):
        """Number shown on the "My team" tile (0 hides it): the team's goal
        agreements. Extended for assessments in portal_assessment.py."""
        Agreement = request.env[AGREEMENT_MODEL]
        if request.env.user.share or not Agreement.has_access("read"):
            return 0
        return Agreement.search_count(Agreement._get_portal_team_domain())

    # ------------------------------------------------------------------
    # My team (supervisor / manager)
    # ------------------------------------------------------------------
    def _prepare_hrp_team_values(self):
        """Values of /my/team. Extended (assessments) in portal_assessment.py,
        whose block goes into ``<div id="hrp_team_extra"/>``."""
        values = self._prepare_portal_layout_values()
        Agreement = request.env[AGREEMENT_MODEL]
        # sudo: an empty recordset, nothing is read
        empty = Agreement.sudo().browse()
        values.update(
            {
                "page_name": "hrp_team",
                "hrp_to_sign": empty,
                "hrp_to_rate": empty,
                "hrp_overdue_checkins": empty,
                "hrp_team_agreements": empty,
            }
        )
        if request.env.user.share or not Agreement.has_access("read"):
            return values
        # One search: the team's agreements of the open periods.
        team = Agreement.search(
            [
                *Agreement._get_portal_team_domain(),
                ("period_id.state", "=", "open"),
            ]
        )
        team.fetch(["state", "employee_agreed_on", "supervisor_agreed_on"])
        agreements = team.filtered_domain(Agreement._portal_team_open_domain())
        today = fields.Date.context_today(Agreement)
        values.update(
            {
                "hrp_to_sign": agreements.filtered(
                    lambda a: a.state == "submitted" and a.can_agree
                    # sudo: found and filtered with the user's rights; only rendered
                ).sudo(),
                "hrp_to_rate": agreements.filtered(
                    lambda a: a.state == "rating" and a.can_rate
                    # sudo: found and filtered with the user's rights; only rendered
                ).sudo(),
                # sudo: the user's team agreements found above; only rendered
                "hrp_overdue_checkins": agreements.sudo().filtered(
                    lambda a: a._is_checkin_overdue(today)
                ),
                # sudo: found with the user's rights above; only rendered
                "hrp_team_agreements": team.sudo(),
            }
        )
        return values

    @http.route(["/my/team"], type="http", auth="user", website=True)
    def portal_my_team(self, **kw):
        values = self._prepare_hrp_team_values()
        return request.render("hr_performance.portal_my_team", values)

    @http.route(
        ["/my/team/goal-agreements/<int:agreement_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_team_goal_agreement(self, agreement_id, **kw):
        agreement_sudo = self._hrp_check_agreement(agreement_id)
        if agreement_sudo.employee_user_id == request.env.user:
            return request.redirect(f"/my/goal-agreements/{agreement_id}")
        return self._hrp_render_agreement(
            agreement_sudo,
            page_name="hrp_team_agreement",
            back_url="/my/team",
            success=kw.get("success"),
        )
