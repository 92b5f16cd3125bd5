# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a lead already holds is not suggested again.

``without_known(found, known, default_country="FR")``: ``found`` is a result
of ``extract``; ``known`` has the same keys, each a value or a list of values
as the lead stores them (None and "" ignored): phones in any format,
addresses such as "Marie <marie@acme.fr>", websites with or without scheme
and "www.", the company name with or without its legal form. Returns a new
result without them.

>>> found = {"phones": ["+33612345678"], "emails": ["marie@acme.fr"],
...          "websites": ["https://www.acme.fr"], "company": "Acme SAS",
...          "amounts": [(25000.0, "EUR")], "dates": ["2027-03-16"]}
>>> known = {"phones": "06 12 34 56 78", "emails": "Marie <Marie@Acme.fr>",
...          "websites": "acme.fr/", "company": "ACME"}
>>> without_known(found, known)["phones"], without_known(found, known)["company"]
([], None)
>>> without_known(found, known)["amounts"]
[(25000.0, 'EUR')]

``value_key(name, value, default_country="FR")`` is the form in which a value
of ``name`` (a key of the result) is compared: two values with the same key
are the same detail (to store what was suggested once and not suggest it
again).

>>> value_key("websites", "https://www.Acme.fr/"), value_key("company", "ACME SAS")
('acme.fr', 'acme')
"""

import re
import unicodedata

import phonenumbers

_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_LEGAL_FORMS = frozenset(
    """sa sas sasu sarl eurl sci snc scop gmbh ag kg ltd limited llc llp inc corp
    corporation plc bv nv spa sl srl sarl oy ab""".split()
)


def _values(value):
    if value is None or value is False or value == "":
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [item for item in value if item not in (None, False, "")]
    return [value]


def _phone_key(value, region):
    try:
        number = phonenumbers.parse(str(value), region)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", str(value))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _website_key(value):
    value = str(value).strip().lower()
    value = re.sub(r"^[a-z]+://", "", value).removeprefix("www.")
    return re.split(r"[?#]", value, maxsplit=1)[0].rstrip("/")


def _company_key(value):
    text = unicodedata.normalize("NFKD", str(value).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w for w in re.findall(r"\w+", text.replace(".", "")) if w]
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


def _keys(default_country):
    region = (default_country or "").upper()
    region = region if region in phonenumbers.SUPPORTED_REGIONS else None
    return {
        "phones": lambda value: _phone_key(value, region),
        "emails": lambda value: str(value).strip().lower(),
        "websites": _website_key,
        "company": _company_key,
        "amounts": lambda value: value,
        "dates": lambda value: str(value),
    }


def value_key(name, value, default_country="FR"):
    """The compared form of ``value``, a value of ``name`` (see the module)."""
    return _keys(default_country)[name](value)


def without_known(found, known, default_country="FR"):
    """``found`` without the values ``known`` already (see the module)."""
    known = known or {}
    keys = _keys(default_country)
    result = dict(found)
    for name, key in keys.items():
        values = _values(known.get(name))
        if name == "emails":
            values = [a for v in values for a in _EMAIL.findall(str(v))]
        held = {key(value) for value in values}
        if name == "company":
            company = found.get("company")
            result[name] = None if company and key(company) in held else company
        else:
            result[name] = [v for v in found.get(name) or [] if key(v) not in held]
    return result
