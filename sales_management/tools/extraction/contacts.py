# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mail addresses, websites, reference numbers and phone numbers.

* E-mail addresses are lower-cased; "mailto:" and the punctuation around them
  go. Addresses such as no-reply@... are kept: the salesperson dismisses them
  (they rarely appear in a body, and leaving them out would hide a real one).
* Websites come from links (http://, https://), "www." names and bare domain
  names whose ending is in a short list of common endings ("acme.fr",
  "acme.co.uk"; not "report.pdf" nor "logo.ai"). They read
  ``https://<host>[/<path>]``: the scheme becomes https, the host is
  lower-cased, the query, the fragment and a lone "/" go. The domain of an
  e-mail address is not a website (only a website written as such is). Links
  to social networks, meeting tools, file sharing, link shorteners, webmail
  and search engines are left out: they are not the prospect's website (a
  LinkedIn profile is a person's page, a Teams link a meeting).
* Reference numbers (IBAN, SIRET, SIREN, VAT numbers, "n° ...", "ref ...",
  "#...") are only claimed, so that no phone number, amount or date is read
  in them.
* Phone numbers are found by ``phonenumbers`` (the library of Odoo's phone
  validation), valid numbers only, in the region of the default country for
  numbers without a "+" prefix; they read in E.164. A number labelled as a
  fax, or following an order, invoice or reference label, is left out.
"""

import re

import phonenumbers

from .patterns import words

# More numbers than this in one message are a list, not a lead's numbers.
MAX_PHONES = 20
_EMAIL = re.compile(
    r"(?<![\w.%+\-])[a-z0-9](?:[a-z0-9._%+\-]{0,63})@"
    r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\w\-]|\.\w)",
    re.I,
)

# Endings read as a website without "www." or "http": common ones that are
# not also file extensions (.ai, .md, .pl, .py, .rs, .sh, .zip ... are).
_BARE_ENDINGS = (
    "com|fr|net|org|eu|io|co|de|be|ch|es|it|nl|lu|uk|ca|us|at|pt|ie|se|dk|fi|no"
    "|cz|gr|ro|hu|ma|tn|sn|dz|mc|ci|cm|ae|sg|hk|au|nz|jp|cn|br|mx|za|biz|info"
    "|app|dev|tech|cloud|pro|group|agency|consulting|digital|solutions|studio"
    "|shop|store|online|site|services|eco|paris|bzh|alsace|corsica|immo"
)
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_URL = re.compile(
    r"(?<![\w@.\-/:])(?<!@ )(?:(?P<scheme>https?)://(?P<host>[^\s/?#<>\"'()\[\]{},;|]+)"
    rf"|(?P<www>www\d?\.(?:{_LABEL}\.)+[a-z]{{2,24}})"
    rf"|(?P<bare>(?:{_LABEL}\.)+(?:{_BARE_ENDINGS})))"
    r"(?![\w\-@]|\.\w)(?P<rest>[/?#][^\s<>\"'|]*)?",
    re.I,
)
_HOST = re.compile(rf"(?:{_LABEL}\.)+[a-z]{{2,24}}(?::\d{{1,5}})?", re.I)
_TRAILING = ".,;:!?'\"»*"
# Hosts (and their sub-domains) that are not a company's website.
_NOT_WEBSITES = frozenset(
    """linkedin.com lnkd.in facebook.com fb.com fb.me instagram.com twitter.com
    x.com t.co youtube.com youtu.be tiktok.com pinterest.com vimeo.com
    whatsapp.com wa.me t.me telegram.me snapchat.com threads.net github.com
    medium.com viadeo.com xing.com calendly.com zoom.us zoom.com teams.microsoft.com
    teams.live.com meet.google.com webex.com gotomeeting.com whereby.com doodle.com
    bit.ly tinyurl.com goo.gl ow.ly buff.ly rebrand.ly cutt.ly aka.ms
    google.com google.fr gmail.com googlemail.com outlook.com office.com
    office365.com live.com hotmail.com hotmail.fr yahoo.com yahoo.fr icloud.com
    orange.fr wanadoo.fr free.fr sfr.fr laposte.net gmx.com gmx.fr
    protonmail.com proton.me microsoft.com apple.com
    safelinks.protection.outlook.com urldefense.com urldefense.proofpoint.com
    dropbox.com wetransfer.com we.tl box.com onedrive.live.com sharepoint.com
    drive.google.com docs.google.com forms.gle
    list-manage.com mailchimp.com sendinblue.com brevo.com hubspot.com
    hs-sites.com mailjet.com sendgrid.net""".split()
)
_REF_ID = r"[a-z]{0,6}[\-_/]?\d[\w\-/.]*"
_DOCUMENT = words(
    "commande", "facture", "devis", "order", "invoice", "quote", "client",
    "customer", "contrat", "contract", "dossier", "ticket", "po",
    "bon de commande", "purchase order",
)  # fmt: skip
_NUMBER_WORD = words("number", "numéro", "num", "nr", "no", "n°", "nº", "ref", "id")
# Company and tax numbers, then reference numbers ("n° ...", "order no ...").
_TAX_ID = re.compile(
    r"\b"
    + words(
        "iban",
        "bic",
        "swift",
        "siret",
        "siren",
        "rcs",
        "tva",
        "vat",
        "ape",
        "naf",
        "eori",
        "duns",
    )  # fmt: skip
    + r"\b[^\d\n]{0,24}?\d(?:[ .]?\d){5,13}",
    re.I,
)
_REFERENCE = re.compile(
    r"(?:(?:\bn[°º]|\bno\.|#|\b(?:ref|réf|référence|reference)\b\.?)"
    rf"\s*(?:(?:de |d'|of )?(?:la |the |votre |your )?{_DOCUMENT}\s*)?"
    rf"|\b{_DOCUMENT}\s*(?:{_NUMBER_WORD}\.?\s*[:.#°]?|#|:)"
    r")\s*[:.#°]?\s*" + _REF_ID,
    re.I,
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:\bfax|\btélécopie|\btelecopie|\bn[°º]|\bno\.|#|\bref|\bréf|\border"
    r"|\bcommande|\bfacture|\binvoice|\bsiret|\bsiren|\btva|\bvat|\biban|\bclient"
    r"|\bcustomer|\bdossier|\bcontrat|\bcontract|\bticket|\bpo)\b[^\n\d+]{0,12}$",
    re.I,
)
# A run of text in which a phone number may be: "+", "(", digits, spaces and
# phone punctuation (several numbers may share a run: "06 ... / 01 ...").
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d[\d \-.()/]{5,60}\d(?![\w])")
_NOT_A_PHONE_AFTER = re.compile(r"[\-/.]?\d|[\-/][a-z]", re.I)


def _add(found, value):
    if value not in found:
        found.append(value)


def find_emails(text, claims):
    """Lower-case e-mail addresses in order of appearance; claims them."""
    found = []
    for match in _EMAIL.finditer(text):
        address = match.group().lower()
        local = address.split("@", 1)[0]
        if ".." in address or local.endswith("."):
            continue
        claims.mark(match.start(), match.end())
        _add(found, address)
    return found


def _clean_url(match):
    """(end of the URL in the text, normalised URL) or None."""
    host = match.group("host") or match.group("www") or match.group("bare")
    rest = match.group("rest") or ""
    end = match.end()
    stripped = rest.rstrip(_TRAILING)
    while stripped.endswith(")") and stripped.count("(") < stripped.count(")"):
        stripped = stripped[:-1].rstrip(_TRAILING)
    end -= len(rest) - len(stripped)
    if match.group("scheme"):
        host = host.rstrip(_TRAILING)
        if not _HOST.fullmatch(host):
            return None
        if not rest:
            end = match.start("host") + len(host)
    elif match.group("bare"):
        ending = host.rsplit(".", 1)[1]
        if not ending.islower():  # "Thanks.It was ..." is not a website
            return None
    host = host.lower()
    name = host.split(":", 1)[0].removeprefix("www.")
    if (
        any(name == other or name.endswith("." + other) for other in _NOT_WEBSITES)
        or name.replace(".", "").isdigit()
    ):
        return None
    path = re.split(r"[?#]", stripped, maxsplit=1)[0].rstrip("/")
    return end, f"https://{host}{path}"


def find_websites(text, claims):
    """``https://`` URLs in order of appearance, one per site; claims them."""
    found, seen = [], set()
    for match in _URL.finditer(text):
        if not claims.free(match.start(), match.end()):
            continue
        cleaned = _clean_url(match)
        if cleaned is None:
            claims.mark(match.start(), match.end())
            continue
        end, url = cleaned
        claims.mark(match.start(), end)
        key = url.lower().removeprefix("https://").removeprefix("www.")
        if key not in seen:
            seen.add(key)
            found.append(url)
    return found


def claim_references(text, claims):
    """Claim IBANs, company and tax numbers and reference numbers."""
    for regex in (_IBAN, _TAX_ID, _REFERENCE):
        for match in regex.finditer(text):
            claims.mark(match.start(), match.end())


def region_of(country):
    """The region code phonenumbers knows for an ISO country code, or None."""
    if not isinstance(country, str):
        return None
    region = country.strip().upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def find_phones(text, claims, region):
    """E.164 phone numbers in order of appearance; claims them.

    The matcher of ``phonenumbers`` reads each run of digits, spaces and
    phone punctuation that is not claimed yet, instead of the whole text:
    the same numbers are found, many times faster on long texts.
    """
    found = []
    leniency = phonenumbers.Leniency.VALID
    for candidate in _PHONE_CANDIDATE.finditer(text):
        offset = candidate.start()
        if not claims.free(offset, candidate.end()):
            continue
        if len(found) >= MAX_PHONES:  # a directory, not a lead's numbers
            claims.mark(offset, candidate.end())
            continue
        matches = list(
            phonenumbers.PhoneNumberMatcher(
                candidate.group(), region, leniency=leniency
            )
        )
        starts = {offset + match.start for match in matches}
        for match in matches:
            start, end = offset + match.start, offset + match.end
            claims.mark(start, end)
            line_start = text.rfind("\n", 0, start) + 1
            if _NOT_A_PHONE_BEFORE.search(text, max(line_start, start - 40), start):
                continue
            # "0612345678/2" is a reference, "0612345678/0612345679" two numbers
            if _NOT_A_PHONE_AFTER.match(text, end) and not starts & {end, end + 1}:
                continue
            number = phonenumbers.format_number(
                match.number, phonenumbers.PhoneNumberFormat.E164
            )
            _add(found, number)
    return found
