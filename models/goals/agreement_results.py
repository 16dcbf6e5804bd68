"""Goal agreement: the weighted goal result computed by the engine, and its
breakdown."""

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import UserError

from ...engine import EngineError, InvalidInputError, WeightError, goal_result
from ..common.engine_messages import engine_error_message
from .hr_goal_agreement import LEVELS


class HrGoalAgreement(models.Model):
    _inherit = "hr.goal.agreement"

    @api.depends("result_breakdown")
    def _compute_result_breakdown_html(self):
        labels = self._level_labels()
        for agreement in self:
            data = agreement.result_breakdown
            if not data:
                agreement.result_breakdown_html = False
                continue
            rows = Markup()
            for level in data.get("levels", []):
                rows += Markup(
                    "<tr><td>%s</td><td class='text-end'>%s</td>"
                    "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                ) % (
                    labels.get(level["level"], level["level"]),
                    f"{level['weight']:.2f}",
                    f"{level['result']:.2f}",
                    f"{level['contribution']:.2f}",
                )
            head = Markup(
                "<thead><tr><th>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead>"
            ) % (
                self.env._("Level"),
                self.env._("Weight (%)"),
                self.env._("Result"),
                self.env._("Contribution"),
            )
            foot = Markup(
                "<tfoot><tr><th colspan='3'>%s</th><th class='text-end'>%s</th>"
                "</tr></tfoot>"
            ) % (self.env._("Total"), f"{data['total']:.2f}")
            agreement.result_breakdown_html = (
                Markup("<table class='table table-sm o_hrp_result_breakdown'>")
                + head
                + Markup("<tbody>")
                + rows
                + Markup("</tbody>")
                + foot
                + Markup("</table>")
            )

    def _engine_levels(self, values=True):
        """Goals per level as the engine expects them (level weights from the
        period; ``values=False`` uses 0 for every achievement)."""
        self.ensure_one()
        period = self.period_id
        levels = {}
        for level in LEVELS:
            goals = self.goal_ids.filtered(lambda g, lv=level: g.level == lv)
            levels[level] = (
                period[f"weight_{level}"],
                [
                    (goal.id, goal.achievement if values else 0, goal.weight)
                    for goal in goals
                ],
            )
        return levels

    def _weight_error_message(self):
        """The translated weight problem of this agreement, or None."""
        self.ensure_one()
        try:
            goal_result(self._engine_levels(values=False))
        except EngineError as error:
            return self._engine_error_message(error)
        return None

    def _check_weights(self):
        """Raise a UserError naming agreement and level unless weights add up."""
        for agreement in self:
            message = agreement._weight_error_message()
            if message:
                raise UserError(message)

    def _engine_error_message(self, error):
        """Translate an engine error about this agreement."""
        self.ensure_one()
        labels = self._level_labels()
        if isinstance(error, WeightError):
            if error.set_name == "goal levels":
                return self.env._(
                    "The level weights of the period %(period)s add up to "
                    "%(total)s instead of 100.",
                    period=self.period_id.display_name,
                    total=error.total,
                )
            return self.env._(
                "The weights of the goals of level %(level)s in the goal "
                "agreement %(name)s add up to %(total)s instead of 100.",
                level=labels.get(error.set_name, error.set_name),
                name=self.display_name,
                total=error.total,
            )
        if isinstance(error, InvalidInputError) and error.code == "above_scale_max":
            goal = self.env["hr.goal"].browse(int(error.item))
            return self.env._(
                "The achievement of the goal %(goal)s in the goal agreement "
                "%(name)s is above the maximum of %(limit)s.",
                goal=goal.name,
                name=self.display_name,
                limit=error.limit,
            )
        goal_names = {goal.id: goal.name for goal in self.goal_ids}
        goal_names.update({str(key): name for key, name in goal_names.items()})
        return self.env._(
            "The result of the goal agreement %(name)s cannot be computed: %(reason)s",
            name=self.display_name,
            reason=engine_error_message(self.env, error, {**labels, **goal_names}),
        )

    def _compute_goal_result(self):
        """Weighted goal result (engine) as values to store on the agreement."""
        self.ensure_one()
        try:
            result = goal_result(
                self._engine_levels(), scale_max=self.period_id.max_achievement
            )
        except EngineError as error:
            raise UserError(self._engine_error_message(error)) from error
        goals = {goal.id: goal for goal in self.goal_ids}
        breakdown = {
            "total": float(result.total),
            "exact": float(result.exact),
            "scale": self.period_id.result_scale,
            "levels": [
                {
                    "level": level.name,
                    "weight": float(level.weight),
                    "skipped": level.skipped,
                    "result": float(level.result_rounded),
                    "contribution": float(level.contribution),
                    "goals": [
                        {
                            "goal_id": line.key,
                            "name": goals[line.key].name,
                            "weight": float(line.weight),
                            "achievement": float(line.value),
                            "contribution": float(line.contribution),
                        }
                        for line in (level.detail.lines if level.detail else ())
                    ],
                }
                for level in result.levels
            ],
        }
        return {
            "result_company": float(result.level("company").result_rounded),
            "result_department": float(result.level("department").result_rounded),
            "result_personal": float(result.level("personal").result_rounded),
            "result_total": float(result.total),
            "result_breakdown": breakdown,
        }
