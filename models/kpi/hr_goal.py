from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...engine import InvalidInputError
from ...engine.curves import achievement as engine_achievement
from ...engine.periods import kpi_actual, projected_actual


class HrGoal(models.Model):
    """A goal whose achievement comes from a KPI: an individual goal (the
    employee's values), a group goal (the group's value) or a collective
    goal (the company's value)."""

    _inherit = "hr.goal"

    achievement_mode = fields.Selection(
        selection_add=[("kpi", "From a KPI")], ondelete={"kpi": "set default"}
    )
    kpi_id = fields.Many2one(
        "hr.performance.kpi", "KPI", index="btree_not_null", ondelete="restrict"
    )
    kpi_owner_level = fields.Selection(related="kpi_id.owner_level")
    kpi_group_id = fields.Many2one(
        "hr.performance.kpi.group",
        "Group",
        index="btree_not_null",
        ondelete="restrict",
        help="Group goal: the group whose KPI value counts for this goal.",
    )
    kpi_actual = fields.Float(
        "Actual So Far",
        digits=(16, 4),
        compute="_compute_kpi_actual",
        help="Sum (cumulative KPI) or latest value (non-cumulative KPI) of the "
        "values of the goal period known so far.",
    )

    @api.depends("kpi_id", "kpi_group_id", "goal_date_from", "goal_date_to")
    def _compute_kpi_actual(self):
        self.kpi_actual = 0.0
        goals = self.filtered(lambda g: g.achievement_mode == "kpi" and g.kpi_id)
        readable = goals.agreement_id._filtered_access("read")
        goals = goals.filtered(lambda g: g.agreement_id in readable)
        values = goals._kpi_value_map(final=False)
        for goal in goals:
            result = goal._kpi_result(values)
            goal.kpi_actual = float(result.actual) if result else 0.0

    # ------------------------------------------------------------------
    # Values of many goals at once
    # ------------------------------------------------------------------
    def _kpi_owner_key(self):
        """(kpi id, employee id, group id) of the values this goal uses."""
        self.ensure_one()
        level = self.kpi_id.owner_level
        if level == "employee":
            return (self.kpi_id.id, self.agreement_id.employee_id.id, False)
        if level == "group":
            return (self.kpi_id.id, False, self.kpi_group_id.id)
        return (self.kpi_id.id, False, False)

    def _kpi_value_map(self, final):
        """{(kpi, employee, group): [(start, end, counting value)]} for the KPI
        goals of ``self`` in one query; ``final``: closed values only."""
        goals = self.filtered(lambda g: g.achievement_mode == "kpi" and g.kpi_id)
        if not goals:
            return {}
        domain = [
            ("kpi_id", "in", goals.kpi_id.ids),
            ("date_from", "<=", max(goals.mapped("goal_date_to"))),
            ("date_to", ">=", min(goals.mapped("goal_date_from"))),
        ]
        if final:
            domain.append(("state", "=", "closed"))
        values = (
            self.env["hr.performance.kpi.value"]
            # sudo: the KPI values of goals the user may read (checked by the
            # callers) decide those goals' achievements
            .sudo()
            .search_fetch(
                domain,
                [
                    "kpi_id",
                    "employee_id",
                    "group_id",
                    "date_from",
                    "date_to",
                    "effective_value",
                ],
            )
        )
        result = {}
        for value in values:
            key = (
                value.kpi_id.id,
                value.employee_id.id or False,
                value.group_id.id or False,
            )
            result.setdefault(key, []).append(
                (value.date_from, value.date_to, value.effective_value)
            )
        return result

    def _kpi_result(self, values):
        self.ensure_one()
        return kpi_actual(
            values.get(self._kpi_owner_key(), []),
            self.goal_date_from,
            self.goal_date_to,
            self.kpi_id.cumulative,
        )

    def _achievement_inputs(self, final):
        inputs = super()._achievement_inputs(final)
        inputs["kpi"] = self._kpi_value_map(final)
        return inputs

    def _engine_achievement(self, inputs=None):
        """The final achievement of a KPI goal: its closed values over the
        whole goal period against the target value."""
        if self.achievement_mode != "kpi":
            return super()._engine_achievement(inputs)
        values = (inputs or {}).get("kpi")
        if values is None:
            values = self._kpi_value_map(final=True)
        result = self._kpi_result(values)
        if result is None:
            raise InvalidInputError(
                "No KPI value yet.", item=self.name, code="no_kpi_value"
            )
        return engine_achievement(result.actual, self.target_value)

    def _latest_achievement(self, inputs=None):
        """The forecast of a KPI goal: the values known so far, held for the
        whole goal period (a cumulative KPI is extrapolated by days)."""
        if self.achievement_mode != "kpi":
            return super()._latest_achievement(inputs)
        values = (inputs or {}).get("kpi")
        if values is None:
            values = self._kpi_value_map(final=False)
        result = self._kpi_result(values)
        if result is None:
            return None
        return engine_achievement(
            projected_actual(result, self.kpi_id.cumulative), self.target_value
        )

    @api.constrains("achievement_mode", "kpi_id", "kpi_group_id", "agreement_id")
    def _check_kpi(self):
        for goal in self.filtered(lambda g: g.achievement_mode == "kpi"):
            if not goal.kpi_id:
                raise ValidationError(
                    self.env._(
                        "The goal %(goal)s takes its achievement from a KPI: choose "
                        "the KPI.",
                        goal=goal.name,
                    )
                )
            if goal.kpi_id.owner_level == "group":
                group = goal.kpi_group_id
                employee = goal.agreement_id.employee_id
                # sudo: group membership decides whether the goal is valid
                if not group or employee not in group.sudo().all_employee_ids:
                    raise ValidationError(
                        self.env._(
                            "The group goal %(goal)s needs a group that %(employee)s "
                            "is a member of.",
                            goal=goal.name,
                            employee=employee.name,
                        )
                    )
