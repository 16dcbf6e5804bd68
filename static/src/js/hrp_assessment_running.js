/** @odoo-module **/
/*
 * Result so far while an assessment is filled in on the portal: the same
 * rule as the backend (engine.running_result): within a criterion group the
 * rated criteria are averaged by their weights, then the groups with a rated
 * criterion by the group weights; criteria not rated yet do not count. The
 * server computes the stored result on submit; this is a preview.
 */
import publicWidget from "@web/legacy/js/public/public_widget";

function pointsOf(select) {
    const option = select.selectedOptions[0];
    return option && option.value ? parseFloat(option.dataset.points) : null;
}

function aggregate(values, how) {
    if (!values.length) {
        return null;
    }
    if (how === "min") {
        return Math.min(...values);
    }
    if (how === "max") {
        return Math.max(...values);
    }
    return values.reduce((a, b) => a + b, 0) / values.length;
}

publicWidget.registry.HrpAssessmentRunning = publicWidget.Widget.extend({
    selector: "form.o_hrp_assessment_form",
    events: { "change select": "_update" },

    start() {
        this._update();
        return this._super(...arguments);
    },

    _update() {
        const form = this.el;
        const scaleMax = parseFloat(form.dataset.scaleMax);
        const how = form.dataset.aggregation;
        let rated = 0;
        let total = 0;
        let groupSum = 0;
        let groupWeights = 0;
        for (const group of form.querySelectorAll(".o_hrp_group")) {
            let lineSum = 0;
            let lineWeights = 0;
            for (const line of group.querySelectorAll(".o_hrp_criterion")) {
                total += 1;
                const level = line.querySelector("select.o_hrp_level");
                const score = level
                    ? pointsOf(level)
                    : aggregate(
                          [...line.querySelectorAll("select.o_hrp_task_level")]
                              .map(pointsOf)
                              .filter((p) => p !== null),
                          how
                      );
                if (score === null) {
                    continue;
                }
                const weight = parseFloat(line.dataset.weight);
                lineSum += score * weight;
                lineWeights += weight;
                rated += 1;
            }
            if (lineWeights) {
                const weight = parseFloat(group.dataset.groupWeight);
                groupSum += (lineSum / lineWeights) * weight;
                groupWeights += weight;
            }
        }
        const value = form.querySelector(".o_hrp_running_value");
        const count = form.querySelector(".o_hrp_running_rated");
        if (!value || !count) {
            return;
        }
        const lang = document.documentElement.lang || undefined;
        if (groupWeights && scaleMax) {
            const percent = Math.round(((groupSum / groupWeights) * 10000) / scaleMax) / 100;
            value.textContent = new Intl.NumberFormat(lang, {
                minimumFractionDigits: 2,
                maximumFractionDigits: 2,
            }).format(percent);
        } else {
            value.textContent = "–";
        }
        count.textContent = `${rated} / ${total}`;
    },
});
