from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, plaintext2html

from ...engine import EngineError, divide_rounded, weighted_total
from ...engine.rounding import RESULT_QUANTUM, to_decimal
from ..common.engine_messages import engine_error_message
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
        "object": Step(ACTION_STATES["object"], "objected"),
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

    def _is_officer(self):
        return self.env.user.has_group("hr_performance.group_hr_performance_officer")

    def _workflow_precheck(self, action, context):
        # sudo: the period's state is no secret of the assessment's readers.
        period = self.sudo().period_id
        if period.state == "closed":
            return self.env._(
                "The performance period %(period)s is closed.", period=period.name
            )
        return None

    def _workflow_state_message(self, action):
        labels = {
            "start": self.env._("started"),
            "submit": self.env._("submitted"),
            "acknowledge": self.env._("acknowledged"),
            "object": self.env._("objected to"),
            "finalize": self.env._("finalized"),
            "reopen": self.env._("reopened"),
        }
        return self.env._(
            "The assessment %(name)s cannot be %(action)s because it is %(state)s.",
            name=self.name,
            action=labels[action],
            state=self._workflow_state_label(),
        )

    def _workflow_transition_message(self, new_state):
        return self.env._(
            "The assessment %(name)s cannot go from %(old)s to %(new)s.",
            name=self.name,
            old=self._workflow_state_label(),
            new=self._workflow_state_label(new_state),
        )

    def _workflow_raw_message(self, new_state):
        return self.env._(
            "The assessment %(name)s cannot go from %(old)s to %(new)s this way: "
            "use the buttons of the assessment.",
            name=self.name,
            old=self._workflow_state_label(),
            new=self._workflow_state_label(new_state),
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The assessment %(name)s has been submitted and cannot be deleted.",
            name=self.name,
        )

    def _workflow_rights_reason(self, action, context):
        """Who acts: the assessor fills in, the employee answers, HR decides;
        nobody decides on their own assessment."""
        user = self.env.user
        is_employee = self.employee_user_id == user
        if action in ("start", "submit"):
            if not (self.assessor_id == user or self._is_officer()):
                return self.env._(
                    "Only the assessor or HR can fill in the assessment %(name)s.",
                    name=self.name,
                )
        elif action in ("acknowledge", "object"):
            if not is_employee and self.assessment_type != "self":
                return self.env._(
                    "Only the assessed employee can acknowledge or object to "
                    "the assessment %(name)s.",
                    name=self.name,
                )
        elif not self._is_officer() or is_employee:
            return self.env._(
                "Only HR can finalize or reopen the assessment %(name)s.",
                name=self.name,
            )
        return None

    def _self_assessment_reason(self):
        if self.assessment_type == "self":
            return self.env._("A self-assessment is not acknowledged or objected to.")
        return None

    def _cannot_acknowledge_reason(self, context=None):
        return self._self_assessment_reason()

    def _cannot_object_reason(self, context=None):
        return self._self_assessment_reason()

    def _cannot_finalize_reason(self, context=None):
        if self.assessment_type == "self":
            return self.env._("A self-assessment is not finalized.")
        if self.objection_ids.filtered(lambda o: o.state != "decided"):
            return self.env._(
                "The objection to the assessment %(name)s has not been decided yet.",
                name=self.name,
            )
        return None

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------
    @api.constrains("employee_id", "period_id", "form_id", "assessment_type")
    def _check_unique(self):
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
        closed = self.sudo().period_id.filtered(lambda p: p.state == "closed")
        if closed:
            closed[:1]._check_open()

    # ------------------------------------------------------------------
    # actions (each runs one step of the workflow kernel)
    # ------------------------------------------------------------------
    def action_start(self):
        return self._workflow_run("start")

    def _do_start(self):
        self._workflow_write("start", {"state": "in_progress"})

    def action_submit(self):
        return self._workflow_run("submit")

    def _do_submit(self):
        lines_by_assessment = self._lines_by_assessment()
        self._check_complete(lines_by_assessment)
        results = self._compute_results(lines_by_assessment)
        now = fields.Datetime.now()
        for assessment in self.sudo():
            total, percent, breakdown = results[assessment.id]
            vals = {
                "state": "submitted",
                "result": total,
                "result_percent": percent,
                "result_breakdown": breakdown,
                "submitted_on": now,
                "submitted_by": self.env.uid,
            }
            if not assessment.submitted_on:
                vals.update(
                    original_result=total,
                    original_result_percent=percent,
                    original_breakdown=breakdown,
                )
            assessment._workflow_write("submit", vals)
        self._close_activities()
        self.env["hr.performance.result"].sudo()._update_from_assessments(self.sudo())

    def action_acknowledge(self):
        return self._workflow_run("acknowledge")

    def _do_acknowledge(self):
        self._workflow_write(
            "acknowledge",
            {
                "state": "acknowledged",
                "acknowledged_on": fields.Datetime.now(),
                "acknowledged_by": self.env.uid,
            },
        )

    def action_object(self):
        """Open the objection form; saving it marks the assessment objected."""
        self.ensure_one()
        self._workflow_check_states("object")
        self._workflow_check("object")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Object to the Assessment"),
            "res_model": "hr.assessment.objection",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assessment_id": self.id},
        }

    def _do_object(self):
        self._workflow_write("object", {"state": "objected"})

    def action_finalize(self):
        return self._workflow_run("finalize")

    def _do_finalize(self):
        self._workflow_write(
            "finalize", {"state": "final", "finalized_on": fields.Datetime.now()}
        )
        self.objection_ids.sudo()._record_final_result()
        self.env["hr.performance.result"].sudo()._update_from_assessments(self.sudo())

    def action_reopen(self):
        """Ask HR for the reason, then reopen (see the reopen wizard)."""
        self._workflow_check_states("reopen")
        self._workflow_check("reopen")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Assessment"),
            "res_model": "hr.assessment.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assessment_ids": self.ids},
        }

    def _reopen(self, reason):
        """Reopen with a reason (called by the wizard and objection decisions)."""
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("Please give a reason for reopening."))
        return self._workflow_run("reopen", reason.strip())

    def _do_reopen(self, reason):
        self._workflow_write(
            "reopen", {"state": "in_progress", "reopen_reason": reason}
        )
        for assessment in self:
            assessment.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.env["hr.performance.result"].sudo()._update_from_assessments(self.sudo())

    def action_view_objections(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Objections"),
            "res_model": "hr.assessment.objection",
            "view_mode": "list,form",
            "domain": [("assessment_id", "=", self.id)],
            "context": {"default_assessment_id": self.id},
        }

    def _object_with_reason(self, reason):
        """Record the employee's objection with its reason (portal, API).

        Same checks as the objection form: the objection's ``create`` checks
        the state and who objects, then marks the assessment objected.
        """
        self.ensure_one()
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(
                self.env._(
                    "Please give a reason for your objection to %(name)s.",
                    name=self.name,
                )
            )
        self._workflow_check_states("object")
        self._workflow_check("object")
        return self.env["hr.assessment.objection"].create(
            {"assessment_id": self.id, "reason": reason.strip()}
        )

    def _save_scores(self, scores, comment=None):
        """Write the scores entered on a page, with the user's rights.

        ``scores``: {line id: {field: value}} for the fields of
        :meth:`_score_fields`; levels are ids of levels of the form's scale.
        Lines with the same new values are written together (set-based).
        ``comment``: the overall comment as plain text (None: unchanged).
        """
        self.ensure_one()
        Line = self.env["hr.assessment.line"]
        lines = self.line_ids
        unknown = set(scores) - set(lines.ids)
        if unknown:
            raise UserError(
                self.env._(
                    "The criteria entered do not belong to the assessment %(name)s.",
                    name=self.name,
                )
            )
        allowed = set(self._score_fields())
        level_fields = allowed - {"comment", "private_comment"}
        level_ids = set(self.sudo().form_id.scale_id.level_ids.ids)
        to_write = defaultdict(lambda: Line)
        for line in lines.filtered(lambda ln: ln.id in scores):
            vals = {}
            for fname, value in scores[line.id].items():
                if fname not in allowed:
                    raise UserError(
                        self.env._(
                            "%(field)s cannot be entered on the assessment %(name)s.",
                            field=fname,
                            name=self.name,
                        )
                    )
                if fname in level_fields:
                    value = value or False
                    if value and value not in level_ids:
                        raise UserError(
                            self.env._(
                                "The score for %(criterion)s is not on the scale "
                                "of the assessment %(name)s.",
                                criterion=line.name,
                                name=self.name,
                            )
                        )
                    if value != line[fname].id:
                        vals[fname] = value
                else:
                    value = (value or "").strip() or False
                    if value != (line[fname] or False):
                        vals[fname] = value
            if vals:
                to_write[tuple(sorted(vals.items()))] |= line
        for vals, records in to_write.items():
            records.write(dict(vals))
        if comment is not None:
            text = comment.strip()
            if text != html2plaintext(self.comment or "").strip():
                self.write({"comment": plaintext2html(text) if text else False})
        return True

    def _score_fields(self):
        """Fields of the lines that the assessor enters on a page."""
        self.ensure_one()
        form = self.sudo().form_id
        if form.per_task:
            fields_ = [
                f"task_{index}_level_id" for index in range(1, form.task_count + 1)
            ]
        else:
            fields_ = ["level_id"]
        fields_.append("comment")
        if self.assessment_type == "supervisor":
            fields_.append("private_comment")
        return fields_

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

    def _lines_by_assessment(self):
        """All lines of self in one query: {assessment id: [lines]}."""
        lines = (
            self.env["hr.assessment.line"]
            .sudo()
            .search([("assessment_id", "in", self.ids)])
        )
        by_assessment = {assessment_id: [] for assessment_id in self.ids}
        for line in lines:
            by_assessment[line.assessment_id.id].append(line)
        return by_assessment

    def _check_complete(self, lines_by_assessment):
        for assessment in self:
            lines = lines_by_assessment[assessment.id]
            if not lines:
                raise UserError(
                    self.env._(
                        "The assessment %(name)s has no criteria.",
                        name=assessment.name,
                    )
                )
            missing = [line for line in lines if not line.is_scored]
            if missing:
                raise UserError(
                    self.env._(
                        "The criterion %(criterion)s of the assessment %(name)s "
                        "has no score yet.",
                        criterion=missing[0].name,
                        name=assessment.name,
                    )
                )

    def _compute_results(self, lines_by_assessment):
        """Engine totals per assessment: {id: (points, percent, breakdown)}."""
        results = {}
        for assessment in self.sudo():
            try:
                results[assessment.id] = assessment._engine_result(
                    lines_by_assessment[assessment.id]
                )
            except EngineError as error:
                raise UserError(
                    self.env._(
                        "The result of the assessment %(name)s cannot be "
                        "computed: %(error)s",
                        name=assessment.name,
                        error=engine_error_message(
                            self.env, error, assessment._engine_labels()
                        ),
                    )
                ) from error
        return results

    def _engine_labels(self):
        """Names of the criteria and groups the engine knows by id or name."""
        self.ensure_one()
        lines = self.sudo().line_ids
        labels = {line.criterion_id.id: line.name for line in lines}
        labels.update({line.group_id.id: line.group_id.name for line in lines})
        labels.update({str(key): name for key, name in labels.items()})
        return labels

    def _engine_result(self, lines):
        """Weighted total per criterion group, then over the groups (engine)."""
        self.ensure_one()
        groups = {}
        for line in lines:
            groups.setdefault(line.group_id, []).append(line)
        group_items = []
        breakdown_groups = []
        for group, group_lines in groups.items():
            detail = weighted_total(
                [
                    (line.criterion_id.id, line.score, line.weight)
                    for line in group_lines
                ],
                set_name=group.name,
            )
            weight = group_lines[0].group_weight
            group_items.append((group.id, detail.exact, weight))
            breakdown_groups.append(
                {
                    "group_id": group.id,
                    "name": group.name,
                    "weight": weight,
                    "result": float(detail.total),
                    "criteria": [
                        {
                            "criterion_id": line.criterion_id.id,
                            "name": line.name,
                            "score": line.score,
                            "weight": line.weight,
                        }
                        for line in group_lines
                    ],
                }
            )
        total = weighted_total(group_items, set_name=self.form_id.name)
        scale_max = to_decimal(self.form_id.scale_id.max_points, "scale maximum")
        percent = divide_rounded(total.exact * 100, scale_max, RESULT_QUANTUM)
        breakdown = {
            "groups": breakdown_groups,
            "total": float(total.total),
            "percent": float(percent),
            "scale_max": float(scale_max),
        }
        return float(total.total), float(percent), breakdown

    def _close_activities(self):
        """Mark the 'assessment to do' activity done once nothing is left."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return
        assessors = self.assessor_id
        still_open = {
            assessor
            for (assessor,) in self.sudo()._read_group(
                [("assessor_id", "in", assessors.ids), ("state", "in", OPEN_STATES)],
                ["assessor_id"],
            )
        }
        done = assessors - self.env["res.users"].union(*still_open)
        if not done:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", done.ids),
                ]
            )
        )
        activities.action_feedback(
            feedback=self.env._("All assessments have been submitted.")
        )

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
