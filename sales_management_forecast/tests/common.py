# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command

from odoo.addons.sales_management.tests.common import SalesManagementCommon


class ForecastCommon(SalesManagementCommon):
    """The users and teams of SalesManagementCommon, a category mapping of
    the test company and a monthly sales plan of 2026.

    Mapping (no stage): 0-30 % pipeline, 30-60 % best case, 60-100 % commit;
    in the stage *Negotiation (test)*: 0-50 % best case, 50-100 % commit.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.negotiation_stage = cls.env["crm.stage"].create(
            {"name": "Negotiation (test)", "sequence": 3}
        )
        cls.mapping = cls.env["sales.forecast.category.mapping"].create(
            {
                "name": "Test mapping",
                "company_id": cls.company.id,
                "rule_ids": [
                    Command.create(vals)
                    for vals in (
                        {
                            "probability_from": 0,
                            "probability_to": 30,
                            "category": "pipeline",
                        },
                        {
                            "probability_from": 30,
                            "probability_to": 60,
                            "category": "best_case",
                        },
                        {
                            "probability_from": 60,
                            "probability_to": 100,
                            "category": "commit",
                        },
                        {
                            "stage_id": cls.negotiation_stage.id,
                            "probability_from": 0,
                            "probability_to": 50,
                            "category": "best_case",
                        },
                        {
                            "stage_id": cls.negotiation_stage.id,
                            "probability_from": 50,
                            "probability_to": 100,
                            "category": "commit",
                        },
                    )
                ],
            }
        )

    @classmethod
    def prepare_sheet(cls, day=date(2026, 3, 15), period_type="month"):
        return cls.env["sales.forecast"]._prepare_sheets(cls.company, period_type, day)

    @classmethod
    def forecast_of(cls, forecasts, owner):
        if owner._name == "res.users":
            return forecasts.filtered(
                lambda f: f.owner_type == "user" and f.user_id == owner
            )
        if owner._name == "crm.team":
            return forecasts.filtered(
                lambda f: f.owner_type == "team" and f.team_id == owner
            )
        return forecasts.filtered(lambda f: f.owner_type == "company")

    @classmethod
    def add_entry(cls, forecast, kind, amount, note=None, user=None):
        Entry = cls.env["sales.forecast.entry"]
        if user:
            Entry = Entry.with_user(user)
        return Entry.create(
            {"forecast_id": forecast.id, "kind": kind, "amount": amount, "note": note}
        )
