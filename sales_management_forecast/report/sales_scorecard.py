# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL


class SalesScorecard(models.Model):
    _inherit = "sales.scorecard"

    @api.model
    def _get_forecast_accuracy_sql(self):
        """Accuracy of the salesperson's monthly calls of the scorecard period:
        100 % minus the total error relative to the total actual, over the
        ended months whose accuracy is stored."""
        return SQL(
            """(SELECT CASE WHEN SUM(sf.accuracy_actual) > 0
                            THEN GREATEST(0.0, 100.0 * (1 - SUM(ABS(
                                 sf.accuracy_call - sf.accuracy_actual))
                                 / SUM(sf.accuracy_actual)))
                            WHEN COUNT(*) > 0 AND SUM(sf.accuracy_call) = 0
                            THEN 100.0 END
                  FROM sales_forecast sf
                 WHERE sf.owner_type = 'user' AND sf.period_type = 'month'
                   AND sf.user_id = g.user_id AND sf.company_id = g.company_id
                   AND sf.date_from >= g.d0 AND sf.date_to <= g.d1
                   AND sf.accuracy_call IS NOT NULL)"""
        )
