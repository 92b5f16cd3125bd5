# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Amounts of money: ``(value, ISO currency or None)``.

An amount is a number next to a currency ("€12,500", "12 500 €", "EUR 3k",
"1,2 M€", "15 000 euros", "CHF 1'200.50", "3 millions d'euros"), or a number
after a budget word ("budget of 40000", "enveloppe de 40 000"), which has no
currency (None) unless a currency follows it.

Reading the number:

* a space, an apostrophe and a narrow no-break space always group thousands;
* "." and ",": when both appear, the last one is the decimal separator; a
  single one followed by exactly three digits groups thousands ("12,500",
  "12.500" = 12500), by one or two digits it is the decimal separator ("1,2",
  "12.50"), except before a multiplier ("1.250 M€" = 1.25 million);
* multipliers: k/K (thousand), M, Mio, million(s), m right after the
  number ("$2.5m"), Md/Mds/milliard(s), bn/billion (10**9), mille/thousand.

"$" alone is USD, "¥" JPY, "Fr." and "francs suisses" CHF. Never read as an
amount: a number followed by "%" or by a unit ("20 users", "40 jours"), a
year after a budget word ("budget 2027"), the share capital of a company
("au capital de 10 000 €"), digits of a phone number, a date or a reference.
"10-15 k€" and "entre 10 000 et 15 000 €" give both ends, with the currency
(and the multiplier) of the second.

>>> found = find_amounts("Budget: 12 500 € HT, or $1.2M", with_currency=True)
>>> [amount for amount, _span in found]
[(12500.0, 'EUR'), (1200000.0, 'USD')]
"""

import re

from .claims import Claims

_NUMBER = (
    r"(?:\d{1,3}(?:[ .,']\d{3})+(?:[.,]\d{1,2})?(?![\d])"
    r"|\d{1,12}(?:[.,]\d{1,2})?(?![\d]))"
)
_MULTIPLIERS = {
    "k": 1e3,
    "mille": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mio": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "bn": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e9,
    "billions": 1e9,
}
_MULTIPLIER = (
    r"(?:[kK]|M|Mio|Mn|Mds?|Mrd|bn|(?<=\d)m"
    r"|(?i:millions?|milliards?|billions?|mille|thousand))(?![a-zA-Z])"
)
_CURRENCY_CODES = (
    "EUR USD GBP CHF CAD AUD JPY CNY SEK NOK DKK PLN CZK HUF RON MAD TND DZD XOF"
    " XAF AED SGD HKD NZD ZAR BRL MXN INR"
).split()
_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "£": "GBP",
    "¥": "JPY",
    "fr.": "CHF",
    "sfr.": "CHF",
    "sfr": "CHF",
}
_WORDS = (
    (re.compile(r"euro", re.I), "EUR"),
    (re.compile(r"dollars? (?:canadiens?|canadian)", re.I), "CAD"),
    (re.compile(r"dollar", re.I), "USD"),
    (re.compile(r"livre|pound", re.I), "GBP"),
    (re.compile(r"franc", re.I), "CHF"),
)
# Codes in capitals; in lower case only the common ones ("15 mad" is no amount).
_CODE = r"(?:" + "|".join(_CURRENCY_CODES) + r"|(?i:eur|usd|gbp|chf))"
_CURRENCY_BEFORE = r"(?:US\$|CA\$|CAD\$|C\$|AU\$|A\$|€|\$|£|¥|S?Fr\.|" + _CODE + r")"
_CURRENCY_AFTER = (
    r"(?:€|\$|£|¥|" + _CODE + r"(?![a-zA-Z])"
    r"|(?i:euros?|dollars?(?: (?:us|américains?|canadiens?|canadian))?"
    r"|livres? sterling|pounds? sterling|francs? suisses?|swiss francs?)"
    r"(?![a-zA-Z]))"
)
_AFTER = re.compile(
    r"(?<![\w.,'])(?<!\d[ .,'])(?P<num>"
    + _NUMBER
    + r")\s?(?P<mult>"
    + _MULTIPLIER
    + r")?\s?(?:(?:de |d')\s?)?(?P<cur>"
    + _CURRENCY_AFTER
    + r")"
)
_BEFORE = re.compile(
    r"(?<![\w$€£¥])(?P<cur>"
    + _CURRENCY_BEFORE
    + r")\s?(?P<num>"
    + _NUMBER
    + r")(?:\s?(?P<mult>"
    + _MULTIPLIER
    + r"))?(?![\w€$£]|[ .,']\d)"
)
_BUDGET = re.compile(
    r"\b(?i:budget|budgets|enveloppe|budgétaire)\b[^\d\n%€$£]{0,30}?"
    r"(?<![\w.,'])(?P<num>" + _NUMBER + r")(?:\s?(?P<mult>" + _MULTIPLIER + r"))?"
    r"(?![\w%€$£]|[ .,']\d)"
)
_RANGE_BEFORE = re.compile(
    r"(?<![\w.,'])(?<!\d[ .,'])(?P<num>"
    + _NUMBER
    + r")\s?(?P<mult>"
    + _MULTIPLIER
    + r")?\s?(?P<cur>"
    + _CURRENCY_AFTER
    + r")?"
    r"\s?(?:-|–|à|to|and|et)\s?$"
)
_CURRENCY_END = re.compile(r"(?:[€$£¥]|\b[A-Z]{3})\s?$")
_CAPITAL_BEFORE = re.compile(
    r"(?i:capital(?: social)?|share capital|capital stock)\s*(?:de|of|:)?\s*"
    r"(?:[A-Z]{3}\s?|[€$£]\s?)?$"
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|pour ?cent|percent|per ?cent|(?i:users?|utilisateurs?|licen[cs]es?"
    r"|seats?|postes?|personnes?|people|persons?|employ[ée]+s?|salariés?"
    r"|collaborateurs?|units?|unités?|pièces?|pcs|items?|articles?|jours?|days?"
    r"|mois|months?|ans?|années?|years?|semaines?|weeks?|heures?|hours?|h\b"
    r"|minutes?|min\b|km|kg|tonnes?|m2|m²|m3|sites?|magasins?|stores?"
    r"|agences?|boutiques?|clients?|customers?|comptes?|accounts?)(?![a-zA-Z]))"
)
_THOUSANDS = re.compile(r"(\d{1,3})((?P<sep>[ .,'])\d{3}(?:(?P=sep)\d{3})*)([.,]\d+)?")


def parse_number(text, multiplied=False):
    """The value of a written number (see the module), or None.

    >>> parse_number("12.500,00"), parse_number("1,2"), parse_number("12,500")
    (12500.0, 1.2, 12500.0)
    >>> parse_number("1.250", multiplied=True), parse_number("1,200,50")
    (1.25, None)
    """
    grouped = _THOUSANDS.fullmatch(text)
    if grouped:
        separator, decimals = grouped.group("sep"), grouped.group(4)
        if decimals and decimals[0] == separator:
            return None
        digits = grouped.group(1) + grouped.group(2).replace(separator, "")
        if multiplied and not decimals and separator in ".," and len(digits) <= 6:
            return float(digits[:-3] + "." + digits[-3:])
        return float(digits + (decimals or "").replace(",", "."))
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return None
    return float(text.replace(",", "."))


def currency_code(written):
    """ISO code of a written currency ("€", "usd", "euros"), or None."""
    if not written:
        return None
    written = written.strip()
    if written.upper() in _CURRENCY_CODES:
        return written.upper()
    code = _SYMBOLS.get(written.lower())
    if code:
        return code
    for regex, code in _WORDS:
        if regex.match(written):
            return code
    return None


def _value(match, group_num="num", group_mult="mult"):
    multiplier = match.group(group_mult)
    value = parse_number(match.group(group_num), multiplied=bool(multiplier))
    if value is None:
        return None
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    return round(value, 2)


def _range_start(text, match, currency):
    """The amount that starts a range ending with ``match``, or None."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = _RANGE_BEFORE.search(
        text, max(line_start, match.start() - 40), match.start()
    )
    if not before or _CURRENCY_END.search(
        text, max(0, before.start() - 4), before.start()
    ):
        return None  # "$2,000 and 12 500 €": two amounts
    low = _value(before)
    if low is None:
        return None
    if not before.group("mult") and match.group("mult"):
        low = round(low * _MULTIPLIERS[match.group("mult").lower()], 2)
    high = _value(match)
    if before.group("cur") and currency_code(before.group("cur")) != currency:
        return None
    if high is None or not 0 < low < high:
        return None
    return (low, currency), (before.start(), before.end())


def _is_capital(text, start):
    return bool(_CAPITAL_BEFORE.search(text, max(0, start - 40), start))


def find_amounts(text, claims=None, with_currency=False):
    """[((value, currency), (start, end))] of the amounts; with
    ``with_currency`` only those with a currency, else only budgets without
    one. Claims what it reads."""
    found = []
    claims = Claims(text) if claims is None else claims
    regexes = (_AFTER, _BEFORE) if with_currency else (_BUDGET,)
    for regex in regexes:
        for match in regex.finditer(text):
            start, end = match.start("num"), match.end()
            if regex is _BEFORE:
                start = match.start()
            if not claims.free(start, end):
                continue
            claims.mark(start, end)
            if _is_capital(text, start):
                continue
            value = _value(match)
            if value is None or value <= 0:
                continue
            if regex is _BUDGET:
                if _UNIT_AFTER.match(text, end) or _is_year(match):
                    continue
                if match.group("mult") == "m":  # "budget 3m": months?
                    continue
                found.append(((value, None), (start, end)))
                continue
            currency = currency_code(match.group("cur"))
            if regex is _AFTER:
                low = _range_start(text, match, currency)
                if low and claims.free(*low[1]):
                    claims.mark(*low[1])
                    found.append((low[0], low[1]))
            found.append(((value, currency), (start, end)))
    return sorted(found, key=lambda item: item[1])


def _is_year(match):
    written = match.group("num")
    return (
        not match.group("mult")
        and len(written) == 4
        and written.isdigit()
        and 1900 <= int(written) <= 2100
    )
