/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// On a lead that received an email: accept the phone number, dismiss the
// website, replace the email address after the confirmation.
const ROWS = ".o_sm_lead_suggestions .o_data_row";

registry.category("web_tour.tours").add("sales_management_suggestion_tour", {
    steps: () => [
        {
            content: "Accept the phone number read in the email",
            trigger: `${ROWS}:contains(+33 6 12 34 56 78) button[name=action_accept]`,
            run: "click",
        },
        {
            content: "The lead has the phone number",
            trigger: ".o_field_widget[name=phone] input:value(+33 6 12 34 56 78)",
        },
        {
            content: "A note says where it comes from",
            trigger: ".o-mail-Message:contains(Phone set to +33 6 12 34 56 78 from the email)",
        },
        {
            content: "Dismiss the website",
            trigger: `${ROWS}:contains(northwind-traders.example) button[name=action_dismiss]`,
            run: "click",
        },
        {
            content: "The website is no longer suggested",
            trigger: `.o_sm_lead_suggestions:not(:contains(northwind-traders.example))`,
        },
        {
            content: "Replace the email address",
            trigger: `${ROWS}:contains(sales@northwind.example) button[name=action_replace]`,
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The lead has the new address",
            trigger: ".o_field_widget[name=email_from] input:value(sales@northwind.example)",
        },
    ],
});
