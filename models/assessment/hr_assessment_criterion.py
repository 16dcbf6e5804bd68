from odoo import api, fields, models


class HrAssessmentCriterion(models.Model):
    """One criterion of an assessment form, e.g. 'fulfils tasks on time'."""

    _name = "hr.assessment.criterion"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Assessment Criterion"
    _order = "form_id, group_sequence, group_id, sequence, id"

    group_id = fields.Many2one(
        "hr.assessment.criterion.group",
        required=True,
        ondelete="cascade",
        index=True,
    )
    form_id = fields.Many2one(
        related="group_id.form_id", store=True, index=True, string="Form"
    )
    group_sequence = fields.Integer(
        related="group_id.sequence", store=True, string="Group Sequence"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        translate=True, help="What the assessor looks at for this criterion."
    )
    weight = fields.Float(
        "Weight (%)",
        digits=(16, 2),
        default=100.0,
        help="Share of this criterion within its group; the criteria of a "
        "group add up to 100 %.",
    )

    _LOCKED_FIELDS = frozenset({"group_id", "name", "weight"})

    @api.model_create_multi
    def create(self, vals_list):
        groups = self.env["hr.assessment.criterion.group"].browse(
            {vals["group_id"] for vals in vals_list if vals.get("group_id")}
        )
        groups.form_id._check_not_locked()
        return super().create(vals_list)

    def write(self, vals):
        if self._LOCKED_FIELDS.intersection(vals):
            self.form_id._check_not_locked()
            if vals.get("group_id"):
                self.env["hr.assessment.criterion.group"].browse(
                    vals["group_id"]
                ).form_id._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_form(self):
        self.form_id._check_not_locked()
