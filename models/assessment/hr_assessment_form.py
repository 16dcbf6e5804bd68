from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MAX_TASKS = 5


class HrAssessmentForm(models.Model):
    """An assessment form (Beurteilungsbogen): grouped criteria and a scale."""

    _name = "hr.assessment.form"
    _description = "Assessment Form"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "name, version desc, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use the form in all companies.",
    )
    description = fields.Html(translate=True)
    scale_id = fields.Many2one(
        "hr.assessment.scale",
        string="Rating Scale",
        required=True,
        tracking=True,
        check_company=True,
    )
    group_ids = fields.One2many(
        "hr.assessment.criterion.group", "form_id", string="Criterion Groups", copy=True
    )
    criterion_ids = fields.One2many(
        "hr.assessment.criterion", "form_id", string="Criteria"
    )
    per_task = fields.Boolean(
        "Assessed per Task",
        tracking=True,
        help="Each criterion is rated separately for up to five named tasks; "
        "the criterion's score is computed from the task scores.",
    )
    task_count = fields.Integer("Number of Tasks", default=MAX_TASKS, tracking=True)
    task_aggregation = fields.Selection(
        [("mean", "Mean"), ("min", "Lowest Task Score"), ("max", "Highest Task Score")],
        string="Score from Tasks",
        required=True,
        default="mean",
        tracking=True,
    )
    version = fields.Integer(default=1, readonly=True, copy=False, tracking=True)
    previous_version_id = fields.Many2one(
        "hr.assessment.form", readonly=True, copy=False
    )
    assessment_count = fields.Integer(compute="_compute_assessment_count")
    locked = fields.Boolean(
        compute="_compute_assessment_count",
        help="The form is used by assessments: changes need a new version.",
    )
    has_leader_groups = fields.Boolean(compute="_compute_has_leader_groups")

    _STRUCTURE_FIELDS = frozenset(
        {"scale_id", "group_ids", "per_task", "task_count", "task_aggregation"}
    )

    def _compute_assessment_count(self):
        counts = dict(
            self.env["hr.assessment"]
            # sudo: counts of assessments per form for HR's form list; no data
            .sudo()
            ._read_group([("form_id", "in", self.ids)], ["form_id"], ["__count"])
        )
        for form in self:
            form.assessment_count = counts.get(form, 0)
            form.locked = bool(form.assessment_count)

    @api.depends("group_ids.leaders_only")
    def _compute_has_leader_groups(self):
        for form in self:
            form.has_leader_groups = any(form.group_ids.mapped("leaders_only"))

    @api.constrains("task_count", "per_task")
    def _check_task_count(self):
        for form in self.filtered("per_task"):
            if not 1 <= form.task_count <= MAX_TASKS:
                raise ValidationError(
                    self.env._(
                        "The form %(name)s can have between 1 and %(max)s tasks.",
                        name=form.display_name,
                        max=MAX_TASKS,
                    )
                )

    @api.constrains("group_ids")
    def _check_group_weights(self):
        self._check_weights()

    def write(self, vals):
        if self._STRUCTURE_FIELDS.intersection(vals):
            self._check_not_locked()
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if default and "name" in default:
            return vals_list
        return [
            dict(vals, name=self.env._("%(name)s (copy)", name=form.name))
            for form, vals in zip(self, vals_list, strict=True)
        ]

    def action_new_version(self):
        """Copy a form that is in use into a new version and archive the old one."""
        self.ensure_one()
        new = self.copy(
            {
                "name": self.name,
                "version": self.version + 1,
                "previous_version_id": self.id,
            }
        )
        self.active = False
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_assessment_action"
        )
        action["domain"] = [("form_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # business helpers
    # ------------------------------------------------------------------
    def _check_not_locked(self):
        locked = self.filtered("locked")
        if locked:
            raise UserError(
                self.env._(
                    "The assessment form %(name)s is used by %(count)s "
                    "assessments and cannot be changed. Create a new version "
                    "of the form instead.",
                    name=locked[0].display_name,
                    count=locked[0].assessment_count,
                )
            )

    def _group_weight(self, group, is_leader):
        """Weight of ``group`` for an employee who leads others or not."""
        if is_leader and self.has_leader_groups:
            return group.weight_leaders
        return group.weight

    def _groups_for(self, is_leader):
        return self.group_ids.filtered(lambda g: is_leader or not g.leaders_only)

    def _weight_problems(self):
        problems = []
        for form in self:
            if not form.group_ids:
                problems.append(
                    self.env._("The form %(name)s has no criteria.", name=form.name)
                )
                continue
            problems += form.group_ids._weight_problems()
            for is_leader in [False, True] if form.has_leader_groups else [False]:
                groups = form._groups_for(is_leader)
                total = round(
                    sum(form._group_weight(group, is_leader) for group in groups), 2
                )
                if total == 100:
                    continue
                total_text = f"{total:g}"
                if is_leader:
                    problems.append(
                        self.env._(
                            "The groups of form %(name)s weigh %(total)s %% "
                            "together for leaders; they must add up to 100 %%.",
                            name=form.name,
                            total=total_text,
                        )
                    )
                else:
                    problems.append(
                        self.env._(
                            "The groups of form %(name)s weigh %(total)s %% "
                            "together; they must add up to 100 %%.",
                            name=form.name,
                            total=total_text,
                        )
                    )
        return problems

    def _check_weights(self):
        self._raise_weight_problems(self._weight_problems())

    def _raise_weight_problems(self, problems):
        if problems:
            raise ValidationError("\n".join(problems))
