"""Fixture records of the customer timeline and the recommendations, by owner.

``RECOMMEND_SPECS`` gives the arguments of access_fixtures.Spec for each model:
the timeline rows and the quotation suggestions of the fixture orders (one
per owner of access_roles.LEAD_OWNERS, quotations of the "Matrix Customer"),
the stored list of suggestions of a customer of each owner (the customer's
salesperson and company are the owner's) and its suggestion, feedback given
by each salesperson, and the pairs and refreshes of each company.
"""

from access_roles import (
    COMPANY_OWNERS,
    LEAD_OWNERS,
    OWNERS,
    USER_OWNERS,
)

# the timeline row of a quotation: its id times 8 (code 0)
TIMELINE_CODES = 8
# a quotation's suggestion: the order's id times this plus the product's;
# a customer's: its stored list's id times this plus the product's
PRODUCT_SPAN = 4_194_304


def fixture_class(case):
    """The test class (records made in setUpClass are kept on it, not on a
    test's instance: a test's records are rolled back)."""
    return case if isinstance(case, type) else type(case)


def products(case):
    """Two products sold in every company: the first is suggested on the
    fixture quotations, the second is the subject of the feedback."""
    cls = fixture_class(case)
    if "recommend_products" not in vars(cls):
        cls.recommend_products = [
            cls.env["product.product"].create({"name": f"Matrix product {index}"})
            for index in (0, 1)
        ]
    return cls.recommend_products


def customers(case):
    """A customer of each owner: its salesperson is the owner's user (none
    for the owners that are a team or a company)."""
    cls = fixture_class(case)
    if "recommend_customers" not in vars(cls):
        cls.recommend_customers = {
            owner: cls.env["res.partner"].create(
                {
                    "name": f"Matrix recommended customer {owner}",
                    "user_id": cls.owner_user(owner).id,
                }
            )
            for owner in LEAD_OWNERS
        }
    return cls.recommend_customers


def customer_of(case, owner):
    return customers(case)[owner]


def build_recommendation_list(case, owner, variant, actor):
    return {
        "partner_id": customer_of(case, owner).id,
        "company_id": case.owner_company(owner).id,
        "suggestions": [[products(case)[0].id, 1.0, 1.0, "popular", None, 0.5, None]],
    }


def build_feedback(case, owner, variant, actor):
    return {
        "partner_id": case.partner.id,
        "company_id": case.owner_company(owner).id,
        "product_id": products(case)[1].id,
        "action": "dismissed",
        "origin": "quotation",
        "reason_kind": "bought_with",
        "share": 0.25,
        "user_id": case.owner_user(owner).id,
        "team_id": case.owner_team(owner).id,
    }


def build_pair(case, owner, variant, actor):
    first, second = products(case)
    return {
        "company_id": case.owner_company(owner).id,
        "product_a_id": (first if not variant else second).id,
        "product_b_id": (second if not variant else first).id,
        "order_count": 3,
        "support": 0.1,
        "confidence": 0.5,
        "lift": 1.5,
    }


def build_run(case, owner, variant, actor):
    return {"company_id": case.owner_company(owner).id, "order_count": 10}


def fixtures_recommendation_lists(case):
    """The stored suggestions of each owner's customer: the first product."""
    List = case.env["sales.recommendation.list"]
    return {
        owner: List.create(build_recommendation_list(case, owner, 0, case.env.user))
        for owner in LEAD_OWNERS
    }


def fixtures_recommendations(case):
    """The suggestion of the first product to each owner's customer."""
    lists = case.fixtures["sales.recommendation.list"]
    product = products(case)[0]
    Recommendation = case.env["sales.recommendation"]
    return {
        owner: Recommendation.browse(lists[owner].id * PRODUCT_SPAN + product.id)
        for owner in LEAD_OWNERS
    }


def fixtures_timeline(case):
    Timeline = case.env["sales.customer.timeline"]
    return {
        owner: Timeline.browse(case.orders[owner].id * TIMELINE_CODES)
        for owner in LEAD_OWNERS
    }


def fixtures_suggestions(case):
    """The first product, suggested to the Matrix Customer in both companies,
    on each fixture quotation."""
    product = products(case)[0]
    for key in sorted({OWNERS[owner].company for owner in LEAD_OWNERS}):
        case.env["sales.recommendation.list"].create(
            {
                "partner_id": case.partner.id,
                "company_id": case.companies[key].id,
                "suggestions": [[product.id, 1.0, 1.0, "popular", None, 0.5, None]],
            }
        )
    Suggestion = case.env["sales.order.suggestion"]
    return {
        owner: Suggestion.browse(case.orders[owner].id * PRODUCT_SPAN + product.id)
        for owner in LEAD_OWNERS
    }


RECOMMEND_SPECS = {
    "sales.customer.timeline": {"owners": LEAD_OWNERS, "fixtures": fixtures_timeline},
    "sales.order.suggestion": {
        "owners": LEAD_OWNERS,
        "fixtures": fixtures_suggestions,
    },
    "sales.recommendation.list": {
        "owners": LEAD_OWNERS,
        "build": build_recommendation_list,
        "fixtures": fixtures_recommendation_lists,
        "write": {"partner_id": False},
    },
    "sales.recommendation": {
        "owners": LEAD_OWNERS,
        "fixtures": fixtures_recommendations,
    },
    "sales.recommendation.feedback": {
        "owners": USER_OWNERS,
        "build": build_feedback,
        "write": {"share": 0.5},
    },
    "sales.product.pair": {
        "owners": COMPANY_OWNERS,
        "build": build_pair,
        "write": {"lift": 2.0},
    },
    "sales.recommendation.run": {
        "owners": COMPANY_OWNERS,
        "build": build_run,
        "write": {"duration": 1.0},
    },
}
