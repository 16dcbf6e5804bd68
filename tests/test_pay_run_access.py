from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestPayRunAccess(PayRunCase):
    """Every transition per role, locking, and who reads which line."""

    def reread(self, records, user):
        self.env.flush_all()
        records = records.with_user(user)
        records.invalidate_recordset()
        return records

    def test_officer_prepares_admin_approves(self):
        run = self.computed_run()
        self.assertTrue(run.can_compute)
        self.assertFalse(run.can_approve)
        self.assertEqual(
            run.cannot_approve_reason,
            "Only HR administrators can approve pay runs or cancel approved ones.",
        )
        with self.assertRaisesText(UserError, "Only HR administrators"):
            run.action_approve()
        with self.assertRaises(UserError):
            run.with_user(self.user_employee).action_compute()
        with self.assertRaisesText(UserError, "Only HR officers"):
            run.with_user(self.user_manager)._workflow_check("compute")
        with self.assertRaises(UserError):
            run.with_user(self.user_payroll).action_approve()
        with self.assertRaisesText(UserError, "Only HR officers"):
            run.with_user(self.user_payroll).action_compute()
        with self.assertRaises(UserError):
            run.with_user(self.user_manager).action_approve()
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(run.state, "approved")
        self.assertEqual(run.approved_by_id, self.user_admin)
        self.assertTrue(run.approved_date)
        with self.assertRaisesText(
            UserError, "can only be approved once it is computed"
        ):
            run.with_user(self.user_admin).action_approve()

    def test_approved_run_is_locked(self):
        run = self.approved_run()
        line = run.line_ids[:1]
        with self.assertRaisesText(UserError, "is locked"):
            line.with_user(self.user_officer).pay_factor = 2.0
        with self.assertRaisesText(UserError, "is locked"):
            line.with_user(self.user_admin).sudo().write({"amount": 1.0})
        with self.assertRaisesText(UserError, "locked"):
            run.with_user(self.user_admin).budget_amount = 2000.0
        with self.assertRaisesText(UserError, "cannot be deleted"):
            run.with_user(self.user_admin).unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            line.with_user(self.user_admin).unlink()
        with self.assertRaisesText(UserError, "can only be computed"):
            run.with_user(self.user_officer).action_compute()
        with self.assertRaises(UserError):
            line.with_user(self.user_officer)._apply_correction("points", 1.0, "x")
        with self.assertRaisesText(UserError, "cannot be changed"):
            self.group_all.with_user(self.user_admin).sub_budget_share = 50.0
        self.assertEqual(run.budget, 1000.0)

    def test_budget_changed_after_compute_blocks_approval(self):
        run = self.computed_run()
        run.budget_amount = 1200.0
        with self.assertRaisesText(UserError, "changed after it was computed"):
            run.with_user(self.user_admin).action_approve()
        run.action_compute()
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(run.amount_total, 1200.0)

    def test_raw_state_writes_are_guarded(self):
        run = self.computed_run()
        with self.assertRaisesText(UserError, "this way"):
            run.with_user(self.user_officer).write({"state": "approved"})
        # Not even the approver: a state write would leave no approver or date.
        with self.assertRaisesText(UserError, "this way"):
            run.with_user(self.user_admin).write({"state": "approved"})
        with self.assertRaisesText(UserError, "cannot change from Computed to Paid"):
            run.with_user(self.user_admin).write({"state": "paid"})
        with self.assertRaisesText(UserError, "set by the workflow only"):
            run.with_user(self.user_admin).write({"approved_by_id": self.user_admin.id})
        with self.assertRaises(AccessError):
            run.with_user(self.user_payroll).write({"state": "posted"})
        self.assertEqual(run.state, "computed")

    def test_post_and_pay_by_payroll_officer(self):
        run = self.computed_run()
        with self.assertRaisesText(UserError, "once it is approved"):
            run.with_user(self.user_payroll).action_post()
        run.with_user(self.user_admin).action_approve()
        with self.assertRaisesText(UserError, "Only payroll officers"):
            run.with_user(self.user_admin).action_post()
        with self.assertRaisesText(UserError, "Only payroll officers"):
            run.with_user(self.user_officer).action_post()
        with self.assertRaisesText(UserError, "Only HR administrators"):
            run.with_user(self.user_payroll)._workflow_check("cancel")
        with self.assertRaisesText(UserError, "once it is posted"):
            run.with_user(self.user_payroll).action_mark_paid()
        run.with_user(self.user_payroll).action_post()
        self.assertEqual(run.state, "posted")
        with self.assertRaisesText(UserError, "once it is approved"):
            run.with_user(self.user_payroll).action_post()
        with self.assertRaisesText(UserError, "before it is posted"):
            run.with_user(self.user_admin).action_cancel()
        run.with_user(self.user_payroll).action_mark_paid()
        self.assertEqual(run.state, "paid")
        self.assertTrue(run.paid_date)

    def test_cancel_and_reset(self):
        run = self.computed_run()
        run.action_cancel()
        self.assertEqual(run.state, "cancelled")
        with self.assertRaises(UserError):
            run.action_compute()
        run.action_reset()
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.line_ids)
        run.action_compute()
        run.with_user(self.user_admin).action_approve()
        with self.assertRaisesText(UserError, "Only HR administrators"):
            run.action_cancel()
        run.with_user(self.user_admin).action_cancel()
        self.assertEqual(run.state, "cancelled")

    def test_one_group_is_paid_by_one_run(self):
        self.computed_run()
        second = self.create_run()
        with self.assertRaisesText(UserError, "is already paid by the pay run"):
            second.action_compute()

    def test_payroll_reads_runs_and_lines(self):
        run = self.computed_run()
        lines = self.reread(run.line_ids, self.user_payroll)
        self.assertEqual(len(lines.mapped("amount")), 3)
        with self.assertRaises(AccessError):
            lines[:1].write({"pay_factor": 3.0})

    def test_employee_sees_own_line_after_approval(self):
        run = self.computed_run()
        Line = self.env["hr.performance.pay.line"].with_user(self.user_employee)
        self.assertFalse(Line.search([]))
        run.with_user(self.user_admin).action_approve()
        lines = Line.search([])
        self.assertEqual(lines.employee_id, self.employee)
        self.assertEqual(lines.amount, 333.33)
        self.assertEqual(lines.run_id.with_user(self.user_employee).name, run.name)
        other = self.reread(
            self.line_of(run, self.employee_colleague), self.user_employee
        )
        with self.assertRaises(AccessError):
            other.read(["amount"])
        with self.assertRaises(UserError):
            lines.write({"pay_factor": 2.0})

    def test_manager_sees_team_after_approval_if_allowed(self):
        run = self.computed_run()
        Line = self.env["hr.performance.pay.line"].with_user(self.user_manager)
        self.assertFalse(Line.search([]))
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(len(Line.search([])), 3)
        with self.assertRaises(UserError):
            Line.search([])[:1].write({"pay_factor": 2.0})
        self.period.pay_manager_visible = False
        self.env.flush_all()
        self.assertFalse(Line.search([]))

    def test_other_company_sees_nothing(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        other = self.user_other_officer
        self.assertFalse(self.env["hr.performance.pay.run"].with_user(other).search([]))
        self.assertFalse(
            self.env["hr.performance.pay.line"].with_user(other).search([])
        )
        with self.assertRaises(AccessError):
            self.reread(run, other).read(["budget"])
        with self.assertRaises(AccessError):
            self.reread(run, other).action_compute()

    def test_portal_user_cannot_read_runs(self):
        run = self.approved_run()
        with self.assertRaises(AccessError):
            self.reread(run.line_ids, self.user_portal).read(["amount"])
