# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contact details, amounts and dates found in an email or a call note.

``extract(text, default_country="FR", today=None)`` reads the body of an
incoming email (plain text or HTML, str or bytes) or the text of a call
note and returns what a salesperson may want to copy onto the lead, as a
dict:

* ``phones``: E.164 strings ("+33612345678");
* ``emails``: lower-case addresses;
* ``websites``: ``https://`` URLs (never the domain of an e-mail address);
* ``company``: the sender's company, a string, or None;
* ``amounts``: ``(value, ISO currency or None)`` tuples, ``value`` a float;
* ``dates``: ISO ``YYYY-MM-DD`` strings, relative expressions ("next
  Tuesday", "dans 2 semaines") resolved against ``today``.

Each list is in order of appearance, without duplicates. Quoted replies,
earlier messages of the thread, disclaimers and "sent from my phone" lines
are not read (``text.read_body`` tells what is cut, and why a forwarded
message is kept). ``default_country`` (ISO 3166 alpha-2, e.g. "FR") is the
region of phone numbers written without "+" and, when "US", reads "03/04"
month first; an unknown one reads only "+" numbers. ``today`` is a
``datetime.date`` (by default the current date). Nothing raises: None,
numbers, bytes that are not UTF-8 give an empty result or what could be read.

``without_known(found, known)`` drops from a result what a lead already
holds, so that only new details are suggested; ``value_key(name, value)`` is
the form in which it compares them.

English and French are read; the modules say what each finder accepts and
refuses: ``contacts`` (phones, e-mail addresses, websites), ``amounts``,
``dates``, ``company``. The finders run one after the other and a span read
by one is not read again (``claims``): e-mail addresses, links, amounts with
a currency, reference numbers (IBAN, SIRET, "n° ..."), phone numbers, dates,
budgets without a currency.

Speed: regular expressions compiled once, word lists as prefix trees, and
the ``phonenumbers`` matcher only on runs of digits; a typical email is read
in about a millisecond, most of it in ``phonenumbers``. Only the first
20,000 characters of what the sender wrote are read (400,000 of HTML), and
at most 20 phone numbers (more is a directory, not a lead).

Known limitations: a weekday alone ("on Tuesday", "jeudi") and "yesterday"
are not read; a date without a year is taken in the future even when the
sentence speaks of the past; "next Tuesday" is the first Tuesday after today
(some people mean the one of next week); the company is a heuristic (the
salesperson's own company may come out of a note that names no other);
"1,250 €" is 1250 (never 1.25); the addresses of HTML links are not read,
only their text.

>>> from datetime import date
>>> note = ("Called Marie, budget 25k€, decision by end of month, "
...         "call back next Tuesday at 0612345678")
>>> found = extract(note, today=date(2027, 3, 10))
>>> found["phones"], found["amounts"], found["dates"]
(['+33612345678'], [(25000.0, 'EUR')], ['2027-03-31', '2027-03-16'])
>>> extract(None)["company"] is None
True
"""

from datetime import date, datetime

from .amounts import find_amounts
from .claims import Claims
from .company import find_company
from .contacts import (
    claim_references,
    find_emails,
    find_phones,
    find_websites,
    region_of,
)
from .dates import find_dates
from .known import value_key, without_known
from .text import read_body

__all__ = ["KEYS", "extract", "value_key", "without_known"]

KEYS = ("phones", "emails", "websites", "company", "amounts", "dates")
# Regions whose people write dates month first.
_MONTH_FIRST_REGIONS = frozenset(("US", "PR", "GU", "VI", "AS", "MP", "UM"))


def empty_result():
    return {
        "phones": [],
        "emails": [],
        "websites": [],
        "company": None,
        "amounts": [],
        "dates": [],
    }


def _day(today):
    if isinstance(today, datetime):
        return today.date()
    if isinstance(today, date):
        return today
    return date.today()


def _unique(items):
    found = []
    for item in items:
        if item not in found:
            found.append(item)
    return found


def extract(text, default_country="FR", today=None):
    """What ``text`` tells about a lead (see the module)."""
    result = empty_result()
    body = read_body(text)
    content = body.text
    if not content.strip():
        return result
    region = region_of(default_country)
    claims = Claims(content)
    # In this order: what one finder reads, the next ones do not read again.
    result["emails"] = find_emails(content, claims)
    result["websites"] = find_websites(content, claims)
    with_currency = find_amounts(content, claims, with_currency=True)
    claim_references(content, claims)
    result["phones"] = find_phones(content, claims, region)
    dates = find_dates(
        content, _day(today), claims, month_first=region in _MONTH_FIRST_REGIONS
    )
    result["dates"] = _unique(day for day, _span in dates)
    budgets = find_amounts(content, claims)
    amounts = sorted(with_currency + budgets, key=lambda item: item[1])
    result["amounts"] = _unique(amount for amount, _span in amounts)
    domains = [address.split("@", 1)[1] for address in result["emails"]]
    domains += [url.split("/")[2].split(":")[0] for url in result["websites"]]
    result["company"] = find_company(content, body.parts(), domains)
    return result
