from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestPayAdvances(PayRunCase):
    """Advance runs (Abschlag) and the final run that offsets them.

    Budget 1,000.00 in one bonus group, advance share 50 %. When the
    advance is computed the employee (45) and the colleague (30) have
    provisional results, the portal employee none. Final results are 45,
    30 and 60 unless a test says otherwise.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.write({"pay_advance_share": 50.0, "pay_advance_missing": "skip"})
        portal = cls.results[cls.employee_portal]
        portal.write({"state": "provisional", "final_snapshot": False})
        portal.unlink()
        for employee in (cls.employee, cls.employee_colleague):
            cls.make_provisional(cls.results[employee])

    @classmethod
    def make_provisional(cls, result):
        # A provisional result as the goal agreement leaves it (final_result
        # and complete are computed from the agreement, tested elsewhere):
        # the stored values are set directly.
        value = result.final_result
        result.write({"state": "provisional", "final_snapshot": False})
        result.flush_recordset()
        cls.env.cr.execute(
            "UPDATE hr_performance_result SET final_result = %s, complete = true "
            "WHERE id = %s",
            (value, result.id),
        )
        result.invalidate_recordset()

    def finalize(self, values):
        for employee, value in values.items():
            result = self.env["hr.performance.result"].search(
                [("employee_id", "=", employee.id), ("period_id", "=", self.period.id)]
            )
            snapshot = {
                "goal_result": value,
                "final_result": value,
                "complete": True,
                "breakdown": {},
            }
            if result:
                result.write({"state": "final", "final_snapshot": snapshot})
            else:
                self.create_result(employee, value)

    def advance_run(self, approve=True):
        run = self.create_run(run_type="advance")
        run.action_compute()
        if approve:
            run.with_user(self.user_admin).action_approve()
        return run

    def cents(self, run):
        return {line.employee_id: round(line.amount * 100) for line in run.line_ids}

    def period_totals(self):
        self.period.invalidate_recordset()
        return (
            self.period.pay_budget_total,
            self.period.pay_advanced_total,
            self.period.pay_final_total,
            self.period.pay_residual_total,
        )

    # ------------------------------------------------------------------
    # Advance runs
    # ------------------------------------------------------------------
    def test_advance_lists_and_skips_who_has_no_provisional_result(self):
        run = self.create_run(run_type="advance")
        self.assertEqual(run.name, f"Advance {self.period.name}")
        self.assertEqual(run.advance_missing, self.employee_portal.name)
        run.action_compute()
        # 50 % of 1,000.00 by points 45:30.
        self.assertEqual(
            self.cents(run), {self.employee: 30000, self.employee_colleague: 20000}
        )
        self.assertTrue(all(run.line_ids.mapped("provisional")))
        html = self.render_statement(
            self.user_officer, self.line_of(run, self.employee)
        )
        self.assertIn("Advance (Abschlag)", html)
        self.assertIn("The final run of the period offsets it", html)

    def test_advance_on_an_assumed_result(self):
        self.period.write(
            {"pay_advance_missing": "assume", "pay_advance_assumed_result": 75.0}
        )
        run = self.advance_run(approve=False)
        portal = self.line_of(run, self.employee_portal)
        self.assertTrue(portal.result_assumed)
        self.assertEqual(portal.result, 75.0)
        # 500.00 by points 45:30:75 = 150.00, 100.00, 250.00
        self.assertEqual(
            self.cents(run),
            {
                self.employee: 15000,
                self.employee_colleague: 10000,
                self.employee_portal: 25000,
            },
        )
        html = self.render_statement(self.user_officer, portal)
        self.assertIn("assumed: no provisional result yet", html)

    def test_advances_never_exceed_the_share_together(self):
        self.advance_run()
        with self.assertRaisesText(UserError, "already reach the advance share of 50"):
            self.advance_run()
        self.period.pay_advance_share = 80.0
        second = self.advance_run()
        self.assertEqual(sum(second.line_ids.mapped("amount")), 300.0)
        self.assertEqual(self.period_totals()[1], 800.0)

    def test_advance_lines_are_not_settled_on_their_own(self):
        run = self.advance_run()
        self.finalize({self.employee: 45.0})
        line = self.line_of(run, self.employee)
        self.assertFalse(line.can_settle)
        self.assertIn("the final run of", line.cannot_settle_reason)
        with self.assertRaisesText(UserError, "is an advance"):
            line.with_user(self.user_officer).action_settle("test")

    # ------------------------------------------------------------------
    # The final run
    # ------------------------------------------------------------------
    def test_final_run_distributes_the_whole_budget_and_offsets_advances(self):
        self.advance_run()
        self.finalize(
            {
                self.employee: 45.0,
                self.employee_colleague: 30.0,
                self.employee_portal: 60.0,
            }
        )
        final = self.approved_run()
        # Shares of 1,000.00 by 45:30:60 = 333.33, 222.22, 444.45 (the cent
        # goes to the largest remainder) minus advances 300.00 and 200.00.
        self.assertEqual(
            self.cents(final),
            {
                self.employee: 3333,
                self.employee_colleague: 2222,
                self.employee_portal: 44445,
            },
        )
        line = self.line_of(final, self.employee)
        self.assertEqual(line.advance_amount, 300.0)
        self.assertEqual(line.amount_distributed, 333.33)
        self.assertEqual(final.advance_total, 500.0)
        self.assertEqual(final.residual_total, 0.0)
        self.assertEqual(self.period_totals(), (1000.0, 500.0, 500.0, 0.0))
        self.assertFalse(self.period.pay_budget_warning)
        html = self.render_statement(self.user_officer, line)
        self.assertIn("Advances already paid", html)
        self.assertIn("-300.00", html)

    def final_after_a_low_result(self):
        """Advance on 45/30 (300.00/200.00), then the colleague's final
        result drops to 10: shares 45:10:60 of 1,000.00."""
        self.advance_run()
        self.finalize(
            {
                self.employee: 45.0,
                self.employee_colleague: 10.0,
                self.employee_portal: 60.0,
            }
        )
        final = self.computed_run()
        return final

    def test_an_advance_above_the_final_share_is_deducted(self):
        final = self.final_after_a_low_result()
        # Shares by 45:10:60 of 1,000.00: 391.30, 86.96, 521.74.
        colleague = self.line_of(final, self.employee_colleague)
        self.assertEqual(colleague.amount_distributed, 86.96)
        self.assertEqual(colleague.amount, -113.04)
        self.assertEqual(colleague.advance_clawback, 113.04)
        self.assertEqual(self.line_of(final, self.employee).amount, 91.30)
        total = sum(final.line_ids.mapped("amount")) + 500.0
        self.assertAlmostEqual(total, 1000.0, places=2)
        html = self.render_statement(self.user_officer, colleague)
        self.assertIn("Advance above the final share, deducted", html)

    def test_an_advance_above_the_final_share_is_kept(self):
        self.period.pay_advance_excess = "keep"
        final = self.final_after_a_low_result()
        colleague = self.line_of(final, self.employee_colleague)
        self.assertEqual(colleague.amount, 0.0)
        self.assertEqual(colleague.advance_kept, 113.04)
        # The others share 1,000.00 - 200.00 by 45:60: 342.86 and 457.14.
        self.assertEqual(
            self.cents(final),
            {
                self.employee: 4286,
                self.employee_colleague: 0,
                self.employee_portal: 45714,
            },
        )
        self.assertEqual(self.period_totals(), (1000.0, 500.0, 500.0, 0.0))
        html = self.render_statement(self.user_officer, colleague)
        self.assertIn("Advance above the final share, kept", html)

    def test_order_of_runs_is_enforced(self):
        advance = self.advance_run(approve=False)
        self.finalize(
            {
                self.employee: 45.0,
                self.employee_colleague: 30.0,
                self.employee_portal: 60.0,
            }
        )
        with self.assertRaisesText(UserError, "is not approved yet"):
            self.computed_run()
        with self.assertRaisesText(UserError, "can only be changed while it is draft"):
            advance.with_user(self.user_officer).run_type = "final"
        advance.with_user(self.user_admin).action_approve()
        final = self.computed_run()
        with self.assertRaisesText(UserError, "no more advances are paid"):
            self.advance_run(approve=False)
        self.assertFalse(advance.with_user(self.user_admin).can_cancel)
        with self.assertRaisesText(UserError, "cancel or reset the final run first"):
            advance.with_user(self.user_admin).action_cancel()
        final.with_user(self.user_officer).action_cancel()
        advance.with_user(self.user_admin).action_cancel()
        self.assertEqual(advance.state, "cancelled")

    def test_cost_control_counts_the_budget_once(self):
        self.advance_run()
        self.finalize(
            {
                self.employee: 45.0,
                self.employee_colleague: 30.0,
                self.employee_portal: 60.0,
            }
        )
        self.approved_run()
        rows = self.env["hr.performance.cost.control"]._get_cost_control_rows(
            [("period_id", "=", self.period.id)]
        )
        self.assertEqual(sum(row["budget"] for row in rows), 1000.0)
        self.assertEqual(sum(row["advanced"] for row in rows), 500.0)
        self.assertEqual(sum(row["computed"] for row in rows), 1000.0)
        self.assertEqual(sum(row["remaining"] for row in rows), 0.0)

    def test_computed_money_above_the_budget_is_warned(self):
        self.advance_run()
        self.finalize(
            {
                self.employee: 45.0,
                self.employee_colleague: 30.0,
                self.employee_portal: 60.0,
            }
        )
        final = self.computed_run()
        wizard = (
            self.env["hr.performance.pay.correction.wizard"]
            .with_user(self.user_officer)
            .create(
                {
                    "line_id": self.line_of(final, self.employee).id,
                    "kind": "amount",
                    "amount": 400.0,
                    "reason": "Nachberechnung",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(self.line_of(final, self.employee).amount, 100.0)
        self.period.invalidate_recordset()
        self.assertIn("exceed the budget", self.period.pay_budget_warning)


@tagged("post_install", "-at_install")
class TestBonusGroupEntitlement(PayRunCase):
    """A group "all others" without entitlement names who gets no pay."""

    def test_all_others_not_entitled_get_no_line(self):
        self.group_all.write(
            {
                "selection_type": "manual",
                "employee_ids": [(6, 0, (self.employee | self.employee_colleague).ids)],
            }
        )
        rest = self.env["hr.performance.bonus.group"].create(
            {
                "name": "Beamte",
                "period_id": self.period.id,
                "selection_type": "rest",
                "entitled": False,
            }
        )
        self.assertEqual(rest.sub_budget_share, 0.0)
        run = self.computed_run()
        self.assertEqual(
            run.line_ids.employee_id, self.employee | self.employee_colleague
        )
        self.assertEqual(sum(run.line_ids.mapped("amount")), 1000.0)
        self.assertNotIn("Beamte", run.group_summary_html)

    def test_a_group_without_entitlement_has_no_budget(self):
        with self.assertRaisesText(ValidationError, "its sub-budget must be 0"):
            self.env["hr.performance.bonus.group"].create(
                {
                    "name": "Beamte",
                    "period_id": self.period.id,
                    "selection_type": "rest",
                    "entitled": False,
                    "sub_budget_share": 10.0,
                }
            )

    def test_without_a_rest_group_nobody_is_forgotten(self):
        self.group_all.write(
            {
                "selection_type": "manual",
                "employee_ids": [(6, 0, self.employee.ids)],
            }
        )
        with self.assertRaisesText(UserError, "In no bonus group"):
            self.computed_run()
