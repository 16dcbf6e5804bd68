import base64
import datetime as dt
import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_pay import PayRunCase

COLUMNS = [
    "Company",
    "Period",
    "Bonus Group",
    "Month",
    "Budget",
    "Advanced",
    "Computed",
    "Approved",
    "Paid",
    "Budget Minus Computed",
    "Employees (Computed)",
    "Average per Employee (Computed)",
    "Employees (Paid)",
    "Average per Employee (Paid)",
]


@tagged("post_install", "-at_install")
class TestCostControl(PayRunCase):
    """Cost control (Kostenkontrolle): budget vs. computed vs. paid per bonus
    group and month, the average per employee, and its XLSX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.structure = cls.create_payroll_structure()
        for contract in cls.contracts.values():
            contract.struct_id = cls.structure
        today = fields.Date.today()
        cls.this_month = today.replace(day=1)
        cls.next_month = cls.this_month + relativedelta(months=1)

    def figures(self, user, domain=None):
        CostControl = self.env["hr.performance.cost.control"].with_user(user)
        return CostControl._get_cost_control_rows(domain or [])

    def by_month(self, rows):
        return {row["month"]: row for row in rows}

    def posted_run(self):
        run = self.computed_run()
        run.with_user(self.user_officer).write({"payout_date": self.this_month})
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll).action_post()
        return run

    def pay_next_month(self, employee):
        """Confirm next month's payslip of ``employee`` (pays the bonus)."""
        slip = self.env["hr.payslip"].create(
            {
                "employee_id": employee.id,
                "contract_id": self.contracts[employee].id,
                "struct_id": self.structure.id,
                "date_from": self.next_month,
                "date_to": fields.Date.end_of(self.next_month, "month"),
            }
        )
        slip.compute_sheet()
        slip.action_payslip_done()
        return slip

    def test_computed_run_counts_budget_and_payouts(self):
        run = self.computed_run()
        run.with_user(self.user_officer).write({"payout_date": "2028-02-10"})
        rows = self.figures(self.user_officer)
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["month"], dt.date(2028, 2, 1))
        self.assertEqual(row["group"], "Alle")
        self.assertEqual(row["period"], self.period.display_name)
        self.assertEqual(row["budget"], 1000.0)
        self.assertEqual(row["computed"], 1000.0)
        self.assertEqual(row["approved"], 0.0)
        self.assertEqual(row["paid"], 0.0)
        self.assertEqual(row["remaining"], 0.0)
        self.assertEqual(row["computed_employees"], 3)
        self.assertEqual(row["average_computed"], 333.33)
        self.assertEqual(row["paid_employees"], 0)

    def test_draft_and_cancelled_runs_do_not_count(self):
        run = self.create_run()
        self.assertFalse(self.figures(self.user_officer))
        run.action_compute()
        self.assertTrue(self.figures(self.user_officer))
        run.action_cancel()
        self.assertFalse(self.figures(self.user_officer))

    def test_paid_in_the_month_of_the_payslip(self):
        run = self.posted_run()
        line = self.line_of(run.sudo(), self.employee)
        self.pay_next_month(self.employee)
        self.assertTrue(line.payroll_paid)
        months = self.by_month(self.figures(self.user_payroll))
        self.assertEqual(set(months), {self.this_month, self.next_month})
        now, later = months[self.this_month], months[self.next_month]
        self.assertEqual(now["budget"], 1000.0)
        self.assertEqual(now["computed"], 1000.0)
        self.assertEqual(now["approved"], 1000.0)
        self.assertEqual(now["paid"], 0.0)
        self.assertEqual(later["budget"], 0.0)
        self.assertEqual(later["paid"], line.amount)
        self.assertEqual(later["paid_employees"], 1)
        self.assertEqual(later["average_paid"], line.amount)
        # the pivot reads the same model: paid per month by read_group
        groups = (
            self.env["hr.performance.cost.control"]
            .with_user(self.user_officer)
            ._read_group([], ["month:month"], ["paid_amount:sum", "budget:sum"])
        )
        self.assertEqual(
            {month: (paid, budget) for month, paid, budget in groups},
            {self.this_month: (0.0, 1000.0), self.next_month: (line.amount, 0.0)},
        )

    def test_run_marked_paid_counts_as_paid(self):
        run = self.posted_run()
        run.with_user(self.user_payroll).action_mark_paid()
        rows = self.figures(self.user_officer)
        self.assertEqual(sum(row["paid"] for row in rows), 1000.0)
        self.assertEqual(sum(row["paid_employees"] for row in rows), 3)

    def test_xlsx_as_payroll_officer(self):
        run = self.posted_run()
        line = self.line_of(run.sudo(), self.employee)
        self.pay_next_month(self.employee)
        wizard = (
            self.env["hr.performance.cost.control.export"]
            .with_user(self.user_payroll)
            .create({"period_ids": [(6, 0, self.period.ids)]})
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"id={wizard.id}", action["url"])
        wizard.invalidate_recordset()
        content = base64.b64decode(wizard.file_data)
        sheet = openpyxl.load_workbook(io.BytesIO(content), data_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        start = rows.index(COLUMNS) + 1
        data = [dict(zip(COLUMNS, row, strict=True)) for row in rows[start:-1]]
        total = dict(zip(COLUMNS, rows[-1], strict=True))
        months = {row["Month"].date(): row for row in data}
        now, later = months[self.this_month], months[self.next_month]
        self.assertEqual(now["Budget"], 1000.0)
        self.assertEqual(now["Computed"], 1000.0)
        self.assertEqual(now["Employees (Computed)"], 3)
        self.assertEqual(now["Average per Employee (Computed)"], 333.33)
        self.assertEqual(later["Paid"], line.amount)
        self.assertEqual(later["Average per Employee (Paid)"], line.amount)
        self.assertEqual(total["Company"], "Total")
        self.assertEqual(total["Budget"], 1000.0)
        self.assertEqual(total["Paid"], line.amount)
        self.assertEqual(now["Company"], self.company.name)
        self.assertEqual(now["Bonus Group"], "Alle")

    def test_month_filter_of_the_export(self):
        self.posted_run()
        self.pay_next_month(self.employee)
        wizard = (
            self.env["hr.performance.cost.control.export"]
            .with_user(self.user_officer)
            .create({"date_from": self.next_month, "date_to": self.next_month})
        )
        rows = self.figures(self.user_officer, wizard._export_domain())
        self.assertEqual([row["month"] for row in rows], [self.next_month])
        self.assertEqual(rows[0]["budget"], 0.0)

    def test_who_may_see_cost_control(self):
        self.posted_run()
        self.assertTrue(self.figures(self.user_admin))
        self.assertTrue(self.figures(self.user_payroll))
        # other company: nothing of this company
        self.assertFalse(self.figures(self.user_other_officer))
        self.assertFalse(
            self.env["hr.performance.cost.control"]
            .with_user(self.user_other_officer)
            .search([])
        )
        for user in (self.user_manager, self.user_employee):
            with self.assertRaises(AccessError):
                self.figures(user)
            with self.assertRaises(AccessError):
                self.env["hr.performance.cost.control.export"].with_user(user).create(
                    {}
                )

    def test_export_file_belongs_to_its_creator(self):
        self.posted_run()
        wizard = (
            self.env["hr.performance.cost.control.export"]
            .with_user(self.user_officer)
            .create({})
        )
        wizard.action_export()
        self.env.flush_all()
        other = wizard.with_user(self.user_admin)
        other.invalidate_recordset()
        with self.assertRaises(AccessError):
            other.read(["file_data"])
