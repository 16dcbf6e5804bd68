from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceKpiGroup(models.Model):
    """A group of employees for group goals (Gruppe). Groups can be members
    of other groups: a member of A is a member of B when A is in B."""

    _name = "hr.performance.kpi.group"
    _description = "Goal Group"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_ids = fields.Many2many("hr.employee", string="Members")
    child_ids = fields.Many2many(
        "hr.performance.kpi.group",
        "hr_performance_kpi_group_child_rel",
        "parent_id",
        "child_id",
        string="Member Groups",
        help="Every member of these groups is a member of this group too.",
    )
    parent_ids = fields.Many2many(
        "hr.performance.kpi.group",
        "hr_performance_kpi_group_child_rel",
        "child_id",
        "parent_id",
        string="Member Of",
    )
    all_employee_ids = fields.Many2many(
        "hr.employee",
        string="All Members",
        compute="_compute_all_employee_ids",
        help="The members and the members of the member groups, at any depth.",
    )

    @api.depends("employee_ids", "child_ids", "child_ids.employee_ids")
    def _compute_all_employee_ids(self):
        for group in self:
            group.all_employee_ids = group._all_groups().employee_ids

    def _all_groups(self):
        """This group and its member groups at any depth (cycle-safe)."""
        seen = self.browse()
        todo = self
        while todo:
            seen |= todo
            todo = todo.child_ids - seen
        return seen

    @api.constrains("child_ids")
    def _check_no_cycle(self):
        for group in self:
            if group in (group.child_ids._all_groups()):
                raise ValidationError(
                    self.env._(
                        "The group %(name)s cannot be a member of itself, not even "
                        "through other groups.",
                        name=group.display_name,
                    )
                )
