from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentAccess(AssessmentCase):
    """Reviewer's probes: the forbidden things around assessments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))

    def _scheduled(self, employee=None, **values):
        employee = employee or self.employee
        self.schedule(employee, **values)
        return self.assessment_of(employee)

    def _submitted(self, employee=None):
        assessment = self._scheduled(employee)
        self.rate(assessment, self.user_manager)
        assessment.with_user(self.user_manager).action_submit()
        return assessment

    def test_employee_cannot_read_chatter_of_unsubmitted_assessment(self):
        assessment = self._scheduled()
        self.rate(assessment, self.user_manager)
        assessment.with_user(self.user_manager).message_post(
            body="Vorläufige Einschätzung: eher schwach"
        )
        self.env.flush_all()
        Message = self.env["mail.message"].with_user(self.user_employee)
        messages = Message.search(
            [("model", "=", "hr.assessment"), ("res_id", "=", assessment.id)]
        )
        self.assertFalse(messages)

    def test_employee_cannot_read_attachments_of_unsubmitted_assessment(self):
        assessment = self._scheduled()
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "notes.txt",
                    "raw": b"private",
                    "res_model": "hr.assessment",
                    "res_id": assessment.id,
                }
            )
        )
        self.env.flush_all()
        attachment = attachment.with_user(self.user_employee)
        attachment.invalidate_recordset()
        with self.assertRaises(AccessError):
            attachment.read(["raw"])

    def test_result_shows_nothing_before_submission(self):
        assessment = self._submitted()
        result = self.env["hr.performance.result"].search(
            [("assessment_id", "=", assessment.id)]
        )
        self.assertTrue(result)
        self.assertTrue(result.with_user(self.user_employee).assessment_counted)
        self.assertFalse(
            self.env["hr.performance.result"]
            .with_user(self.user_colleague)
            .search([("id", "=", result.id)])
        )

    def test_colleague_cannot_object_or_acknowledge(self):
        assessment = self._submitted()
        with self.assertRaises(UserError):
            assessment.with_user(self.user_colleague).action_acknowledge()
        with self.assertRaises(UserError):
            self.env["hr.assessment.objection"].with_user(self.user_colleague).create(
                {"assessment_id": assessment.id, "reason": "Nicht fair"}
            )

    def test_employee_cannot_write_own_comment_or_state(self):
        assessment = self._submitted()
        with self.assertRaises(UserError):
            assessment.with_user(self.user_employee).write({"state": "final"})
        with self.assertRaises(UserError):
            assessment.line_ids[:1].with_user(self.user_employee).write(
                {"comment": "Alles super"}
            )

    def test_employee_cannot_read_private_notes(self):
        assessment = self._scheduled()
        line = assessment.line_ids[:1]
        line.with_user(self.user_manager).private_comment = "Nur intern"
        assessment.with_user(self.user_manager).line_ids.level_id = self.levels[3]
        assessment.with_user(self.user_manager).action_submit()
        self.env.flush_all()
        notes = self.env["hr.assessment.note"].with_user(self.user_employee)
        self.assertFalse(notes.search([]))
        note = self.env["hr.assessment.note"].search([("line_id", "=", line.id)])
        note = note.with_user(self.user_employee)
        note.invalidate_recordset()
        with self.assertRaises(AccessError):
            note.read(["note"])
        mine = line.with_user(self.user_employee)
        mine.invalidate_recordset()
        self.assertFalse(mine.private_comment)

    def test_closed_period_freezes_assessments(self):
        assessment = self._scheduled()
        self.period.with_user(self.user_admin).action_close()
        line = assessment.line_ids[:1].with_user(self.user_manager)
        with self.assertRaises(UserError):
            line.level_id = self.levels[3]
        with self.assertRaises(UserError):
            assessment.with_user(self.user_manager).write({"comment": "<p>x</p>"})

    def test_self_assessment_link_cannot_be_forged(self):
        # The colleague's assessment is submitted; the employee fills in
        # their own self-assessment and tries to point it at the colleague's
        # scores to read them as "self scores".
        self.schedule(self.employee, with_self_assessment=True)
        colleague = self._submitted(self.employee_colleague)
        own_self = self.assessment_of(self.employee, "self")
        self.assertEqual(own_self.assessor_id, self.user_employee)
        with self.assertRaises(UserError):
            own_self.with_user(self.user_employee).write(
                {"self_assessment_id": colleague.id}
            )
        own_self.sudo().self_assessment_id = colleague
        lines = own_self.with_user(self.user_employee).line_ids
        lines.invalidate_recordset()
        self.assertFalse(any(lines.mapped("self_score")))

    def test_assessor_cannot_reassign_or_reweight(self):
        assessment = self._scheduled()
        as_assessor = assessment.with_user(self.user_manager)
        with self.assertRaises(UserError):
            as_assessor.write({"employee_id": self.employee_colleague.id})
        with self.assertRaises(UserError):
            as_assessor.write({"assessor_id": self.user_head.id})
        line = as_assessor.line_ids[:1]
        with self.assertRaises(UserError):
            line.write({"weight": 100})
        with self.assertRaises(UserError):
            line.write({"group_weight": 100})
        # HR may still correct who is assessed by whom while it is open.
        assessment.with_user(self.user_officer).write(
            {"assessor_id": self.user_head.id}
        )
        self.assertEqual(assessment.assessor_id, self.user_head)

    def test_the_whole_supervisor_chain_sees_the_team(self):
        # director -> head -> manager -> employee: like goal agreements, the
        # assessments follow the whole supervisor chain, not two levels only.
        user_director = new_test_user(
            self.env,
            login="hrp_director",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
        )
        director = self.env["hr.employee"].create(
            {"name": "Director", "user_id": user_director.id}
        )
        self.employee_head.parent_id = director
        assessment = self._submitted()
        self.env.flush_all()
        self.assertEqual(
            self.env["hr.assessment"]
            .with_user(user_director)
            .search([("id", "=", assessment.id)]),
            assessment,
        )
        self.assertEqual(
            len(
                self.env["hr.assessment.line"]
                .with_user(user_director)
                .search([("assessment_id", "=", assessment.id)])
            ),
            len(assessment.line_ids),
        )
        self.assertTrue(
            self.env["hr.performance.result"]
            .with_user(user_director)
            .search([("employee_id", "=", self.employee.id)])
        )
        self.assertFalse(
            self.env["hr.assessment"]
            .with_user(self.user_colleague)
            .search([("id", "=", assessment.id)])
        )

    def test_private_notes_are_frozen_with_the_scores(self):
        assessment = self._scheduled()
        line = assessment.line_ids[:1]
        line.with_user(self.user_manager).private_comment = "Nur intern"
        assessment.with_user(self.user_manager).line_ids.level_id = self.levels[3]
        assessment.with_user(self.user_manager).action_submit()
        note = (
            self.env["hr.assessment.note"]
            .with_user(self.user_manager)
            .search([("line_id", "=", line.id)])
        )
        self.assertEqual(note.note, "Nur intern")
        with self.assertRaises(UserError):
            note.write({"note": "Nachträglich geändert"})
        with self.assertRaises(UserError):
            note.unlink()
        with self.assertRaises(UserError):
            note.write({"assessor_id": self.user_head.id})

    def test_only_hr_gets_an_editable_assessor_field(self):
        def assessor_nodes(user):
            arch = (
                self.env["hr.assessment"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            return [line for line in arch.splitlines() if 'name="assessor_id"' in line]

        self.assertEqual(len(assessor_nodes(self.user_manager)), 1)
        self.assertIn('readonly="1"', assessor_nodes(self.user_manager)[0])
        officer = assessor_nodes(self.user_officer)
        self.assertEqual(len(officer), 1)
        self.assertNotIn('readonly="1"', officer[0])
