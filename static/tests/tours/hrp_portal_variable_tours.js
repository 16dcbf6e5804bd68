/** @odoo-module **/
/* Portal journey of variable pay (tests/test_variable_pay.py). */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hrp_portal_variable_forecast", {
    steps: () => [
        {
            content: "The goal shows its bonus curve",
            trigger: ".o_hrp_variable_goal svg.o_hrp_curve polyline",
        },
        {
            content: "The latest achievement is marked on the curve",
            trigger: ".o_hrp_variable_goal svg .o_hrp_curve_marker",
        },
        {
            content: "The rating level of the latest achievement",
            trigger: ".o_hrp_level_badge:contains('Goal Exceeded')",
        },
        {
            content: "The forecast of the goal",
            trigger: ".o_hrp_forecast:contains('15,000.00')",
        },
        {
            content: "Check in on the goal",
            trigger: "#hrp_checkin_goal",
            run() {
                const select = document.querySelector("#hrp_checkin_goal");
                select.value = select.options[1].value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Check in an achievement above 100 %",
            trigger: "#hrp_checkin_progress",
            run: "edit 120",
        },
        {
            content: "Status of the check-in",
            trigger: "#hrp_checkin_status",
            run: "select on_track",
        },
        {
            content: "Save the check-in",
            trigger: "button.o_hrp_checkin_submit",
            run: "click",
        },
        {
            content: "The forecast follows the new achievement (150 %)",
            trigger: ".o_hrp_forecast_total:contains('18,000.00')",
        },
    ],
});
