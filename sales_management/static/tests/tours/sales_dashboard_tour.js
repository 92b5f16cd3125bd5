/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";
import {dataCell, waitForFigures} from "@sales_management/../tests/tours/dashboard_helpers";

// Revenue 1,234 against a target of 2,468 (50 %), one deal won and one lost
// (win rate 50 %), in a company of the test's own; labels in the user's
// language.
function dashboardSteps(labels) {
    return [
        {
            content: "The dashboard opens with its filters",
            trigger: `.o_spreadsheet_dashboard_action input[placeholder*='${labels.team}']`,
        },
        {
            content: "The guided setup above the dashboard, its first step done",
            trigger:
                ".o_spreadsheet_dashboard_action .o_sm_onboarding .o_sm_onboarding_step_done[data-step=action_open_step_sm_target_plan]",
        },
        {
            content: "The tiles and charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure",
        },
        {
            content: "Its figures are those of the month",
            trigger: ".o_spreadsheet_dashboard_action .o-figure",
            async run() {
                await waitForFigures({B2: 1234, B3: 2468, B5: 1, B7: 1, B8: 0.5});
                const label = dataCell("A4").value;
                if (label !== labels.pipeline) {
                    throw new Error(`label: expected ${labels.pipeline}, got ${label}`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("sales_management_dashboard_tour", {
    steps: () => dashboardSteps({pipeline: "Weighted pipeline", team: "Sales Team"}),
});

registry.category("web_tour.tours").add("sales_management_dashboard_tour_fr", {
    steps: () =>
        dashboardSteps({pipeline: "Pipeline pondéré", team: "Équipe commerciale"}),
});
