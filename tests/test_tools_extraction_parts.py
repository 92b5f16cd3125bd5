"""Tests of sales_management/tools/extraction, finder by finder: what each
reads and, as much, what it must not read (a wrong suggestion annoys)."""

from datetime import date, datetime

import pytest
from sales_management_tools import extraction  # tests/conftest.py
from sales_management_tools.extraction import amounts, dates

TODAY = date(2027, 3, 10)  # a Wednesday


def result(**found):
    return {**extraction.empty_result(), **found}


def extract(body, **options):
    return extraction.extract(body, today=TODAY, **options)


# ---------------------------------------------------------------------------
# Tricky negatives: nothing to suggest
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Order #45821 shipped, tracking 1Z999AA10123456784.",
        "Commande n° 0123456789 bien reçue.",
        "Facture n° FA-2027-0312, référence client : 0612345678.",
        "IBAN FR76 3000 6000 0112 3456 7890 189 - BIC AGRIFRPP",
        "SIRET 812 345 678 00021 - TVA FR 12 812345678 - APE 6201Z",
        "See you at 14:30 in room 12, or at 9h45 in building 3.",
        "We grew 15% in 2026 and 12,5 % in 2025.",
        "Running version 2.0.1 (build 3.12.27) on 2 servers.",
        "We are 2 users? No: 20 users, 3 sites, 40 jours de formation.",
        "Les 3/4 des clients, le 1/2 du lot, ouvert 24/7, noté 4/5, page 2/5.",
        "Voir le fichier devis_2027.pdf, le logo.ai et report.docx.",
        "Thanks for the call.It was great. Ask @marie.",
        "Budget 2027 en cours de validation, budget pour 20 utilisateurs.",
        "Call me at 06 12 34 56 7.",  # a digit short
        "Capital social de 100 000 € entièrement libéré.",
        "Following our call on Tuesday, we met last Friday.",
        "You may 3D-print the parts.",
        "Fax : 01 42 68 53 01",
    ],
)
def test_nothing_to_suggest(text):
    assert extract(text) == result()


@pytest.mark.parametrize("text", [None, "", "   \n\t ", 42, 3.5, b"", ["a@b.fr"]])
def test_no_text_gives_an_empty_result(text):
    assert extraction.extract(text) == result()


# ---------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phones",
    [
        ("Tel: +33 (0)6 12 34 56 78", ["+33612345678"]),
        ("0033 6 12 34 56 78 ou 06.12.34.56.79", ["+33612345678", "+33612345679"]),
        ("Mon fixe : 0142685300, mon portable 06-12-34-56-78", None),
        ("+44 20 7946 0958 / +41 22 345 67 89", ["+442079460958", "+41223456789"]),
        ("Tél. 01 42 68 53 00 - Fax 01 42 68 53 01", ["+33142685300"]),
        ("Ref 0612345678/2 and order no. 0612345679", []),
        ("Mobile 06 12 34 56 78/06 12 34 56 79", ["+33612345678", "+33612345679"]),
    ],
)
def test_phones(text, phones):
    if phones is None:
        phones = ["+33142685300", "+33612345678"]
    assert extract(text)["phones"] == phones


def test_phones_of_the_default_country_only_without_a_prefix():
    text = "Call 0612345678 or +1 212 736 5000 or (212) 736-5000"
    assert extract(text)["phones"] == ["+33612345678", "+12127365000"]
    assert extract(text, default_country="us")["phones"] == ["+12127365000"]
    assert extract(text, default_country="XX")["phones"] == ["+12127365000"]
    assert extract(text, default_country=None)["phones"] == ["+12127365000"]


def test_a_list_of_numbers_is_not_read_past_twenty():
    text = "\n".join(f"Agence {i}: 01 42 68 53 {i:02d}" for i in range(10, 40))
    phones = extract(text)["phones"]
    assert phones == [f"+331426853{i:02d}" for i in range(10, 30)]


# ---------------------------------------------------------------------------
# E-mail addresses and websites
# ---------------------------------------------------------------------------


def test_email_addresses_are_lower_case_without_mailto_or_punctuation():
    text = (
        "Write to Jean.Dupont@Acme.fr, mailto:Info@Acme.FR; <sales@acme.fr>. "
        "(noreply@notifications.acme.fr) or jean.dupont@acme.fr again."
    )
    assert extract(text) == result(
        emails=[
            "jean.dupont@acme.fr",
            "info@acme.fr",
            "sales@acme.fr",
            "noreply@notifications.acme.fr",
        ]
    )


def test_websites_are_normalised_and_email_domains_left_out():
    text = (
        "Write to marie@acme.fr or see acme.fr/produits, WWW.Globex.COM, "
        "http://www.globex.com/ (same site), https://Initech.io/en/?utm=x#top "
        "and www.acme.fr<http://www.acme.fr/>."
    )
    assert extract(text) == result(
        emails=["marie@acme.fr"],
        websites=[
            "https://acme.fr/produits",
            "https://www.globex.com",
            "https://initech.io/en",
            "https://www.acme.fr",
        ],
    )


def test_social_meeting_and_sharing_links_are_not_websites():
    text = (
        "https://www.linkedin.com/in/marie-dupont/ https://calendly.com/tom/30min "
        "https://teams.microsoft.com/l/meetup-join/x https://bit.ly/3abc "
        "https://eur01.safelinks.protection.outlook.com/?url=x "
        "https://wetransfer.com/d "
        "gmail.com and our site https://www.acme-industries.com."
    )
    assert extract(text)["websites"] == ["https://www.acme-industries.com"]


# ---------------------------------------------------------------------------
# Amounts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, amount",
    [
        ("€12,500", (12500.0, "EUR")),
        ("12 500 €", (12500.0, "EUR")),
        ("12\u202f500\u00a0€", (12500.0, "EUR")),
        ("12.500,00 EUR", (12500.0, "EUR")),
        ("EUR 3k", (3000.0, "EUR")),
        ("$1.2M", (1200000.0, "USD")),
        ("1,2 M€", (1200000.0, "EUR")),
        ("£300", (300.0, "GBP")),
        ("CHF 1'200.50", (1200.5, "CHF")),
        ("15 000 euros", (15000.0, "EUR")),
        ("5k$", (5000.0, "USD")),
        ("USD 4,000", (4000.0, "USD")),
        ("3 millions d'euros", (3000000.0, "EUR")),
        ("2 500 dollars canadiens", (2500.0, "CAD")),
        ("US$ 300", (300.0, "USD")),
        ("1 200,50 € TTC", (1200.5, "EUR")),
        ("budget of 40000", (40000.0, None)),
        ("budget de 40 000", (40000.0, None)),
        ("Budget : 25 K", (25000.0, None)),
        ("budget around 40k", (40000.0, None)),
    ],
)
def test_amounts(written, amount):
    assert extract(f"Price: {written}.")["amounts"] == [amount]


@pytest.mark.parametrize(
    "text",
    [
        "20 users",
        "15 %",
        "budget 2027",
        "budget pour 20 utilisateurs",
        "au capital de 10 000 €",
        "share capital of £50,000",
        "€ 06 12 34 56 78",
        "15 mad",
    ],
)
def test_not_amounts(text):
    assert extract(text)["amounts"] == []


def test_amounts_keep_their_order_and_ranges_give_both_ends():
    text = "De 10 000 à 15 000 € HT, soit 10-15 k€, puis $2,000 et 12 500 € encore"
    assert extract(text)["amounts"] == [
        (10000.0, "EUR"),
        (15000.0, "EUR"),
        (2000.0, "USD"),
        (12500.0, "EUR"),
    ]


@pytest.mark.parametrize(
    "written, multiplied, value",
    [
        ("12,500", False, 12500.0),
        ("12.500", False, 12500.0),
        ("1,250", True, 1.25),
        ("1.2", False, 1.2),
        ("1 234 567,89", False, 1234567.89),
        ("1,234,567.89", False, 1234567.89),
        ("1'200.50", False, 1200.5),
        ("1,200,50", False, None),
    ],
)
def test_parse_number(written, multiplied, value):
    assert amounts.parse_number(written, multiplied) == value


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, day",
    [
        ("2027-01-15", "2027-01-15"),
        ("15/01/2027", "2027-01-15"),
        ("15.01.2027", "2027-01-15"),
        ("15/01/27", "2027-01-15"),
        ("15/01", "2028-01-15"),
        ("le 3/4", "2027-04-03"),
        ("15 January 2027", "2027-01-15"),
        ("January 15th, 2027", "2027-01-15"),
        ("the 15th of January", "2028-01-15"),
        ("le 15 janvier", "2028-01-15"),
        ("1er avril", "2027-04-01"),
        ("mardi 3 mars", "2028-03-03"),
        ("May 5", "2027-05-05"),
        ("mid-March", "2027-03-15"),
        ("fin janvier", "2028-01-31"),
        ("début février", "2028-02-01"),
        ("fin février", "2028-02-29"),
        ("today", "2027-03-10"),
        ("aujourd'hui", "2027-03-10"),
        ("tomorrow", "2027-03-11"),
        ("demain", "2027-03-11"),
        ("après-demain", "2027-03-12"),
        ("the day after tomorrow", "2027-03-12"),
        ("next Tuesday", "2027-03-16"),
        ("next Wednesday", "2027-03-17"),
        ("mardi prochain", "2027-03-16"),
        ("this Friday", "2027-03-12"),
        ("ce mercredi", "2027-03-10"),
        ("by Friday", "2027-03-12"),
        ("d'ici vendredi", "2027-03-12"),
        ("Tuesday next week", "2027-03-16"),
        ("mardi de la semaine prochaine", "2027-03-16"),
        ("in 3 days", "2027-03-13"),
        ("in two weeks", "2027-03-24"),
        ("within a month", "2027-04-10"),
        ("dans 10 jours", "2027-03-20"),
        ("dans quinze jours", "2027-03-25"),
        ("sous huitaine", "2027-03-18"),
        ("d'ici 3 mois", "2027-06-10"),
        ("next week", "2027-03-15"),
        ("la semaine prochaine", "2027-03-15"),
        ("early next week", "2027-03-15"),
        ("end of the week", "2027-03-12"),
        ("fin de semaine", "2027-03-12"),
        ("end of next week", "2027-03-19"),
        ("next month", "2027-04-01"),
        ("le mois prochain", "2027-04-01"),
        ("end of the month", "2027-03-31"),
        ("fin du mois", "2027-03-31"),
        ("fin du mois prochain", "2027-04-30"),
        ("fin d'année", "2027-12-31"),
        ("MARDI PROCHAIN", "2027-03-16"),
        ("jeudi 11 à 14h", "2027-03-11"),
        ("Thursday the 11th", "2027-03-11"),
        ("lundi 12", "2027-04-12"),
    ],
)
def test_dates(written, day):
    assert extract(f"Rappel : {written}.")["dates"] == [day]


@pytest.mark.parametrize(
    "text",
    [
        "version 2.0.1",
        "14:30",
        "3/4 des clients",
        "24/7",
        "12.03",
        "we may 5",
        "1.2.27",
        "10-11-12",
        "30/60 jours",
        "page 2/5",
        "10/12 personnes",
        "le lendemain",
        "on Tuesday",
        "last Friday",
        "jeudi 14h",
        "hier",
    ],
)
def test_not_dates(text):
    assert extract(text)["dates"] == []


@pytest.mark.parametrize(
    "text, days",
    [
        ("En congés du 1er au 15 avril.", ["2027-04-01", "2027-04-15"]),
        ("Salon les 3 et 4 mars 2027.", ["2027-03-03", "2027-03-04"]),
        ("Away from 3 to 5 May.", ["2027-05-03", "2027-05-05"]),
        ("Conference June 12-14, 2027.", ["2027-06-12", "2027-06-14"]),
        ("Fermé 24-26 décembre.", ["2027-12-24", "2027-12-26"]),
    ],
)
def test_ranges_of_days_give_both_ends(text, days):
    assert extract(text)["dates"] == days


def test_dates_in_the_past_of_the_year_are_next_year():
    assert extract("le 9 mars, le 10 mars")["dates"] == ["2028-03-09", "2027-03-10"]


def test_month_first_for_the_united_states_or_when_day_first_is_impossible():
    text = "04/05 or 12/30"
    assert extract(text)["dates"] == ["2027-05-04", "2027-12-30"]
    assert extract(text, default_country="US")["dates"] == ["2027-04-05", "2027-12-30"]


def test_today_may_be_a_datetime_and_defaults_to_the_current_date():
    moment = datetime(2027, 3, 10, 23, 59)
    assert extraction.extract("tomorrow", today=moment)["dates"] == ["2027-03-11"]
    assert extraction.extract("today", today="not a date")["dates"] == [
        date.today().isoformat()
    ]


def test_next_occurrence_of_29_february():
    assert dates.next_occurrence(date(2027, 3, 1), 2, 29) == date(2028, 2, 29)
    assert dates.next_occurrence(date(2027, 3, 1), 2, 30) is None


# ---------------------------------------------------------------------------
# Company
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "signature, company",
    [
        (
            "Cordialement,\nPierre Martin\nGérant\nSARL Martin Frères",
            "SARL Martin Frères",
        ),
        ("Best,\nJohn\n--\nJohn Doe | CEO | Initech Inc.", "Initech Inc."),
        (
            "Merci,\nAnne Lambert, Directrice Marketing chez Oréal Conseil",
            "Oréal Conseil",
        ),
        ("Regards,\nMark Johnson\nSales Manager, EMEA\nContoso", "Contoso"),
        (
            "Bonne journée\nLucas Martin\nDG\nLes Jardins de Provence\n13100 Aix",
            "Les Jardins de Provence",
        ),
        (
            "Salutations,\nGérard Lemoine - Président\n"
            "Lemoine Transports - 45 route de Lyon",
            "Lemoine Transports",
        ),
        ("Thanks,\nMaria Garcia\nOperations Manager\nParis, France", None),
        ("Thanks,\nLinda Park\nLinkedIn | Twitter", None),
        ("Cordialement,\n\nMarie Dupont\nResponsable Marketing", None),
        ("Best regards,\nAnna", None),
        ("We use Salesforce Inc. today.\n\nRegards,\nBob Smith\nCTO", None),
        (
            "Our company, Delta Freight Ltd, needs 3 trucks.\nR. Singh",
            "Delta Freight Ltd",
        ),
        ("Je travaille chez Dupont Industrie. Merci\nPaul", "Dupont Industrie"),
        (
            "Je vous écris pour le compte de Hôtel Le Grand Large.",
            "Hôtel Le Grand Large",
        ),
        (
            "Je suis gérant de la société Plomberie Durand et vous écris.",
            "Plomberie Durand",
        ),
        ("Nicolas Faure - DSI - Imprimerie Faure & Cie", "Imprimerie Faure & Cie"),
        ("Vous pouvez en acheter chez Darty.\n\nPaul", None),
        ("I am writing on behalf of Mr. Smith.\nAnna", None),
        ("Cordialement,\nJean Dupont\nResponsable\nService Client", None),
    ],
)
def test_company(signature, company):
    assert extract(f"Hello,\n\nPlease call me.\n\n{signature}\n")["company"] == company


# ---------------------------------------------------------------------------
# The compared form of a value (what a lead keeps of a suggestion)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        ("phones", "06 12 34 56 78", "+33612345678"),
        ("emails", "Marie@Acme.FR ", "marie@acme.fr"),
        ("websites", "https://www.acme.fr/", "acme.fr"),
        ("company", "ACME S.A.S.", "Acme"),
        ("dates", "2027-03-16", "2027-03-16"),
    ],
)
def test_value_key_is_the_form_compared(name, first, second):
    assert extraction.value_key(name, first) == extraction.value_key(name, second)
    found = {
        **extraction.empty_result(),
        name: second if name == "company" else [second],
    }
    left = extraction.without_known(found, {name: first})[name]
    assert not left
