/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_management_timeline_tour", {
    steps: () => [
        {
            content: "Open the customer's timeline",
            trigger: ".o_form_view button[name=action_sm_open_timeline]",
            run: "click",
        },
        {
            content: "The timeline lists the customer's order",
            trigger: ".o_list_view .o_data_row:contains(Sales Order)",
        },
        {
            content: "Filter on orders",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_filter_menu .o-dropdown-item:contains(Orders)",
            run: "click",
        },
        {
            content: "A line opens its order",
            trigger: ".o_list_view .o_data_row:contains(Sales Order) td[name=name]",
            run: "click",
        },
        {
            content: "The order's form",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(Tour Customer)",
        },
    ],
});

registry.category("web_tour.tours").add("sales_management_quotation_suggestion_tour", {
    steps: () => [
        {
            content: "Open the suggested products",
            trigger: ".o_notebook a[name=sm_suggested_products]",
            run: "click",
        },
        {
            content: "The chair is suggested with its reason",
            trigger:
                ".o_field_widget[name=sm_suggestion_ids] .o_data_row:contains(Tour Chair):contains(orders with Tour Desk)",
        },
        {
            content: "Add it",
            trigger:
                ".o_field_widget[name=sm_suggestion_ids] .o_data_row:contains(Tour Chair) button[name=action_add]",
            run: "click",
        },
        {
            content: "No longer suggested",
            trigger:
                ".o_field_widget[name=sm_suggestion_ids]:not(:has(.o_data_row:contains(Tour Chair)))",
        },
        {
            content: "Back to the order lines",
            trigger: ".o_notebook a[name=order_lines]",
            run: "click",
        },
        {
            content: "The chair is on the quotation",
            trigger: ".o_field_widget[name=order_line] .o_data_row:contains(Tour Chair)",
        },
    ],
});
