def post_init_hook(env):
    """Wire the performance bonus wage type into an existing payroll setup."""
    env["hr.salary.rule.category"]._hr_performance_attach_to_allowance()
    env["hr.salary.rule"]._hr_performance_add_to_default_structures()
