from odoo import models

from .hr_salary_rule import WAGE_TYPE_XMLIDS

BONUS_INPUT_CODE = "LOB"
OPEN_STATES = ("draft", "verify")


class HrPayslip(models.Model):
    """Posts performance pay into OCA payroll as the input of the bonus wage type.

    Before the standard compute each open payslip claims the employee's
    unpaid pay lines of *posted* runs whose payout date (set on the run, or
    the day it was posted) is on or before the payslip's end date, releases claims
    that no longer qualify and keeps exactly one input line with the code
    ``LOB`` whose amount is *set* to the sum of what it claims. Settlement
    difference lines of provisional pay lines are claimed from posted and
    paid runs once their run's payout date and their settlement date are
    reached (a negative difference is deducted). After the
    compute each claimed line is linked to the payslip line of the bonus
    wage type. Confirming the payslip marks the lines paid; cancelling it
    or deleting a draft releases them.
    """

    _inherit = "hr.payslip"

    def compute_sheet(self):
        slips = self._hrp_open_slips()
        slips._hrp_claim_bonuses()
        res = super().compute_sheet()
        slips._hrp_link_bonus_lines()
        return res

    def copy(self, default=None):
        """A copy does not inherit the bonus input: it claims its own."""
        res = super().copy(default)
        if self._hrp_claimed_lines():
            codes = set(self._hrp_wage_type_codes().values())
            res.filtered(lambda slip: not slip.credit_note).input_line_ids.filtered(
                lambda inp: inp.code in codes
            ).unlink()
        return res

    def action_payslip_done(self):
        res = super().action_payslip_done()
        slips = self.filtered(
            lambda slip: slip.state == "done" and not slip.credit_note
        )
        lines = slips._hrp_claimed_lines()
        lines._payroll_mark_paid()
        return res

    def action_payslip_cancel(self):
        res = super().action_payslip_cancel()
        lines = self._hrp_claimed_lines()
        paid = lines.filtered("payroll_paid")
        (lines - paid)._payroll_release()
        paid._payroll_unpay()
        return res

    def refund_sheet(self):
        """A refund reverses the bonus with everything else on the payslip:
        release it, so that the corrected payslip pays it again."""
        res = super().refund_sheet()
        refunded = self.filtered(lambda slip: slip.refunded_id and not slip.credit_note)
        lines = refunded._hrp_claimed_lines()
        for line in lines:
            # sudo: the refund is noted on the lines the payslip paid
            line.sudo().message_post(
                body=self.env._(
                    "The payslip %(payslip)s that paid this bonus was refunded; "
                    "the next payslip of %(employee)s pays it again.",
                    payslip=line.payslip_id.display_name,
                    employee=line.employee_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        lines._payroll_unpay()
        return res

    def unlink(self):
        lines = self._hrp_claimed_lines()
        res = super().unlink()
        lines.exists()._payroll_release()
        return res

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _hrp_open_slips(self):
        return self.filtered(
            lambda slip: slip.state in OPEN_STATES and not slip.credit_note
        )

    def _hrp_claimed_lines(self):
        if not self:
            return self.env["hr.performance.pay.line"]
        return (
            self.env["hr.performance.pay.line"]
            # sudo: payroll users cannot read pay lines; the payslip's own claims
            .sudo()
            .search([("payslip_id", "in", self.ids)])
        )

    def _hrp_claim_bonuses(self):
        """Claim the due bonuses and set the bonus input (set-based).

        One search for the candidate lines of all payslips in ``self``;
        lines claimed by another open or done payslip are never taken.
        """
        if not self:
            return
        # sudo: payroll claims the lines of the payslip's employee only
        Line = self.env["hr.performance.pay.line"].sudo()
        lines = Line.search(
            [
                "|",
                ("payslip_id", "in", self.ids),
                "&",
                "&",
                "&",
                "&",
                ("employee_id", "in", self.employee_id.ids),
                "|",
                ("run_id.state", "=", "posted"),
                "&",
                ("line_type", "=", "difference"),
                ("run_id.state", "=", "paid"),
                ("payroll_paid", "=", False),
                ("amount", "!=", 0),
                "|",
                ("payslip_id", "=", False),
                ("payslip_id.state", "=", "cancel"),
            ],
            order="id",
        )
        lines.fetch(
            [
                "employee_id",
                "run_id",
                "amount",
                "payslip_id",
                "payroll_paid",
                "line_type",
                "settled_date",
                "pay_model",
            ]
        )
        lines.run_id.fetch(["state", "payout_date"])
        held = lines._hrp_objected()
        by_employee = {}
        due = {}
        for line in lines:
            if line.id not in held and line._hrp_payable():
                by_employee.setdefault(line.employee_id.id, []).append(line)
                due[line.id] = max(
                    filter(None, (line.run_id.payout_date, line.settled_date))
                )
        self.input_line_ids.fetch(["code", "amount", "contract_id", "name"])
        taken = set()
        claims = {}
        for slip in self.sorted("id"):
            claimed = Line.browse()
            if slip.contract_id:
                for line in by_employee.get(slip.employee_id.id, []):
                    if line.id in taken:
                        continue
                    if due[line.id] <= slip.date_to:
                        claimed |= line
                        taken.add(line.id)
            claims[slip] = claimed
        # Sets and dicts, not ``record in recordset`` (linear in the
        # number of payslips): the batch wizard computes thousands at once.
        slip_ids = set(self.ids)
        had_claims = {
            line.payslip_id.id for line in lines if line.payslip_id.id in slip_ids
        }
        released = lines.filtered(
            lambda line: (
                line.id not in taken
                and line.payslip_id.id in slip_ids
                and not line.payroll_paid
            )
        )
        released._payroll_release()
        to_link = {}
        for slip, claimed in claims.items():
            for line in claimed:
                if line.payslip_id != slip:
                    to_link[line.id] = slip.id
        Line.browse(to_link)._payroll_link(to_link, "payslip_id")
        codes = self._hrp_wage_type_codes()
        names = self._hrp_wage_type_names()
        # Archived wage types too: their inputs go once nothing is claimed
        # for them any more.
        all_codes = set(codes.values()) | self._hrp_all_wage_type_codes()
        inputs_to_delete = self.env["hr.payslip.input"]
        inputs_to_update = {}
        inputs_to_create = []
        for slip, claimed in claims.items():
            totals = dict.fromkeys(all_codes, 0.0)
            for line in claimed:
                code = codes.get(line.pay_model, BONUS_INPUT_CODE)
                totals[code] = totals.get(code, 0.0) + line.amount
            for code, amount in sorted(totals.items()):
                total = round(amount, 2)
                input_name = names.get(code) or self.env._("Performance Bonus")
                inputs = slip.input_line_ids.filtered(lambda inp, c=code: inp.code == c)
                if not total:
                    # An input typed in by hand on a payslip that never claimed
                    # a bonus stays as it is; the hook's own input goes. Empty
                    # inputs (the batch wizard gives one per wage type) stay.
                    if slip.id in had_claims:
                        inputs_to_delete |= inputs.filtered("amount")
                    continue
                if inputs:
                    # The name too: the structure's input is named in English
                    # when OCA payroll creates it; the wage type speaks the
                    # user's language.
                    if (inputs[0].amount, inputs[0].contract_id, inputs[0].name) != (
                        total,
                        slip.contract_id,
                        input_name,
                    ):
                        inputs_to_update[inputs[0].id] = (
                            total,
                            slip.contract_id.id,
                            input_name,
                        )
                    inputs_to_delete |= inputs[1:]
                else:
                    inputs_to_create.append(
                        {
                            "amount": total,
                            "contract_id": slip.contract_id.id,
                            "name": input_name,
                            "code": code,
                            "payslip_id": slip.id,
                        }
                    )
        inputs_to_delete.unlink()
        self._hrp_update_inputs(inputs_to_update)
        if inputs_to_create:
            self.env["hr.payslip.input"].create(inputs_to_create)

    def _hrp_update_inputs(self, values):
        """Set amount and contract of bonus inputs in one query.

        ``values`` maps an input id to ``(amount, contract id, name)``. The batch
        wizard gives every new payslip an empty bonus input, so thousands of
        inputs get different amounts at once; the ORM would write them 100
        rows per UPDATE. No stored field depends on the inputs.
        """
        if not values:
            return
        Input = self.env["hr.payslip.input"]
        Input.flush_model(["amount", "contract_id", "name"])
        ids = list(values)
        self.env.cr.execute(
            """
            UPDATE hr_payslip_input AS input
               SET amount = new.amount,
                   contract_id = new.contract_id,
                   name = new.name,
                   write_uid = %s,
                   write_date = (now() at time zone 'UTC')
              FROM unnest(%s::int[], %s::float8[], %s::int[], %s::varchar[])
                   AS new(id, amount, contract_id, name)
             WHERE input.id = new.id
            """,
            [
                self.env.uid,
                ids,
                [values[input_id][0] for input_id in ids],
                [values[input_id][1] or None for input_id in ids],
                [values[input_id][2] for input_id in ids],
            ],
        )
        Input.browse(ids).invalidate_recordset(
            ["amount", "contract_id", "name", "write_uid", "write_date"]
        )

    def _hrp_wage_type_codes(self):
        """{pay model: input code} of the addon's wage types."""
        rules = self.env["hr.salary.rule"]._hr_performance_wage_types()
        codes = {pay_model: rule.code for pay_model, rule in rules.items()}
        codes.setdefault("points", BONUS_INPUT_CODE)
        codes.setdefault("variable", codes["points"])
        return codes

    def _hrp_all_wage_type_codes(self):
        """Input codes of all the addon's wage types, archived ones too."""
        Rule = self.env["hr.salary.rule"].with_context(active_test=False)
        codes = set()
        for xmlid in WAGE_TYPE_XMLIDS.values():
            rule = Rule.env.ref(xmlid, raise_if_not_found=False)
            if rule:
                # sudo: the wage type's code, configuration only
                codes.add(rule.sudo().code)
        return codes

    def _hrp_wage_type_names(self):
        """{input code: wage type name} in the user's language."""
        rules = self.env["hr.salary.rule"]._hr_performance_wage_types()
        return {rule.code: rule.name for rule in rules.values()}

    def _hrp_link_bonus_lines(self):
        """Link each claimed pay line to the payslip line that pays it."""
        lines = self._hrp_claimed_lines()
        if not lines:
            return
        rules = self.env["hr.salary.rule"]._hr_performance_wage_types()
        paying = {}
        if rules:
            rule_ids = {rule.id for rule in rules.values()}
            slip_lines = self.env["hr.payslip.line"].search_fetch(
                [
                    ("slip_id", "in", self.ids),
                    ("salary_rule_id", "in", list(rule_ids)),
                    ("total", "!=", 0),
                ],
                ["slip_id", "salary_rule_id"],
                order="id",
            )
            for slip_line in slip_lines:
                paying.setdefault(
                    (slip_line.slip_id.id, slip_line.salary_rule_id.id), slip_line.id
                )
        lines.fetch(["payslip_id", "pay_model"])
        lines._payroll_link(
            {
                line.id: paying.get(
                    (
                        line.payslip_id.id,
                        rules[line.pay_model].id if line.pay_model in rules else 0,
                    )
                )
                for line in lines
            },
            "payslip_line_id",
        )
