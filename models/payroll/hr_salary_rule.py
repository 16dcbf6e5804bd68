from odoo import api, models

BONUS_RULE_XMLID = "hr_performance.salary_rule_performance_bonus"
#: The wage type of each pay model; variable pay falls back to the
#: performance bonus when its own wage type is archived or deleted.
WAGE_TYPE_XMLIDS = {
    "points": BONUS_RULE_XMLID,
    "variable": "hr_performance.salary_rule_variable_pay",
}


class HrSalaryRule(models.Model):
    _inherit = "hr.salary.rule"

    @api.model
    def _hr_performance_bonus_rule(self):
        return self.env.ref(BONUS_RULE_XMLID, raise_if_not_found=False)

    @api.model
    def _hr_performance_wage_types(self):
        """{pay model: salary rule} of the addon's wage types (sudo records:
        configuration that payroll and HR read)."""
        rules = {}
        for pay_model, xmlid in WAGE_TYPE_XMLIDS.items():
            rule = self.env.ref(xmlid, raise_if_not_found=False)
            # sudo: the wage type's code and name, configuration only
            rule = rule.sudo() if rule else rule
            if rule and rule.active:
                rules[pay_model] = rule
        if "variable" not in rules and "points" in rules:
            rules["variable"] = rules["points"]
        return rules

    @api.model
    def _hr_performance_add_to_default_structures(self):
        """Add the bonus wage type to every company's default structure.

        Companies without a default structure must add the rule to the
        structures their contracts use (README, "Payroll").
        """
        rule = self.browse()
        for xmlid in WAGE_TYPE_XMLIDS.values():
            rule |= self.env.ref(xmlid, raise_if_not_found=False) or self.browse()
        if not rule:
            return self.env["hr.payroll.structure"]
        companies = (
            self.env["res.company"]
            # sudo: the companies whose payroll gets the wage type (install)
            .sudo()
            .search([("payroll_structure_id", "!=", False)])
        )
        structures = companies.payroll_structure_id.filtered(
            lambda structure: rule - structure.rule_ids
        )
        structures.write({"rule_ids": [(4, rule_id) for rule_id in rule.ids]})
        return structures
