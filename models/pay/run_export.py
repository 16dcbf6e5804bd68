"""XLSX export of a pay run for an external payroll (one outside this database).

``_get_export_rows()`` is the one data method: it reads the run's lines with
the rights of the exporting user and returns plain values; the XLSX writer
only formats them. Each export is kept as an ``hr.performance.pay.export``
record of the run with the file attached to it (who exported what, when).
"""

import io
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ...engine import to_decimal

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
PAYROLL_GROUP = "payroll.group_payroll_user"
EXPORT_GROUPS = f"{OFFICER_GROUP},{PAYROLL_GROUP}"
#: Run states that can be exported; a computed run only as a marked preview.
EXPORT_STATES = ("computed", "approved", "posted", "paid")
PREVIEW_STATES = ("computed",)
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def currency_number_format(currency):
    """An Excel number format showing the currency symbol at its place."""
    symbol = (currency.symbol or currency.name or "").replace('"', "")
    if currency.position == "before":
        return f'"{symbol}" #,##0.00;-"{symbol}" #,##0.00'
    return f'#,##0.00 "{symbol}";-#,##0.00 "{symbol}"'


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    export_ids = fields.One2many(
        "hr.performance.pay.export",
        "run_id",
        string="Payroll Exports",
        groups=EXPORT_GROUPS,
    )
    can_export = fields.Boolean(compute="_compute_can_export")
    cannot_export_reason = fields.Char(compute="_compute_can_export")

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_export(self):
        for run in self:
            reason = run._cannot_export_reason()
            run.can_export = not reason
            run.cannot_export_reason = reason or False

    # ------------------------------------------------------------------
    # Action (triad: state check, permission check, do)
    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        """Build the payroll XLSX, keep it with the run and download it."""
        for run in self:
            if run.state not in EXPORT_STATES:
                raise UserError(
                    self.env._(
                        "The pay run %(name)s can only be exported once it is "
                        "computed (it is %(state)s).",
                        name=run.display_name,
                        state=run._state_label(),
                    )
                )
        self._check_can_export()
        if len(self) != 1:
            raise UserError(self.env._("Export one pay run at a time."))
        attachment = self._do_export_xlsx()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _cannot_export_reason(self):
        """Why the current user cannot export this run, or None."""
        self.ensure_one()
        user = self.env.user
        officer = user.has_group(OFFICER_GROUP)
        if not officer and not user.has_group(PAYROLL_GROUP):
            return self.env._(
                "Only HR officers and payroll officers can export pay runs."
            )
        if self.company_id not in user.company_ids:
            return self.env._(
                "The pay run %(name)s belongs to another company.",
                name=self.display_name,
            )
        if self.state not in EXPORT_STATES:
            return self.env._(
                "The pay run %(name)s can only be exported once it is computed "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            )
        if self.state in PREVIEW_STATES and not officer:
            return self.env._(
                "The pay run %(name)s is not approved yet: only HR officers can "
                "export it as a preview.",
                name=self.display_name,
            )
        return None

    def _check_can_export(self):
        self.check_access("read")
        for run in self:
            reason = run._cannot_export_reason()
            if reason:
                raise UserError(reason)

    def _do_export_xlsx(self):
        """Write the file from the data method and keep it with the run.

        The file is attached to an export record of the run, not to the run
        itself: employees and managers may read an approved run (their own
        or their team's lines), never the whole list. Export records are
        readable by HR and payroll officers of the run's company only.
        """
        self.ensure_one()
        data = self._get_export_rows()
        content = self._export_xlsx_content(data)
        export = (
            self.env["hr.performance.pay.export"]
            # sudo: the export record of the user's own export (checked above)
            .sudo()
            .create(
                {
                    "run_id": self.id,
                    "user_id": self.env.uid,
                    "name": data["filename"],
                    "preview": data["preview"],
                    "line_count": len(data["rows"]),
                    "amount_total": data["total"],
                }
            )
        )
        attachment = (
            self.env["ir.attachment"]
            # sudo: the export's file, attached to its export record
            .sudo()
            .create(
                {
                    "name": data["filename"],
                    "res_model": export._name,
                    "res_id": export.id,
                    "raw": content,
                    "mimetype": XLSX_MIMETYPE,
                }
            )
        )
        export.attachment_id = attachment
        # (no f-strings inside translated calls: the term extractor
        # evaluates their arguments)
        total = formatLang(self.env, data["total"], currency_obj=self.currency_id)
        # sudo: the export is noted on the run the user exported
        self.sudo().message_post(
            body=self.env._(
                "Payroll export (XLSX) with %(count)s lines and a total of "
                "%(total)s created by %(user)s.",
                count=len(data["rows"]),
                total=total,
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return attachment

    # ------------------------------------------------------------------
    # The data method (screen, XLSX)
    # ------------------------------------------------------------------
    def _bonus_wage_types(self):
        """{pay model: (code, name)} of the wage types (configuration, read
        as sudo: HR officers have no access to salary rules)."""
        rules = self.env["hr.salary.rule"]._hr_performance_wage_types()
        fallback = ("", self.env._("Performance Bonus"))
        result = {
            pay_model: (rule.code or "", rule.name or "")
            for pay_model, rule in rules.items()
        }
        result.setdefault("points", fallback)
        result.setdefault("variable", result["points"])
        return result

    def _get_export_rows(self):
        """The payroll rows of this run as plain values.

        One row per line with a payout (lines without one are not sent to
        payroll), read with the current user's rights: a user who may not
        read the run gets an ``AccessError``. ``total`` is the exact sum of
        the rows' amounts (Decimal, to the cent).
        """
        self.ensure_one()
        self.check_access("read")
        lines = self.env["hr.performance.pay.line"].search(
            [("run_id", "=", self.id), ("amount", "!=", 0)],
            order="employee_id, id",
        )
        lines.fetch(["employee_id", "department_id", "group_id", "amount", "pay_model"])
        lines.employee_id.fetch(["name", "identification_id"])
        lines.department_id.fetch(["complete_name"])
        wage_types = self._bonus_wage_types()
        payout = self.payout_date
        month = payout.replace(day=1) if payout else False
        period = self.period_id.display_name
        rows = []
        total = Decimal(0)
        for line in sorted(lines, key=lambda ln: (ln.employee_id.name or "", ln.id)):
            amount = to_decimal(line.amount, "amount", allow_negative=True)
            total += amount
            code, wage_type = wage_types[line.pay_model or "points"]
            rows.append(
                {
                    "line_id": line.id,
                    "personnel_number": line.employee_id.identification_id or "",
                    "employee": line.employee_id.name or "",
                    "wage_type_code": code,
                    "wage_type": wage_type,
                    "amount": float(amount),
                    "payroll_month": month,
                    "period": period,
                    "cost_centre": line.department_id.complete_name or "",
                    "group": line.group_id.display_name or "",
                }
            )
        preview = self.state in PREVIEW_STATES
        label = self.env._("Preview")
        suffix = f" ({label})" if preview else ""
        filename = "{name}{suffix}.xlsx".format(
            name=self.display_name.replace("/", "-"), suffix=suffix
        )
        return {
            "run": self.display_name,
            "company": self.company_id.name,
            "period": period,
            "state": self._state_label(),
            "preview": preview,
            "currency": self.currency_id,
            "payout_date": payout,
            "rows": rows,
            "total": float(total),
            "filename": filename,
        }

    # ------------------------------------------------------------------
    # The XLSX writer (formats once, rows from the data method)
    # ------------------------------------------------------------------
    def _export_columns(self):
        return [
            ("personnel_number", self.env._("Personnel No."), 16, "text"),
            ("employee", self.env._("Employee"), 30, "text"),
            ("wage_type_code", self.env._("Wage Type Code"), 14, "text"),
            ("wage_type", self.env._("Wage Type"), 24, "text"),
            ("amount", self.env._("Amount"), 16, "money"),
            ("payroll_month", self.env._("Payroll Month"), 14, "month"),
            ("period", self.env._("Performance Period"), 20, "text"),
            ("cost_centre", self.env._("Cost Centre (Department)"), 30, "text"),
            ("group", self.env._("Bonus Group"), 20, "text"),
        ]

    def _export_xlsx_content(self, data):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Payroll Export")[:31])
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "label": workbook.add_format({"bold": True}),
            "preview": workbook.add_format(
                {"bold": True, "font_color": "#C00000", "font_size": 12}
            ),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9D9D9", "border": 1}
            ),
            "text": workbook.add_format({}),
            "money": workbook.add_format(
                {"num_format": currency_number_format(data["currency"])}
            ),
            "month": workbook.add_format({"num_format": "mm.yyyy"}),
            "total_label": workbook.add_format({"bold": True, "top": 1}),
            "total_money": workbook.add_format(
                {
                    "bold": True,
                    "top": 1,
                    "num_format": currency_number_format(data["currency"]),
                }
            ),
        }
        columns = self._export_columns()
        sheet.write(
            0, 0, self.env._("Performance Pay: Payroll Export"), formats["title"]
        )
        info = [
            (self.env._("Pay Run"), data["run"]),
            (self.env._("Company"), data["company"]),
            (self.env._("Performance Period"), data["period"]),
            (self.env._("Status"), data["state"]),
        ]
        row = 1
        for label, value in info:
            sheet.write(row, 0, label, formats["label"])
            sheet.write(row, 1, value, formats["text"])
            row += 1
        if data["preview"]:
            sheet.write(
                row,
                0,
                self.env._(
                    "PREVIEW: this pay run is not approved yet. Do not pay these "
                    "amounts."
                ),
                formats["preview"],
            )
            row += 1
        row += 1
        header_row = row
        for col, (_key, label, width, _kind) in enumerate(columns):
            sheet.write(header_row, col, label, formats["header"])
            sheet.set_column(col, col, width)
        amount_col = next(
            col for col, column in enumerate(columns) if column[0] == "amount"
        )
        for values in data["rows"]:
            row += 1
            for col, (key, _label, _width, kind) in enumerate(columns):
                value = values[key]
                if kind == "money":
                    sheet.write_number(row, col, value, formats["money"])
                elif kind == "month":
                    if value:
                        sheet.write_datetime(
                            row,
                            col,
                            fields.Datetime.to_datetime(value),
                            formats["month"],
                        )
                    else:
                        sheet.write_blank(row, col, None, formats["text"])
                else:
                    sheet.write_string(row, col, value or "", formats["text"])
        row += 1
        sheet.write(row, 0, self.env._("Total"), formats["total_label"])
        first = xl_rowcol_to_cell(header_row + 1, amount_col)
        last = xl_rowcol_to_cell(max(row - 1, header_row + 1), amount_col)
        sheet.write_formula(
            row,
            amount_col,
            f"=SUM({first}:{last})" if data["rows"] else "=0",
            formats["total_money"],
            data["total"],
        )
        sheet.freeze_panes(header_row + 1, 0)
        workbook.close()
        return output.getvalue()
