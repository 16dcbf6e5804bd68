"""Assessment: the buttons and steps of its workflow (on the workflow kernel) and who
may do what.
"""

from datetime import datetime, time

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .hr_assessment import ACTIVITY_TYPE, OPEN_STATES


class HrAssessment(models.Model):
    _inherit = "hr.assessment"

    def _is_officer(self):
        return self.env.user.has_group("hr_performance.group_hr_performance_officer")

    def _workflow_precheck(self, action, context):
        # sudo: the period's state is no secret of the assessment's readers.
        period = self.sudo().period_id
        if period.state == "closed":
            return self.env._(
                "The performance period %(period)s is closed.", period=period.name
            )
        return None

    def _workflow_state_message(self, action):
        labels = {
            "start": self.env._("started"),
            "submit": self.env._("submitted"),
            "acknowledge": self.env._("acknowledged"),
            "record_acknowledgement": self.env._("acknowledged"),
            "object": self.env._("objected to"),
            "record_objection": self.env._("objected to"),
            "finalize": self.env._("finalized"),
            "reopen": self.env._("reopened"),
        }
        return self.env._(
            "The assessment %(name)s cannot be %(action)s because it is %(state)s.",
            name=self.name,
            action=labels[action],
            state=self._workflow_state_label(),
        )

    def _workflow_transition_message(self, new_state):
        return self.env._(
            "The assessment %(name)s cannot go from %(old)s to %(new)s.",
            name=self.name,
            old=self._workflow_state_label(),
            new=self._workflow_state_label(new_state),
        )

    def _workflow_raw_message(self, new_state):
        return self.env._(
            "The assessment %(name)s cannot go from %(old)s to %(new)s this way: "
            "use the buttons of the assessment.",
            name=self.name,
            old=self._workflow_state_label(),
            new=self._workflow_state_label(new_state),
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The assessment %(name)s has been submitted and cannot be deleted.",
            name=self.name,
        )

    def _workflow_rights_reason(self, action, context):
        """Who acts: the assessor fills in, the employee answers, HR decides;
        nobody decides on their own assessment."""
        user = self.env.user
        is_employee = self.employee_user_id == user
        if action in ("start", "submit"):
            if is_employee and self.assessment_type != "self":
                return self._own_message()
            if not (self.assessor_id == user or self._is_officer()):
                return self.env._(
                    "Only the assessor or HR can fill in the assessment %(name)s.",
                    name=self.name,
                )
        elif action in ("acknowledge", "object"):
            if not is_employee and self.assessment_type != "self":
                return self.env._(
                    "Only the assessed employee can acknowledge or object to "
                    "the assessment %(name)s.",
                    name=self.name,
                )
        elif action in ("record_acknowledgement", "record_objection"):
            if is_employee or not self._is_officer():
                return self.env._(
                    "Only HR records what the employee gave on paper, and never "
                    "for its own assessment (%(name)s).",
                    name=self.name,
                )
        elif not self._is_officer() or is_employee:
            return self.env._(
                "Only HR can finalize or reopen the assessment %(name)s.",
                name=self.name,
            )
        return None

    def _own_message(self):
        return self.env._(
            "Nobody assesses themselves: the assessment %(name)s is yours.",
            name=self.name,
        )

    def _check_not_own(self):
        """Scores of one's own assessment (other than a self-assessment) are
        never entered by oneself, whatever one's role."""
        if self.env.su:
            return
        for assessment in self:
            if (
                assessment.employee_user_id == self.env.user
                and assessment.assessment_type != "self"
            ):
                raise UserError(assessment._own_message())

    def _self_assessment_reason(self):
        if self.assessment_type == "self":
            return self.env._("A self-assessment is not acknowledged or objected to.")
        return None

    def _cannot_acknowledge_reason(self, context=None):
        return self._self_assessment_reason()

    def _cannot_object_reason(self, context=None):
        return self._self_assessment_reason()

    def _cannot_record_acknowledgement_reason(self, context=None):
        return self._self_assessment_reason()

    def _cannot_record_objection_reason(self, context=None):
        return self._self_assessment_reason()

    def _cannot_finalize_reason(self, context=None):
        if self.assessment_type == "self":
            return self.env._("A self-assessment is not finalized.")
        if self.objection_ids.filtered(lambda o: o.state != "decided"):
            return self.env._(
                "The objection to the assessment %(name)s has not been decided yet.",
                name=self.name,
            )
        return None

    def action_start(self):
        return self._workflow_run("start")

    def _do_start(self):
        self._workflow_write("start", {"state": "in_progress"})

    def action_submit(self):
        return self._workflow_run("submit")

    def _do_submit(self):
        lines_by_assessment = self._lines_by_assessment()
        self._check_complete(lines_by_assessment)
        results = self._compute_results(lines_by_assessment)
        now = fields.Datetime.now()
        # sudo: the submit step has checked the user; it stamps the result
        for assessment in self.sudo():
            total, percent, breakdown = results[assessment.id]
            vals = {
                "state": "submitted",
                "result": total,
                "result_percent": percent,
                "result_breakdown": breakdown,
                "submitted_on": now,
                "submitted_by": self.env.uid,
            }
            if not assessment.submitted_on:
                vals.update(
                    original_result=total,
                    original_result_percent=percent,
                    original_breakdown=breakdown,
                )
            assessment._workflow_write("submit", vals)
        self._close_activities()
        # sudo: the results follow from the step the user was allowed to do
        self.env["hr.performance.result"].sudo()._update_from_assessments(self.sudo())

    def action_acknowledge(self):
        return self._workflow_run("acknowledge")

    def _do_acknowledge(self):
        self._workflow_write(
            "acknowledge",
            {
                "state": "acknowledged",
                "acknowledged_on": fields.Datetime.now(),
                "acknowledged_by": self.env.uid,
            },
        )

    def action_record_acknowledgement(
        self, date=None, comment=None, sheet=None, sheet_name=None
    ):
        """HR records that the employee acknowledged the assessment on paper
        (on ``date``, with his comment and the scanned sheet). Without a
        date, open the dialog."""
        if date is None:
            return self._workflow_dialog(
                "record_acknowledgement",
                self.env._("Record Acknowledgement Given on Paper"),
                "hr.assessment.paper.wizard",
                {"default_assessment_ids": self.ids},
            )
        return self._workflow_run(
            "record_acknowledgement", date, comment, sheet, sheet_name
        )

    def _do_record_acknowledgement(self, date, comment, sheet, sheet_name):
        date = fields.Date.to_date(date)
        if date > fields.Date.context_today(self):
            raise UserError(
                self.env._("An acknowledgement on paper cannot be dated in the future.")
            )
        comment = (comment if isinstance(comment, str) else "").strip() or False
        user = self.env.user
        for assessment in self:
            assessment._workflow_write(
                "record_acknowledgement",
                {
                    "state": "acknowledged",
                    "acknowledged_on": datetime.combine(date, time(12)),
                    # sudo: the assessed employee's login, if he has one
                    "acknowledged_by": assessment.sudo().employee_user_id.id,
                    "acknowledged_recorded_by": user.id,
                    "employee_comment": comment,
                },
            )
            assessment.message_post(
                body=self.env._(
                    "%(user)s recorded on behalf of %(employee)s: acknowledged on "
                    "paper on %(date)s.",
                    user=user.name,
                    employee=assessment.employee_id.name,
                    date=format_date(self.env, date),
                ),
                attachments=[(sheet_name or "acknowledged.pdf", sheet)]
                if sheet
                else None,
            )

    def action_object(self):
        """Open the objection form; saving it marks the assessment objected."""
        self.ensure_one()
        return self._workflow_dialog(
            "object",
            self.env._("Object to the Assessment"),
            "hr.assessment.objection",
            {"default_assessment_id": self.id},
        )

    def _do_object(self):
        self._workflow_write("object", {"state": "objected"})

    def action_record_objection(self):
        """HR enters an objection the employee raised on paper (form)."""
        self.ensure_one()
        return self._workflow_dialog(
            "record_objection",
            self.env._("Record Objection Raised on Paper"),
            "hr.assessment.objection",
            {"default_assessment_id": self.id},
        )

    def _do_record_objection(self):
        self._workflow_write("record_objection", {"state": "objected"})

    def action_finalize(self):
        return self._workflow_run("finalize")

    def _do_finalize(self):
        self._workflow_write(
            "finalize", {"state": "final", "finalized_on": fields.Datetime.now()}
        )
        # sudo: the objections' outcome follows from HR's finalizing
        self.objection_ids.sudo()._record_final_result()
        # sudo: the results follow from the step the user was allowed to do
        self.env["hr.performance.result"].sudo()._update_from_assessments(self.sudo())

    def action_reopen(self):
        """Ask HR for the reason, then reopen (see the reopen wizard)."""
        return self._workflow_dialog(
            "reopen",
            self.env._("Reopen Assessment"),
            "hr.assessment.reopen.wizard",
            {"default_assessment_ids": self.ids},
        )

    def _reopen(self, reason):
        """Reopen with a reason (called by the wizard and objection decisions)."""
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("Please give a reason for reopening."))
        return self._workflow_run("reopen", reason.strip())

    def _do_reopen(self, reason):
        self._workflow_write(
            "reopen", {"state": "in_progress", "reopen_reason": reason}
        )
        for assessment in self:
            assessment.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        # sudo: the results follow from the step the user was allowed to do
        self.env["hr.performance.result"].sudo()._update_from_assessments(self.sudo())

    def action_view_objections(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Objections"),
            "res_model": "hr.assessment.objection",
            "view_mode": "list,form",
            "domain": [("assessment_id", "=", self.id)],
            "context": {"default_assessment_id": self.id},
        }

    def _object_with_reason(self, reason):
        """Record the employee's objection with its reason (portal, API).

        Same checks as the objection form: the objection's ``create`` checks
        the state and who objects, then marks the assessment objected.
        """
        self.ensure_one()
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(
                self.env._(
                    "Please give a reason for your objection to %(name)s.",
                    name=self.name,
                )
            )
        self._workflow_check_states("object")
        self._workflow_check("object")
        return self.env["hr.assessment.objection"].create(
            {"assessment_id": self.id, "reason": reason.strip()}
        )

    def _close_activities(self):
        """Mark the 'assessment to do' activity done once nothing is left."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return
        assessors = self.assessor_id
        still_open = {
            assessor
            # sudo: which assessors still have open work; ids only, no data shown
            for (assessor,) in self.sudo()._read_group(
                [("assessor_id", "in", assessors.ids), ("state", "in", OPEN_STATES)],
                ["assessor_id"],
            )
        }
        done = assessors - self.env["res.users"].union(*still_open)
        if not done:
            return
        activities = (
            self.env["mail.activity"]
            # sudo: the step closes the to-do activities of other users
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", done.ids),
                ]
            )
        )
        activities.action_feedback(
            feedback=self.env._("All assessments have been submitted.")
        )

    # ------------------------------------------------------------------
    # A self-assessment requested after scheduling
    # ------------------------------------------------------------------
    def action_request_self_assessment(self):
        """Ask the employee for a self-assessment on the same criteria (HR or
        the assessor, while the assessment is not submitted)."""
        self.ensure_one()
        self.check_access("read")
        reason = self._cannot_request_self_assessment_reason()
        if reason:
            raise UserError(reason)
        # The employee may not create assessments: his self-assessment is
        # created for him, with the same structure.
        # sudo: checked above (_cannot_request_self_assessment_reason)
        assessment = self.sudo()
        own = assessment.create(
            {
                "period_id": assessment.period_id.id,
                "form_id": assessment.form_id.id,
                "employee_id": assessment.employee_id.id,
                "date": assessment.date,
                "assessment_type": "self",
                "is_leader": assessment.is_leader,
                "assessor_id": assessment.employee_user_id.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "criterion_id": line.criterion_id.id,
                            "group_id": line.group_id.id,
                            "weight": line.weight,
                            "group_weight": line.group_weight,
                        },
                    )
                    for line in assessment.line_ids
                ],
            }
        )
        assessment.write({"self_assessment_id": own.id})
        own.activity_schedule(
            ACTIVITY_TYPE,
            date_deadline=assessment.date,
            user_id=own.assessor_id.id,
            note=self.env._(
                "Please fill in your self-assessment %(name)s.", name=own.name
            ),
        )
        self.message_post(
            body=self.env._(
                "%(user)s requested a self-assessment from %(employee)s.",
                user=self.env.user.name,
                employee=assessment.employee_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _cannot_request_self_assessment_reason(self):
        self.ensure_one()
        user = self.env.user
        if not (
            user.has_group("hr_performance.group_hr_performance_officer")
            or self.assessor_id == user
        ):
            return self.env._("Only HR or the assessor can request a self-assessment.")
        if self.assessment_type != "supervisor":
            return self.env._("A self-assessment has no self-assessment of its own.")
        if self.state not in ("scheduled", "in_progress"):
            return self.env._(
                "A self-assessment can only be requested before the assessment "
                "%(name)s is submitted.",
                name=self.name,
            )
        if self.self_assessment_id:
            return self.env._(
                "The assessment %(name)s already has a self-assessment.",
                name=self.name,
            )
        # Whether the employee has a login decides; his name is on the
        # assessment the user reads.
        # sudo: employees are not readable by every user who acts here
        employee = self.sudo().employee_id
        if not employee.user_id:
            return self.env._(
                "%(employee)s has no login: a self-assessment cannot be filled in.",
                employee=employee.name,
            )
        return None
