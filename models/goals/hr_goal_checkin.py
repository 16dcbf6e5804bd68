from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..common.text_limits import check_texts
from ..common.write_guard import check_no_related_create, check_no_related_write
from .hr_goal import CHECKIN_STATUS


class HrGoalCheckin(models.Model):
    """A progress update on a goal agreement or on one of its goals."""

    _name = "hr.goal.checkin"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Goal Check-in"
    _order = "date desc, id desc"

    agreement_id = fields.Many2one(
        "hr.goal.agreement", required=True, ondelete="cascade", index=True
    )
    goal_id = fields.Many2one(
        "hr.goal",
        index="btree_not_null",
        ondelete="cascade",
        domain="[('agreement_id', '=', agreement_id)]",
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="agreement_id.employee_user_id", store=True, index=True
    )
    supervisor_user_id = fields.Many2one(
        related="agreement_id.supervisor_user_id", store=True, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    progress = fields.Float("Progress (%)")
    status = fields.Selection(CHECKIN_STATUS, required=True, default="on_track")
    comment = fields.Text()
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("comment")
    def _check_texts(self):
        check_texts(self, texts=("comment",))

    def _progress_maximum(self):
        """Highest progress (in percent) a check-in may record."""
        return 100

    @api.constrains("progress", "goal_id", "agreement_id")
    def _check_progress(self):
        for checkin in self:
            maximum = checkin._progress_maximum()
            if not 0 <= checkin.progress <= maximum:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The progress of a check-in on the goal agreement %(name)s "
                        "must lie between 0 and %(max)s.",
                        name=checkin.agreement_id.display_name,
                        max=maximum,
                    )
                )
            if checkin.goal_id and checkin.goal_id.agreement_id != checkin.agreement_id:
                raise ValidationError(
                    self.env._(
                        "The goal %(goal)s does not belong to the goal agreement "
                        "%(name)s.",
                        goal=checkin.goal_id.name,
                        name=checkin.agreement_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        for vals in vals_list:
            if not vals.get("agreement_id") and vals.get("goal_id"):
                goal = self.env["hr.goal"].browse(vals["goal_id"])
                vals["agreement_id"] = goal.agreement_id.id
            if not self.env.su:
                vals["author_id"] = self.env.uid
        agreements = self.env["hr.goal.agreement"].browse(
            {vals.get("agreement_id") for vals in vals_list}
        )
        if not self.env.su:
            # Someone else's agreement: a plain access error that names
            # nothing, before the workflow check explains the refusal.
            agreements.check_access("read")
            agreements._workflow_check("checkin")
        return super().create(vals_list)

    def write(self, vals):
        check_no_related_write(self, vals)
        self._check_own(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own(self):
        self._check_own({})

    def _check_own(self, vals):
        """Check-ins stay as written: only the author edits, never re-assigned."""
        for checkin in self:
            # sudo: the period's state is no secret of the check-in's readers
            checkin.agreement_id.sudo().period_id._check_open()
        if self.env.su:
            return
        if {"author_id", "agreement_id"} & set(vals) or any(
            checkin.author_id != self.env.user for checkin in self
        ):
            raise UserError(
                self.env._("Only the author can change or delete a check-in.")
            )
