from odoo import api, fields, models


class HrAssessmentCriterionGroup(models.Model):
    """A category of criteria on an assessment form, e.g. Arbeitsqualität."""

    _name = "hr.assessment.criterion.group"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Assessment Criterion Group"
    _order = "form_id, sequence, id"

    form_id = fields.Many2one(
        "hr.assessment.form",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    weight = fields.Float(
        "Weight (%)",
        digits=(16, 2),
        help="Share of this group in the assessment result of employees "
        "without leadership responsibility. The weights of these groups add up "
        "to 100 %.",
    )
    weight_leaders = fields.Float(
        "Weight for Leaders (%)",
        digits=(16, 2),
        help="Share of this group in the assessment result of employees who "
        "lead others (only used when the form has groups for leaders). The "
        "weights of all groups add up to 100 %.",
    )
    leaders_only = fields.Boolean(
        help="Only assessed for employees who lead others, e.g. leadership "
        "behaviour (Führungsverhalten).",
    )
    criterion_ids = fields.One2many(
        "hr.assessment.criterion", "group_id", string="Criteria", copy=True
    )

    _LOCKED_FIELDS = frozenset(
        {"form_id", "name", "weight", "weight_leaders", "leaders_only"}
    )

    @api.constrains("criterion_ids")
    def _check_criterion_weights(self):
        self._check_weights()

    @api.model_create_multi
    def create(self, vals_list):
        forms = self.env["hr.assessment.form"].browse(
            {vals["form_id"] for vals in vals_list if vals.get("form_id")}
        )
        forms._check_not_locked()
        return super().create(vals_list)

    def write(self, vals):
        if self._LOCKED_FIELDS.intersection(vals) or "criterion_ids" in vals:
            self.form_id._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_form(self):
        self.form_id._check_not_locked()

    def _check_weights(self):
        """Raise unless the criteria of every group in self weigh 100 %."""
        self.form_id._raise_weight_problems(self._weight_problems())

    def _weight_problems(self):
        problems = []
        for group in self:
            if not group.criterion_ids:
                problems.append(
                    self.env._("The group %(group)s has no criteria.", group=group.name)
                )
                continue
            total = round(sum(group.criterion_ids.mapped("weight")), 2)
            total_text = f"{total:g}"
            if total != 100:
                problems.append(
                    self.env._(
                        "The criteria of group %(group)s weigh %(total)s %% "
                        "together; they must add up to 100 %%.",
                        group=group.name,
                        total=total_text,
                    )
                )
        return problems
