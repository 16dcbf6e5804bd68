from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_pay import PayRunCase


class PayrollPayRunCase(PayRunCase):
    """Pay runs with a salary structure and payslips of a chosen month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.structure = cls.create_payroll_structure()
        for contract in cls.contracts.values():
            contract.struct_id = cls.structure
        cls.today = fields.Date.context_today(cls.env.user)
        cls.this_month = cls.today.replace(day=1)
        cls.next_month = fields.Date.add(cls.this_month, months=1)

    def payslip(self, month, employee=None):
        employee = employee or self.employee
        return self.env["hr.payslip"].create(
            {
                "employee_id": employee.id,
                "contract_id": self.contracts[employee].id,
                "struct_id": self.structure.id,
                "date_from": month,
                "date_to": fields.Date.end_of(month, "month"),
            }
        )

    def bonus(self, slip):
        slip.compute_sheet()
        return sum(
            slip.input_line_ids.filtered(lambda inp: inp.code == "LOB").mapped("amount")
        )


@tagged("post_install", "-at_install")
class TestPayPayoutDate(PayrollPayRunCase):
    """The run's payout date decides which month's payslip pays the bonus."""

    def test_payout_next_month_is_paid_with_next_months_payslip(self):
        run = self.computed_run()
        run.with_user(self.user_officer).write({"payout_date": self.next_month})
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll).action_post()
        self.assertEqual(run.payout_date, self.next_month, "kept when posting")
        line = self.line_of(run.sudo(), self.employee)
        self.assertGreater(line.amount, 0)
        this_slip = self.payslip(self.this_month)
        self.assertEqual(self.bonus(this_slip), 0.0)
        self.assertFalse(line.payslip_id)
        next_slip = self.payslip(self.next_month)
        self.assertEqual(self.bonus(next_slip), line.amount)
        self.assertEqual(line.payslip_id, next_slip)
        # computing this month's payslip again does not take it away
        self.assertEqual(self.bonus(this_slip), 0.0)
        self.assertEqual(line.payslip_id, next_slip)

    def test_empty_payout_date_is_the_posting_day(self):
        run = self.approved_run()
        self.assertFalse(run.payout_date)
        run.with_user(self.user_payroll).action_post()
        self.assertEqual(run.payout_date, self.today)
        line = self.line_of(run.sudo(), self.employee)
        previous_month = fields.Date.subtract(self.this_month, months=1)
        self.assertEqual(self.bonus(self.payslip(previous_month)), 0.0)
        self.assertEqual(self.bonus(self.payslip(self.this_month)), line.amount)

    def test_payout_date_is_locked_once_posted(self):
        run = self.approved_run()
        run.with_user(self.user_officer).write({"payout_date": self.next_month})
        run.with_user(self.user_payroll).action_post()
        with self.assertRaisesText(UserError, "can no longer change"):
            run.with_user(self.user_officer).write({"payout_date": self.this_month})
        self.assertEqual(run.payout_date, self.next_month)
