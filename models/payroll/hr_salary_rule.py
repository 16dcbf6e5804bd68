from odoo import api, models

BONUS_RULE_XMLID = "hr_performance.salary_rule_performance_bonus"


class HrSalaryRule(models.Model):
    _inherit = "hr.salary.rule"

    @api.model
    def _hr_performance_bonus_rule(self):
        return self.env.ref(BONUS_RULE_XMLID, raise_if_not_found=False)

    @api.model
    def _hr_performance_add_to_default_structures(self):
        """Add the bonus wage type to every company's default structure.

        Companies without a default structure must add the rule to the
        structures their contracts use (README, "Payroll").
        """
        rule = self._hr_performance_bonus_rule()
        if not rule:
            return self.env["hr.payroll.structure"]
        companies = (
            self.env["res.company"]
            # sudo: the companies whose payroll gets the wage type (install)
            .sudo()
            .search([("payroll_structure_id", "!=", False)])
        )
        structures = companies.payroll_structure_id.filtered(
            lambda structure: rule not in structure.rule_ids
        )
        structures.write({"rule_ids": [(4, rule.id)]})
        return structures
