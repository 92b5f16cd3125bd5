# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hiring analytics: the role-play and the offer stages of the sales hiring
pipeline are its milestones.

The stages are loaded from a noupdate file, which an upgrade does not reload:
their milestone is written here as data/hr_recruitment_stage_data.xml sets
it, unless someone already chose one.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

MILESTONES = {
    "stage_sales_role_play": "interview",
    "stage_sales_offer": "offer",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name, milestone in MILESTONES.items():
        stage = env.ref(f"sales_management_recruiting.{name}", raise_if_not_found=False)
        if stage and not stage.sales_milestone:
            stage.sales_milestone = milestone
            _logger.info("Stage %s marks the hiring milestone %s", name, milestone)
