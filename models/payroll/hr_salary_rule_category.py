import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

BONUS_CATEGORY_XMLID = "hr_performance.salary_rule_category_performance_bonus"


class HrSalaryRuleCategory(models.Model):
    _inherit = "hr.salary.rule.category"

    @api.model
    def _hr_performance_allowance_category(self):
        """The allowance category (ALW) the bonus belongs under, if any."""
        category = self.env.ref("payroll.ALW", raise_if_not_found=False)
        if category:
            return category
        return self.search([("code", "=", "ALW")], order="id", limit=1)

    @api.model
    def _hr_performance_attach_to_allowance(self):
        """Hang the bonus category under ALW, so gross and net include it.

        Runs at install only: a site that moves the category elsewhere keeps
        its choice on update.
        """
        bonus = self.env.ref(BONUS_CATEGORY_XMLID, raise_if_not_found=False)
        if not bonus or bonus.parent_id:
            return bonus
        allowance = self._hr_performance_allowance_category()
        if allowance:
            bonus.parent_id = allowance
            return bonus
        # sudo: whether payroll structures exist at all (install); a count
        structures = self.env["hr.payroll.structure"].sudo().search_count([])
        log = _logger.warning if structures else _logger.info
        log(
            "No salary rule category with code ALW exists: the performance "
            "bonus category %s stays at the top level. Set an allowance "
            "category as its parent so that gross pay includes the bonus.",
            bonus.code,
        )
        return bonus
