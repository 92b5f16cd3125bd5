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
