/** @odoo-module **/
// Copyright 2026 Sales Management contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// A chart drawn with the Chart.js bundled in Odoo from a Json field whose
// value the server computes (widget="sales_management_chart"):
//   {labels: [...], datasets: [{label, data, kind: "bar"|"line",
//    color (index of Odoo's six-colour palette: blue, red, teal, orange,
//    purple, yellow), dash, fill ("-1": to the dataset before), legend
//    (false: left out of the legend)}], stacked (true, or "x": bars of the
//    datasets at one place, their values kept, e.g. the [from, to] pairs of
//    a waterfall's floating bars), horizontal (bars along the y axis), empty
//    (text shown instead of the chart)}
// or {choices: [{key, label, ...one chart as above}]}: several charts, one
// shown at a time, chosen by its label in a list above it.
// The server decides the figures; the widget only draws them.

import {Component, onWillStart, useEffect, useRef, useState} from "@odoo/owl";
import {getColor, hexToRGBA} from "@web/core/colors/colors";
import {cookie} from "@web/core/browser/cookie";
import {loadBundle} from "@web/core/assets";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

export function chartConfig(spec) {
    const scheme = cookie.get("color_scheme");
    const datasets = (spec.datasets || []).map((dataset, index) => {
        const color = getColor(dataset.color ?? index, scheme, "sm");
        const line = dataset.kind === "line";
        return {
            type: line ? "line" : "bar",
            label: dataset.label,
            data: dataset.data,
            borderColor: color,
            backgroundColor: hexToRGBA(color, line ? 0.15 : 0.7),
            borderWidth: line ? 2 : 1,
            borderDash: dataset.dash ? [6, 4] : [],
            fill: dataset.fill || false,
            pointRadius: line ? 2 : 0,
            tension: 0,
            order: line ? 0 : 1,
            // a line is never stacked on the bars
            stack: line ? `line-${index}` : "bars",
            legend: dataset.legend !== false,
        };
    });
    return {
        type: "bar",
        data: {labels: spec.labels || [], datasets},
        options: {
            indexAxis: spec.horizontal ? "y" : "x",
            maintainAspectRatio: false,
            responsive: true,
            interaction: {mode: "index", intersect: false},
            plugins: {
                legend: {
                    position: "bottom",
                    labels: {filter: (item, data) => data.datasets[item.datasetIndex].legend},
                },
            },
            scales: {
                x: {stacked: Boolean(spec.stacked), beginAtZero: true},
                y: {stacked: spec.stacked === true, beginAtZero: true},
            },
        },
    };
}

export class SalesChartField extends Component {
    static template = "sales_management.SalesChartField";
    static props = {...standardFieldProps};

    setup() {
        this.chart = null;
        this.canvasRef = useRef("canvas");
        this.state = useState({choice: 0});
        onWillStart(() => loadBundle("web.chartjs_lib"));
        useEffect(
            () => {
                this.renderChart();
                return () => this.chart?.destroy();
            },
            () => [this.spec]
        );
    }

    get fullSpec() {
        return this.props.record.data[this.props.name] || {};
    }

    get choices() {
        return this.fullSpec.choices || [];
    }

    get spec() {
        const choices = this.choices;
        if (!choices.length) {
            return this.fullSpec;
        }
        return choices[this.state.choice] || choices[0];
    }

    get hasData() {
        return Boolean((this.spec.datasets || []).length) && !this.spec.empty;
    }

    onChoose(ev) {
        const index = this.choices.findIndex((choice) => choice.key === ev.target.value);
        this.state.choice = Math.max(index, 0);
    }

    renderChart() {
        this.chart?.destroy();
        this.chart = null;
        if (this.hasData && this.canvasRef.el) {
            // eslint-disable-next-line no-undef
            this.chart = new Chart(this.canvasRef.el, chartConfig(this.spec));
        }
    }
}

registry.category("fields").add("sales_management_chart", {
    component: SalesChartField,
    supportedTypes: ["json"],
});
