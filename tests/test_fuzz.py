"""Fuzz: every public action with an argument, every wizard and the number
and text fields users fill in, fed with wrong types, NaN, infinities, huge,
negative and empty values (hypothesis, a fixed seed: the same examples on
every run). Allowed outcomes: it works, or a ``UserError``,
``ValidationError`` or ``AccessError`` with a message; never another
exception. When refused, the record is as it was before (nothing
half-written). The portal forms are fuzzed in ``test_portal_fuzz.py``.
"""

import logging
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_pay import PayRunCase

_logger = logging.getLogger(__name__)

EXPECTED = (UserError, ValidationError, AccessError)
EXAMPLES = 40

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

EDGE_NUMBERS = [
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    0,
    -1,
    1e308,
    -1e308,
    2**31,
    -(2**31) - 1,
    10**400,
    1e-320,
]
NUMBERS = st.one_of(
    st.sampled_from(EDGE_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
)
EDGE_TEXTS = [
    "",
    " ",
    "\n\t",
    "x" * 25000,
    "<script>alert(1)</script>",
    "'; DROP TABLE hr_goal; --",
    "\u202egnp.exe",
    "nan",
    "1e999",
    "-0",
]
TEXTS = st.one_of(st.sampled_from(EDGE_TEXTS), st.text(max_size=40))
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.binary(max_size=8),
)
# Whatever a caller may pass (over RPC: JSON values, here also bytes).
ANYTHING = st.one_of(NUMBERS, TEXTS, WRONG)


@tagged("post_install", "-at_install", "fuzz")
class TestFuzz(PayRunCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls.create_agreement(cls.employee, cls.period)
        cls.running = cls.create_agreement(cls.employee_colleague, cls.period)
        cls.running_goal = cls.running.goal_ids[0]
        cls.pay_run = (
            cls.env["hr.performance.pay.run"]
            .with_user(cls.user_officer)
            .create({"period_id": cls.period.id})
        )
        cls.pay_run.action_compute()
        cls.line = cls.pay_run.line_ids[:1]
        cls.examples = 0

    def setUp(self):
        super().setUp()
        self.walk_states(self.running, "in_progress")

    def attempt(self, record, fields, function):
        """Run ``function``; refused only with a message, and then with
        ``fields`` of ``record`` as they were."""
        type(self).examples += 1
        # sudo: the test looks at what is stored, whoever acts
        before = record.sudo().read(fields)[0]
        savepoint = self.env.cr.savepoint()
        try:
            function()
            self.env.flush_all()
        except EXPECTED as error:
            self.assertTrue(str(error.args[0]).strip())
            # What reached the database before the refusal, if anything.
            self.env.invalidate_all(flush=False)
            # sudo: the test looks at what is stored, whoever acts
            self.assertEqual(record.sudo().read(fields)[0], before)
            return False
        finally:
            # Each example starts from the same records.
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)
        return True

    # ------------------------------------------------------------------
    # Actions with arguments
    # ------------------------------------------------------------------
    @FUZZ
    @given(reason=ANYTHING)
    def test_agreement_cancel_and_revise_reasons(self, reason):
        self.attempt(
            self.draft,
            ["state", "cancel_reason"],
            lambda: self.draft.with_user(self.user_officer).action_cancel(
                reason=reason
            ),
        )
        self.attempt(
            self.running,
            ["state", "revision"],
            lambda: self.running.with_user(self.user_manager).action_revise(
                reason=reason
            ),
        )

    @FUZZ
    @given(reason=ANYTHING)
    def test_settle_reason(self, reason):
        self.attempt(
            self.line,
            ["amount", "settled_date"],
            lambda: self.line.with_user(self.user_officer).action_settle(reason=reason),
        )

    # ------------------------------------------------------------------
    # Wizards
    # ------------------------------------------------------------------
    @FUZZ
    @given(kind=st.sampled_from(["points", "amount"]), value=ANYTHING, reason=TEXTS)
    def test_correction_wizard(self, kind, value, reason):
        Wizard = self.env["hr.performance.pay.correction.wizard"].with_user(
            self.user_officer
        )
        self.attempt(
            self.line,
            ["amount", "points_correction", "amount_correction"],
            lambda: Wizard.create(
                {"line_id": self.line.id, "kind": kind, kind: value, "reason": reason}
            ).action_confirm(),
        )

    @FUZZ
    @given(reason=ANYTHING, mode=st.sampled_from(["cancel", "revise"]))
    def test_reason_wizard(self, reason, mode):
        agreement = self.draft if mode == "cancel" else self.running
        Wizard = self.env["hr.goal.agreement.reason.wizard"].with_user(
            self.user_officer
        )
        self.attempt(
            agreement,
            ["state", "cancel_reason", "revision"],
            lambda: Wizard.create(
                {
                    "agreement_ids": [Command.set(agreement.ids)],
                    "mode": mode,
                    "reason": reason,
                }
            ).action_confirm(),
        )

    # ------------------------------------------------------------------
    # Fields users fill in
    # ------------------------------------------------------------------
    @FUZZ
    @given(progress=ANYTHING, comment=ANYTHING, status=ANYTHING)
    def test_checkin(self, progress, comment, status):
        Checkin = self.env["hr.goal.checkin"].with_user(self.user_colleague)
        self.attempt(
            self.running_goal,
            ["last_checkin_id"],
            lambda: Checkin.create(
                {
                    "agreement_id": self.running.id,
                    "goal_id": self.running_goal.id,
                    "progress": progress,
                    "comment": comment,
                    "status": status,
                }
            ),
        )

    @FUZZ
    @given(weight=ANYTHING, name=ANYTHING, target=ANYTHING)
    def test_goal(self, weight, name, target):
        goal = self.draft.goal_ids[0]
        self.attempt(
            goal,
            ["weight", "name", "target_value"],
            lambda: goal.with_user(self.user_manager).write(
                {"weight": weight, "name": name, "target_value": target}
            ),
        )

    @FUZZ
    @given(
        field=st.sampled_from(
            [
                "pay_budget_amount",
                "self_assessment_weight",
                "checkin_interval_days",
                "pay_min_result",
                "pay_max_payout",
                "max_achievement",
                "weight_goals",
            ]
        ),
        value=ANYTHING,
    )
    def test_period_settings(self, field, value):
        self.attempt(
            self.period,
            [field],
            lambda: self.period.with_user(self.user_admin).write({field: value}),
        )

    @FUZZ
    @given(budget=ANYTHING, share=ANYTHING, wage=ANYTHING)
    def test_run_and_group(self, budget, share, wage):
        self.attempt(
            self.pay_run,
            ["budget_amount"],
            lambda: self.pay_run.with_user(self.user_officer).write(
                {"budget_amount": budget}
            ),
        )
        self.attempt(
            self.group_all,
            ["sub_budget_share", "wage_min"],
            lambda: self.group_all.with_user(self.user_officer).write(
                {"sub_budget_share": share, "wage_min": wage}
            ),
        )

    @FUZZ
    @given(
        field=st.sampled_from(
            [
                "bonus_percent",
                "bonus_amount",
                "curve_lower_achievement",
                "curve_lower_rate",
                "curve_upper_achievement",
                "curve_upper_rate",
                "target_value",
                "pay_kind",
                "achievement_mode",
            ]
        ),
        value=ANYTHING,
    )
    def test_variable_goal(self, field, value):
        self.draft.sudo().pay_model = "variable"
        goal = self.draft.goal_ids[0]
        goal.sudo().write(
            {
                "target_value": 100.0,
                "curve_template_id": self.env.ref(
                    "hr_performance.curve_standard_positive"
                ).id,
            }
        )
        self.attempt(
            goal,
            [field],
            lambda: goal.with_user(self.user_manager).write({field: value}),
        )

    @FUZZ
    @given(
        field=st.sampled_from(
            [
                "hrp_target_salary",
                "hrp_variable_percent",
                "hrp_variable_amount",
                "hrp_variable_mode",
            ]
        ),
        value=ANYTHING,
    )
    def test_contract_target_salary(self, field, value):
        contract = self.contracts[self.employee]
        self.attempt(contract, [field], lambda: contract.write({field: value}))

    @FUZZ
    @given(
        field=st.sampled_from(
            [
                "lower_achievement",
                "lower_rate",
                "upper_achievement",
                "upper_rate",
                "threshold_missed",
                "threshold_far_exceeded",
                "kind",
            ]
        ),
        value=ANYTHING,
    )
    def test_curve_template(self, field, value):
        template = self.env.ref("hr_performance.curve_standard_positive")
        self.attempt(
            template,
            [field],
            lambda: template.with_user(self.user_admin).write({field: value}),
        )

    def test_every_model_checks_input(self):
        """The next model cannot forget it: every model and wizard of the
        addon checks what users send (input mixin or workflow kernel)."""
        guarded = set(self.env["hr.performance.input.mixin"]._inherit_children)
        guarded |= set(self.env["hr.performance.workflow.mixin"]._inherit_children)
        concrete = [
            name
            for name, model in self.env.registry.items()
            if model._original_module == "hr_performance"
            and not model._abstract
            and model._auto
        ]
        self.assertGreater(len(concrete), 25)
        # Lists of results the wizards fill in themselves; nothing typed in.
        output_only = {"hr.assessment.schedule.wizard.line", "hr.goal.takeover.result"}
        missing = sorted(set(concrete) - guarded - output_only)
        self.assertFalse(missing, "models without the input check")

    @classmethod
    def tearDownClass(cls):
        _logger.info("fuzz: %d examples, none ended in a server error", cls.examples)
        super().tearDownClass()
