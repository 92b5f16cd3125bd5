"""Tests of sales_management/tools/cron_budget.py: how long a call of a
batched scheduled job may work before it reports what is left."""

import math

import pytest
from sales_management_tools import cron_budget


def test_default_limits_give_three_seconds():
    # Odoo's defaults: limit_time_real 120 s (the cron limit -1 follows it),
    # limit_time_cpu 60 s: ten calls in a row use at most half the round
    config = {"limit_time_real_cron": -1, "limit_time_real": 120, "limit_time_cpu": 60}
    real, cpu = cron_budget.limits_from_config(config)
    assert (real, cpu) == (120, 60)
    budget = cron_budget.call_budget(real, cpu)
    assert budget == 3.0
    assert budget * 10 <= min(real, cpu) / 2


@pytest.mark.parametrize(
    ("real", "cpu", "expected"),
    [
        (600, 300, 15.0),  # a server given longer limits gives longer calls
        (0, 60, 3.0),  # no real-time limit: the CPU limit decides
        (120, 0, 6.0),
        (0, 0, cron_budget.MOST),  # no limit at all: still bounded
        (-1, -1, cron_budget.MOST),
        (10, 5, cron_budget.LEAST),  # tiny limits: at least a second
        (100_000, 100_000, cron_budget.MOST),
    ],
)
def test_budget_follows_the_smaller_limit(real, cpu, expected):
    assert cron_budget.call_budget(real, cpu) == expected


def test_cron_limit_set_on_its_own_wins_over_the_http_limit():
    config = {"limit_time_real_cron": 300, "limit_time_real": 120, "limit_time_cpu": 0}
    assert cron_budget.limits_from_config(config) == (300, 0)
    assert cron_budget.call_budget(*cron_budget.limits_from_config(config)) == 15.0


def test_deadline_passes_once_its_seconds_are_spent():
    now = [100.0]
    deadline = cron_budget.Deadline(2.5, clock=lambda: now[0])
    assert deadline.at == 102.5
    assert not deadline.passed()
    now[0] = 102.4
    assert not deadline.passed()
    now[0] = 102.5
    assert deadline.passed()


def test_deadline_from_config_or_given_seconds():
    config = {"limit_time_real_cron": -1, "limit_time_real": 120, "limit_time_cpu": 60}
    given = cron_budget.deadline(config, 0)
    assert given.passed(), "a budget of 0 is spent at once"
    default = cron_budget.deadline(config)
    assert not default.passed()
    assert math.isfinite(default.at)
