from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalAgreementRating(HrPerformanceCase):
    """Weights, achievements and the weighted result (engine via models)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # company 10 / department 30 / personal 60 (the period's defaults)
        cls.period = cls.create_period()
        cls.agreement = cls.create_agreement(cls.employee, cls.period)

    def rate(self, agreement, achievements, user=None):
        """Enter ``{goal title: achievement}`` as the supervisor (or ``user``)."""
        user = user or agreement.supervisor_user_id
        for goal in agreement.goal_ids:
            goal.with_user(user).write({"achievement": achievements[goal.name]})

    # ------------------------------------------------------------------
    # The municipal example through the models
    # ------------------------------------------------------------------
    def test_seed_002_goal_result(self):
        """The municipal example's goal figures on the period's level weights 10/30/60:

        company 30 x 10 % = 3, department 40 x 30 % = 12, personal
        (60 x 60 % + 35 x 40 % = 50) x 60 % = 30: 45.00 in total.
        """
        agreement = self.advance_agreement(self.agreement, "rating")
        self.rate(
            agreement,
            {
                "Haushalt einhalten": 30,
                "Wartezeiten senken": 40,
                "Fortbildung E-Akte": 60,
                "Bescheide fristgerecht": 35,
            },
        )
        agreement.with_user(self.user_manager).action_finish_rating()
        self.assertEqual(agreement.state, "rated")
        self.assertEqual(agreement.result_company, 30.0)
        self.assertEqual(agreement.result_department, 40.0)
        self.assertEqual(agreement.result_personal, 50.0)
        self.assertEqual(agreement.result_total, 45.0)
        breakdown = agreement.result_breakdown
        self.assertEqual(breakdown["total"], 45.0)
        self.assertEqual(
            [
                (level["level"], level["weight"], level["contribution"])
                for level in breakdown["levels"]
            ],
            [
                ("company", 10.0, 3.0),
                ("department", 30.0, 12.0),
                ("personal", 60.0, 30.0),
            ],
        )
        personal = breakdown["levels"][2]["goals"]
        self.assertEqual(
            [(goal["name"], goal["contribution"]) for goal in personal],
            [("Fortbildung E-Akte", 36.0), ("Bescheide fristgerecht", 14.0)],
        )
        self.assertIn("45.00", agreement.result_breakdown_html)

    def test_seed_002_combined_with_the_assessment(self):
        """Combined method through the period's weights.

        The seed's flat weights (personal 50, department 30, company 10,
        assessment 10) cannot be written exactly as nested period weights (the
        goal part of 90 % would need level weights 55.56/33.33/11.11). With a
        goal part of 80 % and level weights 12.5/37.5/50, the seed's sums
        30/40/50 and an assessment of 50 give the same 45.00.
        """
        period = self.create_period(
            name="2028",
            date_from="2028-01-01",
            date_to="2028-12-31",
            method="combined",
            weight_goals=50,
            weight_assessment=50,
        )
        self.assertEqual(float(period._combined_result(45, 50).total), 47.5)
        seed = self.create_period(
            name="2029",
            date_from="2029-01-01",
            date_to="2029-12-31",
            method="combined",
            weight_goals=80,
            weight_assessment=20,
            weight_company=12.5,
            weight_department=37.5,
            weight_personal=50,
        )
        agreement = self.create_agreement(self.employee, seed)
        self.advance_agreement(agreement, "rating")
        self.rate(
            agreement,
            {
                "Haushalt einhalten": 30,
                "Wartezeiten senken": 40,
                "Fortbildung E-Akte": 50,
                "Bescheide fristgerecht": 50,
            },
        )
        agreement.with_user(self.user_manager).action_finish_rating()
        # 30 x 12.5 % + 40 x 37.5 % + 50 x 50 % = 3.75 + 15 + 25 = 43.75
        self.assertEqual(agreement.result_total, 43.75)
        # 0.8 x 43.75 + 0.2 x 50 = 35 + 10 = 45.00
        combined = seed._combined_result(agreement.result_total, 50)
        self.assertEqual(float(combined.total), 45.0)

    def test_points_scale(self):
        period = self.create_period(
            name="2028",
            date_from="2028-01-01",
            date_to="2028-12-31",
            result_scale="points",
            max_achievement=5,
        )
        agreement = self.create_agreement(self.employee, period)
        self.advance_agreement(agreement, "rating")
        with self.assertRaisesText(ValidationError, "between 0 and 5"):
            self.rate(
                agreement,
                {
                    "Haushalt einhalten": 3,
                    "Wartezeiten senken": 4,
                    "Fortbildung E-Akte": 6,
                    "Bescheide fristgerecht": 5,
                },
            )
        self.rate(
            agreement,
            {
                "Haushalt einhalten": 3,
                "Wartezeiten senken": 4,
                "Fortbildung E-Akte": 5,
                "Bescheide fristgerecht": 5,
            },
        )
        agreement.with_user(self.user_manager).action_finish_rating()
        # 0.3 + 1.2 + 3.0
        self.assertEqual(agreement.result_total, 4.5)
        self.assertEqual(agreement.result_breakdown["scale"], "points")

    # ------------------------------------------------------------------
    # Achievement input
    # ------------------------------------------------------------------
    def test_achievement_outside_the_scale(self):
        agreement = self.advance_agreement(self.agreement, "rating")
        goal = agreement.goal_ids.filtered(lambda g: g.name == "Fortbildung E-Akte")
        with self.assertRaises(ValidationError) as caught:
            goal.with_user(self.user_manager).write({"achievement": 151})
        message = str(caught.exception)
        self.assertIn("Fortbildung E-Akte", message)
        self.assertIn(agreement.display_name, message)
        self.assertIn("150", message)
        with self.assertRaisesText(ValidationError, "between 0 and 150"):
            goal.with_user(self.user_manager).write({"achievement": -1})
        goal.with_user(self.user_manager).write({"achievement": 150})
        self.assertEqual(goal.achievement, 150)

    def test_achievement_only_while_rating(self):
        for state in ("draft", "agreed", "in_progress"):
            with self.subTest(state=state):
                self.advance_agreement(self.agreement, state)
                with self.assertRaises(UserError):
                    self.agreement.goal_ids[0].with_user(self.user_manager).write(
                        {"achievement": 80}
                    )
        self.advance_agreement(self.agreement, "rated")
        with self.assertRaises(UserError):
            self.agreement.goal_ids[0].with_user(self.user_manager).write(
                {"achievement": 80}
            )

    def test_who_rates_with_supervisor_rating(self):
        agreement = self.advance_agreement(self.agreement, "rating")
        goal = agreement.goal_ids[0]
        for user in (self.user_head, self.user_officer):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                goal.with_user(user).write({"achievement": 90})
        with self.assertRaises(AccessError):
            goal.with_user(self.user_colleague).write({"achievement": 90})
        goal.with_user(self.user_manager).write({"achievement": 90})
        self.assertEqual(goal.achievement, 90)

    def test_who_rates_with_central_hr_rating(self):
        self.period.sudo().rating_by = "hr"
        agreement = self.advance_agreement(self.agreement, "rating")
        goal = agreement.goal_ids[0]
        with self.assertRaisesText(UserError, "entered by HR"):
            goal.with_user(self.user_manager).write({"achievement": 90})
        goal.with_user(self.user_officer).write({"achievement": 90})
        agreement.with_user(self.user_officer).action_finish_rating()
        self.assertEqual(agreement.result_company, 90)
        self.assertEqual(agreement.result_total, 9.0)

    def test_hr_officer_cannot_rate_own_agreement(self):
        self.period.sudo().rating_by = "hr"
        officer_employee = self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": self.user_officer.id,
                "parent_id": self.employee_head.id,
            }
        )
        agreement = self.create_agreement(officer_employee, self.period)
        self.advance_agreement(agreement, "rating")
        with self.assertRaisesText(UserError, "your own"):
            agreement.goal_ids[0].with_user(self.user_officer).write(
                {"achievement": 150}
            )
        with self.assertRaisesText(UserError, "your own"):
            agreement.with_user(self.user_officer).action_finish_rating()

    # ------------------------------------------------------------------
    # Weights
    # ------------------------------------------------------------------
    def test_weights_within_a_level_must_add_up(self):
        goal = self.agreement.goal_ids.filtered(
            lambda g: g.name == "Fortbildung E-Akte"
        )
        goal.with_user(self.user_manager).write({"weight": 50})
        with self.assertRaises(UserError) as caught:
            self.agreement.with_user(self.user_manager).action_submit()
        message = str(caught.exception)
        self.assertIn(self.agreement.display_name, message)
        self.assertIn("Personal Goal", message)
        self.assertIn("90", message)
        self.assertEqual(self.agreement.state, "draft")
        self.assertFalse(self.agreement.with_user(self.user_manager).can_submit)
        self.assertIn(
            "Personal Goal",
            self.agreement.with_user(self.user_manager).cannot_submit_reason,
        )

    def test_a_weighted_level_needs_goals(self):
        department = self.agreement.goal_ids.filtered(lambda g: g.level == "department")
        department.unlink()
        with self.assertRaisesText(UserError, "Department Goal"):
            self.agreement.with_user(self.user_manager).action_submit()

    def test_raw_submit_checks_the_weights_too(self):
        self.agreement.goal_ids[0].with_user(self.user_manager).write({"weight": 99})
        with self.assertRaisesText(UserError, "Company Goal"):
            self.agreement.with_user(self.user_employee).write({"state": "submitted"})

    def test_level_without_weight_may_stay_empty(self):
        period = self.create_period(
            name="2028",
            date_from="2028-01-01",
            date_to="2028-12-31",
            weight_company=0,
            weight_department=0,
            weight_personal=100,
        )
        agreement = self.create_agreement(
            self.employee, period, goals=[("personal", "Alles persönlich", 100)]
        )
        self.advance_agreement(agreement, "rating")
        self.rate(agreement, {"Alles persönlich": 120})
        agreement.with_user(self.user_manager).action_finish_rating()
        self.assertEqual(agreement.result_total, 120.0)
        self.assertTrue(agreement.result_breakdown["levels"][0]["skipped"])

    def test_goal_weight_outside_0_100(self):
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            self.agreement.goal_ids[0].with_user(self.user_manager).write(
                {"weight": 120}
            )
