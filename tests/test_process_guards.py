"""Process guards a personnel office relies on: four eyes on a pay run,
nothing final or paid while an objection is open, confirmation before the
steps that cannot be taken back."""

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GROUP_ADMIN
from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestProcessGuards(PayRunCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin_2 = cls.new_user("hrp_admin_2", f"base.group_user,{GROUP_ADMIN}")

    # ------------------------------------------------------------------
    # Four eyes
    # ------------------------------------------------------------------
    def test_who_computed_a_run_does_not_approve_it(self):
        run = self.create_run()
        run.with_user(self.user_admin).action_compute()
        self.assertEqual(run.computed_by_id, self.user_admin)
        as_admin = run.with_user(self.user_admin)
        self.assertFalse(as_admin.can_approve)
        self.assertIn("four-eyes", as_admin.cannot_approve_reason)
        with self.assertRaisesText(UserError, "another HR administrator approves"):
            as_admin.action_approve()
        self.assertEqual(run.state, "computed")
        run.with_user(self.user_admin_2).action_approve()
        self.assertEqual(run.state, "approved")
        self.assertEqual(run.approved_by_id, self.user_admin_2)

    def test_four_eyes_is_a_company_setting(self):
        self.assertTrue(self.company.hrp_pay_four_eyes)  # on by default
        self.company.hrp_pay_four_eyes = False
        run = self.create_run()
        run.with_user(self.user_admin).action_compute()
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(run.state, "approved")

    def test_recompute_by_another_user_moves_the_four_eyes(self):
        run = self.create_run()
        run.with_user(self.user_admin).action_compute()
        run.with_user(self.user_officer).action_compute()
        self.assertEqual(run.computed_by_id, self.user_officer)
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(run.state, "approved")

    def test_computed_by_is_written_by_the_step_only(self):
        run = self.computed_run()
        with self.assertRaises(UserError):
            run.with_user(self.user_admin).write({"computed_by_id": False})
        self.assertEqual(run.computed_by_id, self.user_officer)

    # ------------------------------------------------------------------
    # Open objections
    # ------------------------------------------------------------------
    def objection_of(self, employee):
        """A submitted assessment of ``employee`` in the pay period, objected
        to by the employee."""
        form = self.env.ref("hr_performance.hr_assessment_form_tvoed")
        assessment = self.env["hr.assessment"].create(
            {
                "period_id": self.period.id,
                "form_id": form.id,
                "employee_id": employee.id,
                "assessor_id": self.user_manager.id,
                "assessment_type": "supervisor",
                "date": "2027-11-30",
                "line_ids": [
                    Command.create(
                        {
                            "criterion_id": criterion.id,
                            "group_id": group.id,
                            "weight": criterion.weight,
                            "group_weight": form._group_weight(group, False),
                            "level_id": form.scale_id.level_ids[:1].id,
                        }
                    )
                    for group in form._groups_for(False)
                    for criterion in group.criterion_ids
                ],
            }
        )
        self.walk_states(assessment, "submitted")
        return (
            self.env["hr.assessment.objection"]
            .with_user(employee.user_id)
            .create({"assessment_id": assessment.id, "reason": "Zu niedrig bewertet."})
        )

    def decide(self, objection):
        objection = objection.with_user(self.user_officer)
        objection.write({"decision": "rejected", "decision_note": "Bewertung fair."})
        objection.action_decide()

    def test_no_final_result_while_an_objection_is_open(self):
        result = self.results[self.employee]
        result.with_user(self.user_officer).action_reset_provisional()
        objection = self.objection_of(self.employee)
        with self.assertRaisesText(UserError, "has not been decided yet"):
            result.with_user(self.user_officer).action_finalize()
        self.assertEqual(result.state, "provisional")
        self.decide(objection)
        try:
            result.with_user(self.user_officer).action_finalize()
        except UserError as error:
            # What may still stand in the way is no longer the objection.
            self.assertNotIn("objected", str(error))
        else:
            self.assertEqual(result.state, "final")

    def test_no_bonus_paid_while_an_objection_is_open(self):
        structure = self.create_payroll_structure()
        for contract in self.contracts.values():
            contract.struct_id = structure
        run = self.approved_run()
        run.with_user(self.user_payroll).action_post()
        # sudo: the test looks at the line payroll claims
        line = self.line_of(run.sudo(), self.employee)
        self.assertGreater(line.amount, 0)
        objection = self.objection_of(self.employee)
        today = fields.Date.today()
        slip = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee.id,
                "contract_id": self.contracts[self.employee].id,
                "struct_id": structure.id,
                "date_from": today.replace(day=1),
                "date_to": fields.Date.end_of(today, "month"),
            }
        )
        slip.compute_sheet()
        self.assertFalse(line.payslip_id)
        self.assertFalse(slip.input_line_ids.filtered(lambda i: i.code == "LOB"))
        # Decided: the next compute pays it.
        self.decide(objection)
        slip.compute_sheet()
        self.assertEqual(line.payslip_id, slip)
        bonus = slip.input_line_ids.filtered(lambda i: i.code == "LOB")
        self.assertEqual(bonus.amount, line.amount)

    # ------------------------------------------------------------------
    # Confirmation before steps that are not taken back
    # ------------------------------------------------------------------
    def test_final_steps_ask_for_confirmation(self):
        buttons = {
            "hr.performance.pay.run": ("action_approve", "action_post"),
            "hr.goal.agreement": ("action_agree", "action_close"),
            "hr.performance.period": ("action_close",),
        }
        for model, names in buttons.items():
            arch = self.env[model].get_view(view_type="form")["arch"]
            tree = etree.fromstring(arch)
            for name in names:
                button = tree.xpath(f"//button[@name='{name}']")
                self.assertTrue(button, f"{model}.{name}")
                self.assertTrue(button[0].get("confirm"), f"{model}.{name}")
