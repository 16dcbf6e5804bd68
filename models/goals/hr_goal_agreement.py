from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..common.hr_performance_employee_mixin import stored_user
from ..common.hr_performance_workflow_mixin import Step
from ..common.write_guard import check_no_related_create, check_no_related_write

MANAGER_GROUP = "hr_performance.group_hr_performance_manager"
OFFICER_GROUP = "hr_performance.group_hr_performance_officer"

AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("agreed", "Agreed"),
    ("in_progress", "In Progress"),
    ("rating", "Rating"),
    ("rated", "Rated"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
LEVELS = ("company", "department", "personal")

#: The roles that may do each action. Roles: employee (the agreement's
#: employee), supervisor (the signer), manager (the employee's supervisor
#: chain or department head) and officer (HR officer of the company).
#: Rating is decided by the period's ``rating_by``.
ACTION_ROLES = {
    "submit": {"employee", "supervisor", "manager", "officer"},
    "reset": {"employee", "supervisor", "manager", "officer"},
    "agree": {"employee", "supervisor"},
    "record_agreement": {"officer"},
    "start": {"supervisor", "manager", "officer"},
    "start_rating": {"supervisor", "manager", "officer"},
    "close": {"officer"},
    "cancel": {"supervisor", "manager", "officer"},
    "revise": {"supervisor", "manager", "officer"},
    "checkin": {"employee", "supervisor", "manager", "officer"},
}
#: Set by the workflow only (never by a plain write of a user).
SYSTEM_FIELDS = {
    "employee_agreed_recorded_by",
    "supervisor_agreed_recorded_by",
    "employee_agreed_by",
    "employee_agreed_on",
    "supervisor_agreed_by",
    "supervisor_agreed_on",
    "cancel_reason",
    "revision",
    "result_company",
    "result_department",
    "result_personal",
    "result_total",
    "result_breakdown",
}
#: Fixed once the agreement exists (create a new agreement instead).
FIXED_FIELDS = {"employee_id", "period_id"}
#: Only while in draft.
DRAFT_FIELDS = {"supervisor_id"}
#: May still be written in a closed period (technical fields of mail.thread).
CLOSED_PERIOD_FIELDS = {"message_main_attachment_id"}
UNDELETABLE_STATES = ("agreed", "in_progress", "rating", "rated", "closed")


class HrGoalAgreement(models.Model):
    """One employee's goal agreement (Zielvereinbarung) for one period."""

    _name = "hr.goal.agreement"
    _description = "Goal Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "hr.performance.employee.mixin",
        "hr.performance.workflow.mixin",
    ]
    _order = "period_id desc, employee_id, id"
    _mail_post_access = "read"

    # The graph; a state write may only take the raw steps (no side effects).
    _workflow_steps = {
        "submit": Step(("draft",), "submitted", raw=True),
        "reset": Step(("submitted",), "draft", raw=True),
        "agree": Step(("submitted",), "agreed"),
        # HR records what was signed on paper (staff without a login).
        "record_agreement": Step(("submitted",), "agreed", groups=(OFFICER_GROUP,)),
        "start": Step(("agreed",), "in_progress", raw=True),
        "start_rating": Step(("in_progress",), "rating", raw=True),
        "rate": Step(("rating",)),
        "finish_rating": Step(("rating",), "rated"),
        "close": Step(("rated",), "closed", raw=True),
        "cancel": Step(("draft", "submitted", "agreed"), "cancelled"),
        "revise": Step(("agreed", "in_progress"), "draft"),
        "checkin": Step(("agreed", "in_progress", "rating")),
    }
    _workflow_undeletable_states = UNDELETABLE_STATES
    # Every change of state brings the reminders in line (agreement_reminders).
    _workflow_activity_steps = (
        "submit",
        "reset",
        "agree",
        "start",
        "start_rating",
        "finish_rating",
        "close",
        "cancel",
        "revise",
    )
    _workflow_depends = (
        "employee_user_id",
        "supervisor_user_id",
        "employee_agreed_on",
        "supervisor_agreed_on",
        "period_id.state",
        "period_id.rating_by",
    )

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "hr.performance.period", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    # employee_user_id and department_id (stored for the record rules and
    # portal domains): hr.performance.employee.mixin.
    supervisor_id = fields.Many2one(
        "hr.employee",
        index=True,
        tracking=True,
        help="Agrees and signs the agreement on the employer's side.",
    )
    supervisor_user_id = stored_user("supervisor_id.user_id", "Supervisor User")
    state = fields.Selection(
        AGREEMENT_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    goal_ids = fields.One2many("hr.goal", "agreement_id", string="Goals", copy=True)
    company_goal_ids = fields.One2many(
        "hr.goal",
        "agreement_id",
        string="Company Goals",
        domain=[("level", "=", "company")],
    )
    department_goal_ids = fields.One2many(
        "hr.goal",
        "agreement_id",
        string="Department Goals",
        domain=[("level", "=", "department")],
    )
    personal_goal_ids = fields.One2many(
        "hr.goal",
        "agreement_id",
        string="Personal Goals",
        domain=[("level", "=", "personal")],
    )
    checkin_ids = fields.One2many("hr.goal.checkin", "agreement_id", string="Check-ins")
    revision_ids = fields.One2many(
        "hr.goal.agreement.revision", "agreement_id", string="Previous Versions"
    )
    employee_agreed_by = fields.Many2one("res.users", readonly=True, copy=False)
    employee_agreed_on = fields.Datetime(readonly=True, copy=False)
    supervisor_agreed_by = fields.Many2one("res.users", readonly=True, copy=False)
    supervisor_agreed_on = fields.Datetime(readonly=True, copy=False)
    employee_agreed_recorded_by = fields.Many2one(
        "res.users",
        "Employee's Signature Recorded By",
        readonly=True,
        copy=False,
        help="HR recorded the employee's signature on paper.",
    )
    supervisor_agreed_recorded_by = fields.Many2one(
        "res.users",
        "Supervisor's Signature Recorded By",
        readonly=True,
        copy=False,
        help="HR recorded the supervisor's signature on paper.",
    )
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    revision = fields.Integer(
        "Version", default=1, readonly=True, copy=False, tracking=True
    )
    # Results, stored with their breakdown when rated (engine output).
    result_company = fields.Float(readonly=True, copy=False)
    result_department = fields.Float(readonly=True, copy=False)
    result_personal = fields.Float(readonly=True, copy=False)
    result_total = fields.Float("Goal Result", readonly=True, copy=False, tracking=True)
    result_breakdown = fields.Json("Result Breakdown Data", readonly=True, copy=False)
    result_breakdown_html = fields.Html(
        "Result Breakdown", compute="_compute_result_breakdown_html", sanitize=False
    )
    last_checkin_date = fields.Date(compute="_compute_last_checkin", store=True)
    level_weight_company = fields.Float(
        related="period_id.weight_company", string="Company Goals (%)"
    )
    level_weight_department = fields.Float(
        related="period_id.weight_department", string="Department Goals (%)"
    )
    level_weight_personal = fields.Float(
        related="period_id.weight_personal", string="Personal Goals (%)"
    )
    weight_sum_company = fields.Float(
        "Sum of Company Goal Weights", compute="_compute_weight_sums"
    )
    weight_sum_department = fields.Float(
        "Sum of Department Goal Weights", compute="_compute_weight_sums"
    )
    weight_sum_personal = fields.Float(
        "Sum of Personal Goal Weights", compute="_compute_weight_sums"
    )
    max_achievement = fields.Float(related="period_id.max_achievement")
    is_overdue = fields.Boolean(
        "Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_my_team = fields.Boolean(
        "My Team", compute="_compute_is_my_team", search="_search_is_my_team"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("period_id.name", "employee_id.name")
    def _compute_name(self):
        for agreement in self:
            agreement.name = self.env._(
                "%(period)s – %(employee)s",
                period=agreement.period_id.name or "",
                employee=agreement.employee_id.name or "",
            )

    @api.depends("checkin_ids.date")
    def _compute_last_checkin(self):
        for agreement in self:
            dates = agreement.checkin_ids.mapped("date")
            agreement.last_checkin_date = max(dates) if dates else False

    @api.depends("goal_ids.weight", "goal_ids.level")
    def _compute_weight_sums(self):
        for agreement in self:
            for level in LEVELS:
                goals = agreement.goal_ids.filtered(lambda g, lv=level: g.level == lv)
                agreement[f"weight_sum_{level}"] = sum(goals.mapped("weight"))

    @api.depends("state", "period_id.agreement_deadline", "period_id.rating_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            period = agreement.period_id
            agreement.is_overdue = bool(
                (
                    agreement.state in ("draft", "submitted")
                    and period.agreement_deadline
                    and period.agreement_deadline < today
                )
                or (
                    agreement.state in ("agreed", "in_progress", "rating")
                    and period.rating_deadline
                    and period.rating_deadline < today
                )
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search is not supported."))
        today = fields.Date.context_today(self)
        domain = [
            "|",
            "&",
            ("state", "in", ["draft", "submitted"]),
            ("period_id.agreement_deadline", "<", today),
            "&",
            ("state", "in", ["agreed", "in_progress", "rating"]),
            ("period_id.rating_deadline", "<", today),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    @api.depends_context("uid")
    def _compute_is_my_team(self):
        team = self._team_employees()
        for agreement in self:
            agreement.is_my_team = agreement.employee_id in team

    def _search_is_my_team(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search is not supported."))
        domain = [("employee_id", "in", self._team_employees().ids)]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("employee_id", "period_id", "state")
    def _check_one_active_per_period(self):
        active = self.filtered(lambda agreement: agreement.state != "cancelled")
        if not active:
            return
        counts = Counter(
            (agreement.employee_id.id, agreement.period_id.id)
            # sudo: a uniqueness check counts agreements the user may not read
            for agreement in self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("employee_id", "in", active.employee_id.ids),
                    ("period_id", "in", active.period_id.ids),
                    ("state", "!=", "cancelled"),
                ]
            )
        )
        for agreement in active:
            if counts[agreement.employee_id.id, agreement.period_id.id] > 1:
                raise ValidationError(
                    self.env._(
                        "%(employee)s already has a goal agreement for the period "
                        "%(period)s. Cancel it before creating a new one.",
                        # sudo: plain users cannot read hr.employee; the name only
                        employee=agreement.employee_id.sudo().name,
                        period=agreement.period_id.display_name,
                    )
                )

    @api.constrains("employee_id", "supervisor_id", "period_id")
    def _check_supervisor(self):
        for agreement in self:
            # sudo: plain users cannot read hr.employee; its supervisor only
            employee = agreement.employee_id.sudo()
            if not agreement.supervisor_id:
                raise ValidationError(
                    self.env._(
                        "The goal agreement %(name)s needs a supervisor: "
                        "%(employee)s has none. Set a supervisor (or department "
                        "head) on the employee first.",
                        name=agreement.display_name,
                        employee=employee.name,
                    )
                )
            if agreement.supervisor_id == agreement.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot be their own supervisor in the goal "
                        "agreement %(name)s.",
                        employee=employee.name,
                        name=agreement.display_name,
                    )
                )
            if employee.company_id != agreement.period_id.company_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not belong to the company of the period "
                        "%(period)s.",
                        employee=employee.name,
                        period=agreement.period_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        Period = self.env["hr.performance.period"]
        # sudo: plain users cannot read hr.employee; supervisor and name only
        Employee = self.env["hr.employee"].sudo()
        for vals in vals_list:
            period = Period.browse(vals.get("period_id"))
            employee = Employee.browse(vals.get("employee_id"))
            if not self.env.su:
                forbidden = SYSTEM_FIELDS.intersection(vals)
                if forbidden or vals.get("state", "draft") != "draft":
                    raise UserError(
                        self.env._(
                            "A goal agreement starts as a draft; its state, "
                            "agreements and results are set by the workflow."
                        )
                    )
            # sudo: the period's state is no secret of whoever creates in it
            if period and period.sudo().state != "open":
                raise UserError(
                    self.env._(
                        "The performance period %(name)s is not open: goal "
                        "agreements cannot be created in it.",
                        # sudo: the period's name is no secret of whoever creates in it
                        name=period.sudo().display_name,
                    )
                )
            if employee and period and not vals.get("supervisor_id"):
                # sudo: the period's signer rule decides the default supervisor
                supervisor = self._default_supervisor(employee, period.sudo())
                if not supervisor:
                    raise UserError(
                        self.env._(
                            "%(employee)s has no supervisor (or department head): "
                            "a goal agreement needs one who signs it. Set it on "
                            "the employee first.",
                            employee=employee.name,
                        )
                    )
                vals["supervisor_id"] = supervisor.id
        agreements = super().create(vals_list)
        if not self.env.su:
            agreements._check_creator_is_responsible()
            agreements._check_supervisor_choice()
        return agreements

    def write(self, vals):
        self._check_period_and_draft_fields(vals)
        result = super().write(vals)
        if "supervisor_id" in vals and not self.env.su:
            self._check_supervisor_choice()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_open_periods(self):
        for agreement in self:
            agreement.period_id._check_open()

    # ------------------------------------------------------------------
    # Actions (each runs one step of the workflow kernel)
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Workflow internals
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Who may do what (one place)
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------
    def _check_period_and_draft_fields(self, vals):
        """Closed periods freeze their agreements (also for the system); the
        supervisor changes only in draft."""
        if not self.env.su:
            self.check_access("write")
        # sudo: the period's state is no secret of the agreement's readers
        closed = self.filtered(lambda a: a.sudo().period_id.state == "closed")
        if closed and set(vals) - CLOSED_PERIOD_FIELDS:
            # sudo: the period's state is no secret of the agreement's readers.
            closed.sudo().period_id._check_open()
        for agreement in self:
            if agreement.state != "draft" and DRAFT_FIELDS.intersection(vals):
                if any(agreement[f].id != vals[f] for f in DRAFT_FIELDS & set(vals)):
                    raise UserError(
                        self.env._(
                            "The supervisor of the goal agreement %(name)s can only "
                            "be changed in draft.",
                            name=agreement.display_name,
                        )
                    )

    def _workflow_check_fields(self, vals):
        check_no_related_write(self, vals)
        for field in FIXED_FIELDS.intersection(vals):
            if any(agreement[field].id != vals[field] for agreement in self):
                raise UserError(
                    self.env._(
                        "The employee and the period of a goal agreement cannot "
                        "be changed. Create a new goal agreement instead."
                    )
                )

    def _check_creator_is_responsible(self):
        """Only HR, the employee or a manager above the employee (supervisor
        chain or department head) creates an agreement: naming oneself the
        supervisor does not make someone one's team."""
        team = self._team_employees()
        user = self.env.user
        for agreement in self:
            # sudo: the employee's place in the organisation decides the right.
            employee = agreement.sudo().employee_id
            if (
                employee.user_id == user
                or "officer" in agreement._hr_roles(user, own=False)
                or employee in team
                or employee.department_id.manager_id.user_id == user
            ):
                continue
            raise UserError(
                self.env._(
                    "You can create goal agreements only for your own team; "
                    "%(employee)s is not in it.",
                    employee=employee.name,
                )
            )

    def _check_supervisor_choice(self):
        """Only managers and HR choose a supervisor other than the default."""
        team = self._team_employees()
        for agreement in self:
            roles = agreement._roles(team)
            if roles & {"manager", "officer"}:
                continue
            # sudo: the employee's organisation decides the default supervisor
            employee = agreement.sudo().employee_id
            # sudo: the employee's organisation decides the default supervisor
            default = self._default_supervisor(employee, agreement.sudo().period_id)
            if agreement.supervisor_id != default:
                raise UserError(
                    self.env._(
                        "Only the manager or HR can choose another supervisor for "
                        "the goal agreement %(name)s.",
                        name=agreement.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------
    @api.model
    def _get_portal_domain(self):
        """Agreements a portal (or any) user sees as the employee."""
        return [("employee_user_id", "=", self.env.uid)]

    @api.model
    def _get_portal_team_domain(self):
        """Agreements of others the current user works on as supervisor or
        manager (the portal page "My team"; record rules still apply)."""
        return [
            ("employee_user_id", "!=", self.env.uid),
            ("state", "!=", "cancelled"),
            "|",
            ("supervisor_user_id", "=", self.env.uid),
            ("is_my_team", "=", True),
        ]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for agreement in self:
            agreement.access_url = f"/my/goal-agreements/{agreement.id}"
        return result

    def _get_report_base_filename(self):
        """File name of a PDF downloaded in the portal (the report is in the
        context key ``hr_performance_report``: agreement or result)."""
        self.ensure_one()
        return self._get_report_filename(
            self.env.context.get("hr_performance_report", "agreement")
        )

    def _can_propose_goals(self):
        """Whether the current user may propose goals here (in the portal):
        the employee, in draft, when the period allows proposals. The record
        rules on hr.goal enforce the same on create."""
        self.ensure_one()
        # sudo: the period's proposal rule; the record rules decide the rest
        agreement = self.sudo()
        return bool(
            agreement.state == "draft"
            and agreement.employee_user_id == self.env.user
            and agreement.period_id.employee_proposals
            and agreement.period_id.state == "open"
        )

    def _is_checkin_overdue(self, today=None):
        """Whether a check-in is due on this running agreement (as the
        reminders see it)."""
        self.ensure_one()
        if self.state not in ("agreed", "in_progress"):
            return False
        due = self._reminder_checkin_due_date()
        return bool(due and due <= (today or fields.Date.context_today(self)))

    @api.model
    def _default_supervisor(self, employee, period):
        """Who signs for the employer, per the period's signer rule (sudo).

        Direct supervisor: the employee's ``parent_id``. Department head: the
        manager of the employee's department; for the head themselves the
        manager of the parent department (or their own supervisor).
        """
        # sudo: plain users cannot read hr.employee; parent and department only
        employee = employee.sudo()
        if period.signer == "department_head":
            department = employee.department_id
            while department and department.manager_id in (
                employee,
                self.env["hr.employee"],
            ):
                department = department.parent_id
            if department:
                return department.manager_id
        return employee.parent_id

    @api.onchange("employee_id", "period_id")
    def _onchange_employee_period(self):
        if self.employee_id and self.period_id and self.state == "draft":
            self.supervisor_id = self._default_supervisor(
                self.employee_id, self.period_id
            )

    def _check_goals_editable(self):
        """Raise unless the goals of every agreement in self may be edited.

        Goals are edited in draft only: once submitted or agreed they are
        locked (for everyone); a revision reopens them.
        """
        for agreement in self:
            # sudo: the period's state is no secret of the agreement's readers
            agreement.sudo().period_id._check_open()
            if agreement.state != "draft":
                raise UserError(
                    self.env._(
                        "The goals of the goal agreement %(name)s are locked "
                        "(%(state)s). Agreed goals can only be changed through a "
                        "revision.",
                        name=agreement.display_name,
                        state=agreement._state_label(),
                    )
                )

    def _level_labels(self):
        return dict(
            self.env["hr.goal"]._fields["level"]._description_selection(self.env)
        )
