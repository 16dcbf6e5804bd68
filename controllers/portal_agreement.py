"""Portal pages of goal agreements: /my/goal-agreements (the employee's,
and by access token) and their actions."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .portal_base import HrpPortalBase

AGREEMENT_MODEL = "hr.goal.agreement"
AGREEMENT_REPORTS = {
    "agreement": "hr_performance.hr_goal_agreement_report_agreement",
    "result": "hr_performance.hr_goal_agreement_report_result",
}
HISTORY = "my_goal_agreements_history"


class HrpAgreementPortal(HrpPortalBase):
    """Goal agreements of the employee (and by access token)."""

    # ------------------------------------------------------------------
    # Home tiles
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Agreement = request.env[AGREEMENT_MODEL]
        if "goal_agreement_count" in counters:
            values["goal_agreement_count"] = (
                Agreement.search_count(Agreement._get_portal_domain())
                if Agreement.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Employee: list
    # ------------------------------------------------------------------
    def _hrp_agreement_filters(self):
        return request.env[AGREEMENT_MODEL]._portal_filters()

    @http.route(
        ["/my/goal-agreements", "/my/goal-agreements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_goal_agreements(self, page=1, filterby=None, period=None, **kw):
        values = self._prepare_portal_layout_values()
        Agreement = request.env[AGREEMENT_MODEL]
        base_domain = (
            Agreement._get_portal_domain()
            if Agreement.has_access("read")
            else [("id", "=", False)]
        )
        filters = self._hrp_agreement_filters()
        filterby = filterby if filterby in filters else "all"
        domain = [*base_domain, *filters[filterby]["domain"]]
        periods = request.env["hr.performance.period"]
        if Agreement.has_access("read"):
            periods = request.env["hr.performance.period"].union(
                *(
                    group[0]
                    for group in Agreement._read_group(base_domain, ["period_id"])
                )
            )
        period_id = int(period) if period and str(period).isdigit() else None
        if period_id:
            domain += [("period_id", "=", period_id)]
        agreements, pager = self._hrp_page(
            Agreement,
            domain,
            "/my/goal-agreements",
            page,
            HISTORY,
            url_args={"filterby": filterby, "period": period_id or ""},
        )
        values.update(
            {
                # sudo: found with the user's rights above; the page only renders them
                "agreements": agreements.sudo(),
                "page_name": "goal_agreement",
                "pager": pager,
                "default_url": "/my/goal-agreements",
                "searchbar_filters": filters,
                "filterby": filterby,
                # sudo: the periods of the user's own agreements; names and dates only
                "hrp_periods": periods.sudo().sorted("date_from", reverse=True),
                "hrp_period_id": period_id,
            }
        )
        return request.render("hr_performance.portal_my_goal_agreements", values)

    # ------------------------------------------------------------------
    # Detail (employee, supervisor, access token)
    # ------------------------------------------------------------------
    def _hrp_check_agreement(self, agreement_id, access_token=None):
        """The agreement as sudo record after the user's (or the token's)
        access was checked; a 404 for anyone else."""
        return self._hrp_document(AGREEMENT_MODEL, agreement_id, access_token)

    def _hrp_agreement_actions(self, agreement_sudo):
        """What the current user may do here (the model's flags, computed
        with the user's rights; nothing for token-only visitors)."""
        agreement = request.env[AGREEMENT_MODEL].browse(agreement_sudo.id)
        if request.env.user._is_public() or not agreement.has_access("read"):
            return dict.fromkeys(
                ("agree", "checkin", "rate", "finish_rating", "propose"), False
            )
        return {
            "agree": agreement.can_agree,
            "checkin": agreement.can_checkin,
            "rate": agreement.can_rate,
            "finish_rating": agreement.can_finish_rating,
            "propose": agreement._can_propose_goals(),
        }

    def _hrp_success_messages(self):
        env = request.env
        return {
            "agreed": env._("You have agreed to the goals."),
            "checkin": env._("Your check-in has been saved."),
            "proposed": env._("Your goal proposal has been added."),
            "rated": env._("The achievements have been saved."),
            "finished": env._("The rating is finished and the goal result computed."),
        }

    def _hrp_agreement_values(
        self,
        agreement_sudo,
        access_token=None,
        page_name="goal_agreement_detail",
        back_url=None,
        error=None,
        **kw,
    ):
        """Values of the detail page (shared by the employee and team routes)."""
        env = request.env
        goals = agreement_sudo.goal_ids
        level_labels = agreement_sudo._level_labels()
        period = agreement_sudo.period_id
        levels = [
            {
                "key": level,
                "label": level_labels[level],
                "weight": period[f"weight_{level}"],
                "goals": goals.filtered(lambda g, lv=level: g.level == lv),
            }
            for level in ("company", "department", "personal")
        ]
        success = kw.pop("success", None)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "agreement": agreement_sudo,
                "page_name": page_name,
                "hrp_levels": [level for level in levels if level["goals"]],
                "hrp_checkins": agreement_sudo.checkin_ids[:10],
                "hrp_actions": self._hrp_agreement_actions(agreement_sudo),
                "hrp_rated": agreement_sudo._portal_is_rated(),
                "hrp_status_options": env["hr.goal.checkin"]
                ._fields["status"]
                ._description_selection(env),
                "hrp_success": self._hrp_success_messages().get(success),
                "hrp_error": error,
                "hrp_back_url": back_url or "/my/goal-agreements",
                "hrp_team_page": page_name == "hrp_team_agreement",
            }
        )
        return self._get_page_view_values(
            agreement_sudo, access_token, values, HISTORY, False, **kw
        )

    def _hrp_render_agreement(self, agreement_sudo, access_token=None, **kw):
        values = self._hrp_agreement_values(agreement_sudo, access_token, **kw)
        return request.render("hr_performance.portal_my_goal_agreement", values)

    def _hrp_show_report(self, agreement_sudo, report, download):
        if report == "result" and not agreement_sudo._portal_is_rated():
            raise NotFound()
        # Same content as the archived copy: no personnel number.
        request.update_context(hr_performance_archive_copy=True)
        return self._show_report(
            model=agreement_sudo.with_context(hr_performance_report=report),
            report_type="pdf",
            report_ref=AGREEMENT_REPORTS[report],
            download=download,
        )

    @http.route(
        ["/my/goal-agreements/<int:agreement_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_goal_agreement(
        self, agreement_id, access_token=None, report=None, download=False, **kw
    ):
        login = self._hrp_login_first(
            f"/my/goal-agreements/{agreement_id}", access_token
        )
        if login:
            return login
        agreement_sudo = self._hrp_check_agreement(agreement_id, access_token)
        if report in AGREEMENT_REPORTS:
            return self._hrp_show_report(agreement_sudo, report, download)
        return self._hrp_render_agreement(
            agreement_sudo, access_token, success=kw.get("success")
        )

    # ------------------------------------------------------------------
    # Actions (POST, CSRF token required, as the real user)
    # ------------------------------------------------------------------
    def _hrp_run_agreement(self, agreement_id, success, action, back_url=None):
        """Run ``action`` (a callable taking the user's agreement); redirect
        on success, else show the page again with the message."""
        agreement_sudo = self._hrp_check_agreement(agreement_id)
        agreement = request.env[AGREEMENT_MODEL].browse(agreement_id)
        back_url = back_url or f"/my/goal-agreements/{agreement_id}"
        team = back_url.startswith("/my/team")

        def render_error(message):
            return self._hrp_render_agreement(
                agreement_sudo,
                error=message,
                page_name="hrp_team_agreement" if team else "goal_agreement_detail",
                back_url="/my/team" if team else None,
            )

        return self._hrp_run(
            agreement, [action], f"{back_url}?success={success}", render_error
        )

    @http.route(
        ["/my/goal-agreements/<int:agreement_id>/agree"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_goal_agreement_agree(self, agreement_id, back=None, **post):
        return self._hrp_run_agreement(
            agreement_id,
            "agreed",
            lambda agreement: agreement.action_agree(),
            back_url=self._hrp_back(agreement_id, back),
        )

    @http.route(
        ["/my/goal-agreements/<int:agreement_id>/checkin"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_goal_agreement_checkin(self, agreement_id, back=None, **post):
        def add_checkin(agreement):
            status = post.get("status") or "on_track"
            Checkin = request.env["hr.goal.checkin"]
            if status not in dict(
                Checkin._fields["status"]._description_selection(request.env)
            ):
                raise UserError(request.env._("Please choose a status from the list."))
            goal_id = self._hrp_int(post.get("goal_id"))
            if post.get("goal_id") and goal_id not in agreement.goal_ids.ids:
                raise UserError(
                    request.env._("Please choose a goal of this goal agreement.")
                )
            Checkin.create(
                {
                    "agreement_id": agreement.id,
                    "goal_id": goal_id or False,
                    "progress": self._hrp_float(
                        post.get("progress"), request.env._("Progress")
                    ),
                    "status": status,
                    "comment": (post.get("comment") or "").strip() or False,
                }
            )

        return self._hrp_run_agreement(
            agreement_id,
            "checkin",
            add_checkin,
            back_url=self._hrp_back(agreement_id, back),
        )

    @http.route(
        ["/my/goal-agreements/<int:agreement_id>/propose"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_goal_agreement_propose(self, agreement_id, **post):
        def propose(agreement):
            name = (post.get("name") or "").strip()
            if not name:
                raise UserError(request.env._("Please give your goal a title."))
            if not agreement._can_propose_goals():
                raise UserError(
                    request.env._(
                        "Goals can be proposed for the goal agreement %(name)s "
                        "only by the employee while it is a draft and the "
                        "period allows proposals.",
                        name=agreement.display_name,
                    )
                )
            request.env["hr.goal"].create(
                {
                    "agreement_id": agreement.id,
                    "level": "personal",
                    "name": name,
                    "weight": self._hrp_float(
                        post.get("weight"), request.env._("Weight")
                    ),
                    "success_criteria": (post.get("success_criteria") or "").strip()
                    or False,
                    "actions": (post.get("actions") or "").strip() or False,
                }
            )

        return self._hrp_run_agreement(agreement_id, "proposed", propose)

    @http.route(
        ["/my/goal-agreements/<int:agreement_id>/rate"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_goal_agreement_rate(self, agreement_id, finish=None, **post):
        def rate(agreement):
            for goal in agreement.goal_ids:
                key = f"achievement_{goal.id}"
                if key not in post or post[key] in ("", None):
                    continue
                goal.write(
                    {"achievement": self._hrp_float(post[key], goal.name, goal=True)}
                )
            if finish:
                agreement.action_finish_rating()

        return self._hrp_run_agreement(
            agreement_id,
            "finished" if finish else "rated",
            rate,
            back_url=f"/my/team/goal-agreements/{agreement_id}",
        )

    def _hrp_back(self, agreement_id, back):
        if back == "team":
            return f"/my/team/goal-agreements/{agreement_id}"
        return None
