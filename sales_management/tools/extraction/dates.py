# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dates written in English or French, resolved against ``today``.

Absolute dates: "2027-01-15", "15/01/2027", "15.01.2027", "15/01/27",
"15/01", "15 January 2027", "January 15th, 2027", "15th of January", "le
15 janvier", "1er avril", "mardi 3 mars", "mid-March", "mi-mars", "end of
January", "fin janvier", "début février", "early February"; both ends of "du
1er au 15 avril", "3-5 May", "June 12-14, 2027". Without a year, a date is
the next one on or after ``today``.

Numbers are read day first ("03/04" is 3 April), as in French and British
English, whatever the language of the text; month first only when
``month_first`` is set (the default country is the United States) or when
day first is impossible ("12/30"). "03/04" needs a separator "/", a day and a
month without a year need two digits in one of them ("3/4" is a fraction,
"24/7" and "7/7" are opening hours); "12.03" (a decimal) and "2.0.1" (a
version) are no dates.

Relative dates: "today", "tomorrow", "the day after tomorrow", "aujourd'hui",
"demain", "après-demain"; "next Tuesday" / "mardi prochain" (the first
Tuesday after today); "this Friday", "ce vendredi", "by Friday", "d'ici
vendredi", "avant vendredi" (the first Friday on or after today); "Tuesday
next week" / "mardi de la semaine prochaine"; "in 3 days", "in two weeks",
"within a month", "dans 10 jours", "dans quinze jours", "sous huitaine",
"d'ici 3 mois"; "next week" / "la semaine prochaine" (its Monday), "early
next week" (Monday), "end of the week" / "fin de semaine" (Friday), "end of
next week" (the Friday of next week); "next month" / "le mois prochain" and
"beginning of next month" (its 1st), "end of the month" / "fin du mois" (its
last day), "end of next month"; "end of the year" / "fin d'année" (31
December).

A weekday with a day of the month ("jeudi 11", "Thursday the 11th") is the
next such day within three months. A weekday alone ("on Tuesday", "mardi")
is not read: it names a past day as often as a future one ("following our
call on Tuesday"); nor is "yesterday" ("hier"): no date to plan.

>>> from datetime import date
>>> day = date(2027, 3, 10)  # a Wednesday
>>> [d for d, _span in find_dates("call back next Tuesday, or 15/01", day)]
['2027-03-16', '2028-01-15']
>>> [d for d, _span in find_dates("Rappel demain, devis fin du mois", day)]
['2027-03-11', '2027-03-31']
"""

import calendar
import re
from datetime import date, timedelta

from .claims import Claims
from .patterns import words

_MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "août": 8, "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "september": 9, "sept": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "december": 12, "déc": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
    "samedi": 5, "dimanche": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "douze": 12, "quinze": 15,
}  # fmt: skip
_UNIT_DAYS = {
    "day": 1,
    "jour": 1,
    "week": 7,
    "semaine": 7,
    "quinzaine": 15,
    "huitaine": 8,
}


_MONTH = r"(?P<month>" + words(*_MONTHS) + r")\.?(?![\w])"
_WEEKDAY = r"(?P<wd>" + words(*_WEEKDAYS) + r")(?![\w])"
_WEEKDAY_PREFIX = r"(?:(?:" + words(*_WEEKDAYS) + r")\.?,?\s+)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2})(?!\d))?"
_COUNT = r"(?P<n>\d{1,3}|" + words(*_NUMBER_WORDS) + r")"
# The finders read the text in lower case (as long as the text: see
# text.normalise), hence no re.I; and each checks in Python that it starts a
# word, which is faster than a leading \b.
_FLAGS = 0

_ISO = re.compile(
    r"(?<![\d/.\-:,])(?P<year>(?:19|20)\d{2})(?P<sep>[\-/.])(?P<month>\d{1,2})"
    r"(?P=sep)(?P<day>\d{1,2})(?![\d]|[/.\-]\d)"
)
_DAY_MONTH = re.compile(
    _WEEKDAY_PREFIX + r"(?:(?:le|the)\s+)?(?<![\d.,/:])(?P<day>\d{1,2})"
    r"(?:er|re|st|nd|rd|th|ème|e)?(?:\s+of)?\s+" + _MONTH + _YEAR,
    _FLAGS,
)
_DAY_RANGE = re.compile(
    r"(?:(?:du|from|between|entre(?: le)?)\s+)?(?<![\d.,/:])(?P<first>\d{1,2})"
    r"(?:er|st|nd|rd|th)?\s*(?:au|to|and|et|-|–)\s*(?:le\s+|the\s+)?"
    r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + _YEAR,
    _FLAGS,
)
_MONTH_DAY_RANGE = re.compile(
    _MONTH + r"\s+(?P<first>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])" + _YEAR,
    _FLAGS,
)
_MONTH_DAY = re.compile(
    _WEEKDAY_PREFIX + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?![\d:.,]\d|\d|\s*(?:h|am|pm|%)(?![a-z]))" + _YEAR,
    _FLAGS,
)
_WEEKDAY_DAY = re.compile(
    _WEEKDAY + r",?\s+(?:(?:le|the)\s+)?(?P<day>\d{1,2})(?:er|st|nd|rd|th)?"
    r"(?![\d:h]|[/.]\d|\s*(?:h\b|:|" + words(*_MONTHS) + r"))",
    _FLAGS,
)
_PART_OF_MONTH = re.compile(
    r"(?P<part>mid-|mid |middle of |mi-|fin |fin de |fin d'|fin du mois de "
    r"|fin du mois d'|end of |late |début |début de |début d'|debut |beginning of "
    r"|start of |early )" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d{2})(?!\d))?",
    _FLAGS,
)
_NUMERIC = re.compile(
    r"(?<![\d/.\-:,\w])(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})"
    r"(?P=sep)(?P<year>\d{4}|\d{2})(?![\d]|[/.\-]\d)"
)
_DAY_SLASH_MONTH = re.compile(
    r"(?<![\d/.\-:,\w])(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\d/]|[.,]\d)"
)
_NOT_A_DATE_BEFORE = re.compile(
    r"(?:\bv|\bversion|\bver\.|\brelease|\bbuild|\bpage|\bp\.|\bslide|\bétape"
    r"|\bstep|\bnote|\bscore|\brating|\bnoté|n°|#)\s*$",
    re.I,
)
_DATE_WORD_BEFORE = re.compile(
    r"\b(?:le|du|au|on|the|by|until|till|before|from|to|avant le|jusqu'au"
    r"|dès le|à partir du|deadline|date)\s*:?\s*$",
    re.I,
)
_FRACTION_AFTER = re.compile(r"\s*(?:d'|de |des |du |of )", re.I)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|jours?|days?|personnes?|people|users?|utilisateurs?|points?|pts"
    r"|ans|years?|mois|months?|heures?|hours?|h\b|ème|e\b|th\b)",
    re.I,
)
_DAY_AFTER_TOMORROW = re.compile(
    r"(?:the\s+)?day after tomorrow\b|apr[eè]s[- ]demain\b",
    _FLAGS,
)
_TODAY = re.compile(r"(?:today|aujourd'hui)\b", _FLAGS)
_TOMORROW = re.compile(r"(?:tomorrow|demain)\b", _FLAGS)
_WEEKDAY_NEXT_WEEK = re.compile(
    _WEEKDAY + r"\s+(?:of\s+)?(?:next week|de la semaine prochaine"
    r"|la semaine prochaine|semaine prochaine)\b",
    _FLAGS,
)
_NEXT_WEEKDAY = re.compile(
    r"next\s+"
    + _WEEKDAY
    + r"|"
    + _WEEKDAY.replace("wd", "wd2")
    + r"\s+(?:prochain|qui vient)\b",
    _FLAGS,
)
_THIS_WEEKDAY = re.compile(
    r"(?:this coming|this|coming|by|before|until|till|ce|d'ici|avant|jusqu'à"
    r"|jusqu'au|dès)\s+" + _WEEKDAY,
    _FLAGS,
)
_IN_COUNT = re.compile(
    r"(?:in|within|dans|sous|d'ici)\s+" + _COUNT + r"\s+(?P<unit>days?|weeks?"
    r"|months?|jours?|semaines?|mois)(?![\w-])"
    r"|sous\s+(?P<within>huitaine|quinzaine)\b",
    _FLAGS,
)
_PERIODS = [
    (r"end of next month|fin (?:du|de) mois prochain", "end_next_month"),
    (r"end of (?:the |this )?month|month[- ]end|fin (?:du|de|de ce) mois", "end_month"),
    (
        r"(?:beginning|start) of next month|early next month"
        r"|début (?:du|de) mois prochain",
        "next_month",
    ),
    (r"next month|(?:le )?mois prochain", "next_month"),
    (r"end of next week|fin de (?:la )?semaine prochaine", "end_next_week"),
    (r"end of (?:the |this )?week|fin de (?:la |cette )?semaine", "end_week"),
    (
        r"(?:beginning|start) of next week|early next week"
        r"|début de (?:la )?semaine prochaine",
        "next_week",
    ),
    (r"next week|(?:la )?semaine prochaine", "next_week"),
    (
        r"end of (?:the |this )?year|year[- ]end|fin (?:de l'|d')année"
        r"|fin de cette année",
        "end_year",
    ),
]
_PERIOD = re.compile(
    "|".join(rf"(?P<{name}{i}>{regex})\b" for i, (regex, name) in enumerate(_PERIODS)),
    _FLAGS,
)


def add_months(day, months):
    """``day`` moved by ``months`` months, clamped to the end of the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _safe_date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


def next_occurrence(today, month, day):
    """The first ``day``/``month`` on or after ``today`` (None if none)."""
    for year in range(today.year, today.year + 9):
        found = _safe_date(year, month, day)
        if found and found >= today:
            return found
        if found is None and not (month == 2 and day == 29):
            return None
    return None


def _dated(today, year, month, day):
    if year is None:
        return next_occurrence(today, month, day)
    return _safe_date(year, month, day)


def _year(written):
    if not written:
        return None
    year = int(written)
    return 2000 + year if year < 100 else year


def _month(match, context):
    start, end = match.span("month")
    if context[0][start:end] == "may":  # the English verb, not the month (May)
        return None
    return _MONTHS.get(match["month"])


def _iso(match, today, context):
    return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))


def _textual(match, today, context):
    month = _month(match, context)
    if month is None:
        return None
    return _dated(today, _year(match["year"]), month, int(match["day"]))


def _day_range(match, today, context):
    """Both ends of "du 1er au 15 avril", "from 3 to 5 May"."""
    last = _textual(match, today, context)
    first = int(match["first"])
    if last is None or not 1 <= first < last.day:
        return None
    return [last.replace(day=first), last]


def _weekday_day(match, today, context):
    """ "jeudi 11", "Thursday the 11th": the next 11th that is a Thursday."""
    weekday, day = _WEEKDAYS[match["wd"]], int(match["day"])
    first = today.replace(day=1)
    for months in range(3):
        found = _safe_date(*add_months(first, months).timetuple()[:2], day)
        if found and found >= today and found.weekday() == weekday:
            return found
    return None


def _part_of_month(match, today, context):
    month = _month(match, context)
    if month is None:
        return None
    part = match["part"].lower()

    def day_in(year):
        if part.startswith("mi"):
            return 15
        if part.startswith(("fin", "end", "late")):
            return calendar.monthrange(year, month)[1]
        return 1

    year = _year(match["year"])
    if year is not None:
        return date(year, month, day_in(year))
    for year in (today.year, today.year + 1):
        found = date(year, month, day_in(year))
        if found >= today:
            return found
    return None


def _day_and_month(first, second, month_first):
    """(day, month) of "first/second", or None."""
    day, month = (second, first) if month_first else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        day, month = month, day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return day, month


def _numeric(match, today, context):
    text, month_first = context
    if _NOT_A_DATE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return None
    written_year, separator = match["year"], match["sep"]
    if len(written_year) == 2 and (
        separator == "-"
        or (separator == "." and len(match["day"] + match["month"]) < 4)
    ):
        return None
    parts = _day_and_month(int(match["day"]), int(match["month"]), month_first)
    if parts is None:
        return None
    return _safe_date(_year(written_year), parts[1], parts[0])


def _day_slash_month(match, today, context):
    text, month_first = context
    first, second = match["day"], match["month"]
    start = match.start()
    if _NOT_A_DATE_BEFORE.search(text, max(0, start - 12), start):
        return None
    if f"{first}/{second}" in ("24/7", "7/7", "24/24") or _UNIT_AFTER.match(
        text, match.end()
    ):
        return None
    if len(first) == 1 and len(second) == 1:  # "3/4 des clients", "le 3/4"
        if _FRACTION_AFTER.match(text, match.end()) or not _DATE_WORD_BEFORE.search(
            text, max(0, start - 20), start
        ):
            return None
    parts = _day_and_month(int(first), int(second), month_first)
    if parts is None:
        return None
    return next_occurrence(today, parts[1], parts[0])


def _days_from_today(days):
    return lambda match, today, context: today + timedelta(days=days)


def _weekday_next_week(match, today, context):
    monday = today + timedelta(days=7 - today.weekday())
    return monday + timedelta(days=_WEEKDAYS[match["wd"].lower()])


def _next_weekday(match, today, context):
    weekday = _WEEKDAYS[(match["wd"] or match["wd2"]).lower()]
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _this_weekday(match, today, context):
    weekday = _WEEKDAYS[match["wd"].lower()]
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _in_count(match, today, context):
    if match["within"]:
        return today + timedelta(days=_UNIT_DAYS[match["within"].lower()])
    written = match["n"].lower()
    count = int(written) if written.isdigit() else _NUMBER_WORDS[written]
    unit = match["unit"].lower().rstrip("s")
    if unit in ("month", "moi"):
        return add_months(today, count) if count <= 120 else None
    return today + timedelta(days=count * _UNIT_DAYS[unit]) if count <= 999 else None


def _period(match, today, context):
    name = match.lastgroup.rstrip("0123456789")
    next_monday = today + timedelta(days=7 - today.weekday())
    if name == "end_next_month":
        return add_months(today.replace(day=1), 2) - timedelta(days=1)
    if name == "end_month":
        return add_months(today.replace(day=1), 1) - timedelta(days=1)
    if name == "next_month":
        return add_months(today.replace(day=1), 1)
    if name == "end_next_week":
        return next_monday + timedelta(days=4)
    if name == "end_week":
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if name == "next_week":
        return next_monday
    return date(today.year, 12, 31)


# Words one of which a text holds when a finder can match in it: finders
# whose words are all missing are not run (most texts name no weekday).
_MONTH_STEMS = ("jan", "fév", "fev", "feb", "mar", "avr", "apr", "mai", "may",
                "jun", "juin", "jul", "juil", "aug", "ao", "sep", "oct", "nov",
                "dec", "déc")  # fmt: skip
_WEEKDAY_NAMES = tuple(_WEEKDAYS)
_DIGIT_SEPARATOR_DIGIT = re.compile(r"\d[/.\-]\d")

# In this order: a span read by one is not read again by the next.
_FINDERS = (
    (_ISO, _iso, None),
    (_DAY_RANGE, _day_range, _MONTH_STEMS),
    (_MONTH_DAY_RANGE, _day_range, _MONTH_STEMS),
    (_DAY_MONTH, _textual, _MONTH_STEMS),
    (_PART_OF_MONTH, _part_of_month, ("mi", "fin", "end", "late", "but", "start",
                                      "early")),
    (_MONTH_DAY, _textual, _MONTH_STEMS),
    (_WEEKDAY_DAY, _weekday_day, _WEEKDAY_NAMES),
    (_NUMERIC, _numeric, None),
    (_DAY_SLASH_MONTH, _day_slash_month, ("/",)),
    (_DAY_AFTER_TOMORROW, _days_from_today(2), ("tomorrow", "demain")),
    (_TODAY, _days_from_today(0), ("today", "aujourd")),
    (_TOMORROW, _days_from_today(1), ("tomorrow", "demain")),
    (_WEEKDAY_NEXT_WEEK, _weekday_next_week, ("next week", "semaine prochaine")),
    (_NEXT_WEEKDAY, _next_weekday, ("next", "prochain", "qui vient")),
    (_THIS_WEEKDAY, _this_weekday, _WEEKDAY_NAMES),
    (_IN_COUNT, _in_count, ("day", "week", "month", "jour", "semaine", "mois",
                            "huitaine", "quinzaine")),
    (_PERIOD, _period, ("week", "month", "year", "semaine", "mois", "année")),
)  # fmt: skip


def _inside_word(text, start):
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-")


def find_dates(text, today, claims=None, month_first=False):
    """[(ISO date, (start, end))] of the dates in ``text``; claims them."""
    found = []
    claims = Claims(text) if claims is None else claims
    context = (text, month_first)
    lowered = text.lower()
    if len(lowered) != len(text):  # only "\u0130" grows, text.normalise drops it
        lowered = text.replace("\u0130", "I").lower()
    numbers = bool(_DIGIT_SEPARATOR_DIGIT.search(text))
    for regex, resolve, needs in _FINDERS:
        if needs is None and not numbers:
            continue
        if needs and not any(word in lowered for word in needs):
            continue
        for match in regex.finditer(lowered):
            start, end = match.span()
            if not claims.free(start, end) or _inside_word(lowered, start):
                continue
            try:
                day = resolve(match, today, context)
            except (ValueError, OverflowError):
                day = None
            if day is None:
                continue
            claims.mark(start, end)
            for each in day if isinstance(day, list) else [day]:
                found.append((each.isoformat(), (start, end)))
    return sorted(found, key=lambda item: item[1])
