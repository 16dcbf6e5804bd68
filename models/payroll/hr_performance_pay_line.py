from odoo import fields, models

PAYROLL_GROUP = "payroll.group_payroll_user"


class HrPerformancePayLine(models.Model):
    """Payroll links of a pay line (OCA payroll).

    A line of a posted run is *claimed* by the payslip that pays it
    (``payslip_id``) during the payslip compute, linked to the payslip line
    of the bonus wage type (``payslip_line_id``) and marked paid when that
    payslip is confirmed. The link fields belong to the payroll groups so
    that HR users without payroll rights can open runs and lines.
    """

    _inherit = "hr.performance.pay.line"

    payslip_id = fields.Many2one(
        "hr.payslip",
        "Paid by Payslip",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
        groups=PAYROLL_GROUP,
        help="The payslip that claimed this bonus and pays it.",
    )
    payslip_line_id = fields.Many2one(
        "hr.payslip.line",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups=PAYROLL_GROUP,
        help="The line of the bonus wage type on the payslip.",
    )
    payroll_paid = fields.Boolean(
        "Paid by Payroll",
        readonly=True,
        copy=False,
        index=True,
        help="Set when the payslip paying this bonus is confirmed.",
    )

    def _hrp_objected(self):
        """Ids of the lines whose employee objected to an assessment of the
        line's period and awaits the decision: their bonus is not paid yet."""
        if not self:
            return set()
        # sudo: payroll holds a bonus back while an objection is open; the
        # objection itself is not shown
        keys = (
            self.env["hr.assessment.objection"]
            .sudo()
            ._undecided_keys(self.employee_id, self.period_id)
        )
        return {
            line.id for line in self if (line.employee_id.id, line.period_id.id) in keys
        }

    def _workflow_free_fields(self):
        # Payroll claims, links and pays lines of locked (posted) runs.
        return super()._workflow_free_fields() | {
            "payslip_id",
            "payslip_line_id",
            "payroll_paid",
        }

    def _payroll_write(self, vals):
        """Write payroll link fields (allowed on locked lines)."""
        if self:
            # sudo: payroll's link fields, written on locked lines by the hook
            self.sudo().with_context(
                hrp_pay_internal=True, tracking_disable=True
            ).write(vals)

    def _payroll_link(self, targets, field_name):
        """Set ``field_name`` (payslip or payslip line) per line in one query.

        ``targets`` maps a line id to the id to link (or ``None``). Linking
        a line to another payslip also clears its payslip line. The batch
        wizard links thousands of lines with different payslips at once; the
        ORM would write them 100 rows per UPDATE. No stored field depends on
        these link fields, so the cache is simply invalidated afterwards.
        """
        if not targets:
            return
        assert field_name in ("payslip_id", "payslip_line_id"), field_name
        self.flush_recordset(["payslip_id", "payslip_line_id"])
        line_ids = list(targets)
        extra = ', "payslip_line_id" = NULL' if field_name == "payslip_id" else ""
        self.env.cr.execute(
            f"""
            UPDATE hr_performance_pay_line AS line
               SET "{field_name}" = target.id{extra},
                   write_uid = %s,
                   write_date = (now() at time zone 'UTC')
              FROM unnest(%s::int[], %s::int[]) AS target(line_id, id)
             WHERE line.id = target.line_id
            """,
            [self.env.uid, line_ids, [targets[line_id] for line_id in line_ids]],
        )
        self.browse(line_ids).invalidate_recordset(
            ["payslip_id", "payslip_line_id", "write_uid", "write_date"]
        )

    def _payroll_release(self):
        """Free the claims of these lines so another payslip can pay them."""
        self._payroll_write(
            {"payslip_id": False, "payslip_line_id": False, "payroll_paid": False}
        )

    def _payroll_unpay(self):
        """Release paid lines again (their payslip was cancelled after it was
        done); their runs go back from paid to posted."""
        # sudo: the runs of the lines the payslip released
        runs = self.sudo().run_id.filtered(lambda run: run.state == "paid")
        self._payroll_release()
        runs._do_reopen_payment()

    def _payroll_mark_paid(self):
        """Mark the lines paid; runs whose payable lines are all paid go paid."""
        self._payroll_write({"payroll_paid": True})
        # sudo: the runs of the lines the payslip paid
        runs = self.sudo().run_id.filtered(lambda run: run.state == "posted")
        if not runs:
            return
        # sudo: whether any line of these runs is unpaid; counts only
        unpaid = self.sudo()._read_group(
            [
                ("run_id", "in", runs.ids),
                # differences of settled provisional lines can be negative
                ("amount", "!=", 0),
                ("payroll_paid", "=", False),
            ],
            ["run_id"],
        )
        open_runs = {run for (run,) in unpaid}
        done = runs.filtered(lambda run: run not in open_runs)
        if done:
            done._do_mark_paid()
