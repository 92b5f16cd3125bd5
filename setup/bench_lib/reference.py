"""Reference data of the benchmark database, created with the ORM (mostly).

The salespeople (the first of each team leads it) and a sales manager, the
sales teams, the customers (copied in SQL from the first, the key account),
the products and their categories, the second currency with its monthly
rates and a pricelist per currency: the records the bulk documents of
``documents`` and ``leads`` point to. Names and prices are drawn from a
seeded ``Random``.
"""

from datetime import date

from odoo import Command
from odoo.tools import SQL

from .bulk import _copy_rows, _foreign_keys_checked_at_end

SALESPERSON_LOGIN = "bench.rep%03d"
MANAGER_LOGIN = "bench.manager"
CUSTOMER_EMAIL = "contact%06d@example.com"

FIRST_NAMES = (
    "Alice Bruno Chloe Daniel Emma Farid Grace Hugo Ines Jonas Karim Lea Marco Nora "
    "Oscar Paula Quentin Rosa Samir Tania Ugo Vera Walid Xena Yann Zoe"
).split()
LAST_NAMES = (
    "Martin Dubois Peeters Janssens Garcia Rossi Muller Smith Novak Silva Leroy "
    "Moreau Laurent Simon Michel Lefebvre Fontaine Chevalier Roux Vincent"
).split()
COMPANY_WORDS = (
    "Blue Green Red North South East West Swift Bright Prime Solid Smart Urban "
    "Alpine Coastal Royal Golden Silver Iron Cedar Maple Oak River Harbor Summit"
).split()
COMPANY_NOUNS = (
    "Logistics Foods Systems Builders Motors Labs Textiles Pharma Energy Media "
    "Retail Studios Farms Metals Optics Robotics Furniture Garden Marine Print"
).split()
COMPANY_SUFFIXES = ("Ltd", "Inc", "SA", "GmbH", "BV", "SRL", "LLC")
CATEGORY_NAMES = ("Hardware", "Software", "Services", "Furniture", "Supplies")
SERVICE_CATEGORIES = {"Software", "Services"}
PRICE_POINTS = (9, 19, 49, 99, 149, 299, 499, 999, 1999)
COUNTRY_XMLIDS = ("base.us", "base.be", "base.fr", "base.de", "base.nl", "base.uk")


def _create_users(env, scale, rnd):
    """The salespeople (the first of each team leads it) and one sales manager."""
    group_user = env.ref("base.group_user")
    salesman = env.ref("sales_team.group_sale_salesman")
    leader = env.ref("sales_management.group_sales_team_leader")
    manager = env.ref("sales_team.group_sale_manager")
    company = env.company
    per_team = max(1, scale.salespeople // scale.teams)
    vals_list = []
    for index in range(scale.salespeople):
        is_leader = index % per_team == 0 and index // per_team < scale.teams
        login = SALESPERSON_LOGIN % (index + 1)
        groups = [group_user.id, salesman.id] + ([leader.id] if is_leader else [])
        first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
        vals_list.append(
            {
                "name": f"{first} {last} ({index + 1:03d})",
                "login": login,
                "email": f"{login}@example.com",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "tz": "UTC",
                "groups_id": [Command.set(groups)],
            }
        )
    vals_list.append(
        {
            "name": "Bench Sales Manager",
            "login": MANAGER_LOGIN,
            "email": f"{MANAGER_LOGIN}@example.com",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "tz": "UTC",
            "groups_id": [Command.set([group_user.id, manager.id])],
        }
    )
    users = env["res.users"].create(vals_list)
    return users[:-1], users[-1]


def _create_teams(env, scale, salespeople):
    per_team = max(1, scale.salespeople // scale.teams)
    teams = env["crm.team"].create(
        [
            {
                "name": f"Bench Team {number + 1:02d}",
                "user_id": salespeople[number * per_team].id,
                "company_id": env.company.id,
                "use_opportunities": True,
            }
            for number in range(scale.teams)
        ]
    )
    env["crm.team.member"].create(
        [
            {
                "crm_team_id": teams[min(index // per_team, len(teams) - 1)].id,
                "user_id": user.id,
            }
            for index, user in enumerate(salespeople)
        ]
    )
    env.flush_all()
    return teams


def _create_customers(env, scale, rnd, key_user, log=print):
    """The customers, companies; returns (ids, names) in order.

    The first is the key account, assigned to ``key_user``, created with the
    ORM; the others are copies of it made in SQL (the ORM takes minutes for
    100,000 partners), every column as the ORM wrote it but the name, the
    e-mail address, the country, the salesperson (none) and the columns
    computed from them (``complete_name``, ``commercial_company_name``,
    ``commercial_partner_id``, ``email_normalized``).
    """
    countries = [env.ref(xmlid).id for xmlid in COUNTRY_XMLIDS]
    names, countries_of = [], []
    for index in range(1, scale.customers + 1):
        words = (rnd.choice(COMPANY_WORDS), rnd.choice(COMPANY_NOUNS))
        suffix = rnd.choice(COMPANY_SUFFIXES)
        names.append(f"{words[0]} {words[1]} {suffix} {index:06d}")
        countries_of.append(rnd.choice(countries))
    emails = [CUSTOMER_EMAIL % index for index in range(1, scale.customers + 1)]
    key_account = env["res.partner"].create(
        {
            "name": names[0],
            "is_company": True,
            "customer_rank": 1,
            "email": emails[0],
            "country_id": countries_of[0],
            "user_id": key_user.id,
        }
    )
    env.flush_all()
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT nextval('res_partner_id_seq') FROM generate_series(1, %s)",
            scale.customers - 1,
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    with _foreign_keys_checked_at_end(cr, ["res_partner"], log):
        _copy_rows(
            cr,
            "res_partner",
            SQL(
                """res_partner t
                   JOIN unnest(%s::int[], %s::varchar[], %s::varchar[], %s::int[])
                     AS v(id, name, email, country_id) ON t.id = %s""",
                ids,
                names[1:],
                emails[1:],
                countries_of[1:],
                key_account.id,
            ),
            {
                "id": SQL("v.id"),
                "name": SQL("v.name"),
                "complete_name": SQL("v.name"),
                "commercial_company_name": SQL("v.name"),
                "commercial_partner_id": SQL("v.id"),
                "email": SQL("v.email"),
                "email_normalized": SQL("v.email"),
                "country_id": SQL("v.country_id"),
                "user_id": SQL("NULL::int"),
            },
        )
    cr.execute("ANALYZE res_partner")
    env.invalidate_all()
    return [key_account.id, *ids], names


def _create_products(env, scale, rnd):
    root = env.ref("product.product_category_all")
    names = CATEGORY_NAMES[: scale.categories]
    categories = env["product.category"].create(
        [{"name": f"Bench {name}", "parent_id": root.id} for name in names]
    )
    vals_list = []
    for index in range(scale.products):
        category_name = names[index % len(names)]
        list_price = round(rnd.choice(PRICE_POINTS) * rnd.uniform(0.8, 1.2), 2)
        vals_list.append(
            {
                "name": f"{category_name} item {index + 1:04d}",
                "default_code": f"BENCH-{index + 1:04d}",
                "categ_id": categories[index % len(names)].id,
                "type": "service" if category_name in SERVICE_CATEGORIES else "consu",
                "invoice_policy": "order",
                "sale_ok": True,
                "list_price": list_price,
                "standard_price": round(list_price * rnd.uniform(0.45, 0.8), 2),
                "taxes_id": [Command.clear()],
            }
        )
    templates = env["product.template"].create(vals_list)
    env.flush_all()
    return categories, templates.product_variant_id


def _setup_currencies(env, year):
    """The second currency with monthly rates, and one pricelist per currency."""
    company = env.company
    second = env.ref("base.EUR")
    if company.currency_id == second:
        second = env.ref("base.USD")
    second.active = True
    months = [date(y, m, 1) for y in (year - 1, year) for m in range(1, 13)]
    # 1 company currency = 0.89 to 0.95 of the second one, changing every month
    rates = [round(0.92 + 0.01 * ((index % 7) - 3), 6) for index in range(len(months))]
    Rate = env["res.currency.rate"]
    Rate.search(
        [
            ("currency_id", "=", second.id),
            ("company_id", "in", (company.id, False)),
            ("name", "in", months),
        ]
    ).unlink()
    Rate.create(
        [
            {
                "currency_id": second.id,
                "company_id": company.id,
                "name": month,
                "rate": rate,
            }
            for month, rate in zip(months, rates, strict=True)
        ]
    )
    pricelists = env["product.pricelist"].create(
        [
            {
                "name": f"Bench {currency.name}",
                "currency_id": currency.id,
                "company_id": company.id,
            }
            for currency in (company.currency_id, second)
        ]
    )
    env.flush_all()
    return second, months, rates, pricelists
