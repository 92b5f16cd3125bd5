"""Reference data of the benchmark database, created with the ORM.

The salespeople (the first of each team leads it) and a sales manager, the
sales teams, the customers, the products and their categories, the second
currency with its monthly rates and a pricelist per currency: the records
the bulk documents of ``documents`` and ``leads`` point to. Names and prices
are drawn from a seeded ``Random``.
"""

from datetime import date

from odoo import Command

ORM_BATCH = 2000
SALESPERSON_LOGIN = "bench.rep%03d"
MANAGER_LOGIN = "bench.manager"

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


def _create_customers(env, scale, rnd):
    countries = [env.ref(xmlid).id for xmlid in COUNTRY_XMLIDS]
    partners = env["res.partner"]
    for start in range(0, scale.customers, ORM_BATCH):
        vals_list = []
        for index in range(start + 1, min(start + ORM_BATCH, scale.customers) + 1):
            name = " ".join(
                (
                    rnd.choice(COMPANY_WORDS),
                    rnd.choice(COMPANY_NOUNS),
                    rnd.choice(COMPANY_SUFFIXES),
                    f"{index:05d}",
                )
            )
            vals_list.append(
                {
                    "name": name,
                    "is_company": True,
                    "customer_rank": 1,
                    "email": f"contact{index:05d}@example.com",
                    "country_id": rnd.choice(countries),
                }
            )
        partners |= env["res.partner"].create(vals_list)
        env.flush_all()
        env.invalidate_all()
    return partners


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
