"""Goal agreement: the buttons and steps of its workflow (on the workflow kernel) and
who may do what.
"""

from datetime import datetime, time

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .hr_goal_agreement import ACTION_ROLES, MANAGER_GROUP, OFFICER_GROUP, SYSTEM_FIELDS


class HrGoalAgreement(models.Model):
    _inherit = "hr.goal.agreement"

    def action_submit(self):
        """Submit drafts for agreement; the weights must add up."""
        return self._workflow_run("submit")

    def action_reset_draft(self):
        """Take submitted agreements back to draft (agreements are cleared)."""
        return self._workflow_run("reset")

    def action_agree(self):
        """Agree for the side of the current user (employee or supervisor).

        The agreement becomes valid ("agreed") when both sides have agreed.
        """
        return self._workflow_run("agree")

    def action_record_agreement(
        self, employee_on=None, supervisor_on=None, sheet=None, sheet_name=None
    ):
        """HR records signatures given on paper (staff without a login):
        the employee's and/or the supervisor's, each with its date, and the
        scanned signed sheet. Without dates, open the dialog."""
        if employee_on is None and supervisor_on is None:
            return self._workflow_dialog(
                "record_agreement",
                self.env._("Record Signatures Given on Paper"),
                "hr.goal.agreement.signature.wizard",
                {"default_agreement_ids": self.ids},
            )
        return self._workflow_run(
            "record_agreement", employee_on, supervisor_on, sheet, sheet_name
        )

    def action_start(self):
        """Agreed → in progress (the goals are pursued and tracked)."""
        return self._workflow_run("start")

    def action_start_rating(self):
        """In progress → rating (achievements can be entered)."""
        return self._workflow_run("start_rating")

    def action_finish_rating(self):
        """Rating → rated: compute and store the weighted goal result."""
        return self._workflow_run("finish_rating")

    def action_close(self):
        """Rated → closed (HR)."""
        return self._workflow_run("close")

    def action_cancel(self, reason=None):
        """Cancel with a reason; without one, open the reason dialog."""
        if reason is None:
            return self._reason_wizard_action("cancel")
        return self._workflow_run("cancel", self._clean_reason(reason))

    def action_revise(self, reason=None):
        """Revision (Zielanpassung): keep the current version, back to draft.

        Without a reason, open the reason dialog.
        """
        if reason is None:
            return self._reason_wizard_action("revise")
        return self._workflow_run("revise", self._clean_reason(reason))

    def action_open_checkin(self):
        """Open a new check-in for this agreement."""
        self.ensure_one()
        self._workflow_check("checkin")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Check-in"),
            "res_model": "hr.goal.checkin",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def _do_submit(self):
        self._workflow_write("submit", {"state": "submitted"})

    def _do_reset(self):
        self._workflow_write(
            "reset",
            {
                "state": "draft",
                "employee_agreed_by": False,
                "employee_agreed_on": False,
                "supervisor_agreed_by": False,
                "supervisor_agreed_on": False,
                "employee_agreed_recorded_by": False,
                "supervisor_agreed_recorded_by": False,
            },
        )

    def _do_agree(self):
        now = fields.Datetime.now()
        user = self.env.user
        valid = self.browse()
        for agreement in self:
            values = {}
            if agreement.employee_user_id == user:
                values = {"employee_agreed_by": user.id, "employee_agreed_on": now}
                side = self.env._("for the employee")
            else:
                values = {"supervisor_agreed_by": user.id, "supervisor_agreed_on": now}
                side = self.env._("for the supervisor")
            agreement._workflow_write("agree", values)
            agreement.message_post(
                body=self.env._(
                    "%(user)s agreed to the goals %(side)s.",
                    user=user.name,
                    side=side,
                )
            )
            if agreement.employee_agreed_on and agreement.supervisor_agreed_on:
                valid |= agreement
        if valid:
            valid._workflow_write("agree", {"state": "agreed"})
            valid._attach_agreement_pdf()

    def _do_record_agreement(self, employee_on, supervisor_on, sheet, sheet_name):
        today = fields.Date.context_today(self)
        dates = {
            "employee": fields.Date.to_date(employee_on) if employee_on else None,
            "supervisor": fields.Date.to_date(supervisor_on) if supervisor_on else None,
        }
        for date in dates.values():
            if date and date > today:
                raise UserError(
                    self.env._("A signature on paper cannot be dated in the future.")
                )
        user = self.env.user
        valid = self.browse()
        for agreement in self:
            # sudo: the signing users of the agreement; HR (checked) records
            signers = agreement.sudo()
            values = {}
            sides = []
            for side, date in dates.items():
                if not date:
                    continue
                if agreement[f"{side}_agreed_on"]:
                    raise UserError(
                        self.env._(
                            "The %(side)s has already agreed to the goal agreement "
                            "%(name)s.",
                            side=self._side_label(side),
                            name=agreement.display_name,
                        )
                    )
                values.update(
                    {
                        f"{side}_agreed_on": datetime.combine(date, time(12)),
                        f"{side}_agreed_by": signers[f"{side}_user_id"].id,
                        f"{side}_agreed_recorded_by": user.id,
                    }
                )
                sides.append(
                    self.env._(
                        "%(side)s signed on paper on %(date)s",
                        side=self._side_label(side),
                        date=format_date(self.env, date),
                    )
                )
            agreement._workflow_write("record_agreement", values)
            agreement.message_post(
                body=self.env._(
                    "%(user)s recorded on behalf: %(sides)s.",
                    user=user.name,
                    sides="; ".join(sides),
                ),
                attachments=[(sheet_name or "signed.pdf", sheet)] if sheet else None,
            )
            if agreement.employee_agreed_on and agreement.supervisor_agreed_on:
                valid |= agreement
        if valid:
            valid._workflow_write("record_agreement", {"state": "agreed"})
            valid._attach_agreement_pdf()

    def _side_label(self, side):
        return {
            "employee": self.env._("employee"),
            "supervisor": self.env._("supervisor"),
        }[side]

    def _do_start(self):
        self._workflow_write("start", {"state": "in_progress"})

    def _do_start_rating(self):
        self._workflow_write("start_rating", {"state": "rating"})

    def _do_finish_rating(self):
        for agreement in self:
            agreement._workflow_write(
                "finish_rating", {**agreement._compute_goal_result(), "state": "rated"}
            )
        # The combined result follows the rated goals (before the period closes).
        # sudo: the results follow from the step the user was allowed to do
        self.env["hr.performance.result"].sudo()._update_from_agreements(self)

    def _do_close(self):
        self._workflow_write("close", {"state": "closed"})

    def _do_cancel(self, reason):
        self._workflow_write("cancel", {"state": "cancelled", "cancel_reason": reason})

    def _do_revise(self, reason):
        # sudo: the revision keeps the version the checked step replaces
        Revision = self.env["hr.goal.agreement.revision"].sudo()
        Revision.create([agreement._revision_values(reason) for agreement in self])
        for agreement in self:
            agreement._workflow_write(
                "revise",
                {
                    "state": "draft",
                    "revision": agreement.revision + 1,
                    "employee_agreed_by": False,
                    "employee_agreed_on": False,
                    "supervisor_agreed_by": False,
                    "supervisor_agreed_on": False,
                    "employee_agreed_recorded_by": False,
                    "supervisor_agreed_recorded_by": False,
                },
            )
            agreement.message_post(
                body=self.env._(
                    "Goals reopened for revision (version %(version)s). Reason: "
                    "%(reason)s",
                    version=agreement.revision,
                    reason=reason,
                )
            )

    def _revision_values(self, reason):
        self.ensure_one()
        period = self.period_id
        return {
            "agreement_id": self.id,
            "version": self.revision,
            "reason": reason,
            "revised_by": self.env.uid,
            "revised_on": fields.Datetime.now(),
            "state_before": self.state,
            "employee_agreed_by": self.employee_agreed_by.id,
            "employee_agreed_on": self.employee_agreed_on,
            "supervisor_agreed_by": self.supervisor_agreed_by.id,
            "supervisor_agreed_on": self.supervisor_agreed_on,
            "weight_company": period.weight_company,
            "weight_department": period.weight_department,
            "weight_personal": period.weight_personal,
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "level": goal.level,
                        "sequence": goal.sequence,
                        "name": goal.name,
                        "description": goal.description,
                        "weight": goal.weight,
                        "success_criteria": goal.success_criteria,
                        "actions": goal.actions,
                        "resources": goal.resources,
                        "target_value": goal.target_value,
                        "unit": goal.unit,
                        "deadline": goal.deadline,
                    },
                )
                for goal in self.goal_ids
            ],
        }

    def _reason_wizard_action(self, mode):
        title = {
            "cancel": self.env._("Cancel Goal Agreement"),
            "revise": self.env._("Revise Goals"),
        }[mode]
        return self._workflow_dialog(
            mode,
            title,
            "hr.goal.agreement.reason.wizard",
            {"default_agreement_ids": self.ids, "default_mode": mode},
        )

    def _clean_reason(self, reason):
        reason = (reason if isinstance(reason, str) else "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Please give a reason for the goal agreement %(name)s.",
                    name=self[:1].display_name,
                )
            )
        return reason

    def _workflow_prefetch(self):
        return {"team": self._team_employees()}

    def _workflow_precheck(self, action, context):
        # sudo: the period's state is no secret of the agreement's readers.
        period = self.sudo().period_id
        if period.state == "closed":
            return self.env._(
                "The performance period %(name)s is closed.", name=period.display_name
            )
        return None

    def _workflow_state_message(self, action):
        return self.env._(
            "The goal agreement %(name)s is %(state)s: %(action)s is not possible now.",
            name=self.display_name,
            state=self._state_label(),
            action=self._action_label(action),
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The goal agreement %(name)s is %(state)s and cannot be deleted. Cancel "
            "or revise it instead.",
            name=self.display_name,
            state=self._state_label(),
        )

    def _workflow_raw_message(self, new_state):
        return self.env._(
            "The goal agreement %(name)s cannot change from %(old)s to %(new)s this "
            "way. Use the buttons of the agreement.",
            name=self.display_name,
            old=self._state_label(),
            new=self._state_label(new_state),
        )

    _workflow_transition_message = _workflow_raw_message

    def _workflow_system_message(self, names):
        return self.env._(
            "Agreements, cancellation reasons, versions and results of goal "
            "agreements are set by the workflow buttons only."
        )

    def _workflow_system_fields(self):
        return super()._workflow_system_fields() | SYSTEM_FIELDS

    def _workflow_rights_reason(self, action, context):
        roles = self._roles(context and context.get("team"))
        if action in ("rate", "finish_rating"):
            return self._rate_rights_reason(roles)
        if not roles & ACTION_ROLES[action]:
            return self.env._(
                "You are not allowed to do %(action)s on the goal agreement %(name)s.",
                action=self._action_label(action),
                name=self.display_name,
            )
        if action == "agree":
            return self._agree_rights_reason(roles)
        return None

    def _roles(self, team=None):
        """The roles of the current user on this agreement (a set)."""
        self.ensure_one()
        if team is None:
            team = self._team_employees()
        user = self.env.user
        roles = set()
        # sudo: the user's place in the organisation decides his roles
        agreement = self.sudo()
        if agreement.employee_user_id == user:
            roles.add("employee")
            return roles | self._hr_roles(user, own=True)
        if agreement.supervisor_user_id == user:
            roles.add("supervisor")
        if user.has_group(MANAGER_GROUP) and (
            agreement.supervisor_user_id == user
            or agreement.employee_id in team
            or agreement.department_id.manager_id.user_id == user
        ):
            roles.add("manager")
        return roles | self._hr_roles(user, own=False)

    def _hr_roles(self, user, own):
        if (
            not own
            and user.has_group(OFFICER_GROUP)
            # sudo: the agreement's company decides HR's role; no data shown
            and self.sudo().company_id in user.company_ids
        ):
            return {"officer"}
        return set()

    def _team_employees(self):
        """Employees below the current user in the supervisor chain (sudo)."""
        user = self.env.user
        # sudo: the user's own employees (plain users cannot read hr.employee)
        own = user.sudo().employee_ids
        if not own:
            # sudo: an empty recordset, nothing is read
            return self.env["hr.employee"].sudo()
        return (
            self.env["hr.employee"]
            # sudo: the user's place in the organisation decides his roles
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", own.ids)])
            - own
        )

    def _agree_rights_reason(self, roles):
        if "employee" in roles and self.employee_agreed_on:
            return self.env._(
                "You have already agreed to the goal agreement %(name)s.",
                name=self.display_name,
            )
        if "supervisor" in roles and self.supervisor_agreed_on:
            return self.env._(
                "You have already agreed to the goal agreement %(name)s.",
                name=self.display_name,
            )
        return None

    def _cannot_submit_reason(self, context=None):
        # sudo: whether the weights add up; no data shown. Employee or
        # supervisor without a login sign on paper; HR records it.
        return self.sudo()._weight_error_message()

    def _rate_rights_reason(self, roles):
        if "employee" in roles:
            return self.env._(
                "You cannot rate your own goal agreement %(name)s.",
                name=self.display_name,
            )
        # sudo: the period's rating rule is no secret of the agreement's readers
        if self.sudo().period_id.rating_by == "hr":
            if "officer" not in roles:
                return self.env._(
                    "In the period %(period)s achievements are entered by HR.",
                    # sudo: the period's name is no secret of the agreement's readers
                    period=self.sudo().period_id.display_name,
                )
        elif "supervisor" not in roles:
            return self.env._(
                "Only the supervisor rates the goal agreement %(name)s.",
                name=self.display_name,
            )
        return None

    def _state_label(self, state=None):
        labels = dict(self._fields["state"]._description_selection(self.env))
        return labels.get(state or self.state, state or self.state)

    def _action_label(self, action):
        return {
            "submit": self.env._("submit"),
            "reset": self.env._("back to draft"),
            "agree": self.env._("agree"),
            "record_agreement": self.env._("record signatures"),
            "start": self.env._("start"),
            "start_rating": self.env._("start rating"),
            "rate": self.env._("rate"),
            "finish_rating": self.env._("finish rating"),
            "close": self.env._("close"),
            "cancel": self.env._("cancel"),
            "revise": self.env._("revise"),
            "checkin": self.env._("check-in"),
        }[action]
