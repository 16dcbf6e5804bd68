"""Portal pages of goal agreements (/my/goal-agreements, /my/team) per role."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase
from .common_portal import PortalTestMixin


class PortalAgreementCase(PortalTestMixin, HrPerformanceCase, HttpCase):
    """A period with agreements of the portal employee, the internal
    employee and the colleague, all signed by the manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period(
            name="2035", date_from="2035-01-01", date_to="2035-12-31"
        )
        cls.agreement = cls.create_agreement(cls.employee_portal, cls.period)
        cls.agreement_employee = cls.create_agreement(cls.employee, cls.period)
        cls.agreement_colleague = cls.create_agreement(
            cls.employee_colleague,
            cls.period,
            goals=[
                ("company", "Haushalt einhalten", 100),
                ("department", "Wartezeiten senken", 100),
                ("personal", "Geheimes Kollegenziel", 100),
            ],
        )

    def detail_url(self, agreement, suffix=""):
        return f"/my/goal-agreements/{agreement.id}{suffix}"


@tagged("post_install", "-at_install")
class TestPortalAgreementRoutes(PortalAgreementCase):
    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------
    def test_home_counters_per_role(self):
        counters = ["goal_agreement_count", "hrp_team_count"]
        self.login(self.user_portal)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result["goal_agreement_count"], 1)
        self.assertEqual(result["hrp_team_count"], 0)
        self.login(self.user_manager)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result["goal_agreement_count"], 0)
        self.assertEqual(result["hrp_team_count"], 3)
        home = self.url_open("/my")
        self.assertIn('href="/my/goal-agreements"', home.text)
        self.assertIn('href="/my/team"', home.text)

    def test_list_shows_own_agreements_only(self):
        self.login(self.user_portal)
        response = self.url_open("/my/goal-agreements")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.detail_url(self.agreement), response.text)
        self.assertNotIn(self.detail_url(self.agreement_employee), response.text)
        self.assertNotIn(self.detail_url(self.agreement_colleague), response.text)
        rated = self.url_open("/my/goal-agreements?filterby=rated")
        self.assertNotIn(self.detail_url(self.agreement), rated.text)
        other_period = self.url_open(f"/my/goal-agreements?period={self.period.id + 1}")
        self.assertNotIn(self.detail_url(self.agreement), other_period.text)
        by_period = self.url_open(f"/my/goal-agreements?period={self.period.id}")
        self.assertIn(self.detail_url(self.agreement), by_period.text)

    def test_list_requires_login(self):
        response = self.url_open("/my/goal-agreements", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    # ------------------------------------------------------------------
    # Detail per role
    # ------------------------------------------------------------------
    def test_owner_sees_goals_by_level(self):
        self.login(self.user_portal)
        response = self.url_open(self.detail_url(self.agreement))
        self.assertEqual(response.status_code, 200)
        for goal in self.agreement.goal_ids:
            self.assertIn(goal.name, response.text)
        self.assertIn("o_hrp_level_company", response.text)
        self.assertIn("o_hrp_level_personal", response.text)
        self.assertIn('id="discussion"', response.text)
        # nothing to agree to in draft; proposals allowed by the period
        self.assertNotIn("o_hrp_agree", response.text)
        self.assertIn("o_hrp_propose_form", response.text)

    def test_other_employee_gets_no_data(self):
        for user, agreement in (
            (self.user_colleague, self.agreement),
            (self.user_portal, self.agreement_colleague),
            (self.user_other_officer, self.agreement),
        ):
            with self.subTest(user=user.login, agreement=agreement.name):
                self.login(user)
                response = self.url_open(self.detail_url(agreement))
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(agreement.employee_id.name, response.text)
                self.assertNotIn(agreement.goal_ids[-1].name, response.text)
                team = self.url_open(f"/my/team/goal-agreements/{agreement.id}")
                self.assertIn(team.status_code, (403, 404))
                self.assertNotIn(agreement.goal_ids[-1].name, team.text)

    def test_missing_agreement_is_404(self):
        self.login(self.user_portal)
        response = self.url_open("/my/goal-agreements/999999")
        self.assertEqual(response.status_code, 404)

    def test_manager_sees_team_agreement(self):
        self.login(self.user_manager)
        for url in (
            self.detail_url(self.agreement_colleague),
            f"/my/team/goal-agreements/{self.agreement_colleague.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            self.assertIn("Geheimes Kollegenziel", response.text)

    def test_public_is_sent_to_login(self):
        for url in (
            self.detail_url(self.agreement),
            "/my/team",
            f"/my/team/goal-agreements/{self.agreement.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])
                self.assertNotIn("Fortbildung E-Akte", response.text)

    def test_access_token_shows_only_that_document(self):
        token = self.agreement.sudo()._portal_ensure_token()
        other_token = self.agreement_colleague.sudo()._portal_ensure_token()
        self.assertTrue(token and other_token)
        response = self.url_open(
            f"{self.detail_url(self.agreement)}?access_token={token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Fortbildung E-Akte", response.text)
        # read only: no forms for a visitor with a token
        self.assertNotIn("o_hrp_propose_form", response.text)
        self.assertNotIn("o_hrp_checkin_form", response.text)
        wrong = self.url_open(
            f"{self.detail_url(self.agreement_colleague)}?access_token={token}"
        )
        self.assertEqual(wrong.status_code, 404)
        self.assertNotIn("Geheimes Kollegenziel", wrong.text)
        # a logged-in stranger with a token sees that document only
        self.login(self.user_colleague)
        response = self.url_open(
            f"{self.detail_url(self.agreement)}?access_token={token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_hrp_checkin_form", response.text)

    def test_pdf_downloads(self):
        self.employee_portal.identification_id = "P-4711"
        self.login(self.user_portal)
        response = self.url_open(
            self.detail_url(self.agreement, "?report=agreement&download=true")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Fortbildung E-Akte", response.text)
        # same content as the archived copy: no personnel number
        self.assertNotIn("P-4711", response.text)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        # no result sheet before the agreement is rated
        result = self.url_open(self.detail_url(self.agreement, "?report=result"))
        self.assertEqual(result.status_code, 404)
        self.login(self.user_colleague)
        stranger = self.url_open(self.detail_url(self.agreement, "?report=agreement"))
        self.assertEqual(stranger.status_code, 404)
        self.assertNotIn("Fortbildung E-Akte", stranger.text)

    # ------------------------------------------------------------------
    # POST actions
    # ------------------------------------------------------------------
    def test_agree_needs_csrf_token(self):
        self.agreement.with_user(self.user_manager).action_submit()
        self.login(self.user_portal)
        with mute_logger("odoo.http"):  # "No CSRF validation token provided"
            response = self.post(
                self.detail_url(self.agreement, "/agree"), {"agree": "1"}, csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.agreement.invalidate_recordset()
        self.assertFalse(self.agreement.employee_agreed_on)

    def test_employee_agrees_through_the_model_action(self):
        self.agreement.with_user(self.user_manager).action_submit()
        self.agreement.with_user(self.user_manager).action_agree()
        self.login(self.user_portal)
        page = self.url_open(self.detail_url(self.agreement))
        self.assertIn("o_hrp_agree", page.text)
        response = self.post(self.detail_url(self.agreement, "/agree"))
        self.assertIn(response.status_code, (302, 303))
        self.agreement.invalidate_recordset()
        self.assertEqual(self.agreement.state, "agreed")
        self.assertEqual(self.agreement.employee_agreed_by, self.user_portal)
        # a second agreement is refused by the model and shown, not a 500
        response = self.post(self.detail_url(self.agreement, "/agree"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)

    def test_stranger_cannot_post(self):
        self.agreement.with_user(self.user_manager).action_submit()
        self.login(self.user_colleague)
        response = self.post(self.detail_url(self.agreement, "/agree"))
        self.assertEqual(response.status_code, 404)
        response = self.post(
            self.detail_url(self.agreement, "/checkin"), {"progress": "10"}
        )
        self.assertEqual(response.status_code, 404)
        self.agreement.invalidate_recordset()
        self.assertFalse(self.agreement.employee_agreed_on)
        self.assertFalse(self.agreement.checkin_ids)

    def test_checkin_by_portal_employee(self):
        self.advance_agreement(self.agreement, "in_progress")
        goal = self.agreement.goal_ids[-1]
        self.login(self.user_portal)
        response = self.post(
            self.detail_url(self.agreement, "/checkin"),
            {
                "goal_id": str(goal.id),
                "progress": "40",
                "status": "behind",
                "comment": "Schulung gebucht",
            },
        )
        self.assertIn(response.status_code, (302, 303))
        checkin = self.agreement.checkin_ids
        self.assertEqual(len(checkin), 1)
        self.assertEqual(checkin.author_id, self.user_portal)
        self.assertEqual(checkin.goal_id, goal)
        self.assertEqual(checkin.progress, 40)
        page = self.url_open(self.detail_url(self.agreement, "?success=checkin"))
        self.assertIn("Schulung gebucht", page.text)
        self.assertIn("o_hrp_success", page.text)
        # out of range: the model's constraint is shown, nothing is saved
        response = self.post(
            self.detail_url(self.agreement, "/checkin"), {"progress": "140"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)
        self.assertEqual(len(self.agreement.checkin_ids), 1)

    def test_checkin_refused_in_draft(self):
        self.login(self.user_portal)
        response = self.post(
            self.detail_url(self.agreement, "/checkin"), {"progress": "10"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)
        self.assertFalse(self.agreement.checkin_ids)

    def test_propose_goal_in_draft(self):
        self.login(self.user_portal)
        response = self.post(
            self.detail_url(self.agreement, "/propose"),
            {"name": "Englischkurs", "weight": "0", "success_criteria": "B2"},
        )
        self.assertIn(response.status_code, (302, 303))
        goal = self.agreement.goal_ids.filtered(lambda g: g.name == "Englischkurs")
        self.assertEqual(goal.level, "personal")
        self.assertEqual(goal.success_criteria, "B2")

    def test_propose_refused_when_period_forbids_it(self):
        self.period.sudo().employee_proposals = False
        self.login(self.user_portal)
        page = self.url_open(self.detail_url(self.agreement))
        self.assertNotIn("o_hrp_propose_form", page.text)
        response = self.post(
            self.detail_url(self.agreement, "/propose"), {"name": "Englischkurs"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)
        self.assertNotIn("Englischkurs", self.agreement.goal_ids.mapped("name"))

    def test_manager_rates_and_finishes(self):
        self.advance_agreement(self.agreement, "rating")
        goals = self.agreement.goal_ids
        self.login(self.user_manager)
        team = self.url_open("/my/team")
        self.assertIn(f"/my/team/goal-agreements/{self.agreement.id}", team.text)
        page = self.url_open(f"/my/team/goal-agreements/{self.agreement.id}")
        self.assertIn("o_hrp_rate_form", page.text)
        data = {f"achievement_{goal.id}": "100" for goal in goals}
        data[f"achievement_{goals[-1].id}"] = "50"
        response = self.post(self.detail_url(self.agreement, "/rate"), data)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(goals[-1].achievement, 50)
        self.assertEqual(self.agreement.state, "rating")
        response = self.post(
            self.detail_url(self.agreement, "/rate"), {**data, "finish": "1"}
        )
        self.assertIn(response.status_code, (302, 303))
        self.agreement.invalidate_recordset()
        self.assertEqual(self.agreement.state, "rated")
        self.assertTrue(self.agreement.result_total)
        # the employee sees the result and may download the result sheet
        self.login(self.user_portal)
        page = self.url_open(self.detail_url(self.agreement))
        self.assertIn("o_hrp_result_total", page.text)
        sheet = self.url_open(self.detail_url(self.agreement, "?report=result"))
        self.assertEqual(sheet.status_code, 200)

    def test_rating_refused_for_the_employee(self):
        self.advance_agreement(self.agreement_employee, "rating")
        goal = self.agreement_employee.goal_ids[0]
        self.login(self.user_employee)
        response = self.post(
            self.detail_url(self.agreement_employee, "/rate"),
            {f"achievement_{goal.id}": "100", "finish": "1"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)
        self.assertEqual(goal.achievement, 0)
        self.assertEqual(self.agreement_employee.state, "rating")

    def test_rating_error_rolls_back(self):
        self.advance_agreement(self.agreement, "rating")
        first, last = self.agreement.goal_ids[0], self.agreement.goal_ids[-1]
        self.login(self.user_manager)
        response = self.post(
            self.detail_url(self.agreement, "/rate"),
            {f"achievement_{first.id}": "80", f"achievement_{last.id}": "9999"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hrp_error", response.text)
        self.assertEqual(first.achievement, 0)

    # ------------------------------------------------------------------
    # My team
    # ------------------------------------------------------------------
    def test_team_sections(self):
        self.agreement.with_user(self.user_manager).action_submit()
        self.advance_agreement(self.agreement_employee, "rating")
        self.advance_agreement(self.agreement_colleague, "in_progress")
        long_ago = fields.Datetime.now() - timedelta(days=200)
        self.agreement_colleague.sudo().write(
            {"employee_agreed_on": long_ago, "supervisor_agreed_on": long_ago}
        )
        self.login(self.user_manager)
        response = self.url_open("/my/team")
        self.assertEqual(response.status_code, 200)
        text = response.text
        sign = text.split("o_hrp_team_to_sign", 1)[1].split("o_hrp_team_to_rate", 1)[0]
        rate = text.split("o_hrp_team_to_rate", 1)[1].split("o_hrp_team_checkins")[0]
        due = text.split("o_hrp_team_checkins", 1)[1].split("hrp_team_extra")[0]
        self.assertIn(f"/my/team/goal-agreements/{self.agreement.id}", sign)
        self.assertIn(f"/my/team/goal-agreements/{self.agreement_employee.id}", rate)
        self.assertIn(f"/my/team/goal-agreements/{self.agreement_colleague.id}", due)
        self.assertNotIn(f"/my/team/goal-agreements/{self.agreement.id}", due)
        everything = text.split("o_hrp_team_all", 1)[1]
        for agreement in (
            self.agreement,
            self.agreement_employee,
            self.agreement_colleague,
        ):
            self.assertIn(f"/my/team/goal-agreements/{agreement.id}", everything)
        self.assertIn('id="hrp_team_extra"', text)
        # the employee has no team
        self.login(self.user_employee)
        text = self.url_open("/my/team").text
        self.assertNotIn("/my/team/goal-agreements/", text)


@tagged("post_install", "-at_install")
class TestPortalAgreementTours(PortalAgreementCase):
    """Browser journeys in headless Chromium."""

    def test_tour_employee_signs_and_checks_in(self):
        self.agreement.with_user(self.user_manager).action_submit()
        self.agreement.with_user(self.user_manager).action_agree()
        self.start_tour(
            "/my", "hrp_portal_agreement_sign_checkin", login=self.user_portal.login
        )
        self.agreement.invalidate_recordset()
        self.assertEqual(self.agreement.state, "agreed")
        checkin = self.agreement.checkin_ids
        self.assertEqual(checkin.author_id, self.user_portal)
        self.assertEqual(checkin.status, "behind")
        self.assertEqual(checkin.progress, 40)

    def test_tour_manager_rates_a_goal(self):
        self.advance_agreement(self.agreement, "rating")
        self.start_tour("/my/team", "hrp_portal_agreement_rate", login="hrp_manager")
        self.agreement.invalidate_recordset()
        self.assertEqual(self.agreement.state, "rated")
        self.assertEqual(
            sorted(self.agreement.goal_ids.mapped("achievement")), [50, 100, 100, 100]
        )


@tagged("post_install", "-at_install")
class TestPortalAgreementQueries(PortalAgreementCase):
    """The pages cost the same number of queries for 5 and for 50 goals
    (team members)."""

    def add_goals(self, agreement, count):
        self.env["hr.goal"].create(
            [
                {
                    "agreement_id": agreement.id,
                    "level": "personal",
                    "name": f"Ziel {index}",
                    "weight": 0,
                    "description": f"<p>Beschreibung {index}</p>",
                    "success_criteria": "Kriterium",
                }
                for index in range(count)
            ]
        )

    def test_detail_page_queries_do_not_grow_with_goals(self):
        agreement = self.agreement
        agreement.goal_ids.unlink()
        self.add_goals(agreement, 5)
        # Along the workflow's edges (the kernel refuses any other jump).
        for state in ("submitted", "agreed", "in_progress"):
            agreement.sudo().write({"state": state})
        goals = agreement.goal_ids
        self.env["hr.goal.checkin"].create(
            [
                {"agreement_id": agreement.id, "goal_id": g.id, "progress": 10}
                for g in goals
            ]
        )
        self.login(self.user_portal)
        url = self.detail_url(agreement)
        five = self.count_queries(url)
        agreement.sudo().write({"state": "draft"})
        self.add_goals(agreement, 45)
        # Along the workflow's edges (the kernel refuses any other jump).
        for state in ("submitted", "agreed", "in_progress"):
            agreement.sudo().write({"state": state})
        self.env["hr.goal.checkin"].create(
            [
                {"agreement_id": agreement.id, "goal_id": g.id, "progress": 20}
                for g in agreement.goal_ids - goals
            ]
        )
        fifty = self.count_queries(url)
        self.assertEqual(len(agreement.goal_ids), 50)
        self.assertEqual(five, fifty, f"5 goals: {five} queries, 50 goals: {fifty}")

    def add_team(self, count):
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Teammitglied {index}",
                    "parent_id": self.employee_manager.id,
                    "department_id": self.department.id,
                }
                for index in range(count)
            ]
        )
        long_ago = fields.Datetime.now() - timedelta(days=200)
        # The states along the workflow's edges (the kernel refuses jumps).
        paths = (
            ("submitted",),
            ("submitted", "agreed", "in_progress", "rating"),
            ("submitted", "agreed", "in_progress"),
        )
        for index, employee in enumerate(employees):
            agreement = self.create_agreement(employee, self.period)
            path = paths[index % 3]
            if path[-1] == "in_progress":
                agreement.sudo().write(
                    {"employee_agreed_on": long_ago, "supervisor_agreed_on": long_ago}
                )
            for state in path:
                agreement.sudo().write({"state": state})
        return employees

    def test_team_page_queries_do_not_grow_with_members(self):
        self.add_team(5)
        self.login(self.user_manager)
        five = self.count_queries("/my/team")
        self.add_team(45)
        fifty = self.count_queries("/my/team")
        page = self.url_open("/my/team").text
        all_section = page.split("o_hrp_team_all", 1)[1]
        # the 50 new members and the 3 agreements of the fixture
        self.assertEqual(all_section.count("o_hrp_team_item"), 53)
        self.assertEqual(five, fifty, f"5 members: {five} queries, 50: {fifty}")

    def test_list_page_queries_do_not_grow_with_agreements(self):
        self.login(self.user_portal)
        one = self.count_queries("/my/goal-agreements")
        periods = [
            self.create_period(
                name=str(year), date_from=f"{year}-01-01", date_to=f"{year}-12-31"
            )
            for year in range(2040, 2049)
        ]
        for period in periods:
            self.create_agreement(self.employee_portal, period)
        ten = self.count_queries("/my/goal-agreements")
        self.assertEqual(one, ten, f"1 agreement: {one} queries, 10: {ten}")


@tagged("post_install", "-at_install")
class TestPortalAgreementAccess(PortalAgreementCase):
    """Record rules of portal users: their own agreements, goals and
    check-ins only; no writes."""

    def test_portal_user_reads_own_records_only(self):
        self.advance_agreement(self.agreement_colleague, "in_progress")
        self.env["hr.goal.checkin"].with_user(self.user_colleague).create(
            {"agreement_id": self.agreement_colleague.id, "progress": 10}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        as_portal = self.env(user=self.user_portal)
        self.assertEqual(as_portal["hr.goal.agreement"].search([]), self.agreement)
        self.assertEqual(as_portal["hr.goal"].search([]), self.agreement.goal_ids)
        self.assertFalse(as_portal["hr.goal.checkin"].search([]))
        with self.assertRaises(AccessError):
            self.agreement_colleague.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            self.agreement_colleague.goal_ids[:1].with_user(self.user_portal).read(
                ["name"]
            )
        with self.assertRaises(AccessError):
            self.agreement_colleague.checkin_ids.with_user(self.user_portal).read(
                ["comment"]
            )

    def test_portal_user_cannot_write(self):
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user_portal).write(
                {"supervisor_id": self.employee_head.id}
            )
        with self.assertRaises(AccessError):
            self.agreement.goal_ids[:1].with_user(self.user_portal).write({"weight": 5})
        with self.assertRaises(AccessError):
            self.agreement.goal_ids[:1].with_user(self.user_portal).unlink()

    def test_portal_user_creates_on_own_agreement_only(self):
        Goal = self.env["hr.goal"].with_user(self.user_portal)
        with self.assertRaises(AccessError):
            Goal.create({"agreement_id": self.agreement_colleague.id, "name": "X"})
        goal = Goal.create({"agreement_id": self.agreement.id, "name": "Vorschlag"})
        self.assertEqual(goal.employee_user_id, self.user_portal)
        self.advance_agreement(self.agreement_colleague, "in_progress")
        with self.assertRaises(AccessError):
            self.env["hr.goal.checkin"].with_user(self.user_portal).create(
                {"agreement_id": self.agreement_colleague.id, "progress": 10}
            )
