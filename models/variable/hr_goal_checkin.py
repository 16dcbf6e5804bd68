from odoo import models


class HrGoalCheckin(models.Model):
    _inherit = "hr.goal.checkin"

    def _progress_maximum(self):
        """A check-in on a variable-pay goal records the achievement so far,
        which may exceed 100 % up to the period's maximum."""
        if self.agreement_id.pay_model == "variable":
            # sudo: the period's scale maximum is no secret of the check-in's readers
            return self.agreement_id.sudo().period_id.max_achievement
        return super()._progress_maximum()
