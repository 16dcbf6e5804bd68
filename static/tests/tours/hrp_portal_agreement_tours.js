/** @odoo-module **/
/* Portal journeys of goal agreements (tests/test_portal_agreement.py). */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hrp_portal_agreement_sign_checkin", {
    url: "/my",
    steps: () => [
        {
            content: "Open my goal agreements from the portal home",
            trigger: "a[href='/my/goal-agreements']",
            run: "click",
        },
        {
            content: "Open the agreement",
            trigger: ".o_hrp_agreement_row a",
            run: "click",
        },
        {
            content: "Agree to the goals",
            trigger: "button.o_hrp_agree",
            run: "click",
        },
        {
            content: "The agreement is confirmed",
            trigger: ".o_hrp_success",
        },
        {
            content: "Progress of the check-in",
            trigger: "#hrp_checkin_progress",
            run: "edit 40",
        },
        {
            content: "Status of the check-in",
            trigger: "#hrp_checkin_status",
            run: "select behind",
        },
        {
            content: "Comment of the check-in",
            trigger: "#hrp_checkin_comment",
            run: "edit Schulung gebucht",
        },
        {
            content: "Save the check-in",
            trigger: "button.o_hrp_checkin_submit",
            run: "click",
        },
        {
            content: "The check-in is listed",
            trigger: ".o_hrp_checkin:contains('Schulung gebucht')",
        },
    ],
});

registry.category("web_tour.tours").add("hrp_portal_agreement_rate", {
    url: "/my/team",
    steps: () => [
        {
            content: "Open the agreement waiting for my rating",
            trigger: ".o_hrp_team_to_rate a.o_hrp_team_item",
            run: "click",
        },
        ...[1, 2, 3].map((index) => ({
            content: `Achievement of goal ${index}`,
            trigger: `.o_hrp_rate_form li:nth-child(${index}) input`,
            run: "edit 100",
        })),
        {
            content: "Achievement of the last goal",
            trigger: ".o_hrp_rate_form li:nth-child(4) input",
            run: "edit 50",
        },
        {
            content: "Save and finish the rating",
            trigger: "button.o_hrp_rate_finish",
            run: "click",
        },
        {
            content: "The rating is finished",
            trigger: ".o_hrp_success",
        },
        {
            content: "The goal result is shown",
            trigger: ".o_hrp_result_total",
        },
    ],
});
