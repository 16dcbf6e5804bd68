from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HrPerformancePeriod(models.Model):
    """A performance period (e.g. calendar year 2027) of one company."""

    _name = "hr.performance.period"
    _description = "Performance Period"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"

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
    # --- systematic assessment settings (issue 4: assessments own this block) ---
    self_assessment_counts = fields.Boolean(
        "Self-Assessment Counts",
        help="Include the employee's self-assessment in the assessment result.",
    )
    # --- end of systematic assessment settings ---
    agreement_count = fields.Integer(compute="_compute_agreement_count")

    @api.depends("agreement_ids")
    def _compute_agreement_count(self):
        counts = dict(
            self.env["hr.goal.agreement"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.agreement_count = counts.get(period, 0)

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
