/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The guided setup above the target plans: the first steps are done (a plan
// exists), the review of the scoring rules opens them and is done after.
registry.category("web_tour.tours").add("sales_management_onboarding_tour", {
    steps: () => [
        {
            content: "The panel shows the plan already created as done",
            trigger:
                ".o_sm_onboarding .o_sm_onboarding_step_done[data-step=action_open_step_sm_target_plan]",
        },
        {
            content: "Review the scoring rules",
            trigger:
                ".o_sm_onboarding [data-step=action_open_step_sm_scoring_rules] button",
            run: "click",
        },
        {
            content: "The scoring rules open",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Back to the target plans",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "The review step is now done",
            trigger:
                ".o_sm_onboarding .o_sm_onboarding_step_done[data-step=action_open_step_sm_scoring_rules]",
        },
        {
            content: "Hide the steps",
            trigger: ".o_sm_onboarding .o_sm_onboarding_hide",
            run: "click",
        },
        {
            content: "The panel is gone, the plans stay",
            trigger: ".o_list_view:not(:has(.o_sm_onboarding))",
        },
    ],
});
