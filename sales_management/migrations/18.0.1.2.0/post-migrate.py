# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reviews: the salespeople's record rules are read only and a team leader's
rules leave out the leader's own review.

The rules are loaded from a noupdate file, which an upgrade does not reload:
they are written here as security/sales_performance_security.xml defines them.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# rules of the salespeople: read only (team leaders hold that group too)
READ_ONLY_RULES = (
    "sales_evaluation_rule_salesman",
    "sales_evaluation_kpi_rule_salesman",
    "sales_evaluation_rating_rule_salesman",
    "sales_evaluation_action_rule_salesman",
)
# rules of the team leaders: their teams' reviews, not their own
OWN_REVIEW = "('evaluation_id.user_id', '!=', user.id)"
LEADER_DOMAINS = {
    "sales_evaluation_rule_team_leader": (
        "[('team_id.user_id', '=', user.id), ('user_id', '!=', user.id)]"
    ),
    "sales_evaluation_kpi_rule_team_leader": (
        f"[('evaluation_id.team_id.user_id', '=', user.id), {OWN_REVIEW}]"
    ),
    "sales_evaluation_rating_rule_team_leader": (
        f"[('evaluation_id.team_id.user_id', '=', user.id), {OWN_REVIEW}]"
    ),
    "sales_evaluation_action_rule_team_leader": (
        f"[('evaluation_id.team_id.user_id', '=', user.id), {OWN_REVIEW}]"
    ),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name in READ_ONLY_RULES:
        rule = env.ref(f"sales_management.{name}", raise_if_not_found=False)
        if rule:
            rule.write(
                {"perm_write": False, "perm_create": False, "perm_unlink": False}
            )
            _logger.info("Record rule %s made read only", name)
    for name, domain in LEADER_DOMAINS.items():
        rule = env.ref(f"sales_management.{name}", raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
            _logger.info("Record rule %s leaves out the leader's own review", name)
