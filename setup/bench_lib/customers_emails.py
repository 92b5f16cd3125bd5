"""Extraction of the customers part: emails as salespeople receive them.

``extract(text, default_country="FR", today=...)`` of
``sales_management/tools/extraction`` (plain Python) on a few realistic
emails in English and French, plain text and HTML, with signatures,
disclaimers and quoted replies or earlier messages of the thread. Each email
is read once to warm up (the regular expressions and the phone metadata
load on the first call), then ``EXTRACTION_RUNS`` times per ``--repeat``;
the figures are the median time of each email, their median and the
slowest email. A check compares what is found with what the email says.
"""

import statistics
import time
from datetime import date

from odoo.addons.sales_management.tools.extraction import extract

from .bench import Figure

EXTRACTION_MAX_MS = 20.0
EXTRACTION_RUNS = 10  # timed runs of each email per --repeat
TODAY = date(2027, 3, 10)  # a Wednesday: relative dates resolve against it

# (name, text, what it must find: {key: values that must be among the
# results}); the values of "not" must not be found (those of the quoted
# messages, the salesperson's own)
EMAILS = (
    (
        "English enquiry with a signature",
        """Hello,

We are opening two new warehouses in Lyon and Marseille next quarter and
need about 40 pallet racks and 12 workstations. Our budget is around
€85,000 excluding VAT. Could you send us a quotation by March 24th?

A call next Tuesday would suit me, any time after 2 pm.

Kind regards,

Sophie Marchand
Purchasing Manager | Northwind Traders
Phone: +33 4 72 10 45 80 | Mobile: +33 6 12 48 90 33
sophie.marchand@northwind-traders.com
www.northwind-traders.com

This e-mail and any attachments are confidential and may also be privileged.
If you are not the intended recipient, please notify the sender immediately.
""",
        {
            "phones": ["+33472104580", "+33612489033"],
            "emails": ["sophie.marchand@northwind-traders.com"],
            "amounts": [(85000.0, "EUR")],
            "dates": ["2027-03-24", "2027-03-16"],
        },
    ),
    (
        "French reply quoting the quotation",
        """Bonjour Thomas,

Merci pour votre devis. Nous sommes d'accord sur le principe mais le
montant de 18 450 € HT dépasse notre enveloppe : pourriez-vous revoir le
prix des chaises ? Nous pourrions signer avant le 15 avril si nous
arrivons à 16 000 €.

Je reste joignable au 01 45 67 89 12 ou sur mon portable 06 72 18 44 05.

Bien cordialement,

Claire Bonnet
Responsable des achats
Atelier Bonnet & Fils
12 rue des Tanneurs, 69002 Lyon

Le lun. 8 mars 2027 à 17:45, Thomas Girard <thomas.girard@vendeur.fr> a écrit :
> Bonjour Madame Bonnet,
>
> Veuillez trouver ci-joint notre devis S00421 d'un montant de 18 450 € HT,
> valable jusqu'au 31 mars.
>
> Thomas Girard - 06 98 11 22 33
""",
        {
            "phones": ["+33145678912", "+33672184405"],
            "amounts": [(18450.0, "EUR"), (16000.0, "EUR")],
            "dates": ["2027-04-15"],
            "not": {"phones": ["+33698112233"], "dates": ["2027-03-31"]},
        },
    ),
    (
        "English HTML reply from Outlook",
        """<html><head><style>p{margin:0}</style></head><body>
<p>Hi Daniel,</p><p>&nbsp;</p>
<p>Thanks for the quick turnaround. We would like to go ahead with the
<b>premium support plan</b> for 25 seats at $14,900 per year. Legal needs
until end of month to review the contract; can we aim to sign on
April&nbsp;2nd?</p><p>&nbsp;</p>
<p>Best,</p>
<p><b>Olivia Grant</b><br>Head of Procurement, Tailspin Toys<br>
Direct: +1 (212) 555-0147<br>
<a href="https://www.tailspintoys.com">www.tailspintoys.com</a></p>
<hr style="display:inline-block;width:98%">
<div id="divRplyFwdMsg"><b>From:</b> Daniel Moss &lt;daniel@vendor.com&gt;<br>
<b>Sent:</b> Tuesday, March 9, 2027 4:12 PM<br>
<b>To:</b> Olivia Grant &lt;olivia.grant@tailspintoys.com&gt;<br>
<b>Subject:</b> RE: Support plans</div>
<div>Hi Olivia, the premium plan is $16,500 per year list price. Call me on
+1 212 736 5000.</div></body></html>""",
        {
            "phones": ["+12125550147"],
            "websites": ["https://www.tailspintoys.com"],
            "amounts": [(14900.0, "USD")],
            "dates": ["2027-04-02"],
            "not": {"phones": ["+12127365000"], "amounts": [(16500.0, "USD")]},
        },
    ),
    (
        "French HTML email from Gmail with a quoted thread",
        """<div dir="ltr">Bonjour,<div><br></div><div>Suite à notre échange
de ce matin, je vous confirme notre intérêt pour 3 imprimantes et le contrat
de maintenance. Notre budget est de 9&nbsp;500&nbsp;&euro;.</div><div><br>
</div><div>Pouvez-vous me rappeler dans 2 semaines au 04&nbsp;91&nbsp;55&nbsp;20&nbsp;10
?</div><div><br></div><div>Cordialement,</div><div>Julien Roux<br>Directeur
administratif<br>Société Méditerranée Imprim</div></div><br>
<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le mar. 9 mars
2027 à 11:02, Service commercial &lt;ventes@vendeur.fr&gt; a écrit&nbsp;:<br>
</div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex">Bonjour
Monsieur Roux, notre offre est de 10 200 €, valable jusqu'au 31/03.<br>
Service commercial - 01 40 20 50 60</blockquote></div>""",
        {
            "phones": ["+33491552010"],
            "amounts": [(9500.0, "EUR")],
            "dates": ["2027-03-24"],
            "not": {"phones": ["+33140205060"], "amounts": [(10200.0, "EUR")]},
        },
    ),
    (
        "English forward with the customer's message",
        """FYI, see below: a new lead from the trade show. Can you follow up?

---------- Forwarded message ---------
From: Mark Ellis <m.ellis@contoso-builders.co.uk>
Date: Tue, 9 Mar 2027 at 09:14
Subject: Site cabins for the Manchester project

Good morning,

We met at your stand last week. We need 6 site cabins and 2 storage
containers for a project starting on 3 May, for about 9 months. Our budget
is in the region of £60,000. Please call me on my mobile, +44 7911 123456.

Regards,
Mark Ellis
Site Manager, Contoso Builders Ltd
m.ellis@contoso-builders.co.uk | https://www.contoso-builders.co.uk
""",
        {
            "phones": ["+447911123456"],
            "emails": ["m.ellis@contoso-builders.co.uk"],
            "amounts": [(60000.0, "GBP")],
            "dates": ["2027-05-03"],
        },
    ),
    (
        "French call note",
        """Appel de Mme Lefèvre (Groupe Horizon Santé), très intéressée par
l'offre logiciel pour leurs 4 cliniques. Budget annoncé : 45 k€ sur 3 ans,
décision en comité le 22 avril. Veut une démo la semaine prochaine, la
rappeler au 03 20 45 67 89. Email : a.lefevre@horizon-sante.fr
""",
        {
            "phones": ["+33320456789"],
            "emails": ["a.lefevre@horizon-sante.fr"],
            "amounts": [(45000.0, "EUR")],
            "dates": ["2027-04-22"],
        },
    ),
)


def _mistakes(found, wanted):
    """What ``found`` lacks of ``wanted`` ({key: values}) and what it holds
    of ``wanted["not"]``."""
    mistakes = []
    for key, values in wanted.items():
        if key == "not":
            continue
        got = found.get(key) or []
        mistakes += [f"{key} {value} not found" for value in values if value not in got]
    for key, values in wanted.get("not", {}).items():
        got = found.get(key) or []
        mistakes += [f"{key} {value} found" for value in values if value in got]
    return mistakes


def measure_extraction(results, repeat):
    """Time ``extract`` on every email; check what it finds."""
    medians, slowest_run, problems = {}, 0.0, []
    runs = max(1, repeat) * EXTRACTION_RUNS
    for name, text, wanted in EMAILS:
        found = extract(text, default_country="FR", today=TODAY)  # warm-up
        mistakes = _mistakes(found, wanted)
        if mistakes:
            problems.append(f"{name}: {', '.join(mistakes)}")
        times = []
        for _run in range(runs):
            started = time.perf_counter()
            extract(text, default_country="FR", today=TODAY)
            times.append((time.perf_counter() - started) * 1000.0)
        medians[name] = statistics.median(times)
        slowest_run = max(slowest_run, max(times))
    per_email = ", ".join(f"{value:.1f}" for value in medians.values())
    results.figures.append(
        Figure(
            f"extraction of one email (median of {len(EMAILS)} emails)",
            list(medians.values()),
            EXTRACTION_MAX_MS,
            f"median of {runs} runs of each email, in ms: {per_email}",
        )
    )
    slowest = max(medians, key=medians.get)
    results.figures.append(
        Figure(
            "  the slowest email",
            [medians[slowest]],
            EXTRACTION_MAX_MS,
            f"{slowest}; the slowest single run of any email: {slowest_run:.1f} ms",
        )
    )
    results.checks.append(
        (
            f"extraction finds the phones, addresses, amounts and dates of the "
            f"{len(EMAILS)} emails, not those of the quoted messages",
            not problems,
            "; ".join(problems) or "all found",
        )
    )
