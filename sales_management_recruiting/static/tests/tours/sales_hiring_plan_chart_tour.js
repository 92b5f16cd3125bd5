/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// A computed hiring plan: its capacity drawn, period by period.
registry.category("web_tour.tours").add("sales_management_hiring_plan_chart_tour", {
    steps: () => [
        {
            content: "The capacity of the plan's periods is drawn",
            trigger: ".o_notebook .o_field_widget[name=sm_chart] .o_sm_chart[data-labels*='|'] canvas",
        },
    ],
});
