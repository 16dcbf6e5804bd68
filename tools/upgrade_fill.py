"""Data in every model before an upgrade check (``bin/upgrade-check``).

Run inside ``odoo-bin shell`` on the database that has the *earlier*
release with its demo story (``env`` is the shell's superuser environment).
Each model of the addon that the demo story leaves empty gets one record,
made the way a user would make it where a step exists (a revision by
revising, an export by exporting). Each recipe runs in a savepoint; what it
cannot do is printed, and the check then fails on the empty model.
"""

from odoo import fields

env = globals()["env"]  # the shell's superuser environment


def _empty(model):
    return model in env and not env[model].search_count([])


def _run(name, recipe):
    if not _empty(name):
        return
    try:
        with env.cr.savepoint():
            recipe()
        print(f"upgrade fill: created {name}")
    except Exception as error:  # pylint: disable=broad-except
        print(f"upgrade fill: could not create {name}: {error}")


def _template():
    env["hr.goal.template"].create({"name": "Vorlage aus der Upgrade-Prüfung"})


def _revision():
    agreement = env["hr.goal.agreement"].search(
        [("state", "in", ("agreed", "in_progress"))], limit=1
    )
    agreement.action_revise(reason="Upgrade-Prüfung: Ziel angepasst")


def _note():
    line = env["hr.assessment.line"].search([], limit=1)
    env["hr.assessment.note"].create(
        {"line_id": line.id, "note": "Notiz aus der Upgrade-Prüfung"}
    )


def _run_for_base():
    Run = env["hr.performance.pay.run"]
    run = Run.search([("state", "in", ("draft", "computed"))], limit=1)
    if not run:
        period = env["hr.performance.period"].search([("state", "=", "open")], limit=1)
        run = Run.create({"period_id": period.id})
    return run


def _budget_base():
    run = _run_for_base()
    employee = env["hr.employee"].search(
        [("company_id", "=", run.company_id.id)], limit=1
    )
    env["hr.performance.budget.base"].create(
        {"run_id": run.id, "employee_id": employee.id, "base": 3210.55}
    )


def _section():
    employee = env["hr.employee"].search([], limit=1)
    today = fields.Date.today()
    env["hr.performance.employment.section"].create(
        {
            "employee_id": employee.id,
            "date_from": today.replace(month=1, day=1),
            "date_to": today.replace(month=1, day=31),
            "reason": "Elternzeit (Upgrade-Prüfung)",
        }
    )


def _export():
    run = env["hr.performance.pay.run"].search(
        [("state", "in", ("approved", "posted", "paid"))], limit=1
    )
    run.action_export_xlsx()


for _name, _recipe in (
    ("hr.goal.template", _template),
    ("hr.goal.agreement.revision", _revision),
    ("hr.assessment.note", _note),
    ("hr.performance.budget.base", _budget_base),
    ("hr.performance.employment.section", _section),
    ("hr.performance.pay.export", _export),
):
    _run(_name, _recipe)
env.cr.commit()
