from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...engine import EngineError
from ...engine.variable import split_target
from ..common.text_limits import check_input

#: The addon's fields on the contract, checked like all its input.
HRP_FIELDS = (
    "hrp_target_salary",
    "hrp_variable_mode",
    "hrp_variable_percent",
    "hrp_variable_amount",
)


class HrContract(models.Model):
    """The contract carries the remuneration basis of variable pay.

    Its dates and wage are the employment history (Beschäftigungsverlauf);
    the annual target salary (Jahreszielgehalt) and the variable share of it
    are added here.
    """

    _inherit = "hr.contract"

    hrp_target_salary = fields.Monetary(
        "Annual Target Salary",
        compute="_compute_hrp_target_salary",
        store=True,
        readonly=False,
        tracking=True,
        help="Annual gross salary at 100 % achievement of all variable-share "
        "goals (fixed + variable). Defaults to the company's number of monthly "
        "wages (12) × the wage; editable.",
    )
    hrp_variable_mode = fields.Selection(
        [("percent", "Percentage of the Target Salary"), ("amount", "Amount")],
        "Variable Part Given As",
        default="percent",
        required=True,
        tracking=True,
    )
    hrp_variable_percent = fields.Float(
        "Variable Share (%)", digits=(16, 2), tracking=True
    )
    hrp_variable_amount = fields.Monetary("Variable Amount", tracking=True)
    hrp_variable_salary = fields.Monetary(
        "Annual Variable Salary",
        compute="_compute_hrp_split",
        help="The part of the target salary paid at 100 % achievement.",
    )
    hrp_fixed_salary = fields.Monetary(
        "Annual Fixed Salary", compute="_compute_hrp_split"
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_input(self, {k: v for k, v in vals.items() if k in HRP_FIELDS})
        return super().create(vals_list)

    def write(self, vals):
        check_input(self, {k: v for k, v in vals.items() if k in HRP_FIELDS})
        return super().write(vals)

    @api.depends("wage", "company_id.hrp_target_months")
    def _compute_hrp_target_salary(self):
        for contract in self:
            months = contract.company_id.hrp_target_months or 12
            contract.hrp_target_salary = round(contract.wage * months, 2)

    @api.depends(
        "hrp_target_salary",
        "hrp_variable_mode",
        "hrp_variable_percent",
        "hrp_variable_amount",
    )
    def _compute_hrp_split(self):
        for contract in self:
            try:
                variable, fixed = contract._hrp_split()
            except EngineError:
                variable, fixed = 0.0, contract.hrp_target_salary
            contract.hrp_variable_salary = float(variable)
            contract.hrp_fixed_salary = float(fixed)

    def _hrp_split(self):
        """(variable, fixed) as Decimals (engine rule)."""
        self.ensure_one()
        if self.hrp_variable_mode == "amount":
            return split_target(
                round(self.hrp_target_salary, 2), amount=self.hrp_variable_amount
            )
        return split_target(
            round(self.hrp_target_salary, 2), percent=self.hrp_variable_percent
        )

    @api.constrains(
        "hrp_target_salary",
        "hrp_variable_mode",
        "hrp_variable_percent",
        "hrp_variable_amount",
    )
    def _check_hrp_variable(self):
        for contract in self:
            if (
                not contract.hrp_target_salary >= 0
                or not contract.hrp_variable_percent >= 0
                or not contract.hrp_variable_amount >= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The target salary and the variable part of the contract "
                        "%(name)s must not be negative.",
                        name=contract.display_name,
                    )
                )
            try:
                contract._hrp_split()
            except EngineError as error:
                raise ValidationError(
                    self.env._(
                        "The variable part of the contract %(name)s must not "
                        "exceed the target salary (100 %%).",
                        name=contract.display_name,
                    )
                ) from error
