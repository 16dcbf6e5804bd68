{
    "name": "Performance Management and Performance Pay",
    "summary": "Goal agreements, systematic assessments and performance pay "
    "(TVöD §18) posted to payroll as a wage type",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/hr-performance/hr_performance",
    "author": "hr_performance developers",
    "maintainers": ["hr-performance"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": ["hr", "hr_contract", "mail", "portal", "payroll"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/hr_performance_groups.xml",
        "security/ir.model.access.csv",
        "data/hr_performance_payroll_data.xml",
        "views/hr_performance_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "demo": [
        "demo/hr_performance_demo.xml",
    ],
}
