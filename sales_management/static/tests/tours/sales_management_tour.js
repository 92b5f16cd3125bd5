/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_management_plan_tour", {
    url: "/odoo/action-sales_management.sales_quota_plan_action",
    steps: () => [
        {
            content: "Create a target plan",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour Plan",
        },
        {
            content: "Add a target",
            trigger: ".o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "For the tour manager",
            trigger: ".o_data_row .o_field_widget[name=user_id] input",
            run: "edit Tour Manager",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Manager)",
            run: "click",
        },
        {
            content: "Set the amount",
            trigger: ".o_data_row .o_field_widget[name=target_amount] input",
            run: "edit 1000",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Activate the plan",
            trigger: ".o_form_saved button[name=action_activate]",
            run: "click",
        },
        {
            content: "The plan is active",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
        {
            content: "The target shows its attainment",
            trigger: ".o_data_row .o_field_widget[name=attainment] .o_progressbar",
        },
    ],
});

registry.category("web_tour.tours").add("sales_management_team_card_tour", {
    url: "/odoo/action-sales_team.crm_team_action_sales",
    steps: () => [
        {
            content: "The team card shows the current target",
            trigger:
                ".o_kanban_record:contains(Tour Team) div[name=sales_management_target]:contains(Target this period)",
        },
        {
            content: "Open what was achieved",
            trigger:
                ".o_kanban_record:contains(Tour Team) div[name=sales_management_target] a",
            run: "click",
        },
        {
            content: "The orders counted are listed",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
