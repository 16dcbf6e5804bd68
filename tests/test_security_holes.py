"""Regression tests of the holes a probe found: each does the forbidden
thing as the user who tried it."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HrPerformanceCase
from .common_assessment import AssessmentCase
from .common_pay import PayRunCase

RESULT_SPEC = {"goal_result": {}, "final_result": {}, "breakdown": {}, "complete": {}}


@tagged("post_install", "-at_install")
class TestSecurityHoles(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()
        cls.colleague_agreement = cls.create_agreement(
            cls.employee_colleague, cls.period
        )

    def onchange_result(self, user, agreement, employee):
        """What ``onchange`` of a new result hands ``user`` (or None if the
        call itself is refused)."""
        Result = self.env["hr.performance.result"].with_user(user)
        try:
            return Result.onchange(
                {
                    "goal_agreement_id": agreement.id,
                    "period_id": agreement.period_id.id,
                    "employee_id": employee.id,
                },
                [],
                RESULT_SPEC,
            )
        except AccessError:
            return None

    def test_result_onchange_does_not_read_others_results(self):
        self.walk_states(
            self.colleague_agreement,
            "rated",
            result_personal=77.7,
            result_department=77.7,
            result_company=77.7,
            result_total=77.7,
        )
        for user in (self.user_employee, self.user_portal):
            answer = self.onchange_result(
                user, self.colleague_agreement, self.employee_colleague
            )
            self.assertNotIn("77.7", str(answer), user.login)
        # The manager of the colleague may read the agreement: he sees it.
        answer = self.onchange_result(
            self.user_manager, self.colleague_agreement, self.employee_colleague
        )
        self.assertIn("77.7", str(answer))

    def test_goal_onchange_does_not_reveal_another_agreements_state(self):
        self.advance_agreement(self.colleague_agreement, "in_progress")
        # A new request starts with an empty cache.
        self.env.flush_all()
        self.env.invalidate_all()
        Goal = self.env["hr.goal"].with_user(self.user_employee)
        try:
            answer = Goal.onchange(
                {"agreement_id": self.colleague_agreement.id, "name": "x"},
                [],
                {"state": {}, "last_progress": {}},
            )
        except AccessError:
            answer = None
        self.assertNotIn("in_progress", str(answer))

    def test_non_text_reasons_get_a_message(self):
        self.advance_agreement(self.colleague_agreement, "agreed")
        as_manager = self.colleague_agreement.with_user(self.user_manager)
        for reason in (42, ["x"], {"a": 1}, "   "):
            with self.assertRaisesText(UserError, "Please give a reason"):
                as_manager.action_cancel(reason=reason)
            with self.assertRaisesText(UserError, "Please give a reason"):
                as_manager.action_revise(reason=reason)
        self.assertEqual(self.colleague_agreement.state, "agreed")

    def test_manager_cannot_create_an_agreement_outside_the_team(self):
        Agreement = self.env["hr.goal.agreement"].with_user(self.user_manager)
        # The head is above the manager: naming oneself supervisor is no team.
        with self.assertRaisesText(UserError, "only for your own team"):
            Agreement.create(
                {
                    "employee_id": self.employee_head.id,
                    "period_id": self.period.id,
                    "supervisor_id": self.employee_manager.id,
                }
            )
        self.assertFalse(
            self.env["hr.goal.agreement"].search(
                [("employee_id", "=", self.employee_head.id)]
            )
        )
        # His own team member still works.
        agreement = Agreement.create(
            {"employee_id": self.employee.id, "period_id": self.period.id}
        )
        self.assertEqual(agreement.supervisor_id, self.employee_manager)


@tagged("post_install", "-at_install")
class TestNobodyAssessesThemselves(AssessmentCase):
    def test_hr_officer_cannot_fill_in_own_assessment(self):
        officer_employee = self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": self.user_officer.id,
                "parent_id": self.employee_manager.id,
                "department_id": self.department.id,
            }
        )
        self.schedule(officer_employee, user=self.user_admin)
        assessment = self.assessment_of(officer_employee)
        self.assertTrue(assessment)
        as_self = assessment.with_user(self.user_officer)
        self.assertFalse(as_self.can_submit)
        self.assertIn("Nobody assesses themselves", as_self.cannot_submit_reason)
        with self.assertRaisesText(UserError, "Nobody assesses themselves"):
            as_self.line_ids[:1].level_id = self.levels[5]
        with self.assertRaisesText(UserError, "Nobody assesses themselves"):
            as_self.action_submit()
        # The assessor still fills it in.
        self.rate(assessment, self.user_manager)
        assessment.with_user(self.user_manager).action_submit()
        self.assertEqual(assessment.state, "submitted")


@tagged("post_install", "-at_install")
class TestPayMessagesStayWithTheLine(PayRunCase):
    def test_run_messages_name_no_colleague_and_no_amount(self):
        run = self.computed_run()
        line = self.line_of(run, self.employee_colleague)
        line.with_user(self.user_officer)._apply_correction(
            "points", 12.0, "Beschwerde teilweise stattgegeben"
        )
        run.with_user(self.user_admin).action_approve()
        self.env.flush_all()
        for user in (self.user_employee, self.user_manager):
            messages = (
                self.env["mail.message"]
                .with_user(user)
                .search([("model", "=", run._name), ("res_id", "=", run.id)])
            )
            text = " ".join(messages.mapped("body"))
            self.assertNotIn("Colleague", text, user.login)
            self.assertNotIn("Beschwerde", text, user.login)
        # HR and the line's readers still see who and why on the line.
        line_text = " ".join(
            self.env["mail.message"]
            .with_user(self.user_officer)
            .search([("model", "=", line._name), ("res_id", "=", line.id)])
            .mapped("body")
        )
        self.assertIn("Beschwerde teilweise stattgegeben", line_text)

    def test_negative_or_nan_run_budget_is_refused(self):
        run = self.create_run()
        with self.assertRaisesText(ValidationError, "must not be negative"):
            run.with_user(self.user_officer).write({"budget_amount": -1.0})
        for value in (float("nan"), float("inf")):
            with self.assertRaisesText(ValidationError, "Please enter a number"):
                run.with_user(self.user_officer).write({"budget_amount": value})
        with self.assertRaisesText(ValidationError, "Please enter a number"):
            self.create_run(budget_rate=float("nan"))

    def test_only_employee_and_hr_share_a_statement(self):
        run = self.approved_run()
        line = self.line_of(run, self.employee)
        with self.assertRaises(AccessError):
            line.with_user(self.user_payroll).get_portal_url()
        self.assertFalse(line.sudo().access_token)
        self.assertIn(
            "access_token=", line.with_user(self.user_employee).get_portal_url()
        )
        other = self.line_of(run, self.employee_colleague)
        self.assertIn(
            "access_token=", other.with_user(self.user_officer).get_portal_url()
        )

    def test_budget_base_rows_stay_in_open_runs_of_their_company(self):
        run = self.create_run(budget_mode="rate", budget_rate=5.0)
        cancelled = self.create_run(budget_mode="rate", budget_rate=5.0)
        cancelled.with_user(self.user_officer).action_cancel()
        Base = self.env["hr.performance.budget.base"].with_user(self.user_officer)
        row = Base.create(
            {"run_id": run.id, "employee_id": self.employee.id, "base": 36000.0}
        )
        with self.assertRaisesText(UserError, "is locked"):
            row.write({"run_id": cancelled.id})
        self.assertEqual(row.run_id, run)
        with self.assertRaisesText(ValidationError, "another company"):
            Base.create(
                {
                    "run_id": run.id,
                    "employee_id": self.employee_other.id,
                    "base": 1.0,
                }
            )


@tagged("post_install", "-at_install")
class TestInputLimits(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()
        cls.agreement = cls.create_agreement(cls.employee, cls.period)

    def test_nan_and_out_of_range_numbers_are_refused(self):
        as_admin = self.period.with_user(self.user_admin)
        for values in (
            {"self_assessment_weight": 150.0},
            {"self_assessment_weight": float("nan")},
            {"weight_goals": float("nan")},
            {"checkin_interval_days": -5},
            {"pay_budget_amount": float("nan")},
        ):
            with self.assertRaises(ValidationError, msg=str(values)):
                as_admin.write(values)
        goal = self.agreement.goal_ids[:1].with_user(self.user_manager)
        with self.assertRaises(ValidationError):
            goal.write({"weight": float("nan")})

    def test_blank_titles_and_megabyte_texts_are_refused(self):
        goal = self.agreement.goal_ids[:1].with_user(self.user_manager)
        for title in ("", "   "):
            with self.assertRaisesText(ValidationError, "Please fill in"):
                goal.write({"name": title})
        with self.assertRaisesText(ValidationError, "too long"):
            goal.write({"name": "x" * 501})
        with self.assertRaisesText(ValidationError, "too long"):
            goal.write({"success_criteria": "x" * 1_000_000})
        self.assertTrue(goal.name.strip())

    def test_results_of_a_closed_period_are_fixed(self):
        result = self.env["hr.performance.result"]._generate_for_periods(self.period)
        result = result.filtered(lambda r: r.employee_id == self.employee)
        self.assertTrue(result)
        with self.assertRaisesText(UserError, "computed"):
            result.with_user(self.user_officer).write({"final_result": 150.0})
        with self.assertRaisesText(UserError, "computed"):
            result.with_user(self.user_admin).write({"goal_result": 150.0})
        self.period.with_user(self.user_admin).action_close()
        with self.assertRaisesText(UserError, "is closed"):
            result.sudo().write({"final_result": 150.0})
        with self.assertRaisesText(UserError, "is closed"):
            result.sudo().write({"state": "final"})
