import datetime as dt
from decimal import Decimal

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...engine import (
    EMPLOYED,
    EngineError,
    Section,
    distribute,
    employed_share,
    part_time_share,
    points_for,
    round_money,
    to_decimal,
)
from ..common.engine_messages import engine_error_message
from ..common.hr_performance_workflow_mixin import Step

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
ADMIN_GROUP = "hr_performance.group_hr_performance_admin"
PAYROLL_GROUP = "payroll.group_payroll_user"

EDITABLE_STATES = ("draft", "computed")
CONTRACT_STATES = ("open", "close")
#: Fields the computation reads from contracts and employees, fetched in one
#: query each (see ``_scope``).
SCOPE_CONTRACT_FIELDS = [
    "name",
    "employee_id",
    "date_start",
    "date_end",
    "wage",
    "resource_calendar_id",
]
SCOPE_EMPLOYEE_FIELDS = [
    "active",
    "company_id",
    "name",
    "department_id",
    "job_id",
    "user_id",
    "resource_calendar_id",
]
#: Fields of the previous lines that a recomputation carries over.
KEPT_LINE_FIELDS = [
    "employee_id",
    "pay_factor",
    "points_corrected",
    "points_correction",
    "amount_corrected",
    "amount_correction",
    "correction_reason",
]


def _merge_spans(spans):
    """Union of inclusive (date_from, date_to) spans, sorted."""
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _weekly_hours(attendances, two_weeks):
    hours = sum(
        att.hour_to - att.hour_from
        for att in attendances
        if not att.display_type and att.day_period != "lunch" and not att.resource_id
    )
    return hours / 2 if two_weeks else hours


class HrPerformancePayRun(models.Model):
    """Performance pay run: turns the period's results into money.

    Budget (entered or rate x base), sub-budgets per bonus group, points per
    employee (result x pay factor x part-time share x employed share) and
    the engine's distribution per group (value per point, cents, residual).
    """

    _name = "hr.performance.pay.run"
    _description = "Performance Pay Run"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.performance.workflow.mixin"]
    _order = "id desc"

    # HR officers prepare, HR administrators approve, payroll posts and pays.
    # Only cancelling has no side effect; it is the one raw edge.
    _workflow_steps = {
        "compute": Step(("draft", "computed"), "computed", groups=(OFFICER_GROUP,)),
        "compute_base": Step(("draft", "computed"), groups=(OFFICER_GROUP,)),
        "approve": Step(("computed",), "approved", groups=(ADMIN_GROUP,)),
        "post": Step(("approved",), "posted", groups=(PAYROLL_GROUP,)),
        "mark_paid": Step(("posted",), "paid", groups=(PAYROLL_GROUP,)),
        # A payslip of the run was cancelled after it was done (payroll hook).
        "reopen_payment": Step(("paid",), "posted", groups=(PAYROLL_GROUP,)),
        # Who cancels depends on the state (see _workflow_rights_reason).
        "cancel": Step(("draft", "computed", "approved"), "cancelled", raw=True),
        "reset": Step(("computed", "cancelled"), "draft", groups=(OFFICER_GROUP,)),
    }
    _workflow_undeletable_states = ("approved", "posted", "paid")
    _workflow_locked_states = ("approved", "posted", "paid", "cancelled")
    _workflow_depends = ("company_id",)

    name = fields.Char(required=True, tracking=True)
    period_id = fields.Many2one(
        "hr.performance.period",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    group_ids = fields.Many2many(
        "hr.performance.bonus.group",
        string="Only These Bonus Groups",
        domain="[('period_id', '=', period_id)]",
        help="Leave empty to pay every bonus group of the period.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("approved", "Approved"),
            ("posted", "Posted"),
            ("paid", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    budget_mode = fields.Selection(
        [("amount", "Entered Amount"), ("rate", "Rate of Base Pay")],
        required=True,
        default="amount",
        tracking=True,
    )
    budget_amount = fields.Monetary(
        "Entered Budget", currency_field="currency_id", tracking=True
    )
    budget_rate = fields.Float(
        "Budget Rate (%)", digits=(16, 4), default=2.0, tracking=True
    )
    base_source = fields.Selection(
        [
            ("payslip", "Done Payslips, Else Contracts"),
            ("contract", "Contracts"),
        ],
        string="Base From",
        required=True,
        default="payslip",
        help="Where the previous year's regular pay is taken from. Employees "
        "without done payslips fall back to their contracts; employees without "
        "either get a row to fill in manually.",
    )
    base_category_codes = fields.Char(
        "Salary Rule Categories in Base",
        default="BASIC",
        help="Comma-separated codes of the salary rule categories whose payslip "
        "lines count as regular pay, e.g. BASIC,ALW.",
    )
    base_ids = fields.One2many(
        "hr.performance.budget.base", "run_id", string="Budget Base"
    )
    base_total = fields.Monetary(
        "Total Base Pay", currency_field="currency_id", compute="_compute_budget"
    )
    budget = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_budget",
        help="Entered amount, or the rate applied to the total base pay "
        "(rounded to the cent).",
    )
    allow_provisional = fields.Boolean(
        "Allow Provisional Results",
        help="Employees whose result is not final (or missing) get a "
        "provisional line instead of stopping the computation.",
    )
    min_result = fields.Float(related="period_id.pay_min_result")
    max_payout = fields.Monetary(related="period_id.pay_max_payout")
    line_ids = fields.One2many("hr.performance.pay.line", "run_id", string="Pay Lines")
    line_count = fields.Integer(compute="_compute_totals")
    amount_total = fields.Monetary(
        "Total Payout", currency_field="currency_id", compute="_compute_totals"
    )
    residual_total = fields.Monetary(
        "Residual",
        currency_field="currency_id",
        compute="_compute_totals",
        help="Budget minus the payouts of all lines from the budget: money left "
        "by the distribution or changed by amount corrections.",
    )
    outside_budget_total = fields.Monetary(
        "Settlement Differences",
        currency_field="currency_id",
        compute="_compute_totals",
        help="Paid on top of (or offset against) the budget: differences of "
        "settled provisional lines and differences carried over from earlier "
        "runs. Total payout = budget - residual + settlement differences.",
    )
    provisional_count = fields.Integer(compute="_compute_totals")
    group_summary = fields.Json(readonly=True, copy=False)
    group_summary_html = fields.Html(
        "Bonus Groups Summary", compute="_compute_totals", sanitize=False
    )
    computed_date = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_date = fields.Datetime(
        "Approved On", readonly=True, copy=False, tracking=True
    )
    posted_date = fields.Datetime("Posted On", readonly=True, copy=False, tracking=True)
    payout_date = fields.Date(
        "Pay With Payroll Of",
        copy=False,
        tracking=True,
        help="The bonus is paid with the first payslip whose period ends on or "
        "after this date. Left empty, it is the day the run is posted.",
    )
    paid_date = fields.Datetime("Paid On", readonly=True, copy=False, tracking=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("budget_mode", "budget_amount", "budget_rate", "base_ids.base")
    def _compute_budget(self):
        for run in self:
            total = sum((to_decimal(b.base, "base") for b in run.base_ids), Decimal(0))
            run.base_total = float(total)
            run.budget = float(run._budget_decimal(total))

    def _budget_decimal(self, base_total=None):
        self.ensure_one()
        if self.budget_mode == "amount":
            return round_money(
                to_decimal(self.budget_amount, "budget", allow_negative=True)
            )
        if base_total is None:
            base_total = sum(
                (to_decimal(b.base, "base") for b in self.base_ids), Decimal(0)
            )
        rate = to_decimal(self.budget_rate, "rate", allow_negative=True)
        return round_money(base_total * rate / 100)

    @api.depends(
        "line_ids.amount",
        "line_ids.amount_outside_budget",
        "line_ids.provisional",
        "group_summary",
    )
    def _compute_totals(self):
        data = self.env["hr.performance.pay.line"]._read_group(
            [("run_id", "in", self.ids)],
            ["run_id", "group_id"],
            ["amount:sum", "__count", "amount_outside_budget:sum"],
        )
        provisional = dict(
            self.env["hr.performance.pay.line"]._read_group(
                [("run_id", "in", self.ids), ("provisional", "=", True)],
                ["run_id"],
                ["__count"],
            )
        )
        for run in self:
            rows = [row for row in data if row[0] == run]
            paid = {
                group.id: amount - outside for _r, group, amount, _c, outside in rows
            }
            run.line_count = sum(row[3] for row in rows)
            run.outside_budget_total = round(sum(row[4] for row in rows), 2)
            run.amount_total = round(sum(row[2] for row in rows), 2)
            run.provisional_count = provisional.get(run, 0)
            summary = run.group_summary or {}
            budget = sum(g.get("sub_budget", 0.0) for g in summary.values())
            run.residual_total = (
                round(budget - sum(paid.values()), 2) if summary else 0.0
            )
            run.group_summary_html = run._summary_html(summary, paid)

    def _summary_html(self, summary, paid):
        if not summary:
            return False
        header = [
            self.env._("Bonus Group"),
            self.env._("Sub-Budget"),
            self.env._("Points"),
            self.env._("Value per Point"),
            self.env._("Paid Out"),
            self.env._("Residual"),
        ]
        rows = []
        for group_id, values in summary.items():
            amount = paid.get(int(group_id), 0.0)
            cells = [
                values.get("name", ""),
                f"{values.get('sub_budget', 0.0):.2f}",
                values.get("points", "0"),
                values.get("value_per_point", "0"),
                f"{amount:.2f}",
                f"{values.get('sub_budget', 0.0) - amount:.2f}",
            ]
            rows.append(
                "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>"
            )
        head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
        return (
            '<table class="table table-sm o_hrp_pay_summary"><thead><tr>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["hr.performance.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        settings = {period.id: period for period in periods}
        for vals in vals_list:
            period = settings.get(vals.get("period_id"))
            if not period:
                continue
            vals.setdefault(
                "name",
                self.env._("Performance Pay %(period)s", period=period.name),
            )
            vals.setdefault("budget_mode", period.pay_budget_mode)
            vals.setdefault("budget_amount", period.pay_budget_amount)
            vals.setdefault("budget_rate", period.pay_budget_rate)
            vals.setdefault("allow_provisional", period.pay_allow_provisional)
            if vals.get("state", "draft") != "draft" and not self.env.su:
                raise UserError(self.env._("A pay run starts as draft."))
        return super().create(vals_list)

    def _workflow_free_fields(self):
        # The payout date moves until the run is posted (checked below).
        return super()._workflow_free_fields() | {"payout_date"}

    def _workflow_system_fields(self):
        return super()._workflow_system_fields() | {
            "approved_by_id",
            "approved_date",
            "posted_date",
            "paid_date",
            "computed_date",
            "group_summary",
        }

    def _workflow_check_fields(self, vals):
        if "payout_date" not in vals:
            return
        for run in self:
            if run.state not in ("draft", "computed", "approved"):
                raise UserError(
                    self.env._(
                        "The payout date of the pay run %(name)s can no longer "
                        "change: the run is %(state)s.",
                        name=run.display_name,
                        state=run._state_label(),
                    )
                )

    def _workflow_locked_message(self):
        return self.env._(
            "The pay run %(name)s is %(state)s and locked: it can no longer be "
            "changed.",
            name=self.display_name,
            state=self._state_label(),
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The pay run %(name)s is approved and cannot be deleted.",
            name=self.display_name,
        )

    def _budget_changed_message(self):
        """Why the lines no longer fit the budget (approval refused), or None."""
        for run in self:
            summary = run.group_summary or {}
            computed = sum(
                (
                    round_money(to_decimal(g.get("sub_budget", 0.0), "sub-budget"))
                    for g in summary.values()
                ),
                Decimal(0),
            )
            # sudo: the approver may read the run (HR administrators are HR
            # officers of its company, see _cannot_reason). Reading an x2many
            # as the user evaluates the run's record rules in Python, which
            # walks all pay lines (line_ids.employee_user_id, the employee and
            # manager rules) in chunks of 1,000: queries would grow with N.
            groups = run.sudo().group_ids or run._period_groups()
            if computed != run._check_budget() and len(groups) == len(
                run._period_groups()
            ):
                return self.env._(
                    "The budget of pay run %(name)s changed after it was "
                    "computed. Compute it again before approving.",
                    name=run.display_name,
                )
        return None

    def _check_budget_editable(self):
        for run in self:
            if run.state not in EDITABLE_STATES:
                raise UserError(
                    self.env._(
                        "The budget base of pay run %(name)s is locked.",
                        name=run.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions (each runs one step of the workflow kernel)
    # ------------------------------------------------------------------
    def action_compute(self):
        """Compute (or recompute) the pay lines of the run."""
        return self._workflow_run("compute")

    def action_compute_base(self):
        """Rebuild the budget base from the contracts of the previous year."""
        return self._workflow_run("compute_base")

    def action_approve(self):
        return self._workflow_run("approve")

    def action_post(self):
        """Mark the run posted (called by the payroll integration)."""
        return self._workflow_run("post")

    def action_mark_paid(self):
        return self._workflow_run("mark_paid")

    def action_cancel(self):
        return self._workflow_run("cancel")

    def action_print_statements(self):
        """Print the statements of all lines of the runs."""
        lines = self.line_ids
        if not lines:
            raise UserError(
                self.env._(
                    "The pay run %(name)s has no pay lines to print.",
                    name=self[:1].display_name,
                )
            )
        return lines.action_print_statement()

    def action_reset(self):
        return self._workflow_run("reset")

    # ------------------------------------------------------------------
    # Who may do what (one place)
    # ------------------------------------------------------------------
    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env)).get(
            self.state, self.state
        )

    def _workflow_state_message(self, action):
        messages = {
            "compute": self.env._(
                "The pay run %(name)s can only be computed while draft or computed.",
                name=self.display_name,
            ),
            "compute_base": self.env._(
                "The budget base of pay run %(name)s can only be rebuilt while "
                "the run is draft or computed.",
                name=self.display_name,
            ),
            "approve": self.env._(
                "The pay run %(name)s can only be approved once it is computed "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            ),
            "post": self.env._(
                "The pay run %(name)s can only be posted once it is approved "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            ),
            "mark_paid": self.env._(
                "The pay run %(name)s can only be marked paid once it is posted "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            ),
            "cancel": self.env._(
                "The pay run %(name)s can only be cancelled before it is posted.",
                name=self.display_name,
            ),
            "reset": self.env._(
                "The pay run %(name)s can only be reset to draft when it is "
                "computed or cancelled.",
                name=self.display_name,
            ),
        }
        return messages.get(action) or super()._workflow_state_message(action)

    def _workflow_group_message(self, action):
        if action in ("post", "mark_paid", "reopen_payment"):
            return self.env._(
                "Only payroll officers can post pay runs or mark them paid."
            )
        if action == "approve":
            return self._admin_message()
        return self.env._("Only HR officers can prepare pay runs.")

    def _admin_message(self):
        return self.env._(
            "Only HR administrators can approve pay runs or cancel approved ones."
        )

    def _workflow_rights_reason(self, action, context):
        user = self.env.user
        if action == "cancel":
            if self.state == "approved" and not user.has_group(ADMIN_GROUP):
                return self._admin_message()
            if not user.has_group(OFFICER_GROUP):
                return self._workflow_group_message(action)
        if self.company_id not in user.company_ids:
            return self.env._(
                "The pay run %(name)s belongs to another company.",
                name=self.display_name,
            )
        return None

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _do_approve(self):
        # The approver approves lines of the budget as it stands now.
        message = self._budget_changed_message()
        if message:
            raise UserError(message)
        self._workflow_write(
            "approve",
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Datetime.now(),
            },
        )

    def _do_post(self):
        now = fields.Datetime.now()
        for run in self:
            values = {"state": "posted", "posted_date": now}
            if not run.payout_date:
                values["payout_date"] = fields.Date.context_today(run, now)
            run._workflow_write("post", values)

    def _do_mark_paid(self):
        self._workflow_write(
            "mark_paid", {"state": "paid", "paid_date": fields.Datetime.now()}
        )

    def _do_reopen_payment(self):
        self._workflow_write("reopen_payment", {"state": "posted", "paid_date": False})

    def _do_cancel(self):
        self._workflow_write("cancel", {"state": "cancelled"})

    def _do_reset(self):
        for run in self:
            run._workflow_write("reset", {"state": "draft", "group_summary": False})
            # sudo: the lines of a computed or cancelled run go with its reset
            # (the officer may not delete lines one by one).
            run.sudo().line_ids.unlink()

    # ------------------------------------------------------------------
    # Scope, groups and budget
    # ------------------------------------------------------------------
    def _period_groups(self):
        self.ensure_one()
        groups = self.period_id.sudo().bonus_group_ids
        if not groups:
            raise UserError(
                self.env._(
                    "Define at least one bonus group for the period %(period)s.",
                    period=self.period_id.display_name,
                )
            )
        return groups

    def _run_groups(self):
        self.ensure_one()
        return self.group_ids.sudo() or self._period_groups()

    def _scope(self, date_from=None, date_to=None):
        """Employees in scope of the period with the data the run needs.

        Returns ``(scope, contracts, sections)``: scope maps employee id ->
        dict(employee_id, name, department_id, job_id, wage, user_id);
        contracts and sections are sudo recordsets overlapping the dates.
        Three searches and batched reads, nothing per employee.
        """
        self.ensure_one()
        period = self.period_id
        date_from = date_from or period.date_from
        date_to = date_to or period.date_to
        company = self.company_id
        # search_fetch/fetch read each model in ONE query: reading a field
        # lazily on more than 1,000 records prefetches in chunks of 1,000,
        # which makes the number of queries grow with the employees.
        contracts = (
            self.env["hr.contract"]
            .sudo()
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", CONTRACT_STATES),
                    ("date_start", "<=", date_to),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", date_from),
                ],
                SCOPE_CONTRACT_FIELDS,
                order="date_start, id",
            )
        )
        sections = (
            self.env["hr.performance.employment.section"]
            .sudo()
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("date_from", "<=", date_to),
                    ("date_to", ">=", date_from),
                ],
                ["employee_id", "status", "date_from", "date_to", "reason"],
            )
        )
        employees = (
            contracts.employee_id
            | sections.filtered(lambda s: s.status == EMPLOYED).employee_id
        )
        employees.fetch(SCOPE_EMPLOYEE_FIELDS)
        employees = employees.filtered(lambda e: e.active and e.company_id == company)
        latest = {}
        for contract in contracts:
            latest[contract.employee_id.id] = contract
        scope = {}
        for employee in employees:
            contract = latest.get(employee.id)
            scope[employee.id] = {
                "employee_id": employee.id,
                "name": employee.name,
                "department_id": employee.department_id.id,
                "job_id": employee.job_id.id,
                "wage": contract.wage if contract else 0.0,
            }
        return scope, contracts, sections

    def _sub_budgets(self, groups, budget):
        """Sub-budget (Decimal) per group of the period; Σ = budget to the cent."""
        self.ensure_one()
        period = self.period_id
        if period.pay_sub_budget_mode == "amount":
            amounts = {
                g.id: round_money(to_decimal(g.sub_budget_amount, "sub-budget"))
                for g in groups
            }
            total = sum(amounts.values(), Decimal(0))
            if total != budget:
                raise UserError(
                    self.env._(
                        "The sub-budgets of the bonus groups of %(period)s add up "
                        "to %(total)s instead of the budget %(budget)s.",
                        period=period.display_name,
                        total=total,
                        budget=budget,
                    )
                )
            return amounts
        shares = {g.id: to_decimal(g.sub_budget_share, "share") for g in groups}
        total = sum(shares.values(), Decimal(0))
        if abs(total - 100) > Decimal("0.0001"):
            raise UserError(
                self.env._(
                    "The shares of the bonus groups of %(period)s add up to "
                    "%(total)s %% instead of 100 %%.",
                    period=period.display_name,
                    total=round(float(total), 4),
                )
            )
        # Split the budget by share with the engine's cent rule (largest
        # remainder): the sub-budgets add up to the budget exactly.
        split = distribute(
            budget,
            [(str(gid), 0, share.normalize()) for gid, share in shares.items()],
        )
        return {int(line.key): line.amount for line in split.lines}

    def _check_budget(self):
        self.ensure_one()
        budget = self._budget_decimal()
        if budget <= 0:
            raise UserError(
                self.env._(
                    "The budget of pay run %(name)s must be greater than 0 "
                    "(it is %(budget)s).",
                    name=self.display_name,
                    budget=budget,
                )
            )
        return budget

    def _check_group_overlap(self, groups):
        self.ensure_one()
        others = self.sudo().search(
            [
                ("period_id", "=", self.period_id.id),
                ("state", "!=", "cancelled"),
                ("id", "!=", self.id),
            ]
        )
        for other in others:
            common = (other.group_ids or other._period_groups()) & groups
            if common:
                raise UserError(
                    self.env._(
                        "The bonus group %(group)s is already paid by the pay run "
                        "%(run)s.",
                        group=common[0].display_name,
                        run=other.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Budget base (previous year's regular pay)
    # ------------------------------------------------------------------
    def _do_compute_base(self):
        for run in self.sudo():
            year = run.period_id.date_from.year - 1
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            scope, _contracts, _sections = run._scope()
            manual = run.base_ids.filtered(lambda b: b.source == "manual")
            (run.base_ids - manual).unlink()
            kept = set(manual.employee_id.ids)
            contracts = (
                self.env["hr.contract"]
                .sudo()
                .search_fetch(
                    [
                        ("employee_id", "in", list(scope)),
                        ("state", "in", CONTRACT_STATES),
                        ("date_start", "<=", end),
                        "|",
                        ("date_end", "=", False),
                        ("date_end", ">=", start),
                    ],
                    SCOPE_CONTRACT_FIELDS,
                    order="date_start, id",
                )
            )
            days_in_year = (end - start).days + 1
            base, detail = {}, {}
            from_payslips = run._payslip_base(scope, start, end)
            for contract in contracts:
                if contract.employee_id.id in from_payslips:
                    continue
                lo = max(contract.date_start, start)
                hi = min(contract.date_end or end, end)
                days = (hi - lo).days + 1
                wage = to_decimal(contract.wage, "wage")
                amount = round_money(wage * 12 * days / days_in_year)
                key = contract.employee_id.id
                base[key] = base.get(key, Decimal(0)) + amount
                wage_text = f"{wage:.2f}"
                detail.setdefault(key, []).append(
                    self.env._(
                        "%(contract)s: %(wage)s x 12 x %(days)s/%(total)s days",
                        contract=contract.name,
                        wage=wage_text,
                        days=days,
                        total=days_in_year,
                    )
                )
            vals_list = []
            for employee_id in scope:
                if employee_id in kept:
                    continue
                if employee_id in from_payslips:
                    amount, count = from_payslips[employee_id]
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "employee_id": employee_id,
                            "base": float(round_money(to_decimal(amount, "base"))),
                            "source": "payslip",
                            "detail": self.env._(
                                "%(count)s payslip lines of %(year)s in the "
                                "categories %(codes)s",
                                count=count,
                                year=year,
                                codes=run.base_category_codes,
                            ),
                        }
                    )
                elif employee_id in base:
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "employee_id": employee_id,
                            "base": float(base[employee_id]),
                            "source": "contract",
                            "detail": "; ".join(detail[employee_id]),
                        }
                    )
                else:
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "employee_id": employee_id,
                            "base": 0.0,
                            "source": "manual",
                            "detail": self.env._(
                                "No contract in %(year)s: enter the base manually.",
                                year=year,
                            ),
                        }
                    )
            self.env["hr.performance.budget.base"].sudo().create(vals_list)

    def _payslip_base(self, scope, start, end):
        """Regular pay per employee from done payslips: {id: (total, lines)}.

        One grouped query over the payslip lines of the configured salary
        rule categories; credit notes do not count.
        """
        self.ensure_one()
        codes = [
            code.strip()
            for code in (self.base_category_codes or "").split(",")
            if code.strip()
        ]
        if self.base_source != "payslip" or not codes or not scope:
            return {}
        groups = (
            self.env["hr.payslip.line"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", list(scope)),
                    ("slip_id.state", "=", "done"),
                    ("slip_id.credit_note", "=", False),
                    ("slip_id.date_to", ">=", start),
                    ("slip_id.date_to", "<=", end),
                    ("category_id.code", "in", codes),
                ],
                ["employee_id"],
                ["total:sum", "__count"],
            )
        )
        return {employee.id: (total, count) for employee, total, count in groups}

    # ------------------------------------------------------------------
    # The computation (set-based)
    # ------------------------------------------------------------------
    def _do_compute(self):
        for run in self:
            run.sudo()._compute_lines()

    def _compute_lines(self):
        self.ensure_one()
        all_groups = self._period_groups()
        groups = self._run_groups()
        self._check_group_overlap(groups)
        if self.budget_mode == "rate" and not self.base_ids:
            self._do_compute_base()
        budget = self._check_budget()
        sub_budgets = self._sub_budgets(all_groups, budget)
        scope, contracts, sections = self._scope()
        assignment = all_groups._assign(scope)
        members = {
            employee_id: group
            for employee_id, group in assignment.items()
            if group in groups
        }
        results = self._results_for(members, scope)
        previous = {
            line.employee_id.id: line
            for line in self.env["hr.performance.pay.line"].search_fetch(
                [("run_id", "=", self.id)], KEPT_LINE_FIELDS
            )
        }
        carry_overs = self.env["hr.performance.pay.line"]._pending_carry_overs(
            self, members
        )
        carried = {}
        for source in carry_overs:
            key = source.employee_id.id
            carried[key] = round(
                carried.get(key, 0.0) + source.settlement_difference, 2
            )
        factors = self._factors(members, contracts, sections)
        line_vals = []
        for employee_id, group in members.items():
            vals = self._line_values(
                employee_id,
                group,
                results.get(employee_id),
                factors[employee_id],
                previous.get(employee_id),
            )
            vals["carried_amount"] = carried.get(employee_id, 0.0)
            vals["amount_outside_budget"] = vals["carried_amount"]
            line_vals.append(vals)
        summary = {}
        by_group = {}
        for vals in line_vals:
            by_group.setdefault(vals["group_id"], []).append(vals)
        for group in groups:
            group_lines = by_group.get(group.id, [])
            summary[str(group.id)] = self._distribute_group(
                group, sub_budgets[group.id], group_lines
            )
        self.line_ids.unlink()
        lines = self.env["hr.performance.pay.line"]._create_computed_lines(
            self, line_vals
        )
        self._link_carry_overs(carry_overs, lines, line_vals)
        values = {"group_summary": summary, "computed_date": fields.Datetime.now()}
        if self.state == "draft":
            values["state"] = "computed"
        self._workflow_write("compute", values)

    def _link_carry_overs(self, carry_overs, lines, line_vals):
        """Point each carried-over difference at the line that pays it.

        ``lines`` are in the order of ``line_vals``: the employee is taken
        from the values (reading it back would fetch the new lines again).
        """
        line_of = {
            vals["employee_id"]: line
            for vals, line in zip(line_vals, lines, strict=True)
        }
        by_line = {}
        for source in carry_overs:
            target = line_of.get(source.employee_id.id)
            if target:
                by_line.setdefault(target, source.browse())
                by_line[target] |= source
        for target, sources in by_line.items():
            sources.with_context(hrp_pay_internal=True, tracking_disable=True).write(
                {"carried_to_line_id": target.id}
            )

    def _results_for(self, members, scope):
        """Result per employee; raise listing who has none (or none final)."""
        results = (
            self.env["hr.performance.result"]
            .sudo()
            .search_fetch(
                [
                    ("period_id", "=", self.period_id.id),
                    ("employee_id", "in", list(members)),
                ],
                ["employee_id", "state", "final_result"],
            )
        )
        found = {result.employee_id.id: result for result in results}
        if not self.allow_provisional:
            missing = sorted(
                scope[employee_id]["name"]
                for employee_id in members
                if employee_id not in found or found[employee_id].state != "final"
            )
            if missing:
                raise UserError(
                    self.env._(
                        "The results of period %(period)s are incomplete. No final "
                        "result for: %(names)s.",
                        period=self.period_id.display_name,
                        names=", ".join(missing),
                    )
                )
        return found

    def _factors(self, members, contracts, sections):
        """Part-time and employed share per employee (engine, no queries each)."""
        period = self.period_id
        company = self.company_id
        by_employee = {}
        for contract in contracts:
            by_employee.setdefault(contract.employee_id.id, []).append(contract)
        sections_of = {}
        for section in sections:
            sections_of.setdefault(section.employee_id.id, []).append(section)
        employees = self.env["hr.employee"].sudo().browse(list(members))
        calendars = (
            contracts.resource_calendar_id
            | employees.resource_calendar_id
            | company.resource_calendar_id
        )
        calendars.attendance_ids.fetch(
            ["hour_from", "hour_to", "day_period", "display_type", "resource_id"]
        )
        weekly = {
            cal.id: _weekly_hours(cal.attendance_ids, cal.two_weeks_calendar)
            for cal in calendars
        }
        company_calendar = company.resource_calendar_id
        full_time = company_calendar.full_time_required_hours or weekly.get(
            company_calendar.id, 0.0
        )
        factors = {}
        for employee in employees:
            own = by_employee.get(employee.id, [])
            calendar = (
                own[-1].resource_calendar_id if own else employee.resource_calendar_id
            )
            hours = weekly.get(calendar.id, full_time) if calendar else full_time
            part_time = part_time_share(hours, full_time) if full_time else Decimal(1)
            spans = [
                (
                    max(c.date_start, period.date_from),
                    min(c.date_end or period.date_to, period.date_to),
                )
                for c in own
            ]
            reductions = []
            for section in sections_of.get(employee.id, []):
                if section.status == EMPLOYED:
                    spans.append((section.date_from, section.date_to))
                else:
                    reductions.append(
                        (
                            max(section.date_from, period.date_from),
                            min(section.date_to, period.date_to),
                            f"{section.status}: {section.reason}",
                        )
                    )
            engine_sections = [
                Section(start, end, EMPLOYED) for start, end in _merge_spans(spans)
            ]
            share = employed_share(
                period.date_from,
                period.date_to,
                engine_sections,
                method=period.pay_prorata_method,
                month_rule=period.pay_month_rule,
                reductions=reductions,
            )
            factors[employee.id] = {
                "hours": hours,
                "full_time": full_time,
                "part_time": part_time,
                "employed": share,
            }
        return factors

    def _line_values(self, employee_id, group, result, factor, previous):
        """Values of one line (before the distribution fills in money)."""
        share = factor["employed"]
        provisional = not result or result.state != "final"
        result_value = to_decimal(result.final_result if result else 0.0, "result")
        pay_factor = previous.pay_factor if previous else 1.0
        points = points_for(
            result_value,
            pay_factor=to_decimal(pay_factor, "pay factor"),
            part_time=factor["part_time"],
            employed=share.share,
        )
        vals = {
            "run_id": self.id,
            "group_id": group.id,
            "employee_id": employee_id,
            "result_id": result.id if result else False,
            "result": float(result_value),
            "provisional": provisional,
            "pay_factor": pay_factor,
            "weekly_hours": factor["hours"],
            "full_time_hours": factor["full_time"],
            "part_time_share": float(factor["part_time"]),
            "employed_share": float(share.share),
            "points_computed": float(points.points),
            "employed_detail": {
                "method": share.method,
                "month_rule": share.month_rule,
                "paid_units": share.paid_units,
                "total_units": share.total_units,
                "paid_days": share.paid_days,
                "total_days": share.total_days,
                "excluded": [
                    [str(x.date_from), str(x.date_to), x.reason] for x in share.excluded
                ],
            },
        }
        if previous:
            for name in (
                "points_corrected",
                "points_correction",
                "amount_corrected",
                "amount_correction",
                "correction_reason",
            ):
                vals[name] = previous[name]
        vals["points"] = (
            vals["points_correction"]
            if vals.get("points_corrected")
            else vals["points_computed"]
        )
        return vals

    def _distribute_group(self, group, sub_budget, line_vals):
        """Run the engine over one group's line values (filled in place)."""
        period = self.period_id
        try:
            result = distribute(
                sub_budget,
                [
                    (
                        str(vals["employee_id"]),
                        to_decimal(vals["result"], "result"),
                        to_decimal(vals["points"], "points").quantize(
                            Decimal("0.0001")
                        ),
                    )
                    for vals in line_vals
                ],
                min_result=period.pay_min_result or None,
                max_payout=period.pay_max_payout or None,
            )
        except EngineError as error:
            raise UserError(
                self.env._(
                    "The bonus group %(group)s cannot be distributed: %(reason)s",
                    group=group.display_name,
                    reason=engine_error_message(self.env, error),
                )
            ) from error
        vpp = result.value_per_point_display
        for vals in line_vals:
            line = result.line_for(str(vals["employee_id"]))
            distributed = float(line.amount)
            carried = vals.get("carried_amount") or 0.0
            amount = round(
                (
                    vals["amount_correction"]
                    if vals.get("amount_corrected")
                    else distributed
                )
                + carried,
                2,
            )
            vals.update(
                {
                    "eligible": line.eligible,
                    "reason": line.reason or False,
                    "value_per_point": float(vpp) if not line.capped else 0.0,
                    "exact_amount": float(line.exact_amount),
                    "rounding_adjustment": float(line.rounding_adjustment),
                    "amount_distributed": distributed,
                    "amount": amount,
                }
            )
            vals.setdefault("amount_initial", distributed)
            vals["breakdown"] = {
                "result": str(line.result),
                "pay_factor": str(vals["pay_factor"]),
                "part_time_share": str(vals["part_time_share"]),
                "employed_share": str(vals["employed_share"]),
                "employed": vals.get("employed_detail"),
                "points": str(line.points),
                "points_corrected": bool(vals.get("points_corrected")),
                "eligible": line.eligible,
                "reason": line.reason,
                "capped": line.capped,
                "value_per_point": str(result.value_per_point),
                "exact_amount": str(line.exact_amount),
                "floored_amount": str(line.floored_amount),
                "rounding_adjustment": str(line.rounding_adjustment),
                "amount_distributed": str(line.amount),
                "carried_amount": f"{carried:.2f}",
                "amount": f"{amount:.2f}",
                "amount_corrected": bool(vals.get("amount_corrected")),
            }
        return {
            "name": group.name,
            "sub_budget": float(sub_budget),
            "points": str(result.total_points),
            "value_per_point": str(result.value_per_point_display),
            "distributed": float(result.distributed),
            "engine_residual": float(result.residual),
            "rounds": result.rounds,
            "capped_total": float(result.capped_total),
            "cents_handed_out": result.cents_handed_out,
        }

    def _redistribute(self, groups):
        """Recompute the distribution of ``groups`` from the stored lines."""
        self.ensure_one()
        summary = dict(self.group_summary or {})
        lines = self.line_ids.filtered(
            lambda ln: ln.group_id in groups and ln.line_type == "regular"
        )
        for group in groups:
            group_lines = lines.filtered(lambda ln, g=group: ln.group_id == g)
            if not group_lines:
                continue
            line_vals = [
                {
                    "employee_id": line.employee_id.id,
                    "result": line.result,
                    "points": line.points,
                    "pay_factor": line.pay_factor,
                    "part_time_share": line.part_time_share,
                    "employed_share": line.employed_share,
                    "employed_detail": line.employed_detail,
                    "points_corrected": line.points_corrected,
                    "amount_corrected": line.amount_corrected,
                    "amount_correction": line.amount_correction,
                    "amount_initial": line.amount_initial,
                    "carried_amount": line.carried_amount,
                }
                for line in group_lines
            ]
            sub_budget = to_decimal(
                summary.get(str(group.id), {}).get("sub_budget", 0.0), "sub-budget"
            )
            summary[str(group.id)] = self._distribute_group(
                group, round_money(sub_budget), line_vals
            )
            keep = {
                "employee_id",
                "employed_detail",
                "pay_factor",
                "result",
                "carried_amount",
            }
            for line, vals in zip(group_lines, line_vals, strict=True):
                line.with_context(tracking_disable=True, hrp_pay_internal=True).write(
                    {k: v for k, v in vals.items() if k not in keep}
                )
        self._workflow_write("compute", {"group_summary": summary})
