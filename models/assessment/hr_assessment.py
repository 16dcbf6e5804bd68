from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..common.hr_performance_employee_mixin import stored_user
from ..common.hr_performance_workflow_mixin import Step
from ..common.write_guard import check_no_related_write

ASSESSMENT_STATES = [
    ("scheduled", "Scheduled"),
    ("in_progress", "In Progress"),
    ("submitted", "Submitted"),
    ("acknowledged", "Acknowledged"),
    ("objected", "Objected"),
    ("final", "Final"),
]
OPEN_STATES = ("scheduled", "in_progress")
DONE_STATES = ("submitted", "acknowledged", "objected", "final")
#: The states each action starts from (also read by the objection).
ACTION_STATES = {
    "start": ("scheduled",),
    "submit": OPEN_STATES,
    "acknowledge": ("submitted",),
    "object": ("submitted",),
    "finalize": ("submitted", "acknowledged", "objected"),
    "reopen": DONE_STATES,
}

ACTIVITY_TYPE = "hr_performance.mail_activity_type_assessment_todo"


class HrAssessment(models.Model):
    """One systematic assessment of one employee on one form in one period."""

    _name = "hr.assessment"
    _description = "Assessment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "hr.performance.employee.mixin",
        "hr.performance.workflow.mixin",
    ]
    _order = "date desc, employee_id, id"

    # Only starting has no side effects; every other step computes, stamps
    # or records something, so a state write cannot do it.
    _workflow_steps = {
        "start": Step(ACTION_STATES["start"], "in_progress", raw=True),
        "submit": Step(ACTION_STATES["submit"], "submitted"),
        "acknowledge": Step(ACTION_STATES["acknowledge"], "acknowledged"),
        # HR records an acknowledgement given on paper (staff without a login).
        "record_acknowledgement": Step(
            ACTION_STATES["acknowledge"],
            "acknowledged",
            groups=("hr_performance.group_hr_performance_officer",),
        ),
        "object": Step(ACTION_STATES["object"], "objected"),
        # HR records an objection raised on paper (staff without a login).
        "record_objection": Step(
            ACTION_STATES["object"],
            "objected",
            groups=("hr_performance.group_hr_performance_officer",),
        ),
        "finalize": Step(ACTION_STATES["finalize"], "final"),
        "reopen": Step(ACTION_STATES["reopen"], "in_progress"),
    }
    _workflow_undeletable_states = DONE_STATES
    _workflow_depends = (
        "assessor_id",
        "employee_user_id",
        "assessment_type",
        "period_id.state",
        "objection_ids.state",
    )
    # Whoever may read the assessment may write in its thread (portal too).
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "hr.performance.period", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    form_id = fields.Many2one(
        "hr.assessment.form", required=True, index=True, tracking=True
    )
    scale_id = fields.Many2one(related="form_id.scale_id", string="Rating Scale")
    per_task = fields.Boolean(related="form_id.per_task")
    task_count = fields.Integer(related="form_id.task_count")
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    # employee_user_id and department_id: hr.performance.employee.mixin.
    # Team of the assessment for the record rules, stored so that rules need
    # no joins through hr.employee (set-based access checks).
    supervisor_user_id = stored_user("employee_id.parent_id.user_id", "Supervisor User")
    upper_supervisor_user_id = stored_user(
        "employee_id.parent_id.parent_id.user_id", "Supervisor's Supervisor User"
    )
    department_head_user_id = stored_user(
        "employee_id.department_id.manager_id.user_id", "Department Head User"
    )
    job_title = fields.Char(
        "Function", related="employee_id.job_title", related_sudo=True
    )
    assessor_id = fields.Many2one("res.users", required=True, index=True, tracking=True)
    assessment_type = fields.Selection(
        [("supervisor", "Assessment"), ("self", "Self-Assessment")],
        string="Type",
        required=True,
        default="supervisor",
        index=True,
    )
    self_assessment_id = fields.Many2one(
        "hr.assessment", string="Self-Assessment", readonly=True, index=True
    )
    parent_assessment_id = fields.Many2one(
        "hr.assessment",
        string="Assessment of the Assessor",
        compute="_compute_parent_assessment",
    )
    is_leader = fields.Boolean(
        "Leads Others",
        readonly=True,
        help="The employee leads others: groups for leaders are assessed.",
    )
    date = fields.Date("Assessment Date", required=True, tracking=True, index=True)
    state = fields.Selection(
        ASSESSMENT_STATES,
        default="scheduled",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many("hr.assessment.line", "assessment_id", string="Criteria")
    task_name_1 = fields.Char("Task 1")
    task_name_2 = fields.Char("Task 2")
    task_name_3 = fields.Char("Task 3")
    task_name_4 = fields.Char("Task 4")
    task_name_5 = fields.Char("Task 5")
    comment = fields.Html("Overall Comment")
    result = fields.Float(
        "Result (Points)", readonly=True, copy=False, digits=(16, 2), tracking=True
    )
    result_percent = fields.Float(
        "Result (%)",
        readonly=True,
        copy=False,
        digits=(16, 2),
        tracking=True,
        help="Result as a percentage of the highest level of the scale.",
    )
    result_breakdown = fields.Json(readonly=True, copy=False)
    original_result = fields.Float(
        "Original Result (Points)", readonly=True, copy=False, digits=(16, 2)
    )
    original_result_percent = fields.Float(
        "Original Result (%)", readonly=True, copy=False, digits=(16, 2)
    )
    original_breakdown = fields.Json(readonly=True, copy=False)
    result_corrected = fields.Boolean(
        "Corrected", compute="_compute_result_corrected", store=True
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    submitted_by = fields.Many2one("res.users", readonly=True, copy=False)
    acknowledged_on = fields.Datetime(readonly=True, copy=False)
    acknowledged_by = fields.Many2one("res.users", readonly=True, copy=False)
    acknowledged_recorded_by = fields.Many2one(
        "res.users",
        "Acknowledgement Recorded By",
        readonly=True,
        copy=False,
        help="HR recorded the employee's acknowledgement given on paper.",
    )
    employee_comment = fields.Text(
        "Employee's Comment",
        readonly=True,
        copy=False,
        help="What the employee noted when acknowledging the assessment.",
    )
    finalized_on = fields.Datetime(readonly=True, copy=False)
    reopen_reason = fields.Text(readonly=True, copy=False, tracking=True)
    objection_ids = fields.One2many(
        "hr.assessment.objection", "assessment_id", string="Objections"
    )
    objection_count = fields.Integer(compute="_compute_objection_count")

    _LOCKED_FIELDS = frozenset(
        {
            "period_id",
            "form_id",
            "employee_id",
            "assessor_id",
            "assessment_type",
            "is_leader",
            "date",
            "line_ids",
            "task_name_1",
            "task_name_2",
            "task_name_3",
            "task_name_4",
            "task_name_5",
            "comment",
        }
    )
    #: Who is assessed, by whom, on which form: only HR changes these.
    _HR_FIELDS = frozenset(
        {
            "period_id",
            "form_id",
            "employee_id",
            "assessor_id",
            "assessment_type",
            "is_leader",
        }
    )
    #: Set by the workflow (scheduling wizard, buttons) only.
    _SYSTEM_FIELDS = frozenset(
        {
            "self_assessment_id",
            "submitted_on",
            "submitted_by",
            "acknowledged_on",
            "acknowledged_by",
            "acknowledged_recorded_by",
            "employee_comment",
            "finalized_on",
            "reopen_reason",
        }
    )
    _RESULT_FIELDS = frozenset(
        {
            "result",
            "result_percent",
            "result_breakdown",
            "original_result",
            "original_result_percent",
            "original_breakdown",
        }
    )

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------
    @api.depends("period_id.name", "employee_id.name", "assessment_type")
    def _compute_name(self):
        for assessment in self:
            if assessment.assessment_type == "self":
                assessment.name = self.env._(
                    "Self-assessment %(period)s – %(employee)s",
                    period=assessment.period_id.name or "",
                    employee=assessment.employee_id.name or "",
                )
            else:
                assessment.name = self.env._(
                    "Assessment %(period)s – %(employee)s",
                    period=assessment.period_id.name or "",
                    employee=assessment.employee_id.name or "",
                )

    def _compute_parent_assessment(self):
        parents = self.search([("self_assessment_id", "in", self.ids)])
        by_self = {parent.self_assessment_id.id: parent for parent in parents}
        for assessment in self:
            assessment.parent_assessment_id = by_self.get(assessment.id, False)

    @api.depends("result", "original_result", "state")
    def _compute_result_corrected(self):
        for assessment in self:
            assessment.result_corrected = bool(
                assessment.submitted_on
                and round(assessment.result - assessment.original_result, 2)
            )

    def _compute_access_url(self):
        for assessment in self:
            assessment.access_url = f"/my/assessments/{assessment.id}"

    def _compute_objection_count(self):
        counts = dict(
            self.env["hr.assessment.objection"]._read_group(
                [("assessment_id", "in", self.ids)], ["assessment_id"], ["__count"]
            )
        )
        for assessment in self:
            assessment.objection_count = counts.get(assessment, 0)

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------
    @api.constrains("employee_id", "period_id", "form_id", "assessment_type")
    def _check_unique(self):
        # sudo: a uniqueness check counts records the user may not read
        groups = self.sudo()._read_group(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("period_id", "in", self.period_id.ids),
                ("form_id", "in", self.form_id.ids),
            ],
            ["employee_id", "period_id", "form_id", "assessment_type"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if groups:
            employee, period, form, _kind, _count = groups[0]
            raise ValidationError(
                self.env._(
                    "%(employee)s already has an assessment on the form %(form)s "
                    "in the period %(period)s.",
                    employee=employee.name,
                    form=form.name,
                    period=period.name,
                )
            )

    @api.constrains("assessor_id", "employee_id", "assessment_type")
    def _check_assessor(self):
        for assessment in self:
            if (
                assessment.assessment_type == "supervisor"
                and assessment.assessor_id == assessment.employee_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot assess themselves in %(name)s.",
                        employee=assessment.employee_id.name,
                        name=assessment.name,
                    )
                )

    @api.constrains("period_id", "employee_id")
    def _check_company(self):
        for assessment in self:
            company = assessment.employee_id.company_id
            if company and company != assessment.period_id.company_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not belong to the company of the "
                        "period %(period)s.",
                        employee=assessment.employee_id.name,
                        period=assessment.period_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        forms = self.env["hr.assessment.form"].browse(
            {vals["form_id"] for vals in vals_list if vals.get("form_id")}
        )
        forms._check_weights()
        for vals in vals_list:
            if vals.get("state", "scheduled") != "scheduled":
                raise UserError(self.env._("New assessments start as scheduled."))
            if self._RESULT_FIELDS.intersection(vals):
                raise UserError(self.env._("The result of an assessment is computed."))
        return super().create(vals_list)

    def _workflow_check_fields(self, vals):
        """A user's plain write (form, API); the steps write through the kernel."""
        check_no_related_write(self, vals)
        if self._RESULT_FIELDS.intersection(vals):
            raise UserError(self.env._("The result of an assessment is computed."))
        if self._SYSTEM_FIELDS.intersection(vals):
            raise UserError(
                self.env._(
                    "The link to the self-assessment and the dates of the "
                    "workflow are set by the workflow buttons only."
                )
            )
        self._check_period_open()
        if self._HR_FIELDS.intersection(vals) and not self._is_officer():
            raise UserError(
                self.env._(
                    "Only HR can change who is assessed, by whom, on which form "
                    "and in which period."
                )
            )
        locked = self._LOCKED_FIELDS.intersection(vals)
        for assessment in self:
            if locked and assessment.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "The assessment %(name)s has been submitted; %(fields)s "
                        "can no longer be changed.",
                        name=assessment.name,
                        fields=", ".join(
                            self._fields[fname].get_description(self.env)["string"]
                            for fname in sorted(locked)
                        ),
                    )
                )

    def _check_period_open(self):
        """A closed period is read-only, also for its assessments."""
        # sudo: the period's state is no secret of the assessment's readers
        closed = self.sudo().period_id.filtered(lambda p: p.state == "closed")
        if closed:
            closed[:1]._check_open()

    # ------------------------------------------------------------------
    # actions (each runs one step of the workflow kernel)
    # ------------------------------------------------------------------
    @api.model
    def _get_portal_domain(self):
        """Assessments the current user sees as the assessed employee: their
        own once submitted, and their self-assessments."""
        return [
            ("employee_user_id", "=", self.env.uid),
            "|",
            ("assessment_type", "=", "self"),
            ("state", "in", list(DONE_STATES)),
        ]

    @api.model
    def _get_portal_team_domain(self):
        """Assessments the current user fills in as the assessor."""
        return [
            ("assessor_id", "=", self.env.uid),
            ("assessment_type", "=", "supervisor"),
        ]

    # ------------------------------------------------------------------
    # business helpers
    # ------------------------------------------------------------------
    def _as_own_self_assessment(self, employee):
        """This record if it is a submitted self-assessment of ``employee``.

        Guards every superuser read through ``self_assessment_id``.
        """
        return self.filtered(
            lambda a: (
                a.assessment_type == "self"
                and a.employee_id == employee
                and a.state in DONE_STATES
            )
        )[:1]

    def _report_data(self):
        """Data of the assessment sheet (PDF and screen), grouped by criterion group."""
        self.ensure_one()
        groups = []
        for line in self.line_ids.sorted(
            lambda line: (line.group_id.sequence, line.sequence)
        ):
            if not groups or groups[-1]["group"] != line.group_id:
                groups.append({"group": line.group_id, "lines": []})
            groups[-1]["lines"].append(line)
        # sudo: plain users cannot read hr.employee; name and job only
        employee = self.employee_id.sudo()
        return {
            "employee": employee.name,
            "supervisor": employee.parent_id.name or "",
            "function": employee.job_title or employee.job_id.name or "",
            "assessor": self.assessor_id.name,
            "groups": groups,
            "tasks": [
                self[f"task_name_{index}"] or self.env._("Task %(n)s", n=index)
                for index in range(1, (self.task_count if self.per_task else 0) + 1)
            ],
        }
