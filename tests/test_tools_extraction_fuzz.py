"""Robustness of sales_management/tools/extraction: whatever it is given,
``extract`` returns a result of the promised shape and never raises.

The inputs are random but seeded (the same on every run): strings mixing the
characters that matter to the finders (digits, separators, currency signs,
"@", "<", month and weekday names ...), random bytes, and damaged versions of
realistic emails.
"""

import random
import re
from datetime import date

import pytest
from sales_management_tools import extraction  # tests/conftest.py
from sales_management_tools.extraction import known

TODAY = date(2027, 3, 10)
ALPHABET = (
    "0123456789          +-./,:;'()<>@#%€$£¥&\n\n\t\u00a0\u202f\u200bé"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\x00\ufffd"
)
TOKENS = [
    "06 12 34 56 78", "+33 (0)1 42 68 53 00", "marie@acme.fr", "www.acme.fr",
    "https://x.io/a?b", "12 500 €", "$1.2M", "budget", "15/01", "2027-01-15",
    "next Tuesday", "mardi prochain", "demain", "fin du mois", "dans 2 semaines",
    "On Mon, 1 Mar 2027, Bob <b@x.fr> wrote:", "> quoted", "Le 2 mars, X a écrit :",
    "-----Original Message-----", "From: a\nSent: b\nSubject: TR: c", "SAS", "Ltd",
    "Cordialement,", "Best regards,", "<br>", "<blockquote>", "</blockquote>",
    "<div class='x'>", "&nbsp;", "&euro;", "<p", "<!--", "chez Acme", "Company:",
    "IBAN FR76 3000 6000 0112 3456 7890 189", "n° 12345", "15 %", "24/7", "k€",
    "29/02", "31/02/2027", "00/00", "99/99/9999", "January 32", "in 999 months",
]  # fmt: skip
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_shape(found):
    assert list(found) == list(extraction.KEYS)
    for key in ("phones", "emails", "websites", "dates"):
        assert isinstance(found[key], list)
        assert all(isinstance(value, str) for value in found[key])
        assert len(set(found[key])) == len(found[key]), key
    assert all(re.fullmatch(r"\+\d{6,15}", phone) for phone in found["phones"])
    assert all(e == e.lower() and "@" in e for e in found["emails"])
    assert all(w.startswith("https://") for w in found["websites"])
    assert all(ISO_DATE.fullmatch(d) and date.fromisoformat(d) for d in found["dates"])
    assert found["company"] is None or (
        isinstance(found["company"], str) and found["company"].strip()
    )
    assert isinstance(found["amounts"], list)
    assert len(set(found["amounts"])) == len(found["amounts"])
    for value, currency in found["amounts"]:
        assert isinstance(value, float) and value > 0
        assert currency is None or re.fullmatch(r"[A-Z]{3}", currency)


def random_texts(seed, count):
    chance = random.Random(seed)
    for _ in range(count):
        if chance.random() < 0.5:
            size = chance.randint(0, 300)
            yield "".join(chance.choice(ALPHABET) for _ in range(size))
        else:
            parts = chance.choices(TOKENS + list(ALPHABET), k=chance.randint(1, 40))
            yield chance.choice(["", " ", "\n"]).join(parts)


@pytest.mark.parametrize("seed", range(8))
def test_random_strings_never_raise(seed):
    for text in random_texts(seed, 150):
        check_shape(extraction.extract(text, today=TODAY))


@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_never_raise(seed):
    chance = random.Random(seed)
    for _ in range(100):
        data = bytes(chance.randrange(256) for _ in range(chance.randint(0, 200)))
        check_shape(extraction.extract(data, today=TODAY))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"default_country": "US"},
        {"default_country": "xx"},
        {"default_country": None},
        {"default_country": 33},
        {"today": None},
        {"today": date(2027, 12, 31)},
        {"today": date(2028, 2, 29)},
        {"today": "2027-03-10"},
    ],
)
def test_options_of_any_kind(options):
    email = "Rappel le 29/02, fin février, 15/01, next Friday: 06 12 34 56 78, 5 k€"
    check_shape(extraction.extract(email, **options))


HTML_EMAIL = """<html><head><style>p {margin:0}</style></head><body>
<p>Hi team,</p><p>We&#39;d like 25&nbsp;users at $18,500 per year, signed by
April&nbsp;15th.</p><p>Thanks,</p><table><tr><td><img src="cid:logo.png"></td>
<td><b>David Chen</b><br>VP Operations | Brightline Logistics<br>
T:&nbsp;+1&nbsp;(646)&nbsp;555-3890<br><a href="https://brightline.io">brightline.io</a>
</td></tr></table><div class="gmail_quote">On Mon, Mar 8, 2027 Bob &lt;b@x.fr&gt;
wrote:<blockquote>Our price is 9 800 &euro;.</blockquote></div></body></html>"""


def test_damaged_realistic_emails_never_raise():
    chance = random.Random(1)
    for _ in range(80):
        cut = sorted(chance.sample(range(len(HTML_EMAIL)), 2))
        damaged = HTML_EMAIL[: cut[0]] + HTML_EMAIL[cut[1] :]
        check_shape(extraction.extract(damaged, today=TODAY))
        check_shape(extraction.extract(damaged.encode("utf-16"), today=TODAY))


def test_unbalanced_markup_and_long_inputs_stay_fast():
    import time

    texts = [
        "<div " * 20_000,
        "<p>" + "a" * 200_000,
        "x" * 500_000,
        "1" * 100_000,
        "1 " * 50_000,
        "the email " + "a " * 30_000 + "confidential",
        ("06 12 34 56 78 " * 3000),
    ]
    for text in texts:
        start = time.process_time()
        check_shape(extraction.extract(text, today=TODAY))
        assert time.process_time() - start < 5, text[:20]


def test_without_known_keeps_the_shape():
    found = extraction.extract(
        "Marie, marie@acme.fr, 06 12 34 56 78, www.acme.fr, Acme SAS, 5 k€, demain",
        today=TODAY,
    )
    for held in (None, {}, {"phones": "garbage", "emails": None, "websites": [""]}):
        check_shape(known.without_known(found, held))
    assert known.without_known(found, {"phones": ["+33 6 12 34 56 78"]})["phones"] == []
