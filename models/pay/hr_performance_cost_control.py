"""Cost control of performance pay (Kostenkontrolle).

A read-only SQL view with three kinds of rows, so that the pivot and graph
views and the XLSX can put budget, computed and paid money side by side per
company, period, bonus group and month:

- ``budget``: one row per run and bonus group with the group's sub-budget;
- ``computed``: one row per pay line with its payout;
- ``paid``: one row per paid pay line (paid by a confirmed payslip, or the
  run was marked paid) with its payout.

Runs count from ``computed`` on; draft and cancelled runs do not. The month
of budget and computed rows is the run's payout date (else the approval
date, else the computation date); the month of a paid row is the end of the
paying payslip's period (else the run's paid date, else the run's month).
"""

from collections import defaultdict

from odoo import api, fields, models

#: Run states whose money counts in cost control.
COUNTED_STATES = ("computed", "approved", "posted", "paid")
APPROVED_STATES = ("approved", "posted", "paid")

ROW_KINDS = [
    ("budget", "Budget"),
    ("computed", "Computed"),
    ("paid", "Paid"),
]


class HrPerformanceCostControl(models.Model):
    _name = "hr.performance.cost.control"
    _description = "Performance Pay Cost Control"
    _auto = False
    _order = "month desc, period_id, group_id, id"
    _rec_name = "group_id"

    kind = fields.Selection(ROW_KINDS, string="Row Type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_id = fields.Many2one("hr.performance.period", readonly=True)
    run_id = fields.Many2one("hr.performance.pay.run", string="Pay Run", readonly=True)
    run_state = fields.Selection(
        [
            ("computed", "Computed"),
            ("approved", "Approved"),
            ("posted", "Posted"),
            ("paid", "Paid"),
        ],
        string="Run Status",
        readonly=True,
    )
    group_id = fields.Many2one(
        "hr.performance.bonus.group", string="Bonus Group", readonly=True
    )
    month = fields.Date(readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    budget = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Sub-budget of the bonus group in the pay run.",
    )
    computed_amount = fields.Monetary(
        "Computed",
        currency_field="currency_id",
        readonly=True,
        help="Payouts of the pay runs from computed on (approved, posted and "
        "paid runs included).",
    )
    approved_amount = fields.Monetary(
        "Approved",
        currency_field="currency_id",
        readonly=True,
        help="Payouts of approved, posted and paid pay runs.",
    )
    paid_amount = fields.Monetary(
        "Paid",
        currency_field="currency_id",
        readonly=True,
        help="Payouts paid by confirmed payslips or of runs marked paid.",
    )
    advanced_amount = fields.Monetary(
        "Advanced",
        currency_field="currency_id",
        readonly=True,
        help="Payouts of advance runs (Abschlag), from computed on; the final "
        "run pays the rest of each share.",
    )
    computed_employee_id = fields.Many2one(
        "hr.employee",
        string="Employees (Computed)",
        readonly=True,
        help="Counted as the number of different employees with a computed payout.",
    )
    paid_employee_id = fields.Many2one(
        "hr.employee",
        string="Employees (Paid)",
        readonly=True,
        help="Counted as the number of different employees paid.",
    )
    average_computed = fields.Float(
        "Average per Employee (Computed)",
        digits=(16, 2),
        aggregator="avg",
        readonly=True,
    )
    average_paid = fields.Float(
        "Average per Employee (Paid)",
        digits=(16, 2),
        aggregator="avg",
        readonly=True,
    )

    @property
    def _table_query(self):
        counted = ", ".join(f"'{state}'" for state in COUNTED_STATES)
        approved = ", ".join(f"'{state}'" for state in APPROVED_STATES)
        return f"""
            WITH runs AS (
                SELECT r.id, r.company_id, r.period_id, r.state, r.group_summary,
                       r.paid_date, r.run_type,
                       date_trunc('month', COALESCE(
                           r.payout_date, r.approved_date::date,
                           r.computed_date::date, r.create_date::date
                       ))::date AS month
                  FROM hr_performance_pay_run r
                 WHERE r.state IN ({counted})
            ), budgets AS (
                -- One budget row per period and bonus group: advance runs
                -- and the final run share the group's budget, the final run
                -- (else the latest advance run) states it.
                SELECT DISTINCT ON (runs.period_id, g.key)
                       runs.company_id, runs.period_id, runs.id AS run_id,
                       runs.state, g.key, g.value, runs.month
                  FROM runs
                 CROSS JOIN LATERAL jsonb_each(
                       CASE WHEN jsonb_typeof(runs.group_summary) = 'object'
                            THEN runs.group_summary ELSE '{{}}'::jsonb END
                 ) AS g
                 ORDER BY runs.period_id, g.key, (runs.run_type = 'final') DESC,
                          runs.id DESC
            ), rows AS (
                SELECT 'budget' AS kind, b.company_id, b.period_id,
                       b.run_id, b.state AS run_state,
                       b.key::integer AS group_id, b.month,
                       NULL::integer AS line_id, NULL::integer AS employee_id,
                       NULL::integer AS department_id,
                       COALESCE(
                           (b.value ->> 'full_budget')::numeric,
                           (b.value ->> 'sub_budget')::numeric, 0
                       ) AS budget,
                       0::numeric AS computed_amount,
                       0::numeric AS approved_amount,
                       0::numeric AS paid_amount,
                       0::numeric AS advanced_amount,
                       NULL::integer AS computed_employee_id,
                       NULL::integer AS paid_employee_id,
                       NULL::numeric AS average_computed,
                       NULL::numeric AS average_paid
                  FROM budgets b
                  JOIN hr_performance_bonus_group bg ON bg.id = b.key::integer
                 UNION ALL
                SELECT 'computed', runs.company_id, runs.period_id, runs.id,
                       runs.state, l.group_id, runs.month, l.id, l.employee_id,
                       l.department_id, 0, l.amount,
                       CASE WHEN runs.state IN ({approved}) THEN l.amount ELSE 0 END,
                       0,
                       CASE WHEN runs.run_type = 'advance' THEN l.amount ELSE 0 END,
                       l.employee_id, NULL, l.amount, NULL
                  FROM hr_performance_pay_line l
                  JOIN runs ON runs.id = l.run_id
                 UNION ALL
                SELECT 'paid', runs.company_id, runs.period_id, runs.id,
                       runs.state, l.group_id,
                       COALESCE(
                           date_trunc('month', s.date_to)::date,
                           date_trunc('month', runs.paid_date)::date,
                           runs.month
                       ),
                       l.id, l.employee_id, l.department_id, 0, 0, 0, l.amount, 0,
                       NULL, l.employee_id, NULL, l.amount
                  FROM hr_performance_pay_line l
                  JOIN runs ON runs.id = l.run_id
                  LEFT JOIN hr_payslip s
                    ON s.id = l.payslip_id AND l.payroll_paid
                 WHERE l.payroll_paid OR runs.state = 'paid'
            )
            SELECT row_number() OVER (
                       ORDER BY kind, run_id, group_id, line_id
                   )::integer AS id, rows.*
              FROM rows
        """

    def _flush_sources(self):
        """Write pending changes of the tables the view reads (the ORM does
        not know that this SQL view depends on them)."""
        for model in ("hr.performance.pay.run", "hr.performance.pay.line"):
            self.env[model].flush_model()
        self.env["hr.payslip"].flush_model(["date_to"])

    # ------------------------------------------------------------------
    # The data method (pivot figures, XLSX)
    # ------------------------------------------------------------------
    @api.model
    def _get_cost_control_rows(self, domain=None):
        """Budget, computed, approved and paid money per company, period,
        bonus group and month, read with the current user's rights.

        Returns plain dicts sorted by company, period, group and month, each
        with the employee counts and the averages per employee (payouts /
        different employees; lines without payout count as employees).
        """
        self.check_access("read")
        self._flush_sources()
        groups = self._read_group(
            domain or [],
            ["company_id", "period_id", "group_id", "month:month"],
            [
                "budget:sum",
                "computed_amount:sum",
                "approved_amount:sum",
                "paid_amount:sum",
                "advanced_amount:sum",
                "computed_employee_id:count_distinct",
                "paid_employee_id:count_distinct",
            ],
        )
        rows = []
        for (
            company,
            period,
            group,
            month,
            budget,
            computed,
            approved,
            paid,
            advanced,
            computed_count,
            paid_count,
        ) in groups:
            rows.append(
                {
                    "company": company.name or "",
                    "currency": company.currency_id,
                    "period": period.display_name or "",
                    "group": group.display_name or "",
                    "month": month,
                    "budget": round(budget or 0.0, 2),
                    "computed": round(computed or 0.0, 2),
                    "approved": round(approved or 0.0, 2),
                    "paid": round(paid or 0.0, 2),
                    "advanced": round(advanced or 0.0, 2),
                    "remaining": round((budget or 0.0) - (computed or 0.0), 2),
                    "computed_employees": computed_count,
                    "paid_employees": paid_count,
                    "average_computed": round(computed / computed_count, 2)
                    if computed_count
                    else 0.0,
                    "average_paid": round(paid / paid_count, 2) if paid_count else 0.0,
                }
            )
        rows.sort(key=lambda r: (r["company"], r["period"], r["group"], r["month"]))
        return rows

    @api.model
    def _cost_control_totals(self, rows):
        """Column totals of ``rows`` (sums; averages over all employees)."""
        totals = defaultdict(float)
        for row in rows:
            for key in (
                "budget",
                "computed",
                "approved",
                "paid",
                "advanced",
                "remaining",
            ):
                totals[key] += row[key]
        return {key: round(value, 2) for key, value in totals.items()}
