from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    hrp_pay_four_eyes = fields.Boolean(
        "Four-Eyes Principle for Pay Runs",
        default=True,
        help="The HR administrator who computed a pay run cannot approve it.",
    )
