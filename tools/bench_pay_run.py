"""Benchmark of a performance pay run from compute to payslips.

Run by ``bin/bench`` (``tools/devenv.py bench``) inside ``odoo-bin shell``
on the database ``hrp_bench``; ``env`` is the shell's superuser environment.
For each size N (``HRP_BENCH_SIZES``, default ``100 5000``) it builds, in a
company of its own, N employees with contracts and final results, then
measures SQL queries and wall time of

- compute, approve and post of the pay run (as HR officer, HR administrator
  and payroll officer, with their record rules),
- OCA payroll's batch wizard computing N payslips, with the share of the
  addon's payroll hook (claiming and linking the bonus) measured separately,
- recomputing all N payslips once more (the bonus must stay one input),

checks that the bonuses reached the payslips to the cent, and rolls
everything back. The table goes to stdout and to
``.test-results/benchmark_pay_run.txt``.
"""

import base64
import datetime
import importlib.util
import logging
import os
import re
import time
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from odoo import fields
from odoo.modules import get_module_path


def _load_builders():
    """The tests' data builders, loaded by path: importing the tests package
    would load the test framework into this shell."""
    path = Path(get_module_path("hr_performance")) / "tests" / "common_builders.py"
    spec = importlib.util.spec_from_file_location("hrp_common_builders", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_builders = _load_builders()
create_contracts = _builders.create_contracts
create_final_results = _builders.create_final_results
create_variable_staff = _builders.create_variable_staff
create_payout_staff = _builders.create_payout_staff
kpi_import_csv = _builders.kpi_import_csv
KPIS = {}

SIZES = [int(size) for size in os.environ.get("HRP_BENCH_SIZES", "100 5000").split()]
#: ``HRP_BENCH_SQL=1`` also prints the most frequent query shapes per step.
SQL_SHAPES = os.environ.get("HRP_BENCH_SQL") == "1"
#: ``HRP_BENCH_PAYSLIPS=0`` stops after posting (no payslips).
PAYSLIPS = os.environ.get("HRP_BENCH_PAYSLIPS", "1") != "0"
#: ``HRP_BENCH_MODEL=variable``: variable pay (target salary, 5 goals with a
#: bonus curve per employee) instead of the points model.
#: ``HRP_BENCH_MODEL=payout``: KPI import (20 months of values per employee)
#: and a monthly run of advances (goal 1 from the KPI, all paid any time).
PAYOUT = os.environ.get("HRP_BENCH_MODEL") == "payout"
VARIABLE = os.environ.get("HRP_BENCH_MODEL") in ("variable", "payout")
OUT = Path(os.environ.get("HRP_BENCH_OUT", ".test-results/benchmark_pay_run.txt"))


class QueryShapes(logging.Handler):
    """Collects the queries Odoo logs at DEBUG, numbers and lists blanked."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.shapes = Counter()

    def emit(self, record):
        text = record.getMessage()
        if "query:" in text:
            shape = re.sub(r"\d+(\.\d+)?", "N", text.split("query:", 1)[1])
            shape = re.sub(r"\(N(, N)+\)", "(N, ...)", shape)
            self.shapes[re.sub(r"'[^']*'", "'…'", shape)[:160]] += 1


class Meter:
    """Counts queries and seconds per named step."""

    def __init__(self, cr):
        self.cr = cr
        self.rows = {}
        self.hook = [0, 0.0]
        self.hook_shapes = QueryShapes()

    @contextmanager
    def step(self, name):
        env.flush_all()  # noqa: F821 (odoo shell global)
        start, clock = self.cr.sql_log_count, time.perf_counter()
        hook = list(self.hook)
        handler = logger = None
        if SQL_SHAPES:
            handler, logger = QueryShapes(), logging.getLogger("odoo.sql_db")
            level, propagate = logger.level, logger.propagate
            logger.setLevel(logging.DEBUG)
            logger.propagate = False
            logger.addHandler(handler)
        yield
        env.flush_all()  # noqa: F821
        if handler:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate
            print(f"--- {name}: most frequent queries", flush=True)
            for shape, count in handler.shapes.most_common(12):
                print(f"{count:>7}  {shape}", flush=True)
            if self.hook_shapes.shapes:
                print(f"--- {name}: the payroll hook's queries", flush=True)
                for shape, count in self.hook_shapes.shapes.most_common(12):
                    print(f"{count:>7}  {shape}", flush=True)
                self.hook_shapes.shapes.clear()
        self.add(name, self.cr.sql_log_count - start, time.perf_counter() - clock)
        if self.hook != hook:
            self.add(
                "  of which the addon's payroll hook",
                self.hook[0] - hook[0],
                self.hook[1] - hook[1],
                key=f"{name} hook",
            )

    def add(self, name, queries, seconds, key=None):
        row = self.rows.setdefault(key or name, [name, 0, 0.0])
        row[1] += queries
        row[2] += seconds


def patch_hook(meter):
    """Measure the addon's own share of the payslip compute."""
    Payslip = type(env["hr.payslip"])  # noqa: F821
    originals = {}
    for name in ("_hrp_claim_bonuses", "_hrp_link_bonus_lines"):
        original = getattr(Payslip, name)
        originals[name] = original

        def wrapped(self, *args, _original=original, **kwargs):
            start, clock = self.env.cr.sql_log_count, time.perf_counter()
            logger = logging.getLogger("odoo.sql_db")
            if SQL_SHAPES:
                logger.addHandler(meter.hook_shapes)
            try:
                return _original(self, *args, **kwargs)
            finally:
                logger.removeHandler(meter.hook_shapes)
                meter.hook[0] += self.env.cr.sql_log_count - start
                meter.hook[1] += time.perf_counter() - clock

        setattr(Payslip, name, wrapped)
    return Payslip, originals


def category(company, code, name):
    return env["hr.salary.rule.category"].create(  # noqa: F821
        {"name": name, "code": code, "company_id": company.id}
    )


def build(size):
    env_ = env  # noqa: F821
    company = env_["res.company"].create({"name": f"Benchmark {size}"})
    env_ = env_(context=dict(env_.context, allowed_company_ids=[company.id]))
    group = env_.ref
    users = {}
    for login, groups in (
        ("officer", ["hr_performance.group_hr_performance_officer"]),
        ("admin", ["hr_performance.group_hr_performance_admin"]),
        ("payroll", ["payroll.group_payroll_manager"]),
    ):
        users[login] = env_["res.users"].create(
            {
                "name": f"Bench {login} {size}",
                "login": f"bench.{login}.{size}",
                "company_id": company.id,
                "company_ids": [(6, 0, [company.id])],
                "groups_id": [(6, 0, [group("base.group_user").id])]
                + [(4, group(xml_id).id) for xml_id in groups],
            }
        )
    basic = category(company, "BASIC", "Basic")
    allowance = category(company, "ALW", "Allowance")
    gross = category(company, "GROSS", "Gross")
    # what the install hook does with the company's allowance category
    env_.ref(
        "hr_performance.salary_rule_category_performance_bonus"
    ).parent_id = allowance
    rules = env_["hr.salary.rule"].create(
        [
            {
                "name": "Basic",
                "code": "BASIC",
                "company_id": company.id,
                "sequence": 1,
                "category_id": basic.id,
                "amount_select": "code",
                "amount_python_compute": "result = contract.wage",
            },
            {
                "name": "Gross",
                "code": "GROSS",
                "company_id": company.id,
                "sequence": 100,
                "category_id": gross.id,
                "amount_select": "code",
                "amount_python_compute": "result = categories.BASIC + categories.ALW",
            },
        ]
    )
    bonus_rule = env_.ref("hr_performance.salary_rule_performance_bonus") | env_.ref(
        "hr_performance.salary_rule_variable_pay"
    )
    structure = env_["hr.payroll.structure"].create(
        {
            "name": f"TVöD {size}",
            "code": f"TVOD{size}",
            "company_id": company.id,
            "rule_ids": [(6, 0, (rules | bonus_rule).ids)],
        }
    )
    calendar = company.resource_calendar_id
    calendar.full_time_required_hours = 40.0
    department = env_["hr.department"].create(
        {"name": f"Bench {size}", "company_id": company.id}
    )
    employees = env_["hr.employee"].create(
        [
            {
                "name": f"Bench {size} {index:05d}",
                "identification_id": f"B{size}-{index}",
                "department_id": department.id,
                "company_id": company.id,
            }
            for index in range(size)
        ]
    )
    year = fields.Date.today().year
    create_contracts(
        env_,
        employees,
        calendar,
        per_employee=lambda index, _employee: {
            "date_start": f"{year}-{index % 12 + 1:02d}-01",
            **(
                {"wage": 4000.0 + index % 100, "hrp_variable_percent": 25.0}
                if VARIABLE
                else {}
            ),
        },
        struct_id=structure.id,
    )
    period = env_["hr.performance.period"].create(
        {
            "name": f"Bench {size}",
            "company_id": company.id,
            "date_from": f"{year}-01-01",
            "date_to": f"{year}-12-31",
            "state": "open",
            "pay_budget_amount": 1000.0 * size + 0.37,
            "pay_min_result": 10.0,
            "pay_max_payout": 1500.0,
        }
    )
    env_["hr.performance.bonus.group"].create(
        {
            "name": "Alle",
            "period_id": period.id,
            "selection_type": "all",
            "pay_model": "variable" if VARIABLE else "points",
        }
    )
    if PAYOUT:
        period.write(
            {
                "pay_variable_schedule": "monthly",
                "pay_overpayment": "clawback",
                "pay_clawback_limit": 500.0,
            }
        )
        KPIS[size] = env_["hr.performance.kpi"].create(
            {
                "name": f"Abschlüsse {size}",
                "unit": "Stück",
                "company_id": company.id,
                "period_unit": "months",
                "period_count": 1,
                "period_reference": "2000-01-01",
                "owner_level": "employee",
                "cumulative": True,
            }
        )
        create_payout_staff(
            env_,
            period,
            employees,
            env_.ref("hr_performance.curve_standard_positive"),
            env_["hr.employee"].create(
                {"name": f"Bench {size} Leitung", "company_id": company.id}
            ),
            KPIS[size],
        )
    elif VARIABLE:
        create_variable_staff(
            env_,
            period,
            employees,
            env_.ref("hr_performance.curve_standard_positive"),
            env_["hr.employee"].create(
                {"name": f"Bench {size} Leitung", "company_id": company.id}
            ),
            goals_per_employee=5,
        )
    else:
        create_final_results(
            env_,
            period,
            {employee: 5.0 + index % 100 for index, employee in enumerate(employees)},
        )
    env_.flush_all()
    env_.invalidate_all()
    return env_, users, period, employees


def bench(size):
    meter = Meter(env.cr)  # noqa: F821
    env_, users, period, employees = build(size)
    run_values = {"period_id": period.id}
    if PAYOUT:
        year = period.date_from.year
        text = kpi_import_csv(employees, datetime.date(year - 2, 6, 1), 20)
        upload = (
            env_["hr.performance.kpi.import"]
            .with_user(users["officer"])
            .create(
                {
                    "kpi_id": KPIS[size].id,
                    "file": base64.b64encode(text.encode()),
                    "filename": "werte.csv",
                }
            )
        )
        env_.flush_all()
        env_.invalidate_all()
        with meter.step("KPI import: 20 values per employee"):
            upload.action_import()
        assert upload.created_count == size * 20, "every value imported"
        run_values.update(run_type="monthly", payroll_month=datetime.date(year, 2, 1))
    run = env_["hr.performance.pay.run"].with_user(users["officer"]).create(run_values)
    env_.flush_all()
    env_.invalidate_all()
    with meter.step(
        "monthly run (advances): compute" if PAYOUT else "pay run: compute"
    ):
        run.action_compute()
    assert len(run.line_ids) == size, "one line per employee"
    if PAYOUT:
        assert len(run.sudo().entry_ids) == size * 5, "one posting per goal"
    elif VARIABLE:
        for line in run.line_ids:
            goals = sum(Decimal(g["payout"]) for g in line.breakdown["goals"])
            assert goals == Decimal(str(line.amount)), "goals to the cent"
    else:
        total = sum(Decimal(str(amount)) for amount in run.line_ids.mapped("amount"))
        residual = Decimal(str(run.residual_total))
        assert total + residual == Decimal(str(run.budget)), "budget to the cent"
    env_.invalidate_all()
    with meter.step("pay run: approve"):
        run.with_user(users["admin"]).action_approve()
    env_.invalidate_all()
    with meter.step("pay run: post"):
        run.with_user(users["payroll"]).action_post()
    env_.invalidate_all()
    if not PAYSLIPS:
        return meter.rows

    today = fields.Date.today()
    payroll_env = env_(user=users["payroll"])
    batch = payroll_env["hr.payslip.run"].create(
        {
            "name": f"Bench {size}",
            "date_start": today.replace(day=1),
            "date_end": fields.Date.end_of(today, "month"),
        }
    )
    wizard = payroll_env["hr.payslip.employees"].create(
        {"employee_ids": [(6, 0, employees.ids)]}
    )
    Payslip, originals = patch_hook(meter)
    try:
        with meter.step("payroll: batch wizard computes payslips"):
            wizard.with_context(active_id=batch.id).compute_sheet()
        env_.invalidate_all()
        slips = batch.slip_ids
        with meter.step("payroll: recompute all payslips"):
            slips.compute_sheet()
    finally:
        for name, original in originals.items():
            setattr(Payslip, name, original)
    env_.invalidate_all()
    assert len(slips) == size, "one payslip per employee"
    code = env_.ref(
        "hr_performance.salary_rule_variable_pay"
        if VARIABLE
        else "hr_performance.salary_rule_performance_bonus"
    ).code
    paid = {
        line.slip_id.employee_id.id: line.total
        for line in slips.line_ids
        if line.code == code
    }
    inputs = [inp for inp in slips.input_line_ids if inp.code == code]
    assert len(inputs) == len(run.line_ids.filtered("amount")), "one input a slip"
    for line in run.line_ids.filtered("amount"):
        assert round(paid[line.employee_id.id], 2) == round(line.amount, 2), line
    return meter.rows


def main():
    lines = [
        f"{'Variable' if VARIABLE else 'Performance'} pay benchmark"
        f"{' (5 goals per employee)' if VARIABLE else ''}"
        f"{', KPI import and monthly advances' if PAYOUT else ''}, "
        f"Odoo database {env.cr.dbname}, "  # noqa: F821
        f"{fields.Datetime.now():%Y-%m-%d %H:%M} UTC",
        "",
        f"{'step':<48}" + "".join(f"{f'N={size}':>22}" for size in SIZES),
        f"{'':<48}" + "".join(f"{'queries':>12}{'seconds':>10}" for _ in SIZES),
    ]
    results = {}
    for size in SIZES:
        results[size] = bench(size)
        env.cr.rollback()  # noqa: F821
        env.invalidate_all()  # noqa: F821
    for key, (name, *_counts) in results[SIZES[0]].items():
        cells = "".join(
            f"{results[size][key][1]:>12}{results[size][key][2]:>10.2f}"
            for size in SIZES
        )
        lines.append(f"{name:<48}{cells}")
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")


main()
