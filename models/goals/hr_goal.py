from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..common.text_limits import check_texts
from ..common.write_guard import check_no_related_create, check_no_related_write

GOAL_LEVELS = [
    ("company", "Company Goal"),
    ("department", "Department Goal"),
    ("personal", "Personal Goal"),
]
CHECKIN_STATUS = [
    ("on_track", "On Track"),
    ("behind", "Behind"),
    ("off_track", "Off Track"),
]
#: Fields the rating phase writes; everything else is the agreed content.
RATING_FIELDS = {"achievement", "actual_value"}
#: Technical fields that never lock.
FREE_FIELDS = {"last_checkin_id"}


class HrGoal(models.Model):
    """One goal of a goal agreement, at one of the three levels."""

    _name = "hr.goal"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Goal"
    _order = "agreement_id, level, sequence, id"

    agreement_id = fields.Many2one(
        "hr.goal.agreement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="agreement_id.employee_user_id", store=True, index=True
    )
    supervisor_user_id = fields.Many2one(
        related="agreement_id.supervisor_user_id", store=True, index=True
    )
    # Read with the user's rights (not the related fields' superuser default):
    # an onchange with another agreement's id must not reveal its state.
    state = fields.Selection(related="agreement_id.state", related_sudo=False)
    level = fields.Selection(GOAL_LEVELS, required=True, default="personal")
    sequence = fields.Integer(default=10)
    name = fields.Char("Title", required=True)
    description = fields.Html()
    weight = fields.Float("Weight (%)", help="Weight within its level.")
    success_criteria = fields.Text()
    actions = fields.Text(help="What the employee does to reach the goal.")
    resources = fields.Text(help="What the employee must be given to reach the goal.")
    target_value = fields.Float("Target")
    actual_value = fields.Float("Actual")
    unit = fields.Char()
    deadline = fields.Date()
    achievement = fields.Float(
        copy=False,
        help="Achievement of the goal in percent or points, per the period.",
    )
    period_goal_id = fields.Many2one(
        "hr.performance.period.goal",
        string="From Company/Department Goal",
        index="btree_not_null",
        ondelete="set null",
    )
    template_id = fields.Many2one(
        "hr.goal.template", index="btree_not_null", ondelete="set null"
    )
    checkin_ids = fields.One2many("hr.goal.checkin", "goal_id")
    last_checkin_id = fields.Many2one(
        "hr.goal.checkin", compute="_compute_last_checkin", store=True
    )
    last_progress = fields.Float(related="last_checkin_id.progress", related_sudo=False)
    last_status = fields.Selection(related="last_checkin_id.status", related_sudo=False)

    @api.depends("checkin_ids.date")
    def _compute_last_checkin(self):
        for goal in self:
            goal.last_checkin_id = goal.checkin_ids.sorted(
                lambda checkin: (checkin.date, checkin.id)
            )[-1:]

    @api.constrains("name", "description", "success_criteria", "actions")
    def _check_texts(self):
        check_texts(
            self, titles=("name",), texts=("description", "success_criteria", "actions")
        )

    @api.constrains("weight", "achievement")
    def _check_values(self):
        for goal in self:
            agreement = goal.agreement_id
            if not 0 <= goal.weight <= 100:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The weight of the goal %(goal)s in the goal agreement "
                        "%(name)s must lie between 0 and 100.",
                        goal=goal.name,
                        name=agreement.display_name,
                    )
                )
            # sudo: the period's scale maximum is no secret of the goal's readers
            maximum = agreement.sudo().period_id.max_achievement
            if not 0 <= goal.achievement <= maximum:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The achievement of the goal %(goal)s in the goal agreement "
                        "%(name)s must lie between 0 and %(max)s.",
                        goal=goal.name,
                        name=agreement.display_name,
                        max=maximum,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        agreements = self.env["hr.goal.agreement"].browse(
            {vals.get("agreement_id") for vals in vals_list}
        )
        agreements._check_goals_editable()
        if not self.env.su and any(RATING_FIELDS.intersection(v) for v in vals_list):
            for vals in vals_list:
                if any(vals.get(field) for field in RATING_FIELDS):
                    raise UserError(
                        self.env._("Achievements are entered in the rating phase only.")
                    )
        return super().create(vals_list)

    def write(self, vals):
        self._check_write_allowed(vals)
        old_weights = {goal: goal.weight for goal in self} if "weight" in vals else {}
        result = super().write(vals)
        if old_weights:
            self._post_weight_changes(old_weights)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.agreement_id._check_goals_editable()

    def _check_write_allowed(self, vals):
        """Agreed goals are locked; achievements only while rating."""
        if not self.env.su:
            self.check_access("write")
            check_no_related_write(self, vals)
            if any(
                goal.agreement_id.id != vals.get("agreement_id", goal.agreement_id.id)
                for goal in self
            ):
                raise UserError(
                    self.env._(
                        "A goal cannot be moved to another goal agreement. "
                        "Create it there instead."
                    )
                )
        fields_written = set(vals) - FREE_FIELDS
        content = fields_written - RATING_FIELDS
        if content:
            self.agreement_id._check_goals_editable()
            if "agreement_id" in vals:
                self.env["hr.goal.agreement"].browse(
                    vals["agreement_id"]
                )._check_goals_editable()
        if fields_written & RATING_FIELDS:
            for agreement in self.agreement_id:
                # sudo: the period's state is no secret of the goal's readers
                agreement.sudo().period_id._check_open()
                if self.env.su:
                    continue
                if agreement.state != "rating":
                    raise UserError(
                        self.env._(
                            "Achievements of the goal agreement %(name)s can only "
                            "be entered while it is being rated.",
                            name=agreement.display_name,
                        )
                    )
                agreement._workflow_check("rate")

    def _post_weight_changes(self, old_weights):
        """Track weight changes in the chatter of the agreement."""
        context = self.env.context
        if context.get("tracking_disable") or context.get("mail_notrack"):
            return
        changed = [goal for goal in self if goal.weight != old_weights[goal]]
        for agreement in {goal.agreement_id for goal in changed}:
            lines = [
                self.env._(
                    "Weight of %(goal)s: %(old)s → %(new)s",
                    goal=goal.name,
                    old=old_weights[goal],
                    new=goal.weight,
                )
                for goal in changed
                if goal.agreement_id == agreement
            ]
            # sudo: weight changes are tracked on the agreement the user edits
            agreement.sudo().message_post(body=Markup("<br/>").join(lines))
