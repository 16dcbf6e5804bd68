"""Portal pages of assessments and performance pay statements.

/my/assessments: the employee's own assessments once submitted and their
self-assessments (filled in here); acknowledge or object with a reason.
/my/team/assessments: the assessments the user fills in as the assessor.
/my/performance-pay: the employee's own pay statements after approval.

Access is checked with the user's rights (``_document_check_access`` or a
search with the models' portal domains); the sudo records only render.
Every POST runs the models' own methods as the real user.
"""

from collections import OrderedDict

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq, html2plaintext

from ..models.assessment.hr_assessment import DONE_STATES, OPEN_STATES
from ..models.portal.hr_performance_pay_line import VISIBLE_RUN_STATES
from .portal import ACTION_ERRORS, HrPerformancePortal

ASSESSMENT_MODEL = "hr.assessment"
PAY_LINE_MODEL = "hr.performance.pay.line"
PAY_REPORT = "hr_performance.hr_performance_pay_line_report_statement"
ASSESSMENT_HISTORY = "my_assessments_history"
PAY_HISTORY = "my_performance_pay_history"


class HrPerformanceAssessmentPortal(HrPerformancePortal):
    """Assessments (employee and assessor) and performance pay statements."""

    # ------------------------------------------------------------------
    # Home tiles and "My team"
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        if "hrp_assessment_count" in counters:
            Assessment = env[ASSESSMENT_MODEL]
            values["hrp_assessment_count"] = (
                Assessment.search_count(Assessment._get_portal_domain())
                if Assessment.has_access("read")
                else 0
            )
        if "hrp_team_assessment_count" in counters:
            values["hrp_team_assessment_count"] = self._hrp_team_assessment_count()
        if "hrp_pay_count" in counters:
            PayLine = env[PAY_LINE_MODEL]
            values["hrp_pay_count"] = (
                PayLine.sudo().search_count(PayLine._get_portal_domain())
                if PayLine.has_access("read")
                else 0
            )
        return values

    def _hrp_team_assessment_count(self):
        """Open assessments the user still has to fill in as the assessor."""
        Assessment = request.env[ASSESSMENT_MODEL]
        if not Assessment.has_access("read"):
            return 0
        return Assessment.search_count(
            [*Assessment._get_portal_team_domain(), ("state", "in", list(OPEN_STATES))]
        )

    def _hrp_team_count(self):
        return super()._hrp_team_count() + self._hrp_team_assessment_count()

    def _prepare_hrp_team_values(self):
        values = super()._prepare_hrp_team_values()
        Assessment = request.env[ASSESSMENT_MODEL]
        todo = Assessment.browse()
        if Assessment.has_access("read"):
            todo = Assessment.search(
                [
                    *Assessment._get_portal_team_domain(),
                    ("state", "in", list(OPEN_STATES)),
                ]
            )
        values["hrp_team_assessments"] = todo.sudo()
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _hrp_state_labels(self, model):
        env = request.env
        return dict(env[model]._fields["state"]._description_selection(env))

    def _hrp_assessment_groups(self, assessment_sudo, lines):
        """Lines grouped by criterion group, in the order of the form."""
        groups = []
        for line in lines.sorted(lambda ln: (ln.group_sequence, ln.sequence, ln.id)):
            if not groups or groups[-1]["group"] != line.group_id:
                groups.append(
                    {
                        "group": line.group_id,
                        "weight": line.group_weight,
                        "lines": [],
                    }
                )
            groups[-1]["lines"].append(line)
        return groups

    def _hrp_assessment_messages(self):
        env = request.env
        return {
            "saved": env._("Your entries have been saved."),
            "submitted": env._("The assessment has been submitted."),
            "acknowledged": env._("You have acknowledged the assessment."),
            "objected": env._("Your objection has been recorded; HR will review it."),
        }

    def _hrp_check_assessment(self, assessment_id, access_token=None):
        """The assessment as sudo record if the user sees it as the assessed
        employee (or holds its access token); a 404 for anyone else."""
        try:
            assessment_sudo = self._document_check_access(
                ASSESSMENT_MODEL, assessment_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        by_token = bool(
            access_token
            and assessment_sudo.access_token
            and consteq(assessment_sudo.access_token, access_token)
        )
        if not by_token:
            domain = request.env[ASSESSMENT_MODEL]._get_portal_domain()
            if not assessment_sudo.filtered_domain(domain):
                raise NotFound()
        return assessment_sudo

    def _hrp_check_team_assessment(self, assessment_id):
        """The assessment (with the user's rights) if the user is its assessor."""
        Assessment = request.env[ASSESSMENT_MODEL]
        if not Assessment.has_access("read"):
            raise NotFound()
        assessment = Assessment.search(
            [*Assessment._get_portal_team_domain(), ("id", "=", assessment_id)]
        )
        if not assessment:
            raise NotFound()
        return assessment

    def _hrp_scores_from_post(self, assessment, post):
        """{line id: {field: value}} from the form fields ``<field>_<line id>``."""
        fnames = assessment._score_fields()
        scores = {}
        for line in assessment.line_ids:
            vals = {}
            for fname in fnames:
                key = f"{fname}_{line.id}"
                if key not in post:
                    continue
                value = post[key]
                if fname in ("comment", "private_comment"):
                    vals[fname] = value
                else:
                    vals[fname] = int(value) if str(value).isdigit() else False
            if vals:
                scores[line.id] = vals
        return scores

    # ------------------------------------------------------------------
    # Employee: list and detail
    # ------------------------------------------------------------------
    def _hrp_assessment_filters(self):
        env = request.env
        return OrderedDict(
            [
                ("all", {"label": env._("All"), "domain": []}),
                (
                    "todo",
                    {
                        "label": env._("To do"),
                        "domain": [
                            "|",
                            "&",
                            ("assessment_type", "=", "self"),
                            ("state", "in", list(OPEN_STATES)),
                            ("state", "=", "submitted"),
                        ],
                    },
                ),
                (
                    "done",
                    {
                        "label": env._("Completed"),
                        "domain": [
                            ("state", "in", ["acknowledged", "objected", "final"])
                        ],
                    },
                ),
            ]
        )

    @http.route(
        ["/my/assessments", "/my/assessments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_assessments(self, page=1, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Assessment = request.env[ASSESSMENT_MODEL]
        filters = self._hrp_assessment_filters()
        filterby = filterby if filterby in filters else "all"
        if Assessment.has_access("read"):
            domain = Assessment._get_portal_domain() + filters[filterby]["domain"]
        else:
            domain = [("id", "=", False)]
        assessments, pager = self._hrp_page(
            Assessment,
            domain,
            "/my/assessments",
            page,
            ASSESSMENT_HISTORY,
            url_args={"filterby": filterby},
        )
        values.update(
            {
                "assessments": assessments.sudo(),
                "page_name": "hrp_assessment",
                "pager": pager,
                "default_url": "/my/assessments",
                "searchbar_filters": filters,
                "filterby": filterby,
                "hrp_state_labels": self._hrp_state_labels(ASSESSMENT_MODEL),
            }
        )
        return request.render("hr_performance.portal_my_assessments", values)

    def _hrp_render_assessment(self, assessment_sudo, access_token=None, **kw):
        env = request.env
        user = env.user
        own_user = not user._is_public() and assessment_sudo.employee_user_id == user
        assessment = env[ASSESSMENT_MODEL].browse(assessment_sudo.id)
        editable = (
            own_user
            and assessment_sudo.assessment_type == "self"
            and assessment_sudo.state in OPEN_STATES
            and assessment.can_submit
        )
        show_scores = (
            assessment_sudo.assessment_type == "self"
            or assessment_sudo.state in DONE_STATES
        )
        values = {
            "assessment": assessment_sudo,
            "page_name": "hrp_assessment_detail",
            "hrp_groups": self._hrp_assessment_groups(
                assessment_sudo, assessment_sudo.line_ids
            ),
            "hrp_levels": assessment_sudo.form_id.scale_id.level_ids,
            "hrp_tasks": self._hrp_tasks(assessment_sudo),
            "hrp_editable": editable,
            "hrp_show_scores": show_scores,
            "hrp_can_acknowledge": own_user and assessment.can_acknowledge,
            "hrp_can_object": own_user and assessment.can_object,
            "hrp_objections": assessment_sudo.objection_ids if own_user else [],
            "hrp_state_labels": self._hrp_state_labels(ASSESSMENT_MODEL),
            "hrp_success": self._hrp_assessment_messages().get(kw.pop("success", None)),
            "hrp_error": kw.pop("hrp_error", None),
            "hrp_reason": kw.pop("hrp_reason", ""),
        }
        values.update(self._prepare_portal_layout_values())
        values["page_name"] = "hrp_assessment_detail"
        values = self._get_page_view_values(
            assessment_sudo, access_token, values, ASSESSMENT_HISTORY, False, **kw
        )
        return request.render("hr_performance.portal_my_assessment", values)

    def _hrp_tasks(self, assessment_sudo):
        """(number, name) of the tasks of a form assessed per task."""
        if not assessment_sudo.per_task:
            return []
        return [
            (
                index,
                assessment_sudo[f"task_name_{index}"]
                or request.env._("Task %(n)s", n=index),
            )
            for index in range(1, assessment_sudo.task_count + 1)
        ]

    @http.route(
        ["/my/assessments/<int:assessment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_assessment(self, assessment_id, access_token=None, **kw):
        login = self._hrp_login_first(f"/my/assessments/{assessment_id}", access_token)
        if login:
            return login
        try:
            assessment_sudo = self._hrp_check_assessment(assessment_id, access_token)
        except NotFound:
            # The assessor's page, for an assessment they fill in.
            if not request.env.user._is_public():
                Assessment = request.env[ASSESSMENT_MODEL]
                if Assessment.has_access("read") and Assessment.search_count(
                    [*Assessment._get_portal_team_domain(), ("id", "=", assessment_id)]
                ):
                    return request.redirect(f"/my/team/assessments/{assessment_id}")
            raise
        return self._hrp_render_assessment(assessment_sudo, access_token, **kw)

    def _hrp_run_assessment(self, assessment_id, success, actions, team=False, **kw):
        """Run ``actions`` (callables taking the user's assessment), each in
        its own savepoint (entries saved before a failed submission stay);
        redirect on success, else show the page with the error."""
        if team:
            assessment = self._hrp_check_team_assessment(assessment_id)
            back_url = f"/my/team/assessments/{assessment_id}"
        else:
            self._hrp_check_assessment(assessment_id)
            assessment = request.env[ASSESSMENT_MODEL].browse(assessment_id)
            back_url = f"/my/assessments/{assessment_id}"
        try:
            for action in actions:
                with request.env.cr.savepoint():
                    action(assessment)
        except ACTION_ERRORS as error:
            request.env.invalidate_all()
            message = error.args[0] if error.args else str(error)
            if team:
                return self._hrp_render_team_assessment(assessment, hrp_error=message)
            return self._hrp_render_assessment(
                request.env[ASSESSMENT_MODEL].sudo().browse(assessment_id),
                hrp_error=message,
                **kw,
            )
        return request.redirect(f"{back_url}?success={success}")

    @http.route(
        ["/my/assessments/<int:assessment_id>/acknowledge"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assessment_acknowledge(self, assessment_id, **post):
        return self._hrp_run_assessment(
            assessment_id, "acknowledged", [lambda a: a.action_acknowledge()]
        )

    @http.route(
        ["/my/assessments/<int:assessment_id>/object"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assessment_object(self, assessment_id, reason=None, **post):
        return self._hrp_run_assessment(
            assessment_id,
            "objected",
            [lambda a: a._object_with_reason(reason)],
            hrp_reason=reason or "",
        )

    @http.route(
        ["/my/assessments/<int:assessment_id>/save"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assessment_save(self, assessment_id, submit=None, **post):
        """The employee's self-assessment: save the scores, submit if asked."""

        def save(assessment):
            if assessment.assessment_type != "self":
                raise UserError(
                    request.env._("Only a self-assessment is filled in on this page.")
                )
            assessment._save_scores(self._hrp_scores_from_post(assessment, post))

        return self._hrp_run_assessment(
            assessment_id,
            "submitted" if submit else "saved",
            [save, lambda a: a.action_submit()] if submit else [save],
        )

    # ------------------------------------------------------------------
    # Assessor (manager): list and form
    # ------------------------------------------------------------------
    @http.route(
        ["/my/team/assessments", "/my/team/assessments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_team_assessments(self, page=1, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        env = request.env
        Assessment = env[ASSESSMENT_MODEL]
        filters = OrderedDict(
            [
                (
                    "open",
                    {
                        "label": env._("To fill in"),
                        "domain": [("state", "in", list(OPEN_STATES))],
                    },
                ),
                (
                    "done",
                    {
                        "label": env._("Submitted"),
                        "domain": [("state", "in", list(DONE_STATES))],
                    },
                ),
                ("all", {"label": env._("All"), "domain": []}),
            ]
        )
        filterby = filterby if filterby in filters else "open"
        if Assessment.has_access("read"):
            domain = Assessment._get_portal_team_domain() + filters[filterby]["domain"]
        else:
            domain = [("id", "=", False)]
        assessments, pager = self._hrp_page(
            Assessment,
            domain,
            "/my/team/assessments",
            page,
            None,
            url_args={"filterby": filterby},
        )
        values.update(
            {
                "assessments": assessments.sudo(),
                "page_name": "hrp_team_assessment",
                "pager": pager,
                "default_url": "/my/team/assessments",
                "searchbar_filters": filters,
                "filterby": filterby,
                "hrp_state_labels": self._hrp_state_labels(ASSESSMENT_MODEL),
            }
        )
        return request.render("hr_performance.portal_my_team_assessments", values)

    def _hrp_render_team_assessment(self, assessment, **kw):
        """The assessor's form; lines read with the user's rights (the
        private comments are the assessor's own)."""
        assessment_sudo = assessment.sudo()
        fnames = assessment._score_fields()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "assessment": assessment_sudo,
                "page_name": "hrp_team_assessment_detail",
                "hrp_groups": self._hrp_assessment_groups(
                    assessment_sudo, assessment.line_ids
                ),
                "hrp_levels": assessment_sudo.form_id.scale_id.level_ids,
                "hrp_tasks": self._hrp_tasks(assessment_sudo),
                "hrp_editable": assessment.state in OPEN_STATES
                and assessment.can_submit,
                "hrp_private": "private_comment" in fnames,
                "hrp_overall_comment": html2plaintext(assessment_sudo.comment or ""),
                "hrp_self_scores": bool(
                    assessment_sudo.self_assessment_id._as_own_self_assessment(
                        assessment_sudo.employee_id
                    )
                ),
                "hrp_state_labels": self._hrp_state_labels(ASSESSMENT_MODEL),
                "hrp_success": self._hrp_assessment_messages().get(
                    kw.pop("success", None)
                ),
                "hrp_error": kw.pop("hrp_error", None),
            }
        )
        return request.render("hr_performance.portal_my_team_assessment", values)

    @http.route(
        ["/my/team/assessments/<int:assessment_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_team_assessment(self, assessment_id, **kw):
        assessment = self._hrp_check_team_assessment(assessment_id)
        return self._hrp_render_team_assessment(assessment, **kw)

    @http.route(
        ["/my/team/assessments/<int:assessment_id>/save"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_team_assessment_save(self, assessment_id, submit=None, **post):
        def save(assessment):
            assessment._save_scores(
                self._hrp_scores_from_post(assessment, post),
                comment=post.get("overall_comment"),
            )

        return self._hrp_run_assessment(
            assessment_id,
            "submitted" if submit else "saved",
            [save, lambda a: a.action_submit()] if submit else [save],
            team=True,
        )

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
            PayLine.sudo(), domain, "/my/performance-pay", page, PAY_HISTORY
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
        try:
            line_sudo = self._document_check_access(
                PAY_LINE_MODEL, line_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        by_token = bool(
            access_token
            and line_sudo.access_token
            and consteq(line_sudo.access_token, access_token)
        )
        if by_token:
            # A shared statement is shown only once the run is approved.
            domain = [("run_id.state", "in", VISIBLE_RUN_STATES)]
        else:
            domain = request.env[PAY_LINE_MODEL]._get_portal_domain()
        if not line_sudo.filtered_domain(domain):
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
