from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from .hr_goal import GOAL_LEVELS

# Goal fields a template may set; a template inherits every one of them
# that it leaves empty from its parent (and so on up the tree).
TEMPLATE_GOAL_FIELDS = (
    "name",
    "level",
    "description",
    "weight",
    "success_criteria",
    "actions",
    "resources",
    "target_value",
    "unit",
)


def _is_empty(field_name, value):
    if field_name == "description":
        return is_html_empty(value)
    return not value


class HrGoalTemplate(models.Model):
    """A reusable, partly filled goal. Templates build on templates: a
    child inherits every field it leaves empty from its parent."""

    _name = "hr.goal.template"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Goal Template"
    _parent_store = True
    _order = "complete_name, id"

    name = fields.Char("Title", required=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        "hr.goal.template",
        string="Builds On",
        index=True,
        ondelete="restrict",
        help="The template this one builds on: every field left empty here is "
        "taken from it.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "hr.goal.template", "parent_id", string="Templates Building on This"
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    level = fields.Selection(GOAL_LEVELS)
    description = fields.Html()
    weight = fields.Float("Weight (%)")
    success_criteria = fields.Text()
    actions = fields.Text()
    resources = fields.Text()
    target_value = fields.Float("Target")
    unit = fields.Char()
    # The goal as it results from this template and its ancestors.
    effective_level = fields.Selection(
        GOAL_LEVELS, string="Resulting Level", compute="_compute_effective"
    )
    effective_description = fields.Html(
        "Resulting Description", compute="_compute_effective"
    )
    effective_weight = fields.Float(
        "Resulting Weight (%)", compute="_compute_effective"
    )
    effective_success_criteria = fields.Text(
        "Resulting Success Criteria", compute="_compute_effective"
    )
    effective_actions = fields.Text("Resulting Actions", compute="_compute_effective")
    effective_resources = fields.Text(
        "Resulting Resources", compute="_compute_effective"
    )
    effective_target_value = fields.Float(
        "Resulting Target", compute="_compute_effective"
    )
    effective_unit = fields.Char("Resulting Unit", compute="_compute_effective")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for template in self:
            if template.parent_id:
                template.complete_name = (
                    f"{template.parent_id.complete_name} / {template.name or ''}"
                )
            else:
                template.complete_name = template.name or ""

    @api.depends(*TEMPLATE_GOAL_FIELDS, "parent_id")
    def _compute_effective(self):
        values = self._effective_values_by_template()
        for template in self:
            resolved = values.get(template.id, {})
            for field_name in TEMPLATE_GOAL_FIELDS[1:]:
                template[f"effective_{field_name}"] = resolved.get(field_name, False)

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._(
                    "The goal template %(name)s cannot build on itself or on one "
                    "of the templates that build on it.",
                    name=self[:1].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------
    def _effective_values(self):
        """The goal values of this template resolved along its parent chain.

        The template's own non-empty values win; every empty field is taken
        from the nearest ancestor that sets it. Returns a dict of hr.goal
        values (``name``, ``level``, ``description``, ``weight``,
        ``success_criteria``, ``actions``, ``resources``, ``target_value``,
        ``unit``) without ``template_id``.
        """
        self.ensure_one()
        return self._effective_values_by_template()[self.id]

    def _effective_values_by_template(self):
        """``{template id: resolved values}`` for every template in self.

        Set-based: all ancestors are read in one go via ``parent_path``.
        """
        real = self.filtered("id")
        chains = {}
        for template in real:
            if template.parent_path:
                ids = [int(part) for part in template.parent_path.split("/") if part]
            else:
                ids = [template.id]
            chains[template.id] = ids[::-1]  # nearest first
        ancestor_ids = {tid for ids in chains.values() for tid in ids}
        rows = {
            row["id"]: row
            for row in self.browse(ancestor_ids)
            .with_context(active_test=False)
            .read(list(TEMPLATE_GOAL_FIELDS))
        }
        result = {}
        for template in self:
            if not template.id:
                # A template being edited (onchange): its own values first,
                # then the stored chain of its parent.
                own = {name: template[name] for name in TEMPLATE_GOAL_FIELDS}
                parent_values = (
                    template.parent_id._origin._effective_values_by_template().get(
                        template.parent_id._origin.id, {}
                    )
                    if template.parent_id._origin
                    else {}
                )
                result[template.id] = self._merge_template_values([own, parent_values])
                continue
            result[template.id] = self._merge_template_values(
                [rows[tid] for tid in chains[template.id] if tid in rows]
            )
        return result

    @api.model
    def _merge_template_values(self, chain):
        """First non-empty value per field along ``chain`` (nearest first)."""
        values = {}
        for field_name in TEMPLATE_GOAL_FIELDS:
            value = False
            for row in chain:
                candidate = row.get(field_name)
                if not _is_empty(field_name, candidate):
                    value = candidate
                    break
            if field_name in ("weight", "target_value"):
                value = value or 0.0
            values[field_name] = value
        if not values["level"]:
            values["level"] = "personal"
        return values
