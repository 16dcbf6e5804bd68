from odoo import api, fields, models

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


class HrGoalAgreement(models.Model):
    """One employee's goal agreement (Zielvereinbarung) for one period."""

    _name = "hr.goal.agreement"
    _description = "Goal Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "period_id desc, employee_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "hr.performance.period", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    # Rules and portal domains work on these stored user fields: plain
    # users cannot read hr.employee (see STYLE.md).
    employee_user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        related_sudo=True,
        store=True,
        index=True,
        string="Employee User",
    )
    department_id = fields.Many2one(
        "hr.department", related="employee_id.department_id", store=True, index=True
    )
    supervisor_id = fields.Many2one(
        "hr.employee",
        string="Supervisor",
        index=True,
        tracking=True,
        help="Agrees and signs the agreement on the employer's side.",
    )
    supervisor_user_id = fields.Many2one(
        "res.users",
        related="supervisor_id.user_id",
        related_sudo=True,
        store=True,
        index=True,
        string="Supervisor User",
    )
    state = fields.Selection(
        AGREEMENT_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    goal_ids = fields.One2many("hr.goal", "agreement_id", string="Goals", copy=True)
    checkin_ids = fields.One2many("hr.goal.checkin", "agreement_id", string="Check-ins")
    employee_agreed_by = fields.Many2one("res.users", readonly=True, copy=False)
    employee_agreed_on = fields.Datetime(readonly=True, copy=False)
    supervisor_agreed_by = fields.Many2one("res.users", readonly=True, copy=False)
    supervisor_agreed_on = fields.Datetime(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    revision = fields.Integer(
        "Version", default=1, readonly=True, copy=False, tracking=True
    )
    # Results, stored with their breakdown when rated (engine output).
    result_company = fields.Float(readonly=True, copy=False)
    result_department = fields.Float(readonly=True, copy=False)
    result_personal = fields.Float(readonly=True, copy=False)
    result_total = fields.Float("Goal Result", readonly=True, copy=False, tracking=True)
    result_breakdown = fields.Json(readonly=True, copy=False)
    last_checkin_date = fields.Date(compute="_compute_last_checkin", store=True)

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
