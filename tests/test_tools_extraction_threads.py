"""Tests of sales_management/tools/extraction on whole messages: HTML bodies,
replies with quotes, earlier messages of a thread, forwards, disclaimers."""

from datetime import date

from sales_management_tools import extraction  # tests/conftest.py

TODAY = date(2027, 3, 10)  # a Wednesday


def result(**found):
    return {**extraction.empty_result(), **found}


def extract(body, **options):
    return extraction.extract(body, today=TODAY, **options)


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def test_html_email_with_a_table_signature():
    email = """<html><head><style>p {margin:0} .sig {color:#333}</style></head>
<body><p>Hi team,</p><p>Following up on the demo: we&#39;d like to start with
25&nbsp;users. The price you quoted, $18,500 per year, works for us if we can
sign by April&nbsp;15th.</p><p>Thanks,</p>
<table class="sig"><tr><td><img src="cid:logo.png" alt="Brightline"></td>
<td><b>David Chen</b><br>VP Operations | Brightline Logistics<br>
T:&nbsp;+1&nbsp;(646)&nbsp;555-3890<br>
<a href="https://brightline.io/?utm_source=signature">brightline.io</a></td>
</tr></table></body></html>"""
    assert extract(email) == result(
        phones=["+16465553890"],
        websites=["https://brightline.io"],
        company="Brightline Logistics",
        amounts=[(18500.0, "USD")],
        dates=["2027-04-15"],
    )


def test_html_gmail_reply_drops_the_quote():
    email = """<div dir="ltr">Bonjour Marc,<div><br></div><div>C&#39;est d&#39;accord
pour 9&nbsp;500&nbsp;&euro;. On se voit <b>vendredi 12 mars</b>.</div><div><br>
</div><div>Hélène</div></div><br><div class="gmail_quote"><div dir="ltr"
class="gmail_attr">Le mar. 9 mars 2027 à 18:02, Marc Petit &lt;marc@vendeur.fr&gt;
a écrit&nbsp;:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex">
Bonjour Hélène, notre meilleure offre est à 9 800 €, valable jusqu'au 31/03.
<br>Marc Petit - 06 98 76 54 32</blockquote></div>"""
    assert extract(email) == result(amounts=[(9500.0, "EUR")], dates=["2027-03-12"])


def test_html_outlook_reply_drops_the_earlier_message():
    email = """<html><body><div>Hello Sam,</div><div>Confirmed for next Monday.
Our PO will follow.</div><div>&nbsp;</div><div>Regards,</div><div>Olivia Grant
</div><div>Procurement Lead, Tailspin Toys</div>
<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b>
Sam Vendor &lt;sam@vendor.com&gt;<br><b>Sent:</b> Tuesday, March 9, 2027 4:12 PM
<br><b>To:</b> Olivia Grant &lt;olivia.grant@tailspintoys.com&gt;<br>
<b>Subject:</b> RE: Proposal</div><div>Hi Olivia, the total is $42,000. Call
me at +1 212 736 5000.</div></body></html>"""
    assert extract(email) == result(company="Tailspin Toys", dates=["2027-03-15"])


def test_html_entities_and_line_breaks():
    email = (
        "<p>Contact&nbsp;: <a href='mailto:Ines.Roux@Atelier-Roux.fr'>"
        "Ines.Roux@Atelier-Roux.fr</a><br/>T&eacute;l&nbsp;: 01&nbsp;42&nbsp;68"
        "&nbsp;53&nbsp;00</p><p>Montant&nbsp;: 2&#8239;500&nbsp;&euro; TTC</p>"
    )
    assert extract(email) == result(
        phones=["+33142685300"],
        emails=["ines.roux@atelier-roux.fr"],
        amounts=[(2500.0, "EUR")],
    )


def test_html_mailto_and_tel_links_are_read_other_links_by_their_text():
    email = (
        '<p>Write <a href="mailto:Marie.Roy%40Roy-Conseil.fr?subject=Devis">to me'
        "</a> or <a href='tel:+33612345678'>call me</a>. Our "
        '<a href="https://roy-conseil.fr/offres">offers</a> and '
        '<a href="https://roy-conseil.fr">www.roy-conseil.fr</a>.</p>'
    )
    assert extract(email) == result(
        phones=["+33612345678"],
        emails=["marie.roy@roy-conseil.fr"],
        websites=["https://www.roy-conseil.fr"],
    )


# ---------------------------------------------------------------------------
# Plain-text threads
# ---------------------------------------------------------------------------


def test_english_reply_with_quoted_lines():
    email = """Sounds good, let's talk tomorrow.

Best,
Rachel Green
Buyer, Central Perk Coffee

On Tue, Mar 9, 2027 at 4:45 PM Mark Seller <mark@seller.com> wrote:
> Hi Rachel, our price is $12,000. Call me on +1 212 736 5000.
> Mark
"""
    assert extract(email) == result(company="Central Perk Coffee", dates=["2027-03-11"])


def test_french_reply_header_over_two_lines():
    email = """Bonjour,

Je valide le devis de 7 200 € HT. Livraison souhaitée le 2 avril.

Cordialement,
Bruno Caron

Le mar. 9 mars 2027 à 10:12, Jean Dupont <
jean.dupont@vendeur.fr> a écrit :
> Bonjour, voici notre devis n° D-2027-0042 de 7 200 € HT.
> Jean Dupont - 06 11 22 33 44
"""
    assert extract(email) == result(amounts=[(7200.0, "EUR")], dates=["2027-04-02"])


def test_bottom_posted_reply_keeps_the_answer_below_the_quote():
    email = """On 9 March 2027, Sales <sales@vendor.com> wrote:
> Would 15/04 work for the kick-off?
> Our offer: 5 000 €.

15/04 is fine for us. Please call me on 04 78 12 34 56.
Budget confirmed at 6 000 €.
"""
    assert extract(email) == result(
        phones=["+33478123456"],
        amounts=[(6000.0, "EUR")],
        dates=["2027-04-15"],
    )


def test_outlook_plain_text_original_message():
    email = """Hi,

Yes, please send the contract. We can sign by the end of next week.

Thanks
Laura

-----Original Message-----
From: Peter Vendor [mailto:peter@vendor.com]
Sent: Tuesday, March 9, 2027 11:02 AM
To: Laura <laura@customer.com>
Subject: Contract

Laura, the annual fee is €24,000. Reach me on +44 20 7946 0958.
"""
    assert extract(email) == result(dates=["2027-03-19"])


def test_french_outlook_header_block_cuts_the_earlier_message():
    email = """Bonjour,

Nous confirmons la commande pour le 20/03.

Isabelle Marchand
Responsable logistique
Verdier Distribution SARL

De : Paul Vendeur <paul@vendeur.fr>
Envoyé : mardi 9 mars 2027 09:15
À : Isabelle Marchand <i.marchand@verdier-distribution.fr>
Objet : Proposition

Bonjour Isabelle, le total est de 18 000 € HT. Mon portable : 06 98 76 54 32.
"""
    assert extract(email) == result(
        company="Verdier Distribution SARL", dates=["2027-03-20"]
    )


def test_forwarded_prospect_email_is_read_without_its_header():
    email = """FYI - hot lead from the trade show, see below.

Jean
Sales at OurSoftware

---------- Forwarded message ---------
From: Marie Dupont <marie.dupont@acme-industries.fr>
Date: Tue, 9 Mar 2027 at 17:40
Subject: Demande de devis
To: Jean <jean@oursoftware.com>


Bonjour Jean,

Comme convenu au salon, pouvez-vous m'envoyer un devis pour 30 postes ?
Notre budget est de 50 000 €. Je suis disponible jeudi prochain.

Marie Dupont
Directrice commerciale
Acme Industries
Tél : 01 42 68 53 00
www.acme-industries.fr
"""
    assert extract(email) == result(
        phones=["+33142685300"],
        websites=["https://www.acme-industries.fr"],
        company="Acme Industries",
        amounts=[(50000.0, "EUR")],
        dates=["2027-03-11"],
    )


def test_outlook_forward_without_marker_is_read():
    email = """Pour info.

________________________________
De : Karim Haddad <k.haddad@novatek.fr>
Envoyé : lundi 8 mars 2027 16:20
À : Commercial <commercial@nous.fr>
Objet : TR: Projet CRM

Bonjour, nous souhaitons démarrer le projet en mai. Budget : 35 k€.
Karim Haddad - Novatek SAS - 06 61 23 45 67
"""
    assert extract(email) == result(
        phones=["+33661234567"],
        company="Novatek SAS",
        amounts=[(35000.0, "EUR")],
    )


def test_sent_from_my_phone_lines_are_dropped():
    email = """OK for Friday 12 March, 3pm.

Sent from my iPhone"""
    assert extract(email) == result(dates=["2027-03-12"])


# ---------------------------------------------------------------------------
# Disclaimers and footers
# ---------------------------------------------------------------------------


def test_english_disclaimer_and_environment_footer_are_ignored():
    email = """Hi,

Let's meet on 22/03 to review the 85 000 € budget.

Kind regards,
Oliver Hughes
Commercial Director
Fourth Coffee Ltd
+44 20 7946 0958

This email and any attachments are confidential and intended solely for the
use of the addressee. If you are not the intended recipient, please notify
the sender at legal@fourthcoffee.co.uk or call +44 20 7946 0000 immediately.
Please consider the environment before printing this email.
"""
    assert extract(email) == result(
        phones=["+442079460958"],
        company="Fourth Coffee Ltd",
        amounts=[(85000.0, "EUR")],
        dates=["2027-03-22"],
    )


def test_french_disclaimer_and_legal_footer():
    email = """Bonjour,

Je vous confirme notre accord pour un démarrage le 6 avril.

Cordialement,
Sandrine Lopez
Atelier Lumière
Tél. 04 78 12 34 56

Atelier Lumière SAS au capital de 100 000 € - RCS Lyon 812 345 678 - SIRET
812 345 678 00021
Ce message et toutes les pièces jointes sont confidentiels et établis à
l'intention exclusive de ses destinataires. Toute utilisation non autorisée
est interdite. Si vous avez reçu ce message par erreur, merci d'appeler le
01 42 68 53 00.
"""
    assert extract(email) == result(
        phones=["+33478123456"],
        company="Atelier Lumière SAS",
        dates=["2027-04-06"],
    )


def test_external_sender_banner_and_unsubscribe_footer():
    email = """CAUTION: This email originated from outside of the organization. Do not
click links or open attachments unless you recognize the sender.

Hello, we would like a demo on 18 March. Our budget is $30k.

Dana Scully - Head of IT - Bureau Analytics
dana@bureau-analytics.com

To unsubscribe from these emails click here: https://bureau-analytics.com/unsub
Manage your email preferences
"""
    assert extract(email) == result(
        emails=["dana@bureau-analytics.com"],
        company="Bureau Analytics",
        amounts=[(30000.0, "USD")],
        dates=["2027-03-18"],
    )
