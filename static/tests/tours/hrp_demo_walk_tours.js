/** @odoo-module **/
/* The German demo walked as its roles do (tests/test_demo_walk.py). */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hrp_demo_walk_hr_officer", {
    steps: () => [
        {
            content: "The agreements open on the current period",
            trigger: ".o_searchview_facet:contains('Laufender Zeitraum')",
        },
        {
            content: "Only the running year is listed",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Leistungszeitraum 2025')))",
        },
        {
            content: "Open the agreement of Paul Richter, who has no login",
            trigger: ".o_data_row:contains('Paul Richter') td.o_data_cell",
            run: "click",
        },
        {
            content: "Submit it for agreement on his behalf",
            trigger: "button[name='action_submit']",
            run: "click",
        },
        {
            content: "Record the signatures given on paper",
            trigger: "button[name='action_record_agreement']",
            run: "click",
        },
        {
            content: "The employee signed",
            trigger: ".modal div[name='employee_signed'] input",
            run: "click",
        },
        {
            content: "The supervisor signed",
            trigger: ".modal div[name='supervisor_signed'] input",
            run: "click",
        },
        {
            content: "Record",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The agreement is agreed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Vereinbart')",
        },
        {
            content: "The history says who recorded it for whom",
            trigger: ".o-mail-Message:contains('Paul Richter')",
        },
    ],
});

registry.category("web_tour.tours").add("hrp_demo_walk_hr_admin", {
    steps: () => [
        {
            content: "The pay runs open on the current period",
            trigger: ".o_searchview_facet:contains('Laufender Zeitraum')",
        },
        {
            content: "Show every period",
            trigger: ".o_searchview_facet:contains('Laufender Zeitraum') .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the final run of 2025",
            trigger: ".o_data_row:contains('Endabrechnung') td.o_data_cell",
            run: "click",
        },
        {
            content: "It offsets the July advance (German amounts)",
            trigger: "div[name='advance_total']:contains('1.200,00')",
        },
        {
            content: "It is paid",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Ausgezahlt')",
        },
    ],
});

registry.category("web_tour.tours").add("hrp_demo_walk_payroll", {
    steps: () => [
        {
            content: "The payslip carries the advance as input",
            trigger: "div[name='input_line_ids'] .o_data_row:contains('Leistungsprämie'):contains('257,42')",
        },
        {
            content: "Open the computation",
            trigger: "a[name='computation']",
            run: "click",
        },
        {
            content: "The bonus is a line of the payslip",
            trigger: ".tab-pane.active .o_data_row:contains('LOB'):contains('257,42')",
        },
    ],
});
