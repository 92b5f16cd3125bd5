/** @odoo-module **/
// Copyright 2026 Sales Management contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// The guided first setup of Sales Management: the steps of its onboarding
// (onboarding.onboarding.sm_get_panel), each with its button, above the list
// of target plans (js_class="sales_management_onboarding_list").

import {Component, onWillStart, useState} from "@odoo/owl";
import {ListRenderer} from "@web/views/list/list_renderer";
import {listView} from "@web/views/list/list_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class SalesOnboardingPanel extends Component {
    static template = "sales_management.OnboardingPanel";
    static props = {};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({panel: {}});
        onWillStart(() => this.load());
    }

    async load() {
        this.state.panel = await this.orm.call("onboarding.onboarding", "sm_get_panel", []);
    }

    async open(step) {
        const action = await this.orm.call("onboarding.onboarding.step", step.action, []);
        await this.action.doAction(action, {onClose: () => this.load()});
    }

    async hide() {
        await this.orm.call("onboarding.onboarding", "sm_close_panel", []);
        this.state.panel = {};
    }
}

export class SalesOnboardingListRenderer extends ListRenderer {
    static template = "sales_management.OnboardingListRenderer";
    static components = {...ListRenderer.components, SalesOnboardingPanel};
}

registry.category("views").add("sales_management_onboarding_list", {
    ...listView,
    Renderer: SalesOnboardingListRenderer,
});
