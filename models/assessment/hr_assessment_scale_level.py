from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrAssessmentScaleLevel(models.Model):
    """One level of a rating scale: points and what they mean."""

    _name = "hr.assessment.scale.level"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Assessment Scale Level"
    _order = "scale_id, points, id"
    _rec_names_search = ["name", "points"]

    scale_id = fields.Many2one(
        "hr.assessment.scale",
        required=True,
        ondelete="cascade",
        index=True,
    )
    points = fields.Float(required=True, digits=(16, 2))
    name = fields.Char(
        "Verbal Anchor",
        required=True,
        translate=True,
        help="What this level means, e.g. 'Fully meets the requirements'.",
    )
    description = fields.Text(translate=True)

    @api.depends("points", "name")
    def _compute_display_name(self):
        for level in self:
            points = f"{level.points:g}"
            level.display_name = f"{points} – {level.name or ''}"

    @api.constrains("points")
    def _check_points(self):
        for level in self:
            if not level.points >= 0:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The points of level %(name)s must not be negative.",
                        name=level.name,
                    )
                )
