"""Two users at the same moment, in two database transactions.

These tests commit: two cursors cannot see each other's uncommitted data.
What they create is removed afterwards (every row newer than the test's
start, see ``_remove_rows_since``), like core's no-gap sequence tests do.
The second user runs as Odoo runs a request (``odoo.service.model.retrying``):
when PostgreSQL reports a concurrent update, the transaction is rolled back
and the call repeated on the new state (``repeat_on_conflict``; ``retrying``
itself reloads the registry, whose lock the test runner holds).
"""

import threading
import time

import psycopg2

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common import GROUP_ADMIN, GROUP_PAYROLL
from .common_builders import create_contracts, create_final_results

WAIT = 1.0  # seconds the first user holds the record before committing


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    #: Tries PostgreSQL refused for a concurrent update (the race happened).
    conflicts = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            cls.high_water = cls._high_water(cr)
        cls.addClassCleanup(cls._remove_rows_since)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls._build(env)

    @classmethod
    def _build(cls, env):
        def user(login, groups):
            return new_test_user(env, login=login, groups=groups).id

        cls.admin_a = user("hrp_conc_admin_a", f"base.group_user,{GROUP_ADMIN}")
        cls.admin_b = user("hrp_conc_admin_b", f"base.group_user,{GROUP_ADMIN}")
        cls.payroll_a = user("hrp_conc_pay_a", f"base.group_user,{GROUP_PAYROLL}")
        cls.payroll_b = user("hrp_conc_pay_b", f"base.group_user,{GROUP_PAYROLL}")
        company = env.company
        calendar = company.resource_calendar_id
        employee = env["hr.employee"].create(
            {"name": "Nebenläufig", "company_id": company.id}
        )
        # Only this employee has a contract in the period's years.
        period = env["hr.performance.period"].create(
            {
                "name": "Nebenläufigkeit 2031",
                "date_from": "2031-01-01",
                "date_to": "2031-12-31",
                "company_id": company.id,
                "state": "open",
                "pay_budget_amount": 1000.0,
            }
        )
        env["hr.performance.bonus.group"].create(
            {"name": "Alle", "period_id": period.id, "selection_type": "all"}
        )
        structure = env["hr.payroll.structure"].create(
            {
                "name": "Nur Leistungsentgelt",
                "code": "HRPCONC",
                "company_id": company.id,
                "rule_ids": [
                    (6, 0, env.ref("hr_performance.salary_rule_performance_bonus").ids)
                ],
            }
        )
        contract = create_contracts(
            env,
            employee,
            calendar,
            date_start="2031-01-01",
            struct_id=structure.id,
        )
        create_final_results(env, period, {employee: 50.0})
        run = env["hr.performance.pay.run"].create({"period_id": period.id})
        run.action_compute()
        cls.run_id = run.id
        cls.line_id = run.line_ids.filtered(
            lambda line: line.employee_id == employee
        ).id
        cls.employee_id = employee.id
        cls.contract_id = contract.id
        cls.structure_id = structure.id

    # ------------------------------------------------------------------
    # Committed data: remember where the tables ended, remove what came after
    # ------------------------------------------------------------------
    @staticmethod
    def _tables(cr):
        cr.execute(
            SQL(
                "SELECT c.table_name FROM information_schema.columns c "
                "JOIN information_schema.tables t USING (table_schema, table_name) "
                "WHERE c.table_schema = 'public' AND c.column_name = 'id' "
                "AND t.table_type = 'BASE TABLE' AND c.data_type = 'integer'"
            )
        )
        return [row[0] for row in cr.fetchall()]

    @classmethod
    def _high_water(cls, cr):
        tables = cls._tables(cr)
        cr.execute(
            SQL(" UNION ALL ").join(
                SQL(
                    "SELECT %s, COALESCE(MAX(id), 0) FROM %s",
                    table,
                    SQL.identifier(table),
                )
                for table in tables
            )
        )
        return dict(cr.fetchall())

    @classmethod
    def _remove_rows_since(cls):
        """Delete every row created since setUpClass, whatever references
        what (rounds until nothing is left)."""
        with cls.registry.cursor() as cr, mute_logger("odoo.sql_db"):
            pending = [table for table in cls._tables(cr) if table in cls.high_water]
            for _round in range(20):
                left = []
                for table in pending:
                    try:
                        with cr.savepoint(flush=False):
                            cr.execute(
                                SQL(
                                    "DELETE FROM %s WHERE id > %s",
                                    SQL.identifier(table),
                                    cls.high_water[table],
                                )
                            )
                    except psycopg2.errors.ForeignKeyViolation:  # next round
                        left.append(table)
                if not left:
                    break
                pending = left
            else:
                raise AssertionError(f"rows left behind in {pending}")
        cls.registry.clear_cache()

    # ------------------------------------------------------------------
    # Two users
    # ------------------------------------------------------------------
    @staticmethod
    def repeat_on_conflict(function, env, tries=5):
        """Call ``function`` until PostgreSQL accepts it, like a request."""
        for _try in range(tries - 1):
            try:
                result = function()
                env.flush_all()
                return result
            except psycopg2.errors.SerializationFailure:
                TestConcurrency.conflicts += 1
                env.cr.rollback()
                env.transaction.clear()
        result = function()
        env.flush_all()
        return result

    def second_user(self, cr, function):
        """Run ``function`` as a request would, in a thread; return the thread
        and the dict that receives its result or error."""
        outcome = {}

        def work():
            try:
                outcome["result"] = self.repeat_on_conflict(function, self.env_b)
                # The second user's request ends: two transactions are the test.
                cr.commit()  # pylint: disable=invalid-commit
            except Exception as error:  # pylint: disable=broad-except
                outcome["error"] = error
                cr.rollback()

        thread = threading.Thread(target=work, name="hrp-second-user")
        return thread, outcome

    def race(self, user_a, user_b, first, second):
        """User A does ``first`` and holds it uncommitted; user B starts
        ``second`` meanwhile; then A commits. Returns B's outcome."""
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            cr_b.execute("SET lock_timeout = '30s'")
            env_a = api.Environment(cr_a, user_a, {})
            self.env_b = api.Environment(cr_b, user_b, {})
            # B's transaction sees the database as it was before A's step.
            cr_b.execute("SELECT 1")
            first(env_a)
            env_a.flush_all()
            thread, outcome = self.second_user(cr_b, lambda: second(self.env_b))
            # PostgreSQL's refusal of B's first try is logged by the cursor.
            with mute_logger("odoo.sql_db"):
                thread.start()
                time.sleep(WAIT)  # B now waits for A's lock
                cr_a.commit()  # pylint: disable=invalid-commit
                thread.join(60)
            self.assertFalse(thread.is_alive(), "the second user never finished")
        return outcome

    def test_approve_and_claim_at_the_same_moment(self):
        """Two administrators press "Approve" at once: the run is approved
        once, by the first; the second gets the message that the run is
        approved already. Then two payroll officers
        compute two payslips of the same employee at once: the bonus lands
        on one of them, once."""
        run_model = "hr.performance.pay.run"
        outcome = self.race(
            self.admin_a,
            self.admin_b,
            lambda env: env[run_model].browse(self.run_id).action_approve(),
            lambda env: env[run_model].browse(self.run_id).action_approve(),
        )
        # B's first try met A's approval: refused, repeated, then told.
        self.assertEqual(self.conflicts, 1)
        self.assertIsInstance(outcome.get("error"), UserError, outcome)
        # "... can only be approved once it is computed (it is Approved)."
        self.assertIn("Approved", str(outcome["error"]))
        with self.registry.cursor() as cr:
            run = api.Environment(cr, SUPERUSER_ID, {})[run_model].browse(self.run_id)
            self.assertEqual(run.state, "approved")
            self.assertEqual(run.approved_by_id.id, self.admin_a)
            approvals = run.message_ids.filtered(
                lambda message: message.author_id == run.approved_by_id.partner_id
            )
            self.assertLessEqual(len(approvals), 1)

        self._post_run()
        slips = self._payslips(2)
        outcome = self.race(
            self.payroll_a,
            self.payroll_b,
            lambda env: env["hr.payslip"].browse(slips[0]).compute_sheet(),
            lambda env: env["hr.payslip"].browse(slips[1]).compute_sheet(),
        )
        self.assertEqual(self.conflicts, 2)
        self.assertNotIn("error", outcome)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            line = env["hr.performance.pay.line"].browse(self.line_id)
            first, second = env["hr.payslip"].browse(slips)
            self.assertGreater(line.amount, 0)
            self.assertEqual(line.payslip_id, first)
            bonus = first.input_line_ids.filtered(lambda inp: inp.code == "LOB")
            self.assertEqual(bonus.amount, line.amount)
            self.assertFalse(
                second.input_line_ids.filtered(lambda inp: inp.code == "LOB")
            )

    def _post_run(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.payroll_a, {})
            run = env["hr.performance.pay.run"].browse(self.run_id)
            run.action_post()

    def _payslips(self, count):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            end = fields.Date.to_date("2031-12-31")
            return (
                env["hr.payslip"]
                .create(
                    [
                        {
                            "employee_id": self.employee_id,
                            "contract_id": self.contract_id,
                            "struct_id": self.structure_id,
                            "date_from": "2031-12-01",
                            "date_to": end,
                        }
                    ]
                    * count
                )
                .ids
            )
