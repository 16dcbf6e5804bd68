from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceCurvePoint(models.Model):
    """One point (achievement, payout rate) of a step or table curve."""

    _name = "hr.performance.curve.point"
    _description = "Bonus Curve Point"
    _inherit = ["hr.performance.input.mixin"]
    _order = "template_id, achievement, id"

    template_id = fields.Many2one(
        "hr.performance.curve.template", required=True, index=True, ondelete="cascade"
    )
    achievement = fields.Float("Achievement (%)", digits=(16, 4), required=True)
    rate = fields.Float("Payout Rate (%)", digits=(16, 4), required=True)

    @api.constrains("achievement", "rate")
    def _check_values(self):
        for point in self:
            if not point.achievement >= 0 or not point.rate >= 0:
                raise ValidationError(
                    self.env._(
                        "The points of the bonus curve %(name)s must not be negative.",
                        name=point.template_id.display_name,
                    )
                )
