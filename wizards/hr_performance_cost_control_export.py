import base64
import io

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.pay.run_export import (
    OFFICER_GROUP,
    PAYROLL_GROUP,
    XLSX_MIMETYPE,
    currency_number_format,
)


class HrPerformanceCostControlExport(models.TransientModel):
    """Cost control (Kostenkontrolle) as XLSX: budget, computed and paid
    money per company, period, bonus group and month.

    The rows come from ``hr.performance.cost.control._get_cost_control_rows``
    (the same model the pivot and graph views show), read with the rights of
    the user who exports.
    """

    _name = "hr.performance.cost.control.export"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Export Performance Pay Cost Control"

    period_ids = fields.Many2many(
        "hr.performance.period",
        string="Periods",
        help="Leave empty to export every period.",
    )
    date_from = fields.Date("From Month")
    date_to = fields.Date("To Month")
    file_data = fields.Binary("File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _export_domain(self):
        self.ensure_one()
        domain = []
        if self.period_ids:
            domain.append(("period_id", "in", self.period_ids.ids))
        if self.date_from:
            domain.append(("month", ">=", self.date_from.replace(day=1)))
        if self.date_to:
            domain.append(("month", "<=", self.date_to))
        return domain

    def action_export(self):
        self.ensure_one()
        user = self.env.user
        if not (user.has_group(OFFICER_GROUP) or user.has_group(PAYROLL_GROUP)):
            raise UserError(
                self.env._(
                    "Only HR officers and payroll officers can export the cost control."
                )
            )
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(self.env._("The start month is after the end month."))
        CostControl = self.env["hr.performance.cost.control"]
        rows = CostControl._get_cost_control_rows(self._export_domain())
        content = self._xlsx_content(rows, CostControl._cost_control_totals(rows))
        name = self.env._("Cost Control Performance Pay") + ".xlsx"
        self.write({"file_data": base64.b64encode(content), "file_name": name})
        return {
            "type": "ir.actions.act_url",
            "url": (
                f"/web/content?model={self._name}&id={self.id}&field=file_data"
                f"&filename_field=file_name&mimetype={XLSX_MIMETYPE}&download=true"
            ),
            "target": "self",
        }

    def _columns(self):
        return [
            ("company", self.env._("Company"), 20, "text"),
            ("period", self.env._("Period"), 14, "text"),
            ("group", self.env._("Bonus Group"), 22, "text"),
            ("month", self.env._("Month"), 10, "month"),
            ("budget", self.env._("Budget"), 14, "money"),
            ("advanced", self.env._("Advanced"), 14, "money"),
            ("computed", self.env._("Computed"), 14, "money"),
            ("approved", self.env._("Approved"), 14, "money"),
            ("paid", self.env._("Paid"), 14, "money"),
            ("remaining", self.env._("Budget Minus Computed"), 16, "money"),
            ("computed_employees", self.env._("Employees (Computed)"), 12, "int"),
            (
                "average_computed",
                self.env._("Average per Employee (Computed)"),
                16,
                "money",
            ),
            ("paid_employees", self.env._("Employees (Paid)"), 12, "int"),
            ("average_paid", self.env._("Average per Employee (Paid)"), 16, "money"),
        ]

    def _xlsx_content(self, rows, totals):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Cost Control")[:31])
        currencies = {row["currency"] for row in rows} or {self.env.company.currency_id}
        money = {
            currency: workbook.add_format(
                {"num_format": currency_number_format(currency)}
            )
            for currency in currencies
        }
        total_money = workbook.add_format(
            {
                "bold": True,
                "top": 1,
                "num_format": currency_number_format(next(iter(currencies))),
            }
        )
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({}),
            "int": workbook.add_format({"num_format": "0"}),
            "month": workbook.add_format({"num_format": "mm.yyyy"}),
            "total_label": workbook.add_format({"bold": True, "top": 1}),
        }
        columns = self._columns()
        sheet.write(0, 0, self.env._("Cost Control Performance Pay"), formats["title"])
        header_row = 2
        for col, (_key, label, width, _kind) in enumerate(columns):
            sheet.write(header_row, col, label, formats["header"])
            sheet.set_column(col, col, width)
        row = header_row
        for values in rows:
            row += 1
            for col, (key, _label, _width, kind) in enumerate(columns):
                value = values[key]
                if kind == "money":
                    sheet.write_number(row, col, value, money[values["currency"]])
                elif kind == "int":
                    sheet.write_number(row, col, value, formats["int"])
                elif kind == "month":
                    sheet.write_datetime(
                        row, col, fields.Datetime.to_datetime(value), formats["month"]
                    )
                else:
                    sheet.write_string(row, col, value or "", formats["text"])
        row += 1
        sheet.write(row, 0, self.env._("Total"), formats["total_label"])
        if len(currencies) == 1:
            for col, (key, _label, _width, _kind) in enumerate(columns):
                if key not in totals:
                    continue
                first = xl_rowcol_to_cell(header_row + 1, col)
                last = xl_rowcol_to_cell(max(row - 1, header_row + 1), col)
                sheet.write_formula(
                    row,
                    col,
                    f"=SUM({first}:{last})" if rows else "=0",
                    total_money,
                    totals[key],
                )
        sheet.freeze_panes(header_row + 1, 0)
        workbook.close()
        return output.getvalue()
