"""The pay run's payroll facts, apart from its approval: when it was posted, with which
payroll it is paid (payout date) and when it was paid; the steps payroll takes.
"""

from odoo import fields, models
from odoo.exceptions import UserError


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    posted_date = fields.Datetime("Posted On", readonly=True, copy=False, tracking=True)
    payout_date = fields.Date(
        "Pay With Payroll Of",
        copy=False,
        tracking=True,
        help="The bonus is paid with the first payslip whose period ends on or "
        "after this date. Left empty, it is the day the run is posted.",
    )
    paid_date = fields.Datetime("Paid On", readonly=True, copy=False, tracking=True)

    def _workflow_free_fields(self):
        # The payout date moves until the run is posted (checked below).
        return super()._workflow_free_fields() | {"payout_date"}

    def _workflow_system_fields(self):
        return super()._workflow_system_fields() | {"posted_date", "paid_date"}

    def _workflow_check_fields(self, vals):
        super()._workflow_check_fields(vals)
        if "payout_date" not in vals:
            return
        for run in self:
            if run.state not in ("draft", "computed", "approved"):
                raise UserError(
                    self.env._(
                        "The payout date of the pay run %(name)s can no longer "
                        "change: the run is %(state)s.",
                        name=run.display_name,
                        state=run._state_label(),
                    )
                )

    def _do_post(self):
        now = fields.Datetime.now()
        for run in self:
            values = {"state": "posted", "posted_date": now}
            if not run.payout_date:
                values["payout_date"] = fields.Date.context_today(run, now)
            run._workflow_write("post", values)

    def _do_mark_paid(self):
        self._workflow_write(
            "mark_paid", {"state": "paid", "paid_date": fields.Datetime.now()}
        )

    def _do_reopen_payment(self):
        self._workflow_write("reopen_payment", {"state": "posted", "paid_date": False})
