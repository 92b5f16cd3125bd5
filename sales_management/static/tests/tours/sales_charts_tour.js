/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// A trained predictive model: its calibration and its features drawn.
registry.category("web_tour.tours").add("sales_management_model_charts_tour", {
    steps: () => [
        {
            content: "The calibration: won against predicted, by decile",
            trigger: ".o_notebook .o_sm_chart[data-labels*='|'] canvas",
        },
        {
            content: "Open the features",
            trigger: ".o_notebook a[name=importance]",
            run: "click",
        },
        {
            content: "The heaviest features drawn",
            trigger: ".o_notebook .o_field_widget[name=importance_chart] .o_sm_chart canvas",
        },
        {
            content: "Open the feature effects",
            trigger: ".o_notebook a[name=effects]",
            run: "click",
        },
        {
            content: "The source's values drawn, the fair above the cold call",
            trigger:
                ".o_notebook .o_field_widget[name=effects_chart] .o_sm_chart[data-labels*='Tour fair'] canvas",
        },
        {
            content: "Choose the expected revenue",
            trigger: ".o_notebook .o_field_widget[name=effects_chart] select.o_sm_chart_choice",
            run: "select expected_revenue",
        },
        {
            content: "Its ranges drawn",
            trigger:
                ".o_notebook .o_field_widget[name=effects_chart] .o_sm_chart:not([data-labels*='Tour fair']) canvas",
        },
    ],
});

// A scorecard's trends: the overall score first, then a KPI chosen.
registry.category("web_tour.tours").add("sales_management_scorecard_trend_tour", {
    steps: () => [
        {
            content: "The overall score over the last periods, beside the team median",
            trigger: ".o_field_widget[name=sm_trend_chart] .o_sm_chart canvas",
        },
        {
            content: "Choose the win rate",
            trigger: ".o_field_widget[name=sm_trend_chart] select.o_sm_chart_choice",
            run: "select win_rate",
        },
        {
            content: "The win rate is drawn",
            trigger:
                ".o_field_widget[name=sm_trend_chart]:has(select.o_sm_chart_choice option[value=win_rate]:selected) .o_sm_chart canvas",
        },
    ],
});
