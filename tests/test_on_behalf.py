"""Staff without a login: HR records the signatures given on paper, and
every form says why a step is not open to the user."""

import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase
from .common_assessment import AssessmentCase

WIZARD = "hr.goal.agreement.signature.wizard"


@tagged("post_install", "-at_install")
class TestRecordedOnBehalf(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()
        cls.employee_offline = cls.env["hr.employee"].create(
            {
                "name": "Bauhof Mitarbeiter",
                "parent_id": cls.employee_manager.id,
                "department_id": cls.department.id,
            }
        )
        cls.agreement = cls.create_agreement(cls.employee_offline, cls.period)
        cls.yesterday = fields.Date.today() - timedelta(days=1)

    def record(self, user, agreements=None, **values):
        wizard = (
            self.env[WIZARD]
            .with_user(user)
            .create(
                {
                    "agreement_ids": [Command.set((agreements or self.agreement).ids)],
                    **values,
                }
            )
        )
        return wizard.action_confirm()

    def test_hr_records_the_signature_of_staff_without_a_login(self):
        # Submitting no longer needs logins on both sides.
        self.agreement.with_user(self.user_manager).action_submit()
        self.assertEqual(self.agreement.state, "submitted")
        # The supervisor agrees himself, HR records the employee's paper.
        self.agreement.with_user(self.user_manager).action_agree()
        self.assertEqual(self.agreement.state, "submitted")
        scan = base64.b64encode(b"%PDF-1.4 unterschrieben")
        self.record(
            self.user_officer,
            employee_signed=True,
            employee_date=self.yesterday,
            signed_sheet=scan,
            signed_sheet_name="unterschrift.pdf",
        )
        agreement = self.agreement
        self.assertEqual(agreement.state, "agreed")
        self.assertEqual(agreement.employee_agreed_recorded_by, self.user_officer)
        self.assertFalse(agreement.employee_agreed_by)  # no login to name
        self.assertEqual(agreement.employee_agreed_on.date(), self.yesterday)
        self.assertEqual(agreement.supervisor_agreed_by, self.user_manager)
        self.assertFalse(agreement.supervisor_agreed_recorded_by)
        message = agreement.message_ids.filtered(
            lambda m: "recorded on behalf" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn("employee signed on paper on", message.body)
        self.assertIn(self.user_officer.name, message.body)
        self.assertEqual(message.attachment_ids.name, "unterschrift.pdf")
        self.assertEqual(message.attachment_ids.raw, b"%PDF-1.4 unterschrieben")

    def test_both_signatures_on_paper_for_many_agreements(self):
        other = self.create_agreement(self.employee_colleague, self.period)
        agreements = self.agreement | other
        agreements.with_user(self.user_officer).action_submit()
        self.record(
            self.user_officer,
            agreements,
            employee_signed=True,
            employee_date=self.yesterday,
            supervisor_signed=True,
            supervisor_date=self.yesterday,
        )
        self.assertEqual(set(agreements.mapped("state")), {"agreed"})
        self.assertEqual(other.employee_agreed_by, self.user_colleague)
        self.assertEqual(other.supervisor_agreed_recorded_by, self.user_officer)

    def test_only_hr_records_and_never_for_itself(self):
        self.agreement.with_user(self.user_officer).action_submit()
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_manager).action_record_agreement()
        with self.assertRaises(UserError):
            self.record(self.user_manager, employee_signed=True)
        self.assertEqual(self.agreement.state, "submitted")
        own_employee = self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": self.user_officer.id,
                "parent_id": self.employee_manager.id,
            }
        )
        own = self.create_agreement(own_employee, self.period)
        own.with_user(self.user_manager).action_submit()
        with self.assertRaisesText(UserError, "not allowed"):
            self.record(self.user_officer, own, employee_signed=True)
        self.assertFalse(own.employee_agreed_on)

    def test_wrong_input_is_refused_with_a_message(self):
        self.agreement.with_user(self.user_officer).action_submit()
        with self.assertRaisesText(UserError, "Tick whose signature"):
            self.record(self.user_officer)
        with self.assertRaisesText(UserError, "in the future"):
            self.record(
                self.user_officer,
                employee_signed=True,
                employee_date=fields.Date.today() + timedelta(days=3),
            )
        self.record(self.user_officer, employee_signed=True)
        with self.assertRaisesText(UserError, "already agreed"):
            self.record(self.user_officer, employee_signed=True)
        self.assertFalse(self.agreement.supervisor_agreed_on)

    def test_the_form_says_why(self):
        # Draft with weights that do not add up: the supervisor reads why he
        # cannot submit.
        self.agreement.goal_ids[-1].weight = 10
        hint = self.agreement.with_user(self.user_manager).workflow_hint
        self.assertIn("add up to", hint)
        self.agreement.goal_ids[-1].weight = 40
        self.agreement.with_user(self.user_manager).action_submit()
        self.agreement.with_user(self.user_manager).action_agree()
        hint = self.agreement.with_user(self.user_manager).workflow_hint
        self.assertIn("already agreed", hint)
        # HR-only steps are no hint for the supervisor; HR sees its own.
        self.assertNotIn("record", hint.lower())
        arch = self.env["hr.goal.agreement"].get_view(view_type="form")["arch"]
        self.assertIn('name="workflow_hint"', arch)


@tagged("post_install", "-at_install")
class TestAcknowledgedOnBehalf(AssessmentCase):
    def test_hr_records_an_acknowledgement_given_on_paper(self):
        self.schedule(self.employee)
        assessment = self.assessment_of(self.employee)
        self.rate(assessment, self.user_manager)
        assessment.with_user(self.user_manager).action_submit()
        yesterday = fields.Date.today() - timedelta(days=1)
        wizard = self.env["hr.assessment.paper.wizard"].with_user(self.user_manager)
        with self.assertRaises(AccessError):
            wizard.create({"assessment_ids": [Command.set(assessment.ids)]})
        with self.assertRaisesText(UserError, "not allowed"):
            assessment.with_user(self.user_manager).action_record_acknowledgement(
                date=yesterday
            )
        self.env["hr.assessment.paper.wizard"].with_user(self.user_officer).create(
            {
                "assessment_ids": [Command.set(assessment.ids)],
                "date": yesterday,
                "comment": "  Einverstanden, Fortbildung gewünscht. ",
                "signed_sheet": base64.b64encode(b"scan"),
                "signed_sheet_name": "kenntnisnahme.pdf",
            }
        ).action_confirm()
        self.assertEqual(assessment.state, "acknowledged")
        self.assertEqual(assessment.acknowledged_recorded_by, self.user_officer)
        self.assertEqual(assessment.acknowledged_by, self.user_employee)
        self.assertEqual(assessment.acknowledged_on.date(), yesterday)
        self.assertEqual(
            assessment.employee_comment, "Einverstanden, Fortbildung gewünscht."
        )
        message = assessment.message_ids.filtered(
            lambda m: "recorded on behalf" in (m.body or "")
        )
        self.assertEqual(message.attachment_ids.name, "kenntnisnahme.pdf")
        # The employee reads who recorded it; nobody writes these by hand.
        self.assertEqual(
            assessment.with_user(self.user_employee).acknowledged_recorded_by,
            self.user_officer,
        )
        with self.assertRaises(UserError):
            assessment.with_user(self.user_officer).write({"employee_comment": "x"})

    def test_hr_records_an_objection_raised_on_paper(self):
        self.schedule(self.employee)
        assessment = self.assessment_of(self.employee)
        self.rate(assessment, self.user_manager)
        assessment.with_user(self.user_manager).action_submit()
        Objection = self.env["hr.assessment.objection"]
        values = {"assessment_id": assessment.id, "reason": "Schriftlich: zu streng."}
        with self.assertRaises(UserError):
            Objection.with_user(self.user_manager).create(values)
        self.assertEqual(assessment.state, "submitted")
        action = assessment.with_user(self.user_officer).action_record_objection()
        self.assertEqual(action["res_model"], "hr.assessment.objection")
        objection = Objection.with_user(self.user_officer).create(values)
        self.assertEqual(assessment.state, "objected")
        self.assertTrue(objection.recorded_on_behalf)
        self.assertEqual(objection.raised_by, self.user_officer)
        self.assertTrue(
            assessment.message_ids.filtered(
                lambda m: "objection raised on paper" in (m.body or "")
            )
        )
        with self.assertRaises(UserError):
            objection.with_user(self.user_officer).write({"recorded_on_behalf": False})
