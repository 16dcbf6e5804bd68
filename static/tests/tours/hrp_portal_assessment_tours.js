/** @odoo-module **/
/* Portal journeys of assessments (tests/test_portal_assessment.py). */

import { registry } from "@web/core/registry";

function rate(criterion, label) {
    return {
        content: `Rate "${criterion}"`,
        trigger: `select.o_hrp_level[data-criterion='${criterion}']`,
        run: `selectByLabel ${label}`,
    };
}

registry.category("web_tour.tours").add("hrp_portal_assessment_submit", {
    url: "/my",
    steps: () => [
        {
            content: "Open the assessments to fill in from the portal home",
            trigger: ".o_portal_index_card a[href='/my/team/assessments']",
            run: "click",
        },
        {
            content: "Open the assessment",
            trigger: ".o_portal_my_doc_table a[href^='/my/team/assessments/']",
            run: "click",
        },
        {
            content: "Nothing rated yet: no result so far",
            trigger: ".o_hrp_running_rated:contains('0 / 3')",
        },
        rate("On time", "Far exceeds the requirements"),
        {
            content: "One criterion rated: it alone makes the result so far",
            trigger: ".o_hrp_running_rated:contains('1 / 3')",
        },
        {
            content: "Unrated criteria do not count as zero",
            trigger: ".o_hrp_running_value:not(:contains('–'))",
        },
        rate("Carefully", "Fully meets the requirements"),
        rate("Volume", "Partly meets the requirements"),
        {
            content: "All rated: the result so far is the result to be submitted",
            trigger: ".o_hrp_running:contains('64.00'):contains('3 / 3')",
        },
        {
            content: "Comment on the volume",
            trigger: ".o_hrp_criterion:contains('Volume') textarea[name^='comment_']",
            run: "edit Mehr Vorgänge als im Vorjahr",
        },
        {
            content: "Submit the assessment",
            trigger: "button.o_hrp_submit",
            run: "click",
        },
        {
            content: "The assessment is submitted with its result",
            trigger: ".alert-success:contains('submitted')",
        },
        {
            content: "The result is shown",
            trigger: ".o_hrp_result:contains('64.00')",
        },
    ],
});

registry.category("web_tour.tours").add("hrp_portal_assessment_object", {
    url: "/my",
    steps: () => [
        {
            content: "Open my assessments from the portal home",
            trigger: ".o_portal_index_card a[href='/my/assessments']",
            run: "click",
        },
        {
            content: "Open the submitted assessment",
            trigger: ".o_portal_my_doc_table a[href^='/my/assessments/']",
            run: "click",
        },
        {
            content: "Choose to object",
            trigger: "a.o_hrp_object_link",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: "textarea#hrp_reason",
            run: "edit Die Arbeitsmenge war höher als bewertet.",
        },
        {
            content: "Submit the objection",
            trigger: "button.o_hrp_object",
            run: "click",
        },
        {
            content: "The objection is recorded",
            trigger: ".alert-success",
        },
        {
            content: "The objection is listed with its reason",
            trigger: ".o_hrp_objection:contains('Die Arbeitsmenge war höher')",
        },
    ],
});
