from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...engine import divide_rounded
from ...engine.rounding import RESULT_QUANTUM, to_decimal
from ..common.write_guard import check_no_related_write

TASK_FIELDS = [f"task_{index}_level_id" for index in range(1, 6)]


class HrAssessmentLine(models.Model):
    """The score of one criterion in one assessment."""

    _name = "hr.assessment.line"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Assessment Line"
    _order = "assessment_id, group_sequence, sequence, id"

    assessment_id = fields.Many2one(
        "hr.assessment", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "hr.assessment.criterion",
        string="Form Criterion",
        required=True,
        ondelete="restrict",
        index=True,
    )
    group_id = fields.Many2one(
        "hr.assessment.criterion.group",
        string="Criterion Group",
        required=True,
        index=True,
    )
    group_sequence = fields.Integer(
        related="group_id.sequence", store=True, string="Group Sequence"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    name = fields.Char(related="criterion_id.name", string="Criterion")
    description = fields.Text(related="criterion_id.description")
    weight = fields.Float(
        "Weight in Group (%)",
        readonly=True,
        digits=(16, 2),
        help="Share of the criterion in its criterion group.",
    )
    group_weight = fields.Float(
        "Group Weight (%)",
        readonly=True,
        digits=(16, 2),
        help="Share of the criterion group in the result, as fixed for this "
        "employee when the assessment was scheduled (leaders may weigh the "
        "groups differently).",
    )
    # For reporting (pivot per department and group), fixed at scheduling.
    period_id = fields.Many2one(
        related="assessment_id.period_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="assessment_id.department_id", store=True, index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    assessment_type = fields.Selection(
        related="assessment_id.assessment_type", store=True
    )
    state = fields.Selection(related="assessment_id.state")
    scale_id = fields.Many2one(related="assessment_id.form_id.scale_id")
    per_task = fields.Boolean(related="assessment_id.form_id.per_task")
    level_id = fields.Many2one(
        "hr.assessment.scale.level",
        domain="[('scale_id', '=', scale_id)]",
    )
    task_1_level_id = fields.Many2one(
        "hr.assessment.scale.level",
        string="Task 1",
        domain="[('scale_id', '=', scale_id)]",
    )
    task_2_level_id = fields.Many2one(
        "hr.assessment.scale.level",
        string="Task 2",
        domain="[('scale_id', '=', scale_id)]",
    )
    task_3_level_id = fields.Many2one(
        "hr.assessment.scale.level",
        string="Task 3",
        domain="[('scale_id', '=', scale_id)]",
    )
    task_4_level_id = fields.Many2one(
        "hr.assessment.scale.level",
        string="Task 4",
        domain="[('scale_id', '=', scale_id)]",
    )
    task_5_level_id = fields.Many2one(
        "hr.assessment.scale.level",
        string="Task 5",
        domain="[('scale_id', '=', scale_id)]",
    )
    score = fields.Float(
        "Points",
        compute="_compute_score",
        store=True,
        digits=(16, 2),
        aggregator="avg",
    )
    is_scored = fields.Boolean("Rated", compute="_compute_score", store=True)
    comment = fields.Text(help="Visible to the employee once submitted.")
    private_comment = fields.Text(
        compute="_compute_private_comment",
        inverse="_inverse_private_comment",
        help="Never shown to the assessed employee.",
    )
    self_score = fields.Float(
        "Self-Assessment", compute="_compute_self_score", digits=(16, 2)
    )

    _SCORE_FIELDS = frozenset({"level_id", "comment"}).union(TASK_FIELDS)
    #: Fixed when the assessment is scheduled (from the form).
    _STRUCTURE_FIELDS = frozenset(
        {"assessment_id", "criterion_id", "group_id", "weight", "group_weight"}
    )

    @api.depends("level_id.points", *[f"{f}.points" for f in TASK_FIELDS])
    def _compute_score(self):
        for line in self:
            if line.assessment_id.form_id.per_task:
                points = [line[fname].points for fname in TASK_FIELDS if line[fname]]
                line.is_scored = bool(points)
                line.score = line._aggregate(points) if points else 0.0
            else:
                line.is_scored = bool(line.level_id)
                line.score = line.level_id.points

    def _aggregate(self, points):
        how = self.assessment_id.form_id.task_aggregation
        if how == "min":
            return min(points)
        if how == "max":
            return max(points)
        total = sum((to_decimal(p, "points") for p in points), to_decimal(0, "sum"))
        return float(divide_rounded(total, len(points), RESULT_QUANTUM))

    def _compute_private_comment(self):
        # Read with the user's rights: the rules hide notes from the employee.
        notes = self.env["hr.assessment.note"].search([("line_id", "in", self.ids)])
        by_line = {note.line_id.id: note.note for note in notes}
        for line in self:
            line.private_comment = by_line.get(line.id, False)

    def _inverse_private_comment(self):
        self._check_open()
        Note = self.env["hr.assessment.note"]
        notes = Note.search([("line_id", "in", self.ids)])
        by_line = {note.line_id: note for note in notes}
        to_create = []
        for line in self:
            note = by_line.get(line)
            if note:
                note.note = line.private_comment
            elif line.private_comment:
                to_create.append({"line_id": line.id, "note": line.private_comment})
        Note.create(to_create)

    def _compute_self_score(self):
        # Shown side by side once the employee has submitted the self-assessment.
        # Read as superuser (the assessor cannot read the employee's
        # self-assessment), so only a submitted self-assessment of the same
        # employee counts, whatever the link says.
        own_of = {
            assessment.id: assessment.self_assessment_id._as_own_self_assessment(
                assessment.employee_id
            )
            # sudo: the assessed employee's own self-assessment, shown to the assessor
            for assessment in self.assessment_id.sudo()
        }
        scores = {
            (line.assessment_id.id, line.criterion_id.id): line.score
            for own in own_of.values()
            for line in own.line_ids
        }
        for line in self:
            own = own_of.get(line.assessment_id.id)
            line.self_score = scores.get((own.id, line.criterion_id.id), 0.0)

    @api.constrains("level_id", *TASK_FIELDS)
    def _check_levels_on_scale(self):
        for line in self:
            scale = line.assessment_id.form_id.scale_id
            for fname in ["level_id", *TASK_FIELDS]:
                level = line[fname]
                if level and level.scale_id != scale:
                    raise ValidationError(
                        self.env._(
                            "The score %(score)s for %(criterion)s is not on the "
                            "scale %(scale)s of the assessment %(name)s.",
                            score=level.display_name,
                            criterion=line.name,
                            scale=scale.name,
                            name=line.assessment_id.name,
                        )
                    )
            if not line.assessment_id.form_id.per_task and any(
                line[fname] for fname in TASK_FIELDS
            ):
                raise ValidationError(
                    self.env._(
                        "The assessment %(name)s is not assessed per task.",
                        name=line.assessment_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        assessments = self.env["hr.assessment"].browse(
            {vals["assessment_id"] for vals in vals_list if vals.get("assessment_id")}
        )
        if assessments.filtered(lambda a: a.state not in ("scheduled", "in_progress")):
            raise UserError(
                self.env._("Criteria cannot be added to a submitted assessment.")
            )
        return super().create(vals_list)

    def write(self, vals):
        check_no_related_write(self, vals)
        if not self.env.su and self._STRUCTURE_FIELDS.intersection(vals):
            raise UserError(
                self.env._(
                    "Criteria and weights of an assessment come from its form "
                    "and cannot be changed."
                )
            )
        if "score" in vals or "is_scored" in vals:
            raise UserError(
                self.env._(
                    "The points of a criterion come from the chosen level of the scale."
                )
            )
        if self._SCORE_FIELDS.intersection(vals):
            # Warm the cache in one query each, so that the record rules are
            # evaluated set-based for mass entries.
            # sudo: cache warm-up only; check_access below decides
            self.sudo().fetch(["assessment_id", "company_id"])
            # sudo: cache warm-up only; check_access below decides
            self.assessment_id.sudo().fetch(
                ["assessor_id", "employee_user_id", "state", "assessment_type"]
            )
            self.check_access("write")
            self._check_open()
            self.assessment_id._check_not_own()
        result = super().write(vals)
        scheduled = self.assessment_id.filtered(lambda a: a.state == "scheduled")
        if scheduled and self._SCORE_FIELDS.intersection(vals):
            scheduled._workflow_check("start")
            scheduled._do_start()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self._check_open()

    def _check_open(self):
        self.assessment_id._check_period_open()
        done = self.assessment_id.filtered(
            lambda a: a.state not in ("scheduled", "in_progress")
        )
        if done:
            raise UserError(
                self.env._(
                    "The assessment %(name)s has been submitted; its scores can "
                    "no longer be changed.",
                    name=done[0].name,
                )
            )
