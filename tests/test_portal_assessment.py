import logging

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common_assessment import AssessmentCase
from .common_portal import PortalTestMixin

_logger = logging.getLogger(__name__)

SECRET = "PRIVATE-NOTE-7731"
PUBLIC = "Public comment on volume"


class PortalAssessmentCase(PortalTestMixin, AssessmentCase, HttpCase):
    """Assessments through the portal pages, as the users of each role."""

    # The assessment pages are checked after the redirect of an action.
    follow_redirects = True

    def get(self, url, **kw):
        return self.url_open(url, allow_redirects=kw.pop("allow_redirects", True))

    def rate_with_notes(self, assessment, user=None):
        """Rate every criterion 3, with a public and a private comment."""
        lines = self.rate(assessment, user or self.user_manager)
        volume = lines.filtered(lambda line: line.name == "Volume")
        volume.write({"comment": PUBLIC, "private_comment": SECRET})
        return lines


@tagged("post_install", "-at_install")
class TestPortalAssessment(PortalAssessmentCase):
    def setUp(self):
        super().setUp()
        self.schedule(self.employee_portal | self.employee, with_self_assessment=True)
        self.assessment = self.assessment_of(self.employee_portal)
        self.self_assessment = self.assessment_of(self.employee_portal, "self")
        self.url = f"/my/assessments/{self.assessment.id}"
        self.team_url = f"/my/team/assessments/{self.assessment.id}"

    def submit(self):
        self.rate_with_notes(self.assessment)
        self.assessment.with_user(self.user_manager).action_submit()
        self.env.flush_all()

    # ------------------------------------------------------------------
    # Employee pages
    # ------------------------------------------------------------------
    def test_public_visitor_is_sent_to_login(self):
        self.submit()
        for url in (
            "/my/assessments",
            self.url,
            "/my/team/assessments",
            self.team_url,
        ):
            response = self.get(url)
            self.assertIn("/web/login", response.url, url)
            self.assertNotIn(PUBLIC, response.text)

    def test_owner_sees_own_assessment_once_submitted(self):
        self.login(self.user_portal)
        response = self.get("/my/assessments")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(f'href="{self.url}"', response.text, "not yet submitted")
        self.assertIn(f"/my/assessments/{self.self_assessment.id}", response.text)
        self.assertEqual(self.get(self.url).status_code, 404)
        self.submit()
        response = self.get("/my/assessments")
        self.assertIn(f'href="{self.url}"', response.text)
        response = self.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("60.00 %", response.text)
        self.assertIn(PUBLIC, response.text)
        self.assertIn("Fully meets the requirements", response.text)
        self.assertIn("Quality of Work", response.text)
        self.assertNotIn(SECRET, response.text)
        self.assertIn("o_hrp_acknowledge", response.text)

    def test_other_users_get_no_data(self):
        self.submit()
        colleague = self.assessment_of(self.employee)
        self.rate(colleague, self.user_manager)
        colleague.with_user(self.user_manager).action_submit()
        self.env.flush_all()
        # Another employee, HR of another company, the supervisor's
        # supervisor (who may read it in the backend): no portal page.
        for user in (self.user_colleague, self.user_other_officer, self.user_head):
            self.login(user)
            response = self.get(self.url)
            self.assertEqual(response.status_code, 404, user.login)
            self.assertNotIn(PUBLIC, response.text)
            self.assertNotIn(f'href="{self.url}"', self.get("/my/assessments").text)
        # The portal employee typing the colleague's id.
        self.login(self.user_portal)
        response = self.get(f"/my/assessments/{colleague.id}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.get(f"/my/team/assessments/{colleague.id}").status_code, 404
        )
        # The assessor is sent to the assessor's page.
        self.login(self.user_manager)
        response = self.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(self.team_url))
        self.assertIn(SECRET, response.text, "the assessor sees their own note")

    def test_access_token_shows_only_that_document(self):
        self.submit()
        token = self.assessment.sudo()._portal_ensure_token()
        self.env.flush_all()
        response = self.get(f"{self.url}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(PUBLIC, response.text)
        self.assertNotIn(SECRET, response.text)
        self.assertNotIn("o_hrp_acknowledge", response.text, "no actions by token")
        response = self.get(f"{self.url}?access_token=wrong-token")
        self.assertEqual(response.status_code, 404)
        other = self.assessment_of(self.employee)
        response = self.get(f"/my/assessments/{other.id}?access_token={token}")
        self.assertEqual(response.status_code, 404)
        # The token does not open the actions.
        self.authenticate(None, None)
        response = self.post(f"{self.url}/acknowledge", {"access_token": token})
        self.assertIn("/web/login", response.url)
        self.assertEqual(self.assessment.state, "submitted")

    def test_acknowledge_needs_csrf_and_the_employee(self):
        self.submit()
        self.login(self.user_portal)
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.post(f"{self.url}/acknowledge", csrf=False)
        self.assertIn("No CSRF validation token", logs.output[0])
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.assessment.state, "submitted")
        self.login(self.user_colleague)
        response = self.post(f"{self.url}/acknowledge")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.assessment.state, "submitted")
        self.login(self.user_portal)
        response = self.post(f"{self.url}/acknowledge")
        self.assertEqual(response.status_code, 200)
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "acknowledged")
        self.assertEqual(self.assessment.acknowledged_by, self.user_portal)
        self.assertIn("You have acknowledged the assessment.", response.text)
        # A second time: the model's message, no error page.
        response = self.post(f"{self.url}/acknowledge")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)

    def test_objection_needs_a_reason(self):
        self.submit()
        self.login(self.user_portal)
        response = self.post(f"{self.url}/object", {"reason": "  "})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please give a reason for your objection", response.text)
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "submitted")
        response = self.post(f"{self.url}/object", {"reason": "My volume was higher."})
        self.assertEqual(response.status_code, 200)
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "objected")
        objection = self.assessment.objection_ids
        self.assertEqual(objection.reason, "My volume was higher.")
        self.assertEqual(objection.raised_by, self.user_portal)
        self.assertIn("My volume was higher.", response.text)
        self.assertNotIn("o_hrp_object_link", response.text)

    def test_self_assessment_is_filled_in_and_submitted(self):
        self.login(self.user_portal)
        url = f"/my/assessments/{self.self_assessment.id}"
        response = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_assessment_form", response.text)
        self.assertNotIn("private_comment_", response.text)
        lines = self.self_assessment.line_ids
        first, *others = lines
        data = {f"level_id_{first.id}": self.levels[4].id, f"comment_{first.id}": "ok"}
        response = self.post(f"{url}/save", dict(data, submit="1"))
        self.assertIn("has no score yet", response.text)
        self.self_assessment.invalidate_recordset()
        self.assertEqual(self.self_assessment.state, "in_progress")
        self.assertEqual(first.level_id, self.levels[4])
        # A private note cannot be entered on one's own self-assessment.
        response = self.post(
            f"{url}/save",
            {f"private_comment_{first.id}": "x", f"level_id_{first.id}": "x"},
        )
        self.assertNotIn("o_hrp_error", response.text)
        self.assertFalse(
            self.env["hr.assessment.note"].search([("line_id", "in", lines.ids)])
        )
        with self.assertRaises(UserError):
            self.self_assessment.with_user(self.user_portal)._save_scores(
                {first.id: {"private_comment": "x"}}
            )
        first.invalidate_recordset()
        self.assertFalse(first.level_id, "an unknown level clears the score")
        data.update({f"level_id_{line.id}": self.levels[2].id for line in others})
        response = self.post(f"{url}/save", dict(data, submit="1"))
        self.assertIn("The assessment has been submitted.", response.text)
        self.self_assessment.invalidate_recordset()
        self.assertEqual(self.self_assessment.state, "submitted")
        # The assessor sees the self-assessment next to the criteria.
        self.login(self.user_manager)
        response = self.get(self.team_url)
        self.assertIn("Self-assessment: 4 Points", response.text)

    def test_portal_rules_on_the_models(self):
        """What the pages rely on: the portal user's own rights."""
        self.submit()
        colleague = self.assessment_of(self.employee)
        portal = self.user_portal
        self.env.invalidate_all()
        self.assertEqual(
            self.assessment.with_user(portal).read(["state"])[0]["state"], "submitted"
        )
        with self.assertRaises(AccessError):
            colleague.with_user(portal).read(["state"])
        with self.assertRaises(AccessError):
            self.env["hr.assessment.note"].with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.assessment.line_ids[:1].with_user(portal).read(["private_comment"])
        with self.assertRaises(AccessError):
            self.assessment.line_ids[:1].with_user(portal).write(
                {"level_id": self.levels[5].id}
            )
        with self.assertRaises(AccessError):
            self.assessment.with_user(portal).write({"comment": "mine"})
        with self.assertRaises(AccessError):
            colleague.with_user(portal)._object_with_reason("not mine")
        # The employee may write in the thread of their own assessment.
        self.assessment.with_user(portal).message_post(body="Bitte um Rückruf")
        self.assertIn("Bitte um Rückruf", self.assessment.message_ids[:1].body)

    # ------------------------------------------------------------------
    # Assessor pages
    # ------------------------------------------------------------------
    def test_manager_fills_in_and_submits(self):
        self.login(self.user_manager)
        response = self.get("/my/team")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'href="{self.team_url}"', response.text)
        self.assertIn("o_hrp_team_assessment", response.text)
        response = self.get("/my/team/assessments")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.team_url, response.text)
        self.assertIn("Portal Employee", response.text)
        response = self.get(self.team_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_assessment_form", response.text)
        lines = self.assessment.line_ids
        volume = lines.filtered(lambda line: line.name == "Volume")
        data = {f"level_id_{line.id}": self.levels[3].id for line in lines}
        data[f"private_comment_{volume.id}"] = SECRET
        data[f"comment_{volume.id}"] = PUBLIC
        data["overall_comment"] = "Solide Leistung im ganzen Jahr"
        response = self.post(f"{self.team_url}/save", data)
        self.assertIn("Your entries have been saved.", response.text)
        self.assertIn(SECRET, response.text)
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "in_progress")
        note = self.env["hr.assessment.note"].search([("line_id", "=", volume.id)])
        self.assertEqual(note.note, SECRET)
        self.assertIn("Solide Leistung im ganzen Jahr", self.assessment.comment)
        response = self.post(f"{self.team_url}/save", {"submit": "1"})
        self.assertIn("The assessment has been submitted.", response.text)
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "submitted")
        self.assertAlmostEqual(self.assessment.result_percent, 60.0)
        self.assertNotIn("o_hrp_assessment_form", response.text)
        # Submitted: the scores are locked, also through the page.
        response = self.post(
            f"{self.team_url}/save", {f"level_id_{volume.id}": self.levels[5].id}
        )
        self.assertIn("can no longer be changed", response.text)
        volume.invalidate_recordset()
        self.assertEqual(volume.level_id, self.levels[3])

    def test_only_the_assessor_opens_the_form(self):
        volume = self.assessment.line_ids[-1]
        for user in (
            self.user_portal,
            self.user_colleague,
            self.user_head,
            self.user_other_officer,
        ):
            self.login(user)
            self.assertEqual(self.get(self.team_url).status_code, 404, user.login)
            self.assertNotIn(self.team_url, self.get("/my/team/assessments").text)
            response = self.post(
                f"{self.team_url}/save", {f"level_id_{volume.id}": self.levels[1].id}
            )
            self.assertEqual(response.status_code, 404)
        self.login(self.user_manager)
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.post(
                f"{self.team_url}/save",
                {f"level_id_{volume.id}": self.levels[1].id},
                csrf=False,
            )
        self.assertIn("No CSRF validation token", logs.output[0])
        self.assertEqual(response.status_code, 400)
        volume.invalidate_recordset()
        self.assertFalse(volume.level_id)

    def test_home_tiles_count_only_what_exists(self):
        self.login(self.user_portal)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["hrp_assessment_count", "hrp_team_assessment_count"]},
        )
        self.assertEqual(counters["hrp_assessment_count"], 1, "the self-assessment")
        self.assertEqual(counters["hrp_team_assessment_count"], 0)
        self.submit()
        self.assertEqual(
            self.make_jsonrpc_request(
                "/my/counters", {"counters": ["hrp_assessment_count"]}
            )["hrp_assessment_count"],
            2,
        )
        self.login(self.user_manager)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["hrp_assessment_count", "hrp_team_assessment_count"]},
        )
        self.assertEqual(counters["hrp_assessment_count"], 0)
        self.assertEqual(counters["hrp_team_assessment_count"], 1)
        self.assertIn(
            'data-placeholder_count="hrp_team_assessment_count"', self.get("/my").text
        )


@tagged("post_install", "-at_install")
class TestPortalAssessmentQueries(PortalAssessmentCase):
    """The pages cost the same number of queries for 5 and 50 criteria or
    team members."""

    def form_with(self, count):
        return self.create_form(
            name=f"Form {count}",
            group_ids=[
                Command.create(
                    {
                        "sequence": index,
                        "name": f"Group {index}",
                        "weight": 100 / 5,
                        "criterion_ids": [
                            Command.create(
                                {
                                    "sequence": n,
                                    "name": f"C{index}-{n}",
                                    "weight": 100 / (count // 5),
                                }
                            )
                            for n in range(count // 5)
                        ],
                    }
                )
                for index in range(5)
            ],
        )

    def test_queries_do_not_grow_with_criteria(self):
        counts = {}
        employee = self.employee_portal
        for size in (5, 50):
            form = self.form_with(size)
            self.schedule(employee, form_id=form.id)
            assessment = self.assessment_of(employee).filtered(
                lambda a, f=form: a.form_id == f
            )
            self.assertEqual(len(assessment.line_ids), size)
            self.rate_with_notes(assessment)
            self.login(self.user_manager)
            counts[size, "team"] = self.count_queries(
                f"/my/team/assessments/{assessment.id}"
            )
            assessment.with_user(self.user_manager).action_submit()
            self.login(self.user_portal)
            counts[size, "own"] = self.count_queries(f"/my/assessments/{assessment.id}")
        _logger.info("Portal assessment page queries (criteria): %s", counts)
        self.assertEqual(counts[5, "team"], counts[50, "team"], counts)
        self.assertEqual(counts[5, "own"], counts[50, "own"], counts)

    def test_queries_do_not_grow_with_team_members(self):
        Employee = self.env["hr.employee"]
        counts = {}
        for size in (5, 50):
            team = Employee.create(
                [
                    {
                        "name": f"Team {size}-{index}",
                        "parent_id": self.employee_manager.id,
                    }
                    for index in range(size)
                ]
            )
            self.schedule(team)
            self.login(self.user_manager)
            counts[size, "list"] = self.count_queries(
                "/my/team/assessments?filterby=all"
            )
            counts[size, "team"] = self.count_queries("/my/team")
        _logger.info("Portal team assessment list queries (members): %s", counts)
        self.assertEqual(counts[5, "list"], counts[50, "list"], counts)
        self.assertEqual(counts[5, "team"], counts[50, "team"], counts)


@tagged("post_install", "-at_install")
class TestPortalAssessmentTours(PortalAssessmentCase):
    """Browser journeys (headless Chromium)."""

    def setUp(self):
        super().setUp()
        self.schedule(self.employee_portal)
        self.assessment = self.assessment_of(self.employee_portal)

    def test_tour_manager_fills_in_and_submits(self):
        self.start_tour(
            "/my", "hrp_portal_assessment_submit", login=self.user_manager.login
        )
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "submitted")
        self.assertEqual(self.assessment.submitted_by, self.user_manager)
        self.assertAlmostEqual(self.assessment.result_percent, 64.0)
        volume = self.assessment.line_ids.filtered(lambda line: line.name == "Volume")
        self.assertEqual(volume.comment, "Mehr Vorgänge als im Vorjahr")

    def test_tour_employee_objects(self):
        self.rate(self.assessment, self.user_manager)
        self.assessment.with_user(self.user_manager).action_submit()
        self.start_tour(
            "/my", "hrp_portal_assessment_object", login=self.user_portal.login
        )
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.state, "objected")
        objection = self.assessment.objection_ids
        self.assertEqual(objection.raised_by, self.user_portal)
        self.assertEqual(objection.reason, "Die Arbeitsmenge war höher als bewertet.")
