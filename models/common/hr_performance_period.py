from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.float_utils import float_compare

from ...engine import EngineError, combined_result
from .engine_messages import engine_error_message
from .hr_performance_workflow_mixin import Step

ADMIN_GROUP = "hr_performance.group_hr_performance_admin"


class HrPerformancePeriod(models.Model):
    """A performance period (e.g. calendar year 2027) of one company."""

    _name = "hr.performance.period"
    _description = "Performance Period"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.performance.workflow.mixin"]
    _order = "date_from desc, id desc"

    # Opening and closing have no side effects: a state write may do them.
    _workflow_steps = {
        "open": Step(("draft",), "open", raw=True, groups=(ADMIN_GROUP,)),
        "close": Step(("open",), "closed", raw=True, groups=(ADMIN_GROUP,)),
    }
    _workflow_undeletable_states = ("open", "closed")
    _workflow_locked_states = ("closed",)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    date_from = fields.Date("Start", required=True, tracking=True)
    date_to = fields.Date("End", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    method = fields.Selection(
        [
            ("goals", "Goal Agreements"),
            ("assessment", "Systematic Assessment"),
            ("combined", "Combined"),
        ],
        required=True,
        default="goals",
        tracking=True,
        help="How the performance result is determined: from goal agreements, "
        "from systematic assessments, or both combined with weights.",
    )
    weight_goals = fields.Float(
        "Weight of Goal Result (%)", default=100.0, tracking=True
    )
    weight_assessment = fields.Float(
        "Weight of Assessment Result (%)", default=0.0, tracking=True
    )
    weight_company = fields.Float(
        "Weight of Company Goals (%)", default=10.0, tracking=True
    )
    weight_department = fields.Float(
        "Weight of Department Goals (%)", default=30.0, tracking=True
    )
    weight_personal = fields.Float(
        "Weight of Personal Goals (%)", default=60.0, tracking=True
    )
    result_scale = fields.Selection(
        [("percent", "Percent"), ("points", "Points")],
        required=True,
        default="percent",
        tracking=True,
    )
    max_achievement = fields.Float(
        "Maximum Achievement",
        default=150.0,
        tracking=True,
        help="Highest achievement that can be entered per goal, in percent or "
        "points depending on the result scale.",
    )
    agreement_deadline = fields.Date("Agree Goals By", tracking=True)
    rating_deadline = fields.Date("Rate Goals By", tracking=True)
    signer = fields.Selection(
        [
            ("supervisor", "Direct Supervisor"),
            ("department_head", "Department Head"),
        ],
        string="Signed By",
        required=True,
        default="supervisor",
        help="Who agrees and signs goal agreements on the employer's side.",
    )
    rating_by = fields.Selection(
        [("supervisor", "Supervisor"), ("hr", "HR (central entry)")],
        string="Achievement Entered By",
        required=True,
        default="supervisor",
    )
    hr_contact_id = fields.Many2one(
        "res.users",
        "HR Contact",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
        help="Gets HR's reminder when an agreement of the period is overdue. "
        "Empty: every HR officer of the company gets it.",
    )
    checkin_interval_days = fields.Integer(
        "Check-in Interval (days)",
        default=90,
        help="A check-in is due when the last one is older than this.",
    )
    employee_proposals = fields.Boolean(
        "Employees May Propose Goals",
        default=True,
        help="Employees may draft goals in their own agreement while in draft.",
    )
    goal_ids = fields.One2many(
        "hr.performance.period.goal", "period_id", string="Company and Department Goals"
    )
    agreement_ids = fields.One2many("hr.goal.agreement", "period_id")
    # --- systematic assessment settings ---
    self_assessment_counts = fields.Boolean(
        "Self-Assessment Counts",
        help="Include the employee's self-assessment in the assessment result.",
    )
    self_assessment_weight = fields.Float(
        "Weight of Self-Assessment (%)",
        default=20.0,
        tracking=True,
        help="Share of the self-assessment in the assessment result when it "
        "counts; the assessor's assessment carries the rest.",
    )
    # --- end of systematic assessment settings ---
    agreement_count = fields.Integer(compute="_compute_agreement_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    @api.depends("agreement_ids")
    def _compute_agreement_count(self):
        counts = dict(
            self.env["hr.goal.agreement"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.agreement_count = counts.get(period, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_from > period.date_to:
                raise ValidationError(
                    self.env._(
                        "The period %(name)s ends before it starts.",
                        name=period.display_name,
                    )
                )

    @api.constrains("date_from", "date_to", "company_id", "active")
    def _check_overlap(self):
        periods = self.filtered("active")
        if not periods:
            return
        # sudo: an overlap check compares dates of all periods; nothing is shown
        others = self.sudo().search(
            [
                ("company_id", "in", periods.company_id.ids),
                ("date_from", "<=", max(periods.mapped("date_to"))),
                ("date_to", ">=", min(periods.mapped("date_from"))),
            ]
        )
        for period in periods:
            for other in others:
                if (
                    other != period
                    and other.company_id == period.company_id
                    and other.date_from <= period.date_to
                    and other.date_to >= period.date_from
                ):
                    raise ValidationError(
                        self.env._(
                            "The period %(name)s overlaps the period %(other)s of "
                            "the company %(company)s. Periods of one company must "
                            "not overlap.",
                            name=period.display_name,
                            other=other.display_name,
                            company=period.company_id.display_name,
                        )
                    )

    @api.constrains(
        "method",
        "weight_goals",
        "weight_assessment",
        "weight_company",
        "weight_department",
        "weight_personal",
        "max_achievement",
        "self_assessment_weight",
        "checkin_interval_days",
    )
    def _check_weights(self):
        for period in self:
            weights = (
                period.weight_goals,
                period.weight_assessment,
                period.weight_company,
                period.weight_department,
                period.weight_personal,
                period.self_assessment_weight,
            )
            # "not 0 <= w <= 100" also refuses NaN, which every comparison fails.
            if any(not 0 <= weight <= 100 for weight in weights):
                raise ValidationError(
                    self.env._(
                        "The weights of period %(name)s must lie between 0 and 100.",
                        name=period.display_name,
                    )
                )
            if period.checkin_interval_days < 1:
                raise ValidationError(
                    self.env._(
                        "The check-in interval of period %(name)s must be at least "
                        "one day.",
                        name=period.display_name,
                    )
                )
            if not period.max_achievement > 0:
                raise ValidationError(
                    self.env._(
                        "The maximum achievement of period %(name)s must be "
                        "greater than 0.",
                        name=period.display_name,
                    )
                )
            levels = (
                period.weight_company
                + period.weight_department
                + period.weight_personal
            )
            if period.method != "assessment" and float_compare(
                levels, 100.0, precision_digits=2
            ):
                raise ValidationError(
                    self.env._(
                        "The weights of company, department and personal goals of "
                        "period %(name)s add up to %(total)s instead of 100.",
                        name=period.display_name,
                        total=round(levels, 2),
                    )
                )
            parts = period.weight_goals + period.weight_assessment
            if period.method == "combined" and float_compare(
                parts, 100.0, precision_digits=2
            ):
                raise ValidationError(
                    self.env._(
                        "The weights of goal result and assessment result of "
                        "period %(name)s add up to %(total)s instead of 100.",
                        name=period.display_name,
                        total=round(parts, 2),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_only_unused_drafts(self):
        for period in self:
            # sudo: counting agreements the user may not read is no disclosure.
            if period.state != "draft" or period.sudo().agreement_ids:
                raise UserError(
                    self.env._(
                        "The performance period %(name)s cannot be deleted: only "
                        "draft periods without goal agreements can be deleted.",
                        name=period.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """Open draft periods: goal agreements can then be drafted."""
        return self._workflow_run("open")

    def action_close(self):
        """Close open periods: the period and its agreements become read-only."""
        return self._workflow_run("close")

    def action_start_next_period(self):
        """Prepare the following year as a draft period: settings, deadlines
        (one year later), company and department goals and bonus groups are
        copied; agreements, results and pay runs are not."""
        self.ensure_one()
        if not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._("Only HR administrators can start the next period.")
            )
        date_from = self.date_from + relativedelta(years=1)
        date_to = self.date_to + relativedelta(years=1)
        existing = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ],
            limit=1,
        )
        if existing:
            raise UserError(
                self.env._(
                    "The period %(period)s already covers %(start)s to %(end)s.",
                    period=existing.display_name,
                    start=format_date(self.env, date_from),
                    end=format_date(self.env, date_to),
                )
            )
        year, next_year = str(self.date_from.year), str(date_from.year)
        name = (
            self.name.replace(year, next_year)
            if year in self.name
            else f"{self.name} {next_year}"
        )
        values = {"name": name, "date_from": date_from, "date_to": date_to}
        for field in ("agreement_deadline", "rating_deadline"):
            if self[field]:
                values[field] = self[field] + relativedelta(years=1)
        new = self.copy(values)
        self._copy_into_next_period(new)
        new.message_post(
            body=self.env._(
                "Prepared from %(period)s: settings, goals and bonus groups copied.",
                period=self.display_name,
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def _copy_into_next_period(self, new):
        """Copy what the next period starts with (extended per area)."""
        for goal in self.goal_ids:
            goal.copy(
                {
                    "period_id": new.id,
                    "deadline": goal.deadline + relativedelta(years=1)
                    if goal.deadline
                    else False,
                }
            )

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------
    def _check_open(self):
        """Raise unless every period in self still accepts changes."""
        closed = self.filtered(lambda period: period.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The performance period %(name)s is closed.",
                    name=closed[0].display_name,
                )
            )

    def _workflow_group_message(self, action):
        return self.env._("Only HR administrators can open or close periods.")

    def _workflow_state_message(self, action):
        if action == "open":
            return self.env._(
                "The performance period %(name)s can only be opened from draft.",
                name=self.display_name,
            )
        return self.env._(
            "The performance period %(name)s can only be closed when it is open.",
            name=self.display_name,
        )

    def _workflow_locked_message(self):
        return self.env._(
            "The performance period %(name)s is closed.", name=self.display_name
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The performance period %(name)s cannot be deleted: only draft periods "
            "without goal agreements can be deleted.",
            name=self.display_name,
        )

    def _do_open(self):
        self._workflow_write("open", {"state": "open"})

    def _do_close(self):
        self._workflow_write("close", {"state": "closed"})

    def _combined_result(self, goal_value, assessment_value):
        """Combine a goal result and an assessment result by the weights.

        Returns the engine's ``WeightedTotal`` (``total`` rounded to 0.01).
        """
        self.ensure_one()
        try:
            return combined_result(
                [
                    ("goals", goal_value, self.weight_goals),
                    ("assessment", assessment_value, self.weight_assessment),
                ]
            )
        except EngineError as error:
            raise UserError(
                self.env._(
                    "The result of period %(name)s cannot be combined: %(reason)s",
                    name=self.display_name,
                    reason=engine_error_message(self.env, error),
                )
            ) from error
