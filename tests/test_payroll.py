from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_pay import PayRunCase


class PayrollCase(PayRunCase):
    """Pay run fixtures with a payroll structure on the contracts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bonus_rule = cls.env.ref("hr_performance.salary_rule_performance_bonus")
        cls.structure = cls.create_payroll_structure()
        for contract in cls.contracts.values():
            contract.struct_id = cls.structure
        today = fields.Date.today()
        cls.date_from = today.replace(day=1)
        cls.date_to = fields.Date.end_of(today, "month")

    def posted_run(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll).action_post()
        self.assertEqual(run.state, "posted")
        return run

    def payslip(self, employee=None, **values):
        employee = employee or self.employee
        vals = {
            "employee_id": employee.id,
            "contract_id": self.contracts[employee].id,
            "struct_id": self.structure.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        vals.update(values)
        return self.env["hr.payslip"].create(vals)

    def bonus_inputs(self, slip):
        return slip.input_line_ids.filtered(lambda inp: inp.code == "LOB")

    def bonus_lines(self, slip):
        return slip.line_ids.filtered(lambda line: line.code == "LOB")

    def assertPaysBonus(self, slip, amount):
        inputs = self.bonus_inputs(slip)
        lines = self.bonus_lines(slip)
        self.assertEqual(len(inputs), 1)
        self.assertEqual(inputs.amount, amount)
        self.assertEqual(inputs.contract_id, slip.contract_id)
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines.total, amount)
        gross = slip.line_ids.filtered(lambda line: line.code == "GROSS")
        self.assertEqual(gross.total, slip.contract_id.wage + amount)


@tagged("post_install", "-at_install")
class TestPayroll(PayrollCase):
    """A posted pay run reaches the payslips as one bonus input."""

    def test_payslip_pays_the_posted_bonus_once(self):
        run = self.posted_run()
        line = self.line_of(run.sudo(), self.employee)
        self.assertGreater(line.amount, 0)
        slip = self.payslip()
        slip.compute_sheet()
        self.assertPaysBonus(slip, line.amount)
        self.assertEqual(line.payslip_id, slip)
        self.assertEqual(line.payslip_line_id, self.bonus_lines(slip))
        for _attempt in range(10):
            slip.compute_sheet()
        self.assertPaysBonus(slip, line.amount)
        self.assertEqual(line.payslip_line_id, self.bonus_lines(slip))
        # a second payslip of the same employee and month pays nothing
        second = self.payslip()
        second.compute_sheet()
        self.assertFalse(self.bonus_inputs(second))
        self.assertFalse(self.bonus_lines(second))
        self.assertEqual(line.payslip_id, slip)

    def test_copied_payslip_does_not_pay_again(self):
        run = self.posted_run()
        slip = self.payslip()
        slip.compute_sheet()
        copy = slip.copy()
        self.assertFalse(self.bonus_inputs(copy))
        copy.compute_sheet()
        self.assertFalse(self.bonus_lines(copy))
        self.assertEqual(self.line_of(run.sudo(), self.employee).payslip_id, slip)

    def test_unposted_or_later_bonus_is_not_paid(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        slip = self.payslip()
        slip.compute_sheet()
        self.assertFalse(self.bonus_inputs(slip))
        run.with_user(self.user_payroll).action_post()
        earlier = self.payslip(
            date_from=fields.Date.subtract(self.date_from, months=1),
            date_to=fields.Date.subtract(self.date_from, days=1),
        )
        earlier.compute_sheet()
        self.assertFalse(self.bonus_inputs(earlier), "payout date after the slip")
        slip.compute_sheet()
        self.assertPaysBonus(slip, self.line_of(run.sudo(), self.employee).amount)

    def test_claim_released_when_it_no_longer_qualifies(self):
        run = self.posted_run()
        slip = self.payslip()
        slip.compute_sheet()
        line = self.line_of(run.sudo(), self.employee)
        self.assertEqual(line.payslip_id, slip)
        slip.write(
            {
                "date_from": fields.Date.subtract(self.date_from, months=1),
                "date_to": fields.Date.subtract(self.date_from, days=1),
            }
        )
        slip.compute_sheet()
        self.assertFalse(self.bonus_inputs(slip))
        self.assertFalse(line.payslip_id)

    def test_batch_payslips_get_the_bonus(self):
        run = self.posted_run()
        batch = self.env["hr.payslip.run"].create(
            {
                "name": "Batch",
                "date_start": self.date_from,
                "date_end": self.date_to,
            }
        )
        wizard = self.env["hr.payslip.employees"].create(
            {"employee_ids": [(6, 0, self.staff.ids)]}
        )
        wizard.with_context(active_id=batch.id).compute_sheet()
        self.assertEqual(len(batch.slip_ids), 3)
        for slip in batch.slip_ids:
            self.assertPaysBonus(
                slip, self.line_of(run.sudo(), slip.employee_id).amount
            )
        batch.slip_ids.compute_sheet()
        for slip in batch.slip_ids:
            self.assertPaysBonus(
                slip, self.line_of(run.sudo(), slip.employee_id).amount
            )

    def test_done_marks_paid_and_run_paid(self):
        run = self.posted_run()
        slips = self.env["hr.payslip"]
        for employee in self.staff:
            slips |= self.payslip(employee)
        slips.compute_sheet()
        slips[0].action_payslip_done()
        paid = run.sudo().line_ids.filtered("payroll_paid")
        self.assertEqual(paid.employee_id, slips[0].employee_id)
        self.assertEqual(run.state, "posted")
        # OCA payroll confirms one payslip at a time (singleton field read)
        for slip in slips[1:]:
            slip.action_payslip_done()
        self.assertTrue(all(run.line_ids.filtered("amount").mapped("payroll_paid")))
        self.assertEqual(run.state, "paid")
        self.assertTrue(run.paid_date)
        # a new payslip never pays a paid bonus again
        again = self.payslip()
        again.compute_sheet()
        self.assertFalse(self.bonus_inputs(again))

    def test_cancel_releases_the_bonus(self):
        run = self.posted_run()
        line = self.line_of(run.sudo(), self.employee)
        slip = self.payslip()
        slip.compute_sheet()
        slip.action_payslip_cancel()
        self.assertFalse(line.payslip_id)
        self.assertFalse(line.payroll_paid)
        other = self.payslip()
        other.compute_sheet()
        self.assertPaysBonus(other, line.amount)
        self.assertEqual(line.payslip_id, other)

    def test_cancelling_a_done_payslip_reopens_the_run(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "payroll.allow_cancel_payslips", True
        )
        run = self.posted_run()
        slips = self.env["hr.payslip"]
        for employee in self.staff:
            slips |= self.payslip(employee)
        slips.compute_sheet()
        for slip in slips:
            slip.action_payslip_done()
        self.assertEqual(run.state, "paid")
        slips[0].action_payslip_cancel()
        line = self.line_of(run.sudo(), slips[0].employee_id)
        self.assertFalse(line.payroll_paid)
        self.assertFalse(line.payslip_id)
        self.assertEqual(run.state, "posted")
        self.assertFalse(run.paid_date)
        other = self.payslip(slips[0].employee_id)
        other.compute_sheet()
        self.assertPaysBonus(other, line.amount)
        other.action_payslip_done()
        self.assertEqual(run.state, "paid")

    def test_refund_releases_the_bonus_for_the_next_payslip(self):
        run = self.posted_run()
        slips = self.env["hr.payslip"]
        for employee in self.staff:
            slips |= self.payslip(employee)
        slips.compute_sheet()
        for slip in slips:
            slip.action_payslip_done()
        self.assertEqual(run.state, "paid")
        line = self.line_of(run.sudo(), slips[0].employee_id)
        slips[0].refund_sheet()
        refund = slips[0].refunded_id
        # the refund (a credit note) takes the bonus back with the rest
        self.assertTrue(refund.credit_note)
        self.assertEqual(self.bonus_lines(refund).total, line.amount)
        self.assertFalse(line.payroll_paid)
        self.assertFalse(line.payslip_id)
        self.assertEqual(run.state, "posted")
        self.assertIn("was refunded", line.message_ids[:1].body)
        corrected = self.payslip(slips[0].employee_id)
        corrected.compute_sheet()
        self.assertPaysBonus(corrected, line.amount)
        corrected.action_payslip_done()
        self.assertEqual(line.payslip_id, corrected)
        self.assertEqual(run.state, "paid")
        # the other employees' bonuses stay paid by their payslips
        for slip in slips[1:]:
            self.assertEqual(
                self.line_of(run.sudo(), slip.employee_id).payslip_id, slip
            )

    def test_deleting_a_draft_payslip_releases_the_bonus(self):
        run = self.posted_run()
        line = self.line_of(run.sudo(), self.employee)
        slip = self.payslip()
        slip.compute_sheet()
        slip.action_payslip_draft()
        slip.unlink()
        self.env.invalidate_all()
        self.assertFalse(line.payslip_id)
        other = self.payslip()
        other.compute_sheet()
        self.assertPaysBonus(other, line.amount)

    def test_hr_officer_reads_run_without_payroll_links(self):
        run = self.posted_run()
        slip = self.payslip()
        slip.compute_sheet()
        self.env.flush_all()
        officer_run = run.with_user(self.user_officer)
        officer_run.invalidate_recordset()
        officer_lines = officer_run.line_ids
        officer_lines.invalidate_recordset()
        read = officer_lines.read(["employee_id", "amount", "payroll_paid"])
        self.assertEqual(len(read), 3)
        self.assertNotIn("payslip_id", officer_lines.fields_get())
        with self.assertRaises(AccessError):
            officer_lines.read(["payslip_id"])
        payroll_line = self.line_of(run, self.employee).with_user(self.user_payroll)
        payroll_line.invalidate_recordset()
        self.assertEqual(payroll_line.payslip_id.id, slip.id)
        self.assertIn("payslip_line_id", payroll_line.fields_get())


@tagged("post_install", "-at_install")
class TestPayrollRole(PayrollCase):
    """The payroll role of the demo (OCA payroll manager) runs the month:
    a batch, its payslips computed with the bonus, confirmed, the run paid.
    The plain payroll officer of OCA payroll sees no batches and only the
    payslips of his own department, which is why the role is the manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_payroll_manager = cls.new_user(
            "hrp_payroll_manager", "base.group_user,payroll.group_payroll_manager"
        )

    def test_payroll_manager_computes_and_confirms_a_batch(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll_manager).action_post()
        env = self.env(user=self.user_payroll_manager)
        batch = env["hr.payslip.run"].create(
            {"name": "Dezember", "date_start": self.date_from, "date_end": self.date_to}
        )
        wizard = env["hr.payslip.employees"].create(
            {"employee_ids": [(6, 0, self.staff.ids)]}
        )
        wizard.with_context(active_id=batch.id).compute_sheet()
        self.assertEqual(len(batch.slip_ids), 3)
        batch.slip_ids.compute_sheet()
        for slip in batch.slip_ids:
            self.assertPaysBonus(
                slip, self.line_of(run.sudo(), slip.employee_id).amount
            )
        for slip in batch.slip_ids:
            # OCA payroll confirms one payslip at a time (its button does)
            slip.action_payslip_done()
        self.assertEqual(set(batch.slip_ids.mapped("state")), {"done"})
        self.assertEqual(run.state, "paid")

    def test_payroll_manager_saves_a_payslip_in_the_form(self):
        run = self.posted_run()
        with Form(self.env["hr.payslip"].with_user(self.user_payroll_manager)) as form:
            # The month, contract and structure follow from the employee.
            form.employee_id = self.employee
        slip = form.record
        self.assertEqual(slip.contract_id, self.contracts[self.employee])
        self.assertEqual(slip.date_from, self.date_from)
        slip.compute_sheet()
        self.assertPaysBonus(slip, self.line_of(run.sudo(), self.employee).amount)

    def test_payroll_manager_may_not_approve_or_read_assessments(self):
        run = self.computed_run()
        with self.assertRaisesText(UserError, "Only HR administrators can approve"):
            run.with_user(self.user_payroll_manager).action_approve()
        # Payroll pays; it does not read goals or ratings.
        agreement = self.create_agreement(self.employee, self.period)
        as_payroll = agreement.with_user(self.user_payroll_manager)
        self.assertFalse(as_payroll.search([("id", "=", agreement.id)]))
        with self.assertRaises(AccessError):
            as_payroll.read(["name"])
