from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestWageType(HrPerformanceCase):
    """The performance bonus wage type exists without demo data and pays
    its input exactly once, inside gross pay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bonus_category = cls.env.ref(
            "hr_performance.salary_rule_category_performance_bonus"
        )
        cls.bonus_rule = cls.env.ref("hr_performance.salary_rule_performance_bonus")

    def test_wage_type_is_production_data(self):
        """Category, rule and input are shipped as data, not only as demo."""
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "hr_performance"),
                (
                    "name",
                    "in",
                    [
                        "salary_rule_category_performance_bonus",
                        "salary_rule_performance_bonus",
                        "rule_input_performance_bonus",
                    ],
                ),
            ]
        )
        self.assertEqual(len(data), 3)
        self.assertEqual(self.bonus_rule.code, "LOB")
        self.assertEqual(self.bonus_rule.category_id, self.bonus_category)
        self.assertEqual(self.bonus_rule.input_ids.mapped("code"), ["LOB"])
        self.assertFalse(
            self.bonus_rule.company_id, "the wage type serves all companies"
        )

    def test_category_is_hung_under_allowance(self):
        allowance = self.env["hr.salary.rule.category"].create(
            {"name": "Allowance", "code": "ALW"}
        )
        self.bonus_category.parent_id = False
        self.env["hr.salary.rule.category"]._hr_performance_attach_to_allowance()
        self.assertEqual(self.bonus_category.parent_id, allowance)

    def test_category_keeps_a_parent_chosen_by_the_site(self):
        chosen = self.env["hr.salary.rule.category"].create(
            {"name": "Sonstige Bezüge", "code": "SB"}
        )
        self.env["hr.salary.rule.category"].create({"name": "Allowance", "code": "ALW"})
        self.bonus_category.parent_id = chosen
        self.env["hr.salary.rule.category"]._hr_performance_attach_to_allowance()
        self.assertEqual(self.bonus_category.parent_id, chosen)

    def test_rule_is_added_to_default_structures_once(self):
        structure = self.env["hr.payroll.structure"].create(
            {"name": "TVöD", "code": "TVOD", "company_id": self.company.id}
        )
        self.company.payroll_structure_id = structure
        Rule = self.env["hr.salary.rule"]
        self.assertEqual(Rule._hr_performance_add_to_default_structures(), structure)
        self.assertIn(self.bonus_rule, structure.rule_ids)
        self.assertFalse(Rule._hr_performance_add_to_default_structures())
        self.assertEqual(
            structure.rule_ids.filtered(lambda r: r.code == "LOB"), self.bonus_rule
        )

    def _payslip_setup(self):
        structure = self.create_payroll_structure()
        contract = self.env["hr.contract"].create(
            {
                "name": "Arbeitsvertrag",
                "employee_id": self.employee.id,
                "wage": 3500.0,
                "date_start": "2026-01-01",
                "state": "open",
                "struct_id": structure.id,
                "resource_calendar_id": self.company.resource_calendar_id.id,
            }
        )
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee.id,
                "contract_id": contract.id,
                "struct_id": structure.id,
                "date_from": "2027-03-01",
                "date_to": "2027-03-31",
            }
        )
        return payslip, contract

    def _amounts(self, payslip):
        return {line.code: line.total for line in payslip.line_ids}

    def test_payslip_without_bonus_input_computes(self):
        """A payslip with no bonus input neither crashes nor shows the rule."""
        payslip, _contract = self._payslip_setup()
        payslip.compute_sheet()
        amounts = self._amounts(payslip)
        self.assertNotIn("LOB", amounts)
        self.assertEqual(amounts["GROSS"], 3500.0)

    def test_bonus_input_is_paid_once_inside_gross(self):
        payslip, contract = self._payslip_setup()
        self.env["hr.payslip.input"].create(
            {
                "name": "Leistungsprämie",
                "code": "LOB",
                "amount": 812.37,
                "contract_id": contract.id,
                "payslip_id": payslip.id,
            }
        )
        for _attempt in range(3):
            payslip.compute_sheet()
        amounts = self._amounts(payslip)
        self.assertEqual(amounts["LOB"], 812.37)
        self.assertEqual(amounts["GROSS"], 4312.37)
        self.assertEqual(
            len(payslip.line_ids.filtered(lambda line: line.code == "LOB")), 1
        )
