from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestPerformancePeriod(HrPerformanceCase):
    """Periods: dates, weights, open/close, read-only when closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()

    def new_period(self, user=None, **values):
        vals = {
            "name": "2028",
            "date_from": "2028-01-01",
            "date_to": "2028-12-31",
            "company_id": self.company.id,
        }
        vals.update(values)
        user = user or self.user_admin
        return self.env["hr.performance.period"].with_user(user).create(vals)

    # ------------------------------------------------------------------
    # Dates and weights
    # ------------------------------------------------------------------
    def test_periods_of_one_company_do_not_overlap(self):
        with self.assertRaises(ValidationError) as caught:
            self.new_period(name="2027 H2", date_from="2027-07-01")
        self.assertIn("2027 H2", str(caught.exception))
        self.assertIn("overlaps the period 2027", str(caught.exception))
        with self.assertRaisesText(ValidationError, "overlaps"):
            self.new_period(date_from="2026-06-01", date_to="2027-01-01")
        # adjacent is fine, and so is another company in the same year
        self.new_period()
        other = self.env["hr.performance.period"].create(
            {
                "name": "2027",
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
                "company_id": self.other_company.id,
            }
        )
        self.assertTrue(other)
        with self.assertRaisesText(ValidationError, "overlaps"):
            self.new_period(name="2028 b").write({"date_from": "2027-12-31"})

    def test_period_ends_before_it_starts(self):
        with self.assertRaisesText(ValidationError, "ends before it starts"):
            self.new_period(date_to="2027-12-31")

    def test_level_weights_must_add_up(self):
        with self.assertRaises(ValidationError) as caught:
            self.new_period(name="Schief", weight_personal=50)
        message = str(caught.exception)
        self.assertIn("Schief", message)
        self.assertIn("90", message)
        with self.assertRaisesText(ValidationError, "add up to 110"):
            self.period.with_user(self.user_admin).write({"weight_company": 20})
        # an assessment-only period ignores the goal level weights
        self.assertTrue(
            self.new_period(method="assessment", weight_personal=0, weight_goals=0)
        )

    def test_combined_weights_must_add_up(self):
        with self.assertRaisesText(ValidationError, "goal result and assessment"):
            self.new_period(method="combined", weight_goals=90, weight_assessment=20)
        period = self.new_period(
            method="combined", weight_goals=90, weight_assessment=10
        )
        self.assertEqual(float(period._combined_result(40, 50).total), 41.0)

    def test_weights_and_scale_bounds(self):
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            self.new_period(weight_company=-10, weight_personal=80)
        with self.assertRaisesText(ValidationError, "greater than 0"):
            self.new_period(max_achievement=0)

    # ------------------------------------------------------------------
    # Open and close
    # ------------------------------------------------------------------
    def test_open_and_close_by_the_admin_only(self):
        period = self.new_period()
        self.assertEqual(period.state, "draft")
        for user in (self.user_officer, self.user_manager, self.user_employee):
            with self.subTest(user=user.login):
                self.assertFalse(period.with_user(user).can_open)
                with self.assertRaises(UserError):
                    period.with_user(user).action_open()
        self.assertTrue(period.with_user(self.user_admin).can_open)
        with self.assertRaisesText(UserError, "can only be closed"):
            period.with_user(self.user_admin).action_close()
        period.with_user(self.user_admin).action_open()
        self.assertEqual(period.state, "open")
        with self.assertRaisesText(UserError, "can only be opened"):
            period.with_user(self.user_admin).action_open()
        with self.assertRaises(UserError):
            period.with_user(self.user_officer).action_close()
        period.with_user(self.user_admin).action_close()
        self.assertEqual(period.state, "closed")

    def test_raw_state_write_follows_the_table(self):
        period = self.new_period()
        with self.assertRaisesText(UserError, "cannot change"):
            period.with_user(self.user_admin).write({"state": "closed"})
        with self.assertRaises(AccessError):
            period.with_user(self.user_officer).write({"state": "open"})
        period.with_user(self.user_admin).write({"state": "open"})
        self.assertEqual(period.state, "open")

    def test_closed_period_is_read_only(self):
        agreement = self.create_agreement(self.employee, self.period)
        self.period.with_user(self.user_admin).action_close()
        with self.assertRaisesText(UserError, "is closed"):
            self.period.with_user(self.user_admin).write({"name": "2027 neu"})
        with self.assertRaisesText(UserError, "is closed"):
            self.period.with_user(self.user_admin).write({"state": "open"})
        with self.assertRaisesText(UserError, "is closed"):
            agreement.with_user(self.user_officer).write(
                {"supervisor_id": self.employee_head.id}
            )
        with self.assertRaisesText(UserError, "is closed"):
            agreement.sudo().write({"supervisor_id": self.employee_head.id})
        with self.assertRaisesText(UserError, "is closed"):
            agreement.with_user(self.user_manager).action_submit()
        with self.assertRaisesText(UserError, "is closed"):
            agreement.goal_ids[0].with_user(self.user_officer).write({"name": "x"})
        with self.assertRaisesText(UserError, "is closed"):
            agreement.with_user(self.user_officer).unlink()
        with self.assertRaisesText(UserError, "is closed"):
            self.env["hr.performance.period.goal"].with_user(self.user_officer).create(
                {"period_id": self.period.id, "name": "zu spät"}
            )
        with self.assertRaisesText(UserError, "not open"):
            self.create_agreement(self.employee_colleague, self.period)

    def test_closed_period_blocks_checkins(self):
        agreement = self.create_agreement(self.employee, self.period)
        self.advance_agreement(agreement, "in_progress")
        checkin = (
            self.env["hr.goal.checkin"]
            .with_user(self.user_employee)
            .create({"agreement_id": agreement.id, "progress": 10})
        )
        self.period.with_user(self.user_admin).action_close()
        with self.assertRaisesText(UserError, "is closed"):
            self.env["hr.goal.checkin"].with_user(self.user_employee).create(
                {"agreement_id": agreement.id, "progress": 20}
            )
        with self.assertRaisesText(UserError, "is closed"):
            checkin.with_user(self.user_employee).write({"progress": 30})

    def test_only_unused_drafts_can_be_deleted(self):
        with self.assertRaisesText(UserError, "cannot be deleted"):
            self.period.with_user(self.user_admin).unlink()
        draft = self.new_period()
        draft.with_user(self.user_admin).unlink()
        self.assertFalse(draft.exists())

    def test_agreement_count(self):
        self.create_agreement(self.employee, self.period)
        self.create_agreement(self.employee_colleague, self.period)
        self.assertEqual(self.period.with_user(self.user_officer).agreement_count, 2)
        self.assertEqual(self.period.with_user(self.user_employee).agreement_count, 1)

    # ------------------------------------------------------------------
    # Company and department goals
    # ------------------------------------------------------------------
    def test_department_goal_needs_a_department(self):
        Goal = self.env["hr.performance.period.goal"].with_user(self.user_officer)
        with self.assertRaisesText(ValidationError, "needs a department"):
            Goal.create(
                {
                    "period_id": self.period.id,
                    "name": "Wartezeit",
                    "level": "department",
                }
            )
        goal = Goal.create(
            {
                "period_id": self.period.id,
                "name": "Wartezeit",
                "level": "department",
                "department_id": self.department.id,
                "excluded_employee_ids": [(4, self.employee_portal.id)],
            }
        )
        self.assertEqual(goal.company_id, self.company)
        self.assertEqual(goal.excluded_employee_ids, self.employee_portal)
