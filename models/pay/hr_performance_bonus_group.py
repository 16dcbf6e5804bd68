from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

#: Run states in which the groups a run uses must not change any more.
LOCKED_RUN_STATES = ("approved", "posted", "paid")


class HrPerformanceBonusGroup(models.Model):
    """Bonus group (Bonusgruppe): employees whose points share one sub-budget.

    Members are chosen by department (with sub-departments), job, pay-grade
    band (the monthly wage of the employee's contract between a minimum and
    a maximum) or a manual list. Every employee in scope of a pay run must
    fall in exactly one group of the period.
    """

    _name = "hr.performance.bonus.group"
    _description = "Bonus Group"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "period_id desc, sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    period_id = fields.Many2one(
        "hr.performance.period", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    selection_type = fields.Selection(
        [
            ("all", "All Employees"),
            ("department", "Departments"),
            ("job", "Job Positions"),
            ("pay_band", "Pay-Grade Band"),
            ("manual", "Manual List"),
            ("rest", "All Others"),
        ],
        string="Members By",
        required=True,
        default="all",
        tracking=True,
    )
    department_ids = fields.Many2many("hr.department", string="Departments")
    include_subdepartments = fields.Boolean(default=True)
    job_ids = fields.Many2many("hr.job", string="Job Positions")
    wage_min = fields.Monetary(
        "Band From (Monthly Wage)",
        currency_field="currency_id",
        help="Lowest monthly contract wage of the band (inclusive).",
    )
    wage_max = fields.Monetary(
        "Band To (Monthly Wage)",
        currency_field="currency_id",
        help="Highest monthly contract wage of the band (inclusive); 0 means "
        "no upper limit.",
    )
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    entitled = fields.Boolean(
        "Entitled to Performance Pay",
        default=True,
        tracking=True,
        help="Clear for employees in scope who get no performance pay (e.g. "
        "civil servants or employees outside the collective agreement): they "
        "are named by a group so that nobody in scope is forgotten, and get no "
        "pay line. Such a group has no sub-budget.",
    )
    pay_model = fields.Selection(
        [
            ("points", "Performance Points (Budget)"),
            ("variable", "Variable Pay (Target Salary)"),
        ],
        default="points",
        required=True,
        tracking=True,
        help="Performance points: the members share a sub-budget by points "
        "(TVöD §18). Variable pay: each member's goals pay their share of the "
        "target salary by their bonus curves; the group has no sub-budget.",
    )
    sub_budget_mode = fields.Selection(related="period_id.pay_sub_budget_mode")
    sub_budget_share = fields.Float(
        "Sub-Budget Share (%)", digits=(16, 4), default=100.0, tracking=True
    )
    sub_budget_amount = fields.Monetary(
        "Sub-Budget Amount", currency_field="currency_id", tracking=True
    )

    @api.constrains(
        "sub_budget_share",
        "sub_budget_amount",
        "wage_min",
        "wage_max",
        "entitled",
        "pay_model",
    )
    def _check_values(self):
        for group in self:
            if (
                # "not x >= 0" also refuses NaN
                not group.sub_budget_share >= 0
                or not group.sub_budget_amount >= 0
                or not group.wage_min >= 0
                or not group.wage_max >= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The bonus group %(name)s must not have negative values.",
                        name=group.display_name,
                    )
                )
            if not group.entitled and (
                group.sub_budget_share or group.sub_budget_amount
            ):
                raise ValidationError(
                    self.env._(
                        "The bonus group %(name)s is not entitled to performance "
                        "pay: its sub-budget must be 0.",
                        name=group.display_name,
                    )
                )
            if group.pay_model == "variable" and (
                group.sub_budget_share or group.sub_budget_amount
            ):
                raise ValidationError(
                    self.env._(
                        "The bonus group %(name)s pays variable pay by target "
                        "salaries: its sub-budget must be 0.",
                        name=group.display_name,
                    )
                )
            if group.wage_max and group.wage_max < group.wage_min:
                raise ValidationError(
                    self.env._(
                        "The pay-grade band of bonus group %(name)s ends below "
                        "its start.",
                        name=group.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("entitled") is False or vals.get("pay_model") == "variable":
                # A group without performance pay has no sub-budget.
                vals.setdefault("sub_budget_share", 0.0)
        return super().create(vals_list)

    @api.onchange("entitled", "pay_model")
    def _onchange_entitled(self):
        if not self.entitled or self.pay_model == "variable":
            self.sub_budget_share = 0.0
            self.sub_budget_amount = 0.0

    def write(self, vals):
        self._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_not_locked()

    def _check_not_locked(self):
        if not self:
            return
        lines = (
            self.env["hr.performance.pay.line"]
            # sudo: which groups are paid already; HR configures, no pay shown
            .sudo()
            .search(
                [
                    ("group_id", "in", self.ids),
                    ("run_id.state", "in", LOCKED_RUN_STATES),
                ],
                limit=1,
            )
        )
        if lines:
            raise UserError(
                self.env._(
                    "The bonus group %(name)s is used by the approved pay run "
                    "%(run)s and cannot be changed.",
                    name=lines.group_id.display_name,
                    run=lines.run_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Membership (set-based: one pass over the scope, no queries per person)
    # ------------------------------------------------------------------
    def _department_sets(self):
        """Department ids each department group covers (with children)."""
        sets = {}
        for group in self.filtered(lambda g: g.selection_type == "department"):
            if group.include_subdepartments:
                departments = (
                    self.env["hr.department"]
                    # sudo: departments chosen by HR for the group; names only
                    .sudo()
                    .search([("id", "child_of", group.department_ids.ids)])
                )
            else:
                departments = group.department_ids
            sets[group.id] = set(departments.ids)
        return sets

    def _matches(self, info, department_sets):
        """Whether the employee described by ``info`` belongs to this group."""
        self.ensure_one()
        kind = self.selection_type
        if kind == "all":
            return True
        if kind == "department":
            return info["department_id"] in department_sets[self.id]
        if kind == "job":
            return info["job_id"] in self.job_ids.ids
        if kind == "pay_band":
            wage = info["wage"]
            return wage >= self.wage_min and (
                not self.wage_max or wage <= self.wage_max
            )
        return info["employee_id"] in self.employee_ids.ids

    def _assign(self, scope):
        """Map each employee id in ``scope`` to exactly one group of ``self``.

        ``scope`` maps employee id -> dict(employee_id, name, department_id,
        job_id, wage). Raises ``UserError`` naming the employees in no group
        and those in more than one.
        """
        department_sets = self._department_sets()
        assignment, none, several = {}, [], []
        rest = self.filtered(lambda g: g.selection_type == "rest")
        named = self - rest
        for employee_id, info in scope.items():
            groups = named.filtered(lambda g, i=info: g._matches(i, department_sets))
            if not groups:
                # "All others": whoever no other group names.
                groups = rest
            if len(groups) == 1:
                assignment[employee_id] = groups
            elif not groups:
                none.append(info["name"])
            else:
                several.append(
                    self.env._(
                        "%(employee)s (%(groups)s)",
                        employee=info["name"],
                        groups=", ".join(groups.mapped("name")),
                    )
                )
        if none or several:
            parts = []
            if none:
                parts.append(
                    self.env._(
                        "In no bonus group: %(names)s.",
                        names=", ".join(sorted(none)),
                    )
                )
            if several:
                parts.append(
                    self.env._(
                        "In more than one bonus group: %(names)s.",
                        names=", ".join(sorted(several)),
                    )
                )
            raise UserError(
                self.env._(
                    "Every employee in scope must fall in exactly one bonus group. "
                    "%(details)s",
                    details=" ".join(parts),
                )
            )
        return assignment
