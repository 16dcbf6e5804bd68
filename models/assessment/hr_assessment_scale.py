from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrAssessmentScale(models.Model):
    """A rating scale (Bewertungsskala): levels with points and a verbal anchor."""

    _name = "hr.assessment.scale"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Assessment Rating Scale"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the scale between all companies.",
    )
    level_ids = fields.One2many(
        "hr.assessment.scale.level", "scale_id", string="Levels", copy=True
    )
    min_points = fields.Float(
        "Lowest Points", compute="_compute_range", store=True, digits=(16, 2)
    )
    max_points = fields.Float(
        "Highest Points", compute="_compute_range", store=True, digits=(16, 2)
    )

    @api.depends("level_ids.points")
    def _compute_range(self):
        for scale in self:
            points = scale.level_ids.mapped("points")
            scale.min_points = min(points) if points else 0.0
            scale.max_points = max(points) if points else 0.0

    @api.constrains("level_ids")
    def _check_levels(self):
        for scale in self:
            points = scale.level_ids.mapped("points")
            if len(points) < 2:
                raise ValidationError(
                    self.env._(
                        "The rating scale %(name)s needs at least two levels.",
                        name=scale.display_name,
                    )
                )
            if len(set(points)) != len(points):
                raise ValidationError(
                    self.env._(
                        "Two levels of the rating scale %(name)s have the same points.",
                        name=scale.display_name,
                    )
                )
