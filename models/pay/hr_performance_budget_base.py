from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HrPerformanceBudgetBase(models.Model):
    """One employee's base pay of the previous year, feeding a rate budget.

    Rows from contracts are rebuilt by the run; manual rows (entered where
    no contract or payslip data exists) are kept.
    """

    _name = "hr.performance.budget.base"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Performance Pay Budget Base"
    _order = "run_id, employee_id, id"

    run_id = fields.Many2one(
        "hr.performance.pay.run", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="run_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict"
    )
    base = fields.Monetary("Base Pay", currency_field="currency_id", required=True)
    source = fields.Selection(
        [
            ("payslip", "Payslips"),
            ("contract", "Contract"),
            ("manual", "Entered Manually"),
        ],
        required=True,
        default="manual",
    )
    detail = fields.Char(help="How the base was computed.")

    _sql_constraints = [
        (
            "run_employee_unique",
            "unique(run_id, employee_id)",
            "An employee has one base pay row per pay run.",
        ),
    ]

    @api.constrains("base")
    def _check_base(self):
        for row in self:
            if not row.base >= 0:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The base pay of %(employee)s must not be negative.",
                        employee=row.employee_id.name,
                    )
                )

    @api.constrains("run_id", "employee_id")
    def _check_company(self):
        for row in self:
            # sudo: the employee's company decides, whoever enters the row.
            company = row.employee_id.sudo().company_id
            if company and company != row.run_id.company_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s works for another company than the pay run "
                        "%(run)s.",
                        # sudo: plain users cannot read hr.employee; the name only
                        employee=row.employee_id.sudo().name,
                        run=row.run_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        rows.run_id._check_budget_editable()
        return rows

    def write(self, vals):
        self.run_id._check_budget_editable()
        if "base" in vals and "source" not in vals:
            vals = dict(vals, source="manual")
        result = super().write(vals)
        if "run_id" in vals:
            # A row moves only into a run whose budget may still change.
            self.run_id._check_budget_editable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        locked = self.run_id.filtered(lambda r: r.state not in ("draft", "computed"))
        if locked:
            raise UserError(
                self.env._(
                    "The budget base of pay run %(name)s is locked.",
                    name=locked[0].display_name,
                )
            )
