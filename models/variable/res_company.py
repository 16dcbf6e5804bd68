from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    hrp_target_months = fields.Integer(
        "Monthly Salaries in the Target Salary",
        default=12,
        help="The annual target salary of a new contract defaults to this many "
        "monthly wages. A 13th salary or fixed premiums are not part of the "
        "target salary unless you count them here.",
    )

    @api.constrains("hrp_target_months")
    def _check_hrp_target_months(self):
        for company in self:
            if not 1 <= company.hrp_target_months <= 24:
                raise ValidationError(
                    self.env._(
                        "The company %(name)s must count between 1 and 24 monthly "
                        "salaries in the target salary.",
                        name=company.display_name,
                    )
                )
