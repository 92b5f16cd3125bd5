"""Tests of sales_management/tools/extraction: realistic emails and call notes
in English and French, each checked on the whole result, without Odoo.

Threads, HTML, forwards and disclaimers are in test_tools_extraction_threads.py,
each finder's rules in test_tools_extraction_parts.py, robustness in
test_tools_extraction_fuzz.py.
"""

import doctest
from datetime import date

import pytest
from sales_management_tools import extraction  # tests/conftest.py
from sales_management_tools.extraction import (
    amounts,
    claims,
    company,
    contacts,
    dates,
    known,
    text,
)

TODAY = date(2027, 3, 10)  # a Wednesday


def result(**found):
    """A whole result: the given keys, the others empty."""
    return {**extraction.empty_result(), **found}


def extract(body, **options):
    return extraction.extract(body, today=TODAY, **options)


@pytest.mark.parametrize(
    "module", [extraction, amounts, claims, company, contacts, dates, known, text]
)
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_the_engine_is_importable_as_the_issue_names_it(monkeypatch):
    """``from tools.extraction import extract`` with the addon on sys.path."""
    import importlib
    import sys
    from pathlib import Path

    addon = Path(__file__).resolve().parent.parent / "sales_management"
    monkeypatch.syspath_prepend(str(addon))
    before = set(sys.modules)
    try:
        module = importlib.import_module("tools.extraction")
        assert module.extract("") == extraction.empty_result()
        assert module.extract("06 12 34 56 78")["phones"] == ["+33612345678"]
    finally:
        for name in set(sys.modules) - before:
            if name == "tools" or name.startswith("tools."):
                del sys.modules[name]


# ---------------------------------------------------------------------------
# Requests for quotes
# ---------------------------------------------------------------------------


def test_english_request_for_quote_with_a_full_signature():
    email = """Hello,

We are looking for a CRM partner for our 40 sales reps. Could you send us a
quote before Friday? Our budget is around €45,000 per year.

Best regards,

Sarah Mitchell
Head of Sales Operations
Northwind Traders Ltd
Direct: +44 20 7946 0958
Mobile: +44 7911 123456
sarah.mitchell@northwind-traders.co.uk
www.northwind-traders.co.uk
"""
    assert extract(email) == result(
        phones=["+442079460958", "+447911123456"],
        emails=["sarah.mitchell@northwind-traders.co.uk"],
        websites=["https://www.northwind-traders.co.uk"],
        company="Northwind Traders Ltd",
        amounts=[(45000.0, "EUR")],
        dates=["2027-03-12"],
    )


def test_french_request_for_quote_with_an_address_in_the_signature():
    email = """Bonjour Monsieur Martin,

Suite à notre échange téléphonique de ce matin, je vous confirme notre intérêt
pour votre solution. Pourriez-vous nous faire parvenir une proposition d'ici
le 25 mars ? Notre enveloppe est de 30 000 € HT.

Je suis joignable au 06 12 34 56 78 ou au 01 42 68 53 00.

Bien cordialement,

Claire Fontaine
Directrice des achats
Maison Berthier SAS
12 rue de la Paix, 75002 Paris
claire.fontaine@maison-berthier.fr
"""
    assert extract(email) == result(
        phones=["+33612345678", "+33142685300"],
        emails=["claire.fontaine@maison-berthier.fr"],
        company="Maison Berthier SAS",
        amounts=[(30000.0, "EUR")],
        dates=["2027-03-25"],
    )


def test_web_form_notification_with_labels():
    email = """New contact request from your website

Name: John Smith
Company: Vertex Analytics
Email: John.Smith@VertexAnalytics.com
Phone: +1 212 736 5000
Message: We need a quote for 50 licences, budget 20k USD, go-live in 3 months.
"""
    assert extract(email) == result(
        phones=["+12127365000"],
        emails=["john.smith@vertexanalytics.com"],
        company="Vertex Analytics",
        amounts=[(20000.0, "USD")],
        dates=["2027-06-10"],
    )


def test_web_form_starting_with_from_and_subject_is_no_earlier_message():
    email = """New message from your contact form
From: John Smith <John@Smith-Plumbing.com>
Subject: Quote request
Phone: 06 12 34 56 78
Message: We need a quote for Smith Plumbing before April 2nd.
"""
    assert extract(email) == result(
        phones=["+33612345678"],
        emails=["john@smith-plumbing.com"],
        company="Smith Plumbing",
        dates=["2027-04-02"],
    )


def test_french_web_form_with_societe_label():
    email = """Nouvelle demande de contact

Nom : Julien Morel
Société : Boulangeries Morel & Fils
Téléphone : 03 88 12 34 56
E-mail : julien.morel@morel-fils.fr
Message : Bonjour, nous ouvrons 3 magasins en septembre. Pouvez-vous me
rappeler demain matin ? Budget : 15 000 euros.
"""
    assert extract(email) == result(
        phones=["+33388123456"],
        emails=["julien.morel@morel-fils.fr"],
        company="Boulangeries Morel & Fils",
        amounts=[(15000.0, "EUR")],
        dates=["2027-03-11"],
    )


def test_swiss_prospect_with_francs_and_apostrophes():
    email = """Bonjour,

Merci pour la démo. Le tarif de CHF 1'200.50 par mois nous convient, et la
mise en service à CHF 4'800 aussi. Nous pourrions signer le 1er avril.

Meilleures salutations

Luca Bernasconi
Responsable informatique
Helvetia Precision SA
Tél. +41 22 345 67 89
Mobile +41 79 123 45 67
"""
    assert extract(email) == result(
        phones=["+41223456789", "+41791234567"],
        company="Helvetia Precision SA",
        amounts=[(1200.5, "CHF"), (4800.0, "CHF")],
        dates=["2027-04-01"],
    )


def test_german_supplier_with_continental_number_format():
    email = """Dear Mr. Laurent,

please find our counter-offer: 12.500,00 EUR for the first year, then
9.800,00 EUR per year. The offer is valid until 30.04.2027.

Kind regards
Anna Schulz
Key Account Manager
Kessler Maschinenbau GmbH
Tel. +49 89 12345678
anna.schulz@kessler-maschinenbau.de | www.kessler-maschinenbau.de
"""
    assert extract(email) == result(
        phones=["+498912345678"],
        emails=["anna.schulz@kessler-maschinenbau.de"],
        websites=["https://www.kessler-maschinenbau.de"],
        company="Kessler Maschinenbau GmbH",
        amounts=[(12500.0, "EUR"), (9800.0, "EUR")],
        dates=["2027-04-30"],
    )


def test_pricing_recap_with_multipliers_and_ranges():
    email = """Hi Tom,

Quick recap of what we discussed: EUR 3k for the setup, then a licence of
1,2 M€ over three years. Their alternative vendor quoted $1.2M and £300 per
seat for training. Their total envelope is 10-15 k€ for phase 1.

Cheers,
Priya
"""
    assert extract(email) == result(
        amounts=[
            (3000.0, "EUR"),
            (1200000.0, "EUR"),
            (1200000.0, "USD"),
            (300.0, "GBP"),
            (10000.0, "EUR"),
            (15000.0, "EUR"),
        ],
    )


# ---------------------------------------------------------------------------
# Call notes
# ---------------------------------------------------------------------------


def test_call_note_of_the_issue():
    note = (
        "Called Marie, budget 25k€, decision by end of month, call back next "
        "Tuesday at 0612345678"
    )
    assert extract(note) == result(
        phones=["+33612345678"],
        amounts=[(25000.0, "EUR")],
        dates=["2027-03-31", "2027-03-16"],
    )


def test_french_call_note():
    note = """Appel avec Paul Girard de chez Transports Legrand : budget de 40 000,
décision la semaine prochaine. Rappeler jeudi prochain au 04 78 12 34 56.
Envoyer la doc à p.girard@transports-legrand.com"""
    assert extract(note) == result(
        phones=["+33478123456"],
        emails=["p.girard@transports-legrand.com"],
        company="Transports Legrand",
        amounts=[(40000.0, None)],
        dates=["2027-03-15", "2027-03-11"],
    )


def test_english_call_note_with_relative_dates():
    note = """Spoke with Kevin (IT director). 120 employees, current tool renewal
ends mid-June. Budget of 60000 approved. Wants a proposal in two weeks and a
follow-up call the day after tomorrow. Mobile +44 7911 123456."""
    assert extract(note) == result(
        phones=["+447911123456"],
        amounts=[(60000.0, None)],
        dates=["2027-06-15", "2027-03-24", "2027-03-12"],
    )


def test_french_call_note_with_absolute_and_relative_dates():
    note = """RDV fixé le 3 mars 2027 avec Mme Dubois, à confirmer dans 10 jours.
Devis à envoyer avant le 15/04, relance fin du mois prochain.
Enveloppe budgétaire : 80 K€."""
    assert extract(note) == result(
        amounts=[(80000.0, "EUR")],
        dates=["2027-03-03", "2027-03-20", "2027-04-15", "2027-04-30"],
    )


def test_call_note_without_anything_to_suggest():
    note = "Left a voicemail. No answer. Will try again later."
    assert extract(note) == result()


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------


def test_meeting_request_in_english():
    email = """Hi Julia,

Would next Thursday at 10:00 or Friday March 19 work for a 30 minute call?
You can also book a slot at https://calendly.com/tom-baker/30min.

Thanks,
Tom Baker
Account Executive at Fabrikam Solutions
https://www.fabrikam-solutions.com/en/
"""
    assert extract(email) == result(
        websites=["https://www.fabrikam-solutions.com/en"],
        company="Fabrikam Solutions",
        dates=["2027-03-11", "2027-03-19"],
    )


def test_meeting_request_in_french():
    email = """Bonjour Sophie,

Je vous propose un rendez-vous mardi de la semaine prochaine à 14h30, ou le
jeudi 18 mars à 9h. La réunion se tiendra dans nos locaux.

Bonne journée,

Thomas Leroy
Chargé d'affaires | Groupe Vauban Ingénierie
Ligne directe : 01 53 45 67 89
"""
    assert extract(email) == result(
        phones=["+33153456789"],
        company="Groupe Vauban Ingénierie",
        dates=["2027-03-16", "2027-03-18"],
    )


def test_signature_line_matching_the_domain_of_the_address():
    email = """Bonjour,

Merci de me recontacter la semaine prochaine.

Cordialement,
Nadia Benali
ACME INDUSTRIE
nadia.benali@acme-industrie.fr
"""
    assert extract(email) == result(
        emails=["nadia.benali@acme-industrie.fr"],
        company="ACME INDUSTRIE",
        dates=["2027-03-15"],
    )


def test_company_after_name_and_title():
    email = """Hello,

Can you call me tomorrow?

Regards,
Emily Carter
Purchasing Manager
Contoso Pharma
"""
    assert extract(email) == result(company="Contoso Pharma", dates=["2027-03-11"])


def test_free_mail_sender_without_company():
    email = """Bonjour,

Je suis artisan et je cherche un logiciel de devis. Pouvez-vous me rappeler au
07 81 23 45 67 ?

Merci,
Jean-Luc Perrin
jl.perrin@gmail.com
"""
    assert extract(email) == result(
        phones=["+33781234567"], emails=["jl.perrin@gmail.com"]
    )


def test_united_states_prospect_reads_dates_month_first():
    email = """Hi,

Please call me at (212) 736-5000. We could start on 04/05 and sign by 12/30.

Best,
Mike Ross
Pearson Hardman LLC
"""
    assert extract(email, default_country="US") == result(
        phones=["+12127365000"],
        company="Pearson Hardman LLC",
        dates=["2027-04-05", "2027-12-30"],
    )
    assert extract(email)["phones"] == []  # a national US number outside the US
    assert extract(email)["dates"] == ["2027-05-04", "2027-12-30"]


# ---------------------------------------------------------------------------
# More prospects
# ---------------------------------------------------------------------------


def test_french_purchasing_email_with_a_group_in_capitals():
    email = """Bonjour Monsieur,

Je reviens vers vous concernant notre projet d'équipement de 12 magasins. Nous
souhaiterions recevoir une offre détaillée avant le vendredi 19 mars. Le budget
alloué est de l'ordre de 120 k€ HT sur 3 ans.

Seriez-vous disponible pour un échange téléphonique lundi 15 mars à 11h ?

Bien cordialement,

--
Stéphanie Garnier
Responsable Achats Indirects
GROUPE DELMAS DISTRIBUTION
Siège social : 45 avenue Jean Jaurès - 69007 Lyon
T. +33 (0)4 72 12 34 56 | M. +33 (0)6 71 23 45 67
s.garnier@delmas-distribution.com
www.delmas-distribution.com
"""
    assert extract(email) == result(
        phones=["+33472123456", "+33671234567"],
        emails=["s.garnier@delmas-distribution.com"],
        websites=["https://www.delmas-distribution.com"],
        company="GROUPE DELMAS DISTRIBUTION",
        amounts=[(120000.0, "EUR")],
        dates=["2027-03-19", "2027-03-15"],
    )


def test_english_questions_on_a_proposal():
    email = """Hi Mr. Laurent,

Thank you for the proposal. A few questions before we move on:
1. Is the €8,400/year price per site or for all 3 sites?
2. Can the onboarding start on Monday, March 22?
3. What's your SLA (99.9%)?

Our CFO wants a final answer by end of next week.

Best,
Kate
--
Kate Williams | Head of Procurement
Lumen Health Partners
+44 (0)20 7946 0958
"""
    assert extract(email) == result(
        phones=["+442079460958"],
        company="Lumen Health Partners",
        amounts=[(8400.0, "EUR")],
        dates=["2027-03-22", "2027-03-19"],
    )


def test_french_answers_as_a_list_with_a_budget_range():
    email = """Bonjour,

Suite à votre appel d'hier, je vous transmets les informations demandées :
- Nombre d'utilisateurs : 35
- Date de démarrage souhaitée : 01/06/2027
- Budget : entre 20 000 et 25 000 euros HT

N'hésitez pas à me joindre au 02.99.12.34.56.

Cordialement
Yann Le Goff
Directeur administratif et financier
Breizh Agro SAS
"""
    assert extract(email) == result(
        phones=["+33299123456"],
        company="Breizh Agro SAS",
        amounts=[(20000.0, "EUR"), (25000.0, "EUR")],
        dates=["2027-06-01"],
    )


def test_company_named_in_the_text_like_the_domain_of_the_address():
    email = """Hello,

I'm writing on behalf of Sunrise Events. We're planning a conference for 300
attendees on June 12-14, 2027 in Lyon and need a quote for catering. Our budget
is USD 45,000.

Please reply to events@sunrise-events.com or call +1 (415) 555-0199.

Regards,
Jessica Tran
Event Coordinator
"""
    assert extract(email) == result(
        phones=["+14155550199"],
        emails=["events@sunrise-events.com"],
        company="Sunrise Events",
        amounts=[(45000.0, "USD")],
        dates=["2027-06-12", "2027-06-14"],
    )


def test_informal_french_order_confirmation():
    email = """Salut Julien,

Comme convenu, je te confirme la commande de 50 licences à 29 €/mois. On démarre
le 1er avril. Je t'envoie le bon de commande n° BC-2027-118 demain.

A+
Nico
Nicolas Faure - DSI - Imprimerie Faure & Cie
06 45 12 78 90
"""
    assert extract(email) == result(
        phones=["+33645127890"],
        company="Imprimerie Faure & Cie",
        amounts=[(29.0, "EUR")],
        dates=["2027-04-01", "2027-03-11"],
    )
