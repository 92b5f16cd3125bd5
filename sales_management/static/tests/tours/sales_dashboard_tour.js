/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The figures of a dashboard are drawn on a canvas: the tour reads them
// from the spreadsheet model of the dashboard action, once evaluated.
function dashboardModel() {
    const stack = [odoo.__WOWL_DEBUG__.root.__owl__];
    while (stack.length) {
        const node = stack.pop();
        const model = node.component?.state?.activeDashboard?.model;
        if (model) {
            return model;
        }
        stack.push(...Object.values(node.children));
    }
    return undefined;
}

function dataCell(reference) {
    const model = dashboardModel();
    const sheetId = model.getters.getSheetIdByName("Data");
    const col = reference.charCodeAt(0) - 65;
    const row = Number(reference.slice(1)) - 1;
    return model.getters.getEvaluatedCell({sheetId, col, row});
}

async function waitForFigures(expected) {
    for (let attempt = 0; attempt < 100; attempt++) {
        const values = Object.fromEntries(
            Object.keys(expected).map((ref) => [ref, dataCell(ref).value])
        );
        if (Object.entries(expected).every(([ref, value]) => values[ref] === value)) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const got = Object.keys(expected).map((ref) => `${ref}=${dataCell(ref).value}`);
    throw new Error(`dashboard figures: expected ${JSON.stringify(expected)}, got ${got}`);
}

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
