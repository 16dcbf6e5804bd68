import datetime as dt
import io
from decimal import Decimal

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common_pay import PayRunCase

HEADER = [
    "Personnel No.",
    "Employee",
    "Wage Type Code",
    "Wage Type",
    "Amount",
    "Payroll Month",
    "Performance Period",
    "Cost Centre (Department)",
    "Bonus Group",
]


@tagged("post_install", "-at_install")
class TestPayExport(PayRunCase):
    """XLSX export of a pay run for an external payroll, read back with
    openpyxl, exported by the users who may and may not do it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee.identification_id = "P-1001"
        cls.employee_colleague.identification_id = "P-1002"
        cls.employee_portal.identification_id = "P-1003"
        cls.bonus_rule = cls.env.ref("hr_performance.salary_rule_performance_bonus")

    def reread(self, records, user):
        self.env.flush_all()
        records = records.with_user(user)
        records.invalidate_recordset()
        return records

    def export(self, run, user):
        """Export ``run`` as ``user``; return (attachment, rows of the sheet)."""
        action = self.reread(run, user).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        self.assertIn("download=true", action["url"])
        attachment = self.env["ir.attachment"].with_user(user).browse(attachment_id)
        attachment.invalidate_recordset()
        self.assertEqual(attachment.res_model, "hr.performance.pay.export")
        export = self.env["hr.performance.pay.export"].browse(attachment.res_id)
        self.assertEqual(export.run_id, run)
        self.assertEqual(export.user_id, user)
        self.assertEqual(export.amount_total, run.amount_total)
        workbook = openpyxl.load_workbook(io.BytesIO(attachment.raw), data_only=True)
        sheet = workbook.worksheets[0]
        return attachment, [list(row) for row in sheet.iter_rows(values_only=True)]

    def table(self, rows):
        """Data rows (as dicts) and the total row below the header."""
        start = rows.index(HEADER) + 1
        data = []
        for row in rows[start:]:
            if row[0] == "Total":
                return data, row
            data.append(dict(zip(HEADER, row, strict=True)))
        self.fail("The sheet has no total row.")

    def test_payroll_officer_exports_approved_run(self):
        run = self.computed_run()
        run.with_user(self.user_officer).write({"payout_date": "2028-03-15"})
        run.with_user(self.user_admin).action_approve()
        attachment, rows = self.export(run, self.user_payroll)
        self.assertTrue(attachment.name.endswith(".xlsx"))
        self.assertNotIn("Preview", attachment.name)
        self.assertFalse(any("PREVIEW" in str(cell) for row in rows for cell in row))
        data, total = self.table(rows)
        by_number = {row["Personnel No."]: row for row in data}
        self.assertEqual(set(by_number), {"P-1001", "P-1002", "P-1003"})
        amounts = {line.employee_id.identification_id: line for line in run.line_ids}
        for number, row in by_number.items():
            line = amounts[number]
            self.assertEqual(row["Employee"], line.employee_id.name)
            self.assertEqual(row["Amount"], line.amount)
            self.assertEqual(row["Wage Type Code"], self.bonus_rule.code)
            self.assertEqual(row["Wage Type"], self.bonus_rule.name)
            self.assertEqual(row["Payroll Month"], dt.datetime(2028, 3, 1))
            self.assertEqual(row["Performance Period"], self.period.display_name)
            self.assertEqual(row["Cost Centre (Department)"], "Bürgeramt")
            self.assertEqual(row["Bonus Group"], "Alle")
        self.assertEqual(by_number["P-1001"]["Amount"], 333.33)
        # the total equals the run's total and the sum of the rows to the cent
        amount_col = HEADER.index("Amount")
        cents = sum(Decimal(str(row["Amount"])) for row in data)
        self.assertEqual(Decimal(str(total[amount_col])), cents)
        self.assertEqual(cents, Decimal("1000.00"))
        self.assertEqual(
            Decimal(str(total[amount_col])), Decimal(str(run.amount_total))
        )
        # the amounts are numbers with a currency format
        workbook = openpyxl.load_workbook(io.BytesIO(attachment.sudo().raw))
        sheet = workbook.worksheets[0]
        header_row = rows.index(HEADER) + 1
        cell = sheet.cell(row=header_row + 1, column=amount_col + 1)
        self.assertIsInstance(cell.value, float)
        self.assertIn(self.env.company.currency_id.symbol, cell.number_format)
        self.assertTrue(
            str(sheet.cell(row=header_row + 4, column=amount_col + 1).value).startswith(
                "=SUM("
            )
        )

    def test_wage_type_code_follows_configuration(self):
        self.bonus_rule.write({"code": "3170", "name": "Leistungsprämie"})
        run = self.approved_run()
        _attachment, rows = self.export(run, self.user_officer)
        data, _total = self.table(rows)
        self.assertEqual({row["Wage Type Code"] for row in data}, {"3170"})
        self.assertEqual({row["Wage Type"] for row in data}, {"Leistungsprämie"})

    def test_lines_without_payout_are_not_exported(self):
        self.period.pay_min_result = 40.0
        run = self.approved_run()
        _attachment, rows = self.export(run, self.user_admin)
        data, total = self.table(rows)
        self.assertEqual({row["Personnel No."] for row in data}, {"P-1001", "P-1003"})
        self.assertEqual(total[HEADER.index("Amount")], run.amount_total)

    def test_computed_run_is_a_preview_for_hr_only(self):
        run = self.computed_run()
        attachment, rows = self.export(run, self.user_officer)
        self.assertIn("Preview", attachment.name)
        self.assertTrue(
            any(str(row[0]).startswith("PREVIEW") for row in rows if row[0]),
        )
        self.assertFalse(self.reread(run, self.user_payroll).can_export)
        with self.assertRaisesText(UserError, "not approved yet"):
            self.reread(run, self.user_payroll).action_export_xlsx()

    def test_draft_and_cancelled_runs_cannot_be_exported(self):
        run = self.create_run()
        self.assertFalse(self.reread(run, self.user_officer).can_export)
        with self.assertRaisesText(UserError, "once it is computed"):
            self.reread(run, self.user_officer).action_export_xlsx()
        run.action_compute()
        run.action_cancel()
        with self.assertRaisesText(UserError, "once it is computed"):
            self.reread(run, self.user_officer).action_export_xlsx()

    def test_every_export_is_kept_with_the_run(self):
        run = self.approved_run()
        first, _rows = self.export(run, self.user_officer)
        second, _rows = self.export(run, self.user_payroll)
        exports = self.reread(run, self.user_payroll).export_ids
        self.assertEqual(len(exports), 2)
        self.assertEqual(exports.attachment_id, first | second)
        self.assertEqual(exports.user_id, self.user_officer | self.user_payroll)
        self.assertEqual(
            exports[0].action_download()["url"],
            f"/web/content/{exports[0].attachment_id.id}?download=true",
        )
        with self.assertRaises(AccessError):
            exports.with_user(self.user_payroll).write({"name": "other.xlsx"})
        with self.assertRaises(AccessError):
            exports.with_user(self.user_admin).unlink()

    def test_employees_and_managers_may_not_export(self):
        run = self.approved_run()
        self.assertTrue(self.period.pay_manager_visible)
        for user in (self.user_employee, self.user_manager):
            # they can read the approved run (own / team lines) ...
            self.assertEqual(self.reread(run, user).name, run.name)
            self.assertFalse(self.reread(run, user).can_export)
            # ... but not export it
            with self.assertRaisesText(UserError, "Only HR officers and payroll"):
                self.reread(run, user).action_export_xlsx()

    def test_exported_file_is_hidden_from_employees(self):
        run = self.approved_run()
        attachment, _rows = self.export(run, self.user_payroll)
        self.env.flush_all()
        for user in (self.user_employee, self.user_manager):
            Attachment = self.env["ir.attachment"].with_user(user)
            self.assertFalse(
                Attachment.search(
                    [("res_model", "=", run._name), ("res_id", "=", run.id)]
                )
            )
            with self.assertRaises(AccessError):
                self.reread(attachment, user).read(["raw"])
            with self.assertRaises(AccessError):
                self.reread(run, user).read(["export_ids"])
            with self.assertRaises(AccessError):
                self.env["hr.performance.pay.export"].with_user(user).search([])
        # the HR officer of the run's company may open it
        self.assertTrue(self.reread(attachment, self.user_officer).raw)

    def test_other_company_may_not_export_or_download(self):
        run = self.approved_run()
        attachment, _rows = self.export(run, self.user_officer)
        other = self.user_other_officer
        with self.assertRaises(AccessError):
            self.reread(run, other).action_export_xlsx()
        with self.assertRaises(AccessError):
            self.reread(attachment, other).read(["raw"])

    def test_export_reads_with_the_users_rights(self):
        run = self.approved_run()
        with self.assertRaises(AccessError):
            self.reread(run, self.user_other_officer)._get_export_rows()
        data = self.reread(run, self.user_payroll)._get_export_rows()
        self.assertEqual(len(data["rows"]), 3)
        self.assertEqual(data["total"], 1000.0)
        self.assertFalse(data["preview"])


@tagged("post_install", "-at_install")
class TestPayExportDownload(HttpCase, PayRunCase):
    """The URL the export returns downloads the file for the exporting side
    only."""

    def test_download_url(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        action = run.with_user(self.user_payroll).action_export_xlsx()
        self.authenticate("hrp_payroll", "hrp_payroll")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        names = {row[1] for row in sheet.iter_rows(values_only=True)}
        self.assertTrue({"Employee", "Colleague", "Portal Employee"} <= names)
        for login in ("hrp_employee", "hrp_manager", "hrp_other_officer"):
            self.authenticate(login, login)
            response = self.url_open(action["url"])
            self.assertEqual(response.status_code, 404, login)
            self.assertNotIn(b"Colleague", response.content)

    def test_cost_control_download_url(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        wizard = (
            self.env["hr.performance.cost.control.export"]
            .with_user(self.user_payroll)
            .create({})
        )
        action = wizard.action_export()
        self.authenticate("hrp_payroll", "hrp_payroll")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertIn("Alle", {row[2] for row in sheet.iter_rows(values_only=True)})
        # another user's export is not theirs to download
        self.authenticate("hrp_officer", "hrp_officer")
        self.assertEqual(self.url_open(action["url"]).status_code, 404)
