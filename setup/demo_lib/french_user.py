# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The French-speaking demo user, run by ``setup/demo`` in ``odoo shell``.

French is activated and its translations loaded when it is not active yet
(Odoo's own *Settings > Languages > Add*); then ``demo_fr`` (password
``demo_fr``) is created, or brought back to these values: a sales manager
who reads every screen of the addons in French, with the demo
salesperson's other rights.
"""

LOGIN = "demo_fr"


def ensure_french(env):
    """French active, with the translations of every installed module."""
    lang = (
        env["res.lang"].with_context(active_test=False).search([("code", "=", "fr_FR")])
    )
    if not lang.active:
        installer = env["base.language.install"].create({"lang_ids": lang.ids})
        installer.lang_install()


def ensure_user(env):
    demo = env.ref("base.user_demo")
    groups = demo.groups_id | env.ref("sales_team.group_sale_manager")
    values = {
        "name": "Camille Durand",
        "login": LOGIN,
        "password": LOGIN,
        "email": "camille.durand@example.com",
        "lang": "fr_FR",
        "tz": "Europe/Paris",
        "company_id": demo.company_id.id,
        "company_ids": [(6, 0, demo.company_ids.ids)],
        "groups_id": [(6, 0, groups.ids)],
    }
    user = (
        env["res.users"].with_context(active_test=False).search([("login", "=", LOGIN)])
    )
    if user:
        user.write({**values, "active": True})
    else:
        user = env["res.users"].with_context(no_reset_password=True).create(values)
    return user


def main(env):
    ensure_french(env)
    user = ensure_user(env)
    env.cr.commit()
    print(f"demo_fr: user {user.id}, {user.lang}, {len(user.groups_id)} groups")


main(env)  # noqa: F821 - odoo shell's environment
