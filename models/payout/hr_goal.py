"""Payout timing and sub-goals of variable goals, and what a goal has
earned by a payroll date (engine ``payout``)."""

import datetime as dt
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

from ...engine import EngineError
from ...engine.payout import SubGoal, entitlement
from ...engine.periods import kpi_actual
from ..kpi.hr_performance_kpi import UNITS

PAYOUT_TIMINGS = [
    ("goal", "After the Goal Period"),
    ("subgoal", "After Each Sub-Goal Period"),
    ("any", "Any Time (With Advances)"),
]
#: Goal fields the monthly run reads besides the pay inputs.
PAYOUT_FIELDS = (
    "payout_timing",
    "payout_delay_unit",
    "payout_delay_count",
    "advance_achievement",
    "subgoal_mode",
    "subgoal_independent",
    "kpi_id",
    "kpi_group_id",
    "state",
    "last_checkin_id",
    "last_progress",
)


class HrGoal(models.Model):
    _inherit = "hr.goal"

    payout_timing = fields.Selection(
        PAYOUT_TIMINGS,
        string="Payout",
        required=True,
        default="goal",
        help="Any time: every payroll pays what has accrued, advances "
        "included. After each sub-goal period: the next payroll after the "
        "period whose KPI value is closed. After the goal period: once, when "
        "the goal is final.",
    )
    payout_delay_unit = fields.Selection(UNITS, required=True, default="months")
    payout_delay_count = fields.Integer(
        "Payout Delay",
        help="The payout waits this long after the end of a (sub-)goal period.",
    )
    advance_achievement = fields.Float(
        "Assumed Achievement (%)",
        digits=(16, 2),
        default=100.0,
        help="Advances before the first value is known assume this achievement; "
        "then the latest known achievement counts.",
    )
    subgoal_mode = fields.Selection(
        [
            ("relative", "Relative (% of the Target Value)"),
            ("absolute", "Absolute (in the KPI's Unit)"),
        ],
        string="Sub-Goal Entry",
        required=True,
        default="relative",
    )
    subgoal_independent = fields.Boolean(
        "Independent Sub-Goals",
        help="Each report period counts as a goal of its own. Otherwise the "
        "achievement up to a period is the value so far against the sub-goals "
        "so far (cumulative).",
    )
    subgoal_ids = fields.One2many("hr.goal.subgoal", "goal_id", string="Sub-Goals")

    @api.constrains("payout_delay_count", "advance_achievement")
    def _check_payout(self):
        for goal in self:
            if not 0 <= goal.payout_delay_count <= 1000:
                raise ValidationError(
                    self.env._(
                        "The payout delay of the goal %(goal)s must lie between 0 "
                        "and 1000.",
                        goal=goal.name,
                    )
                )
            if not 0 <= goal.advance_achievement <= 1000:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The assumed achievement of the goal %(goal)s must lie "
                        "between 0 and 1000 %%.",
                        goal=goal.name,
                    )
                )

    # ------------------------------------------------------------------
    # Sub-goals
    # ------------------------------------------------------------------
    def action_generate_subgoals(self):
        """One sub-goal per report period of the KPI in the goal period:
        a cumulative KPI splits the target by days, a non-cumulative one
        asks for the target in every period."""
        for goal in self:
            goal._generate_subgoals()
        return True

    def _generate_subgoals(self):
        self.ensure_one()
        if self.achievement_mode != "kpi" or not self.kpi_id:
            raise UserError(
                self.env._(
                    "Sub-goals follow the report periods of a KPI: the goal %(goal)s "
                    "takes its achievement from a KPI first.",
                    goal=self.name,
                )
            )
        if not self.goal_date_from or not self.goal_date_to:
            raise UserError(
                self.env._("The goal %(goal)s needs its goal period.", goal=self.name)
            )
        self.check_access("write")
        self.agreement_id._check_goals_editable()
        # sudo: the KPI's report periods are no secret of the goal's editors
        kpi = self.kpi_id.sudo()
        try:
            periods = kpi._periodisation().periods(
                self.goal_date_from, self.goal_date_to
            )
        except EngineError as error:
            raise UserError(
                self.env._(
                    "The report periods of the KPI %(kpi)s cannot be built: %(reason)s",
                    kpi=kpi.display_name,
                    reason=error,
                )
            ) from error
        spans = [
            (max(start, self.goal_date_from), min(end, self.goal_date_to))
            for start, end in periods
        ]
        total_days = (self.goal_date_to - self.goal_date_from).days + 1
        vals_list = []
        done = 0
        before = Decimal(0)
        for start, end in spans:
            done += (end - start).days + 1
            if kpi.cumulative:
                upto = (Decimal(100) * done / total_days).quantize(Decimal("0.01"))
                percent, before = upto - before, upto
            else:
                percent = Decimal(100)
            target = Decimal(str(self.target_value)) * percent / 100
            vals_list.append(
                {
                    "goal_id": self.id,
                    "date_from": start,
                    "date_to": end,
                    "target_percent": float(percent),
                    "target_value": float(target.quantize(Decimal("0.0001"))),
                }
            )
        self.subgoal_ids.unlink()
        self.env["hr.goal.subgoal"].create(vals_list)

    def _subgoal_error(self):
        """Why the sub-goals of this goal do not fit its goal period, or None."""
        self.ensure_one()
        subs = self.subgoal_ids.sorted("date_from")
        if (
            self.payout_timing == "subgoal"
            and not subs
            and self.pay_model == "variable"
        ):
            if self.achievement_mode != "kpi":
                return self.env._(
                    "The goal %(goal)s is paid after each sub-goal period: it needs "
                    "a KPI and its sub-goals.",
                    goal=self.name,
                )
            return self.env._(
                "The goal %(goal)s is paid after each sub-goal period: generate "
                "its sub-goals.",
                goal=self.name,
            )
        expected = self.goal_date_from
        for sub in subs:
            if sub.date_from != expected:
                return self.env._(
                    "The sub-goal periods of the goal %(goal)s overlap or leave a "
                    "gap at %(date)s: they must cover the goal period day by day.",
                    goal=self.name,
                    date=format_date(self.env, min(sub.date_from, expected)),
                )
            if not sub.target > 0:
                return self.env._(
                    "The sub-goal of %(goal)s from %(date)s must be greater than 0.",
                    goal=self.name,
                    date=format_date(self.env, sub.date_from),
                )
            expected = sub.date_to + dt.timedelta(days=1)
        if subs and expected != self.goal_date_to + dt.timedelta(days=1):
            return self.env._(
                "The sub-goal periods of the goal %(goal)s end on %(date)s, not at "
                "the end of the goal period.",
                goal=self.name,
                date=format_date(self.env, expected - dt.timedelta(days=1)),
            )
        return None

    def _variable_submit_error(self):
        return super()._variable_submit_error() or self._subgoal_error()

    # ------------------------------------------------------------------
    # What a goal has earned by a payroll date
    # ------------------------------------------------------------------
    def _engine_subgoals(self, values_all, values_closed, subgoals):
        """The engine's sub-goals of this goal: its sub-goals with their KPI
        values, or the whole goal period as one (goals without sub-goals).

        ``values_all`` / ``values_closed``: ``_kpi_value_map`` of every /
        closed value; ``subgoals``: this goal's sub-goal records.
        """
        self.ensure_one()
        if self.achievement_mode == "kpi" and self.kpi_id:
            key = self._kpi_owner_key()
            cumulative = self.kpi_id.cumulative
            spans = [
                (sub.date_from, sub.date_to, Decimal(str(sub.target)))
                for sub in subgoals
            ] or [
                (
                    self.goal_date_from,
                    self.goal_date_to,
                    Decimal(str(self.target_value)),
                )
            ]
            result = []
            for start, end, target in spans:
                known = kpi_actual(values_all.get(key, []), start, end, cumulative)
                closed = kpi_actual(values_closed.get(key, []), start, end, cumulative)
                result.append(
                    SubGoal(
                        start,
                        end,
                        target,
                        known.actual if known else None,
                        bool(
                            known
                            and closed
                            and closed.periods == known.periods
                            and known.covered_days >= (end - start).days + 1
                        ),
                    )
                )
            return result
        final = self.state in ("rated", "closed")
        if final:
            actual = self._engine_achievement()
        elif self.last_checkin_id:
            actual = Decimal(str(self.last_progress))
        else:
            actual = None
        return [
            SubGoal(self.goal_date_from, self.goal_date_to, Decimal(100), actual, final)
        ]

    def _engine_entitlement(self, bonus_at_100, subs, as_of):
        """The engine's Entitlement of this goal by ``as_of``."""
        self.ensure_one()
        return entitlement(
            bonus_at_100=bonus_at_100,
            curve=self._engine_curve(),
            date_from=self.goal_date_from,
            date_to=self.goal_date_to,
            subgoals=subs,
            independent=self.subgoal_independent,
            cumulative=bool(self.kpi_id.cumulative) if self.kpi_id else True,
            timing=self.payout_timing,
            as_of=as_of,
            delay=(self.payout_delay_unit, self.payout_delay_count),
            assumed=self.advance_achievement,
        )
