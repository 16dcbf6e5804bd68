"""Portal pages of assessments.

/my/assessments: the employee's own assessments once submitted and their
self-assessments (filled in here); acknowledge or object with a reason.
/my/team/assessments: the assessments the user fills in as the assessor.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import html2plaintext

from .portal_team import HrpTeamPortal

ASSESSMENT_MODEL = "hr.assessment"
ASSESSMENT_HISTORY = "my_assessments_history"


class HrpAssessmentPortal(HrpTeamPortal):
    """Assessments of the employee and of the assessor."""

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
        return values

    def _hrp_team_assessment_count(self):
        """Open assessments the user still has to fill in as the assessor."""
        Assessment = request.env[ASSESSMENT_MODEL]
        if not Assessment.has_access("read"):
            return 0
        return Assessment.search_count(
            [*Assessment._get_portal_team_domain(), *Assessment._portal_open_domain()]
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
                    *Assessment._portal_open_domain(),
                ]
            )
        # sudo: found with the user's rights above; the page only renders them
        values["hrp_team_assessments"] = todo.sudo()
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
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
        return self._hrp_document(
            ASSESSMENT_MODEL,
            assessment_id,
            access_token,
            domain=request.env[ASSESSMENT_MODEL]._get_portal_domain(),
        )

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
        return request.env[ASSESSMENT_MODEL]._portal_filters()

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
                # sudo: found with the user's rights above; the page only renders them
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
            and assessment_sudo._portal_is_open()
            and assessment.can_submit
        )
        show_scores = (
            assessment_sudo.assessment_type == "self"
            or assessment_sudo._portal_is_done()
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

            def render_error(message):
                return self._hrp_render_team_assessment(assessment, hrp_error=message)

        else:
            assessment_sudo = self._hrp_check_assessment(assessment_id)
            assessment = request.env[ASSESSMENT_MODEL].browse(assessment_id)
            back_url = f"/my/assessments/{assessment_id}"

            def render_error(message):
                return self._hrp_render_assessment(
                    assessment_sudo, hrp_error=message, **kw
                )

        return self._hrp_run(
            assessment, actions, f"{back_url}?success={success}", render_error
        )

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
        filters = Assessment._portal_team_filters()
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
                # sudo: found with the user's rights above; the page only renders them
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
        # sudo: checked as the assessor's above; lines are read with his rights
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
                "hrp_editable": assessment._portal_is_open() and assessment.can_submit,
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
