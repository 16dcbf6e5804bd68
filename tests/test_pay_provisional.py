from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_pay_payout_date import PayrollPayRunCase


@tagged("post_install", "-at_install")
class TestPayProvisional(PayrollPayRunCase):
    """Provisional lines are settled when the result is final.

    The employee's result is provisional (0 points) when the run is
    computed: the budget of 1000 goes to the colleague (30 points) and the
    portal employee (60 points) at 11.111111 per point. With the final result
    45 the employee is owed 45 x 11.111111 = 500.00 on top of the budget.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.result = cls.results[cls.employee]
        cls.result.write({"state": "provisional", "final_snapshot": False})

    def finalize(self, value=45.0):
        self.result.write(
            {
                "state": "final",
                "final_snapshot": {
                    "goal_result": value,
                    "final_result": value,
                    "complete": True,
                    "breakdown": {},
                },
            }
        )

    def provisional_run(self, state="approved", setting="now"):
        self.period.pay_provisional_difference = setting
        run = self.computed_run(allow_provisional=True)
        if state in ("approved", "posted", "paid"):
            run.with_user(self.user_admin).action_approve()
        if state in ("posted", "paid"):
            run.with_user(self.user_payroll).action_post()
        if state == "paid":
            run.with_user(self.user_payroll).action_mark_paid()
        line = self.line_of(run, self.employee)
        self.assertTrue(line.provisional)
        self.assertEqual(line.amount, 0.0)
        return run, line

    def wizard(self, line, user=None):
        return (
            self.env["hr.performance.pay.settle.wizard"]
            .with_user(user or self.user_officer)
            .create({"line_id": line.id})
        )

    def render(self, user, lines):
        return self.render_statement(user, lines)

    # ------------------------------------------------------------------
    # "now": the difference is paid now
    # ------------------------------------------------------------------
    def test_now_on_approved_run_changes_the_line(self):
        run, line = self.provisional_run("approved")
        self.assertEqual(run.residual_total, 0.0)
        self.finalize()
        wizard = self.wizard(line)
        self.assertEqual(wizard.amount_before, 0.0)
        self.assertEqual(wizard.amount_after, 500.0)
        self.assertEqual(wizard.difference, 500.0)
        self.assertEqual(wizard.mode, "line")
        with self.assertRaisesText(UserError, "enter a reason"):
            wizard.action_confirm()
        self.assertTrue(line.provisional)
        wizard.reason = "Final result after the objection"
        wizard.action_confirm()
        self.assertFalse(line.provisional)
        self.assertTrue(line.settled)
        self.assertEqual(line.result, 45.0)
        self.assertEqual(line.amount, 500.0)
        self.assertEqual(line.settlement_difference, 500.0)
        self.assertEqual(line.settlement_reason, "Final result after the objection")
        # the budget arithmetic stays visible: residual from the budget,
        # the difference on top of it
        self.assertEqual(run.residual_total, 0.0)
        self.assertEqual(run.outside_budget_total, 500.0)
        self.assertEqual(run.amount_total, 1500.0)
        self.assertEqual(run.provisional_count, 0)
        messages = line.message_ids.mapped("body") + run.message_ids.mapped("body")
        self.assertTrue(
            any("Final result after the objection" in str(m) for m in messages)
        )
        html = self.render(self.user_employee, line)
        self.assertIn("Final result after the objection", html)
        self.assertIn("500.00", html)

    def test_now_on_posted_run_creates_a_difference_line_payroll_pays(self):
        run, line = self.provisional_run("posted")
        slip = self.payslip(self.this_month)
        self.assertEqual(self.bonus(slip), 0.0, "nothing to pay yet")
        self.finalize()
        self.env.flush_all()
        self.env.cr.precommit.run()  # start the tracking afresh
        line.with_user(self.user_officer).with_context(
            tracking_disable=False
        ).action_settle("Final result")
        self.assertEqual(line.amount, 0.0, "the posted line stays as it was")
        self.env.flush_all()
        self.env.cr.precommit.run()
        line.invalidate_recordset(["message_ids"])
        tracked = line.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        for name in ("settled", "settlement_difference", "settlement_reason"):
            self.assertIn(name, tracked)
        self.assertEqual(line.settlement_mode, "difference_line")
        difference = line.difference_line_ids
        self.assertEqual(len(difference), 1)
        self.assertEqual(difference.line_type, "difference")
        self.assertEqual(difference.run_id, run)
        self.assertEqual(difference.amount, 500.0)
        self.assertEqual(run.outside_budget_total, 500.0)
        self.assertEqual(run.residual_total, 0.0)
        self.assertEqual(self.bonus(slip), 500.0)
        self.assertEqual(difference.sudo().payslip_id, slip)
        html = self.render(self.user_employee, difference)
        self.assertIn("Final result", html)
        self.assertIn("500.00", html)

    def test_now_on_paid_run_is_still_paid_by_payroll(self):
        run, line = self.provisional_run("paid")
        self.finalize()
        line.with_user(self.user_officer).action_settle("Final result")
        self.assertEqual(run.state, "paid")
        slip = self.payslip(self.this_month)
        self.assertEqual(self.bonus(slip), 500.0)
        slip.action_payslip_done()
        self.assertTrue(line.difference_line_ids.payroll_paid)

    def test_lower_final_result_is_deducted_by_payroll(self):
        self.period.pay_provisional_difference = "now"
        run = self.computed_run(allow_provisional=True)
        line = self.line_of(run, self.employee)
        line.with_user(self.user_officer)._apply_correction(
            "amount", 600.0, "Advance on the expected result"
        )
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll).action_post()
        self.finalize()
        wizard = self.wizard(line)
        self.assertEqual(wizard.amount_before, 600.0)
        self.assertEqual(wizard.amount_after, 500.0)
        self.assertEqual(wizard.difference, -100.0)
        wizard.reason = "Final result lower than expected"
        wizard.action_confirm()
        difference = line.difference_line_ids
        self.assertEqual(difference.amount, -100.0)
        self.assertEqual(run.outside_budget_total, -100.0)
        # one payslip pays the advance and deducts the difference
        slip = self.payslip(self.this_month)
        self.assertEqual(self.bonus(slip), 500.0)
        self.assertEqual(difference.sudo().payslip_id, slip)
        self.assertEqual(line.sudo().payslip_id, slip)

    def test_no_difference_needs_no_reason_and_no_line(self):
        run, line = self.provisional_run("posted")
        self.finalize(0.0)
        line.with_user(self.user_officer).action_settle()
        self.assertTrue(line.settled)
        self.assertEqual(line.settlement_difference, 0.0)
        self.assertFalse(line.difference_line_ids, "no line for no difference")
        self.assertEqual(run.outside_budget_total, 0.0)

    # ------------------------------------------------------------------
    # "next_run": the difference is carried into the next run
    # ------------------------------------------------------------------
    def test_next_run_carries_the_difference(self):
        run, line = self.provisional_run("posted", setting="next_run")
        self.finalize()
        line.with_user(self.user_officer).action_settle("Final result")
        self.assertEqual(line.settlement_mode, "next_run")
        self.assertEqual(line.amount, 0.0)
        self.assertFalse(line.difference_line_ids)
        self.assertFalse(line.carried_to_line_id, "pending")
        self.assertIn("pending", self.render(self.user_officer, line))
        period = self.create_period(
            name="2028",
            date_from="2028-01-01",
            date_to="2028-12-31",
            pay_budget_amount=900.0,
        )
        self.env["hr.performance.bonus.group"].create(
            {"name": "Alle 2028", "period_id": period.id, "selection_type": "all"}
        )
        for employee, value in (
            (self.employee, 30.0),
            (self.employee_colleague, 30.0),
            (self.employee_portal, 30.0),
        ):
            self.create_result(employee, value, period=period)
        next_run = self.create_run(period_id=period.id)
        next_run.action_compute()
        target = self.line_of(next_run, self.employee)
        self.assertEqual(target.amount_distributed, 300.0)
        self.assertEqual(target.carried_amount, 500.0)
        self.assertEqual(target.amount, 800.0)
        self.assertEqual(line.carried_to_line_id, target)
        self.assertEqual(next_run.residual_total, 0.0)
        self.assertEqual(next_run.outside_budget_total, 500.0)
        self.assertEqual(next_run.amount_total, 1400.0)
        # computing again keeps the carried difference (no double count)
        next_run.action_compute()
        target = self.line_of(next_run, self.employee)
        self.assertEqual(target.carried_amount, 500.0)
        self.assertEqual(line.carried_to_line_id, target)
        # a correction of the amount keeps the carried difference on top
        target.with_user(self.user_officer)._apply_correction(
            "amount", 250.0, "Staff council"
        )
        self.assertEqual(target.amount, 750.0)
        html = self.render(self.user_officer, target)
        self.assertIn("Difference carried over from", html)
        self.assertIn(run.display_name, html)
        # a cancelled run does not swallow the difference: the next one pays it
        next_run.with_user(self.user_admin).action_approve()
        next_run.with_user(self.user_admin).action_cancel()
        third = self.create_run(period_id=period.id)
        third.action_compute()
        self.assertEqual(self.line_of(third, self.employee).carried_amount, 500.0)
        self.assertEqual(line.carried_to_line_id.run_id, third)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def test_only_hr_officers_settle(self):
        _run, line = self.provisional_run("approved")
        self.finalize()
        for user in (self.user_manager, self.user_payroll, self.user_employee):
            with self.assertRaises(AccessError):
                line.with_user(user).action_settle("Final result")
        with self.assertRaises(AccessError):
            line.with_user(self.user_other_officer).action_settle("Final result")
        with self.assertRaises(AccessError):
            self.wizard(line, self.user_manager)
        self.assertTrue(line.provisional)

    def test_only_provisional_lines_with_final_result(self):
        run, line = self.provisional_run("approved")
        with self.assertRaisesText(UserError, "no final result"):
            line.with_user(self.user_officer).action_settle("Final result")
        colleague = self.line_of(run, self.employee_colleague)
        with self.assertRaisesText(UserError, "not provisional"):
            colleague.with_user(self.user_officer).action_settle("Final result")
        self.finalize()
        line.with_user(self.user_officer).action_settle("Final result")
        with self.assertRaisesText(UserError, "not provisional"):
            line.with_user(self.user_officer).action_settle("Again")
        self.assertEqual(line.amount, 500.0)

    def test_not_before_approval(self):
        _run, line = self.provisional_run("computed")
        self.finalize()
        self.assertFalse(line.with_user(self.user_officer).can_settle)
        with self.assertRaisesText(UserError, "not approved yet"):
            line.with_user(self.user_officer).action_settle("Final result")

    def test_settlement_fields_cannot_be_written_directly(self):
        _run, line = self.provisional_run("approved")
        with self.assertRaises(UserError):
            line.with_user(self.user_officer).write({"settled": True})
        with self.assertRaises(UserError):
            line.with_user(self.user_officer).write({"carried_amount": 10.0})
