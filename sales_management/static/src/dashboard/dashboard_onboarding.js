/** @odoo-module **/
// Copyright 2026 Sales Management contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The guided first setup above the dashboards when they are opened from the
// Sales Management app (its action passes sm_onboarding in its params).
// Loaded with the spreadsheet bundle, where Odoo's dashboard action lives.

import {SpreadsheetDashboardAction} from "@spreadsheet_dashboard/bundle/dashboard_action/dashboard_action";
import {SalesOnboardingPanel} from "@sales_management/onboarding/onboarding_panel";

SpreadsheetDashboardAction.components = {
    ...SpreadsheetDashboardAction.components,
    SalesOnboardingPanel,
};
