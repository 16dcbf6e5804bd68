from odoo import api, models

from .text_limits import check_input


class HrPerformanceInputMixin(models.AbstractModel):
    """What users send is checked before the ORM converts it: every model
    and wizard of the addon that takes input inherits this (the workflow
    kernel checks the same for the workflow models), see ``check_input``."""

    _name = "hr.performance.input.mixin"
    _description = "Checked User Input"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_input(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_input(self, vals)
        return super().write(vals)
