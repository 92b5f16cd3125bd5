/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

// The figures of a dashboard are drawn on a canvas: the tour reads them
// from the spreadsheet model of the dashboard action, once evaluated.
export function dashboardModel() {
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

export function dataCell(reference) {
    const model = dashboardModel();
    const sheetId = model.getters.getSheetIdByName("Data");
    const col = reference.charCodeAt(0) - 65;
    const row = Number(reference.slice(1)) - 1;
    return model.getters.getEvaluatedCell({sheetId, col, row});
}

export async function waitForFigures(expected) {
    for (let attempt = 0; attempt < 60; attempt++) {
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
