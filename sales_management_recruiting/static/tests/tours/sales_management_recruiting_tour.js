/* Copyright 2026 Sales Management contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * Hiring a salesperson from end to end, each tour as one user (run in a row
 * by tests/test_onboarding_tour.py): the job's sales profile, two
 * interviewers' scorecards, the comparison, the hire and the onboarding. */
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// (a) a recruiter sets the sales profile of the job and writes its description
tours.add("sales_recruiting_job_profile_tour", {
    steps: () => [
        {
            content: "Open the sales profile of the job",
            trigger: ".o_notebook a.nav-link:contains(Sales Profile)",
            run: "click",
        },
        {
            content: "Make it an account executive job",
            trigger: ".o_field_widget[name=sales_role] select",
            run: "selectByLabel Account Executive",
        },
        {
            content: "Of the team Tour Hunters",
            trigger: ".o_field_widget[name=sales_team_id] input",
            run: "edit Tour Hunters",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Hunters)",
            run: "click",
        },
        {
            content: "With an annual target",
            trigger: ".o_field_widget[name=sales_annual_target] input",
            run: "edit 120000",
        },
        {
            content: "Ramp plan: a first month at 50 %",
            trigger: ".o_field_widget[name=sales_ramp_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=sales_ramp_ids] .o_data_row .o_field_widget[name=percent] input",
            run: "edit 50",
        },
        {
            content: "and a second month at 75 %",
            trigger: ".o_field_widget[name=sales_ramp_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=sales_ramp_ids] .o_data_row:eq(1) .o_field_widget[name=month] input",
            run: "edit 2",
        },
        {
            trigger:
                ".o_field_widget[name=sales_ramp_ids] .o_data_row:eq(1) .o_field_widget[name=percent] input",
            run: "edit 75",
        },
        {
            content: "Save the job",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Write the description from the profile",
            trigger: ".o_form_saved button[name=action_generate_sales_description]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Read the description",
            trigger: ".o_notebook a.nav-link:contains(Job Summary)",
            run: "click",
        },
        {
            content: "It tells the team and the ramp",
            trigger:
                ".o_field_widget[name=description]:contains(Tour Hunters):contains(75)",
        },
    ],
});

// (b), (c) an interviewer fills in and submits their scorecard of an applicant
function scorecardSteps(rating, recommendation) {
    return [
        {
            content: "Open my scorecard of the applicant",
            trigger: "button[name=action_open_my_sales_scorecard]",
            run: "click",
        },
        {
            content: "Rate the first competency",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:eq(0) td[name=rating]",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:eq(0) .o_field_widget[name=rating] input",
            run: `edit ${rating}`,
        },
        {
            content: "Rate the second competency",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:eq(1) td[name=rating]",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:eq(1) .o_field_widget[name=rating] input",
            run: `edit ${rating}`,
        },
        {
            content: "Recommend",
            trigger: `.o_field_widget[name=recommendation] .o_selection_badge[value='"${recommendation}"']`,
            run: "click",
        },
        {
            content: "Save the scorecard",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit it",
            trigger: ".o_form_saved button[name=action_submit]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The scorecard is submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
    ];
}

tours.add("sales_recruiting_scorecard_strong_tour", {
    steps: () => scorecardSteps(5, "strong_yes"),
});

tours.add("sales_recruiting_scorecard_weak_tour", {
    steps: () => scorecardSteps(2, "no"),
});

// (d) the recruiter compares the candidates, hires the best and onboards them
tours.add("sales_recruiting_onboard_tour", {
    steps: () => [
        {
            content: "Compare the candidates of the job",
            trigger: "button[name=action_open_sales_comparison]",
            run: "click",
        },
        {
            content: "Both are ranked, the strongest first",
            trigger:
                ".o_list_view .o_data_row:eq(0):contains(Tour Alice):not(:contains(Tour Bruno))",
        },
        {
            trigger: ".o_list_view .o_data_row:eq(1):contains(Tour Bruno)",
        },
        {
            content: "Open the best candidate",
            trigger: ".o_list_view .o_data_row:eq(0) td[name=partner_name]",
            run: "click",
        },
        {
            content: "The hired stage is folded: open the other stages",
            trigger: ".o_form_view .o_statusbar_status button.dropdown-toggle.o_first",
            run: "click",
        },
        {
            content: "Hire",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Hired)",
            run: "click",
        },
        {
            content: "Onboard the new salesperson",
            trigger: ".o_form_view button[name=action_open_sales_onboarding]",
            run: "click",
        },
        {
            content: "The preview shows the ramped targets",
            trigger: ".modal .o_sales_onboard_targets td:contains(50.0 %)",
        },
        {
            content: "Onboard",
            trigger: ".modal button[name=action_onboard]",
            run: "click",
        },
        {
            content: "Open the new salesperson's targets",
            trigger: "body:not(:has(.modal)) .o_form_view button[name=action_open_sales_targets]",
            run: "click",
        },
        {
            content: "The first month is ramped at 50 %",
            trigger: ".o_list_view .o_data_row:eq(0) td[name=ramp_factor]:contains(50.0)",
        },
        {
            content: "the second at 75 %",
            trigger: ".o_list_view .o_data_row:eq(1) td[name=ramp_factor]:contains(75.0)",
        },
        {
            content: "then the full target",
            trigger: ".o_list_view .o_data_row:eq(2) td[name=ramp_factor]:contains(100.0)",
        },
    ],
});
