/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";
import {waitForFigures} from "@sales_management/../tests/tours/dashboard_helpers";

// The company's forecast of the month and the funnel of the year, in a
// company of the test's own: one opportunity won this month (700) and one
// lead that stayed a lead (the leads count those of no company too).
registry.category("web_tour.tours").add("sales_management_forecast_dashboard_tour", {
    steps: () => [
        {
            content: "The forecast dashboard opens with its tiles and charts",
            trigger: ".o_spreadsheet_dashboard_action .o-figure",
        },
        {
            content: "This month's closed won and the funnel of the year",
            trigger: ".o_spreadsheet_dashboard_action .o-figure",
            async run() {
                await waitForFigures({C15: 700, B21: 1, B22: 1});
            },
        },
    ],
});
