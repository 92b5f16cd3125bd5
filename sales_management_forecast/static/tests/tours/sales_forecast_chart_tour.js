/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// A forecast's chart: its months drawn, with the legend of its series.
registry.category("web_tour.tours").add("sales_management_forecast_chart_tour", {
    steps: () => [
        {
            content: "Open the chart of the months",
            trigger: ".o_form_view .o_notebook a[name=by_month]",
            run: "click",
        },
        {
            content: "The chart is drawn for the two months of the year",
            trigger: ".o_sm_chart[data-labels*='|'] canvas",
        },
    ],
});

// The waterfall between the last two snapshots, drawn once computed.
registry.category("web_tour.tours").add("sales_management_waterfall_chart_tour", {
    steps: () => [
        {
            content: "Compute the waterfall of the last two snapshots",
            trigger: ".modal .o_form_view footer button[name=action_compute], .modal footer button[name=action_compute]",
            run: "click",
        },
        {
            content: "The waterfall is drawn, from the first pipeline to the second",
            trigger: ".modal .o_sm_chart[data-labels*='|'] canvas",
        },
    ],
});
